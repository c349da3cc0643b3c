"""Declared settings: the file, the flags, the questionnaire."""

from datetime import UTC, date, datetime

import pytest

from auditor.errors import SettingsError
from auditor.platforms.x.vocabulary import VOCABULARY
from auditor.questions import ask
from auditor.region import Region
from auditor.settings import (
    OptOut,
    Settings,
    check_birth_date,
    load_file,
    parse_as_of,
    parse_birth_date,
    parse_country,
    parse_opt_out,
    to_toml,
)

GOOD = """
country = "de"
x_training_opt_out = "2024-09-01"
third_party_training_opt_out = "never"
birth_date = 1990-04-02
protected_periods = [["2023-01-01", "2023-06-30"], ["2025-01-01", ""]]
"""


def test_a_settings_file_is_read(tmp_path):
    path = tmp_path / "me.toml"
    path.write_text(GOOD)
    settings = load_file(path)
    assert settings.region == "DE"
    assert settings.opt_out("x_training") == OptOut("date", datetime(2024, 9, 1, tzinfo=UTC))
    assert settings.opt_out("third_party_training").state == "never"
    assert settings.birth_date == date(1990, 4, 2)
    assert settings.protected_periods[1] == (datetime(2025, 1, 1, tzinfo=UTC), None)
    assert settings.assumed(VOCABULARY) == []


@pytest.mark.parametrize(
    "text, key",
    [
        ('x_training_opt_out = "last summer"', "x_training_opt_out"),
        ('country = "Germany"', "country"),
        ("adult = 3", "adult"),
        ('protected_periods = [["2024-01-01"]]', "protected_periods"),
        ('protected_periods = [["2024-05-01", "2024-01-01"]]', "ends before it starts"),
        ('colour = "red"', "colour"),
        ("this is = not toml", "not valid TOML"),
    ],
)
def test_invalid_values_name_their_key(tmp_path, text, key):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(SettingsError, match=key):
        load_file(path)


