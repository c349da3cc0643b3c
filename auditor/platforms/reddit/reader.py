"""Read a Reddit data-request export (a flat zip of CSV files) into the neutral item table.

Every member ends up in the inventory. Item files become items; account files give the
account, region signals and birth date; every other CSV is counted. checkfile.csv's hashes
are checked: a mismatch or a listed file that is absent marks the report partial, and the
file is read anyway. A bad row costs that row; skipped rows are counted with their reasons.
Message and chat bodies (and subjects) are never converted, let alone kept.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ...container import Container, Member
from ...dataset import Account, InventoryRow, Note, Signal, counted
from ...errors import ArchiveError
from ...i18n import N_
from .. import ReadOptions
from ..csvfile import (
    NO_DATE,
    NO_ID,
    NO_NAME,
    NO_VALID_ID,
    CsvTable,
    count_rows,
    read_columns,
    utc_seconds,
)
from ..neutral import STATES, STRING, ItemColumns, PlatformData, frame_of, part, unreadable
from .detect import export_members
from .vocabulary import CATEGORY_IDS, WEB

TEXT_NOT_READ = Note("message text not read")
WITHDRAWN_ONE = N_("1 withdrawn vote (direction none/removed) not counted")
WITHDRAWN_MANY = N_("%(count)s withdrawn votes (direction none/removed) not counted")
REPEATED_ONE = N_("1 message also in another message file")
REPEATED_MANY = N_("%(count)s messages also in another message file")

# Reddit ids are base36; the export drops the t3_/t1_ "fullname" prefix, usually.
BASE36 = r"^(?:t[0-9]_)?[0-9a-z]{1,13}$"
MEDIA_HOSTS = r"^https?://(?:[a-z0-9-]+\.)*(?:redd\.it|imgur\.com|gfycat\.com|redgifs\.com)/"
MAX_ID = 13  # base36 digits of the longest id BASE36 allows
DELETED = {"[deleted]": "deleted", "[removed]": "removed"}
SHORT_BODY = 64  # "[removed]" with room for the blanks around it that trimming forgives
LANES = 2  # threads that read files at once (one per core of a laptop, at the least)
MESSAGE_FILES = ("messages.csv", "messages_archive.csv")
HEADER_FILES = {
    "post_headers.csv": "posts.csv",
    "comment_headers.csv": "comments.csv",
    "message_headers.csv": "messages.csv",
    "messages_archive_headers.csv": "messages_archive.csv",
}
# Without these the report would silently show nothing for a whole category.
EXPECTED = ("posts.csv", "comments.csv", "statistics.csv")
# Stands in for a file's checksum notes until the hash computed beside its parse is done.
PENDING_TEXT = "\x00checksum pending"  # never shown, so never translated
PENDING = Note(PENDING_TEXT)
Verdict = Callable[[], tuple[Note, ...]]


@dataclass
class _State:
    """What the reader collects while it goes through the members."""

    username: str | None
    batches: list[ItemColumns] = field(default_factory=list)
    parts: list[pd.DataFrame] = field(default_factory=list)  # batches, typed for the table
    inventory: list[InventoryRow] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    item_ips: dict[str, datetime | None] = field(default_factory=dict)
    partial: list[Note] = field(default_factory=list)
    message_ids: set[str] = field(default_factory=set)
    pending: Verdict | None = None  # the current file's checksum, being computed

    def settle(self, notes: tuple[Note, ...] = ()) -> tuple[Note, ...]:
        """`notes` with the checksum verdict in place of `PENDING` (waiting for the hash)."""
        if self.pending is None:
            return notes
        verdict, self.pending = self.pending(), None
        return tuple(n for note in notes for n in (verdict if note is PENDING else (note,)))

    def absorb(self, other: _State) -> None:
        """What one file's reading collected, in file-name order (so the result does not
        depend on which thread finished first)."""
        self.parts.extend(other.parts)
        self.inventory.extend(other.inventory)
        self.partial.extend(other.partial)
        for ip, when in other.item_ips.items():
            self.saw_ip(ip, when)

    def saw_ip(self, ip: str, when: datetime | None) -> None:
        """Keep each address's latest use."""
        previous = self.item_ips.get(ip)
        if previous is None or (when is not None and when > previous):
            self.item_ips[ip] = when

    def failed(self, path: str, error: ArchiveError) -> None:
        row, reason = unreadable(path, _type(path), error)
        self.inventory.append(row)
        self.partial.append(reason)

    def row(self, path: str, table: CsvTable, analyzed: int, status="parsed", notes=()) -> None:
        notes = self.settle(notes)  # first: a checksum mismatch is listed before skipped rows
        self.inventory.append(
            InventoryRow(
                path,
                _type(path),
                table.rows + table.skipped,
                analyzed,
                table.skipped,
                status,
                notes=(*notes, *table.skip_notes()),
            )
        )
        self.partial.extend(table.skip_notes(path))


