"""`--ask`: ask only what the archive could not tell, one plain sentence per question."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .errors import SettingsError
from .region import Region
from .settings import (
    OPT_OUT_NAMES,
    Settings,
    check_opt_out,
    parse_birth_date,
    parse_country,
    parse_opt_out,
    parse_period,
)

Prompt = Callable[[str], str]

GROK = (
    'Did you ever untick "Allow your public data ... to be used for training and '
    'fine-tuning"? It is in Settings and privacy > Privacy and safety > Data sharing and '
    'personalization > Grok & Third-party Collaborators (called "Grok" until 2025).'
)
# Not "Data sharing with business partners": privacy policy §3.1 says that option does not
# control sharing described elsewhere, and the collaborators clause is §3.2.
COLLABORATORS = (
    "Apart from that checkbox, did X ever offer you, and did you use, an opt-out from "
    'sharing with "third-party collaborators" (privacy policy §3.2)? Not "Data sharing '
    'with business partners", which X says does not control it.'
)
DATE_HINT = "Type the date (YYYY-MM-DD), 'never', or press Enter if you don't know"


def ask(settings: Settings, region: Region, birth_known: bool, prompt: Prompt) -> Settings:
    """Fill in what is unknown; every question accepts Enter for "don't know"."""
    if not settings.region and region.uncertain:
        guess = f" auditor's best guess is {region.country}" if region.country else ""
        answer = _ask(
            prompt,
            f"Which country do you live in?{guess}. Type its two-letter "
            "code (DE, US, GB...) or press Enter to keep the guess",
            lambda a: parse_country(a, "country"),
        )
        settings = replace(settings, region=answer) if answer else settings
    if settings.x_training.state == "unknown":
        answer = _ask(prompt, f"{GROK} {DATE_HINT}", lambda a: _opt_out(a, "x_training"))
        settings = replace(settings, x_training=answer) if answer else settings
    if settings.third_party_training.state == "unknown":
        question = f"{COLLABORATORS} {DATE_HINT}"
        answer = _ask(prompt, question, lambda a: _opt_out(a, "third_party_training"))
        settings = replace(settings, third_party_training=answer) if answer else settings
    if not settings.protected_periods:
        answer = _ask(
            prompt,
            "Was your account ever protected (only followers could see your "
            "posts)? X's archive only shows the last six months. Type periods "
            "as START..END separated by commas (END may be empty), or press "
            "Enter for no / don't know",
            _periods,
        )
        settings = replace(settings, protected_periods=answer) if answer else settings
    if not birth_known and settings.birth_date is None and settings.adult is None:
        answer = _ask(
            prompt,
            "Are you 18 or older? Some rules only cover adults' posts. "
            "Type yes, no, a birth date (YYYY-MM-DD), or press Enter",
            _age,
        )
        if isinstance(answer, bool):
            settings = replace(settings, adult=answer)
        elif answer:
            settings = replace(settings, birth_date=answer)
    return settings


def _ask(prompt: Prompt, question: str, parse):
    message = question
    while True:
        answer = prompt(message).strip()
        if not answer:
            return None
        try:
            return parse(answer)
        except SettingsError as error:
            message = f"Sorry, {error}. {question}"


def _opt_out(text: str, key: str):
    choice = parse_opt_out(text, "date")
    check_opt_out(choice, key, OPT_OUT_NAMES[key].removeprefix("--"))
    return choice


def _periods(text: str):
    return tuple(parse_period(part.strip(), "period") for part in text.split(",") if part.strip())


def _age(text: str):
    lowered = text.lower()
    if lowered in ("y", "yes", "ja", "oui", "si", "sí"):
        return True
    if lowered in ("n", "no", "nein", "non"):
        return False
    return parse_birth_date(text, "birth date")
