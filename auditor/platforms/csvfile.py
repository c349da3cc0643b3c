"""Read the few wanted columns of an export's CSV file; a bad row costs that row.

pyarrow parses the file in C and converts only the wanted columns, so message bodies are
split off by the tokenizer but never decoded into strings. A file pyarrow refuses (invalid
UTF-8 in a wanted column, a quote left open at the end) is read again row by row with the
standard library, where each bad row is skipped with a reason.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..dataset import Note, counted
from ..i18n import N_

BOM = b"\xef\xbb\xbf"
HEADER_PEEK = 64 << 10


@dataclass(frozen=True)
class SkipReason:
    """Why rows were skipped; `fields` and `expected` only for rows of the wrong width."""

    kind: str  # fields | unsplit | no_id | no_valid_id | no_date | no_name
    fields: int = 0
    expected: int = 0


# Per reason: (in the file's inventory row, in the incomplete-results list), each as
# (one row, several rows).
SKIP_TEMPLATES = {
    "fields": (
        (
            N_("1 row with %(fields)s fields instead of %(expected)s skipped"),
            N_("%(count)s rows with %(fields)s fields instead of %(expected)s skipped"),
        ),
        (
            N_("%(path)s: 1 row with %(fields)s fields instead of %(expected)s skipped"),
            N_("%(path)s: %(count)s rows with %(fields)s fields instead of %(expected)s skipped"),
        ),
    ),
    "unsplit": (
        (
            N_("1 row the CSV parser could not split skipped"),
            N_("%(count)s rows the CSV parser could not split skipped"),
        ),
        (
            N_("%(path)s: 1 row the CSV parser could not split skipped"),
            N_("%(path)s: %(count)s rows the CSV parser could not split skipped"),
        ),
    ),
    "no_id": (
        (N_("1 row without an id skipped"), N_("%(count)s rows without an id skipped")),
        (
            N_("%(path)s: 1 row without an id skipped"),
            N_("%(path)s: %(count)s rows without an id skipped"),
        ),
    ),
    "no_valid_id": (
        (N_("1 row without a valid id skipped"), N_("%(count)s rows without a valid id skipped")),
        (
            N_("%(path)s: 1 row without a valid id skipped"),
            N_("%(path)s: %(count)s rows without a valid id skipped"),
        ),
    ),
    "no_date": (
        (
            N_("1 row without a valid date skipped"),
            N_("%(count)s rows without a valid date skipped"),
        ),
        (
            N_("%(path)s: 1 row without a valid date skipped"),
            N_("%(path)s: %(count)s rows without a valid date skipped"),
        ),
    ),
    "no_name": (
        (N_("1 row without a name skipped"), N_("%(count)s rows without a name skipped")),
        (
            N_("%(path)s: 1 row without a name skipped"),
            N_("%(path)s: %(count)s rows without a name skipped"),
        ),
    ),
}
NO_ID, NO_VALID_ID, NO_DATE, NO_NAME = (
    SkipReason("no_id"),
    SkipReason("no_valid_id"),
    SkipReason("no_date"),
    SkipReason("no_name"),
)


@dataclass
class CsvTable:
    """The wanted columns as strings (missing columns are all <NA>), plus what was skipped."""

    frame: pd.DataFrame
    header: tuple[str, ...]
    skipped: int = 0
    reasons: Counter[SkipReason] = field(default_factory=Counter)

    @property
    def rows(self) -> int:
        return len(self.frame)

    def skip(self, mask: pd.Series, reason: SkipReason) -> None:
        """Drop the rows where `mask` is true, counting them under `reason`."""
        dropped = int(mask.sum())
        if dropped:
            self.frame = self.frame[~mask.to_numpy()]
            self.skipped += dropped
            self.reasons[reason] += dropped

    def skip_notes(self, path: str | None = None) -> list[Note]:
        """One note per reason rows were skipped, most rows first; naming the file (`path`)
        for the incomplete-results list, where nothing else says which file it was."""
        notes = []
        for reason, count in self.reasons.most_common():
            one, many = SKIP_TEMPLATES[reason.kind][path is not None]
            values: dict[str, int | str] = {"path": path} if path is not None else {}
            if reason.kind == "fields":
                values |= {"fields": reason.fields, "expected": reason.expected}
            notes.append(counted(count, one, many, **values))
        return notes


def header_of(data: memoryview) -> tuple[str, ...]:
    """Column names, lower-cased and stripped (headers never hold a newline)."""
    head = bytes(data[:HEADER_PEEK])
    if head.startswith(BOM):
        head = head[len(BOM) :]
    first = head.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8", "replace")
    return tuple(name.strip().lower() for name in next(csv.reader([first]), []))


def read_columns(data: memoryview, wanted: tuple[str, ...]) -> CsvTable:
    """The `wanted` columns (lower-case names) of a CSV file with a header line."""
    header = header_of(data)
    if not header:
        return CsvTable(_strings({name: [] for name in wanted}), header)
    try:
        return _with_pyarrow(data, header, wanted)
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return _row_by_row(data, header, wanted)


def _with_pyarrow(data: memoryview, header: tuple[str, ...], wanted: tuple[str, ...]) -> CsvTable:
    reasons: Counter[SkipReason] = Counter()

    def bad_row(row) -> str:
        reasons[SkipReason("fields", row.actual_columns, row.expected_columns)] += 1
        return "skip"

    present = [name for name in wanted if name in header]
    table = pacsv.read_csv(
        pa.py_buffer(data),
        read_options=pacsv.ReadOptions(column_names=list(header), skip_rows=1),
        parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=bad_row),
        convert_options=pacsv.ConvertOptions(
            include_columns=present or [header[0]],
            column_types={name: pa.string() for name in header},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    columns = {name: table.column(name) for name in present}
    frame = pd.DataFrame(
        {
            name: columns[name].to_pandas(types_mapper=_string_type)
            if name in columns
            else pd.Series(pd.NA, index=pd.RangeIndex(table.num_rows), dtype="string")
            for name in wanted
        }
    )
    return CsvTable(frame, header, sum(reasons.values()), reasons)


def _string_type(arrow_type):
    return pd.StringDtype("pyarrow") if arrow_type == pa.string() else None


def _row_by_row(data: memoryview, header: tuple[str, ...], wanted: tuple[str, ...]) -> CsvTable:
    raw = bytes(data)
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
    text = raw.decode("utf-8", "replace")  # U+FFFD marks a bad byte; it fails id/date checks
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    next(reader, None)
    positions = [header.index(name) if name in header else None for name in wanted]
    kept: dict[str, list] = {name: [] for name in wanted}
    reasons: Counter[SkipReason] = Counter()
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            reasons[SkipReason("unsplit")] += 1
            continue
        if len(row) != len(header):
            reasons[SkipReason("fields", len(row), len(header))] += 1
            continue
        for name, position in zip(wanted, positions, strict=True):
            kept[name].append(pd.NA if position is None else row[position])
    return CsvTable(_strings(kept), header, sum(reasons.values()), reasons)


def _strings(columns: dict[str, list]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.array(rows, dtype="string") for name, rows in columns.items()})


def count_rows(data: memoryview) -> CsvTable:
    """Only the number of data rows: the first column is converted, nothing else."""
    header = header_of(data)
    return read_columns(data, header[:1]) if header else CsvTable(_strings({}), header)


def utc_seconds(values: pd.Series) -> pd.Series:
    """Reddit's `YYYY-MM-DD HH:MM:SS UTC` as datetime64[s, UTC]; ISO 8601 as a fallback;
    NaT where neither fits."""
    strings = pa.array(values.astype("string").fillna(""), type=pa.string())
    parsed = pc.strptime(strings, format="%Y-%m-%d %H:%M:%S UTC", unit="s", error_is_null=True)
    # An array, not a Series: a Series would be aligned on labels, and `values` has gaps.
    naive = parsed.to_numpy(zero_copy_only=False).astype("datetime64[s]")
    result = pd.Series(naive, index=values.index).dt.tz_localize("UTC")
    missing = result.isna() & values.fillna("").str.strip().ne("")
    if missing.any():
        again = pd.to_datetime(values[missing], errors="coerce", utc=True, format="ISO8601")
        result[missing] = again.dt.floor("s")
    return result.astype("datetime64[s, UTC]")
