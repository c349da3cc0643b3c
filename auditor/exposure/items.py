"""One table of every item the rules judge, built from the Dataset's tables.

Columns: id, category (what the report counts: a post kind, "deleted", like, dm, grok_chat),
kind (what rules match: the post kind for deleted posts too), created and removed as int64
seconds since the epoch (removed = OPEN when the item still exists).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..dataset import Dataset

OPEN = np.iinfo(np.int64).max // 2
NEVER = -OPEN
REPORT_CATEGORIES = ("original", "reply", "repost", "quote", "deleted", "like", "dm", "grok_chat")


def seconds(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype="datetime64[s]").astype(np.int64)


def item_table(data: Dataset) -> pd.DataFrame:
    liked_from = NEVER
    if data.account.created_at is not None:  # a like cannot predate the account
        liked_from = int(pd.Timestamp(data.account.created_at).timestamp())
    parts = [
        _frame(
            data.posts["id"],
            data.posts["kind"].astype(str),
            data.posts["kind"].astype(str),
            seconds(data.posts["created"]),
        ),
        _frame(
            data.deleted_posts["id"],
            "deleted",
            data.deleted_posts["kind"].astype(str),
            seconds(data.deleted_posts["created"]),
            seconds(data.deleted_posts["deleted"]),
        ),
        _frame(data.likes["id"], "like", "like", np.full(len(data.likes), liked_from)),
        _frame(data.dms["conversation_id"], "dm", "dm", seconds(data.dms["created"])),
        _frame(data.grok["chat_id"], "grok_chat", "grok_chat", seconds(data.grok["created"])),
    ]
    table = (
        pd.concat([p for p in parts if len(p)], ignore_index=True)
        if any(len(p) for p in parts)
        else parts[0]
    )
    table["category"] = pd.Categorical(table["category"], categories=REPORT_CATEGORIES)
    table["kind"] = table["kind"].astype("category")
    return table


def _frame(ids, category, kind, created, removed=None) -> pd.DataFrame:
    removed = np.full(len(created), OPEN, dtype=np.int64) if removed is None else removed
    removed = np.where(removed < NEVER, OPEN, removed)  # NaT deletion time → still open
    return pd.DataFrame(
        {
            "id": pd.Series(ids, dtype="string").reset_index(drop=True),
            "category": category,
            "kind": kind,
            "created": np.asarray(created, dtype=np.int64),
            "removed": np.asarray(removed, dtype=np.int64),
        }
    )
