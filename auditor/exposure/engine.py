"""Vectorised window evaluation (design.md §2): no Python loop over items, only over rules.

For an item and a rule: window = lifetime ∩ rule period ∩ before the as-of date ∩ before the
user's opt-out from the rule's setting (and from a setting that may control it) ∩ after the
opt-out named by `after_opt_out` ∩ (adult, if the rule has a minimum age) ∩ (public, or
protected, intervals, if the rule needs either). A non-empty window yields the rule's status;
the strongest wins (exposed > withdrawn > uncertain > not_exposed), ties go to the earliest
window. Then "caps" rules lower the status of the items whose deciding window starts in
theirs. Rules of kind "context" are never evaluated.

Country-limited rules (`countries`, `except_countries`) are matched against the account's
country, once per rule, not per item. When the bloc is known but the country is not (or the
country lies in another bloc, as in a what-if-you-lived-there comparison), every country of
the bloc that some rule names is tried, plus "a country no rule names"; items on which these
answers differ are uncertain with the deciding rule "region-unknown", exactly as when the
bloc itself is unknown. So a rule that holds only in Canada makes the items of a ROW account
of unknown country uncertain where it would change them, never silently nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from ..platforms import Vocabulary
from ..region import bloc_of
from ..settings import OptOut, Settings
from .items import NEVER, OPEN
from .rules import REGIONS, STATUSES, Rule

NO_RULE = "none"
# Deciding "rules" that are not rule files: the report explains them in its own words.
REGION_UNKNOWN = "region-unknown"
DELETION_UNKNOWN = "deletion-unknown"


@dataclass(frozen=True)
class Context:
    bloc: str  # EU_EEA | UK | CH | ROW | unknown
    settings: Settings
    as_of: datetime
    protected: tuple[tuple[int, int], ...] = ()  # account-level intervals, epoch seconds
    purposes: tuple[str, ...] = ()  # the vocabulary's; default: those the rules name
    country: str | None = None  # ISO code; None: unknown (only country-limited rules care)

    def purpose_ids(self, rules: tuple[Rule, ...]) -> tuple[str, ...]:
        return self.purposes or tuple(dict.fromkeys(rule.purpose for rule in rules))


@dataclass
class Exposure:
    """Per item and purpose: status, deciding rule, first day of the deciding window."""

    items: pd.DataFrame  # item_table columns plus {purpose}_status/_rule/_first (UTC)
    rules: tuple[Rule, ...]
    matched: dict[str, int] = field(default_factory=dict)  # rule id → items in its window
    purposes: tuple[str, ...] = ()

    def counts(self, purpose: str) -> pd.DataFrame:
        """Rows: report categories with items; columns: the four statuses."""
        category = self.items["category"]
        status = self.items[f"{purpose}_status"].cat.codes.to_numpy().astype(np.int64)
        width = len(STATUSES)
        cells = np.bincount(
            category.cat.codes.to_numpy().astype(np.int64) * width + status,
            minlength=len(category.cat.categories) * width,
        )
        table = pd.DataFrame(
            cells.reshape(-1, width), index=category.cat.categories, columns=list(STATUSES)
        )
        return table[table.sum(axis=1) > 0]

    def totals(self, purpose: str) -> dict[str, int]:
        """All items of a purpose by status, strongest first."""
        sums = self.counts(purpose).sum()
        return {status: int(sums.get(status, 0)) for status in reversed(STATUSES)}


def evaluate(items: pd.DataFrame, rules: tuple[Rule, ...], context: Context) -> Exposure:
    result = items.copy(deep=False)  # new columns only: the item columns are shared
    matched: dict[str, int] = {}
    purposes = context.purpose_ids(rules)
    unknown = items["removal_unknown"].to_numpy() if "removal_unknown" in items else None
    if unknown is not None and not unknown.any():
        unknown = None
    for purpose in purposes:
        places = _places(rules, context, purpose)
        status, rule, first = _outcome(items, rules, context, purpose, places, matched)
        if unknown is not None:
            status, rule, first = _deletion_unknown(
                items, rules, context, purpose, places, unknown, (status, rule, first)
            )
        names = [r.id for r in rules] + [NO_RULE, REGION_UNKNOWN, DELETION_UNKNOWN]
        result[f"{purpose}_status"] = pd.Categorical.from_codes(status, categories=STATUSES)
        result[f"{purpose}_rule"] = pd.Categorical.from_codes(rule, categories=names)
        # Naive datetime64[s] in UTC: tz-aware columns turn numpy conversions into object loops.
        result[f"{purpose}_first"] = np.where(
            first >= OPEN, np.datetime64("NaT", "s"), first.astype("datetime64[s]")
        )
    return Exposure(result, rules, matched, purposes)


def _places(rules, context: Context, purpose: str) -> list[tuple[str, str | None]]:
    """The (bloc, country) pairs the account may be in, as far as the rules can tell apart.

    Country None stands for "a country of the bloc that no rule names"; it comes first so
    that where all answers agree, the general rule is the one shown."""
    blocs = REGIONS if context.bloc == "unknown" else (context.bloc,)
    places: list[tuple[str, str | None]] = []
    for bloc in blocs:
        if context.country and bloc_of(context.country) == bloc:
            places.append((bloc, context.country.upper().replace("UK", "GB")))
            continue
        named = {
            code
            for rule in rules
            if rule.purpose == purpose and bloc in rule.regions
            for code in rule.named_countries
            if bloc_of(code) == bloc
        }
        places.extend([(bloc, None), *((bloc, code) for code in sorted(named))])
    return places


def _outcome(items, rules, context, purpose, places, matched):
    """One evaluation per possible place; where they disagree, uncertain (region-unknown)."""
    outcomes = [
        _purpose(items, rules, context, purpose, bloc, country, matched) for bloc, country in places
    ]
    return outcomes[0] if len(outcomes) == 1 else _merge(outcomes, region_unknown=len(rules) + 1)


def _deletion_unknown(items, rules, context, purpose, places, unknown, outcome):
    """Deleted, but the export does not say when: compare the item deleted right after it
    was made with the item kept until the as-of date; where the answers differ, uncertain."""
    early = items.copy(deep=False)
    removed = items["removed"].to_numpy().copy()
    removed[unknown] = items["created"].to_numpy()[unknown] + 1
    early["removed"] = removed
    other = _outcome(early, rules, context, purpose, places, {})
    status, rule, first = (np.array(a, copy=True) for a in outcome)
    differ = unknown & (other[0] != status)
    status[differ] = STATUSES.index("uncertain")
    rule[differ] = len(rules) + 2
    return status, rule, first


def _purpose(items, rules, context: Context, purpose: str, bloc: str, country, matched: dict):
    n = len(items)
    status = np.full(n, -1, dtype=np.int8)
    deciding = np.full(n, len(rules), dtype=np.int32)  # NO_RULE
    first = np.full(n, OPEN, dtype=np.int64)
    created = items["created"].to_numpy()
    removed = items["removed"].to_numpy()
    kinds = items["kind"]
    by_kind = _rows_by_kind(kinds.cat.codes.to_numpy(), len(kinds.cat.categories))
    codes = {name: code for code, name in enumerate(kinds.cat.categories)}
    public_item = items["public"].to_numpy() if "public" in items else np.ones(n, dtype=bool)
    public = _public_intervals(context)
    as_of = _epoch(context.as_of)
    caps = []
    for index, rule in enumerate(rules):
        if not rule.decides or rule.purpose != purpose or not rule.holds_in(bloc, country):
            continue
        if rule.effect == "caps":
            caps.append(index)
            continue
        rows = _rows_for(rule, by_kind, codes)
        if not len(rows):
            continue
        start = np.maximum(created[rows], _rule_start(rule, context))
        limit = min(
            _epoch(rule.end) if rule.end else OPEN,
            as_of,
            _opt_out(rule.setting, context),
            _opt_out(rule.maybe_setting, context),
        )
        end = np.minimum(removed[rows], limit)
        if rule.requires_public:
            start = _first_within(start, end, public)
            start[~public_item[rows]] = OPEN  # posted to a restricted audience
        elif rule.requires_protected:
            inside = _first_within(start, end, _protected_intervals(context))
            start = np.where(public_item[rows], inside, start)  # restricted audience: all of it
        opened = start < end
        matched[rule.id] = max(matched.get(rule.id, 0), int(opened.sum()))
        rank = STATUSES.index(rule.status)
        current = status[rows]
        better = opened & ((rank > current) | ((rank == current) & (start < first[rows])))
        chosen = rows[better]
        status[chosen], deciding[chosen], first[chosen] = rank, index, start[better]
    for index in caps:
        _cap(rules[index], index, _rows_for(rules[index], by_kind, codes), status, deciding,
             first, matched)  # fmt: skip
    first[status <= 0] = OPEN  # a "not exposed" item has no exposure date
    status[status < 0] = 0
    return status, deciding, first


def _cap(rule: Rule, index: int, rows, status, deciding, first, matched: dict) -> None:
    """Lower items whose deciding window starts inside the cap's period (weak sources)."""
    rank = STATUSES.index(rule.status)
    end = _epoch(rule.end) if rule.end else OPEN
    hit = rows[(status[rows] > rank) & (first[rows] >= _epoch(rule.start)) & (first[rows] < end)]
    matched[rule.id] = max(matched.get(rule.id, 0), len(hit))
    status[hit], deciding[hit] = rank, index


