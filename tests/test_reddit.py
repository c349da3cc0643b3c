"""Reddit platform package: sample ground truth, CSV quirks, checkfile, rules, detection."""

import hashlib
import re
import time
import tomllib
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.container import open_container
from auditor.exposure import rules as rule_loader
from auditor.platforms import (
    LANGUAGES,
    Platform,
    detect_platform,
    get_platform,
    rule_files,
)
from auditor.platforms.csvfile import read_columns
from auditor.platforms.neutral import check
from auditor.platforms.reddit import PLATFORM, reader
from auditor.platforms.reddit.sample import (
    EMAIL,
    MESSAGE_MARKER,
    SampleOptions,
    build_sample,
)
from auditor.platforms.reddit.vocabulary import CATEGORY_IDS, VOCABULARY

from .conftest import damaged, make_zip

QUIRKS = Path(__file__).parent / "fixtures" / "reddit" / "quirks"
STRING_COLUMNS = ("id", "text", "url")


@pytest.fixture(scope="module")
def reddit_sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("reddit") / "export.zip"
    return build_sample(path, SampleOptions(seed=3))


def read(path: Path):
    with open_container(path) as container:
        return PLATFORM.read(container)


def by_path(data):
    return {row.path: row for row in data.inventory}


def rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the export zip with `change(files)` applied to its name → bytes map."""
    with zipfile.ZipFile(source) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    change(files)
    return make_zip(target, files)


# --- ground truth ------------------------------------------------------------------------


def test_sample_ground_truth_equals_reader_counts(reddit_sample):
    data = read(reddit_sample.path)
    check(data.items, CATEGORY_IDS)
    assert data.counts() == {k: v for k, v in reddit_sample.counts().items() if v}
    states = data.items["state"].value_counts()
    assert states["deleted"] == reddit_sample.deleted
    assert states["removed"] == reddit_sample.removed
    assert int(data.items["media"].sum()) == reddit_sample.media
    comments = by_path(data)["comments.csv"]
    assert comments.skipped == reddit_sample.skipped_rows
    assert comments.analyzed == reddit_sample.comments
    assert data.partial  # the planted bad rows are reported, not hidden


def test_sample_account_signals_and_age(reddit_sample):
    data = read(reddit_sample.path)
    assert data.account.username == reddit_sample.username
    assert data.account.created_at == reddit_sample.registered
    assert data.generated_at == reddit_sample.generated
    assert data.birth_date == reddit_sample.birth_date
    kinds = [signal.kind for signal in data.signals]
    assert [s.value for s in data.signals if s.kind == "creation_ip"] == [
        reddit_sample.registration_ip
    ]
    # ip_logs.csv rows plus the distinct addresses of the posts' and comments' ip column
    assert kinds.count("login_ip") == reddit_sample.login_ips + 3
    assert all(s.when is not None for s in data.signals if s.kind == "login_ip")
    assert [s.value for s in data.signals if s.kind == "email_domain"] == ["example.org"]
    assert EMAIL not in repr(data)


def test_sample_every_member_inventoried_and_verified(reddit_sample):
    data = read(reddit_sample.path)
    assert sorted(by_path(data)) == reddit_sample.files
    for row in data.inventory:
        if row.path != "checkfile.csv":
            assert "checksum verified" in row.note, row
    assert by_path(data)["message_headers.csv"].status == "ignored"


def test_sample_self_authored_and_privacy(reddit_sample):
    data = read(reddit_sample.path)
    items = data.items
    messages = items[items["category"] == "message"]
    chats = items[items["category"] == "chat_message"]
    assert int(messages["self_authored"].sum()) == reddit_sample.sent_messages
    assert int(chats["self_authored"].sum()) == reddit_sample.sent_chat_messages
    private = items["category"].isin(["message", "chat_message"])
    assert items.loc[private, "text"].isna().all()
    assert not items.loc[private, "public"].any()
    assert items.loc[items["category"].isin(["post", "comment"]), "public"].isna().all()
    for column in STRING_COLUMNS:
        assert not items[column].fillna("").str.contains(MESSAGE_MARKER).any(), column
    assert MESSAGE_MARKER not in repr(data.inventory) + repr(data.partial_reasons)


def test_messages_archive_variant(tmp_path):
    truth = build_sample(
        tmp_path / "e.zip", SampleOptions(messages_file="messages_archive.csv", bad_rows=0)
    )
    data = read(truth.path)
    assert data.counts()["message"] == truth.messages
    assert not data.partial
    assert by_path(data)["messages_archive_headers.csv"].status == "ignored"


def test_message_in_both_files_counts_once(reddit_sample, tmp_path):
    def duplicate(files):
        files["messages_archive.csv"] = files["messages.csv"]
        files.pop("checkfile.csv")

    data = read(rewrite(reddit_sample.path, tmp_path / "both.zip", duplicate))
    assert data.counts()["message"] == reddit_sample.messages
    assert "also in another message file" in by_path(data)["messages_archive.csv"].note


# --- quirks ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def quirks():
    return read(QUIRKS)


def test_quirks_bom_crlf_multiline_and_base36(quirks):
    posts = quirks.items[quirks.items["category"] == "post"].set_index("id")
    assert sorted(posts.index) == ["abc1", "abc2", "abc3", "zz9"]  # t3_ prefix dropped
    first = posts.loc["abc1"]
    assert first["text"] == ('Title, with comma\n\nLine one\r\nline two with "quotes", and a comma')
    assert first["created"] == pd.Timestamp("2024-03-01 10:00:00", tz="UTC")
    assert first["media"] == 1
    assert first["url"] == "https://www.reddit.com/r/books/comments/abc1/first/"
    assert posts.loc["zz9", "text"] == "Fourth\n\nmulti\n\nparagraph\nbody"
    assert by_path(quirks)["posts.csv"].skipped == 0


def test_quirks_deleted_and_removed(quirks):
    items = quirks.items.set_index("id")
    assert items.loc["abc2", "state"] == "deleted"
    assert items.loc["abc3", "state"] == "removed"
    assert items.loc["c4", "state"] == "deleted"
    assert items.loc["abc2", "text"] == "Second"  # "[deleted]" is not the author's text
    assert items.loc["c4", "text"] == ""
    assert pd.isna(items.loc["abc2", "removed"])  # the export gives no deletion time


def test_quirks_bad_rows_cost_only_themselves(quirks):
    comments = by_path(quirks)["comments.csv"]
    assert (comments.records, comments.analyzed, comments.skipped) == (5, 2, 3)
    assert "without a valid date" in comments.note
    assert "without a valid id" in comments.note
    assert "fields instead of" in comments.note
    ids = set(quirks.items.loc[quirks.items["category"] == "comment", "id"])
    assert ids == {"c1", "c4"}
    assert any("comments.csv" in reason for reason in quirks.partial_reasons)


def test_quirks_messages_never_kept(quirks):
    messages = quirks.items[quirks.items["category"] == "message"]
    assert len(messages) == 2
    assert list(messages["self_authored"]) == [True, False]  # case-insensitive name match
    assert "SECRET" not in repr(quirks)


def test_quirks_missing_files_inventory_and_account(quirks):
    rows = by_path(quirks)
    assert rows["checkfile.csv"].status == "missing"
    assert rows["notes.txt"].status == "unknown"
    assert rows["gilded_content.csv"].status == "counted"
    assert quirks.birth_date == date(2000, 2, 29)  # the verified date wins
    assert quirks.generated_at == datetime(2024, 6, 1, tzinfo=UTC)
    creation = [s for s in quirks.signals if s.kind == "creation_ip"]
    assert [s.value for s in creation] == ["10.9.9.9"]


def test_missing_item_files_give_empty_table(tmp_path):
    path = make_zip(
        tmp_path / "thin.zip",
        {"statistics.csv": "statistic,value\naccount name,u\n", "ip_logs.csv": "date,ip\n"},
    )
    data = read(path)
    check(data.items, CATEGORY_IDS)
    assert len(data.items) == 0
    rows = by_path(data)
    assert rows["posts.csv"].status == "missing" and rows["comments.csv"].status == "missing"


def test_checksum_mismatch_marks_partial_but_reads_the_file(reddit_sample, tmp_path):
    def tamper(files):
        files["posts.csv"] = files["posts.csv"].replace(b"garden", b"gardeN", 1)

    data = read(rewrite(reddit_sample.path, tmp_path / "tampered.zip", tamper))
    assert data.counts()["post"] == reddit_sample.posts
    assert "does not match its checksum" in by_path(data)["posts.csv"].note
    assert any("posts.csv does not match" in reason for reason in data.partial_reasons)
    assert "checksum verified" in by_path(data)["comments.csv"].note


def test_file_listed_in_checkfile_but_absent(reddit_sample, tmp_path):
    data = read(rewrite(reddit_sample.path, tmp_path / "gone.zip", lambda f: f.pop("drafts.csv")))
    assert by_path(data)["drafts.csv"].status == "missing"
    assert any("drafts.csv is listed" in reason for reason in data.partial_reasons)
    assert "draft" not in data.counts()


def test_invalid_utf8_in_a_wanted_column_costs_one_row(tmp_path):
    good = "2024-01-01 00:00:00 UTC"
    body = (
        "id,permalink,date,ip,subreddit,gildings,title,url,body\n"
        f"a1,/r/x/comments/a1/,{good},,x,{{}},ok,,fine\n"
        f"a2,/r/x/comments/a2/,{good},,x,{{}},ok,,fine\n"
    ).encode() + f"a\xff3,/r/x/comments/a3/,{good},,x,{{}},ok,,fine\n".encode("latin-1")
    data = read(make_zip(tmp_path / "bad.zip", {"posts.csv": body}))
    assert sorted(data.items["id"]) == ["a1", "a2"]
    assert by_path(data)["posts.csv"].skipped == 1


def test_invalid_utf8_in_a_message_body_is_never_decoded(tmp_path):
    body = (
        b"id,permalink,thread_id,date,ip,from,to,subject,body\n"
        b"m1,,,2024-01-01 00:00:00 UTC,,a,b,s,\xff\xfe broken\n"
    )
    data = read(make_zip(tmp_path / "m.zip", {"messages.csv": body}))
    assert data.counts() == {"message": 1}
    assert by_path(data)["messages.csv"].skipped == 0


def test_quote_left_open_at_end_of_file(tmp_path):
    text = 'id,permalink,direction\nv1,/r/x/comments/v1/,up\nv2,/r/x/comments/v2/,"up\n'
    table = read_columns(memoryview(text.encode()), ("id", "direction"))
    assert list(table.frame["id"])[:1] == ["v1"]
    assert table.rows + table.skipped == 2


# --- vocabulary and rules ----------------------------------------------------------------


def test_vocabulary_is_complete():
    assert VOCABULARY.settings == ()  # Reddit has no AI-training setting
    assert set(CATEGORY_IDS) == {
        "post", "comment", "post_vote", "comment_vote", "saved", "message", "chat_message",
        "draft",
    }  # fmt: skip
    labels = [c.label for c in VOCABULARY.categories] + [p.label for p in VOCABULARY.purposes]
    for label in labels + list(VOCABULARY.statements):
        for language in LANGUAGES:
            assert label.get(language).strip(), (label, language)
    for category in VOCABULARY.categories:
        template = category.url_template
        assert template is None or template.startswith("https://www.reddit.com/")


@pytest.fixture
def reddit_rules():
    """Each rule file with its rules, checked against Reddit's vocabulary."""
    loaded = []
    for entry in rule_files(PLATFORM):
        text = entry.read_text(encoding="utf-8")
        rules = rule_loader.parse_rule_file(text, entry.name, VOCABULARY)
        loaded.append((tomllib.loads(text), rules))
    return loaded


