"""Vectorised parsing of the date formats X archives use, to `datetime64[s, UTC]`."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

V1 = "%a %b %d %H:%M:%S %z %Y"  # Wed Oct 10 20:19:24 +0000 2018
GRAIL = "%Y-%m-%d %H:%M:%S %z"  # 2014-07-24 21:05:28 +0000 (Grailbird)
UNIT = "datetime64[s, UTC]"


MONTHS = {
    m.encode(): i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    )
}
_MONTH_LOOKUP = np.full(1 << 15, -1, dtype=np.int16)
for _name, _index in MONTHS.items():
    _MONTH_LOOKUP[(_name[0] << 10 ^ _name[1] << 5 ^ _name[2]) & 0x7FFF] = _index


def parse_v1(values: list[str | None]) -> pd.Series:
    """Tweet `created_at` ("Wed Oct 10 20:19:24 +0000 2018") to UTC seconds.

    X always writes this fixed-width form in UTC, so the digits are read straight from a byte
    matrix (about 20x faster than strptime); anything else goes through the general parser.
    """
    fast = _fixed_width_v1(values)
    if fast is not None:
        return fast
    return _parse_general(values)


def _fixed_width_v1(values: list[str | None]) -> pd.Series | None:
    matrix = _byte_matrix(values, 30)
    if matrix is None:
        return None
    col = [matrix[:, i].astype(np.int32) for i in range(30)]  # one array per character
    shape_ok = (
        (col[3] == 32)
        & (col[19] == 32)
        & (col[13] == 58)
        & (col[20] == 43)
        & (col[21] == 48)
        & (col[22] == 48)
        & (col[23] == 48)
        & (col[24] == 48)
        & (col[4] < 128)
        & (col[5] < 128)
        & (col[6] < 128)
    )
    digit = [c - 48 for c in col]
    day = digit[8] * 10 + digit[9]
    hour = digit[11] * 10 + digit[12]
    minute = digit[14] * 10 + digit[15]
    second = digit[17] * 10 + digit[18]
    year = digit[26] * 1000 + digit[27] * 100 + digit[28] * 10 + digit[29]
    month = _MONTH_LOOKUP[(col[4] << 10 ^ col[5] << 5 ^ col[6]) & 0x7FFF]
    ok = (
        shape_ok
        & (month >= 0)
        & (day >= 1)
        & (day <= 31)
        & (hour < 24)
        & (minute < 60)
        & (second < 61)
        & (year > 1970)
        & (year < 2200)
    )
    if not ok.all():
        return None
    months = ((year - 1970) * 12 + month).astype(np.int64)
    days = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64) + day - 1
    seconds = days * 86400 + hour * 3600 + minute * 60 + second
    return pd.Series(seconds.astype("datetime64[s]"), dtype="datetime64[s, UTC]")


def _byte_matrix(values: list[str | None], width: int) -> np.ndarray | None:
    """The UTF-8 bytes of strings that all have exactly `width` bytes, as an (n, width)
    matrix read straight from an Arrow buffer; None if any value is missing or another size."""
    if not values:
        return None
    try:
        array = pa.array(values, type=pa.string())
    except (pa.ArrowException, TypeError):
        return None
    count = len(array)
    if array.null_count:
        return None
    offsets = np.frombuffer(array.buffers()[1], np.int32, count + 1, array.offset * 4)
    if not (np.diff(offsets) == width).all():
        return None
    data = np.frombuffer(array.buffers()[2], np.uint8, count * width, int(offsets[0]))
    return data.reshape(count, width)


def _parse_general(values: list[str | None]) -> pd.Series:
    """pyarrow's C++ strptime, then pandas for the odd ones (Grailbird dates, offsets)."""
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
