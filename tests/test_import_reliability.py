"""Imports that are killed half-way, and several writers at once (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pressroom.store import open_store
from pressroom.store import schema as t
from tests.conftest import REPO
from tests.fixtures_mail import PRESSROOM

pytestmark = pytest.mark.slow


def write_csv(path: Path, rows: int, *, prefix: str = "story", start: int = 0) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("url,title,outlet,date,quote,speaker\n")
        for i in range(start, start + rows):
            out.write(f"https://news{i % 7}.example/{prefix}/{i}?utm_source=feed,Story {i} about SROs,"
                      f"Outlet {i % 7},2024-{i % 12 + 1:02d}-{i % 28 + 1:02d},Words {i},canady\n")
    return path


def env_for(store_url: str, workspace: Path) -> dict:
    return {**os.environ, "PRESSROOM_DATABASE_URL": store_url, "PRESSROOM_WORKSPACE": str(workspace),
            "PYTHONPATH": str(REPO)}


def counts(url: str) -> tuple[int, int]:
    with open_store(url=url) as store, store.connect() as conn:
        return (conn.execute(select(func.count()).select_from(t.mentions)).scalar_one(),
                conn.execute(select(func.count()).select_from(t.quotes)).scalar_one())


def test_killed_import_leaves_whole_batches_and_resumes(store, db_url, example_workspace, tmp_path):
    total = 100_000
    big = write_csv(tmp_path / "big.csv", total)
    command = [*PRESSROOM, "mention", "import", str(big)]
    proc = subprocess.Popen(command, env=env_for(db_url, example_workspace),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while counts(db_url)[0] < 1000:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    mentions, quotes = counts(db_url)
    assert 1000 <= mentions < total, "the import finished before it could be killed"
    assert mentions % 1000 == 0 and quotes == mentions  # whole batches, whole rows
    again = subprocess.run(command, env=env_for(db_url, example_workspace),
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"added {total - mentions}, already known {mentions}, rejected 0\n"
    assert counts(db_url) == (total, total)


def test_four_importers_at_once(store, db_url, example_workspace, tmp_path):
    files = [write_csv(tmp_path / f"part{n}.csv", 250, prefix=f"p{n}", start=n * 250)
             for n in range(4)]
    procs = [subprocess.Popen([*PRESSROOM, "mention", "import",
                               "--batch-size", "10", str(f)],
                              env=env_for(db_url, example_workspace),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for f in files]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], outputs
    assert all(out == "added 250, already known 0, rejected 0\n" for out, _ in outputs), outputs
    assert counts(db_url) == (1000, 1000)
    with open_store(url=db_url) as opened, opened.connect() as conn:  # shared outlets: no doubles
        assert conn.execute(select(func.count()).select_from(t.outlets)).scalar_one() == 7


LIBRARY_WRITER = """
import sys
from pressroom.store import open_store
from pressroom.workspace import Workspace
from pressroom.mentions.records import NewMention, add_mention
ws = Workspace(sys.argv[2])
n = int(sys.argv[1])
with open_store(ws) as store:
    for i in range(250):
        add_mention(store, ws, NewMention(url=f"https://lib.example/{n}/{i}", outlet=f"Outlet {i % 5}",
                    title=f"Story {n}-{i}", published="2024-05-01",
                    quotes=[("Safety first.", "canady")], by="test"))
"""


def test_four_library_writers_at_once(store, db_url, example_workspace):
    procs = [subprocess.Popen([sys.executable, "-c", LIBRARY_WRITER, str(n), str(example_workspace)],
                              env=env_for(db_url, example_workspace),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for n in range(4)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], outputs
    assert counts(db_url) == (1000, 1000)


def test_concurrent_first_opens_migrate_once(db_url, example_workspace):
    code = "import sys; from pressroom.store import open_store; open_store(url=sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, db_url], env=env_for(db_url, example_workspace),
                              stderr=subprocess.PIPE, text=True) for _ in range(4)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    with open_store(url=db_url) as opened, opened.connect() as conn:
        names = [r[0] for r in conn.exec_driver_sql("SELECT name FROM schema_migrations")]
    assert len(names) == len(set(names))
