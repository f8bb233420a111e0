"""Helpers of the newsroom website tests: the example site, a local server, and the outside tools
(Chromium, Node with .ci/node_modules, Java for the Nu HTML Checker) found or skipped LOUDLY: a
warning, a skip reason in capitals and a line in the test summary (like the PostgreSQL skip)."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
import warnings
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / ".ci" / "node_modules"
NOW_2019 = "2019-05-01T15:00:00Z"
_skipped: dict[str, str] = {}


def skip_loudly(tool: str, reason: str) -> None:
    message = f"SITE QUALITY GATE SKIPPED ({tool}): {reason}; .ci/run installs it"
    if tool not in _skipped:
        warnings.warn(message, stacklevel=2)
    _skipped[tool] = reason
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for tool, reason in sorted(_skipped.items()):
        terminalreporter.write_sep("!", f"site quality gate {tool} was SKIPPED: {reason}",
                                   red=True, bold=True)


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    skip_loudly("chromium", "no headless Chromium (apt-get install chromium)")
    raise AssertionError  # not reached


def node_module(name: str) -> Path:
    """The folder of npm package *name* installed by .ci/run (npm ci --prefix .ci)."""
    if not shutil.which("node"):
        skip_loudly(name, "no node on this machine (apt-get install nodejs npm)")
    folder = NODE_MODULES / name
    if not (folder / "package.json").is_file():
        skip_loudly(name, f"{folder} is missing (npm ci --prefix .ci)")
    return folder


def java() -> str:
    path = shutil.which("java")
    if not path:
        skip_loudly("java", "no Java runtime for the Nu HTML Checker (apt-get install default-jre-headless)")
    return path or ""


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve *folder* on 127.0.0.1 (a free port) while the block runs; yields the base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # noqa: ANN002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def example_site(workspace: Path, out: Path, *, base_url: str | None = None,
                 now: str = NOW_2019) -> Path:
    """The example workspace with its mentions imported, built into *out* at the moment *now*."""
    import os

    from tests.conftest import run_cli

    env = {"PRESSROOM_WORKSPACE": str(workspace), "PRESSROOM_NOW": now}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        if not (workspace / ".imported").exists():
            result = run_cli("mention", "import", str(REPO / "data" / "mentions.csv"))
            assert result.exit_code == 0, result.stderr
            (workspace / ".imported").write_text("")
        args = ["site", "build", "-o", str(out)] + (["--base-url", base_url] if base_url else [])
        result = run_cli(*args)
        assert result.exit_code == 0, result.stderr
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return out
