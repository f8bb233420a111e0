"""The site build's cache on disk (``.pressroom-cache/`` in the workspace): a new `site build`
process re-reads only what changed, yet the embargo rule is decided afresh on every build, errors
stay located, the media rows follow the database, and a forged or odd cache only costs time."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.site_tools import NOW_2019, example_site
from tests.test_site_build import EMBARGOED, MARKERS, all_bytes, build

CACHE = ".pressroom-cache"
KEYNOTE = "2019-04-15-conference-keynote.yaml"


def index(workspace: Path) -> dict:
    """The index file's content (after its MAC line)."""
    raw = (workspace / CACHE / "site-index.json").read_bytes()
    return json.loads(raw.partition(b"\n")[2])


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_warm_cache_builds_the_same_site_and_keeps_each_release(example_workspace, tmp_path):
    cold = example_site(example_workspace, tmp_path / "cold")
    kept = index(example_workspace)
    assert sorted(kept["releases"]) == sorted(p.name for p in (example_workspace / "releases").iterdir())
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

ENTRIES = [None, 7, "x", [1, 2], [], {"m": 1}, ["a"] * 13, [0] * 13,
           ["?", "?", "?", "0" * 40, "h", "published", None, [], None, None, None, None, None],
           # the right shape, the wrong details: a status, an embargo, a date, a zone, tags
           "published", "publishd", ["2019-02-30", "10:00:00", "UTC", True, 0],
           ["2019-02-01", "10:00:00", "Mars/Olympus", True, 0], ["2019-02-01", "25:00", "UTC", True, 0],
           ["2019-02-01", "10:00:00", "UTC", True, 7], [[1]], [1, 2]]


def forge(workspace: Path, entry) -> None:
    """Write an index whose MAC is right (as a bug, or someone holding the key, would) holding
    *entry* for every release: each must be refused on its own."""
    from pressroom import __version__
    from pressroom.site.cache import INDEX, DiskCache

    kept = index(workspace)
    releases = {}
    for name, real in kept["releases"].items():
        if isinstance(entry, str) and entry in ("published", "publishd"):
            forged = list(real)
            forged[5] = entry
        elif isinstance(entry, list) and len(entry) == 5:
            forged = list(real)
            forged[6] = entry
        elif isinstance(entry, list) and entry and isinstance(entry[0], list):
            forged = list(real)
            forged[7] = entry
        elif entry == [1, 2]:
            forged = list(real)
            forged[11] = entry
        else:
            forged = entry
        releases[name] = forged
    kept["releases"] = releases
    DiskCache(workspace / CACHE, __version__).write(INDEX, {k: v for k, v in kept.items()
                                                            if k not in ("format", "pressroom")})


@pytest.mark.parametrize("entry", ENTRIES, ids=[str(i) for i in range(len(ENTRIES))])
def test_an_odd_index_entry_is_refused_on_its_own(example_workspace, tmp_path, entry):
    clean = outputs(example_site(example_workspace, tmp_path / "clean"))
    forge(example_workspace, entry)
    assert outputs(example_site(example_workspace, tmp_path / "forged")) == clean


def test_a_draft_made_published_in_the_index_stays_off_the_site(example_workspace, tmp_path):
    """A well-formed entry whose status disagrees with its file: the MAC is what stops a hand
    edit; with a valid MAC the entry is believed (whoever holds the key could edit the file)."""
    (example_workspace / "releases" / "2019-04-20-draftonic.yaml").write_text(
        "headline: Draftonic headline never to be seen\ndate: 2019-04-20\n"
        "dateline: {city: Hoover, state: Ala.}\nstatus: draft\nbody: Draftonic body.\n")
    clean = outputs(example_site(example_workspace, tmp_path / "clean"))
    path = example_workspace / CACHE / "site-index.json"
    raw = path.read_bytes()
    assert raw.count(b'"draft"') == 1
    path.write_bytes(raw.replace(b'"draft"', b'"published"'))  # a hand edit: the MAC is stale
    assert outputs(example_site(example_workspace, tmp_path / "edited")) == clean
    assert b"draftonic" not in b"".join(outputs(tmp_path / "edited").values()).lower()


FORGED = [b"{not json", b"[]", b"", b"0" * 64 + b"\n{}", b"\n\n\n"]


@pytest.mark.parametrize("forged", FORGED)
@pytest.mark.parametrize("name", ["site-index.json", "site-media.json"])
def test_a_damaged_or_foreign_cache_file_is_ignored(example_workspace, tmp_path, forged, name):
    clean = outputs(example_site(example_workspace, tmp_path / "clean"))
    (example_workspace / CACHE / name).write_bytes(forged)
    assert outputs(example_site(example_workspace, tmp_path / "forged")) == clean


def test_a_cache_made_under_another_key_is_ignored(example_workspace, tmp_path, monkeypatch):
    """The key lives in the user's own cache folder: a cache brought from elsewhere (another
    user, another machine, a copied workspace) is not believed."""
    clean = outputs(example_site(example_workspace, tmp_path / "clean"))
    path = example_workspace / CACHE / "site-index.json"
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"Keynote", b"Forgednote"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    from pressroom.site.cache import INDEX, DiskCache

    from pressroom import __version__

    data = json.loads(path.read_bytes().partition(b"\n")[2])
    DiskCache(example_workspace / CACHE, __version__).write(  # signed by the other key
        INDEX, {k: v for k, v in data.items() if k not in ("format", "pressroom")})
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert outputs(example_site(example_workspace, tmp_path / "foreign")) == clean


def test_no_key_no_cache(example_workspace, tmp_path, monkeypatch):
    """A key others could read is no secret: the cache is then neither read nor written."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    clean = outputs(example_site(example_workspace, tmp_path / "clean"))
    key = tmp_path / "xdg" / "pressroom" / "site-cache-key"
    assert key.stat().st_mode & 0o777 == 0o600
    key.chmod(0o644)
    shutil.rmtree(example_workspace / CACHE)
    assert outputs(example_site(example_workspace, tmp_path / "open")) == clean
    assert not (example_workspace / CACHE / "site-index.json").exists()


def test_a_pipe_or_a_file_in_the_cache_s_way_costs_only_time(example_workspace, tmp_path):
    clean = outputs(example_site(example_workspace, tmp_path / "clean"))
    cache = example_workspace / CACHE
    for name in ("site-index.json", "site-media.json"):
        (cache / name).unlink()
        os.mkfifo(cache / name)  # reading it would block the build forever
    assert outputs(example_site(example_workspace, tmp_path / "piped")) == clean
    for name in os.listdir(cache):
        (cache / name).unlink()
    cache.rmdir()
    cache.write_text("a file where the cache folder goes")
    assert outputs(example_site(example_workspace, tmp_path / "blocked")) == clean
    assert cache.read_text() == "a file where the cache folder goes"
