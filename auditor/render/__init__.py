"""Turn a summary into HTML and PDF. Formatting only: every number comes from the summary."""

from __future__ import annotations

import logging

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

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


def render_pdf(summary: dict, language: str = "en") -> bytes:
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


__all__ = ["Markup", "environment", "render_html", "render_pdf", "view"]
