"""Small numpy helpers shared by the stages."""

from __future__ import annotations

import numpy as np


def smallest(count: int, *keys: np.ndarray) -> np.ndarray:
    """Positions of the `count` smallest rows ordered by `keys` (the first key first).

    The same as `np.lexsort(keys[::-1])[:count]`, without sorting a million rows to keep a
    dozen: partitions find the candidates, and only those are sorted."""
    if count <= 0 or not len(keys[0]):
        return np.zeros(0, dtype=np.intp)
    return _smallest(np.arange(len(keys[0])), count, keys)


def _smallest(rows: np.ndarray, count: int, keys: tuple[np.ndarray, ...]) -> np.ndarray:
    if len(rows) > count:
        key = keys[0][rows]
        cutoff = np.partition(key, count - 1)[count - 1]
        below, tied = rows[key < cutoff], rows[key == cutoff]
        if len(keys) > 1 and len(below) + len(tied) > count:
            # Every row below the cutoff is in; the rest come from the tie, by the next keys.
            tied = _smallest(tied, count - len(below), keys[1:])
        rows = np.concatenate([below, tied])
    order = np.lexsort(tuple(key[rows] for key in reversed(keys)))
    return rows[order][:count]


def id_order(ids) -> np.ndarray:
    """A sort key for item ids (strings): their value where every id is a number (X's), else
    their position."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        numbers = pc.cast(pa.array(ids, type=pa.string()), pa.int64())
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        return np.arange(len(ids), dtype=np.int64)
    return numbers.to_numpy(zero_copy_only=False).astype(np.int64)
