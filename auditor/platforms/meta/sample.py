"""Shared pieces of the Facebook and Instagram sample builders: Meta's JSON writing (UTF-8
bytes as `\\u00XX` escapes), texts with emoji and non-Latin scripts, the zip writer."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

EXPORT_TIME = datetime(2026, 7, 25, 12, 0, 0, tzinfo=UTC)
MESSAGE_MARKER = "PRIVATE-META-MESSAGE"
# Texts whose repair the tests check: emoji (4-byte UTF-8), CJK, Cyrillic, Arabic, accents.
TEXTS = (
    "Café au lait ☕ in Köln",
    "Sommer am See 🌊🏖️ mit Freunden",
    "東京の夜景がきれい",
    "Привет из Москвы",
    "مرحبا بالعالم",
    "São Paulo à noite 🇧🇷",
    "plain ascii caption",
)
WORDS = ("garden", "morning", "coffee", "train", "city", "river", "music", "book", "light")


def mojibake(text: str) -> str:
    """What Meta writes for `text`: each UTF-8 byte as one character (then escaped by JSON)."""
    return text.encode("utf-8").decode("latin-1")


def dump(value) -> bytes:
    """JSON as Meta writes it: ASCII only, with `\\u00XX` escapes for every UTF-8 byte."""
    return json.dumps(value, indent=2, ensure_ascii=True).encode("ascii")


def text(rng: random.Random, index: int) -> str:
    if index % 3 == 0:
        return TEXTS[index // 3 % len(TEXTS)]
    return " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 9)))


def when(rng: random.Random, start: datetime, end: datetime = EXPORT_TIME) -> int:
    span = int((end - start).total_seconds()) - 1
    return int((start + timedelta(seconds=rng.randrange(span))).timestamp())


def thread(owner: str, other: str, count: int, rng, start: datetime) -> tuple[bytes, int]:
    """One message thread; returns the file and how many the owner sent."""
    sent = 0
    messages = []
    for index in range(count):
        mine = index % 2 == 0
        sent += mine
        messages.append({
            "sender_name": mojibake(owner if mine else other),
            "timestamp_ms": when(rng, start) * 1000,
            "content": mojibake(f"{MESSAGE_MARKER} {index} 😀 grüße"),
            "is_geoblocked_for_viewer": False,
        })  # fmt: skip
    body = {
        "participants": [{"name": mojibake(owner)}, {"name": mojibake(other)}],
        "messages": messages,
        "title": mojibake(other),
        "is_still_participant": True,
        "thread_path": "inbox/x",
    }
    return dump(body), sent
