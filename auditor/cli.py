"""Command line: parses options, calls the stages, shows progress, maps errors to exit codes."""

from __future__ import annotations

import functools
import inspect
import os
import sys
import time
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .container import Limits
from .errors import AuditorError, IncompleteError, InterruptedError_, UsageError
from .platforms import platforms as known_platforms
from .settings import (
    Settings,
    check_birth_date,
    check_opt_outs,
    load_file,
    parse_as_of,
    parse_birth_date,
    parse_country,
    parse_opt_out,
    parse_opt_out_flag,
    parse_period,
)

try:  # typer 0.28+ carries its own copy of click; older ones use click itself
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover
    from click import exceptions as click_errors

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Which of your posts and interactions (X, Reddit, ...) may be used to train AI.",
)
# soft_wrap: a message is one line however narrow the terminal or pipe (80 columns when
# stderr is not a terminal) - cut mid-sentence it cannot be grepped or read back.
err = Console(stderr=True, highlight=False, soft_wrap=True)


class _Stdout(Console):
    def on_broken_pipe(self) -> None:
        # rich would exit 1 here; a reader that stopped early (`| head`) is no error.
        raise BrokenPipeError


out = _Stdout(highlight=False, width=None if sys.stdout.isatty() else 160)


def _flags_without_type() -> None:
    """A flag takes no value, so help should not show one: typer labels every flag `<bool>`
    (--help and --version too, which no option of ours can reach)."""
    from typer.core import TyperArgument, TyperOption

    shown_type = TyperOption.display_type_rich

    def display_type_rich(self, ctx):
        return None if self.is_flag else shown_type(self, ctx)

    TyperOption.display_type_rich = display_type_rich
    # An argument that takes several values would show its Python type (`<list[Path]>`);
    # its name already ends in "...".
    shown_argument_type = TyperArgument.display_type_rich
    TyperArgument.display_type_rich = lambda self, ctx: (
        None if self.nargs != 1 else shown_argument_type(self, ctx)
    )


_flags_without_type()


class Format(StrEnum):
    pdf = "pdf"
    json = "json"
    html = "html"
    card = "card"  # the one-page card: PDF, or PNG when -o ends in .png
    card_png = "card-png"


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
    """auditor reads your account export on this machine; nothing is sent anywhere."""


Region = Annotated[
    str | None,
    typer.Option(
        "--region", help="Your country (ISO code, e.g. DE). Default: inferred from the archive."
    ),
]
OptOuts = Annotated[
    list[str] | None,
    typer.Option(
        "--opt-out",
        metavar="SETTING=DATE",
        help="SETTING=DATE|never|unknown: when you opted out of a platform's AI-training "
        "setting (`auditor platforms` lists them). Repeatable.",
    ),
]
PlatformName = Annotated[
    str | None,
    typer.Option(
        "--platform",
        metavar="NAME",
        help="Read the archive as this platform's export (default: recognised).",
    ),
]


def _alias_options() -> dict[str, tuple]:
    """The platforms' shorthand flags (X: --grok-opt-out), each a SETTING=... for --opt-out."""
    aliases = {}
    for platform in known_platforms():
        for setting in platform.vocabulary.settings:
            for flag in setting.aliases:
                name = flag.removeprefix("--").replace("-", "_")
                kind = Annotated[str | None, typer.Option(flag, metavar="DATE", help=setting.help)]
                aliases[name] = (kind, None, setting.cli_name)
    return aliases


ALIASES = _alias_options()
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
        metavar="START..END",
        help="A period your account was protected: START..END (END may be empty). Repeatable.",
    ),
]
SettingsFile = Annotated[
    Path | None,
    typer.Option("--settings", help="A TOML file with your settings (see the README)."),
]
Jobs = Annotated[
    int,
    typer.Option(
        "--jobs", help="Processes: for big files, or (batch) archives at once; 0: automatic."
    ),
]
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
Archives = Annotated[
    list[Path],
    typer.Argument(
        help="Your export .zip (or its folder); several exports make one combined report."
    ),
]

