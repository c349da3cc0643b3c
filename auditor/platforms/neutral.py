"""The platform-neutral item table (design.md §6) and what comes with it.

One pandas DataFrame, one row per item, explicit dtypes:

- id: string (the platform's own id, e.g. Reddit's base36 "k3x9a")
- category: Categorical over the platform vocabulary's category ids, in vocabulary order
- created: datetime64[s, UTC]; NaT where the export holds no time (Reddit votes, saved items)
- removed: datetime64[s, UTC]; NaT while the item exists or when the export gives no time
- state: Categorical live | deleted | removed. The export shows that an item was deleted by its
  author or removed by a moderator, but not when: `removed` stays NaT then, and a later stage
  must not treat the item as alive for ever without saying so.
- public: boolean (nullable): True public, False never public, <NA> unknown
- self_authored: bool
- text: string, only for the sensitive-topic detectors; <NA> for messages and chat, always
- geo: bool
- media: int16 (attached media items)
- url: string (a link to the item on the platform), <NA> if it has none
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd

from ..dataset import Account, InventoryRow, Note, Signal

STATES = ("live", "deleted", "removed")
TIME = "datetime64[s, UTC]"
COLUMNS = (
    "id",
    "category",
    "created",
    "removed",
    "state",
    "public",
    "self_authored",
    "text",
    "geo",
    "media",
    "url",
)


@dataclass
class PlatformData:
    """Everything a platform reader found; the core turns it into its Dataset."""

    platform: str
    generated_at: datetime | None
    account: Account
    items: pd.DataFrame  # see the module docstring
    inventory: list[InventoryRow]
    signals: list[Signal] = field(default_factory=list)
    birth_date: date | None = None
    # Settings the export itself records (setting id → value); Reddit records none.
    settings_found: tuple[tuple[str, str], ...] = ()
    partial_reasons: list[str] = field(default_factory=list)
    layout: str = ""  # the export's format version, as the platform names it
    media_files: int = 0  # counted from the directory, never read
    generated_from: str = "archive"  # archive (its own date) | newest-record | "" (unknown)
    # Account-level periods when nothing was public (X: protected account): start None =
    # since before the export's history, end None = still.
    restricted_periods: tuple[tuple[datetime | None, datetime | None], ...] = ()
    # Numbers the platform adds to the JSON summary's counts (name → value), e.g. X's DM
    # conversations; the core only copies them.
    extra_counts: tuple[tuple[str, int], ...] = ()

    @property
    def partial(self) -> bool:
        return bool(self.partial_reasons)

    def counts(self) -> dict[str, int]:
        """Items per category that has any (test and summary helper)."""
        counts = self.items["category"].value_counts(sort=False)
        return {str(k): int(v) for k, v in counts.items() if v}


@dataclass
class ItemColumns:
    """Columns of one batch of items, as the reader builds them; `frame` types them."""

    category: str
    id: pd.Series
    created: pd.Series | None = None
    state: pd.Series | None = None
    public: bool | None = None
    self_authored: bool | pd.Series = True
    text: pd.Series | None = None
    media: pd.Series | None = None
    url: pd.Series | None = None


def frame(batches: list[ItemColumns], categories: tuple[str, ...]) -> pd.DataFrame:
    """The item table from batches, with the dtypes the module docstring promises."""
    return frame_of([part(batch, categories) for batch in batches if len(batch.id)], categories)


def frame_of(parts: list[pd.DataFrame], categories: tuple[str, ...]) -> pd.DataFrame:
    """The item table from batches already turned into `part`s (a reader may do that in
    the threads that read its files)."""
    if not parts:
        return empty(categories)
    return _typed(pd.concat(parts, ignore_index=True), categories)


def empty(categories: tuple[str, ...]) -> pd.DataFrame:
    return _typed(pd.DataFrame({column: [] for column in COLUMNS}), categories)


STRING = pd.StringDtype("pyarrow")  # Arrow-backed: no Python object per string


def part(batch: ItemColumns, categories: tuple[str, ...]) -> pd.DataFrame:
    """One batch with final dtypes already: concatenating typed parts is a copy, not a
    conversion of 100,000s of Python objects (categoricals with the same categories stay
    categorical through concat, so `_typed` has nothing left to hash)."""
    count = len(batch.id)
    index = pd.RangeIndex(count)

    def filled(values, default, dtype):
        if isinstance(values, pd.Series):
            return values.astype(dtype).array if dtype else values.to_numpy()
        # A scalar is broadcast by pandas without a Python list of `count` objects.
        return pd.Series(default if values is None else values, index=index, dtype=dtype).array

    created = (
        pd.array(np.full(count, np.datetime64("NaT"), dtype="datetime64[s]"))
        if batch.created is None
        else batch.created.to_numpy(dtype="datetime64[s]")
    )
    state = (
        pd.Categorical.from_codes(np.zeros(count, dtype=np.int8), categories=list(STATES))
        if batch.state is None
        else pd.Categorical(batch.state, categories=list(STATES))
    )
    code = categories.index(batch.category) if batch.category in categories else -1
    return pd.DataFrame(
        {
            "id": batch.id.astype(STRING).array,
            "category": pd.Categorical.from_codes(
                np.full(count, code, dtype=np.int16), categories=list(categories)
            ),
            "created": pd.Series(created).dt.tz_localize("UTC"),
            "removed": pd.Series(
                np.full(count, np.datetime64("NaT"), "datetime64[s]")
            ).dt.tz_localize("UTC"),
            "state": state,
            "public": filled(batch.public, pd.NA, "boolean"),
            "self_authored": filled(batch.self_authored, True, bool),
            "text": filled(batch.text, pd.NA, STRING),
            "geo": np.zeros(count, dtype=bool),
            "media": filled(batch.media, 0, np.int16),
            "url": filled(batch.url, pd.NA, STRING),
        }
    )


def _typed(table: pd.DataFrame, categories: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": table["id"].astype(STRING),
            "category": pd.Categorical(table["category"], categories=list(categories)),
            "created": pd.to_datetime(table["created"], utc=True).astype(TIME),
            "removed": pd.to_datetime(table["removed"], utc=True).astype(TIME),
            "state": pd.Categorical(table["state"], categories=list(STATES)),
            "public": table["public"].astype("boolean"),
            "self_authored": table["self_authored"].astype(bool),
            "text": table["text"].astype(STRING),
            "geo": table["geo"].astype(bool),
            "media": table["media"].astype(np.int16),
            "url": table["url"].astype(STRING),
        }
    )


def check(table: pd.DataFrame, categories: tuple[str, ...]) -> None:
    """Raise AssertionError if `table` breaks the contract (used by tests and new readers)."""
    assert tuple(table.columns) == COLUMNS, tuple(table.columns)
    assert str(table["id"].dtype) == "string"
    assert tuple(table["category"].cat.categories) == categories
    assert not table["category"].isna().any(), "an item without a category"
    for name in ("created", "removed"):
        assert str(table[name].dtype) == TIME, (name, table[name].dtype)
    assert tuple(table["state"].cat.categories) == STATES
    assert str(table["public"].dtype) == "boolean"
    for name in ("self_authored", "geo"):
        assert table[name].dtype == bool
    assert table["media"].dtype == np.int16
    assert str(table["text"].dtype) == "string" and str(table["url"].dtype) == "string"


def unreadable(path: str, kind: str, error: Exception) -> tuple[InventoryRow, Note]:
    """A file that could not be read (damaged, say): its inventory row, and its line for the
    incomplete-results list. The error's own words (English, technical) go in as a value."""
    reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
    note = Note("could not be read (%(reason)s)", reason=reason)
    row = InventoryRow(path, kind, 0, 0, 0, "failed", notes=(note,))
    return row, Note("%(path)s could not be read (%(reason)s)", path=path, reason=reason)
