"""The one-page card: page 1's two answers, the three actions and the method, to share.

Every value comes from the same view as the report (`view.view`), so the card and page 1
cannot disagree; the template only lays them out."""

from __future__ import annotations

from functools import cache

from ..errors import UsageError
from .assets import templates_dir

CARD_WIDTH_PX = 1200  # a common width for shared images; the height follows the page
PNG_PACKAGE = "pypdfium2"


@cache
def card_style() -> str:
    css = (templates_dir() / "card.css").read_text(encoding="utf-8")
    return css.replace("</", "<\\/")  # inside <style>: no way to close the element early


def render_card_html(summary: dict, language: str = "en") -> str:
    from markupsafe import Markup

    from . import environment
    from .view import view

    values = view(summary, language)
    values["style"] = Markup(card_style())
    return environment(language).get_template("card.html.j2").render(**values)


def render_card_pdf(summary: dict, language: str = "en", renderer=None) -> bytes:
    """The card as PDF, by the same locked-down renderer as the report."""
    from . import PdfRenderer

    return (renderer or PdfRenderer()).pdf(render_card_html(summary, language))


def check_png_support() -> None:
    """Before any work: a PNG card needs the optional rasteriser."""
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        raise UsageError(
            f"a PNG card needs the optional package {PNG_PACKAGE}; install it with "
            f"`pip install 'auditor[card-png]'`, or write the card as PDF (--format card)"
        ) from None


def card_png(pdf: bytes, width: int = CARD_WIDTH_PX) -> bytes:
    """The card's one page as PNG, `width` pixels wide (PDFium draws the PDF we made)."""
    import io

    check_png_support()
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        scale = width / page.get_width()
        image = page.render(scale=scale).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
