"""Safe, read-only access to an archive given as a .zip file or an extracted folder.

Nothing is ever extracted to disk. Names from the archive are never used as paths. The zip's
central directory (read by `unzip`, not zipfile: see there why) is checked before any member
is decompressed: encryption, methods, names, symlinks, duplicates and overlapping
("quoted-overlap") members, which CPython's zipfile before 3.11.8 reads without complaint.
"""

from __future__ import annotations

import hashlib
import lzma
import multiprocessing
import os
import re
import stat
import sys
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, NamedTuple

from . import unzip
from .errors import ArchiveError, LimitError

READ_STEP = 4 << 20
# Absolute paths, drive letters, backslashes, control characters and ".." segments.
UNSAFE_NAME = re.compile(r"[\x00-\x1f\\]|^/|^[A-Za-z]:|(?:^|/)\.\.(?:/|$)")
# Over all names joined by newlines: what sends them one by one through `safe_name`.
CONTROL_OR_BACKSLASH = re.compile(r"[\x00-\x09\x0b-\x1f\\]")
SUSPECT = ("\n/", "//", "./", "..", ":")
# What zipfile and its decompressors raise on damaged input (bzip2 and lzma members only).
ZIPFILE_ERRORS = (
    zipfile.BadZipFile, EOFError, NotImplementedError, RuntimeError, ValueError, OSError,
    lzma.LZMAError, zlib.error,
)  # fmt: skip
# What X's JSON data files compress by, with room to spare: buffers start at this many
# times the compressed size, not at a declared size that may be a lie, and grow as bytes come.
PLAUSIBLE_RATIO = 16
Check = Callable[[memoryview], None]
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
    entry: unzip.Entry | None = None  # where it sits in a zip
    special: bool = False  # a FIFO, socket or device: opening one can block forever

    @property
    def refused(self) -> str | None:
        """Why this member is never opened, or None for a regular file."""
        if self.symlink:
            return "symbolic link, not followed"
        if self.special:
            return "not a regular file (FIFO, socket or device), not opened"
        return None


@dataclass
class Budget:
    """Bytes decompressed so far, against the total limit."""

    used: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Container:
    """Members of an archive and a way to read one at a time."""

    source: Path
    kind: str  # "zip" or "folder"
    members: list[Member]
    limits: Limits
    _handle: BinaryIO | None = None  # the zip file
    _fallback: zipfile.ZipFile | None = None  # for bzip2 and lzma members only
    _budget: Budget = field(default_factory=Budget, repr=False)
    _scratch: bytearray = field(default_factory=bytearray, repr=False)

    def read(self, member: Member, check: Check | None = None) -> memoryview:
        """Decompress one member into memory, enforcing the limits. `check` sees the first
        `unzip.HEAD` bytes before the rest is read, and raises if they are not what the
        member's name promises: garbage declaring 1 GB stops after 4 KB.

        The bytes live in one buffer reused from read to read, valid until the next `read`:
        a fresh 100 MB buffer per part cost 0.9 s of page faults on the 1M-post archive.
        Earlier views keep an old buffer alive until they are released."""
        if member.refused:
            raise ArchiveError(f"{member.path}: {member.refused}")
        self._check_size(member)
        guess = min(member.size, member.compressed * PLAUSIBLE_RATIO)
        sink = unzip.Sink(self._scratch, member.size, guess, check)
        try:
            if self._handle is not None:
                self._read_zip_member(member, sink)
            else:
                _read_file(self.source / member.path, member, sink)
        finally:
            self._scratch = sink.buffer
        return sink.view()

    def sibling(self) -> Container:
        """The same checked members with a file handle and buffer of its own, for reading in
        another thread (a shared handle would share the file offset), and the same budget
        for the total limit. Close it when done."""
        handle = open(self.source, "rb") if self._handle is not None else None  # noqa: SIM115
        return replace(self, _handle=handle, _fallback=None, _scratch=bytearray())

    def _read_zip_member(self, member: Member, sink: unzip.Sink) -> None:
        entry = member.entry
        assert entry is not None and self._handle is not None
        try:
            if entry.method in (unzip.STORED, unzip.DEFLATED):
                unzip.inflate(self._handle, entry, sink)
            else:
                _read_with_zipfile(self._zipfile(), entry, sink)
        except unzip.BadArchive as error:
            raise ArchiveError(f"{member.path} is damaged: {error}") from None
        except OSError as error:
            raise ArchiveError(f"{member.path} could not be read ({error.strerror})") from None

    def _zipfile(self) -> zipfile.ZipFile:
        if self._fallback is None:
            try:
                self._fallback = zipfile.ZipFile(self.source)
            except ZIPFILE_ERRORS as error:
                raise unzip.BadArchive(_short(error)) from None
        return self._fallback

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
        with self._budget.lock:  # siblings in other threads share the budget
            self.reserve(member.size)
            self._budget.used += member.size

    def reserve(self, nbytes: int) -> None:
        """Check up front that reading `nbytes` more stays within the total limit."""
        if self._budget.used + nbytes > self.limits.max_total_bytes:
            raise LimitError(
                f"the data files decompress to more than {self.limits.max_total_bytes:,} bytes; "
                "raise the limit with --max-total-gb if this is genuine"
            )

    def after_fork(self) -> Container:
        """In a forked worker: the same checked member list, with a file handle of its own
        (a shared handle would share the file offset with the parent)."""
        if self._handle is not None:
            self._handle = open(self.source, "rb")  # noqa: SIM115 - closed with the container
            self._fallback = None
        return self

    def worker_copy(self) -> tuple[Path, str, Limits]:
        """What another process needs to read members of this (already checked) archive."""
        return self.source, self.kind, self.limits

    def sha256_later(self) -> Callable[[], str | None]:
        """Start the zip's checksum (so a report can be tied to the file it came from) in
        another process; call the result for the hex digest. Archives are many GB of media
        and the checksum reads all of it: hashed while the data files are read, that costs
        little. A process, not a thread: the reader forks its worker later, and a fork
        taken while another thread is busy can inherit locks held by that thread."""
        if self.kind != "zip":
            return lambda: None
        context = process_context()
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_hash_into, args=(self.source, send), daemon=True)
        child.start()
        send.close()

        def result() -> str | None:
            try:
                return receive.recv()
            except EOFError:  # the child died (killed?): the report goes without a checksum
                return None
            finally:
                receive.close()
                child.join()

        return result

    def close(self) -> None:
        self._scratch = bytearray()
        for handle in (self._handle, self._fallback):
            if handle is not None:
                handle.close()

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _hash_into(path: Path, send) -> None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(READ_STEP):
                digest.update(chunk)
        send.send(digest.hexdigest())
    except OSError:
        send.send(None)


