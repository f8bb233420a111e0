"""Golden files for every digest and report format, on the example data set.

Regenerate them after an intended change with:

    PRESSROOM_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_digest_golden.py

then read the diff (``git diff tests/golden/digest``) before committing it.

The data: the repository's example workspace (pressroom.yaml, releases/) with ``data/mentions.csv``
imported, "today" fixed at Monday, March 4, 2019 (so ``last-week`` is Feb. 25 to March 3, the
week of the Baltimore statement). Every case runs on SQLite and on PostgreSQL against the same file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.conftest import check_golden as golden

GOLDEN = Path(__file__).parent / "golden" / "digest"
TODAY = dt.date(2019, 3, 4)
EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "json": "json", "csv": "csv"}


def check_golden(name: str, actual: str) -> None:
    golden(GOLDEN / name, actual)


def import_example_mentions(store, ws) -> None:
    """``pressroom mention import data/mentions.csv``, strictly: every row must import."""
    from pressroom.mentions.importer import import_files

    report = import_files(store, ws, [REPO / "data" / "mentions.csv"], strict=True, by="golden")
    assert not report.rejected, report.rejected


@pytest.fixture
def example(store, example_workspace):
    from pressroom.workspace import Workspace

    ws = Workspace(example_workspace)
    import_example_mentions(store, ws)
    return store, ws


DIGESTS = {
    "week": {"period": "last-week"},
    "month": {"period": "2019-04"},
    "speaker-month": {"period": "2019-02", "speaker": "canady"},
    "empty": {"period": "2018-W30"},
}


CASES = [(case, fmt) for case in DIGESTS for fmt in ("text", "markdown", "html", "json")
         if case in ("week", "month") or fmt in ("text", "html")]


@pytest.mark.parametrize(("case", "fmt"), CASES)
def test_digest_golden(example, case, fmt):
    from pressroom.digest.build import build_digest
    from pressroom.digest.periods import parse_period
    from pressroom.digest.render import render_digest

    store, ws = example
    options = DIGESTS[case]
    digest = build_digest(store, ws, parse_period(options["period"], TODAY),
                          speaker=options.get("speaker"))
    check_golden(f"digest-{case}.{EXTENSIONS[fmt]}", render_digest(digest, fmt, ws))


@pytest.mark.parametrize("fmt", ["csv", "markdown", "html"])
def test_coverage_report_golden(example, fmt):
    from pressroom.digest.reports import coverage_rows, render_coverage

    store, ws = example
    since, until = dt.date(2019, 2, 1), dt.date(2019, 3, 3)
    rows = coverage_rows(store, since, until)
    check_golden(f"coverage.{EXTENSIONS[fmt]}", render_coverage(rows, fmt, ws, since=since,
                                                                until=until))


@pytest.mark.parametrize("slug", ["baltimore-school-police", "conference-keynote"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_pickup_report_golden(example, slug, fmt):
    from pressroom.digest.reports import pickup_report, render_pickup

    store, ws = example
    check_golden(f"pickup-{slug}.{EXTENSIONS[fmt]}", render_pickup(pickup_report(store, ws, slug), fmt))


def test_cli_prints_the_library_digest(example, cli, monkeypatch):
    """The command's output is the library's rendering, byte for byte."""
    monkeypatch.setenv("PRESSROOM_TODAY", TODAY.isoformat())
    result = cli("digest", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / "digest-week.md").read_text(encoding="utf-8")
    result = cli("digest", "--period", "2019-04")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / "digest-month.txt").read_text(encoding="utf-8")
