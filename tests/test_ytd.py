"""The `window.YTD… = [...]` decoder: every odd byte pattern X or a user may produce."""

import contextlib

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.errors import DecodeError
from auditor.x import ytd


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
