"""The summary's types are its contract: the shipped JSON Schema is generated from them."""

import json

import msgspec
import pytest

from auditor.report_types import SCHEMA, json_schema, schema_text, shipped_schema, typed


def test_the_shipped_schema_is_the_generated_one():
    assert shipped_schema() == schema_text(), "run: python -m auditor.report_types"
    assert json_schema()["$id"] == SCHEMA == "auditor.report/2"


def test_every_summary_field_is_typed(run, sample, tmp_path):
    out = tmp_path / "s.json"
    assert run("report", sample[0], "-f", "json", "-o", out, "-q").exit_code == 0
    summary = json.loads(out.read_text())
    assert msgspec.to_builtins(typed(summary)) == summary  # nothing dropped or changed
    properties = json_schema()["$defs"]["Summary"]["properties"]
    assert set(properties) == set(summary)


def test_an_untyped_or_mistyped_field_is_refused(run, sample, tmp_path):
    out = tmp_path / "s.json"
    assert run("report", sample[0], "-f", "json", "-o", out, "-q").exit_code == 0
    summary = json.loads(out.read_text())
    with pytest.raises(msgspec.ValidationError, match="grok_messages"):
        typed({**summary, "counts": {**summary["counts"], "grok_messages": 3}})
    summary["totals"]["x_training"]["exposed"] = "many"
    with pytest.raises(msgspec.ValidationError, match="exposed"):
        typed(summary)


def test_status_fields_follow_the_one_status_list():
    from auditor.exposure.rules import REPORT_ORDER, STATUSES
    from auditor.report_types import PeriodCounts, StatusCounts

    assert StatusCounts.__struct_fields__ == REPORT_ORDER
    assert PeriodCounts.__struct_fields__ == ("period", *STATUSES)
