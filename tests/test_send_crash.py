"""Exactly once: a send killed with SIGKILL at several points, then run again, reaches every
recipient once; only the message in flight at a kill may arrive twice, with the same Message-ID.
Real subprocesses against a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter

from tests.conftest import run_cli
from tests.fixtures_mail import PRESSROOM, use_smtp

PEOPLE = 60


def _journalists(path) -> None:  # noqa: ANN001
    lines = ["Name,Email,Outlet"]
    lines += [f"Reporter {n},reporter{n}@example.com,Outlet {n % 7}" for n in range(PEOPLE)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _run(env: dict) -> subprocess.Popen:
    return subprocess.Popen([*PRESSROOM, "release", "send", "conference-keynote", "--list",
                             "everyone", "--yes"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def test_sigkill_at_several_points_then_rerun_reaches_everyone_once(store, example_workspace,
                                                                     smtp_server, tmp_path):
    _journalists(tmp_path / "people.csv")
    assert run_cli("journalist", "import", str(tmp_path / "people.csv"), "--list",
                   "everyone").exit_code == 0
    use_smtp(example_workspace, smtp_server.port)
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "  rate: 30/s\n", encoding="utf-8")
    env = {**os.environ}
    kills = 0
    for kill_at in (0, 5, 23, 41):
        process = _run(env)
        deadline = time.monotonic() + 60
        if kill_at == 0:
            time.sleep(0.4)  # while starting up, before or at the first message
        else:
            while len(smtp_server.received) < kill_at and time.monotonic() < deadline:
                time.sleep(0.005)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
        kills += 1
    final = _run(env)
    out, err = final.communicate(timeout=120)
    assert final.returncode == 0, err.decode()
    counts = Counter(r.recipients[0] for r in smtp_server.received)
    assert sorted(counts) == sorted(f"reporter{n}@example.com" for n in range(PEOPLE))
    repeated = {address: n for address, n in counts.items() if n > 1}
    assert sum(n - 1 for n in repeated.values()) <= kills, repeated
    for address in repeated:  # the message in flight went twice: the same message
        ids = {r.message["Message-ID"] for r in smtp_server.received if r.recipients[0] == address}
        assert len(ids) == 1
    import json

    rows = json.loads(run_cli("release", "sends", "conference-keynote", "-f", "json").stdout)
    assert len(rows) == PEOPLE and {r["status"] for r in rows} == {"sent"}
    again = run_cli("release", "send", "conference-keynote", "--list", "everyone", "--yes")
    assert again.stdout.startswith(f"nothing to send: {PEOPLE} already sent")
