"""Everything the template shows, as plain values in the reader's language: labels, sentences
and the numbers from the summary. No number is computed here that the summary does not hold.

Strings are marked with N_ where they are defined and translated where they are used."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..exposure import load_rules, rule_by_id
from ..exposure.engine import DELETION_UNKNOWN, REGION_UNKNOWN
from ..exposure.rules import REPORT_ORDER
from ..i18n import N_, day, month, number, percent, quoted, translations
from ..platforms import PREDATES_DETAIL, Action, Narrative, Vocabulary, get_platform, say
from ..region import IP_DATA_NOTE
from . import charts
from .glyphs import characters, fonts_for, missing_glyphs

STATUSES = REPORT_ORDER
STATUS_LABELS = {
    "exposed": N_("exposed"),
    "withdrawn": N_("withdrawn"),
    "uncertain": N_("uncertain"),
    "not_exposed": N_("not exposed"),
}
BLOC_LABELS = {
    "EU_EEA": N_("EU/EEA"),
    "UK": N_("United Kingdom"),
    "CH": N_("Switzerland"),
    "ROW": N_("rest of the world"),
    "unknown": N_("unknown"),
}
SOURCE_LABELS = {"declared": N_("declared by you"), "inferred": N_("inferred from the archive")}
STRENGTH_LABELS = {
    "primary": N_("policy text"),
    "regulator": N_("regulator or court"),
    "press": N_("press report"),
}
SIGNAL_LABELS = {
    "phone": N_("phone number"),
    "timezone": N_("account time zone"),
    "email_domain": N_("e-mail domain"),
    "profile_location": N_("profile location"),
    "creation_ip": N_("IP address when the account was created"),
    "language": N_("language"),
    "login_ip": N_("login IP addresses"),
}
SCENARIO_TEXT = {
    "now": N_("As things stand"),
    "opt_out_today": N_("If you opt out of both today"),
    "protect_today": N_("If you protect your account today"),
    "opt_out_when_offered": N_("Had you opted out the day each setting appeared"),
}
REGION_UNKNOWN_TEXT = N_(
    "Your region is not known. Where the answer depends on the region, items are marked uncertain."
)
ASSUMPTION_TEXT = {
    "adult": N_("No birth date was found or given; auditor assumed you are an adult."),
    "inferred": N_(
        "Your region was inferred from the archive (see the evidence table), not "
        "declared; give --region to state it."
    ),
    "deletion_unknown": N_(
        "%(count)s items are marked deleted or removed in the export, which does not say "
        "when; where the answer depends on that date they are counted as uncertain."
    ),
}
UNNAMED_TEXT = N_("no term names these")
GENERIC_REGION_TEXT = N_(
    "You are treated as living in %(bloc)s; the rules below say which terms apply there."
)
# For a platform package whose vocabulary brings no narrative of its own.
GENERIC = Narrative(
    heading=N_("Your posts and AI training"),
    description=N_(
        "Which posts and interactions a platform's terms allow to be used for AI training"
    ),
    predates=N_("This export predates the platform's AI-training terms."),
    predates_detail=PREDATES_DETAIL,
    method=N_(
        "auditor reads every file in your export, sorts your items by kind, and compares each "
        "item's lifetime (from posting to deletion) with each rule's period, your region, "
        "whether the item was public, and your opt-out dates. The strongest result wins: "
        "exposed, then withdrawn, then uncertain, then not exposed. Rules and their sources "
        "(quoted in their original language):"
    ),
    sources_note=N_(
        "A press report, or a newspaper quoting a regulator, can make an item uncertain, never "
        "not exposed: only policy text or the platform's own help pages can. Kinds of items no "
        "term names are counted as not exposed because no term names them, not because a "
        "source says they are safe."
    ),
    deleting=N_(
        "Deleting an item ends its time in scope from that day. It does not remove it from "
        "models already trained or recall copies already shared, and public content can exist "
        "elsewhere after it is removed."
    ),
    limits=(
        N_(
            "An export does not record every setting or every deletion; your answers (or the "
            "platform's defaults) are used where it is silent."
        ),
    ),
    region={},
    actions=(
        Action(
            N_("Check the platform's AI-training setting"),
            N_(
                "If the platform offers one, switch it off and give its date with --opt-out "
                "SETTING=DATE (auditor platforms lists them); opting out is not retroactive."
            ),
        ),
        Action(
            N_("Review your earliest exposed posts"),
            N_("They are listed below, earliest exposure first."),
        ),
    ),
    short_actions=(
        Action(
            N_("Check the platform's AI-training setting"),
            N_("Opting out protects what you post next, not what was already in scope."),
        ),
        Action(
            N_("Review your earliest exposed posts"),
            N_('They are listed under "What you can do".'),
        ),
    ),
    timeline_note=N_(
        "Items count from the day the rule that decides them first applied. Dashed lines:"
    ),
    no_scenarios=N_(
        "There is no what-if table: this platform declares no setting auditor could vary."
    ),
)
DELETION_UNKNOWN_TEXT = N_(
    "The export shows that the item was deleted or removed but not when; "
    "the answer depends on whether that was before or after the terms took effect."
)
VERDICT_TEXT = {
    "uncertain": N_("uncertain: %(count)s"),
    "why": N_("None of your items is clearly within or outside these terms. Why: %(reason)s"),
    "range": N_(
        "%(low)s to %(high)s of your %(total)s posts and interactions may fall under terms "
        "that allow this use: %(low)s clearly, %(uncertain)s uncertain; %(withdrawn)s withdrawn."
    ),
}
SETTING_TEXT = {
    "date": N_(
        "You opted out of %(setting)s on %(date)s: items count only for the time before that date."
    ),
    "never": N_("You said you never opted out of %(setting)s."),
    "unknown": N_(
        "Whether you opted out of %(setting)s is not known: the platform's default was assumed."
    ),
}
LEGEND = {status: label for status, label in STATUS_LABELS.items()}
FILE_STATUS_LABELS = {
    "parsed": N_("read"),
    "counted": N_("counted"),
    "ignored": N_("ignored"),
    "failed": N_("failed"),
    "unknown": N_("not read"),
    "media": N_("media"),
    "missing": N_("missing"),
    "partial": N_("read in part"),
    "refused": N_("refused (link or special file)"),
}
# auditor/region.py writes rows that stand for many signals as "3 of 12, e.g. X, latest D".
SHARED_EVIDENCE = re.compile(
    r"^(?P<count>\d+) of (?P<total>\d+), e\.g\. (?P<example>.*?)"
    r"(?:, latest (?P<latest>\d{4}-\d{2}-\d{2}))?$",
    re.DOTALL,
)
SHARED_EVIDENCE_TEXT = N_("%(count)s of %(total)s, for example %(example)s")
LATEST_TEXT = N_("%(text)s, latest %(date)s")
MISSING_GLYPHS_TEXT = N_(
    "Some characters cannot be shown with the fonts that come with auditor and may print as "
    "empty boxes (%(count)s different characters; scripts: %(scripts)s)."
)


def vocabulary_of(summary: dict) -> Vocabulary:
    return get_platform(summary["archive"]["platform"]).vocabulary


def view(summary: dict, language: str = "en") -> dict:
    t = translations(language).gettext
    vocabulary = vocabulary_of(summary)
    narrative = vocabulary.narrative or GENERIC

    def s(text) -> str:
        return say(text, language, t)

    keys = [p.id for p in vocabulary.purposes]
    purposes = [
        _purpose(summary, p.id, s(p.label), s(p.meaning), language, vocabulary)
        for p in vocabulary.purposes
    ]
    region = summary["region"]
    platform_rules = load_rules(summary["archive"]["platform"])
    first_terms = min(rule.start for rule in platform_rules).date().isoformat()
    labels = {c.id: s(c.label) for c in vocabulary.report_categories}
    quotes = _action_quotes(narrative, t, language)
    return {
        "s": summary,
        "language": language,
        "platform": s(vocabulary.title),
        "narrative": {
            "heading": s(narrative.heading),
            "description": s(narrative.description),
            "predates": s(narrative.predates),
            "predates_detail": s(narrative.predates_detail),
            "method": s(narrative.method),
            "sources_note": s(narrative.sources_note),
            "deleting": s(narrative.deleting),
            "limits": [s(text) for text in narrative.limits],
            "timeline_note": s(narrative.timeline_note),
            "suspect_dates": s(narrative.suspect_dates),
            "no_scenarios": s(narrative.no_scenarios),
        },
        "before_terms": (summary["as_of"] or "")[:10] < first_terms,
        "first_terms": first_terms,
        "purposes": purposes,
        "actions": [(s(a.title), s(a.how) % quotes) for a in narrative.actions],
        "short_actions": [(s(a.title), s(a.how) % quotes) for a in narrative.short_actions],
        "overview": _overview(purposes, labels),
        "assumptions": _assumptions(summary, t, vocabulary, language),
        "region_text": _region_text(narrative, region["bloc"], t, language),
        "settings_text": _settings_text(summary["settings"], t, language, vocabulary),
        "what_if": _what_if(summary, t, keys),
        "comparison": [
            {"bloc": t(BLOC_LABELS.get(b, b)), "cells": [r[p] for p in keys]}
            for b, r in region.get("comparison", {}).items()
        ],
        "evidence": [_evidence(e, t, language, vocabulary) for e in region["evidence"]],
        "bloc": t(BLOC_LABELS.get(region["bloc"], region["bloc"])),
        "region_confidence": percent(region["confidence"] or 0, language),
        "candidates": ", ".join(t(BLOC_LABELS.get(b, b)) for b in region["candidates"]),
        "region_source": t(SOURCE_LABELS.get(region["source"], region["source"])),
        "ip_note": t(IP_DATA_NOTE) % {"version": region.get("ip_lookup_version", "?")},
        "rules_applied": [_rule(r, t) for r in summary["rules_applied"]],
        "context_rules": [_rule(r, t) for r in summary.get("context_rules", [])],
        "detectors": {
            name: {**d, **d["by_purpose"], "label": t(d["label"])}
            for name, d in summary["sensitive"].get("detectors", {}).items()
        },
        "status": {k: t(v) for k, v in STATUS_LABELS.items()},
        "file_status": {k: t(v) for k, v in FILE_STATUS_LABELS.items()},
        "font_faces": fonts_for(characters(summary)),
        "excerpt_glyphs": _glyph_note(
            [item["excerpt"] for key in keys for item in summary["samples"][key]], t
        ),
        "inventory_glyphs": _glyph_note([row["path"] for row in summary["inventory"]], t),
        "kind": {
            c.id: s(c.singular if c.singular is not None else c.label)
            for c in vocabulary.report_categories
        },
        "inventory": [_inventory_row(row, t, language) for row in summary["inventory"]],
        "appendix": appendix(
            [_inventory_row(row, t, language) for row in summary["inventory"]],
            {k: t(v) for k, v in FILE_STATUS_LABELS.items()},
            language,
        ),
        "partial_reasons": [
            _note(note, t, language) for note in summary["archive"].get("partial_notes", [])
        ],
        "partial_banner": _partial_banner(summary, t, language),
        "appendix_anchor": _appendix_anchor(summary),
        "markers": [
            {**m, "label": _marker(m, vocabulary, language, t)} for m in summary["timeline_markers"]
        ],
    }


def _action_quotes(narrative: Narrative, t, language: str) -> dict[str, str]:
    """The words the action texts quote, in the report language's quotation marks."""
    words = {key: say(text, language, t) for key, text in narrative.quotes.items()}
    words["section"] = t("What you can do")
    return {key: quoted(word, language) for key, word in words.items()}


