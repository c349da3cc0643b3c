"""`auditor report a.zip b.zip -o all.pdf`: several exports, one report."""

import json

import pypdf
import pytest


@pytest.fixture(scope="module")
def two_exports(tmp_path_factory):
    from typer.testing import CliRunner

    from auditor.cli import app

    folder = tmp_path_factory.mktemp("exports")
    runner = CliRunner()
    for name, platform in (("x.zip", "x"), ("reddit.zip", "reddit")):
        result = runner.invoke(app, ["sample", str(folder / name), "--platform", platform])
        assert result.exit_code == 0, result.output
    return folder / "x.zip", folder / "reddit.zip"


def test_one_pdf_whose_first_page_names_both_platforms(run, two_exports, tmp_path):
    x, reddit = two_exports
    target = tmp_path / "all.pdf"
    result = run("report", x, reddit, "-o", target, "--lang", "en")
    assert result.exit_code == 7, result.output  # the Reddit sample plants bad rows
    assert "reddit.zip: " in result.stderr  # the incomplete one is named
    reader = pypdf.PdfReader(target)
    first = " ".join(reader.pages[0].extract_text().split())
    assert "X" in first.split() and "Reddit" in first.split()
    assert "@sample_person" in first and "@sample_redditor" in first
    later = " ".join(" ".join(p.extract_text().split()) for p in reader.pages[1:])
    assert "Your X posts and AI training" in later
    assert "Your Reddit posts and AI training" in later
    assert (target.stat().st_mode & 0o777) == 0o600


def test_first_page_states_each_exports_headline(run, two_exports, tmp_path):
    from auditor.i18n import number

    x, reddit = two_exports
    target = tmp_path / "all.json"
    assert run("report", x, reddit, "-f", "json", "-o", target).exit_code == 7
    summaries = json.loads(target.read_text())["reports"]
    pdf = tmp_path / "all.pdf"
    run("report", x, reddit, "-o", pdf, "--lang", "en")
    first = " ".join(pypdf.PdfReader(pdf).pages[0].extract_text().split())
    for summary in summaries:
        for verdict in summary["verdict"].values():
            shown = verdict["high"] if verdict["uncertain"] else verdict["low"]
            assert number(shown, "en") in first


def test_json_is_a_wrapper_with_both_summaries(run, two_exports, tmp_path):
    x, reddit = two_exports
    target = tmp_path / "all.json"
    assert run("report", x, reddit, "-f", "json", "-o", target).exit_code == 7
    combined = json.loads(target.read_text())
    assert combined["schema"] == "auditor.reports/1"
    reports = combined["reports"]
    assert [r["archive"]["platform"] for r in reports] == ["x", "reddit"]
    assert all(r["schema"] == "auditor.report/2" for r in reports)


@pytest.mark.parametrize(
    "args, says",
    [((), "-o FILE"), (("-f", "card", "-o", "c.pdf"), "one archive"), (("--ask",), "one")],
)
def test_several_archives_refuse_what_needs_one(run, two_exports, tmp_path, args, says):
    x, reddit = two_exports
    result = run("report", x, reddit, *args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0]


def test_an_output_over_any_input_is_refused(run, two_exports):
    x, reddit = two_exports
    result = run("report", x, reddit, "-o", reddit)
    assert result.exit_code == 2 and "input" in result.stderr


def test_an_opt_out_applies_to_its_own_platforms_export(run, two_exports, tmp_path):
    x, reddit = two_exports
    target = tmp_path / "all.json"
    result = run("report", x, reddit, "-f", "json", "-o", target, "--grok-opt-out", "2024-09-01")
    assert result.exit_code == 7, result.output
    x_summary, reddit_summary = json.loads(target.read_text())["reports"]
    assert x_summary["settings"] != reddit_summary["settings"]
    assert "2024-09-01" in json.dumps(x_summary["settings"])
    assert "2024-09-01" not in json.dumps(reddit_summary["settings"])


def test_an_opt_out_no_archive_has_is_refused(run, two_exports, tmp_path):
    x, reddit = two_exports
    result = run(
        "report", x, reddit, "-o", tmp_path / "a.pdf", "--opt-out", "meta-ai-objection=never"
    )
    assert result.exit_code == 2
    assert "none of these archives" in result.stderr
