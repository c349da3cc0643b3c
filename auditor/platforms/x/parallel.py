"""Reading the planned files, the big ones shared between this process and workers."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from ...container import Container, Member, process_context, reopen
from ...dataset import Note
from ...errors import ArchiveError, DecodeError
from . import ytd
from .handlers import HANDLERS
from .state import FileStats, State

OnFile = Callable[[str, int, int], None]  # (path, bytes done, bytes total)


def read_files(container, plan, state: State, on_file: OnFile | None, jobs: int):
    """Read every planned file. With jobs > 1, the big post and like parts are shared out:
    jobs - 1 workers and this process (after the small files) each take the next part from
    one shared counter until none is left."""
    total = sum(m.size for m, _ in plan)
    container.reserve(total)
    heavy = [
        i
        for i, (m, kind) in enumerate(plan)
        if kind in PARALLEL_KINDS and m.size >= PARALLEL_MIN_BYTES
    ]
    results: dict[int, tuple[FileStats, State]] = {}
    done = 0

    def finished(index: int, result) -> None:
        nonlocal done
        results[index] = result
        done += plan[index][0].size
        if on_file:
            on_file(plan[index][0].path, done, total)

    shared = heavy if jobs > 1 and len(heavy) > 1 else []
    tasks = [(*plan[i], i) for i in shared]
    context = process_context()  # a forked worker gets its own file handle (after_fork)
    counter = context.Value("i", 0)
    pool = _pool(container, jobs - 1, context, counter) if shared else None
    with pool or _no_pool(), _spill_folder() as spill:
        drains = [pool.submit(_drain, tasks, spill) for _ in range(jobs - 1)] if pool else []
        for index, (member, kind) in enumerate(plan):
            if index not in shared:
                finished(index, _process(container, member, kind, index))
        while (task := _next_task(counter, tasks)) is not None:
            finished(task[2], _process(container, *task))
        for drain in drains:
            for index, path in drain.result():
                finished(index, _unspill(path))
    for index in range(len(plan)):
        _merge(state, results[index][1])
    return [results[index][0] for index in range(len(plan))]


def _next_task(counter, tasks: list):
    with counter.get_lock():
        position = counter.value
        counter.value = position + 1
    return tasks[position] if position < len(tasks) else None


UNPREFIXED = {"tweets-csv"}  # not JavaScript: no start to check
PARALLEL_KINDS = {"tweets", "like", "deleted-tweets", "grailbird-tweets"}
PARALLEL_MIN_BYTES = 16 << 20  # below this, starting a worker costs more than it saves
_WORKER: Container | None = None
_COUNTER = None  # the shared "next part" counter, in a worker
_FORKED_FROM: Container | None = None


def _process(container, member: Member, kind: str, index: int) -> tuple[FileStats, State]:
    stat, state = FileStats(member.path, kind), State()
    handler = HANDLERS.get(kind)
    try:
        data = container.read(member, None if kind in UNPREFIXED else ytd.check_start)
        if handler is None:
            stat.records = ytd.count_items(data)
            stat.status, stat.analyzed = "counted", 0
            stat.notes.append(Note("counted, not analysed"))
        else:
            handler(data, state, stat, index)
    except (DecodeError, ArchiveError) as error:
        if isinstance(error, ArchiveError) and error.exit_code == 4:
            raise  # a limit: the whole archive is suspect
        stat.status = "failed"
        stat.notes.insert(0, str(error))
    return stat, state


MERGED = (
    "posts",
    "deleted",
    "circle",
    "likes",
    "dms",
    "grok",
    "signals",
    "protected",
    "message_events",
)


def _merge(into: State, part: State) -> None:
    for name in MERGED:
        getattr(into, name).extend(getattr(part, name))
    if part.account.account_id or part.account.username:
        into.account = part.account
    into.birth_date = part.birth_date or into.birth_date
    into.generated_at = part.generated_at or into.generated_at


def _pool(container, workers: int, context, counter):
    global _FORKED_FROM
    _FORKED_FROM = container if context.get_start_method() == "fork" else None
    return ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(*container.worker_copy(), counter),
    )


@contextmanager
def _no_pool():
    yield None


def _start_worker(source, kind, limits, counter) -> None:
    global _WORKER, _COUNTER
    gc.disable()  # see _gc_paused
    _COUNTER = counter
    inherited = _FORKED_FROM  # set by the parent just before forking, absent after spawn
    if inherited is not None and inherited.source == source:
        _WORKER = inherited.after_fork()  # skips re-reading the central directory
    else:
        _WORKER = reopen(source, kind, limits)


def _drain(tasks: list, spill: str) -> list[tuple[int, str]]:
    """In a worker: take parts until none is left; each result goes to a private file.

    Sending tens of MB back through the pool's pipe would stall this worker until the busy
    parent reads it; a file in a private RAM-backed folder costs milliseconds."""
    written = []
    while (task := _next_task(_COUNTER, tasks)) is not None:
        result = _process(_WORKER, *task)
        handle, path = tempfile.mkstemp(prefix="part-", dir=spill)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
        written.append((task[2], path))
    return written


@contextmanager
def _spill_folder():
    """A folder only this user can read (0700), in RAM where the system has /dev/shm."""
    shm = Path("/dev/shm")
    folder = tempfile.mkdtemp(prefix="auditor-", dir=shm if shm.is_dir() else None)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _unspill(path: str) -> tuple[FileStats, State]:
    with open(path, "rb") as stream:
        result = pickle.load(stream)  # noqa: S301 - written by our own worker just now
    os.unlink(path)
    return result
