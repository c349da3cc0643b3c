"""The `window.YTD… = [...]` decoder: every odd byte pattern X or a user may produce."""

import contextlib
import json

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.container import open_container
from auditor.errors import DecodeError
from auditor.platforms.x import ytd
from auditor.platforms.x.reader import read_archive

from .conftest import make_zip, minimal_archive


def items(data):
    return ytd.decode(data, list[msgspec.Raw])


@pytest.mark.parametrize(
    "data, count",
    [
        (b'window.YTD.tweets.part0 = [\n  {"a": 1},\n  {"a": 2}\n]', 2),  # 2022+ style
        (b'window.YTD.tweet.part0 = [ {\n  "a" : 1\n} ]', 1),  # 2019-2020 opener
        (b"window.YTD.note_tweet.part0 = [ ]", 0),  # empty, no newline
        (b"window.YTD.account_suspension.part0 = []\n", 0),  # empty 2019 style
        (b"window.YTD.user_link_clicks.part0 = [];", 0),  # trailing semicolon
        (b'\xef\xbb\xbfwindow.YTD.like.part0 = [{"a": 1}]', 1),  # UTF-8 BOM
        (b'window.YTD.like.part0 = [\r\n{"a": 1}\r\n]\r\n', 1),  # CRLF
        (b'[{"a": 1}]', 1),  # prefix already stripped by another tool
        (b'Grailbird.data.tweets_2014_07 = \n[{"id": 1}]', 1),  # Grailbird month file
    ],
)
def test_accepted_variants(data, count):
    assert len(items(data)) == count


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"hello there", "prefix"),
        (b"window.YTD.like.part0 = hello", "no JSON"),
        (b'window.YTD.like.part0 = [{"a": 1}, {"a": ', "truncated"),
        (b'window.YTD.like.part0 = [{"a": "\xff\xfe"}]', "UTF-8"),
        (b'window.YTD.like.part0 = [{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}]", "nested"),
        (b'window.YTD.like.part0 = [{"a": 1}] trailing', "malformed"),
    ],
)
def test_rejected_inputs_give_the_decoders_own_error(data, message):
    with pytest.raises(DecodeError, match=message):
        ytd.decode(data, list[dict])


def test_windows_code_page_files_are_read_and_noted():
    notes = []
    data = 'window.YTD.profile.part0 = [{"location": "Café"}]'.encode("cp1252")
    assert ytd.decode(data, list[dict], notes) == [{"location": "Café"}]
    assert "Windows-1252" in notes[0]


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_records_or_a_decode_error(data):
    try:
        result = items(data)
    except DecodeError:
        return
    assert isinstance(result, list)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["", ";", "\n", " ;\r\n"]))
def test_any_text_after_a_real_prefix_is_handled(body, tail):
    data = f"window.YTD.tweets.part0 = {body}{tail}".encode("utf-8", "surrogatepass")
    with contextlib.suppress(DecodeError):
        items(data)


# -- one bad byte costs one record, not the file ------------------------------------------------

BAD = "BAD-MARK"


def tweet(i: int, text: str) -> dict:
    return {
        "tweet": {
            "id_str": str(100 + i),
            "created_at": "Wed Oct 10 20:19:24 +0000 2024",
            "full_text": text,
            "entities": {"urls": [], "hashtags": []},
        }
    }


def like(i: int, text: str) -> dict:
    return {"like": {"tweetId": str(200 + i), "fullText": text, "expandedUrl": "https://x.com"}}


def dm(i: int, text: str) -> dict:
    message = {"id": str(300 + i), "createdAt": "2024-01-01T00:00:00.000Z", "text": text}
    return {
        "dmConversation": {"conversationId": f"1-{i}", "messages": [{"messageCreate": message}]}
    }


KINDS = {
    "posts": ("data/tweets.js", "tweets", tweet),
    "likes": ("data/like.js", "like", like),
    "dms": ("data/direct-messages.js", "direct-messages", dm),
}


def ytd_file(kind: str, texts: list[str], bad: bytes = b"", encoding: str = "utf-8") -> bytes:
    """A real-shaped window.YTD file; the record whose text is BAD gets the raw `bad` bytes."""
    _, key, record = KINDS[kind]
    body = json.dumps([record(i, t) for i, t in enumerate(texts)], indent=2, ensure_ascii=False)
    data = f"window.YTD.{key}.part0 = {body}".encode(encoding)
    return data.replace(BAD.encode(), bad)


def read_one(tmp_path, kind: str, data: bytes):
    path, _, _ = KINDS[kind]
    archive = make_zip(tmp_path / "a.zip", minimal_archive({path: data}))
    with open_container(archive) as container:
        result = read_archive(container)
    row = next(r for r in result.inventory if r.path == path)
    assert row.records == row.analyzed + row.skipped, row
    return result, row


