"""`auditor export`: one CSV row per item, usable as a review or deletion list."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from ..sensitive import DETECTORS

ISO = "%Y-%m-%dT%H:%M:%SZ"


def items_csv(inputs) -> str:
    items, vocabulary = inputs.exposure.items, inputs.vocabulary
    username = inputs.data.account.username or "i"
    frame = items[["id", "category"]].copy()
    frame["created"] = items["created"].astype("datetime64[s]").dt.strftime(ISO)
    undated = [c.id for c in vocabulary.report_categories if not c.dated]
    frame.loc[items["category"].isin(undated), "created"] = ""  # the export has no date
    own = inputs.data.items["url"]
    frame["url"] = own.fillna("").astype(object).to_numpy()
    for category in vocabulary.report_categories:
        if category.url_template is None:
            continue
        rows = (items["category"] == category.id).to_numpy() & own.isna().to_numpy()
        if rows.any():
            head, _, tail = category.url_template.replace("{username}", username).partition("{id}")
            frame.loc[rows, "url"] = head + items.loc[rows, "id"].astype(str) + tail
    for purpose in inputs.exposure.purposes:
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
