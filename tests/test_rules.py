"""Rule files: schema, citations, and the `auditor policies` command."""

import pytest

from auditor.errors import PolicyError
from auditor.exposure.rules import load_rules, parse_rule_file
from auditor.platforms.x.vocabulary import VOCABULARY

CATEGORIES = VOCABULARY.category_ids
PURPOSES = VOCABULARY.purpose_ids

VALID = """
[policy]
id = "p"
platform = "x"
title = "A policy"
effective = 2024-01-01

[[rule]]
id = "r1"
purpose = "x_training"
categories = ["original"]
regions = ["ROW"]
start = 2024-01-01
status = "exposed"
explanation = "A plain sentence that explains the rule to a reader."
[[rule.source]]
url = "https://example.org/policy"
clause = "We may train on your posts."
strength = "primary"
retrieved = 2026-08-22
"""


def test_every_bundled_x_rule_cites_a_url_and_a_clause():
    rules = load_rules("x")
    assert len(rules) >= 10
    for rule in rules:
        assert rule.sources, rule.id
        for source in rule.sources:
            assert source.url.startswith("https://"), rule.id
            assert len(source.clause) > 10, rule.id
        if rule.status == "uncertain":
            assert rule.reason, rule.id


def test_the_required_policy_versions_are_covered():
    ids = {rule.policy_id for rule in load_rules()}
    for required in (
        "x-pp-2023-09-29",
        "x-grok-setting-2024-07",
        "x-dpc-undertaking-2024",
        "x-pp-2024-11-15",
        "x-tos-2024-11-15",
        "xai-europe-2025-04-24",
        "x-dev-2025-06-04",
        "x-tos-2026-01-15",
    ):
        assert required in ids


def test_the_eu_third_party_statement_is_a_press_strength_cap():
    rule = next(r for r in load_rules() if r.id == "x-eu-no-third-party-press")
    assert rule.strength == "press"
    assert rule.regions == ("EU_EEA",)
    assert (rule.effect, rule.status) == ("caps", "uncertain")


def test_every_source_has_a_retrieval_date_and_ota_sources_their_commit():
    for rule in load_rules():
        for source in rule.sources:
            assert source.retrieved, rule.id
            if "OpenTermsArchive" in source.url:
                assert source.archived and source.archived in source.url, rule.id


def _bundled_data_files():
    from importlib.resources import files

    from auditor.platforms import platforms, rule_files

    yield files("auditor.platforms.x") / "settings.toml"
    for platform in platforms():
        yield from rule_files(platform)


def test_a_source_left_unchecked_says_so_in_its_file():
    # 2026-08-22 means "copied from the reference, not re-checked": the file must say why.
    for entry in _bundled_data_files():
        lines = entry.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.strip() == "retrieved = 2026-08-22":
                assert lines[number - 1].startswith("# not re-checked"), (entry.name, number + 1)


def test_every_clause_is_a_quote_not_a_paraphrase():
    from auditor.platforms.x.vocabulary import _setting_data

    clauses = [(s.url, s.clause) for rule in load_rules() for s in rule.sources]
    clauses += [(s["url"], s["clause"]) for raw in _setting_data().values() for s in raw["source"]]
    for url, clause in clauses:
        assert not clause.lower().startswith("paraphrase"), url


def test_no_bundled_rule_clears_items_on_a_weak_source():
    for rule in load_rules():
        strengths = {s.strength for s in rule.sources}
        if rule.decides and rule.status == "not_exposed":
            assert strengths & {"primary", "help"}, rule.id
        if rule.decides and not strengths - {"press"}:
            assert rule.status in ("exposed", "uncertain"), rule.id


def test_newspaper_quotes_of_the_dpc_are_press():
    for rule in load_rules("x"):
        for source in rule.sources:
            if "dataprotection.ie" not in source.url and source.strength == "regulator":
                pytest.fail(f"{rule.id}: {source.url} is a newspaper, not the regulator")


PRESS_ONLY = VALID.replace('strength = "primary"', 'strength = "press"')


@pytest.mark.parametrize(
    "change, message",
    [
        (('status = "exposed"', 'status = "not_exposed"'), "only policy text"),
        (('status = "exposed"', 'status = "withdrawn"'), "press alone"),
        (('status = "exposed"', 'effect = "caps"\nstatus = "not_exposed"'), "only policy text"),
    ],
)
def test_a_press_only_rule_cannot_clear_or_withdraw_items(change, message):
    with pytest.raises(PolicyError, match=message):
        parse_rule_file(PRESS_ONLY.replace(*change), "weak.toml")
    # The same rule on a press source can make items uncertain.
    uncertain = PRESS_ONLY.replace('status = "exposed"', 'status = "uncertain"\nreason = "r"')
    assert parse_rule_file(uncertain)[0].status == "uncertain"
    # On policy text it may clear them.
    assert parse_rule_file(VALID.replace(*change))[0].status != "exposed"


def test_a_context_rule_may_cite_anything_because_it_decides_nothing():
    rule = parse_rule_file(
        PRESS_ONLY.replace('status = "exposed"', 'kind = "context"\nstatus = "not_exposed"')
    )[0]
    assert not rule.decides


