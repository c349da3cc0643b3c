"""Typed shapes of the records auditor reads: only the fields it needs, everything optional.

msgspec skips every field not named here, so text we must never keep (DM text, e-mail
addresses, Grok messages) is not even decoded.
"""

from __future__ import annotations

import msgspec


class Url(msgspec.Struct):
    expanded_url: str | None = None


class Entities(msgspec.Struct):
    urls: list[Url] = []


class Media(msgspec.Struct):
    type: str | None = None


class ExtendedEntities(msgspec.Struct):
    media: list[Media] = []


class EditInitial(msgspec.Struct, rename="camel"):
    edit_tweet_ids: list[str] = []


class EditLater(msgspec.Struct, rename="camel"):
    initial_tweet_id: str | None = None


class EditInfo(msgspec.Struct):
    initial: EditInitial | None = None
    edit: EditLater | None = None


class Tweet(msgspec.Struct):
    id_str: str | None = None
    created_at: str | None = None
    full_text: str | None = None
    text: str | None = None  # Grailbird
    in_reply_to_status_id_str: str | None = None
    entities: Entities | None = None
    extended_entities: ExtendedEntities | None = None
    edit_info: EditInfo | None = None
    deleted_at: str | None = None
    lang: str | None = None


class TweetItem(msgspec.Struct):
    tweet: Tweet | None = None


class Like(msgspec.Struct, rename="camel"):
    tweet_id: str | None = None


class LikeItem(msgspec.Struct):
    like: Like | None = None


class MessageCreate(msgspec.Struct, rename="camel"):
    id: str | None = None
    created_at: str | None = None


class DmEvent(msgspec.Struct, rename="camel"):
    message_create: MessageCreate | None = None


class DmConversation(msgspec.Struct, rename="camel"):
    conversation_id: str | None = None
    messages: list[DmEvent] = []


class DmItem(msgspec.Struct, rename="camel"):
    dm_conversation: DmConversation | None = None


class EnumValue(msgspec.Struct):
    name: str | None = None


class GrokChat(msgspec.Struct, rename="camel"):
    chat_id: str | None = None
    created_at: str | None = None
    sender: EnumValue | None = None


class GrokItem(msgspec.Struct, rename="camel"):
    grok_chat_item: GrokChat | None = None


class Account(msgspec.Struct, rename="camel"):
    account_id: str | None = None
    username: str | None = None
    created_at: str | None = None
    email: str | None = None
    phone_number: str | None = None  # 2019 exports
    account_display_name: str | None = None


class AccountItem(msgspec.Struct):
    account: Account | None = None


class Description(msgspec.Struct):
    location: str | None = None


class Profile(msgspec.Struct):
    description: Description | None = None


class ProfileItem(msgspec.Struct):
    profile: Profile | None = None


class Timezone(msgspec.Struct, rename="camel"):
    time_zone: str | None = None


class TimezoneItem(msgspec.Struct, rename="camel"):
    account_timezone: Timezone | None = None


class Device(msgspec.Struct, rename="camel"):
    phone_number: str | None = None


class DeviceItem(msgspec.Struct):
    device: Device | None = None


class Protected(msgspec.Struct, rename="camel"):
    protected_at: str | None = None
    action: str | None = None


class ProtectedItem(msgspec.Struct, rename="camel"):
    protected_history: Protected | None = None


class AgeInfo(msgspec.Struct, rename="camel"):
    birth_date: str | None = None


class AgeMeta(msgspec.Struct, rename="camel"):
    age_info: AgeInfo | None = None


class AgeItem(msgspec.Struct, rename="camel"):
    age_meta: AgeMeta | None = None


class FileEntry(msgspec.Struct, rename="camel"):
    file_name: str
    count: str | None = None


class DataType(msgspec.Struct, rename="camel"):
    files: list[FileEntry] = []
    media_directory: str | None = None


class UserInfo(msgspec.Struct, rename="camel"):
    account_id: str | None = None
    user_name: str | None = None


class ArchiveInfo(msgspec.Struct, rename="camel"):
    generation_date: str | None = None
    is_partial_archive: bool = False


class Manifest(msgspec.Struct, rename="camel"):
    user_info: UserInfo | None = None
    archive_info: ArchiveInfo | None = None
    data_types: dict[str, DataType] = {}
