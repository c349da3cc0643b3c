"""Small hand-written SVG charts: vector, no fetch, deterministic, readable in greyscale.

Only numbers and fixed labels go in; nothing from the archive.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

# Fill per status, chosen so the four stay apart in greyscale print (luma ~50, 109, 180, 238).
STATUS_STYLE = {
    "exposed": ("#8b1a12", "Exposed"),
    "withdrawn": ("#7d5ba6", "Withdrawn"),
    "uncertain": ("#e8b830", "Uncertain"),
    "not_exposed": ("#eeeeee", "Not exposed"),
}


def timeline(
    rows: list[dict],
    markers: list[dict],
    title: str,
    legend: dict | None = None,
    width: int = 520,
    height: int = 190,
) -> Markup:
    """Stacked bars per month, one colour per status; policy dates (solid) and opt-outs
    (dashed) as numbered lines, explained in a key beside the chart."""
    if not rows:
        return Markup("")
    left, top, plot_h = 44, 18, height - 58
    plot_w = width - left - 8
    peak = max(sum(row[s] for s in STATUS_STYLE) for row in rows) or 1
    bar = plot_w / len(rows)
    first = _month_number(rows[0]["period"])
    parts = [_axis(left, top, plot_h, plot_w, peak)]
    # One path per status rather than one rect per bar: the same picture, and WeasyPrint
    # draws a 20-year timeline 5x faster.
    shapes: dict[str, list[str]] = {status: [] for status in STATUS_STYLE}
    width_of_bar = max(bar - 0.3, 0.3)
    for index, row in enumerate(rows):
        x, y = left + index * bar, top + plot_h
        for status in STATUS_STYLE:
            h = plot_h * row[status] / peak
            if h > 0:
                y -= h
                shapes[status].append(
                    f"M{x:.2f} {y:.2f}h{width_of_bar:.2f}v{h:.2f}h{-width_of_bar:.2f}z"
                )
    for status, (colour, _) in STATUS_STYLE.items():
        if shapes[status]:
            parts.append(f'<path d="{"".join(shapes[status])}" fill="{colour}"/>')
    for index, row in enumerate(rows):
        x = left + index * bar
        if row["period"].endswith("-01"):
            parts.append(
                f'<text x="{x:.1f}" y="{top + plot_h + 10}" font-size="6.5">'
                f"{escape(row['period'][:4])}</text>"
            )
    for number, mark in enumerate(markers, start=1):
        months = _month_number(mark["date"][:7]) - first + (int(mark["date"][8:10]) - 1) / 31
        if 0 <= months <= len(rows):
            x = left + months * bar
            dash = "2,2" if mark["kind"] == "opt_out" else "none"
            label_y = top - 4 + 7 * ((number - 1) % 2)  # alternate heights: close dates
            parts.append(
                f'<line x1="{x:.1f}" y1="{label_y + 1}" x2="{x:.1f}" '
                f'y2="{top + plot_h}" stroke="#000" stroke-width="0.6" '
                f'stroke-dasharray="{dash}"/><text x="{x + 1.2:.1f}" y="{label_y}" '
                f'font-size="6.5" font-weight="bold">{number}</text>'
            )
    parts.append(_legend(left, height - 6, legend))
    return _svg(width, height, title, "".join(parts))


def _month_number(period: str) -> int:
    year, month = period[:7].split("-")
    return int(year) * 12 + int(month) - 1


def breakdown(
    rows: list[tuple[str, dict]], title: str, legend: dict | None = None, width: int = 520
) -> Markup:
    """One horizontal 100 % bar per category."""
    if not rows:
        return Markup("")
    label_w, row_h = 160, 18
    height = len(rows) * row_h + 30
    plot_w = width - label_w - 10
    parts = []
    for index, (label, counts) in enumerate(rows):
        total = sum(counts.values()) or 1
        x, y = label_w, 6 + index * row_h
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 10}" font-size="8" '
            f'text-anchor="end">{escape(label)}</text>'
        )
        for status, (colour, _) in STATUS_STYLE.items():
            w = plot_w * counts.get(status, 0) / total
            if w > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="12" '
                    f'fill="{colour}" stroke="#333" stroke-width="0.3"/>'
                )
                x += w
    parts.append(_legend(label_w, height - 6, legend))
    return _svg(width, height, title, "".join(parts))


def _axis(left, top, plot_h, plot_w, peak) -> str:
    return (
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#555" '
        f'stroke-width="0.5"/><line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" '
        f'y2="{top + plot_h}" stroke="#555" stroke-width="0.5"/>'
        f'<text x="{left - 4}" y="{top + 6}" font-size="7" text-anchor="end">{peak:,}</text>'
        f'<text x="{left - 4}" y="{top + plot_h}" font-size="7" text-anchor="end">0</text>'
    )


def _legend(x: float, y: float, labels: dict | None = None) -> str:
    parts = []
    for status, (colour, default) in STATUS_STYLE.items():
        label = escape((labels or {}).get(status, default))
        parts.append(
            f'<rect x="{x:.0f}" y="{y - 7}" width="8" height="8" fill="{colour}" '
            f'stroke="#333" stroke-width="0.3"/><text x="{x + 11:.0f}" y="{y}" '
            f'font-size="7.5">{label}</text>'
        )
        x += 90
    return "".join(parts)


def _svg(width: int, height: int, title: str, body: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="Report Sans"><title>{escape(title)}</title>{body}</svg>'
    )
