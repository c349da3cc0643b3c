"""What one data file yields while it is read: its statistics and its share of the tables."""

from __future__ import annotations

from dataclasses import dataclass, field

import msgspec
import numpy as np
import pandas as pd

from ..dataset import Account, InventoryRow, Note, Signal
from ..errors import DecodeError
from . import ytd


@dataclass
class FileStats:
    path: str
    type: str
    records: int = 0
    analyzed: int = 0
    skipped: int = 0
    status: str = "parsed"

    notes: list[str] = field(default_factory=list)  # Note, or plain text from ytd
    bad_dates: int = 0  # present dates in no format auditor knows

    def row(self) -> InventoryRow:
        notes = tuple(Note.of(n) for n in self.notes)
        if self.bad_dates:
            notes += (Note("%(count)s dates in an unknown format not read", count=self.bad_dates),)
        return InventoryRow(
            self.path,
            self.type,
            self.records,
            self.analyzed,
            self.skipped,
            self.status,
            "; ".join(notes),
            notes,
        )


@dataclass
class State:
    posts: list[pd.DataFrame] = field(default_factory=list)
    deleted: list[pd.DataFrame] = field(default_factory=list)
    circle: list[pd.DataFrame] = field(default_factory=list)
    likes: list[np.ndarray] = field(default_factory=list)
    dms: list[pd.DataFrame] = field(default_factory=list)
    grok: list[pd.DataFrame] = field(default_factory=list)
    account: Account = field(default_factory=Account)
    signals: list[Signal] = field(default_factory=list)
    protected: list[tuple] = field(default_factory=list)
    birth_date: object = None
    generated_at: object = None  # Grailbird's payload_details
    message_events: list[pd.DataFrame] = field(default_factory=list)  # message-event.js


def decode_items(data, item_type, stat: FileStats) -> list:
    """Decode typed; if one record has an odd shape, decode the rest and skip that one."""
    try:
        items = ytd.decode(data, list[item_type], stat.notes)
    except DecodeError as error:
        if not str(error).startswith("unexpected record shape"):
            raise
        raws = ytd.decode(data, list[msgspec.Raw])
        items = []
        for raw in raws:
            try:
                items.append(msgspec.json.decode(raw, type=item_type))
            except (msgspec.ValidationError, msgspec.DecodeError):
                stat.skipped += 1
        stat.notes.append(
            Note(
                "%(count)s records with an unexpected shape skipped (%(error)s)",
                count=stat.skipped,
                error=str(error),
            )
        )
    stat.records = len(items) + stat.skipped
    return items
