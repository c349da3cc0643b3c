"""Small hand-written SVG charts: vector, no fetch, deterministic, readable in greyscale.

Only numbers and fixed labels go in; nothing from the archive. Each status differs from the
others in lightness and, for the two middle ones, in hatching, and segments wide enough carry
their share as text: a greyscale print or a colour-blind reader loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from markupsafe import Markup


@dataclass(frozen=True)
class Look:
    fill: str
    hatch: str | None  # stroke colour of diagonal lines over the fill, if any
    text: str  # label colour on top of the fill


# Lightness (luma) ~45, ~95 hatched, ~165, ~195 hatched: apart in greyscale.
STATUS_LOOK = {
    "exposed": Look("#7a1f16", None, "#fff"),
    "withdrawn": Look("#6b4f9e", "#ffffff", "#fff"),
    "uncertain": Look("#eec25a", "#6b4a00", "#000"),
    "not_exposed": Look("#a9a9a9", None, "#000"),
}
SCOPE_STATUSES = ("exposed", "withdrawn", "uncertain")  # what "in scope" is made of
FONT = "Report Sans, DejaVu Sans, system-ui, sans-serif"


@dataclass(frozen=True)
class Marker:
    number: int
    date: str  # ISO date
    opt_out: bool


@dataclass(frozen=True)
class Numbers:
    """The report language's way of writing counts (12,345) and shares (98 %)."""

    count: Callable[[int], str] = "{:,}".format
    share: Callable[[float], str] = lambda value: f"{round(100 * value)} %"


def share_bars(
    rows: list[tuple[str, dict]],
    title: str,
    labels: dict,
    key: str,
    numbers: Numbers = Numbers(),  # noqa: B008 - frozen, never changed
    width: int = 680,
) -> Markup:
    """One 100 % bar per category, a segment per status, its share written inside."""
    if not rows:
        return Markup("")
    label_w = label_column([label for label, _ in rows])
    count_w, row_h, bar_h = 60, 19, 13
    plot_w = width - label_w - count_w
    height = len(rows) * row_h + 22
    parts = [_defs(key)]
    for index, (label, counts) in enumerate(rows):
        total = sum(counts.values())
        y = 4 + index * row_h
        lines = label_lines(label, label_w)
        for line_no, line in enumerate(lines):
            baseline = y + 10 if len(lines) == 1 else y + 5.5 + 9 * line_no
            parts.append(_text(label_w - LABEL_GAP, baseline, line, anchor="end", size=LABEL_SIZE))
        parts.append(_text(width - 2, y + 10, numbers.count(total), anchor="end", size=7.5))
        x = float(label_w)
        for status, look in STATUS_LOOK.items():
            w = plot_w * counts.get(status, 0) / (total or 1)
            if w <= 0:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{_paint(key, status)}" stroke="#fff" stroke-width="0.6"/>'
            )
            if w >= 26:
                share = numbers.share(counts[status] / total)
                parts.append(_tag(x + w / 2, y + bar_h / 2 + 2.6, share, look))
            x += w
        if not total:
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{plot_w}" height="{bar_h}" fill="none" '
                'stroke="#999" stroke-width="0.5" stroke-dasharray="2,2"/>'
            )
    parts.append(_legend(label_w, height - 4, labels, key))
    return _svg(width, height, title, "".join(parts))


# The bar chart's label column grows with its longest label (a translation can double it),
# up to a limit past which a label takes two lines. Widths are estimated from the characters:
# DejaVu Sans advances, rounded up by class (tests check the estimate against the font).
LABEL_SIZE, LABEL_GAP = 8, 6
MIN_LABEL_W, MAX_LABEL_W = 150, 230
NARROW, WIDE = set("fijlrt.,:;'!|()[] ‘’"), set("mwMW")


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """A generous estimate of the text's width in SVG units at this font size."""
    return size * sum(_advance(char) for char in text)


def _advance(char: str) -> float:
    if char in NARROW:
        return 0.42
    if char in WIDE or ord(char) >= 0x2E80:  # CJK and beyond: full width
        return 1.0
    return 0.8 if char.isupper() else 0.65


