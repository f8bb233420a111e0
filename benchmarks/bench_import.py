"""How `pressroom mention import` compares with `sqlite-utils insert DB mentions FILE --csv`.

Generates a CSV of N mentions (default 1,000,000; realistic columns; ~10% are the same story again
with tracking parameters), then times whole processes on the same file:

* pressroom: ``python -m pressroom -w WS mention import FILE`` into a new SQLite database
  (canonical URLs, outlet registry, quotes, tags, full-text index, batches of 5,000);
* baseline: the real ``sqlite-utils insert DB mentions FILE --csv`` (default ``--sqlite-utils
  install``: a ``sqlite-utils`` on PATH, else one installed into a throwaway venv under /tmp,
  ``$PRESSROOM_BENCH_SQLITE_UTILS_VENV`` or /tmp/pressroom-bench-sqlite-utils; never a project
  dependency). ``builtin`` times a stand-in instead, for machines without PyPI: what ``insert
  --csv`` does (csv.reader, TEXT columns, 100-row multi-VALUES INSERTs) in one transaction, much
  leaner than sqlite-utils itself (which commits every 100-row chunk and is ~10x slower).

Prints both times, the ratio (goal: 1.0x or less) and the import's peak RSS (goal: 150 MiB or
less, from wait4's rusage of that process alone). Run from the repository root:

    .venv/bin/python benchmarks/bench_import.py [--rows 1000000] [--sqlite-utils install|builtin]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("PRESSROOM_BENCH_SQLITE_UTILS_VENV")
            or Path(tempfile.gettempdir()) / "pressroom-bench-sqlite-utils")


BUILTIN_SQLITE_UTILS = r'''
import csv, sqlite3, sys
db, path = sys.argv[1], sys.argv[2]
csv.field_size_limit(sys.maxsize)
conn = sqlite3.connect(db)
with open(path, newline="", encoding="utf-8-sig") as f:
    reader = csv.reader(f)
    header = next(reader)
    cols = ", ".join(f"[{h}] TEXT" for h in header)
    conn.execute(f"CREATE TABLE IF NOT EXISTS [mentions] ({cols})")
    names = ", ".join(f"[{h}]" for h in header)
    one = "(" + ", ".join("?" for _ in header) + ")"
    with conn:
        batch = []
        def flush(rows):
            conn.execute(f"INSERT INTO [mentions] ({names}) VALUES " + ", ".join([one] * len(rows)),
                         [v for r in rows for v in r])
        for row in reader:
            batch.append(dict(zip(header, row)))  # sqlite-utils turns each row into a dict
            if len(batch) == 100:
                flush([[r.get(h) for h in header] for r in batch]); batch = []
        if batch:
            flush([[r.get(h) for h in header] for r in batch])
'''

OUTLETS = [("WBRC FOX6 News", "tv", "wbrc.com"), ("AL.com", "online", "al.com"),
           ("The Baltimore Sun", "print", "baltimoresun.com"), ("Education Week", "trade", "edweek.org"),
           ("Associated Press", "wire", "apnews.com"), ("WBUR", "radio", "wbur.org"),
           ("The Daily", "podcast", "nytimes.com")] + [
    (f"Local News {i}", "online", f"localnews{i}.example") for i in range(300)]
WORDS = ("school resource officers safety training students campus police district board "
         "community program funding report survey teachers parents shooting drill response "
         "mental health youth officer chief superintendent national association").split()


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    urls: list[str] = []
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("url,title,outlet,date,reporter,type,excerpt,quote,speaker,tags\n")
        for i in range(rows):
            name, kind, domain = OUTLETS[rng.randrange(len(OUTLETS))]
            if urls and rng.random() < 0.10:  # the same story again, from a tracked link
                url = rng.choice(urls) + f"?utm_source=newsletter&utm_campaign=c{i % 50}&fbclid=x{i}"
            else:
                url = f"https://www.{domain}/news/{2015 + i % 10}/{i % 12 + 1:02d}/story-{i}"
                if len(urls) < 50_000:
                    urls.append(url)
                elif rng.random() < 0.02:
                    urls[rng.randrange(len(urls))] = url
            title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
            excerpt = " ".join(rng.choice(WORDS) for _ in range(30))
            quote = "Training matters for every officer." if i % 5 == 0 else ""
            speaker = "canady" if quote else ""
            out.write(f'{url},{title},"{name}",{2015 + i % 10}-{i % 12 + 1:02d}-{i % 28 + 1:02d},'
                      f'Reporter {i % 997},{kind},"{excerpt}",{quote},{speaker},"safety, training"\n')


def timed(command: list[str], env: dict | None = None) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command[:4])}... failed ({proc.returncode}):\n{err[-2000:]}")
    if out.strip():
        print(f"    {out.strip().splitlines()[-1]}")
    return elapsed, usage.ru_maxrss


def sqlite_utils_command(mode: str) -> tuple[list[str] | None, str]:
    """The baseline's command line (None: the built-in stand-in) and how to name it."""
    if mode == "builtin":
        return None, "built-in stand-in for sqlite-utils insert --csv"
    on_path = shutil.which("sqlite-utils")
    if on_path:
        return [on_path], f"sqlite-utils {_version([on_path])} (on PATH)"
    venv_bin = VENV / "bin" / "sqlite-utils"
    if not venv_bin.exists():
        print(f"installing sqlite-utils into {VENV} (for this benchmark only) ...")
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "sqlite-utils"], check=True)
    return [str(venv_bin)], f"sqlite-utils {_version([str(venv_bin)])} (venv {VENV})"


