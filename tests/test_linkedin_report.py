"""LinkedIn through the whole pipeline (issue 18): Basic and Complete sample exports of a US,
German, UK and Canadian member -> `auditor report` / `auditor export`, item by item.

The expectations are the rule files said in plain words (`expected` below), written apart
from the engine: where they disagree, one of the two is wrong.
"""

import csv
import io
import json
from collections import Counter
from datetime import UTC, datetime

import pytest
from markupsafe import escape

from auditor.exposure import load_rules
from auditor.platforms.linkedin.sample import PLACES, SampleOptions, build_sample
from auditor.platforms.linkedin.vocabulary import LATE_COUNTRIES, MENU_PATH, VOCABULARY

POLICY = datetime(2024, 9, 18, tzinfo=UTC)  # the global privacy policy's training sentence
EU_NOTICE = datetime(2025, 2, 27, tzinfo=UTC)  # European notice: no content-generating use
EUROPE = datetime(2025, 11, 3, tzinfo=UTC)  # Europe (and Canada, Hong Kong) included
CONTENT = ("post", "article", "comment", "repost", "poll_vote", "ai_chat")
OPT_OUT = datetime(2025, 1, 1, tzinfo=UTC)


def expected(country: str, category: str, created: datetime, as_of: datetime, opted=None):
    """linkedin_training status of a live item and the first day it counts (None if none)."""
    end = min(as_of, opted or as_of)  # opting out ends the setting's windows, not retroactive
    if category == "reaction":
        return "not_exposed", None  # no term names reactions
    if country in ("DE", "GB"):
        return _europe(category, created, end, as_of)
    late = country in LATE_COUNTRIES
    if category in ("message", "group_message"):  # ROW: press says excluded, so uncertain
        start = max(created, POLICY)
        return ("uncertain", start) if start < end else ("not_exposed", None)
    start = max(created, EUROPE if late else POLICY)
    if start < end:
        return "exposed", start
    if late and max(created, POLICY) < min(end, EUROPE):  # before: only the press says no
        return "uncertain", max(created, POLICY)
    return "not_exposed", None


def _europe(category, created, end, as_of):
    if category == "message":
        return "not_exposed", None  # never named; the notice leaves them out
    start = max(created, EUROPE)
    if category in CONTENT and start < end:
        return "exposed", start
    uncertain = []  # equal statuses: the earliest window decides
    # 2024-09-18 to 2025-02-27 the exclusion is only LinkedIn's word (no setting): uncertain.
    if max(created, POLICY) < min(as_of, EU_NOTICE):
        uncertain.append(max(created, POLICY))
    if category == "group_message" and start < end:  # "group messages": which ones is unsaid
        uncertain.append(start)
    return ("uncertain", min(uncertain)) if uncertain else ("not_exposed", None)


@pytest.fixture(scope="module", params=[(r, c) for r in PLACES for c in (True, False)],
                ids=lambda p: f"{p[0]}-{'complete' if p[1] else 'basic'}")  # fmt: skip
def export(request, tmp_path_factory):
    region, complete = request.param
    return build_sample(tmp_path_factory.mktemp("li-report"), SampleOptions(region, complete))


def report_json(run, path, tmp_path, *flags) -> dict:
    out = tmp_path / "s.json"
    result = run("report", path, "--format", "json", "-o", out, "-q", *flags)
    assert result.exit_code in (0, 7), result.output  # the sample plants bad rows: 7
    return json.loads(out.read_text())


def item_rows(run, path, tmp_path, *flags) -> list[dict]:
    out = tmp_path / "items.csv"
    result = run("export", path, "-o", out, "-q", *flags)
    assert result.exit_code in (0, 7), result.output
    return list(csv.DictReader(io.StringIO(out.read_text())))


def when(text: str) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def check_items(rows, country, as_of, opted=None) -> Counter:
    """Every item's status and first day as the rules say; returns the counts per category."""
    counts = Counter()
    for row in rows:
        status, first = expected(country, row["category"], when(row["created"]), as_of, opted)
        got = (row["linkedin_training_status"], when(row["linkedin_training_first"]))
        assert got == (status, first if status != "not_exposed" else None), row
        counts[row["category"], status] += 1
    return counts


@pytest.mark.parametrize(
    "as_of, opted",
    [(None, None), ("2025-10-01", None), (None, OPT_OUT)],
    ids=["at-export", "before-2025-11-03", "opted-out-2025-01-01"],
)
def test_every_item_follows_the_rules(run, export, tmp_path, as_of, opted):
    flags = ["--as-of", as_of] if as_of else []
    if opted:
        flags += ["--opt-out", f"data-for-generative-ai-improvement={opted:%Y-%m-%d}"]
    summary = report_json(run, export.path, tmp_path, *flags)
    assert summary["archive"]["platform"] == "linkedin"
    assert summary["region"]["country"] == export.region  # inferred from the export
    moment = datetime.fromisoformat(summary["as_of"].replace("Z", "+00:00"))
    rows = item_rows(run, export.path, tmp_path, *flags)
    assert Counter(row["category"] for row in rows) == +Counter(export.counts)
    counts = check_items(rows, export.region, moment, opted)
    for category, cells in summary["exposure"]["linkedin_training"].items():
        for status, number in cells.items():
            assert number == counts[category, status], (category, status)


