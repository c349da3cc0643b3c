"""Region inference: each signal parser, the combination, and what the report shows."""

import json
from datetime import UTC, datetime

import pytest

from auditor.dataset import Signal
from auditor.platforms.x.sample import PLACES, build_sample
from auditor.region import bloc_of, declared, infer, place_country, timezones

AS_OF = datetime(2026, 7, 25, tzinfo=UTC)


@pytest.mark.parametrize(
    "country, bloc",
    [
        ("US", "ROW"),
        ("DE", "EU_EEA"),
        ("FR", "EU_EEA"),
        ("NL", "EU_EEA"),
        ("GB", "UK"),
        ("CH", "CH"),
        ("BR", "ROW"),
        ("JP", "ROW"),
    ],
)
def test_sample_accounts_are_inferred_from_their_signals_alone(run, tmp_path, country, bloc):
    archive = tmp_path / f"{country}.zip"
    build_sample(archive, posts=40, likes=5, dms=2, region=country)
    target = tmp_path / "s.json"
    assert run("report", archive, "-f", "json", "-o", target, "-q").exit_code == 0
    region = json.loads(target.read_text())["region"]
    assert (region["country"], region["bloc"], region["source"]) == (country, bloc, "inferred")
    assert region["confidence"] >= 0.8 and not region["uncertain"]


def test_mixed_signals_are_low_confidence_with_both_candidates(run, tmp_path):
    archive = tmp_path / "moved.zip"
    build_sample(archive, posts=40, likes=5, dms=2, region="DE", phone_region="GB")
    target = tmp_path / "s.json"
    assert run("report", archive, "-f", "json", "-o", target, "-q").exit_code == 0
    region = json.loads(target.read_text())["region"]
    assert region["uncertain"] and region["bloc"] == "EU_EEA" and region["candidates"] == ["UK"]
    assert set(region["comparison"]) == {"EU_EEA", "UK"}
    third = {
        b: region["comparison"][b]["third_party_training"]["exposed"] for b in ("EU_EEA", "UK")
    }
    assert third["UK"] > third["EU_EEA"] == 0  # the answer depends on the region


def test_evidence_is_masked_in_json_and_pdf(run, tmp_path):
    from pypdf import PdfReader

    archive = tmp_path / "de.zip"
    build_sample(archive, posts=40, likes=5, dms=2, region="DE")
    pdf = tmp_path / "r.pdf"
    assert run("report", archive, "-o", pdf, "-q").exit_code == 0
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "+49…" in text
    assert "15123456789" not in text.replace(" ", "")
    assert "185.117.52.x" in text and "185.117.52.1" not in text


def test_declared_region_wins():
    region = declared("uk")
    assert (region.country, region.bloc, region.source, region.uncertain) == (
        "GB",
        "UK",
        "declared",
        False,
    )


def test_real_timezone_values_from_archives(shared):
    assert timezones()["Madrid"] == "ES"
    assert timezones()["Pacific Time (US & Canada)"] == "US"
    assert "International Date Line West" not in timezones()  # no single country
    assert len(timezones()) > 140


def test_phone_numbers_from_a_2019_account_file():
    region = infer([Signal("phone", "+15555555555")])
    assert region.evidence[0].value == "+1…"


@pytest.mark.parametrize(
    "text, country",
    [
        ("Lyon, France", "FR"),
        ("東京", "JP"),
        ("München", "DE"),
        ("Zürich, Schweiz", "CH"),
        ("Springfield, IL, USA", "US"),
        ("Paris, Texas", "US"),
        ("Londres, Royaume-Uni", "GB"),
        ("Berlin 🇩🇪", "DE"),
        ("São Paulo", "BR"),
        ("Deutschland", "DE"),
        ("España", "ES"),
        ("Parisian", None),
        ("somewhere over the rainbow", None),
        ("https://example.com", None),
    ],
)
def test_free_text_places(text, country):
    assert place_country(text) == country


def test_recent_logins_outweigh_old_ones():
    signals = [
        Signal("login_ip", "185.117.52.10", datetime(2026, 7, 1, tzinfo=UTC)),
        Signal("login_ip", "35.32.130.10", datetime(2023, 1, 1, tzinfo=UTC)),
        Signal("login_ip", "35.32.130.11", datetime(2023, 1, 2, tzinfo=UTC)),
    ]
    region = infer(signals, AS_OF)
    assert region.country == "DE"
    rows = {e.country: e for e in region.evidence}
    assert rows["DE"].weight > rows["US"].weight
    assert rows["DE"].value.startswith("1 of 3, e.g. 185.117.52.x")


def test_private_and_documentation_ips_give_no_country():
    region = infer([Signal("login_ip", "192.0.2.1"), Signal("login_ip", "10.0.0.1")])
    assert region.country is None and region.bloc == "unknown" and region.uncertain


def test_generic_email_domains_are_not_countries():
    assert infer([Signal("email_domain", "gmail.com")]).country is None
    assert infer([Signal("email_domain", "web.de")]).country == "DE"


def test_blocs():
    assert [bloc_of(c) for c in ("AT", "NO", "IS", "GB", "CH", "US", None)] == [
        "EU_EEA",
        "EU_EEA",
        "EU_EEA",
        "UK",
        "CH",
        "ROW",
        "unknown",
    ]


def test_every_sample_place_is_understood():
    for country, (zone, city, _, _) in PLACES.items():
        assert timezones().get(zone) in (country, "US"), zone  # Toronto shares US Eastern
        assert place_country(city) == country, city


@pytest.mark.parametrize("code", ["RE", "GP", "MQ", "GF", "YT", "MF", "AX"])
def test_eu_territories_with_their_own_iso_code_are_eu(code):
    assert bloc_of(code) == "EU_EEA"
    assert declared(code.lower()).bloc == "EU_EEA"


@pytest.mark.parametrize("code", ["NO", "IS", "LI"])
def test_eea_states_are_eu_eea(code):
    assert bloc_of(code) == "EU_EEA"


@pytest.mark.parametrize("code", ["GL", "FO", "NC", "PF", "BL", "AW", "SJ", "GI", "JE"])
def test_territories_outside_the_eu_are_rest_of_world(code):
    assert bloc_of(code) == "ROW"


def test_membership_comes_from_the_data_file_with_its_sources():
    from importlib.resources import files

    text = (files("auditor.data") / "blocs.tsv").read_text(encoding="utf-8")
    assert "TFEU Art. 349" in text and "EEA Agreement" in text
    members = [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]
    eu = {row[0] for row in members if row[1] == "EU_EEA" and row[2] == "member"}
    assert len(eu) == 27  # the member states; EEA states and territories are listed apart
