"""The renderer fetches nothing but bundled assets, whatever the archive contains."""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from auditor.platforms.x.sample import build_sample
from auditor.render import render_html
from auditor.render.assets import templates_dir
from auditor.render.fetcher import AssetsOnlyFetcher

HOSTILE = [
    '<img src="file:///etc/passwd">',
    '<img src="http://169.254.169.254/latest/meta-data/">',
    '<link rel="stylesheet" href="http://evil.test/x.css">',
    "<style>@import url(file:///etc/hostname);</style>",
    '<a rel="attachment" href="file:///etc/passwd">x</a>',
    '<p style="background:url(http://evil.test/bg.png)">styled</p>',
    '<iframe src="http://evil.test/"></iframe>',
    '<object data="file:///etc/passwd"></object>',
    '<svg><image href="http://evil.test/i.png"/></svg>',
    '<base href="http://evil.test/"><img src="rel.png">',
    '<img src="data:image/png;base64,iVBORw0KGgo=">',
]


@pytest.fixture
def fetcher():
    return AssetsOnlyFetcher(templates_dir())


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/",
        "https://example.com/x.css",
        "data:image/png;base64,iVBORw0KGgo=",
        "ftp://example.com/f",
        (templates_dir() / ".." / "pyproject.toml").as_uri(),
        templates_dir().as_uri() + "/report.css?x=1",
    ],
)
def test_the_fetcher_refuses_anything_but_bundled_assets(fetcher, url):
    with pytest.raises(FatalURLFetchingError):
        fetcher.fetch(url)
    assert fetcher.denied


def test_the_fetcher_serves_bundled_fonts_and_css(fetcher):
    font = fetcher.fetch((templates_dir() / "fonts" / "DejaVuSans.ttf").as_uri())
    assert font.read()[:4] in (b"\x00\x01\x00\x00", b"true")
    assert fetcher.fetch((templates_dir() / "report.css").as_uri()).read()


def archive_with_posts(path, texts, first_id, year, posts):
    """A small sample archive plus one original post per text, a day apart from 1 January."""
    extra = [
        {
            "id": str(first_id + i),
            "kind": "original",
            "created": datetime(year, 1, 1 + i, tzinfo=UTC),
            "text": text,
        }
        for i, text in enumerate(texts)
    ]
    build_sample(path, posts=posts, likes=0, dms=0, extra_posts=extra)
    return path


def hostile_archive(tmp_path):
    return archive_with_posts(
        tmp_path / "hostile.zip", HOSTILE, 1_700_000_000_000_000_000, 2020, posts=5
    )