def test_opting_out_stops_later_exposure_only(run, export, tmp_path):
    flag = f"data-for-generative-ai-improvement={OPT_OUT:%Y-%m-%d}"
    before = item_rows(run, export.path, tmp_path)
    after = item_rows(run, export.path, tmp_path, "--opt-out", flag)
    for old, new in zip(before, after, strict=True):
        if new["linkedin_training_status"] == "exposed":
            assert when(new["linkedin_training_first"]) < OPT_OUT  # not retroactive
        if when(old["created"]) >= OPT_OUT:  # Europe: uncertain where only LinkedIn's word
            assert new["linkedin_training_status"] != "exposed"


def test_uk_shares_with_microsoft_from_2025_11_03(run, tmp_path):
    truth = build_sample(tmp_path, SampleOptions("GB"))
    rows = item_rows(run, truth.path, tmp_path)
    shared = [row for row in rows if row["category"] in ("post", "article", "comment")]
    assert shared
    for row in shared:
        first = max(when(row["created"]), EUROPE)
        assert (row["microsoft_training_status"], when(row["microsoft_training_first"])) == (
            "exposed",
            first,
        )
        assert row["microsoft_training_rule"] == "linkedin-eu-2025-microsoft-uk"
    german = item_rows(run, build_sample(tmp_path / "de", SampleOptions("DE")).path, tmp_path)
    assert {row["microsoft_training_status"] for row in german} == {"not_exposed"}


def test_canada_is_uncertain_before_and_exposed_from_2025_11_03(run, tmp_path):
    truth = build_sample(tmp_path, SampleOptions("CA"))
    early = report_json(run, truth.path, tmp_path, "--as-of", "2025-10-01")
    posts = early["exposure"]["linkedin_training"]["post"]
    assert posts["exposed"] == 0 and posts["uncertain"] > 0
    late = report_json(run, truth.path, tmp_path)
    own = {r["rule"]: r["items"] for r in late["rules_applied"]}
    assert own["linkedin-ca-hk-2025-own-training"] > 0
    assert "linkedin-pp-2024-own-training" not in own
    # The same export said to be a US member's: exposed from 2024-09-18.
    us = report_json(run, truth.path, tmp_path, "--as-of", "2025-10-01", "--region", "US")
    assert us["exposure"]["linkedin_training"]["post"]["exposed"] == posts["uncertain"]


@pytest.fixture(scope="module")
def complete_de(tmp_path_factory):
    return build_sample(tmp_path_factory.mktemp("li-html"), SampleOptions("DE"))


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_html_in_every_language_has_no_untranslated_rule_text(run, complete_de, tmp_path, language):
    out = tmp_path / f"li-{language}.html"
    result = run("report", complete_de.path, "-f", "html", "--lang", language, "-o", out, "-q")
    assert result.exit_code == 7, result.output  # the sample plants two bad rows
    html = out.read_text()
    assert escape(VOCABULARY.narrative.heading.get(language)) in html
    assert escape(MENU_PATH.get(language)) in html
    assert escape(VOCABULARY.narrative.actions[0].title.get(language)) in html
    english = [rule.explanation for rule in load_rules("linkedin")]
    shown = [text for text in english if escape(text) in html]
    if language == "en":
        assert shown  # the rules that decided something are explained
    else:
        assert shown == []
    assert "Grok" not in html and "x.com" not in html


def test_pdf_opens(run, complete_de, tmp_path):
    from pypdf import PdfReader

    out = tmp_path / "li.pdf"
    result = run("report", complete_de.path, "--lang", "de", "-o", out, "-q")
    assert result.exit_code == 7, result.output
    reader = PdfReader(out)
    assert len(reader.pages) > 1
    first = reader.pages[0].extract_text()
    assert "LinkedIn" in first and "Grok" not in first


def test_sample_command_builds_linkedin_exports(run, tmp_path):
    out, truth = tmp_path / "li.zip", tmp_path / "truth.json"
    result = run("sample", out, "--platform", "linkedin", "--region", "CA", "--truth", truth)
    assert result.exit_code == 0, result.output
    told = json.loads(truth.read_text())
    assert (told["kind"], told["region"]) == ("Complete", "CA")
    summary = report_json(run, out, tmp_path)
    assert summary["region"]["country"] == "CA"
    got = {k: sum(v.values()) for k, v in summary["exposure"]["linkedin_training"].items()}
    assert {k: v for k, v in got.items() if v} == {k: v for k, v in told["counts"].items() if v}
    basic = tmp_path / "Basic_LinkedInDataExport.zip"
    result = run("sample", basic, "--platform", "linkedin", "--region", "GB", "--truth", truth)
    assert result.exit_code == 0, result.output
    assert json.loads(truth.read_text())["kind"] == "Basic"
    assert (basic.stat().st_mode & 0o777) == 0o600
    assert (
        run("sample", tmp_path / "x.zip", "--platform", "linkedin", "--region", "FR").exit_code == 2
    )


def test_policies_name_the_countries_a_rule_is_limited_to(run):
    result = run("policies", "linkedin-pp-2024-own-training")
    assert result.exit_code == 0 and "regions ROW (except CA, HK)" in result.stdout
    result = run("policies", "linkedin-ca-hk-2025-own-training")
    assert "regions ROW (only CA, HK)" in result.stdout
