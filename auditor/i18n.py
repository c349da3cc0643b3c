"""The report in the reader's language: gettext catalogs (one .po file per language) and
locale-aware numbers and dates (Babel).

Adding a language is adding `auditor/locales/<code>.po`. Policy clauses stay in the language
of their source; their plain-language explanations are translated like any other string.

    python -m auditor.i18n update    # add new strings to every catalog, drop stale ones
"""

from __future__ import annotations

import io
import re
import sys
import tomllib
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

LANGUAGES = ("en", "de", "fr", "es")
COUNTRY_LANGUAGE = {
    **dict.fromkeys(("DE", "AT", "CH", "LI"), "de"),
    **dict.fromkeys(("FR", "BE", "LU", "MC"), "fr"),
    **dict.fromkeys(
        (
            "ES",
            "MX",
            "AR",
            "CO",
            "CL",
            "PE",
            "VE",
            "EC",
            "GT",
            "CU",
            "BO",
            "DO",
            "HN",
            "PY",
            "SV",
            "NI",
            "CR",
            "PA",
            "UY",
        ),
        "es",
    ),
}

KEYWORDS = {"_": None, "N_": None, "t": None, "gettext": None, "Note": None}


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    """Mark a string for translation where it is defined; it is translated where shown."""
    return text


def language_for(requested: str | None, country: str | None) -> str:
    """The requested language if shipped, else the country's main shipped language."""
    if requested:
        code = requested.strip().lower().replace("_", "-").split("-")[0]
        if code not in LANGUAGES:
            raise ValueError(code)
        return code
    return COUNTRY_LANGUAGE.get((country or "").upper(), "en")


@cache
def translations(language: str) -> Translations:
    if language == "en":
        return Translations()  # the source strings are English
    catalog = read_po(io.StringIO(_po_text(language)), locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


# The report's English prose says "24 April 2025" (its terms are mostly European); dates from
# the formatter must read the same way, not "April 24, 2025" beside it.
DATE_LOCALE = {"en": "en_GB"}
QUOTES = {
    "en": ("\u201c", "\u201d"),  # “…”
    "de": ("\u201e", "\u201c"),  # „…“
    "fr": ("\u00ab\u00a0", "\u00a0\u00bb"),  # « … » with no-break spaces
    "es": ("\u00ab", "\u00bb"),  # «…»
}


def number(value: int | float, language: str) -> str:
    return format_decimal(value, locale=language)


def percent(share: float, language: str) -> str:
    """A share (0.98) as the language writes a percentage: "98%", "98 %", "98 %"."""
    return format_percent(share, locale=language)


def quoted(text: str, language: str) -> str:
    opening, closing = QUOTES.get(language, QUOTES["en"])
    return f"{opening}{text}{closing}"


def day(value: str | None, language: str) -> str:
    """An ISO date or datetime string as a long local date ("15. November 2024")."""
    if not value:
        return "—"
    moment = date.fromisoformat(value[:10])
    if moment.year < 1000:  # the long form would say "26 July 1"; the ISO form shows the odd year
        return moment.isoformat()
    return format_date(moment, format="long", locale=DATE_LOCALE.get(language, language))


def month(value: str, language: str) -> str:
    """An ISO month ("2024-11") as the language names it: "November 2024", "novembre 2024"."""
    moment = date(int(value[:4]), int(value[5:7]), 1)
    return format_date(moment, format="LLLL y", locale=DATE_LOCALE.get(language, language))


def language_name(language: str) -> str:
    return Locale.parse(language).get_display_name(language).capitalize()


# -- catalogs ----------------------------------------------------------------------------------


def _locales() -> Path:
    return Path(str(files("auditor") / "locales"))


def _po_text(language: str) -> str:
    return (_locales() / f"{language}.po").read_text(encoding="utf-8")


# The translated templates (batch.html.j2 is English only: it is for whoever runs a batch).
TEMPLATES = ("report.html.j2", "card.html.j2", "combined.html.j2")


def source_messages() -> set[str]:
    """Every translatable string: template, Python modules, rule explanations and reasons."""
    from .render.assets import templates_dir

    found: set[str] = set()
    options = {"extensions": "jinja2.ext.i18n", "trimmed": "true"}
    for name in TEMPLATES:
        template = templates_dir() / name
        for _, message, _, _ in extract_from_file("jinja2", template, KEYWORDS, options=options):
            found.add(message if isinstance(message, str) else message[0])
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        for _, message, _, _ in extract_from_file("python", path, KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
    for path in sorted(_translated_rule_files()):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found.add(data["policy"]["title"])
        for rule in data["rule"]:
            found.update(rule[key].strip() for key in ("explanation", "reason") if key in rule)
    return {m.strip() for m in found if m and m.strip()}


def _translated_rule_files() -> list[Path]:
    """The rule files of the platforms whose vocabulary says their rule texts are in the
    catalogs (a new platform's rules print in English until it is translated)."""
    from .platforms import platforms, rule_files

    return [
        Path(str(entry))
        for platform in platforms()
        if platform.vocabulary.rules_translated
        for entry in rule_files(platform)
    ]


def catalog_problems(language: str) -> list[str]:
    """Missing, stale or untranslated strings, and placeholders that do not match."""
    catalog = read_po(io.StringIO(_po_text(language)), locale=language)
    wanted = source_messages()
    have = {m.id for m in catalog if m.id}
    problems = [f"missing: {m!r}" for m in sorted(wanted - have)]
    problems += [f"stale: {m!r}" for m in sorted(have - wanted)]
    for message in catalog:
        if message.id and not message.string:
            problems.append(f"untranslated: {message.id!r}")
        elif message.id and _fields(message.id) != _fields(message.string):
            problems.append(f"placeholders differ: {message.id!r}")
    return problems


def _fields(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)s", text))


def update() -> None:
    """Bring every catalog in line with the source strings, keeping translations."""
    wanted = sorted(source_messages())
    for language in LANGUAGES[1:]:
        path = _locales() / f"{language}.po"
        old = read_po(path.open(encoding="utf-8"), locale=language) if path.exists() else None
        catalog = Catalog(locale=language, project="auditor", charset="utf-8", fuzzy=False)
        for message in wanted:
            previous = old.get(message) if old else None
            catalog.add(message, previous.string if previous else "")
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=100, omit_header=False, sort_output=True)
        path.write_bytes(buffer.getvalue())
        print(f"{path}: {len(wanted)} strings", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:] == ["update"]:
        update()
    else:
        print(__doc__)
