"""`pressroom site build`: what is built, the embargo rule, deterministic and minimal writes, and
one located error (with nothing written) for bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import REPO, check_golden, run_cli
from tests.site_tools import NOW_2019, example_site

GOLDEN = REPO / "tests" / "golden" / "site"

EMBARGOED = """\
headline: Quixotrel zephyrine headline for the embargo test
subhead: Vorbantic subhead words
date: 2019-05-02
dateline:
  city: Hoover
  state: Ala.
status: published
release:
  embargo:
    date: 2019-05-02
    time: "10:00 a.m."
    timezone: America/Chicago
body: |
  The body carries the marker word glimmerquast and nothing else of note.
quotes:
  - speaker: canady
    text: Plumbrozzle is a quote marker.
tags: [snorkelwhip]
"""
MARKERS = (b"quixotrel", b"zephyrine", b"vorbantic", b"glimmerquast", b"plumbrozzle",
           b"snorkelwhip", b"marker-slug-flibbertine")
DRAFT = """\
headline: Draftonic headline never to be seen
date: 2019-04-20
dateline: {city: Hoover, state: Ala.}
status: draft
body: Draftonic body.
"""


def all_bytes(folder: Path) -> bytes:
    """Every byte of every file under *folder*, names included, lower-cased."""
    chunks = []
    for path in sorted(folder.rglob("*")):
        chunks.append(str(path.relative_to(folder)).encode())
        if path.is_file():
            chunks.append(path.read_bytes())
    return b"\n".join(chunks).lower()


def build(workspace: Path, out: Path, *args: str, now: str = NOW_2019):
    return run_cli("--workspace", str(workspace), "site", "build", "-o", str(out), *args,
                   env={"PRESSROOM_NOW": now})


@pytest.fixture
def site_ws(example_workspace):
    (example_workspace / "releases" / "2019-05-02-marker-slug-flibbertine.yaml").write_text(EMBARGOED)
    (example_workspace / "releases" / "2019-04-20-draftonic.yaml").write_text(DRAFT)
    return example_workspace


def test_embargoed_and_draft_releases_appear_nowhere_until_the_embargo_lifts(site_ws, tmp_path):
    out = tmp_path / "site"
    before = build(site_ws, out)
    assert before.exit_code == 0, before.stderr
    blob = all_bytes(out)
    for marker in MARKERS + (b"draftonic",):
        assert marker not in blob, marker
    assert "releases/2019-05-02-marker-slug-flibbertine.yaml (embargoed until " \
           "2019-05-02T10:00-05:00)" in before.stdout
    assert "releases/2019-04-20-draftonic.yaml (draft, not published)" in before.stdout
    assert "next embargo lifts 2019-05-02 10:00 CDT (2019-05-02 15:00 UTC)" in before.stdout

    after = build(site_ws, out, now="2019-05-02T15:00:00Z")
    assert after.exit_code == 0, after.stderr
    blob = all_bytes(out)
    for marker in MARKERS:
        assert marker in blob, marker
    assert b"draftonic" not in blob
    assert "next embargo" not in after.stdout
    # the page, the feeds, the sitemap and the tag page all carry it now
    for name in ("releases/marker-slug-flibbertine/index.html", "feed.xml", "atom.xml",
                 "feed.json", "sitemap.xml", "tags/snorkelwhip/index.html"):
        assert b"flibbertine" in (out / name).read_bytes().lower() or \
            b"quixotrel" in (out / name).read_bytes().lower(), name

    # and when it is unpublished again, the pages the site wrote for it go away
    again = build(site_ws, out, now=NOW_2019)
    assert "removed: 2" in again.stdout  # its page and its tag page
    assert not (out / "releases" / "marker-slug-flibbertine").exists()
    for marker in MARKERS:
        assert marker not in all_bytes(out), marker


def test_summary_and_example_pages(example_workspace, tmp_path):
    out = tmp_path / "site"
    example_site(example_workspace, out)
    result = build(example_workspace, out)
    assert result.stdout.splitlines()[0] == (
        f"{out}: 12 pages and 5 feeds; written: 0 pages, 0 feeds, 0 other files; unchanged: 20; "
        "removed: 0")
    for name in ("index.html", "releases/conference-keynote/index.html", "media/index.html",
                 "feed.xml", "media/atom.xml", "sitemap.xml"):
        check_golden(GOLDEN / name.replace("/", "__"), (out / name).read_text(encoding="utf-8"))


def test_home_page_has_what_the_issue_lists(example_workspace, tmp_path):
    out = example_site(example_workspace, tmp_path / "site")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>National Association of School Resource Officers</h1>" in home
    assert "the world’s leader in school-based policing" in home
    assert ("Editors: contact Jay Farlow for full-access or day-pass press credentials to the "
            "2019 National School Safety Conference by June 14, 2019.") in home
    assert "June 23 to 28, 2019" in home and "government-issued photo ID" in home
    assert "That’s part of what NASRO executive director Mo Canady told WVTM TV." in \
        (out / "media" / "index.html").read_text(encoding="utf-8")
    page = (out / "releases" / "conference-keynote" / "index.html").read_text(encoding="utf-8")
    assert '<span class="dateline">April 15, 2019 — HOOVER, Ala. —</span>' in page
    assert "said Mo Canady, executive director of NASRO." in page
    assert '<p class="end">###</p>' in page
    assert '"@type":"NewsArticle"' in page and 'property="og:title"' in page
    assert 'name="twitter:card"' in page
    assert '<link rel="canonical" href="https://www.nasro.org/newsroom/releases/conference-keynote/">' in page
    for feed in ("feed.xml", "atom.xml", "feed.json", "media/feed.xml", "media/atom.xml"):
        assert f'href="../../{feed}"' in page  # autodiscovery, relative
    # after the conference the credentials section is gone
    later = example_site(example_workspace, tmp_path / "later", now="2019-07-01T12:00:00Z")
    assert "Press credentials" not in (later / "index.html").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical_and_a_rebuild_touches_nothing(example_workspace, tmp_path):
    one = example_site(example_workspace, tmp_path / "one")
    two = example_site(example_workspace, tmp_path / "two")
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for name in files:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    stats = {name: os.stat(one / name) for name in files}
    foreign = one / "keep-me.txt"
    foreign.write_text("mine")
    example_site(example_workspace, one)
    for name in files:
        now = os.stat(one / name)
        assert (now.st_ino, now.st_mtime_ns) == (stats[name].st_ino, stats[name].st_mtime_ns), name
    assert foreign.read_text() == "mine"  # not the site's: never touched


def test_a_changed_release_rewrites_only_its_pages(example_workspace, tmp_path):
    out = example_site(example_workspace, tmp_path / "site")
    path = example_workspace / "releases" / "2019-02-27-baltimore-school-police.yaml"
    path.write_text(path.read_text().replace("NASRO applauds", "NASRO praises"))
    result = build(example_workspace, out)
    assert result.exit_code == 0, result.stderr
    written = result.stdout.splitlines()[0]
    # its page, its three tags, the home page and the release lists; the release feeds
    assert "written: 7 pages, 3 feeds, 0 other files; unchanged: 10;" in written, written


def test_blurb_overrides_the_lead(store, store_cli, example_workspace, tmp_path):
    """m0020's blurb column on both stores: `mention edit ID --blurb` replaces the written lead."""
    from tests.conftest import REPO

    assert store_cli("mention", "import", str(REPO / "data" / "mentions.csv")).exit_code == 0
    out = tmp_path / "site"
    shown = store_cli("mention", "list", "--format", "json", "--since", "2019-05-28")
    newest = json.loads(shown.stdout)[0]["id"]
    edited = store_cli("mention", "edit", str(newest), "--blurb", "That's an excerpt from a story "
                       "by Education Dive: K12 that looks at summer training.")
    assert edited.exit_code == 0, edited.stderr
    assert json.loads(store_cli("mention", "show", str(newest), "--format", "json").stdout)[
        "blurb"].endswith("that looks at summer training.")
    assert build(example_workspace, out).exit_code == 0
    media = (out / "media" / "index.html").read_text(encoding="utf-8")
    assert "that looks at summer training." in media
    assert "told Education Dive" not in media and "shared with Education Dive" not in media.split(
        "that looks at summer training.")[0].rsplit("<article", 1)[-1]
    assert store_cli("mention", "edit", str(newest), "--blurb", "").exit_code == 0
    assert build(example_workspace, out).exit_code == 0
    assert "that looks at summer training." not in (out / "media" / "index.html").read_text()


