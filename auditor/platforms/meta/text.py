"""Undo Meta's text encoding: the export writes each UTF-8 byte as its own `\\u00XX` escape,
so "café" arrives as "cafÃ©" and an emoji as four characters below U+0100."""

from __future__ import annotations

import pandas as pd

LATIN1_TOP = "\xff"


def repair(text: str) -> str:
    """The text Meta meant. Only a string made entirely of characters <= U+00FF whose
    latin-1 bytes are valid UTF-8 is converted; anything else (already-correct text, a
    genuine "é" that is not half of a UTF-8 pair) is returned unchanged."""
    if text.isascii() or max(text) > LATIN1_TOP:
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return text


def repair_series(values: pd.Series) -> pd.Series:
    """`repair` over a column; ASCII-only values (most of them) are not touched in Python."""
    strings = values.astype("string")
    ascii_only = strings.fillna("").map(str.isascii).astype(bool)
    if bool(ascii_only.all()):
        return strings
    fixed = strings.copy()
    fixed[~ascii_only] = strings[~ascii_only].map(repair)
    return fixed.astype("string")
