"""`auditor report a.zip b.zip -o all.pdf`: several exports, one output.

JSON: {"schema": "auditor.reports/1", "reports": [summary, ...]}, one auditor.report/2
summary per archive in the order given (docs/schema-2.md)."""

from __future__ import annotations

import json
from pathlib import Path

COMBINED_SCHEMA = "auditor.reports/1"


def write_combined(analysed: list, format: str, target: Path, lang: str | None, renderer) -> Path:
    from .batch import report_language
    from .output import write_private
    from .render import PdfRenderer
    from .render.combined import render_combined_html
    from .summary import build_summary

    summaries = [build_summary(inputs) for inputs in analysed]
    if format == "json":
        wrapper = {"schema": COMBINED_SCHEMA, "reports": summaries}
        return write_private(target, json.dumps(wrapper, indent=2, ensure_ascii=False) + "\n")
    # One document, one language: the one asked for, else the first export's country's.
    language = report_language(lang, summaries[0]["region"]["country"])
    html = render_combined_html(summaries, language, standalone=format == "html")
    if format == "html":
        return write_private(target, html)
    return write_private(target, (renderer or PdfRenderer()).pdf(html))
