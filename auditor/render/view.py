"""Everything the template shows, as plain values: labels, sentences and the numbers from the
summary. No number is computed here that the summary does not already hold."""

from __future__ import annotations

from ..exposure import rule_by_id
from . import charts

STATUSES = ("exposed", "withdrawn", "uncertain", "not_exposed")
CATEGORY_LABELS = {
    "original": "Original posts",
    "reply": "Replies",
    "repost": "Reposts",
    "quote": "Quote posts",
    "deleted": "Recently deleted posts",
    "like": "Likes",
    "dm": "Direct messages",
    "grok_chat": "Grok conversation turns",
}
PURPOSE_TEXT = {
    "x_training": (
        "X and xAI (Grok) training",
        "X and its affiliate xAI may use it to train AI models such as Grok.",
    ),
    "third_party_training": (
        "Third-party AI training",
        "X may share it with 'third-party collaborators' who may train their own AI models on it.",
    ),
}
REGION_TEXT = {
    "EU_EEA": "You are treated as living in the EU/EEA. X undertook before the Irish High Court "
    "to delete the EU/EEA public posts it used for Grok between 7 May and 1 August "
    "2024 (withdrawn); since 24 April 2025 xAI's policy for Europe lists adults' "
    "public posts as training data. Press reports, not the policy, say EU users' data "
    "is not shared with third parties, so that part is uncertain.",
    "UK": "You are treated as living in the UK. The 2024 EU undertaking does not cover the UK, "
    "so X's global terms apply from 29 September 2023; since 24 April 2025 xAI's policy "
    "for Europe also covers UK adults' public posts.",
    "CH": "You are treated as living in Switzerland. The 2024 EU undertaking does not cover "
    "Switzerland, so X's global terms apply from 29 September 2023; since 24 April 2025 "
    "xAI's policy for Europe also covers Swiss adults' public posts.",
    "ROW": "You are treated under X's global terms: public posts are in scope for X and xAI "
    "from 29 September 2023, and for third-party collaborators from 15 November 2024, "
    "unless you opted out.",
    "unknown": "Your region is not known. Where the answer depends on the region, items are "
    "marked uncertain.",
}
SCENARIO_TEXT = {
    "now": "As things stand",
    "opt_out_today": "If you opt out of both today",
    "protect_today": "If you protect your account today",
    "opt_out_when_offered": "Had you opted out the day each setting appeared",
}
ACTIONS = [
    (
        "Turn off AI training of your data",
        "Settings and privacy › Privacy and safety › Data sharing and personalization › "
        'Grok & Third-party Collaborators: untick "Allow your public data as well as your '
        "interactions, inputs, and results with Grok and xAI to be used for training and "
        'fine-tuning". On the web: x.com/settings/grok_settings.',
    ),
    (
        "Turn off data sharing with business partners",
        "Settings and privacy › Privacy and safety › Data sharing and personalization › "
        'Data sharing with business partners: untick "Allow additional information sharing with '
        'business partners". Whether this controls third-party AI training is not confirmed.',
    ),
    (
        "Review your oldest public posts",
        "Opting out is not retroactive: what was already in scope stays so. Protecting your "
        "account (Privacy and safety › Audience and tagging › Protect your posts) or deleting "
        'posts keeps them out of future use only. The posts listed under "What you can do" are '
        "the earliest in scope.",
    ),
]
SHORT_ACTIONS = [
    (
        "Turn off AI training",
        "Settings and privacy › Privacy and safety › Data sharing and "
        "personalization › Grok & Third-party Collaborators.",
    ),
    ("Turn off sharing with business partners", "Same menu › Data sharing with business partners."),
    (
        "Review your earliest exposed posts",
        'listed under "What you can do". Opting out '
        "does not undo earlier exposure; it protects what you post next.",
    ),
]
ASSUMPTION_TEXT = {
    "x_training_opt_out": "You did not say whether or when you turned off AI training (the Grok "
    "setting); auditor assumed it stayed on, X's default.",
    "third_party_training_opt_out": "You did not say whether or when you opted out of "
    "third-party sharing; auditor assumed you did not.",
    "adult": "No birth date was found or given; auditor assumed you are an adult.",
}


