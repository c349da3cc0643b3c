"""X's own tables, as its reader builds them; `convert.py` turns them into the item table.

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

from ...dataset import Account, InventoryRow, Signal

POST_KINDS = ("original", "reply", "repost", "quote")


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
    partial_reasons: list[str] = field(default_factory=list)  # Note where the reader made them
    generated_from: str = "archive"  # archive (its own date) | newest-record | "" (unknown)

    @property
    def partial(self) -> bool:
        return bool(self.partial_reasons)
