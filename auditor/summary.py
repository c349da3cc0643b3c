"""Everything the report says, as plain data: the JSON summary (schema auditor.report/2).

The renderer only formats what is here; every number in the PDF comes from this module.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

import msgspec
import numpy as np
import pandas as pd

from . import __version__
from .arrays import id_order, smallest
from .dataset import InventoryRow, Note
from .exposure import STATUSES, Exposure
from .exposure.engine import DELETION_UNKNOWN, REGION_UNKNOWN
from .exposure.rules import REPORT_ORDER
from .platforms import Vocabulary
from .platforms.neutral import PlatformData
from .region import Region, ip_data_note, ip_lookup_version
from .report_types import SCHEMA, Summary, typed
from .sensitive import DETECTORS, LABELS, Sensitive, mask_text
from .settings import Settings

SAMPLE_LIMIT = 12
EXCERPT_CHARS = 140


@dataclass
class Inputs:
    """The results of the earlier stages a summary is made from."""

    data: PlatformData
    region: Region
    settings: Settings
    exposure: Exposure
    as_of: datetime
    checksum: str | None = None
    source_name: str = ""
    comparison: dict = field(default_factory=dict)  # bloc → purpose → status totals
    what_if: dict = field(default_factory=dict)  # scenario → purpose → status totals
    sensitive: Sensitive | None = None
    timings: dict = field(default_factory=dict)  # seconds per stage (not part of the report)
    vocabulary: Vocabulary | None = None  # the platform's (None: the one data.platform names)

    def __post_init__(self) -> None:
        if self.vocabulary is None:
            from .platforms import get_platform

            self.vocabulary = get_platform(self.data.platform).vocabulary


def build_summary(inputs: Inputs) -> dict:
    """The summary as plain data (what the JSON holds), checked against its types
    (report_types.Summary): a field the types do not know, or of another type, is a bug."""
    return msgspec.to_builtins(summary_struct(inputs), enc_hook=_plain)


def _plain(value):
    """Notes are str subclasses (translatable templates): in the JSON they are their text."""
    if isinstance(value, str):
        return str(value)
    raise TypeError(f"{type(value).__name__} in the summary")


def summary_struct(inputs: Inputs) -> Summary:
    return typed(_summary(inputs))


def _summary(inputs: Inputs) -> dict:
    data, exposure, vocabulary = inputs.data, inputs.exposure, inputs.vocabulary
    purposes = vocabulary.purpose_ids
    return {
        "schema": SCHEMA,
        "tool": {"name": "auditor", "version": __version__},
        "archive": {
            "platform": data.platform,
            "layout": data.layout,
            "generated_at": iso(data.generated_at),
            "generated_from": data.generated_from,
            "account_id": data.account.account_id,
            "username": data.account.username,
            "partial": data.partial,
            "partial_reasons": [str(reason) for reason in data.partial_reasons],
            "partial_notes": [_note(reason) for reason in data.partial_reasons],
            "sha256": inputs.checksum,
            "file": inputs.source_name,
        },
        "as_of": iso(inputs.as_of),
        "region": {
            **_region(inputs.region),
            "comparison": inputs.comparison,
            "ip_data": ip_data_note(),
            "ip_lookup_version": ip_lookup_version(),
        },
        "settings": _settings(inputs.settings, vocabulary),
        "counts": _counts(data, exposure),
        "exposure": {p: _exposure_counts(exposure, p) for p in purposes},
        "totals": {p: exposure.totals(p) for p in purposes},
        "verdict": {p: verdict(exposure.totals(p), _main_uncertain(exposure, p)) for p in purposes},
        "what_if": inputs.what_if,
        "first_exposed": {p: _first_dates(exposure, p) for p in purposes},
        "timeline": {p: _timeline(exposure, p, vocabulary) for p in purposes},
        "timeline_markers": _markers(exposure, inputs.settings, vocabulary),
        "timeline_suspect": _suspect_dates(exposure, vocabulary),
        "scope_timeline": {p: _scope_timeline(exposure, p) for p in purposes},
        "rules_applied": _rules_applied(exposure),
        "context_rules": [_rule_row(rule, 0, 0) for rule in exposure.rules if not rule.decides],
        "samples": {p: _samples(exposure, data, p, vocabulary) for p in purposes},
        "sensitive": _sensitive(inputs.sensitive, data, vocabulary),
        "inventory": [_inventory_row(row) for row in data.inventory],
    }


def _inventory_row(row: InventoryRow) -> dict:
    """`note` in English; `notes` as templates and values, for reports in other languages."""
    return {**row.__dict__, "notes": [_note(note) for note in row.notes]}


def _note(note: str) -> dict:
    note = Note.of(note)
    return {"template": note.template, "params": dict(note.params)}


def to_json(summary: dict) -> str:
    return json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def iso(moment) -> str | None:
    if moment is None or (not isinstance(moment, datetime) and pd.isna(moment)):
        return None
    stamp = pd.Timestamp(moment)
    stamp = stamp.tz_localize(UTC) if stamp.tzinfo is None else stamp.tz_convert(UTC)
    # Not strftime: C's %Y writes the year 1 as "1", which no ISO reader accepts.
    return f"{stamp.year:04d}-{stamp.month:02d}-{stamp.day:02d}T{stamp:%H:%M:%S}Z"


def _region(region: Region) -> dict:
    return {
        "country": region.country,
        "bloc": region.bloc,
        "confidence": region.confidence,
        "source": region.source,
        "uncertain": region.uncertain,
        "candidates": list(region.candidates),
        "evidence": [
            {"signal": e.signal, "value": e.value, "country": e.country, "weight": e.weight}
            for e in region.evidence
        ],
    }


def _settings(settings: Settings, vocabulary: Vocabulary) -> dict:
    def opt_out(setting_id: str) -> dict:
        choice = settings.opt_out(setting_id)
        return {"state": choice.state, "date": iso(choice.when) if choice.state == "date" else None}

    return {
        "opt_outs": {s.id: opt_out(s.id) for s in vocabulary.settings},
        "protected_periods": [[iso(a), iso(b)] for a, b in settings.protected_periods],
        "birth_date": settings.birth_date.isoformat() if settings.birth_date else None,
        "assumed": settings.assumed(vocabulary),
    }


def _counts(data: PlatformData, exposure: Exposure) -> dict:
    """Items per report category (every category, 0 included), media files, and the numbers
    the platform adds (X: DM conversations, group DM messages)."""
    categories = exposure.items["category"]
    tally = np.bincount(categories.cat.codes.to_numpy(), minlength=len(categories.cat.categories))
    return {
        "items": {str(c): int(n) for c, n in zip(categories.cat.categories, tally, strict=True)},
        "media_files": data.media_files,
        "deletion_time_unknown": int(exposure.items["removal_unknown"].sum()),
        "platform": dict(data.extra_counts),
    }


def _exposure_counts(exposure: Exposure, purpose: str) -> dict:
    table = exposure.counts(purpose)
    return {
        str(category): {status: int(table.loc[category, status]) for status in REPORT_ORDER}
        for category in table.index
    }


def _first_dates(exposure: Exposure, purpose: str) -> dict:
    items = exposure.items
    exposed = items[items[f"{purpose}_status"] == "exposed"]
    firsts = exposed.groupby("category", observed=True)[f"{purpose}_first"].min()
    return {str(category): iso(value) for category, value in firsts.items()}


MAX_MONTH_ROWS = 240  # longer spans are counted per year: one stray date must not add rows
SUSPECT_LISTED = 10


def _earliest(vocabulary: Vocabulary) -> np.datetime64:
    """An earlier date than the platform's opening in an export is a broken record."""
    day = vocabulary.earliest
    return np.datetime64(day.isoformat() if day else "1990-01-01", "s")


