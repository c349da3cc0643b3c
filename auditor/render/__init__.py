"""Turn a summary into HTML and PDF. Formatting only: every number comes from the summary."""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..errors import RenderError
from ..i18n import day, language_name, number, quoted, translations
from ..lifecycle import follow_parent
from ..preflight import pango_problem
from .assets import templates_dir
from .style import link, link_text, style
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
    env.filters["q"] = lambda value: quoted(value, language)
    env.filters["link_text"] = link_text
    env.filters["link"] = link
    return env


def render_html(summary: dict, language: str = "en") -> str:
    """The HTML the PDF is made from: its fonts are bundled files next to the template."""
    return _render(summary, language, style(standalone=False))


def render_standalone_html(summary: dict, language: str = "en") -> str:
    """The HTML output: one file that references nothing, not even its stylesheet."""
    return _render(summary, language, style(standalone=True), standalone=True)


def _render(summary: dict, language: str, css: str, standalone: bool = False) -> str:
    values = view(summary, language)
    if standalone:  # the bundled script fonts are files; the HTML uses the reader's own fonts
        values["font_faces"] = []
    values["language_name"] = language_name(language)
    values["style"] = Markup(css)
    return environment(language).get_template("report.html.j2").render(**values)


RENDER_SECONDS = 300  # a ten-page report takes 2-4 s; anything near this is pathological


class PdfRenderer:
    """A child process that turns the report's HTML into a PDF, with a time limit.

    A separate process, as WeasyPrint's docs advise for untrusted content: a hung render is
    killed and its memory goes back to the system. Started before the archive is read, it
    imports WeasyPrint (0.8 s) meanwhile, at low priority, and as a fork of a small process it
    does not copy the tables the reader builds later."""

    def __init__(self) -> None:
        context = multiprocessing.get_context(
            "fork" if sys.platform.startswith("linux") else "spawn"
        )
        # Two one-way pipes: a two-way one would be a socket pair.
        requests, self._requests = context.Pipe(duplex=False)
        self._answers, answers = context.Pipe(duplex=False)
        self._child = context.Process(target=_serve, args=(requests, answers), daemon=True)
        self._child.start()
        requests.close()
        answers.close()

    def pdf(self, html: str, seconds: int = RENDER_SECONDS) -> bytes:
        try:
            self._requests.send(html)
            if not self._answers.poll(seconds):
                raise RenderError(
                    f"rendering the PDF took longer than {seconds} s and was stopped; "
                    "try --format html, and please report this"
                )
            ok, payload = self._answers.recv()
        except (EOFError, BrokenPipeError):
            raise RenderError(
                "the PDF renderer stopped unexpectedly (out of memory?); try --format html"
            ) from None
        finally:
            self.close()
        if not ok:
            raise RenderError(payload)
        return payload

    def close(self) -> None:
        """Stop the child: it has answered, or hangs, or was never needed (an error came
        first) and would otherwise finish importing WeasyPrint before the command can end."""
        self._requests.close()
        self._answers.close()
        if self._child.is_alive():
            self._child.kill()
        self._child.join()


def _serve(requests, answers) -> None:
    """In the child: get ready, then render the one document the parent sends."""
    follow_parent()  # a killed parent never sends or closes: without this, it waits forever
    if hasattr(os, "nice"):
        # Get ready (import WeasyPrint) only when a core is free: while the archive is read,
        # both cores have better things to do. Rendering happens when nothing else runs.
        os.nice(10)
    problem = pango_problem()  # imports WeasyPrint now, while the parent reads the archive
    gc.disable()  # one document, then exit: the collector's passes cost 20 % of the render
    try:
        html = requests.recv()
    except (EOFError, KeyboardInterrupt):
        return  # the parent stopped before it had a report to render
    try:
        answers.send((True, html_to_pdf(html)) if not problem else (False, problem))
    except RenderError as error:
        answers.send((False, str(error)))
    except BaseException as error:  # noqa: BLE001 - reported to the parent as one line
        answers.send((False, f"the PDF could not be rendered: {type(error).__name__}"))
    finally:
        answers.close()


def render_pdf(
    summary: dict,
    language: str = "en",
    seconds: int = RENDER_SECONDS,
    renderer: PdfRenderer | None = None,
) -> bytes:
    """The report as PDF bytes, rendered by `renderer` (started here if not given)."""
    html = render_html(summary, language)
    return (renderer or PdfRenderer()).pdf(html, seconds)


def render_pdf_here(summary: dict, language: str = "en") -> bytes:
    """Render in this process (tests call it to watch the fetcher)."""
    return html_to_pdf(render_html(summary, language))


def html_to_pdf(html: str) -> bytes:
    problem = pango_problem()
    if problem:
        raise RenderError(problem)
    from weasyprint import HTML  # imported late: it takes a moment and needs Pango

    from .fetcher import AssetsOnlyFetcher  # subclasses a WeasyPrint class: imported late too

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    root = templates_dir()
    fetcher = AssetsOnlyFetcher(root)
    try:
        document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher)
        with reproducible_fonts():
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


# Any fixed instant works (2024-01-01 UTC); the clock would make every PDF unique.
FONT_EPOCH = "1704067200"
# "fonttools": subset fonts as on a machine without libharfbuzz-subset0, so a machine that
# has the library (or CI) can check the path that fresh installs take.
SUBSETTER_SWITCH = "AUDITOR_FONT_SUBSETTER"


@contextmanager
def reproducible_fonts() -> Iterator[None]:
    """Same HTML, same PDF bytes, whichever library subsets the fonts.

    fontTools (WeasyPrint's path without libharfbuzz-subset0, and for variable or colour
    fonts on every machine) stamps each font it saves with the current time unless
    SOURCE_DATE_EPOCH is set; a value the user set is theirs and kept."""
    import weasyprint.pdf.fonts as fonts

    saved_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = saved_epoch or FONT_EPOCH
    # A WeasyPrint without the fontTools path has no such switch: then there is nothing to force.
    force = os.environ.get(SUBSETTER_SWITCH) == "fonttools" and hasattr(fonts, "harfbuzz_subset")
    saved_subset = getattr(fonts, "harfbuzz_subset", None)
    if force:
        fonts.harfbuzz_subset = None
    try:
        yield
    finally:
        if force:
            fonts.harfbuzz_subset = saved_subset
        if saved_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


__all__ = [
    "PdfRenderer",
    "environment",
    "html_to_pdf",
    "render_html",
    "render_pdf",
    "render_pdf_here",
    "render_standalone_html",
    "view",
]
