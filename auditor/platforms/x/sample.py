"""Build a realistic synthetic X archive (2022+ layout) with known ground truth.

Used by `make demo`, the tests and the benchmarks. Everything is made up and deterministic
for a given seed: ids, texts, dates. DM texts and the e-mail address carry markers so tests
can prove they never reach an output.
"""

from __future__ import annotations

import json
import random
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import phonenumbers

from ...output import private_file
from ..places import PLACES

GENERATED = datetime(2026, 7, 25, 12, 0, 0, tzinfo=UTC)
ACCOUNT_CREATED = datetime(2013, 3, 1, 9, 30, 0, tzinfo=UTC)
FIRST_POST = datetime(2014, 1, 1, tzinfo=UTC)
DM_MARKER = "PRIVATE-DM-TEXT"
EMAIL_LOCAL = "private.person"
ZIP_TIME = (2026, 7, 25, 12, 0, 0)
ACCOUNT_ID = "1500000000000000001"
KIND_WEIGHTS = {"original": 60, "reply": 20, "repost": 15, "quote": 5}

WORDS = [
    "garden",
    "morning",
    "coffee",
    "train",
    "city",
    "river",
    "music",
    "book",
    "light",
    "rain",
    "walk",
    "friend",
    "market",
    "idea",
    "project",
    "weekend",
    "photo",
    "street",
    "night",
    "summer",
    "winter",
    "bread",
    "bike",
    "dog",
    "cat",
]


# Posts planted by `sensitive=True`, each with the detectors that must fire (and no other
# text detector): positives and near misses in several languages.
SENSITIVE_POSTS = [
    ("Call me on +49 1512 3456789 after work", {"phone"}),
    ("new address: jane.doe@example.org, write me", {"email"}),
    ("look at https://example.com/profile/jane@example.org", set()),
    ("paid with 4111 1111 1111 1111 oops", {"payment_card"}),
    ("card 4111 1111 1111 1112 is not real", set()),
    ("rent to DE89 3704 0044 0532 0130 00 please", {"iban"}),
    ("IBAN DE89 3704 0044 0532 0130 01 typo", set()),
    ("I was diagnosed with diabetes last year", {"health"}),
    ("Diabète de type 2, quelle galère", {"health"}),
    ("Heute Gottesdienst, danach Kuchen", {"religion"}),
    ("J'ai voté ce matin avant le marché", {"politics"}),
    ("Mi sindicato convocó una huelga", {"trade_union"}),
    ("coming out to my parents was hard", {"sexual_orientation"}),
    ("Parisian cafés are the best", set()),
    ("Die Gewerkschaftszeitung kam heute", set()),
    ("@friend see you at the market", {"other_people"}),
    ("Sunny day at the lake", {"location"}),
]


@dataclass
class Truth:
    """What the builder put in: tests compare auditor's counts with this."""

    region: str
    posts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KIND_WEIGHTS, 0))
    edited_versions: int = 0
    deleted_posts: int = 0
    likes: int = 0
    dm_conversations: int = 0
    dm_messages: int = 0
    group_dm_messages: int = 0
    grok_messages: int = 0
    media_files: int = 0
    tweet_parts: list[str] = field(default_factory=list)
    sensitive: dict[str, int] = field(default_factory=dict)  # detector → posts (planted + built)

    def as_dict(self) -> dict:
        return asdict(self)

    def describe(self) -> str:
        return (
            f"{sum(self.posts.values()):,} posts in {len(self.tweet_parts)} part(s), "
            f"{self.likes:,} likes, {self.dm_conversations:,} DM conversations, "
            f"{self.media_files:,} media files"
        )