def _dated_public(items: pd.DataFrame, vocabulary: Vocabulary) -> np.ndarray:
    shown = [c.id for c in vocabulary.report_categories if not c.private and c.dated]
    return items["category"].isin(shown).to_numpy()


def _timeline(exposure: Exposure, purpose: str, vocabulary: Vocabulary) -> list[dict]:
    """Public items (live and deleted) per month of creation (per year over 20 years), by
    status. Undated categories (X likes) are left out, and so are dates before the platform
    existed (see `_suspect_dates`)."""
    items = exposure.items
    created = items["created"].to_numpy().astype("datetime64[s]")
    posts = _dated_public(items, vocabulary) & (created >= _earliest(vocabulary))
    if not posts.any():
        return []
    months = created[posts].astype("datetime64[M]").astype(np.int64)
    unit = "M"
    if months.max() - months.min() >= MAX_MONTH_ROWS:
        months, unit = created[posts].astype("datetime64[Y]").astype(np.int64), "Y"
    status = items[f"{purpose}_status"].cat.codes.to_numpy()[posts].astype(np.int64)
    return _count_rows(months, status, unit, STATUSES)


def _count_rows(periods: np.ndarray, status: np.ndarray, unit: str, names) -> list[dict]:
    """One row per period from the first to the last, with a count per status."""
    first, width = int(periods.min()), len(names)
    cells = np.bincount(
        (periods - first) * width + status, minlength=(int(periods.max()) - first + 1) * width
    ).reshape(-1, width)
    return [
        {
            "period": str(np.datetime64(first + row, unit)),
            **{s: int(cells[row, i]) for i, s in enumerate(names)},
        }
        for row in range(len(cells))
    ]