def test_in_the_media_by_tag(store, store_cli, example_workspace, tmp_path):
    """The default choice is the `newsroom` tag; `all` takes every quoted mention (both stores)."""
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text().replace("  in_the_media: all ", "  # in_the_media: all "))
    added = store_cli("mention", "add", "https://example.com/tagged-story", "--outlet", "WVTM TV",
                      "--title", "A tagged story", "--date", "2019-04-01", "--tag", "newsroom",
                      "--speaker", "canady", "--quote", "Tagged words.")
    assert added.exit_code == 0, added.stderr
    store_cli("mention", "add", "https://example.com/untagged-story", "--outlet", "WVTM TV",
              "--title", "An untagged story", "--date", "2019-04-02", "--speaker", "canady",
              "--quote", "Untagged words.")
    out = tmp_path / "site"
    result = build(example_workspace, out)
    assert result.exit_code == 0, result.stderr
    media = (out / "media" / "index.html").read_text(encoding="utf-8")
    assert "A tagged story" in media and "An untagged story" not in media
    assert "That’s part of what NASRO executive director Mo Canady told WVTM TV." in media


# ---- bad input: one located error, nothing written --------------------------------------------

def assert_refused(result, out: Path, message: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert message in result.stderr, result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_two_pages_at_one_path(example_workspace, tmp_path):
    (example_workspace / "releases" / "2019-03-01-2019.yaml").write_text(
        "headline: A release whose slug is a year\ndate: 2019-03-01\n"
        "dateline: {city: Hoover, state: Ala.}\nstatus: published\nbody: Text.\n")
    out = tmp_path / "site"
    assert_refused(build(example_workspace, out), out, "two pages at releases/2019/index.html")
    assert "releases/2019-03-01-2019.yaml:1" in build(example_workspace, out).stderr


@pytest.mark.parametrize("url", ["ftp://example.org/", "/newsroom/", "example.org", "https://",
                                 "javascript:alert(1)", "https://exa mple.org/", "https://x.org/?q=1"])
def test_base_url_must_be_absolute_http(example_workspace, tmp_path, url):
    out = tmp_path / "site"
    assert_refused(build(example_workspace, out, "--base-url", url), out,
                   "--base-url: '" + url + "' is not an absolute http(s) URL")


def test_base_url_in_the_file_is_located(example_workspace, tmp_path):
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text().replace("https://www.nasro.org/newsroom/", "newsroom"))
    out = tmp_path / "site"
    result = build(example_workspace, out)
    assert_refused(result, out, "is not an absolute http(s) URL")
    assert "pressroom.yaml:" in result.stderr