# The options of every command that reads an archive, defined once: name → (type, default).
ARCHIVE_OPTIONS = {
    "region": (Region, None),
    "platform": (PlatformName, None),
    "opt_out": (OptOuts, None),
    **{name: (kind, default) for name, (kind, default, _) in ALIASES.items()},
    "as_of": (AsOf, None),
    "birth_date": (BirthDate, None),
    "protected": (Protected, None),
    "settings_file": (SettingsFile, None),
    "jobs": (Jobs, 0),
    "quiet": (Quiet, False),
    "max_members": (MaxMembers, Limits.max_members),
    "max_file_mb": (MaxFileMb, Limits.max_member_bytes >> 20),
    "max_total_gb": (MaxTotalGb, Limits.max_total_bytes >> 30),
}


@dataclass(frozen=True)
class ArchiveOptions:
    """The shared options, checked: what a command that reads an archive is given."""

    archive: Path
    settings: Settings
    limits: Limits
    jobs: int
    quiet: bool
    settings_file: Path | None = None
    platform: str | None = None
    more: tuple[Path, ...] = ()  # `report a.zip b.zip`: the archives after the first

    @property
    def inputs(self) -> list[Path]:
        """What no output may overwrite."""
        return [self.archive, *self.more, *([self.settings_file] if self.settings_file else [])]


def reads_archive(command, argument=Archive):
    """Give `command` the ARCHIVE argument (or `argument`) and the shared options, as
    `options: ArchiveOptions`.

    Typer reads a command's signature, so the shared parameters are added to it here once
    instead of being repeated (and drifting apart) in every command."""
    own = [
        parameter
        for parameter in inspect.signature(command, eval_str=True).parameters.values()
        if parameter.name != "options"
    ]
    keyword = inspect.Parameter.KEYWORD_ONLY
    archive = inspect.Parameter("archive", keyword, annotation=argument)
    shared = [
        inspect.Parameter(name, keyword, default=default, annotation=kind)
        for name, (kind, default) in ARCHIVE_OPTIONS.items()
    ]
    parameters = [archive, *(p.replace(kind=keyword) for p in own), *shared]

    @functools.wraps(command)
    def run(**values):
        given = {name: values.pop(name) for name in ("archive", *ARCHIVE_OPTIONS)}
        with _errors():
            options = archive_options(**given)
        return command(options=options, **values)

    run.__signature__ = inspect.Signature(parameters)
    run.__annotations__ = {p.name: p.annotation for p in parameters}
    return run


def archive_options(
    archive: Path | list[Path],
    region=None,
    platform=None,
    opt_out=None,
    as_of=None,
    birth_date=None,
    protected=None,
    settings_file=None,
    jobs: int = 0,
    quiet: bool = False,
    max_members: int = Limits.max_members,
    max_file_mb: int = Limits.max_member_bytes >> 20,
    max_total_gb: int = Limits.max_total_bytes >> 30,
    **aliases,
) -> ArchiveOptions:
    """Every value checked before the archive is opened; a bad one names its option."""
    for name, value in (
        ("--max-members", max_members),
        ("--max-file-mb", max_file_mb),
        ("--max-total-gb", max_total_gb),
    ):
        if value < 1:
            raise UsageError(f"{name}: {value} is not a limit; give a whole number of 1 or more")
    most = max_jobs()
    if not 0 <= jobs <= most:
        raise UsageError(
            f"--jobs: {jobs} is not possible here; give 0 (automatic) or 1 to {most} "
            f"(4 per CPU on this machine)"
        )
    unknown = set(aliases) - set(ALIASES)
    if unknown:
        raise TypeError(f"unknown options {sorted(unknown)}")
    settings = _settings(
        region, _opt_outs(opt_out, aliases), as_of, birth_date, protected, settings_file
    )
    limits = Limits(max_members, max_file_mb << 20, max_total_gb << 30)
    first, *more = archive if isinstance(archive, list) else [archive]
    return ArchiveOptions(
        first, settings, limits, jobs, quiet, settings_file, platform, tuple(more)
    )


