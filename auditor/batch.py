"""Many archives at once: `auditor batch`, and the per-archive work `auditor report` shares.

`audit` does for one archive what `report` does and never raises: a failure becomes an exit
code and one line in its result, so one bad archive cannot stop a batch of thousands. It
works on the platform-neutral entry points only (pipeline.analyse, summary.build_summary,
the renderers), so archives of any platform the pipeline reads go through unchanged.

Every archive gets its own folder in the output folder, and a small state file written last:
a re-run skips an archive whose content, settings and tool version match that state, so an
interrupted batch resumes where it stopped. The aggregate has one row per archive and no
usernames, ids or text unless asked for (`with_ids`).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import multiprocessing
import multiprocessing.connection
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import msgspec

from . import __version__
from .container import Limits
from .errors import AuditorError, IncompleteError, UsageError
from .settings import Settings, check_birth_date, load_file

# Per-archive file names in its output folder, by format.
OUTPUT_NAMES = {
    "pdf": "report.pdf",
    "json": "report.json",
    "html": "report.html",
    "csv": "items.csv",
}
STATE_NAME = "state.json"
SETTINGS_SUFFIX = ".settings.toml"
AGGREGATE_NAMES = ("aggregate.parquet", "aggregate.csv", "batch-report.pdf")
READ_STEP = 4 << 20
WORKER_DIED = 8  # the agreed exit code when a worker process died (likely out of memory)
INTERRUPTED = 130
# Failures worth trying again on the next run rather than recording as the archive's answer.
RETRIED = (1, WORKER_DIED, INTERRUPTED)


@dataclass(frozen=True)
class Output:
    format: str  # a key of OUTPUT_NAMES
    path: Path


@dataclass(frozen=True)
class AuditOptions:
    """What is the same for every archive of a batch, plus this archive's output folder."""

    out_dir: Path
    formats: tuple[str, ...] = ("pdf",)
    limits: Limits = Limits()
    jobs: int = 1  # processes for one archive's big files
    lang: str | None = None
    with_ids: bool = False

    def outputs(self) -> tuple[Output, ...]:
        return tuple(Output(f, self.out_dir / OUTPUT_NAMES[f]) for f in self.formats)


@dataclass(frozen=True)
class RuleUse:
    """A rule that decided items in an archive: which version of the terms was applied."""

    rule: str
    purpose: str
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Row:
    """One archive's line of the aggregate: numbers and categories, no identities."""

    archive: str  # the name of its output folder (the file name the batch was given)
    platform: str = ""
    layout: str = ""
    region_bloc: str = ""
    region_source: str = ""
    items: int = 0
    partial: bool = False
    exit_code: int = 0
    error: str = ""
    metrics: dict[str, int] = field(default_factory=dict)  # flattened column → count
    rules: tuple[RuleUse, ...] = ()
    username: str | None = None  # only with --with-ids
    account_id: str | None = None


@dataclass(frozen=True)
class AuditResult:
    archive: Path
    outputs: tuple[Path, ...]
    exit_code: int
    error: str  # one line, empty when exit_code is 0
    row: Row
    skipped: bool = False  # up to date from an earlier run
    peak_kb: int = 0  # the peak memory of the process that audited it (not in any output)


@dataclass(frozen=True)
class Job:
    """One archive of a batch, as sent to a worker process or a Dask worker."""

    name: str
    archive: Path
    settings_file: Path | None
    settings: Settings
    options: AuditOptions


class State(msgspec.Struct):
    """Written last into an archive's folder: what the next run compares against."""

    key: str
    exit_code: int
    error: str
    outputs: list[str]
    row: Row


# -- one archive --------------------------------------------------------------------------------


