"""The stages in order: container → reader → region/settings → exposure → summary inputs."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from . import region as regions
from .container import Container, Limits, open_container
from .errors import ArchiveError, UsageError
from .exposure import Context, evaluate, item_table, load_rules, what_if
from .exposure.items import NEVER, OPEN
from .platforms import Platform, ReadOptions, Vocabulary, detect_platform, get_platform, names
from .sensitive import detect
from .settings import Settings, check_opt_outs
from .summary import Inputs

OnFile = Callable[[str, int, int], None]
Complete = Callable[[Settings, regions.Region, bool, Vocabulary], Settings]


def analyse(
    path: Path,
    settings: Settings,
    limits: Limits | None = None,
    on_file: OnFile | None = None,
    checksum: bool = True,
    complete: Complete | None = None,
    jobs: int = 0,
    platform: str | None = None,
) -> Inputs:
    """`complete` may fill in settings the archive left unknown (the `--ask` questionnaire);
    `platform` names the platform when detection should not decide."""
    clock = Stopwatch()
    with open_container(path, limits) as container:
        clock.lap("open")
        chosen = choose_platform(container, platform)
        vocabulary = chosen.vocabulary
        check_opt_outs(settings, vocabulary=vocabulary)
        pending_digest = container.sha256_later() if checksum else lambda: None
        data = chosen.read(container, ReadOptions(on_file=on_file, jobs=jobs))
        clock.lap("read")
    restrict_places(data, vocabulary, settings.private(chosen.name))
    digest = pending_digest()
    clock.lap("checksum")
    region = regions.infer(data.signals, data.generated_at)
    if complete is not None:
        settings = complete(settings, region, data.birth_date is not None, vocabulary)
    if settings.region:
        region = regions.declared(settings.region)
    if settings.birth_date is None and data.birth_date is not None:
        settings = replace(settings, birth_date=data.birth_date)
    as_of = settings.as_of or data.generated_at or datetime.now(UTC)
    check_opt_outs(settings, as_of, vocabulary, region.bloc)
    context = Context(
        region.bloc,
        settings,
        as_of,
        protected_intervals(data, settings),
        vocabulary.purpose_ids,
        region.country,
    )
    items = item_table(data, vocabulary)
    rules = load_rules(chosen)
    exposure = evaluate(items, rules, context)
    clock.lap("exposure")
    comparison = {}
    if region.uncertain:  # show how the answer differs between the blocs the evidence allows
        for bloc in dict.fromkeys((region.bloc, *region.candidates)):
            if bloc != "unknown":
                other = evaluate(items, rules, replace(context, bloc=bloc))
                comparison[bloc] = {p: other.totals(p) for p in vocabulary.purpose_ids}
    # The what-if evaluations (numpy) and the second-look passes (pyarrow) both release the
    # GIL for their heavy loops and read the results above without changing them.
    with ThreadPoolExecutor(max_workers=2) as threads:
        scenarios_job = threads.submit(what_if, items, rules, context, exposure, vocabulary)
        found = detect(data, exposure, region.country, vocabulary)
        scenarios = scenarios_job.result()
    clock.lap("what-if and second look")
    return Inputs(
        data,
        region,
        settings,
        exposure,
        as_of,
        digest,
        path.name,
        comparison,
        scenarios,
        found,
        clock.laps,
        vocabulary,
    )


def restrict_places(data, vocabulary: Vocabulary, private: tuple[str, ...]) -> None:
    """Items in places the user says were private are not public (the export cannot say)."""
    if not private or vocabulary.audience is None:
        return
    items = data.items
    places = items["url"].str.extract(vocabulary.audience.pattern, flags=re.IGNORECASE)[0]
    hidden = places.str.lower().isin(private).fillna(False).to_numpy(dtype=bool)
    items.loc[hidden, "public"] = False


def choose_platform(container: Container, name: str | None = None) -> Platform:
    """The platform `name` says, or the one detection is sure of; else one line naming the
    platforms auditor knows."""
    if name:
        try:
            return get_platform(name)
        except KeyError:
            raise UsageError(
                f"--platform: {name!r} is not a platform auditor knows; choose one of "
                f"{', '.join(names())}"
            ) from None
    found = detect_platform(container)
    if found.platform is None:
        raise ArchiveError(
            f"{container.source.name} is not an export auditor recognises; it reads exports "
            f"from {', '.join(names())} (`auditor platforms` says which files); if it is one "
            "of them, give --platform NAME"
        )
    return found.platform


class Stopwatch:
    """Seconds per stage, shown with AUDITOR_TIMING=1 and used by the benchmark."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(now - self._last, 3)
        self._last = now


def protected_intervals(data, settings: Settings) -> tuple[tuple[int, int], ...]:
    """Periods when nothing was public: from the export (X: protected-history.js, the last
    six months) and the user's own declaration."""

    def epoch(moment, default):
        return default if moment is None else int(moment.timestamp())

    intervals = [(epoch(a, NEVER), epoch(b, OPEN)) for a, b in data.restricted_periods]
    for start, end in settings.protected_periods:
        intervals.append((epoch(start, NEVER), epoch(end, OPEN)))
    return tuple(sorted(intervals))
