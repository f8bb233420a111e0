"""The one assertion of the hostile-input suite (``tests/test_hostile_*.py``).

A hostile or careless input must end in a *clean failure*: exit status 1 or 2, exactly one
``error:`` line on stderr, no traceback, nothing partially written, the database unchanged (or
changed completely, which the test states by not passing a database to :class:`Unchanged`).

    guard = Unchanged(workspace, db_url=db_url)        # before the command
    result = run_cli(...)
    assert_clean_failure(result, status=2, contains="line 2", unchanged=guard)

``run_cli`` runs in-process with ``catch_exceptions=False``, so a traceback there is an exception
that fails the test by itself; for subprocesses (``run_process``) the stderr check catches it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Any, Iterable


SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def tree_snapshot(*folders: Path | str) -> dict[str, Any]:
    """Every entry under *folders*: its kind, mode and (for files) a hash of its bytes.

    Folders that do not exist are recorded as absent, so creating one is a change too. SQLite's
    own side files (``-wal``, ``-shm``, ``-journal``) are left out: the database's contents are
    compared by :func:`db_snapshot`."""
    seen: dict[str, Any] = {}
    for folder in folders:
        folder = Path(folder)
        if not os.path.lexists(folder):
            seen[str(folder)] = "absent"
            continue
        entries = [folder] + sorted(folder.rglob("*")) if folder.is_dir() else [folder]
        for entry in entries:
            if entry.name.endswith(SQLITE_SIDE_FILES):
                continue
            info = entry.lstat()
            if stat.S_ISLNK(info.st_mode):
                seen[str(entry)] = ("link", os.readlink(entry))
            elif stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256(entry.read_bytes()).hexdigest()
                seen[str(entry)] = ("file", stat.S_IMODE(info.st_mode), digest)
            elif stat.S_ISDIR(info.st_mode):
                seen[str(entry)] = ("dir", stat.S_IMODE(info.st_mode))
            else:
                seen[str(entry)] = ("special", stat.S_IFMT(info.st_mode))
    return seen


def db_snapshot(url: str) -> dict[str, list]:
    """Every row of every table of the database at *url* (the migration log included), sorted."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            names = inspect(conn).get_table_names()
            return {name: sorted((tuple(map(repr, row))
                                  for row in conn.execute(text(f'SELECT * FROM "{name}"'))))
                    for name in names}
    finally:
        engine.dispose()


class Unchanged:
    """What must not change: folders and files (and a database) recorded when this is made."""

    def __init__(self, *paths: Path | str, db_url: str | None = None) -> None:
        self.paths = paths
        self.db_url = db_url
        self.files = tree_snapshot(*paths)
        self.rows = db_snapshot(db_url) if db_url else None

    def check(self) -> None:
        after = tree_snapshot(*self.paths)
        changed = sorted(k for k in set(self.files) | set(after)
                         if self.files.get(k) != after.get(k))
        assert not changed, f"files changed by a failed command: {changed}"
        if self.db_url is not None:
            rows = db_snapshot(self.db_url)
            assert rows == self.rows, "the database changed although the command failed: " + \
                ", ".join(t for t in set(rows) | set(self.rows or {})
                          if rows.get(t) != (self.rows or {}).get(t))


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def assert_clean_failure(result: Any, *, status: int | Iterable[int] = (1, 2),
                         contains: str | Iterable[str] = (),
                         unchanged: Unchanged | None = None) -> str:
    """A clean failure (see the module docstring); returns the error line.

    *result* has ``exit_code``, ``stdout`` and ``stderr`` (``tests.conftest.Result``);
    *contains* are fragments the error line must include."""
    allowed = {status} if isinstance(status, int) else set(status)
    assert "Traceback" not in result.stderr, f"traceback on stderr:\n{result.stderr}"
    assert "Traceback" not in result.stdout, f"traceback on stdout:\n{result.stdout}"
    lines = error_lines(result.stderr)
    assert len(lines) == 1, f"expected exactly one error: line, got:\n{result.stderr}"
    assert result.exit_code in allowed, \
        f"exit status {result.exit_code}, expected {sorted(allowed)}: {lines[0]}"
    fragments = [contains] if isinstance(contains, str) else list(contains)
    for fragment in fragments:
        assert fragment in lines[0], f"{fragment!r} not in {lines[0]!r}"
    if unchanged is not None:
        unchanged.check()
    return lines[0]