def audit(archive: Path, settings: Settings, options: AuditOptions) -> AuditResult:
    """Analyse one archive and write its outputs, exactly as `auditor report` would."""
    name = options.out_dir.name
    try:
        with pdf_renderer("pdf" in options.formats) as renderer:
            inputs = analyse_archive(archive, settings, options.limits, options.jobs)
            from .summary import build_summary

            summary = build_summary(inputs)
            ensure_private_dir(options.out_dir)
            written = write_outputs(inputs, options.outputs(), options.lang, renderer, summary)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as error:  # noqa: BLE001 - every failure becomes its exit code and line
        return no_outputs(archive, name, *failure(error))
    reasons = inputs.data.partial_reasons
    code, line = 0, ""
    if reasons:
        more = f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""
        code = IncompleteError.exit_code
        line = f"incomplete: {reasons[0]}{more}; its inventory lists what could not be read"
    row = aggregate_row(name, summary, options.with_ids, code, line)
    return AuditResult(archive, written, code, line, row)


def analyse_archive(archive: Path, settings: Settings, limits: Limits, jobs: int, **hooks):
    """The stages up to the summary's inputs; `hooks` are pipeline.analyse's callbacks."""
    from .pipeline import analyse

    inputs = analyse(archive, settings, limits, jobs=jobs, **hooks)
    check_birth_date(settings.birth_date, inputs.data.generated_at)
    return inputs


def write_outputs(
    inputs, outputs: tuple[Output, ...], lang: str | None, renderer=None, summary=None
) -> tuple[Path, ...]:
    """Write each output (0600, atomically); shared by `report` and `batch`."""
    from .output import write_private
    from .summary import build_summary, to_json

    summary = summary if summary is not None else build_summary(inputs)
    written = []
    for output in outputs:
        if output.format == "json":
            payload = to_json(summary)
        elif output.format == "csv":
            from .render.table import items_csv

            payload = items_csv(inputs)
        else:
            from .render import render_pdf, render_standalone_html

            language = report_language(lang, summary["region"]["country"])
            if output.format in ("card", "card-png"):
                payload = _card(summary, language, renderer, output.format == "card-png")
                renderer = None
            elif output.format == "pdf":
                payload = render_pdf(summary, language, renderer=renderer)
                renderer = None  # a renderer renders one document
            else:
                payload = render_standalone_html(summary, language)
        written.append(write_private(output.path, payload))
    return tuple(written)


def _card(summary: dict, language: str, renderer, png: bool) -> bytes:
    from .render.card import card_png, render_card_pdf

    pdf = render_card_pdf(summary, language, renderer)
    return card_png(pdf) if png else pdf


def report_language(requested: str | None, country: str | None) -> str:
    from .i18n import LANGUAGES, language_for

    try:
        return language_for(requested, country)
    except ValueError:
        raise UsageError(
            f"--lang: {requested!r} is not a report language; choose one of {', '.join(LANGUAGES)}"
        ) from None


@contextmanager
def pdf_renderer(wanted: bool):
    """Started before the archive is read, so that it imports WeasyPrint meanwhile."""
    if not wanted:
        yield None
        return
    from .render import PdfRenderer

    renderer = PdfRenderer()
    try:
        yield renderer
    finally:
        renderer.close()


def failure(error: BaseException) -> tuple[int, str]:
    """The exit code and one line for an error, as the CLI reports it for a single archive."""
    if isinstance(error, AuditorError):
        code, line = error.exit_code, str(error)
    elif isinstance(error, MemoryError):
        code, line = 4, "out of memory; use a machine with more memory or fewer --jobs"
    elif isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        code, line = 1, f"{where}{error.strerror or error}; check the path and its permissions"
    else:
        code, line = 1, f"internal error ({type(error).__name__}); please report it"
    return code, " ".join(line.split())