def _rows_by_kind(kinds: np.ndarray, count: int) -> dict[int, np.ndarray]:
    """Row numbers per item kind, so each rule touches only the rows it can apply to."""
    order = np.argsort(kinds, kind="stable")
    bounds = np.searchsorted(kinds[order], np.arange(count + 1))
    return {code: order[bounds[code] : bounds[code + 1]] for code in range(count)}


def _rows_for(rule: Rule, by_kind: dict[int, np.ndarray], codes: dict[str, int]) -> np.ndarray:
    parts = [by_kind[codes[c]] for c in rule.categories]
    return np.concatenate(parts) if len(parts) > 1 else parts[0]


def _merge(outcomes, region_unknown: int):
    """Region unknown: keep results the blocs agree on, call the rest uncertain."""
    statuses = np.stack([o[0] for o in outcomes])
    agree = (statuses == statuses[0]).all(axis=0)
    status, rule, first = (np.array(a, copy=True) for a in outcomes[0])
    status[~agree] = STATUSES.index("uncertain")
    rule[~agree] = region_unknown
    first[~agree] = np.stack([o[2] for o in outcomes]).min(axis=0)[~agree]
    return status, rule, first


def _rule_start(rule: Rule, context: Context) -> int:
    """A minimum age moves the start to the birthday; a declared minor never qualifies.
    A rule that starts with an opt-out starts then, or never if there was none."""
    start = _epoch(rule.start)
    if rule.after_opt_out != "none":
        start = max(start, _opt_out(rule.after_opt_out, context))  # none: OPEN, no window
    if rule.min_age and context.settings.adult is False and context.settings.birth_date is None:
        return OPEN
    if rule.min_age and context.settings.birth_date is not None:
        birth = context.settings.birth_date
        try:
            adult = birth.replace(year=birth.year + rule.min_age)
        except ValueError:  # born on 29 February
            adult = birth.replace(year=birth.year + rule.min_age, day=28)
        start = max(start, _epoch(datetime(adult.year, adult.month, adult.day)))
    return start