def view(summary: dict) -> dict:
    purposes = [
        _purpose(summary, key, title, meaning) for key, (title, meaning) in PURPOSE_TEXT.items()
    ]
    return {
        "s": summary,
        "purposes": purposes,
        "actions": ACTIONS,
        "short_actions": SHORT_ACTIONS,
        "overview": _overview(purposes),
        "assumptions": _assumptions(summary),
        "region_text": REGION_TEXT.get(summary["region"]["bloc"], REGION_TEXT["unknown"]),
        "settings_text": _settings_text(summary["settings"]),
        "what_if": _what_if(summary),
        "comparison": _comparison(summary["region"].get("comparison", {})),
    }


def _purpose(summary: dict, key: str, title: str, meaning: str) -> dict:
    totals = summary["totals"][key]
    total = sum(totals.values())
    rows = [
        {
            "key": c,
            "label": CATEGORY_LABELS.get(c, c),
            "counts": counts,
            "first": summary["first_exposed"][key].get(c),
        }
        for c, counts in summary["exposure"][key].items()
    ]
    decisive = [r for r in summary["rules_applied"] if r["purpose"] == key]
    return {
        "key": key,
        "title": title,
        "meaning": meaning,
        "rows": rows,
        "totals": totals,
        "total": total,
        "share": round(100 * totals["exposed"] / total) if total else 0,
        "rules": decisive,
        "main_rule": _main_rule(decisive),
        "timeline": charts.timeline(
            summary["timeline"][key],
            summary["timeline_markers"],
            f"{title}: posts per month by status, with policy dates",
        ),
        "breakdown": charts.breakdown(
            [(r["label"], r["counts"]) for r in rows], f"{title}: items by category and status"
        ),
        "samples": summary["samples"][key],
    }


def _overview(purposes: list[dict]) -> list[dict]:
    """One row per category with the counts for each purpose, for page one."""
    keys = [row["key"] for row in purposes[0]["rows"]]
    return [
        {
            "label": CATEGORY_LABELS.get(key, key),
            "cells": [next(r["counts"] for r in p["rows"] if r["key"] == key) for p in purposes],
        }
        for key in keys
    ]


def _main_rule(decisive: list[dict]):
    exposed = [r for r in decisive if r["status"] == "exposed"]
    chosen = max(exposed or decisive, key=lambda r: r["items"], default=None)
    return rule_by_id(chosen["rule"]) if chosen and chosen["rule"] != "region-unknown" else None


def _settings_text(settings: dict) -> list[str]:
    lines = []
    for key, name in (
        ("x_training", "X/xAI training (the Grok setting)"),
        ("third_party_training", "third-party sharing"),
    ):
        state, when = settings[f"{key}_opt_out_state"], settings[f"{key}_opt_out"]
        if state == "date":
            lines.append(
                f"You opted out of {name} on {when[:10]}: items count only for the "
                "time before that date."
            )
        elif state == "never":
            lines.append(f"You said you never opted out of {name}.")
        else:
            lines.append(
                f"Whether you opted out of {name} is not known: X's default (on) was assumed."
            )
    return lines


def _what_if(summary: dict) -> list[dict]:
    rows = [{"label": SCENARIO_TEXT["now"], "cells": [summary["totals"][p] for p in PURPOSE_TEXT]}]
    for scenario, result in summary["what_if"].items():
        rows.append(
            {
                "label": SCENARIO_TEXT.get(scenario, scenario),
                "cells": [result[p] for p in PURPOSE_TEXT],
            }
        )
    return rows


def _comparison(comparison: dict) -> list[dict]:
    return [
        {"bloc": bloc, "cells": [result[p] for p in PURPOSE_TEXT]}
        for bloc, result in comparison.items()
    ]


def _assumptions(summary: dict) -> list[str]:
    notes = [
        ASSUMPTION_TEXT[key] for key in summary["settings"]["assumed"] if key in ASSUMPTION_TEXT
    ]
    if summary["region"]["source"] == "inferred":
        notes.append(
            "Your region was inferred from the archive (see the evidence table), "
            "not declared; give --region to state it."
        )
    notes.append(
        "X's archive shows protected-account changes for the last six months only; "
        "earlier protected periods are unknown unless you declare them."
    )
    return notes
