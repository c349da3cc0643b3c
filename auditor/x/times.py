"""Vectorised parsing of the date formats X archives use, to `datetime64[s, UTC]`."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

V1 = "%a %b %d %H:%M:%S %z %Y"  # Wed Oct 10 20:19:24 +0000 2018
GRAIL = "%Y-%m-%d %H:%M:%S %z"  # 2014-07-24 21:05:28 +0000 (Grailbird)
UNIT = "datetime64[s, UTC]"


def parse_v1(values: list[str | None]) -> pd.Series:
    """Tweet `created_at`; pyarrow's C++ strptime is ~10x faster than pandas here."""
    array = pa.array(values, type=pa.string())
    parsed = pc.strptime(array, format=V1, unit="s", error_is_null=True)
    series = pd.Series(parsed.to_numpy(zero_copy_only=False), dtype="datetime64[s]")
    series = series.dt.tz_localize("UTC")
    failed = series.isna() & pd.Series(array.is_valid().to_numpy(zero_copy_only=False))
    for fmt in (GRAIL, V1) if failed.any() else ():  # Grailbird dates, odd offsets: NaT if not
        retry = pd.to_datetime(pd.Series(values)[failed], format=fmt, utc=True, errors="coerce")
        series[failed] = series[failed].fillna(retry.astype(UNIT))
        failed = series.isna() & failed
    return series.astype(UNIT)


def parse_iso(values: list[str | None]) -> pd.Series:
    series = pd.to_datetime(
        pd.Series(values, dtype="object"), utc=True, format="ISO8601", errors="coerce"
    )
    return series.astype(UNIT)


def parse_one(value: str | None):
    """A single ISO or v1 timestamp (account creation, manifest date), or None."""
    if not value:
        return None
    for parser in (parse_iso, parse_v1):
        result = parser([value]).iloc[0]
        if not pd.isna(result):
            return result.to_pydatetime()
    return None
