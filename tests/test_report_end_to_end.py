"""The whole path, as a user runs it: sample archive → auditor report → JSON and PDF."""

import hashlib
import json
import os
import socket
import stat

import pytest
from pypdf import PdfReader

from auditor.platforms.x.sample import DM_MARKER, EMAIL_LOCAL

STATUSES = ("exposed", "withdrawn", "uncertain", "not_exposed")


def report_json(run, archive, tmp_path, *options):
    target = tmp_path / "summary.json"
    result = run("report", archive, "--format", "json", "-o", target, "--quiet", *options)
    assert result.exit_code == 0, result.output
    return json.loads(target.read_text())


def test_json_counts_match_what_the_builder_put_in(run, sample, tmp_path):
    archive, truth = sample
    summary = report_json(run, archive, tmp_path)
    assert summary["schema"] == "auditor.report/2"
    items = summary["counts"]["items"]
    assert {kind: items[kind] for kind in truth.posts} == truth.posts
    assert items["deleted"] == truth.deleted_posts
    assert items["like"] == truth.likes
    assert summary["counts"]["platform"]["dm_conversations"] == truth.dm_conversations
    assert items["dm"] == truth.dm_messages + truth.group_dm_messages
    assert summary["counts"]["platform"]["group_dm_messages"] == truth.group_dm_messages
    assert items["grok_chat"] == truth.grok_messages
    assert summary["counts"]["media_files"] == truth.media_files
    assert summary["archive"]["layout"] == "2022"
    assert summary["archive"]["partial"] is False


def test_every_category_reconciles_for_every_purpose(run, sample, tmp_path):
    archive, truth = sample
    summary = report_json(run, archive, tmp_path)
    expected = {
        **truth.posts,
        "deleted": truth.deleted_posts,
        "like": truth.likes,
        "dm": truth.dm_messages + truth.group_dm_messages,
        "grok_chat": truth.grok_messages,
    }
    for purpose in ("x_training", "third_party_training"):
        table = summary["exposure"][purpose]
        assert set(table) == {k for k, v in expected.items() if v}
        for category, counts in table.items():
            assert set(counts) == set(STATUSES)
            assert sum(counts.values()) == expected[category], (purpose, category)


def test_direct_messages_are_never_exposed(run, sample, tmp_path):
    summary = report_json(run, sample[0], tmp_path)
    for purpose in summary["exposure"].values():
        assert purpose["dm"]["exposed"] == 0


def test_every_file_of_the_archive_is_in_the_inventory(run, sample, tmp_path):
    archive, truth = sample
    summary = report_json(run, archive, tmp_path)
    paths = {row["path"] for row in summary["inventory"]}
    assert set(truth.tweet_parts) <= paths
    assert len(truth.tweet_parts) > 1
    assert "data/tweets_media/" in paths
    media = next(r for r in summary["inventory"] if r["path"] == "data/tweets_media/")
    assert media["records"] == truth.media_files
    tweets = [r for r in summary["inventory"] if r["type"] == "tweets"]
    assert sum(r["analyzed"] for r in tweets) == sum(truth.posts.values())
    assert sum(r["skipped"] for r in tweets) == truth.edited_versions


def test_region_is_inferred_and_shown_with_masked_evidence(run, sample, tmp_path):
    summary = report_json(run, sample[0], tmp_path)
    region = summary["region"]
    assert (region["country"], region["bloc"], region["source"]) == ("DE", "EU_EEA", "inferred")
    signals = {e["signal"]: e for e in region["evidence"]}
    assert signals["phone"]["value"] == "+49…"
    assert "@" not in signals["email_domain"]["value"].replace("…@…", "")


def test_declared_region_and_opt_out_change_the_answer(run, sample, tmp_path):
    us = report_json(run, sample[0], tmp_path, "--region", "US")
    assert us["region"]["source"] == "declared"
    assert us["exposure"]["third_party_training"]["original"]["exposed"] > 0
    early = report_json(
        run,
        sample[0],
        tmp_path,
        "--region",
        "DE",
        "--grok-opt-out",
        "2024-09-01",
        "--third-party-opt-out",
        "never",
    )
    assert early["settings"]["opt_outs"]["x_training"]["date"] == "2024-09-01T00:00:00Z"
    assert early["settings"]["assumed"] == []
    # Opted out before the xAI Europe addendum: German posts from before 7 May 2024 stay
    # exposed under the 2023 policy (one global text); those written later are withdrawn.
    late = report_json(run, sample[0], tmp_path, "--region", "DE", "--grok-opt-out", "never")
    opted, kept = early["exposure"]["x_training"]["original"], late["exposure"]["x_training"]
    assert 0 < opted["exposed"] < kept["original"]["exposed"]
    assert opted["withdrawn"] > 0


