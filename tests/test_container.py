"""Hostile and broken archives: each gets a clear one-line message and a non-zero exit."""

import contextlib
import json
import os
import random
import struct
import subprocess
import sys
import time
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import unzip
from auditor.container import PLAUSIBLE_RATIO, Limits, open_container, safe_name, safe_names
from auditor.errors import ArchiveError, LimitError

from .conftest import minimal_archive


def read_all(path, limits=None):
    with open_container(path, limits) as container:
        return [bytes(container.read(m)) for m in container.members]


def test_a_text_file_is_not_a_zip(run, tmp_path):
    fake = tmp_path / "export.zip"
    fake.write_text("not really a zip")
    result = run("report", fake)
    assert result.exit_code == 3
    assert "not a zip file" in result.stderr
    assert result.stdout == ""


def test_a_truncated_zip_is_refused(run, zip_of, tmp_path):
    archive = zip_of(minimal_archive())
    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    result = run("report", cut)
    assert result.exit_code == 3
    assert "truncated" in result.stderr


def test_a_missing_path_is_a_clear_error(run, tmp_path):
    result = run("report", tmp_path / "nope.zip")
    assert result.exit_code == 3
    assert "does not exist" in result.stderr


def test_an_encrypted_member_is_refused(run, zip_of):
    archive = zip_of(minimal_archive())
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        infos = zf.infolist()
    # Set the "encrypted" flag bit in the central directory entry of the first member.
    central = data.rfind(b"PK\x01\x02", 0, len(data))
    central = data.find(b"PK\x01\x02")
    flags = struct.unpack_from("<H", data, central + 8)[0]
    struct.pack_into("<H", data, central + 8, flags | 0x1)
    archive.write_bytes(bytes(data))
    assert infos
    result = run("report", archive)
    assert result.exit_code == 3
    assert "encrypted" in result.stderr


def test_a_zip_bomb_ratio_is_refused(zip_of):
    archive = zip_of(
        minimal_archive({"data/like.js": b"window.YTD.like.part0 = [" + b" " * (12 << 20) + b"]"})
    )
    with pytest.raises(LimitError, match="zip bomb"):
        read_all(archive)


def test_the_total_size_limit_is_enforced(zip_of):
    archive = zip_of(minimal_archive())
    with pytest.raises(LimitError, match="--max-total-gb"):
        read_all(archive, Limits(max_total_bytes=100))


def test_too_many_members_are_refused(run, zip_of):
    archive = zip_of(minimal_archive({f"data/tweets_media/{i}.jpg": b"x" for i in range(30)}))
    with pytest.raises(LimitError, match="--max-members"):
        open_container(archive, Limits(max_members=10))
    result = run("report", archive, "--max-members", "10")
    assert result.exit_code == 4


@pytest.mark.parametrize(
    "name",
    [
        "/etc/passwd.js",
        "../../evil.js",
        "data/../../x.js",
        "data\\win.js",
        "C:/drive.js",
        "data/a\x01.js",
    ],
)
def test_unsafe_member_names_are_refused(name):
    with pytest.raises(ArchiveError, match="unsafe member name"):
        safe_name(name)


def test_path_tricks_inside_a_real_zip_are_refused(run, zip_of):
    archive = zip_of(minimal_archive({"../../escape.js": "x"}))
    result = run("report", archive)
    assert result.exit_code == 3
    assert "unsafe member name" in result.stderr


def test_a_symlink_member_is_refused_or_listed(zip_of, tmp_path):
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in minimal_archive().items():
            zf.writestr(name, data)
        info = zipfile.ZipInfo("data/like.js")
        info.external_attr = 0o120777 << 16
        zf.writestr(info, "/etc/passwd")
    with open_container(archive) as container:
        link = next(m for m in container.members if m.path == "data/like.js")
        assert link.symlink
        with pytest.raises(ArchiveError, match="symbolic link"):
            container.read(link)


