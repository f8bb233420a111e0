"""How much `pressroom release render --all` costs over the bare minimum.

Generates 1,000 releases in a temporary workspace, then times, as whole processes, best of 3:

* pressroom: ``python -m pressroom -w WS release render --all -o DIR`` (validation, datelines,
  Markdown to text, the default template, atomic writes);
* baseline: a script that loads the same files with PyYAML's C loader and renders each with one
  compiled Jinja2 template into a file.

Prints both times and the ratio (goal: 1.5x or less); ``--cpu`` also prints the CPU time (user +
system, the process and its workers) of the same best runs, which a busy shared machine disturbs
less than wall time. Run from the repository root:

    .venv/bin/python benchmarks/bench_render.py [--count 1000] [--format text] [--cpu]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BASELINE = r'''
import sys
from pathlib import Path
import jinja2, yaml

src, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
template = jinja2.Environment(autoescape=False).from_string(
    "FOR IMMEDIATE RELEASE\n\n{{ r.headline }}\n\n{{ r.date }} -- {{ r.dateline.city }}\n\n"
    "{{ r.body }}\n{% for q in r.quotes %}\n{{ q.text }} said {{ q.speaker }}.\n{% endfor %}\n###\n")
for path in sorted(src.glob("*.yaml")):
    with open(path, encoding="utf-8") as handle:
        doc = yaml.load(handle, Loader=yaml.CSafeLoader)
    (out / (path.stem + ".txt")).write_text(template.render(r=doc), encoding="utf-8")
'''

STATES = ["Ala.", "Texas", "CA", "New York", "Tenn.", "ohio", "Md."]
CITIES = ["Hoover", "Austin", "Santa Clara", "Albany", "Pigeon Forge", "Dayton", "Annapolis"]


def make_workspace(root: Path, count: int) -> None:
    shutil.copy(REPO / "pressroom.yaml", root / "pressroom.yaml")
    releases = root / "releases"
    releases.mkdir()
    import datetime as dt

    start = dt.date(2015, 1, 1)
    for n in range(count):
        day = start + dt.timedelta(days=n * 3)
        k = n % len(CITIES)
        (releases / f"{day.isoformat()}-release-{n:04d}.yaml").write_text(
            f"headline: NASRO announces school safety item number {n}\n"
            f"subhead: A subhead for release {n}\n"
            f"date: {day.isoformat()}\n"
            f"dateline:\n  city: {CITIES[k]}\n  state: {STATES[k]}\n"
            f"status: {['draft', 'approved', 'published'][n % 3]}\n"
            "contact: farlow\n"
            "body: |\n"
            "  The National Association of School Resource Officers (NASRO) announced *today*\n"
            "  a new program for school resource officers, with details at\n"
            "  [nasro.org](https://www.nasro.org).\n\n"
            "  - training for new officers\n  - refresher courses\n\n"
            "  A third paragraph with **more** detail about the program and its schedule.\n"
            "quotes:\n  - speaker: canady\n    text: We are proud of this work.\n"
            f"tags: [training, item-{n % 10}]\n", encoding="utf-8")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # waited-for children and their workers
    return usage.ru_utime + usage.ru_stime


def run_once(command: list[str], out: Path, env: dict) -> tuple[float, float]:
    """(wall, CPU) seconds of one run into an empty folder: what is measured is rendering
    everything, not finding files unchanged."""
    shutil.rmtree(out, ignore_errors=True)
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    return time.perf_counter() - start, _children_cpu() - cpu


def paired(runs: int, ours: tuple[list[str], Path], base: tuple[list[str], Path]) -> list[tuple]:
    """Runs the two commands alternately, *runs* times each: on a shared machine the load drifts,
    and a pair run back to back sees the same load."""
    from common import process_env

    env = process_env()
    run_once(*ours, env), run_once(*base, env)  # warm the file cache
    return [(run_once(*ours, env), run_once(*base, env)) for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--format", default="text", choices=["text", "markdown", "html"])
    parser.add_argument("--cpu", action="store_true", help="also report CPU time (user + system)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pressroom-bench-") as tmp:
        root = Path(tmp) / "ws"
        root.mkdir()
        make_workspace(root, args.count)
        script = Path(tmp) / "baseline.py"
        script.write_text(BASELINE, encoding="utf-8")
        pairs = paired(args.runs,
                       ([sys.executable, "-m", "pressroom", "-w", str(root), "release", "render",
                         "--all", "-o", str(Path(tmp) / "out"), "--format", args.format],
                        Path(tmp) / "out"),
                       ([sys.executable, str(script), str(root / "releases"),
                         str(Path(tmp) / "base")], Path(tmp) / "base"))
        produced = len(list((Path(tmp) / "out").iterdir()))
        assert produced == args.count, f"pressroom wrote {produced} of {args.count} files"
    import statistics

    wall = statistics.median(o[0] / b[0] for o, b in pairs)
    cpu = statistics.median(o[1] / b[1] for o, b in pairs)
    best_ours, best_base = min(o[0] for o, _ in pairs), min(b[0] for _, b in pairs)
    print(f"releases:  {args.count} ({args.format}), {args.runs} paired runs")
    print(f"pressroom: best {best_ours:.3f} s")
    print(f"baseline:  best {best_base:.3f} s (PyYAML C loader + one compiled Jinja2 template)")
    print(f"ratio:     {wall:.2f}x wall, median of pairs (best/best {best_ours / best_base:.2f}x; "
          "goal <= 1.5x)")
    if args.cpu:
        print(f"cpu:       {cpu:.2f}x, median of pairs (user + system, workers included)")

if __name__ == "__main__":
    main()