def test_flags_win_over_the_file(run, sample, tmp_path):
    import json

    path = tmp_path / "me.toml"
    path.write_text(GOOD)
    target = tmp_path / "s.json"
    result = run(
        "report",
        sample[0],
        "-f",
        "json",
        "-o",
        target,
        "-q",
        "--settings",
        path,
        "--grok-opt-out",
        "never",
        "--region",
        "US",
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(target.read_text())
    assert summary["settings"]["opt_outs"]["x_training"]["state"] == "never"
    assert summary["settings"]["opt_outs"]["third_party_training"]["state"] == "never"
    assert summary["region"]["country"] == "US"
    assert len(summary["settings"]["protected_periods"]) == 2


def test_a_bad_settings_file_is_one_clear_line(run, sample, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('country = "Germany"')
    result = run("report", sample[0], "--settings", path)
    assert result.exit_code == 2
    assert "country" in result.stderr and "Traceback" not in result.output


def test_the_questionnaire_asks_only_what_is_unknown():
    asked = []
    answers = iter(["2024-08-01", "", "2023-01-01..2023-12-31", "yes"])

    def prompt(question):
        asked.append(question)
        return next(answers)

    known_region = Region("DE", "EU_EEA", 0.98, "inferred")
    settings = ask(
        Settings(), known_region, birth_known=False, prompt=prompt, vocabulary=VOCABULARY
    )
    assert len(asked) == 4  # no country question: the region is clear
    assert "Grok & Third-party Collaborators" in asked[0]
    assert settings.opt_out("x_training").when == datetime(2024, 8, 1, tzinfo=UTC)
    assert settings.opt_out("third_party_training").state == "unknown"
    assert settings.protected_periods[0][1] == datetime(2023, 12, 31, tzinfo=UTC)
    assert settings.adult is True
    assert settings.assumed(VOCABULARY) == ["third_party_training_opt_out"]


def test_the_questionnaire_asks_again_after_a_bad_answer():
    answers = iter(["GB", "not a date", "never", "never", "", ""])
    prompts = []

    def prompt(question):
        prompts.append(question)
        return next(answers)

    unsure = Region("DE", "EU_EEA", 0.6, "inferred", candidates=("UK",))
    settings = ask(Settings(), unsure, birth_known=True, prompt=prompt, vocabulary=VOCABULARY)
    assert settings.region == "GB"
    assert prompts[2].startswith("Sorry,")
    assert settings.opt_out("x_training").state == "never"


def test_answers_can_be_saved_and_read_back(tmp_path):
    settings = Settings(
        opt_outs=(
            ("x_training", OptOut("date", datetime(2024, 8, 1, tzinfo=UTC))),
            ("third_party_training", OptOut("never")),
        ),
        adult=True,
        region="FR",
        protected_periods=((datetime(2023, 1, 1, tzinfo=UTC), None),),
    )
    path = tmp_path / "saved.toml"
    path.write_text(to_toml(settings))
    assert load_file(path) == settings


def test_ask_refuses_without_a_terminal(run, sample, tmp_path):
    result = run("report", sample[0], "--ask", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2
    assert "terminal" in result.stderr


@pytest.mark.parametrize(
    "code, country", [("de", "DE"), ("UK", "GB"), ("el", "GR"), (" fr ", "FR")]
)
def test_country_codes_and_their_common_aliases(code, country):
    assert parse_country(code, "--region") == country


@pytest.mark.parametrize("code", ["XX", "EN", "ZZ", "D", "DEU", "12"])
def test_codes_that_are_no_country_are_refused(code):
    with pytest.raises(SettingsError, match="ISO 3166-1"):
        parse_country(code, "--region")


def test_the_eu_is_not_a_country():
    with pytest.raises(SettingsError, match="EU is not a country: give your country code, e.g. DE"):
        parse_country("eu", "--region")


@pytest.mark.parametrize(
    "parse, key", [(parse_birth_date, "--birth-date"), (parse_as_of, "--as-of")]
)
def test_date_errors_offer_only_what_the_option_accepts(parse, key):
    with pytest.raises(SettingsError) as caught:
        parse("last summer", key)
    assert key in str(caught.value) and "YYYY-MM-DD" in str(caught.value)
    assert "never" not in str(caught.value) and "unknown" not in str(caught.value)


def test_opt_out_date_errors_still_offer_never_and_unknown():
    with pytest.raises(SettingsError, match="'never' or 'unknown'"):
        parse_opt_out("last summer", "--grok-opt-out")


@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "2999-01-01"])
def test_impossible_birth_dates_are_refused(value):
    with pytest.raises(SettingsError, match="--birth-date"):
        parse_birth_date(value, "--birth-date")


def test_as_of_before_x_existed_is_refused():
    with pytest.raises(SettingsError, match="--as-of"):
        parse_as_of("0001-01-01", "--as-of")


def test_a_birth_date_after_the_archive_is_refused():
    made = datetime(2025, 6, 1, tzinfo=UTC)
    check_birth_date(date(1990, 1, 1), made)
    check_birth_date(None, made)
    with pytest.raises(SettingsError, match="after the archive"):
        check_birth_date(date(2025, 6, 2), made)


def test_file_values_get_the_same_checks(tmp_path):
    path = tmp_path / "bad.toml"
    for text in ('country = "EU"', 'birth_date = "0001-01-01"', 'as_of = "0001-01-01"'):
        path.write_text(text)
        with pytest.raises(SettingsError):
            load_file(path)


def test_generic_opt_out_flag_equals_the_x_alias(run, sample, tmp_path):
    import json

    summaries = []
    for flags in (["--opt-out", "x_training=2024-09-01"], ["--grok-opt-out", "2024-09-01"]):
        target = tmp_path / f"{len(summaries)}.json"
        result = run("report", sample[0], "-f", "json", "-o", target, "-q", *flags)
        assert result.exit_code == 0, result.output
        summaries.append(json.loads(target.read_text()))
    assert summaries[0]["settings"]["opt_outs"]["x_training"]["date"] == "2024-09-01T00:00:00Z"
    assert summaries[0]["totals"] == summaries[1]["totals"]


@pytest.mark.parametrize(
    "flag, message",
    [
        ("x_training", "SETTING=DATE"),
        ("nonsense=2024-09-01", "known setting"),
        ("x_training=2024-01-01", "before the setting existed"),
    ],
)
def test_a_bad_opt_out_flag_is_one_line(run, sample, flag, message):
    result = run("scan", sample[0], "--opt-out", flag)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_a_platform_table_in_the_settings_file(tmp_path):
    path = tmp_path / "me.toml"
    path.write_text(
        '[x]\nx_training_opt_out = "2024-09-01"\n[reddit]\nprivate_subreddits = ["a"]\n'
    )
    settings = load_file(path)
    assert settings.opt_out("x_training") == OptOut("date", datetime(2024, 9, 1, tzinfo=UTC))
    assert settings.private("reddit") == ("a",)
    path.write_text('[reddit]\nx_training_opt_out = "2024-09-01"\n')
    with pytest.raises(SettingsError, match=r"\[reddit\].*private_subreddits"):
        load_file(path)


@pytest.mark.parametrize("impossible", ["1850-01-01", f"{date.today().year + 1}-01-01"])
def test_the_questionnaire_checks_a_birth_date_like_the_option_does(impossible):
    answers = iter([impossible, "1990-05-01"])
    prompts = []

    def prompt(question):
        prompts.append(question)
        return next(answers)

    known = Settings(
        opt_outs=(("x_training", OptOut("never")), ("third_party_training", OptOut("never"))),
        protected_periods=((datetime(2023, 1, 1, tzinfo=UTC), None),),
    )
    region = Region("DE", "EU_EEA", 0.98, "inferred")
    settings = ask(known, region, birth_known=False, prompt=prompt, vocabulary=VOCABULARY)
    assert prompts[1].startswith("Sorry,") and "cannot be a date of birth" in prompts[1]
    assert settings.birth_date == date(1990, 5, 1)


def test_two_platforms_may_share_a_setting_id(tmp_path):
    path = tmp_path / "me.toml"
    for platform in ("facebook", "instagram"):
        path.write_text(f'[{platform}]\nmeta-ai-objection_opt_out = "2025-06-01"\n')
        assert load_file(path).opt_out("meta-ai-objection").state == "date"
