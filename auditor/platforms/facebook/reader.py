"""Read a Facebook "Download your information" export in JSON format.

Files are found by name wherever the layout puts them: `your_facebook_activity/…` (current),
`your_activity_across_facebook/…` and the older top-level `posts/`, `comments/`,
`likes_and_reactions/`, `messages/`, `profile_information/` folders. The export records no
audience per post: `public` stays <NA> (unknown). Message and Meta AI chat text is never
decoded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import msgspec
import pandas as pd

from ...container import Container
from ...dataset import Account, Note, Signal
from .. import ReadOptions
from ..meta import export as mx
from ..meta.export import LabelValue, ReadState
from ..meta.text import repair, repair_series
from ..neutral import ItemColumns, PlatformData, frame
from .vocabulary import CATEGORY_IDS

CURRENT = ("your_facebook_activity/", "your_activity_across_facebook/")
SIGNATURE = (
    "your_posts__check_ins__photos_and_videos_1", "your_posts_1", "comments",
    "likes_and_reactions", "likes_and_reactions_1", "posts_and_comments", "profile_information",
    "your_privacy_jurisdiction", "primary_location", "ip_address_activity", "ai_conversations",
)  # fmt: skip
MEDIA_FILES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".mp4", ".mov")


def detect(container: Container) -> float:
    members = mx.export_members(container)
    if not members:
        return 0.0
    if any(p.startswith(CURRENT) for p in members):
        return 1.0
    if any(p.startswith("your_instagram_activity/") for p in members):
        return 0.0
    # .json or .html only: Reddit's comments.csv is no Facebook comments file
    hits = {mx.stem(p) for p in members if p.endswith((".json", ".html"))} & set(SIGNATURE)
    return round(min(len(hits), 3) / 3 * 0.9, 3)


class PostData(msgspec.Struct):
    post: str | None = None
    comment: Comment | None = None
    reaction: Reaction | None = None


class Comment(msgspec.Struct):
    timestamp: int | None = None
    comment: str = ""


class Reaction(msgspec.Struct):
    reaction: str = ""


class Attachment(msgspec.Struct):
    data: list[dict[str, msgspec.Raw]] = []


class Entry(msgspec.Struct):
    timestamp: int | None = None
    title: str = ""
    data: list[PostData] = []
    attachments: list[Attachment] = []
    label_values: list[LabelValue] = []


@dataclass
class _Items:
    ids: list[str] = field(default_factory=list)
    times: list[int | None] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    media: list[int] = field(default_factory=list)


def read(container: Container, options: ReadOptions | None = None) -> PlatformData:
    members = mx.export_members(container)
    mx.refuse_html(members, "Facebook", container.source.name)
    account, birth, signals = _profile(container, members)
    state = ReadState({n.casefold() for n in (account.display_name,) if n}, signals=signals)
    items: dict[str, _Items] = {}
    messages = mx.MessageCounter()
    for path, data in mx.json_files(container, members, state, MEDIA_FILES):
        with state.decoding(path):
            _dispatch(path, data, state, items, messages)
    batches = [_batch(category, got) for category, got in items.items()]
    if (columns := messages.columns()) is not None:
        batches.append(columns)
    return PlatformData(
        platform="facebook",
        generated_at=None,  # the export names no creation time
        account=account,
        items=frame(state.batches + batches, CATEGORY_IDS),
        inventory=sorted(state.inventory, key=lambda row: row.path),
        signals=state.signals,
        birth_date=birth,
        settings_found=tuple(state.settings),
        partial_reasons=state.partial,
    )


def _dispatch(path: str, data, state: ReadState, items, messages) -> None:
    name = mx.stem(path)
    if "/messages/" in f"/{path}" and name.startswith("message_"):
        messages.add(path, data, state)
    elif name == "ai_conversations":
        if (columns := mx.read_ai_conversations(path, data, state)) is not None:
            state.batches.append(columns)
    elif re.fullmatch(r"(your_posts__check_ins__photos_and_videos|your_posts)_\d+", name):
        _entries(path, data, state, items, "post", None)
    elif name == "comments" and ("comments" in path.split("/")[-2:-1] or
                                 "comments_and_reactions" in path):  # fmt: skip
        _entries(path, data, state, items, "comment", None)
    elif re.fullmatch(r"likes_and_reactions(_\d+)?|posts_and_comments", name):
        _entries(path, data, state, items, "reaction", None)
    elif name == "your_privacy_jurisdiction":
        _jurisdiction(path, data, state)
    elif name == "primary_location":
        _primary_location(path, data, state)
    elif name == "ip_address_activity":
        mx.login_signals(path, data, state, "used_ip_address_v2")
    elif name == "profile_information":
        state.row(path, 1, 0, "counted", Note("read for the account"))
    else:
        state.row(path, 0, 0, "counted")


def _entries(path, data, state: ReadState, items, category: str, key: str | None) -> None:
    entries = mx.records(data, key, Entry)
    got = items.setdefault(category, _Items())
    for index, entry in enumerate(entries):
        when, body = entry.timestamp, ""
        for part in entry.data:
            if part.post:
                body = part.post
            if part.comment:
                body = part.comment.comment
                when = when or part.comment.timestamp
        when = when or next((lv.timestamp_value for lv in entry.label_values
                             if lv.timestamp_value), None)  # fmt: skip
        got.ids.append(f"{category}-{when or 0}-{mx.stem(path)}-{index}")
        got.times.append(when)
        got.texts.append(repair(body) if category != "reaction" else "")
        got.media.append(sum(len(a.data) for a in entry.attachments))
    state.row(path, len(entries), len(entries))


def _batch(category: str, got: _Items) -> ItemColumns:
    reaction = category == "reaction"
    return ItemColumns(
        category,
        pd.Series(got.ids, dtype="string"),
        created=mx.seconds(got.times),
        public=None,  # no per-post audience in the export (unknown unless declared)
        self_authored=not reaction,
        text=None if reaction else repair_series(pd.Series(got.texts, dtype="string")),
        media=pd.Series(got.media, dtype="int16"),
    )


# --- account and region -------------------------------------------------------------------


class Name(msgspec.Struct):
    full_name: str = ""


class Birthday(msgspec.Struct):
    year: int = 0
    month: int = 0
    day: int = 0


class Place(msgspec.Struct):
    name: str = ""


class Emails(msgspec.Struct):
    emails: list[str] = []


class Profile(msgspec.Struct):
    name: Name = msgspec.field(default_factory=Name)
    birthday: Birthday | None = None
    current_city: Place | None = None
    hometown: Place | None = None
    registration_timestamp: int | None = None
    emails: Emails = msgspec.field(default_factory=Emails)


class ProfileFile(msgspec.Struct):
    profile_v2: Profile = msgspec.field(default_factory=Profile)


def _profile(container, members):
    account, birth, signals = Account(), None, []
    for path, member in members.items():
        if mx.stem(path) != "profile_information" or not path.endswith(".json"):
            continue
        profile = mx.decode(container.read(member), ProfileFile).profile_v2
        account.display_name = repair(profile.name.full_name) or None
        account.created_at = mx.moment(profile.registration_timestamp)
        if profile.birthday and profile.birthday.year:
            birth = mx.birth_date(
                f"{profile.birthday.year:04d}-{profile.birthday.month:02d}-"
                f"{profile.birthday.day:02d}"
            )
        for place in (profile.current_city, profile.hometown):
            if place and place.name:
                signals.append(Signal("profile_location", repair(place.name)))
        for email in profile.emails.emails[:1]:  # only the domain: never the address
            if "@" in email:
                signals.append(Signal("email_domain", email.rsplit("@", 1)[1].lower()))
    return account, birth, signals


def _jurisdiction(path: str, data, state: ReadState) -> None:
    """The jurisdiction Meta applies to the account; its value vocabulary is unverified, so
    it is kept as a setting found and offered to the region step as a place."""
    entries = mx.records(data, None, mx.LabelRecord)
    values = [lv.value for e in entries for lv in e.label_values if lv.value]
    for value in values[:1]:
        state.settings.append(("privacy-jurisdiction", repair(value)))
        state.signals.append(Signal("profile_location", repair(value)))
    state.row(path, len(entries), len(entries), "counted", Note("read for the region"))


class Location(msgspec.Struct):
    city_region_pairs: list[list[str]] = []
    zipcode: list[str] = []


class LocationFile(msgspec.Struct):
    primary_location_v2: Location = msgspec.field(default_factory=Location)


def _primary_location(path: str, data, state: ReadState) -> None:
    location = mx.decode(data, LocationFile).primary_location_v2
    for pair in location.city_region_pairs[:1]:
        state.signals.append(Signal("profile_location", repair(", ".join(pair))))
    state.row(path, 1, 1, "counted", Note("read for the region"))
