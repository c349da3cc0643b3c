"""Read an X archive into a Dataset: one data file at a time, typed, nothing lost.

Every member ends up in the inventory: parsed into a table, counted, media (folded per
folder), viewer code, or unknown. A data file that fails to decode is marked failed with the
reason and the run goes on; the Dataset then says it is partial.
"""

from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager

import numpy as np
import pandas as pd

from ...container import Container, Member
from ...dataset import Account, InventoryRow, Note
from ...errors import ArchiveError, DecodeError
from . import records as r
from . import ytd
from .handlers import empty_dms, empty_grok
from .layout import (
    GRAILBIRD_VIEWER,
    README_FILES,
    VIEWER_FILES,
    VIEWER_PREFIXES,
    Layout,
    detect,
    file_type,
    grailbird_type,
    media_folder,
)
from .parallel import OnFile, read_files
from .posts import concat, posts_table, with_circle
from .state import FileStats, State
from .tables import Dataset
from .times import parse_one


@contextmanager
def _gc_paused():
    """Building tables makes millions of short-lived objects and no cycles: skip GC passes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_archive(container: Container, on_file: OnFile | None = None, jobs: int = 0) -> Dataset:
    """`jobs`: worker processes for big files (0: one per CPU, at most 2; 1: none)."""
    jobs = jobs or min(2, os.cpu_count() or 1)
    with _gc_paused():
        return _read_archive(container, on_file, jobs)


def _read_archive(container: Container, on_file: OnFile | None, jobs: int) -> Dataset:
    by_path = {m.path: m for m in container.members if not m.path.endswith("/")}
    layout = detect(list(by_path))
    rows: list[InventoryRow] = []
    state = State()
    manifest, expected, partial = _read_manifest(container, by_path, layout, rows)
    if manifest and {"tweet", "tweets"} & set(manifest.data_types):
        generation = "2022" if "tweets" in manifest.data_types else "2020"
        layout = Layout(layout.root, generation, layout.data_dir)
    plan, other_rows, media_files = _plan(by_path, layout)
    rows.extend(other_rows)
    refused = [row.path for row in other_rows if row.status == "refused"]
    if refused:
        partial.append(
            Note(
                "%(count)s archive members are links or special files and were not read "
                "(e.g. %(path)s)",
                count=len(refused),
                path=refused[0],
            )
        )
    stats = read_files(container, plan, state, on_file, jobs)
    _mark_others_posts(state, stats, _account(state.account, manifest))
    posts = with_circle(posts_table(state.posts, stats), posts_table(state.circle, stats), stats)
    deleted = posts_table(state.deleted, stats, deleted=True)
    dms = _with_message_events(concat(state.dms, empty_dms()), state.message_events, stats)
    for stat in stats:
        _check_count(stat, expected, partial)
        if stat.status == "failed":
            partial.append(
                Note("%(path)s could not be read: %(reason)s", path=stat.path, reason=stat.notes[0])
            )
        elif stat.status == "partial":
            partial.append(
                Note(
                    "%(path)s was read in part: %(reasons)s",
                    path=stat.path,
                    reasons="; ".join(stat.problems),
                )
            )
        rows.append(stat.row())
    rows.extend(_missing_rows(expected, by_path, layout, partial))
    rows.sort(key=lambda row: row.path)
    generated_at = state.generated_at or _generated_at(manifest, None)
    generated_from = "archive" if generated_at else ""
    if generated_at is None:  # no date of its own: the newest record says when, at the latest
        dated = pd.concat([posts["created"], deleted["created"], dms["created"]])
        generated_at = _generated_at(None, dated.to_frame())
        generated_from = "newest-record" if generated_at else ""
    return Dataset(
        platform="x",
        layout=layout.generation,
        generated_at=generated_at,
        generated_from=generated_from,
        account=_account(state.account, manifest),
        posts=posts,
        deleted_posts=deleted,
        likes=pd.DataFrame({"id": np.concatenate(state.likes or [np.zeros(0, np.int64)])}),
        dms=dms,
        grok=concat(state.grok, empty_grok()),
        inventory=rows,
        media_files=media_files,
        signals=state.signals,
        protected_changes=sorted(state.protected),
        birth_date=state.birth_date,
        present={s.type for s in stats},
        partial_reasons=partial,
    )


# -- planning ---------------------------------------------------------------------------------


def _read_manifest(container, by_path, layout: Layout, rows):
    """The archive's own list of files and counts: manifest.js, or Grailbird's tweet_index."""
    if layout.generation == "grailbird":
        return _read_month_index(container, by_path, layout, rows)
    path = layout.root + "data/manifest.js"
    partial: list[str] = []
    member = by_path.get(path)
    if member is None:
        return None, {}, partial
    try:
        manifest = ytd.decode(container.read(member, ytd.check_start), r.Manifest)
    except (DecodeError, ArchiveError) as error:
        rows.append(InventoryRow(path, "manifest", 0, 0, 0, "failed", str(error)))
        partial.append(Note("the manifest could not be read, so file counts cannot be checked"))
        return None, {}, partial
    expected: dict[str, tuple[str, int | None]] = {}
    invalid = 0
    for key, data_type in manifest.data_types.items():
        for entry in data_type.files:
            count = _count(entry.count)
            invalid += count is None and bool(entry.count)
            expected[layout.root + entry.file_name.lstrip("/")] = (key, count)
    notes = (Note("lists %(count)s data files", count=len(expected)),)
    if invalid:
        notes += (
            Note(
                "%(count)s record counts are not valid numbers and were not checked", count=invalid
            ),
        )
    note = "; ".join(notes)
    rows.append(InventoryRow(path, "manifest", 1, 1, 0, "parsed", note, notes))
    if manifest.archive_info and manifest.archive_info.is_partial_archive:
        partial.append(Note("X marked this archive as partial (isPartialArchive)"))
    return manifest, expected, partial


COUNT = re.compile(r"[0-9]{1,15}")  # ASCII digits only; a quadrillion records is no archive


def _count(text: str | None) -> int | None:
    """A manifest record count, or None when it is no plausible number (int() of 5,000
    digits raises, and str.isdigit accepts characters such as "²" that int() refuses)."""
    return int(text) if text and COUNT.fullmatch(text) else None


def _read_month_index(container, by_path, layout: Layout, rows):
    path = layout.root + "data/js/tweet_index.js"
    member = by_path.get(path)
    if member is None:
        return None, {}, [Note("the Grailbird index (tweet_index.js) is missing")]
    try:
        months = ytd.decode(container.read(member, ytd.check_start), list[r.MonthIndex])
    except (DecodeError, ArchiveError) as error:
        rows.append(InventoryRow(path, "tweet-index", 0, 0, 0, "failed", str(error)))
        reason = Note("the Grailbird index could not be read, so counts cannot be checked")
        return None, {}, [reason]
    expected = {layout.root + m.file_name: ("grailbird-tweets", m.tweet_count) for m in months}
    note = Note("lists %(count)s month files", count=len(expected))
    rows.append(InventoryRow(path, "tweet-index", len(months), len(months), 0, "parsed", note))
    return None, expected, []


def _plan(by_path: dict[str, Member], layout: Layout):
    """Data files to read; everything else becomes an inventory row or a folded count."""
    plan: list[tuple[Member, str, int]] = []
    rows: list[InventoryRow] = []
    folded: dict[tuple[str, str], int] = {}
    for path, member in sorted(by_path.items()):
        verdict = _classify(path, member, layout)
        if verdict[0] == "read":
            plan.append((member, verdict[1], verdict[2]))
        elif verdict[0] == "fold":
            folded[verdict[1:]] = folded.get(verdict[1:], 0) + 1
        elif verdict[0] == "row":
            rows.append(InventoryRow(path, verdict[1], 0, 0, 0, verdict[2], verdict[3]))
    media = 0
    for (folder, kind), count in folded.items():
        if kind == "media":
            media += count
            rows.append(InventoryRow(folder, "media", count, count, 0, "media", MEDIA_NOTE))
        else:
            rows.append(InventoryRow(folder, "viewer", count, 0, count, "ignored", VIEWER_NOTE))
    plan.sort(key=lambda item: (item[1], item[2]))
    return [(member, kind) for member, kind, _ in plan], rows, media


MEDIA_NOTE = Note("media files counted, never opened")
VIEWER_NOTE = Note("X's archive viewer (web page code), not account data")
README_NOTE = Note("X's description of the archive's files")
UNKNOWN_NOTE = Note("not a file auditor knows; listed, not read")
# Older names of files read like their successors (the manifest key is `deletedTweet`).
READ_AS = {"deleted-tweet": "deleted-tweets"}


def _classify(path: str, member: Member, layout: Layout) -> tuple:
    if member.refused:  # first: a link named like media or a data file is still a link
        return ("row", "symlink" if member.symlink else "special", "refused", member.refused)
    if not path.startswith(layout.root):
        return ("row", "unknown", "unknown", Note("outside the archive's root folder"))
    relative = path[len(layout.root) :]
    folder = media_folder(path)
    if folder:
        return ("fold", folder, "media")
    if layout.generation == "grailbird":
        return _classify_grailbird(relative, layout)
    if relative in VIEWER_FILES:  # its own row: the viewer page may come without assets/
        return ("fold", path, "viewer")
    if relative.startswith(VIEWER_PREFIXES):
        return ("fold", layout.root + "assets/", "viewer")
    if relative == "data/manifest.js":
        return ("skip",)
    if relative in README_FILES:
        return ("row", "readme", "ignored", README_NOTE)
    inside = relative.startswith(layout.data_dir) and "/" not in relative[len(layout.data_dir) :]
    kind = file_type(relative) if inside else None
    if kind:
        return ("read", READ_AS.get(kind[0], kind[0]), kind[1])
    return ("row", "unknown", "unknown", UNKNOWN_NOTE)


def _classify_grailbird(relative: str, layout: Layout) -> tuple:
    kind = grailbird_type(relative)
    if kind and kind[0] == "tweet-index":
        return ("skip",)
    if kind:
        return ("read", *kind)
    if relative in README_FILES:
        return ("row", "readme", "ignored", README_NOTE)
    if relative.startswith(GRAILBIRD_VIEWER):
        return ("fold", layout.root + "(viewer)/", "viewer")
    return ("row", "unknown", "unknown", UNKNOWN_NOTE)


# -- reading ----------------------------------------------------------------------------------


# Files whose records feed the results: fewer than the archive's own count means lost items.
RESULT_TYPES = {
    "tweets",
    "grailbird-tweets",
    "deleted-tweets",
    "community-tweet",
    "like",
    "direct-messages",
    "direct-messages-group",
    "message-event",
    "grok-chat-item",
}


def _check_count(stat: FileStats, expected, partial: list[str]) -> None:
    claim = expected.get(stat.path)
    if not claim or claim[1] is None or stat.status == "failed" or claim[1] == stat.records:
        return
    stat.notes.append(
        Note(
            "manifest says %(count)s records, file holds %(held)s",
            count=claim[1],
            held=stat.records,
        )
    )
    if stat.records < claim[1] and stat.type in RESULT_TYPES:
        partial.append(
            Note(
                "%(path)s holds %(held)s of the %(count)s records the archive lists",
                path=stat.path,
                held=stat.records,
                count=claim[1],
            )
        )


def _missing_rows(expected, by_path, layout, partial: list[str]) -> list[InventoryRow]:
    """Named by file type, like the files that are there (not by the manifest's key)."""
    rows = []
    for path, (key, count) in expected.items():
        if path not in by_path:
            found = file_type(path[len(layout.root) :]) if key != "grailbird-tweets" else None
            kind = READ_AS.get(found[0], found[0]) if found else key
            note = Note(
                "listed by the archive's own index (%(count)s records) but not in the archive",
                count="?" if count is None else count,
            )
            rows.append(InventoryRow(path, kind, 0, 0, 0, "missing", note))
    lost = [row for row in rows if expected[row.path][1]]
    if lost:
        records = sum(expected[row.path][1] for row in lost)
        partial.append(
            Note(
                "%(files)s data files listed by the archive itself are missing "
                "(%(records)s records, e.g. %(path)s)",
                files=len(lost),
                records=records,
                path=lost[0].path,
            )
        )
    return rows


def _mark_others_posts(state: State, stats: list[FileStats], account: Account) -> None:
    """Grailbird archives extended by updater tools hold reposts as the original post, with
    its author: a post by anyone but the account holder is a repost."""
    frames = [f for f in state.posts if (f["author"] >= 0).any()]
    if not frames:
        return
    own = _int_or_none(account.account_id)
    if own is None:  # no user_details.js: the account holder is whoever wrote most posts
        authors = pd.concat([f["author"] for f in frames])
        own = int(authors[authors >= 0].mode().iloc[0])
    for frame in frames:
        author = frame["author"]
        others = ((author >= 0) & (author != own) & (frame["kind"] != "repost")).to_numpy()
        if others.any():
            frame.loc[others, "kind"] = "repost"
            stat = stats[int(frame["source"].iloc[0])]
            stat.notes.append(
                Note(
                    "%(count)s posts by other accounts (stored by an updater tool) "
                    "counted as reposts",
                    count=int(others.sum()),
                )
            )


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _with_message_events(dms: pd.DataFrame, events: list[pd.DataFrame], stats) -> pd.DataFrame:
    """Encrypted-DM messages join the DMs; one that direct-messages.js also holds (same id)
    is counted once."""
    events = [e for e in events if not e.empty]
    if not events:
        return dms
    table = pd.concat(events, ignore_index=True)
    seen = table["id"].isin(dms["id"]).to_numpy() | table["id"].duplicated().to_numpy()
    for source, count in table.loc[seen, "source"].value_counts().items():
        stat = stats[int(source)]
        stat.analyzed -= int(count)
        stat.skipped += int(count)
        stat.notes.append(
            Note(
                "%(count)s messages already counted (also in direct-messages.js, or repeated)",
                count=int(count),
            )
        )
    extra = table.loc[~seen].drop(columns=["source"])
    return pd.concat([dms, extra], ignore_index=True) if len(extra) else dms


def _generated_at(manifest, records: pd.DataFrame | None):
    if manifest and manifest.archive_info:
        when = parse_one(manifest.archive_info.generation_date)
        if when:
            return when
    if records is None or records["created"].isna().all():
        return None
    return records["created"].max().to_pydatetime()


def _account(account: Account, manifest) -> Account:
    info = manifest.user_info if manifest else None
    if info:
        account.account_id = account.account_id or info.account_id
        account.username = account.username or info.user_name
    return account