def _suspect_dates(exposure: Exposure, vocabulary: Vocabulary) -> dict:
    """Public items dated before the platform existed: counted and listed, never plotted."""
    items = exposure.items
    created = items["created"].to_numpy().astype("datetime64[s]")
    posts = _dated_public(items, vocabulary)
    odd = np.sort(created[posts & (created < _earliest(vocabulary))])
    return {
        "count": len(odd),
        "dates": [iso(pd.Timestamp(moment)) for moment in odd[:SUSPECT_LISTED]],
    }


def _scope_timeline(exposure: Exposure, purpose: str) -> list[dict]:
    """Items (likes included) per month in which they came into scope, by status: the month
    the deciding rule first applied to them. Not-exposed items never came into scope."""
    items = exposure.items
    first = items[f"{purpose}_first"].to_numpy().astype("datetime64[s]")
    codes = items[f"{purpose}_status"].cat.codes.to_numpy().astype(np.int64)
    order = list(STATUSES)
    in_scope = ~np.isnat(first) & (codes != order.index("not_exposed"))
    if not in_scope.any():
        return []
    months = first[in_scope].astype("datetime64[M]").astype(np.int64)
    return _count_rows(months, codes[in_scope], "M", STATUSES)


def _markers(exposure: Exposure, settings: Settings, vocabulary: Vocabulary) -> list[dict]:
    """Dates worth drawing on the timeline: when deciding rules began, and the opt-outs."""
    from .platforms import say

    decided = {p: exposure.items[f"{p}_rule"].value_counts() for p in exposure.purposes}
    starts = {}
    for rule in exposure.rules:
        if decided[rule.purpose].get(rule.id, 0):
            starts.setdefault(rule.start.date(), rule.policy_title)
    marks = [
        {"date": day.isoformat(), "label": title, "kind": "policy", "key": "policy"}
        for day, title in sorted(starts.items())
    ]
    for setting in vocabulary.settings:
        key, label = setting.id, say(setting.marker, "en", str)
        choice = settings.opt_out(key)
        if choice.state == "date":
            marks.append(
                {
                    "date": choice.when.date().isoformat(),
                    "label": label,
                    "kind": "opt_out",
                    "key": key,
                }
            )
    return marks


def verdict(totals: dict[str, int], reason: str | None = None) -> dict:
    """One word per purpose, and the range of items that may be used: never a bare 0 when
    items are uncertain. `low` counts exposed items, `high` adds the uncertain ones."""
    exposed, uncertain = totals.get("exposed", 0), totals.get("uncertain", 0)
    withdrawn = totals.get("withdrawn", 0)
    if exposed and uncertain:
        word = "mixed"
    elif uncertain:
        word = "uncertain"
    elif exposed:
        word = "exposed"
    else:
        word = "withdrawn" if withdrawn else "not_exposed"
    return {
        "verdict": word,
        "low": exposed,
        "high": exposed + uncertain,
        "uncertain": uncertain,
        "uncertain_rule": reason if uncertain else None,
    }


def _main_uncertain(exposure: Exposure, purpose: str) -> str | None:
    """The rule behind most uncertain items: the one line that says why."""
    column = exposure.items[f"{purpose}_rule"][exposure.items[f"{purpose}_status"] == "uncertain"]
    counts = column.value_counts()
    return str(counts.index[0]) if len(counts) and counts.iloc[0] else None


def _rule_row(rule, items: int, matched: int) -> dict:
    return {
        "rule": rule.id,
        "purpose": rule.purpose,
        "status": rule.status,
        "kind": rule.kind,
        "items": items,
        "matched": matched,
        "policy": rule.policy_title,
        "start": iso(rule.start),
        "end": iso(rule.end),
        "regions": list(rule.regions),
        "strength": rule.strength,
        "explanation": rule.explanation,
        "reason": rule.reason,
        "sources": [
            {
                "url": s.url,
                "clause": s.clause,
                "strength": s.strength,
                "retrieved": s.retrieved.isoformat(),
                "archived": s.archived,
            }
            for s in rule.sources
        ],
    }


