"""Where the account holder lives: declared by them, or inferred from archive signals.

Each signal is parsed into (country, weight, date). Dated signals (login IPs) lose half their
weight every 180 days before the archive's date. The country with most weight wins; the share
of weight it holds is the confidence. Evidence is kept, masked, so the report can show it.
No lookup ever leaves the machine: IP addresses are mapped with iptocc's bundled registry data.
"""

from __future__ import annotations

import gettext
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib.metadata import version
from importlib.resources import files

import phonenumbers

from .dataset import Signal
from .i18n import N_

WEIGHTS = {
    "phone": 3.0,
    "login_ip": 2.5,  # shared among all logins, by recency
    "timezone": 2.0,
    "location_history": 2.0,  # shared among the places of the last 60 days
    "profile_location": 1.5,
    "email_domain": 1.0,
    "creation_ip": 0.5,
    "language": 0.5,
}
LOW_CONFIDENCE = 0.8
HALF_LIFE_DAYS = 180
CANDIDATE_SHARE = 0.2
TRANSLATIONS = (
    "de",
    "fr",
    "es",
    "it",
    "nl",
    "pt",
    "pl",
    "sv",
    "da",
    "fi",
    "ja",
    "ko",
    "zh_CN",
    "ru",
    "tr",
    "el",
    "cs",
    "hu",
    "ro",
    "ar",
)
GENERIC_TLDS = {"com", "net", "org", "io", "me", "co", "info", "edu", "gov", "app", "dev"}


@dataclass(frozen=True)
class Evidence:
    signal: str
    value: str  # masked: never a full phone number, e-mail address or IP address
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
        if self.source == "declared":
            return False
        return self.bloc == "unknown" or self.confidence < LOW_CONFIDENCE or bool(self.candidates)


def bloc_of(country: str | None) -> str:
    """EU_EEA, UK, CH or ROW, from the membership data in auditor/data/blocs.tsv."""
    if not country:
        return "unknown"
    country = country.upper()
    return blocs().get("GB" if country == "UK" else country, "ROW")


@cache
def blocs() -> dict[str, str]:
    """ISO code → bloc; codes not listed are the rest of the world."""
    text = (files("auditor.data") / "blocs.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1] for row in rows if len(row) >= 2}


def declared(country: str) -> Region:
    code = country.strip().upper()
    code = "GB" if code == "UK" else code
    return Region(code, bloc_of(code), 1.0, "declared")


def infer(signals: list[Signal], as_of: datetime | None = None) -> Region:
    evidence = tuple(_evidence(signals, as_of))
    scores: dict[str, float] = defaultdict(float)
    for item in evidence:
        if item.country:
            scores[item.country] += item.weight
    if not scores:
        return Region(None, "unknown", 0.0, "inferred", evidence)
    total = sum(scores.values())
    country = max(sorted(scores), key=scores.get)
    bloc_weight: dict[str, float] = defaultdict(float)
    for code, weight in scores.items():
        bloc_weight[bloc_of(code)] += weight
    others = sorted(
        b for b, w in bloc_weight.items() if b != bloc_of(country) and w >= CANDIDATE_SHARE * total
    )
    return Region(
        country,
        bloc_of(country),
        round(scores[country] / total, 2),
        "inferred",
        evidence,
        tuple(others),
    )


IP_DATA_NOTE = N_(
    "IP addresses are mapped to the country they are registered to with iptocc %(version)s "
    "(MIT/Apache-2.0; data: the five regional internet registries' delegation files bundled "
    "in that release, no network lookup); a VPN or travel shows up as another country."
)


def ip_lookup_version() -> str:
    try:
        return version("iptocc")
    except Exception:  # noqa: BLE001 - metadata missing in odd installs
        return "unknown"


def ip_data_note() -> str:
    """For the report's method section: where IP countries come from."""
    return IP_DATA_NOTE % {"version": ip_lookup_version()}


# -- signals → evidence ------------------------------------------------------------------------


def _evidence(signals: list[Signal], as_of: datetime | None):
    by_kind: dict[str, list[Signal]] = defaultdict(list)
    for signal in signals:
        by_kind[signal.kind].append(signal)
    for kind in (
        "phone",
        "timezone",
        "email_domain",
        "profile_location",
        "creation_ip",
        "language",
    ):
        for signal in _unique(by_kind.get(kind, [])):
            yield _single(signal)
    yield from _shared("login_ip", by_kind.get("login_ip", []), as_of)
    yield from _shared("location_history", by_kind.get("location_history", []), as_of)


def _unique(signals: list[Signal]) -> list[Signal]:
    seen, result = set(), []
    for signal in signals:
        if signal.value not in seen:
            seen.add(signal.value)
            result.append(signal)
    return result


def _single(signal: Signal) -> Evidence:
    weight = WEIGHTS[signal.kind]
    value = signal.value
    if signal.kind == "phone":
        return Evidence("phone", _mask_phone(value), _phone_country(value), weight)
    if signal.kind == "timezone":
        return Evidence("timezone", value[:60], timezones().get(value), weight)
    if signal.kind == "email_domain":
        tld = value.rsplit(".", 1)[-1].lower()
        country = None if tld in GENERIC_TLDS else ("GB" if tld == "uk" else tld.upper())
        country = country if country and len(country) == 2 else None
        return Evidence("email_domain", f"…@….{tld}", country, weight)
    if signal.kind == "creation_ip":
        return Evidence("creation_ip", _mask_ip(value), _ip_country(value), weight)
    if signal.kind == "language":
        return Evidence("language", value, languages().get(value), weight)
    return Evidence(signal.kind, value[:60], place_country(value), weight)


def _shared(kind: str, signals: list[Signal], as_of: datetime | None):
    """Many rows of one kind share its weight: one evidence row per country, by recency."""
    if not signals:
        return
    lookup = _ip_country if kind == "login_ip" else place_country
    decay = [_decay(s.when, as_of) for s in signals]
    total = sum(decay) or 1.0
    groups: dict[str | None, list[tuple[Signal, float]]] = defaultdict(list)
    for signal, weight in zip(signals, decay, strict=True):
        groups[lookup(signal.value)].append((signal, weight))
    for country, rows in sorted(groups.items(), key=lambda g: -sum(w for _, w in g[1])):
        share = sum(w for _, w in rows) / total
        latest = max((s.when for s, _ in rows if s.when), default=None)
        label = _mask_ip(rows[0][0].value) if kind == "login_ip" else rows[0][0].value[:60]
        text = f"{len(rows)} of {len(signals)}, e.g. {label}"
        if latest:
            text += f", latest {latest:%Y-%m-%d}"
        yield Evidence(kind, text, country, round(WEIGHTS[kind] * share, 2))


def _decay(when: datetime | None, as_of: datetime | None) -> float:
    if when is None or as_of is None:
        return 1.0
    age = max((as_of - when).days, 0)
    return 0.5 ** (age / HALF_LIFE_DAYS)


def _phone_country(value: str) -> str | None:
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(value, None))
    except phonenumbers.NumberParseException:
        return None