def _opt_out(setting: str, context: Context) -> int:
    """When the window closes because of this setting: its opt-out date, else never."""
    if setting == "none":
        return OPEN
    choice = context.settings.opt_out(setting)
    return _epoch(choice.when) if choice.state == "date" else OPEN


def _protected_intervals(context: Context) -> list[tuple[int, int]]:
    return sorted(context.protected)


def _public_intervals(context: Context) -> list[tuple[int, int]]:
    """The complement of the protected intervals, as sorted [start, end) pairs."""
    intervals, cursor = [], NEVER
    for start, end in sorted(context.protected):
        if start > cursor:
            intervals.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < OPEN:
        intervals.append((cursor, OPEN))
    return intervals


def _first_within(start: np.ndarray, end: np.ndarray, public) -> np.ndarray:
    """Earliest moment in [start, end) that falls in one of the intervals; OPEN if none."""
    best = np.full(len(start), OPEN, dtype=np.int64)
    for low, high in public:  # few account-level intervals: a loop over them, not over items
        candidate = np.maximum(start, low)
        fits = (candidate < np.minimum(end, high)) & (candidate < best)
        best[fits] = candidate[fits]
    return best


def _epoch(moment: datetime | None) -> int:
    if moment is None:
        return OPEN
    stamp = pd.Timestamp(moment)
    return int((stamp if stamp.tzinfo else stamp.tz_localize("UTC")).timestamp())


SCENARIOS = ("opt_out_today", "protect_today", "opt_out_when_offered")


def first_offered(setting) -> datetime:
    """The first day an opt-out existed (a vocabulary Setting)."""
    day = setting.first_offered
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def what_if(
    items: pd.DataFrame,
    rules: tuple[Rule, ...],
    context: Context,
    baseline: Exposure | None = None,
    vocabulary: Vocabulary | None = None,
) -> dict:
    """Status totals per purpose had the user acted differently (opt-outs are not retroactive).

    Only the scenarios the platform's vocabulary declares. opt_out_today: every setting
    switched off on the as-of date; protect_today: the account protected from the as-of date;
    opt_out_when_offered: every setting switched off the day it first existed (earlier
    opt-outs are kept). Every window already ends at the as-of date, so acting on that date
    cannot change a status: given the baseline, the two "today" scenarios reuse its totals
    (tests check this against a full evaluation).
    """
    scenarios = vocabulary.scenarios if vocabulary is not None else SCENARIOS
    settings = vocabulary.settings if vocabulary is not None else ()
    results = {}
    for scenario in scenarios:
        if baseline is not None and scenario != "opt_out_when_offered":
            outcome = baseline
        else:
            outcome = evaluate(items, rules, scenario_context(context, scenario, settings))
        results[scenario] = {p: outcome.totals(p) for p in context.purpose_ids(rules)}
    return results


def scenario_context(context: Context, scenario: str, settings=()) -> Context:
    chosen, today = context.settings, context.as_of
    if scenario == "protect_today":
        return replace(context, protected=context.protected + ((_epoch(today), OPEN),))
    changes = {
        s.id: _earlier(
            chosen.opt_out(s.id), today if scenario == "opt_out_today" else first_offered(s)
        )
        for s in settings
    }
    return replace(context, settings=chosen.with_opt_outs(changes))


def _earlier(choice: OptOut, moment: datetime) -> OptOut:
    if choice.state == "date" and choice.when <= moment:
        return choice
    return OptOut("date", moment)