def test_duplicate_names_are_refused(tmp_path):
    archive = tmp_path / "dup.zip"
    with zipfile.ZipFile(archive, "w") as zf, pytest.warns(UserWarning):
        zf.writestr("data/tweets.js", "a")
        zf.writestr("data/tweets.js", "b")
    with pytest.raises(ArchiveError, match="twice"):
        open_container(archive)


def test_overlapping_members_are_refused(tmp_path):
    """Two central-directory entries pointing at the same local data (quoted-overlap bomb)."""
    archive = tmp_path / "overlap.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("a.js", b"A" * 1000)
        zf.writestr("b.js", b"B" * 1000)
    data = bytearray(archive.read_bytes())
    second = data.find(b"PK\x01\x02", data.find(b"PK\x01\x02") + 4)
    struct.pack_into("<I", data, second + 42, 0)  # b.js's local header offset → a.js's
    archive.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="overlap"):
        open_container(archive)


def test_a_member_that_inflates_beyond_its_declared_size_fails_that_file(tmp_path):
    archive = tmp_path / "liar.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/account.js", "x" * 5000)
    data = bytearray(archive.read_bytes())
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 100)  # declared uncompressed size: 100
    archive.write_bytes(bytes(data))
    with open_container(archive) as container, pytest.raises(ArchiveError):
        container.read(container.members[0])


def test_a_damaged_member_marks_the_file_failed_not_the_run(run, zip_of, tmp_path):
    archive = zip_of(minimal_archive({"data/like.js": "window.YTD.like.part0 = [ {" + "x" * 50}))
    target = tmp_path / "s.json"
    result = run("report", archive, "-f", "json", "-o", target, "-q")
    assert result.exit_code == 7, result.output  # written, but incomplete
    import json

    summary = json.loads(target.read_text())
    like = next(r for r in summary["inventory"] if r["path"] == "data/like.js")
    assert like["status"] == "failed"
    assert summary["archive"]["partial"] is True
    assert summary["counts"]["items"]["original"] == 1


def test_wrong_kind_of_zip_is_not_an_x_archive(run, zip_of):
    archive = zip_of({"photos/cat.jpg": b"\xff\xd8", "notes.txt": "hello"})
    result = run("report", archive)
    assert result.exit_code == 3
    line = result.stderr.strip()
    assert "not an export auditor recognises" in line and "x, reddit" in line
    assert "\n" not in line


def test_platform_can_be_forced_and_names_the_known_ones(run, zip_of):
    archive = zip_of({"photos/cat.jpg": b"\xff\xd8", "notes.txt": "hello"})
    forced = run("report", archive, "--platform", "x")
    assert forced.exit_code == 3 and "does not look like an X archive" in forced.stderr
    unknown = run("report", archive, "--platform", "myspace")
    assert unknown.exit_code == 2 and "x, reddit" in unknown.stderr


def test_folder_symlinks_are_listed_not_followed(tmp_path):
    root = tmp_path / "archive"
    (root / "data").mkdir(parents=True)
    for name, text in minimal_archive().items():
        (root / name).write_text(text)
    (root / "data" / "secret.js").symlink_to("/etc/passwd")
    with open_container(root) as container:
        link = next(m for m in container.members if m.path == "data/secret.js")
        assert link.symlink
        with pytest.raises(ArchiveError):
            container.read(link)


# -- the zip reader itself (auditor.unzip), against zipfile as the reference -----------------


def zip_with_every_method(path, prefix=b"", comment=b""):
    """Stored, deflated, bzip2 and lzma members, one forced to zip64, behind `prefix`."""
    members = {
        "stored.js": (zipfile.ZIP_STORED, b"window.YTD.a.part0 = []"),
        "deflated.js": (zipfile.ZIP_DEFLATED, b"[" + b'{"x": 1},' * 5000 + b"{}]"),
        "bzip2.js": (zipfile.ZIP_BZIP2, b"bz" * 3000),
        "lzma.js": (zipfile.ZIP_LZMA, b"lz" * 3000),
        "empty.js": (zipfile.ZIP_DEFLATED, b""),
    }
    with zipfile.ZipFile(path, "w") as zf:
        for name, (method, data) in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            with zf.open(info, "w", force_zip64=name == "deflated.js") as out:
                out.write(data)
        zf.comment = comment
    if prefix:
        path.write_bytes(prefix + path.read_bytes())
    return {name: data for name, (_, data) in members.items()}