def test_rule_files_load_and_validate(reddit_rules):
    assert len(reddit_rules) == 5
    ids = [rule.id for _, rules in reddit_rules for rule in rules]
    assert len(ids) == len(set(ids))
    for raw, rules in reddit_rules:
        assert raw["policy"]["platform"] == "reddit"
        for rule, raw_rule in zip(rules, raw["rule"], strict=True):
            assert rule.setting == "none"
            for source in raw_rule["source"]:
                assert isinstance(source["effective"], date)
                assert isinstance(source["retrieved"], date)


def test_press_only_rules_never_say_not_exposed(reddit_rules):
    for _, rules in reddit_rules:
        for rule in rules:
            if all(source.strength == "press" for source in rule.sources):
                assert rule.status in ("uncertain", "exposed"), rule.id


def test_private_messages_are_never_exposed_by_rule(reddit_rules):
    for _, rules in reddit_rules:
        for rule in rules:
            if {"message", "chat_message"} & set(rule.categories):
                assert rule.status == "uncertain" and rule.reason, rule.id


def test_rule_files_are_rejected_by_the_x_vocabulary():
    """A rule file is checked against its platform's vocabulary: X's must refuse Reddit's."""
    entry = rule_files(PLATFORM)[0]
    with pytest.raises(rule_loader.PolicyError):
        text = entry.read_text(encoding="utf-8")
        rule_loader.parse_rule_file(text, entry.name, get_platform("x").vocabulary)


