"""What the account holder declared (or did not): opt-out dates, protected periods, age.

Opt-outs are generic: setting id → date | never | unknown, for the settings the platform's
vocabulary declares. Unknown values are treated as the platform default and listed in
`assumed`. Settings come from flags (`--opt-out SETTING=DATE` and the platforms' aliases such
as `--grok-opt-out`), from a TOML file (`--settings`), or from the `--ask` questionnaire;
flags win.

    # auditor settings file
    country = "DE"
    birth_date = "1990-04-02"                # or: adult = true
    protected_periods = [["2023-01-01", "2024-06-30"]]

    [x]                                      # one table per platform
    x_training_opt_out = "2024-09-01"        # or "never" / "unknown"
    third_party_training_opt_out = "never"

The opt-out keys may also stand at the top (as before platform tables existed).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from .errors import SettingsError

OPT_OUT_SUFFIX = "_opt_out"
# Evaluating before the first platform existed, or a birth date no living person has, is a typo.
FIRST_AS_OF_YEAR = 2005
FIRST_BIRTH_YEAR = 1900
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}
# Codes of groups of countries people type instead of their own.
BLOCS = {"EU", "EEA", "EWR", "EEE", "EFTA"}
FILE_KEYS = {"country", "birth_date", "adult", "protected_periods", "as_of"}


@dataclass(frozen=True)
class OptOut:
    """`state` is "date" (opted out at `when`), "never", or "unknown"."""

    state: str = "unknown"
    when: datetime | None = None


@dataclass(frozen=True)
class Settings:
    opt_outs: tuple[tuple[str, OptOut], ...] = ()  # setting id → choice (declared ones only)
    protected_periods: tuple[tuple[datetime, datetime | None], ...] = ()
    birth_date: date | None = None
    adult: bool | None = None  # declared without a birth date
    region: str | None = None  # ISO country code declared by the user
    as_of: datetime | None = None
    # Places the user says were private (platform → names, lower case), e.g. subreddits.
    private_places: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def private(self, platform: str) -> tuple[str, ...]:
        return dict(self.private_places).get(platform, ())

    def opt_out(self, setting: str) -> OptOut:
        return dict(self.opt_outs).get(setting, OptOut())

    def with_opt_outs(self, changes: Mapping[str, OptOut]) -> Settings:
        merged = {**dict(self.opt_outs), **changes}
        return replace(self, opt_outs=tuple(merged.items()))

    def assumed(self, vocabulary) -> list[str]:
        """What the report assumed: `{setting}_opt_out` for each unknown setting, "adult"."""
        keys = [
            f"{s.id}{OPT_OUT_SUFFIX}"
            for s in vocabulary.settings
            if self.opt_out(s.id).state == "unknown"
        ]
        if self.birth_date is None and self.adult is None:
            keys.append("adult")
        return keys

    def merged(self, override: Settings) -> Settings:
        """These settings with every value `override` states (flags over a file)."""
        changes: dict = {}
        stated = {k: v for k, v in override.opt_outs if v.state != "unknown"}
        if stated:
            changes["opt_outs"] = tuple({**dict(self.opt_outs), **stated}.items())
        for name in ("birth_date", "adult", "region", "as_of"):
            if getattr(override, name) is not None:
                changes[name] = getattr(override, name)
        if override.protected_periods:
            changes["protected_periods"] = self.protected_periods + override.protected_periods
        if override.private_places:
            changes["private_places"] = override.private_places
        return replace(self, **changes)


def known_settings() -> dict[str, tuple]:
    """Every platform's settings by id: (platform name, Setting)."""
    from .platforms import platforms

    return {s.id: (p.name, s) for p in platforms() for s in p.vocabulary.settings}


def flag_name(setting) -> str:
    """How a message names the option: the platform's alias, else --opt-out ID."""
    return setting.aliases[0] if setting.aliases else f"--opt-out {setting.cli_name}"


def check_opt_outs(
    settings: Settings, as_of: datetime | None = None, vocabulary=None, bloc: str = ""
) -> None:
    """An opt-out before its setting existed, or after the evaluation date, is a mistake
    that would silently erase or invent exposure: refuse it, naming the possible dates.
    With a vocabulary: also an opt-out from a setting that platform does not have; with the
    account's bloc: an opt-out date before, or without, the setting there."""
    known = known_settings()
    for key, choice in settings.opt_outs:
        if vocabulary is not None and key not in {s.id for s in vocabulary.settings}:
            if choice.state == "unknown":
                continue
            offered = ", ".join(s.cli_name for s in vocabulary.settings) or "none"
            raise SettingsError(
                f"--opt-out {key}: {vocabulary.title.en} has no such setting (its settings: "
                f"{offered}); leave it out for this archive"
            )
        setting = known[key][1]
        check_opt_out(choice, setting, flag_name(setting), as_of, bloc)


