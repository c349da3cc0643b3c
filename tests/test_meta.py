"""Meta platform packages: Facebook and Instagram (with Threads) exports in the current and
older layouts, text repair, the HTML-format refusal, detection, rules."""

import tomllib
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from auditor import region
from auditor.container import open_container
from auditor.errors import ArchiveError, SettingsError
from auditor.exposure import rules as rule_loader
from auditor.platforms import Platform, detect_platform, get_platform, rule_files
from auditor.platforms.facebook import PLATFORM as FACEBOOK
from auditor.platforms.facebook import sample as fb_sample
from auditor.platforms.instagram import PLATFORM as INSTAGRAM
from auditor.platforms.instagram import sample as ig_sample
from auditor.platforms.instagram.reader import private_periods
from auditor.platforms.meta.export import PrivacyChange
from auditor.platforms.meta.sample import MESSAGE_MARKER, TEXTS, dump, mojibake
from auditor.platforms.meta.text import repair, repair_series
from auditor.platforms.neutral import check
from auditor.platforms.reddit.sample import build_sample as build_reddit
from auditor.settings import OptOut, Settings, check_opt_outs

from .conftest import make_zip

REGIONS = {"US": "ROW", "GB": "UK", "DE": "EU_EEA", "BR": "ROW"}
PUBLIC_KINDS = ["post", "reel", "story", "comment"]


def read(platform, path: Path):
    with open_container(path) as container:
        return platform.read(container)


# --- text repair --------------------------------------------------------------------------


@pytest.mark.parametrize("text", [*TEXTS, "Zoë Łukasz 山田", "👩‍👩‍👧 family", "𝄞 music"])
def test_repair_undoes_meta_escapes(text):
    assert repair(mojibake(text)) == text


@pytest.mark.parametrize(
    "text",
    ["café", "naïve ÿ", "already fine: 東京 🌊", "mixed Ã© and 東", "", "ascii"],
)
def test_repair_leaves_text_that_is_not_mojibake(text):
    # "café" is all <= U+00FF but its latin-1 bytes are not UTF-8: it must stay as it is
    assert repair(text) == text


def test_repair_series_keeps_missing_values():
    values = pd.Series([mojibake("Привет"), None, "plain"], dtype="string")
    assert repair_series(values).tolist() == ["Привет", pd.NA, "plain"]


def test_meta_json_has_only_ascii_escapes():
    raw = dump({"title": mojibake("café ☕")})
    assert b"caf\\u00c3\\u00a9" in raw and raw.isascii()


# --- Instagram ----------------------------------------------------------------------------


@pytest.fixture(scope="module", params=[(r, lay) for r in REGIONS for lay in ("current", "older")])
def instagram(request, tmp_path_factory):
    region_code, layout = request.param
    path = tmp_path_factory.mktemp("ig") / f"instagram-sample.gram-2026-07-25-x{layout}.zip"
    truth = ig_sample.build_sample(path, ig_sample.SampleOptions(region=region_code, layout=layout))
    return truth, read(INSTAGRAM, path)


def test_instagram_reader_equals_truth(instagram):
    truth, data = instagram
    check(data.items, INSTAGRAM.vocabulary.category_ids)
    assert data.counts() == truth.counts
    assert not data.partial
    messages = data.items[data.items["category"] == "message"]
    assert int(messages["self_authored"].sum()) == truth.sent_messages
    assert data.account.username == truth.username
    assert data.account.display_name == truth.display_name  # repaired name
    assert data.birth_date == truth.birth_date
    assert data.generated_at is not None and data.generated_at.date() == truth.generated.date()


def test_instagram_texts_repaired(instagram):
    truth, data = instagram
    texts = set(data.items["text"].dropna())
    assert set(truth.texts) <= texts
    assert any("🌊" in t for t in texts) and any("東京" in t for t in texts)
    assert not any("Ã" in t or "ð\x9f" in t for t in texts)


def test_instagram_public_from_private_account_history(instagram):
    truth, data = instagram
    assert [(c.when, c.private) for c in data.privacy_changes] == truth.changes
    public = data.items.loc[data.items["category"].isin(PUBLIC_KINDS), "public"]
    assert int(public.isna().sum()) == truth.public["unknown"]
    assert int(public.eq(True).sum()) == truth.public["true"]
    assert int(public.eq(False).sum()) == truth.public["false"]
    assert ("instagram-private-account", str(truth.private_now).lower()) in data.settings_found