def aggregate_row(name: str, summary: dict, with_ids: bool, code: int, error: str) -> Row:
    archive, region = summary["archive"], summary["region"]
    metrics: dict[str, int] = {}
    for key, value in summary["counts"].items():
        if isinstance(value, dict):
            metrics.update({f"count__{key}__{kind}": int(n) for kind, n in value.items()})
        else:
            metrics[f"count__{key}"] = int(value)
    for purpose, table in summary["exposure"].items():
        for category, statuses in table.items():
            for status, n in statuses.items():
                metrics[f"{purpose}__{category}__{status}"] = int(n)
    for purpose, totals in summary["totals"].items():
        for status, n in totals.items():
            metrics[f"{purpose}__all__{status}"] = int(n)
    first = next(iter(summary["totals"].values()), {})
    rules = tuple(
        RuleUse(r["rule"], r["purpose"], r["start"], r["end"]) for r in summary["rules_applied"]
    )
    return Row(
        archive=name,
        platform=archive["platform"] or "",
        layout=archive["layout"] or "",
        region_bloc=region["bloc"] or "",
        region_source=region["source"] or "",
        items=sum(first.values()),
        partial=bool(archive["partial"]),
        exit_code=code,
        error=error,
        metrics=metrics,
        rules=rules,
        username=archive["username"] if with_ids else None,
        account_id=archive["account_id"] if with_ids else None,
    )


def ensure_private_dir(folder: Path) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask; an older folder may be wider


# -- resuming -----------------------------------------------------------------------------------


def content_key(job: Job) -> str:
    """Changes whenever the outputs would: the archive's bytes (a zip) or its file list with
    sizes and times (a folder), the settings, the options and the tool version."""
    digest = hashlib.sha256()
    options = job.options
    for part in (
        __version__,
        repr(job.settings),
        repr((options.formats, options.limits, options.lang, options.with_ids)),
    ):
        digest.update(part.encode() + b"\0")
    if job.settings_file is not None:
        digest.update(job.settings_file.read_bytes() + b"\0")
    if job.archive.is_dir():
        for path, size, mtime in _folder_listing(job.archive):
            digest.update(f"{path}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    else:
        with open(job.archive, "rb") as handle:
            while chunk := handle.read(READ_STEP):
                digest.update(chunk)
    return digest.hexdigest()


def _folder_listing(root: Path) -> Iterable[tuple[str, int, int]]:
    entries = []
    for folder, dirs, files in os.walk(root):  # symbolic links are listed, never followed
        dirs.sort()
        for name in sorted(files):
            path = Path(folder, name)
            info = path.lstat()
            entries.append((path.relative_to(root).as_posix(), info.st_size, info.st_mtime_ns))
    return entries


def read_state(folder: Path) -> State | None:
    try:
        return msgspec.json.decode((folder / STATE_NAME).read_bytes(), type=State)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None  # none yet, or unreadable: the archive is done again


def run_one(job: Job) -> AuditResult:
    """One archive of a batch: skipped if up to date, else audited and its state written."""
    try:
        key = content_key(job)
    except OSError as error:
        return no_outputs(job.archive, job.name, *failure(error))
    state = read_state(job.options.out_dir)
    if state is not None and state.key == key:
        outputs = tuple(job.options.out_dir / name for name in state.outputs)
        return AuditResult(job.archive, outputs, state.exit_code, state.error, state.row, True)
    (job.options.out_dir / STATE_NAME).unlink(missing_ok=True)
    try:
        settings = job.settings
        if job.settings_file is not None:
            settings = settings.merged(load_file(job.settings_file))
    except AuditorError as error:
        result = no_outputs(job.archive, job.name, *failure(error))
    else:
        result = audit(job.archive, settings, job.options)
    if result.exit_code not in RETRIED:
        _write_state(job.options.out_dir, key, result)
    return result


def _write_state(folder: Path, key: str, result: AuditResult) -> None:
    from .output import write_private

    ensure_private_dir(folder)
    names = [path.name for path in result.outputs]
    state = State(key, result.exit_code, result.error, names, result.row)
    write_private(folder / STATE_NAME, msgspec.json.encode(state))


def run_on_dask_worker(job: Job) -> AuditResult:
    """On Linux, in a child of a fork server that this Dask worker starts once and that has
    loaded what audits need (a child forked from the Dask worker itself would carry Dask's
    own memory, and count it in its peak).

    Dask marks its worker processes daemonic, and a daemonic process may not start child
    processes. Those end with the audit, so lifting the mark for this process is safe."""
    process = multiprocessing.current_process()
    if process.daemon:
        process._config["daemon"] = False  # noqa: SLF001 - no public way to lift it
    pdf = makes_pdf([job])
    if sys.platform.startswith("linux"):
        receive, child = _start_child(job, _fork_server(pdf))
        return _result(job, receive, child)
    warm(pdf)
    with glibc_thresholds():
        return run_one(job)


_SERVED: list = []


def _fork_server(pdf: bool):
    """The fork server, started with the first audit (a batch's audits all make the same
    formats: with PDFs, WeasyPrint is loaded in the server too)."""
    if not _SERVED:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["auditor.warm_pdf" if pdf else "auditor.warm"])
        _SERVED.append(context)
    return _SERVED[0]


