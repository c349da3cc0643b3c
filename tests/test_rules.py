"""Rule files: schema, citations, and the `auditor policies` command."""

import pytest

from auditor.errors import PolicyError
from auditor.exposure.rules import CATEGORIES, PURPOSES, load_rules, parse_rule_file

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
"""


def test_every_bundled_rule_cites_a_url_and_a_clause():
    rules = load_rules()
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


def test_the_eu_third_party_statement_is_a_press_strength_rule():
    rule = next(r for r in load_rules() if r.id == "x-eu-no-third-party-press")
    assert rule.strength == "press"
    assert rule.regions == ("EU_EEA",)


def test_every_purpose_and_category_has_a_rule():
    rules = load_rules()
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
