"""X's tables → the neutral item table (design.md §6), in the order the report relies on:
posts, recently deleted posts, likes, direct messages, Grok turns, each in table order."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..neutral import STATES, STRING, TIME, PlatformData
from .tables import POST_KINDS, Dataset
from .vocabulary import CATEGORY_IDS

# Post kind codes are category codes: both start original, reply, repost, quote.
assert CATEGORY_IDS[: len(POST_KINDS)] == POST_KINDS


def platform_data(data: Dataset) -> PlatformData:
    return PlatformData(
        platform=data.platform,
        generated_at=data.generated_at,
        account=data.account,
        items=item_table(data),
        inventory=data.inventory,
        signals=data.signals,
        birth_date=data.birth_date,
        partial_reasons=data.partial_reasons,
        layout=data.layout,
        media_files=data.media_files,
        generated_from=data.generated_from,
        restricted_periods=restricted_periods(data.protected_changes),
        extra_counts=(
            ("dm_conversations", int(data.dms["conversation_id"].nunique())),
            ("group_dm_messages", int(data.dms["group"].sum())),
        ),
    )


def item_table(data: Dataset) -> pd.DataFrame:
    posts, deleted, likes, dms, grok = (
        data.posts,
        data.deleted_posts,
        data.likes,
        data.dms,
        data.grok,
    )
    sizes = [len(posts), len(deleted), len(likes), len(dms), len(grok)]
    total = sum(sizes)

    def code(name: str, count: int) -> np.ndarray:
        return np.full(count, CATEGORY_IDS.index(name), dtype=np.int8)

    categories = np.concatenate(
        [
            posts["kind"].cat.codes.to_numpy().astype(np.int8),
            deleted["kind"].cat.codes.to_numpy().astype(np.int8),
            code("like", len(likes)),
            code("dm", len(dms)),
            code("grok_chat", len(grok)),
        ]
    )
    tables = (posts, deleted, likes, dms, grok)
    ids = np.concatenate([table["id"].to_numpy(dtype=np.int64) for table in tables])
    nat = np.datetime64("NaT", "s")
    created = np.concatenate(
        [
            _seconds(posts["created"]),
            _seconds(deleted["created"]),
            np.full(len(likes), nat),  # the archive records no like time
            _seconds(dms["created"]),
            _seconds(grok["created"]),
        ]
    )
    removed = np.full(total, nat)
    removed[sizes[0] : sizes[0] + sizes[1]] = _seconds(deleted["deleted"])
    state = np.zeros(total, dtype=np.int8)
    state[sizes[0] : sizes[0] + sizes[1]] = STATES.index("deleted")
    public = np.zeros(total, dtype=bool)
    public[: sizes[0]] = posts["public"].to_numpy(dtype=bool)  # False: a Circle post
    public[sizes[0] : sizes[0] + sizes[1]] = True
    reposts = CATEGORY_IDS.index("repost")
    authored = categories != reposts  # a repost's text is someone else's
    authored[sum(sizes[:3]) :] = True
    authored[sum(sizes[:4]) :] = (grok["sender"] == "User").to_numpy(dtype=bool)
    authored[sum(sizes[:2]) : sum(sizes[:3])] = False  # likes
    posted = sizes[0] + sizes[1]
    text = pd.concat(
        [
            posts["text"].astype(STRING),
            deleted["text"].astype(STRING),
            pd.Series(pd.NA, index=range(total - posted), dtype=STRING),
        ],
        ignore_index=True,
    )
    geo = np.zeros(total, dtype=bool)
    geo[:posted] = np.concatenate([posts["geo"].to_numpy(bool), deleted["geo"].to_numpy(bool)])
    media = np.zeros(total, dtype=np.int16)
    media[:posted] = np.concatenate(
        [posts["media"].to_numpy(np.int16), deleted["media"].to_numpy(np.int16)]
    )
    return pd.DataFrame(
        {
            "id": pd.Series(ids).astype(STRING),
            "category": pd.Categorical.from_codes(categories, categories=list(CATEGORY_IDS)),
            "created": pd.Series(created).dt.tz_localize("UTC").astype(TIME),
            "removed": pd.Series(removed).dt.tz_localize("UTC").astype(TIME),
            "state": pd.Categorical.from_codes(state, categories=list(STATES)),
            "public": pd.array(public, dtype="boolean"),
            "self_authored": authored,
            "text": text,
            "geo": geo,
            "media": media,
            "url": pd.Series(pd.NA, index=range(total), dtype=STRING),
        }
    )


def _seconds(column: pd.Series) -> np.ndarray:
    if isinstance(column.dtype, pd.DatetimeTZDtype):
        column = column.dt.tz_convert(None)
    return column.to_numpy(dtype="datetime64[s]")


def restricted_periods(changes) -> tuple:
    """Protected periods from protected-history.js (the last six months only)."""
    periods, since = [], None
    for index, (when, action) in enumerate(changes):
        if action == "Protect" and since is None:
            since = when
        elif action == "Unprotect":
            # An unprotect with no protect before it: protected since before the history.
            start = None if since is None and index == 0 else (since or when)
            periods.append((start, when))
            since = None
    if since is not None:
        periods.append((since, None))
    return tuple(periods)