@pytest.mark.parametrize("prefix", [b"", b"#!/bin/sh\nexit 0\n" * 10])
@pytest.mark.parametrize("inflater", ["isal", "zlib"])
def test_every_method_reads_as_zipfile_reads_it(tmp_path, prefix, inflater, monkeypatch):
    import zlib

    import auditor.unzip

    if inflater == "zlib":  # the fallback where no isal wheel exists
        monkeypatch.setattr(auditor.unzip, "deflate", zlib)
    archive = tmp_path / "methods.zip"
    expected = zip_with_every_method(archive, prefix, comment=b"made by a test")
    with open_container(archive) as container:
        got = {m.path: bytes(container.read(m)) for m in container.members}
    assert got == expected


def test_a_member_with_a_wrong_checksum_is_damaged(tmp_path):
    archive = tmp_path / "crc.zip"
    zip_with_every_method(archive)
    data = bytearray(archive.read_bytes())
    central = data.find(b"PK\x01\x02")  # the first member: stored.js
    struct.pack_into("<I", data, central + 16, 12345)
    archive.write_bytes(bytes(data))
    with open_container(archive) as container, pytest.raises(ArchiveError, match="CRC"):
        container.read(container.members[0])


def test_a_local_name_that_differs_from_the_directory_is_damaged(tmp_path):
    archive = tmp_path / "names.zip"
    zip_with_every_method(archive)
    data = bytearray(archive.read_bytes())
    data[30:39] = b"other.js!"  # the first local header's name (stored.js)
    archive.write_bytes(bytes(data))
    with open_container(archive) as container, pytest.raises(ArchiveError, match="local name"):
        container.read(container.members[0])


NAME_PARTS = st.sampled_from(["a", "b.js", "/", ".", "..", ":", "C:", "\\", "\n", "\x00", "é"])


@given(st.lists(st.lists(NAME_PARTS, min_size=1, max_size=6).map("".join), max_size=6))
def test_checking_names_together_agrees_with_checking_each(names):
    def one_by_one():
        return [safe_name(name) for name in names]

    try:
        expected = one_by_one()
    except ArchiveError:
        with pytest.raises(ArchiveError):
            safe_names(names)
        return
    assert safe_names(names) == expected


def test_more_than_65535_members_use_the_zip64_end_record(tmp_path):
    """Heavy accounts have more media files than the classic zip format can count."""
    archive = tmp_path / "many.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:
        for i in range(65_600):
            zf.writestr(f"data/tweets_media/{i}.jpg", b"")
    with open_container(archive) as container:
        assert len(container.members) == 65_600


def test_zip64_sizes_and_offsets_come_from_the_extra_field():
    from auditor.unzip import _zip64_extra

    big = 5 << 30
    timestamp = struct.pack("<2H", 0x5455, 1) + b"\x00"  # another extra field comes first
    extra = timestamp + struct.pack("<2H3Q", 1, 24, big, big - 1, big + 1)
    assert _zip64_extra(extra, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF) == (big, big - 1, big + 1)
    assert _zip64_extra(struct.pack("<2HQ", 1, 8, big), 10, 20, 0xFFFFFFFF) == (10, 20, big)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_damaged_zip_structure_gives_only_our_errors(tmp_path_factory, data):
    """Flip, cut or overwrite bytes anywhere in a small zip (headers and directory included):
    opening and reading it either works or raises one of our errors, never anything else."""
    folder = tmp_path_factory.mktemp("fuzz")
    archive = folder / "a.zip"
    zip_with_every_method(archive)
    raw = bytearray(archive.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    archive.write_bytes(bytes(raw))
    # LimitError is an ArchiveError too; a damaged member fails only that file.
    with contextlib.suppress(ArchiveError), open_container(archive) as container:
        for member in container.members:
            with contextlib.suppress(ArchiveError):
                container.read(member)


def test_a_zip64_end_record_is_used_even_when_the_classic_one_fits(tmp_path):
    """zipfile adds the zip64 record as soon as the directory starts past 2 GB, while the
    classic record still holds valid 32-bit values (seen on a real 3 GB archive)."""
    archive = tmp_path / "z64.zip"
    expected = zip_with_every_method(archive)
    data = archive.read_bytes()
    end = data.rfind(b"PK\x05\x06")
    count, cd_size, cd_offset = struct.unpack_from("<2xHLL", data, end + 8)
    sizes = (count, count, cd_size, cd_offset)
    record = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, *sizes)
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, end, 1)
    archive.write_bytes(data[:end] + record + locator + data[end:])
    with zipfile.ZipFile(archive) as zf:  # the reference reader agrees the file is valid
        assert zf.testzip() is None
    with open_container(archive) as container:
        assert {m.path: bytes(container.read(m)) for m in container.members} == expected


