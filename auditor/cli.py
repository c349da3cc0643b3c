"""Command line: parses options, calls the stages, shows progress, maps errors to exit codes."""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .container import Limits
from .errors import AuditorError, UsageError
from .settings import (
    Settings,
    load_file,
    parse_country,
    parse_date,
    parse_moment,
    parse_opt_out,
    parse_period,
)
from .summary import REPORT_ORDER

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Which of your X posts and interactions may be used to train AI.",
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)


class Format(StrEnum):
    pdf = "pdf"
    json = "json"
    html = "html"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"auditor {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """auditor reads your X archive on this machine; nothing is sent anywhere."""


Region = Annotated[
    str | None,
    typer.Option(
        "--region", help="Your country (ISO code, e.g. DE). Default: inferred from the archive."
    ),
]
GrokOptOut = Annotated[
    str | None,
    typer.Option(
        "--grok-opt-out",
        help="When you turned off the Grok/xAI training setting: DATE, never or unknown.",
    ),
]
ThirdOptOut = Annotated[
    str | None,
    typer.Option(
        "--third-party-opt-out",
        help="When you opted out of third-party sharing: DATE, never or unknown.",
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="Evaluate as of this date (default: the archive's date)."),
]
BirthDate = Annotated[
    str | None, typer.Option("--birth-date", help="Your date of birth (for adults-only rules).")
]
Protected = Annotated[
    list[str] | None,
    typer.Option(
        "--protected",
        help="A period your account was protected: START..END (END may be empty). Repeatable.",
    ),
]
SettingsFile = Annotated[
    Path | None,
    typer.Option("--settings", help="A TOML file with your settings (see the README)."),
]
Jobs = Annotated[int, typer.Option("--jobs", help="Processes for big files (0: automatic).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or final line.")]
MaxMembers = Annotated[
    int, typer.Option("--max-members", help="Safety limit: files in the archive.")
]
MaxFileMb = Annotated[
    int, typer.Option("--max-file-mb", help="Safety limit: size of one decompressed data file.")
]
MaxTotalGb = Annotated[
    int, typer.Option("--max-total-gb", help="Safety limit: all data files decompressed.")
]
Archive = Annotated[Path, typer.Argument(help="The archive .zip X sent you, or its folder.")]


@app.command()
def report(
    archive: Archive,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Where to write (default: ARCHIVE-report.pdf)."),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.pdf,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Report language: en, de, fr or es (default: your country's, else en)."
        ),
    ] = None,
    region: Region = None,
    grok_opt_out: GrokOptOut = None,
    third_party_opt_out: ThirdOptOut = None,
    as_of: AsOf = None,
    birth_date: BirthDate = None,
    protected: Protected = None,
    settings_file: SettingsFile = None,
    ask: Annotated[
        bool,
        typer.Option(
            "--ask",
            help="Ask, in plain questions, what the archive cannot tell (needs a terminal).",
        ),
    ] = False,
    save_settings: Annotated[
        Path | None,
        typer.Option(
            "--save-settings", help="With --ask: save your answers to this settings file."
        ),
    ] = None,
    jobs: Jobs = 0,
    quiet: Quiet = False,
    max_members: MaxMembers = Limits.max_members,
    max_file_mb: MaxFileMb = Limits.max_member_bytes >> 20,
    max_total_gb: MaxTotalGb = Limits.max_total_bytes >> 30,
) -> None:
    """Write the report (PDF by default, or the JSON summary or HTML)."""
    from .output import check_output, write_private
    from .summary import build_summary, to_json

    started = time.perf_counter()
    with _errors(), _renderer(format is Format.pdf) as renderer:
        check_output(output or _default_output(archive, format.value), [archive, settings_file])
        settings = _settings(
            region, grok_opt_out, third_party_opt_out, as_of, birth_date, protected, settings_file
        )
        limits = Limits(max_members, max_file_mb << 20, max_total_gb << 30)
        questionnaire = _questionnaire(save_settings) if ask else None
        inputs = _analyse(archive, settings, limits, quiet, complete=questionnaire, jobs=jobs)
        before = time.perf_counter()
        summary = build_summary(inputs)
        target = output or _default_output(archive, format.value)
        if format is Format.json:
            payload = to_json(summary)
        else:
            from .render import render_html, render_pdf

            language = _language(lang, summary["region"]["country"])
            with _status("Rendering the report", quiet):
                if renderer:
                    payload = render_pdf(summary, language, renderer=renderer)
                else:
                    payload = render_html(summary, language)
        write_private(target, payload)
        rendered = time.perf_counter() - before
    if os.environ.get("AUDITOR_TIMING"):
        err.print(f"timing: {inputs.timings} summary+render {rendered:.2f} s")
    if not quiet:
        err.print(f"wrote {target} in {time.perf_counter() - started:.1f} s")


@app.command()
def scan(
    archive: Archive,
    region: Region = None,
    grok_opt_out: GrokOptOut = None,
    third_party_opt_out: ThirdOptOut = None,
    as_of: AsOf = None,
    birth_date: BirthDate = None,
    protected: Protected = None,
    settings_file: SettingsFile = None,
    quiet: Quiet = False,
) -> None:
    """Print the summary page's numbers in the terminal, without writing a file."""
    from .summary import build_summary

    with _errors():
        declared = (region, grok_opt_out, third_party_opt_out, as_of, birth_date, protected)
        summary = build_summary(_declared_inputs(archive, declared, settings_file, quiet))
    out.print(
        f"@{summary['archive']['username']} · archive {summary['archive']['generated_at']}"
        f" · region {summary['region']['country']} ({summary['region']['bloc']}, "
        f"{summary['region']['source']})"
    )
    for purpose, table in summary["exposure"].items():
        grid = Table(title=purpose)
        grid.add_column("category")
        for status in REPORT_ORDER:
            grid.add_column(status, justify="right")
        for category, counts in table.items():
            grid.add_row(category, *(f"{counts[s]:,}" for s in REPORT_ORDER))
        out.print(grid)


