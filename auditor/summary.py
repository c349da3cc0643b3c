"""Everything the report says, as plain data: the JSON summary (schema auditor.report/1).

The renderer only formats what is here; every number in the PDF comes from this module.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from . import __version__
from .arrays import smallest
from .dataset import POST_KINDS, Dataset, InventoryRow, Note
from .exposure import PURPOSES, STATUSES, Exposure
from .region import Region, ip_data_note, ip_lookup_version
from .sensitive import DETECTORS, LABELS, Sensitive, mask_text
from .settings import Settings

SCHEMA = "auditor.report/1"
REPORT_ORDER = ("exposed", "withdrawn", "uncertain", "not_exposed")
SAMPLE_LIMIT = 12
EXCERPT_CHARS = 140


@dataclass
class Inputs:
    """The results of the earlier stages a summary is made from."""

    data: Dataset
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


def build_summary(inputs: Inputs) -> dict:
    data, exposure = inputs.data, inputs.exposure
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
        "settings": _settings(inputs.settings),
        "counts": _counts(data),
        "exposure": {p: _exposure_counts(exposure, p) for p in PURPOSES},
        "totals": {p: exposure.totals(p) for p in PURPOSES},
        "verdict": {p: verdict(exposure.totals(p), _main_uncertain(exposure, p)) for p in PURPOSES},
        "what_if": inputs.what_if,
        "first_exposed": {p: _first_dates(exposure, p) for p in PURPOSES},
        "timeline": {p: _timeline(exposure, p) for p in PURPOSES},
        "timeline_markers": _markers(exposure, inputs.settings),
        "timeline_suspect": _suspect_dates(exposure),
        "scope_timeline": {p: _scope_timeline(exposure, p) for p in PURPOSES},
        "rules_applied": _rules_applied(exposure),
        "context_rules": [_rule_row(rule, 0, 0) for rule in exposure.rules if not rule.decides],
        "samples": {p: _samples(exposure, data, p) for p in PURPOSES},
        "sensitive": _sensitive(inputs.sensitive, data),
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


def _settings(settings: Settings) -> dict:
    def opt_out(choice):
        return iso(choice.when) if choice.state == "date" else None

    return {
        "x_training_opt_out": opt_out(settings.x_training),
        "third_party_training_opt_out": opt_out(settings.third_party_training),
        "x_training_opt_out_state": settings.x_training.state,
        "third_party_training_opt_out_state": settings.third_party_training.state,
        "protected_periods": [[iso(a), iso(b)] for a, b in settings.protected_periods],
        "birth_date": settings.birth_date.isoformat() if settings.birth_date else None,
        "assumed": settings.assumed,
    }


def _counts(data: Dataset) -> dict:
    kinds = data.posts["kind"].value_counts()
    return {
        "posts": {kind: int(kinds.get(kind, 0)) for kind in POST_KINDS},
        "deleted_posts": len(data.deleted_posts),
        "likes": len(data.likes),
        "dm_conversations": int(data.dms["conversation_id"].nunique()),
        "dm_messages": int((~data.dms["group"]).sum()),
        "group_dm_messages": int(data.dms["group"].sum()),
        "grok_messages": len(data.grok),
        "media_files": data.media_files,
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


# X opened on 21 March 2006: an earlier date in an archive is a broken record, not a post.
EARLIEST_PLAUSIBLE = np.datetime64("2006-03-21", "s")
MAX_MONTH_ROWS = 240  # longer spans are counted per year: one stray date must not add rows
SUSPECT_LISTED = 10


def _timeline(exposure: Exposure, purpose: str) -> list[dict]:
    """Posts (live and deleted) per month of creation (per year over 20 years), by status.
    Likes have no date; dates before X existed are left out (see `_suspect_dates`)."""
    items = exposure.items
    created = items["created"].to_numpy().astype("datetime64[s]")
    posts = items["category"].isin((*POST_KINDS, "deleted")).to_numpy()
    posts = posts & (created >= EARLIEST_PLAUSIBLE)
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


def _suspect_dates(exposure: Exposure) -> dict:
    """Posts dated before X existed: counted and listed, never plotted."""
    items = exposure.items
    created = items["created"].to_numpy().astype("datetime64[s]")
    posts = items["category"].isin((*POST_KINDS, "deleted")).to_numpy()
    odd = np.sort(created[posts & (created < EARLIEST_PLAUSIBLE)])
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


def _markers(exposure: Exposure, settings: Settings) -> list[dict]:
    """Dates worth drawing on the timeline: when deciding rules began, and the opt-outs."""
    decided = {p: exposure.items[f"{p}_rule"].value_counts() for p in PURPOSES}
    starts = {}
    for rule in exposure.rules:
        if decided[rule.purpose].get(rule.id, 0):
            starts.setdefault(rule.start.date(), rule.policy_title)
    marks = [
        {"date": day.isoformat(), "label": title, "kind": "policy", "key": "policy"}
        for day, title in sorted(starts.items())
    ]
    for key, label in (
        ("x_training", "you opted out (X/xAI)"),
        ("third_party_training", "you opted out (third parties)"),
    ):
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
    for purpose in PURPOSES:
        decided = exposure.items[f"{purpose}_rule"].value_counts()
        for rule in exposure.rules:
            matched = exposure.matched.get(rule.id, 0)
            if rule.purpose == purpose and (decided.get(rule.id, 0) or matched):
                rows.append(_rule_row(rule, int(decided.get(rule.id, 0)), matched))
        for special in ("region-unknown",):
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
                        "explanation": "Your region is not known and the answer differs "
                        "between regions.",
                        "reason": "",
                        "sources": [],
                    }
                )
    return rows


def _samples(exposure: Exposure, data: Dataset, purpose: str) -> list[dict]:
    """The earliest exposed posts: the ones worth reviewing first. Own text only."""
    items = exposure.items
    mask = (items[f"{purpose}_status"] == "exposed") & items["category"].isin(POST_KINDS)
    where = np.flatnonzero(mask.to_numpy())
    first = items[f"{purpose}_first"].to_numpy(dtype="datetime64[s]").astype(np.int64)[where]
    created = items["created"].to_numpy()[where]
    ids = items["id"].to_numpy()[where]
    chosen = where[smallest(SAMPLE_LIMIT, first, created, ids)]
    posts = data.posts
    found = posts.index[posts["id"].isin(items["id"].to_numpy()[chosen])]
    texts = dict(zip(posts["id"].to_numpy()[found], posts["text"].iloc[found], strict=True))
    username = data.account.username or "i"
    rows = []
    for index in chosen:
        row = items.iloc[index]
        text = mask_text(html.unescape(str(texts.get(row["id"], "") or "")))
        rows.append(
            {
                "id": str(row["id"]),
                "kind": str(row["category"]),
                "created": iso(pd.Timestamp(row["created"], unit="s")),
                "url": f"https://x.com/{username}/status/{row['id']}",
                "excerpt": text[:EXCERPT_CHARS] + ("…" if len(text) > EXCERPT_CHARS else ""),
                "rule": str(row[f"{purpose}_rule"]),
            }
        )
    return rows


def _sensitive(found: Sensitive | None, data: Dataset) -> dict:
    """Counts per detector and purpose, and a few example posts: never what was matched."""
    if found is None:
        return {}
    username = data.account.username or "i"
    detectors = {}
    for name in DETECTORS:
        examples = []
        for row in found.examples[name]:
            post = found.flags.iloc[row]
            examples.append(
                {
                    "id": str(post["id"]),
                    "kind": str(post["category"]),
                    "created": iso(pd.Timestamp(post["created"], unit="s")),
                    "url": f"https://x.com/{username}/status/{post['id']}",
                }
            )
        detectors[name] = {"label": LABELS[name], **found.counts[name], "examples": examples}
    return {"posts_checked": len(found.flags), "detectors": detectors}
