"""auditor benchmark: decompression floor vs naive json.loads vs auditor (JSON and PDF).

    python benchmarks/run.py                 # 10k, 100k and 1M posts (builds archives once)
    python benchmarks/run.py --sizes 10000   # just one size
    python benchmarks/run.py --repeat 1      # one run per measurement instead of the best of 3

Archives are cached in benchmarks/cache/. Every measurement runs in its own child process
so peak RSS (ru_maxrss of that child) is its own. Each is repeated and the fastest run
kept (shared machines vary by 20-40 % from run to run; the fastest is the least disturbed);
peak RSS is the largest seen. The floor is the faster of Python's zipfile and `unzip -p`.
The minimal render is WeasyPrint alone turning one paragraph into a one-page PDF with the
bundled DejaVu font: the fixed cost any PDF pays (issue 20 compares the 10k PDF with it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache"

FLOOR = """
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as zf:
    for info in zf.infolist():
        if info.filename.startswith("data/") and info.filename.endswith(".js"):
            with zf.open(info) as member:
                while member.read(4 << 20):
                    pass
"""

NAIVE = """
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as zf:
    for info in zf.infolist():
        if info.filename.startswith("data/") and info.filename.endswith(".js"):
            text = zf.read(info).decode("utf-8")
            json.loads(text[text.index("=") + 1:].strip().rstrip(";"))
"""

# Same fonts as the report (a file URL to the bundled DejaVu), same PDF variant, one page.
MINIMAL = """
import sys
from pathlib import Path
from weasyprint import HTML
font = (Path(sys.argv[1]) / "fonts" / "DejaVuSans.ttf").as_uri()
html = (
    f"<style>@font-face {{ font-family: R; src: url({font}); }} html {{ font-family: R; }}"
    "</style><p>One paragraph of text, rendered to a one-page PDF.</p>"
)
Path(sys.argv[2]).write_bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))
"""


def build(posts: int) -> Path:
    path = CACHE / f"sample-{posts}.zip"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        started = time.perf_counter()
        from auditor.platforms.x.sample import build_sample

        build_sample(
            path.with_suffix(".tmp"),
            posts=posts,
            likes=posts,
            dms=max(posts // 200, 20),
            region="DE",
            part_bytes=100 << 20,
            media_every=10,
        )
        path.with_suffix(".tmp").rename(path)
        print(f"built {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return path


def measure_isolated(args: list[str]) -> tuple[float, float]:
    """Run through a tiny wrapper so ru_maxrss belongs to this child alone."""
    wrapper = (
        "import resource, subprocess, sys, time, json;"
        "t=time.perf_counter(); subprocess.run(sys.argv[1:], check=True,"
        " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(json.dumps([time.perf_counter()-t,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, *args], check=True, capture_output=True, text=True
    )
    wall, peak = json.loads(result.stdout)
    return wall, peak


def run_size(posts: int, pdf: bool, repeat: int) -> dict:
    archive = build(posts)
    with zipfile.ZipFile(archive) as zf:
        data_bytes = sum(
            i.file_size
            for i in zf.infolist()
            if i.filename.startswith("data/") and i.filename.endswith(".js")
        )
    auditor = [sys.executable, "-m", "auditor.cli"]
    out = CACHE / f"out-{posts}"
    commands = {
        "floor zipfile": [sys.executable, "-c", FLOOR, str(archive)],
        "naive": [sys.executable, "-c", NAIVE, str(archive)],
        "json": [*auditor, "report", str(archive), "-f", "json", "-q", "-o", f"{out}.json"],
    }
    if shutil.which("unzip"):
        commands["floor unzip -p"] = ["sh", "-c", f"unzip -p '{archive}' 'data/*.js' >/dev/null"]
    if pdf:
        commands["pdf"] = [*auditor, "report", str(archive), "-q", "-o", f"{out}.pdf"]
        from auditor.render.assets import templates_dir

        templates = templates_dir()
        commands["minimal"] = [sys.executable, "-c", MINIMAL, str(templates), f"{out}-min.pdf"]
    runs: dict[str, list] = {name: [] for name in commands}
    for _ in range(repeat):  # interleaved, so a slow spell of the machine hits every command
        for name, command in commands.items():
            runs[name].append(measure_isolated(command))
    best = {name: (min(w for w, _ in done), max(p for _, p in done)) for name, done in runs.items()}
    floors = {name[6:]: best[name] for name in best if name.startswith("floor")}
    tool = min(floors, key=lambda name: floors[name][0])
    row = {"posts": posts, "zip_mb": archive.stat().st_size / 1e6, "data_mb": data_bytes / 1e6}
    row.update(floor=best[f"floor {tool}"], floor_tool=tool, naive=best["naive"])
    row.update(json=best["json"])
    if pdf:
        row.update(pdf=best["pdf"], minimal=best["minimal"])
    row["runs"] = runs
    row["load"] = os.getloadavg()
    return row


def table(rows: list[dict]) -> str:
    lines = [
        "| posts (+ same likes) | data MB | (a) floor s / MB RSS | (b) json.loads s / MB "
        "| (c) report JSON s / MB | (d) report PDF s / MB | (e) minimal render s / MB "
        "| c/a | d/a | b/c | b/d | d/e |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        a, b, c = row["floor"], row["naive"], row["json"]
        nan = (float("nan"), float("nan"))
        d, e = row.get("pdf", nan), row.get("minimal", nan)
        lines.append(
            f"| {row['posts']:,} | {row['data_mb']:,.0f} | {a[0]:.1f} / {a[1]:,.0f} "
            f"| {b[0]:.1f} / {b[1]:,.0f} | {c[0]:.1f} / {c[1]:,.0f} | {d[0]:.1f} / {d[1]:,.0f} "
            f"| {e[0]:.2f} / {e[1]:,.0f} | {c[0] / a[0]:.2f} | {d[0] / a[0]:.2f} "
            f"| {b[0] / c[0]:.2f} | {b[0] / d[0]:.2f} | {d[0] / e[0]:.2f} |"
        )
    tools = sorted({row["floor_tool"] for row in rows})
    lines.append(f"\nfloor measured with: {', '.join(tools)} (the faster of zipfile and unzip -p)")
    for row in rows:  # others' work on a shared machine slows every figure
        load = " / ".join(f"{x:.1f}" for x in row["load"])
        lines.append(f"load average (1/5/15 min) after {row['posts']:,}: {load}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    options = parser.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    rows = [run_size(size, not options.no_pdf, options.repeat) for size in options.sizes]
    print(table(rows))
    (CACHE / "results.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