def label_column(labels: list[str]) -> int:
    longest = max((text_width(label) for label in labels), default=0)
    return min(MAX_LABEL_W, max(MIN_LABEL_W, int(longest) + LABEL_GAP + 4))


def label_lines(label: str, label_w: int) -> list[str]:
    """The label on one line if it fits the column, else on two, split at the space that
    makes the longer line shortest."""
    room = label_w - LABEL_GAP
    if text_width(label) <= room or " " not in label:
        return [label]
    words = label.split(" ")
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return list(min(splits, key=lambda pair: max(text_width(pair[0]), text_width(pair[1]))))


def scope_curve(
    rows: list[dict],
    markers: list[Marker],
    end_period: str,
    title: str,
    labels: dict,
    key: str,
    numbers: Numbers = Numbers(),  # noqa: B008 - frozen, never changed
    width: int = 680,
    height: int = 170,
) -> Markup:
    """Items in scope over time, stacked by status: each step is items a rule reached.
    Markers are dashed lines, numbered; opt-outs are the heavier ones."""
    if not rows:
        return Markup("")
    left, top, right = 44, 16, 96
    plot_w, plot_h = width - left - right, height - top - 30
    start = min(_month(rows[0]["period"]), *(_month(m.date) for m in markers)) - 2
    end = max(_month(end_period), _month(rows[-1]["period"])) + 1
    span = end + 2 - start  # the last month is drawn from its end, one month wide
    totals = _cumulative(rows, start, end)
    peak = max(sum(t[s] for s in SCOPE_STATUSES) for t in totals) or 1

    def x_of(month: float) -> float:
        return left + plot_w * (month - start) / span

    def y_of(value: float) -> float:
        return top + plot_h * (1 - value / peak)

    parts = [_defs(key), _axes(left, top, plot_w, plot_h, numbers.count(peak))]
    below = [0] * len(totals)
    label_ys: list[tuple[float, str]] = []
    for status in SCOPE_STATUSES:
        above = [b + t[status] for b, t in zip(below, totals, strict=True)]
        if any(above[i] != below[i] for i in range(len(totals))):
            parts.append(
                f'<path d="{_band(below, above, x_of, y_of, start)}" '
                f'fill="{_paint(key, status)}" stroke="#fff" stroke-width="0.4"/>'
            )
            middle = (above[-1] + below[-1]) / 2
            if above[-1] > below[-1]:
                label_ys.append((y_of(middle), status))
        below = above
    for year_month in range(start, end + 1):
        if year_month % 12 == 0:
            x = x_of(year_month)
            parts.append(
                f'<line x1="{x:.1f}" y1="{top + plot_h}" x2="{x:.1f}" y2="{top + plot_h + 3}" '
                f'stroke="#555" stroke-width="0.5"/>'
                + _text(x + 1, top + plot_h + 11, str(year_month // 12), size=7)
            )
    for mark in markers:
        x = x_of(_month(mark.date) + (int(mark.date[8:10]) - 1) / 31)
        dash, stroke = ("1.6,1.4", 1.1) if mark.opt_out else ("3,2", 0.7)
        y_label = top - 4 + 7 * ((mark.number - 1) % 2)  # alternate heights: close dates
        parts.append(
            f'<line x1="{x:.1f}" y1="{y_label + 2}" x2="{x:.1f}" y2="{top + plot_h}" '
            f'stroke="#000" stroke-width="{stroke}" stroke-dasharray="{dash}"/>'
            + _text(x + 1.5, y_label, str(mark.number), size=7, bold=True)
        )
    last = totals[-1]
    for y, status in _spread(label_ys, 9):
        text = f"{labels.get(status, status)} {numbers.count(last[status])}"
        parts.append(
            _swatch(left + plot_w + 4, y - 4, key, status)
            + _text(left + plot_w + 14, y + 2.5, text, size=7.5)
        )
    return _svg(width, height, title, "".join(parts))


def _month(period: str) -> int:
    return int(period[:4]) * 12 + int(period[5:7]) - 1 if len(period) >= 7 else int(period) * 12


def _cumulative(rows: list[dict], start: int, end: int) -> list[dict]:
    """Running totals per month from `start` to `end` inclusive."""
    added = {_month(row["period"]): row for row in rows}
    running = dict.fromkeys(SCOPE_STATUSES, 0)
    out = []
    for month in range(start, end + 1):
        for status in SCOPE_STATUSES:
            running[status] += added.get(month, {}).get(status, 0)
        out.append(dict(running))
    return out


def _band(below, above, x_of, y_of, start) -> str:
    """A step-shaped area between two running totals. A month's total is drawn from the
    month's end: items that came in on the 29th must not seem in scope on the 1st."""
    top_edge, bottom_edge = [], []
    for i, value in enumerate(above):
        top_edge.append(f"{x_of(start + i + 1):.2f} {y_of(value):.2f}")
        top_edge.append(f"{x_of(start + i + 2):.2f} {y_of(value):.2f}")
    for i in reversed(range(len(below))):
        bottom_edge.append(f"{x_of(start + i + 2):.2f} {y_of(below[i]):.2f}")
        bottom_edge.append(f"{x_of(start + i + 1):.2f} {y_of(below[i]):.2f}")
    return "M" + "L".join(top_edge + bottom_edge) + "Z"


def _spread(points: list[tuple[float, str]], gap: float) -> list[tuple[float, str]]:
    """Label positions no closer than `gap`, kept in order from top to bottom."""
    placed: list[tuple[float, str]] = []
    for y, label in sorted(points):
        if placed and y - placed[-1][0] < gap:
            y = placed[-1][0] + gap
        placed.append((y, label))
    return placed


def _defs(key: str) -> str:
    """Hatching tiles, one per hatched status; ids carry `key` so two charts on one HTML
    page do not share an id."""
    tiles = []
    for status, look in STATUS_LOOK.items():
        if look.hatch:
            tiles.append(
                f'<pattern id="{key}-{status}" patternUnits="userSpaceOnUse" width="5" '
                f'height="5"><rect width="5" height="5" fill="{look.fill}"/><path '
                f'd="M-1 1L1 -1M0 5L5 0M4 6L6 4" stroke="{look.hatch}" stroke-width="1"/>'
                "</pattern>"
            )
    return f"<defs>{''.join(tiles)}</defs>"


def _paint(key: str, status: str) -> str:
    look = STATUS_LOOK[status]
    return f"url(#{key}-{status})" if look.hatch else look.fill


def _tag(x: float, y: float, text: str, look: Look) -> str:
    """A share written on a segment; on hatching, over a small plain box to stay legible."""
    box = ""
    if look.hatch:
        w = 4.6 * len(text) + 3
        box = (
            f'<rect x="{x - w / 2:.1f}" y="{y - 7.2:.1f}" width="{w:.1f}" height="9" '
            f'fill="{look.fill}"/>'
        )
    return box + _text(x, y, text, anchor="middle", size=7, colour=look.text, bold=True)


def _swatch(x: float, y: float, key: str, status: str) -> str:
    return (
        f'<rect x="{x:.0f}" y="{y:.1f}" width="8" height="8" fill="{_paint(key, status)}" '
        'stroke="#333" stroke-width="0.4"/>'
    )


def _legend(x: float, y: float, labels: dict, key: str) -> str:
    parts = []
    for status in STATUS_LOOK:
        label = labels.get(status, status)
        parts.append(_swatch(x, y - 7, key, status) + _text(x + 11, y, label, size=7.5))
        x += 16 + 4.4 * len(label) + 10
    return "".join(parts)


def _axes(left, top, plot_w, plot_h, peak) -> str:
    return (
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#555" '
        f'stroke-width="0.5"/><line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}" stroke="#555" stroke-width="0.5"/>'
        f'<line x1="{left - 2}" y1="{top}" x2="{left + plot_w}" y2="{top}" stroke="#ccc" '
        f'stroke-width="0.4"/>'
        + _text(left - 4, top + 3, peak, anchor="end", size=7)
        + _text(left - 4, top + plot_h, "0", anchor="end", size=7)
    )


def _text(x, y, text, anchor="start", size=8.0, colour="#1b1b1b", bold=False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{colour}"{weight}>{escape(str(text))}</text>'
    )


def _svg(width: int, height: int, title: str, body: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT}"><title>{escape(title)}</title>{body}</svg>'
    )
