"""`auditor report --format card`: page 1's answers on one shareable page, PDF or PNG."""

import json
import struct
import sys

import pypdf
import pytest

from auditor.i18n import number


def _summary(run, archive, tmp_path):
    target = tmp_path / "summary.json"
    assert run("report", archive, "--format", "json", "-o", target).exit_code == 0
    return json.loads(target.read_text())


def _headline_numbers(summary: dict) -> set[str]:
    """The numbers page 1 states as each purpose's answer, as the report language writes them."""
    found = set()
    for verdict in summary["verdict"].values():
        found.add(number(verdict["low"], "en"))
        if verdict["uncertain"]:
            found.update({number(verdict["high"], "en"), number(verdict["uncertain"], "en")})
    return found


def test_card_pdf_is_one_page_with_the_headline_numbers(run, sample, tmp_path):
    archive, _ = sample
    summary = _summary(run, archive, tmp_path)
    card = tmp_path / "card.pdf"
    result = run("report", archive, "--format", "card", "-o", card, "--lang", "en")
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(card)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for shown in _headline_numbers(summary):
        assert shown in text
    assert f"@{summary['archive']['username']}" in text
    assert "auditor" in text
    assert (card.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("how", [("--format", "card", "-o", "card.png"), ("-f", "card-png")])
def test_card_png_has_png_magic_and_a_shareable_size(run, sample, tmp_path, how):
    archive, _ = sample
    args = [tmp_path / a if a.endswith(".png") else a for a in how]
    result = run("report", archive, *args)
    assert result.exit_code == 0, result.output
    png = tmp_path / "card.png" if "-o" in how else archive.with_name("archive-card.png")
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width == 1200
    assert 600 <= height <= 900


def test_card_in_german_is_translated(run, sample, tmp_path):
    archive, _ = sample
    card = tmp_path / "card.pdf"
    assert run("report", archive, "-f", "card", "-o", card, "--lang", "de").exit_code == 0
    text = pypdf.PdfReader(card).pages[0].extract_text()
    assert "Drei Dinge, die Sie tun können" in text
    assert "Methode" in text


def test_png_card_without_the_rasteriser_is_one_line(run, sample, tmp_path, monkeypatch):
    archive, _ = sample
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import now raises ImportError
    result = run("report", archive, "-f", "card-png", "-o", tmp_path / "c.png")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "pypdfium2" in lines[0] and "--format card" in lines[0]
    assert not (tmp_path / "c.png").exists()


def test_card_uses_the_views_headline_not_its_own_numbers(sample, tmp_path, run):
    """A changed verdict in the summary changes the card: the template computes nothing."""
    from auditor.render.card import render_card_html

    archive, _ = sample
    summary = _summary(run, archive, tmp_path)
    key = next(iter(summary["verdict"]))
    summary["verdict"][key].update(low=123457, high=234568, uncertain=111111)
    html = render_card_html(summary, "en")
    assert "123,457 – 234,568" in html


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_a_long_card_still_fits_one_page(run, tmp_path, language):
    """The Reddit sample is the long case: a range with a reason for both purposes, longer
    purpose names, and an incomplete-results warning (its CSV has bad rows on purpose)."""
    archive = tmp_path / "reddit.zip"
    assert run("sample", archive, "--platform", "reddit").exit_code == 0
    card = tmp_path / "card.pdf"
    result = run("report", archive, "-f", "card", "-o", card, "--lang", language)
    assert result.exit_code in (0, 7), result.output
    assert len(pypdf.PdfReader(card).pages) == 1
