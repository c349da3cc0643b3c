"""What every platform reader hands on besides its item table: account, signals, inventory.

The Dataset itself is `auditor.platforms.neutral.PlatformData` (design.md §6): one neutral
item table plus these. X's own tables live in auditor/platforms/x/tables.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


def N_(text: str) -> str:  # noqa: N802 - gettext's "mark now, translate where shown"
    """i18n.N_ without importing Babel into the reader."""
    return text


class Note(str):
    """An inventory note or a reason the results are incomplete: a message template with
    named values. As a string it is the English text (what JSON, logs and plain checks see);
    a report in another language translates `template` and fills in `params`.

    `Note("%(count)s records skipped", count=3)`: the template is extracted for translation
    wherever `Note(...)` is called with a literal (see i18n.KEYWORDS)."""

    template: str
    params: dict[str, int | str]

    def __new__(cls, template: str, **params: int | str) -> Note:
        english = {k: f"{v:,}" if isinstance(v, int) else v for k, v in params.items()}
        note = super().__new__(cls, template % english if params else template)
        note.template, note.params = template, params
        return note

    def __reduce__(self):  # worker processes send notes back pickled
        return _note, (self.template, self.params)

    @classmethod
    def of(cls, text: str) -> Note:
        """A note from elsewhere that is only text (translated if the catalog has it)."""
        return text if isinstance(text, Note) else cls(text)


def _note(template: str, params: dict) -> Note:
    return Note(template, **params)


def counted(count: int, one: str, many: str, **params: int | str) -> Note:
    """`one` for a count of 1, else `many` (which holds %(count)s): languages word the singular
    differently, so each is a template of its own. Mark both with N_ where they are written."""
    return Note(one if count == 1 else many, count=count, **params)


@dataclass(frozen=True)
class InventoryRow:
    path: str
    type: str
    records: int
    analyzed: int
    skipped: int
    status: str  # parsed | counted | media | unknown | failed | missing | ignored | refused
    note: str = ""  # the notes in English, "; "-joined
    notes: tuple[Note, ...] = ()

    def __post_init__(self) -> None:
        if self.note and not self.notes:  # built with one note only
            object.__setattr__(self, "notes", (Note.of(self.note),))
        elif self.notes and not self.note:  # built with notes only
            object.__setattr__(self, "note", "; ".join(self.notes))


@dataclass(frozen=True)
class Signal:
    """A hint about where the account holder lives, as found in the archive (unmasked)."""

    kind: str  # phone | timezone | profile_location | email_domain
    value: str
    when: datetime | None = None


@dataclass
class Account:
    account_id: str | None = None
    username: str | None = None
    display_name: str | None = None
    created_at: datetime | None = None
