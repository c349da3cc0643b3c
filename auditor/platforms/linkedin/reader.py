"""Read a LinkedIn "Get a copy of your data" export (Basic or Complete) into the item table.

Every member ends up in the inventory. Item files (matched by prefix: Shares_1.csv,
Comments_<member id>.csv ...) become items; account files give the account, region signals
and birth date; every other file is counted. A bad row costs that row. Message and AI-chat
bodies and subjects are never converted, let alone kept; e-mail addresses are reduced to
their domain.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pandas as pd

from ...container import Container
from ...dataset import Account, InventoryRow, Note, Signal, counted
from ...errors import ArchiveError
from ...i18n import N_
from .. import ReadOptions
from ..csvfile import NO_DATE, CsvTable, count_rows, read_columns
from ..neutral import ItemColumns, PlatformData, frame, unreadable
from . import csvquirks
from .detect import ZIP_NAME, export_members
from .vocabulary import CATEGORY_IDS

VISIBILITY = {"PUBLIC": True, "CONNECTIONS": False}  # MEMBER_NETWORK: meaning unverified
MESSAGE_COLUMNS = (
    "conversation id", "from", "sender profile url", "recipient profile urls", "date",
    "is message draft",
)  # fmt: skip
ITEM_PREFIXES = {  # normalised file name prefix → category
    "shares": "post",
    "comments": "comment",
    "reactions": "reaction",
    "votes": "poll_vote",
    "instantreposts": "repost",
}
AI_CHATS = ("guidemessages", "learningcoachmessages", "learningroleplaymessages")
ACCOUNT_FILES = (
    "profile", "registration", "phonenumbers", "emailaddresses", "languages",
    "securitychallenges",
)  # fmt: skip
TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)
PULSE = re.compile(rb"href=\"(https://www\.linkedin\.com/pulse/[^\"]+)\"", re.I)
CREATED = re.compile(rb"(?:created|published)[^0-9<]{0,20}(\d{4}-\d{2}-\d{2} \d{2}:\d{2})", re.I)


def key(path: str) -> str:
    """A file name without folder, extension, member-id or part suffix, case and separators:
    "Shares_17529409.csv", "Shares 1.csv" and "shares.csv" all give "shares"."""
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()
    name = re.sub(r"[_ -]?\d+$", "", name)
    return re.sub(r"[^a-z]", "", name)


@dataclass
class _State:
    batches: list[ItemColumns] = field(default_factory=list)
    inventory: list[InventoryRow] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    partial: list[Note] = field(default_factory=list)
    self_url: str | None = None

    def row(self, path: str, table: CsvTable, analyzed: int, notes: list[Note], status="parsed"):
        self.inventory.append(
            InventoryRow(path, key(path), table.rows + table.skipped, analyzed, table.skipped,
                         status, notes=(*notes, *table.skip_notes()))
        )  # fmt: skip
        self.partial.extend(table.skip_notes(path))


def read(container: Container, options: ReadOptions | None = None) -> PlatformData:
    members = export_members(container)
    if not any(path.lower().endswith(".csv") for path in members):
        raise ArchiveError(
            f"{container.source.name} holds no LinkedIn CSV files; give the zip LinkedIn sent "
            "(Settings & Privacy > Data privacy > Get a copy of your data)"
        )
    state = _State()
    account, birth = Account(), None
    messages = [p for p in members if key(p) == "messages"]
    state.self_url = _self_url(container, members, messages)
    for path in sorted(members):
        try:
            data = container.read(members[path])
        except ArchiveError as error:  # damaged: this file only
            row, reason = unreadable(path, key(path), error)
            state.inventory.append(row)
            state.partial.append(reason)
            continue
        kind = key(path)
        if kind in ACCOUNT_FILES:
            birth = _account_file(kind, path, data, state, account) or birth
        elif kind in ITEM_PREFIXES and path.lower().endswith(".csv"):
            _items(ITEM_PREFIXES[kind], path, data, state)
        elif kind == "messages":
            _messages(path, data, state, ai=False)
        elif kind in AI_CHATS:
            _messages(path, data, state, ai=True)
        elif path.lower().startswith("articles/") and path.lower().endswith(".html"):
            _article(path, data, state)
        elif path.lower().endswith(".csv"):
            cleaned, notes = csvquirks.clean(data)
            state.row(path, count_rows(cleaned), 0, notes, "counted")
        else:
            state.inventory.append(InventoryRow(path, key(path), 0, 0, 0, "unknown"))
    if options and options.account_name:
        account.username = options.account_name
    return PlatformData(
        platform="linkedin",
        generated_at=_generated(container.source.name),
        account=account,
        items=frame(state.batches, CATEGORY_IDS),
        inventory=sorted(state.inventory, key=lambda row: row.path),
        signals=state.signals,
        birth_date=birth,
        partial_reasons=state.partial,
    )


def _generated(name: str) -> datetime | None:
    """Basic_LinkedInDataExport_07-25-2026.zip: the export's date is only in its name."""
    match = ZIP_NAME.match(name)
    if not match:
        return None
    month, day, year = (int(g) for g in match.groups()[1:])
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


