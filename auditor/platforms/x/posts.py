"""Posts: from decoded records to typed columns, kinds, edits and Circle posts."""

from __future__ import annotations

import re
from operator import attrgetter

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ...dataset import N_, Note
from . import records as r
from . import ytd
from .state import FileStats, decode_items
from .tables import POST_KINDS
from .times import parse_v1

WRAPPED_TWEET = re.compile(rb'^\s*\[\s*(\]|\{\s*"tweet"\s*:)')
QUOTE_URL = re.compile(r"^https?://(?:(?:www|mobile)\.)?(?:twitter|x)\.com/\w+/status(?:es)?/(\d+)")
EDITING_BEGAN = pd.Timestamp("2022-09-01", tz="UTC")  # no post before this can have versions


def tweets(data, stat: FileStats) -> list[r.Tweet | None]:
    if WRAPPED_TWEET.match(bytes(ytd.payload(data)[:512])):
        return list(map(_TWEET, decode_items(data, r.TweetItem, stat)))
    return decode_items(data, r.Tweet, stat)  # 2019 exports: bare tweet objects


def post_frame(tweets: list[r.Tweet | None], stat: FileStats, index: int) -> pd.DataFrame:
    """Columns through C-level `map`/`attrgetter` chains where possible: a Python-level loop
    per post and field was half of the reading time (measured on 100 MB of posts)."""
    valid = [t for t in tweets if t is not None and (t.id_str or t.id) and t.created_at]
    ids, numeric = to_int64(_id_strings(valid))
    if not numeric.all():
        valid = [t for t, ok in zip(valid, numeric, strict=True) if ok]
        ids = ids[numeric]
    stat.skipped += len(tweets) - len(valid)
    text = pa.array(
        [t.full_text if t.full_text is not None else (t.text or "") for t in valid], pa.string()
    )
    edit_keys, edited = _edit_keys(valid, ids)
    frame = pd.DataFrame(
        {
            "id": ids,
            "created": parse_v1(list(map(_CREATED, valid))),
            "kind": _kinds(_reposts(text, valid), _replies(valid), _quote_flags(valid, ids)),
            "text": pd.Series(text, dtype=pd.StringDtype("pyarrow")),
            "public": np.full(len(valid), stat.type != "twitter-circle-tweet"),
            "geo": _located(valid),
            "media": _media_counts(valid),
            "edit_key": edit_keys,
            "edited": edited,
            "author": _authors(valid) if stat.type == "grailbird-tweets" else -1,
            "source": np.full(len(valid), index, dtype=np.int32),
        }
    )
    if stat.type == "deleted-tweets":
        frame["deleted"] = parse_v1([t.deleted_at for t in valid])
    bad = frame["created"].isna()
    if bad.any():
        stat.skipped += int(bad.sum())
        stat.notes.append(
            Note("%(count)s records with an unreadable date skipped", count=int(bad.sum()))
        )
        frame = frame[~bad]
    return frame


_TWEET, _ID, _CREATED, _REPLY_TO = (
    attrgetter(name) for name in ("tweet", "id_str", "created_at", "in_reply_to_status_id_str")
)
_PLACES = attrgetter("coordinates", "geo", "place")


def _id_strings(valid: list[r.Tweet]) -> list:
    """`id_str`, or `id` where a file has only that (`deleted-tweet.js` up to 2022)."""
    ids = list(map(_ID, valid))
    if None in ids:
        ids = [i if i is not None else str(t.id) for i, t in zip(ids, valid, strict=True)]
    return ids


def _authors(valid: list[r.Tweet]) -> np.ndarray:
    """Grailbird's embedded author id per post (-1 if none)."""
    users = [t.user for t in valid]
    ids = [
        None if u is None else (u.id_str or (str(u.id) if u.id is not None else None))
        for u in users
    ]
    return to_int64(ids)[0]


def _lengths(valid: list[r.Tweet], field: str) -> np.ndarray:
    return np.fromiter(map(len, map(attrgetter(field), valid)), np.int64, len(valid))


def _reposts(text: pa.Array, valid: list[r.Tweet]) -> np.ndarray:
    """X exports no repost flag: the text starts "RT @" (or Grailbird nests the original)."""
    prefixed = pc.starts_with(text, "RT @").to_numpy(zero_copy_only=False)
    return prefixed | (_lengths(valid, "retweeted_status") > 4)


def _replies(valid: list[r.Tweet]) -> np.ndarray:
    return np.fromiter((x is not None for x in map(_REPLY_TO, valid)), bool, len(valid))


def _quote_flags(valid: list[r.Tweet], ids: np.ndarray) -> np.ndarray:
    flags = np.zeros(len(valid), dtype=bool)
    for i, tweet in enumerate(valid):
        if tweet.entities is not None and tweet.entities.urls:
            flags[i] = _quotes(tweet.entities.urls, int(ids[i]))
    return flags


def _media_counts(valid: list[r.Tweet]) -> np.ndarray:
    counts = np.zeros(len(valid), dtype=np.int16)
    for i, tweet in enumerate(valid):
        if tweet.extended_entities is not None:
            counts[i] = len(tweet.extended_entities.media)
    return counts


def to_int64(values: list[str | None]) -> tuple[np.ndarray, np.ndarray]:
    """X ids are decimal strings below 2**63. Returns the ids and which were valid (-1 if not)."""
    try:
        ids = np.fromiter(map(int, values), np.int64, len(values))
        return ids, ids >= 0
    except (ValueError, OverflowError, TypeError):
        ids = np.fromiter((_int_or_minus_one(v) for v in values), np.int64, len(values))
        return ids, ids >= 0


