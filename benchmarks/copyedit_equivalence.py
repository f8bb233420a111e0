"""Record what the copy editor finds and fixes on a large generated corpus, to compare a change
against: every finding's offsets, rule, severity, message, suggestion and safety, every
``fix_text`` result, and ``release check`` / ``release check --fix --dry-run`` over generated
release files in every block style, in several house styles.

    .venv/bin/python benchmarks/copyedit_equivalence.py --record /tmp/before.txt
    .venv/bin/python benchmarks/copyedit_equivalence.py --compare /tmp/before.txt

The corpus is built from the evaluation sets, the tests' sentences and the benchmark's
paragraphs, mixed at random (a fixed seed) with zero-width and non-breaking spaces, curly and
straight quotes, URLs, addresses, markers, code, figures, months, money and times.
``tests/test_copyedit_equivalence.py`` checks a small slice of it against a stored digest.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import random
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

STYLES = {
    "ap": None,
    "abbreviate": "style:\n  states: abbreviate\n",
    "quotes-off": "style:\n  quotes: off\n  states: spell-out\n",
    "families": ("style:\n  rules:\n    number: off\n    time.am-pm: note\n    word: off\n"
                 "    word.website: warning\n    date.month-abbrev: off\n  exceptions:\n"
                 "    - Main Street Coffee\n    - 7 Habits\n    - Web Site Awards\n"),
    "words": ("style:\n  states: abbreviate\n  quotes: note\n  words:\n    - find: pre-K\n"
              "      replace: prekindergarten\n    - find: sign up\n      replace: sign-up\n"
              "      id: word.signup\n    - find: School Resource Officer\n"
              "      replace: school resource officer\n"),
    "all-off": ("style:\n  rules: {date: off, time: off, number: off, percent: off, money: off, "
                "age: off, address: off, place: off, word: off}\n"),
}

NOISE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202a", "\u2069"]
SPACES = ["\u00a0", "\u2009", "\u202f", "\u3000", "\t", "  "]
SNIPPETS = [
    "at 10 AM", "at 9:00 a.m.", "at 12 noon", "12 p.m.", "3:30PM", "at 7 pm.", "11:15 A.M.",
    "January 15th", "Jan. 15", "Sep. 3", "Sept. 2018", "October, 2019", "March 3rd, 2020",
    "Dec 1", "on Tues., Feb. 2", "on Sat., March 4", "the Baltimore Sun.", "Mon. and Wed.",
    "$450.00", "$2,500,000", "$1,000,000.00", "$3,000,000,000", "five dollars", "25 dollars",
    "in 2019 dollars", "12 percent", "five per cent", "12%", "12 %", "Ten percent", "7 officers",
    "3rd", "the 5th District", "No. 4", "Room 4", "Chapter 7", "1 in 4", "5 to 9", "a 5-year-old",
    "five-year-old", "five years old", "300 Main Street", "Elm Rd.", "20 Elm Rd.,", "St. Louis",
    "Hoover, Ala.", "Hoover, AL", "Pigeon Forge, Tennessee,", "Georgia, Alabama and Tennessee",
    "Portland, OR", "e-mail", "web site", "Internet", "towards", "okay", "advisor", "cell phone",
    "www.nasro.org/about", "https://example.org/a(b)", "jay@example.org", "nasro.org/x",
    "`10 AM`", "[link](http://x.org/10-AM)", "<10 AM>", "\"We start at 8 AM,\" he said.",
    "“It is 5 dollars,” she said.", "'single 9 AM quote'", "‘curly 9 AM’", "pre-K", "sign up",
    "Internet Crimes Against Children", "Main Street Coffee", "7 Habits", "Web Site Awards",
    "Mr. Smith", "Dr. Jones", "U.S. officials", "D.C. police", "vs. 9", "e.g. 4", "Gov. 5",
    "1.", "2)", "- 3 items", "# 4 heads", "> 5 quoted", "1,500", "4,000 officers", "2.5",
    "9-year", "7th", "21st", "2nd", "4:00", "12:00 a.m.", "12 midnight", "Sept. 30", "Aug 15",
]
MARKERS = ["[//]: # (style-ignore time.am-pm)", "[//]: # (style-ignore time.am-pm: 10 AM)",
           "[//]: # (style-ignore number)", "[//]: # (style-ignore all)",
           "[//]: # (style-ignore word.email, date)"]
JOINS = [" ", " ", "\n\n", "\n", "\n\n- ", "\n\n> ", "\n\n## ", "\n\n\n", " \n \n", "\n\n1. "]


def test_strings() -> list[str]:
    """The string constants of the copy editor's tests (sentences, most of them)."""
    found = []
    for name in ("test_copyedit_rules.py", "test_copyedit_release.py", "test_copyedit_eval.py"):
        tree = ast.parse((REPO / "tests" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and 3 <= len(node.value) <= 2000:
                found.append(node.value)
    return found


def sentences(with_tests: bool = True) -> list[str]:
    """The evaluation sets' sentences (and fixed sentences), the benchmark's paragraphs and,
    *with_tests*, the copy editor's tests' strings."""
    from bench_copyedit import PARAGRAPHS

    found = []
    for name in ("dev", "heldout"):
        for line in (REPO / "tests" / "data" / "copyedit" / f"{name}.tsv").read_text(
                encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                parts = line.split("\t")
                found.append(parts[-1])
                if parts[1] != "=":
                    found.append(parts[1])
    return found + (test_strings() if with_tests else []) + PARAGRAPHS


def _noisy(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randrange(0, 4)):
        kind = rng.random()
        at = rng.randrange(0, len(chars) + 1)
        if kind < 0.35:
            chars.insert(at, rng.choice(NOISE))
        elif kind < 0.6:
            spaces = [i for i, c in enumerate(chars) if c == " "]
            if spaces:
                chars[rng.choice(spaces)] = rng.choice(SPACES)
        elif kind < 0.8:
            quotes = [i for i, c in enumerate(chars) if c in "\"“”'’"]
            if quotes:
                chars[rng.choice(quotes)] = rng.choice("\"“”'’")
        elif kind < 0.9 and chars:
            del chars[min(at, len(chars) - 1)]
        else:
            chars.insert(at, rng.choice([".", ",", "\n", "\n\n", "-", "(", ")", "$", "%", "#"]))
    return "".join(chars)


def corpus(size: int, seed: int = 14, with_tests: bool = True) -> list[str]:
    rng = random.Random(seed)
    base = sentences(with_tests)
    texts = list(base)
    while len(texts) < size:
        parts = []
        for _ in range(rng.randrange(1, 9)):
            roll = rng.random()
            if roll < 0.55:
                part = rng.choice(base)
            elif roll < 0.9:
                words = rng.choice(base).split(" ")
                at = rng.randrange(0, len(words) + 1)
                words[at:at] = [rng.choice(SNIPPETS) for _ in range(rng.randrange(1, 4))]
                part = " ".join(words)
            else:
                part = rng.choice(MARKERS) + "\n" + rng.choice(base)
            if rng.random() < 0.15:
                part = part.upper() if rng.random() < 0.3 else part.lower()
            parts.append(part)
            parts.append(rng.choice(JOINS))
        text = "".join(parts[:-1])
        if rng.random() < 0.6:
            text = _noisy(rng, text)
        if rng.random() < 0.1:
            text = text.replace('"', "“", 1).replace('"', "”", 1)
        texts.append(text)
    return texts[:size] if size < len(base) else texts


def styles() -> dict:
    from pressroom.copyedit import parse_style
    from pressroom.errors import Location
    from pressroom.yamlfile import load_yaml_text

    made = {}
    for name, source in STYLES.items():
        if source is None:
            made[name] = None
            continue
        doc = load_yaml_text(source, "pressroom.yaml")
        made[name] = parse_style(doc["style"], doc.where("style"))
    return made


def text_records(texts: list[str], fix_every: int = 3):
    from pressroom.copyedit import check_text
    from pressroom.copyedit.check import fix_text

    for style_name, style in styles().items():
        for n, text in enumerate(texts):
            for issue in check_text(text, style):
                yield (f"{style_name} {n} {issue.start} {issue.end} {issue.rule} {issue.severity} "
                       f"{issue.safe} {issue.message!r} {issue.found!r} {issue.suggestion!r}")
            if n % fix_every == 0:
                fixed, count = fix_text(text, style)
                yield f"{style_name} {n} fix {count} {fixed!r}"


BLOCKS = ["|\n", "|-\n", "|+\n", ">\n", ">-\n", "|  # a comment\n"]


def release_records(texts: list[str], count: int, seed: int = 14):
    """``release check`` and ``--fix --dry-run`` over generated release files."""
    from pressroom.releases.check import check_releases, fix_releases
    from pressroom.workspace import Workspace

    rng = random.Random(seed)
    for style_name in ("ap", "abbreviate", "words"):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            config = (REPO / "pressroom.yaml").read_text(encoding="utf-8")
            config = config.replace("style:\n  states: abbreviate\n", "")
            (root / "pressroom.yaml").write_text(config + "\n" + (STYLES[style_name] or ""),
                                                 encoding="utf-8")
            (root / "releases").mkdir()
            for n in range(count):
                text = rng.choice(texts).replace("\r", "")
                kind = rng.choice(BLOCKS + ["plain", "quoted"])
                if kind == "plain":
                    body = " " + " ".join(text.split()).replace(": ", " ").replace(" #", " ")
                    body = body if body.strip() and body.strip()[0].isalnum() else " Text."
                    body += "\n"
                elif kind == "quoted":
                    body = ' "' + " ".join(text.split()).replace("\\", "").replace('"', "'") + '"\n'
                else:
                    indent = "  " if rng.random() < 0.7 else "    "
                    body = " " + kind + "\n".join((indent + line).rstrip()
                                                  for line in text.splitlines()) + "\n"
                day = f"2019-{1 + n % 12:02d}-{1 + n % 28:02d}"
                (root / "releases" / f"{day}-r{n:04d}.yaml").write_text(
                    f"headline: Release {n}\ndate: {day}\ndateline:\n  city: Hoover\n"
                    f"  state: Ala.\nstatus: published\nbody:{body}quotes:\n"
                    f"  - speaker: canady\n    text: Fine.\n", encoding="utf-8")
            workspace = Workspace(root)
            report = check_releases(None, workspace)
            found = [*(f"error {error}" for error in report.errors),
                     *(f"{finding} {finding.fixable}" for finding in report.findings),
                     *(f"fix {change.shown} {change.fixed} {change.after!r}"
                       for change in fix_releases(report, workspace, write=False))]
            for line in found:  # (the workspace's temporary path left out)
                yield f"release {style_name} " + repr(line.replace(str(root), "WS"))
            shutil.rmtree(root / "releases")


def records(size: int, releases: int, with_tests: bool = True) -> list[str]:
    texts = corpus(size, with_tests=with_tests)
    return [*text_records(texts), *release_records(texts, releases)]


# The slice tests/test_copyedit_equivalence.py checks (without the tests' own strings, so that
# editing a test does not move it), and its digest: regenerate with --digest only when a rule is
# meant to change what it finds.
TEST_SLICE = {"size": 700, "releases": 25, "with_tests": False}


def digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4000, help="texts in the corpus")
    parser.add_argument("--releases", type=int, default=150, help="release files per style")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--record", type=Path)
    group.add_argument("--compare", type=Path)
    group.add_argument("--digest", action="store_true", help="the test slice's digest")
    args = parser.parse_args()
    if args.digest:
        print(digest(records(**TEST_SLICE)))
        return
    lines = records(args.size, args.releases)
    if args.record:
        args.record.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{len(lines)} records written to {args.record} (sha256 {digest(lines)})")
        return
    before = args.compare.read_text(encoding="utf-8").split("\n")[:-1]
    if before == lines:
        print(f"identical: {len(lines)} records")
        return
    import difflib

    diff = list(difflib.unified_diff(before, lines, "before", "after", lineterm="", n=1))
    print("\n".join(diff[:80]))
    print(f"DIFFERENT: {len(before)} records before, {len(lines)} now")
    sys.exit(1)


if __name__ == "__main__":
    main()
