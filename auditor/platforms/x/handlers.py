"""What to do with each kind of data file: a registry, as twitter-to-sqlite keeps one.

Adding a file type is adding a handler (and, for small files, an `ABSORB` entry)."""

from __future__ import annotations

import re

import msgspec
import numpy as np
import pandas as pd

from ...dataset import Account, Note, Signal
from . import records as r
from . import ytd
from .posts import post_frame, to_int64, tweets
from .state import FileStats, State, decode_items
from .times import parse_dates, parse_iso, parse_one


def _handle_tweets(data, state: State, stat: FileStats, index: int) -> None:
    """Posts of every kind of post file. Community posts join the posts; Circle posts (shown
    to a chosen audience only) are kept apart and reconciled with tweets.js afterwards."""
    frame = post_frame(tweets(data, stat), stat, index)
    target = {"deleted-tweets": state.deleted, "twitter-circle-tweet": state.circle}
    target.get(stat.type, state.posts).append(frame)
    if stat.type == "grailbird-tweets" and not stat.records:
        stat.records = len(frame)
    stat.analyzed = len(frame)


def _handle_likes(data, state, stat, index) -> None:
    items = decode_items(data, r.LikeItem, stat)
    ids, valid = to_int64([i.like.tweet_id if i.like else None for i in items])
    stat.skipped += int((~valid).sum())
    stat.analyzed = int(valid.sum())
    state.likes.append(ids[valid])


def _handle_dms(data, state, stat, index) -> None:
    """Message dates and ids only: the Structs have no text field, so text is never decoded."""
    conversations, ids, created = [], [], []
    events = 0
    for item in decode_items(data, r.DmItem, stat):
        conversation = item.dm_conversation
        if conversation is None:
            stat.skipped += 1
            continue
        for event in conversation.messages:
            message = event.message_create
            if message is None or not message.created_at:
                events += 1
                continue
            conversations.append(conversation.conversation_id or "")
            ids.append(message.id)
            created.append(message.created_at)
    stat.analyzed = stat.records - stat.skipped
    dates, unreadable = parse_dates(created)
    stat.notes.append(
        Note("%(count)s messages (metadata only; text never read)", count=len(created))
    )
    if events:
        stat.notes.append(
            Note("%(count)s non-message events (joins, leaves, renames)", count=events)
        )
    if unreadable:
        stat.notes.append(
            Note("%(count)s messages with an unreadable date not counted", count=unreadable)
        )
    frame = pd.DataFrame(
        {
            "id": to_int64([str(i) if i is not None else None for i in ids])[0],
            "conversation_id": pd.Series(conversations, dtype="string"),
            "created": dates,
            "group": np.full(len(created), stat.type == "direct-messages-group"),
        }
    )
    state.dms.append(frame[frame["created"].notna().to_numpy()])


# One-to-one conversations are named by their two account ids; group ids are single numbers
# (older exports) or `g`-prefixed (encrypted messages).
TWO_PARTY = re.compile(r"^\d+[-:]\d+$")
MESSAGE_KINDS = {"messageCreateEvent", "messageCreate"}
EVENT_FIELDS = {"messageId", "createdAtMsec", "conversationId", "senderId", "sequenceId"}


def _handle_message_events(data, state, stat, index) -> None:
    """Encrypted DMs (2025 onward): each record one event. Messages are dated and counted;
    the other kinds (reactions, …) are listed. The payload is never decoded."""
    kinds: dict[str, int] = {}
    ids, conversations, created = [], [], []
    for raw in decode_items(data, msgspec.Raw, stat):
        event, kind = _message_event(raw)
        if event is None:
            stat.skipped += 1
            continue
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind in MESSAGE_KINDS:
            ids.append(event.message_id or event.id or event.sequence_id)
            conversations.append(event.conversation_id or "")
            created.append(event.created_at_msec or event.created_at)
    dates, unreadable = parse_dates(created)
    ids64, valid = to_int64([str(i) if i is not None else None for i in ids])
    keep = valid & dates.notna().to_numpy()
    others = sum(count for kind, count in kinds.items() if kind not in MESSAGE_KINDS)
    stat.analyzed = int(keep.sum())
    stat.skipped += others + int((~keep).sum())
    stat.notes.append(
        Note("%(count)s messages (metadata only; text never read)", count=stat.analyzed)
    )
    if others:
        listed = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()) if k not in MESSAGE_KINDS)
        stat.notes.append(Note("other events, not messages: %(kinds)s", kinds=listed))
    if unreadable or (~valid).any():
        stat.notes.append(
            Note("%(count)s messages without a readable id or date", count=int((~keep).sum()))
        )
    group = np.array([bool(c) and not TWO_PARTY.match(c) for c in conversations], dtype=bool)
    state.message_events.append(
        pd.DataFrame(
            {
                "id": ids64[keep],
                "conversation_id": pd.Series(conversations, dtype="string")[keep].reset_index(
                    drop=True
                ),
                "created": dates[keep].reset_index(drop=True),
                "group": group[keep],
                "source": np.full(int(keep.sum()), index, dtype=np.int32),
            }
        )
    )


