"""`auditor export`: one CSV row per item, usable as a review or deletion list.

Ids are 19-digit numbers; a spreadsheet that reads them as numbers keeps 15 digits and turns
the rest into zeros. Every text field, ids included, is therefore quoted: LibreOffice keeps
quoted fields as text with "Format quoted field as text", Excel with Data › From Text/CSV and
the column typed Text (the README says how), and the `url` column holds the id in full anyway.
A formula (="123") or leading apostrophe would survive a double-click in Excel but shows up
as part of the value in every other reader."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from ..sensitive import DETECTORS

ISO = "%Y-%m-%dT%H:%M:%SZ"


def items_csv(inputs, language: str | None = None) -> str:
    """`language`: write status and category as words in that language instead of codes."""
    items, vocabulary = inputs.exposure.items, inputs.vocabulary
    username = inputs.data.account.username or "i"
    frame = pd.DataFrame({"id": items["id"].astype(str), "category": items["category"]})
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
    if language:
        _label(frame, language, vocabulary, inputs.exposure.purposes)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, quoting=csv.QUOTE_NONNUMERIC)
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


def _label(frame: pd.DataFrame, language: str, vocabulary, purposes) -> None:
    """Codes to words, in place: the columns a person reads, not the ones a script keys on."""
    from ..i18n import translations
    from ..platforms import say
    from .view import STATUS_LABELS

    t = translations(language).gettext
    categories = {c.id: say(c.label, language, t) for c in vocabulary.report_categories}
    statuses = {key: t(label) for key, label in STATUS_LABELS.items()}
    frame["category"] = frame["category"].astype(str).map(lambda c: categories.get(c, c))
    for purpose in purposes:
        column = frame[f"{purpose}_status"].astype(str)
        frame[f"{purpose}_status"] = column.map(lambda s: statuses.get(s, s))