def _opt_outs(flags: list[str] | None, aliases: dict) -> dict:
    """--opt-out SETTING=VALUE flags and the platforms' aliases, as setting id → choice."""
    from .settings import known_settings

    choices = dict(parse_opt_out_flag(flag) for flag in flags or [])
    by_cli = {s.cli_name: s.id for _, s in known_settings().values()}
    for name, value in aliases.items():
        if value is not None:
            flag = "--" + name.replace("_", "-")
            choices[by_cli[ALIASES[name][2]]] = parse_opt_out(value, flag)
    return choices


def max_jobs() -> int:
    """More worker processes than 4 per CPU only add memory and start-up time."""
    return 4 * (os.cpu_count() or 1)


@app.command()
@functools.partial(reads_archive, argument=Archives)
def report(
    options: ArchiveOptions,
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
) -> None:
    """Write the report (PDF by default, or the JSON summary or HTML), or a one-page card
    (--format card: PDF, or PNG with -o FILE.png or --format card-png)."""
    from .batch import Output, write_outputs
    from .output import check_output

    started = time.perf_counter()
    archive, quiet = options.archive, options.quiet
    if options.more:
        _report_several(options, output, format, lang, ask)
        return
    with _errors():
        kind, target = _output_kind(format, output, archive)
    with _errors(), _renderer(kind in ("pdf", "card", "card-png")) as renderer:
        check_output(target, options.inputs)
        questionnaire = _questionnaire(save_settings) if ask else None
        inputs = _analyse(options, complete=questionnaire)
        before = time.perf_counter()
        with _status("Rendering the report", quiet or format is Format.json):
            write_outputs(inputs, (Output(kind, target),), lang, renderer)
        rendered = time.perf_counter() - before
        if os.environ.get("AUDITOR_TIMING"):
            err.print(f"timing: {inputs.timings} summary+render {rendered:.2f} s")
        _done(inputs, f"wrote {target} in {time.perf_counter() - started:.1f} s", quiet, True)


def _report_several(options: ArchiveOptions, output, format: Format, lang, ask: bool) -> None:
    """One report for several exports: each read and judged on its own, written as one."""
    from dataclasses import replace

    from .combined import write_combined
    from .output import check_output

    started = time.perf_counter()
    with _errors():
        if format in (Format.card, Format.card_png) or ask:
            flag = "--ask" if ask else f"--format {format.value}"
            raise UsageError(f"{flag} works with one archive at a time; give just one")
        if output is None:
            raise UsageError("several archives make one report: name it with -o FILE")
        check_output(output, options.inputs)
    with _errors(), _renderer(format is Format.pdf) as renderer:
        archives = [options.archive, *options.more]
        settings = _settings_per_archive(options, archives)
        analysed = [
            _analyse(replace(options, archive=a, more=(), settings=s))
            for a, s in zip(archives, settings, strict=True)
        ]
        with _status("Rendering the report", options.quiet or format is Format.json):
            write_combined(analysed, format.value, output, lang, renderer)
        reasons = [
            f"{a.name}: {reason}"
            for a, inputs in zip(archives, analysed, strict=True)
            for reason in inputs.data.partial_reasons
        ]
        _done(
            _Several(reasons),
            f"wrote {output} ({len(archives)} archives) in {time.perf_counter() - started:.1f} s",
            options.quiet,
            True,
        )


def _settings_per_archive(options: ArchiveOptions, archives: list[Path]) -> list[Settings]:
    """Each archive gets the opt-outs of its own platform: `--grok-opt-out` with an X and a
    Reddit export is meant for X. One that fits none of them is still a mistake."""
    from dataclasses import replace

    from .container import open_container
    from .errors import SettingsError
    from .pipeline import choose_platform

    owned = []
    for archive in archives:
        with open_container(archive, options.limits) as container:
            vocabulary = choose_platform(container, options.platform).vocabulary
        owned.append({s.id for s in vocabulary.settings})
    given = options.settings.opt_outs
    stray = [key for key, _ in given if not any(key in ids for ids in owned)]
    if stray:
        raise SettingsError(
            f"--opt-out {stray[0]}: none of these archives' platforms has this setting; "
            "leave it out"
        )
    return [
        replace(options.settings, opt_outs=tuple((k, v) for k, v in given if k in ids))
        for ids in owned
    ]


