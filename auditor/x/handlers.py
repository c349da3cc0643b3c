"""What to do with each kind of data file: a registry, as twitter-to-sqlite keeps one.

Adding a file type is adding a handler (and, for small files, an `ABSORB` entry)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..dataset import Account, Signal
from . import records as r
from . import ytd
from .posts import post_frame, to_int64, tweets
from .state import FileStats, State, decode_items
from .times import parse_iso, parse_one


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
    stat.notes.append(f"{len(created)} messages (metadata only; text never read)")
    if events:
        stat.notes.append(f"{events} non-message events (joins, leaves, renames)")
    state.dms.append(
        pd.DataFrame(
            {
                "id": to_int64(ids)[0],
                "conversation_id": pd.Series(conversations, dtype="string"),
                "created": parse_iso(created),
                "group": np.full(len(created), stat.type == "direct-messages-group"),
            }
        )
    )


def _handle_grok(data, state, stat, index) -> None:
    items = [i.grok_chat_item for i in decode_items(data, r.GrokItem, stat)]
    items = [i for i in items if i is not None and i.created_at]
    stat.skipped += stat.records - stat.skipped - len(items)
    stat.analyzed = len(items)
    state.grok.append(
        pd.DataFrame(
            {
                "id": to_int64([i.chat_id for i in items])[0],
                "chat_id": pd.Series([i.chat_id for i in items], dtype="string"),
                "created": parse_iso([i.created_at for i in items]),
                "sender": pd.Categorical([i.sender.name if i.sender else None for i in items]),
            }
        )
    )


def _single(item_type, attribute):
    """Handler for small files whose records we read one by one into the state."""

    def handler(data, state, stat, index):
        values = [getattr(i, attribute) for i in decode_items(data, item_type, stat)]
        for value in values:
            if value is not None:
                ABSORB[item_type](value, state)
        stat.analyzed = sum(v is not None for v in values)
        stat.skipped += stat.records - stat.skipped - stat.analyzed

    return handler


def _absorb_account(value: r.Account, state: State) -> None:
    state.account = Account(
        value.account_id, value.username, value.account_display_name, parse_one(value.created_at)
    )
    if value.email and "@" in value.email:
        state.signals.append(Signal("email_domain", value.email.rsplit("@", 1)[1].lower()))
    if value.phone_number:
        state.signals.append(Signal("phone", value.phone_number))


def _absorb_profile(value: r.Profile, state: State) -> None:
    if value.description and value.description.location:
        state.signals.append(Signal("profile_location", value.description.location[:200]))


def _absorb_timezone(value: r.Timezone, state: State) -> None:
    if value.time_zone:
        state.signals.append(Signal("timezone", value.time_zone))


def _absorb_phone(value: r.Device, state: State) -> None:
    if value.phone_number:
        state.signals.append(Signal("phone", value.phone_number))


def _absorb_protected(value: r.Protected, state: State) -> None:
    when = parse_one(value.protected_at)
    if when and value.action in ("Protect", "Unprotect"):
        state.protected.append((when, value.action))


def _absorb_age(value: r.AgeMeta, state: State) -> None:
    birth = value.age_info.birth_date if value.age_info else None
    if birth:
        parsed = parse_one(birth)
        state.birth_date = parsed.date() if parsed else None


def _absorb_user(value: r.UserDetails, state: State) -> None:
    account_id = str(value.id) if value.id is not None else None
    state.account = Account(
        account_id, value.screen_name, value.full_name, parse_one(value.created_at)
    )
    if value.location:
        state.signals.append(Signal("profile_location", value.location[:200]))


def _absorb_payload(value: r.PayloadDetails, state: State) -> None:
    state.generated_at = parse_one(value.created_at)


def _grailbird_single(item_type, absorb):
    """Grailbird details files hold one bare object, not a list."""

    def handler(data, state, stat, index):
        absorb(ytd.decode(data, item_type), state)
        stat.records = stat.analyzed = 1

    return handler


def _handle_csv(data, state, stat, index) -> None:
    """tweets.csv duplicates the month files; it is counted to cross-check them."""
    import csv
    import io

    rows = sum(1 for _ in csv.reader(io.StringIO(bytes(data).decode("utf-8", "replace"))))
    stat.records = max(rows - 1, 0)
    stat.status = "counted"
    stat.notes.append("the same posts as data/js/tweets/, counted only")


def _absorb_ip(value: r.IpAudit, state: State) -> None:
    if value.login_ip:
        state.signals.append(Signal("login_ip", value.login_ip, parse_one(value.created_at)))


def _absorb_creation_ip(value: r.CreationIp, state: State) -> None:
    if value.user_creation_ip:
        state.signals.append(Signal("creation_ip", value.user_creation_ip))


def _absorb_p13n(value: r.P13n, state: State) -> None:
    for place in value.location_history[:50]:
        state.signals.append(Signal("location_history", place[:200]))
    languages = value.demographics.languages if value.demographics else []
    for language in languages[:10]:
        if language.language and not language.is_disabled:
            state.signals.append(Signal("language", language.language[:40]))


def _absorb_device(value: r.NiDevice, state: State) -> None:
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
