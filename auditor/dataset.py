"""The Dataset every stage after the reader works from: typed tables plus the inventory.

Table columns (all times are UTC, `datetime64[s, UTC]`):

- posts, deleted_posts: id (int64), created, kind (category: original/reply/repost/quote),
  text (str, the post's own text, HTML-escaped as X writes it), geo (bool: coordinates or a
  place attached), media (int16); deleted_posts adds `deleted`.
- likes: id (int64). The archive records no like time.
- dms: id (int64), conversation_id (str), created, group (bool). Never any message text.
- grok: id (int64), chat_id (str), created, sender (category: User/Agent). Never the message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

POST_KINDS = ("original", "reply", "repost", "quote")


@dataclass(frozen=True)
class InventoryRow:
    path: str
    type: str
    records: int
    analyzed: int
    skipped: int
    status: str  # parsed | counted | media | unknown | failed | missing | ignored | refused
    note: str = ""


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


@dataclass
class Dataset:
    platform: str
    layout: str
    generated_at: datetime | None
    account: Account
    posts: pd.DataFrame
    deleted_posts: pd.DataFrame
    likes: pd.DataFrame
    dms: pd.DataFrame
    grok: pd.DataFrame
    inventory: list[InventoryRow]
    media_files: int = 0
    signals: list[Signal] = field(default_factory=list)
    protected_changes: list[tuple[datetime, str]] = field(default_factory=list)
    birth_date: date | None = None
    present: set[str] = field(default_factory=set)  # file types found in the archive
    partial_reasons: list[str] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        return bool(self.partial_reasons)