def _region_text(narrative: Narrative, bloc: str, t, language: str) -> str:
    if bloc in narrative.region:
        return say(narrative.region[bloc], language, t)
    if bloc == "unknown":
        return t(REGION_UNKNOWN_TEXT)
    return t(GENERIC_REGION_TEXT) % {"bloc": t(BLOC_LABELS.get(bloc, bloc))}


def _marker(marker: dict, vocabulary: Vocabulary, language: str, t) -> str:
    if marker["kind"] != "opt_out":
        return marker["label"]
    try:
        return say(vocabulary.setting(marker["key"]).marker, language, t)
    except KeyError:
        return marker["label"]


def _evidence(row: dict, t, language: str, vocabulary: Vocabulary | None = None) -> dict:
    """An evidence row with its signal and, for rows that stand for many, its count sentence
    in the reader's language; the masked value itself is shown as found."""
    value = str(row["value"])
    shared = SHARED_EVIDENCE.match(value)
    if shared:
        fields = shared.groupdict()
        value = t(SHARED_EVIDENCE_TEXT) % {
            "count": fields["count"],
            "total": fields["total"],
            "example": fields["example"],
        }
        if fields["latest"]:
            value = t(LATEST_TEXT) % {"text": value, "date": day(fields["latest"], language)}
    own = vocabulary.signal_labels if vocabulary else {}
    if row["signal"] in own:
        signal = say(own[row["signal"]], language, t)
    else:
        signal = t(SIGNAL_LABELS.get(row["signal"], row["signal"]))
    return {**row, "signal": signal, "value": value}


