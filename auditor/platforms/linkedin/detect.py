"""Recognise a LinkedIn "Get a copy of your data" export by its member names alone."""

from __future__ import annotations

import re

from ...container import Container, Member

# Files every LinkedIn export seen so far holds (Basic and Complete); X and Reddit have none.
SIGNATURE = (
    "profile.csv",
    "registration.csv",
    "connections.csv",
    "email addresses.csv",
    "phonenumbers.csv",
    "languages.csv",
    "positions.csv",
    "education.csv",
    "skills.csv",
    "invitations.csv",  # not messages.csv: Reddit has one too
)
ENOUGH = 3
ZIP_NAME = re.compile(r"^(basic|complete)_linkedindataexport_(\d{2})-(\d{2})-(\d{4})", re.I)


def export_members(container: Container) -> dict[str, Member]:
    """Members by path inside the export. A folder the user unzipped into one more level
    (Basic_LinkedInDataExport_07-25-2026/Profile.csv) is accepted: the shared top folder
    is dropped when no file sits at the top."""
    files = [m for m in container.members if not m.path.endswith("/")]
    tops = {m.path.split("/", 1)[0] for m in files}
    if len(tops) == 1 and all("/" in m.path for m in files):
        return {m.path.split("/", 1)[1]: m for m in files}
    return {m.path: m for m in files}


def detect(container: Container) -> float:
    members = export_members(container)
    if not members:
        return 0.0
    top = {path.lower() for path in members if "/" not in path}
    hits = sum(name in top for name in SIGNATURE)
    csv_share = sum(path.lower().endswith(".csv") for path in members) / len(members)
    html_share = sum(path.lower().endswith(".html") for path in members) / len(members)
    return round(min(hits, ENOUGH) / ENOUGH * min(1.0, csv_share + html_share), 3)