def _message_event(raw) -> tuple[r.MessageEvent | None, str]:
    """A record bare or under one wrapper key (the wrapper is not documented); its kind is
    the key inside `detail`, else a wrapper naming the kind."""
    try:
        top = msgspec.json.decode(raw, type=dict[str, msgspec.Raw])
        wrapper = None
        if not EVENT_FIELDS & set(top) and len(top) == 1:
            wrapper, raw = next(iter(top.items()))
        event = msgspec.json.decode(raw, type=r.MessageEvent)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return None, ""
    if event.detail:
        return event, next(iter(event.detail))
    return event, wrapper if wrapper and wrapper != "messageEvent" else "unknown"


def _handle_grok(data, state, stat, index) -> None:
    items = [i.grok_chat_item for i in decode_items(data, r.GrokItem, stat)]
    items = [i for i in items if i is not None and i.created_at]
    dates, stat.bad_dates = parse_dates([i.created_at for i in items])
    frame = pd.DataFrame(
        {
            "id": to_int64([i.chat_id for i in items])[0],
            "chat_id": pd.Series([i.chat_id for i in items], dtype="string"),
            "created": dates,
            "sender": pd.Categorical([i.sender.name if i.sender else None for i in items]),
        }
    )
    frame = frame[frame["created"].notna().to_numpy()]
    stat.skipped += stat.records - stat.skipped - len(frame)
    stat.analyzed = len(frame)
    state.grok.append(frame)


def _single(item_type, attribute):
    """Handler for small files whose records we read one by one into the state."""

    def handler(data, state, stat, index):
        values = [getattr(i, attribute) for i in decode_items(data, item_type, stat)]
        for value in values:
            if value is not None:
                ABSORB[item_type](value, state, stat)
        stat.analyzed = sum(v is not None for v in values)
        stat.skipped += stat.records - stat.skipped - stat.analyzed

    return handler


def _date(value, stat: FileStats):
    """One date in any known format; an unreadable one is counted for the file's note."""
    parsed = parse_one(value)
    if parsed is None and value not in (None, ""):
        stat.bad_dates += 1
    return parsed


def _absorb_account(value: r.Account, state: State, stat: FileStats) -> None:
    state.account = Account(
        value.account_id, value.username, value.account_display_name, _date(value.created_at, stat)
    )
    if value.email and "@" in value.email:
        state.signals.append(Signal("email_domain", value.email.rsplit("@", 1)[1].lower()))
    if value.phone_number:
        state.signals.append(Signal("phone", value.phone_number))


def _absorb_profile(value: r.Profile, state: State, stat: FileStats) -> None:
    if value.description and value.description.location:
        state.signals.append(Signal("profile_location", value.description.location[:200]))


def _absorb_timezone(value: r.Timezone, state: State, stat: FileStats) -> None:
    if value.time_zone:
        state.signals.append(Signal("timezone", value.time_zone))


def _absorb_phone(value: r.Device, state: State, stat: FileStats) -> None:
    if value.phone_number:
        state.signals.append(Signal("phone", value.phone_number))


def _absorb_protected(value: r.Protected, state: State, stat: FileStats) -> None:
    when = _date(value.protected_at, stat)
    if when and value.action in ("Protect", "Unprotect"):
        state.protected.append((when, value.action))


def _absorb_age(value: r.AgeMeta, state: State, stat: FileStats) -> None:
    birth = value.age_info.birth_date if value.age_info else None
    if birth:
        parsed = _date(birth, stat)
        state.birth_date = parsed.date() if parsed else None


