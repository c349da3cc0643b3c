"""LinkedIn's CSV quirks, undone before the shared CSV reader sees a file.

- a "Notes:" preamble (a quoted paragraph and a blank line) before the header;
- duplicated header names (Ad_Targeting.csv: "Company Names" three times);
- backslash-escaped quotes (Comments.csv: "wrote \\"great post\\" today");
- a file holding only a sentence ("No conversations found") and no header;
- several date formats across files.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from ...dataset import Note
from ..csvfile import BOM

NOTES = re.compile(rb"^\s*\"?notes:", re.I)
BLANK_LINE = re.compile(rb"\r?\n[ \t]*\r?\n")
# Tried in order; each only on the values the previous ones left unparsed.
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S UTC",  # Shares, Comments (some exports), Registration
    "%Y-%m-%d %H:%M:%S",  # Shares, Comments, Reactions, messages
    "%Y-%m-%d %H:%M",
    "%m/%d/%y, %I:%M %p",  # Registration, Invitations: 1/12/10, 9:14 AM
    "%a %b %d %H:%M:%S UTC %Y",  # Company Follows: Sat Sep 05 08:12:14 UTC 2026
    "%d %b %Y",  # Connections: 01 Jan 2024
    "%b %d, %Y",  # Profile Birth Date: Mar 15, 1990
    "%Y-%m-%d",
    "%m/%d/%Y",
)


def clean(data: memoryview, backslash_quotes: bool = False) -> tuple[memoryview, list[Note]]:
    """The file as the CSV reader expects it, plus notes on what was undone."""
    raw = bytes(data[:4096])
    notes: list[Note] = []
    start = len(BOM) if raw.startswith(BOM) else 0
    body: bytes | memoryview = data[start:]
    if NOTES.match(raw[start:]):
        match = BLANK_LINE.search(bytes(data[start:]))
        body = data[start + match.end() :] if match else data[len(data) :]
        notes.append(Note("'Notes:' preamble skipped"))
    head = bytes(body[:4096]).split(b"\n", 1)[0].rstrip(b"\r")
    if head and b"," not in head and not bytes(body[len(head) :]).strip():
        first = repr(head.decode("utf-8", "replace")[:40])
        notes.append(Note("holds no table (%(first_line)s)", first_line=first))
        return memoryview(b""), notes
    renamed = _unique_header(head)
    if renamed is not None:
        body = renamed + bytes(body[len(head) :])
        notes.append(Note("duplicated column names numbered"))
    if backslash_quotes and b'\\"' in bytes(body):
        body = bytes(body).replace(b'\\"', b'""')
        notes.append(Note('backslash-escaped quotes read as ""'))
    return memoryview(body), notes


def _unique_header(line: bytes) -> bytes | None:
    names = next(csv.reader([line.decode("utf-8", "replace")]), [])
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        key = name.strip().lower()
        seen[key] = seen.get(key, 0) + 1
        unique.append(name if seen[key] == 1 else f"{name} {seen[key]}")
    if unique == names:
        return None
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="").writerow(unique)
    return out.getvalue().encode("utf-8")


def dates(values: pd.Series) -> pd.Series:
    """datetime64[s, UTC] for every format LinkedIn uses (times are UTC); NaT elsewhere."""
    text = values.astype("string").fillna("").str.strip()
    result = pd.Series(pd.NaT, index=values.index, dtype="datetime64[s]")
    todo = text.ne("").to_numpy()
    for form in DATE_FORMATS:
        if not todo.any():
            break
        # pandas, not pyarrow's strptime: the latter accepts 2026-02-30 (and rolls it over).
        parsed = pd.to_datetime(text[todo], format=form, errors="coerce")
        found = parsed.to_numpy(dtype="datetime64[s]")
        positions = todo.nonzero()[0]
        hit = ~pd.isna(found)
        result.iloc[positions[hit]] = found[hit]
        todo[positions[hit]] = False
    return result.dt.tz_localize("UTC").astype("datetime64[s, UTC]")