@dataclass(frozen=True)
class _SeveralData:
    partial_reasons: list[str]


class _Several:
    """What `_done` reads of several archives: their reasons, each named by its archive."""

    def __init__(self, reasons: list[str]) -> None:
        self.data = _SeveralData(reasons)


def _output_kind(format: Format, output: Path | None, archive: Path) -> tuple[str, Path]:
    """What to write and where; a PNG card is refused before any work if it cannot be made."""
    kind = format.value
    if kind == "card" and output is not None and output.suffix.lower() == ".png":
        kind = "card-png"
    if kind == "card-png":
        from .render.card import check_png_support

        check_png_support()
    if output is not None:
        return kind, output
    extension = {"card": "pdf", "card-png": "png"}.get(kind, kind)
    suffix = "card" if kind.startswith("card") else "report"
    return kind, _default_output(archive, extension, suffix)


def _archive_date(archive: dict) -> str:
    made, source = archive["generated_at"], archive.get("generated_from", "archive")
    if made is None:
        return "archive date unknown (no dated records)"
    if source == "archive":
        return f"archive {made}"
    return f"archive date not stated; newest record {made}"


@app.command()
@reads_archive
def scan(options: ArchiveOptions) -> None:
    """Print the summary page's numbers in the terminal, without writing a file."""
    from .summary import REPORT_ORDER, build_summary

    with _errors():
        inputs = _analyse(options, checksum=False)
        summary = build_summary(inputs)
        archive, region = summary["archive"], summary["region"]
        who = f"@{archive['username']}" if archive["username"] else "account name unknown"
        country = region["country"] or "unknown"
        out.print(
            f"{shown(who)} · {shown(_archive_date(archive))}"
            f" · region {shown(country)} ({region['bloc']}, {region['source']})"
        )
        for purpose, verdict in summary["verdict"].items():
            out.print(shown(_verdict_line(purpose, verdict)))
        for purpose, table in summary["exposure"].items():
            grid = Table(title=purpose)
            grid.add_column("category")
            for status in REPORT_ORDER:
                grid.add_column(status, justify="right")
            for category, counts in table.items():
                grid.add_row(shown(category), *(f"{counts[s]:,}" for s in REPORT_ORDER))
            out.print(grid)
        _done(inputs, "", quiet=True)


@app.command()
@reads_archive
def export(
    options: ArchiveOptions,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="CSV file to write (default: ARCHIVE-items.csv beside it)."
        ),
    ] = None,
    labels: Annotated[
        bool,
        typer.Option(
            "--labels",
            help="Status and category as words in the --lang language, not codes.",
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language of --labels: en, de, fr or es (default: your country's)."
        ),
    ] = None,
) -> None:
    """Write one CSV row per item with its status per purpose: a review or deletion list.

    Ids are quoted text: open the file with the id columns typed as text (see the README)."""
    from .output import check_output, write_private
    from .render.table import items_csv

    with _errors():
        target = output or _default_output(options.archive, "csv", "items")
        check_output(target, options.inputs)
        inputs = _analyse(options, checksum=False)
        from .batch import report_language

        language = report_language(lang, inputs.region.country) if labels else None
        write_private(target, items_csv(inputs, language))
        _done(inputs, f"wrote {target} ({len(inputs.exposure.items):,} items)", options.quiet)


InputDir = Annotated[
    Path,
    typer.Argument(metavar="INPUT_DIR", help="A folder of archives (.zip files or folders)."),
]


