"""Reading the planned files, the big ones shared between this process and workers."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field

from ...container import Container, Member, process_context, reopen
from ...dataset import Note
from ...errors import ArchiveError, DecodeError, WorkerDiedError
from ...lifecycle import follow_parent
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
    with (
        _spill(shared, context) as spill,
        _workers(container, jobs, context, counter, shared) as pool,
    ):
        drains = [pool.submit(_drain, tasks, spill) for _ in range(jobs - 1)] if pool else []
        for index, (member, kind) in enumerate(plan):
            if index not in shared:
                finished(index, _process(container, member, kind, index))
        while (task := _next_task(counter, tasks, drains)) is not None:
            finished(task[2], _process(container, *task))
        for drain in drains:
            for index in drain.result():
                finished(index, spill.take(index))
    for index in range(len(plan)):
        _merge(state, results[index][1])
    return [results[index][0] for index in range(len(plan))]


def _next_task(counter, tasks: list, drains: list | None = None):
    """`drains`, in this process: the workers' futures, to notice one that died holding the
    counter's lock (killed by the system) instead of waiting for the lock forever."""
    lock = counter.get_lock()
    while not lock.acquire(timeout=LOCK_CHECK_SECONDS):
        if any(drain.done() and drain.exception() for drain in drains or []):
            raise BrokenProcessPool("a worker died holding the part counter")
    try:
        position = counter.value
        counter.value = position + 1
    finally:
        lock.release()
    return tasks[position] if position < len(tasks) else None


UNPREFIXED = {"tweets-csv"}  # not JavaScript: no start to check
PARALLEL_KINDS = {"tweets", "like", "deleted-tweets", "grailbird-tweets"}
PARALLEL_MIN_BYTES = 16 << 20  # below this, starting a worker costs more than it saves
LOCK_CHECK_SECONDS = 0.5  # the lock is held for microseconds: longer means its holder died
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


@contextmanager
def _workers(container, jobs: int, context, counter, shared: list[int]):
    """The worker pool, or None. Left early (an error, a stop signal), its workers are killed:
    waiting for them would mean waiting for the rest of the archive to be read."""
    if not shared:
        yield None
        return
    pool = _pool(container, jobs - 1, context, counter)
    try:
        yield pool
    except BaseException as error:
        for process in list(pool._processes.values()):  # no public kill before Python 3.14
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        if isinstance(error, BrokenProcessPool):
            raise WorkerDiedError(
                "a reading process was killed, most likely for lack of memory; close other "
                "programs or try --jobs 1"
            ) from None
        raise
    pool.shutdown()


def _pool(container, workers: int, context, counter):
    global _FORKED_FROM
    _FORKED_FROM = container if context.get_start_method() == "fork" else None
    return ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(*container.worker_copy(), counter),
    )


def _start_worker(source, kind, limits, counter) -> None:
    global _WORKER, _COUNTER
    follow_parent()
    gc.disable()  # see _gc_paused
    _COUNTER = counter
    inherited = _FORKED_FROM  # set by the parent just before forking, absent after spawn
    if inherited is not None and inherited.source == source:
        _WORKER = inherited.after_fork()  # skips re-reading the central directory
    else:
        _WORKER = reopen(source, kind, limits)


def _drain(tasks: list, spill: Spill) -> list[int]:
    """In a worker: take parts until none is left; each result goes to the spill.

    Sending tens of MB back through the pool's pipe would stall this worker until the busy
    parent reads it; memory shared with the parent costs milliseconds."""
    written = []
    while (task := _next_task(_COUNTER, tasks)) is not None:
        spill.put(task[2], _process(_WORKER, *task))
        written.append(task[2])
    return written


@dataclass
class Spill:
    """Where workers leave their results for this process, by part index.

    Where the system allows it (Linux, forked workers): one anonymous memory file per part,
    created before the workers fork so that they inherit it. Nothing of it has a name, so
    however the run ends - even SIGKILL - nothing is left behind. Elsewhere: a private
    (0700) temporary folder, removed at the end and on any stop signal."""

    handles: dict[int, int] = field(default_factory=dict)
    folder: str | None = None

    def put(self, index: int, result) -> None:
        if self.folder is None:
            stream = os.fdopen(os.dup(self.handles[index]), "wb")
        else:
            stream = open(os.path.join(self.folder, f"part-{index}"), "xb")  # noqa: SIM115
        with stream:
            pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)

    def take(self, index: int) -> tuple[FileStats, State]:
        if self.folder is None:
            stream = os.fdopen(self.handles.pop(index), "rb")
            stream.seek(0)  # the worker's writes moved the shared offset
        else:
            path = os.path.join(self.folder, f"part-{index}")
            stream = open(path, "rb")  # noqa: SIM115
            os.unlink(path)
        with stream:
            result = pickle.load(stream)  # noqa: S301 - written by our own worker just now
            if self.folder is None:
                # The workers hold inherited copies until the pool ends: empty it now so
                # that its memory goes back at once, not after the last part.
                os.ftruncate(stream.fileno(), 0)
        return result

    def close(self) -> None:
        for handle in self.handles.values():
            os.close(handle)
        self.handles.clear()
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def _spill(shared: list[int], context):
    spill = Spill()
    if shared and hasattr(os, "memfd_create") and context.get_start_method() == "fork":
        spill.handles = {index: os.memfd_create(f"auditor-part-{index}") for index in shared}
    elif shared:
        spill.folder = tempfile.mkdtemp(prefix="auditor-")
    try:
        yield spill
    finally:
        spill.close()
