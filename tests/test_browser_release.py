"""The HTML release in a real browser: readable on a phone (no sideways scrolling, legible type)
and self-contained (it loads nothing)."""

import pytest

from tests.browser import measure


@pytest.mark.parametrize("slug", ["2019-04-15-conference-keynote", "2019-02-27-baltimore-school-police"])
def test_release_page_fits_a_phone_and_loads_nothing(slug, example_workspace, tmp_path, cli):
    out = tmp_path / f"{slug}.html"
    result = cli("--workspace", str(example_workspace), "release", "render", slug,
                 "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    phone = measure(out, 390, tmp_path)
    assert phone["scrollWidth"] <= phone["viewport"], phone
    assert phone["widest"] <= phone["viewport"], phone
    assert phone["smallestFont"] >= 14, phone
    assert phone["resources"] == []
    desktop = measure(out, 1280, tmp_path)
    assert desktop["scrollWidth"] <= desktop["viewport"]