@app.command()
@functools.partial(reads_archive, argument=InputDir)
def batch(
    options: ArchiveOptions,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Folder for the outputs and the aggregate.")
    ],
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Per archive, comma-separated: pdf,json,html,csv.")
    ] = "pdf",
    lang: Annotated[
        str | None, typer.Option("--lang", help="Report language (default: each archive's).")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Run on a Dask cluster: tcp://HOST:8786."),
    ] = None,
    with_ids: Annotated[
        bool, typer.Option("--with-ids", help="Put usernames and account ids in the aggregate.")
    ] = False,
) -> None:
    """Audit every archive in a folder: outputs per archive, an aggregate and a batch report.

    --jobs is the number of archives audited at once. NAME.settings.toml beside NAME.zip
    holds that archive's settings, over those given for the whole batch. A re-run skips the
    archives whose outputs are up to date."""
    from . import batch as batches

    with _errors():
        chosen = tuple(dict.fromkeys(f.strip().lower() for f in formats.split(",") if f.strip()))
        unknown = [f for f in chosen if f not in batches.OUTPUT_NAMES]
        if unknown or not chosen:
            raise UsageError(
                f"--format: {formats!r} is not a list of formats; "
                f"give some of {','.join(batches.OUTPUT_NAMES)}, e.g. pdf,json"
            )
        if lang:
            batches.report_language(lang, None)
        workers = options.jobs or os.cpu_count() or 1
        template = batches.AuditOptions(
            output, chosen, options.limits, 0 if workers == 1 else 1, lang, with_ids
        )
        jobs = batches.plan(options.archive, output, options.settings, template)
        batches.ensure_private_dir(output)
        results = _run_batch(jobs, workers, scheduler, options.quiet)
        rows = [result.row for result in results]
        with _status("Writing the aggregate and the batch report", options.quiet):
            batches.write_aggregate(output, rows, with_ids)
            batches.write_batch_report(output, rows)
        failed = [r for r in results if r.exit_code != 0]
        skipped = sum(r.skipped for r in results)
        message = (
            f"audited {len(results):,} archives into {output} ({skipped:,} up to date), "
            f"{len(failed):,} failed or incomplete"
        )
        if failed:
            raise IncompleteError(f"{message}: see {output / 'aggregate.csv'}")
        if not options.quiet:
            err.print(shown(message))


def _run_batch(jobs, workers: int, scheduler: str | None, quiet: bool) -> list:
    from . import batch as batches

    show = not quiet and sys.stderr.isatty()
    results = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} archives · {task.fields[items]} items"),
        TextColumn("· {task.fields[failed]} failed"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not show,
    ) as progress:
        task = progress.add_task("Auditing", total=len(jobs), items="0", failed=0)
        items = failed = 0

        def done(result) -> None:
            nonlocal items, failed
            results.append(result)
            items += result.row.items
            failed += result.exit_code not in (0, 7)
            progress.update(task, advance=1, items=f"{items:,}", failed=failed)

        if scheduler:
            batches.run_dask(jobs, scheduler, done)
        else:
            batches.run_local(jobs, workers, done)
    return results


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
        for rule in load_rules():
            _print_rule(rule, brief=True)


@app.command()
def platforms() -> None:
    """List the platforms auditor reads, what it reads and the rule versions it carries."""
    from .exposure import load_rules

    with _errors():
        for platform in known_platforms():
            vocabulary = platform.vocabulary
            out.print(f"[bold]{platform.name}[/bold] · {vocabulary.title.en}")
            out.print(f"  reads: {vocabulary.reads or 'its account export'}", markup=False)
            categories = ", ".join(c.id for c in vocabulary.categories)
            out.print(f"  items: {categories}", markup=False)
            settings = ", ".join(
                f"{s.cli_name} (from {s.first_offered.isoformat()}"
                + (f"; also {', '.join(s.aliases)}" if s.aliases else "")
                + ")"
                for s in vocabulary.settings
            )
            out.print(f"  settings (--opt-out): {settings or 'none'}", markup=False)
            policies = dict.fromkeys(
                f"{rule.policy_id}" for rule in load_rules(platform)
            )  # in order of their first rule's start
            out.print(f"  rule versions: {', '.join(policies)}", markup=False)
            out.print("")


