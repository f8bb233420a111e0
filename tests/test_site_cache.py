"""The site build's cache on disk (``.pressroom-cache/`` in the workspace): a new `site build`
process re-reads only what changed, yet the embargo rule is decided afresh on every build, errors
stay located, the media rows follow the database, and a forged or odd cache only costs time."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.site_tools import NOW_2019, example_site
from tests.test_site_build import EMBARGOED, MARKERS, all_bytes, build

CACHE = ".pressroom-cache"
KEYNOTE = "2019-04-15-conference-keynote.yaml"


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_warm_cache_builds_the_same_site_and_keeps_each_release(example_workspace, tmp_path):
    cold = example_site(example_workspace, tmp_path / "cold")
    kept = json.loads((example_workspace / CACHE / "site-releases.json").read_text())
    assert len(kept["docs"]) == 2 and len(kept["summaries"]) == 2
    warm = example_site(example_workspace, tmp_path / "warm")  # the releases from the cache
    assert outputs(cold) == outputs(warm)
    # and a build that finds no cache at all makes the same bytes again
    for name in os.listdir(example_workspace / CACHE):
        (example_workspace / CACHE / name).unlink()
    assert outputs(example_site(example_workspace, tmp_path / "again")) == outputs(cold)


def test_a_published_release_made_a_draft_vanishes_with_the_cache_warm(example_workspace, tmp_path):
    out = example_site(example_workspace, tmp_path / "site")
    out = example_site(example_workspace, out)
    assert (out / "releases" / "conference-keynote" / "index.html").exists()
    path = example_workspace / "releases" / KEYNOTE
    text = path.read_text()
    path.write_text(text.replace("status: published", "status: draft"))
    result = build(example_workspace, out)
    assert result.exit_code == 0, result.stderr
    assert f"{KEYNOTE} (draft, not published)" in result.stdout
    assert not (out / "releases" / "conference-keynote").exists()
    assert b"releases/conference-keynote" not in all_bytes(out)
    path.write_text(text)  # published again: back from the cached document of these bytes
    assert build(example_workspace, out).exit_code == 0
    assert (out / "releases" / "conference-keynote" / "index.html").exists()


def test_an_embargo_lifts_with_the_cache_warm(example_workspace, tmp_path):
    (example_workspace / "releases" / "2019-05-02-marker-slug-flibbertine.yaml").write_text(EMBARGOED)
    out = tmp_path / "site"
    for _ in range(2):  # the second build reads the embargoed release from the cache
        assert build(example_workspace, out).exit_code == 0
        for marker in MARKERS:
            assert marker not in all_bytes(out), marker
    lifted = build(example_workspace, out, now="2019-05-02T15:00:00Z")
    assert lifted.exit_code == 0, lifted.stderr
    for marker in MARKERS:
        assert marker in all_bytes(out), marker
    assert build(example_workspace, out, now=NOW_2019).exit_code == 0
    for marker in MARKERS:
        assert marker not in all_bytes(out), marker


def test_errors_from_a_cached_document_are_located_as_ever(example_workspace, tmp_path):
    out = example_site(example_workspace, tmp_path / "site")
    path = example_workspace / "releases" / KEYNOTE
    path.write_text(path.read_text().replace("status: published", "status: publishd"))
    first = build(example_workspace, out)
    assert first.exit_code == 2
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text() + "\n")  # the release is validated again, from the cache
    second = build(example_workspace, out)
    assert second.stderr == first.stderr
    located = second.stderr.split(f"{KEYNOTE}:", 1)[1].split(":")
    assert located[0].isdigit() and int(located[0]) > 1 and located[1].isdigit(), second.stderr


def test_media_rows_follow_the_database(store, store_cli, example_workspace, tmp_path):
    """On SQLite the rows come from the cache while the database files are unchanged; a new
    mention (or an edit) is on the next build's pages, on both stores."""
    out = tmp_path / "site"
    assert build(example_workspace, out).exit_code == 0
    assert build(example_workspace, out).exit_code == 0
    added = store_cli("mention", "add", "https://example.com/cache-story", "--outlet", "WVTM TV",
                      "--title", "Cachebuster story", "--date", "2019-04-01", "--tag", "newsroom",
                      "--speaker", "canady", "--quote", "Fresh words.")
    assert added.exit_code == 0, added.stderr
    assert build(example_workspace, out).exit_code == 0
    assert "Cachebuster story" in (out / "media" / "index.html").read_text(encoding="utf-8")
    mention = json.loads(store_cli("mention", "list", "--format", "json").stdout)
    story = [m for m in mention if m["title"] == "Cachebuster story"][0]
    assert store_cli("mention", "edit", str(story["id"]), "--blurb", "Blurbcache words.").exit_code == 0
    assert build(example_workspace, out).exit_code == 0
    assert "Blurbcache words." in (out / "media" / "index.html").read_text(encoding="utf-8")


# ---- hostile caches: never trusted with code, never a crash, never a hang ------------------------

NONSENSE = [None, 7, "x", [1, 2], {"m": [[1]]}, {"m": [["k", "v", "a", 1, 1, 1]], "@": [1, 1]},
            {"m": [["k", {"l": [1], "@": [1], "i": []}, 1, 1, 1, 1]], "@": [1, 1]},
            {"m": [["k", {"d": "2019-02-30"}, 1, 1, 1, 1]], "@": [1, 1]},
            {"m": [["k", {"f": "nan!"}, 1, 1, 1, 1]], "@": [1, 1]},
            {"m": [[{"l": [], "@": [1, 1], "i": []}, 1, 1, 1, 1, 1]], "@": [1, 1]},
            {"m": [["k", {"zz": 1}, 1, 1, 1, 1]], "@": [1, 1]}, "!!python/object:os.system"]
FORGED = ["{not json", "[]", json.dumps({"format": 1, "pressroom": "0", "docs": {}}),
          *(("NONSENSE", entry) for entry in NONSENSE)]


@pytest.mark.parametrize("forged", FORGED)
def test_a_forged_cache_is_ignored(example_workspace, tmp_path, forged):
    """Anything but a well-formed entry is ignored (a well-formed one is trusted like the release
    file beside it: whoever can write the workspace's cache can write its releases)."""
    from pressroom import __version__

    clean = outputs(example_site(example_workspace, tmp_path / "clean"))
    cache = example_workspace / CACHE
    releases = json.loads((cache / "site-releases.json").read_text())
    if isinstance(forged, tuple):
        docs = {sha: forged[1] for sha in releases["docs"]}
        forged = json.dumps({"format": 1, "pressroom": __version__, "docs": docs,
                             "summaries": {k: 5 for k in docs}})
        (cache / "site-media.json").write_text(json.dumps(
            {"format": 1, "pressroom": __version__, "media": ["k", [[1, 2, 3]]]}))
    (cache / "site-releases.json").write_text(forged)
    assert outputs(example_site(example_workspace, tmp_path / "forged")) == clean


def test_a_pipe_or_a_file_in_the_cache_s_way_costs_only_time(example_workspace, tmp_path):
    clean = outputs(example_site(example_workspace, tmp_path / "clean"))
    cache = example_workspace / CACHE
    (cache / "site-releases.json").unlink()
    os.mkfifo(cache / "site-releases.json")  # reading it would block the build forever
    assert outputs(example_site(example_workspace, tmp_path / "piped")) == clean
    for name in os.listdir(cache):
        (cache / name).unlink()
    cache.rmdir()
    cache.write_text("a file where the cache folder goes")
    assert outputs(example_site(example_workspace, tmp_path / "blocked")) == clean
    assert cache.read_text() == "a file where the cache folder goes"
