"""Window semantics of the exposure engine, table-driven, boundaries to the second."""

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.exposure import Context, evaluate
from auditor.exposure import load_rules as load_platform_rules
from auditor.exposure.items import OPEN, report_categories
from auditor.platforms.x.vocabulary import CATEGORY_IDS, VOCABULARY
from auditor.settings import OptOut, Settings

REPORT_CATEGORIES = report_categories(VOCABULARY)


def load_rules():
    return load_platform_rules("x")


AS_OF = datetime(2026, 7, 1, tzinfo=UTC)
POLICY_2023 = datetime(2023, 9, 29, tzinfo=UTC)
SECOND = timedelta(seconds=1)


def at(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def items(*rows) -> pd.DataFrame:
    """rows: (kind, created, removed or None)."""
    frame = pd.DataFrame(
        {
            "id": np.arange(len(rows), dtype=np.int64),
            "category": pd.Categorical([k for k, *_ in rows], categories=REPORT_CATEGORIES),
            "kind": pd.Categorical([k for k, *_ in rows], categories=CATEGORY_IDS),
            "created": np.array([int(c.timestamp()) for _, c, _ in rows], dtype=np.int64),
            "removed": np.array(
                [int(r.timestamp()) if r else OPEN for *_, r in rows], dtype=np.int64
            ),
        }
    )
    return frame


def judge(rows, bloc="ROW", purpose="x_training", grok=None, third=None, protected=(), birth=None):
    settings_ = Settings(
        opt_outs=(
            ("x_training", OptOut("date", grok) if grok else OptOut()),
            ("third_party_training", OptOut("date", third) if third else OptOut()),
        ),
        birth_date=birth,
    )
    spans = tuple((int(a.timestamp()), int(b.timestamp()) if b else OPEN) for a, b in protected)
    result = evaluate(items(*rows), load_rules(), Context(bloc, settings_, AS_OF, spans))
    table = result.items
    return list(
        zip(
            table[f"{purpose}_status"].astype(str),
            table[f"{purpose}_rule"].astype(str),
            table[f"{purpose}_first"].dt.tz_localize("UTC"),  # the engine stores naive UTC
            strict=True,
        )
    )


OLD_POST = ("original", at(2020, 5, 1), None)


@pytest.mark.parametrize(
    "row, expected",
    [
        (OLD_POST, ("exposed", "x-pp-2023-public-posts", POLICY_2023)),
        (("original", at(2020, 5, 1), POLICY_2023), ("not_exposed", "none", None)),
        (
            ("original", at(2020, 5, 1), POLICY_2023 + SECOND),
            ("exposed", "x-pp-2023-public-posts", POLICY_2023),
        ),
        (("reply", POLICY_2023 - SECOND, None), ("exposed", "x-pp-2023-public-posts", POLICY_2023)),
        (("quote", at(2025, 1, 2), None), ("exposed", "x-pp-2023-public-posts", at(2025, 1, 2))),
        (("repost", at(2020, 5, 1), None), ("uncertain", "x-pp-2023-reposts", POLICY_2023)),
        (("like", at(2013, 1, 1), None), ("uncertain", "x-pp-2023-likes", POLICY_2023)),
        # A press quote ("not DMs") can make messages uncertain, never not exposed.
        (("dm", at(2025, 1, 1), None), ("uncertain", "x-pp-2023-dms", at(2025, 1, 1))),
        (("grok_chat", at(2025, 1, 1), None), ("exposed", "x-grok-setting-chats", at(2025, 1, 1))),
        (("grok_chat", at(2024, 3, 1), None), ("exposed", "x-grok-setting-chats", at(2024, 7, 26))),
    ],
)
def test_rest_of_world_own_training(row, expected):
    status, rule, first = judge([row])[0]
    assert (status, rule) == expected[:2]
    assert (first if not pd.isna(first) else None) == expected[2]


@pytest.mark.parametrize(
    "grok, expected",
    [
        (POLICY_2023, "not_exposed"),  # opted out the second the clause took effect
        (POLICY_2023 + SECOND, "exposed"),  # not retroactive: one second was enough
        (at(2024, 8, 1), "exposed"),
    ],
)
def test_opt_out_cuts_the_window_but_is_not_retroactive(grok, expected):
    assert judge([OLD_POST], grok=grok)[0][0] == expected


EU_2023 = "x-pp-2023-public-posts-eu"
TOS_EUROPE = "x-tos-2024-licence-europe"


@pytest.mark.parametrize(
    "bloc, grok, birth, expected",
    [
        # The 2023 policy is one global text: before X's EU processing began it applied too.
        ("EU_EEA", None, None, ("exposed", EU_2023, POLICY_2023)),
        ("EU_EEA", at(2024, 9, 1), None, ("exposed", EU_2023, POLICY_2023)),
        ("EU_EEA", None, date(2010, 1, 1), ("exposed", EU_2023, POLICY_2023)),
        ("UK", None, None, ("exposed", "x-pp-2023-public-posts", POLICY_2023)),
        ("CH", at(2024, 1, 1), None, ("exposed", "x-pp-2023-public-posts", POLICY_2023)),
    ],
)
def test_regions_settings_and_age(bloc, grok, birth, expected):
    status, rule, first = judge([OLD_POST], bloc=bloc, grok=grok, birth=birth)[0]
    assert (status, rule, first) == expected


NEW_EU_POST = ("original", at(2024, 6, 1), None)  # written inside the undertaking's window


@pytest.mark.parametrize(
    "grok, expected",
    [
        (None, ("exposed", TOS_EUROPE, at(2024, 11, 15))),
        (at(2024, 9, 1), ("withdrawn", "x-dpc-eu-withdrawn", at(2024, 6, 1))),
        (at(2024, 11, 15), ("withdrawn", "x-dpc-eu-withdrawn", at(2024, 6, 1))),
        (at(2024, 11, 15) + SECOND, ("exposed", TOS_EUROPE, at(2024, 11, 15))),
    ],
)
def test_the_dpc_undertaking_starts_on_7_may_2024(grok, expected):
    assert judge([NEW_EU_POST], bloc="EU_EEA", grok=grok)[0] == expected
    before = ("original", at(2024, 5, 6), None)
    # A post from before 7 May 2024 was within the 2023 terms first: exposed, not withdrawn.
    assert judge([before], bloc="EU_EEA", grok=grok)[0][:2] == ("exposed", EU_2023)


def test_an_eu_user_sees_both_the_terms_and_the_undertaking():
    result = evaluate(items(OLD_POST), load_rules(), Context("EU_EEA", Settings(), AS_OF, ()))
    assert result.items["x_training_rule"].astype(str).tolist() == [EU_2023]
    assert result.matched["x-dpc-eu-withdrawn"] == 1  # shown in the method section too


def test_an_eu_post_from_after_the_undertaking_is_uncertain_until_the_terms_of_november():
    row = ("original", at(2024, 9, 1), None)
    assert judge([row], bloc="EU_EEA", grok=at(2024, 11, 1))[0][:2] == (
        "uncertain",
        "x-eu-after-undertaking",
    )


@pytest.mark.parametrize("bloc", ["EU_EEA", "UK", "CH"])
def test_the_2024_european_terms_grant_the_training_licence(bloc):
    row = ("original", at(2024, 12, 1), None)
    if bloc == "EU_EEA":
        assert judge([row], bloc=bloc)[0] == ("exposed", TOS_EUROPE, at(2024, 12, 1))
    else:  # X's global privacy policy applies first; the European licence matched as well
        assert judge([row], bloc=bloc)[0][:2] == ("exposed", "x-pp-2023-public-posts")
    result = evaluate(items(row), load_rules(), Context(bloc, Settings(), AS_OF, ()))
    assert result.matched.get("x-tos-2024-licence", 0) == 0
    assert result.matched[TOS_EUROPE] == 1


@pytest.mark.parametrize(
    "birth, expected",
    [
        (date(2010, 1, 1), ("exposed", TOS_EUROPE)),  # xAI's addendum is adults-only, X's is not
        (date(2000, 1, 1), ("exposed", TOS_EUROPE)),
    ],
)
def test_a_minor_in_the_eu_is_not_cleared_by_the_adults_only_addendum(birth, expected):
    row = ("original", at(2025, 5, 1), None)
    assert judge([row], bloc="EU_EEA", birth=birth)[0][:2] == expected
    # Opted out of the European licence's window but not of X's policy: still uncertain.
    row = ("original", at(2024, 9, 1), None)
    status = judge([row], bloc="EU_EEA", birth=birth, grok=at(2024, 11, 1))[0][0]
    assert status == "uncertain"


@pytest.mark.parametrize(
    "bloc, third, expected",
    [
        ("ROW", None, ("exposed", "x-pp-2024-third-party-posts")),
        ("UK", None, ("exposed", "x-pp-2024-third-party-posts")),
        # A press report lowers EU exposure to uncertain (a cap), it cannot clear it.
        ("EU_EEA", None, ("uncertain", "x-eu-no-third-party-press")),
        # The developer agreement binds API users: it is context and decides nothing.
        ("ROW", at(2024, 11, 15), ("not_exposed", "none")),
        ("ROW", at(2024, 11, 15) + SECOND, ("exposed", "x-pp-2024-third-party-posts")),
    ],
)
def test_third_party_collaborators(bloc, third, expected):
    assert (
        judge([OLD_POST], bloc=bloc, purpose="third_party_training", third=third)[0][:2] == expected
    )


def test_a_grok_opt_out_makes_later_third_party_exposure_uncertain():
    later = ("original", at(2025, 1, 1), None)
    grok = at(2024, 8, 1)
    assert judge([later], purpose="third_party_training", grok=grok)[0][:2] == (
        "uncertain",
        "x-pp-2024-third-party-after-grok-opt-out",
    )
    # Not retroactive: in scope between 15 November 2024 and a later Grok opt-out.
    assert judge([later], purpose="third_party_training", grok=at(2025, 2, 1))[0][0] == "exposed"
    # A declared opt-out from the collaborators clause itself ends it.
    both = judge([later], purpose="third_party_training", grok=grok, third=at(2024, 11, 15))
    assert both[0][0] == "not_exposed"


def test_protected_posts_are_uncertain_for_third_parties():
    protected = [(at(2023, 1, 1), None)]
    assert judge([OLD_POST], purpose="third_party_training", protected=protected)[0][:2] == (
        "uncertain",
        "x-pp-2024-third-party-protected",
    )


def test_context_rules_never_decide():
    rules = load_rules()
    context = [r for r in rules if not r.decides]
    assert {"x-dev-2025-api-ban", "x-dev-policy-grok-exception"} <= {r.id for r in context}
    table = items(OLD_POST, ("repost", at(2025, 7, 1), None))
    result = evaluate(table, rules, Context("ROW", Settings(), AS_OF, ()))
    for purpose in ("x_training", "third_party_training"):
        decided = set(result.items[f"{purpose}_rule"].astype(str))
        assert not decided & {r.id for r in context}


def test_protected_periods_split_a_lifetime():
    protected = [(at(2023, 1, 1), at(2025, 1, 1))]
    status, rule, first = judge([OLD_POST], protected=protected)[0]
    assert (status, first) == ("exposed", at(2025, 1, 1))
    # Opting out while protected: never public inside a training window, but only press
    # reports say protected posts are left out, so uncertain rather than not exposed.
    assert judge([OLD_POST], protected=protected, grok=at(2024, 12, 1))[0][:2] == (
        "uncertain",
        "x-pp-2023-protected-posts",
    )
    assert judge([OLD_POST], protected=[(at(2022, 1, 1), None)])[0][0] == "uncertain"
    # Opted out before the protected window: nothing is left.
    assert judge([OLD_POST], protected=protected, grok=POLICY_2023)[0][0] == "not_exposed"


def test_private_items_ignore_protection():
    row = ("grok_chat", at(2025, 1, 1), None)
    assert judge([row], protected=[(at(2020, 1, 1), None)])[0][0] == "exposed"


def test_a_deleted_post_counts_only_while_it_existed():
    row = ("original", at(2022, 1, 1), at(2023, 6, 1))
    assert judge([row])[0][0] == "not_exposed"
    assert judge([row], bloc="EU_EEA")[0][0] == "not_exposed"


def test_unknown_region_keeps_agreement_and_marks_the_rest_uncertain():
    rows = [OLD_POST, ("dm", at(2025, 1, 1), None)]
    third = judge(rows, bloc="unknown", purpose="third_party_training")
    assert third[0][:2] == ("uncertain", "region-unknown")  # EU uncertain, elsewhere exposed
    own = judge(rows, bloc="unknown")
    assert own[0][0] == "exposed"  # every region agrees (from different dates)
    assert own[1][0] == "uncertain"  # messages: uncertain in every region


KINDS = ("original", "reply", "repost", "quote", "like", "dm", "grok_chat")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(KINDS),
            st.integers(1_300_000_000, 1_800_000_000),
            st.one_of(st.none(), st.integers(0, 200_000_000)),
        ),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from(("EU_EEA", "UK", "CH", "ROW", "unknown")),
    st.one_of(st.none(), st.integers(1_600_000_000, 1_800_000_000)),
)
def test_every_item_gets_exactly_one_status_per_purpose(rows, bloc, opt_out):
    table = items(
        *[
            (
                kind,
                datetime.fromtimestamp(c, UTC),
                datetime.fromtimestamp(c + life, UTC) if life is not None else None,
            )
            for kind, c, life in rows
        ]
    )
    choice = OptOut("date", datetime.fromtimestamp(opt_out, UTC)) if opt_out else OptOut()
    result = evaluate(
        table, load_rules(), Context(bloc, Settings(opt_outs=(("x_training", choice),)), AS_OF)
    )
    for purpose in ("x_training", "third_party_training"):
        counts = result.counts(purpose)
        assert int(counts.to_numpy().sum()) == len(rows)
        assert result.items[f"{purpose}_status"].notna().all()
        exposed = result.items[f"{purpose}_status"] == "exposed"
        assert result.items.loc[exposed, f"{purpose}_first"].notna().all()


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(KINDS),
            st.integers(1_300_000_000, 1_790_000_000),
            st.one_of(st.none(), st.integers(0, 200_000_000)),
        ),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(("EU_EEA", "UK", "CH", "ROW", "unknown")),
)
def test_acting_on_the_as_of_date_never_changes_a_status(rows, bloc):
    """The what-if shortcut: opting out or protecting 'today' is not retroactive."""
    from auditor.exposure.engine import scenario_context

    table = items(
        *[
            (
                kind,
                datetime.fromtimestamp(c, UTC),
                datetime.fromtimestamp(c + life, UTC) if life is not None else None,
            )
            for kind, c, life in rows
        ]
    )
    context = Context(bloc, Settings(), AS_OF)
    baseline = evaluate(table, load_rules(), context)
    for scenario in ("opt_out_today", "protect_today"):
        changed = evaluate(
            table, load_rules(), scenario_context(context, scenario, VOCABULARY.settings)
        )
        for purpose in ("x_training", "third_party_training"):
            assert (changed.items[f"{purpose}_status"] == baseline.items[f"{purpose}_status"]).all()