# --- detection ---------------------------------------------------------------------------


def test_detect_reddit_export(reddit_sample):
    assert isinstance(PLATFORM, Platform)
    with open_container(reddit_sample.path) as container:
        assert PLATFORM.detect(container) == 1.0
        assert detect_platform(container).platform is get_platform("reddit")
    assert get_platform("reddit").detect is not None


def test_detect_unzipped_folder_one_level_down(tmp_path):
    folder = tmp_path / "export_quirky_20240601"
    folder.mkdir()
    for source in QUIRKS.iterdir():
        (folder / source.name).write_bytes(source.read_bytes())
    with open_container(tmp_path) as container:
        assert PLATFORM.detect(container) > 0.5
    assert read(tmp_path).counts()["post"] == 4


def test_detect_says_no_to_an_x_archive(sample):
    path, _ = sample
    with open_container(path) as container:
        assert PLATFORM.detect(container) == 0.0
        assert detect_platform(container).platform is get_platform("x")


def test_checkfile_hashes_are_sha256_of_members(reddit_sample):
    with zipfile.ZipFile(reddit_sample.path) as zf:
        lines = zf.read("checkfile.csv").decode().splitlines()[1:]
        for line in lines:
            name, digest = line.split(",")
            assert hashlib.sha256(zf.read(name)).hexdigest() == digest