# glibc's mallopt parameters, and what they are while an audit runs on a Dask worker.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
AUDIT_MMAP_THRESHOLD = 32 << 20  # glibc's own upper bound for its dynamic threshold
AUDIT_TRIM_THRESHOLD = 64 << 20


@contextmanager
def glibc_thresholds():
    """Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which also freezes
    glibc's mmap threshold at 128 KiB: every pandas/Arrow buffer over that is then mapped and
    unmapped anew, and an audit took 20 % longer than in a process-pool worker. For the audit
    the thresholds are what glibc would have grown them to; afterwards the worker's own are
    back and the freed memory is returned (malloc_trim), as the nanny's setting intends."""
    trim = os.environ.get("MALLOC_TRIM_THRESHOLD_")
    libc = _glibc() if trim is not None else None
    if libc is None:
        yield
        return
    libc.mallopt(M_MMAP_THRESHOLD, AUDIT_MMAP_THRESHOLD)
    libc.mallopt(M_TRIM_THRESHOLD, AUDIT_TRIM_THRESHOLD)
    try:
        yield
    finally:
        libc.mallopt(M_MMAP_THRESHOLD, 128 << 10)
        libc.mallopt(M_TRIM_THRESHOLD, int(trim) if trim.isdigit() else 128 << 10)
        libc.malloc_trim(0)


def _glibc():
    import ctypes
    import platform

    if platform.libc_ver()[0] != "glibc":
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


# -- a batch ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    name: str
    path: Path
    settings_file: Path | None


def find_archives(input_dir: Path, out_dir: Path) -> list[Found]:
    """Every .zip and every folder in `input_dir` (not hidden, not the output folder)."""
    if not input_dir.is_dir():
        raise UsageError(f"{input_dir} is not a folder; give the folder that holds the archives")
    if out_dir.resolve() == input_dir.resolve():
        raise UsageError("-o: the output folder must not be the input folder; give another one")
    skip = out_dir.resolve()
    found: list[Found] = []
    taken: set[str] = set()
    for path in sorted(input_dir.iterdir()):
        if path.name.startswith(".") or path.resolve() == skip:
            continue
        is_zip = path.is_file() and path.suffix.lower() == ".zip"
        if not (is_zip or path.is_dir()) or path.is_symlink():
            continue
        stem = path.name[:-4] if is_zip else path.name
        settings_file = input_dir / f"{stem}{SETTINGS_SUFFIX}"
        name = stem if stem not in taken and stem not in AGGREGATE_NAMES else path.name
        taken.add(name)
        found.append(Found(name, path, settings_file if settings_file.is_file() else None))
    return found


def plan(input_dir: Path, out_dir: Path, settings: Settings, template: AuditOptions) -> list[Job]:
    return [
        Job(a.name, a.path, a.settings_file, settings, replace(template, out_dir=out_dir / a.name))
        for a in find_archives(input_dir, out_dir)
    ]


Done = Callable[[AuditResult], None]


