"""Reading one Meta export: members, the HTML-format refusal, JSON files decoded with
msgspec into Structs that name only the fields auditor needs.

Message and chat Structs have no content field: msgspec skips unknown fields without building
Python strings for them, so a message body is tokenised but never turned into text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import msgspec
import pandas as pd

from ...container import Container, Member
from ...dataset import InventoryRow, Note, Signal
from ...errors import ArchiveError
from ..neutral import ItemColumns, unreadable
from .text import repair

# Accounts Center names the format choice "Format: JSON" under "Download or transfer information".
JSON_ADVICE = (
    "request it again as JSON: Accounts Center › Your information and permissions › "
    "Download your information › Download or transfer information › Format: JSON"
)


# --- decoded shapes (only what auditor uses) ---------------------------------------------


class Value(msgspec.Struct):
    value: str | None = None
    timestamp: int | None = None
    href: str | None = None


class MapRecord(msgspec.Struct):
    """The older encoding: `string_map_data` / `string_list_data`, plus a title."""

    title: str = ""
    string_map_data: dict[str, Value] = {}
    string_list_data: list[Value] = []
    timestamp: int | None = None


class LabelValue(msgspec.Struct):
    """The newer encoding; nested `dict`/`vec` are not read (they hold chat text)."""

    label: str = ""
    value: str | None = None
    timestamp_value: int | None = None
    href: str | None = None


class LabelRecord(msgspec.Struct):
    title: str = ""
    timestamp: int | None = None
    fbid: str | None = None
    label_values: list[LabelValue] = []


class Message(msgspec.Struct):
    """No `content`, `share`, `photos`...: counting and dating need the sender and time."""

    sender_name: str = ""
    timestamp_ms: int | None = None


class Thread(msgspec.Struct):
    messages: list[Message] = []


# --- members -----------------------------------------------------------------------------


def export_members(container: Container) -> dict[str, Member]:
    """Members by path inside the export, without a folder the user unzipped it into
    (`instagram-name-2026-02-12-x/…`, `meta-2026-…/`)."""
    files = [m for m in container.members if not m.path.endswith("/")]
    tops = {m.path.split("/", 1)[0] for m in files}
    if len(tops) == 1 and all("/" in m.path for m in files):
        top = tops.pop() + "/"
        return {m.path[len(top) :]: m for m in files}
    return {m.path: m for m in files}


def stem(path: str) -> str:
    """File name without extension: detection sees JSON and HTML exports alike."""
    return path.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def refuse_html(members: dict[str, Member], platform: str, source: str) -> None:
    """An HTML-format export holds the same tree as .html pages, which auditor does not read."""
    json_files = sum(path.endswith(".json") for path in members)
    html_files = sum(path.endswith(".html") for path in members)
    if html_files and not json_files:
        raise ArchiveError(f"{source} is a {platform} export in HTML format; {JSON_ADVICE}")


def decode(data: memoryview, shape):
    return msgspec.json.decode(data, type=shape)


def records(data: memoryview, key: str | None, shape) -> list:
    """A file that is a bare list of records, or `{key: [...]}` (older and newer exports
    differ; a missing key means the file has no such records)."""
    raw = msgspec.json.decode(data, type=list[shape] | dict[str, msgspec.Raw])
    if isinstance(raw, list):
        return raw
    if key is None:  # one list under whatever key the file uses
        lists = [v for v in raw.values() if bytes(v).lstrip().startswith(b"[")]
        return msgspec.json.decode(lists[0], type=list[shape]) if lists else []
    part = raw.get(key)
    return [] if part is None else msgspec.json.decode(part, type=list[shape])


# --- localised labels ---------------------------------------------------------------------

# The labels follow the account's language; the English ones are what the sources saw, the
# others the few languages auditor's users have (labels seen: Dutch, German; others guessed).
LABELS = {
    "comment": ("comment", "kommentar", "opmerking", "commentaire", "comentario", "comentário"),
    "ip": ("ip address", "ip-adresse", "ip-adres", "adresse ip", "dirección ip", "endereço ip"),
    "private": (
        "private account",
        "privates konto",
        "privé-account",
        "compte privé",
        "cuenta privada",
        "conta privada",
    ),  # fmt: skip
    "birth": (
        "date of birth",
        "birthday",
        "geburtsdatum",
        "geboortedatum",
        "date de naissance",
        "fecha de nacimiento",
        "data de nascimento",
    ),  # fmt: skip
    "username": (
        "username",
        "benutzername",
        "gebruikersnaam",
        "nom d'utilisateur",
        "nombre de usuario",
        "nome de usuário",
    ),  # fmt: skip
    "name": ("name", "naam", "nom", "nombre", "nome"),
    "city": ("city name", "stadtname", "naam van stad", "nom de la ville", "ciudad", "cidade"),
    "phone": (
        "phone number",
        "telefonnummer",
        "telefoonnummer",
        "numéro de téléphone",
        "número de teléfono",
        "número de telefone",
    ),  # fmt: skip
}


def lookup(entries: dict[str, Value], kind: str) -> Value | None:
    wanted = LABELS[kind]
    for label, value in entries.items():
        if repair(label).strip().lower() in wanted:
            return value
    return None


def timestamp_of(entries: dict[str, Value]) -> int | None:
    """The record's time: labels are localised ("Time", "Zeit", "Tijd"), so take the one
    entry that carries a timestamp."""
    return next((v.timestamp for v in entries.values() if v.timestamp), None)


def seconds(values: list[int | None]) -> pd.Series:
    """Unix seconds (milliseconds where a value is too large for seconds) as UTC."""
    numbers = pd.Series(values, dtype="Float64")
    numbers = numbers.where(numbers < 1e11, numbers // 1000)
    numbers = numbers.where(numbers > 0)
    return pd.to_datetime(numbers.astype("float64"), unit="s", utc=True).astype(
        "datetime64[s, UTC]"
    )


def moment(value: int | None) -> datetime | None:
    if not value or value <= 0:
        return None
    if value > 1e11:
        value //= 1000
    return datetime.fromtimestamp(value, UTC)


def birth_date(text: str | None) -> date | None:
    match = re.search(r"(\d{4})-(\d{2})-(\d{2})", text or "")
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


# --- what a reader collects ---------------------------------------------------------------


@dataclass(frozen=True)
class PrivacyChange:
    """The account switched to private (True) or to public (False) at `when`."""

    when: datetime
    private: bool


DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError)


@dataclass
class ReadState:
    owner_names: set[str]
    batches: list[ItemColumns] = field(default_factory=list)
    inventory: list[InventoryRow] = field(default_factory=list)
    signals: list[Signal] = field(default_factory=list)
    partial: list[Note] = field(default_factory=list)
    settings: list[tuple[str, str]] = field(default_factory=list)
    privacy_changes: list[PrivacyChange] = field(default_factory=list)

    def row(self, path: str, records: int, analyzed: int, status="parsed", note: Note | str = ""):
        self.inventory.append(
            InventoryRow(path, stem(path), records, analyzed, records - analyzed, status, note)
        )

    @contextmanager
    def decoding(self, path: str) -> Iterator[None]:
        """A file whose JSON does not decode is listed as failed and costs only itself."""
        try:
            yield
        except DECODE_ERRORS as error:
            self.failed(path, error)

    def failed(self, path: str, error: Exception) -> None:
        row, reason = unreadable(path, stem(path), error)
        self.inventory.append(row)
        self.partial.append(reason)


# --- shared readers -----------------------------------------------------------------------


@dataclass
class MessageCounter:
    """Every message of every thread, counted and dated; one's own by sender name. Files
    arrive one at a time (the container reuses its buffer), so nothing but ids and times is
    kept between them."""

    ids: list[str] = field(default_factory=list)
    times: list[int | None] = field(default_factory=list)
    own: list[bool] = field(default_factory=list)

    def add(self, path: str, data: memoryview, state: ReadState) -> None:
        try:
            thread = decode(data, Thread)
        except (msgspec.DecodeError, UnicodeDecodeError) as error:
            state.failed(path, error)
            return
        folder = path.rsplit("/", 2)[-2] if path.count("/") else ""
        for index, message in enumerate(thread.messages):
            self.ids.append(f"{folder}:{stem(path)}:{index}")
            self.times.append(message.timestamp_ms)
            self.own.append(_owner(message.sender_name, state))
        count = len(thread.messages)
        state.row(path, count, count, note=Note("message text not read"))

    def columns(self) -> ItemColumns | None:
        if not self.ids:
            return None
        return ItemColumns(
            "message",
            pd.Series(self.ids, dtype="string"),
            created=seconds(self.times),
            public=False,
            self_authored=pd.Series(self.own, dtype=bool),
        )


def _owner(sender: str, state: ReadState) -> bool:
    if not state.owner_names:  # unknown owner: every message counts as one's own
        return True
    return repair(sender).strip().casefold() in state.owner_names


def read_ai_conversations(path: str, data: memoryview, state: ReadState) -> ItemColumns | None:
    """Meta AI conversations: one item per conversation, dated; never the chat text."""
    try:
        conversations = records(data, None, LabelRecord)
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        state.failed(path, error)
        return None
    ids, times = [], []
    for index, conversation in enumerate(conversations):
        ids.append(conversation.fbid or f"ai-{index}")
        first = conversation.timestamp or next(
            (lv.timestamp_value for lv in conversation.label_values if lv.timestamp_value), None
        )
        times.append(first)
    state.row(path, len(ids), len(ids), note=Note("conversation text not read"))
    return ItemColumns(
        "ai_chat", pd.Series(ids, dtype="string"), created=seconds(times), public=False
    )


def login_signals(path: str, data: memoryview, state: ReadState, key: str) -> None:
    """Instagram's login_activity.json (`string_map_data`) or Facebook's
    ip_address_activity.json (`label_values` or `{ip, timestamp}`)."""
    try:
        rows = records(data, key, IpRecord)
    except (msgspec.DecodeError, UnicodeDecodeError) as error:
        state.failed(path, error)
        return
    found = 0
    for row in rows:
        ip, when = row.ip, row.timestamp
        if not ip and row.string_map_data:
            value = lookup(row.string_map_data, "ip")
            ip = value.value if value else None
            when = timestamp_of(row.string_map_data)
        if not ip:
            for label in row.label_values:
                if label.label.strip().lower() in LABELS["ip"] or label.label == "IP":
                    ip = label.value
                when = when or label.timestamp_value
        if ip:
            found += 1
            state.signals.append(Signal("login_ip", ip.strip(), moment(when)))
    state.row(path, len(rows), found, "counted", Note("read for the region"))


class IpRecord(msgspec.Struct):
    ip: str | None = None
    timestamp: int | None = None
    string_map_data: dict[str, Value] = {}
    label_values: list[LabelValue] = []


def read_or_fail(container: Container, member: Member, path: str, state: ReadState):
    try:
        return container.read(member)
    except ArchiveError as error:
        state.failed(path, error)
        return None


def json_files(
    container: Container, members: dict[str, Member], state: ReadState, media: tuple[str, ...]
) -> Iterator[tuple[str, memoryview]]:
    """Each JSON member's path and bytes, in path order. Other members are listed (as media
    when their suffix is in `media`); one that cannot be read is listed as failed."""
    for path, member in sorted(members.items()):
        if not path.endswith(".json"):
            status = "media" if path.lower().endswith(media) else "unknown"
            state.inventory.append(InventoryRow(path, stem(path), 0, 0, 0, status))
            continue
        data = read_or_fail(container, member, path, state)
        if data is not None:
            yield path, data
