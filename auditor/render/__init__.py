"""Turn a summary into HTML and PDF. Formatting only: every number comes from the summary."""

from __future__ import annotations

import logging

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..errors import RenderError
from ..exposure import rule_by_id
from ..preflight import pango_problem
from . import charts
from .assets import templates_dir
from .fetcher import AssetsOnlyFetcher

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
        "posts keeps them out of future use only.",
    ),
]


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = lambda value: f"{value:,}"
    env.filters["day"] = lambda value: value[:10] if value else "—"
    return env


def view(summary: dict) -> dict:
    """Headline numbers and labels for the template, all derived from the summary."""
    purposes = []
    for purpose, (title, meaning) in PURPOSE_TEXT.items():
        table = summary["exposure"][purpose]
        totals = {
            s: sum(row[s] for row in table.values())
            for s in ("exposed", "withdrawn", "uncertain", "not_exposed")
        }
        items = sum(totals.values())
        rows = [
            {
                "key": c,
                "label": CATEGORY_LABELS.get(c, c),
                "counts": counts,
                "first": summary["first_exposed"][purpose].get(c),
            }
            for c, counts in table.items()
        ]
        decisive = [r for r in summary["rules_applied"] if r["purpose"] == purpose]
        purposes.append(
            {
                "key": purpose,
                "title": title,
                "meaning": meaning,
                "rows": rows,
                "totals": totals,
                "total": items,
                "share": round(100 * totals["exposed"] / items) if items else 0,
                "first": summary["first_exposed"][purpose],
                "rules": decisive,
                "main_rule": _main_rule(decisive),
                "timeline": charts.timeline(
                    summary["timeline"][purpose], f"{title}: posts per year by status"
                ),
                "breakdown": charts.breakdown(
                    [(r["label"], r["counts"]) for r in rows],
                    f"{title}: items by category and status",
                ),
                "samples": summary["samples"][purpose],
            }
        )
    return {
        "s": summary,
        "purposes": purposes,
        "actions": ACTIONS,
        "overview": _overview(purposes),
        "assumptions": _assumptions(summary),
    }


def _overview(purposes: list[dict]) -> list[dict]:
    """One row per category with (exposed, uncertain) for each purpose, for page one."""
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


def _assumptions(summary: dict) -> list[str]:
    texts = {
        "x_training_opt_out": "You did not say whether or when you turned off AI training "
        "(the Grok setting); auditor assumed it stayed on, X's default.",
        "third_party_training_opt_out": "You did not say whether or when you opted out of "
        "third-party sharing; auditor assumed you did not.",
        "adult": "No birth date was found or given; auditor assumed you are an adult.",
    }
    notes = [texts[key] for key in summary["settings"]["assumed"] if key in texts]
    region = summary["region"]
    if region["source"] == "inferred":
        notes.append(
            "Your region was inferred from the archive (see the evidence table), "
            "not declared; give --region to state it."
        )
    notes.append(
        "X's archive shows protected-account changes for the last six months only; "
        "earlier protected periods are unknown unless you declare them."
    )
    return notes


def render_html(summary: dict) -> str:
    return environment().get_template("report.html.j2").render(**view(summary))


def render_pdf(summary: dict) -> bytes:
    problem = pango_problem()
    if problem:
        raise RenderError(problem)
    from weasyprint import HTML  # imported late: it takes a moment and needs Pango

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    root = templates_dir()
    fetcher = AssetsOnlyFetcher(root)
    html = render_html(summary)
    try:
        document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher)
        return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    except BaseException as error:  # FatalURLFetchingError is a BaseException
        if fetcher.denied:
            raise RenderError(
                f"the report tried to load {fetcher.denied[0]!r}, which was "
                "refused; please report this as a bug"
            ) from None
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        raise RenderError(f"the PDF could not be rendered: {error}") from None


__all__ = ["Markup", "render_html", "render_pdf", "view"]