def _mask_phone(value: str) -> str:
    try:
        return f"+{phonenumbers.parse(value, None).country_code}…"
    except phonenumbers.NumberParseException:
        return "…"


def _ip_country(value: str) -> str | None:
    import iptocc  # bundled registry data; ~1 ms to load

    try:
        return iptocc.country_code(value.strip())
    except (ValueError, TypeError):
        return None


def _mask_ip(value: str) -> str:
    value = value.strip()
    if ":" in value:
        return ":".join(value.split(":")[:2]) + ":…"
    parts = value.split(".")
    return ".".join(parts[:3] + ["x"]) if len(parts) == 4 else "…"


# -- reference data ----------------------------------------------------------------------------


def _table(name: str) -> dict[str, str]:
    text = (files("auditor.data") / name).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[-1] for row in rows if len(row) >= 2 and row[-1]}


@cache
def timezones() -> dict[str, str]:
    """X's Rails-style timezone names → ISO country."""
    return _table("rails_timezones.tsv")


@cache
def languages() -> dict[str, str]:
    return _table("languages.tsv")


def _flag(text: str) -> str | None:
    """A flag emoji is two regional-indicator letters: 🇩🇪 → DE."""
    letters = [chr(ord(ch) - 0x1F1E6 + 65) for ch in text if 0x1F1E6 <= ord(ch) <= 0x1F1FF]
    return "".join(letters[:2]) if len(letters) >= 2 else None


def fold(text: str) -> str:
    """Case- and accent-insensitive form ("Zürich" → "zurich"), scripts other than Latin kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip(" .\t")


@cache
def gazetteer() -> dict[str, str]:
    """Country names in several languages (pycountry), then short forms, demonyms and cities."""
    import pycountry

    names: dict[str, str] = {}
    catalogs = [gettext.NullTranslations()]
    for language in TRANSLATIONS:
        try:
            catalogs.append(
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
            )
        except OSError:
            continue
    for country in pycountry.countries:
        for catalog in catalogs:
            for name in (country.name, getattr(country, "common_name", None)):
                if name:
                    names.setdefault(fold(catalog.gettext(name)), country.alpha_2)
    names.update({fold(name): code for name, code in _table("places.tsv").items()})
    return names


def place_country(text: str) -> str | None:
    """A country for free text such as "Lyon, France", "東京" or "🇩🇪", or None when unsure."""
    flag = _flag(text)
    if flag:
        return flag
    index = gazetteer()
    segments = [fold(part) for part in text.replace("/", ",").replace("|", ",").split(",")]
    found = [index[s] for s in segments if s in index]
    if not found:
        whole = fold(text)
        return index.get(whole)
    return found[-1]  # "Paris, Texas": the last named place is the widest