@app.command()
def sample(
    out_path: Annotated[
        Path, typer.Argument(metavar="OUT.zip", help="The archive to write (made-up data).")
    ],
    platform: Annotated[
        str | None,
        typer.Option("--platform", metavar="NAME", help="Whose export to imitate (default: x)."),
    ] = None,
    posts: Annotated[int, typer.Option(metavar="N", help="Posts to make up.")] = 500,
    likes: Annotated[int, typer.Option(metavar="N", help="Likes (or votes) to make up.")] = 300,
    dms: Annotated[int, typer.Option(metavar="N", help="Direct-message conversations.")] = 20,
    region: Annotated[
        str, typer.Option(metavar="CC", help="Country the account points to (ISO code).")
    ] = "DE",
    seed: Annotated[
        int, typer.Option(metavar="N", help="Random seed: the same seed, the same archive.")
    ] = 7,
    part_mb: Annotated[
        float, typer.Option(metavar="MB", help="Split data files above this size.")
    ] = 100.0,
    sensitive: Annotated[
        bool,
        typer.Option("--sensitive", help="Plant posts with contact details and sensitive topics."),
    ] = False,
    truth_file: Annotated[
        Path | None,
        typer.Option(
            "--truth", metavar="FILE", help="Also write what was put in (JSON) to this file."
        ),
    ] = None,
) -> None:
    """Build a synthetic export (made-up data) for demos, tests and benchmarks."""
    import json

    from .output import check_output, private_path, write_private
    from .platforms import SampleRequest, get_platform, names

    with _errors():
        check_output(out_path)
        try:
            chosen = get_platform(platform or names()[0])
        except KeyError:
            raise UsageError(
                f"--platform: {platform!r} is not a platform auditor knows; choose one of "
                f"{', '.join(names())}"
            ) from None
        request = SampleRequest(
            posts, likes, dms, region, seed, int(part_mb * (1 << 20)), sensitive
        )
        try:
            with private_path(out_path) as building:  # every platform's sample: 0600, atomic
                truth = chosen.build_sample(building, request)
        except ValueError as error:
            raise UsageError(str(error)) from None
        if truth_file and hasattr(truth, "as_dict"):
            write_private(truth_file, json.dumps(truth.as_dict(), indent=2, default=str) + "\n")
    described = truth.describe() if hasattr(truth, "describe") else ""
    err.print(f"wrote {shown(out_path)}" + (f": {described}" if described else ""))


# -- helpers ----------------------------------------------------------------------------------


