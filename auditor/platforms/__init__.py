"""The platform seam (design.md §6): what the core needs to know about one kind of export.

A platform is a package under `auditor.platforms` holding everything that is true of that
platform and nothing else: how to recognise its export, how to read it into the neutral item
table, its vocabulary (categories, purposes, settings, URL templates, labels), its rule files
and its sample builder. The core asks the registry, never names a platform.
"""

from __future__ import annotations

import importlib
import importlib.resources
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..container import Container
from ..dataset import N_

if TYPE_CHECKING:  # the item table needs pandas: not imported before the renderer forks
    from .neutral import PlatformData

LANGUAGES = ("en", "de", "fr", "es")
# Below this confidence `detect_platform` answers "not recognised" rather than guess.
MIN_CONFIDENCE = 0.5

# Said the same way for every platform (translated through the catalogs).
PREDATES_DETAIL = N_(
    "It was evaluated as of %(as_of)s, before the first terms took effect on %(first)s, so "
    "nothing counts yet. To see what applies today, run again with --as-of and today's date."
)


@dataclass(frozen=True)
class Labels:
    """One text in every report language."""

    en: str
    de: str
    fr: str
    es: str

    def get(self, language: str) -> str:
        return getattr(self, language, self.en) if language in LANGUAGES else self.en


# A text the report prints: Labels (every language inline) or an English gettext message id
# marked with N_() where it is defined, translated through auditor/locales/*.po.
Text = Labels | str


def say(text: Text | None, language: str, gettext=None) -> str:
    """`text` in `language`; `gettext` is the catalog's (the core passes its own)."""
    if text is None:
        return ""
    if isinstance(text, Labels):
        return text.get(language)
    if gettext is None:
        from ..i18n import translations

        gettext = translations(language).gettext
    return gettext(text) if text else ""


@dataclass(frozen=True)
class Category:
    """A kind of item the platform's export holds and its rules can name."""

    id: str
    label: Text
    # Format fields: the item table's columns and {username} (e.g. "https://x.com/{username}
    # /status/{id}"). Used where the item's own `url` is <NA>.
    url_template: str | None
    authored: bool  # written by the account holder (post, comment, message...)
    private: bool  # never visible to the public (messages, votes, saved items, drafts)
    singular: Text | None = None  # one item, lower case ("reply"); default: the label
    dated: bool = True  # False: the export gives no time (X likes): charts leave them out
    reply: bool = False  # answers someone else: the detectors count it as about other people


@dataclass(frozen=True)
class Purpose:
    id: str
    label: Text
    meaning: Text = ""  # one sentence: who may train on the item