def read(container: Container, options: ReadOptions | None = None) -> PlatformData:
    members = export_members(container)
    if not members:
        raise ArchiveError(
            f"{container.source.name} holds no Reddit CSV files; give the zip Reddit sent "
            "(reddit.com/settings/data-request)"
        )
    damaged: list[Note] = []
    try:
        checksums, check_rows = _checkfile(container, members)
    except ArchiveError as error:  # then nothing can be verified; the files are read
        row, reason = unreadable("checkfile.csv", "checkfile", error)
        checksums, check_rows, damaged = {}, [row], [reason]
    account, generated, signals, birth = _account(container, members)
    username = (options.account_name if options else None) or account.username
    state = _State(username.lower() if username else None, signals=signals, partial=damaged)
    state.inventory.extend(check_rows)
    names = [name for name in sorted(members) if name != "checkfile.csv"]
    for _, found in _read_files(container, members, names, checksums, state.username):
        state.absorb(found)
    _missing(members, checksums, state)
    state.signals.extend(
        Signal("login_ip", ip, when) for ip, when in sorted(state.item_ips.items())
    )
    return PlatformData(
        platform="reddit",
        generated_at=generated,
        account=account,
        items=frame_of(state.parts, CATEGORY_IDS),
        inventory=sorted(state.inventory, key=lambda row: row.path),
        signals=state.signals,
        birth_date=birth,
        partial_reasons=state.partial,
    )


def _read_files(
    container: Container,
    members: dict[str, Member],
    names: list[str],
    checksums: dict[str, str],
    username: str | None,
) -> list[tuple[str, _State]]:
    """Each file's findings, read in two lanes of threads: zlib, sha256, pyarrow's parse and
    most of its compute let go of the GIL, so the comments (a third of the export) are read
    while the other files are. Each lane reads its files in order into a buffer of its own;
    a file is hashed in a third thread while it is parsed, and the hash is waited for before
    the buffer is reused."""
    found: dict[str, _State] = {}
    stop = threading.Event()  # a stopped run does not wait for the lanes' remaining files
    with ThreadPoolExecutor(LANES + 1, thread_name_prefix="reddit") as pool:

        def lane(files: list[str]) -> None:
            message_ids: set[str] = set()  # both message files are in one lane, in order
            with container.sibling() as reader:
                for name in files:
                    if stop.is_set():
                        return
                    state = found[name] = _State(username, message_ids=message_ids)
                    try:
                        data = reader.read(members[name])
                    except ArchiveError as error:  # damaged: this file only
                        state.failed(name, error)
                        continue
                    _dispatch(name, data, state, _verify(name, data, checksums, state, pool))
                    state.settle()
                    state.parts = [part(b, CATEGORY_IDS) for b in state.batches if len(b.id)]
                    state.batches = []

        try:
            for done in [pool.submit(lane, files) for files in _lanes(members, names)]:
                done.result()
        except BaseException:
            stop.set()
            raise
    return [(name, found[name]) for name in names]


def _lanes(members: dict[str, Member], names: list[str]) -> list[list[str]]:
    """The files in LANES lists of about equal bytes, biggest first into the lightest lane;
    the message files travel together (the second is checked against the first's ids)."""
    groups: list[list[str]] = [[n] for n in names if n not in MESSAGE_FILES]
    messages = [n for n in names if n in MESSAGE_FILES]
    if messages:
        groups.append(messages)
    lanes: list[list[str]] = [[] for _ in range(LANES)]
    loads = [0] * LANES
    for group in sorted(groups, key=lambda g: (-sum(members[n].size for n in g), g)):
        lightest = loads.index(min(loads))
        lanes[lightest].extend(group)
        loads[lightest] += sum(members[n].size for n in group)
    return [sorted(lane) for lane in lanes if lane]


def _readable(container: Container, members: dict[str, Member], name: str):
    """The file's bytes, or None when it is absent or damaged (its own reading, later, lists
    the damage)."""
    if name not in members:
        return None
    try:
        return container.read(members[name])
    except ArchiveError:
        return None


