"""Read an Instagram (and Threads) "Download your information" export in JSON format.

Files are found by name wherever the layout puts them: `your_instagram_activity/media/`
(late 2025 on), `your_instagram_activity/content/` (2024-2025) and the older top-level
`content/`, `comments/`, `likes/`, `messages/`, `login_and_account_creation/` folders.
Text and names are repaired (meta.text). Message bodies are never decoded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import msgspec
import pandas as pd

from ...container import Container
from ...dataset import Account, Note, Signal
from .. import ReadOptions
from ..meta import export as mx
from ..meta.export import MapRecord, PrivacyChange, ReadState, Value
from ..meta.text import repair, repair_series
from ..neutral import ItemColumns, PlatformData, frame
from .vocabulary import CATEGORY_IDS

SIGNATURE = (
    "posts_1", "liked_posts", "post_comments_1", "post_comments", "profile_privacy_changes",
    "account_privacy_changes", "threads_and_replies", "liked_threads", "login_activity",
    "personal_information", "profile_based_in", "account_based_in", "reels", "stories",
)  # fmt: skip
ZIP_DATE = re.compile(r"instagram-.+-(\d{4})-(\d{2})-(\d{2})")
MEDIA_FILES = (".jpg", ".jpeg", ".png", ".heic", ".webp", ".mp4", ".mov", ".srt")


@dataclass
class InstagramData(PlatformData):
    """PlatformData plus the private-account history (the core turns it into the
    account-level non-public intervals, as X's protected_changes)."""

    privacy_changes: tuple[PrivacyChange, ...] = field(default_factory=tuple)


def detect(container: Container) -> float:
    members = mx.export_members(container)
    if not members:
        return 0.0
    if any(p.startswith("your_instagram_activity/") for p in members):
        return 1.0
    if any(p.startswith(("your_facebook_activity/", "your_activity_across_facebook/"))
           for p in members):  # fmt: skip
        return 0.0
    # .json or .html only: Reddit's comments.csv is no Facebook comments file
    hits = {mx.stem(p) for p in members if p.endswith((".json", ".html"))} & set(SIGNATURE)
    return round(min(len(hits), 3) / 3 * 0.9, 3)


class Post(msgspec.Struct):
    uri: str = ""
    title: str = ""
    creation_timestamp: int | None = None
    media: list[Post] = []
    text_app_post: ThreadInfo | None = None


class ThreadInfo(msgspec.Struct):
    is_reply: bool | None = None


@dataclass
class _Items:
    ids: list[str] = field(default_factory=list)
    times: list[int | None] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    media: list[int] = field(default_factory=list)

    def add(self, item_id: str, when: int | None, text: str = "", media: int = 0) -> None:
        self.ids.append(item_id)
        self.times.append(when)
        self.texts.append(text)
        self.media.append(media)


def read(container: Container, options: ReadOptions | None = None) -> InstagramData:
    members = mx.export_members(container)
    mx.refuse_html(members, "Instagram", container.source.name)
    account, owner, birth, private_now = _account(container, members)
    state = ReadState(owner_names=owner)
    items: dict[str, _Items] = {}
    messages = mx.MessageCounter()
    threads_private: str | None = None
    for path, data in mx.json_files(container, members, state, MEDIA_FILES):
        with state.decoding(path):
            threads_private = _dispatch(path, data, state, items, messages) or threads_private
    batches = [_batch(cat, got) for cat, got in items.items()]
    if (columns := messages.columns()) is not None:
        batches.append(columns)
    changes = sorted(state.privacy_changes, key=lambda c: c.when)
    for batch in batches:
        if batch.category in ("post", "reel", "story", "comment"):
            batch.public = _public(batch.created, changes, private_now)  # type: ignore[assignment]
    settings = list(state.settings)
    if private_now is not None:
        settings.append(("instagram-private-account", "true" if private_now else "false"))
    if threads_private is not None:
        settings.append(("threads-private-account", threads_private))
    return InstagramData(
        platform="instagram",
        generated_at=_generated(container.source.name),
        account=account,
        items=frame(state.batches + batches, CATEGORY_IDS),
        inventory=sorted(state.inventory, key=lambda row: row.path),
        signals=state.signals + _account_signals(container, members, state),
        birth_date=birth,
        settings_found=tuple(settings),
        partial_reasons=state.partial,
        restricted_periods=private_periods(changes, private_now),
        privacy_changes=tuple(changes),
    )


def private_periods(changes: list[PrivacyChange], private_now: bool | None) -> tuple:
    """The account's private periods, for the engine's account-level public windows (as X's
    protected periods): a first change to public means private since before the history; a
    private account with no history has been private as far as the export knows."""
    if not changes:
        return ((None, None),) if private_now else ()
    periods, since = [], None if changes[0].private else _BEFORE
    for change in changes:
        if change.private and since is None:
            since = change.when
        elif not change.private and since is not None:
            periods.append((None if since is _BEFORE else since, change.when))
            since = None
    if since is not None:
        periods.append((None if since is _BEFORE else since, None))
    return tuple(periods)


_BEFORE = object()  # private since before the export's history


def _generated(name: str) -> datetime | None:
    match = ZIP_DATE.search(name)
    return datetime(*map(int, match.groups()), tzinfo=UTC) if match else None


# --- items --------------------------------------------------------------------------------

POST_FILES = {"reels": ("reel", "ig_reels_media"), "stories": ("story", "ig_stories")}
COMMENT_KEYS = {"reels_comments": "comments_reels_comments"}
LIKE_FILES = {
    "liked_posts": ("like", "likes_media_likes"),
    "liked_comments": ("like", "likes_comment_likes"),
    "liked_threads": ("thread_like", "text_post_app_media_likes"),
}


def _dispatch(path, data, state: ReadState, items: dict[str, _Items], messages) -> str | None:
    name, folder = mx.stem(path), path.rsplit("/", 2)[-2] if path.count("/") else ""
    if "/messages/" in f"/{path}" and name.startswith("message_"):
        messages.add(path, data, state)
    elif name == "ai_conversations":
        if (columns := mx.read_ai_conversations(path, data, state)) is not None:
            state.batches.append(columns)
    elif re.fullmatch(r"posts_\d+", name):
        _posts(path, data, state, items, "post", None)
    elif name in POST_FILES:
        _posts(path, data, state, items, *POST_FILES[name])
    elif name == "threads_and_replies":
        _posts(path, data, state, items, "thread_post", "text_post_app_text_posts")
    elif re.fullmatch(r"post_comments(_\d+)?", name) or name in COMMENT_KEYS:
        _comments(path, data, state, items, COMMENT_KEYS.get(name, "comments_media_comments"))
    elif name in LIKE_FILES:
        _likes(path, data, state, items, *LIKE_FILES[name])
    elif name == "personal_information" and folder == "threads":
        return _threads_private(path, data, state)
    elif name in ("profile_privacy_changes", "account_privacy_changes"):
        _privacy_history(path, data, state)
    elif name == "login_activity":
        mx.login_signals(path, data, state, "account_history_login_history")
    elif name in ACCOUNT_FILES:
        state.row(path, 1, 0, "counted", Note("read for the account"))
    else:
        state.row(path, 0, 0, "counted")
    return None


def _posts(path, data, state, items, category: str, key: str | None) -> None:
    posts = mx.records(data, key, Post)
    for index, post in enumerate(posts):
        parts = post.media or [post]
        when = post.creation_timestamp or parts[0].creation_timestamp
        text = repair(post.title or parts[0].title)
        kind = category
        if category == "thread_post" and any(
            p.text_app_post and p.text_app_post.is_reply for p in parts
        ):
            kind = "thread_reply"
        uri = parts[0].uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        item_id = uri or f"{mx.stem(path)}-{index}"
        items.setdefault(kind, _Items()).add(item_id, when, text, sum(bool(p.uri) for p in parts))
    state.row(path, len(posts), len(posts))


def _comments(path, data, state, items, key: str) -> None:
    comments = mx.records(data, key, MapRecord)
    got = items.setdefault("comment", _Items())
    for index, comment in enumerate(comments):
        value = mx.lookup(comment.string_map_data, "comment")
        text = repair(value.value or "") if value else ""
        got.add(f"{mx.stem(path)}-{index}", mx.timestamp_of(comment.string_map_data), text)
    state.row(path, len(comments), len(comments))


def _likes(path, data, state, items, category: str, key: str) -> None:
    likes = mx.records(data, key, MapRecord)
    got = items.setdefault(category, _Items())
    for index, like in enumerate(likes):
        entry = like.string_list_data[0] if like.string_list_data else Value()
        when = entry.timestamp or like.timestamp or mx.timestamp_of(like.string_map_data)
        got.add(entry.href or f"{mx.stem(path)}-{index}", when)
    state.row(path, len(likes), len(likes))


def _batch(category: str, got: _Items) -> ItemColumns:
    private = category in ("like", "thread_like")
    return ItemColumns(
        category,
        pd.Series(got.ids, dtype="string"),
        created=mx.seconds(got.times),
        public=None,
        self_authored=not private,
        text=None if private else repair_series(pd.Series(got.texts, dtype="string")),
        media=pd.Series(got.media, dtype="int16"),
    )


def _public(created: pd.Series | None, changes: list[PrivacyChange], private_now: bool | None):
    """True: the account was public from the item's creation on; False: private from then
    on; <NA>: it switched since (the account-level windows decide) or nothing is known."""
    if created is None:
        return None
    if not changes:
        if private_now is None:
            return None
        return pd.Series(not private_now, index=created.index, dtype="boolean")
    times = pd.Series([c.when for c in changes]).astype("datetime64[s, UTC]")
    flags = [c.private for c in changes]
    before_first = not flags[0]  # the first change switched away from this state
    position = times.searchsorted(created, side="right")  # changes at or before creation
    private_at = pd.Series(
        [before_first if p == 0 else flags[p - 1] for p in position], index=created.index
    )
    unchanged = position == len(changes)  # no switch after the item was made
    result = pd.Series(pd.NA, index=created.index, dtype="boolean")
    result[unchanged] = ~private_at[unchanged].astype(bool)
    return result


# --- account ------------------------------------------------------------------------------

ACCOUNT_FILES = (
    "personal_information", "signup_details", "signup_information", "profile_based_in",
    "account_based_in",
)  # fmt: skip


class Profile(msgspec.Struct):
    string_map_data: dict[str, Value] = {}


def _account(container, members):
    account, owner, birth, private = Account(), set(), None, None
    for path, member in members.items():
        if mx.stem(path) != "personal_information" or "/threads/" in f"/{path}":
            continue
        if not path.endswith(".json"):
            continue
        profiles = mx.records(container.read(member), "profile_user", Profile)
        fields = profiles[0].string_map_data if profiles else {}
        username, name = mx.lookup(fields, "username"), mx.lookup(fields, "name")
        account.username = repair(username.value) if username and username.value else None
        account.account_id = account.username
        account.display_name = repair(name.value) if name and name.value else None
        owner = {n.casefold() for n in (account.username, account.display_name) if n}
        flag = mx.lookup(fields, "private")
        if flag and flag.value:
            private = flag.value.strip().lower() in ("true", "yes", "ja", "oui", "sí", "sim")
        born = mx.lookup(fields, "birth")
        birth = mx.birth_date(born.value if born else None)
    return account, owner, birth, private


def _account_signals(container, members, state: ReadState) -> list[Signal]:
    signals: list[Signal] = []
    for path, member in sorted(members.items()):
        name = mx.stem(path)
        if not path.endswith(".json") or name not in ACCOUNT_FILES[1:]:
            continue
        for record in mx.records(container.read(member), None, MapRecord):
            fields = record.string_map_data
            if name.startswith("signup"):
                ip = mx.lookup(fields, "ip")
                if ip and ip.value:
                    signals.append(Signal("creation_ip", ip.value.strip()))
                phone = mx.lookup(fields, "phone")
                if phone and phone.value:
                    signals.append(Signal("phone", phone.value.strip()))
            else:
                city = mx.lookup(fields, "city")
                if city and city.value:
                    signals.append(Signal("profile_location", repair(city.value)))
    return signals


def _privacy_history(path, data, state: ReadState) -> None:
    history = mx.records(data, "account_history_account_privacy_history", MapRecord)
    for change in history:
        when = mx.moment(mx.timestamp_of(change.string_map_data) or change.timestamp)
        title = repair(change.title).lower()
        private = "priv" in title  # Private, Privat, Privé, Privado; else Public/Öffentlich
        if when is not None:
            state.privacy_changes.append(PrivacyChange(when, private))
    state.row(path, len(history), len(history), note=Note("private-account history"))


def _threads_private(path, data, state: ReadState) -> str | None:
    profiles = mx.records(data, "text_post_app_text_post_app_profile", Profile)
    state.row(path, len(profiles), 0, "counted", Note("Threads profile"))
    flag = mx.lookup(profiles[0].string_map_data, "private") if profiles else None
    if flag is None or not flag.value:
        return None
    return "true" if flag.value.strip().lower() == "true" else "false"