def check_opt_out(
    choice: OptOut, setting, name: str, as_of: datetime | None = None, bloc: str = ""
) -> None:
    if choice.state != "date":
        return
    first = setting.first_offered_by_bloc.get(bloc, setting.first_offered)
    if first is None:
        raise SettingsError(
            f"{name}: {setting.label or setting.id} is not offered to accounts in "
            f"{BLOC_NAMES.get(bloc, bloc)}, so a date for it changes nothing; leave it out, "
            "or give --region if the account is elsewhere"
        )
    if choice.when.date() < first:
        raise SettingsError(
            f"{name}: {choice.when.date().isoformat()} is before the setting existed; "
            f"the first possible date is {first.isoformat()} ({setting.label or setting.id})"
        )
    if as_of is not None and choice.when > as_of:
        raise SettingsError(
            f"{name}: {choice.when.date().isoformat()} is after the date the report is "
            f"evaluated as of ({as_of.date().isoformat()}); give an earlier date or --as-of"
        )


BLOC_NAMES = {
    "EU_EEA": "the EU and EEA",
    "UK": "the UK",
    "CH": "Switzerland",
    "ROW": "the rest of the world",
}


def parse_opt_out_flag(text: str) -> tuple[str, OptOut]:
    """`--opt-out SETTING=DATE|never|unknown`."""
    key, separator, value = str(text).partition("=")
    key = key.strip()
    known = known_settings()
    by_cli = {s.cli_name: s.id for _, s in known.values()}
    if not separator or key not in by_cli:
        names = ", ".join(sorted(by_cli)) or "none"
        raise SettingsError(
            f"--opt-out: {text!r} is not SETTING=DATE|never|unknown with a known setting ({names})"
        )
    return by_cli[key], parse_opt_out(value, f"--opt-out {key}")


def parse_opt_out(value, key: str) -> OptOut:
    """`--grok-opt-out 2024-08-01|never|unknown`."""
    if isinstance(value, date):
        return OptOut("date", parse_moment(value.isoformat(), key))
    if value is None or str(value).strip().lower() in ("", "unknown", "dont-know", "?"):
        return OptOut()
    text = str(value).strip().lower()
    if text == "never":
        return OptOut("never")
    return OptOut("date", parse_moment(str(value), key, also="'never' or 'unknown'"))


