"""`--ask`: ask only what the archive could not tell, one plain sentence per question."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .errors import SettingsError
from .platforms import Vocabulary, say
from .region import Region
from .settings import (
    Settings,
    check_opt_out,
    flag_name,
    parse_birth_date,
    parse_country,
    parse_opt_out,
    parse_period,
)

Prompt = Callable[[str], str]

DATE_HINT = "Type the date (YYYY-MM-DD), 'never', or press Enter if you don't know"


def ask(
    settings: Settings,
    region: Region,
    birth_known: bool,
    prompt: Prompt,
    vocabulary: Vocabulary | None = None,
) -> Settings:
    """Fill in what is unknown; every question accepts Enter for "don't know". Only the
    settings the platform's vocabulary declares are asked about."""
    if not settings.region and region.uncertain:
        guess = f" auditor's best guess is {region.country}" if region.country else ""
        answer = _ask(
            prompt,
            f"Which country do you live in?{guess}. Type its two-letter "
            "code (DE, US, GB...) or press Enter to keep the guess",
            lambda a: parse_country(a, "country"),
        )
        settings = replace(settings, region=answer) if answer else settings
    for setting in vocabulary.settings if vocabulary else ():
        if settings.opt_out(setting.id).state == "unknown":
            question = f"{say(setting.question, 'en', str)} {DATE_HINT}"
            answer = _ask(prompt, question, lambda a, s=setting: _opt_out(a, s))
            settings = settings.with_opt_outs({setting.id: answer}) if answer else settings
    if not settings.protected_periods and vocabulary and vocabulary.restricted_question:
        answer = _ask(prompt, say(vocabulary.restricted_question, "en", str), _periods)
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


def _opt_out(text: str, setting):
    choice = parse_opt_out(text, "date")
    check_opt_out(choice, setting, flag_name(setting).removeprefix("--"))
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
