"""Build a realistic synthetic Reddit data-request export with known ground truth.

For the tests, the demo and the benchmarks. Everything is made up and deterministic for a
seed. Bodies carry the CSV traps real exports have (commas, quotes, newlines inside quoted
fields, `[deleted]` and `[removed]`); message and chat texts carry MESSAGE_MARKER so tests can
prove they never reach the item table.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..places import PLACES
from ..samplezip import write_zip

EXPORT_TIME = datetime(2026, 7, 25, 12, 0, 0, tzinfo=UTC)
REGISTERED = datetime(2015, 3, 1, 9, 30, 0, tzinfo=UTC)
USERNAME = "sample_redditor"
EMAIL = "private.person@example.org"
MESSAGE_MARKER = "PRIVATE-REDDIT-MESSAGE"
BIRTH_DATE = date(1990, 5, 17)
FIRST_ID = int("k00000", 36)
SUBREDDITS = ("AskReddit", "berlin", "Python", "gardening", "books", "u_sample_redditor")
WORDS = (
    "garden", "morning", "coffee", "train", "city", "river", "music", "book", "light", "rain",
    "walk", "friend", "market", "idea", "project", "weekend", "bread", "bike", "window", "tea",
)  # fmt: skip
POST_COLUMNS = ("id", "permalink", "date", "ip", "subreddit", "gildings", "title", "url", "body")
COMMENT_COLUMNS = (
    "id", "permalink", "date", "ip", "subreddit", "gildings", "link", "parent", "body", "media",
)  # fmt: skip
MESSAGE_COLUMNS = ("id", "permalink", "thread_id", "date", "ip", "from", "to", "subject", "body")
CHAT_COLUMNS = (
    "message_id", "created_at", "updated_at", "username", "message", "thread_parent_message_id",
    "channel_url", "subreddit", "channel_name", "conversation_type",
)  # fmt: skip
DRAFT_COLUMNS = (
    "id", "title", "body", "kind", "created", "spoiler", "nsfw", "original_content",
    "content_category", "flair_id", "flair_text", "send_replies", "subreddit", "is_public_link",
)  # fmt: skip


@dataclass(frozen=True)
class SampleOptions:
    posts: int = 120
    comments: int = 900
    post_votes: int = 300
    comment_votes: int = 500
    saved_posts: int = 40
    saved_comments: int = 25
    hidden_posts: int = 10
    messages: int = 30
    chat_messages: int = 45
    drafts: int = 4
    bad_rows: int = 3  # planted in comments.csv; each must cost exactly that row
    region: str = "DE"
    seed: int = 7
    messages_file: str = "messages.csv"  # or messages_archive.csv, as some exports have it


@dataclass
class SampleTruth:
    """What the builder wrote; the reader must find exactly this."""

    path: Path
    username: str = USERNAME
    generated: datetime = EXPORT_TIME
    registered: datetime = REGISTERED
    birth_date: date = BIRTH_DATE
    region: str = "DE"
    posts: int = 0
    comments: int = 0
    post_votes: int = 0  # up or down; withdrawn votes are not items
    withdrawn_votes: int = 0
    comment_votes: int = 0
    saved: int = 0
    messages: int = 0
    sent_messages: int = 0
    chat_messages: int = 0
    sent_chat_messages: int = 0
    drafts: int = 0
    deleted: int = 0  # posts and comments whose body reads [deleted]
    removed: int = 0  # ... [removed]
    media: int = 0
    skipped_rows: int = 0
    registration_ip: str = ""
    login_ips: int = 0
    files: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return (
            f"{self.posts:,} posts, {self.comments:,} comments, {self.post_votes:,} post votes, "
            f"{self.messages:,} messages"
        )

    def as_dict(self) -> dict:
        return {**self.counts(), "deleted": self.deleted, "removed": self.removed}

    def counts(self) -> dict[str, int]:
        """Items per category id of the Reddit vocabulary."""
        return {
            "post": self.posts,
            "comment": self.comments,
            "post_vote": self.post_votes,
            "comment_vote": self.comment_votes,
            "saved": self.saved,
            "message": self.messages,
            "chat_message": self.chat_messages,
            "draft": self.drafts,
        }


def from_request(path: Path, request) -> SampleOptions:
    """`auditor sample --platform reddit`: posts, votes (--likes), messages (--dms), region."""
    return SampleOptions(
        posts=request.posts,
        post_votes=request.likes,
        messages=request.dms,
        region=request.region,
        seed=request.seed,
    )


def build_sample(path: Path, options: SampleOptions | None = None) -> SampleTruth:
    options = options or SampleOptions()
    rng = random.Random(options.seed)
    truth = SampleTruth(path=path, region=options.region)
    files: dict[str, bytes] = {}
    ip_prefix = PLACES[options.region][2]
    truth.registration_ip = ip_prefix + "10"
    post_ids = _ids(0, options.posts)
    files["posts.csv"], files["post_headers.csv"] = _posts(rng, post_ids, ip_prefix, truth)
    files["comments.csv"], files["comment_headers.csv"] = _comments(
        rng, options, post_ids, ip_prefix, truth
    )
    files["post_votes.csv"] = _votes(rng, options.post_votes, 1, truth, "post_votes")
    files["comment_votes.csv"] = _votes(rng, options.comment_votes, 2, truth, "comment_votes")
    files["saved_posts.csv"] = _links(_ids(3_000_000, options.saved_posts))
    files["saved_comments.csv"] = _links(_ids(4_000_000, options.saved_comments), comment=True)
    files["hidden_posts.csv"] = _links(_ids(5_000_000, options.hidden_posts))
    truth.saved = options.saved_posts + options.saved_comments
    headers = (
        "message_headers.csv"
        if options.messages_file == "messages.csv"
        else (options.messages_file.removesuffix(".csv") + "_headers.csv")
    )
    files[options.messages_file], files[headers] = _messages(rng, options, truth)
    files["chat_history.csv"] = _chat(rng, options, truth)
    files["drafts.csv"] = _drafts(rng, options, truth)
    files.update(_account_files(rng, ip_prefix, truth))
    files["checkfile.csv"] = _csv(
        ("filename", "sha256"),
        [(name, hashlib.sha256(data).hexdigest()) for name, data in sorted(files.items())],
    )
    write_zip(path, files)
    truth.files = sorted(files)
    return truth


def _ids(offset: int, count: int) -> list[str]:
    return [_base36(FIRST_ID + offset + i) for i in range(count)]


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out or "0"


def _csv(header: tuple[str, ...], rows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)  # CRLF line ends and minimal quoting, as Reddit's files
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _when(rng: random.Random, start: datetime = REGISTERED) -> str:
    span = int((EXPORT_TIME - start).total_seconds()) - 1
    return _stamp(start + timedelta(seconds=rng.randrange(span)))


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _text(rng: random.Random, index: int) -> str:
    """A body with the traps a real export has: commas, quotes, line breaks, unicode."""
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(4, 18)))
    trap = index % 7
    if trap == 1:
        return f'{words}, "quoted", and more'
    if trap == 2:
        return f"{words}\n\nsecond paragraph\r\nthird line"
    if trap == 3:
        return f"{words} — grüße, ça va? 🙂"
    return words


def _body_state(index: int, truth: SampleTruth, text: str) -> str:
    if index % 23 == 5:
        truth.deleted += 1
        return "[deleted]"
    if index % 31 == 7:
        truth.removed += 1
        return "[removed]"
    return text


def _posts(rng, ids: list[str], ip_prefix: str, truth: SampleTruth) -> tuple[bytes, bytes]:
    rows = []
    for index, post_id in enumerate(ids):
        subreddit = SUBREDDITS[index % len(SUBREDDITS)]
        link = f"/r/{subreddit}/comments/{post_id}/a_title/"
        media = index % 5 == 0
        truth.media += media
        url = f"https://i.redd.it/{post_id}.jpg" if media else f"https://www.reddit.com{link}"
        body = _body_state(index, truth, _text(rng, index))
        ip = f"{ip_prefix}{20 + index % 3}"
        rows.append((post_id, link, _when(rng), ip, subreddit, "{}", _text(rng, 0), url, body))
    truth.posts = len(rows)
    return _csv(POST_COLUMNS, rows), _csv(POST_COLUMNS[:-1], [r[:-1] for r in rows])


def _comments(rng, options: SampleOptions, post_ids, ip_prefix, truth) -> tuple[bytes, bytes]:
    rows = []
    ids = _ids(1_000_000, options.comments)
    parents = post_ids or ["k0"]
    for index, comment_id in enumerate(ids):
        post = parents[index % len(parents)]
        subreddit = SUBREDDITS[index % len(SUBREDDITS)]
        body = _body_state(index, truth, _text(rng, index))
        media = "https://i.redd.it/x.png" if index % 50 == 3 and body == _live(body) else ""
        truth.media += bool(media)
        ip = f"{ip_prefix}{20 + index % 3}"
        rows.append((
            comment_id, f"/r/{subreddit}/comments/{post}/_/{comment_id}/", _when(rng), ip,
            subreddit, "{}", f"https://www.reddit.com/r/{subreddit}/comments/{post}/",
            f"t3_{post}", body, media,
        ))  # fmt: skip
    truth.comments = len(rows)
    headers = _csv(COMMENT_COLUMNS[:-2], [r[:-2] for r in rows])
    for bad in range(options.bad_rows):  # planted between good rows
        at = (bad + 1) * len(rows) // (options.bad_rows + 1)
        broken = list(rows[at])
        if bad % 2:
            broken[2] = "yesterday-ish"  # a date nobody can parse
        else:
            broken.append("an extra field")  # one field too many
        rows.insert(at, tuple(broken))
    truth.skipped_rows = options.bad_rows
    return _csv(COMMENT_COLUMNS, rows), headers


def _live(body: str) -> str:
    return "" if body in ("[deleted]", "[removed]") else body


def _votes(rng, count: int, offset: int, truth: SampleTruth, kind: str) -> bytes:
    rows = []
    cast = 0
    for index, vote_id in enumerate(_ids(offset * 1_000_000 + 500_000, count)):
        direction = "none" if index % 17 == 4 else rng.choice(("up", "up", "up", "down"))
        cast += direction != "none"
        path = f"/r/{SUBREDDITS[index % 5]}/comments/{vote_id}/"
        rows.append((vote_id, path, direction))
    truth.withdrawn_votes += count - cast
    setattr(truth, kind, cast)
    return _csv(("id", "permalink", "direction"), rows)


def _links(ids: list[str], comment: bool = False) -> bytes:
    def link(item: str) -> str:
        return f"/r/books/comments/k0/_/{item}/" if comment else f"/r/books/comments/{item}/"

    return _csv(("id", "permalink"), [(item, link(item)) for item in ids])


def _messages(rng, options: SampleOptions, truth: SampleTruth) -> tuple[bytes, bytes]:
    rows = []
    for index, message_id in enumerate(_ids(6_000_000, options.messages)):
        sent = index % 2 == 0
        truth.sent_messages += sent
        sender, receiver = (USERNAME, "someone_else") if sent else ("someone_else", USERNAME)
        body = f'{MESSAGE_MARKER} {index}, with a comma\nand a "quote"'
        rows.append((
            message_id, f"/message/messages/{message_id}", f"t4_{message_id}", _when(rng),
            "", sender, receiver, f"{MESSAGE_MARKER} subject", body,
        ))  # fmt: skip
    truth.messages = len(rows)
    return _csv(MESSAGE_COLUMNS, rows), _csv(MESSAGE_COLUMNS[:-1], [r[:-1] for r in rows])


def _chat(rng, options: SampleOptions, truth: SampleTruth) -> bytes:
    rows = []
    for index in range(options.chat_messages):
        sent = index % 3 != 0
        truth.sent_chat_messages += sent
        created = _when(rng)
        rows.append((
            f"msg_{options.seed}_{index:08d}", created, created,
            USERNAME if sent else "a_friend", f"{MESSAGE_MARKER} chat {index}\nline two", "",
            "sendbird_group_channel_1", "", "", "direct",
        ))  # fmt: skip
    truth.chat_messages = len(rows)
    return _csv(CHAT_COLUMNS, rows)


def _drafts(rng, options: SampleOptions, truth: SampleTruth) -> bytes:
    rows = [
        (f"draft-{index}", "a draft", _text(rng, index), "markdown", _when(rng), "false",
         "false", "false", "", "", "", "true", "r/books", "false")
        for index in range(options.drafts)
    ]  # fmt: skip
    truth.drafts = len(rows)
    return _csv(DRAFT_COLUMNS, rows)


def _account_files(rng, ip_prefix: str, truth: SampleTruth) -> dict[str, bytes]:
    recent = EXPORT_TIME - timedelta(days=90)
    logins = [(_when(rng, recent), f"{ip_prefix}{30 + i}") for i in range(4)]
    truth.login_ips = len(logins)
    return {
        "statistics.csv": _csv(
            ("statistic", "value"),
            [
                ("account name", USERNAME),
                ("export time", _stamp(EXPORT_TIME)),
                ("is_deleted", "False"),
                ("registration date", _stamp(REGISTERED)),
                ("email verified", "True"),
                ("email address", EMAIL),
            ],
        ),
        "ip_logs.csv": _csv(("date", "ip"), [("registration ip", truth.registration_ip), *logins]),
        "birthdate.csv": _csv(("birthdate", "verified_birthdate"), [(BIRTH_DATE.isoformat(), "")]),
        "user_preferences.csv": _csv(
            ("preference", "value"),
            [("lang", "de"), ("over_18", "true"), ("show_trending", "false")],
        ),
        "subscribed_subreddits.csv": _csv(("subreddit",), [(s,) for s in SUBREDDITS]),
        "account_gender.csv": _csv(("account_gender",), [("",)]),
        "gilded_content.csv": _csv(("content_link", "award", "amount", "date"), []),
        "poll_votes.csv": _csv(
            ("post_id", "user_selection", "text", "image_url", "is_prediction", "stake_amount"), []
        ),
        "friends.csv": _csv(("username", "note"), [("a_friend", "")]),
    }