@pytest.mark.parametrize(
    "totals, word, low, high",
    [
        ({"exposed": 0, "withdrawn": 0, "uncertain": 5, "not_exposed": 2}, "uncertain", 0, 5),
        ({"exposed": 3, "withdrawn": 0, "uncertain": 5, "not_exposed": 0}, "mixed", 3, 8),
        ({"exposed": 3, "withdrawn": 1, "uncertain": 0, "not_exposed": 9}, "exposed", 3, 3),
        ({"exposed": 0, "withdrawn": 0, "uncertain": 0, "not_exposed": 9}, "not_exposed", 0, 0),
    ],
)
def test_the_verdict_is_a_range_whenever_items_are_uncertain(totals, word, low, high):
    from auditor.summary import verdict

    result = verdict(totals, "some-rule")
    assert (result["verdict"], result["low"], result["high"]) == (word, low, high)
    assert result["uncertain_rule"] == ("some-rule" if totals["uncertain"] else None)


def test_headline_scan_and_json_agree_and_never_print_a_bare_zero(run, sample, tmp_path):
    import json
    import re

    summary_path, html_path = tmp_path / "s.json", tmp_path / "r.html"
    common = ("--region", "DE", "--grok-opt-out", "2024-09-01")
    assert run("report", sample[0], "-f", "json", "-o", summary_path, "-q", *common).exit_code == 0
    run("report", sample[0], "-f", "html", "-o", html_path, "-q", "--lang", "en", *common)
    summary = json.loads(summary_path.read_text())
    third = summary["verdict"]["third_party_training"]
    totals = summary["totals"]["third_party_training"]
    assert third["verdict"] == "uncertain" and third["low"] == totals["exposed"] == 0
    assert third["uncertain"] == totals["uncertain"] > 0
    html = html_path.read_text()
    cards = re.findall(r'<div class="n">([^<]*)</div>', html)
    assert len(cards) == 2 and "0" not in [c.strip() for c in cards]
    assert f"uncertain: {third['uncertain']:,}" in cards
    scan = run("scan", sample[0], *common)
    assert f"third_party_training: uncertain, 0 to {third['high']:,} items may be used" in (
        " ".join(scan.stdout.split())
    )


