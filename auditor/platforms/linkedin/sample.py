"""Build a synthetic LinkedIn export (Basic or Complete) with known ground truth.

Everything is made up and deterministic for a seed. Files carry the quirks real exports have:
a "Notes:" preamble, member-id and part suffixes (Shares_1.csv, Comments_<id>.csv), several
date formats, multi-line quoted text, backslash-escaped quotes in comments, duplicated header
names, a BOM, an AI-chat file holding only "No conversations found". Message texts carry
MESSAGE_MARKER and e-mail addresses EMAIL_USER so tests can prove neither is kept.
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ..samplezip import write_zip

EXPORT_TIME = datetime(2026, 7, 25, tzinfo=UTC)
MESSAGE_MARKER = "PRIVATE-LINKEDIN-MESSAGE"
EMAIL_USER = "private.person"
MEMBER_ID = "17529409"
ME = "https://www.linkedin.com/in/sample-member"
# country → (Geo Location, registration IP, phone, e-mail domain, language)
PLACES = {
    "US": ("San Francisco Bay Area", "35.32.130.10", "+1 415 555 0132", "example.com", "English"),
    "DE": ("Berlin, Germany", "185.117.52.10", "+49 30 1234567", "example.de", "German"),
    "GB": ("Manchester, England, United Kingdom", "82.15.11.10", "+44 20 7946 0018",
           "example.co.uk", "English"),
    "CA": ("Toronto, Ontario, Canada", "142.102.211.10", "+1 416 555 0199", "example.ca",
           "French"),
}  # fmt: skip
MESSAGE_HEADER = (
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
    "IS MESSAGE DRAFT",
)  # fmt: skip
AI_HEADER = MESSAGE_HEADER[:10]
NOTES = (
    'Notes:\r\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\r\n\r\n'
)


@dataclass(frozen=True)
class SampleOptions:
    region: str = "DE"
    complete: bool = True
    shares: int = 40
    share_parts: int = 2  # Shares_1.csv, Shares_2.csv ...
    comments: int = 60
    reactions: int = 80
    votes: int = 5
    reposts: int = 6
    articles: int = 3
    one_to_one: int = 4  # conversations, each with `per_conversation` messages
    groups: int = 2
    per_conversation: int = 5
    drafts: int = 1
    ai_chats: int = 7
    bad_rows: int = 2  # planted in Comments: each must cost exactly that row
    birth_date: date | None = date(1988, 3, 15)
    seed: int = 11


@dataclass
class SampleTruth:
    path: Path
    region: str
    generated: datetime = EXPORT_TIME
    birth_date: date | None = None
    counts: dict[str, int] = field(default_factory=dict)
    public_posts: int = 0
    private_posts: int = 0  # CONNECTIONS
    unknown_posts: int = 0  # MEMBER_NETWORK or empty
    sent_messages: int = 0
    skipped_rows: int = 0
    files: list[str] = field(default_factory=list)
    complete: bool = True

    def describe(self) -> str:
        kind = "Complete" if self.complete else "Basic"
        items = sum(self.counts.values())
        return f"a {kind} LinkedIn export for {self.region}, {items} items"

    def as_dict(self) -> dict:
        return {
            "platform": "linkedin",
            "kind": "Complete" if self.complete else "Basic",
            "region": self.region,
            "generated": self.generated.isoformat(),
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "counts": dict(self.counts),
            "public_posts": self.public_posts,
            "private_posts": self.private_posts,
            "unknown_posts": self.unknown_posts,
            "skipped_rows": self.skipped_rows,
            "files": list(self.files),
        }


def file_name(options: SampleOptions) -> str:
    kind = "Complete" if options.complete else "Basic"
    return f"{kind}_LinkedInDataExport_{EXPORT_TIME:%m-%d-%Y}.zip"


def from_request(path: Path, request) -> SampleOptions:
    """`auditor sample --platform linkedin`: the region and seed apply; the counts stay
    LinkedIn-sized. A file named like LinkedIn's Basic export (Basic_...) gets a Basic one."""
    basic = path.name.lower().startswith("basic")
    return SampleOptions(region=request.region.upper(), complete=not basic, seed=request.seed)


