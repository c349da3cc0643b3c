"""Build the script fonts in templates/fonts/ from upstream Noto files (run once, by hand).

The report must show every script without the reader installing anything, so auditor ships
its fonts. Noto Sans CJK is 19 MB; the copy we ship keeps only the characters of the national
standard sets (GB 2312, JIS X 0208, KS X 1001, Big5 level 1 and all modern Hangul), which
cover everyday Chinese, Japanese and Korean text. Other scripts are small and ship whole or
as their own letters only (see SCRIPTS).

Sources (all SIL Open Font License 1.1; see templates/fonts/SOURCES.md for versions):
  Debian bookworm fonts-noto-cjk 1:20220127+repack1-1
      /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc   (face 0: Noto Sans CJK JP)
  Debian bookworm fonts-noto-core 20201225-1
      /usr/share/fonts/truetype/noto/NotoSans{Thai,Hebrew,Arabic,Devanagari}-Regular.ttf
  PyPI manimgx-fonts 2026.9.26.post1: manimgx_fonts/NotoEmoji[wght].ttf (Noto Emoji 3.002,
      monochrome, variable; instanced at weight 400 here)

    apt-get download fonts-noto-cjk fonts-noto-core && dpkg-deb -x <each>.deb src/
    pip download --no-deps manimgx-fonts && unzip manimgx_fonts-*.whl -d src/
    python tools/build_fonts.py src/ templates/fonts/
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.varLib.instancer import instantiateVariableFont

NOTO_CORE = "usr/share/fonts/truetype/noto"
CJK_TTC = "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
EMOJI = "manimgx_fonts/NotoEmoji[wght].ttf"
# Hebrew and Arabic come before DejaVu in the CSS (DejaVu has only part of Arabic, and a
# word set in two fonts loses its joining), so they keep their own letters only. Thai and
# Devanagari come after DejaVu and ship whole.
SCRIPTS = {
    "Thai": (),
    "Hebrew": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    "Arabic": (
        (0x0600, 0x06FF),
        (0x0750, 0x077F),
        (0x08A0, 0x08FF),
        (0xFB50, 0xFDFF),
        (0xFE70, 0xFEFF),
    ),
    "Devanagari": (),
}
# Pango keeps the current font for a space ("all fonts have the ASCII space"): a font
# without one prints a box between words.
SPACES = {0x0020, 0x00A0}
ASCII = set(range(0x0020, 0x007F))
# Hangul is a font of its own: WeasyPrint's fontTools subsetting costs time in proportion to
# the glyphs in the font, so a Korean post should not pay for the Han characters and back.
HANGUL = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0xAC00, 0xD7A3),  # every modern Hangul syllable
)
CJK_BLOCKS = (
    *HANGUL,
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals
    (0x3000, 0x30FF),  # CJK punctuation, Hiragana, Katakana
    (0x3100, 0x312F),  # Bopomofo
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0xFF00, 0xFFEF),  # half- and full-width forms
)


def national_sets() -> set[int]:
    """The characters of GB 2312, JIS X 0208, KS X 1001 and Big5 level 1 (the common
    hanzi / kanji / hanja of each country), read from Python's own codecs."""
    chars: set[str] = set()
    row = range(0xA1, 0xFF)
    for encoding in ("gb2312", "euc_jp", "euc_kr"):
        chars.update(_decodable(encoding, row, row))
    big5_trail = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    level_one = _decodable("big5", range(0xA4, 0xC7), big5_trail, last=0xC67E)
    chars.update(level_one)
    return {ord(c) for c in chars}


def _decodable(encoding: str, lead, trail, last: int = 0xFFFF) -> set[str]:
    out: set[str] = set()
    for a in lead:
        for b in trail:
            if (a << 8 | b) > last:
                continue
            with contextlib.suppress(UnicodeDecodeError):
                out.update(bytes((a, b)).decode(encoding))
    return out


def cjk_codepoints() -> set[int]:
    blocks = {cp for start, end in CJK_BLOCKS for cp in range(start, end + 1)}
    return national_sets() | blocks | ASCII


def subset_font(font: TTFont, unicodes: set[int], out: Path, layout: bool = True) -> None:
    options = subset.Options()
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence
    options.name_languages = [0x409]
    options.layout_features = ["*"]
    if not layout:
        # Precomposed Han, kana and Hangul need no shaping, and reading these tables is
        # most of WeasyPrint's subsetting time.
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE"]
    options.notdef_outline = True
    options.drop_tables += ["DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes & set(font.getBestCmap()))
    subsetter.subset(font)
    if "CFF " in font:
        to_truetype(font)
    font.save(out, reorderTables=True)
    print(f"{out.name}: {out.stat().st_size / 1e6:.2f} MB, {len(font.getBestCmap())} chars")


def to_truetype(font: TTFont) -> None:
    """CFF outlines as quadratic TrueType: with WeasyPrint's subsetting options (retain_gids,
    desubroutinize) fontTools spends seconds on every CFF glyph slot, and glyf compresses
    better in the wheel."""
    glyph_set, order = font.getGlyphSet(), font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"], font["glyf"] = newTable("loca"), glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxComponentDepth",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0
    font["head"].glyphDataFormat = 0


def main(source: Path, target: Path) -> None:
    hangul = {cp for start, end in HANGUL for cp in range(start, end + 1)} | ASCII
    for name, unicodes in (("Hangul", hangul), ("CJK", cjk_codepoints() - hangul | ASCII)):
        cjk = TTFont(source / CJK_TTC, fontNumber=0, recalcTimestamp=False)
        subset_font(cjk, unicodes, target / f"NotoSans{name}-Subset.ttf", layout=False)
    for script, blocks in SCRIPTS.items():
        font = TTFont(source / NOTO_CORE / f"NotoSans{script}-Regular.ttf", recalcTimestamp=False)
        keep = set(font.getBestCmap())
        if blocks:
            keep &= {cp for start, end in blocks for cp in range(start, end + 1)} | SPACES
        subset_font(font, keep, target / f"NotoSans{script}-Regular.ttf")
    emoji = instantiateVariableFont(TTFont(source / EMOJI, recalcTimestamp=False), {"wght": 400})
    # Digits, '#' and '*' are emoji only in keycap sequences; left in, Pango would draw
    # ordinary numbers with the emoji font.
    keep = {cp for cp in emoji.getBestCmap() if cp > 0xFF} | {0x200D, 0x20E3, 0xFE0F} | SPACES
    subset_font(emoji, keep, target / "NotoEmoji-Regular.ttf")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
