"""What AP copy-editing of release bodies costs, and how well it does.

* body: CPU time of :func:`pressroom.copyedit.check_text` on a 1,000-word body (goal: under
  20 ms), median of the runs after a first, cold one (printed too: it reads the data tables and
  compiles the patterns);
* check: ``check_releases`` over N generated releases (default 1,000, bodies of about 400 words)
  with the body rules against the named baseline, the same call without them
  (``body_rules=False``), in one process, CPU time, run alternately; the ratio printed is the
  median of the pairs' ratios (goal: 2.0x or less). Twice: with "dirty" bodies (about 20
  findings each: every paragraph has several) and "clean" ones (the same after ``--fix``: only
  the notes in quotes and one unsafe finding are left), since the cost grows with the findings;
* ``--process``: the same comparison as whole processes (``python -m pressroom -w WS release
  check``), the baseline being a copy of the workspace whose ``style: rules:`` turns every family
  off (then no body rule runs): start-up and loading are shared, so the ratio is lower;
* ``--eval``: precision, recall and whole-sentence fix accuracy on the labelled sets
  (``tests/data/copyedit/dev.tsv``, tuned on, and ``heldout.tsv`` and ``heldout2.tsv``, never
  tuned on).

Run from the repository root:

    .venv/bin/python benchmarks/bench_copyedit.py [--count 1000] [--runs 5] [--process] [--eval]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PARAGRAPHS = [
    "The National Association of School Resource Officers will open its annual conference on "
    "January 15th in Pigeon Forge, Tennessee, with a keynote address at 9:00 AM by one of the "
    "country's leading researchers on school violence.",
    "More than 1,500 officers, principals and school safety professionals attended last year, "
    "and registration is up 12 percent. The conference runs five days and offers 7 tracks of "
    "training, from threat assessment to the teen brain.",
    "Officers may register through the NASRO website until May 31. Early registration costs "
    "$450.00 for members; the fee rises after that date. Questions go to "
    "jay.farlow@example.org or to the office at 2020 Valleydale Road in Hoover, Alabama.",
    "\"We have seen what trained officers can do,\" said Mo Canady, NASRO's executive director. "
    "\"Every school deserves an officer who knows its students, and we start at 8 AM sharp.\"",
    "In 2018, 4,000 officers completed NASRO's basic course, and the state of Maryland set "
    "aside $2,500,000 for school safety grants. Chapter 7 of the NASRO guide covers the role "
    "of the officer in student discipline; it is available online at www.nasro.org.",
    "The Internet Crimes Against Children task force will lead a session on the third day, and "
    "a panel of school counselors will discuss how students use the Internet and their cell "
    "phone after school hours.",
]


def body_of(words: int) -> str:
    paragraphs, count, n = [], 0, 0
    while count < words:
        paragraph = PARAGRAPHS[n % len(PARAGRAPHS)]
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        n += 1
    return "\n\n".join(paragraphs)


def bench_body(runs: int) -> None:
    from pressroom.copyedit import check_text

    text = body_of(1000)
    words = len(text.split())
    start = time.process_time()
    issues = check_text(text)
    cold = time.process_time() - start
    times = []
    for _ in range(max(runs, 5) * 4):
        start = time.process_time()
        check_text(text)
        times.append(time.process_time() - start)
    median = statistics.median(times)
    print(f"body: {words} words, {len(issues)} findings: {median * 1000:.1f} ms CPU "
          f"(median of {len(times)}; first call {cold * 1000:.1f} ms)  goal < 20 ms")


def make_workspace(root: Path, count: int, clean: bool = False) -> None:
    shutil.copy(REPO / "pressroom.yaml", root / "pressroom.yaml")
    releases = root / "releases"
    releases.mkdir()
    start = dt.date(2015, 1, 1)
    text = body_of(400)
    if clean:  # fixed in the workspace's house style: only the notes in quotes are left
        from pressroom.copyedit import workspace_style
        from pressroom.copyedit.check import fix_text
        from pressroom.workspace import Workspace

        text = fix_text(text, workspace_style(Workspace(root)))[0]
    body = "\n".join(("  " + line).rstrip() for line in text.splitlines())
    for n in range(count):
        day = start + dt.timedelta(days=n * 3)
        (releases / f"{day.isoformat()}-release-{n:04d}.yaml").write_text(
            f"headline: NASRO opens its conference number {n}\ndate: {day.isoformat()}\n"
            f"dateline:\n  city: Hoover\n  state: Ala.\nstatus: published\n"
            f"body: |\n{body}\nquotes:\n  - speaker: canady\n    text: Safer schools.\n",
            encoding="utf-8")


def bench_check(count: int, runs: int, clean: bool) -> None:
    from pressroom.releases.check import check_releases
    from pressroom.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_workspace(root, count, clean)
        ratios, with_times, without_times = [], [], []
        for run in range(runs + 1):
            timings = {}
            for body_rules in ((True, False) if run % 2 else (False, True)):
                workspace = Workspace(root)  # fresh: nothing cached between runs
                start = time.process_time()
                report = check_releases(None, workspace, body_rules=body_rules)
                timings[body_rules] = time.process_time() - start
                if body_rules:
                    body_findings = sum(1 for f in report.findings if f.copyedit)
                assert not report.errors, report.errors[:1]
            if run == 0:
                continue  # warm-up: imports, data tables, compiled patterns
            with_times.append(timings[True])
            without_times.append(timings[False])
            ratios.append(timings[True] / timings[False])
        findings = body_findings // max(count, 1)
        print(f"check ({'clean' if clean else 'dirty'}, {findings} body findings each): "
              f"{count} releases: with body rules {statistics.median(with_times):.2f} s "
              f"CPU, baseline (body_rules=False) {statistics.median(without_times):.2f} s: "
              f"{statistics.median(ratios):.2f}x (median of {runs} pairs)  goal <= 2.0x")


OFF = ("\nstyle:\n  rules: {date: off, time: off, number: off, percent: off, money: off, "
       "age: off, address: off, place: off, word: off}\n")


def bench_process(count: int, runs: int) -> None:
    import resource
    import subprocess

    sys.path.insert(0, str(REPO / "benchmarks"))
    from common import process_env

    env = process_env()
    with tempfile.TemporaryDirectory() as tmp:
        with_rules, without = Path(tmp) / "with", Path(tmp) / "without"
        with_rules.mkdir()
        make_workspace(with_rules, count, clean=True)
        shutil.copytree(with_rules, without)
        config = (without / "pressroom.yaml").read_text(encoding="utf-8")
        config = config.replace("style:\n  states: abbreviate\n", "")
        (without / "pressroom.yaml").write_text(config + OFF, encoding="utf-8")
        ratios, cpu = [], {True: [], False: []}
        for run in range(runs + 1):
            for rules_on in ((True, False) if run % 2 else (False, True)):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run([sys.executable, "-m", "pressroom", "-w",
                                str(with_rules if rules_on else without), "release", "check"],
                               env=env, capture_output=True, check=False)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[rules_on].append(after.ru_utime + after.ru_stime
                                     - before.ru_utime - before.ru_stime)
            if run:
                ratios.append(cpu[True][-1] / cpu[False][-1])
        print(f"check as processes (clean): {count} releases: with body rules "
              f"{statistics.median(cpu[True][1:]):.2f} s CPU, baseline (every family off) "
              f"{statistics.median(cpu[False][1:]):.2f} s: {statistics.median(ratios):.2f}x "
              f"(median of {runs} pairs)  goal <= 2.0x")


def bench_eval() -> None:
    from pressroom.copyedit.evaluation import read_cases, score

    for name in ("dev", "heldout", "heldout2"):
        cases = read_cases(REPO / "tests" / "data" / "copyedit" / f"{name}.tsv")
        result = score(cases)
        print(f"eval {name}: {len(cases)} sentences, {result.findings.expected} expected "
              f"findings: precision {result.findings.precision:.3f}, "
              f"recall {result.findings.recall:.3f}, "
              f"fixes right {result.fixes_right}/{result.sentences}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--process", action="store_true", help="Also time whole processes.")
    parser.add_argument("--eval", action="store_true", help="Also score the labelled sets.")
    args = parser.parse_args()
    bench_body(args.runs)
    bench_check(args.count, args.runs, clean=False)
    bench_check(args.count, args.runs, clean=True)
    if args.process:
        bench_process(args.count, args.runs)
    if args.eval:
        bench_eval()


if __name__ == "__main__":
    main()