def build_sample(path: Path, options: SampleOptions | None = None) -> SampleTruth:
    """Write the export to `path` (a directory gets LinkedIn's own file name)."""
    options = options or SampleOptions()
    if options.region not in PLACES:
        raise ValueError(f"no sample data for region {options.region}; choose {sorted(PLACES)}")
    if path.is_dir():
        path = path / file_name(options)
    rng = random.Random(options.seed)
    truth = SampleTruth(
        path, options.region, birth_date=options.birth_date, complete=options.complete
    )
    files = _account_files(options)
    files.update(_messages(rng, options, truth))
    if options.complete:
        files.update(_shares(rng, options, truth))
        files.update(_activity(rng, options, truth))
        files.update(_articles(options, truth))
        files.update(_ai_chats(rng, options, truth))
    write_zip(path, files)
    truth.files = sorted(files)
    return truth


def _csv(header, rows, bom: bool = False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


def _when(rng: random.Random, start: datetime = datetime(2019, 1, 1, tzinfo=UTC)) -> datetime:
    span = int((EXPORT_TIME - start).total_seconds()) - 1
    return start + timedelta(seconds=rng.randrange(span))


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _account_files(options: SampleOptions) -> dict[str, bytes]:
    place, ip, phone, domain, language = PLACES[options.region]
    birth = options.birth_date.strftime("%b %d, %Y") if options.birth_date else "Mar 15"
    return {
        "Profile.csv": _csv(
            (
                "First Name",
                "Last Name",
                "Maiden Name",
                "Address",
                "Birth Date",
                "Headline",
                "Summary",
                "Industry",
                "Zip Code",
                "Geo Location",
                "Twitter Handles",
                "Websites",
                "Instant Messengers",
            ),
            [
                (
                    "Sam",
                    "Sample",
                    "",
                    "",
                    birth,
                    "Gardener",
                    "Line one\nline two",
                    "Farming",
                    "",
                    place,
                    "",
                    "",
                    "",
                )
            ],
        ),  # fmt: skip
        "Registration.csv": _csv(
            ("Registered At", "Registration Ip", "Subscription Types"),
            [("1/12/10, 9:14 AM", ip, "")],
        ),
        "PhoneNumbers.csv": _csv(("Extension", "Number", "Type"), [("", phone, "Mobile")]),
        "Email Addresses.csv": _csv(
            ("Email Address", "Confirmed", "Primary", "Updated On"),
            [(f"{EMAIL_USER}@{domain}", "Yes", "Yes", "1/12/10, 9:14 AM")],
        ),
        "Languages.csv": _csv(("Name", "Proficiency"), [(language, "Native")]),
        "Connections.csv": NOTES.encode()
        + _csv(
            (
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ),
            [
                (
                    "Alex",
                    "Friend",
                    "https://www.linkedin.com/in/alex",
                    "",
                    "ACME",
                    "Chef",
                    "01 Jan 2024",
                )
            ]
            * 3,
        ),  # fmt: skip
        "Invitations.csv": _csv(
            ("From", "To", "Sent At", "Message", "Direction"),
            [("Sam Sample", "Alex Friend", "9/5/26, 1:12 AM", "", "OUTGOING")],
        ),
        "Skills.csv": _csv(("Name",), [("Gardening",), ("Python",)]),
        "Ad_Targeting.csv": _csv(
            ("Member Age", "Company Names", "Company Names", "Job Titles", "Job Titles"),
            [("25 to 34", "A", "B", "C", "D")],
        ),
        "Rich_Media.csv": _csv(
            ("Date/Time", "Media Description", "Media Link"),
            [("You uploaded a photo on April 12, 2026 at 8:03 AM (GMT)", "", "")],
        ),
    }


def _shares(rng, options: SampleOptions, truth: SampleTruth) -> dict[str, bytes]:
    header = ("Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility")
    visibilities = ("PUBLIC", "PUBLIC", "CONNECTIONS", "MEMBER_NETWORK", "")
    rows = []
    for index in range(options.shares):
        visibility = visibilities[index % len(visibilities)]
        truth.public_posts += visibility == "PUBLIC"
        truth.private_posts += visibility == "CONNECTIONS"
        truth.unknown_posts += visibility in ("MEMBER_NETWORK", "")
        urn = 7_000_000_000_000_000_000 + index
        text = f'Post {index}, with "quotes"\nand a second line' if index % 3 else f"Post {index}"
        rows.append((
            _stamp(_when(rng)), f"https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{urn}",
            text, "", "https://media.licdn.com/x.jpg" if index % 4 == 0 else "", visibility,
        ))  # fmt: skip
    truth.counts["post"] = len(rows)
    parts = max(1, options.share_parts)
    size = -(-len(rows) // parts)
    return {
        f"Shares_{n + 1}.csv": _csv(header, rows[n * size : (n + 1) * size], bom=n == 0)
        for n in range(parts)
    }


def _activity(rng, options: SampleOptions, truth: SampleTruth) -> dict[str, bytes]:
    link = "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A"
    comments = []
    for index in range(options.comments):
        body = f'wrote \\"great, post\\" today {index}' if index % 5 == 0 else f"Nice {index}"
        comments.append(f'{_stamp(_when(rng))},{link}{900 + index},"{body}"\r\n')
    for bad in range(options.bad_rows):  # planted between good rows
        at = (bad + 1) * len(comments) // (options.bad_rows + 1)
        comments.insert(at, f'not a date,{link}1,"broken {bad}"\r\n')
    truth.counts["comment"] = options.comments
    truth.skipped_rows = options.bad_rows
    reactions = [
        (_stamp(_when(rng)), rng.choice(("LIKE", "CELEBRATE", "INSIGHTFUL")), f"{link}{5000 + i}")
        for i in range(options.reactions)
    ]
    votes = [(_stamp(_when(rng)), f"{link}{8000 + i}", "Yes") for i in range(options.votes)]
    reposts = [(_stamp(_when(rng)), f"{link}{9000 + i}") for i in range(options.reposts)]
    truth.counts.update(reaction=len(reactions), poll_vote=len(votes), repost=len(reposts))
    return {
        f"Comments_{MEMBER_ID}.csv": ("Date,Link,Message\r\n" + "".join(comments)).encode(),
        "Reactions.csv": _csv(("Date", "Type", "Link"), reactions),
        f"Votes_{MEMBER_ID}.csv": _csv(("Date", "Link", "OptionText"), votes),
        f"InstantReposts_{MEMBER_ID}.csv": _csv(("Date", "Link"), reposts),
    }


def _articles(options: SampleOptions, truth: SampleTruth) -> dict[str, bytes]:
    files = {}
    for index in range(options.articles):
        slug = f"a-sample-article-{index}"
        files[f"Articles/Articles/{slug}.html"] = (
            f"<html><head><title>Article {index} &amp; more</title></head><body>"
            f'<h1><a href="https://www.linkedin.com/pulse/{slug}-sam-sample">Article {index}'
            f"</a></h1><p>Body</p></body></html>"
        ).encode()
    truth.counts["article"] = options.articles
    return files


def _messages(rng, options: SampleOptions, truth: SampleTruth) -> dict[str, bytes]:
    rows = []
    others = [f"https://www.linkedin.com/in/person-{n}" for n in range(6)]
    plan = [("1to1", n, [others[n % 6]]) for n in range(options.one_to_one)]
    plan += [("group", n, others[:3]) for n in range(options.groups)]
    for kind, number, people in plan:
        conversation = f"2-{kind}-{number}=="
        for index in range(options.per_conversation):
            sent = index % 2 == 0
            sender = ME if sent else people[index % len(people)]
            recipients = [p for p in [ME, *people] if p != sender]
            truth.sent_messages += sent
            rows.append((
                conversation, "Group chat" if kind == "group" else "", "Someone", sender,
                "Others", ",".join(recipients), _stamp(_when(rng)) + " UTC",
                f"{MESSAGE_MARKER} subject", f'{MESSAGE_MARKER} {index}, "hi"\nline two',
                "INBOX", "", "No",
            ))  # fmt: skip
    for _ in range(options.drafts):
        rows.append(("2-draft==", "", "Sam", ME, "Alex", others[0], _stamp(_when(rng)), "",
                     f"{MESSAGE_MARKER} draft", "DRAFT", "", "Yes"))  # fmt: skip
    truth.counts["message"] = options.one_to_one * options.per_conversation
    truth.counts["group_message"] = options.groups * options.per_conversation
    return {"messages.csv": _csv(MESSAGE_HEADER, rows)}


def _ai_chats(rng, options: SampleOptions, truth: SampleTruth) -> dict[str, bytes]:
    bot = "https://www.linkedin.com/company/linkedin"
    rows = [
        ("ai-1", "", "Sam" if i % 2 == 0 else "LinkedIn", ME if i % 2 == 0 else bot, "",
         bot if i % 2 == 0 else ME, _stamp(_when(rng)), "", f"{MESSAGE_MARKER} ai {i}", "INBOX")
        for i in range(options.ai_chats)
    ]  # fmt: skip
    truth.counts["ai_chat"] = len(rows)
    return {
        "guide_messages.csv": _csv(AI_HEADER, rows),
        "learning_coach_messages.csv": _csv(AI_HEADER, []),
        "LearningCoachMessages.csv": b"No conversations found\r\n",
    }
