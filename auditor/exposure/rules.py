"""Policy rules: loaded from the TOML files in each platform's `rules/`, validated against
that platform's vocabulary (categories, purposes, settings), immutable.

One file per platform and policy version. Adding a policy version is adding a file.

Weak-source principle (enforced by `_validate`): a rule can make an item *not exposed* only
on primary text or the platform's own help pages. Press reports, and newspapers quoting a
regulator, can at most move an item from exposed to uncertain. A rule of kind "context" (a
text that binds someone else, e.g. API developers) is shown in the method section and never
decides an item's status. The settings a user can opt out of, and the first day each was
offered, are the platform's vocabulary.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache

from ..errors import PolicyError

REGIONS = ("EU_EEA", "UK", "CH", "ROW")
STATUSES = ("not_exposed", "uncertain", "withdrawn", "exposed")  # weakest → strongest
REPORT_ORDER = tuple(reversed(STATUSES))  # how tables and the JSON list them
STRENGTHS = ("primary", "help", "regulator", "press")
DECISIVE = ("primary", "help")  # the only strengths that can make an item not exposed
KINDS = ("decides", "context")
EFFECTS = ("allows", "caps")  # caps: lowers the status of items other rules decided
RULE_KEYS = {
    "kind",
    "effect",
    "maybe_setting",
    "after_opt_out",
    "requires_protected",
    "id",
    "purpose",
    "categories",
    "regions",
    "start",
    "end",
    "setting",
    "requires_public",
    "status",
    "min_age",
    "explanation",
    "reason",
    "source",
    "setting_default",
    "countries",
    "except_countries",
}


@dataclass(frozen=True)
class Source:
    url: str
    clause: str
    strength: str
    effective: date | None
    # When the clause was last checked against this address. 2026-08-22 marks a press quote
    # taken over from the reference (its newest sources are of that date) and not re-checked.
    retrieved: date
    archived: str = ""  # an archived copy (Open Terms Archive commit), where one exists


@dataclass(frozen=True)
class Rule:
    id: str
    policy_id: str
    platform: str
    policy_title: str
    purpose: str
    categories: tuple[str, ...]
    regions: tuple[str, ...]
    start: datetime
    end: datetime | None
    setting: str
    setting_default: str
    requires_public: bool
    status: str
    min_age: int | None
    explanation: str
    reason: str
    sources: tuple[Source, ...]
    kind: str = "decides"
    effect: str = "allows"
    maybe_setting: str = "none"  # a toggle that may control this use: its opt-out ends the window
    after_opt_out: str = "none"  # the window starts when the user opted out of this setting
    requires_protected: bool = False  # only while the account was protected (or not public)
    # Some terms treat a few countries apart from the rest of their bloc (LinkedIn trained in
    # Canada later than elsewhere in ROW). `countries`: the rule holds only there;
    # `except_countries`: everywhere in its regions but there. ISO 3166-1 alpha-2 codes.
    countries: tuple[str, ...] = ()
    except_countries: tuple[str, ...] = ()

    @property
    def strength(self) -> str:
        """The first source is the rule's basis; the others support or contrast it."""
        return self.sources[0].strength

    @property
    def decides(self) -> bool:
        return self.kind == "decides"

    @property
    def named_countries(self) -> tuple[str, ...]:
        return self.countries or self.except_countries

    def holds_in(self, bloc: str, country: str | None) -> bool:
        """Whether the rule applies to an account of this bloc and country (None: a country
        of the bloc that no rule names)."""
        if bloc not in self.regions:
            return False
        if self.countries:
            return country in self.countries
        return country not in self.except_countries


def load_rules(platform=None) -> tuple[Rule, ...]:
    """The bundled rules of one platform (a Platform or its name; every platform's if None),
    sorted by start date then id."""
    from ..platforms import platforms

    if platform is None:
        return tuple(rule for known in platforms() for rule in _platform_rules(known.name))
    return _platform_rules(platform if isinstance(platform, str) else platform.name)


@cache
def _platform_rules(name: str) -> tuple[Rule, ...]:
    from ..platforms import get_platform, rule_files

    platform = get_platform(name)
    rules: list[Rule] = []
    for entry in rule_files(platform):
        text = entry.read_text(encoding="utf-8")
        rules.extend(parse_rule_file(text, entry.name, platform.vocabulary))
    ids = [rule.id for rule in rules]
    if len(ids) != len(set(ids)):
        raise PolicyError("two bundled rules share an id; this is a packaging bug")
    return tuple(sorted(rules, key=lambda rule: (rule.start, rule.id)))


def parse_rule_file(text: str, name: str = "<rules>", vocabulary=None) -> list[Rule]:
    """`vocabulary`: the platform's, whose categories, purposes and settings the rules may
    name (the platform the file names, if not given)."""
    try:
        data = tomllib.loads(text)
        policy = data["policy"]
        if vocabulary is None:
            from ..platforms import get_platform

            vocabulary = get_platform(str(policy["platform"])).vocabulary
        return [_rule(raw, policy, vocabulary) for raw in data["rule"]]
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise PolicyError(f"rule file {name} is invalid: {error}") from None