def died(job: Job, what: str) -> AuditResult:
    line = f"{what}; run the batch again to retry this archive, with fewer --jobs if it recurs"
    return no_outputs(job.archive, job.name, WORKER_DIED, line)


def no_outputs(archive: Path, name: str, code: int, line: str) -> AuditResult:
    """An archive that gave no outputs: its exit code and one line, in its row too."""
    return AuditResult(archive, (), code, line, Row(name, exit_code=code, error=line))


def run_local(jobs: list[Job], workers: int, done: Done) -> None:
    """At most `workers` archives at once. On Linux each in a child forked from this process,
    which has loaded once what audits need: a child's memory goes back when it ends (a
    process that audited many archives in itself peaked at 1.2x one report's memory), an
    archive that exhausts memory costs only itself, and a stopped batch stops its children.
    Elsewhere on a pool of spawned processes."""
    if not sys.platform.startswith("linux"):
        _run_on_pool(jobs, workers, done)
        return
    from .container import process_context

    warm(makes_pdf(jobs))
    context = process_context()
    pending = list(reversed(jobs))
    running: dict = {}  # the end of each child's pipe → (its job, the child)
    try:
        while pending or running:
            while pending and len(running) < workers:
                job = pending.pop()
                receive, child = _start_child(job, context)
                running[receive] = (job, child)
            for receive in multiprocessing.connection.wait(list(running)):
                job, child = running.pop(receive)
                done(_result(job, receive, child))
    finally:
        for receive, (_, child) in running.items():  # stopped: the archives in flight too
            child.kill()
            child.join()
            receive.close()


def _run_on_pool(jobs: list[Job], workers: int, done: Done) -> None:
    """At most `workers` archives are in flight, so that a worker dying costs only those;
    the rest go on in a fresh pool."""
    pending = list(reversed(jobs))
    context = multiprocessing.get_context("spawn")
    pdf = makes_pdf(jobs)
    while pending:
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=worker_ready, initargs=(pdf,)
        ) as pool:
            running: dict = {}
            broken = False
            while (pending or running) and not broken:
                while pending and len(running) < workers:
                    job = pending.pop()
                    running[pool.submit(run_one, job)] = job
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    job = running.pop(future)
                    try:
                        done(future.result())
                    except BrokenProcessPool:
                        broken = True
                        done(died(job, "a worker process died (likely out of memory)"))
            for job in running.values():  # stopped with the broken pool
                done(died(job, "a worker process died (likely out of memory)"))


PDF_FORMATS = {"pdf", "card", "card-png"}


def makes_pdf(jobs: list[Job]) -> bool:
    return any(set(job.options.formats) & PDF_FORMATS for job in jobs)


def worker_ready(pdf: bool) -> None:
    """A pool worker follows the batch when that is killed, and gets warm."""
    from .lifecycle import follow_parent

    follow_parent()
    warm(pdf)


_WARM: set[bool] = set()


def warm(pdf: bool) -> None:
    """Import and load once, in a worker, what every audit needs, so that the child forked
    per archive starts with it (WeasyPrint too, when PDFs are made: the renderer each audit
    forks is then ready at once)."""
    if pdf in _WARM:
        return
    _WARM.add(pdf)
    import importlib

    from . import pipeline, region, sensitive, summary  # noqa: F401 - for the children
    from .exposure import load_rules
    from .platforms import PLATFORM_MODULES

    for package in PLATFORM_MODULES:
        importlib.import_module(f"{package}.reader")
    # What each audit would otherwise load again: 0.1 s of an archive of 20,000 posts.
    load_rules()
    for table in (region.blocs, region.timezones, region.languages, region.gazetteer):
        table()
    for category in sensitive.CATEGORIES:
        sensitive.term_pattern(category)
    if pdf:
        from .preflight import pango_problem

        pango_problem()  # imports WeasyPrint where Pango is there
    gc.freeze()  # the children's collections then leave these objects (and their pages) be


