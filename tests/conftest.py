"""Every test gets its own empty folder as the current directory, no inherited workspace, and no
colour; ``example_workspace`` copies the repository's NASRO workspace for tests that need one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytest_plugins = ["tests.fixtures_store", "tests.fixtures_mail", "tests.site_tools"]


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith("PRESSROOM_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("TERM", "dumb")
    home = tmp_path / "cwd"
    home.mkdir()
    monkeypatch.chdir(home)
    from pressroom.workspace import set_workspace_option

    set_workspace_option(None)
    yield home
    set_workspace_option(None)


@pytest.fixture
def example_workspace(tmp_path) -> Path:
    """A copy of the repository's example workspace (config, releases, templates)."""
    root = tmp_path / "nasro"
    root.mkdir()
    shutil.copy(REPO / "pressroom.yaml", root / "pressroom.yaml")
    for sub in ("releases", "templates"):
        if (REPO / sub).is_dir():
            shutil.copytree(REPO / sub, root / sub)
    return root


REGEN_GOLDEN = os.environ.get("PRESSROOM_REGEN_GOLDEN", "") not in ("", "0")


def check_golden(path: Path, actual: str) -> None:
    """Compare *actual* with the golden file at *path*; with PRESSROOM_REGEN_GOLDEN=1, write it
    instead (then read the diff before committing)."""
    if REGEN_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"missing golden file {path}; run with PRESSROOM_REGEN_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs from its golden file; regenerate if intended"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str, input: str | None = None, env: dict | None = None) -> Result:
    """Run pressroom in-process through the real entry point, capturing both streams."""
    from typer.testing import CliRunner

    from pressroom.cli import app

    runner = CliRunner()
    result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli():
    return run_cli


def run_process(*args: str, cwd: Path | None = None, env: dict | None = None,
                input: str | None = None, timeout: float = 120) -> Result:
    """Run ``python -m pressroom`` as a separate process (for concurrency and kill tests)."""
    full_env = {**os.environ, **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "pressroom", *args], cwd=cwd, env=full_env,
                          input=input, capture_output=True, text=True, timeout=timeout)
    return Result(proc.returncode, proc.stdout, proc.stderr)


def on_terminal(*args: str, columns: int = 200, env: dict | None = None,
                input: str | None = None) -> str:
    """Run ``python -m pressroom ARGS`` on a real pseudo-terminal (stdin, stdout and stderr);
    what the terminal showed, *input* typed first. It must exit with status 0."""
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: pressroom on the terminal
        os.execvpe(sys.executable, [sys.executable, "-m", "pressroom", *args],
                   {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "COLUMNS": str(columns),
                    **(env or {})})
    if input is not None:
        os.write(fd, input.encode())
    output, deadline = b"", time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    _, status = os.waitpid(pid, 0)
    text = output.decode(errors="replace").replace("\r\n", "\n")
    assert os.waitstatus_to_exitcode(status) == 0, text
    return text
