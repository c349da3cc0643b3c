"""What one data file yields while it is read: its statistics and its share of the tables."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ...dataset import Account, InventoryRow, Note, Signal
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
    problems: list[str] = field(default_factory=list)  # why the file was read only in part
    bad_dates: int = 0  # present dates in no format auditor knows

    def row(self) -> InventoryRow:
        notes = tuple(Note.of(n) for n in self.notes + self.problems)
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
    """Decode typed; a record that cannot be read is skipped and counted, the file marked
    partial with the reason, and every other record kept."""
    records = ytd.decode_records(data, item_type)
    stat.notes.extend(records.notes)
    if records.problems:
        stat.status = "partial"
        stat.problems.extend(records.problems)
    stat.skipped += records.skipped
    stat.records = len(records.items) + stat.skipped
    return records.items
