"""Benchmark: a one-month digest on a 1,000,000-mention database against the same digest on a
10,000-mention database. Goal: at most 2x (the digest reads its period, the period before, the
releases' window and their linked mentions through indexes, never the whole table).

Both databases hold the *same* mentions in the digest's window (the month, the month before and
the 90 days of release pickup: Dec. 1, 2018, to March 31, 2019, 2,000 mentions with quotes, some
logged for the example releases); the rest (8,000 or 998,000 mentions, half with a quote) lie
outside it, from 2000 to 2024, so the two digests are identical and any difference in time is
what the extra rows cost. Built once with executemany in large batches into SQLite files cached
under /tmp/pressroom-bench-digest/ (delete the folder to rebuild).

    .venv/bin/python benchmarks/bench_digest.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = Path("/tmp/pressroom-bench-digest")
WINDOW = (dt.date(2018, 12, 1), dt.date(2019, 3, 31))
WINDOW_MENTIONS = 2_000
PERIOD = "2019-03"
SIZES = {"10k": 10_000, "1m": 1_000_000}
BATCH = 50_000
OUTLET_TYPES = ("tv", "radio", "print", "online", "trade", "wire", "podcast")
WORDS = ("school resource officers training students safety board officers protect relationships "
         "conference violence prevention lawmakers policing community campus trust").split()
RELEASE_QUOTE = ("We commend the board for standing behind the officers who protect Baltimore's "
                 "students and staff, and we urge Maryland lawmakers to do the same.")


def workspace(root: Path):
    from pressroom.workspace import Workspace

    if not root.exists():
        root.mkdir(parents=True)
        shutil.copy(REPO / "pressroom.yaml", root / "pressroom.yaml")
        shutil.copytree(REPO / "releases", root / "releases")
    return Workspace(root)


def _sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _filler_day(rng: random.Random) -> dt.date:
    while True:
        day = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(25 * 366))
        if not WINDOW[0] <= day <= WINDOW[1] and day.year <= 2024:
            return day


def _window_day(rng: random.Random) -> dt.date:
    return WINDOW[0] + dt.timedelta(days=rng.randrange((WINDOW[1] - WINDOW[0]).days + 1))


def build(path: Path, total: int) -> None:
    from sqlalchemy import insert

    from pressroom.store import open_store
    from pressroom.store.schema import mentions, outlets, quotes

    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    store = open_store(workspace(CACHE / "ws"), url=f"sqlite:///{tmp}")
    logged = dt.datetime(2019, 4, 1, tzinfo=dt.timezone.utc)
    with store.begin() as conn:
        conn.execute(insert(outlets), [{"id": i, "name": f"Outlet {i}", "name_key": f"outlet{i}",
                                        "type": OUTLET_TYPES[i % 7], "domain": f"o{i}.example"}
                                       for i in range(1, 301)])
    window_rng, filler_rng = random.Random(1), random.Random(2)  # the window is the same in both
    next_quote = 1
    for start in range(1, total + 1, BATCH):
        rows, quote_rows = [], []
        for mid in range(start, min(start + BATCH, total + 1)):
            in_window = mid <= WINDOW_MENTIONS
            rng = window_rng if in_window else filler_rng
            slug = None
            if in_window and mid % 40 == 0:
                slug = "baltimore-school-police"
            elif not in_window and mid % 50 == 0:
                slug = f"old-release-{mid % 400}"
            rows.append({"id": mid, "url": f"https://o.example/{mid}", "outlet_id": 1 + mid % 300,
                         "title": _sentence(rng, 8), "published": _window_day(rng) if in_window
                         else _filler_day(rng), "reporter": f"Reporter {mid % 997}",
                         "excerpt": _sentence(rng), "body": None, "release_slug": slug,
                         "logged_at": logged, "logged_by": "bench"})
            if mid % 2 == 0:
                text = RELEASE_QUOTE if in_window and mid % 30 == 0 else _sentence(rng)
                quote_rows.append({"id": next_quote, "mention_id": mid,
                                   "speaker_id": "canady" if mid % 4 == 0 else None,
                                   "speaker_name": "Mo Canady" if mid % 4 == 0 else "Someone Else",
                                   "text": text})
                next_quote += 1
        with store.begin() as conn:
            conn.execute(insert(mentions), rows)
            conn.execute(insert(quotes), quote_rows)
    with store.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    store.close()
    tmp.rename(path)


def database(name: str) -> Path:
    path = CACHE / f"mentions-{name}.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        print(f"building {path} ({SIZES[name]:,} mentions)...", file=sys.stderr, flush=True)
        build(path, SIZES[name])
        print(f"  built in {time.perf_counter() - began:.1f} s", file=sys.stderr, flush=True)
    return path


def time_digest(path: Path, repeat: int) -> tuple[float, dict]:
    from pressroom.digest.build import build_digest
    from pressroom.digest.periods import parse_period
    from pressroom.digest.render import render_digest
    from pressroom.store import open_store

    ws = workspace(CACHE / "ws")
    period = parse_period(PERIOD, dt.date(2019, 4, 1))
    best, digest = float("inf"), {}
    with open_store(ws, url=f"sqlite:///{path}") as store:
        for _ in range(repeat):
            began = time.perf_counter()
            digest = build_digest(store, ws, period)
            render_digest(digest, "html", ws)
            best = min(best, time.perf_counter() - began)
    return best, digest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    small, large = database("10k"), database("1m")
    small_time, small_digest = time_digest(small, args.repeat)
    large_time, large_digest = time_digest(large, args.repeat)
    assert small_digest == large_digest, "the two digests differ: the window data is not the same"
    totals = small_digest["totals"]
    print(f"one-month digest ({PERIOD}: {totals['mentions']} mentions, {totals['quotes']} quotes; "
          f"{len(small_digest['releases'])} releases), best of {args.repeat}, build + HTML render:")
    print(f"  10,000-mention database:     {small_time * 1000:8.1f} ms")
    print(f"  1,000,000-mention database:  {large_time * 1000:8.1f} ms")
    ratio = large_time / small_time
    print(f"  ratio: {ratio:.2f}x (goal: at most 2x) {'OK' if ratio <= 2 else 'OVER GOAL'}")


if __name__ == "__main__":
    main()