def test_hostile_post_text_renders_as_text_and_fetches_nothing(run, tmp_path, monkeypatch):
    import weasyprint

    from auditor.pipeline import analyse
    from auditor.render import render_pdf_here
    from auditor.settings import Settings
    from auditor.summary import build_summary

    seen = []
    original = weasyprint.HTML

    def checked_html(*args, **kwargs):
        assert isinstance(kwargs.get("url_fetcher"), AssetsOnlyFetcher)
        seen.append(kwargs["url_fetcher"])
        return original(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", checked_html)
    archive = hostile_archive(tmp_path)
    summary = build_summary(analyse(archive, Settings(region="US"), checksum=False))
    pdf = tmp_path / "here.pdf"
    pdf.write_bytes(render_pdf_here(summary))
    assert seen and all(not f.denied for f in seen)
    # The same through the command line, rendered in its child process.
    result = run("report", archive, "-o", tmp_path / "r.pdf", "-q", "--region", "US")
    assert result.exit_code == 0, result.output
    for target in (pdf, tmp_path / "r.pdf"):
        text = " ".join(p.extract_text() for p in PdfReader(target).pages)
        assert "file:///etc/passwd" in text
        assert "169.254.169.254" in text


def test_a_render_that_hangs_is_stopped(monkeypatch, sample):
    import time as clock

    import auditor.render as render
    from auditor.errors import RenderError
    from auditor.pipeline import analyse
    from auditor.settings import Settings
    from auditor.summary import build_summary

    summary = build_summary(analyse(sample[0], Settings(), checksum=False))
    monkeypatch.setattr(render, "html_to_pdf", lambda *a: clock.sleep(30))
    started = clock.perf_counter()
    with pytest.raises(RenderError, match="longer than 1 s"):
        render.render_pdf(summary, "en", seconds=1)
    assert clock.perf_counter() - started < 10


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_the_render_runs_at_the_callers_priority_only_the_import_is_niced(monkeypatch):
    # A niced render child took 3-5x longer on a busy machine, after our reading was done.
    import auditor.render as render

    seen = {}

    def pango_problem():
        seen["import"] = os.getpriority(os.PRIO_PROCESS, 0)  # this thread's, on Linux
        return None

    def html_to_pdf(html):
        return f"{os.getpriority(os.PRIO_PROCESS, 0)} {seen['import']}".encode()

    monkeypatch.setattr(render, "pango_problem", pango_problem)
    monkeypatch.setattr(render, "html_to_pdf", html_to_pdf)
    render_nice, import_nice = map(int, render.PdfRenderer().pdf("<p>x</p>", 60).split())
    ours = os.getpriority(os.PRIO_PROCESS, 0)
    assert render_nice == ours
    assert import_nice == min(ours + 10, 19)


def test_a_renderer_that_cannot_start_says_so_in_one_line(monkeypatch, capfd):
    import auditor.render as render
    from auditor.errors import RenderError

    def broken():
        raise RuntimeError("weasyprint half-installed")

    monkeypatch.setattr(render, "pango_problem", broken)
    with pytest.raises(RenderError, match="could not start: RuntimeError"):
        render.PdfRenderer().pdf("<p>x</p>", 60)
    assert "Traceback" not in capfd.readouterr().err


FORK_PROBE = """
import sys
import auditor.render as render

HEAVY = ("pandas", "numpy", "pyarrow", "jinja2", "babel", "weasyprint")


class Probe(render.PdfRenderer):
    def __init__(self):
        print(sorted(name for name in HEAVY if name in sys.modules), flush=True)
        super().__init__()


render.PdfRenderer = Probe
from auditor.cli import main

sys.argv = ["auditor", "report", sys.argv[1], "-q", "--grok-opt-out", "2024-09-01",
            "-o", sys.argv[2]]
try:
    main()
except SystemExit:  # report ends the process itself once the output is written
    pass
"""


def test_report_starts_the_pdf_renderer_before_the_heavy_imports(sample, tmp_path):
    # The renderer imports WeasyPrint while the archive is read; pandas, jinja2 and babel
    # imported before it forks (by cli, render, or an opt-out date check) held it back 0.5 s.
    result = subprocess.run(
        [sys.executable, "-c", FORK_PROBE, str(sample[0]), str(tmp_path / "r.pdf")],
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "[]", result.stderr[-2000:]
    assert (tmp_path / "r.pdf").stat().st_size > 0


def test_html_output_escapes_archive_text(run, tmp_path):
    target = tmp_path / "r.html"
    assert (
        run(
            "report", hostile_archive(tmp_path), "-f", "html", "-o", target, "-q", "--region", "US"
        ).exit_code
        == 0
    )
    html = target.read_text()
    assert "&lt;img src=" in html
    assert '<img src="file' not in html
    assert "<iframe" not in html


def test_a_template_that_asks_for_an_outside_resource_aborts(monkeypatch, sample, run, tmp_path):
    import auditor.render as render

    def leaky(summary, language="en"):
        return '<html><body><img src="http://evil.test/x.png"></body></html>'

    monkeypatch.setattr(render, "render_html", leaky)
    result = run("report", sample[0], "-o", tmp_path / "x.pdf", "-q")
    assert result.exit_code == 5
    assert "refused" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_pdf_is_tagged_and_has_metadata(run, sample, tmp_path):
    pdf = tmp_path / "r.pdf"
    assert run("report", sample[0], "-o", pdf, "-q", "--lang", "en").exit_code == 0
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert reader.metadata.title.startswith("AI training exposure report")
    assert "2026" in str(reader.metadata.get("/CreationDate"))


def test_the_summary_numbers_come_from_python_not_the_template(run, sample, tmp_path):
    target = tmp_path / "s.json"
    assert run("report", sample[0], "-f", "json", "-o", target, "-q").exit_code == 0
    summary = json.loads(target.read_text())
    summary["exposure"]["x_training"]["original"]["exposed"] = 987654
    assert "987,654" in render_html(summary)


SECTIONS = (
    "Your X posts and AI training",
    "What the count covers",
    "Three things you can do",
    "X and xAI (Grok) training: what this means",
    "Third-party AI training: what this means",
    "How your region and settings shaped this answer",
    "What you can do",
    "What each action changes",
    "Your region and settings",
    "Method and sources",
    "Appendix: archive inventory",
)


def test_every_section_is_present_in_order(run, sample, tmp_path):
    pdf = tmp_path / "r.pdf"
    assert run("report", sample[0], "-o", pdf, "-q", "--lang", "en").exit_code == 0
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    text = " ".join(text.split())
    cursor = 0
    for heading in SECTIONS:  # each heading after the previous one
        found = text.find(heading, cursor)
        assert found >= 0, heading
        cursor = found + len(heading)


def test_the_summary_fits_on_page_one(run, sample, tmp_path):
    pdf = tmp_path / "r.pdf"
    assert run("report", sample[0], "-o", pdf, "-q", "--lang", "en").exit_code == 0
    pages = PdfReader(pdf).pages
    assert "Three things you can do" in pages[0].extract_text()
    assert "what this means" not in pages[0].extract_text()


def test_charts_are_inline_svg_with_titles(run, sample, tmp_path):
    target = tmp_path / "r.html"
    assert run("report", sample[0], "-f", "html", "-o", target, "-q", "--lang", "en").exit_code == 0
    html = target.read_text()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 4
    assert "<title>X and xAI (Grok) training: when your items came into scope" in html


def test_what_if_shows_that_opting_out_today_changes_nothing_already_counted(run, sample, tmp_path):
    target = tmp_path / "s.json"
    assert (
        run("report", sample[0], "-f", "json", "-o", target, "-q", "--region", "US").exit_code == 0
    )
    summary = json.loads(target.read_text())
    now, scenarios = summary["totals"], summary["what_if"]
    assert scenarios["opt_out_today"] == now  # not retroactive
    assert scenarios["protect_today"] == now
    early = scenarios["opt_out_when_offered"]["third_party_training"]["exposed"]
    assert early < now["third_party_training"]["exposed"]


def test_rendering_time_does_not_depend_on_archive_size(sample, tmp_path):
    """The PDF shows aggregates and at most a dozen items per list, never one row per post."""
    from auditor.pipeline import analyse
    from auditor.settings import Settings
    from auditor.summary import SAMPLE_LIMIT, build_summary

    summary = build_summary(analyse(sample[0], Settings(), checksum=False))
    html = render_html(summary)
    assert all(len(v) <= SAMPLE_LIMIT for v in summary["samples"].values())
    assert html.count("<tr>") < 150


def _system_font_for(lang: str) -> bool:
    import shutil
    import subprocess

    if not shutil.which("fc-list"):
        return False
    found = subprocess.run(["fc-list", f":lang={lang}"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def _embedded_fonts(pdf) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        fonts = page["/Resources"].get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


@pytest.mark.skipif(not _system_font_for("ja"), reason="no CJK font installed (fonts-noto-cjk)")
def test_cjk_arabic_and_emoji_excerpts_get_real_fonts(run, tmp_path):
    texts = ["東京タワーに行きました", "مرحبا بالعالم", "party time 😀🎉👍🏽"]
    path = archive_with_posts(
        tmp_path / "scripts.zip", texts, 1_700_000_000_000_000_100, 2015, posts=3
    )
    pdf = tmp_path / "r.pdf"
    assert run("report", path, "-o", pdf, "-q", "--region", "US").exit_code == 0
    fonts = " ".join(_embedded_fonts(pdf))
    assert "CJK" in fonts  # not DejaVu boxes
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "東京タワー" in text


@pytest.mark.parametrize("subsetter", ["fonttools", "default"])
def test_the_same_html_gives_the_same_pdf_bytes_while_the_clock_moves(
    subsetter, sample, monkeypatch
):
    """Fresh machines lack libharfbuzz-subset0 and subset with fontTools, which stamps each
    font with the time: the switch forces that path here even where the library exists."""
    import fontTools.misc.timeTools as time_tools

    from auditor.pipeline import analyse
    from auditor.render import SUBSETTER_SWITCH, html_to_pdf
    from auditor.settings import Settings
    from auditor.summary import build_summary

    monkeypatch.setenv(SUBSETTER_SWITCH, subsetter)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    used = []
    real_fonttools_subset = weasyprint_fonts().Font._fonttools_subset

    def watched(self, *args):
        used.append(self.family)
        return real_fonttools_subset(self, *args)

    monkeypatch.setattr(weasyprint_fonts().Font, "_fonttools_subset", watched)
    html = render_html(build_summary(analyse(sample[0], Settings(region="DE"), checksum=False)))
    pdfs = []
    for now in (1_000_000_000, 2_000_000_000):  # 2001, then 2033
        monkeypatch.setattr(time_tools.time, "time", lambda now=now: float(now))
        pdfs.append(html_to_pdf(html))
    assert pdfs[0] == pdfs[1]
    if subsetter == "fonttools":
        assert used, "the switch did not force the fontTools path"
    assert "SOURCE_DATE_EPOCH" not in os.environ


def weasyprint_fonts():
    import weasyprint.pdf.fonts as fonts

    return fonts


def test_preflight_prints_one_hint_and_no_weasyprint_deprecation_noise():
    import subprocess
    import sys

    from auditor.preflight import SUBSET_HINT, has_harfbuzz_subset

    result = subprocess.run(
        [sys.executable, "-W", "default::DeprecationWarning", "-m", "auditor.preflight"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    expected = [] if has_harfbuzz_subset() else [SUBSET_HINT]
    assert result.stderr.splitlines() == expected