class _errors:
    """The one place where an AuditorError becomes a message and an exit code."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if isinstance(error, KeyboardInterrupt):
            error = InterruptedError_("interrupted; nothing more was written")
        if isinstance(error, typer.Abort):  # Ctrl-C or end of input at an --ask question
            error = InterruptedError_("no answer given; nothing was written, run it again")
        if isinstance(error, BrokenPipeError):
            _quiet_stdout()  # the reader has seen enough (`| head`): not an error
            raise typer.Exit(0) from None
        if isinstance(error, IncompleteError):
            err.print(f"warning: {shown(str(error))}")
            raise typer.Exit(error.exit_code) from None
        if isinstance(error, AuditorError):
            err.print(f"error: {shown(str(error))}")
            raise typer.Exit(error.exit_code) from None
        if isinstance(error, OSError) and not isinstance(error, AuditorError):
            where = f"{error.filename}: " if error.filename else ""
            err.print(
                shown(
                    f"error: {where}{error.strerror or error}; check the path and its permissions"
                )
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


def _settings(region, opt_outs: dict, as_of, birth, protected, settings_file=None) -> Settings:
    """Flags over the settings file over nothing; every bad value names its option."""
    flags = Settings(
        opt_outs=tuple(opt_outs.items()),
        protected_periods=tuple(parse_period(p, "--protected") for p in protected or []),
        birth_date=parse_birth_date(birth, "--birth-date") if birth else None,
        region=parse_country(region, "--region") if region else None,
        as_of=parse_as_of(as_of, "--as-of") if as_of else None,
    )
    settings = load_file(settings_file).merged(flags) if settings_file else flags
    check_opt_outs(settings)  # before reading the archive: the dates cannot be right
    return settings


def _questionnaire(save_to: Path | None):
    from .questions import ask
    from .settings import to_toml

    if not sys.stdin.isatty():
        raise UsageError(
            "--ask needs a terminal to answer in; give your answers with "
            "--settings FILE or the options instead"
        )

    def complete(settings, region, birth_known, vocabulary):
        err.print("A few questions the archive cannot answer (press Enter if you don't know):")
        answered = ask(
            settings,
            region,
            birth_known,
            lambda q: typer.prompt(q, default="", show_default=False),
            vocabulary,
        )
        if save_to:
            from .output import write_private

            write_private(save_to, to_toml(answered))
            err.print(f"saved your answers to {shown(save_to)}")
        return answered

    return complete


def _analyse(options: ArchiveOptions, checksum: bool = True, complete=None):
    inputs = _run_stages(options, checksum, complete)
    check_birth_date(options.settings.birth_date, inputs.data.generated_at)
    return inputs


def _run_stages(options: ArchiveOptions, checksum: bool, complete):
    from .pipeline import analyse

    show = not options.quiet and sys.stderr.isatty()
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
                description=f"Reading {shown(path[-40:])}",
            )

        def completing(*args):
            progress.stop()  # the questions need the terminal to themselves
            return complete(*args)

        return analyse(
            options.archive,
            options.settings,
            options.limits,
            on_file,
            checksum=checksum,
            complete=completing if complete else None,
            jobs=options.jobs,
            platform=options.platform,
        )


def shown(value) -> str:
    """Any text that came from an archive (or a path), safe to print on a terminal: rich
    markup escaped, and control characters - escape sequences that would drive the
    terminal, bidirectional overrides that reorder what is seen - replaced by "?"."""
    text = "".join(
        "?" if unicodedata.category(char) in ("Cc", "Cf") and char not in "\u200d" else char
        for char in str(value)
    )
    return escape(text)


def _done(inputs, message: str, quiet: bool, report: bool = False) -> None:
    """The final line: what was done, or - whatever --quiet says - that it is incomplete."""
    reasons = inputs.data.partial_reasons
    if reasons:
        more = f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""
        raise IncompleteError(
            f"{message or 'printed the numbers'}, but incomplete: {reasons[0]}{more}; "
            + ("its inventory" if report else "the inventory of `auditor report`")
            + " lists what could not be read"
        )
    if message and not quiet:
        err.print(shown(message))


def _quiet_stdout() -> None:
    """Send what is still buffered for a closed pipe nowhere, so that exiting stays quiet."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (tests capture stdout)
        pass
    finally:
        os.close(devnull)


def _renderer(wanted: bool):
    """The PDF renderer, started first so that it gets ready while the archive is read."""
    from .batch import pdf_renderer

    return pdf_renderer(wanted)


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


def _default_output(archive: Path, extension: str, suffix: str = "report") -> Path:
    # Resolved, so that `report .` (run inside the unzipped archive, or its data/ folder)
    # names the report after the archive's folder and writes it beside it, not into it.
    from .container import archive_root

    archive = archive_root(archive) if archive.is_dir() else archive.resolve()
    if not archive.name:
        raise UsageError(f"cannot name a report after {archive}; give one with -o FILE")
    stem = archive.name[:-4] if archive.name.lower().endswith(".zip") else archive.name
    return archive.with_name(f"{stem}-{suffix}.{extension}")


def _verdict_line(purpose: str, verdict: dict) -> str:
    """The same answer as the report's headline: a range whenever items are uncertain."""
    if not verdict["uncertain"]:
        return f"{purpose}: {verdict['verdict']}, {verdict['low']:,} items exposed"
    why = f" (mostly {verdict['uncertain_rule']})" if verdict["uncertain_rule"] else ""
    return (
        f"{purpose}: {verdict['verdict']}, {verdict['low']:,} to {verdict['high']:,} items may "
        f"be used; {verdict['uncertain']:,} uncertain{why}"
    )


def _countries(rule) -> str:
    if rule.countries:
        return f" (only {', '.join(rule.countries)})"
    return f" (except {', '.join(rule.except_countries)})" if rule.except_countries else ""


