"""The batch report's numbers and charts: distributions across archives, failures, rules.

Only counts, categories, exit codes and the archives' file names go in; never what an
archive holds (no usernames, ids or text), whatever --with-ids says.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import mean, median

from markupsafe import Markup

from . import __version__
from .batch import Row

BINS = 10
BAR = "#8b1a12"


@dataclass(frozen=True)
class Group:
    platform: str
    bloc: str
    archives: int
    mean: float
    median: float
    low: float
    high: float


def shares(rows: list[Row], purpose: str) -> list[tuple[Row, float]]:
    """Per audited archive with items: the share of its items exposed for `purpose`."""
    found = []
    for row in rows:
        total = sum(v for k, v in row.metrics.items() if k.startswith(f"{purpose}__all__"))
        if row.exit_code in (0, 7) and total:
            found.append((row, row.metrics.get(f"{purpose}__all__exposed", 0) / total))
    return found


def groups(pairs: list[tuple[Row, float]]) -> list[Group]:
    by_group: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row, share in pairs:
        by_group[(row.platform, row.region_bloc)].append(share)
    return [
        Group(platform, bloc, len(values), mean(values), median(values), min(values), max(values))
        for (platform, bloc), values in sorted(by_group.items())
    ]


def histogram(values: list[float], width: int = 480, height: int = 130) -> Markup:
    """Archives per tenth of items exposed (0-10 %, ..., 90-100 %)."""
    counts = [0] * BINS
    for value in values:
        counts[min(int(value * BINS), BINS - 1)] += 1
    peak = max(counts) or 1
    left, top, plot_h = 30, 8, height - 30
    bar = (width - left - 4) / BINS
    parts = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}" '
        'stroke="#555" stroke-width="0.6"/>',
        f'<text x="{left - 4}" y="{top + 6}" font-size="7" text-anchor="end">{peak}</text>',
    ]
    for index, count in enumerate(counts):
        x = left + index * bar
        h = plot_h * count / peak
        if count:
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{top + plot_h - h:.1f}" width="{bar - 2:.1f}" '
                f'height="{h:.1f}" fill="{BAR}"/>'
                f'<text x="{x + bar / 2:.1f}" y="{top + plot_h - h - 2:.1f}" font-size="6.5" '
                f'text-anchor="middle">{count}</text>'
            )
        parts.append(
            f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 10}" font-size="6.5" '
            f'text-anchor="middle">{index * 10}–{index * 10 + 10}%</text>'
        )
    return _svg(width, height, "Archives by share of items exposed", parts)


def group_bars(found: list[Group], width: int = 480) -> Markup:
    """Mean share exposed per platform and region bloc, with the range as a thin line."""
    row_h, left = 16, 150
    height = row_h * len(found) + 10
    plot_w = width - left - 40
    parts = []
    for index, group in enumerate(found):
        y = 4 + index * row_h
        parts.append(
            f'<text x="{left - 4}" y="{y + 10}" font-size="7.5" text-anchor="end">'
            f"{_text(group.platform)} · {_text(group.bloc)}</text>"
            f'<line x1="{left + plot_w * group.low:.1f}" y1="{y + 7}" '
            f'x2="{left + plot_w * group.high:.1f}" y2="{y + 7}" stroke="#555" '
            'stroke-width="0.8"/>'
            f'<rect x="{left}" y="{y + 3}" width="{max(plot_w * group.mean, 0.5):.1f}" '
            f'height="8" fill="{BAR}"/>'
            f'<text x="{left + plot_w + 4}" y="{y + 10}" font-size="7.5">'
            f"{group.mean:.0%}</text>"
        )
    return _svg(width, height, "Mean share of items exposed by platform and region bloc", parts)


def _svg(width: int, height: int, title: str, parts: list[str]) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img"><title>{_text(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )


def _text(value: str) -> str:
    return str(Markup.escape(value))


def rule_versions(rows: list[Row]) -> list[dict]:
    archives: dict[tuple, int] = defaultdict(int)
    for row in rows:
        for use in set(row.rules):
            archives[(use.rule, use.purpose, use.start or "", use.end or "")] += 1
    return [
        {"rule": r, "purpose": p, "start": s[:10], "end": e[:10], "archives": n}
        for (r, p, s, e), n in sorted(archives.items())
    ]


def _purposes(rows: list[Row]) -> list[str]:
    """The purposes the archives' platforms name, in the order first seen (platforms differ)."""
    return list(
        dict.fromkeys(
            key.split("__all__")[0] for row in rows for key in row.metrics if "__all__" in key
        )
    )


def purpose_label(purpose: str) -> str:
    """The purpose as the platforms' own reports name it (English: the batch report is)."""
    from .platforms import platforms, say

    for platform in platforms():
        for known in platform.vocabulary.purposes:
            if known.id == purpose:
                return say(known.label, "en")
    return purpose


def batch_view(rows: list[Row]) -> dict:
    rows = sorted(rows, key=lambda row: row.archive)
    purposes = []
    for purpose in _purposes(rows):
        pairs = shares(rows, purpose)
        found = groups(pairs)
        purposes.append(
            {
                "name": purpose,
                "label": purpose_label(purpose),
                "archives": len(pairs),
                "histogram": histogram([share for _, share in pairs]) if pairs else "",
                "bars": group_bars(found) if found else "",
                "groups": found,
            }
        )
    failed = [row for row in rows if row.exit_code not in (0, 7)]
    return {
        "version": __version__,
        "archives": len(rows),
        "complete": sum(row.exit_code == 0 for row in rows),
        "partial": sum(row.exit_code == 7 for row in rows),
        "failed": failed,
        "items": sum(row.items for row in rows),
        "purposes": purposes,
        "rules": rule_versions(rows),
    }


def batch_html(rows: list[Row]) -> str:
    from .render import environment

    return environment("en").get_template("batch.html.j2").render(**batch_view(rows))
