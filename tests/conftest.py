import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from auditor.cli import app
from auditor.platforms.x.sample import build_sample

SHARED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "x-archive-samples"

# `make test` (and CI) sees the same generated examples on every run, so a commit that passed
# once passes again; HYPOTHESIS_PROFILE=explore draws new examples on every run.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def sample(tmp_path_factory):
    """A small archive split into several tweets parts, with the builder's ground truth."""
    path = tmp_path_factory.mktemp("sample") / "archive.zip"
    truth = build_sample(path, posts=1200, likes=400, dms=12, region="DE", part_bytes=300_000)
    return path, truth


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(app, [str(a) for a in args])

    return invoke


@pytest.fixture
def shared():
    if not SHARED.is_dir():
        pytest.skip("../shared/fixtures is not beside this checkout")
    return SHARED


def make_zip(path: Path, files: dict[str, bytes | str]) -> Path:
    """A zip with exactly these members (test helper for hostile and odd archives)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data.encode() if isinstance(data, str) else data)
    return path


def damaged(source: Path, target: Path, name: str) -> Path:
    """A copy of a zip with one byte of member `name`'s compressed data flipped."""
    with zipfile.ZipFile(source) as zf:
        info = zf.getinfo(name)
    data = bytearray(source.read_bytes())
    data[info.header_offset + 30 + len(info.filename) + len(info.extra) + 20] ^= 0xFF
    target.write_bytes(bytes(data))
    return target


def ytd(key: str, body: str) -> str:
    return f"window.YTD.{key}.part0 = {body}"


def minimal_archive(extra: dict[str, bytes | str] | None = None) -> dict[str, bytes | str]:
    files = {
        "data/account.js": ytd(
            "account",
            '[{"account": {"accountId": "1", "username": "u",'
            ' "createdAt": "2015-01-01T00:00:00.000Z"}}]',
        ),
        "data/tweets.js": ytd(
            "tweets",
            '[{"tweet": {"id_str": "10", "created_at": '
            '"Wed Oct 10 20:19:24 +0000 2024", "full_text": "hi"}}]',
        ),
    }
    files.update(extra or {})
    return files


@pytest.fixture
def zip_of(tmp_path):
    def build(files, name="archive.zip"):
        return make_zip(tmp_path / name, files)

    return build


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()
