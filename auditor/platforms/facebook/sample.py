"""Build a synthetic Facebook export with known ground truth, in the current layout
(`your_facebook_activity/…`) or the older one (`posts/`, `comments/`, …). Texts and names are
written the way Meta writes them (UTF-8 bytes as `\\u00XX`), with emoji and non-Latin
scripts; messages and Meta AI chats carry MESSAGE_MARKER."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from ..meta.sample import MESSAGE_MARKER, dump, mojibake, text, thread, when
from ..places import PLACES
from ..samplezip import write_zip

FULL_NAME = "Zoë Łukasz 山田"
EMAIL = "private.person@example.org"
BIRTH_DATE = date(1988, 11, 23)
REGISTERED = datetime(2009, 2, 14, tzinfo=UTC)
AI_START = datetime(2023, 9, 27, tzinfo=UTC)
COUNTRY = {"US": "United States", "GB": "United Kingdom", "DE": "Germany", "BR": "Brazil"}


@dataclass(frozen=True)
class SampleOptions:
    region: str = "DE"  # US, GB, DE, BR
    layout: str = "current"  # or "older"
    posts: int = 50
    comments: int = 70
    reactions: int = 120
    threads: int = 3
    messages_per_thread: int = 6
    ai_chats: int = 4  # current layout only
    seed: int = 9


@dataclass
class SampleTruth:
    path: Path
    region: str
    layout: str
    display_name: str = FULL_NAME
    birth_date: date = BIRTH_DATE
    registered: datetime = REGISTERED
    counts: dict[str, int] = field(default_factory=dict)
    sent_messages: int = 0
    media: int = 0
    texts: list[str] = field(default_factory=list)
    jurisdiction: str | None = None
    login_ips: int = 0


def from_request(path: Path, request) -> SampleOptions:
    """`auditor sample --platform facebook`: only the region applies."""
    return SampleOptions(region=request.region)


def build_sample(path: Path, options: SampleOptions | None = None) -> SampleTruth:
    options = options or SampleOptions()
    rng = random.Random(options.seed)
    truth = SampleTruth(path, options.region, options.layout)
    current = options.layout == "current"
    act = "your_facebook_activity/" if current else ""
    files: dict[str, bytes] = {}
    posts_file = "your_posts__check_ins__photos_and_videos_1" if current else "your_posts_1"
    files[f"{act}posts/{posts_file}.json"] = dump(_posts(rng, options.posts, truth))
    comments = _comments(rng, options.comments, truth)
    reactions = _reactions(rng, options.reactions)
    if current:
        files[f"{act}comments_and_reactions/comments.json"] = dump({"comments_v2": comments})
        half = options.reactions // 2
        files[f"{act}comments_and_reactions/likes_and_reactions_1.json"] = dump(reactions[:half])
        files[f"{act}comments_and_reactions/likes_and_reactions_2.json"] = dump(reactions[half:])
    else:
        files["comments/comments.json"] = dump({"comments": comments})
        files["likes_and_reactions/posts_and_comments.json"] = dump({"reactions": reactions})
    truth.counts = {"post": options.posts, "comment": options.comments,
                    "reaction": options.reactions, "message": 0}  # fmt: skip
    for number in range(options.threads):
        other = ("Jürgen Müller", "Анна", "佐藤")[number % 3]
        data, sent = thread(FULL_NAME, other, options.messages_per_thread, rng, REGISTERED)
        files[f"{act}messages/inbox/friend{number}_{number}00/message_1.json"] = data
        truth.counts["message"] += options.messages_per_thread
        truth.sent_messages += sent
    if current and options.ai_chats:
        files[f"{act}messages/ai_conversations.json"] = dump(_ai(rng, options.ai_chats))
        truth.counts["ai_chat"] = options.ai_chats
    files.update(_account(rng, options, truth, current))
    files[f"{act}posts/media/album/1000000001.jpg"] = b"\xff\xd8\xff\xe0 not a real jpeg"
    write_zip(path, files)
    return truth


def _posts(rng, count: int, truth: SampleTruth) -> list[dict]:
    posts = []
    for index in range(count):
        created = when(rng, REGISTERED)
        body = text(rng, index)
        truth.texts.append(body)
        post: dict = {"timestamp": created, "data": [{"post": mojibake(body)},
                                                     {"update_timestamp": created}]}  # fmt: skip
        if index % 5 == 2:
            post["attachments"] = [{"data": [{"media": {
                "uri": f"posts/media/album/{index}.jpg", "creation_timestamp": created,
                "media_metadata": {"photo_metadata": {"exif_data": [{"upload_ip": "10.0.0.1"}]}},
            }}]}]  # fmt: skip
            truth.media += 1
        if index % 7 == 3:
            post["title"] = mojibake(f"{FULL_NAME} was at Café Zoë.")
        posts.append(post)
    return posts


def _comments(rng, count: int, truth: SampleTruth) -> list[dict]:
    comments = []
    for index in range(count):
        created = when(rng, REGISTERED)
        body = text(rng, index + 2)
        truth.texts.append(body)
        comments.append({"timestamp": created, "title": mojibake(
            f"{FULL_NAME} commented on a post."), "data": [{"comment": {
                "timestamp": created, "comment": mojibake(body),
                "author": mojibake(FULL_NAME)}}]})  # fmt: skip
    return comments


def _reactions(rng, count: int) -> list[dict]:
    kinds = ("LIKE", "LOVE", "HAHA", "WOW")
    return [
        {"timestamp": when(rng, REGISTERED), "title": mojibake(f"{FULL_NAME} likes a post."),
         "data": [{"reaction": {"reaction": kinds[i % 4], "actor": mojibake(FULL_NAME)}}]}
        for i in range(count)
    ]  # fmt: skip


def _ai(rng, count: int) -> list[dict]:
    return [
        {"title": "Meta AI", "timestamp": when(rng, AI_START), "fbid": f"88{i:010d}",
         "label_values": [{"label": "Messages", "vec": [{"dict": [
             {"label": "Message", "value": mojibake(f"{MESSAGE_MARKER} ai {i} 🤖")}]}]}]}
        for i in range(count)
    ]  # fmt: skip


def _account(rng, options: SampleOptions, truth: SampleTruth, current: bool) -> dict[str, bytes]:
    _, city, ip_prefix, _ = PLACES[options.region]
    profile = {"profile_v2": {
        "name": {"full_name": mojibake(FULL_NAME), "first_name": "Zo\u00c3\u00ab"},
        "emails": {"emails": [EMAIL]},
        "birthday": {"year": BIRTH_DATE.year, "month": BIRTH_DATE.month, "day": BIRTH_DATE.day},
        "current_city": {"name": mojibake(city), "timestamp": 0},
        "registration_timestamp": int(REGISTERED.timestamp()),
    }}  # fmt: skip
    ips = {"used_ip_address_v2": [
        {"ip": f"{ip_prefix}{50 + i}", "action": "Login",
         "timestamp": when(rng, datetime(2026, 3, 1, tzinfo=UTC)), "user_agent": "Mozilla"}
        for i in range(4)]}  # fmt: skip
    truth.login_ips = 4
    location = {"primary_location_v2": {"city_region_pairs": [[mojibake(city), ""]],
                                        "zipcode": ["00000"]}}  # fmt: skip
    if not current:
        return {
            "profile_information/profile_information.json": dump(profile),
            "location/primary_location.json": dump(location),
            "security_and_login_information/ip_address_activity.json": dump(ips),
        }
    truth.jurisdiction = COUNTRY[options.region]
    jurisdiction = [{"timestamp": 0, "label_values": [
        {"label": "Privacy jurisdiction", "value": truth.jurisdiction}]}]  # fmt: skip
    return {
        "personal_information/profile_information/profile_information.json": dump(profile),
        "logged_information/location/your_privacy_jurisdiction.json": dump(jurisdiction),
        "logged_information/location/primary_location.json": dump(location),
        "security_and_login_information/ip_address_activity.json": dump(ips),
    }
