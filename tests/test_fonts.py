"""Every script a post may be written in prints with a font that comes with auditor, and a
character none of them has is named on the page instead of printing as a silent box."""

import io
import re
from unicodedata import category

import pytest
from pypdf import PdfReader

from auditor.render import render_html, render_pdf_here
from auditor.render.assets import templates_dir
from auditor.render.glyphs import FONT_URL, SCRIPT_FONTS, missing_glyphs
from auditor.render.view import FILE_STATUS_LABELS, STATUS_LABELS

from .test_render import archive_with_posts

POSTS = {
    "Report-CJK": [
        "日本語の投稿です。今日はいい天気ですね、カタカナも。",
        "这是中文帖子，繁體中文也可以顯示。",
    ],
    "Report-Hangul": ["한국어 게시물입니다. 오늘 날씨가 좋네요 똠방각하"],
    "Report-Thai": ["นี่คือโพสต์ภาษาไทย วันนี้อากาศดี"],
    "Report-Hebrew": ["זהו פוסט בעברית, מזג האוויר נעים היום"],
    "Report-Arabic": ["هذا منشور باللغة العربية، الطقس جميل اليوم ہے"],
    "Report-Devanagari": ["यह हिंदी में एक पोस्ट है, आज मौसम अच्छा है"],
    "Report-Emoji": ["Emoji 😀🎉👍❤️ 🇩🇪 and numbers 123"],
}
RARE = "Hieroglyphs 𓀀𓀁 and runes ᚠᚢᚦ"


def summary_of(archive, region="US"):
    from auditor.pipeline import analyse
    from auditor.settings import Settings
    from auditor.summary import build_summary

    return build_summary(analyse(archive, Settings(region=region), checksum=False))


@pytest.fixture(scope="module")
def many_scripts_pdf(tmp_path_factory):
    texts = [text for group in POSTS.values() for text in group]
    path = tmp_path_factory.mktemp("scripts") / "scripts.zip"
    archive = archive_with_posts(path, texts, 1_700_000_000_000_000_000, 2008, posts=5)
    return PdfReader(io.BytesIO(render_pdf_here(summary_of(archive))))


def embedded_fonts(reader: PdfReader) -> dict[str, dict]:
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"]).split("+", 1)[1]] = font
    return fonts


def mapped_text(font: dict) -> str:
    """The characters a font's ToUnicode map gives for the glyphs the PDF uses."""
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    pairs = re.findall(r"<([0-9a-f]{4})> <([0-9a-f]+)>", data)
    return "".join(bytes.fromhex(text).decode("utf-16-be") for _, text in pairs)


def test_every_script_is_embedded_from_its_bundled_font(many_scripts_pdf):
    fonts = embedded_fonts(many_scripts_pdf)
    for name, texts in POSTS.items():
        assert name in fonts, f"{name} not embedded: {sorted(fonts)}"
        # Letters and symbols: a shaped vowel sign shares its glyph's entry with its consonant.
        wanted = {c for text in texts for c in text if category(c)[0] in "LS" and ord(c) > 0x7F}
        drawn = "".join(mapped_text(f) for f in fonts.values())
        assert wanted <= set(drawn), f"{name}: {sorted(wanted - set(drawn))}"


def test_no_glyph_is_missing_from_any_font(many_scripts_pdf):
    # WeasyPrint gives a font with missing glyphs a custom CMap that sends them to .notdef
    # (the empty box); a font whose every glyph exists keeps the plain Identity-H encoding.
    for name, font in embedded_fonts(many_scripts_pdf).items():
        assert font["/Encoding"] == "/Identity-H", f"{name} prints .notdef boxes"


def test_excerpts_with_a_rare_script_get_a_note_on_the_page(sample):
    summary = summary_of(sample[0], region="DE")
    assert "cannot be shown" not in render_html(summary)
    summary["samples"]["x_training"][0]["excerpt"] = RARE
    html = render_html(summary)
    assert "Some characters cannot be shown" in html
    assert "(5 different characters; scripts: Runic, Egyptian Hieroglyphs)" in html
    assert "Runic" in render_html(summary, "de")


def test_the_glyph_check_reads_the_fonts_report_css_loads():
    assert missing_glyphs([text for group in POSTS.values() for text in group]) is None
    assert missing_glyphs(["a\u200db\ufe0f\u200f\t"]) is None
    found = missing_glyphs(["ሰላም ሰላም", "𓀀"])
    assert found.characters == 4
    assert found.scripts == ("Ethiopic", "Egyptian Hieroglyphs")


def test_every_bundled_font_and_its_licence_ship_with_the_templates():
    root = templates_dir()
    names = FONT_URL.findall((root / "report.css").read_text())
    names += [f"fonts/{font.file}" for font in SCRIPT_FONTS]
    for name in names:
        assert (root / name).is_file(), name
    for licence in ("LICENSE-DejaVu.txt", "LICENSE-Noto.txt", "SOURCES.md"):
        assert (root / "fonts" / licence).is_file()


def test_a_report_declares_only_the_script_fonts_its_text_needs(sample):
    # WeasyPrint reads and registers every declared font, used or not (0.2 s for all).
    def script_faces(html: str) -> list[str]:  # the stylesheet itself declares DejaVu
        faces = re.findall(r'@font-face \{ font-family: "([^"]+)"', html)
        return [face for face in faces if face != "Report Sans"]

    summary = summary_of(sample[0], region="DE")
    assert script_faces(render_html(summary)) == []
    summary["samples"]["x_training"][0]["excerpt"] = "日本語 and ™ ©"
    summary["inventory"][0]["path"] = "data/한국어.js"
    assert script_faces(render_html(summary)) == ["Report CJK", "Report Hangul"]


def cells(html: str, after: str) -> list[str]:
    """The texts of the cells of the first table after this piece of HTML."""
    table = html.split(after, 1)[1].split("</table>", 1)[0]
    return re.findall(r"<t[dh][^>]*>([^<]*)</t[dh]>", table)


@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_statuses_and_evidence_lines_are_in_the_reports_language(sample, language):
    from auditor.i18n import translations

    t = translations(language).gettext
    summary = summary_of(sample[0], region=None)
    assert any(" of " in e["value"] for e in summary["region"]["evidence"])  # in English
    html = render_html(summary, language)
    evidence = cells(html, f"<caption>{t('Evidence found in the archive (masked)')}</caption>")
    assert evidence and not [c for c in evidence if re.search(r" of |e\.g\.|latest", c)]
    # The appendix sums files by folder and type: a status cell reads "<label> <count>, ...".
    # ("media" and "unknown" are also file types, shown as the archive names them.)
    inventory = cells(html, '<section class="appendix">')
    english = {"parsed", "counted", "failed", "missing", "refused"}
    assert not [c for c in inventory if set(re.findall(r"[a-z]+", c)) & english]
    assert [c for c in inventory if c.startswith(t(FILE_STATUS_LABELS["parsed"]) + " ")]
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", html)
    assert not set(headers) & set(STATUS_LABELS.values())
    assert t(STATUS_LABELS["exposed"]) in headers


def test_system_deps_install_no_fonts_the_report_bundles():
    from pathlib import Path

    makefile = (Path(__file__).parents[1] / "Makefile").read_text()
    recipe = makefile.split("system-deps:", 1)[1].split("\n\n", 1)[0]
    assert "apt-get install" in recipe
    assert not re.findall(r"\bfonts-[\w-]+", recipe)  # templates/fonts/ has what is printed
