"""The report in the reader's language: complete catalogs and locale formatting."""

import pytest
from pypdf import PdfReader

from auditor.i18n import LANGUAGES, catalog_problems, language_for

HEADINGS = {
    "en": ("Your X posts and AI training", "What you can do", "Method and sources"),
    "de": ("Ihre X-Posts und KI-Training", "Was Sie tun können", "Methode und Quellen"),
    "fr": (
        "Vos publications sur X et l'entraînement de l'IA",
        "Ce que vous pouvez faire",
        "Méthode et sources",
    ),
    "es": (
        "Sus publicaciones en X y el entrenamiento de IA",
        "Qué puede hacer",
        "Método y fuentes",
    ),
}


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_every_catalog_is_complete_and_current(language):
    assert catalog_problems(language) == []


@pytest.mark.parametrize(
    "requested, country, expected",
    [
        (None, "DE", "de"),
        (None, "AT", "de"),
        (None, "FR", "fr"),
        (None, "BE", "fr"),
        (None, "ES", "es"),
        (None, "MX", "es"),
        (None, "US", "en"),
        (None, "JP", "en"),
        (None, None, "en"),
        ("fr", "DE", "fr"),
        ("de-CH", None, "de"),
    ],
)
def test_language_choice(requested, country, expected):
    assert language_for(requested, country) == expected


def test_an_unshipped_language_is_a_clear_error(run, sample, tmp_path):
    result = run("report", sample[0], "-o", tmp_path / "r.pdf", "--lang", "it")
    assert result.exit_code == 2
    assert "--lang" in result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_renders_headings_and_local_dates(run, sample, tmp_path, language):
    pdf = tmp_path / f"r-{language}.pdf"
    result = run("report", sample[0], "-o", pdf, "-q", "--lang", language)
    assert result.exit_code == 0, result.output
    reader = PdfReader(pdf)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for heading in HEADINGS[language]:
        assert heading in text, heading
    assert reader.trailer["/Root"]["/Lang"] == language
    assert {
        "en": "25 July 2026",
        "de": "25. Juli 2026",
        "fr": "25 juillet 2026",
        "es": "25 de julio de 2026",
    }[language] in text


def test_thousands_follow_the_locale(run, tmp_path):
    from auditor.platforms.x.sample import build_sample

    archive = tmp_path / "big.zip"
    build_sample(archive, posts=50, likes=1234, dms=1, region="US")
    expected = {"en": "1,234", "de": "1.234", "es": "1.234", "fr": "1\u202f234"}
    for language, number in expected.items():
        target = tmp_path / f"{language}.html"
        assert (
            run("report", archive, "-f", "html", "-o", target, "-q", "--lang", language).exit_code
            == 0
        )
        assert number in target.read_text()


def test_the_default_follows_the_country(run, sample, tmp_path):
    target = tmp_path / "r.html"
    assert run("report", sample[0], "-f", "html", "-o", target, "-q").exit_code == 0
    html = target.read_text()
    assert '<html lang="de">' in html  # the sample account is inferred to be German
    assert "Bericht auf Deutsch" in html