# --- account files ----------------------------------------------------------------------


def _account_file(kind: str, path: str, data: memoryview, state: _State, account: Account):
    cleaned, notes = csvquirks.clean(data)
    reader = ACCOUNT_READERS[kind]
    table = read_columns(cleaned, reader.columns)
    birth = reader.read(table.frame, state, account)
    state.row(path, table, 0, [Note("read for the account and region"), *notes], "counted")
    return birth


@dataclass(frozen=True)
class _AccountReader:
    columns: tuple[str, ...]
    read: object  # (frame, state, account) -> date | None


def _values(frame_: pd.DataFrame, column: str) -> list[str]:
    return [v.strip() for v in frame_[column].dropna() if v.strip()]


def _profile(frame_, state: _State, account: Account) -> date | None:
    for place in _values(frame_, "geo location"):
        state.signals.append(Signal("profile_location", place))
    names = [
        " ".join(p for p in (first, last) if isinstance(p, str) and p.strip())
        for first, last in zip(frame_["first name"], frame_["last name"], strict=True)
    ]
    account.display_name = names[0] if names and names[0] else None
    births = csvquirks.dates(frame_["birth date"]).dropna()
    return births.iloc[0].date() if len(births) else None  # "Mar 15" without a year: none


def _registration(frame_, state: _State, account: Account) -> None:
    for ip in _values(frame_, "registration ip"):
        state.signals.append(Signal("creation_ip", ip))
    registered = csvquirks.dates(frame_["registered at"]).dropna()
    account.created_at = registered.iloc[0].to_pydatetime() if len(registered) else None


def _phones(frame_, state: _State, account: Account) -> None:
    for number in _values(frame_, "number"):
        state.signals.append(Signal("phone", number))


def _emails(frame_, state: _State, account: Account) -> None:
    for address in _values(frame_, "email address"):
        if "@" in address:  # only the domain: never the address
            state.signals.append(Signal("email_domain", address.rsplit("@", 1)[1].lower()))


def _languages(frame_, state: _State, account: Account) -> None:
    for name in _values(frame_, "name"):
        state.signals.append(Signal("language", name))


def _challenges(frame_, state: _State, account: Account) -> None:
    when = csvquirks.dates(frame_["challenge date"])
    for ip, moment in zip(frame_["ip address"], when, strict=True):
        if isinstance(ip, str) and ip.strip():
            stamp = None if pd.isna(moment) else moment.to_pydatetime()
            state.signals.append(Signal("login_ip", ip.strip(), stamp))


ACCOUNT_READERS = {
    "profile": _AccountReader(("first name", "last name", "birth date", "geo location"), _profile),
    "registration": _AccountReader(("registered at", "registration ip"), _registration),
    "phonenumbers": _AccountReader(("number",), _phones),
    "emailaddresses": _AccountReader(("email address",), _emails),
    "languages": _AccountReader(("name",), _languages),
    "securitychallenges": _AccountReader(("challenge date", "ip address"), _challenges),
}


# --- posts, comments, reactions, votes, reposts -----------------------------------------

ITEM_COLUMNS = {
    "post": ("date", "sharelink", "sharecommentary", "mediaurl", "visibility"),
    "comment": ("date", "link", "message"),
    "reaction": ("date", "type", "link"),
    "poll_vote": ("date", "link"),
    "repost": ("date", "link"),
}


def _items(category: str, path: str, data: memoryview, state: _State) -> None:
    cleaned, notes = csvquirks.clean(data, backslash_quotes=category == "comment")
    table = read_columns(cleaned, ITEM_COLUMNS[category])
    created = csvquirks.dates(table.frame["date"])
    bad = created.isna()
    table.skip(bad, NO_DATE)
    created = created[~bad.to_numpy()]
    rows = table.frame
    link = rows["sharelink" if category == "post" else "link"].fillna("").str.strip()
    # The export has no item id: the link (a post's urn) plus the time tells items apart.
    ids = (link + "@" + created.dt.strftime("%Y-%m-%dT%H:%M:%S")).astype("string")
    url = link.where(link.str.startswith("https://"), pd.NA).astype("string")
    if category == "post":
        _posts(rows, ids, created, url, state)
    else:
        text = rows["message"].fillna("") if category == "comment" else None
        state.batches.append(
            ItemColumns(category, ids, created=created, text=text, url=url,
                        self_authored=category != "reaction")
        )  # fmt: skip
    state.row(path, table, len(rows), notes)