# -- issue 13: hostile containers ---------------------------------------------------------


def manifest_js(count: str) -> str:
    files = [{"fileName": "data/tweets.js", "count": count}]
    return "window.__THAR_CONFIG = " + json.dumps({"dataTypes": {"tweets": {"files": files}}})


def test_an_empty_zip_is_a_clear_archive_error(run, tmp_path):
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    result = run("report", empty)
    assert result.exit_code == 3
    assert "empty zip" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("count", ["9" * 5000, "²", "-1"])
def test_an_absurd_manifest_count_is_noted_not_fatal(run, zip_of, tmp_path, count):
    archive = zip_of(minimal_archive({"data/manifest.js": manifest_js(count)}))
    target = tmp_path / "s.json"
    result = run("report", archive, "-f", "json", "-o", target, "-q")
    assert result.exit_code == 0, result.output
    summary = json.loads(target.read_text())
    manifest = next(r for r in summary["inventory"] if r["path"] == "data/manifest.js")
    assert manifest["status"] == "parsed"
    assert "not valid numbers" in manifest["note"]
    assert summary["counts"]["items"]["original"] == 1


def unzipped(tmp_path):
    root = tmp_path / "archive"
    (root / "data").mkdir(parents=True)
    files = minimal_archive({"data/manifest.js": manifest_js("1")})
    for name, text in files.items():
        (root / name).write_text(text)
    return root


@pytest.mark.parametrize("inside", ["", "data"])
def test_report_dot_inside_an_unzipped_archive(run, tmp_path, monkeypatch, inside):
    root = unzipped(tmp_path)
    monkeypatch.chdir(root / inside)
    result = run("report", ".", "-f", "json", "-q")
    assert result.exit_code == 0, result.output
    target = tmp_path / "archive-report.json"  # beside the archive's folder, not inside it
    summary = json.loads(target.read_text())
    assert summary["archive"]["layout"] == "2022"
    assert summary["archive"]["partial"] is False
    manifest = next(r for r in summary["inventory"] if r["path"] == "data/manifest.js")
    assert manifest["status"] == "parsed"
    assert sorted(p.name for p in root.rglob("*")) == [
        "account.js",
        "data",
        "manifest.js",
        "tweets.js",
    ]


# Report written, marked partial: exit 7 once h13-cli's exit code for partial results lands.
WRITTEN_PARTIAL = (0, 7)


def report_json(run, archive, target):
    result = run("report", archive, "-f", "json", "-o", target, "-q")
    assert result.exit_code in WRITTEN_PARTIAL, result.output
    return json.loads(target.read_text())


def refused_rows(summary):
    return {r["path"]: r for r in summary["inventory"] if r["status"] == "refused"}


