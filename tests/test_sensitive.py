"""What deserves a second look: each detector with positives and near misses, and privacy."""

import csv
import json

import pyarrow as pa
import pytest
from pypdf import PdfReader

from auditor.sample import build_sample
from auditor.sensitive import (
    CATEGORIES,
    _digit_kinds,
    _fold,
    _match,
    iban_valid,
    luhn,
    mask_text,
    term_pattern,
)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    path = tmp_path_factory.mktemp("sensitive") / "archive.zip"
    truth = build_sample(path, posts=200, likes=5, dms=2, region="DE", sensitive=True)
    return path, truth


def categories_of(text: str) -> set[str]:
    folded = _fold(pa.array([text]))
    return {c for c in CATEGORIES if _match(folded, term_pattern(c))[0]}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I was diagnosed with diabetes", {"health"}),
        ("DIABÈTE depuis 2019", {"health"}),  # case and accents
        ("Estoy embarazada!", {"health"}),
        ("Parisian cafés", set()),
        ("Die Gewerkschaftszeitung", set()),  # a word inside another word
        ("gewerkschaft", {"trade_union"}),
        ("Ich bin schwul und stolz", {"sexual_orientation"}),
        ("gayety", set()),
        ("nach dem Gottesdienst", {"religion"}),
        ("J'ai voté blanc", {"politics"}),
        ("Mi origen étnico", {"ethnic_origin"}),
        ("a trade union meeting", {"trade_union"}),
        ("the union of two sets", set()),
    ],
)
def test_special_category_terms(text, expected):
    assert categories_of(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Call +49 1512 3456789 now", {"phone"}),
        ("call (555) 010-0100", set()),  # fictional US range: not a valid number
        ("4111 1111 1111 1111", {"payment_card"}),
        ("4111 1111 1111 1112", set()),  # fails Luhn
        ("order 1234567", set()),
        ("05.03.2024 12:30", set()),
    ],
)
def test_numbers(text, expected):
    assert _digit_kinds(text, "DE") == expected


def test_checksums():
    assert luhn("4111111111111111") and not luhn("4111111111111112")
    assert iban_valid("DE89 3704 0044 0532 0130 00")
    assert iban_valid("GB82 WEST 1234 5698 7654 32")
    assert not iban_valid("DE89 3704 0044 0532 0130 01")
    assert not iban_valid("DE89")


def test_masking_keeps_the_kind_not_the_value():
    assert mask_text("mail jane.doe@example.org or +49 1512 3456789") == (
        "mail [e-mail address] or [number]"
    )
    assert mask_text("IBAN DE89 3704 0044 0532 0130 00") == "IBAN [bank account]"
    assert mask_text("see https://example.com/page") == "see https://example.com/page"


def test_planted_archive_counts_match_the_builder(run, planted, tmp_path):
    path, truth = planted
    target = tmp_path / "s.json"
    assert run("report", path, "-f", "json", "-o", target, "-q").exit_code == 0
    detectors = json.loads(target.read_text())["sensitive"]["detectors"]
    found = {name: d["posts"] for name, d in detectors.items() if d["posts"]}
    assert found == truth.sensitive


def test_no_matched_value_reaches_the_pdf_json_or_csv(run, planted, tmp_path):
    path, _ = planted
    outputs = {fmt: tmp_path / f"out.{fmt}" for fmt in ("json", "pdf")}
    for fmt, target in outputs.items():
        assert run("report", path, "-f", fmt, "-o", target, "-q", "--region", "US").exit_code == 0
    pdf_text = " ".join(p.extract_text() for p in PdfReader(outputs["pdf"]).pages)
    json_text = outputs["json"].read_text()
    secrets = ["3456789", "jane.doe@example.org", "4111 1111 1111 1111", "0532 0130 00"]
    for secret in secrets:
        assert secret not in pdf_text.replace("\n", " ")
        assert secret not in json_text
    assert "What deserves a second look" in pdf_text
    assert "terms related to health" in pdf_text


def test_export_names_the_detectors_per_post(run, planted, tmp_path):
    path, _ = planted
    target = tmp_path / "items.csv"
    assert run("export", path, "-o", target, "-q").exit_code == 0
    rows = list(csv.DictReader(target.open()))
    health = [r for r in rows if "health" in r["second_look"].split(";")]
    assert len(health) == 2
    assert all(r["category"] == "original" for r in health)
    assert any(r["second_look"] == "" for r in rows)