def _start_child(job: Job, context):
    """`run_one` in a child forked for this archive by `context` (from this process, or from
    a fork server); `_result` waits for what it sends."""
    receive, send = context.Pipe(duplex=False)
    child = context.Process(
        target=_audit_in_child,
        args=(job, send, context.get_start_method() == "forkserver"),
        name=f"audit {job.name}",
        daemon=False,
    )
    child.start()
    send.close()
    return receive, child


def _result(job: Job, receive, child) -> AuditResult:
    try:
        return receive.recv()
    except EOFError:
        return died(job, "the process auditing it died (likely out of memory)")
    finally:
        receive.close()
        child.join()


def _audit_in_child(job: Job, send, served: bool) -> None:
    from .lifecycle import follow_parent

    follow_parent(os.getppid() if served else None)  # a fork server is the parent here
    try:
        with glibc_thresholds():  # a Dask worker's malloc settings are inherited
            result = run_one(job)
    except Exception as error:  # noqa: BLE001 - one line in the aggregate, never a traceback
        result = no_outputs(job.archive, job.name, *failure(error))
    with contextlib.suppress(OSError):  # OSError: the batch is gone, nobody to tell
        send.send(replace(result, peak_kb=peak_kb()))


def peak_kb() -> int:
    """This process's peak resident memory, or its largest child's (the PDF renderer)."""
    import resource

    return max(
        resource.getrusage(w).ru_maxrss for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )


def run_dask(jobs: list[Job], address: str, done: Done) -> None:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UsageError(
            "--scheduler needs the distributed package; install it with "
            "pip install 'auditor[distributed]'"
        ) from None
    try:
        client = Client(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(
            f"--scheduler: cannot reach {address} ({type(error).__name__}); "
            "check that `dask scheduler` runs there and the address is tcp://HOST:PORT"
        ) from None
    with client:
        futures = {client.submit(run_on_dask_worker, job, pure=False): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                done(future.result())
            except Exception as error:  # noqa: BLE001 - KilledWorker and its kind
                done(died(job, f"the Dask worker failed ({type(error).__name__})"))


# -- the aggregate and the batch report ---------------------------------------------------------


BASE_COLUMNS = (
    "archive",
    "platform",
    "layout",
    "region_bloc",
    "region_source",
    "items",
    "partial",
    "exit_code",
    "error",
)


def aggregate_frame(rows: list[Row], with_ids: bool):
    import pandas as pd

    rows = sorted(rows, key=lambda row: row.archive)
    metric_names = sorted({name for row in rows for name in row.metrics})
    records = []
    for row in rows:
        record = {name: getattr(row, name) for name in BASE_COLUMNS}
        if with_ids:
            record["username"] = row.username or ""
            record["account_id"] = row.account_id or ""
        record["rules"] = ";".join(sorted({r.rule for r in row.rules}))
        record.update({name: row.metrics.get(name, 0) for name in metric_names})
        records.append(record)
    columns = [*BASE_COLUMNS, *(("username", "account_id") if with_ids else ()), "rules"]
    frame = pd.DataFrame.from_records(records, columns=[*columns, *metric_names])
    for name in (*metric_names, "items", "exit_code"):
        frame[name] = frame[name].astype("int64")
    frame["partial"] = frame["partial"].astype(bool)
    return frame


def write_aggregate(out_dir: Path, rows: list[Row], with_ids: bool) -> tuple[Path, ...]:
    from .output import write_private

    frame = aggregate_frame(rows, with_ids)
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow")
    parquet = write_private(out_dir / "aggregate.parquet", buffer.getvalue())
    csv = write_private(out_dir / "aggregate.csv", frame.to_csv(index=False))
    return parquet, csv


def write_batch_report(out_dir: Path, rows: list[Row]) -> Path:
    from .batch_view import batch_html
    from .output import write_private
    from .render import PdfRenderer

    return write_private(out_dir / "batch-report.pdf", PdfRenderer().pdf(batch_html(rows)))
