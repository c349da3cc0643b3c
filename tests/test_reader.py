"""Reading real archive fragments from every generation, and the odd shapes users bring."""

import zipfile

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.container import open_container
from auditor.errors import ArchiveError
from auditor.x.reader import read_archive

from .conftest import minimal_archive, ytd


def read(path):
    with open_container(path) as container:
        return read_archive(container)


def rows_by_path(data):
    return {row.path: row for row in data.inventory}


def test_2026_archive_fragment_lists_every_file(shared):
    root = shared / "Ezilryb__X"
    data = read(root)
    assert data.layout == "2022"
    assert data.generated_at.isoformat() == "2026-07-25T12:21:58+00:00"
    assert (data.account.account_id, data.account.username) == (
        "2043360286044766208",
        "BetaCapitalWEB",
    )
    rows = rows_by_path(data)
    on_disk = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    assert on_disk <= set(rows)
    assert rows["data/deleted-tweet-headers.js"].records == 1
    assert rows["data/note-tweet.js"].records == 0
    assert rows["data/note-tweet.js"].status == "counted"
    # Files the manifest lists but this fragment lacks are reported, not ignored.
    assert rows["data/tweets.js"].status == "missing"
    assert data.partial


def test_2022_archive_counts_are_checked_against_the_manifest(shared):
    data = read(shared / "ethereumclassic__old-tweets")
    assert data.layout == "2022"
    rows = rows_by_path(data)
    clicks = rows["data/user-link-clicks.js"]
    assert clicks.records == 0
    assert "manifest says 1 records" in clicks.note
    assert rows["data/twitter-circle.js"].records == 2
    zones = [s.value for s in data.signals if s.kind == "timezone"]
    assert zones == ["International Date Line West"]


def test_2020_manifest_is_the_tweet_era(shared):
    data = read(shared / "hotoo__twitter" / "2020")
    assert data.layout == "2020"
    assert rows_by_path(data)["data/ageinfo.js"].status == "parsed"


def test_2019_root_level_export(shared):
    data = read(shared / "dogsheep__twitter-to-sqlite" / "tests" / "zip_contents")
    assert data.layout == "2019"
    assert data.account.username == "simonw"
    assert [s.value for s in data.signals if s.kind == "phone"] == ["+15555555555"]
    assert rows_by_path(data)["follower.js"].records == 2


def test_group_dm_fixture_counts_messages_not_events(shared, tmp_path):
    source = shared / "toBeOfUse__Twitter-Archive-Browser" / "tests" / "fixtures"
    folder = tmp_path / "a" / "data"
    folder.mkdir(parents=True)
    for name, text in minimal_archive().items():
        (tmp_path / "a" / name).write_text(text)
    (folder / "direct-messages-group.js").write_bytes((source / "group_dms_test.js").read_bytes())
    data = read(tmp_path / "a")
    assert len(data.dms) > 0
    assert data.dms["group"].all()
    assert "text" not in data.dms.columns


def test_grailbird_archive_reads_month_files_and_reports_missing_ones(shared):
    data = read(shared / "edsu__congressedits-archive")
    assert data.layout == "grailbird"
    assert data.generated_at.isoformat() == "2018-09-27T23:37:31+00:00"
    assert (data.account.username, data.account.account_id) == ("congressedits", "2612261960")
    rows = rows_by_path(data)
    july = rows["data/js/tweets/2014_07.js"]
    assert (july.records, july.analyzed, july.note) == (142, 142, "")  # matches tweet_index
    assert (data.posts["kind"] == "repost").sum() == 18  # nested retweeted_status
    assert rows["data/js/tweets/2015_01.js"].status == "missing"
    assert rows["tweets.csv"].records == 2313
    assert data.partial and "49 data files" in data.partial_reasons[0]
    assert str(data.posts["created"].min()) == "2014-07-09 01:36:52+00:00"


def test_a_random_zip_is_not_an_x_archive(zip_of):
    with pytest.raises(ArchiveError, match="does not look like an X archive"):
        read(zip_of({"holiday/photo.jpg": b"x"}))