@app.command()
def export(
    archive: Archive,
    output: Annotated[Path, typer.Option("-o", "--output", help="CSV file to write.")],
    region: Region = None,
    grok_opt_out: GrokOptOut = None,
    third_party_opt_out: ThirdOptOut = None,
    as_of: AsOf = None,
    birth_date: BirthDate = None,
    protected: Protected = None,
    settings_file: SettingsFile = None,
    quiet: Quiet = False,
) -> None:
    """Write one CSV row per item with its status per purpose: a review or deletion list."""
    from .output import check_output, write_private
    from .render.table import items_csv

    with _errors():
        check_output(output, [archive, settings_file])
        declared = (region, grok_opt_out, third_party_opt_out, as_of, birth_date, protected)
        inputs = _declared_inputs(archive, declared, settings_file, quiet)
        write_private(output, items_csv(inputs))
    if not quiet:
        err.print(f"wrote {output} ({len(inputs.exposure.items):,} items)")


@app.command()
def policies(
    rule_id: Annotated[str | None, typer.Argument(help="Show one rule in full.")] = None,
) -> None:
    """List the policy rules auditor applies, with their sources."""
    from .exposure import load_rules, rule_by_id

    with _errors():
        if rule_id:
            rule = rule_by_id(rule_id)
            if rule is None:
                raise UsageError(f"no rule {rule_id!r}; run `auditor policies` to list them")
            _print_rule(rule)
            return
        grid = Table(title="Policy rules")
        for column in ("rule", "period", "purpose", "categories", "regions", "status", "source"):
            grid.add_column(column, no_wrap=column in ("rule", "period"))
        for rule in load_rules():
            period = (
                f"{rule.start:%Y-%m-%d} – {rule.end:%Y-%m-%d}"
                if rule.end
                else f"{rule.start:%Y-%m-%d} –"
            )
            grid.add_row(
                rule.id,
                period,
                rule.purpose,
                ", ".join(rule.categories),
                ", ".join(rule.regions),
                rule.status,
                rule.strength,
            )
        out.print(grid)