def _absorb_user(value: r.UserDetails, state: State, stat: FileStats) -> None:
    account_id = str(value.id) if value.id is not None else None
    state.account = Account(
        account_id, value.screen_name, value.full_name, _date(value.created_at, stat)
    )
    if value.location:
        state.signals.append(Signal("profile_location", value.location[:200]))


def _absorb_payload(value: r.PayloadDetails, state: State, stat: FileStats) -> None:
    state.generated_at = _date(value.created_at, stat)


def _grailbird_single(item_type, absorb):
    """Grailbird details files hold one bare object, not a list."""

    def handler(data, state, stat, index):
        absorb(ytd.decode(data, item_type), state, stat)
        stat.records = stat.analyzed = 1

    return handler


def _handle_csv(data, state, stat, index) -> None:
    """tweets.csv duplicates the month files; it is counted to cross-check them."""
    import csv
    import io

    rows = sum(1 for _ in csv.reader(io.StringIO(bytes(data).decode("utf-8", "replace"))))
    stat.records = max(rows - 1, 0)
    stat.status = "counted"
    stat.notes.append(Note("the same posts as data/js/tweets/, counted only"))


def _absorb_ip(value: r.IpAudit, state: State, stat: FileStats) -> None:
    if value.login_ip:
        state.signals.append(Signal("login_ip", value.login_ip, _date(value.created_at, stat)))


def _absorb_creation_ip(value: r.CreationIp, state: State, stat: FileStats) -> None:
    if value.user_creation_ip:
        state.signals.append(Signal("creation_ip", value.user_creation_ip))


def _absorb_p13n(value: r.P13n, state: State, stat: FileStats) -> None:
    for place in value.location_history[:50]:
        state.signals.append(Signal("location_history", place[:200]))
    languages = value.demographics.languages if value.demographics else []
    for language in languages[:10]:
        if language.language and not language.is_disabled:
            state.signals.append(Signal("language", language.language[:40]))


def _absorb_device(value: r.NiDevice, state: State, stat: FileStats) -> None:
    device = value.messaging_device
    if device and device.phone_number:
        state.signals.append(Signal("phone", device.phone_number))


ABSORB = {
    r.AccountItem: _absorb_account,
    r.ProfileItem: _absorb_profile,
    r.TimezoneItem: _absorb_timezone,
    r.DeviceItem: _absorb_phone,
    r.ProtectedItem: _absorb_protected,
    r.AgeItem: _absorb_age,
    r.IpAuditItem: _absorb_ip,
    r.CreationIpItem: _absorb_creation_ip,
    r.P13nItem: _absorb_p13n,
    r.NiDeviceItem: _absorb_device,
}

HANDLERS = {
    "tweets": _handle_tweets,
    "grailbird-tweets": _handle_tweets,
    "user-details": _grailbird_single(r.UserDetails, _absorb_user),
    "payload-details": _grailbird_single(r.PayloadDetails, _absorb_payload),
    "tweets-csv": _handle_csv,
    "deleted-tweets": _handle_tweets,
    "community-tweet": _handle_tweets,
    "twitter-circle-tweet": _handle_tweets,
    "like": _handle_likes,
    "direct-messages": _handle_dms,
    "direct-messages-group": _handle_dms,
    "message-event": _handle_message_events,
    "grok-chat-item": _handle_grok,
    "account": _single(r.AccountItem, "account"),
    "profile": _single(r.ProfileItem, "profile"),
    "account-timezone": _single(r.TimezoneItem, "account_timezone"),
    "phone-number": _single(r.DeviceItem, "device"),
    "protected-history": _single(r.ProtectedItem, "protected_history"),
    "ageinfo": _single(r.AgeItem, "age_meta"),
    "ip-audit": _single(r.IpAuditItem, "ip_audit"),
    "account-creation-ip": _single(r.CreationIpItem, "account_creation_ip"),
    "personalization": _single(r.P13nItem, "p13n_data"),
    "ni-devices": _single(r.NiDeviceItem, "ni_device_response"),
}


# -- tables and checks ------------------------------------------------------------------------


def empty_dms() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": np.zeros(0, np.int64),
            "conversation_id": pd.Series([], dtype="string"),
            "created": parse_iso([]),
            "group": np.zeros(0, dtype=bool),
        }
    )


def empty_grok() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": np.zeros(0, np.int64),
            "chat_id": pd.Series([], dtype="string"),
            "created": parse_iso([]),
            "sender": pd.Categorical([]),
        }
    )
