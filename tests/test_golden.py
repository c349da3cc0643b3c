"""X's results must not change when the code is reorganised: JSON summaries and CSV exports of
the standard samples, for several settings, against the files in tests/golden/.

The files were recorded with schema auditor.report/1 before the platform seam (issue 16);
`migrate` applies the documented renames of schema 2 (docs/schema-2.md) to them, so every
other difference is a change in X's results. Re-record (deliberately!) with
AUDITOR_GOLDEN_RECORD=1.
"""

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from auditor.platforms.x.sample import build_sample

GOLDEN = Path(__file__).parent / "golden"
RECORD = bool(os.environ.get("AUDITOR_GOLDEN_RECORD"))
PROTECTED = [
    (datetime(2025, 3, 1, tzinfo=UTC), "Protect"),
    (datetime(2025, 5, 1, tzinfo=UTC), "Unprotect"),
]
CASES = {
    "a-default": ("a", []),
    "a-fr-opted-out": (
        "a",
        [
            "--region",
            "FR",
            "--grok-opt-out",
            "2024-09-01",
            "--third-party-opt-out",
            "never",
            "--birth-date",
            "1990-01-01",
        ],
    ),  # fmt: skip
    "a-gb-protected": ("a", ["--region", "GB", "--protected", "2023-01-01..2024-03-01"]),
    "a-us-as-of": ("a", ["--region", "US", "--as-of", "2026-07-01"]),
    "b-default": ("b", []),
    "b-de-grok": ("b", ["--region", "DE", "--grok-opt-out", "2025-01-10"]),
}
EXPORTS = {"a-default": ("a", []), "b-de-grok": ("b", ["--region", "DE"])}


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    root = tmp_path_factory.mktemp("golden")
    a = root / "a" / "archive.zip"
    b = root / "b" / "archive.zip"
    build_sample(a, posts=1200, likes=400, dms=12, region="DE", part_bytes=300_000)
    build_sample(b, posts=900, likes=200, dms=8, region="US", seed=11, protected=PROTECTED,
                 sensitive=True)  # fmt: skip
    return {"a": a, "b": b}


def normalised(summary: dict) -> dict:
    """Without the fields that change from release to release, not from input to input."""
    summary = json.loads(json.dumps(summary))
    summary["tool"].pop("version", None)
    summary["region"].pop("ip_lookup_version", None)
    return summary


def migrate(old: dict) -> dict:
    """A schema-1 summary as schema 2 writes it (docs/schema-2.md lists each rename)."""
    new = json.loads(json.dumps(old))
    new["schema"] = "auditor.report/2"
    counts = old["counts"]
    new["counts"] = {
        "items": {
            **counts["posts"],
            "deleted": counts["deleted_posts"],
            "like": counts["likes"],
            "dm": counts["dm_messages"] + counts["group_dm_messages"],
            "grok_chat": counts["grok_messages"],
        },
        "media_files": counts["media_files"],
        "deletion_time_unknown": 0,  # added in schema 2; X's archive dates its deletions
        "platform": {
            "dm_conversations": counts["dm_conversations"],
            "group_dm_messages": counts["group_dm_messages"],
        },
    }
    purposes = ("x_training", "third_party_training")
    for detector in new["sensitive"].get("detectors", {}).values():
        detector["by_purpose"] = {p: detector.pop(p) for p in purposes}
    settings = old["settings"]
    new["settings"] = {
        "opt_outs": {
            key: {"state": settings[f"{key}_opt_out_state"], "date": settings[f"{key}_opt_out"]}
            for key in ("x_training", "third_party_training")
        },
        "protected_periods": settings["protected_periods"],
        "birth_date": settings["birth_date"],
        "assumed": settings["assumed"],
    }
    return new


def compare(name: str, produced: str, suffix: str) -> None:
    path = GOLDEN / f"{name}{suffix}"
    if RECORD:
        path.write_text(produced, encoding="utf-8")
        return
    expected = path.read_text(encoding="utf-8")
    if suffix == ".json":
        assert normalised(json.loads(produced)) == normalised(migrate(json.loads(expected)))
    else:
        assert produced == expected


@pytest.mark.parametrize("name", sorted(CASES))
def test_x_summary_unchanged(archives, run, tmp_path, name):
    which, flags = CASES[name]
    out = tmp_path / "summary.json"
    result = run("report", archives[which], "--format", "json", "-o", out, "-q", *flags)
    assert result.exit_code in (0, 7), result.output
    compare(name, out.read_text(encoding="utf-8"), ".json")


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_x_export_unchanged(archives, run, tmp_path, name):
    which, flags = EXPORTS[name]
    out = tmp_path / "items.csv"
    result = run("export", archives[which], "-o", out, "-q", *flags)
    assert result.exit_code in (0, 7), result.output
    compare(name, out.read_text(encoding="utf-8"), ".csv")
