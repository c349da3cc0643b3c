"""`auditor batch`: many archives, one failing never stops the rest, resume, aggregate."""

import json
import os
import shutil
import stat
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from auditor import batch
from auditor.batch import AuditOptions, audit, plan, run_local
from auditor.errors import UsageError
from auditor.platforms.x.sample import ACCOUNT_ID, build_sample
from auditor.settings import Settings

GOOD = ("alpha", "beta", "folder")
BROKEN = {"empty": 3, "garbage": 3, "truncated": 3}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    """Three readable archives (two zips, one unzipped folder) and three broken ones."""
    folder = tmp_path_factory.mktemp("inbox")
    build_sample(folder / "alpha.zip", posts=150, likes=40, dms=3, region="DE", seed=1)
    build_sample(folder / "beta.zip", posts=120, likes=30, dms=3, region="US", seed=2)
    source = folder.parent / "folder-source.zip"
    build_sample(source, posts=100, likes=20, dms=3, region="GB", seed=3)
    with zipfile.ZipFile(source) as zf:
        zf.extractall(folder / "folder")
    (folder / "empty.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (folder / "garbage.zip").write_bytes(b"this is not an archive\n" * 40)
    whole = (folder / "alpha.zip").read_bytes()
    (folder / "truncated.zip").write_bytes(whole[: len(whole) // 2])
    (folder / "beta.settings.toml").write_text('country = "FR"\n')
    (folder / "notes.txt").write_text("not an archive: ignored\n")
    return folder


def _batch(run, inbox, out, *extra):
    return run("batch", inbox, "-o", out, "-f", "pdf,json,csv", "--jobs", "2", "-q", *extra)


@pytest.fixture(scope="module")
def done(inbox, tmp_path_factory):
    """One batch over the inbox, shared by the tests that only look at its outputs."""
    from typer.testing import CliRunner

    from auditor.cli import app

    out = tmp_path_factory.mktemp("batch") / "out"
    args = ["batch", str(inbox), "-o", str(out), "-f", "pdf,json,csv", "--jobs", "2", "-q"]
    result = CliRunner().invoke(app, args)
    return out, result


def test_every_archive_gets_its_outputs_and_failures_do_not_stop_the_batch(done):
    out, result = done
    assert result.exit_code == 7, result.output  # written, but some archives failed
    for name in GOOD:
        for file in ("report.pdf", "report.json", "items.csv", "state.json"):
            assert (out / name / file).is_file(), (name, file)
        assert (out / name / "report.pdf").read_bytes().startswith(b"%PDF")
        summary = json.loads((out / name / "report.json").read_text())
        assert summary["archive"]["file"] in (name, f"{name}.zip")  # its own archive's data
    frame = pd.read_parquet(out / "aggregate.parquet")
    assert sorted(frame["archive"]) == sorted([*GOOD, *BROKEN])
    codes = dict(zip(frame["archive"], frame["exit_code"], strict=True))
    for name, code in BROKEN.items():
        assert codes[name] == code
        assert frame.loc[frame["archive"] == name, "error"].item()
    for name in GOOD:
        assert codes[name] == 0
        assert frame.loc[frame["archive"] == name, "items"].item() > 0
    assert pd.read_csv(out / "aggregate.csv").shape == frame.shape


def test_aggregate_has_platform_region_and_exposure_columns(done, inbox):
    frame = pd.read_parquet(done[0] / "aggregate.parquet").set_index("archive")
    summary = json.loads((done[0] / "alpha" / "report.json").read_text())
    assert frame.loc["alpha", "platform"] == summary["archive"]["platform"]
    assert frame.loc["alpha", "region_bloc"] == summary["region"]["bloc"]
    for purpose, table in summary["exposure"].items():
        for category, statuses in table.items():
            for status, count in statuses.items():
                assert frame.loc["alpha", f"{purpose}__{category}__{status}"] == count
    # beta's own settings file declares France: the US sample is audited as EU
    assert frame.loc["beta", "region_source"] == "declared"
    assert frame.loc["beta", "region_bloc"] == "EU_EEA"


def test_no_usernames_or_ids_without_with_ids(done, run, inbox, tmp_path):
    username = json.loads((done[0] / "alpha" / "report.json").read_text())["archive"]["username"]
    assert username
    frame = pd.read_parquet(done[0] / "aggregate.parquet")
    assert not {"username", "account_id"} & set(frame.columns)
    for name in ("aggregate.csv", "aggregate.parquet", "batch-report.pdf"):
        data = (done[0] / name).read_bytes()
        assert ACCOUNT_ID.encode() not in data and username.encode() not in data
    text = "".join(page.extract_text() for page in PdfReader(done[0] / "batch-report.pdf").pages)
    assert username not in text and ACCOUNT_ID not in text

    out = tmp_path / "with-ids"
    assert _batch(run, inbox, out, "--with-ids").exit_code == 7
    frame = pd.read_parquet(out / "aggregate.parquet").set_index("archive")
    assert frame.loc["alpha", "username"] == username
    assert frame.loc["alpha", "account_id"] == ACCOUNT_ID


def test_batch_report_shows_distributions_failures_and_rules(done):
    reader = PdfReader(done[0] / "batch-report.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Share of items exposed" in text
    assert "Share of items exposed: X and xAI (Grok) training (x_training)" in text
    for name in BROKEN:
        assert name in text
    rules = pd.read_parquet(done[0] / "aggregate.parquet")["rules"]
    some_rule = next(r for r in ";".join(rules).split(";") if r)
    assert some_rule in text


def test_outputs_are_owner_only(done):
    out = done[0]
    for path in [out, *out.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))


def test_rerun_skips_what_is_up_to_date_and_redoes_what_is_not(inbox, run, tmp_path):
    work = tmp_path / "inbox"
    shutil.copytree(inbox, work)
    out = tmp_path / "out"
    assert _batch(run, work, out).exit_code == 7
    pdfs = {name: (out / name / "report.pdf").stat().st_mtime_ns for name in GOOD}
    before = pd.read_parquet(out / "aggregate.parquet")

    (out / "alpha" / "state.json").unlink()  # as if interrupted before alpha was finished
    (work / "folder.settings.toml").write_text('country = "CH"\n')  # folder's settings changed
    result = _batch(run, work, out)
    assert result.exit_code == 7

    after = {name: (out / name / "report.pdf").stat().st_mtime_ns for name in GOOD}
    assert after["beta"] == pdfs["beta"]  # up to date: not redone
    assert after["alpha"] != pdfs["alpha"]
    assert after["folder"] != pdfs["folder"]
    again = pd.read_parquet(out / "aggregate.parquet").set_index("archive")
    assert again.loc["folder", "region_bloc"] == "CH"
    unchanged = before.set_index("archive").drop(index="folder")
    pd.testing.assert_frame_equal(again.drop(index="folder")[unchanged.columns], unchanged)


def test_a_dead_worker_costs_its_archive_only(inbox, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "run_one", _die_on_alpha)
    jobs = plan(inbox, tmp_path / "out", Settings(), AuditOptions(tmp_path, ("json",)))
    results = []
    run_local(jobs, 1, results.append)
    codes = {result.row.archive: result.exit_code for result in results}
    assert codes["alpha"] == batch.WORKER_DIED
    assert codes["beta"] == 0 and codes["folder"] == 0
    assert not (tmp_path / "out" / "alpha" / "state.json").exists()  # retried on the next run


def _die_on_alpha(job):
    if job.name == "alpha":
        os._exit(9)
    return _real(job)


_real = batch.run_one  # the real one, before a test replaces it


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks per archive on Linux")
def test_each_archive_is_audited_in_a_process_of_its_own(inbox, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "run_one", _report_pid)
    jobs = plan(inbox, tmp_path / "out", Settings(), AuditOptions(tmp_path, ("json",)))
    results = []
    run_local(jobs, 1, results.append)  # one worker: without a child each, one pid for all
    pids = {result.error for result in results}
    assert len(results) == len(jobs) >= 3 and len(pids) == len(jobs)
    assert str(os.getpid()) not in pids


def _report_pid(job):
    row = batch.Row(job.name)
    return batch.AuditResult(job.archive, (), 0, str(os.getpid()), row)


def test_audit_writes_what_report_writes(inbox, run, tmp_path):
    result = audit(inbox / "alpha.zip", Settings(), AuditOptions(tmp_path / "a", ("json",)))
    assert result.exit_code == 0 and result.error == ""
    assert result.outputs == (tmp_path / "a" / "report.json",)
    target = tmp_path / "report.json"
    assert run("report", inbox / "alpha.zip", "-f", "json", "-o", target, "-q").exit_code == 0
    assert result.outputs[0].read_text() == target.read_text()


def test_bad_per_archive_settings_fail_that_archive_only(inbox, tmp_path):
    work = tmp_path / "inbox"
    work.mkdir()
    for name in ("alpha.zip", "beta.zip"):
        shutil.copy(inbox / name, work / name)
    (work / "alpha.settings.toml").write_text("country = 12 = 3\n")
    jobs = plan(work, tmp_path / "out", Settings(), AuditOptions(tmp_path, ("json",)))
    results = {r.row.archive: r for r in map(batch.run_one, jobs)}
    assert results["alpha"].exit_code == 2 and "TOML" in results["alpha"].error
    assert results["beta"].exit_code == 0


def test_bad_options_are_one_line_usage_errors(run, inbox, tmp_path):
    result = run("batch", inbox, "-o", tmp_path / "out", "-f", "pdf,docx")
    assert result.exit_code == 2 and "--format" in result.output
    assert len(result.output.strip().splitlines()) == 1
    result = run("batch", inbox, "-o", inbox)
    assert result.exit_code == 2 and "output folder" in result.output


def test_missing_distributed_is_one_clear_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UsageError, match=r"auditor\[distributed\]"):
        batch.run_dask([], "tcp://127.0.0.1:1", lambda result: None)


def test_dask_cluster_gives_the_process_pools_aggregate(inbox, run, tmp_path):
    distributed = pytest.importorskip("distributed")
    local = tmp_path / "local"
    assert _batch(run, inbox, local).exit_code == 7
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
    ):
        remote = tmp_path / "dask"
        result = _batch(run, inbox, remote, "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 7, result.output
    pd.testing.assert_frame_equal(
        pd.read_parquet(remote / "aggregate.parquet"), pd.read_parquet(local / "aggregate.parquet")
    )
    assert (remote / "aggregate.csv").read_bytes() == (local / "aggregate.csv").read_bytes()
    for name in GOOD:
        assert (remote / name / "report.json").read_bytes() == (
            local / name / "report.json"
        ).read_bytes()


def test_unreachable_scheduler_is_a_usage_error(run, inbox, tmp_path):
    pytest.importorskip("distributed")
    result = run("batch", inbox, "-o", tmp_path / "out", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2 and "--scheduler" in result.output


def test_paths(inbox):
    found = [a.name for a in batch.find_archives(inbox, inbox / "out")]
    assert found == sorted([*GOOD, *BROKEN])
    assert Path(inbox / "beta.settings.toml").is_file()


class Mallopt:
    """Records what `glibc_thresholds` asks of glibc."""

    def __init__(self):
        self.calls = []

    def mallopt(self, parameter, value):
        self.calls.append((parameter, value))
        return 1

    def malloc_trim(self, pad):
        self.calls.append(("trim", pad))
        return 1


def test_dask_workers_audit_with_glibcs_grown_thresholds_and_get_theirs_back(monkeypatch):
    libc = Mallopt()
    monkeypatch.setattr(batch, "_glibc", lambda: libc)
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")  # as Dask's nanny starts workers
    with batch.glibc_thresholds():
        during = list(libc.calls)
    assert during == [(batch.M_MMAP_THRESHOLD, 32 << 20), (batch.M_TRIM_THRESHOLD, 64 << 20)]
    assert libc.calls[2:] == [
        (batch.M_MMAP_THRESHOLD, 128 << 10),
        (batch.M_TRIM_THRESHOLD, 65536),
        ("trim", 0),
    ]


def test_without_dasks_setting_glibc_is_left_alone(monkeypatch):
    libc = Mallopt()
    monkeypatch.setattr(batch, "_glibc", lambda: libc)
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with batch.glibc_thresholds():
        pass
    assert libc.calls == []


def test_an_unexpected_error_is_one_line_for_that_archive_and_no_traceback(
    inbox, tmp_path, monkeypatch, capfd
):
    monkeypatch.setattr(batch, "run_one", _fail_on_alpha)
    jobs = plan(inbox, tmp_path / "out", Settings(), AuditOptions(tmp_path, ("json",)))
    results = []
    run_local(jobs, 2, results.append)
    codes = {result.row.archive: (result.exit_code, result.error) for result in results}
    assert codes["alpha"] == (1, "internal error (RuntimeError); please report it")
    assert codes["beta"][0] == 0
    assert "Traceback" not in capfd.readouterr().err


def _fail_on_alpha(job):
    if job.name == "alpha":
        raise RuntimeError("a bug")
    return _real(job)


def test_the_spawned_pool_gives_what_the_forked_children_give(inbox, tmp_path):
    """The path for systems without fork (macOS, Windows), run here with spawn."""
    results = {}
    for name, runner in (("forked", run_local), ("spawned", batch._run_on_pool)):
        options = AuditOptions(tmp_path / name, ("json",))
        jobs = plan(inbox, tmp_path / name, Settings(), options)
        found = []
        runner(jobs, 2, found.append)
        results[name] = {result.row.archive: result for result in found}
    forked, spawned = results["forked"], results["spawned"]
    assert sorted(forked) == sorted(spawned) == sorted([*GOOD, *BROKEN])
    for name in forked:
        assert forked[name].row == spawned[name].row
        assert forked[name].exit_code == spawned[name].exit_code
    for name in GOOD:
        assert (tmp_path / "forked" / name / "report.json").read_bytes() == (
            tmp_path / "spawned" / name / "report.json"
        ).read_bytes()