@app.command()
def sample(
    out_path: Annotated[Path, typer.Argument(metavar="OUT.zip")],
    posts: int = 500,
    likes: int = 300,
    dms: int = 20,
    region: str = "DE",
    seed: int = 7,
    part_mb: Annotated[float, typer.Option(help="Split data files above this size.")] = 100.0,
    sensitive: Annotated[
        bool,
        typer.Option("--sensitive", help="Plant posts with contact details and sensitive topics."),
    ] = False,
    truth_file: Annotated[
        Path | None, typer.Option("--truth", help="Also write what was put in (JSON) to this file.")
    ] = None,
) -> None:
    """Build a synthetic X archive (made-up data) for demos, tests and benchmarks."""
    import json

    from .output import check_output, write_private
    from .sample import build_sample

    with _errors():
        check_output(out_path)
        try:
            truth = build_sample(
                out_path,
                posts,
                likes,
                dms,
                region,
                seed,
                int(part_mb * (1 << 20)),
                sensitive=sensitive,
            )
        except ValueError as error:
            raise UsageError(str(error)) from None
        if truth_file:
            write_private(truth_file, json.dumps(truth.as_dict(), indent=2) + "\n")
    err.print(
        f"wrote {out_path}: {sum(truth.posts.values()):,} posts in "
        f"{len(truth.tweet_parts)} part(s), {truth.likes:,} likes, "
        f"{truth.dm_conversations:,} DM conversations, {truth.media_files:,} media files"
    )


# -- helpers ----------------------------------------------------------------------------------