ID_TEXT = st.text(alphabet="t13_5aZ K\u212a0-\u00e9\u0661\t", max_size=16)
EDGE_IDS = ["t1_", "t1_t3_a", " T1_ABC ", "t5_abc", "t3_" + "a" * 13, "a" * 14, "", None]


PLAIN_ID = st.text(alphabet="0123456789abcxyz", min_size=1, max_size=13)
ID_LISTS = st.one_of(
    st.lists(st.one_of(st.none(), ID_TEXT), max_size=30).map(lambda values: values + EDGE_IDS),
    st.lists(PLAIN_ID, max_size=30),  # as exports have them: the fast path
    st.lists(st.one_of(PLAIN_ID, ID_TEXT), max_size=30),
)


@settings(max_examples=300, deadline=None)
@given(ID_LISTS)
def test_ids_are_checked_and_stripped_as_the_base36_pattern_says(values):
    column = pd.Series(values, dtype=pd.StringDtype("pyarrow"))
    stripped, invalid = reader._ids(column)
    for value, kept, bad in zip(column, stripped, invalid, strict=True):
        wanted = ("" if value is pd.NA else value).strip().lower()
        assert bad == (re.match(reader.BASE36, wanted) is None)
        if not bad:
            assert kept == wanted.removeprefix("t1_").removeprefix("t3_")


LINKS = st.sampled_from(
    ["/r/a/comments/k1/_/c1/", " /r/b/comments/k2/ ", "https://www.reddit.com/r/c/comments/k3/",
     "http://example.com/x", "javascript:alert(1)", "", "\t", None]
)  # fmt: skip


def expected_url(link, template, id_):
    link = ("" if link is None else link).strip()
    link = reader.WEB + link if link.startswith("/") else link
    if link.startswith("https://"):
        return link
    return template.replace("{id}", id_) if template else None


@settings(max_examples=200, deadline=None)
@given(st.lists(LINKS, max_size=12), st.sampled_from([None, reader.WEB + "/comments/{id}/"]))
def test_urls_are_made_absolute_checked_and_filled_from_the_template(links, template):
    permalinks = pd.Series(links, dtype=pd.StringDtype("pyarrow"))
    ids = pd.Series([f"k{i}" for i in range(len(links))], dtype=pd.StringDtype("pyarrow"))
    got = reader._urls(permalinks, template, ids)
    wanted = [expected_url(link, template, id_) for link, id_ in zip(links, ids, strict=True)]
    assert [None if value is pd.NA else value for value in got] == wanted


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.sampled_from(["[deleted]", " [removed]\t", "[DELETED]", "[deleted] and more"]),
            st.text(alphabet="[]delt xy", max_size=80),
        ),
        max_size=20,
    )
)
def test_states_read_deleted_and_removed_bodies_however_long_the_others(bodies):
    got = reader._states(pd.Series(bodies, dtype=pd.StringDtype("pyarrow")))
    names = {"[deleted]": "deleted", "[removed]": "removed"}
    assert list(got) == [names.get((body or "").strip(), "live") for body in bodies]


