"""auditor batch throughput: --jobs 1 vs --jobs 2 vs a local Dask cluster of 2 workers.

    python benchmarks/batch.py                          # 40 archives of 20k posts each
    python benchmarks/batch.py --archives 12 --posts 5000

Archives are built once and cached in benchmarks/cache/batch-N-P/. Each configuration runs
`auditor batch` (JSON outputs by default, so the numbers are the analysis, not WeasyPrint;
--formats pdf,json for the whole thing) into a fresh
output folder in its own child process. Peak RSS per worker: the largest ru_maxrss among the
processes that ran audits (each archive's own process reports its peak; pool workers and Dask
workers are measured too), against one `auditor report` of the first archive.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache"

POOL = """
import resource, sys, json
from pathlib import Path
from auditor.batch import AuditOptions, plan, run_local
from auditor.settings import Settings
inbox, out, formats = Path(sys.argv[1]), Path(sys.argv[2]), tuple(sys.argv[3].split(","))
workers = int(sys.argv[4])
jobs = plan(inbox, out, Settings(), AuditOptions(out, formats, jobs=0 if workers == 1 else 1))
results = []
import time
started = time.perf_counter()
run_local(jobs, workers, results.append)
seconds = time.perf_counter() - started
peak = max([resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]
           + [r.peak_kb for r in results])
print(json.dumps({"failed": sum(r.exit_code != 0 for r in results),
                  "items": sum(r.row.items for r in results), "peak_kb": peak,
                  "seconds": seconds}))
"""

# One `auditor report` of the first archive, as a user runs it: its peak is what a batch
# worker should not exceed.
SINGLE = """
import json, os, resource, subprocess, sys
archive, out, formats = sys.argv[1], sys.argv[2], sys.argv[3]
auditor = os.path.join(os.path.dirname(sys.executable), "auditor")
for index, form in enumerate(formats.split(",")):
    subprocess.run([auditor, "report", archive, "-f", form,
                    "-o", f"{out}.{index}.{form}", "-q"], check=True)
print(json.dumps({"failed": 0, "items": 0,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""

DASK = """
import json, resource, sys
from pathlib import Path
from distributed import Client, LocalCluster
from auditor.batch import AuditOptions, plan, run_dask
from auditor.settings import Settings
inbox, out, formats = Path(sys.argv[1]), Path(sys.argv[2]), tuple(sys.argv[3].split(","))
def peak():  # the worker's, or the largest of the children it forked to audit
    return max(resource.getrusage(who).ru_maxrss
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
if __name__ == "__main__":
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.wait_for_workers(2)
        idle = max(client.run(peak).values())  # Dask's own footprint, before any audit
        jobs = plan(inbox, out, Settings(), AuditOptions(out, formats, jobs=1))
        results = []
        import time
        started = time.perf_counter()
        run_dask(jobs, cluster.scheduler_address, results.append)
        seconds = time.perf_counter() - started
        peaks = client.run(peak)
    print(json.dumps({"failed": sum(r.exit_code != 0 for r in results),
                      "items": sum(r.row.items for r in results),
                      "peak_kb": max([*peaks.values(), *(r.peak_kb for r in results)]),
                      "seconds": seconds, "idle_kb": idle}))
"""


def build(archives: int, posts: int) -> Path:
    folder = CACHE / f"batch-{archives}-{posts}"
    if (folder / ".complete").exists():
        return folder
    from auditor.platforms.x.sample import PLACES, build_sample

    folder.mkdir(parents=True, exist_ok=True)
    regions = sorted(PLACES)
    started = time.perf_counter()
    for index in range(archives):
        build_sample(
            folder / f"archive-{index:03d}.zip",
            posts=posts,
            likes=posts // 2,
            dms=max(posts // 500, 5),
            region=regions[index % len(regions)],
            seed=index,
        )
    (folder / ".complete").touch()
    print(f"built {archives} archives in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return folder


def measure(name: str, script: str, inbox: Path, extra: list[str]) -> dict:
    out = Path(tempfile.mkdtemp(prefix="auditor-batch-bench-"))
    try:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", script, str(inbox), str(out / "out"), *extra],
            capture_output=True,
            text=True,
            check=True,
        )
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(out, ignore_errors=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    seconds = result.get("seconds", seconds)
    return {"config": name, "seconds": round(seconds, 1), **result}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--archives", type=int, default=40)
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--formats", default="json", help="per archive, e.g. json or pdf,json")
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    inbox = build(args.archives, args.posts)
    size = sum(p.stat().st_size for p in inbox.glob("*.zip")) / 1e6
    print(
        f"formats {args.formats}; {args.archives} archives, {args.posts:,} posts each, "
        f"{size:,.0f} MB; "
        f"cpus {os.cpu_count()}"
    )
    runs = [
        measure("--jobs 1", POOL, inbox, [args.formats, "1"]),
        measure("--jobs 2", POOL, inbox, [args.formats, "2"]),
    ]
    if not args.skip_dask:
        runs.append(measure("dask 2 workers", DASK, inbox, [args.formats]))
    first = sorted(inbox.glob("*.zip"))[0]
    single = measure("one report", SINGLE, first, [args.formats])
    for run in runs:
        rate = args.archives / run["seconds"]
        print(
            f"{run['config']:>15}: {run['seconds']:7.1f} s  {rate:5.2f} archives/s  "
            f"{run['items'] / run['seconds']:9,.0f} items/s  peak RSS per worker "
            f"{run['peak_kb'] / 1024:5.0f} MB  failed {run['failed']}"
        )
    print(f"{'one report':>15}: peak RSS {single['peak_kb'] / 1024:5.0f} MB ({first.name})")
    one, two = runs[0]["seconds"], runs[1]["seconds"]
    print(f"--jobs 2 throughput / --jobs 1: {one / two:.2f}x (target >= 1.7)")
    if len(runs) > 2:
        print(f"dask / pool time: {runs[2]['seconds'] / two:.2f} (target <= 1.15)")
    for run in runs:
        ratio = run["peak_kb"] / single["peak_kb"]
        print(f"{run['config']} worker peak / one report's peak: {ratio:.2f} (target <= 1)")
    if len(runs) > 2:
        print(f"(a Dask worker holds {runs[2]['idle_kb'] / 1024:.0f} MB before any audit)")


if __name__ == "__main__":
    main()
