"""Start-up of store commands: CPU time of whole processes against sqlite-utils on the same database.

The database is ``bench_list.py``'s 5,000-mention SQLite file (built once, cached under
``$TMPDIR/pressroom-bench-list/``), with credential requests added for the approve case. Each
case runs pressroom and its sqlite-utils counterpart alternately, N times, and prints the median
CPU time (user + system, from ``wait4``: the load of a shared machine inflates wall time far
more than CPU time) and the median of the pairs' ratios. Goal: 2x or less.

* ``mention list --limit 20 --format csv``  vs ``sqlite-utils rows DB mentions --limit 20 --csv``
* ``quote list --limit 20 --format csv``    vs ``sqlite-utils rows DB quotes --limit 20 --csv``
* ``outlet list --format csv``              vs ``sqlite-utils rows DB outlets --csv``
* ``credential list --limit 20 -f csv``     vs ``sqlite-utils rows DB credential_requests --limit 20 --csv``
* ``credential approve ID`` (a new pending request each run) vs ``sqlite-utils query DB "UPDATE
  credential_requests SET status = 'approved' WHERE id = ID"``
* ``mention show ID -f json``               vs ``sqlite-utils query DB "SELECT * FROM mentions WHERE id = ID"``
* ``credential history ID -f json``         vs ``sqlite-utils query DB "SELECT * FROM
  credential_transitions WHERE request_id = ID"``

sqlite-utils comes from a throwaway venv (as in ``bench_import.py``), never a project dependency.

pressroom runs as an installed copy does: from a throwaway venv whose one ``.pth`` line points at
this venv's site-packages (the same dependencies), with pressroom itself on ``PYTHONPATH``. The
development venv's editable-install finder (``__editable__...pth``), which a ``pip install
pressroom`` never has, is then not loaded; ``--dev-venv`` measures this venv as it is instead.

A last line, for information, is the SQLAlchemy floor: a process that only imports Typer and
SQLAlchemy, opens the database with ``create_engine`` and reads 20 mentions, against the same
sqlite-utils command as the first case. No command that imports SQLAlchemy can start faster than
that; the commands above, on SQLite, take the fast path (``pressroom.store.lite``) and do not.

Run from the repository root:

    .venv/bin/python benchmarks/bench_store_startup.py [--runs 15] [--dev-venv]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2019-05-01"  # the example event takes requests then


def cpu_time(command: list[str], env: dict) -> float:
    """User + system CPU seconds of one whole process (exit status 0 required)."""
    from bench_table import run

    return run(command, env)[0]


def installed_python(work: Path) -> str:
    """An interpreter that sees this venv's packages but not its editable-install finder."""
    import site
    import subprocess

    venv = work / "installed"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    packages = next(Path(p) for p in site.getsitepackages() if p.endswith("site-packages"))
    target = next((venv / "lib").glob("python*/site-packages"))
    (target / "pressroom-dependencies.pth").write_text(f"{packages}\n", encoding="utf-8")
    return str(venv / "bin" / "python")


FLOOR = ("import typer, sqlalchemy, sys\n"
         "engine = sqlalchemy.create_engine('sqlite:///' + sys.argv[1])\n"
         "with engine.connect() as conn:\n"
         "    conn.exec_driver_sql('SELECT * FROM mentions LIMIT 20').all()\n")


