"""Benchmark: `pressroom release send` to N recipients on a local SMTP server, rate limit off.

Goal: at least 50 messages per second for 5,000 recipients, and memory flat in the number of
recipients (peak RSS of the sending process at 1,000 and at 5,000 recipients).

The SMTP server (aiosmtpd, counting what it receives) runs in its own process on 127.0.0.1. The
named baseline is a bare smtplib loop in its own process: the same rendered message, its To and
Message-ID changed per recipient, over one connection, with no database and no send log. The
ratio printed is pressroom's time over the baseline's: what the exactly-once send log (two
committed transactions per message), per-recipient composition and checks cost.

    .venv/bin/python benchmarks/bench_send.py                 # 1,000 and 5,000 recipients
    .venv/bin/python benchmarks/bench_send.py --sizes 200     # while iterating
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, process_env  # noqa: E402

SERVER = r"""
import sys, threading
from aiosmtpd.controller import Controller

class Counter:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Counter.count += 1
        return "250 OK"

controller = Controller(Counter(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print(sys.argv[1], flush=True)
for line in sys.stdin:
    print(Counter.count, flush=True)
controller.stop()
"""

BASELINE = r"""
import smtplib, sys
from email import message_from_bytes, policy
port, count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
template = message_from_bytes(open(path, "rb").read(), policy=policy.SMTP)
client = smtplib.SMTP("127.0.0.1", port)
for n in range(count):
    del template["To"], template["Message-ID"]
    template["To"] = f"Reporter {n} <reporter{n}@example.com>"
    template["Message-ID"] = f"<bench.{n}@example.org>"
    client.sendmail("jay.farlow@example.org", [f"reporter{n}@example.com"],
                    template.as_bytes(policy=policy.SMTP))
client.quit()
"""


def start_server() -> tuple[subprocess.Popen, int]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    return server, int(server.stdout.readline())


def received(server: subprocess.Popen) -> int:
    server.stdin.write("count\n")
    server.stdin.flush()
    return int(server.stdout.readline())


def make_workspace(root: Path, port: int, count: int) -> None:
    root.mkdir(parents=True)
    shutil.copy(REPO / "pressroom.yaml", root / "pressroom.yaml")
    for sub in ("releases", "templates"):
        shutil.copytree(REPO / sub, root / sub)
    with open(root / "pressroom.yaml", "a", encoding="utf-8") as config:
        config.write(f"\nmail:\n  host: 127.0.0.1\n  port: {port}\n  security: none\n  rate: off\n")
    with open(root / "people.csv", "w", encoding="utf-8") as people:
        people.write("Name,Email,Outlet\n")
        for n in range(count):
            people.write(f"Reporter {n},reporter{n}@example.com,Outlet {n % 97}\n")


def run(args: list[str], env: dict, cwd: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(args[:6])} failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    options = parser.parse_args()
    env = process_env()
    server, port = start_server()
    pressroom = [sys.executable, "-m", "pressroom"]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for size in options.sizes:
                root = Path(tmp) / f"ws{size}"
                make_workspace(root, port, size)
                subprocess.run([*pressroom, "journalist", "import", "people.csv", "--list",
                                "everyone"], env=env, cwd=root, check=True,
                               stdout=subprocess.DEVNULL)
                before = received(server)
                took, rss = run([*pressroom, "release", "send", "conference-keynote", "--list",
                                 "everyone", "--yes"], env, root)
                got = received(server) - before
                assert got == size, f"the server received {got} of {size} messages"
                # The baseline sends the message pressroom wrote for one recipient.
                subprocess.run([*pressroom, "release", "send", "conference-keynote", "--to",
                                "reporter0@example.com", "--test", "sample@example.org",
                                "--outbox"], env=env, cwd=root, check=True,
                               stdout=subprocess.DEVNULL)
                sample = next((root / "outbox").glob("release-*.eml"))
                before = received(server)
                base, _ = run([sys.executable, "-c", BASELINE, str(port), str(size), str(sample)],
                              env, root)
                assert received(server) - before == size
                print(f"{size:>6} recipients: pressroom {took:6.2f} s ({size / took:6.1f} msg/s, "
                      f"peak RSS {rss / 1024:5.1f} MiB); bare smtplib loop {base:5.2f} s "
                      f"({size / base:6.1f} msg/s); ratio {took / base:4.2f}x", flush=True)
    finally:
        server.stdin.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