def test_the_method_section_shows_context_rules_and_rules_a_stronger_one_outranked(
    run, sample, tmp_path
):
    import json

    path = tmp_path / "s.json"
    run("report", sample[0], "-f", "json", "-o", path, "-q", "--region", "DE")
    summary = json.loads(path.read_text())
    context = {row["rule"] for row in summary["context_rules"]}
    assert {"x-dev-2025-api-ban", "x-dev-policy-grok-exception"} <= context
    applied = {row["rule"]: row for row in summary["rules_applied"]}
    assert applied["x-dpc-eu-withdrawn"]["matched"] > 0  # the undertaking stays visible
    for row in summary["rules_applied"] + summary["context_rules"]:
        for source in row["sources"]:
            assert source["retrieved"]


def test_a_us_grok_opt_out_leaves_later_posts_uncertain_for_third_parties(run, sample, tmp_path):
    import json

    path = tmp_path / "us.json"
    options = ("--region", "US", "--grok-opt-out", "2024-08-01")
    assert run("report", sample[0], "-f", "json", "-o", path, "-q", *options).exit_code == 0
    summary = json.loads(path.read_text())
    originals = summary["exposure"]["third_party_training"]["original"]
    assert originals["exposed"] == 0 and originals["uncertain"] > 0
    applied = {r["rule"] for r in summary["rules_applied"] if r["items"]}
    assert "x-pp-2024-third-party-after-grok-opt-out" in applied


