"""`pressroom site serve`: a real server process on 127.0.0.1 that rebuilds when a release changes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

from tests.conftest import REPO


def test_serve_previews_and_rebuilds_on_change(example_workspace):
    env = {**os.environ, "PRESSROOM_NOW": "2019-05-01T15:00:00Z", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "pressroom", "-w", str(example_workspace),
                             "site", "serve", "--port", "0", "--interval", "0.2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        base = None
        deadline = time.monotonic() + 60
        while base is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            found = re.search(r"serving the preview at (http://127\.0\.0\.1:\d+/)", line)
            base = found.group(1) if found else None
        assert base, proc.stderr.read() if proc.poll() is not None else "no address printed"
        page = urllib.request.urlopen(base + "releases/conference-keynote/").read().decode()
        assert f'<link rel="canonical" href="{base}releases/conference-keynote/">' in page
        release = example_workspace / "releases" / "2019-04-15-conference-keynote.yaml"
        release.write_text(release.read_text().replace("Expert on the roots", "Scholar of the roots"))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            page = urllib.request.urlopen(base + "releases/conference-keynote/").read().decode()
            if "Scholar of the roots" in page:
                break
            time.sleep(0.2)
        assert "Scholar of the roots" in page
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert not (example_workspace / "site").exists()  # the preview never touches the real output


def test_serve_sees_a_change_made_the_moment_the_address_is_printed(example_workspace, monkeypatch):
    """The inputs are stamped before the first build: an edit made as soon as the address is
    shown (here: by the very call that shows it) is rebuilt, not taken for what was built."""
    import threading

    from pressroom.site.serve import serve_site
    from pressroom.workspace import Workspace

    monkeypatch.setenv("PRESSROOM_NOW", "2019-05-01T15:00:00Z")
    release = example_workspace / "releases" / "2019-04-15-conference-keynote.yaml"
    stop = threading.Event()
    found: dict[str, str] = {}

    def echo(line: str) -> None:
        address = re.search(r"serving the preview at (http://127\.0\.0\.1:\d+/)", line)
        if address:
            found["base"] = address.group(1)
            release.write_text(release.read_text().replace("Expert on the roots",
                                                           "Scholar of the roots"))

    server = threading.Thread(target=serve_site, args=(Workspace(example_workspace),),
                              kwargs={"port": 0, "interval": 0.05, "echo": echo, "stop": stop})
    server.start()
    try:
        page = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if "base" in found:
                page = urllib.request.urlopen(found["base"] + "releases/conference-keynote/").read().decode()
                if "Scholar of the roots" in page:
                    break
            time.sleep(0.05)
        assert "Scholar of the roots" in page
    finally:
        stop.set()
        server.join(timeout=30)
