"""Which bundled fonts a report needs, and which of its characters none of them can draw.

WeasyPrint reads and registers every @font-face font of a document whether or not a page uses
it (7.5 MB for the script fonts, 0.2 s a report), so report.css names only DejaVu and the
report declares a script font only when its text has a character that font is there for.

A character no bundled font has prints as an empty box (or, on some machines, in whatever
font the system finds): the report says so on the page instead of leaving the reader to
guess whether the box is in the post or in the report."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from .assets import templates_dir

FONT_URL = re.compile(r"url\((fonts/[^)\s]+)\)")
# Marks that print nothing of their own: joiners, variation selectors, direction marks.
SILENT_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp"}
SILENT = {chr(cp) for cp in range(0xFE00, 0xFE10)} | {"\u20e3"}


@dataclass(frozen=True)
class ScriptFont:
    family: str  # as named in report.css's font-family list
    file: str  # under templates/fonts/


# In report.css's font-family order; see templates/fonts/SOURCES.md.
SCRIPT_FONTS = (
    ScriptFont("Report Hebrew", "NotoSansHebrew-Regular.ttf"),
    ScriptFont("Report Arabic", "NotoSansArabic-Regular.ttf"),
    ScriptFont("Report CJK", "NotoSansCJK-Subset.ttf"),
    ScriptFont("Report Hangul", "NotoSansHangul-Subset.ttf"),
    ScriptFont("Report Thai", "NotoSansThai-Regular.ttf"),
    ScriptFont("Report Devanagari", "NotoSansDevanagari-Regular.ttf"),
    ScriptFont("Report Emoji", "NotoEmoji-Regular.ttf"),
)


@dataclass(frozen=True)
class MissingGlyphs:
    characters: int  # distinct characters without a glyph
    scripts: tuple[str, ...]  # their scripts, most frequent first


@cache
def _cmap(file: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # WeasyPrint's dependency; loaded only when needed

    return frozenset(TTFont(templates_dir() / file, lazy=True)["cmap"].getBestCmap())


@cache
def _base() -> frozenset[int]:
    """What the fonts of report.css itself (DejaVu) draw."""
    css = (templates_dir() / "report.css").read_text()
    return frozenset().union(*(_cmap(url) for url in sorted(set(FONT_URL.findall(css)))))


def covered() -> frozenset[int]:
    """Every code point some bundled font has a glyph for."""
    return _base().union(*(_cmap(f"fonts/{font.file}") for font in SCRIPT_FONTS))


def fonts_for(characters: Iterable[str]) -> list[ScriptFont]:
    """The script fonts the report needs: those with a glyph DejaVu lacks for some of these
    characters (Hebrew and Arabic, which come before DejaVu, for any of their letters)."""
    wanted = {ord(c) for c in characters} - {0x20, 0xA0}
    base = _base()
    if not any(cp not in base or 0x0590 <= cp <= 0x08FF or cp >= 0xFB1D for cp in wanted):
        return []  # DejaVu draws it all (the usual case): no need to open the other fonts
    needed = []
    for position, font in enumerate(SCRIPT_FONTS):
        points = _cmap(f"fonts/{font.file}") & wanted
        if points and (position < 2 or points - base):
            needed.append(font)
    return needed


def missing_glyphs(texts: Iterable[str]) -> MissingGlyphs | None:
    """What in `texts` no bundled font can draw, or None when everything can be shown."""
    chars = {c for c in set().union(*(set(text or "") for text in texts)) if ord(c) not in _base()}
    have = covered() if chars else frozenset()
    counts: dict[str, int] = {}
    for char in chars:
        if ord(char) in have or char in SILENT:
            continue
        if unicodedata.category(char) in SILENT_CATEGORIES:
            continue
        script = script_name(char)
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    order = sorted(counts, key=lambda s: (-counts[s], s))
    return MissingGlyphs(sum(counts.values()), tuple(order))


def script_name(char: str) -> str:
    from fontTools import unicodedata as ucd

    return ucd.script_name(ucd.script(char), default="Unknown").replace("_", " ")


def characters(value) -> set[str]:
    """Every character of every string in a summary (dicts, lists and strings)."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.update(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
            stack.extend(k for k in item if isinstance(k, str))
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return found
