"""One table of every item the rules judge, built from the neutral item table.

Columns: id (string), category (what the report counts: the item's category, or the
vocabulary's deleted category for items deleted in the export), kind (Categorical over the
vocabulary's categories: what rules match), created and removed as int64 seconds since the
epoch (removed = OPEN while the item still exists or its deletion time is unknown), public
(bool: unknown counts as public, the report says so), removal_unknown (bool: deleted or
removed, but the export does not say when).

Rows keep the platform reader's order; later stages rely on it to line items up with it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..platforms import Vocabulary
from ..platforms.neutral import PlatformData

OPEN = np.iinfo(np.int64).max // 2
NEVER = -OPEN


def seconds(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype="datetime64[s]").astype(np.int64)


def report_categories(vocabulary: Vocabulary) -> list[str]:
    """The item categories with the deleted one after the last public category (X: after
    quote posts, before likes)."""
    ids = list(vocabulary.category_ids)
    if vocabulary.deleted_category is None:
        return ids
    public = [i for i, c in enumerate(vocabulary.categories) if not c.private]
    at = (public[-1] + 1) if public else len(ids)
    return [*ids[:at], vocabulary.deleted_category.id, *ids[at:]]


def item_table(data: PlatformData, vocabulary: Vocabulary) -> pd.DataFrame:
    items = data.items
    kinds = items["category"].cat.codes.to_numpy().astype(np.int8)
    created = _epoch(items["created"])
    undated = created == NEVER
    if data.account.created_at is not None and undated.any():
        # An undated item (X likes, Reddit votes) cannot predate the account.
        created[undated] = int(pd.Timestamp(data.account.created_at).timestamp())
    removed = _epoch(items["removed"])
    known_removal = removed != NEVER
    removed[~known_removal] = OPEN
    gone = (items["state"] != "live").to_numpy()
    names = report_categories(vocabulary)
    report = np.array([names.index(c) for c in vocabulary.category_ids], dtype=np.int8)[kinds]
    if vocabulary.deleted_category is not None:
        report[gone] = names.index(vocabulary.deleted_category.id)
    return pd.DataFrame(
        {
            "id": items["id"].array,
            "category": pd.Categorical.from_codes(report, names),
            "kind": pd.Categorical.from_codes(kinds, list(vocabulary.category_ids)),
            "created": created,
            "removed": removed,
            "public": items["public"].fillna(True).to_numpy(dtype=bool),
            "removal_unknown": gone & ~known_removal,
        }
    )


def _epoch(column: pd.Series) -> np.ndarray:
    """Seconds since the epoch; NaT becomes NEVER."""
    values = column.dt.tz_convert(None).to_numpy(dtype="datetime64[s]")
    out = values.astype(np.int64)
    out[np.isnat(values)] = NEVER
    return out