def test_site_section_is_strict(example_workspace, tmp_path):
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text().replace("  title: NASRO newsroom", "  titel: NASRO newsroom"))
    out = tmp_path / "site"
    result = build(example_workspace, out)
    assert_refused(result, out, "titel")
    assert "did you mean 'title'" in result.stderr


def test_template_error_is_located_and_nothing_is_written(example_workspace, tmp_path):
    own = example_workspace / "templates" / "site"
    own.mkdir(parents=True, exist_ok=True)
    (own / "tags.html.j2").write_text('{% extends "default/site/tags.html.j2" %}\n'
                                      "{% block main %}\n{{ no_such_thing.x }}\n{% endblock %}\n")
    out = tmp_path / "site"
    result = build(example_workspace, out)
    assert_refused(result, out, "templates/site/tags.html.j2:3")


@pytest.mark.parametrize("where", [".", "..", "./"])
def test_output_that_is_or_holds_the_workspace_is_refused(example_workspace, where):
    result = build(example_workspace, example_workspace / where)
    assert result.exit_code == 2
    assert "is the workspace or contains it" in result.stderr
    assert not (example_workspace / "index.html").exists()


def test_check_refuses_a_broken_link(example_workspace, tmp_path):
    path = example_workspace / "releases" / "2019-04-15-conference-keynote.yaml"
    path.write_text(path.read_text().replace("**Editors:**", "[Program](program.html) **Editors:**"))
    out = tmp_path / "site"
    result = build(example_workspace, out, "--check")
    assert_refused(result, out, "releases/conference-keynote/index.html: 'program.html' does not "
                                "resolve to a file of the site")
    assert build(example_workspace, out).exit_code == 0  # without --check it is built


def test_check_passes_on_the_example(example_workspace, tmp_path):
    out = tmp_path / "site"
    example_site(example_workspace, out)
    result = build(example_workspace, out, "--check")
    assert result.exit_code == 0
    assert "links: every internal link and asset resolves" in result.stdout
    from pressroom.site.check import check_folder

    assert check_folder(out, "https://www.nasro.org/newsroom/") == []


def test_a_removed_mention_leaves_the_site_and_comes_back_restored(store, store_cli,
                                                                   example_workspace, tmp_path):
    """A mention removed with `mention remove` (kept 30 days) is no longer public: the next build
    drops its item and its link; `mention restore` brings both back (both stores, warm cache)."""
    from tests.conftest import REPO

    assert store_cli("mention", "import", str(REPO / "data" / "mentions.csv")).exit_code == 0
    out = tmp_path / "site"
    assert build(example_workspace, out).exit_code == 0
    newest = json.loads(store_cli("mention", "list", "--format", "json",
                                  "--since", "2019-05-28").stdout)[0]
    media = lambda: "".join(p.read_text(encoding="utf-8")  # noqa: E731
                            for p in (out / "media").rglob("*.html")) + (out / "index.html").read_text()
    assert newest["url"] in media()
    assert store_cli("mention", "remove", str(newest["id"]), "--yes").exit_code == 0
    assert build(example_workspace, out).exit_code == 0
    assert newest["url"] not in media()
    assert store_cli("mention", "restore", str(newest["id"])).exit_code == 0
    assert build(example_workspace, out).exit_code == 0
    assert newest["url"] in media()
