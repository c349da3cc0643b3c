"""Recognise a Reddit export by its member names alone (nothing is decompressed)."""

from __future__ import annotations

from ...container import Container, Member

# Files every Reddit export seen so far holds; an X archive has none of them.
SIGNATURE = (
    "checkfile.csv",
    "statistics.csv",
    "posts.csv",
    "comments.csv",
    "post_votes.csv",
    "comment_votes.csv",
    "ip_logs.csv",
    "user_preferences.csv",
    "subscribed_subreddits.csv",
    "saved_posts.csv",
)
ENOUGH = 3  # signature files for full confidence: a small export still has this many


def export_members(container: Container) -> dict[str, Member]:
    """Members by file name. Reddit's zip is flat; a folder the user unzipped into one more
    level (export_name/posts.csv) is accepted too. Anything deeper is not Reddit's."""
    files = [m for m in container.members if not m.path.endswith("/")]
    prefixes = {m.path.rsplit("/", 1)[0] if "/" in m.path else "" for m in files}
    if len(prefixes) != 1 or prefixes.pop().count("/"):
        return {m.path: m for m in files if "/" not in m.path}
    return {m.path.rsplit("/", 1)[-1]: m for m in files}


def detect(container: Container) -> float:
    """0 for anything else; 1 for an export with at least ENOUGH signature files."""
    members = export_members(container)
    if not members:
        return 0.0
    hits = sum(name in members for name in SIGNATURE)
    csv_share = sum(name.endswith(".csv") for name in members) / len(members)
    return round(min(hits, ENOUGH) / ENOUGH * csv_share, 3)
