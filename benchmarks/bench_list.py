"""How `pressroom mention list` scales: a 1,000,000-mention database against a 10,000-mention one.

Builds two SQLite databases through pressroom's own schema (``open_store(url=...)`` runs the
migrations; rows then go in with ``executemany``, the search index with one ``INSERT ... SELECT``)
and caches them under ``$TMPDIR/pressroom-bench-list/`` (``--rebuild`` builds them again). Then
times whole processes, ``python -m pressroom -w WS mention list ...`` with
``PRESSROOM_DATABASE_URL`` pointing at each database, best of N runs, for:

* one month: ``--since 2023-05-01 --until 2023-05-31 --limit 100 --format json`` (every month holds
  hundreds of mentions in the small database and tens of thousands in the large one: both print
  100, so the ratio measures the lookup, not the output);
* one word: ``--search WORD --format json``, a word planted in exactly 60 mentions of each
  database (same result size in both); and, for information only, a common word with ``--limit
  100`` (ranking scores every match, a hundred times as many in the large database).

Prints both times and the ratio for each (goal: 2x or less; indexes, not scans). Run from the
repository root:

    .venv/bin/python benchmarks/bench_list.py [--small 10000] [--large 1000000] [--runs 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(tempfile.gettempdir()) / "pressroom-bench-list"
SCHEMA_VERSION = 1  # bump when the generated data changes: cached databases are then rebuilt

RARE_WORD = "zephyrine"  # planted in exactly RARE_HITS mentions of every database
RARE_HITS = 60
FIRST_DAY, LAST_DAY = dt.date(2022, 1, 1), dt.date(2023, 12, 31)  # 24 months of mentions
WORDS = ("school resource officers safety training students campus police district board "
         "community program funding report survey teachers parents drill response mental "
         "health youth officer chief superintendent national association").split()


def build(path: Path, count: int, seed: int = 11) -> None:
    """A database of *count* mentions (quotes on one in five, two tags each), built fast."""
    sys.path.insert(0, str(REPO))
    from pressroom.store import open_store
    from pressroom.store.search import reindex_all

    rng = random.Random(seed)
    partial = path.with_suffix(".building")
    for stale in partial.parent.glob(partial.name + "*"):
        stale.unlink()
    store = open_store(url=f"sqlite:///{partial}")
    start_day, span = FIRST_DAY, (LAST_DAY - FIRST_DAY).days + 1
    rare = set(rng.sample(range(count), RARE_HITS))
    with store.begin() as conn:
        cursor = conn.connection.driver_connection.cursor()
        cursor.executemany("INSERT INTO outlets (id, name, name_key, type, domain) VALUES (?,?,?,?,?)",
                           [(i, f"Local News {i}", f"localnews{i}", "online", f"localnews{i}.example")
                            for i in range(1, 301)])
        chunk = 50_000
        for first in range(0, count, chunk):
            mentions, quotes, tags = [], [], []
            for i in range(first, min(first + chunk, count)):
                mention_id = i + 1
                title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
                if i in rare:
                    title += f" {RARE_WORD}"
                excerpt = " ".join(rng.choice(WORDS) for _ in range(30))
                day = start_day + dt.timedelta(days=rng.randrange(span))
                mentions.append((mention_id, f"https://www.localnews{i % 300 + 1}.example/news/{i}",
                                 i % 300 + 1, title, day.isoformat(), f"Reporter {i % 997}",
                                 excerpt, None, None, "2024-01-01 00:00:00.000000", "bench"))
                if i % 5 == 0:
                    quotes.append((mention_id, "canady", "Mo Canady",
                                   "Training matters for every officer."))
                tags += [(mention_id, "safety"), (mention_id, "training")]
            cursor.executemany(
                "INSERT INTO mentions (id, url, outlet_id, title, published, reporter, excerpt,"
                " body, release_slug, logged_at, logged_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)", mentions)
            cursor.executemany("INSERT INTO quotes (mention_id, speaker_id, speaker_name, text)"
                               " VALUES (?,?,?,?)", quotes)
            cursor.executemany("INSERT INTO mention_tags (mention_id, tag) VALUES (?,?)", tags)
        cursor.close()
        reindex_all(conn, "sqlite")
    store.close()  # the last connection checkpoints the WAL into the file
    partial.rename(path)


def database(count: int, rebuild: bool) -> Path:
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"v{SCHEMA_VERSION}-{count}.db"
    if rebuild or not path.exists():
        started = time.perf_counter()
        build(path, count)
        print(f"built {path} ({count:,} mentions, {path.stat().st_size / 2**20:.0f} MiB) "
              f"in {time.perf_counter() - started:.1f}s")
    return path


def best_time(args: list[str], db: Path, workspace: Path, runs: int) -> tuple[float, str]:
    from common import process_env

    env = {k: v for k, v in process_env().items() if not k.startswith("PRESSROOM_")}
    env["PRESSROOM_DATABASE_URL"] = f"sqlite:///{db}"
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-m", "pressroom", "-w", str(workspace), "mention", "list", *args]
    best, out = float("inf"), ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
        best, out = min(best, elapsed), done.stdout
    return best, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="Build the cached databases again.")
    args = parser.parse_args()

    small, large = database(args.small, args.rebuild), database(args.large, args.rebuild)
    workspace = Path(tempfile.mkdtemp(prefix="pressroom-bench-list-ws-"))
    try:
        shutil.copy(REPO / "pressroom.yaml", workspace / "pressroom.yaml")
        cases = [
            ("one month, --limit 100", ["--since", "2023-05-01", "--until", "2023-05-31",
                                        "--limit", "100", "--format", "json"]),
            (f"--search {RARE_WORD} ({RARE_HITS} hits in each)", ["--search", RARE_WORD,
                                                                   "--format", "json"]),
            ("info only: --search officer, --limit 100", ["--search", "officer", "--limit",
                                                          "100", "--format", "json"]),
            ("startup: --limit 1", ["--limit", "1", "--format", "json"]),
        ]
        import json

        print(f"{'case':<42} {f'{args.small:,}':>9} {f'{args.large:,}':>11}  ratio  (goal <= 2x)")
        for label, options in cases:
            small_time, small_out = best_time(options, small, workspace, args.runs)
            large_time, large_out = best_time(options, large, workspace, args.runs)
            rows = (len(json.loads(small_out)), len(json.loads(large_out)))
            print(f"{label:<42} {small_time:>8.3f}s {large_time:>10.3f}s  {large_time / small_time:4.2f}x"
                  f"  ({rows[0]} / {rows[1]} rows)")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
