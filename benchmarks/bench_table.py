"""What a table costs against the CSV of the same rows: ``mention list --all`` (a table of every
row) against ``mention list --format csv``, 5,000 mentions, whole processes.

The database is ``bench_list.py``'s (built once, cached under ``$TMPDIR/pressroom-bench-list/``).
The two commands run alternately; printed are the medians of their CPU times (user + system,
from ``wait4``) and of the pairs' ratios, and the same for wall time. Goal: 1.5x or less. On a
terminal a table shows only the newest 50 rows unless ``--all``: every row is the worst case.
Run from the repository root:

    .venv/bin/python benchmarks/bench_table.py [--rows 5000] [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(command: list[str], env: dict) -> tuple[float, float, int]:
    """(CPU seconds, wall seconds, lines printed) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    error = proc.stderr.read().decode()
    proc.stdout.close()
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{error[-2000:]}")
    return usage.ru_utime + usage.ru_stime, wall, out.count(b"\n")


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_list import database
    from common import process_env

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    db = database(args.rows, False)
    workspace = Path(tempfile.mkdtemp(prefix="pressroom-bench-table-"))
    try:
        shutil.copy(REPO / "pressroom.yaml", workspace / "pressroom.yaml")
        env = {k: v for k, v in process_env().items() if not k.startswith("PRESSROOM_")}
        env.update(PRESSROOM_DATABASE_URL=f"sqlite:///{db}", PRESSROOM_WORKSPACE=str(workspace),
                   PYTHONPATH=str(REPO), NO_COLOR="1", COLUMNS="120")
        base = [sys.executable, "-m", "pressroom", "mention", "list"]
        csv, table = [*base, "--format", "csv"], [*base, "--all"]
        run(csv, env)  # warm the file cache
        pairs = [(run(table, env), run(csv, env)) for _ in range(args.runs)]
        lines = (pairs[0][0][2], pairs[0][1][2])
        print(f"{args.rows:,} mentions; median of {args.runs} pairs; table {lines[0]:,} lines, "
              f"CSV {lines[1]:,} lines")
        for index, what in ((0, "CPU"), (1, "wall")):
            mine = statistics.median(p[0][index] for p in pairs)
            theirs = statistics.median(p[1][index] for p in pairs)
            ratio = statistics.median(p[0][index] / p[1][index] for p in pairs)
            print(f"{what:<5} table (--all) {mine:7.3f}s   csv {theirs:7.3f}s   {ratio:4.2f}x "
                  "(goal <= 1.5x)")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