def test_every_purpose_and_category_of_x_has_a_rule():
    rules = load_rules("x")
    for purpose in PURPOSES:
        covered = {c for r in rules if r.purpose == purpose for c in r.categories}
        assert covered == set(CATEGORIES), purpose


def test_a_valid_rule_file_parses():
    (rule,) = parse_rule_file(VALID)
    assert rule.id == "r1" and rule.end is None and rule.setting == "none"


@pytest.mark.parametrize(
    "change, message",
    [
        (('purpose = "x_training"', 'purpose = "ads"'), "purpose"),
        (('categories = ["original"]', 'categories = ["tweets"]'), "categories"),
        (('regions = ["ROW"]', 'regions = ["EU"]'), "regions"),
        (('status = "exposed"', 'status = "maybe"'), "status"),
        (('status = "exposed"', 'status = "uncertain"'), "reason"),
        (('url = "https://example.org/policy"', 'url = "example.org"'), "url"),
        (('strength = "primary"', 'strength = "rumour"'), "strength"),
        (("start = 2024-01-01", "start = 2024-01-01\nend = 2023-01-01"), "end before start"),
        (("start = 2024-01-01", 'start = 2024-01-01\ncolour = "red"'), "unknown keys"),
        (("[[rule.source]]", "[[rule.sauce]]"), "sauce"),
        (("retrieved = 2026-08-22", ""), "retrieved"),
        (('status = "exposed"', 'kind = "maybe"\nstatus = "exposed"'), "kind"),
        (('status = "exposed"', 'setting = "grok"\nstatus = "exposed"'), "setting"),
    ],
)
def test_an_invalid_rule_file_names_the_problem(change, message):
    with pytest.raises(PolicyError, match=message):
        parse_rule_file(VALID.replace(*change), "bad.toml")


def test_policies_lists_the_rules(run):
    result = run("policies")
    assert result.exit_code == 0
    assert "x-pp-2024-third-party-posts" in result.stdout
    assert "2024-11-15" in result.stdout


def test_policies_shows_one_rule_with_its_clause(run):
    result = run("policies", "x-pp-2023-public-posts")
    assert result.exit_code == 0
    assert "help train our machine learning" in result.stdout
    assert run("policies", "no-such-rule").exit_code == 2


def test_policies_shows_each_rules_quote_strength_and_retrieval_date(run):
    result = run("policies")
    assert result.exit_code == 0
    assert "x-tos-2024-licence-europe" in result.stdout and "EU_EEA, UK, CH" in result.stdout
    assert "retrieved 2026-" in result.stdout
    assert "context only, decides nothing" in result.stdout  # the developer agreement
    assert "“Third-party collaborators." in result.stdout


@pytest.mark.parametrize(
    "option, value, first",
    [
        ("--grok-opt-out", "2020-01-01", "2024-07-16"),
        ("--third-party-opt-out", "2024-11-14", "2024-11-15"),
    ],
)
def test_an_opt_out_before_the_setting_existed_is_refused(run, sample, option, value, first):
    result = run("scan", sample[0], "--region", "US", option, value)
    assert result.exit_code == 2
    assert first in result.stderr and option in result.stderr
    assert "Traceback" not in result.output


def test_the_first_offered_dates_are_rule_data():
    from auditor.platforms.x.vocabulary import _setting_data

    dates = {s.id: s.first_offered.isoformat() for s in VOCABULARY.settings}
    assert dates == {"x_training": "2024-07-16", "third_party_training": "2024-11-15"}
    for raw in _setting_data().values():
        assert raw["source"] and all(s["retrieved"] for s in raw["source"])


def test_an_opt_out_after_the_evaluation_date_is_refused(run, sample):
    result = run("scan", sample[0], "--as-of", "2025-01-01", "--grok-opt-out", "2025-06-01")
    assert result.exit_code == 2
    assert "2025-01-01" in result.stderr and "--grok-opt-out" in result.stderr


def test_the_questionnaire_refuses_an_impossible_opt_out_date():
    from auditor.questions import ask
    from auditor.region import Region
    from auditor.settings import Settings

    answers = iter(["2020-01-01", "2024-08-01", "", "", ""])
    asked = []

    def prompt(question):
        asked.append(question)
        return next(answers)

    settings = ask(Settings(), Region("US", "ROW", 1.0, "declared"), True, prompt, VOCABULARY)
    assert asked[1].startswith("Sorry,") and "2024-07-16" in asked[1]
    assert settings.opt_out("x_training").when.date().isoformat() == "2024-08-01"
    third = asked[2]
    assert "third-party collaborators" in third and "does not control it" in third


@pytest.mark.parametrize("args", [(), ("x-pp-2023-dms",)])
def test_policies_read_well_at_80_columns(args):
    """In an 80-column terminal every line fits, continuation lines stay indented under
    their field, and nothing is lost; only a link longer than a line may run over."""
    from typer.testing import CliRunner

    from auditor.cli import app

    result = CliRunner().invoke(app, ["policies", *args], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    too_long = [line for line in lines if len(line) > 80 and "://" not in line]
    assert not too_long
    for line in lines:
        if line and not line[0].isspace():
            assert " · " in line  # a rule's first line: id · title · purpose · role
    text = " ".join(" ".join(lines).split())
    assert "help train our machine learning or artificial intelligence models" in text
    assert "x-pp-2024-third-party-posts" in text or args
