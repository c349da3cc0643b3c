"""Inventory notes and incomplete-result reasons of the CSV/JSON platforms are translated:
a German report must not show them in English (issue: Reddit's "row(s) skipped" banner)."""

import html
import json

import pytest

from auditor.dataset import Note

# English templates as written in the readers (fixed words only: values are filled in).
NEEDLES = (
    "rows with",
    "row with",
    "fields instead of",
    "without a valid date",
    "without a valid id",
    "row(s)",
    "skipped",
    "message text not read",
    "conversation text not read",
    "checksum verified",
    "checksums of the other files",
    "read for the account",
    "read for the region",
    "private-account history",
    "Threads profile",
    "also in another message file",
    "is listed in checkfile.csv but not in the export",
    "title only",
    "preamble skipped",
)


def english_notes(summary: dict) -> set[str]:
    """Every note and reason of the summary as the English text it is in the JSON."""
    notes = set(summary["archive"]["partial_reasons"])
    for row in summary["inventory"]:
        notes.update(str(Note(note["template"], **note["params"])) for note in row["notes"])
    return {note for note in notes if note}


@pytest.fixture(scope="module", params=["reddit", "linkedin", "instagram"])
def german(request, tmp_path_factory):
    from typer.testing import CliRunner

    from auditor.cli import app

    runner = CliRunner()
    folder = tmp_path_factory.mktemp(f"notes-{request.param}")
    archive = folder / "export.zip"
    assert runner.invoke(app, ["sample", str(archive), "--platform", request.param]).exit_code == 0
    outputs = {}
    for kind in ("json", "html"):
        out = folder / f"report.{kind}"
        flags = ["report", str(archive), "-f", kind, "-o", str(out), "-q", "--region", "DE"]
        result = runner.invoke(app, [*flags, "--lang", "de"])
        assert result.exit_code in (0, 7), result.output
        outputs[kind] = out.read_text(encoding="utf-8")
    return request.param, json.loads(outputs["json"]), html.unescape(outputs["html"])


def test_german_report_shows_no_english_notes(german):
    platform, summary, page = german
    english = english_notes(summary)
    assert english, "the sample must produce notes for this test to mean anything"
    if platform in ("reddit", "linkedin"):  # their samples plant rows that must be skipped
        assert summary["archive"]["partial_reasons"]
    shown = [note for note in english if note in page]
    assert not shown, shown
    found = [needle for needle in NEEDLES if needle in page]
    assert not found, found


def test_notes_keep_their_english_text():
    # JSON and logs read the note as text; only the report translates the template.
    note = Note("%(path)s: %(count)s rows without a valid date skipped", path="a.csv", count=1200)
    assert note == "a.csv: 1,200 rows without a valid date skipped"
