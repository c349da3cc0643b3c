"""Hostile and broken archives: each gets a clear one-line message and a non-zero exit."""

import struct
import zipfile

import pytest

from auditor.container import Limits, open_container, safe_name
from auditor.errors import ArchiveError, LimitError

from .conftest import minimal_archive


def read_all(path, limits=None):
    with open_container(path, limits) as container:
        return [container.read(m) for m in container.members]


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
    assert result.exit_code == 0, result.output
    import json

    summary = json.loads(target.read_text())
    like = next(r for r in summary["inventory"] if r["path"] == "data/like.js")
    assert like["status"] == "failed"
    assert summary["archive"]["partial"] is True
    assert summary["counts"]["posts"]["original"] == 1


def test_wrong_kind_of_zip_is_not_an_x_archive(run, zip_of):
    archive = zip_of({"photos/cat.jpg": b"\xff\xd8", "notes.txt": "hello"})
    result = run("report", archive)
    assert result.exit_code == 3
    assert "does not look like an X archive" in result.stderr


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
