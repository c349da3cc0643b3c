"""Check the system libraries WeasyPrint needs, with a one-line fix for each gap."""

from __future__ import annotations

import ctypes.util
import sys
import warnings

PANGO_FIX = (
    "WeasyPrint needs the Pango library to write PDFs; install it with "
    "`sudo apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0` "
    "(Debian/Ubuntu) or `brew install pango` (macOS)"
)
SUBSET_HINT = (
    "note: libharfbuzz-subset0 is not installed; PDFs still work but font "
    "subsetting is about 20x slower (`sudo apt install libharfbuzz-subset0`)"
)


def pango_problem() -> str | None:
    try:
        with warnings.catch_warnings():
            # Without libharfbuzz-subset0 WeasyPrint warns at import that it will need it one
            # day; SUBSET_HINT says what matters today in one line, `make demo` shows it.
            warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
            import weasyprint  # noqa: F401  (loads Pango through cffi)
    except (OSError, ImportError) as error:
        return f"{PANGO_FIX} ({str(error).splitlines()[0][:80]})"
    return None


def has_harfbuzz_subset() -> bool:
    return ctypes.util.find_library("harfbuzz-subset") is not None


def main() -> int:
    problem = pango_problem()
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    if not has_harfbuzz_subset():
        print(SUBSET_HINT, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
