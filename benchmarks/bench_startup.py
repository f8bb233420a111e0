"""Start-up cost of the CLI, as whole processes, against the cost of importing Typer alone.

Baseline: ``python -c "import typer"`` (what any Typer CLI pays before doing anything).
Goals: ``pressroom --version`` at most 1.15x the baseline, ``pressroom --help`` at most 1.3x.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def once(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, env=env, check=True)
    return time.perf_counter() - start


def main() -> None:
    from common import process_env

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    env = process_env(NO_COLOR="1", COLUMNS="100")
    pressroom = str(BIN / "pressroom")
    commands = {"baseline": [sys.executable, "-c", "import typer"],
                "version": [pressroom, "--version"], "help": [pressroom, "--help"]}
    for cmd in commands.values():  # warm the file cache
        once(cmd, env)
    # Rounds of the three, back to back: on a shared machine the load drifts, and each round's
    # ratios compare runs that saw the same load.
    rounds = [{name: once(cmd, env) for name, cmd in commands.items()} for _ in range(args.runs)]
    median = {name: statistics.median(r[name] for r in rounds) for name in commands}
    ratio = {name: statistics.median(r[name] / r["baseline"] for r in rounds)
             for name in ("version", "help")}
    print(f"baseline  python -c 'import typer'   {median['baseline'] * 1000:7.1f} ms (median)")
    print(f"pressroom --version                  {median['version'] * 1000:7.1f} ms   "
          f"{ratio['version']:.2f}x baseline, median of rounds (goal <= 1.15x)")
    print(f"pressroom --help                     {median['help'] * 1000:7.1f} ms   "
          f"{ratio['help']:.2f}x baseline, median of rounds (goal <= 1.30x)")


if __name__ == "__main__":
    main()
