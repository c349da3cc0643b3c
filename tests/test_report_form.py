"""The report's form: charts, links, dates and quotes, the self-contained HTML, the CSV, help."""

import csv
import re
import shutil

import pytest
from typer.testing import CliRunner

from auditor.cli import app


def help_of(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    return result.output


# -- CLI help


@pytest.mark.parametrize("command", ["report", "scan", "export", "sample"])
def test_help_shows_no_python_type_names(command):
    text = help_of(command)
    assert "<bool>" not in text
    assert "list[" not in text


def test_every_sample_option_is_explained():
    lines = [line for line in help_of("sample").splitlines() if re.search(r"│ +--\w", line)]
    assert len(lines) >= 8
    for line in lines:
        words = re.sub(r"│|--[\w-]+|\[default: [^\]]*\]|\b[A-Z.]+\b", "", line).split()
        assert len(words) >= 2, line  # a sentence, not just the option's name and metavar


# -- CSV export


@pytest.fixture(scope="module")
def archive_copy(sample, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    return shutil.copy(sample[0], folder / "mine.zip")


def read_rows(path):
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_export_writes_beside_the_archive_without_o(run, archive_copy):
    result = run("export", archive_copy, "-q")
    assert result.exit_code == 0, result.output
    target = archive_copy.with_name("mine-items.csv")
    assert target.is_file()
    assert target.stat().st_mode & 0o777 == 0o600


def test_every_like_has_a_post_url(run, archive_copy, tmp_path):
    target = tmp_path / "items.csv"
    assert run("export", archive_copy, "-o", target, "-q").exit_code == 0
    likes = [r for r in read_rows(target) if r["category"] == "like"]
    assert likes
    for row in likes:
        assert row["url"] == f"https://x.com/i/web/status/{row['id']}"


def test_ids_are_quoted_text(run, archive_copy, tmp_path):
    target = tmp_path / "items.csv"
    assert run("export", archive_copy, "-o", target, "-q").exit_code == 0
    lines = target.read_text(encoding="utf-8").splitlines()[1:50]
    assert all(re.match(r'^"\d{15,20}",', line) for line in lines), lines[:3]


def test_labels_are_words_in_the_chosen_language(run, archive_copy, tmp_path):
    from auditor.i18n import translations

    codes, words = tmp_path / "codes.csv", tmp_path / "words.csv"
    assert run("export", archive_copy, "-o", codes, "-q").exit_code == 0
    assert run("export", archive_copy, "-o", words, "-q", "--labels", "--lang", "de").exit_code == 0
    plain, labelled = read_rows(codes), read_rows(words)
    t = translations("de").gettext
    assert [r["id"] for r in plain] == [r["id"] for r in labelled]
    for before, after in zip(plain[:200], labelled[:200], strict=True):
        status = before["x_training_status"].replace("_", " ")
        assert after["x_training_status"] == t(status)
        assert after["x_training_status"] != before["x_training_status"] or status == t(status)
    assert {r["category"] for r in labelled} & {t("Likes"), t("Original posts")}
