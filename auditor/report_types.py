"""The JSON summary's types (schema auditor.report/2): the contract every output is made from.

`summary.build_summary` builds the summary and converts it to `Summary`: a field missing or of
the wrong type is a bug caught there, not in a reader of the JSON. The JSON Schema shipped as
auditor/data/report.schema.json is generated from these types (`python -m
auditor.report_types` rewrites it; a test checks the shipped file equals the generated one).
Platform words (categories, purposes, settings) are map keys, never field names.
"""

from __future__ import annotations

import json
import sys
from importlib.resources import files
from pathlib import Path

import msgspec

SCHEMA = "auditor.report/2"
SCHEMA_FILE = "report.schema.json"


class Struct(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=False):
    """A summary part: unknown fields are refused, so that nothing reaches the JSON untyped."""


class StatusCounts(Struct):
    """Items per status, strongest first (exposure.rules.REPORT_ORDER)."""

    exposed: int
    withdrawn: int
    uncertain: int
    not_exposed: int


class PeriodCounts(Struct):
    """Items of one month (or year) per status, weakest first (exposure.rules.STATUSES)."""

    period: str
    not_exposed: int
    uncertain: int
    withdrawn: int
    exposed: int


class Tool(Struct):
    name: str
    version: str


class NoteData(Struct):
    """An English text as a template and its values, for reports in other languages."""

    template: str
    params: dict[str, int | str]


class Archive(Struct):
    platform: str
    layout: str
    generated_at: str | None
    generated_from: str  # archive | newest-record | "" (unknown)
    account_id: str | None
    username: str | None
    partial: bool
    partial_reasons: list[str]
    partial_notes: list[NoteData]
    sha256: str | None
    file: str


class Evidence(Struct):
    signal: str
    value: str  # masked
    country: str | None
    weight: float


class Region(Struct):
    country: str | None  # ISO 3166-1 alpha-2
    bloc: str  # EU_EEA | UK | CH | ROW | unknown
    confidence: float
    source: str  # declared | inferred
    uncertain: bool
    candidates: list[str]
    evidence: list[Evidence]
    comparison: dict[str, dict[str, StatusCounts]]  # bloc → purpose → totals
    ip_data: str
    ip_lookup_version: str


class OptOutChoice(Struct):
    state: str  # date | never | unknown
    date: str | None


class Settings(Struct):
    opt_outs: dict[str, OptOutChoice]  # setting id → choice (the platform's settings)
    protected_periods: list[list[str | None]]
    birth_date: str | None
    assumed: list[str]


class Counts(Struct):
    items: dict[str, int]  # report category → items (every category, 0 included)
    media_files: int
    deletion_time_unknown: int
    platform: dict[str, int]  # numbers only this platform has (X: DM conversations)


class Verdict(Struct):
    verdict: str  # exposed | mixed | uncertain | withdrawn | not_exposed
    low: int
    high: int
    uncertain: int
    uncertain_rule: str | None


class Marker(Struct):
    date: str
    label: str
    kind: str  # policy | opt_out
    key: str


class Suspect(Struct):
    count: int
    dates: list[str | None]


class SourceRow(Struct):
    url: str
    clause: str
    strength: str  # primary | help | regulator | press
    retrieved: str
    archived: str


class RuleRow(Struct):
    rule: str
    purpose: str
    status: str
    kind: str  # decides | context
    items: int
    matched: int
    policy: str
    start: str | None
    end: str | None
    regions: list[str]
    strength: str
    explanation: str
    reason: str
    sources: list[SourceRow]


class Sample(Struct):
    id: str
    kind: str  # report category
    created: str | None
    url: str
    excerpt: str  # own text, contact details masked
    rule: str


class Example(Struct):
    id: str
    kind: str
    created: str | None
    url: str


class ExposedUncertain(Struct):
    exposed: int
    uncertain: int


class Detector(Struct):
    label: str
    posts: int
    by_purpose: dict[str, ExposedUncertain]
    examples: list[Example]


class Sensitive(Struct):
    posts_checked: int = 0
    detectors: dict[str, Detector] = {}


class InventoryRow(Struct):
    path: str
    type: str
    records: int
    analyzed: int
    skipped: int
    status: str  # parsed | counted | media | unknown | failed | missing | ignored | refused
    note: str
    notes: list[NoteData]


class Summary(Struct):
    schema: str
    tool: Tool
    archive: Archive
    as_of: str | None
    region: Region
    settings: Settings
    counts: Counts
    exposure: dict[str, dict[str, StatusCounts]]  # purpose → report category → statuses
    totals: dict[str, StatusCounts]
    verdict: dict[str, Verdict]
    what_if: dict[str, dict[str, StatusCounts]]  # scenario → purpose → statuses
    first_exposed: dict[str, dict[str, str | None]]
    timeline: dict[str, list[PeriodCounts]]
    timeline_markers: list[Marker]
    timeline_suspect: Suspect
    scope_timeline: dict[str, list[PeriodCounts]]
    rules_applied: list[RuleRow]
    context_rules: list[RuleRow]
    samples: dict[str, list[Sample]]
    sensitive: Sensitive
    inventory: list[InventoryRow]


def typed(summary: dict) -> Summary:
    """The summary as its types; a mismatch is a bug (msgspec.ValidationError names it)."""
    return msgspec.convert(summary, Summary)


def json_schema() -> dict:
    schema = msgspec.json.schema(Summary)
    schema["$id"] = SCHEMA
    schema["title"] = "auditor JSON summary"
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"


def shipped_schema() -> str:
    return (files("auditor.data") / SCHEMA_FILE).read_text(encoding="utf-8")


def main(argv: list[str]) -> int:
    """`python -m auditor.report_types` rewrites the shipped schema from the types."""
    target = Path(str(files("auditor.data") / SCHEMA_FILE))
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
