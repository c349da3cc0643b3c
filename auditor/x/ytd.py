"""Decode `window.YTD.<name>.partN = [...]` files (and the Grailbird and manifest variants).

Every input is untrusted: any bytes in, either decoded records or a `DecodeError` out.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

from ..errors import DecodeError

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
    rb"(?:\xef\xbb\xbf)?\s*(?:(?:var\s+)?[A-Za-z_$][\w$]*(?:\.[\w$]+)*\s*=\s*)?"
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
    except UnicodeDecodeError:
        if notes is None:
            raise DecodeError(
                "the file is not valid UTF-8 (re-saved by another program?)"
            ) from None
        notes.append("not UTF-8: read as Windows-1252 (re-saved by another program?)")
        return decode(bytes(body).decode("cp1252", errors="replace").encode(), type)
    except msgspec.ValidationError as error:
        raise DecodeError(f"unexpected record shape: {_clip(error)}") from None
    except msgspec.DecodeError as error:
        raise DecodeError(_describe(error, body)) from None
    except RecursionError:
        raise DecodeError(f"JSON {MAX_DEPTH_HINT}") from None
    except ValueError as error:
        raise DecodeError(f"not valid UTF-8 JSON: {_clip(error)}") from None


def count_items(data: bytes | bytearray | memoryview) -> int:
    """Top-level items of a file we only count, without decoding their contents."""
    value = decode(data, list[msgspec.Raw] | dict[str, msgspec.Raw])
    return len(value) if isinstance(value, list) else 1


def _describe(error: Exception, body: memoryview) -> str:
    text = _clip(error)
    if "truncated" in text.lower():
        return "the file ends in the middle of the data (truncated download?)"
    if "utf-8" in text.lower():
        return "the file is not valid UTF-8 (re-saved by another program?)"
    if "depth" in text.lower():
        return f"JSON {MAX_DEPTH_HINT}"
    return f"malformed JSON ({text})"


def _clip(error: Exception) -> str:
    return str(error).splitlines()[0][:160]
