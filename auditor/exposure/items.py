"""One table of every item the rules judge, built from the Dataset's tables.

Columns: id (int64), category (what the report counts: a post kind, "deleted", like, dm,
grok_chat), kind (int8 code into rules.CATEGORIES: what rules match; the post kind for
deleted posts too), created and removed as int64 seconds since the epoch (removed = OPEN
while the item still exists).

Rows come in this order, each part in its table's order: posts, deleted posts, likes, direct
messages, Grok turns. Later stages may rely on it to line items up with their table rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..dataset import POST_KINDS, Dataset
from .rules import CATEGORIES

OPEN = np.iinfo(np.int64).max // 2
NEVER = -OPEN
REPORT_CATEGORIES = ("original", "reply", "repost", "quote", "deleted", "like", "dm", "grok_chat")
# Post kind category codes → rule category codes (both start original, reply, repost, quote).
POST_CODES = np.array([CATEGORIES.index(kind) for kind in POST_KINDS], dtype=np.int8)


def seconds(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype="datetime64[s]").astype(np.int64)


def item_table(data: Dataset) -> pd.DataFrame:
    liked_from = NEVER
    if data.account.created_at is not None:  # a like cannot predate the account
        liked_from = int(pd.Timestamp(data.account.created_at).timestamp())
    posts, deleted = data.posts, data.deleted_posts
    parts = [
        _part(
            posts["id"],
            posts["kind"].cat.codes.to_numpy(),
            None,
            seconds(posts["created"]),
            public=posts["public"].to_numpy(),
        ),
        _part(
            deleted["id"],
            REPORT_CATEGORIES.index("deleted"),
            None,
            seconds(deleted["created"]),
            seconds(deleted["deleted"]),
            kinds=deleted["kind"].cat.codes.to_numpy(),
        ),
        _part(data.likes["id"], "like", "like", np.full(len(data.likes), liked_from)),
        _part(data.dms["id"], "dm", "dm", seconds(data.dms["created"])),
        _part(data.grok["id"], "grok_chat", "grok_chat", seconds(data.grok["created"])),
    ]
    columns = {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
    table = pd.DataFrame(columns)
    table["category"] = pd.Categorical.from_codes(columns["category"], REPORT_CATEGORIES)
    return table


def _part(
    ids, category, kind, created, removed=None, kinds=None, public=None
) -> dict[str, np.ndarray]:
    """Column arrays for one source table; post kinds arrive as category codes."""
    count = len(created)
    if isinstance(category, str):
        category = REPORT_CATEGORIES.index(category)
    categories = np.broadcast_to(np.asarray(category, dtype=np.int8), (count,))
    if kinds is not None:
        kind_codes = POST_CODES[kinds]
    elif kind is None:
        kind_codes = POST_CODES[categories]
    else:
        kind_codes = np.full(count, CATEGORIES.index(kind), dtype=np.int8)
    removed = np.full(count, OPEN, dtype=np.int64) if removed is None else removed
    removed = np.where(removed < NEVER, OPEN, removed)  # NaT deletion time → still open
    return {
        "id": np.asarray(ids, dtype=np.int64),
        "category": np.array(categories, dtype=np.int8),
        "kind": kind_codes.astype(np.int8),
        "created": np.asarray(created, dtype=np.int64),
        "removed": np.asarray(removed, dtype=np.int64),
        # Shown to everyone when posted: False for Circle posts (a chosen audience only).
        "public": np.ones(count, dtype=bool) if public is None else np.asarray(public, bool),
    }
