"""Golden files: both example releases in every format, and one release in every dateline style.

Regenerate after an intended change of output with:

    PRESSROOM_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_release_golden.py

then review the diff of tests/golden/releases/ before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.apstyle import DATELINE_STYLES
from pressroom.releases import FORMATS, Renderer, load_release
from pressroom.workspace import Workspace
from tests.conftest import check_golden

GOLDEN = Path(__file__).parent / "golden" / "releases"
EXAMPLES = ["conference-keynote", "baltimore-school-police"]


def compare(actual: str, name: str) -> None:
    check_golden(GOLDEN / name, actual)


@pytest.fixture
def renderer(example_workspace):
    return Renderer(Workspace(example_workspace))


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("slug", EXAMPLES)
def test_example_release_in_every_format(renderer, slug, fmt):
    release = load_release(slug, renderer.workspace)
    compare(renderer.render(release, fmt), f"{slug}.{FORMATS[fmt][1]}")


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("status", ["draft", "approved"])
def test_unpublished_release_is_marked_draft(renderer, status, fmt):
    """Issue 10 item 9: a draft or approved release never says FOR IMMEDIATE RELEASE."""
    from dataclasses import replace

    release = replace(load_release("conference-keynote", renderer.workspace), status=status)
    text = renderer.render(release, fmt)
    first = next(line for line in text.splitlines() if "RELEASE" in line)
    assert "DRAFT" in first and "NOT FOR RELEASE" in first
    assert "FOR IMMEDIATE RELEASE" not in text.replace("When published: FOR IMMEDIATE", "")
    compare(text, f"drafts/conference-keynote.{status}.{FORMATS[fmt][1]}")


@pytest.mark.parametrize("style", DATELINE_STYLES)
def test_every_dateline_style(renderer, style):
    release = load_release("conference-keynote", renderer.workspace)
    compare(renderer.render(release, "text", style=style), f"styles/conference-keynote.{style}.txt")


def test_no_stale_golden_files():
    expected = {f"{slug}.{ext}" for slug in EXAMPLES for _, ext in FORMATS.values()}
    expected |= {f"styles/conference-keynote.{style}.txt" for style in DATELINE_STYLES}
    expected |= {f"drafts/conference-keynote.{status}.{ext}" for status in ("draft", "approved")
                 for _, ext in FORMATS.values()}
    present = {str(p.relative_to(GOLDEN)) for p in GOLDEN.rglob("*") if p.is_file()}
    assert present == expected