def _glyph_note(texts: list[str], t) -> str:
    """A sentence for the page when some printed characters have no bundled glyph."""
    missing = missing_glyphs(texts)
    if missing is None:
        return ""
    return t(MISSING_GLYPHS_TEXT) % {
        "count": missing.characters,
        "scripts": ", ".join(missing.scripts),
    }


def _purpose(
    summary: dict, key: str, title: str, meaning: str, language: str, vocabulary: Vocabulary
) -> dict:
    t = translations(language).gettext
    totals = summary["totals"][key]
    total = sum(totals.values())
    named = _named_categories(summary["archive"]["platform"], key, vocabulary)
    rows = [
        {
            "key": c,
            "label": _category_label(vocabulary, c, language, t),
            "counts": counts,
            "first": summary["first_exposed"][key].get(c),
            "unnamed": t(UNNAMED_TEXT) if c not in named else "",
        }
        for c, counts in summary["exposure"][key].items()
    ]
    decisive = [_rule(r, t) for r in summary["rules_applied"] if r["purpose"] == key and r["items"]]
    return {
        "key": key,
        "title": title,
        "meaning": meaning,
        "rows": rows,
        "totals": totals,
        "total": total,
        "share": percent(totals["exposed"] / total if total else 0, language),
        "headline": _headline(summary["verdict"][key], totals, total, t, language),
        "rules": decisive,
        "main_rule": _main_rule(decisive),
        **_charts(summary, key, title, rows, language),
        "samples": summary["samples"][key],
    }