def process_context():
    """Fork where the platform has it: the child starts at once with everything imported."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def reopen(source: Path, kind: str, limits: Limits) -> Container:
    """Open an archive that `open_container` already checked, in a worker process."""
    handle = open(source, "rb") if kind == "zip" else None  # noqa: SIM115 - closed with it
    return Container(source, kind, [], limits, _handle=handle)


def open_container(path: Path, limits: Limits | None = None) -> Container:
    limits = limits or Limits()
    if not path.exists():
        raise ArchiveError(f"{path} does not exist; give the path of your archive .zip or folder")
    if path.is_dir():
        root = archive_root(path)
        prefix = "" if root == path.resolve() else "data/"
        return Container(root, "folder", _list_folder(root / prefix, limits, prefix), limits)
    return _open_zip(path, limits)


def archive_root(folder: Path) -> Path:
    """The unzipped archive's own folder, also when given its data/ folder (as `report .`
    run from inside data/ does): read from there, manifest.js's paths start with data/."""
    resolved = folder.resolve()
    if resolved.name == "data" and (resolved / "manifest.js").is_file():
        return resolved.parent
    return resolved


def _open_zip(path: Path, limits: Limits) -> Container:
    handle = _open_regular(path)
    try:
        entries, directory_start = unzip.read_directory(handle, limits.max_members)
        if not entries:
            raise ArchiveError(
                f"{path.name} is an empty zip (it holds no files); download the archive "
                "again from the platform (`auditor platforms` lists the ones auditor reads)"
            )
        members = _members(entries)
        _check_duplicates(members)
        _check_no_overlap(entries, directory_start)
    except unzip.TooMany as error:
        handle.close()
        raise LimitError(
            f"{path.name} has {error.count:,} members, over the limit of "
            f"{limits.max_members:,}; raise it with --max-members if this is genuine"
        ) from None
    except unzip.BadArchive as error:
        handle.close()
        raise ArchiveError(
            f"{path.name} is not a zip file, or it is truncated ({error}); download the archive "
            "again from the platform (`auditor platforms` lists the ones auditor reads)"
        ) from None
    except BaseException:
        handle.close()
        raise
    return Container(path, "zip", members, limits, _handle=handle)


def _open_regular(path: Path) -> BinaryIO:
    """Open a file without following a FIFO or device into a read that never returns:
    non-blocking open (a FIFO's open waits for a writer), then a check of what it is.
    Exit code 3 like a missing path: the path names no archive file."""
    try:
        descriptor = os.open(
            path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        )
    except OSError as error:
        raise ArchiveError(f"cannot open {path}: {error.strerror}") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ArchiveError(
            f"{path} is not a regular file (a pipe, socket or device?); give the path of your "
            "archive .zip or folder"
        )
    return os.fdopen(descriptor, "rb")