def _print_rule(rule, brief: bool = False) -> None:
    """A rule with its regions, its quoted clause(s), their strength and retrieval date."""
    role = "context only, decides nothing" if not rule.decides else rule.status
    if rule.effect == "caps":
        role = f"lowers to {rule.status}"
    start = f"{rule.start:%Y-%m-%d}"
    period = f"{start} – {rule.end:%Y-%m-%d}" if rule.end else f"from {start}"
    width = _policy_width()
    _wrapped(f"{rule.id} · {rule.policy_title} · {rule.purpose} · {role}", 0, width, rule.id)
    _wrapped(
        f"{period} · regions {', '.join(rule.regions)}{_countries(rule)} · categories "
        f"{', '.join(rule.categories)} · basis {rule.strength}",
        2,
        width,
    )
    if not brief:
        _wrapped(
            f"setting {rule.setting}"
            + (f" (or perhaps {rule.maybe_setting})" if rule.maybe_setting != "none" else "")
            + (f" · from opt-out of {rule.after_opt_out}" if rule.after_opt_out != "none" else "")
            + f" · needs public content: {rule.requires_public}"
            + (" · only while protected" if rule.requires_protected else "")
            + (f" · minimum age {rule.min_age}" if rule.min_age else ""),
            2,
            width,
        )
        _wrapped(rule.explanation, 2, width)
        if rule.reason:
            _wrapped(f"uncertain because: {rule.reason}", 2, width)
    for source in rule.sources if not brief else rule.sources[:1]:
        _wrapped(f"“{source.clause}”", 2, width)
        _wrapped(f"{source.strength} · retrieved {source.retrieved.isoformat()}", 4, width)
        _wrapped(source.url, 4, width)  # on its own line: a link is copied whole
        if source.archived:
            _wrapped(f"archived {source.archived}", 4, width)
    if brief:
        out.print("")


def _policy_width() -> int | None:
    """The terminal's width ($COLUMNS first); None for a pipe, which gets whole lines to grep."""
    import shutil

    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return max(shutil.get_terminal_size().columns, 40)
    return None


def _wrapped(text: str, indent: int, width: int | None, bold: str = "") -> None:
    """`text` indented, wrapped at `width` with a hanging indent, never inside a word or a
    link (rich would cut a line anywhere, and wrap a continuation to the left margin)."""
    import textwrap

    from rich.text import Text

    lines = (
        textwrap.wrap(
            text,
            width,
            initial_indent=" " * indent,
            subsequent_indent=" " * (indent + 2),
            break_long_words=False,
            break_on_hyphens=False,
        )
        if width
        else [" " * indent + text]
    )
    for number, line in enumerate(lines):
        shown_line = Text(line)
        if bold and number == 0:
            shown_line.stylize("bold", indent, indent + len(bold))
        out.print(shown_line, soft_wrap=True)


def _click_error_line(error: click_errors.ClickException) -> str:
    """click's own errors (unknown option, missing argument, bad choice) as the one line
    every other bad input gets, instead of a usage block and a box."""
    what = " ".join(error.format_message().split()).rstrip(".")
    line = f"error: {what[:1].lower()}{what[1:]}"
    context = getattr(error, "ctx", None)
    if isinstance(error, click_errors.UsageError):
        line += f"; see `{context.command_path if context else 'auditor'} --help`"
    return line


def main() -> None:
    """The console script. Once the command is done and its output flushed, the process
    ends without tearing down the interpreter: freeing a million-row heap object by object
    took 0.3 s and helps nobody (the renderer and workers have already been waited for)."""
    from .lifecycle import Interrupted, stop_children, stop_cleanly

    stop_cleanly()
    try:
        code = app(standalone_mode=False) or 0  # an int when a command exits early
    except getattr(click_errors, "NoArgsIsHelpError", ()):
        code = 2  # the help has been shown: `auditor` alone asks for it
    except click_errors.ClickException as error:
        err.print(escape(_click_error_line(error)))
        code = error.exit_code
    except Interrupted as stopped:
        stop_children()
        err.print(f"error: stopped by {stopped.signal_name} before the end; run the command again")
        code = stopped.code
    except SystemExit as done:
        code = done.code
    except KeyboardInterrupt:  # before or after a command's own handling
        code = InterruptedError_.exit_code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # `auditor scan | head -1`: the rest was not wanted
        _quiet_stdout()
    sys.stderr.flush()
    os._exit(code or 0)


if __name__ == "__main__":
    main()