@pytest.mark.parametrize(
    "bloc, expected",
    [
        # X's own policy and terms name no age: minors are covered like adults.
        ("ROW", ("exposed", "x-pp-2023-public-posts")),
        ("UK", ("exposed", "x-pp-2023-public-posts")),
        ("CH", ("exposed", "x-pp-2023-public-posts")),
        # EU/EEA: xAI's addendum is adults-only, the European licence is not.
        ("EU_EEA", ("exposed", TOS_EUROPE)),
    ],
)
def test_age_logic_per_region_for_a_minor(bloc, expected):
    minor = date(2012, 3, 1)
    row = ("original", at(2025, 6, 1), None)
    assert judge([row], bloc=bloc, birth=minor)[0][:2] == expected
    result = evaluate(
        items(row), load_rules(), Context(bloc, Settings(birth_date=minor), AS_OF, ())
    )
    assert result.matched.get("xai-europe-adult-posts", 0) == 0  # never for a minor


# Country-limited rules: a term that holds in a few countries of a bloc only (or everywhere in
# it but there). Platform-neutral: X's vocabulary, made-up rules.
COUNTRY_RULES = """
[policy]
id = "p"
platform = "x"
title = "Made-up terms"
effective = 2024-01-01

[[rule]]
id = "row-but-late"
purpose = "x_training"
categories = ["original"]
regions = ["ROW"]
except_countries = ["CA"]
start = 2024-01-01
status = "exposed"
explanation = "Everywhere in ROW but Canada from 2024."
[[rule.source]]
url = "https://example.org/terms"
clause = "We train on your posts everywhere."
strength = "primary"
retrieved = 2026-01-01

[[rule]]
id = "late-country"
purpose = "x_training"
categories = ["original"]
regions = ["ROW"]
countries = ["CA"]
start = 2025-01-01
status = "exposed"
explanation = "Canada only from 2025, a year later."
[[rule.source]]
url = "https://example.org/terms"
clause = "We train on your posts in Canada too."
strength = "primary"
retrieved = 2026-01-01
"""