def test_rezipped_archive_under_an_extra_folder(zip_of):
    files = {f"twitter-2024-01-01-abc/{k}": v for k, v in minimal_archive().items()}
    files["__MACOSX/._junk"] = b"x"
    data = read(zip_of(files))
    assert len(data.posts) == 1
    rows = rows_by_path(data)
    assert rows["__MACOSX/._junk"].status == "unknown"


def test_bare_2019_tweets_and_wrapped_2020_tweets_read_the_same(zip_of):
    tweet = '{"id_str": "11", "created_at": "Thu Nov 14 03:37:58 +0000 2019", "full_text": "hello"}'
    bare = read(
        zip_of(
            {"account.js": ytd("account", "[]"), "tweet.js": ytd("tweet", f"[ {tweet} ]")},
            "bare.zip",
        )
    )
    wrapped = read(
        zip_of(
            {
                "account.js": ytd("account", "[]"),
                "tweet.js": ytd("tweet", f'[ {{"tweet": {tweet}}} ]'),
            },
            "wrap.zip",
        )
    )
    assert list(bare.posts["id"]) == list(wrapped.posts["id"]) == [11]


@pytest.mark.parametrize(
    "text, reply, url, kind",
    [
        ("hello world", None, None, "original"),
        ("@friend I agree", "123", None, "reply"),
        ("RT @someone: their words", None, None, "repost"),
        ("look at this https://t.co/x", None, "https://twitter.com/a_b/status/123", "quote"),
        ("look https://t.co/x", None, "https://x.com/someone/status/99?s=20", "quote"),
        ("a link https://t.co/x", None, "https://example.com/status/123", "original"),
        ("RT: manual old-style", None, None, "original"),
        ("@a replying with a quote", "5", "https://twitter.com/b/status/6", "reply"),
    ],
)
def test_post_kinds(zip_of, text, reply, url, kind):
    fields = {"id_str": "1", "created_at": "Wed Oct 10 20:19:24 +0000 2024", "full_text": text}
    if reply:
        fields["in_reply_to_status_id_str"] = reply
    if url:
        fields["entities"] = {"urls": [{"expanded_url": url}]}
    import json

    data = read(
        zip_of(minimal_archive({"data/tweets.js": ytd("tweets", json.dumps([{"tweet": fields}]))}))
    )
    assert list(data.posts["kind"]) == [kind]


def test_edited_posts_collapse_to_the_final_version(zip_of):
    import json

    def tweet(tweet_id, when):
        return {
            "tweet": {
                "id_str": tweet_id,
                "created_at": when,
                "full_text": tweet_id,
                "edit_info": {"initial": {"editTweetIds": ["1", "2"]}},
            }
        }

    body = json.dumps(
        [tweet("1", "Wed Oct 10 20:19:24 +0000 2024"), tweet("2", "Wed Oct 10 20:25:00 +0000 2024")]
    )
    data = read(zip_of(minimal_archive({"data/tweets.js": ytd("tweets", body)})))
    assert list(data.posts["id"]) == [2]
    row = rows_by_path(data)["data/tweets.js"]
    assert (row.records, row.analyzed, row.skipped) == (2, 1, 1)


def test_a_record_with_an_odd_shape_is_skipped_and_counted(zip_of):
    body = (
        '[{"tweet": {"id_str": "1", "created_at": "Wed Oct 10 20:19:24 +0000 2024"}},'
        ' {"tweet": {"id_str": 5}}]'
    )
    data = read(zip_of(minimal_archive({"data/tweets.js": ytd("tweets", body)})))
    row = rows_by_path(data)["data/tweets.js"]
    assert (row.records, row.analyzed, row.skipped) == (2, 1, 1)
    assert "unexpected shape" in row.note


def test_absent_and_empty_files_are_told_apart(zip_of):
    data = read(zip_of(minimal_archive({"data/like.js": ytd("like", "[ ]")})))
    assert "like" in data.present
    assert "grok-chat-item" not in data.present
    assert rows_by_path(data)["data/like.js"].records == 0


def test_a_zero_byte_data_file_is_failed_with_a_reason(zip_of):
    data = read(zip_of(minimal_archive({"data/like.js": b""})))
    row = rows_by_path(data)["data/like.js"]
    assert row.status == "failed"
    assert "empty" in row.note
    assert data.partial