def _int_or_minus_one(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return -1
    return number if 0 <= number < 2**63 else -1


EMPTY_RAW = frozenset((0, 2, 3, 4))  # b"", b"{}", b"{ }", b"null"


def _located(valid: list[r.Tweet]) -> np.ndarray:
    """Whether a post carries coordinates, a geo point or a place (any non-empty value)."""
    flags = (
        len(c) not in EMPTY_RAW or len(g) not in EMPTY_RAW or len(p) not in EMPTY_RAW
        for c, g, p in map(_PLACES, valid)
    )
    return np.fromiter(flags, bool, len(valid))


def _quotes(urls: list[r.Url], own: int) -> bool:
    """A link to another post; X links a post's own photos as `/status/<own id>/photo/1`."""
    for url in urls:
        match = QUOTE_URL.match(url.expanded_url) if url.expanded_url else None
        if match and int(match[1]) != own:
            return True
    return False


def _edit_keys(valid: list[r.Tweet], ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The id of each post's first version, and whether the post has versions; most posts
    were never edited, so start from ids."""
    keys = ids.copy()
    flags = np.zeros(len(valid), dtype=bool)
    edited = [
        i
        for i, t in enumerate(valid)
        if t.edit_info is not None
        and (
            t.edit_info.edit is not None
            or (t.edit_info.initial is not None and len(t.edit_info.initial.edit_tweet_ids) > 1)
        )
    ]
    if edited:
        keys[edited] = to_int64([_edit_key(valid[i]) for i in edited])[0]
        flags[edited] = True
    return keys, flags


def _edit_key(tweet: r.Tweet) -> str:
    """Every version of an edited post names the first version; that id groups them."""
    info = tweet.edit_info
    if info is None:
        return tweet.id_str
    if info.edit and info.edit.initial_tweet_id:
        return info.edit.initial_tweet_id
    if info.initial and info.initial.edit_tweet_ids:
        return info.initial.edit_tweet_ids[0]
    return tweet.id_str


def _kinds(repost, reply, quote) -> pd.Categorical:
    """Repost: text starts "RT @" (X exports no flag). Then reply, then quote, else original."""
    repost, reply, quote = (np.asarray(a, dtype=bool) for a in (repost, reply, quote))
    codes = np.where(repost, 2, np.where(reply, 1, np.where(quote, 3, 0))).astype(np.int8)
    return pd.Categorical.from_codes(codes, categories=list(POST_KINDS))


def posts_table(frames, stats: list[FileStats], deleted: bool = False) -> pd.DataFrame:
    empty = post_frame([], FileStats("", "deleted-tweets" if deleted else "tweets"), 0)
    table = concat(frames, empty)
    if table.empty:
        return table.drop(columns=WORK_COLUMNS)
    latest = _final_versions(table)
    dropped = table.loc[~latest, ["source", "edited", "created"]]
    versions = dropped["edited"].to_numpy() & (dropped["created"] >= EDITING_BEGAN).to_numpy()
    for source, count in dropped.loc[versions, "source"].value_counts().items():
        _fold(stats[source], Note(EDIT_NOTE, count=int(count)))
    for source, count in dropped.loc[~versions, "source"].value_counts().items():
        _fold(stats[source], Note(DUPLICATE_NOTE, count=int(count)))
    return table[latest].drop(columns=WORK_COLUMNS).reset_index(drop=True)


WORK_COLUMNS = ["edit_key", "edited", "author", "source"]
EDIT_NOTE = N_("%(count)s earlier versions of edited posts folded into the final one")
DUPLICATE_NOTE = N_("%(count)s duplicate records of the same post counted once")


def _fold(stat: FileStats, note: Note) -> None:
    count = note.params["count"]
    stat.skipped += count
    stat.analyzed -= count
    stat.notes.append(note)


def with_circle(posts: pd.DataFrame, circle: pd.DataFrame, stats) -> pd.DataFrame:
    """Circle posts also sit in tweets.js without a flag: mark those, add the others."""
    if circle.empty:
        return posts
    restricted = posts["id"].isin(circle["id"]).to_numpy()
    posts.loc[restricted, "public"] = False
    extra = circle[~circle["id"].isin(posts["id"]).to_numpy()]
    for stat in stats:
        if stat.type == "twitter-circle-tweet":
            stat.notes.append(
                Note(
                    "%(count)s of these posts are also in tweets.js and counted once, "
                    "as Circle posts",
                    count=int(restricted.sum()),
                )
            )
    return pd.concat([posts, extra], ignore_index=True) if len(extra) else posts


def _final_versions(table: pd.DataFrame) -> np.ndarray:
    """True for each post's final version: the latest (then highest id) per edit group.

    Only the few rows that share an edit group are sorted; the table keeps file order."""
    keep = np.ones(len(table), dtype=bool)
    shared = table["edit_key"].duplicated(keep=False).to_numpy()
    if shared.any():
        group = table.loc[shared, ["edit_key", "created", "id"]]
        ordered = group.sort_values(["edit_key", "created", "id"])
        earlier = ordered.index[ordered["edit_key"].duplicated(keep="last").to_numpy()]
        keep[table.index.get_indexer(earlier)] = False
    return keep


def concat(frames: list[pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else empty