def parse_moment(value: str, key: str, also: str = "") -> datetime:
    """`also` names the words an option accepts besides a date (only the opt-outs have any)."""
    try:
        moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
    except ValueError:
        choices = f"YYYY-MM-DD, {also}" if also else "YYYY-MM-DD"
        raise SettingsError(f"{key}: {value!r} is not a date; use {choices}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_date(value, key: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    return parse_moment(str(value), key).date()


def parse_as_of(value, key: str) -> datetime:
    moment = parse_moment(str(value), key)
    if moment.year < FIRST_AS_OF_YEAR:
        raise SettingsError(
            f"{key}: {value!r} is before the platforms auditor reads existed "
            f"({FIRST_AS_OF_YEAR}); check the year"
        )
    return moment


def parse_birth_date(value, key: str) -> date:
    birth = parse_date(value, key)
    if birth.year < FIRST_BIRTH_YEAR or birth > datetime.now(UTC).date():
        raise SettingsError(f"{key}: {value!r} cannot be a date of birth; check the year")
    return birth


def parse_period(value, key: str) -> tuple[datetime, datetime | None]:
    """ "START..END" or [START, END]; an empty END means "still protected"."""
    if isinstance(value, str):
        start, separator, end = value.partition("..")
        if not separator:
            raise SettingsError(f"{key}: {value!r} is not a period; write START..END")
    elif isinstance(value, list | tuple) and len(value) == 2:
        start, end = (str(v) if v is not None else "" for v in value)
    else:
        raise SettingsError(f"{key}: {value!r} is not a period; write [START, END]")
    begin = parse_moment(start, key)
    finish = parse_moment(end, key) if str(end).strip() else None
    if finish is not None and finish <= begin:
        raise SettingsError(f"{key}: the period {value!r} ends before it starts")
    return begin, finish


def parse_country(value, key: str) -> str:
    """An ISO 3166-1 alpha-2 code; the codes people also use for GB and GR are accepted."""
    import pycountry

    text = str(value).strip().upper()
    text = COUNTRY_ALIASES.get(text, text)
    if text in BLOCS:
        raise SettingsError(f"{key}: {text} is not a country: give your country code, e.g. DE")
    if len(text) != 2 or pycountry.countries.get(alpha_2=text) is None:
        raise SettingsError(
            f"{key}: {value!r} is not a country code; give the two letters of ISO 3166-1, "
            "e.g. DE, FR, US"
        )
    return text


def check_birth_date(birth: date | None, archive_date: datetime | None) -> None:
    """A birth date after the archive was made is a typo: every age rule would go wrong."""
    if birth is not None and archive_date is not None and birth > archive_date.date():
        raise SettingsError(
            f"--birth-date: {birth.isoformat()} is after the archive's date "
            f"({archive_date.date().isoformat()}); check the year"
        )


def load_file(path: Path) -> Settings:
    """Read a settings file; every invalid value is an error naming its key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"--settings: {path} does not exist") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsError(f"--settings: {path} is not valid TOML ({error})") from None
    from .platforms import names

    known = known_settings()
    opt_out_keys = {f"{s.cli_name}{OPT_OUT_SUFFIX}": s.id for _, s in known.values()}
    opt_outs: dict[str, OptOut] = {}
    places: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        if key in names() and isinstance(value, dict):
            found, private = _platform_table(key, value, known)
            opt_outs.update(found)
            if private:
                places[key] = private
        elif key in opt_out_keys:
            opt_outs[opt_out_keys[key]] = parse_opt_out(value, key)
        elif key not in FILE_KEYS:
            allowed = sorted(FILE_KEYS | set(opt_out_keys) | {f"[{n}]" for n in names()})
            raise SettingsError(f"{path}: unknown key {key!r}; known keys: {', '.join(allowed)}")
    adult = data.get("adult")
    if adult is not None and not isinstance(adult, bool):
        raise SettingsError(f"adult: {adult!r} must be true or false")
    periods = data.get("protected_periods", [])
    if not isinstance(periods, list):
        raise SettingsError("protected_periods: must be a list of [START, END] pairs")
    return Settings(
        opt_outs=tuple(opt_outs.items()),
        protected_periods=tuple(parse_period(p, "protected_periods") for p in periods),
        birth_date=(
            parse_birth_date(data["birth_date"], "birth_date") if "birth_date" in data else None
        ),
        adult=adult,
        region=parse_country(data["country"], "country") if "country" in data else None,
        as_of=parse_as_of(data["as_of"], "as_of") if "as_of" in data else None,
        private_places=tuple(places.items()),
    )


def _platform_table(platform: str, table: dict, known):
    """A `[platform]` table: its settings' opt-outs, and the places the user says were
    private (the key its vocabulary's `audience` names)."""
    from .platforms import get_platform

    vocabulary = get_platform(platform).vocabulary  # two platforms may share a setting id
    own = {f"{s.cli_name}{OPT_OUT_SUFFIX}": s.id for s in vocabulary.settings}
    audience = vocabulary.audience
    choices, private = {}, ()
    for key, value in table.items():
        if audience is not None and key == audience.key:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SettingsError(f"[{platform}] {key}: must be a list of names")
            private = tuple(v.strip().lower().removeprefix("r/") for v in value if v.strip())
        elif key in own:
            choices[own[key]] = parse_opt_out(value, f"{platform}.{key}")
        else:
            allowed = sorted(own) + ([audience.key] if audience else [])
            raise SettingsError(
                f"[{platform}]: unknown key {key!r}; known keys: {', '.join(allowed) or 'none'}"
            )
    return choices, private


def to_toml(settings: Settings) -> str:
    """The settings as a file `load_file` reads back (for `--ask --save-settings`)."""

    def opt_out(choice: OptOut) -> str:
        return choice.when.date().isoformat() if choice.state == "date" else choice.state

    lines = ["# auditor settings: what you told auditor about your account", ""]
    if settings.region:
        lines.append(f'country = "{settings.region}"')
    known = known_settings()
    for key, choice in settings.opt_outs:
        lines.append(f'{known[key][1].cli_name}{OPT_OUT_SUFFIX} = "{opt_out(choice)}"')
    if settings.birth_date:
        lines.append(f'birth_date = "{settings.birth_date.isoformat()}"')
    elif settings.adult is not None:
        lines.append(f"adult = {'true' if settings.adult else 'false'}")
    if settings.protected_periods:
        pairs = ", ".join(
            f'["{a.date().isoformat()}", "{b.date().isoformat() if b else ""}"]'
            for a, b in settings.protected_periods
        )
        lines.append(f"protected_periods = [{pairs}]")
    return "\n".join(lines) + "\n"
