"""The command line: one option set for every archive command, values checked, terminal-safe
output, one line per message, and exit codes that say what happened."""

import json
import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest
import typer

from auditor.cli import ARCHIVE_OPTIONS, app, max_jobs, shown
from auditor.platforms.x.sample import build_sample
from tests.conftest import minimal_archive, ytd

ARCHIVE_COMMANDS = ("report", "scan", "export")


def options_of(command: str) -> set[str]:
    group = typer.main.get_command(app)
    return {
        name for param in group.commands[command].params for name in param.opts if name[0] == "-"
    }


def test_every_archive_command_takes_the_same_shared_options():
    shared = options_of("scan")
    assert {"--max-members", "--max-file-mb", "--max-total-gb", "--jobs"} <= shared
    for command in ARCHIVE_COMMANDS:
        assert shared <= options_of(command), command
    assert len(ARCHIVE_OPTIONS) == len(shared - {"-q", "--help"})


def test_the_options_the_readme_uses_still_work():
    report = options_of("report")
    assert {"-o", "--output", "--format", "-f", "--lang", "--ask", "--save-settings"} <= report
    assert {"-o", "--output"} <= options_of("export")


@pytest.mark.parametrize("command", ARCHIVE_COMMANDS)
def test_the_limit_an_error_names_can_be_passed_to_every_command(run, sample, tmp_path, command):
    path, _ = sample
    extra = ["-o", tmp_path / "out"] if command != "scan" else []
    result = run(command, path, *extra, "--max-members", "2", "-q")
    assert result.exit_code == 4, result.output
    assert "--max-members" in result.output


@pytest.mark.parametrize(
    "option, value, expected",
    [
        ("--region", "EU", "EU is not a country: give your country code, e.g. DE"),
        ("--region", "XX", "ISO 3166-1"),
        ("--region", "EN", "ISO 3166-1"),
        ("--max-members", "-1", "--max-members"),
        ("--max-file-mb", "0", "--max-file-mb"),
        ("--max-total-gb", "-5", "--max-total-gb"),
        ("--jobs", "-1", "--jobs"),
        ("--jobs", str(max_jobs() + 1), "--jobs"),
        ("--birth-date", "yesterday", "--birth-date"),
        ("--as-of", "0001-01-01", "--as-of"),
    ],
)
@pytest.mark.parametrize("command", ARCHIVE_COMMANDS)
def test_nonsense_values_are_one_line_and_exit_2(
    run, sample, tmp_path, command, option, value, expected
):
    path, _ = sample
    target = tmp_path / "out"
    extra = ["-o", target] if command != "scan" else []
    result = run(command, path, *extra, option, value)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert not target.exists()


def test_date_errors_do_not_offer_opt_out_words(run, sample):
    for option in ("--birth-date", "--as-of"):
        result = run("scan", sample[0], option, "soon")
        assert result.exit_code == 2
        assert "never" not in result.output and "unknown" not in result.output


@pytest.mark.parametrize("code, country", [("uk", "GB"), ("EL", "GR")])
def test_country_aliases_name_the_iso_country(run, sample, code, country):
    result = run("scan", sample[0], "--region", code)
    assert result.exit_code == 0, result.output
    assert f"region {country} " in result.output


def test_a_birth_date_after_the_archive_date_is_refused(run, sample, tmp_path):
    target = tmp_path / "s.json"
    assert run("report", sample[0], "-f", "json", "-o", target, "-q").exit_code == 0
    made = json.loads(target.read_text())["archive"]["generated_at"][:10]
    day_after = date.fromisoformat(made) + timedelta(days=1)
    if day_after > date.today():
        pytest.skip("the sample archive is dated today or later: no date lies in between")
    result = run("scan", sample[0], "--birth-date", day_after)
    assert result.exit_code == 2, result.output
    assert "after the archive" in result.output


def archive_with_username(zip_of, username: str):
    account = json.dumps(
        [{"account": {"accountId": "1", "username": username, "createdAt": "2015-01-01T00:00:00Z"}}]
    )
    return zip_of(minimal_archive({"data/account.js": ytd("account", account)}))


@pytest.mark.parametrize(
    "username", ["a[/bold]b", "[link=https://evil.example]x[/link]", "a[red]b"]
)
def test_markup_in_the_archive_is_shown_as_written(run, zip_of, username):
    result = run("scan", archive_with_username(zip_of, username), "-q")
    assert result.exit_code == 0, result.output
    assert f"@{username} " in result.output


def test_escape_codes_from_the_archive_never_reach_the_terminal(run, zip_of):
    result = run("scan", archive_with_username(zip_of, "a\x1b[2J\x1b]0;pwned\x07b\u202e"), "-q")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\u202e" not in result.output


def test_shown_escapes_markup_and_replaces_control_characters():
    assert shown("[bold]x\x1b[0m\ny") == "\\[bold]x?[0m?y"
    assert shown("👩\u200d💻 café") == "👩\u200d💻 café"


def cli(*args, **kwargs):
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    return subprocess.Popen(
        [sys.executable, "-m", "auditor.cli", *map(str, args)], env=env, **kwargs
    )