class _errors:
    """The one place where an AuditorError becomes a message and an exit code."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if isinstance(error, AuditorError):
            err.print(f"error: {error}", markup=False, soft_wrap=True)
            raise typer.Exit(error.exit_code) from None
        if isinstance(error, OSError) and not isinstance(error, AuditorError):
            where = f"{error.filename}: " if error.filename else ""
            err.print(
                f"error: {where}{error.strerror or error}; check the path and its permissions",
                markup=False,
            )
            raise typer.Exit(1) from None
        if isinstance(error, MemoryError):
            err.print("error: out of memory; close other programs or use a larger machine")
            raise typer.Exit(4) from None
        if isinstance(error, Exception) and not os.environ.get("AUDITOR_DEBUG"):
            err.print(
                f"error: internal error ({type(error).__name__}); please report it. "
                "Set AUDITOR_DEBUG=1 to see details",
                markup=False,
            )
            raise typer.Exit(1) from None
        return False


def _settings(region, grok, third, as_of, birth, protected, settings_file=None) -> Settings:
    """Flags over the settings file over nothing; every bad value names its option."""
    flags = Settings(
        x_training=parse_opt_out(grok, "--grok-opt-out"),
        third_party_training=parse_opt_out(third, "--third-party-opt-out"),
        protected_periods=tuple(parse_period(p, "--protected") for p in protected or []),
        birth_date=parse_date(birth, "--birth-date") if birth else None,
        region=parse_country(region, "--region") if region else None,
        as_of=parse_moment(as_of, "--as-of") if as_of else None,
    )
    return load_file(settings_file).merged(flags) if settings_file else flags


def _language(requested: str | None, country: str | None) -> str:
    from .i18n import LANGUAGES, language_for

    try:
        return language_for(requested, country)
    except ValueError:
        raise UsageError(
            f"--lang: {requested!r} is not a report language; choose one of {', '.join(LANGUAGES)}"
        ) from None


def _declared_inputs(archive: Path, declared: tuple, settings_file, quiet: bool):
    """What `scan` and `export` share: settings from options and file, then the stages."""
    settings = _settings(*declared, settings_file)
    return _analyse(archive, settings, Limits(), quiet, checksum=False)


def _questionnaire(save_to: Path | None):
    from .questions import ask
    from .settings import to_toml

    if not sys.stdin.isatty():
        raise UsageError(
            "--ask needs a terminal to answer in; give your answers with "
            "--settings FILE or the options instead"
        )

    def complete(settings, region, birth_known):
        err.print("A few questions the archive cannot answer (press Enter if you don't know):")
        answered = ask(
            settings, region, birth_known, lambda q: typer.prompt(q, default="", show_default=False)
        )
        if save_to:
            from .output import write_private

            write_private(save_to, to_toml(answered))
            err.print(f"saved your answers to {save_to}")
        return answered

    return complete


def _analyse(
    archive: Path,
    settings: Settings,
    limits: Limits,
    quiet: bool,
    checksum: bool = True,
    complete=None,
    jobs: int = 0,
):
    from .pipeline import analyse

    show = not quiet and sys.stderr.isatty()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not show,
    ) as progress:
        task = progress.add_task("Reading the archive", total=None, rate="")
        started = time.perf_counter()

        def on_file(path: str, done: int, total: int) -> None:
            rate = done / max(time.perf_counter() - started, 1e-6) / 1e6
            progress.update(
                task,
                completed=done,
                total=total,
                rate=f"{rate:,.0f} MB/s",
                description=f"Reading {path[-40:]}",
            )

        def completing(*args):
            progress.stop()  # the questions need the terminal to themselves
            return complete(*args)

        return analyse(
            archive,
            settings,
            limits,
            on_file,
            checksum=checksum,
            complete=completing if complete else None,
            jobs=jobs,
        )


@contextmanager
def _renderer(wanted: bool):
    """The PDF renderer, started first so that it gets ready while the archive is read."""
    if not wanted:
        yield None
        return
    from .render import PdfRenderer

    renderer = PdfRenderer()
    try:
        yield renderer
    finally:
        renderer.close()


class _status:
    def __init__(self, message: str, quiet: bool) -> None:
        self.active = not quiet and sys.stderr.isatty()
        self.inner = err.status(message) if self.active else None

    def __enter__(self):
        if self.inner:
            self.inner.__enter__()

    def __exit__(self, *exc):
        if self.inner:
            self.inner.__exit__(*exc)


def _default_output(archive: Path, extension: str) -> Path:
    stem = archive.name[:-4] if archive.name.lower().endswith(".zip") else archive.name
    return archive.with_name(f"{stem}-report.{extension}")


def _print_rule(rule) -> None:
    out.print(f"[bold]{rule.id}[/bold] · {rule.policy_title} · {rule.purpose} · {rule.status}")
    out.print(
        f"period {rule.start:%Y-%m-%d} – {rule.end:%Y-%m-%d}"
        if rule.end
        else f"period from {rule.start:%Y-%m-%d}"
    )
    out.print(
        f"categories {', '.join(rule.categories)} · regions {', '.join(rule.regions)} · "
        f"setting {rule.setting} · needs public content: {rule.requires_public}"
        + (f" · minimum age {rule.min_age}" if rule.min_age else "")
    )
    out.print(rule.explanation, markup=False)
    if rule.reason:
        out.print(f"uncertain because: {rule.reason}", markup=False)
    for source in rule.sources:
        out.print(f"\n“{source.clause}”", markup=False)
        out.print(f"  {source.strength} · {source.url}", markup=False)


def main() -> None:
    """The console script. Once the command is done and its output flushed, the process
    ends without tearing down the interpreter: freeing a million-row heap object by object
    took 0.3 s and helps nobody (the renderer and workers have already been waited for)."""
    from .lifecycle import Interrupted, stop_children, stop_cleanly

    stop_cleanly()
    try:
        app()
        code = 0
    except Interrupted as stopped:
        stop_children()
        err.print(f"error: stopped by {stopped.signal_name} before the end; run the command again")
        code = stopped.code
    except SystemExit as done:
        code = done.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    main()