def country_judge(rows, bloc, country):
    from auditor.exposure.rules import parse_rule_file

    rules = tuple(parse_rule_file(COUNTRY_RULES, "countries.toml", VOCABULARY))
    context = Context(bloc, Settings(), AS_OF, (), ("x_training",), country)
    table = evaluate(items(*rows), rules, context).items
    statuses, deciding = table["x_training_status"], table["x_training_rule"]
    return list(zip(statuses.astype(str), deciding.astype(str), strict=True))


IN_2024 = ("original", at(2024, 6, 1), at(2024, 12, 1))  # deleted before Canada's start


@pytest.mark.parametrize(
    "bloc, country, expected",
    [
        ("ROW", "US", ("exposed", "row-but-late")),
        ("ROW", "CA", ("not_exposed", "none")),
        # Bloc known, country not: Canada and elsewhere disagree about 2024, so uncertain.
        ("ROW", None, ("uncertain", "region-unknown")),
        ("unknown", None, ("uncertain", "region-unknown")),
        # A Canadian account compared as if it were in the EU: no ROW rule holds there.
        ("EU_EEA", "CA", ("not_exposed", "none")),
    ],
)
def test_country_limited_rules_follow_the_accounts_country(bloc, country, expected):
    assert country_judge([IN_2024], bloc, country)[0] == expected