def _category_label(vocabulary: Vocabulary, category: str, language: str, t) -> str:
    try:
        return say(vocabulary.report_category(category).label, language, t)
    except KeyError:
        return category


def _named_categories(platform: str, purpose: str, vocabulary: Vocabulary) -> set[str]:
    """Report categories some deciding rule of this purpose names (the deleted category
    counts as named when a rule names a public category: deleted items keep their kind)."""
    named = {
        category
        for rule in load_rules(platform)
        if rule.decides and rule.purpose == purpose
        for category in rule.categories
    }
    deleted = vocabulary.deleted_category
    if deleted is not None and any(c.id in named for c in vocabulary.categories if not c.private):
        named.add(deleted.id)
    return named


def _headline(verdict: dict, totals: dict, total: int, t, language: str) -> dict:
    """The big number: the exposed count only when nothing is uncertain, else the range."""
    from ..i18n import number

    def n(value):
        return number(value, language)

    if not verdict["uncertain"]:
        return {"number": n(verdict["low"]), "why": ""}
    if verdict["low"]:
        big = f"{n(verdict['low'])} – {n(verdict['high'])}"
    else:
        big = t(VERDICT_TEXT["uncertain"]) % {"count": n(verdict["uncertain"])}
    reason = ""
    rule = rule_by_id(verdict["uncertain_rule"] or "")
    if rule is not None:
        reason = t(rule.reason) if rule.reason else t(rule.explanation)
    elif verdict["uncertain_rule"] == REGION_UNKNOWN:
        reason = t(REGION_UNKNOWN_TEXT)
    elif verdict["uncertain_rule"] == DELETION_UNKNOWN:
        reason = t(DELETION_UNKNOWN_TEXT)
    values = {
        "low": n(verdict["low"]),
        "high": n(verdict["high"]),
        "total": n(total),
        "uncertain": n(verdict["uncertain"]),
        "withdrawn": n(totals["withdrawn"]),
    }
    why = t(VERDICT_TEXT["range"]) % values
    if not verdict["low"] and reason:
        why = f"{why} {t(VERDICT_TEXT['why']) % {'reason': reason}}"
    elif reason:
        why = f"{why} {reason}"
    return {"number": big, "why": why}


