"""The report's form: charts, links, dates and quotes, the self-contained HTML, the CSV, help."""

import csv
import re
import shutil

import pytest
from typer.testing import CliRunner

from auditor.cli import app


def help_of(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0
    return result.output


# -- CLI help


@pytest.mark.parametrize("command", ["report", "scan", "export", "sample"])
def test_help_shows_no_python_type_names(command):
    text = help_of(command)
    assert "<bool>" not in text
    assert "list[" not in text


def test_every_sample_option_is_explained():
    lines = [line for line in help_of("sample").splitlines() if re.search(r"│ +--\w", line)]
    assert len(lines) >= 8
    for line in lines:
        words = re.sub(r"│|--[\w-]+|\[default: [^\]]*\]|\b[A-Z.]+\b", "", line).split()
        assert len(words) >= 2, line  # a sentence, not just the option's name and metavar


# -- CSV export


@pytest.fixture(scope="module")
def archive_copy(sample, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    return shutil.copy(sample[0], folder / "mine.zip")


def read_rows(path):
    return list(csv.DictReader(path.open(encoding="utf-8")))


def test_export_writes_beside_the_archive_without_o(run, archive_copy):
    result = run("export", archive_copy, "-q")
    assert result.exit_code == 0, result.output
    target = archive_copy.with_name("mine-items.csv")
    assert target.is_file()
    assert target.stat().st_mode & 0o777 == 0o600


def test_every_like_has_a_post_url(run, archive_copy, tmp_path):
    target = tmp_path / "items.csv"
    assert run("export", archive_copy, "-o", target, "-q").exit_code == 0
    likes = [r for r in read_rows(target) if r["category"] == "like"]
    assert likes
    for row in likes:
        assert row["url"] == f"https://x.com/i/web/status/{row['id']}"


def test_ids_are_quoted_text(run, archive_copy, tmp_path):
    target = tmp_path / "items.csv"
    assert run("export", archive_copy, "-o", target, "-q").exit_code == 0
    lines = target.read_text(encoding="utf-8").splitlines()[1:50]
    assert all(re.match(r'^"\d{15,20}",', line) for line in lines), lines[:3]


def test_labels_are_words_in_the_chosen_language(run, archive_copy, tmp_path):
    from auditor.i18n import translations

    codes, words = tmp_path / "codes.csv", tmp_path / "words.csv"
    assert run("export", archive_copy, "-o", codes, "-q").exit_code == 0
    assert run("export", archive_copy, "-o", words, "-q", "--labels", "--lang", "de").exit_code == 0
    plain, labelled = read_rows(codes), read_rows(words)
    t = translations("de").gettext
    assert [r["id"] for r in plain] == [r["id"] for r in labelled]
    for before, after in zip(plain[:200], labelled[:200], strict=True):
        status = before["x_training_status"].replace("_", " ")
        assert after["x_training_status"] == t(status)
        assert after["x_training_status"] != before["x_training_status"] or status == t(status)
    assert {r["category"] for r in labelled} & {t("Likes"), t("Original posts")}


# -- the report: one English and one German render of the shared sample, reused


@pytest.fixture(scope="module")
def reports(run, sample, tmp_path_factory):
    folder = tmp_path_factory.mktemp("form")
    made = {}
    for name, args in {
        "en.pdf": ["--lang", "en"],
        "en.html": ["-f", "html", "--lang", "en", "--grok-opt-out", "2024-09-01"],
        "de.html": ["-f", "html", "--lang", "de"],
        "fr.html": ["-f", "html", "--lang", "fr"],
    }.items():
        target = folder / name
        result = run("report", sample[0], "-o", target, "-q", *args)
        assert result.exit_code == 0, result.output
        made[name] = target
    return made


@pytest.fixture(scope="module")
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def luma(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_status_colours_stay_apart_in_greyscale():
    from auditor.render.charts import STATUS_LOOK

    lumas = sorted(luma(look.fill) for look in STATUS_LOOK.values())
    assert all(b - a >= 25 for a, b in zip(lumas, lumas[1:], strict=False)), lumas
    assert luma(STATUS_LOOK["not_exposed"].fill) < 200  # visible on white paper
    plain = [s for s, look in STATUS_LOOK.items() if not look.hatch]
    assert len(plain) <= 2  # the middle tones also differ by pattern


def test_share_bars_split_a_category_into_labelled_hatched_segments():
    from auditor.render import charts

    counts = {"exposed": 50, "withdrawn": 0, "uncertain": 30, "not_exposed": 20}
    svg = str(charts.share_bars([("Posts", counts)], "T", {}, "k"))
    assert '<pattern id="k-uncertain"' in svg and 'fill="url(#k-uncertain)"' in svg
    for share in ("50 %", "30 %", "20 %"):
        assert f">{share}</text>" in svg


def chart_figures(html: str) -> list[str]:
    return re.findall(r'<figure class="chart">(.*?)</figure>', html, flags=re.S)


def test_every_chart_has_a_visible_title_and_a_takeaway(reports):
    html = reports["en.html"].read_text()
    figures = chart_figures(html)
    assert len(figures) == html.count("<svg ") >= 2
    for figure in figures:
        caption = re.search(r"<figcaption><strong>(.+?)</strong><br>(.+?)</figcaption>", figure)
        assert caption, figure[:300]
        assert re.search(r"\d", caption.group(2))  # computed from the numbers


def test_the_takeaways_are_translated(reports):
    from auditor.i18n import translations

    html = reports["de.html"].read_text()
    t = translations("de").gettext
    assert t("%(purpose)s: when your items came into scope").split(":")[1].strip() in html
    assert "items in scope came into it" not in html


def test_the_scope_curve_draws_every_marker_dashed_and_opt_outs_heavier(reports):
    html = reports["en.html"].read_text()
    curve = next(f for f in chart_figures(html) if "came into scope" in f)
    lines = re.findall(r'<line [^>]*stroke="#000" stroke-width="([\d.]+)" stroke-dasharray', curve)
    assert len(lines) >= 2
    assert len({float(width) for width in lines}) == 2  # policy dates and the opt-out differ
    assert "your opt-out" in curve


def test_a_post_dated_year_one_is_listed_not_plotted(run, tmp_path):
    import json
    from datetime import UTC, datetime

    from auditor.platforms.x.sample import build_sample

    archive = tmp_path / "a.zip"
    old = {"id": "1700000000000000001", "kind": "original", "text": "old"}
    old["created"] = datetime(1, 7, 26, 12, tzinfo=UTC)
    build_sample(archive, posts=20, likes=0, dms=0, extra_posts=[old])
    target = tmp_path / "s.json"
    assert run("report", archive, "-f", "json", "-o", target, "-q").exit_code == 0
    summary = json.loads(target.read_text())
    assert all(len(rows) < 300 for rows in summary["timeline"].values())
    assert all(row["period"] >= "2006" for row in summary["timeline"]["x_training"])
    assert summary["timeline_suspect"] == {"count": 1, "dates": ["0001-07-26T12:00:00Z"]}
    html = tmp_path / "r.html"
    assert run("report", archive, "-f", "html", "-o", html, "-q", "--lang", "en").exit_code == 0
    assert "before X existed" in html.read_text() and "0001-07-26" in html.read_text()


# -- links


def test_post_and_source_links_are_pdf_link_annotations(reports, sample):
    from pypdf import PdfReader

    uris = []
    for page in PdfReader(reports["en.pdf"]).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                uris.append(str(action["/URI"]))
    assert any("/status/" in uri for uri in uris)
    assert any("status" not in uri for uri in uris)  # a policy source
    assert all(uri.startswith("https://") for uri in uris)


def test_links_show_short_text_and_the_anchors_are_never_fetched(sample):
    from auditor.pipeline import analyse
    from auditor.render import render_html, render_pdf_here
    from auditor.settings import Settings
    from auditor.summary import build_summary

    summary = build_summary(analyse(sample[0], Settings(region="DE"), checksum=False))
    html = render_html(summary, "en")
    anchors = re.findall(r'<a href="(https://[^"]+)">([^<]+)</a>', html)
    assert anchors
    for url, text in anchors:
        assert len(text) < len(url) and len(text) <= 45, text
    # The assets-only fetcher aborts the render on any other URL: fetching an anchor would fail.
    assert render_pdf_here(summary, "en").startswith(b"%PDF")


# -- dates, numbers, quotes


def test_english_dates_have_one_form(reports):
    text = re.sub(r"<[^>]+>", " ", reports["en.html"].read_text())
    assert re.search(r"\b\d{1,2} (January|April|September|November) \d{4}\b", text)
    assert not re.search(r"\b(January|April|September|November) \d{1,2}, \d{4}\b", text)


@pytest.mark.parametrize(
    "name, opening, closing", [("de.html", "„", "“"), ("fr.html", "«\u00a0", "\u00a0»")]
)
def test_quoted_excerpts_use_the_languages_quote_marks(reports, name, opening, closing):
    html = reports[name].read_text()
    excerpts = re.findall(r'<td class="excerpt">(.*?)</td>', html)
    assert excerpts
    assert all(e.startswith(opening) and e.endswith(closing) for e in excerpts)


def visible_text(path) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", " ", path.read_text()))


@pytest.mark.parametrize(
    "name, quoted",
    [
        ("en.html", ["\u201cAllow your public data", "\u201cWhat deserves a second look\u201d"]),
        (
            "de.html",
            ["\u201eAllow your public data", "\u201eWas einen zweiten Blick verdient\u201c"],
        ),
        ("fr.html", ["\u00ab\u00a0si vous ne vous y opposez pas\u00a0\u00bb"]),
    ],
)
def test_the_report_quotes_as_its_language_does(reports, name, quoted):
    text = visible_text(reports[name])
    for words in quoted:
        assert words in text
    assert 'untick "' not in text and 'section, "' not in text


@pytest.mark.parametrize(
    "language, share", [("en", "interactions (0%)"), ("de", "Interaktionen (0\xa0%)")]
)
def test_page_one_writes_the_share_as_a_local_percentage(run, zip_of, tmp_path, language, share):
    from tests.conftest import minimal_archive

    target = tmp_path / "r.html"
    archive = zip_of(minimal_archive())  # one post, nothing uncertain: the share is shown
    result = run("report", archive, "-f", "html", "-o", target, "-q", "--lang", language)
    assert result.exit_code == 0, result.output
    assert share in visible_text(target)


def test_method_sources_are_short_links(reports):
    html = reports["en.html"].read_text()
    sources = re.findall(r'<p class="small">([^·]*) · retrieved', html)
    assert sources
    assert all(re.fullmatch(r'<a href="https://[^"]+">[^<]{1,45}</a>', s) for s in sources)


def test_a_long_host_name_is_shortened_too():
    from auditor.render.style import link_text

    url = "https://irishtimes-irishtimes-staging.cdn.arcpublishing.com/business/2024/a-long-title"
    assert len(link_text(url)) <= 45 and link_text(url).startswith("irishtimes-")


def test_confidence_says_what_it_is_about_and_sign_up_is_not_login():
    from auditor.i18n import translations
    from auditor.render.view import SIGNAL_LABELS

    de = translations("de").gettext
    assert "Anmeldung" not in de(SIGNAL_LABELS["creation_ip"])
    assert "Region" in de("Confidence of this region inference: %(percent)s.")
    for language in ("fr", "es"):
        label = translations(language).gettext(SIGNAL_LABELS["creation_ip"])
        assert label != SIGNAL_LABELS["creation_ip"]


# -- self-contained HTML


def test_the_html_output_references_nothing(reports):
    from html.parser import HTMLParser

    found = []

    class Refs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name in ("src", "srcset", "data", "poster") or (
                    name == "href" and not re.match(r"^https?://", value or "")
                ):
                    found.append((tag, name, value))
            if tag == "link":
                found.append((tag, dict(attrs)))

    html = reports["en.html"].read_text()
    Refs().feed(html)
    assert found == []
    styles = " ".join(re.findall(r"<style>(.*?)</style>", html, flags=re.S))
    assert "th, td" in styles  # the stylesheet itself is inside
    assert "url(" not in styles and "@import" not in styles


# -- flow


def stranded_headings(html: str) -> list[str]:
    """Headings, captions and table headers that are the lowest thing on a page (not the
    last page): a reader meets a title with nothing under it. Read from WeasyPrint's layout."""
    from weasyprint import HTML

    from auditor.render.assets import templates_dir
    from auditor.render.fetcher import AssetsOnlyFetcher

    root = templates_dir()
    document = HTML(
        string=html, base_url=root.as_uri() + "/", url_fetcher=AssetsOnlyFetcher(root)
    ).render()
    found = []
    for page in document.pages[:-1]:
        lines = list(_lines(page._page_box.children[0], ()))
        bottom, owners = max(lines, key=lambda line: line[0])
        if owners:
            found.append(owners[-1])
    return found


def _lines(box, owners):
    """(bottom, headings it sits in) for every line of text and picture under `box`."""
    tag = box.element_tag
    if tag in ("h2", "h3", "caption") or (
        tag == "th" and box.element is not None and box.element.get("scope") in ("col", "colgroup")
    ):
        owners = (*owners, f"{tag}: {''.join(box.element.itertext())[:60]}")
    kind = type(box).__name__
    if kind == "LineBox" or "Replaced" in kind or kind == "SVGBox":
        yield box.position_y + box.margin_height(), owners
        return
    for child in getattr(box, "children", []):
        yield from _lines(child, owners)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The archive `make demo` builds: its German report once left headings at page ends."""
    from auditor.platforms.x.sample import build_sample

    path = tmp_path_factory.mktemp("demo") / "sample.zip"
    build_sample(path, posts=3000, likes=2000, dms=40, region="DE", part_bytes=1 << 20)
    return path


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_heading_or_caption_ends_a_page(demo, tmp_path, language):
    from auditor.pipeline import analyse
    from auditor.render import render_html
    from auditor.settings import Settings
    from auditor.summary import build_summary

    summary = build_summary(analyse(demo, Settings(), checksum=False))
    assert stranded_headings(render_html(summary, language)) == []


# -- share-chart labels


def _category_labels(language):
    from auditor.i18n import translations
    from auditor.platforms import platforms, say

    t = translations(language).gettext
    for platform in platforms():
        categories = platform.vocabulary.report_categories
        yield platform.name, [say(c.label, language, t) for c in categories]


def _dejavu_width(text, size):
    from pathlib import Path

    from fontTools.ttLib import TTFont

    font = TTFont(Path(__file__).parents[1] / "templates" / "fonts" / "DejaVuSans.ttf")
    cmap, advances = font.getBestCmap(), font["hmtx"].metrics
    per_em = font["head"].unitsPerEm
    return size * sum(advances[cmap[ord(char)]][0] for char in text) / per_em


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_no_share_chart_label_is_clipped(language):
    """Spanish Reddit's "Publicaciones y comentarios guardados" once ran past the label column."""
    from auditor.render import charts

    for platform, labels in _category_labels(language):
        column = charts.label_column(labels)
        for label in labels:
            lines = charts.label_lines(label, column)
            assert 1 <= len(lines) <= 2 and " ".join(lines) == label
            for line in lines:
                room = column - charts.LABEL_GAP
                assert charts.text_width(line) <= room, (platform, line, column)
                assert _dejavu_width(line, charts.LABEL_SIZE) <= room, (platform, line, column)


def test_a_label_too_long_for_the_widest_column_takes_two_lines():
    from auditor.render import charts

    label = "Publicaciones y comentarios guardados en comunidades privadas y cuarentenadas"
    column = charts.label_column([label])
    assert column == charts.MAX_LABEL_W
    lines = charts.label_lines(label, column)
    assert len(lines) == 2
    assert all(charts.text_width(line) <= column - charts.LABEL_GAP for line in lines)
    svg = charts.share_bars([(label, {"exposed": 3})], "t", {}, "k")
    assert all(f">{line}</text>" in svg for line in lines)