def test_instagram_private_history_becomes_restricted_periods(instagram):
    truth, data = instagram
    private_from = [at for at, private in truth.changes if private]
    public_from = [at for at, private in truth.changes if not private]
    starts = [start for start, _ in data.restricted_periods]
    ends = [end for _, end in data.restricted_periods if end is not None]
    assert starts == private_from and ends == public_from
    assert (data.restricted_periods[-1][1] is None) == truth.private_now


def _change(day: str, private: bool):
    return PrivacyChange(datetime.fromisoformat(day + "T00:00:00+00:00"), private)


def test_private_periods_edges():
    assert private_periods([], None) == () and private_periods([], False) == ()
    assert private_periods([], True) == ((None, None),)  # private, no history: always
    first_public = [_change("2022-01-01", False)]  # private since before the history
    assert private_periods(first_public, False) == ((None, first_public[0].when),)
    flips = [_change("2020-01-01", True), _change("2021-01-01", False), _change("2022-01-01", True)]
    assert private_periods(flips, True) == (
        (flips[0].when, flips[1].when),
        (flips[2].when, None),
    )


def test_instagram_region(instagram):
    truth, data = instagram
    found = region.infer(data.signals)
    assert found.country == truth.region
    assert found.bloc == REGIONS[truth.region]
    assert sum(s.kind == "login_ip" for s in data.signals) == truth.login_ips


def test_instagram_threads_like_instagram(instagram):
    truth, data = instagram
    if truth.layout == "older":  # Threads started in July 2023, after this layout
        assert "thread_post" not in data.counts()
        return
    assert ("threads-private-account", "false") in data.settings_found
    threads = data.items[data.items["category"].isin(["thread_post", "thread_reply"])]
    assert threads["self_authored"].all() and threads["text"].notna().all()


# --- Facebook -----------------------------------------------------------------------------


@pytest.fixture(scope="module", params=[(r, lay) for r in REGIONS for lay in ("current", "older")])
def facebook(request, tmp_path_factory):
    region_code, layout = request.param
    path = tmp_path_factory.mktemp("fb") / "facebook-export.zip"
    truth = fb_sample.build_sample(path, fb_sample.SampleOptions(region=region_code, layout=layout))
    return truth, read(FACEBOOK, path)


def test_facebook_reader_equals_truth(facebook):
    truth, data = facebook
    check(data.items, FACEBOOK.vocabulary.category_ids)
    assert data.counts() == truth.counts
    assert not data.partial
    assert int(data.items["media"].sum()) == truth.media
    messages = data.items[data.items["category"] == "message"]
    assert int(messages["self_authored"].sum()) == truth.sent_messages
    assert data.account.display_name == truth.display_name
    assert data.account.created_at == truth.registered
    assert data.birth_date == truth.birth_date


def test_facebook_public_is_unknown(facebook):
    _, data = facebook
    items = data.items
    authored = items["category"].isin(["post", "comment"])
    assert items.loc[authored, "public"].isna().all()  # no per-post audience in the export
    assert not items.loc[items["category"].isin(["message", "ai_chat"]), "public"].any()


def test_facebook_texts_repaired_and_region(facebook):
    truth, data = facebook
    assert set(truth.texts) <= set(data.items["text"].dropna())
    found = region.infer(data.signals)
    assert found.country == truth.region and found.bloc == REGIONS[truth.region]
    if truth.jurisdiction:
        assert ("privacy-jurisdiction", truth.jurisdiction) in data.settings_found
    assert [s.value for s in data.signals if s.kind == "email_domain"] == ["example.org"]


# --- privacy ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["facebook", "instagram"])
def test_no_message_text_or_email_kept(kind, tmp_path):
    if kind == "facebook":
        truth = fb_sample.build_sample(tmp_path / "f.zip")
        data, email = read(FACEBOOK, truth.path), fb_sample.EMAIL
    else:
        truth = ig_sample.build_sample(tmp_path / "i.zip")
        data, email = read(INSTAGRAM, truth.path), ig_sample.EMAIL
    private = data.items["category"].isin(["message", "ai_chat"])
    assert private.sum() and data.items.loc[private, "text"].isna().all()
    for column in ("id", "text", "url"):
        assert not data.items[column].fillna("").str.contains(MESSAGE_MARKER).any(), column
    dumped = repr(data.inventory) + repr(data.partial_reasons) + repr(data.signals)
    assert MESSAGE_MARKER not in dumped and email not in dumped + repr(data.account)