def _charts(summary: dict, key: str, title: str, rows: list[dict], language: str) -> dict:
    """The two pictures of a purpose, each with a title and a sentence saying what it shows."""
    t = translations(language).gettext
    labels = {status: t(label) for status, label in LEGEND.items()}
    numbers = charts.Numbers(lambda n: number(n, language), lambda v: percent(v, language))
    markers = [
        charts.Marker(i, m["date"], m["kind"] == "opt_out")
        for i, m in enumerate(summary["timeline_markers"], start=1)
    ]
    scope = summary.get("scope_timeline", {}).get(key, [])
    end = (summary["as_of"] or "")[:7] or (scope[-1]["period"] if scope else "")
    shares_title = t("%(purpose)s: what share of each kind of item is in scope") % {
        "purpose": title
    }
    scope_title = t("%(purpose)s: when your items came into scope") % {"purpose": title}
    return {
        "shares_title": shares_title,
        "shares_takeaway": _shares_takeaway(rows, t, language),
        "shares": charts.share_bars(
            [(r["label"], r["counts"]) for r in rows], shares_title, labels, f"s-{key}", numbers
        ),
        "scope_title": scope_title,
        "scope_takeaway": _scope_takeaway(scope, summary["timeline_markers"], t, language),
        "scope": charts.scope_curve(scope, markers, end, scope_title, labels, f"c-{key}", numbers),
    }


def _shares_takeaway(rows: list[dict], t, language: str) -> str:
    """Which kind of item is most and least in scope (exposed or uncertain)."""
    shares = []
    for row in rows:
        total = sum(row["counts"].values())
        if total:
            in_scope = row["counts"]["exposed"] + row["counts"]["uncertain"]
            shares.append((in_scope / total, row["label"]))
    if not shares:
        return ""
    (low, low_label), (high, high_label) = min(shares), max(shares)
    if round(100 * low) == round(100 * high):
        return t("The same share of every kind of item, %(share)s, is exposed or uncertain.") % {
            "share": percent(high, language)
        }
    return t(
        "Exposed or uncertain: %(high)s of %(high_kind)s, down to %(low)s of %(low_kind)s."
    ) % {
        "high": percent(high, language),
        "high_kind": quoted(high_label, language),
        "low": percent(low, language),
        "low_kind": quoted(low_label, language),
    }


def _scope_takeaway(rows: list[dict], markers: list[dict], t, language: str) -> str:
    """The month that brought the most items into scope, and whether new terms did it."""
    entered = [(sum(row[s] for s in charts.SCOPE_STATUSES), row["period"]) for row in rows]
    total = sum(n for n, _ in entered)
    if not total:
        return t("None of your items came into scope.")
    count, period = max(entered, key=lambda pair: (pair[0], [-ord(c) for c in pair[1]]))
    values = {
        "count": number(count, language),
        "total": number(total, language),
        "month": month(period, language),
    }
    if any(m["date"][:7] == period and m["kind"] == "policy" for m in markers):
        return (
            t(
                "%(count)s of the %(total)s items in scope came into it in %(month)s, when new "
                "terms reached what you had already posted."
            )
            % values
        )
    return t("%(count)s of the %(total)s items in scope came into it in %(month)s.") % values


def _rule(row: dict, t) -> dict:
    """A rule as shown: explanation and reason translated, clauses left as quoted."""
    return {
        **row,
        "explanation": t(row["explanation"]) if row["explanation"] else "",
        "reason": t(row["reason"]) if row["reason"] else "",
        "status_label": t(STATUS_LABELS.get(row["status"], row["status"])),
        "strength_label": t(STRENGTH_LABELS.get(row["strength"], row["strength"])),
    }