def _version(command: list[str]) -> str:
    done = subprocess.run(command + ["--version"], capture_output=True, text=True)
    return done.stdout.strip().rsplit(" ", 1)[-1] if done.returncode == 0 else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sqlite-utils", dest="mode", choices=("install", "builtin"),
                        default="install",
                        help="install (default): real sqlite-utils, installed into a throwaway "
                             "venv if not on PATH; builtin: a leaner stand-in")
    parser.add_argument("--csv", type=Path, help="Use this generated file (kept) instead of a "
                        "new one (e.g. from an earlier --keep).")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary folder.")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pressroom-bench-import-"))
    try:
        command, label = sqlite_utils_command(args.mode)
        if args.csv:
            csv_path = args.csv
            with open(csv_path, "rb") as counted:
                args.rows = sum(1 for _ in counted) - 1
            print(f"using {csv_path}: {args.rows:,} rows")
        else:
            csv_path = work / "mentions.csv"
            started = time.perf_counter()
            generate(csv_path, args.rows)
            print(f"generated {args.rows:,} rows ({csv_path.stat().st_size / 2**20:.0f} MiB) "
                  f"in {time.perf_counter() - started:.1f}s")
        workspace = work / "ws"
        workspace.mkdir()
        shutil.copy(REPO / "pressroom.yaml", workspace / "pressroom.yaml")
        from common import process_env

        env = {k: v for k, v in process_env().items() if not k.startswith("PRESSROOM_")}
        env["PYTHONPATH"] = str(REPO)

        print("pressroom mention import ...")
        ours, rss_kib = timed([sys.executable, "-m", "pressroom", "-w", str(workspace), "mention",
                               "import", str(csv_path)], env)
        print(f"baseline: {label} ...")
        if command is None:
            theirs, _ = timed([sys.executable, "-c", BUILTIN_SQLITE_UTILS, str(work / "base.db"),
                               str(csv_path)])
        else:
            theirs, _ = timed(command + ["insert", str(work / "base.db"), "mentions", str(csv_path),
                                         "--csv"])
        rss_mib = rss_kib / 1024
        print(f"rows:               {args.rows:,}")
        print(f"pressroom import:   {ours:.2f}s")
        print(f"baseline:           {theirs:.2f}s  ({label})")
        print(f"ratio:              {ours / theirs:.2f}x  (goal <= 1.0x)")
        print(f"import peak RSS:    {rss_mib:.0f} MiB  (goal <= 150 MiB)")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