@dataclass(frozen=True)
class Setting:
    """A user setting that governs a purpose (X: the Grok checkbox). Reddit declares none."""

    id: str
    cli_name: str  # the name in `--opt-out NAME=DATE` and in the settings file
    purpose: str
    default: str  # on | off
    first_offered: date
    menu_path: Text
    name: Text = ""  # in sentences: "You opted out of %(setting)s"
    assumption: Text = ""  # printed when the user did not say
    marker: Text = ""  # timeline label of the opt-out date
    question: Text = ""  # --ask
    aliases: tuple[str, ...] = ()  # extra CLI flags taking DATE|never|unknown
    help: str = ""  # CLI help of the aliases
    label: str = ""  # the setting as the platform names it (error messages)
    # Where the setting came to a region later, or never (None): bloc → first day. Blocs not
    # named use `first_offered`; opt-out dates are checked against the account's bloc.
    first_offered_by_bloc: Mapping[str, date | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Audience:
    """Where an export does not say whether an item was public (Reddit: a subreddit's type),
    the user can name the private places in the settings file: `[platform] KEY = [names]`."""

    key: str  # the settings file key, e.g. "private_subreddits"
    pattern: str  # a regex with one group: the place's name in the item's url


@dataclass(frozen=True)
class Action:
    title: Text
    how: Text


@dataclass(frozen=True)
class Narrative:
    """The sentences the report prints about this platform. %(name)s fields as noted."""

    heading: Text  # page one title
    description: Text  # the document's description
    predates: Text  # warning title: the archive predates the platform's AI terms
    predates_detail: Text  # %(as_of)s %(first)s
    method: Text  # how items were sorted and compared
    sources_note: Text  # weak-source principle, in this platform's words
    deleting: Text  # what deleting does and does not undo
    limits: tuple[Text, ...]  # what an archive of this platform cannot show
    region: Mapping[str, Text]  # bloc → how the region shaped the answer
    actions: tuple[Action, ...]
    short_actions: tuple[Action, ...]
    # Before the numbered policy dates under the scope chart: what the chart counts.
    # Words the action texts quote as %(name)s, in the report language's quotation marks
    # (%(section)s, the "What you can do" heading, is always there).
    quotes: Mapping[str, Text] = field(default_factory=dict)
    timeline_note: Text = ""
    # Public items dated before the platform existed: %(count)s %(dates)s.
    suspect_dates: Text = ""
    no_scenarios: Text = ""  # printed instead of the what-if table when there are none
    # A setting the user did not give: %(setting)s (default: the core's generic sentence).
    setting_unknown: Text = ""


@dataclass(frozen=True)
class Vocabulary:
    platform: str
    title: Labels  # the platform's name as the report prints it
    categories: tuple[Category, ...]
    purposes: tuple[Purpose, ...]
    settings: tuple[Setting, ...]
    # Printed under "Assumptions", e.g. that the export does not say what was public.
    statements: tuple[Text, ...] = ()
    # Report items whose state is not "live" under this category ("Recently deleted posts");
    # None: they stay in their own category.
    deleted_category: Category | None = None
    # What-if rows that make sense here: opt_out_today, protect_today, opt_out_when_offered.
    scenarios: tuple[str, ...] = ()
    narrative: Narrative | None = None
    # How the export's format is named in `auditor platforms` ("zip of CSV files").
    reads: str = ""
    # --ask: whether the whole account was ever not public (X: protected), as START..END
    # periods; empty: the platform has no such state and nothing is asked.
    restricted_question: Text = ""
    # The day the platform opened: an earlier date in an export is a broken record.
    earliest: date | None = None
    # The rule files' titles, explanations and reasons are in the de/fr/es catalogs (checked
    # by the catalog test); until then a report prints them in English.
    rules_translated: bool = False
    audience: Audience | None = None
    # Names of region signals only this platform's export has (signal kind → label).
    signal_labels: Mapping[str, Text] = field(default_factory=dict)

    @property
    def report_categories(self) -> tuple[Category, ...]:
        """The categories the report counts: the item categories, then the deleted one."""
        extra = (self.deleted_category,) if self.deleted_category else ()
        return self.categories + extra

    def setting(self, setting_id: str) -> Setting:
        for setting in self.settings:
            if setting.id == setting_id:
                return setting
        raise KeyError(setting_id)

    def report_category(self, category_id: str) -> Category:
        for category in self.report_categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)

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
    on_file: Any = None  # progress: callable(path, bytes done, bytes total)
    jobs: int = 0  # worker processes for big files (0: automatic)


@dataclass(frozen=True)
class SampleRequest:
    """What `auditor sample` asks of any platform's builder; each maps what applies (X: likes
    are likes; Reddit: votes) and keeps its own defaults for the rest."""

    posts: int = 500
    likes: int = 300
    dms: int = 20
    region: str = "DE"
    seed: int = 7
    part_bytes: int = 100 << 20
    sensitive: bool = False


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
        """Write a synthetic export to `path`; return its ground truth. `options`: the
        platform's own, or a SampleRequest. The truth may offer describe() -> str (one line
        for the terminal) and as_dict() -> dict (`auditor sample --truth`)."""
        ...


@dataclass(frozen=True)
class Detection:
    platform: Platform | None
    confidence: float
    scores: tuple[tuple[str, float], ...] = field(default_factory=tuple)


# Adding a platform is adding its package and one line here.
PLATFORM_MODULES = (
    "auditor.platforms.x",
    "auditor.platforms.reddit",
    "auditor.platforms.linkedin",
    "auditor.platforms.facebook",
    "auditor.platforms.instagram",
)


@dataclass(frozen=True)
class PackagePlatform:
    """A platform package laid out the usual way: `reader.read` (and `detect`, unless another
    module holds it), `sample.build_sample`/`from_request`/`SampleOptions`, and `rules/`.

    Modules are imported on first use: listing the platforms (every command's options do)
    must not import pandas, because `report` forks its PDF renderer before that."""

    name: str
    vocabulary: Vocabulary
    package: str
    detector: str = "reader"  # the module holding detect()

    def _module(self, name: str) -> Any:
        return importlib.import_module(f"{self.package}.{name}")

    @property
    def rules_dir(self) -> Traversable:
        return importlib.resources.files(self.package) / "rules"

    def detect(self, container: Container) -> float:
        return self._module(self.detector).detect(container)

    def read(self, container: Container, options: ReadOptions | None = None) -> PlatformData:
        return self._module("reader").read(container, options)

    def build_sample(self, path: Path, options: Any = None) -> Any:
        sample = self._module("sample")
        if isinstance(options, SampleRequest):  # `auditor sample --platform`
            options = sample.from_request(path, options)
        return sample.build_sample(path, options or sample.SampleOptions())


@cache
def platforms() -> tuple[Platform, ...]:
    """Every platform auditor knows. Imported here, not at module load: a platform package
    imports this module for its types."""
    return tuple(importlib.import_module(name).PLATFORM for name in PLATFORM_MODULES)


def names() -> tuple[str, ...]:
    return tuple(platform.name for platform in platforms())


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