def _rule(raw: dict, policy: dict, vocabulary) -> Rule:
    unknown = set(raw) - RULE_KEYS
    _require(not unknown, f"unknown keys {sorted(unknown)}")
    rule = Rule(
        id=str(raw["id"]),
        policy_id=str(policy["id"]),
        platform=str(policy["platform"]),
        policy_title=str(policy["title"]),
        purpose=raw["purpose"],
        categories=tuple(raw["categories"]),
        regions=tuple(raw["regions"]),
        start=_moment(raw["start"]),
        end=_moment(raw["end"]) if "end" in raw else None,
        setting=raw.get("setting", "none"),
        setting_default=raw.get("setting_default", "on"),
        requires_public=bool(raw.get("requires_public", False)),
        status=raw["status"],
        min_age=raw.get("min_age"),
        explanation=str(raw["explanation"]).strip(),
        reason=str(raw.get("reason", "")).strip(),
        sources=tuple(_source(s) for s in raw["source"]),
        kind=raw.get("kind", "decides"),
        effect=raw.get("effect", "allows"),
        maybe_setting=raw.get("maybe_setting", "none"),
        after_opt_out=raw.get("after_opt_out", "none"),
        requires_protected=bool(raw.get("requires_protected", False)),
        countries=tuple(raw.get("countries", ())),
        except_countries=tuple(raw.get("except_countries", ())),
    )
    _validate(rule, vocabulary)
    return rule


def _validate(rule: Rule, vocabulary) -> None:
    where = f"rule {rule.id}"
    _require(rule.platform == vocabulary.platform, f"{where}: platform {rule.platform!r}")
    _require(rule.purpose in vocabulary.purpose_ids, f"{where}: purpose {rule.purpose!r}")
    categories = set(vocabulary.category_ids)
    _require(rule.categories and set(rule.categories) <= categories, f"{where}: categories")
    _require(rule.regions and set(rule.regions) <= set(REGIONS), f"{where}: regions")
    _require(rule.status in STATUSES, f"{where}: status {rule.status!r}")
    settings = {"none", *(setting.id for setting in vocabulary.settings)}
    for key in (rule.setting, rule.maybe_setting, rule.after_opt_out):
        _require(key in settings, f"{where}: setting {key!r}")
    _require(rule.kind in KINDS, f"{where}: kind {rule.kind!r}")
    _require(rule.effect in EFFECTS, f"{where}: effect {rule.effect!r}")
    _require(
        not (rule.requires_public and rule.requires_protected), f"{where}: public or protected"
    )
    _require(rule.setting_default in ("on", "off"), f"{where}: setting_default")
    _require(rule.end is None or rule.end > rule.start, f"{where}: end before start")
    _require(rule.status != "uncertain" or rule.reason, f"{where}: uncertain needs a reason")
    _require(rule.min_age is None or 0 < rule.min_age < 100, f"{where}: min_age")
    _require(len(rule.explanation) > 20, f"{where}: explanation")
    _require(bool(rule.sources), f"{where}: at least one source")
    _check_countries(rule, where)
    _check_strength(rule, where)


def _check_countries(rule: Rule, where: str) -> None:
    """Upper-case ISO codes, one list or the other, each in one of the rule's regions (a
    country outside them could never match, which is a mistake in the file)."""
    if not rule.named_countries:
        return
    from ..region import bloc_of  # only rule files that name countries need the bloc table

    _require(
        not (rule.countries and rule.except_countries),
        f"{where}: countries or except_countries, not both",
    )
    for code in rule.named_countries:
        _require(
            isinstance(code, str) and len(code) == 2 and code.isascii() and code.isupper(),
            f"{where}: country {code!r} is not an upper-case ISO 3166-1 alpha-2 code",
        )
        _require(
            code != "UK" and bloc_of(code) in rule.regions,
            f"{where}: country {code!r} is not in the rule's regions {list(rule.regions)}",
        )


def _check_strength(rule: Rule, where: str) -> None:
    """The weak-source principle: what a rule may conclude depends on its best source."""
    if not rule.decides:
        return
    strengths = {source.strength for source in rule.sources}
    _require(rule.effect != "caps" or rule.status != "exposed", f"{where}: a cap cannot expose")
    if rule.status == "not_exposed":
        _require(
            strengths & set(DECISIVE),
            f"{where}: only policy text or the platform's help pages can make items not "
            "exposed; press or regulator sources can at most make them uncertain",
        )
    elif rule.status == "withdrawn":
        _require(strengths - {"press"}, f"{where}: press alone can at most make items uncertain")


def _source(raw: dict) -> Source:
    source = Source(
        str(raw["url"]),
        str(raw["clause"]).strip(),
        raw["strength"],
        raw.get("effective"),
        raw["retrieved"],
        str(raw.get("archived", "")),
    )
    _require(isinstance(source.retrieved, date), "source retrieved: a date (YYYY-MM-DD)")
    _require(
        source.url.startswith("https://") or source.url.startswith("http://"),
        f"source url {source.url!r}",
    )
    _require(len(source.clause) > 10, "source clause")
    _require(source.strength in STRENGTHS, f"source strength {source.strength!r}")
    return source


def _moment(value) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    raise ValueError(f"not a date: {value!r}")


def _require(condition, message: str) -> None:
    if not condition:
        raise ValueError(message)


def rule_by_id(rule_id: str) -> Rule | None:
    return next((rule for rule in load_rules() if rule.id == rule_id), None)
