"""The renderer fetches nothing but bundled assets, whatever the archive contains."""

import json
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from auditor.render import render_html
from auditor.render.assets import templates_dir
from auditor.render.fetcher import AssetsOnlyFetcher
from auditor.sample import build_sample

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


def hostile_archive(tmp_path):
    path = tmp_path / "hostile.zip"
    extra = [
        {
            "id": str(1_700_000_000_000_000_000 + i),
            "kind": "original",
            "created": datetime(2020, 1, 1 + i, tzinfo=UTC),
            "text": payload,
        }
        for i, payload in enumerate(HOSTILE)
    ]
    build_sample(path, posts=5, likes=0, dms=0, extra_posts=extra)
    return path


def test_hostile_post_text_renders_as_text_and_fetches_nothing(run, tmp_path, monkeypatch):
    import weasyprint

    seen = []
    original = weasyprint.HTML

    def checked_html(*args, **kwargs):
        assert isinstance(kwargs.get("url_fetcher"), AssetsOnlyFetcher)
        seen.append(kwargs["url_fetcher"])
        return original(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", checked_html)
    pdf = tmp_path / "r.pdf"
    result = run("report", hostile_archive(tmp_path), "-o", pdf, "-q", "--region", "US")
    assert result.exit_code == 0, result.output
    assert seen and all(not f.denied for f in seen)
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "file:///etc/passwd" in text
    assert "169.254.169.254" in text


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

    def leaky(summary):
        return '<html><body><img src="http://evil.test/x.png"></body></html>'

    monkeypatch.setattr(render, "render_html", leaky)
    result = run("report", sample[0], "-o", tmp_path / "x.pdf", "-q")
    assert result.exit_code == 5
    assert "refused" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_pdf_is_tagged_and_has_metadata(run, sample, tmp_path):
    pdf = tmp_path / "r.pdf"
    assert run("report", sample[0], "-o", pdf, "-q").exit_code == 0
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