def test_country_limited_rules_start_the_window_for_that_country_only():
    late = ("original", at(2025, 6, 1), None)
    assert country_judge([late], "ROW", "CA")[0] == ("exposed", "late-country")
    # Every ROW country agrees on 2025: the general rule answers, nothing is uncertain.
    assert country_judge([late], "ROW", None)[0] == ("exposed", "row-but-late")
    table = items(("original", at(2024, 6, 1), None))
    from auditor.exposure.rules import parse_rule_file

    rules = tuple(parse_rule_file(COUNTRY_RULES, "countries.toml", VOCABULARY))
    canada = evaluate(table, rules, Context("ROW", Settings(), AS_OF, (), (), "CA")).items
    assert canada["x_training_first"].iloc[0] == np.datetime64("2025-01-01T00:00:00")


@pytest.mark.parametrize(
    "change, message",
    [
        ('countries = ["CA"]', "countries or except_countries"),
        ('countries = ["DE"]', "not in the rule's regions"),
        ('countries = ["ca"]', "ISO 3166-1"),
        ('countries = ["UK"]', "not in the rule's regions"),
    ],
)
def test_country_lists_are_checked(change, message):
    from auditor.errors import PolicyError
    from auditor.exposure.rules import parse_rule_file

    both = change == 'countries = ["CA"]'  # added next to except_countries, else instead
    anchor = 'except_countries = ["CA"]'
    text = COUNTRY_RULES.replace(anchor, f"{anchor}\n{change}" if both else change)
    with pytest.raises(PolicyError, match=message):
        parse_rule_file(text, "countries.toml", VOCABULARY)