def test_tables_have_explicit_dtypes(sample):
    data = read(sample[0])
    assert str(data.posts["created"].dtype) == "datetime64[s, UTC]"
    assert isinstance(data.posts["kind"].dtype, pd.CategoricalDtype)
    assert data.posts["media"].dtype == "int16"
    assert str(data.dms["created"].dtype) == "datetime64[s, UTC]"


def test_parts_are_all_read_in_order(sample):
    path, truth = sample
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.startswith("data/tweets")]
    assert len([n for n in names if n.endswith(".js")]) == len(truth.tweet_parts) > 2
    assert len(read(path).posts) == sum(truth.posts.values())


def test_circle_posts_are_not_public_and_community_posts_are_read(zip_of, run, tmp_path):
    import json

    def tweets(key, ids):
        body = json.dumps(
            [
                {
                    "tweet": {
                        "id_str": i,
                        "created_at": "Wed Oct 10 20:19:24 +0000 2018",
                        "full_text": f"post {i}",
                    }
                }
                for i in ids
            ]
        )
        return ytd(key, body)

    archive = zip_of(
        minimal_archive(
            {
                "data/tweets.js": tweets("tweets", ["1", "2"]),
                "data/twitter-circle-tweet.js": tweets("twitter_circle_tweet", ["2", "3"]),
                "data/community-tweet.js": tweets("community_tweet", ["4"]),
            }
        )
    )
    data = read(archive)
    assert sorted(data.posts["id"]) == [1, 2, 3, 4]
    public = dict(zip(data.posts["id"], data.posts["public"], strict=True))
    assert public == {1: True, 2: False, 3: False, 4: True}
    assert "also in tweets.js" in rows_by_path(data)["data/twitter-circle-tweet.js"].note
    target = tmp_path / "s.json"
    assert (
        run(
            "report",
            archive,
            "-f",
            "json",
            "-o",
            target,
            "-q",
            "--region",
            "US",
            "--as-of",
            "2026-01-01",
        ).exit_code
        == 0
    )
    original = json.loads(target.read_text())["exposure"]["x_training"]["original"]
    # Circle posts: only press reports say non-public posts are left out, so uncertain.
    assert (original["exposed"], original["uncertain"], original["not_exposed"]) == (2, 2, 0)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(
        [
            "data/tweets.js",
            "data/like.js",
            "data/direct-messages.js",
            "data/account.js",
            "data/grok-chat-item.js",
            "data/manifest.js",
            "data/ip-audit.js",
            "data/unknown-thing.js",
        ]
    ),
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(lambda t: f"window.YTD.x.part0 = {t}".encode()),
    ),
)
def test_any_bytes_in_any_data_file_never_crash_the_reader(tmp_path_factory, name, payload):
    """Whatever a data file holds, the run goes on: the file is read, counted or failed."""
    from auditor.errors import AuditorError

    folder = tmp_path_factory.mktemp("fuzz")
    for member, text in minimal_archive().items():
        (folder / member).parent.mkdir(parents=True, exist_ok=True)
        (folder / member).write_text(text)
    (folder / name).write_bytes(payload)
    try:
        data = read(folder)
    except AuditorError:
        return  # e.g. the archive's only marker file was replaced by garbage
    assert name in rows_by_path(data) or name == "data/manifest.js"


def test_parts_read_by_a_worker_give_the_same_tables(sample, monkeypatch):
    """The shared-counter path (a worker plus this process) against a plain sequential read."""
    from auditor.x import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)  # every post and like part is "big"
    with open_container(sample[0]) as container:
        shared = read_archive(container, jobs=2)
    with open_container(sample[0]) as container:
        alone = read_archive(container, jobs=1)
    for name in ("posts", "likes", "dms", "grok", "deleted_posts"):
        left, right = getattr(shared, name), getattr(alone, name)
        pd.testing.assert_frame_equal(
            left.sort_values("id").reset_index(drop=True),
            right.sort_values("id").reset_index(drop=True),
        )
    assert shared.inventory == alone.inventory