def _rules_applied(exposure: Exposure) -> list[dict]:
    """Each rule that decided or matched an item, with how many, for the method section: a
    rule outranked by a stronger one (the EU undertaking under the terms) is still shown."""
    rows = []
    for purpose in exposure.purposes:
        decided = exposure.items[f"{purpose}_rule"].value_counts()
        for rule in exposure.rules:
            matched = exposure.matched.get(rule.id, 0)
            if rule.purpose == purpose and (decided.get(rule.id, 0) or matched):
                rows.append(_rule_row(rule, int(decided.get(rule.id, 0)), matched))
        for special, explanation in SPECIAL_RULES.items():
            if decided.get(special, 0):
                rows.append(
                    {
                        "rule": special,
                        "purpose": purpose,
                        "status": "uncertain",
                        "kind": "decides",
                        "items": int(decided[special]),
                        "matched": int(decided[special]),
                        "policy": "",
                        "start": None,
                        "end": None,
                        "regions": [],
                        "strength": "",
                        "explanation": explanation,
                        "reason": "",
                        "sources": [],
                    }
                )
    return rows


SPECIAL_RULES = {
    REGION_UNKNOWN: "Your region is not known and the answer differs between regions.",
    DELETION_UNKNOWN: "The export shows that the item was deleted or removed but not when; "
    "the answer depends on whether that was before or after the terms took effect.",
}


def item_url(vocabulary: Vocabulary, category: str, item_id: str, url, username: str) -> str:
    """The item's own link, else its category's URL template (X: built from the id)."""
    if isinstance(url, str) and url:
        return url
    try:
        template = vocabulary.report_category(category).url_template
    except KeyError:
        return ""
    return template.format(id=item_id, username=username) if template else ""


def _samples(exposure: Exposure, data: PlatformData, purpose: str, vocabulary) -> list[dict]:
    """The earliest exposed public items: the ones worth reviewing first. Own text only."""
    items = exposure.items
    public = [c.id for c in vocabulary.categories if not c.private]
    mask = (items[f"{purpose}_status"] == "exposed") & items["category"].isin(public)
    if "removal_unknown" in items:
        mask &= ~items["removal_unknown"]
    where = np.flatnonzero(mask.to_numpy())
    first = items[f"{purpose}_first"].to_numpy(dtype="datetime64[s]").astype(np.int64)[where]
    created = items["created"].to_numpy()[where]
    chosen = where[smallest(SAMPLE_LIMIT, first, created, id_order(items["id"].iloc[where]))]
    texts, urls = data.items["text"], data.items["url"]
    username = data.account.username or "i"
    rows = []
    for index in chosen:
        row = items.iloc[index]
        text = texts.iloc[index]
        text = mask_text(html.unescape(str(text if not pd.isna(text) else "")))
        rows.append(
            {
                "id": str(row["id"]),
                "kind": str(row["category"]),
                "created": iso(pd.Timestamp(row["created"], unit="s")),
                "url": item_url(
                    vocabulary, str(row["category"]), str(row["id"]), urls.iloc[index], username
                ),
                "excerpt": text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else ""),
                "rule": str(row[f"{purpose}_rule"]),
            }
        )
    return rows


def _sensitive(found: Sensitive | None, data: PlatformData, vocabulary) -> dict:
    """Counts per detector and purpose, and a few example posts: never what was matched."""
    if found is None:
        return {}
    username = data.account.username or "i"
    urls = data.items["url"]
    detectors = {}
    for name in DETECTORS:
        examples = []
        for row in found.examples[name]:
            post = found.flags.iloc[row]
            category = str(post["category"])
            examples.append(
                {
                    "id": str(post["id"]),
                    "kind": category,
                    "created": iso(pd.Timestamp(post["created"], unit="s")),
                    "url": item_url(
                        vocabulary, category, str(post["id"]), urls.iloc[post["row"]], username
                    ),
                }
            )
        counts = found.counts[name]
        detectors[name] = {
            "label": LABELS[name],
            "posts": counts["posts"],
            "by_purpose": {k: v for k, v in counts.items() if k != "posts"},
            "examples": examples,
        }
    return {"posts_checked": len(found.flags), "detectors": detectors}
