"""Build a synthetic Instagram (+ Threads) export with known ground truth, in the current
layout (`your_instagram_activity/media/…`, late 2025 on) or the older one (`content/`,
`comments/`, … 2021-2023). Texts and names are written the way Meta writes them
(UTF-8 bytes as `\\u00XX`), with emoji and non-Latin scripts; messages carry MESSAGE_MARKER."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from ..meta.sample import EXPORT_TIME, dump, mojibake, text, thread, when
from ..places import PLACES
from ..samplezip import write_zip

USERNAME = "sample.gram"
FULL_NAME = "Zoë Łukasz 山田"  # a name that needs repair
EMAIL = "private.person@example.org"
BIRTH_DATE = date(1991, 4, 2)
REGISTERED = datetime(2014, 6, 1, tzinfo=UTC)
THREADS_START = datetime(2023, 7, 6, tzinfo=UTC)
# Public until 2021-03-01, private until 2023-06-01, public since (then LATER_CHANGES).
CHANGES = (
    (datetime(2021, 3, 1, tzinfo=UTC), True),
    (datetime(2023, 6, 1, tzinfo=UTC), False),
)
# Later changes per region: BR private again; DE private across the EU start (27 May 2025),
# so its older posts count only from the day the account opened again.
LATER_CHANGES = {
    "BR": ((datetime(2025, 1, 10, tzinfo=UTC), True),),
    "DE": ((datetime(2025, 3, 1, tzinfo=UTC), True), (datetime(2025, 8, 1, tzinfo=UTC), False)),
}


@dataclass(frozen=True)
class SampleOptions:
    region: str = "DE"  # US, GB, DE, BR (any key of auditor.platforms.places.PLACES)
    layout: str = "current"  # or "older"
    posts: int = 40
    reels: int = 8
    stories: int = 12
    comments: int = 60
    likes: int = 80
    thread_posts: int = 15
    thread_replies: int = 9
    thread_likes: int = 20
    threads: int = 3  # message threads
    messages_per_thread: int = 7
    seed: int = 5


@dataclass
class SampleTruth:
    path: Path
    region: str
    layout: str
    username: str = USERNAME
    display_name: str = FULL_NAME
    birth_date: date = BIRTH_DATE
    generated: datetime = EXPORT_TIME
    counts: dict[str, int] = field(default_factory=dict)
    sent_messages: int = 0
    texts: list[str] = field(default_factory=list)  # repaired texts of posts and comments
    changes: list[tuple[datetime, bool]] = field(default_factory=list)
    public: dict[str, int] = field(default_factory=dict)  # true/false/unknown over public kinds
    login_ips: int = 0
    private_now: bool = False


def from_request(path: Path, request) -> SampleOptions:
    """`auditor sample --platform instagram`: only the region applies."""
    return SampleOptions(region=request.region)


def build_sample(path: Path, options: SampleOptions | None = None) -> SampleTruth:
    options = options or SampleOptions()
    rng = random.Random(options.seed)
    truth = SampleTruth(path, options.region, options.layout)
    truth.changes = list(CHANGES) + list(LATER_CHANGES.get(options.region, ()))
    truth.private_now = truth.changes[-1][1]
    truth.public = {"true": 0, "false": 0, "unknown": 0}
    current = options.layout == "current"
    act = "your_instagram_activity/" if current else ""
    files: dict[str, bytes] = {}
    posts, times = _media_list(rng, options.posts, "posts", truth)
    files[f"{act}{'media' if current else 'content'}/posts_1.json"] = dump(posts)
    stories, story_times = _media_list(rng, options.stories, "stories", truth, flat=True)
    files[f"{act}{'media' if current else 'content'}/stories.json"] = dump({"ig_stories": stories})
    truth.counts = {"post": options.posts, "story": options.stories}
    all_times = times + story_times
    if current:
        reels, reel_times = _media_list(rng, options.reels, "reels", truth)
        files[f"{act}media/reels.json"] = dump({"ig_reels_media": reels})
        truth.counts["reel"] = options.reels
        all_times += reel_times
    comments, comment_times = _comments(rng, options.comments, truth)
    all_times += comment_times
    files[f"{act}comments/post_comments_1.json" if current else "comments/post_comments.json"] = (
        dump(comments) if current else dump({"comments_media_comments": comments})
    )
    truth.counts["comment"] = options.comments
    files[f"{act}likes/liked_posts.json"] = dump({"likes_media_likes": _likes(rng, options.likes)})
    truth.counts["like"] = options.likes
    if current:
        files.update(_threads(rng, options, truth))
    _messages(rng, options, files, act, truth)
    files.update(_account(rng, options, truth, current))
    files["media/posts/202403/17900000000000001.jpg"] = b"\xff\xd8\xff\xe0 not a real jpeg"
    _public_truth(all_times, truth)
    write_zip(path, files)
    return truth


def _media_list(rng, count: int, kind: str, truth: SampleTruth, flat: bool = False):
    entries, times = [], []
    for index in range(count):
        created = when(rng, REGISTERED)
        caption = text(rng, index)
        truth.texts.append(caption)
        times.append(created)
        media = {
            "uri": f"media/{kind}/202403/179{index:014d}.jpg",
            "creation_timestamp": created,
            "title": mojibake(caption),
            "media_metadata": {"photo_metadata": {"exif_data": [{"latitude": 52.5}]}},
        }
        if flat:
            entries.append(media)
        elif index % 4 == 1:  # a single photo: the caption only in media[0].title
            entries.append({"media": [media]})
        else:
            second = dict(media, uri=media["uri"].replace(".jpg", "_2.jpg"), title="")
            entries.append({"media": [media, second], "title": mojibake(caption),
                            "creation_timestamp": created})  # fmt: skip
    return entries, times


def _comments(rng, count: int, truth: SampleTruth):
    entries, times = [], []
    for index in range(count):
        created = when(rng, REGISTERED)
        body = text(rng, index + 1)
        truth.texts.append(body)
        times.append(created)
        entries.append({"media_list_data": [{"uri": ""}], "string_map_data": {
            "Comment": {"value": mojibake(body)},
            "Media Owner": {"value": "someone_else"},
            "Time": {"timestamp": created},
        }})  # fmt: skip
    return entries, times


def _likes(rng, count: int, host: str = "https://www.instagram.com/p/"):
    return [
        {"title": "someone_else", "string_list_data": [
            {"href": f"{host}C{index:08d}/", "value": "\u00f0\u009f\u0091\u008d",
             "timestamp": when(rng, REGISTERED)}]}
        for index in range(count)
    ]  # fmt: skip


def _threads(rng, options: SampleOptions, truth: SampleTruth) -> dict[str, bytes]:
    posts = []
    for index in range(options.thread_posts + options.thread_replies):
        reply = index >= options.thread_posts
        created = when(rng, THREADS_START)
        body = text(rng, index)
        posts.append({"media": [{
            "uri": "", "creation_timestamp": created, "title": mojibake(body),
            "text_app_post": {"is_reply": reply, "reply_control": "everyone",
                              "geo_gated_country_list": []},
        }]})  # fmt: skip
    truth.counts["thread_post"] = options.thread_posts
    truth.counts["thread_reply"] = options.thread_replies
    truth.counts["thread_like"] = options.thread_likes
    folder = "your_instagram_activity/threads/"
    return {
        f"{folder}threads_and_replies.json": dump({"text_post_app_text_posts": posts}),
        f"{folder}liked_threads.json": dump(
            {"text_post_app_media_likes": _likes(rng, options.thread_likes,
                                                 "https://www.threads.com/@x/post/")}
        ),  # fmt: skip
        f"{folder}personal_information.json": dump({"text_post_app_text_post_app_profile": [
            {"string_map_data": {"Private Account": {"value": "False"},
                                 "Birthday": {"value": BIRTH_DATE.isoformat()}}}]}),
    }  # fmt: skip


def _messages(rng, options, files, act: str, truth: SampleTruth) -> None:
    truth.counts["message"] = 0
    for number in range(options.threads):
        other = ("Jürgen Müller", "Анна", "佐藤")[number % 3]
        data, sent = thread(FULL_NAME, other, options.messages_per_thread, rng, REGISTERED)
        files[f"{act}messages/inbox/friend{number}_10{number}/message_1.json"] = data
        truth.counts["message"] += options.messages_per_thread
        truth.sent_messages += sent


def _account(rng, options: SampleOptions, truth: SampleTruth, current: bool) -> dict[str, bytes]:
    _, city, ip_prefix, _ = PLACES[options.region]
    logins = [{"title": "2026-07-01T10:00:00+00:00", "string_map_data": {
        "IP Address": {"value": f"{ip_prefix}{40 + i}"},
        "Language Code": {"value": "en"},
        "Time": {"timestamp": when(rng, datetime(2026, 3, 1, tzinfo=UTC))},
        "User Agent": {"value": "Instagram 300.0"},
    }} for i in range(5)]  # fmt: skip
    truth.login_ips = len(logins)
    changes = [
        {"title": "Private" if private else "Public",
         "string_map_data": {"Time": {"timestamp": int(at.timestamp())}}}
        for at, private in truth.changes
    ]  # fmt: skip
    profile = {"profile_user": [{"string_map_data": {
        "Email": {"value": EMAIL},
        "Username": {"value": USERNAME},
        "Name": {"value": mojibake(FULL_NAME)},
        "Private Account": {"value": "True" if truth.private_now else "False"},
        "Date of birth": {"value": BIRTH_DATE.isoformat()},
    }}]}  # fmt: skip
    signup = {"account_history_registration_info": [{"string_map_data": {
        "Username": {"value": USERNAME}, "IP Address": {"value": f"{ip_prefix}10"},
        "Time": {"timestamp": int(REGISTERED.timestamp())}, "Email": {"value": EMAIL},
    }}]}  # fmt: skip
    based_in = {
        "inferred_data_primary_location": [
            {"string_map_data": {"City Name": {"value": mojibake(city)}}}
        ]
    }
    if current:
        security = "security_and_login_information/login_and_profile_creation/"
        return {
            "personal_information/personal_information/personal_information.json": dump(profile),
            "personal_information/information_about_you/profile_based_in.json": dump(based_in),
            f"{security}profile_privacy_changes.json": dump(
                {"account_history_account_privacy_history": changes}),
            f"{security}login_activity.json": dump({"account_history_login_history": logins}),
            f"{security}signup_details.json": dump(signup),
        }  # fmt: skip
    return {
        "account_information/personal_information.json": dump(profile),
        "information_about_you/account_based_in.json": dump(based_in),
        "login_and_account_creation/account_privacy_changes.json": dump(
            {"account_history_account_privacy_history": changes}),
        "login_and_account_creation/login_activity.json": dump(
            {"account_history_login_history": logins}),
        "login_and_account_creation/signup_information.json": dump(signup),
    }  # fmt: skip


def _public_truth(times: list[int], truth: SampleTruth) -> None:
    """Expected `public` of posts, reels, stories and comments under the changes above."""
    for created in times:
        later = [private for at, private in truth.changes if at.timestamp() > created]
        if later:
            truth.public["unknown"] += 1
        else:
            truth.public["false" if truth.private_now else "true"] += 1
