"""The report's stylesheet, inlined, and the short text shown for links.

The PDF keeps the bundled fonts (WeasyPrint reads them through the assets-only fetcher). The
HTML output is one file that loads nothing: the DejaVu fonts would add 1.9 MB of base64 for
glyphs every system already has, so it names system font stacks instead."""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from .assets import templates_dir

FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}\s*")
SYSTEM_FONTS = (
    'html, svg { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", '
    '"DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }\n'
    "body { max-width: 180mm; margin: 8mm auto; padding: 0 4mm; }\n"
)
STATUS_PATH = re.compile(r"^/(?:[^/]+|i/web)/status/(\d+)$")
LONGEST_TAIL = 20
LONGEST_HOST = 22


@cache
def style(standalone: bool) -> str:
    css = (templates_dir() / "report.css").read_text(encoding="utf-8")
    if standalone:
        css = FONT_FACE.sub("", css) + SYSTEM_FONTS
    return css.replace("</", "<\\/")  # inside <style>: no way to close the element early


def link_text(url: str) -> str:
    """What a link shows: short, one line, still saying where it goes.

    A post: "x.com/…/status/<id>" (the id is what finds it again); another page: its host
    and the end of its path."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    if len(host) > LONGEST_HOST:  # a CDN's host name alone can fill half a line
        host = host[: LONGEST_HOST - 1] + "…"
    post = STATUS_PATH.match(parts.path)
    if post:
        return f"{host}/…/{post.group(1)}"
    tail = parts.path.rstrip("/").rpartition("/")[2]
    if not tail:
        return host
    if len(tail) > LONGEST_TAIL:
        tail = tail[: LONGEST_TAIL - 1] + "…"
    return f"{host}/…/{tail}" if parts.path.count("/") > 1 else f"{host}/{tail}"


def link(url: str, text: str) -> Markup:
    """An <a> the PDF turns into a link annotation; WeasyPrint never fetches an href. Only
    web addresses: the summary's URLs are built by auditor, but a link is no place to find out."""
    if urlsplit(url).scheme not in ("http", "https"):
        return escape(text)
    return Markup('<a href="{}">{}</a>').format(url, text)
