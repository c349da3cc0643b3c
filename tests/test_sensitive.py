"""What deserves a second look: each detector with positives and near misses, and privacy."""

import csv
import json
import re
import subprocess
import sys
import textwrap

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from auditor.platforms.x.sample import build_sample
from auditor.sensitive import (
    CATEGORIES,
    EMAIL,
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


# Shapes that made a backtracking pattern try every position (a long word, a long run of
# address characters, dotted runs after an @, digit runs): each must take time in proportion
# to its length. Run in a child process so that a quadratic pattern fails by the timeout
# instead of holding the suite for an hour.
LINEAR_CHECK = textwrap.dedent(
    """
    import time
    import pyarrow as pa
    from auditor.sensitive import mask_text, _digit_kinds, _has_iban, _plain
    shapes = [
        lambda n: "a" * n,
        lambda n: "a." * (n // 2) + "@",
        lambda n: "x@" + "a-" * (n // 2),
        lambda n: "1-" * (n // 2),
        lambda n: ("w" * 50 + "@") * (n // 51),
    ]
    def seconds(check, text):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            check(text)
            best = min(best, time.perf_counter() - started)
        return best
    def plain(text):
        return _plain(pa.array([text]), 0)
    checks = [mask_text, lambda t: _digit_kinds(t, "DE"), _has_iban, plain]
    for shape in shapes:
        for check in checks:
            small, large = seconds(check, shape(250_000)), seconds(check, shape(1_000_000))
            # linear: about 4x; quadratic: 16x. The floor keeps timer noise out.
            assert large < 10 * max(small, 0.02), (shape(20), small, large)
    print("ok")
    """
)


def test_masking_and_detectors_are_linear_in_the_post_length():
    done = subprocess.run(
        [sys.executable, "-c", LINEAR_CHECK], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


@given(st.text(alphabet="ab1.-_%+@ /:xhtps[]", max_size=80))
def test_masking_never_leaves_an_email_address(text):
    assert re.search(EMAIL, mask_text(text)) is None


@given(st.lists(st.sampled_from(["jane.doe@example.org", "a@b.co", " ", "x", "1", "@", "."])))
def test_masking_removes_every_planted_address(parts):
    assert re.search(EMAIL, mask_text("".join(parts))) is None


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
