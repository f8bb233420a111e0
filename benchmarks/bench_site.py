"""How long `pressroom site build` takes against Pelican 4 building the same articles.

Generates (once, cached under ``$PRESSROOM_BENCH_SITE_DIR`` or /tmp/pressroom-bench-site) a
workspace of N releases (default 1,000; ~350 words of Markdown each, a quote, tags, over ten years)
and M mentions (default 10,000, each quoting the spokesperson, so all of them are "in the media"),
and the same N texts as Pelican Markdown articles (title, date, tags, body). Then times whole
processes, best of ``--repeat``:

* full build: ``python -m pressroom -w WS site build -o NEW_FOLDER`` (every page, feed and the
  sitemap written; 1,000 release pages, archives, tag pages, ten years of media pages);
* baseline: ``pelican content -o NEW_FOLDER -s pelicanconf.py`` with Pelican 4 (PyPI) in a
  throwaway venv (``$PRESSROOM_BENCH_PELICAN_VENV``, default /tmp/pressroom-bench-pelican; never
  a project dependency), its default theme and feeds;
* rebuild: one release's body changed, then ``site build`` into the folder the last build wrote
  (with the build cache the last build left in the workspace's ``.pressroom-cache/``; every full
  build starts without it).

Prints the five times and four ratios: full build / Pelican (goal: 0.5x or less), rebuild in a
new process / full build (goal: 0.10x or less), the same inside ``site serve``, and the floor of
a rebuild in a new process (Python starting and importing Jinja2, markdown-it and PyYAML, which
rendering one changed release needs, building nothing) / full build. Run from the
repository root:

    .venv/bin/python benchmarks/bench_site.py [--releases 1000] [--mentions 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import REPO, process_env  # noqa: E402

ROOT = Path(os.environ.get("PRESSROOM_BENCH_SITE_DIR")
            or Path(tempfile.gettempdir()) / "pressroom-bench-site")
PELICAN_VENV = Path(os.environ.get("PRESSROOM_BENCH_PELICAN_VENV")
                    or Path(tempfile.gettempdir()) / "pressroom-bench-pelican")
WORDS = ("school resource officers training safety students conference association national "
         "community policing program education officers county district partnership mentoring "
         "relationships prevention violence campus administrators families support leaders "
         "research policy guidance standards certification instructors course").split()
TAGS = ["training", "conference", "legislation", "statement", "research", "awards", "policy",
        "mentoring", "safety", "partnership", "Maryland", "Alabama", "Texas", "grants"]
OUTLETS = [("WVTM TV", "tv"), ("Education Dive: K12", "trade"), ("PoliceOne.com", "online"),
           ("Magic City Ledger", "print"), ("Capitol Wire Service", "wire"),
           ("Campus Beat", "podcast"), ("Gulf Coast 10 News", "tv"), ("School Safety Today", "trade")]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def paragraphs(rng: random.Random) -> list[str]:
    return [" ".join(sentence(rng, rng.randint(12, 22)) for _ in range(4)) for _ in range(5)]


def generate(releases: int, mentions: int) -> tuple[Path, Path]:
    """(workspace, pelican project), built once per size."""
    base = ROOT / f"r{releases}-m{mentions}"
    workspace, pelican = base / "workspace", base / "pelican"
    if (base / "done").exists():
        return workspace, pelican
    shutil.rmtree(base, ignore_errors=True)
    (workspace / "releases").mkdir(parents=True)
    (pelican / "content").mkdir(parents=True)
    config = (REPO / "pressroom.yaml").read_text(encoding="utf-8")
    (workspace / "pressroom.yaml").write_text(config, encoding="utf-8")
    rng = random.Random(11)
    start = dt.date(2015, 1, 1)
    for n in range(releases):
        day = start + dt.timedelta(days=n * 3650 // max(releases, 1))
        slug = f"release-{n:05d}"
        headline = sentence(rng, 9)[:-1]
        body = paragraphs(rng)
        tags = rng.sample(TAGS, 2)
        quote = sentence(rng, 18)
        indented = "\n\n".join(body).replace("\n", "\n  ")
        (workspace / "releases" / f"{day.isoformat()}-{slug}.yaml").write_text(
            f"headline: {headline}\ndate: {day.isoformat()}\ndateline:\n  city: Hoover\n"
            f"  state: Ala.\nstatus: published\nbody: |\n  {indented}\nquotes:\n"
            f"  - speaker: canady\n    text: {quote}\ntags: [{', '.join(tags)}]\n", encoding="utf-8")
        (pelican / "content" / f"{slug}.md").write_text(
            f"Title: {headline}\nDate: {day.isoformat()} 00:00\nTags: {', '.join(tags)}\n"
            f"Slug: {slug}\n\n" + "\n\n".join(body) + f"\n\n\u201c{quote}\u201d said Mo Canady.\n",
            encoding="utf-8")
    (pelican / "pelicanconf.py").write_text(
        "SITENAME = 'NASRO newsroom'\nSITEURL = ''\nTIMEZONE = 'America/Chicago'\n"
        "DEFAULT_LANG = 'en'\nPATH = 'content'\nDEFAULT_PAGINATION = False\n"
        "FEED_DOMAIN = 'https://www.nasro.org'\nFEED_ALL_ATOM = 'feeds/all.atom.xml'\n"
        "FEED_ALL_RSS = 'feeds/all.rss.xml'\nLOAD_CONTENT_CACHE = False\n", encoding="utf-8")
    csv_path = base / "mentions.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["published", "outlet", "type", "title", "reporter", "release", "url",
                      "excerpt", "tags", "speaker", "quote"])
        for n in range(mentions):
            outlet, kind = OUTLETS[n % len(OUTLETS)]
            day = start + dt.timedelta(days=n * 3650 // max(mentions, 1))
            out.writerow([day.isoformat(), outlet, kind, sentence(rng, 8)[:-1], "A. Reporter", "",
                          f"https://news{n % 50}.example.com/story/{n}", sentence(rng, 25),
                          "newsroom", "Mo Canady", sentence(rng, 16)])
    run([sys.executable, "-m", "pressroom", "-w", str(workspace), "mention", "import",
         str(csv_path)], process_env())
    (base / "done").write_text("")
    return workspace, pelican


def run(command: list[str], env: dict | None = None, cwd: Path | None = None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process. CPU time (user + system, from wait4)
    is the figure compared: on a shared machine the wall clock measures the neighbours too."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read()
    proc.stdout.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command[:5])}... failed:\n{err[-3000:]}")
    return usage.ru_utime + usage.ru_stime, wall


def pelican_command() -> tuple[list[str], str]:
    binary = PELICAN_VENV / "bin" / "pelican"
    if not binary.exists():
        print(f"installing Pelican 4 into {PELICAN_VENV} (for this benchmark only) ...")
        subprocess.run([sys.executable, "-m", "venv", str(PELICAN_VENV)], check=True)
        subprocess.run([str(PELICAN_VENV / "bin" / "pip"), "install", "-q", "pelican[markdown]>=4,<5"],
                       check=True)
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
    return [str(binary)], f"Pelican {version} (venv {PELICAN_VENV})"


def serve_rebuild(workspace: Path, out: Path, changed: Path, original: str,
                  repeat: int) -> tuple[float, float]:
    """A rebuild as ``site serve`` does it: in the process that built the site before."""
    os.environ["PRESSROOM_NOW"] = "2025-06-01T12:00:00Z"
    sys.path.insert(0, str(REPO))
    from pressroom.site.build import SiteBuilder
    from pressroom.workspace import Workspace

    builder = SiteBuilder(Workspace(workspace), out=out, base_url="http://127.0.0.1:8000/")
    builder.build()
    times = []
    try:
        for n in range(repeat):
            changed.write_text(original.replace("body: |\n  ", f"body: |\n  Served {n}. ", 1),
                               encoding="utf-8")
            start, wall = time.process_time(), time.perf_counter()
            builder.build()
            times.append((time.process_time() - start, time.perf_counter() - wall))
    finally:
        changed.write_text(original, encoding="utf-8")
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=1000)
    parser.add_argument("--mentions", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    workspace, project = generate(args.releases, args.mentions)
    env = process_env(PRESSROOM_NOW="2025-06-01T12:00:00Z")
    pelican, label = pelican_command()
    build = [sys.executable, "-m", "pressroom", "-w", str(workspace), "site", "build"]
    scratch = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        full, base = [], []
        for n in range(args.repeat):
            # A full build starts cold: no build cache in the workspace either.
            shutil.rmtree(workspace / ".pressroom-cache", ignore_errors=True)
            full.append(run(build + ["-o", str(scratch / f"full-{n}")], env))
            base.append(run(pelican + ["content", "-o", str(scratch / f"pelican-{n}"), "-s",
                                       "pelicanconf.py", "-q"], cwd=project))
        out = scratch / "full-0"
        changed = sorted((workspace / "releases").iterdir())[len(list((workspace / "releases")
                                                                      .iterdir())) // 2]
        original = changed.read_text(encoding="utf-8")
        again = []
        try:
            for n in range(args.repeat):
                changed.write_text(original.replace("body: |\n  ", f"body: |\n  Edit {n}. ", 1),
                                   encoding="utf-8")
                again.append(run(build + ["-o", str(out)], env))
        finally:
            changed.write_text(original, encoding="utf-8")
        # What any new process that renders one changed release pays before building anything:
        # Python starting and importing the three libraries the rebuild cannot do without.
        floor = min(run([sys.executable, "-c", "import jinja2, markdown_it, yaml"], env)
                    for _ in range(3 * args.repeat))
        served = serve_rebuild(workspace, scratch / "served", changed, original, args.repeat)
        pages = sum(1 for _ in out.rglob("*.html"))
        print(f"site: {args.releases:,} releases, {args.mentions:,} mentions, {pages:,} pages")
        print(f"baseline: {label}, {args.releases:,} Markdown articles, default theme and feeds")
        print(f"best of {args.repeat}, CPU seconds (wall seconds):")
        rows = [("pressroom site build (full)", min(full)), ("pelican content (full)", min(base)),
                ("pressroom site build, 1 release changed", min(again)),
                ("site serve rebuild, 1 release changed", served),
                ("floor: python importing jinja2, markdown-it, yaml", floor)]
        for name, (cpu, wall) in rows:
            print(f"  {name:<50} {cpu:6.2f} s  ({wall:.2f} s)")
        print(f"full build / Pelican: {min(full)[0] / min(base)[0]:.2f}x (goal <= 0.50x)")
        print(f"rebuild / full build: {min(again)[0] / min(full)[0]:.2f}x (a new process; "
              "goal <= 0.10x)")
        print(f"serve rebuild / full build: {served[0] / min(full)[0]:.2f}x (inside site serve)")
        print(f"floor / full build: {floor[0] / min(full)[0]:.2f}x (the least a new process that "
              "renders one release pays)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
