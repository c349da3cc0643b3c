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

BOM = b"\xef\xbb\xbf"
HEADER_PEEK = 64 << 10


@dataclass
class CsvTable:
    """The wanted columns as strings (missing columns are all <NA>), plus what was skipped."""

    frame: pd.DataFrame
    header: tuple[str, ...]
    skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)

    @property
    def rows(self) -> int:
        return len(self.frame)

    def skip(self, mask: pd.Series, reason: str) -> None:
        """Drop the rows where `mask` is true, counting them under `reason`."""
        dropped = int(mask.sum())
        if dropped:
            self.frame = self.frame[~mask.to_numpy()]
            self.skipped += dropped
            self.reasons[reason] += dropped

    def reason_text(self) -> str:
        return "; ".join(f"{count:,} {reason}" for reason, count in self.reasons.most_common())


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
    reasons: Counter[str] = Counter()

    def bad_row(row) -> str:
        reasons[f"row(s) with {row.actual_columns} fields instead of {row.expected_columns}"] += 1
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
    reasons: Counter[str] = Counter()
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:
            reasons["row(s) the CSV parser could not split"] += 1
            continue
        if len(row) != len(header):
            reasons[f"row(s) with {len(row)} fields instead of {len(header)}"] += 1
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