def _overview(purposes: list[dict], labels: dict[str, str]) -> list[dict]:
    """One row per category with the counts for each purpose, for page one."""
    keys = [row["key"] for row in purposes[0]["rows"]]
    return [
        {
            "label": labels.get(key, key),
            "cells": [next(r["counts"] for r in p["rows"] if r["key"] == key) for p in purposes],
        }
        for key in keys
    ]


def _main_rule(decisive: list[dict]):
    exposed = [r for r in decisive if r["status"] == "exposed"]
    chosen = max(exposed or decisive, key=lambda r: r["items"], default=None)
    if not chosen or chosen["rule"] in (REGION_UNKNOWN, DELETION_UNKNOWN):
        return None
    rule = rule_by_id(chosen["rule"])
    return {"rule": rule, "strength_label": chosen["strength_label"]}


def _settings_text(settings: dict, t, language: str, vocabulary: Vocabulary) -> list[str]:
    lines = []
    for setting in vocabulary.settings:
        choice = settings["opt_outs"].get(setting.id, {"state": "unknown", "date": None})
        values = {
            "setting": say(setting.name, language, t),
            "date": day(choice["date"], language),
        }
        text = SETTING_TEXT.get(choice["state"], SETTING_TEXT["unknown"])
        if choice["state"] not in ("date", "never") and vocabulary.narrative:
            text = vocabulary.narrative.setting_unknown or text
        lines.append(say(text, language, t) % values)
    return lines


def _what_if(summary: dict, t, keys: list[str]) -> list[dict]:
    if not summary["what_if"]:
        return []
    rows = [{"label": t(SCENARIO_TEXT["now"]), "cells": [summary["totals"][p] for p in keys]}]
    for scenario, result in summary["what_if"].items():
        rows.append(
            {
                "label": t(SCENARIO_TEXT.get(scenario, scenario)),
                "cells": [result[p] for p in keys],
            }
        )
    return rows


def _assumptions(summary: dict, t, vocabulary: Vocabulary, language: str) -> list[str]:
    # A setting that has no sentence for it says nothing (rather than an empty bullet).
    texts = {f"{s.id}_opt_out": s.assumption for s in vocabulary.settings if s.assumption}
    notes = []
    for key in summary["settings"]["assumed"]:
        if key in texts:
            notes.append(say(texts[key], language, t))
        elif key in ASSUMPTION_TEXT:
            notes.append(t(ASSUMPTION_TEXT[key]))
    if summary["region"]["source"] == "inferred":
        notes.append(t(ASSUMPTION_TEXT["inferred"]))
    unknown = summary["counts"].get("deletion_time_unknown", 0)
    if unknown:
        notes.append(t(ASSUMPTION_TEXT["deletion_unknown"]) % {"count": number(unknown, language)})
    notes.extend(say(text, language, t) for text in vocabulary.statements)
    return notes


def _note(note: dict, t, language: str) -> str:
    """An inventory note or incomplete-result reason in the report's language."""
    from ..i18n import number

    params = {
        key: number(value, language) if isinstance(value, int) else value
        for key, value in note["params"].items()
    }
    text = t(note["template"])
    return text % params if params else text


PAGE_OF_APPENDIX = "\x00page\x00"  # stands for the appendix's page, which CSS fills in at layout


@dataclass
class PageReference:
    """A sentence with a page number that only layout knows: text before and after it."""

    before: str
    after: str


def _partial_banner(summary: dict, t, language: str) -> PageReference:
    before, _, after = _partial_sentence(summary, t, language).partition(PAGE_OF_APPENDIX)
    return PageReference(before, after)


def _partial_sentence(summary: dict, t, language: str) -> str:
    """Page 1's incomplete-results line, one sentence so page 1 keeps its actions; the
    reasons, file by file, are in the appendix. The page number is a placeholder the template
    turns into a CSS page reference (only layout knows the page)."""
    lost = [row for row in summary["inventory"] if _lost_something(row)]
    rows = sum(row["skipped"] for row in lost)
    if not lost:
        text = t("Part of the archive could not be read; details in the appendix, page %(page)s.")
        return text % {"page": PAGE_OF_APPENDIX}
    text = t(
        "The numbers may be too low: %(files)s file(s) not read in full, %(rows)s record(s) "
        "skipped; details in the appendix, page %(page)s."
    )
    return text % {
        "files": number(len(lost), language),
        "rows": number(rows, language),
        "page": PAGE_OF_APPENDIX,
    }


