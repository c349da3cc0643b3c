import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from auditor.arrays import smallest

# Few distinct values, so that ties (the hard case) are common.
columns = st.integers(0, 60).flatmap(
    lambda n: st.tuples(*[st.lists(st.integers(0, 4), min_size=n, max_size=n)] * 3)
)


@given(columns, st.integers(0, 70))
def test_smallest_is_the_head_of_a_full_sort(keys, count):
    arrays = [np.array(k, dtype=np.int64) for k in keys]
    expected = np.lexsort(arrays[::-1])[:count]
    assert smallest(count, *arrays).tolist() == expected.tolist()


def test_smallest_of_nothing_is_nothing():
    assert smallest(5, np.zeros(0)).tolist() == []
    assert smallest(0, np.arange(3)).tolist() == []
