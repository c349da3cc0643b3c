"""The stages in order: container → reader → region/settings → exposure → summary inputs."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from . import region as regions
from .container import Limits, open_container
from .exposure import PURPOSES, Context, evaluate, item_table, load_rules, what_if
from .sensitive import detect
from .settings import Settings, check_opt_outs
from .summary import Inputs
from .x.reader import OnFile, read_archive

Complete = Callable[[Settings, regions.Region, bool], Settings]


def analyse(
    path: Path,
    settings: Settings,
    limits: Limits | None = None,
    on_file: OnFile | None = None,
    checksum: bool = True,
    complete: Complete | None = None,
    jobs: int = 0,
) -> Inputs:
    """`complete` may fill in settings the archive left unknown (the `--ask` questionnaire)."""
    clock = Stopwatch()
    with open_container(path, limits) as container:
        clock.lap("open")
        pending_digest = container.sha256_later() if checksum else lambda: None
        data = read_archive(container, on_file, jobs)
        clock.lap("read")
    digest = pending_digest()
    clock.lap("checksum")
    region = regions.infer(data.signals, data.generated_at)
    if complete is not None:
        settings = complete(settings, region, data.birth_date is not None)
    if settings.region:
        region = regions.declared(settings.region)
    if settings.birth_date is None and data.birth_date is not None:
        settings = replace(settings, birth_date=data.birth_date)
    as_of = settings.as_of or data.generated_at or datetime.now(UTC)
    check_opt_outs(settings, as_of)
    context = Context(region.bloc, settings, as_of, protected_intervals(data, settings))
    items = item_table(data)
    rules = load_rules(data.platform)
    exposure = evaluate(items, rules, context)
    clock.lap("exposure")
    comparison = {}
    if region.uncertain:  # show how the answer differs between the blocs the evidence allows
        for bloc in dict.fromkeys((region.bloc, *region.candidates)):
            if bloc != "unknown":
                other = evaluate(items, rules, replace(context, bloc=bloc))
                comparison[bloc] = {p: other.totals(p) for p in PURPOSES}
    # The what-if evaluations (numpy) and the second-look passes (pyarrow) both release the
    # GIL for their heavy loops and read the results above without changing them.
    with ThreadPoolExecutor(max_workers=2) as threads:
        scenarios_job = threads.submit(what_if, items, rules, context, exposure)
        found = detect(data, exposure, region.country)
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
    )


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
    """Protected periods from protected-history.js (last six months) and the user's own."""
    from .exposure.items import NEVER, OPEN

    def epoch(moment):
        return int(moment.timestamp())

    intervals, since = [], None
    for index, (when, action) in enumerate(data.protected_changes):
        if action == "Protect" and since is None:
            since = epoch(when)
        elif action == "Unprotect":
            # An unprotect with no protect before it: protected since before the history.
            intervals.append(
                (NEVER if since is None and index == 0 else (since or epoch(when)), epoch(when))
            )
            since = None
    if since is not None:
        intervals.append((since, OPEN))
    for start, end in settings.protected_periods:
        intervals.append((epoch(start), epoch(end) if end else OPEN))
    return tuple(sorted(intervals))
