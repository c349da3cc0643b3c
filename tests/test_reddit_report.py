"""Reddit through the whole pipeline: the seam's proof (issue 16). X's own tests are unchanged."""

import csv
import io
import json

import pytest
from markupsafe import escape

from auditor.platforms.reddit.sample import SampleOptions, build_sample
from auditor.platforms.reddit.vocabulary import VOCABULARY

from .conftest import make_zip

STATS = (
    "statistic,value\naccount name,someone\nexport time,2026-07-25 12:00:00 UTC\n"
    "registration date,2015-03-01 09:30:00 UTC\n"
)
COMMENTS_HEADER = "id,permalink,date,ip,subreddit,gildings,link,parent,body,media\n"


def comment(id_: str, when: str, body: str, sub: str = "AskReddit") -> str:
    return (
        f"{id_},/r/{sub}/comments/k00000/_/{id_}/,{when} UTC,185.117.52.20,{sub},{{}},"
        f"https://www.reddit.com/r/{sub}/comments/k00000/,t3_k00000,{body},\n"
    )


def tiny_export(tmp_path, *comments: str):
    files = {"statistics.csv": STATS, "comments.csv": COMMENTS_HEADER + "".join(comments)}
    files["posts.csv"] = "id,permalink,date,ip,subreddit,gildings,title,url,body\n"
    return make_zip(tmp_path / "reddit.zip", files)


def summary_of(run, path, tmp_path, *flags):
    out = tmp_path / "s.json"
    result = run("report", path, "-f", "json", "-o", out, "-q", "--region", "DE", *flags)
    assert result.exit_code in (0, 7), result.output
    return json.loads(out.read_text())


@pytest.fixture(scope="module")
def reddit_export(tmp_path_factory):
    path = tmp_path_factory.mktemp("reddit-report") / "export.zip"
    return build_sample(path, SampleOptions(seed=5))


def test_json_counts_links_and_no_x_words(run, reddit_export, tmp_path):
    summary = summary_of(run, reddit_export.path, tmp_path)
    assert summary["schema"] == "auditor.report/2"
    assert summary["archive"]["platform"] == "reddit"
    expected = {k: v for k, v in reddit_export.counts().items() if v}
    assert {k: v for k, v in summary["counts"]["items"].items() if v} == expected
    assert set(summary["exposure"]) == set(VOCABULARY.purpose_ids)
    assert summary["what_if"] == {}  # Reddit has no setting to vary
    assert summary["settings"]["opt_outs"] == {}
    samples = [s for rows in summary["samples"].values() for s in rows]
    assert samples and all(s["url"].startswith("https://www.reddit.com/") for s in samples)
    text = json.dumps(summary)
    assert "x.com" not in text and "grok" not in text.lower()


def test_rule_less_categories_are_not_exposed_and_said_so(run, reddit_export, tmp_path):
    summary = summary_of(run, reddit_export.path, tmp_path)
    for purpose in VOCABULARY.purpose_ids:
        for category in ("post_vote", "comment_vote", "saved", "draft"):
            counts = summary["exposure"][purpose][category]
            assert counts["not_exposed"] == sum(counts.values()) > 0
    html = tmp_path / "r.html"
    result = run("report", reddit_export.path, "-f", "html", "--lang", "en", "-o", html, "-q")
    assert result.exit_code == 7
    assert "no term names these" in html.read_text()


def test_deleted_without_a_time_is_uncertain_where_it_matters(run, tmp_path):
    path = tiny_export(
        tmp_path,
        comment("k1aaaa", "2020-01-02 10:00:00", "[deleted]"),  # before the terms: unknown
        comment("k1aaab", "2025-01-02 10:00:00", "[deleted]"),  # after: was live in scope
        comment("k1aaac", "2020-01-02 10:00:00", "still here"),
    )
    summary = summary_of(run, path, tmp_path)
    own = summary["exposure"]["reddit_training"]["comment"]
    assert own == {"exposed": 2, "withdrawn": 0, "uncertain": 1, "not_exposed": 0}
    assert summary["counts"]["deletion_time_unknown"] == 2
    rules = {r["rule"]: r["items"] for r in summary["rules_applied"]}
    assert rules["deletion-unknown"] == 1
    rows = list(csv.DictReader(io.StringIO(_export(run, path, tmp_path))))
    status = {row["id"]: row["reddit_training_status"] for row in rows}
    assert status == {"k1aaaa": "uncertain", "k1aaab": "exposed", "k1aaac": "exposed"}
    assert rows[0]["url"].startswith("https://www.reddit.com/r/AskReddit/comments/")