def test_a_reader_that_stops_early_is_no_error(sample):
    """`auditor scan ... | head -1`: the pipe closes before the output is written."""
    child = cli("scan", sample[0], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()
    _, errors = child.communicate(timeout=120)
    assert child.returncode == 0, errors.decode()
    assert errors == b""


def partial_archive(zip_of):
    return zip_of(minimal_archive({"data/like.js": "window.YTD.like.part0 = [ {" + "x" * 50}))


@pytest.mark.parametrize("command", ARCHIVE_COMMANDS)
def test_an_incomplete_result_is_written_and_exits_7(run, zip_of, tmp_path, command):
    target = tmp_path / "out"
    extra = ["-o", target, *(["-f", "json"] if command == "report" else [])]
    result = run(command, partial_archive(zip_of), *(extra if command != "scan" else []), "-q")
    assert result.exit_code == 7, result.output
    if command != "scan":
        assert target.stat().st_size > 0
    line = result.stderr.strip()
    assert line.count("\n") == 0 and "data/like.js" in line and "inventory" in line


def test_ctrl_c_exits_130_with_one_line(run, sample, monkeypatch):
    import auditor.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(auditor.pipeline, "analyse", interrupted)
    result = run("scan", sample[0])
    assert result.exit_code == 130
    assert result.output.strip() == "error: interrupted; nothing more was written"


def test_messages_are_not_wrapped_when_stderr_is_not_a_terminal(run, sample, tmp_path):
    value = "X" * 150
    result = run("scan", sample[0], "--birth-date", value)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and value in result.stderr
    target = tmp_path / ("long-name-" * 12 + ".json")
    result = run("report", sample[0], "-f", "json", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"wrote {target} in ") and result.stderr.count("\n") == 1
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    result = run("report", sample[0], "-f", "json", "-o", not_a_folder / target.name, "-q")
    assert result.exit_code != 0 and result.stderr.count("\n") == 1, result.stderr


def dates_in(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from dates_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from dates_in(item)
    elif isinstance(value, str) and re.match(r"^\d+-\d\d-\d\d(T|$)", value):
        yield value


@pytest.fixture(scope="module")
def year_one_archive(tmp_path_factory):
    """A post dated 26 July of the year 1: nonsense, but an archive can say so."""
    path = tmp_path_factory.mktemp("year-one") / "archive.zip"
    old = {"id": "1700000000000000001", "kind": "original", "text": "old"}
    old["created"] = datetime(1, 7, 26, 12, tzinfo=UTC)
    build_sample(path, posts=20, likes=0, dms=0, extra_posts=[old])
    return path


def test_dates_before_the_year_1000_are_four_digit_iso_dates(run, year_one_archive, tmp_path):
    target = tmp_path / "s.json"
    result = run("report", year_one_archive, "-f", "json", "-o", target, "-q")
    assert result.exit_code == 0, result.output
    found = list(dates_in(json.loads(target.read_text())))
    assert any(d.startswith("0001-07-26") for d in found)
    assert all(re.match(r"^\d{4}-", d) for d in found), [d for d in found if d[4] != "-"]


@pytest.mark.parametrize("command, extra", [("report", ["-f", "html"]), ("export", [])])
def test_dates_before_the_year_1000_render(run, year_one_archive, tmp_path, command, extra):
    target = tmp_path / "out"
    result = run(command, year_one_archive, *extra, "-o", target, "-q")
    assert result.exit_code == 0, result.output
    assert "0001-07-26" in target.read_text()


@pytest.mark.parametrize(
    "args, expected",
    [
        (["report", "--nope", "x.zip"], "no such option: --nope; see `"),
        (["report"], "missing argument 'archive'; see `"),
        (["report", "-f", "docx", "x.zip"], "'docx' is not one of"),
        (["nosuch"], "no such command 'nosuch'; see `"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, expected):
    child = cli(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output, errors = child.communicate(timeout=120)
    assert child.returncode == 2, errors
    assert errors.count("\n") == 1 and errors.startswith("error: ") and expected in errors
    assert "--help`" in errors and output == ""


def test_no_arguments_still_show_the_help():
    child = cli(stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output, errors = child.communicate(timeout=120)
    assert child.returncode == 2 and "report" in output + errors and "Usage" in output + errors


def test_leaving_an_ask_question_is_an_interruption_not_an_internal_error(capsys):
    from auditor.cli import _errors

    with pytest.raises(typer.Exit) as stopped, _errors():
        raise typer.Abort()  # what typer.prompt raises on Ctrl-C or end of input
    assert stopped.value.exit_code == 130
    assert capsys.readouterr().err.startswith("error: no answer given;")


def test_scan_says_when_the_account_name_is_unknown(run, zip_of):
    account = json.dumps([{"account": {"accountId": "1", "createdAt": "2015-01-01T00:00:00Z"}}])
    archive = zip_of(minimal_archive({"data/account.js": ytd("account", account)}))
    result = run("scan", archive, "-q")
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("account name unknown · ") and "None" not in first
