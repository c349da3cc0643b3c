"""The platform seam (design.md §6): what the core needs to know about one kind of export.

A platform is a package under `auditor.platforms` holding everything that is true of that
platform and nothing else: how to recognise its export, how to read it into the neutral item
table, its vocabulary (categories, purposes, settings, URL templates, labels), its rule files
and its sample builder. The core asks the registry, never names a platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ..container import Container
from .neutral import PlatformData

LANGUAGES = ("en", "de", "fr", "es")
# Below this confidence `detect_platform` answers "not recognised" rather than guess.
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Labels:
    """One text in every report language."""

    en: str
    de: str
    fr: str
    es: str

    def get(self, language: str) -> str:
        return getattr(self, language, self.en) if language in LANGUAGES else self.en


@dataclass(frozen=True)
class Category:
    """A kind of item the platform's export holds and its rules can name."""

    id: str
    label: Labels
    url_template: str | None  # format fields: the item table's columns (e.g. "{id}")
    authored: bool  # written by the account holder (post, comment, message...)
    private: bool  # never visible to the public (messages, votes, saved items, drafts)


@dataclass(frozen=True)
class Purpose:
    id: str
    label: Labels


@dataclass(frozen=True)
class Setting:
    """A user setting that governs a purpose (X: the Grok checkbox). Reddit declares none."""

    id: str
    cli_name: str
    purpose: str
    default: str  # on | off
    first_offered: date
    menu_path: Labels


@dataclass(frozen=True)
class Vocabulary:
    platform: str
    title: Labels  # the platform's name as the report prints it
    categories: tuple[Category, ...]
    purposes: tuple[Purpose, ...]
    settings: tuple[Setting, ...]
    # Narrative sentences the report prints for this platform, e.g. why there is no setting.
    statements: tuple[Labels, ...] = ()

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(category.id for category in self.categories)

    @property
    def purpose_ids(self) -> tuple[str, ...]:
        return tuple(purpose.id for purpose in self.purposes)

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)


@dataclass(frozen=True)
class ReadOptions:
    """What the core may tell a reader; Reddit needs none of it today."""

    account_name: str | None = None  # overrides the name the export declares


@runtime_checkable
class Platform(Protocol):
    name: str
    vocabulary: Vocabulary
    rules_dir: Traversable  # *.toml in the schema of auditor/exposure/rules

    def detect(self, container: Container) -> float:
        """Confidence 0..1 that this container is this platform's export (names only)."""
        ...

    def read(self, container: Container, options: ReadOptions | None = None) -> PlatformData: ...

    def build_sample(self, path: Path, options: Any = None) -> Any:
        """Write a synthetic export to `path`; return its ground truth."""
        ...


@dataclass(frozen=True)
class Detection:
    platform: Platform | None
    confidence: float
    scores: tuple[tuple[str, float], ...] = field(default_factory=tuple)


def platforms() -> tuple[Platform, ...]:
    """Every platform auditor knows. Imported here, not at module load: a platform package
    imports this module for its types."""
    from .facebook import PLATFORM as FACEBOOK
    from .instagram import PLATFORM as INSTAGRAM
    from .linkedin import PLATFORM as LINKEDIN
    from .reddit import PLATFORM as REDDIT

    return (REDDIT, LINKEDIN, FACEBOOK, INSTAGRAM)


def get_platform(name: str) -> Platform:
    for platform in platforms():
        if platform.name == name:
            return platform
    raise KeyError(name)


def detect_platform(container: Container) -> Detection:
    """The platform whose detect() is most confident, if any is confident enough."""
    scores = tuple((p.name, p.detect(container)) for p in platforms())
    best = max(range(len(scores)), key=lambda i: scores[i][1], default=None)
    if best is None or scores[best][1] < MIN_CONFIDENCE:
        return Detection(None, 0.0 if best is None else scores[best][1], scores)
    return Detection(platforms()[best], scores[best][1], scores)


def rule_files(platform: Platform) -> list[Traversable]:
    return sorted(
        (entry for entry in platform.rules_dir.iterdir() if entry.name.endswith(".toml")),
        key=lambda entry: entry.name,
    )