def _type(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".csv")


# --- checkfile.csv ----------------------------------------------------------------------


def _checkfile(container: Container, members: dict[str, Member]):
    member = members.get("checkfile.csv")
    if member is None:
        note = Note("no checksums to verify the other files against")
        return {}, [InventoryRow("checkfile.csv", "checkfile", 0, 0, 0, "missing", note)]
    table = read_columns(container.read(member), ("filename", "sha256"))
    frame_ = table.frame
    table.skip(frame_["filename"].isna() | (frame_["filename"].str.strip() == ""), NO_NAME)
    hashes = {
        str(name).strip(): str(digest).strip().lower()
        for name, digest in zip(
            table.frame["filename"], table.frame["sha256"].fillna(""), strict=True
        )
    }
    notes = (Note("checksums of the other files"), *table.skip_notes())
    rows = [InventoryRow("checkfile.csv", "checkfile", table.rows + table.skipped, table.rows,
                         table.skipped, "parsed", notes=notes)]  # fmt: skip
    return hashes, rows


def _verify(
    name: str, data: memoryview, checksums: dict[str, str], state: _State, hasher
) -> tuple[Note, ...]:
    """The file's checksum notes: `PENDING` while the hash runs beside the parse."""
    if not checksums:
        return ()
    expected = checksums.get(name)
    if expected is None:
        return (Note("not listed in checkfile.csv"),)
    digest = hasher.submit(lambda: hashlib.sha256(data).hexdigest())
    state.pending = lambda: _verdict(name, digest.result() == expected, state)
    return (PENDING,)


def _verdict(name: str, matches: bool, state: _State) -> tuple[Note, ...]:
    if matches:
        return (Note("checksum verified"),)
    state.partial.append(Note("%(path)s does not match its checksum in checkfile.csv", path=name))
    return (Note("does not match its checksum in checkfile.csv (changed or damaged)"),)


def _missing(members: dict[str, Member], checksums: dict[str, str], state: _State) -> None:
    for name in sorted(set(checksums) - set(members)):
        state.inventory.append(
            InventoryRow(name, _type(name), 0, 0, 0, "missing", Note("listed in checkfile.csv"))
        )
        state.partial.append(
            Note("%(path)s is listed in checkfile.csv but not in the export", path=name)
        )
    for name in EXPECTED:
        if name not in members and name not in checksums:
            state.inventory.append(
                InventoryRow(name, _type(name), 0, 0, 0, "missing", Note("not in the export"))
            )


# --- account files ----------------------------------------------------------------------


def _account(container: Container, members: dict[str, Member]):
    account, generated, signals = Account(), None, []
    if (statistics := _readable(container, members, "statistics.csv")) is not None:
        table = read_columns(statistics, ("statistic", "value"))
        stats = {
            str(k).strip().lower(): str(v).strip()
            for k, v in zip(table.frame["statistic"], table.frame["value"].fillna(""), strict=True)
            if not pd.isna(k)
        }
        account.username = stats.get("account name") or None
        account.account_id = account.username
        account.created_at = _moment(stats.get("registration date"))
        generated = _moment(stats.get("export time"))
        email = stats.get("email address", "")
        if "@" in email:  # only the domain: never the address
            signals.append(Signal("email_domain", email.rsplit("@", 1)[1].lower()))
    if (ip_logs := _readable(container, members, "ip_logs.csv")) is not None:
        signals.extend(_ip_logs(ip_logs))
    birth = None
    if (birthdate := _readable(container, members, "birthdate.csv")) is not None:
        birth = _birth(birthdate)
    return account, generated, signals, birth


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    parsed = utc_seconds(pd.Series([text], dtype="string")).iloc[0]
    return None if pd.isna(parsed) else parsed.to_pydatetime()


def _ip_logs(data: memoryview) -> list[Signal]:
    table = read_columns(data, ("date", "ip"))
    signals = []
    for when, ip in zip(table.frame["date"].fillna(""), table.frame["ip"].fillna(""), strict=True):
        ip = ip.strip()
        if not ip:
            continue
        if when.strip().lower() == "registration ip":
            signals.append(Signal("creation_ip", ip))
        else:
            signals.append(Signal("login_ip", ip, _moment(when)))
    return signals


def _birth(data: memoryview) -> date | None:
    table = read_columns(data, ("birthdate", "verified_birthdate"))
    for column in ("verified_birthdate", "birthdate"):  # a verified date wins
        for value in table.frame[column].dropna():
            parsed = pd.to_datetime(str(value).strip()[:10], errors="coerce", format="%Y-%m-%d")
            if not pd.isna(parsed):
                return parsed.date()
    return None