def _members(entries: list[unzip.Entry]) -> list[Member]:
    """Checked members. Each check runs over all entries at once: archives hold 100,000s."""
    for entry in entries:
        if entry.flags & 0x1:
            raise ArchiveError(
                f"{entry.name} is encrypted; auditor reads only unencrypted archives as "
                "platforms send them. Re-zip the folder without a password"
            )
        if entry.method not in SUPPORTED_METHODS:
            raise ArchiveError(
                f"{entry.name} uses an unsupported compression method ({entry.method}); unzip "
                "the archive and give auditor the folder, or re-zip it with standard deflate"
            )
    paths = safe_names([entry.name for entry in entries])
    return [
        Member(
            path,
            e.size,
            e.compressed,
            stat.S_ISLNK(e.external_attr >> 16),
            e,
            stat.S_IFMT(e.external_attr >> 16) not in ZIP_PLAIN,
        )
        for path, e in zip(paths, entries, strict=True)
    ]


# File types a zip may declare for a readable member (0: made on a system without modes).
ZIP_PLAIN = {0, stat.S_IFREG, stat.S_IFDIR, stat.S_IFLNK}


def safe_names(names: list[str]) -> list[str]:
    """`safe_name` for many names: one search over all of them finds whether any needs a
    closer look (none does in an archive as X sends it)."""
    joined = "\n".join(names)
    if (
        not joined.isascii()
        or not all(names)
        or joined.count("\n") != len(names) - 1  # a newline inside a name
        or joined.startswith("/")
        or any(suspect in joined for suspect in SUSPECT)
        or CONTROL_OR_BACKSLASH.search(joined)
    ):
        return [safe_name(name) for name in names]
    return names


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
    keys = "\n".join([m.path.rstrip("/") for m in members]).casefold().split("\n")
    if len(set(keys)) == len(keys):
        return
    seen: set[str] = set()
    for member in members:
        key = member.path.rstrip("/").casefold()
        if key in seen:
            raise ArchiveError(
                f"the archive contains {member.path!r} twice; it is not an archive as a "
                "platform sends it"
            )
        seen.add(key)


def _check_no_overlap(entries: list[unzip.Entry], directory_start: int) -> None:
    ordered = sorted(entries, key=lambda e: e.offset)
    ends = [e.offset for e in ordered[1:]] + [directory_start]
    for entry, limit in zip(ordered, ends, strict=True):
        if entry.offset + unzip.LOCAL_HEADER_SIZE + entry.name_bytes + entry.compressed > limit:
            raise ArchiveError(
                f"members of the zip overlap at {entry.name[:60]!r}, a zip-bomb technique; "
                "the archive was not read"
            )


def _read_with_zipfile(archive: zipfile.ZipFile, entry: unzip.Entry, sink: unzip.Sink) -> None:
    """bzip2 and lzma members, which X never writes: zipfile's own decompressors."""
    try:
        with archive.open(entry.name) as handle:
            while sink.filled < entry.size:
                step = unzip.HEAD if sink.checking else READ_STEP
                got = handle.readinto(sink.room(min(step, entry.size - sink.filled)))
                if not got:
                    break
                sink.commit(got)
            if handle.read(1):
                raise unzip.BadArchive("it inflates to more than its declared size")
    except ZIPFILE_ERRORS as error:
        raise unzip.BadArchive(_short(error)) from None
    if sink.filled != entry.size:
        raise unzip.BadArchive(f"truncated ({sink.filled:,} of {entry.size:,} bytes)")


def _read_file(path: Path, member: Member, sink: unzip.Sink) -> None:
    # No symlink and no FIFO swapped in since the folder was listed.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise ArchiveError(f"{member.path} could not be read ({error.strerror})") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise ArchiveError(f"{member.path} changed into a link or special file while being read")
    with open(descriptor, "rb", buffering=0) as handle:
        filled = handle.readinto(sink.room(member.size)) or 0
        if filled != member.size or handle.read(1):
            raise ArchiveError(f"{member.path} changed while it was being read")
        sink.commit(filled)


def _list_folder(root: Path, limits: Limits, prefix: str = "") -> list[Member]:
    members: list[Member] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        for name in sorted(filenames) + [d for d in dirnames if (base / d).is_symlink()]:
            full = base / name
            info = full.lstat()
            relative = prefix + full.relative_to(root).as_posix()
            link = stat.S_ISLNK(info.st_mode)
            plain = link or stat.S_ISREG(info.st_mode)
            size = info.st_size if stat.S_ISREG(info.st_mode) else 0
            members.append(Member(relative, size, size, link, None, not plain))
            if len(members) > limits.max_members:
                raise LimitError(
                    f"{root} holds more than {limits.max_members:,} files; "
                    "raise the limit with --max-members if this is genuine"
                )
    members.sort(key=lambda m: m.path)
    return members


def _short(error: BaseException) -> str:
    return str(error).splitlines()[0][:120] if str(error) else type(error).__name__
