"""Start-up cost of the CLI, as whole processes, against the cost of importing Typer alone.

Baseline: ``python -c "import typer"`` (what any Typer CLI pays before doing anything).
Goals: ``pressroom --version`` at most 1.15x the baseline, ``pressroom --help`` at most 1.3x.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed(cmd: list[str], runs: int) -> float:
    """Median wall time of *runs* runs (after one warm-up), in seconds."""
    from common import process_env

    env = process_env(NO_COLOR="1", COLUMNS="100")
    subprocess.run(cmd, capture_output=True, env=env, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    pressroom = str(BIN / "pressroom")
    baseline = timed([sys.executable, "-c", "import typer"], args.runs)
    version = timed([pressroom, "--version"], args.runs)
    helptext = timed([pressroom, "--help"], args.runs)
    print(f"baseline  python -c 'import typer'   {baseline * 1000:7.1f} ms")
    print(f"pressroom --version                  {version * 1000:7.1f} ms   "
          f"{version / baseline:.2f}x baseline (goal <= 1.15x)")
    print(f"pressroom --help                     {helptext * 1000:7.1f} ms   "
          f"{helptext / baseline:.2f}x baseline (goal <= 1.30x)")


if __name__ == "__main__":
    main()