# --- item files -------------------------------------------------------------------------


def _dispatch(name: str, data: memoryview, state: _State, notes: tuple[Note, ...]) -> None:
    if name in ("statistics.csv", "ip_logs.csv", "birthdate.csv"):
        state.row(name, count_rows(data), 0, "counted", (Note("read for the account"), *notes))
    elif name in ITEM_READERS:
        ITEM_READERS[name](name, data, state, notes)
    elif name in HEADER_FILES:
        subset = Note("a subset of %(file)s", file=HEADER_FILES[name])
        state.row(name, count_rows(data), 0, "ignored", (subset, *notes))
    elif name.endswith(".csv"):
        state.row(name, count_rows(data), 0, "counted", notes)
    else:
        notes = state.settle(notes)
        state.inventory.append(InventoryRow(name, _type(name), 0, 0, 0, "unknown", notes=notes))


def _ids(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(ids without t1_/t3_, rows whose id does not match `BASE36`), without a regex:
    RE2 took 0.06 s per 500k comments for the match alone, these passes 0.04 s in all."""
    raw = pc.fill_null(pa.array(column), "")
    if _plain_ids(raw):  # as exports have them: nothing to strip, lower or check further
        return column.fillna(""), pd.Series(np.zeros(len(column), bool), index=column.index)
    ids = pc.utf8_lower(pc.utf8_trim_whitespace(raw))
    kind = pc.utf8_slice_codeunits(ids, 1, 2)  # in code points, so never a broken character
    prefixed = pc.and_(
        pc.and_(pc.starts_with(ids, "t"), pc.equal(pc.utf8_slice_codeunits(ids, 2, 3), "_")),
        pc.ascii_is_decimal(kind),
    )
    after = pc.utf8_slice_codeunits(ids, 3)
    body = pc.if_else(prefixed, after, ids)
    # utf8_lower left no ASCII capital, so ASCII alphanumeric is [0-9a-z] (and non-empty).
    valid = pc.and_(pc.ascii_is_alnum(body), pc.less_equal(pc.binary_length(body), MAX_ID))
    short = pc.and_(prefixed, pc.is_in(kind, pa.array(["1", "3"])))
    stripped = pd.arrays.ArrowStringArray(pc.if_else(short, after, ids))
    invalid = pc.invert(valid).to_numpy(zero_copy_only=False)
    return pd.Series(stripped, index=column.index), pd.Series(invalid, index=column.index)


def _plain_ids(ids) -> bool:
    """Every id 1-13 lower-case ASCII letters or digits: passes that allocate no strings."""
    if len(ids) == 0:
        return True
    lengths = pc.binary_length(ids)
    if pc.min(lengths).as_py() < 1 or pc.max(lengths).as_py() > MAX_ID:
        return False
    lower = pc.or_(pc.ascii_is_lower(ids), pc.ascii_is_decimal(ids))
    return pc.all(pc.and_(pc.ascii_is_alnum(ids), lower)).as_py()


def _valid(table: CsvTable, id_column: str = "id", date_column: str | None = "date"):
    """Drop rows without a usable id or date; returns the parsed dates (or None)."""
    stripped, invalid = _ids(table.frame[id_column])
    table.frame = table.frame.assign(**{id_column: stripped})
    table.skip(invalid, NO_VALID_ID)
    if date_column is None:
        return None
    created = utc_seconds(table.frame[date_column])
    bad = created.isna()
    table.skip(bad, NO_DATE)
    return created[~bad.to_numpy()]


def _urls(permalinks: pd.Series, template: str | None, ids: pd.Series) -> pd.Series:
    # pyarrow compute on whole columns (pandas' where/fillna on 100,000s of strings cost more
    # than parsing the CSV), and if_else only where rows differ: on strings it copies them all.
    links = pc.utf8_trim_whitespace(pc.fill_null(_arrow(permalinks), ""))
    links = _where(pc.starts_with(links, "/"), lambda: _concat(WEB, links), links)
    links = _where(pc.starts_with(links, "https://"), lambda: links, None)
    if template is not None and links.null_count:
        before, after = template.split("{id}")
        links = pc.coalesce(links, _concat(before, _arrow(ids), after))
    return pd.Series(pd.array(links, dtype=STRING), index=permalinks.index)


def _where(mask, chosen: Callable[[], pa.ChunkedArray], other):
    """`chosen()` where `mask`, else `other` (an array, or None for null)."""
    if pc.all(mask).as_py() is not False:  # every row, or no rows at all
        return chosen()
    if other is not None and not pc.any(mask).as_py():
        return other
    values = chosen()
    return pc.if_else(mask, values, pa.scalar(None, values.type) if other is None else other)


def _concat(*parts):
    kind = next(part.type for part in parts if not isinstance(part, str))
    scalars = [pa.scalar(part, kind) if isinstance(part, str) else part for part in parts]
    return pc.binary_join_element_wise(*scalars, pa.scalar("", kind))


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values.astype(STRING))


def _states(bodies: pd.Series) -> pd.Series:
    """live | deleted | removed as a categorical (codes follow STATES' order). Only short
    bodies are trimmed and looked up: trimming every comment would copy all their text."""
    values = pc.fill_null(_arrow(bodies), "")
    short = pc.less_equal(pc.binary_length(values), SHORT_BODY).to_numpy(zero_copy_only=False)
    codes = np.zeros(len(bodies), dtype=np.int8)
    if short.any():
        candidates = pc.utf8_trim_whitespace(pc.filter(values, pa.array(short)))
        found = pc.index_in(candidates, value_set=pa.array(list(DELETED), candidates.type))
        codes[short] = pc.fill_null(pc.add(found, 1), 0).to_numpy(zero_copy_only=False)
    return pd.Series(pd.Categorical.from_codes(codes, categories=list(STATES)), index=bodies.index)


def _live_text(bodies: pd.Series, live: pd.Series) -> pd.Series:
    """The body where the item is live, else "" ("[deleted]" is not the author's text)."""
    text = bodies.fillna("")
    gone = live.ne("live").to_numpy()
    return text.mask(gone, "") if gone.any() else text


def _collect_ips(table: CsvTable, created: pd.Series, state: _State) -> None:
    """One login_ip signal per distinct address, at its latest use: an item's `ip` column
    repeats the same few addresses 100,000s of times (grouped in Arrow, off the GIL)."""
    ips = pc.utf8_trim_whitespace(pc.fill_null(_arrow(table.frame["ip"]), ""))
    when = pa.array(created.dt.tz_convert(None).to_numpy(), type=pa.timestamp("s"))
    pairs = pa.table({"ip": ips, "when": when})
    pairs = pairs.filter(pc.invert(pc.is_in(pairs["ip"], pa.array(["", "0.0.0.0"]))))
    latest = pairs.group_by("ip").aggregate([("when", "max")])
    for ip, when in zip(latest["ip"].to_pylist(), latest["when_max"].to_pylist(), strict=True):
        state.saw_ip(str(ip), None if when is None else when.replace(tzinfo=UTC))


def _posts(name: str, data: memoryview, state: _State, notes: tuple[Note, ...]) -> None:
    table = read_columns(data, ("id", "permalink", "date", "ip", "title", "url", "body"))
    created = _valid(table)
    rows = table.frame
    live = _states(rows["body"])
    body = _live_text(rows["body"], live)
    state.batches.append(
        ItemColumns(
            "post",
            rows["id"],
            created=created,
            state=live,
            public=None,  # the subreddit's type is not in the export
            text=(rows["title"].fillna("") + "\n\n" + body).str.strip(),
            media=rows["url"].fillna("").str.match(MEDIA_HOSTS).astype("int16"),
            url=_urls(rows["permalink"], WEB + "/comments/{id}/", rows["id"]),
        )
    )
    _collect_ips(table, created, state)
    state.row(name, table, len(rows), notes=notes)


def _comments(name: str, data: memoryview, state: _State, notes: tuple[Note, ...]) -> None:
    table = read_columns(data, ("id", "permalink", "date", "ip", "body", "media"))
    created = _valid(table)
    rows = table.frame
    live = _states(rows["body"])
    state.batches.append(
        ItemColumns(
            "comment",
            rows["id"],
            created=created,
            state=live,
            public=None,
            text=_live_text(rows["body"], live),
            media=rows["media"].fillna("").str.strip().ne("").astype("int16"),
            url=_urls(rows["permalink"], None, rows["id"]),
        )
    )
    _collect_ips(table, created, state)
    state.row(name, table, len(rows), notes=notes)


def _votes(category: str, template: str | None):
    def read_votes(name: str, data: memoryview, state: _State, notes: tuple[Note, ...]) -> None:
        table = read_columns(data, ("id", "permalink", "direction"))
        _valid(table, date_column=None)
        direction = table.frame["direction"].fillna("").str.strip().str.lower()
        cast = direction.isin(("up", "down")).to_numpy()
        withdrawn = int((~cast).sum())
        rows = table.frame[cast]
        state.batches.append(_private(category, rows, template))
        if withdrawn:
            notes = (*notes, counted(withdrawn, WITHDRAWN_ONE, WITHDRAWN_MANY))
        state.row(name, table, len(rows), notes=notes)

    return read_votes


def _saved(name: str, data: memoryview, state: _State, notes: tuple[Note, ...]) -> None:
    table = read_columns(data, ("id", "permalink"))
    _valid(table, date_column=None)
    state.batches.append(_private("saved", table.frame, None))
    state.row(name, table, len(table.frame), notes=notes)


def _private(category: str, rows: pd.DataFrame, template: str | None) -> ItemColumns:
    return ItemColumns(
        category,
        rows["id"],
        public=False,
        self_authored=False,
        url=_urls(rows["permalink"], template, rows["id"]),
    )


def _messages(name: str, data: memoryview, state: _State, notes: tuple[Note, ...]) -> None:
    # Never "subject" or "body": only what counting and dating need.
    table = read_columns(data, ("id", "date", "from"))
    created = _valid(table)
    duplicate = table.frame["id"].isin(state.message_ids)
    table.frame, created = table.frame[~duplicate.to_numpy()], created[~duplicate.to_numpy()]
    state.message_ids.update(table.frame["id"])
    rows = table.frame
    state.batches.append(
        ItemColumns(
            "message",
            rows["id"],
            created=created,
            public=False,
            self_authored=_sent_by(rows["from"], state),
            url=_urls(
                pd.Series(pd.NA, index=rows.index, dtype="string"),
                WEB + "/message/messages/{id}",
                rows["id"],
            ),  # fmt: skip
        )
    )
    repeated = int(duplicate.sum())
    notes = (*notes, TEXT_NOT_READ)
    if repeated:
        notes = (*notes, counted(repeated, REPEATED_ONE, REPEATED_MANY))
    state.row(name, table, len(rows), notes=notes)


def _chat(name: str, data: memoryview, state: _State, notes: tuple[Note, ...]) -> None:
    table = read_columns(data, ("message_id", "created_at", "username"))
    table.frame = table.frame.rename(columns={"message_id": "id"})
    created = _valid_chat(table)
    rows = table.frame
    state.batches.append(
        ItemColumns(
            "chat_message",
            rows["id"],
            created=created,
            public=False,
            self_authored=_sent_by(rows["username"], state),
        )
    )
    state.row(name, table, len(rows), notes=(*notes, TEXT_NOT_READ))


def _valid_chat(table: CsvTable) -> pd.Series:
    """Chat ids are not base36 (they are long opaque strings): any non-empty id will do."""
    ids = table.frame["id"].fillna("").str.strip()
    table.skip(ids.eq("").fillna(True), NO_ID)
    created = utc_seconds(table.frame["created_at"])
    bad = created.isna()
    table.skip(bad, NO_DATE)
    return created[~bad.to_numpy()]


def _sent_by(senders: pd.Series, state: _State):
    if state.username is None:  # unknown account name: every message counts as one's own
        return True
    return senders.fillna("").str.strip().str.lower().eq(state.username).astype(bool)


def _drafts(name: str, data: memoryview, state: _State, notes: tuple[Note, ...]) -> None:
    table = read_columns(data, ("id", "title", "body", "created"))
    ids = table.frame["id"].fillna("").str.strip()
    table.skip(ids.eq(""), NO_ID)
    rows = table.frame
    created = utc_seconds(rows["created"])
    state.batches.append(
        ItemColumns(
            "draft",
            rows["id"].str.strip(),
            created=created,
            public=False,
            text=(rows["title"].fillna("") + "\n\n" + rows["body"].fillna("")).str.strip(),
        )
    )
    state.row(name, table, len(rows), notes=notes)


ITEM_READERS = {
    "posts.csv": _posts,
    "comments.csv": _comments,
    "post_votes.csv": _votes("post_vote", WEB + "/comments/{id}/"),
    "comment_votes.csv": _votes("comment_vote", None),
    "saved_posts.csv": _saved,
    "saved_comments.csv": _saved,
    "messages.csv": _messages,
    "messages_archive.csv": _messages,
    "chat_history.csv": _chat,
    "drafts.csv": _drafts,
}