def build_sample(
    out: Path,
    posts: int = 500,
    likes: int = 300,
    dms: int = 20,
    region: str = "DE",
    seed: int = 7,
    part_bytes: int = 100 << 20,
    grok_chats: int = 5,
    media_every: int = 8,
    extra_posts: list[dict] | None = None,
    phone_region: str | None = None,
    protected: list[tuple[datetime, str]] | None = None,
    sensitive: bool = False,
) -> Truth:
    """Write the archive zip to `out`.

    `extra_posts` plants hand-written post records; `phone_region` gives the phone number of
    another country (mixed signals); `protected` writes protected-history changes.
    """
    region = region.upper()
    phone_region = (phone_region or region).upper()
    for code in (region, phone_region):
        if code not in PLACES:
            raise ValueError(f"no sample data for region {code}; choose one of {sorted(PLACES)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    truth = Truth(region)
    extra_posts = list(extra_posts or [])
    if sensitive:
        extra_posts += _planted(truth)
    manifest: dict[str, list[tuple[str, int]]] = {}
    with (
        private_file(out) as stream,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
    ):
        writer = _Writer(zf)
        media_ids = _write_posts(
            writer, rng, posts, part_bytes, truth, manifest, media_every, extra_posts or []
        )
        _write_deleted(writer, rng, truth, manifest)
        _write_likes(writer, rng, likes, part_bytes, truth, manifest)
        _write_dms(writer, rng, dms, truth, manifest)
        _write_grok(writer, rng, grok_chats, truth, manifest)
        _write_account_files(writer, region, phone_region, manifest, protected or [])
        _write_signal_files(writer, rng, region, manifest)
        _write_counted_files(writer, manifest)
        for tweet_id in media_ids:
            writer.raw(
                f"data/tweets_media/{tweet_id}-{rng.getrandbits(40):010x}.jpg", rng.randbytes(256)
            )
        truth.media_files = len(media_ids)
        truth.sensitive["media"] = len(media_ids)
        truth.sensitive["other_people"] = (
            truth.sensitive.get("other_people", 0) + truth.posts["reply"]
        )
        writer.raw("Your archive.html", b"<html><body>Your X Data</body></html>")
        writer.raw("assets/js/viewer.js", b"/* viewer */")
        writer.text("data/manifest.js", _manifest(manifest))
    return truth


class _Writer:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def raw(self, name: str, data: bytes) -> None:
        self.zf.writestr(self._info(name), data)

    def text(self, name: str, data: str) -> None:
        self.raw(name, data.encode("utf-8"))

    def ytd(self, name: str, items: list[str], key: str) -> int:
        """Write one `window.YTD` file in X's style; returns the number of records."""
        with self.zf.open(self._info(name), "w", force_zip64=True) as handle:
            handle.write(f"window.YTD.{key} = [\n".encode())
            for index, item in enumerate(items):
                handle.write(((",\n" if index else "") + item).encode("utf-8"))
            handle.write(b"\n]")
        return len(items)


def _split(writer, base: str, key: str, items, part_bytes: int, manifest, type_key: str):
    """Write items into `base.js`, `base-part1.js`, … each under `part_bytes` (as X does)."""
    part, chunk, size, names = 0, [], 0, []

    def flush():
        name = f"data/{base}.js" if part == 0 else f"data/{base}-part{part}.js"
        count = writer.ytd(name, chunk, f"{key}.part{part}")
        manifest.setdefault(type_key, []).append((name, count))
        names.append(name)

    for item in items:
        if chunk and size + len(item) > part_bytes:
            flush()
            part, chunk, size = part + 1, [], 0
        chunk.append(item)
        size += len(item) + 2
    flush()
    return names


def _when(rng: random.Random, start: datetime = FIRST_POST, end: datetime = GENERATED):
    return start + timedelta(seconds=rng.randrange(int((end - start).total_seconds())))


def _v1(moment: datetime) -> str:
    return moment.strftime("%a %b %d %H:%M:%S +0000 %Y")


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _sentence(rng: random.Random, words: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _tweet_json(
    tweet_id: str,
    created: datetime,
    text: str,
    kind: str,
    rng,
    media: bool,
    edit_ids: list[str] | None = None,
    deleted: datetime | None = None,
    geo: bool = False,
) -> str:
    urls, reply = [], ""
    if kind == "quote":
        quoted = f"https://twitter.com/other_user/status/{rng.getrandbits(60)}"
        urls.append(
            {
                "url": "https://t.co/q",
                "expanded_url": quoted,
                "display_url": "twitter.com/other_user…",
                "indices": ["0", "23"],
            }
        )
    if kind == "reply":
        reply = (
            f'"in_reply_to_status_id_str" : "{rng.getrandbits(60)}",\n'
            f'    "in_reply_to_user_id_str" : "222000111",\n'
            f'    "in_reply_to_screen_name" : "other_user",\n'
        )
    tweet = {
        "edit_info": {
            "initial": {
                "editTweetIds": edit_ids or [tweet_id],
                "editableUntil": _iso(created + timedelta(hours=1)),
                "editsRemaining": "5",
                "isEditEligible": False,
            }
        },
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": urls},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(rng.randrange(50)),
        "id_str": tweet_id,
        "truncated": False,
        "retweet_count": "0",
        "id": tweet_id,
        "created_at": _v1(created),
        "favorited": False,
        "full_text": text,
        "lang": "en",
    }
    if media:
        tweet["extended_entities"] = {
            "media": [
                {
                    "media_url_https": "https://pbs.twimg.com/media/AAAA.jpg",
                    "type": "photo",
                    "id_str": str(rng.getrandbits(60)),
                    "indices": ["0", "1"],
                }
            ]
        }
    if deleted:
        tweet["deleted_at"] = _v1(deleted)
    if geo:
        tweet["coordinates"] = {"type": "Point", "coordinates": ["13.4050", "52.5200"]}
    body = json.dumps(tweet, ensure_ascii=False, indent=2, separators=(",", " : "))
    body = body.replace('"retweeted" : false,', '"retweeted" : false,\n' + reply, 1)
    return '  {\n    "tweet" : ' + body.replace("\n", "\n    ") + "\n  }"


def _post_text(rng, kind: str) -> str:
    if kind == "repost":
        return "RT @other_user: " + _sentence(rng)
    if kind == "reply":
        return "@other_user " + _sentence(rng)
    return _sentence(rng) + (" &amp; more" if rng.random() < 0.1 else "")


def _planted(truth: Truth) -> list[dict]:
    records = []
    for index, (text, detectors) in enumerate(SENSITIVE_POSTS):
        records.append(
            {
                "id": str(1_500_000_000_000_800_000 + index),
                "kind": "original",
                "created": datetime(2021, 3, 1 + index, 12, tzinfo=UTC),
                "text": text,
                "geo": "location" in detectors,
            }
        )
        for name in detectors:
            truth.sensitive[name] = truth.sensitive.get(name, 0) + 1
    return records


def _write_posts(writer, rng, count, part_bytes, truth, manifest, media_every, extra):
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    media_ids: list[str] = []

    def items():
        base = 1_500_000_000_000_100_000
        for index in range(count):
            kind = rng.choices(kinds, weights)[0]
            tweet_id = str(base + index * 10)
            created = _when(rng)
            media = kind != "repost" and index % media_every == 0
            truth.posts[kind] += 1
            if media:
                media_ids.append(tweet_id)
            edits = None
            if index % 97 == 5 and kind == "original":  # an edited post: two versions
                first = str(base + index * 10 + 1)
                edits = [first, tweet_id]
                truth.edited_versions += 1
                yield _tweet_json(
                    first,
                    created - timedelta(minutes=5),
                    "draft " + _sentence(rng),
                    kind,
                    rng,
                    False,
                    edits,
                )
            yield _tweet_json(tweet_id, created, _post_text(rng, kind), kind, rng, media, edits)
        for record in extra:
            truth.posts[record["kind"]] += 1
            yield _tweet_json(
                record["id"],
                record["created"],
                record["text"],
                record["kind"],
                rng,
                False,
                geo=record.get("geo", False),
            )

    truth.tweet_parts = _split(writer, "tweets", "tweets", items(), part_bytes, manifest, "tweets")
    return media_ids


def _write_deleted(writer, rng, truth, manifest):
    items = []
    for index in range(3):
        created = _when(rng, datetime(2025, 1, 1, tzinfo=UTC), GENERATED - timedelta(days=20))
        deleted = GENERATED - timedelta(days=index + 1)
        items.append(
            _tweet_json(
                str(1_500_000_000_000_900_000 + index),
                created,
                _sentence(rng),
                "original",
                rng,
                False,
                deleted=deleted,
            )
        )
    truth.deleted_posts = writer.ytd("data/deleted-tweets.js", items, "deleted_tweets.part0")
    manifest["deletedTweets"] = [("data/deleted-tweets.js", truth.deleted_posts)]


def _write_likes(writer, rng, count, part_bytes, truth, manifest):
    def items():
        for index in range(count):
            tweet_id = str(1_400_000_000_000_000_000 + index)
            like = {
                "tweetId": tweet_id,
                "fullText": "someone else's post " + _sentence(rng, 6),
                "expandedUrl": f"https://twitter.com/i/web/status/{tweet_id}",
            }
            yield '  {\n    "like" : ' + json.dumps(like, indent=6) + "\n  }"

    _split(writer, "like", "like", items(), part_bytes, manifest, "like")
    truth.likes = count


def _write_dms(writer, rng, count, truth, manifest):
    single, group = [], []
    for index in range(count):
        is_group = index % 5 == 4
        messages = []
        for number in range(rng.randrange(1, 12)):
            create = {
                "id": str(1_600_000_000_000_000_000 + index * 100 + number),
                "senderId": ACCOUNT_ID if number % 2 else "222000111",
                "text": f"{DM_MARKER} {_sentence(rng, 5)}",
                "mediaUrls": [],
                "createdAt": _iso(_when(rng, datetime(2019, 1, 1, tzinfo=UTC))),
            }
            if not is_group:
                create["recipientId"] = "222000111"
            messages.append({"messageCreate": create})
        if is_group:
            messages.append(
                {
                    "joinConversation": {
                        "initiatingUserId": "222000111",
                        "participantsSnapshot": [ACCOUNT_ID],
                        "createdAt": _iso(GENERATED),
                    }
                }
            )
            truth.group_dm_messages += len(messages) - 1
        else:
            truth.dm_messages += len(messages)
        conversation = {"conversationId": f"{ACCOUNT_ID}-{222000111 + index}", "messages": messages}
        (group if is_group else single).append(
            '  {\n    "dmConversation" : ' + json.dumps(conversation, indent=2) + "\n  }"
        )
    truth.dm_conversations = count
    for name, key, items in (
        ("direct-messages", "directMessages", single),
        ("direct-messages-group", "directMessagesGroup", group),
    ):
        written = writer.ytd(f"data/{name}.js", items, name.replace("-", "_") + ".part0")
        manifest[key] = [(f"data/{name}.js", written)]


def _write_grok(writer, rng, chats, truth, manifest):
    items = []
    for chat in range(chats):
        created = _when(rng, datetime(2024, 9, 1, tzinfo=UTC))
        for sender in ("User", "Agent"):
            item = {
                "grokChatItem": {
                    "accountId": ACCOUNT_ID,
                    "chatId": str(1_900_000_000_000_000_000 + chat),
                    "createdAt": _iso(created),
                    "message": "private question " + _sentence(rng, 4),
                    "sender": {
                        "value": "1",
                        "name": sender,
                        "originalName": sender.upper(),
                        "annotations": {},
                    },
                    "grokMode": {
                        "value": "1",
                        "name": "Normal",
                        "originalName": "NORMAL",
                        "annotations": {},
                    },
                }
            }
            items.append("  " + json.dumps(item, indent=2))
    truth.grok_messages = writer.ytd("data/grok-chat-item.js", items, "grok_chat_item.part0")
    manifest["grokChatItem"] = [("data/grok-chat-item.js", truth.grok_messages)]


def _write_account_files(writer, region, phone_region, manifest, protected):
    zone, city, _, _ = PLACES[region]
    number = phonenumbers.example_number_for_type(phone_region, phonenumbers.PhoneNumberType.MOBILE)
    phone = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    domain = {"GB": "co.uk", "US": "com"}.get(region, region.lower())
    files = {
        "account": {
            "account": {
                "email": f"{EMAIL_LOCAL}@example.{domain}",
                "createdVia": "web",
                "username": "sample_person",
                "accountId": ACCOUNT_ID,
                "createdAt": _iso(ACCOUNT_CREATED),
                "accountDisplayName": "Sample Person",
            }
        },
        "account-timezone": {"accountTimezone": {"accountId": ACCOUNT_ID, "timeZone": zone}},
        "phone-number": {"device": {"phoneNumber": phone}},
        "profile": {
            "profile": {
                "description": {"bio": "made-up account", "website": "", "location": city},
                "avatarMediaUrl": "https://pbs.twimg.com/profile_images/1/a.jpg",
            }
        },
        "ageinfo": {"ageMeta": {"ageInfo": {"age": ["36"], "birthDate": "1990-04-02"}}},
    }
    for name, record in files.items():
        written = writer.ytd(
            f"data/{name}.js",
            ["  " + json.dumps(record, indent=2, ensure_ascii=False)],
            name.replace("-", "_") + ".part0",
        )
        manifest[_camel(name)] = [(f"data/{name}.js", written)]
    changes = [
        json.dumps({"protectedHistory": {"protectedAt": _iso(when), "action": action}})
        for when, action in protected
    ]
    written = writer.ytd("data/protected-history.js", changes, "protected_history.part0")
    manifest["protectedHistory"] = [("data/protected-history.js", written)]


def _write_signal_files(writer, rng, region, manifest):
    """Login IPs (one holiday login abroad), creation IP and personalization."""
    _, city, prefix, language = PLACES[region]
    away = PLACES["US" if region != "US" else "CA"][2]
    audits = []
    for index in range(12):
        ip = (away if index == 3 else prefix) + str(10 + index)
        when = GENERATED - timedelta(days=7 * index + 1)
        audits.append(
            json.dumps(
                {
                    "ipAudit": {
                        "accountId": ACCOUNT_ID,
                        "createdAt": _iso(when),
                        "loginIp": ip,
                        "loginPortNumber": "0",
                    }
                }
            )
        )
    creation = [
        json.dumps({"accountCreationIp": {"accountId": ACCOUNT_ID, "userCreationIp": prefix + "7"}})
    ]
    p13n = [
        json.dumps(
            {
                "p13nData": {
                    "demographics": {
                        "languages": [{"language": language, "isDisabled": False}],
                        "genderInfo": {"gender": "unknown"},
                    },
                    "interests": {"interests": [{"name": "Gardening", "isDisabled": False}]},
                    "locationHistory": [city],
                    "inferredAgeInfo": {"age": ["13-54"], "birthDate": ""},
                }
            },
            ensure_ascii=False,
        )
    ]
    for name, items in (
        ("ip-audit", audits),
        ("account-creation-ip", creation),
        ("personalization", p13n),
    ):
        written = writer.ytd(f"data/{name}.js", items, name.replace("-", "_") + ".part0")
        manifest[_camel(name)] = [(f"data/{name}.js", written)]


def _write_counted_files(writer, manifest):
    follower = [
        f'  {{\n    "follower" : {{\n      "accountId" : "{300_000 + i}"\n    }}\n  }}'
        for i in range(40)
    ]
    for name, items in (("follower", follower), ("block", [])):
        written = writer.ytd(f"data/{name}.js", items, name.replace("-", "_") + ".part0")
        manifest[_camel(name)] = [(f"data/{name}.js", written)]


def _camel(name: str) -> str:
    first, *rest = name.split("-")
    return first + "".join(part.title() for part in rest)


def _manifest(types: dict[str, list[tuple[str, int]]]) -> str:
    data_types = {
        key: {
            "files": [
                {
                    "fileName": name,
                    "globalName": "YTD."
                    + name[5:-3].replace("-", "_").replace("_part", ".part")
                    + ("" if "-part" in name else ".part0"),
                    "count": str(count),
                }
                for name, count in files
            ]
        }
        for key, files in sorted(types.items())
    }
    data_types["tweetsMedia"] = {"mediaDirectory": "data/tweets_media"}
    config = {
        "userInfo": {
            "accountId": ACCOUNT_ID,
            "userName": "sample_person",
            "displayName": "Sample Person",
        },
        "archiveInfo": {
            "sizeBytes": "0",
            "generationDate": _iso(GENERATED),
            "isPartialArchive": False,
            "maxPartSizeBytes": "53687091200",
        },
        "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README.txt"},
        "dataTypes": data_types,
    }
    return "window.__THAR_CONFIG = " + json.dumps(config, indent=2, separators=(",", " : "))
