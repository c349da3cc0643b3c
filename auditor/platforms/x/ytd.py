"""Decode `window.YTD.<name>.partN = [...]` files (and the Grailbird and manifest variants).

Every input is untrusted: any bytes in, either decoded records or a `DecodeError` out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import msgspec

from ...dataset import N_, Note
from ...errors import DecodeError

HEAD = 4096  # the JavaScript assignment prefix always sits in the first line
MAX_DEPTH_HINT = "nested too deeply"


def payload(data: bytes | bytearray | memoryview) -> memoryview:
    """The JSON value after the first `=`, without BOM, whitespace or a trailing `;`."""
    view = memoryview(data)
    start = 3 if bytes(view[:3]) == b"\xef\xbb\xbf" else 0
    head = bytes(view[start : start + HEAD])
    if not head.strip():
        raise DecodeError("the file is empty (0 bytes)")
    first = head.lstrip()[:1]
    if first in (b"[", b"{"):
        offset = start + head.index(first)  # bare JSON: accepted, some tools strip the prefix
    else:
        equals = head.find(b"=")
        if equals < 0:
            raise DecodeError("no `window.YTD… =` prefix: this is not an X archive data file")
        rest = head[equals + 1 :]
        stripped = rest.lstrip()
        if stripped[:1] not in (b"[", b"{"):
            raise DecodeError("no JSON array or object after the `=` prefix")
        offset = start + equals + 1 + (len(rest) - len(stripped))
    end = len(view)
    while end > offset and view[end - 1] in b" \t\r\n;\x00":
        end -= 1
    return view[offset:end]


# How every data file auditor decodes starts, after an optional BOM and whitespace:
# `window.YTD.tweets.part0 = [`, `window.__THAR_CONFIG = {`, `Grailbird.data.tweets_2014_07 =`,
# `var tweet_index = [`, or bare JSON (some tools strip the prefix; `payload` accepts it).
# The first character inside the array or object must be one JSON allows there.
DATA_START = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:(?:var\s+)?[A-Za-z_$][\w$]*(?:\.[\w$-]+)*\s*=\s*)?"
    rb'[\[{]\s*(?:["\[\]{}0-9tfn-]|\Z)'
)


def check_start(head: memoryview) -> None:
    """Raise unless a file's first bytes (the container passes its first 4 KB, before it
    inflates the rest) start like a data file: garbage declaring 1 GB stops here."""
    if len(head) and not DATA_START.match(head):
        raise DecodeError(
            "it does not start like an X data file (window.YTD… = [); not read further"
        )


def decode(data: bytes | bytearray | memoryview, type: Any, notes: list[str] | None = None) -> Any:
    """Decode the payload into `type` (usually `list[SomeStruct]`), mapping every failure.

    A file re-saved in a Windows code page is read as Windows-1252 and noted in `notes`.
    """
    body = payload(data)
    try:
        return msgspec.json.decode(body, type=type)
    except (ValueError, RecursionError) as error:  # msgspec's errors are ValueErrors
        if notes is None or not _resaved_in_cp1252(bytes(body)):
            raise _mapped(error, body) from None
    notes.append(CP1252_NOTE)
    return decode(bytes(body).decode("cp1252", errors="replace").encode(), type)


CP1252_NOTE = Note("not UTF-8: read as Windows-1252 (re-saved by another program?)")


def _mapped(error: BaseException, body: memoryview) -> DecodeError:
    if isinstance(error, msgspec.ValidationError):
        return DecodeError(f"unexpected record shape: {_clip(error)}")
    if isinstance(error, RecursionError):
        return DecodeError(f"JSON {MAX_DEPTH_HINT}")
    if isinstance(error, UnicodeDecodeError):  # msgspec before 0.19 raised Python's own
        return DecodeError(NOT_UTF8)
    if isinstance(error, msgspec.DecodeError):
        return DecodeError(_describe(error, body))
    return DecodeError(f"not valid UTF-8 JSON: {_clip(error)}")


NOT_UTF8 = "the file is not valid UTF-8 (re-saved by another program?)"
# A valid multi-byte UTF-8 sequence: a file re-saved in Windows-1252 has none (its accented
# letters are single bytes), while a UTF-8 file with one damaged byte still has its others.
UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _resaved_in_cp1252(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return UTF8_MULTIBYTE.search(body) is None
    return False


@dataclass
class Records:
    """The records of one file's array: those that decoded, and why the others did not."""

    items: list
    skipped: int = 0
    notes: list[str] = field(default_factory=list)  # how the file was read
    problems: list[str] = field(default_factory=list)  # why it is incomplete


def decode_records(data: bytes | bytearray | memoryview, item_type: Any) -> Records:
    """Decode a file's array of records; one bad record costs that record, not the file.

    The whole array decodes in one call (the fast path); only if that fails is it split
    into its top-level records, each decoded alone, the bad ones skipped and counted."""
    body = payload(data)
    try:
        return Records(msgspec.json.decode(body, type=list[item_type]))
    except (ValueError, RecursionError) as error:
        first = error
    if body[:1] != b"[":
        raise _mapped(first, body)
    result = Records([])
    text = bytes(body)
    if _resaved_in_cp1252(text):
        text = text.decode("cp1252", errors="replace").encode()
        result.notes.append(CP1252_NOTE)
        try:
            result.items = msgspec.json.decode(text, type=list[item_type])
            return result
        except (ValueError, RecursionError):
            pass  # something else is wrong as well: record by record
    raws, tail = _split(text)
    if tail and not raws:
        raise _mapped(first, body)  # nothing before the damage: the file as a whole failed
    _decode_each(raws, item_type, result)
    if tail:
        result.problems.append(tail)
    return result