def _lost_something(row: dict) -> bool:
    return row["status"] in ("failed", "refused", "missing") or (
        row["skipped"] > 0 and row["status"] != "ignored"
    )


def _appendix_anchor(summary: dict) -> str:
    # A combined report holds several bodies: each appendix needs its own id.
    archive = summary["archive"]
    return "appendix-" + (archive.get("sha256") or archive.get("username") or "x")[:16]


def _inventory_row(row: dict, t, language: str) -> dict:
    notes = [_note(note, t, language) for note in row.get("notes", [])]
    return {**row, "note": "; ".join(notes) if notes else row["note"]}


# -- appendix: the inventory, summarised so that the PDF stays short whatever the archive holds

PLAIN_STATUSES = {"parsed", "media", "counted", "ignored"}  # read as intended, or on purpose not
SEVERITY = {"failed": 0, "refused": 1, "missing": 2, "unknown": 3}
MAX_GROUPS = 60  # (folder, type) groups shown; the rest are folded into one line
MAX_EXCEPTIONS = 40  # rows listed one by one (failures, refusals, skips, unknown files)


@dataclass
class InventoryGroup:
    folder: str
    type: str
    members: int = 0  # archive files (a media row stands for all files of its folder)
    records: int = 0
    skipped: int = 0
    statuses: Counter = field(default_factory=Counter)

    def add(self, row: dict) -> None:
        count = row["records"] if row["path"].endswith("/") else 1  # folded: one row per folder
        self.members += count
        self.records += 0 if row["path"].endswith("/") else row["records"]
        self.skipped += row["skipped"]
        self.statuses[row["status"]] += count

    labels: dict = field(default_factory=dict)  # file status -> label in the report's language
    language: str = "en"

    @property
    def status_text(self) -> str:
        return ", ".join(
            f"{self.labels.get(status, status)} {number(n, self.language)}"
            for status, n in sorted(self.statuses.items())
        )


@dataclass
class Appendix:
    groups: list[InventoryGroup]
    folded_groups: InventoryGroup | None  # the groups past MAX_GROUPS, as one line
    folded_count: int
    total: InventoryGroup
    exceptions: list[dict]  # inventory rows, as the JSON summary has them
    more_exceptions: int


def appendix(inventory: list[dict], labels: dict | None = None, language: str = "en") -> Appendix:
    """Totals by folder and file type, and the rows that need a look one by one (capped):
    20,000 junk members once made a 4 GB, 124 s PDF. The JSON summary keeps every row."""
    groups: dict[tuple[str, str], InventoryGroup] = {}

    def group(folder: str, kind: str) -> InventoryGroup:
        return InventoryGroup(folder, kind, labels=labels or {}, language=language)

    total = group("", "")
    for row in inventory:
        folder = row["path"] if row["path"].endswith("/") else row["path"].rpartition("/")[0] + "/"
        key = (folder, row["type"])
        groups.setdefault(key, group(*key)).add(row)
        total.add(row)
    ordered = sorted(groups.values(), key=lambda g: (-g.members, g.folder, g.type))
    shown = sorted(ordered[:MAX_GROUPS], key=lambda g: (g.folder, g.type))
    folded = None
    if len(ordered) > MAX_GROUPS:
        folded = group("", "")
        for rest in ordered[MAX_GROUPS:]:
            folded.members += rest.members
            folded.records += rest.records
            folded.skipped += rest.skipped
            folded.statuses.update(rest.statuses)
    exceptions = [r for r in inventory if _needs_a_look(r)]
    exceptions.sort(key=lambda r: (SEVERITY.get(r["status"], 9), r["path"]))
    return Appendix(
        shown,
        folded,
        max(0, len(ordered) - MAX_GROUPS),
        total,
        exceptions[:MAX_EXCEPTIONS],
        max(0, len(exceptions) - MAX_EXCEPTIONS),
    )


def _needs_a_look(row: dict) -> bool:
    # Viewer folders are "ignored" with every file counted as skipped: on purpose, not a loss.
    return row["status"] not in PLAIN_STATUSES or (
        row["skipped"] > 0 and row["status"] != "ignored"
    )