def test_a_symlink_member_of_a_zip_is_listed_and_marks_the_result_partial(run, tmp_path):
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for name, data in minimal_archive().items():
            zf.writestr(name, data)
        for name in ("data/like.js", "data/tweets_media/1-a.jpg"):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o120777 << 16
            zf.writestr(info, "/etc/passwd")
    summary = report_json(run, archive, tmp_path / "s.json")
    rows = refused_rows(summary)
    assert set(rows) == {"data/like.js", "data/tweets_media/1-a.jpg"}
    assert all("symbolic link" in row["note"] for row in rows.values())
    assert summary["archive"]["partial"] is True
    assert any("links or special files" in r for r in summary["archive"]["partial_reasons"])
    assert summary["counts"]["items"]["original"] == 1


def test_a_symlink_in_a_folder_archive_is_listed_and_marks_the_result_partial(run, tmp_path):
    root = unzipped(tmp_path)
    (root / "data" / "like.js").symlink_to("/etc/passwd")
    summary = report_json(run, root, tmp_path / "s.json")
    assert "symbolic link" in refused_rows(summary)["data/like.js"]["note"]
    assert summary["archive"]["partial"] is True


def run_cli_with_timeout(*args):
    """In a child process with a timeout: what is tested here used to hang forever."""
    command = [sys.executable, "-m", "auditor.cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_as_the_archive_path_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "archive.zip"
    os.mkfifo(fifo)
    result = run_cli_with_timeout("report", fifo, "-q")
    assert result.returncode == 3
    assert "not a regular file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_inside_a_folder_archive_is_listed_not_opened(tmp_path):
    root = unzipped(tmp_path)
    os.mkfifo(root / "data" / "like.js")
    target = tmp_path / "s.json"
    result = run_cli_with_timeout("report", root, "-f", "json", "-o", target, "-q")
    assert result.returncode in WRITTEN_PARTIAL, result.stderr
    summary = json.loads(target.read_text())
    assert "not a regular file" in refused_rows(summary)["data/like.js"]["note"]
    assert summary["archive"]["partial"] is True
    assert summary["counts"]["items"]["original"] == 1


def lying_zip(path, start: bytes, declared: int = 1 << 30, junk: int = 5_600_000):
    """A 5.6 MB member of random bytes declaring 1 GiB: within the 200:1 ratio limit."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in minimal_archive().items():
            zf.writestr(name, data)
        zf.writestr("data/like.js", start + random.Random(13).randbytes(junk))
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while data[at + 46 : at + 46 + 12] != b"data/like.js":
        at = data.find(b"PK\x01\x02", at + 4)
    struct.pack_into("<I", data, at + 24, declared)
    path.write_bytes(bytes(data))
    return path


PEAK_RSS = """
import resource, sys
from pathlib import Path
from auditor.container import open_container
from auditor.errors import AuditorError
from auditor.platforms.x import ytd
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open_container(Path(sys.argv[1])) as container:
    member = next(m for m in container.members if m.path == "data/like.js")
    try:
        container.read(member, ytd.check_start)
    except AuditorError as error:
        print(error, file=sys.stderr)
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(grown * (1 if sys.platform == "darwin" else 1024))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="resource is POSIX only")
@pytest.mark.parametrize(
    ("start", "reason"),
    [(b"", "does not start like an X data file"), (b"window.YTD.like.part0 = [", "truncated")],
)
def test_a_member_declaring_a_gigabyte_of_garbage_costs_what_it_holds(tmp_path, start, reason):
    archive = lying_zip(tmp_path / "liar.zip", start)
    command = [sys.executable, "-c", PEAK_RSS, str(archive)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    assert reason in done.stderr
    # The declared 1 GiB is never allocated: at most a plausible ratio of the 5.6 MB it holds.
    assert int(done.stdout) < 5_600_000 * PLAUSIBLE_RATIO * 1.5


def test_a_member_of_garbage_fails_that_file_and_marks_the_result_partial(run, tmp_path):
    archive = lying_zip(tmp_path / "liar.zip", b"", declared=10_000_000, junk=60_000)
    summary = report_json(run, archive, tmp_path / "s.json")
    like = next(r for r in summary["inventory"] if r["path"] == "data/like.js")
    assert like["status"] == "failed"
    assert "does not start like an X data file" in like["note"]
    assert summary["archive"]["partial"] is True


def test_twenty_thousand_junk_members_give_a_short_pdf(run, tmp_path):
    """Each junk file once got a row in the PDF appendix: 124 s and 4 GB for 2.2 MB of zip."""
    from pypdf import PdfReader

    junk = {f"junk/{i % 300}/{i}.bin": b"" for i in range(20_000)}
    junk["data/like.js"] = "not a data file"
    archive = zip_of_many(tmp_path / "junk.zip", minimal_archive(junk))
    pdf = tmp_path / "r.pdf"
    started = time.perf_counter()
    result = run("report", archive, "-o", pdf, "-q", "--region", "US", "--lang", "en")
    elapsed = time.perf_counter() - started
    assert result.exit_code in WRITTEN_PARTIAL, result.output
    reader = PdfReader(pdf)
    assert len(reader.pages) < 25
    text = " ".join(page.extract_text() for page in reader.pages[-3:])
    assert "data/like.js" in text  # the failed file is listed one by one
    assert "more, see the JSON summary" in text
    assert elapsed < 60


def zip_of_many(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return path


def crc_damaged(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in minimal_archive({"data/like.js": "window.YTD.like.part0 = []"}).items():
            zf.writestr(name, data)
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02")  # the last member: data/like.js
    struct.pack_into("<I", data, at + 16, 12345)
    path.write_bytes(bytes(data))
    return path


def oversized(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in minimal_archive().items():
            zf.writestr(name, data)
        zf.writestr("data/like.js", "window.YTD.like.part0 = [" + " " * 5000 + "]")
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02")
    struct.pack_into("<I", data, at + 24, 100)  # declares 100 bytes, holds 5,026
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(("damage", "reason"), [(crc_damaged, "CRC"), (oversized, "declared")])
def test_a_damaged_member_is_written_up_as_incomplete_with_the_reason(
    run, tmp_path, damage, reason
):
    summary = report_json(run, damage(tmp_path / "bad.zip"), tmp_path / "s.json")
    like = next(r for r in summary["inventory"] if r["path"] == "data/like.js")
    assert like["status"] == "failed"
    assert reason in like["note"]
    assert summary["archive"]["partial"] is True
    assert any(reason in r for r in summary["archive"]["partial_reasons"])


@pytest.mark.parametrize("check", [None, lambda head: None])
def test_a_reused_buffer_too_small_for_a_member_is_replaced_before_it_fills(check):
    # Growing a full buffer copies what it holds (75 MB of a Reddit export's comments).
    size = 4 * unzip.HEAD
    sink = unzip.Sink(bytearray(unzip.HEAD + 10), size, size, check)
    sink.write(b"h" * unzip.HEAD)
    replaced = sink.buffer
    assert len(replaced) >= size
    sink.write(b"r" * (size - unzip.HEAD))
    assert sink.buffer is replaced
    assert bytes(sink.view()) == b"h" * unzip.HEAD + b"r" * (size - unzip.HEAD)


def test_a_member_without_a_start_check_gets_no_more_than_the_plausible_guess():
    declared, guess = 1 << 30, 1 << 16  # a lie: the guess comes from the compressed size
    sink = unzip.Sink(bytearray(), declared, guess)
    assert len(sink.buffer) <= guess


def test_a_sibling_reads_with_its_own_handle_and_shares_the_total_limit(zip_of):
    files = {"a.csv": b"a" * 5000, "b.csv": b"b" * 7000, "c.csv": b"c" * 3000}
    archive = zip_of(files)
    with open_container(archive, Limits(max_total_bytes=12_500)) as container:
        members = {member.path: member for member in container.members}
        with container.sibling() as sibling:
            # Interleaved: a shared file offset would mix the members' bytes.
            assert bytes(sibling.read(members["a.csv"])) == files["a.csv"]
            assert bytes(container.read(members["b.csv"])) == files["b.csv"]
            with pytest.raises(LimitError):  # 5,000 + 7,000 read: 3,000 more is over
                sibling.read(members["c.csv"])
        with pytest.raises(LimitError):  # the parent counts what its sibling read
            container.read(members["c.csv"])
