"""Safe, read-only access to an archive given as a .zip file or an extracted folder.

Nothing is ever extracted to disk. Names from the archive are never used as paths. The zip's
central directory is checked before any member is decompressed, because CPython before 3.11.8
reads overlapping ("quoted-overlap") members without complaint.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import ArchiveError, LimitError

LOCAL_HEADER_SIZE = 30
READ_STEP = 4 << 20
# Absolute paths, drive letters, backslashes, control characters and ".." segments.
UNSAFE_NAME = re.compile(r"[\x00-\x1f\\]|^/|^[A-Za-z]:|(?:^|/)\.\.(?:/|$)")
SUPPORTED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


@dataclass(frozen=True)
class Limits:
    """Safety limits; each has a CLI flag to raise it for a genuinely huge archive."""

    max_members: int = 500_000
    max_member_bytes: int = 4 << 30  # one decompressed data file
    max_total_bytes: int = 32 << 30  # all data files decompressed in one run
    max_ratio: int = 200  # uncompressed / compressed, checked for members over RATIO_FLOOR
    ratio_floor: int = 10 << 20


class Member(NamedTuple):
    """One archive member (a NamedTuple: archives hold 100,000s of them)."""

    path: str  # normalised POSIX path inside the archive
    size: int  # declared uncompressed size
    compressed: int
    symlink: bool = False


@dataclass
class Container:
    """Members of an archive and a way to read one at a time."""

    source: Path
    kind: str  # "zip" or "folder"
    members: list[Member]
    limits: Limits
    _zip: zipfile.ZipFile | None = None
    _bytes_read: int = field(default=0, repr=False)

    def read(self, member: Member) -> bytearray:
        """Decompress one member into memory, enforcing the limits."""
        if member.symlink:
            raise ArchiveError(f"{member.path} is a symbolic link; it was not followed")
        self._check_size(member)
        if self._zip is not None:
            data = _read_zip_member(self._zip, member)
        else:
            data = _read_file(self.source / member.path, member)
        self._bytes_read += len(data)
        return data

    def _check_size(self, member: Member) -> None:
        limits = self.limits
        if member.size > limits.max_member_bytes:
            raise LimitError(
                f"{member.path} would decompress to {member.size:,} bytes, over the limit of "
                f"{limits.max_member_bytes:,}; raise it with --max-file-mb if this is genuine"
            )
        if (
            self.kind == "zip"
            and member.size > limits.ratio_floor
            and member.size > limits.max_ratio * max(member.compressed, 1)
        ):
            raise LimitError(
                f"{member.path} has a compression ratio over {limits.max_ratio}:1, "
                "typical of a zip bomb; this archive was not read"
            )
        self.reserve(member.size)

    def reserve(self, nbytes: int) -> None:
        """Check up front that reading `nbytes` more stays within the total limit."""
        if self._bytes_read + nbytes > self.limits.max_total_bytes:
            raise LimitError(
                f"the data files decompress to more than {self.limits.max_total_bytes:,} bytes; "
                "raise the limit with --max-total-gb if this is genuine"
            )

    def after_fork(self) -> Container:
        """In a forked worker: the same checked member list, with a file handle of its own
        (a shared handle would share the file offset with the parent)."""
        if self._zip is not None:
            self._zip.fp = open(self.source, "rb")  # noqa: SIM115 - closed with the container
        return self

    def worker_copy(self) -> tuple[Path, str, Limits]:
        """What another process needs to read members of this (already checked) archive."""
        return self.source, self.kind, self.limits

    def sha256(self) -> str | None:
        """Checksum of the input zip, so a report can be tied to the file it came from."""
        if self.kind != "zip":
            return None
        digest = hashlib.sha256()
        with open(self.source, "rb") as handle:
            while chunk := handle.read(READ_STEP):
                digest.update(chunk)
        return digest.hexdigest()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def reopen(source: Path, kind: str, limits: Limits) -> Container:
    """Open an archive that `open_container` already checked, in a worker process."""
    archive = zipfile.ZipFile(source) if kind == "zip" else None
    return Container(source, kind, [], limits, _zip=archive)


def open_container(path: Path, limits: Limits | None = None) -> Container:
    limits = limits or Limits()
    if not path.exists():
        raise ArchiveError(f"{path} does not exist; give the path of your archive .zip or folder")
    if path.is_dir():
        return Container(path, "folder", _list_folder(path, limits), limits)
    return _open_zip(path, limits)


def _open_zip(path: Path, limits: Limits) -> Container:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ArchiveError(
            f"{path.name} is not a zip file, or it is truncated; download the archive again "
            "from X (Settings > Your account > Download an archive of your data)"
        ) from None
    except OSError as error:
        raise ArchiveError(f"cannot open {path}: {error.strerror}") from None
    try:
        infos = archive.infolist()
        if len(infos) > limits.max_members:
            raise LimitError(
                f"{path.name} has {len(infos):,} members, over the limit of "
                f"{limits.max_members:,}; raise it with --max-members if this is genuine"
            )
        members = [_check_info(info) for info in infos]
        _check_duplicates(members)
        _check_no_overlap(archive, infos)
    except Exception:
        archive.close()
        raise
    return Container(path, "zip", members, limits, _zip=archive)


def _check_info(info: zipfile.ZipInfo) -> Member:
    name = info.filename
    if info.flag_bits & 0x1:
        raise ArchiveError(
            f"{name} is encrypted; auditor reads only unencrypted archives as X sends them. "
            "Re-zip the folder without a password"
        )
    if info.compress_type not in SUPPORTED_METHODS:
        raise ArchiveError(
            f"{name} uses an unsupported compression method ({info.compress_type}); "
            "unzip the archive and give auditor the folder, or re-zip it with standard deflate"
        )
    path = safe_name(name)
    symlink = stat.S_ISLNK(info.external_attr >> 16)
    return Member(path, info.file_size, info.compress_size, symlink)


def safe_name(name: str) -> str:
    """Normalise a member name, rejecting anything that could point outside the archive."""
    plain = name.isascii() and name.isprintable() and ".." not in name and "\\" not in name
    if (
        not name
        or (not plain and UNSAFE_NAME.search(name))
        or name[0] == "/"
        or (len(name) > 1 and name[1] == ":")
    ):
        raise ArchiveError(
            f"the archive contains an unsafe member name {name[:80]!r}; it was not read. "
            "Use the zip exactly as X sent it"
        )
    if "//" in name or name.startswith("./") or "/./" in name:
        parts = [part for part in name.split("/") if part not in ("", ".")]
        return "/".join(parts) + ("/" if name.endswith("/") else "")
    return name


def _check_duplicates(members: list[Member]) -> None:
    seen: set[str] = set()
    for member in members:
        key = member.path.rstrip("/").casefold()
        if key in seen:
            raise ArchiveError(
                f"the archive contains {member.path!r} twice; it is not an archive as X sends it"
            )
        seen.add(key)


def _check_no_overlap(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    entries = sorted(infos, key=lambda e: e.header_offset)
    ends = [e.header_offset for e in entries[1:]] + [archive.start_dir]
    for entry, limit in zip(entries, ends, strict=True):
        name = entry.orig_filename
        if name.isascii():
            name_length = len(name)
        else:
            encoding = "utf-8" if entry.flag_bits & 0x800 else "cp437"
            try:
                name_length = len(name.encode(encoding))
            except UnicodeEncodeError:
                name_length = len(name.encode("utf-8"))
        if entry.header_offset + LOCAL_HEADER_SIZE + name_length + entry.compress_size > limit:
            raise ArchiveError(
                f"members of the zip overlap at {entry.filename[:60]!r}, a zip-bomb technique; "
                "the archive was not read"
            )


def _read_zip_member(archive: zipfile.ZipFile, member: Member) -> bytearray:
    buffer = bytearray(member.size)
    view = memoryview(buffer)
    filled = 0
    try:
        with archive.open(member.path.rstrip("/")) as handle:
            while filled < member.size:
                got = handle.readinto(view[filled : filled + READ_STEP])
                if not got:
                    break
                filled += got
            if handle.read(1):
                raise ArchiveError(f"{member.path} inflates to more than its declared size")
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as error:
        raise ArchiveError(f"{member.path} is damaged ({_short(error)})") from None
    finally:
        view.release()
    if filled != member.size:
        raise ArchiveError(f"{member.path} is truncated ({filled:,} of {member.size:,} bytes)")
    return buffer


def _read_file(path: Path, member: Member) -> bytearray:
    buffer = bytearray(member.size)
    with open(path, "rb", buffering=0) as handle:
        filled = handle.readinto(buffer)
    if filled != member.size:
        raise ArchiveError(f"{member.path} changed while it was being read")
    return buffer


def _list_folder(root: Path, limits: Limits) -> list[Member]:
    members: list[Member] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        for name in sorted(filenames) + [d for d in dirnames if (base / d).is_symlink()]:
            full = base / name
            info = full.lstat()
            relative = full.relative_to(root).as_posix()
            link = stat.S_ISLNK(info.st_mode)
            members.append(Member(relative, 0 if link else info.st_size, info.st_size, link))
            if len(members) > limits.max_members:
                raise LimitError(
                    f"{root} holds more than {limits.max_members:,} files; "
                    "raise the limit with --max-members if this is genuine"
                )
    members.sort(key=lambda m: m.path)
    return members


def _short(error: BaseException) -> str:
    return str(error).splitlines()[0][:120] if str(error) else type(error).__name__