def _decode_each(raws: list, item_type: Any, result: Records) -> None:
    reasons: Counter[tuple[str, str]] = Counter()
    repaired = 0
    for raw in raws:
        try:
            result.items.append(msgspec.json.decode(raw, type=item_type))
            continue
        except (ValueError, RecursionError) as error:
            reason = _record_problem(error, raw)
        fixed = LONE_SURROGATE.sub(_keep_pairs, bytes(raw))
        if fixed != raw:
            try:
                result.items.append(msgspec.json.decode(fixed, type=item_type))
                repaired += 1
                continue
            except (ValueError, RecursionError) as error:
                reason = _record_problem(error, fixed)
        reasons[reason] += 1
    result.skipped = sum(reasons.values())
    if repaired:
        result.notes.append(Note(REPAIRED[repaired != 1], count=repaired))
    for (reason, detail), count in sorted(reasons.items()):
        result.problems.append(Note(SKIPPED[reason][count != 1], count=count, detail=detail))


# Whole sentences per reason and for one or more records, so a report in another language
# can translate each (a template with the English reason filled in could not be).
REPAIRED = (
    N_(
        "1 record with half of an emoji or other character (a lone surrogate escape), "
        "kept with U+FFFD in its place"
    ),
    N_(
        "%(count)s records with half of an emoji or other character (a lone surrogate "
        "escape), kept with U+FFFD in its place"
    ),
)
SKIPPED = {
    "depth": (
        N_("1 record skipped: JSON nested too deeply"),
        N_("%(count)s records skipped: JSON nested too deeply"),
    ),
    "json": (
        N_("1 record skipped: malformed JSON"),
        N_("%(count)s records skipped: malformed JSON"),
    ),
    "shape": (
        N_("1 record skipped: unexpected shape (%(detail)s)"),
        N_("%(count)s records skipped: unexpected shape (%(detail)s)"),
    ),
    "utf8": (
        N_("1 record skipped: not valid UTF-8"),
        N_("%(count)s records skipped: not valid UTF-8"),
    ),
}


def _record_problem(error: BaseException, raw) -> tuple[str, str]:
    """Why a record failed: a key of SKIPPED and, for a shape, msgspec's words."""
    if isinstance(error, msgspec.ValidationError):
        return "shape", _clip(error)
    try:
        bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return "utf8", ""
    if isinstance(error, RecursionError) or "depth" in str(error).lower():
        return "depth", ""
    return "json", ""


# Scanning from the left, `\\.` swallows every other escape (`\\\\` too), so a surrogate
# escape is only seen where it really is one; a valid high+low pair is kept as it is.
LONE_SURROGATE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"
    rb"|\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\."
)


def _keep_pairs(match: re.Match) -> bytes:
    token = match.group()
    return rb"\ufffd" if len(token) == 6 and token[2:3] in b"dD" else token


# Strings (escapes and all) in one match, so brackets and commas inside text are never seen;
# a lone `"` is a string that never ends.
TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},"]', re.DOTALL)
QUOTE, COMMA, CLOSE_ARRAY = ord('"'), ord(","), ord("]")
OPENERS, CLOSERS = frozenset(b"[{"), frozenset(b"]}")
TRUNCATED = Note("the file ends in the middle of a record (truncated download?)")
TRAILING = Note("unexpected text after the data; it was not read")


def _split(text: bytes) -> tuple[list[bytes], str | None]:
    """The top-level records of a JSON array (`text` starts with `[`), in one linear pass,
    and what is wrong with the array itself (cut off, or text after it), if anything."""
    raws: list[bytes] = []
    depth, start = 0, 0
    for match in TOKEN.finditer(text):
        at = match.start()
        char = text[at]
        if char == QUOTE:
            if match.end() - at == 1:
                break  # a string that never ends
        elif char in OPENERS:
            depth += 1
            if depth == 1:
                start = match.end()
        elif depth == 1 and char in (COMMA, CLOSE_ARRAY):
            if text[start:at].strip():
                raws.append(text[start:at])
            start = match.end()
            if char == CLOSE_ARRAY:
                return raws, TRAILING if text[start:].strip(b" \t\r\n;\x00") else None
        elif char in CLOSERS and depth > 1:  # a stray `}` at the top spoils only its record
            depth -= 1
    return raws, TRUNCATED


def count_items(data: bytes | bytearray | memoryview) -> int:
    """Top-level items of a file we only count, without decoding their contents."""
    try:
        value = decode(data, list[msgspec.Raw] | dict[str, msgspec.Raw])
    except DecodeError:
        body = bytes(payload(data))
        raws, tail = _split(body) if body[:1] == b"[" else ([], None)
        if tail or not raws:
            raise
        return len(raws)  # a record msgspec refuses (a lone surrogate) still counts
    return len(value) if isinstance(value, list) else 1


def _describe(error: Exception, body: memoryview) -> str:
    text = _clip(error)
    if "truncated" in text.lower():
        return "the file ends in the middle of the data (truncated download?)"
    if "utf-8" in text.lower():
        return NOT_UTF8
    if "depth" in text.lower():
        return f"JSON {MAX_DEPTH_HINT}"
    return f"malformed JSON ({text})"


def _clip(error: Exception) -> str:
    return str(error).splitlines()[0][:160]
