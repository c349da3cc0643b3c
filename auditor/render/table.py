"""`auditor export`: one CSV row per item, usable as a review or deletion list."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from ..exposure import PURPOSES
from ..sensitive import DETECTORS

ISO = "%Y-%m-%dT%H:%M:%SZ"
POST_CATEGORIES = ("original", "reply", "repost", "quote", "deleted")


def items_csv(inputs) -> str:
    items = inputs.exposure.items
    username = inputs.data.account.username or "i"
    frame = items[["id", "category"]].copy()
    frame["created"] = items["created"].astype("datetime64[s]").dt.strftime(ISO)
    frame.loc[items["category"] == "like", "created"] = ""  # the archive has no like dates
    posts = items["category"].isin(POST_CATEGORIES)
    frame["url"] = ""
    frame.loc[posts, "url"] = f"https://x.com/{username}/status/" + items.loc[posts, "id"].astype(
        str
    )
    for purpose in PURPOSES:
        frame[f"{purpose}_status"] = items[f"{purpose}_status"]
        frame[f"{purpose}_rule"] = items[f"{purpose}_rule"]
        frame[f"{purpose}_first"] = items[f"{purpose}_first"].dt.strftime(ISO)
    frame["second_look"] = _second_look(items, inputs.sensitive)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL)
    return buffer.getvalue()


def _second_look(items: pd.DataFrame, found) -> pd.Series:
    """Names of the detectors that fired on each post, joined by ";" (empty otherwise)."""
    column = pd.Series("", index=items.index, dtype=object)
    if found is None or found.flags.empty:
        return column
    flags = found.flags
    names = np.array(DETECTORS)
    fired = flags[list(DETECTORS)].to_numpy()
    labels = [";".join(names[row]) for row in fired]
    by_key = dict(
        zip(zip(flags["id"], flags["category"].astype(str), strict=True), labels, strict=True)
    )
    keys = zip(items["id"], items["category"].astype(str), strict=True)
    return pd.Series([by_key.get(key, "") for key in keys], index=items.index, dtype=object)