GOOD = ["Grüße 👋", "second post", 'third, with [brackets] and "quotes" \\ too']


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_re_saved_in_windows_1252_is_read_whole_and_noted(tmp_path, kind):
    texts = ["Café crème", "naïve", "plain"]
    result, row = read_one(tmp_path, kind, ytd_file(kind, texts, encoding="cp1252"))
    assert (row.records, row.analyzed, row.skipped) == (3, 3, 0)
    assert row.status == "parsed" and not result.partial
    if kind == "posts":  # like and message text is never decoded, so nothing to note there
        assert "Windows-1252" in row.note
        assert set(result.posts["text"]) == set(texts)


@pytest.mark.parametrize("kind", KINDS)
def test_one_lone_surrogate_keeps_every_record(tmp_path, kind):
    data = ytd_file(kind, [GOOD[0], f"cut emoji {BAD}", GOOD[2]], bad=b"\\ud83d")
    result, row = read_one(tmp_path, kind, data)
    assert (row.records, row.analyzed, row.skipped) == (3, 3, 0)
    assert "lone surrogate" in row.note
    assert not result.partial
    if kind == "posts":
        assert "cut emoji \ufffd" in set(result.posts["text"])
    if kind == "dms":
        assert len(result.dms) == 3


def test_one_invalid_utf8_byte_in_a_post_skips_that_post_only(tmp_path):
    data = ytd_file("posts", [GOOD[0], f"caf{BAD}", GOOD[2], "fourth"], bad=b"\xe9")
    result, row = read_one(tmp_path, "posts", data)
    assert (row.records, row.analyzed, row.skipped) == (4, 3, 1)
    assert row.status == "partial"
    assert "1 record skipped: not valid UTF-8" in row.note
    assert set(result.posts["text"]) == {GOOD[0], GOOD[2], "fourth"}
    assert any("tweets.js" in reason for reason in result.partial_reasons)


@pytest.mark.parametrize("kind", ["likes", "dms"])
def test_an_invalid_byte_in_text_never_read_costs_nothing(tmp_path, kind):
    data = ytd_file(kind, [GOOD[0], f"caf{BAD}", GOOD[2]], bad=b"\xe9")
    result, row = read_one(tmp_path, kind, data)
    assert (row.records, row.analyzed, row.skipped) == (3, 3, 0)
    assert not result.partial


@pytest.mark.parametrize("kind", KINDS)
def test_one_garbled_record_is_skipped_counted_and_the_file_marked_partial(tmp_path, kind):
    good = ytd_file(kind, [GOOD[0], "x", GOOD[2]])
    # The middle record's text value is replaced by a stray byte outside any string.
    data = good.replace(b'"x"', b"\xff", 1)
    result, row = read_one(tmp_path, kind, data)
    assert (row.records, row.analyzed, row.skipped) == (3, 2, 1)
    assert row.status == "partial"
    assert "1 record skipped" in row.note
    assert result.partial


def test_a_cut_off_file_keeps_the_records_before_the_cut(tmp_path):
    good = ytd_file("posts", GOOD)
    result, row = read_one(tmp_path, "posts", good[: good.rindex(b"third") + 5])
    assert (row.records, row.analyzed) == (2, 2)
    assert "truncated" in row.note and result.partial


def test_the_fast_path_is_taken_when_nothing_is_wrong(monkeypatch):
    monkeypatch.setattr(ytd, "_split", lambda text: pytest.fail("fell back on a good file"))
    records = ytd.decode_records(ytd_file("likes", GOOD), dict)
    assert len(records.items) == 3 and not records.problems


def test_a_counted_file_with_a_lone_surrogate_is_still_counted():
    data = b'window.YTD.note_tweet.part0 = [{"a": "\\ud83d"}, {"a": 1}]'
    assert ytd.count_items(data) == 2


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(JSON_VALUES, max_size=6), st.booleans())
def test_the_splitter_finds_exactly_the_top_level_records(values, ascii_only):
    text = json.dumps(values, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    raws, problem = ytd._split(text)
    assert problem is None
    assert [json.loads(raw) for raw in raws] == values


def test_a_german_report_says_how_a_file_was_read_in_german(run, tmp_path):
    import html

    # Re-saved in Windows-1252, and two records garbled: the row is shown, with both notes.
    posts = ytd_file("posts", ["Café crème", "x", "naïve", "x"], encoding="cp1252")
    files = {"data/tweets.js": posts.replace(b'"x"', b"\xff")}
    archive = make_zip(tmp_path / "a.zip", minimal_archive(files))
    target = tmp_path / "de.html"
    result = run("report", archive, "-f", "html", "-o", target, "-q", "--lang", "de")
    assert result.exit_code == 7, result.output  # the skipped posts: written, incomplete
    page = html.unescape(target.read_text())
    row = page[page.index("<tr><td>data/tweets.js</td>") :].split("</tr>")[0]
    assert "kein UTF-8: als Windows-1252 gelesen" in row
    assert "2 Einträge übersprungen: fehlerhaftes JSON" in row
    assert "read as Windows-1252" not in row and "records skipped" not in row
