"""Write outputs owner-only (0600) and atomically: never a partial file that looks complete,
never an input overwritten, never a write through a symlink at the destination."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import UsageError


def check_output(target: Path, inputs: Iterable[Path | None] = ()) -> None:
    """Refuse, before any work, a path that the output cannot or must not replace: a folder,
    an input itself (under any name) or a file inside an input folder."""
    if str(target) in ("", ".") or target.is_dir():
        raise UsageError(
            f"the output path {str(target)!r} is a folder; give a file name, e.g. -o report.pdf"
        )
    place = _resolved(target)
    for given in inputs:
        if given is None or not given.exists():
            continue
        source = given.resolve()
        if (target.exists() and os.path.samefile(target, given)) or place == source:
            raise UsageError(
                f"the output {target} is the input {given}; writing it would destroy the "
                "input, so choose another output path"
            )
        if source.is_dir() and place.is_relative_to(source):
            raise UsageError(
                f"the output {target} is inside the input folder {given}; choose a path outside it"
            )


def _resolved(target: Path) -> Path:
    """Where the file will be: its folder resolved, its own name not (a symlink there is
    replaced, not followed)."""
    return target.absolute().parent.resolve() / target.name


def write_private(path: Path, data: bytes | str) -> Path:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with private_file(path) as stream:
        stream.write(payload)
    return path


@contextmanager
def private_file(path: Path) -> Iterator[BinaryIO]:
    """A new file, readable by the owner only, that appears at `path` when the block ends
    without error. Until then it has no name where the kernel allows (a SIGKILL leaves
    nothing), else a hidden `.auditor-*.part` name removed on any error or stop signal."""
    if path.is_dir():
        check_output(path)
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = _unnamed(folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            if temporary is None:
                temporary = _name(stream.fileno(), folder)
        os.replace(temporary, path)  # replaces a symlink at `path` itself, never its target
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def private_path(path: Path) -> Iterator[Path]:
    """For writers that need a path (a zip builder): a 0600 file of the same name in a
    private temporary folder beside `path`, moved into place when the block ends without
    error and removed otherwise. (The same name: some builders read it, e.g. LinkedIn's
    `Basic_…` exports.)"""
    folder = path.parent if str(path.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    workspace = Path(tempfile.mkdtemp(dir=folder, prefix=".auditor-"))  # 0700
    temporary = workspace / path.name
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        yield temporary
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)  # replaces a symlink at `path` itself, never its target
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def _unnamed(folder: Path) -> tuple[int, str | None]:
    """An open file with no name yet (Linux O_TMPFILE) or, where unsupported, a temp name."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and os.path.isdir("/proc/self/fd"):  # naming it later goes through /proc
        try:
            handle = os.open(folder, flag | os.O_WRONLY, 0o600)
            os.fchmod(handle, 0o600)
            return handle, None
        except OSError:
            pass  # this file system has no unnamed files: fall back to a temp name
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".auditor-", suffix=".part")
    os.fchmod(handle, 0o600)
    return handle, temporary


def _name(handle: int, folder: Path) -> str:
    """Give the finished unnamed file a temporary name beside its destination; only the
    instant between this and the rename can leave a `.part` behind."""
    # A folder descriptor makes Python call linkat(AT_SYMLINK_FOLLOW); plain link() would try
    # to link the /proc symlink itself.
    directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _attempt in range(100):
            name = f".auditor-{os.urandom(6).hex()}.part"
            try:
                os.link(f"/proc/self/fd/{handle}", name, dst_dir_fd=directory)
                return str(folder / name)
            except FileExistsError:
                continue
    finally:
        os.close(directory)
    raise FileExistsError(f"could not name a temporary file in {folder}")
