"""Where the archive's root is, which generation it is, and what each member is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...errors import ArchiveError

ALIASES = {
    "tweet": "tweets",
    "direct-message": "direct-messages",
    "direct-message-group": "direct-messages-group",
    "connected-applications": "connected-application",
    "birdwatch-note": "community-note",
    "birdwatch-note-rating": "community-note-rating",
    "birdwatch-note-tombstone": "community-note-tombstone",
}
PART = re.compile(r"^(?P<type>.+?)(?:-part(?P<part>\d+))?\.js$")
VIEWER_PREFIXES = ("assets/",)
VIEWER_FILES = {"Your archive.html"}
README_FILES = {"data/README.txt", "README.txt"}


@dataclass(frozen=True)
class Layout:
    root: str  # prefix of every archive path, "" or "twitter-2024-…/"
    generation: str  # "2022" (tweets.js era), "2020" (data/ + tweet.js), "2019" (root files)
    data_dir: str  # "data/" or ""


def detect(paths: list[str]) -> Layout:
    """Find the shallowest marker file; a re-zipped archive may sit under one extra folder."""
    markers = (
        ("data/manifest.js", "data/"),
        ("data/account.js", "data/"),
        ("data/tweets.js", "data/"),
        ("data/tweet.js", "data/"),
        ("account.js", ""),
        ("tweet.js", ""),
        ("data/js/tweet_index.js", "data/js/"),
        ("tweets.csv", "data/js/"),
    )
    for marker, data_dir in markers:
        roots = [p[: -len(marker)] for p in paths if p == marker or p.endswith("/" + marker)]
        roots = [r for r in roots if r.count("/") <= 2]
        if roots:
            root = min(roots, key=lambda r: (r.count("/"), r))
            generation = _generation(paths, root, data_dir)
            return Layout(root, generation, data_dir)
    raise ArchiveError(
        "this does not look like an X archive (no data/manifest.js, account.js or tweets.js "
        "found); give the zip X sent you, or the folder you unzipped it into"
    )


def _generation(paths: list[str], root: str, data_dir: str) -> str:
    if data_dir == "data/js/":
        return "grailbird"
    if not data_dir:
        return "2019"
    prefix = root + data_dir
    if any(p.startswith(prefix + "tweets") and p.endswith(".js") for p in paths):
        return "2022"
    return "2020"


def file_type(relative: str) -> tuple[str, int] | None:
    """`data/tweets-part2.js` → ("tweets", 2); None for anything that is not a data file."""
    name = relative.rsplit("/", 1)[-1]
    match = PART.match(name)
    if not match:
        return None
    kind = match["type"].replace("_", "-")
    return ALIASES.get(kind, kind), int(match["part"] or 0)


GRAILBIRD_FILES = {
    "data/js/user_details.js": "user-details",
    "data/js/payload_details.js": "payload-details",
    "data/js/tweet_index.js": "tweet-index",
    "tweets.csv": "tweets-csv",
}
GRAILBIRD_MONTH = re.compile(r"^data/js/tweets/(\d{4})_(\d{2})\.js$")
GRAILBIRD_VIEWER = ("index.html", "css/", "img/", "js/", "lib/", "data/js/")


def grailbird_type(relative: str) -> tuple[str, int] | None:
    """Grailbird (2012-2019): month files of tweets plus a few details files."""
    if relative in GRAILBIRD_FILES:
        return GRAILBIRD_FILES[relative], 0
    month = GRAILBIRD_MONTH.match(relative)
    return ("grailbird-tweets", int(month[1] + month[2])) if month else None


def media_folder(relative: str) -> str | None:
    """`data/tweets_media/123-abc.jpg` → "data/tweets_media/"."""
    at = relative.find("_media/")  # the first folder whose name ends in "_media"
    return relative[: at + 7] if at >= 0 else None