def add_requests(db: Path, workspace: Path, count: int) -> list[int]:
    """*count* pending requests for the example event, each from its own outlet."""
    sys.path.insert(0, str(REPO))
    os.environ["PRESSROOM_TODAY"] = TODAY
    from pressroom.credentials.intake import RequestInput
    from pressroom.credentials.requests import create_request
    from pressroom.store import open_store
    from pressroom.workspace import Workspace

    ws = Workspace(workspace)
    ids = []
    with open_store(ws, url=f"sqlite:///{db}") as store:
        for n in range(count):
            made = create_request(store, ws, "nssc-2019", RequestInput(
                name=f"Reporter {n}", email=f"r{n}@outlet{n}.example", outlet=f"Outlet {n}"))
            ids.append(made.request["id"])
    return ids


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_import import sqlite_utils_command
    from bench_list import database
    from common import process_env

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--mentions", type=int, default=5_000)
    parser.add_argument("--dev-venv", action="store_true",
                        help="run pressroom with this venv as it is (editable-install finder included)")
    args = parser.parse_args()

    baseline, label = sqlite_utils_command("install")
    work = Path(tempfile.mkdtemp(prefix="pressroom-bench-store-"))
    try:
        workspace = work / "ws"
        workspace.mkdir()
        shutil.copy(REPO / "pressroom.yaml", workspace / "pressroom.yaml")
        db = work / "pressroom.db"
        shutil.copy(database(args.mentions, False), db)
        ids = add_requests(db, workspace, args.runs + 1)
        env = {k: v for k, v in process_env().items() if not k.startswith("PRESSROOM_")}
        env.update(PRESSROOM_DATABASE_URL=f"sqlite:///{db}", PRESSROOM_TODAY=TODAY,
                   PRESSROOM_WORKSPACE=str(workspace), PYTHONPATH=str(REPO), NO_COLOR="1")
        python = sys.executable if args.dev_venv else installed_python(work)
        pressroom = [python, "-m", "pressroom"]
        approvals = iter(ids)
        cases = [
            ("mention list --limit 20", lambda: [*pressroom, "mention", "list", "--limit", "20", "-f", "csv"],
             lambda: [*baseline, "rows", str(db), "mentions", "--limit", "20", "--csv"]),
            ("quote list --limit 20", lambda: [*pressroom, "quote", "list", "--limit", "20", "-f", "csv"],
             lambda: [*baseline, "rows", str(db), "quotes", "--limit", "20", "--csv"]),
            ("outlet list", lambda: [*pressroom, "outlet", "list", "-f", "csv"],
             lambda: [*baseline, "rows", str(db), "outlets", "--csv"]),
            ("credential list --limit 20", lambda: [*pressroom, "credential", "list", "--limit", "20", "-f", "csv"],
             lambda: [*baseline, "rows", str(db), "credential_requests", "--limit", "20", "--csv"]),
            ("credential approve ID", lambda: [*pressroom, "credential", "approve", str(next(approvals))],
             lambda: [*baseline, "query", str(db), "UPDATE credential_requests SET status = "
                      f"'approved' WHERE id = {ids[-1]}"]),
            ("mention show ID", lambda: [*pressroom, "mention", "show", "2500", "-f", "json"],
             lambda: [*baseline, "query", str(db), "SELECT * FROM mentions WHERE id = 2500"]),
            ("credential history ID", lambda: [*pressroom, "credential", "history", str(ids[0]), "-f", "json"],
             lambda: [*baseline, "query", str(db), "SELECT * FROM credential_transitions "
                      f"WHERE request_id = {ids[0]}"]),
            ("floor: typer + sqlalchemy", lambda: [python, "-c", FLOOR, str(db)],
             lambda: [*baseline, "rows", str(db), "mentions", "--limit", "20", "--csv"]),
        ]
        print(f"pressroom: {'this venv as it is' if args.dev_venv else 'as installed (no editable finder)'}")
        print(f"baseline: {label}; CPU seconds (user + system), median of {args.runs} pairs")
        print(f"{'case':<28} {'pressroom':>10} {'sqlite-utils':>13}  ratio  (goal <= 2x)")
        for name, ours, theirs in cases:
            cpu_time(theirs(), env)  # warm the file cache
            pairs = [(cpu_time(ours(), env), cpu_time(theirs(), env)) for _ in range(args.runs)]
            mine = statistics.median(p[0] for p in pairs)
            base = statistics.median(p[1] for p in pairs)
            ratio = statistics.median(p[0] / p[1] for p in pairs)
            print(f"{name:<28} {mine:>9.3f}s {base:>12.3f}s  {ratio:4.2f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