def test_message_struct_never_decodes_content():
    from auditor.platforms.meta.export import Message

    assert "content" not in Message.__struct_fields__


# --- HTML export, damaged files, layout variants --------------------------------------------


@pytest.mark.parametrize(
    ("platform", "folder"),
    [(FACEBOOK, "your_facebook_activity/posts/"), (INSTAGRAM, "your_instagram_activity/media/")],
)
def test_html_export_is_one_clear_error(platform, folder, tmp_path):
    path = make_zip(tmp_path / "html.zip", {
        f"{folder}posts_1.html": "<html><body>post</body></html>",
        "personal_information/personal_information.html": "<html></html>",
        "files/image.jpg": b"\xff\xd8",
    })  # fmt: skip
    with open_container(path) as container:
        assert platform.detect(container) >= 0.5  # recognised, so the error can be specific
        with pytest.raises(ArchiveError) as error:
            platform.read(container)
    message = str(error.value)
    assert "HTML" in message and "JSON" in message and "Accounts Center" in message
    assert "\n" not in message


def test_damaged_json_costs_that_file_only(tmp_path):
    truth = ig_sample.build_sample(tmp_path / "i.zip")
    with zipfile.ZipFile(truth.path) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    files["your_instagram_activity/likes/liked_posts.json"] = b'{"likes_media_likes": [{"ti'
    data = read(INSTAGRAM, make_zip(tmp_path / "broken.zip", files))
    assert data.partial and "like" not in data.counts()
    assert data.counts()["post"] == truth.counts["post"]


def test_unzipped_into_one_folder(tmp_path):
    truth = fb_sample.build_sample(tmp_path / "f.zip")
    with zipfile.ZipFile(truth.path) as zf:
        files = {f"facebook-me-2026-07-25/{name}": zf.read(name) for name in zf.namelist()}
    data = read(FACEBOOK, make_zip(tmp_path / "nested.zip", files))
    assert data.counts() == truth.counts


def test_localised_labels_and_bare_comment_list(tmp_path):
    comments = [{"string_map_data": {"Kommentar": {"value": mojibake("Grüße 👋")},
                                     "Zeit": {"timestamp": 1700000000}}}]  # fmt: skip
    path = make_zip(tmp_path / "de.zip", {
        "your_instagram_activity/comments/post_comments_1.json": dump(comments),
        "personal_information/personal_information/personal_information.json": dump(
            {"profile_user": [{"string_map_data": {"Geburtsdatum": {"value": "2009-01-02"}}}]}),
    })  # fmt: skip
    data = read(INSTAGRAM, path)
    assert data.items["text"].tolist() == ["Grüße 👋"]
    assert str(data.items["created"].iloc[0].date()) == "2023-11-14"
    assert str(data.birth_date) == "2009-01-02"


# --- detection ----------------------------------------------------------------------------


def test_detect_each_meta_export(tmp_path):
    for platform, module in ((FACEBOOK, fb_sample), (INSTAGRAM, ig_sample)):
        assert isinstance(platform, Platform)
        for layout in ("current", "older"):
            truth = module.build_sample(tmp_path / f"{platform.name}-{layout}.zip",
                                        module.SampleOptions(layout=layout))  # fmt: skip
            with open_container(truth.path) as container:
                assert detect_platform(container).platform is get_platform(platform.name)
                other = INSTAGRAM if platform is FACEBOOK else FACEBOOK
                assert other.detect(container) < 0.5


def test_detect_says_no_to_x_and_reddit(sample, tmp_path):
    path, _ = sample
    reddit = build_reddit(tmp_path / "reddit.zip").path
    for source in (path, reddit):
        with open_container(source) as container:
            assert FACEBOOK.detect(container) == 0.0
            assert INSTAGRAM.detect(container) == 0.0


# --- rules --------------------------------------------------------------------------------