def _posts(rows: pd.DataFrame, ids, created, url, state: _State) -> None:
    visibility = rows["visibility"].fillna("").str.strip().str.upper()
    audience = visibility.map(VISIBILITY)
    media = rows["mediaurl"].fillna("").str.strip().ne("").astype("int16")
    for public in (True, False, None):
        matches = audience.isna() if public is None else audience.eq(public).fillna(False)
        chosen = matches.to_numpy(dtype=bool)
        state.batches.append(
            ItemColumns(
                "post",
                ids[chosen],
                created=created[chosen],
                public=public,
                text=rows["sharecommentary"].fillna("")[chosen],
                media=media[chosen],
                url=url[chosen],
            )
        )


# --- messages and AI chats ---------------------------------------------------------------


def _self_url(container: Container, members, paths: list[str]) -> str | None:
    """The account holder's profile URL: the one taking part in the most conversations
    (the export never names its owner in messages.csv)."""
    seen: dict[str, set[str]] = {}
    for path in paths:
        try:
            cleaned, _ = csvquirks.clean(container.read(members[path]))
        except ArchiveError:  # listed as failed when the file's own turn comes
            continue
        rows = read_columns(cleaned, MESSAGE_COLUMNS).frame
        for conversation, people in _participants(rows).items():
            for person in people:
                seen.setdefault(person, set()).add(conversation)
    if not seen:
        return None
    return max(sorted(seen), key=lambda person: len(seen[person]))


def _participants(rows: pd.DataFrame) -> dict[str, set[str]]:
    people: dict[str, set[str]] = {}
    for conversation, sender, recipients in zip(
        rows["conversation id"].fillna(""),
        rows["sender profile url"].fillna(""),
        rows["recipient profile urls"].fillna(""),
        strict=True,
    ):
        found = people.setdefault(conversation, set())
        found.update(u.strip() for u in [sender, *recipients.split(",")] if u.strip())
    return people


DRAFTS_ONE = N_("1 unsent draft not counted")
DRAFTS_MANY = N_("%(count)s unsent drafts not counted")


def _messages(path: str, data: memoryview, state: _State, ai: bool) -> None:
    # Never "subject" or "content": only what counting, dating and grouping need.
    cleaned, notes = csvquirks.clean(data)
    table = read_columns(cleaned, MESSAGE_COLUMNS)
    created = csvquirks.dates(table.frame["date"])
    table.skip(created.isna(), NO_DATE)
    created = created[table.frame.index]
    drafts = table.frame["is message draft"].fillna("").str.strip().str.lower().eq("yes")
    draft_count = int(drafts.sum())
    rows, created = table.frame[~drafts.to_numpy()], created[~drafts.to_numpy()]
    conversation = rows["conversation id"].fillna("").str.strip()
    ids = conversation + "#" + pd.Series(range(len(rows)), index=rows.index).astype(str)
    sender = rows["sender profile url"].fillna("").str.strip()
    mine = sender.eq(state.self_url) if state.self_url else True
    if ai:
        batches = [("ai_chat", pd.Series(True, index=rows.index))]
    else:
        people = _participants(rows)
        group = conversation.map(lambda c: len(people.get(c, ())) > 2).astype(bool)
        batches = [("group_message", group), ("message", ~group)]
    for category, chosen in batches:
        pick = chosen.to_numpy()
        state.batches.append(
            ItemColumns(
                category,
                ids[pick].astype("string"),
                created=created[pick],
                public=False,
                self_authored=mine if mine is True else mine[pick],
            )
        )
    extra = [counted(draft_count, DRAFTS_ONE, DRAFTS_MANY)] if draft_count else []
    state.row(path, table, len(rows), [Note("message text not read"), *notes, *extra])


# --- articles ---------------------------------------------------------------------------


def _article(path: str, data: memoryview, state: _State) -> None:
    """Articles/Articles/<slug>.html: the title (public text) and a date if the page has one
    (the pages seen have none)."""
    head = bytes(data[: 64 << 10])
    title = TITLE.search(head)
    link = PULSE.search(head)
    created = CREATED.search(head)
    when = csvquirks.dates(pd.Series([created.group(1).decode() if created else None]))
    slug = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    text = html.unescape(title.group(1).decode("utf-8", "replace")).strip() if title else ""
    state.batches.append(
        ItemColumns(
            "article",
            pd.Series([slug], dtype="string"),
            created=when,
            text=pd.Series([text], dtype="string"),
            url=pd.Series([link.group(1).decode() if link else pd.NA], dtype="string"),
        )
    )
    notes = (Note("title only"),) + (() if created else (Note("the page holds no date"),))
    state.inventory.append(InventoryRow(path, "article", 1, 1, 0, "parsed", notes=notes))