def test_pdf_first_page_states_the_json_numbers(run, sample, tmp_path):
    archive, _ = sample
    summary = report_json(run, archive, tmp_path)
    pdf = tmp_path / "report.pdf"
    result = run("report", archive, "-o", pdf, "--quiet", "--lang", "en")
    assert result.exit_code == 0, result.output
    first = PdfReader(pdf).pages[0].extract_text()
    for purpose in ("x_training", "third_party_training"):
        exposed = sum(c["exposed"] for c in summary["exposure"][purpose].values())
        assert f"{exposed:,}" in first
    assert "Your X posts and AI training" in first
    assert "Three things you can do" in first
    assert stat.S_IMODE(os.stat(pdf).st_mode) == 0o600


def test_report_defaults_to_a_pdf_beside_the_archive(run, sample, tmp_path):
    archive = tmp_path / "mine.zip"
    archive.write_bytes(sample[0].read_bytes())
    result = run("report", archive, "--quiet")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine-report.pdf").read_bytes().startswith(b"%PDF")


def test_no_private_text_reaches_any_output(run, sample, tmp_path):
    archive, _ = sample
    outputs = []
    for fmt in ("json", "html", "pdf"):
        target = tmp_path / f"out.{fmt}"
        assert run("report", archive, "-f", fmt, "-o", target, "-q").exit_code == 0
        outputs.append(target)
    csv = tmp_path / "items.csv"
    assert run("export", archive, "-o", csv, "-q").exit_code == 0
    outputs.append(csv)
    for target in outputs:
        text = target.read_bytes()
        if target.suffix == ".pdf":
            text = "\n".join(p.extract_text() for p in PdfReader(target).pages).encode()
        assert DM_MARKER.encode() not in text, target
        assert EMAIL_LOCAL.encode() not in text, target
        assert b"private question" not in text, target


def test_same_archive_gives_byte_identical_pdf(run, sample, tmp_path, monkeypatch):
    """With fontTools subsetting (what a machine without libharfbuzz-subset0 does), and a
    clock that moves between runs: the renderer child inherits both."""
    import time

    from auditor.render import SUBSETTER_SWITCH

    monkeypatch.setenv(SUBSETTER_SWITCH, "fonttools")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for target, now in ((first, 1_000_000_000.0), (second, 2_000_000_000.0)):
        monkeypatch.setattr(time, "time", lambda now=now: now)
        assert run("report", sample[0], "-o", target, "-q").exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_a_whole_report_needs_no_network(run, sample, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("auditor tried to open a network socket")

    # A class, not a function: modules imported later (ssl, which WeasyPrint's urllib pulls
    # in inside the renderer) subclass socket.socket, and every socket they make is refused.
    class Refused(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse()

    monkeypatch.setattr(socket, "socket", Refused)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = run("report", sample[0], "-o", tmp_path / "r.pdf", "-q")
    assert result.exit_code == 0, result.output


def test_folder_input_gives_the_same_counts_as_the_zip(run, sample, tmp_path):
    import zipfile

    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(sample[0]) as zf:
        zf.extractall(folder)
    from_zip = report_json(run, sample[0], tmp_path)
    from_folder = report_json(run, folder, tmp_path)
    assert from_folder["counts"] == from_zip["counts"]
    assert from_folder["exposure"] == from_zip["exposure"]
    assert from_folder["archive"]["sha256"] is None
    # The zip's checksum (hashed in another process while the archive is read).
    assert from_zip["archive"]["sha256"] == hashlib.sha256(sample[0].read_bytes()).hexdigest()


def test_export_writes_one_row_per_item(run, sample, tmp_path):
    import csv

    archive, truth = sample
    target = tmp_path / "items.csv"
    assert run("export", archive, "-o", target, "-q").exit_code == 0
    rows = list(csv.DictReader(target.open()))
    expected = (
        sum(truth.posts.values())
        + truth.deleted_posts
        + truth.likes
        + truth.dm_messages
        + truth.group_dm_messages
        + truth.grok_messages
    )
    assert len(rows) == expected
    post = next(r for r in rows if r["category"] == "original")
    assert post["url"].startswith("https://x.com/sample_person/status/")
    assert post["x_training_status"] in STATUSES


@pytest.mark.parametrize(
    "args, message",
    [
        (["--grok-opt-out", "last summer"], "--grok-opt-out"),
        (["--region", "Germany"], "--region"),
    ],
)
def test_invalid_options_get_one_clear_line(run, sample, tmp_path, args, message):
    result = run("report", sample[0], "-o", tmp_path / "x.pdf", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_an_unwritable_output_is_a_clear_error(run, sample, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("x")
    result = run("report", sample[0], "-f", "json", "-o", blocked / "summary.json", "-q")
    assert result.exit_code == 1
    assert "error:" in result.stderr and "Traceback" not in result.output


def test_sample_creates_its_folder(run, tmp_path):
    result = run(
        "sample",
        tmp_path / "new" / "folder" / "s.zip",
        "--posts",
        "5",
        "--likes",
        "1",
        "--dms",
        "1",
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "new" / "folder" / "s.zip").exists()
