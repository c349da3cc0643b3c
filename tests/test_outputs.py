"""Outputs never destroy anything: not an input, not a file behind a symlink, and a path
that cannot be a file gets a plain message (exit 2), not an internal error."""

from __future__ import annotations

import os
import shutil
import zipfile

import pytest

from auditor.output import private_file
from auditor.platforms.x.sample import build_sample

from .conftest import make_zip, minimal_archive


@pytest.fixture
def archive(tmp_path):
    return make_zip(tmp_path / "archive.zip", minimal_archive())


@pytest.fixture
def folder(tmp_path, archive):
    root = tmp_path / "unpacked"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(root)
    return root


def _unchanged(path, run, *args):
    before = path.read_bytes()
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert path.read_bytes() == before
    assert "internal error" not in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    return result


@pytest.mark.parametrize("command", ["report", "export"])
def test_the_output_cannot_be_the_input_archive(run, archive, command):
    options = ("-f", "json") if command == "report" else ()
    result = _unchanged(archive, run, command, archive, *options, "-o", archive)
    assert "input" in result.output


def test_the_output_cannot_be_the_input_under_another_name(run, archive, tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    os.link(archive, tmp_path / "sub" / "same.zip")
    _unchanged(archive, run, "report", archive, "-f", "json", "-o", tmp_path / "sub" / "same.zip")
    relative = os.path.relpath(archive, tmp_path / "sub")
    monkeypatch.chdir(tmp_path / "sub")
    _unchanged(archive, run, "export", archive, "-o", relative)


@pytest.mark.parametrize("command", ["report", "export"])
def test_the_output_cannot_be_inside_an_input_folder(run, folder, command):
    inside = folder / "data" / "tweets.js"
    options = ("-f", "json") if command == "report" else ()
    result = _unchanged(inside, run, command, folder, *options, "-o", inside)
    assert "inside" in result.output
    assert not list(folder.rglob(".auditor-*"))


def test_the_output_cannot_overwrite_the_settings_file(run, archive, tmp_path):
    settings = tmp_path / "settings.toml"
    settings.write_text('region = "DE"\n')
    _unchanged(settings, run, "export", archive, "--settings", settings, "-o", settings)


@pytest.mark.parametrize("command", ["report", "export", "sample"])
def test_a_folder_or_empty_output_is_a_usage_error(run, archive, tmp_path, command):
    folder = tmp_path / "existing"
    folder.mkdir()
    for target in (folder, ""):
        if command == "sample":
            result = run("sample", target, "--posts", "5", "--likes", "1", "--dms", "1")
        else:
            result = run(command, archive, "-o", target)
        assert result.exit_code == 2, result.output
        assert "folder" in result.output
        assert ".auditor-" not in result.output
        assert not list(tmp_path.rglob(".auditor-*"))


def test_sample_writes_owner_only(tmp_path):
    out = tmp_path / "sample.zip"
    build_sample(out, posts=5, likes=1, dms=1)
    assert out.stat().st_mode & 0o777 == 0o600
    assert zipfile.ZipFile(out).testzip() is None


def test_sample_replaces_a_symlink_instead_of_writing_through_it(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "sample.zip"
    link.symlink_to(victim)
    build_sample(link, posts=5, likes=1, dms=1)
    assert victim.read_text() == "keep me"
    assert not link.is_symlink()
    assert zipfile.is_zipfile(link)


@pytest.mark.parametrize("platform", ["reddit", "linkedin", "facebook", "instagram"])
def test_every_platforms_sample_is_owner_only_and_replaces_a_symlink(run, tmp_path, platform):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "sample.zip"
    link.symlink_to(victim)
    result = run("sample", "--platform", platform, link)
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "keep me"
    assert link.stat().st_mode & 0o777 == 0o600 and zipfile.is_zipfile(link)
    assert not list(tmp_path.glob(".auditor-*"))


def test_the_sample_truth_file_is_owner_only(run, tmp_path):
    result = run(
        "sample", tmp_path / "s.zip", "--posts", "5", "--likes", "1", "--truth", tmp_path / "t.json"
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "t.json").stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="no unnamed files on this system")
def test_an_output_being_written_has_no_name_to_leave_behind(tmp_path):
    """A SIGKILL cannot be caught: only a file without a name yet leaves nothing."""
    target = tmp_path / "out.pdf"
    with private_file(target) as stream:
        stream.write(b"%PDF-")
        assert os.listdir(tmp_path) == []
    assert target.read_bytes() == b"%PDF-"
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "out.pdf"
    with pytest.raises(RuntimeError), private_file(target) as stream:
        stream.write(b"%PDF-")
        raise RuntimeError("renderer gone")
    assert os.listdir(tmp_path) == []


def test_a_missing_output_folder_is_still_created(run, archive, tmp_path):
    result = run("export", archive, "-o", tmp_path / "new" / "items.csv")
    assert result.exit_code == 0, result.output
    shutil.rmtree(tmp_path / "new")