def test_lanes_do_not_change_the_result(reddit_sample, tmp_path, monkeypatch):
    def tamper(files):  # a checksum mismatch and a bad row in the same file
        files["posts.csv"] = files["posts.csv"].replace(b"garden", b"gardeN", 1) + b"x,y\n"

    path = rewrite(reddit_sample.path, tmp_path / "lanes.zip", tamper)
    results = []
    for lanes in (1, 2, 5):
        monkeypatch.setattr(reader, "LANES", lanes)
        results.append(read(path))
    first = results[0]
    for other in results[1:]:
        pd.testing.assert_frame_equal(first.items, other.items)
        assert first.inventory == other.inventory
        assert first.partial_reasons == other.partial_reasons
        assert first.signals == other.signals
    reasons = [str(reason) for reason in first.partial_reasons]
    mismatch = reasons.index("posts.csv does not match its checksum in checkfile.csv")
    skipped = next(i for i, reason in enumerate(reasons) if "posts.csv" in reason and i != mismatch)
    assert mismatch < skipped  # the file's checksum first, then its skipped rows
    notes = repr(first.inventory) + repr(first.partial_reasons)
    assert reader.PENDING_TEXT not in notes


def test_lanes_balance_bytes_and_keep_the_message_files_together():
    sizes = {"comments.csv": 100, "posts.csv": 40, "comment_votes.csv": 30,
             "messages.csv": 20, "messages_archive.csv": 5, "drafts.csv": 1}  # fmt: skip
    members = {name: type("M", (), {"size": size})() for name, size in sizes.items()}
    lanes = reader._lanes(members, sorted(sizes))
    assert sorted(name for lane in lanes for name in lane) == sorted(sizes)
    assert ["comments.csv"] in lanes  # the biggest alone: the rest together weigh about as much
    together = next(lane for lane in lanes if "messages.csv" in lane)
    assert "messages_archive.csv" in together
    assert all(lane == sorted(lane) for lane in lanes)


@pytest.mark.parametrize("name", ["comments.csv", "checkfile.csv", "statistics.csv"])
def test_a_damaged_file_costs_that_file_only(reddit_sample, tmp_path, name):
    data = read(damaged(reddit_sample.path, tmp_path / "damaged.zip", name))
    rows = by_path(data)
    assert rows[name].status == "failed" and "could not be read" in rows[name].note
    assert any(f"{name} could not be read" in reason for reason in data.partial_reasons)
    counts = data.counts()
    assert counts["post"] == reddit_sample.posts  # the other files are read
    assert counts.get("comment", 0) == (0 if name == "comments.csv" else reddit_sample.comments)
    verified = "checksum verified" in rows["posts.csv"].note
    assert verified == (name != "checkfile.csv")
    if name == "statistics.csv":
        assert data.account.username is None


def test_a_failing_lane_stops_the_other_before_its_next_file(reddit_sample, tmp_path, monkeypatch):
    # Without checkfile.csv: no hashes are queued, which would fail once the pool shuts down.
    path = rewrite(reddit_sample.path, tmp_path / "bare.zip", lambda f: f.pop("checkfile.csv"))
    with open_container(path) as container:
        members = reader.export_members(container)
    lanes = reader._lanes(members, sorted(set(members) - {"checkfile.csv"}))
    failing, other = lanes[0], lanes[1]
    seen = []
    real = reader._dispatch

    def dispatch(name, *args):
        seen.append(name)
        if name == failing[0]:
            raise RuntimeError("a bug")
        if name == other[0]:
            time.sleep(0.5)  # meanwhile the failure reaches the main thread
        return real(name, *args)

    monkeypatch.setattr(reader, "_dispatch", dispatch)
    with pytest.raises(RuntimeError):
        read(path)
    # At most the file the other lane was in when the failure came (none, if it came first).
    assert [name for name in seen if name in other] in ([], [other[0]])