def _export(run, path, tmp_path) -> str:
    out = tmp_path / "items.csv"
    result = run("export", path, "-o", out, "-q")
    assert result.exit_code in (0, 7), result.output
    return out.read_text()


def test_second_look_runs_on_comment_text(run, tmp_path):
    path = tiny_export(
        tmp_path,
        comment("k1aaaa", "2025-01-02 10:00:00", "write to someone.else@example.org please"),
        comment("k1aaab", "2025-01-02 10:00:00", "nothing to see"),
    )
    summary = summary_of(run, path, tmp_path)
    email = summary["sensitive"]["detectors"]["email"]
    assert email["posts"] == 1
    assert email["examples"][0]["url"].endswith("/k1aaaa/")
    assert "someone.else" not in json.dumps(summary)
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(_export(run, path, tmp_path)))}
    assert "email" in rows["k1aaaa"]["second_look"]
    assert "email" not in rows["k1aaab"]["second_look"]


def test_private_subreddits_named_in_the_settings_file(run, tmp_path):
    path = tiny_export(
        tmp_path,
        comment("k1aaaa", "2025-01-02 10:00:00", "hello", sub="secretclub"),
        comment("k1aaab", "2025-01-02 10:00:00", "hello"),
    )
    settings = tmp_path / "me.toml"
    settings.write_text('[reddit]\nprivate_subreddits = ["r/SecretClub"]\n')
    summary = summary_of(run, path, tmp_path, "--settings", settings)
    own = summary["exposure"]["reddit_training"]["comment"]
    assert own["exposed"] == 1 and own["not_exposed"] == 1


def test_an_x_opt_out_on_a_reddit_export_is_refused(run, reddit_export):
    result = run("scan", reddit_export.path, "--grok-opt-out", "2024-08-01")
    assert result.exit_code == 2
    assert "Reddit has no such setting" in result.stderr


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_html_in_every_language_uses_the_vocabulary(run, reddit_export, tmp_path, language):
    out = tmp_path / f"r-{language}.html"
    result = run("report", reddit_export.path, "-f", "html", "--lang", language, "-o", out, "-q")
    assert result.exit_code == 7, result.output  # the sample plants bad rows
    html = out.read_text()
    for category in VOCABULARY.categories[:2]:
        assert escape(category.label.get(language)) in html
    assert escape(VOCABULARY.narrative.heading.get(language)) in html
    assert "Grok" not in html and "x.com" not in html
    assert "layout  ·" not in html and "layout ·" not in html  # X's archive layouts only


def test_pdf_is_written(run, reddit_export, tmp_path):
    out = tmp_path / "r.pdf"
    result = run("report", reddit_export.path, "--lang", "de", "-o", out, "-q")
    assert result.exit_code == 7, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_sample_command_builds_a_reddit_export(run, tmp_path):
    out = tmp_path / "r.zip"
    result = run("sample", out, "--platform", "reddit")
    assert result.exit_code == 0, result.output
    assert run("scan", out).exit_code == 7  # read back as Reddit (planted bad rows)


def test_page_one_keeps_the_three_actions_under_the_incomplete_banner(run, tmp_path):
    """The German report of the sample `auditor sample --platform reddit` makes (it plants bad
    rows, so the incomplete-results banner shows) once pushed its three actions to page 2."""
    from pypdf import PdfReader

    from auditor.i18n import translations
    from auditor.render.view import view

    export = build_sample(tmp_path / "export.zip", SampleOptions())
    pdf = tmp_path / "de.pdf"
    result = run("report", export.path, "--lang", "de", "-o", pdf, "-q")
    assert result.exit_code == 7, result.output  # the banner case
    summary = summary_of(run, export.path, tmp_path, "--lang", "de")
    t = translations("de").gettext
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]
    first = pages[0]
    assert t("Incomplete results.") in first
    assert t("Three things you can do") in first
    shown = view(summary, "de")
    assert len(shown["short_actions"]) == 3
    for title, _how in shown["short_actions"]:
        assert f"{title}:" in first
    # The banner names the appendix's page, and that is where the appendix is.
    heading = t("Appendix: archive inventory")
    appendix = next(i for i, text in enumerate(pages, 1) if heading in text)
    banner = shown["partial_banner"]
    assert " ".join(f"{banner.before}{appendix}{banner.after}".split()) in first
