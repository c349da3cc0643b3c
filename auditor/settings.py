"""What the account holder declared (or did not): opt-out dates, protected periods, age.

Nothing here can be read from the archive: X exports none of its AI-training toggles.
Unknown values are treated as the platform default and listed in `assumed`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from .errors import SettingsError

OPT_OUT_KEYS = ("x_training_opt_out", "third_party_training_opt_out")


@dataclass(frozen=True)
class OptOut:
    """`state` is "date" (opted out at `when`), "never", or "unknown"."""

    state: str = "unknown"
    when: datetime | None = None


@dataclass(frozen=True)
class Settings:
    x_training: OptOut = OptOut()
    third_party_training: OptOut = OptOut()
    protected_periods: tuple[tuple[datetime, datetime | None], ...] = ()
    birth_date: date | None = None
    region: str | None = None  # ISO country code declared by the user
    as_of: datetime | None = None
    notes: list[str] = field(default_factory=list, compare=False)

    def opt_out(self, setting: str) -> OptOut:
        return getattr(self, setting)

    @property
    def assumed(self) -> list[str]:
        keys = [
            key
            for key, value in zip(
                OPT_OUT_KEYS, (self.x_training, self.third_party_training), strict=True
            )
            if value.state == "unknown"
        ]
        if self.birth_date is None:
            keys.append("adult")
        return keys


def parse_opt_out(value: str | None, key: str) -> OptOut:
    """`--grok-opt-out 2024-08-01|never|unknown`."""
    if value is None or value.strip().lower() in ("", "unknown", "dont-know", "?"):
        return OptOut()
    text = value.strip().lower()
    if text == "never":
        return OptOut("never")
    return OptOut("date", parse_moment(value, key))


def parse_moment(value: str, key: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise SettingsError(
            f"{key}: {value!r} is not a date; use YYYY-MM-DD, 'never' or 'unknown'"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def parse_date(value: str, key: str) -> date:
    return parse_moment(value, key).date()
