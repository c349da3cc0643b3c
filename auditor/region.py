"""Where the account holder lives: declared by them, or inferred from archive signals.

Each signal gives a country and a weight; the country with most weight wins, and the share of
weight it holds is the confidence. Evidence is kept (masked) so the report can show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import phonenumbers

from .dataset import Signal

EU_EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
    ]
)
BLOCS = ("EU_EEA", "UK", "CH", "ROW")
WEIGHTS = {"phone": 3.0, "timezone": 2.0, "email_domain": 1.0}
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Evidence:
    signal: str
    value: str  # masked: never a full phone number or e-mail address
    country: str | None
    weight: float


@dataclass(frozen=True)
class Region:
    country: str | None
    bloc: str  # EU_EEA | UK | CH | ROW | unknown
    confidence: float
    source: str  # declared | inferred
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)
    candidates: tuple[str, ...] = ()  # other blocs the evidence points to

    @property
    def uncertain(self) -> bool:
        return self.bloc == "unknown" or self.confidence < LOW_CONFIDENCE


def bloc_of(country: str | None) -> str:
    if not country:
        return "unknown"
    country = country.upper()
    if country in EU_EEA:
        return "EU_EEA"
    if country in ("GB", "UK"):
        return "UK"
    return "CH" if country == "CH" else "ROW"


def declared(country: str) -> Region:
    code = country.strip().upper()
    code = "GB" if code == "UK" else code
    return Region(code, bloc_of(code), 1.0, "declared")


def infer(signals: list[Signal]) -> Region:
    evidence = tuple(e for e in (_interpret(s) for s in signals) if e is not None)
    scores: dict[str, float] = {}
    for item in evidence:
        if item.country:
            scores[item.country] = scores.get(item.country, 0.0) + item.weight
    if not scores:
        return Region(None, "unknown", 0.0, "inferred", evidence)
    total = sum(scores.values())
    country = max(sorted(scores), key=scores.get)
    blocs = sorted({bloc_of(c) for c in scores} - {bloc_of(country)})
    return Region(
        country,
        bloc_of(country),
        round(scores[country] / total, 2),
        "inferred",
        evidence,
        tuple(blocs),
    )


def _interpret(signal: Signal) -> Evidence | None:
    weight = WEIGHTS.get(signal.kind)
    if weight is None:
        return None
    if signal.kind == "phone":
        return Evidence("phone", _mask_phone(signal.value), _phone_country(signal.value), weight)
    if signal.kind == "timezone":
        return Evidence("timezone", signal.value[:60], timezones().get(signal.value), weight)
    tld = signal.value.rsplit(".", 1)[-1].lower()
    country = "GB" if tld == "uk" else (tld.upper() if len(tld) == 2 else None)
    return Evidence("email_domain", f"…@….{tld}", country, weight)


def _phone_country(value: str) -> str | None:
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.region_code_for_number(number)


def _mask_phone(value: str) -> str:
    try:
        return f"+{phonenumbers.parse(value, None).country_code}…"
    except phonenumbers.NumberParseException:
        return "…"


@cache
def timezones() -> dict[str, str]:
    """Rails timezone name → ISO country, from the bundled data file."""
    text = (files("auditor.data") / "rails_timezones.tsv").read_text(encoding="utf-8")
    mapping = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _zone, country = (line.split("\t") + [""])[:3]
            if country:
                mapping[name] = country
    return mapping