@pytest.fixture(params=[FACEBOOK, INSTAGRAM], ids=["facebook", "instagram"])
def meta_rules(request):
    platform = request.param
    loaded = []
    for entry in rule_files(platform):
        text = entry.read_text(encoding="utf-8")
        rules = rule_loader.parse_rule_file(text, entry.name, platform.vocabulary)
        loaded.append((tomllib.loads(text), rules))
    return platform, loaded


def test_rule_files_validate_and_carry_sources(meta_rules):
    platform, loaded = meta_rules
    rules = [rule for _, file_rules in loaded for rule in file_rules]
    assert len({rule.id for rule in rules}) == len(rules) >= 9
    for raw, _ in loaded:
        assert raw["policy"]["platform"] == platform.name
        for raw_rule in raw["rule"]:
            for source in raw_rule["source"]:
                assert source["retrieved"] and source["strength"] in rule_loader.STRENGTHS
                if source["strength"] == "primary":
                    assert source["archive"].startswith("OpenTermsArchive/pga-versions@")


def test_weak_sources_never_say_not_exposed(meta_rules):
    _, loaded = meta_rules
    for _, rules in loaded:
        for rule in rules:
            if rule.status == "not_exposed":
                assert any(s.strength == "primary" for s in rule.sources), rule.id


def test_public_content_rules_by_region(meta_rules):
    platform, loaded = meta_rules
    rules = [rule for _, file_rules in loaded for rule in file_rules]
    public = [r for r in rules if "post" in r.categories and r.status == "exposed"]
    starts = {r.regions: (r.start.date().isoformat(), r.setting) for r in public}
    assert starts == {
        ("ROW",): ("2023-09-27", "none"),
        ("UK",): ("2024-09-13", "meta-ai-objection"),
        ("EU_EEA",): ("2025-05-27", "meta-ai-objection"),
    }
    assert all(r.requires_public and r.min_age == 18 for r in public)
    chats = [r for r in rules if r.categories == ("ai_chat",) and r.regions == ("EU_EEA",)]
    assert chats and chats[0].min_age is None  # Meta AI chats: any age
    if platform is INSTAGRAM:
        assert all({"thread_post", "thread_reply"} <= set(r.categories) for r in public)


def test_setting_declared():
    for platform in (FACEBOOK, INSTAGRAM):
        (setting,) = platform.vocabulary.settings
        assert setting.id == setting.cli_name == "meta-ai-objection"
        assert setting.purpose in platform.vocabulary.purpose_ids
        for language in ("en", "de", "fr", "es"):
            assert "›" in setting.menu_path.get(language)


# --- the objection form per region ---------------------------------------------------------


def _objection(day: str) -> Settings:
    return Settings(opt_outs=(("meta-ai-objection", OptOut("date", _change(day, True).when)),))


@pytest.mark.parametrize(
    ("bloc", "day", "refused"),
    [
        ("UK", "2024-10-01", None),
        ("EU_EEA", "2024-10-01", "first possible date is 2025-04-14"),
        ("EU_EEA", "2025-04-20", None),
        ("ROW", "2025-04-20", "not offered to accounts in the rest of the world"),
        ("CH", "2025-06-01", "not offered to accounts in Switzerland"),
        ("unknown", "2024-10-01", None),  # region unknown: the earliest region's date
        ("unknown", "2024-09-01", "first possible date is 2024-09-13"),
    ],
)
def test_objection_date_checked_against_the_accounts_region(bloc, day, refused):
    for platform in (FACEBOOK, INSTAGRAM):
        settings, vocabulary = _objection(day), platform.vocabulary
        if refused is None:
            check_opt_outs(settings, None, vocabulary, bloc)
            continue
        with pytest.raises(SettingsError, match=refused):
            check_opt_outs(settings, None, vocabulary, bloc)


@pytest.mark.parametrize("platform", [FACEBOOK, INSTAGRAM])
def test_meta_narrative_covers_every_bloc_and_fills_the_three_short_actions(platform):
    narrative = platform.vocabulary.narrative
    assert narrative is not None and platform.vocabulary.rules_translated
    assert set(narrative.region) == {"EU_EEA", "UK", "CH", "ROW"}
    assert len(narrative.short_actions) == 3  # page one says "Three things you can do"
    text = " ".join(a.how.en for a in narrative.actions)
    for needed in ("Accounts Center", "non-public", "counts from the day", "Threads", "any age"):
        assert needed in text
