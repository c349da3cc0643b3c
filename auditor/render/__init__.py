"""Turn a summary into HTML and PDF. Formatting only: every number comes from the summary."""

from __future__ import annotations

import logging
import multiprocessing
import sys

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..errors import RenderError
from ..i18n import day, language_name, number, translations
from ..preflight import pango_problem
from .assets import templates_dir
from .fetcher import AssetsOnlyFetcher
from .view import view


def environment(language: str = "en") -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language), newstyle=True)
    env.filters["num"] = lambda value: number(value, language)
    env.filters["day"] = lambda value: day(value, language)
    return env


def render_html(summary: dict, language: str = "en") -> str:
    values = view(summary, language)
    values["language_name"] = language_name(language)
    return environment(language).get_template("report.html.j2").render(**values)


RENDER_SECONDS = 300  # a ten-page report takes 2-4 s; anything near this is pathological


def render_pdf(summary: dict, language: str = "en", seconds: int = RENDER_SECONDS) -> bytes:
    """Render in a child process with a time limit, as WeasyPrint's docs advise for untrusted
    content; the child's memory also goes back to the system when it ends."""
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_render_child, args=(summary, language, send), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(seconds):
            child.kill()
            raise RenderError(
                f"rendering the PDF took longer than {seconds} s and was stopped; "
                "try --format html, and please report this"
            )
        ok, payload = receive.recv()
    except EOFError:
        raise RenderError(
            "the PDF renderer stopped unexpectedly (out of memory?); try --format html"
        ) from None
    finally:
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
        receive.close()
    if not ok:
        raise RenderError(payload)
    return payload


def _render_child(summary: dict, language: str, send) -> None:
    try:
        send.send((True, render_pdf_here(summary, language)))
    except RenderError as error:
        send.send((False, str(error)))
    except BaseException as error:  # noqa: BLE001 - reported to the parent as one line
        send.send((False, f"the PDF could not be rendered: {type(error).__name__}"))
    finally:
        send.close()


def render_pdf_here(summary: dict, language: str = "en") -> bytes:
    """Render in this process (the child's work; tests call it to watch the fetcher)."""
    problem = pango_problem()
    if problem:
        raise RenderError(problem)
    from weasyprint import HTML  # imported late: it takes a moment and needs Pango

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    root = templates_dir()
    fetcher = AssetsOnlyFetcher(root)
    html = render_html(summary, language)
    try:
        document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher)
        return document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    except BaseException as error:  # FatalURLFetchingError is a BaseException
        if fetcher.denied:
            raise RenderError(
                f"the report tried to load {fetcher.denied[0]!r}, which was "
                "refused; please report this as a bug"
            ) from None
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        raise RenderError(f"the PDF could not be rendered: {error}") from None


__all__ = ["environment", "render_html", "render_pdf", "render_pdf_here", "view"]
