"""Hostile input to the newsroom website: markup and script in every text that reaches a page or
a feed, `javascript:` links in mention URLs, look-alike and invisible characters in tags, control
characters, huge sizes, a hostile base URL, manifest or output folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

feedparser = pytest.importorskip("feedparser", reason="LOUD SKIP: feedparser is not installed")

NOW = "2019-05-01T15:00:00Z"
HEADLINE = 'A & B <i>x</i> "q" \'s\' </script><script>alert(1)</script> <!-- c'


def release(folder: Path, slug: str, headline: str, *, body: str = "Text.", tags: str = "[]",
            extra: str = "") -> None:
    (folder / "releases" / f"2019-04-2{len(slug) % 10}-{slug}.yaml").write_text(
        f"headline: {json.dumps(headline)}\ndate: 2019-04-2{len(slug) % 10}\n"
        f"dateline: {{city: Hoover, state: Ala.}}\nstatus: published\nbody: {json.dumps(body)}\n"
        f"tags: {tags}\n{extra}", encoding="utf-8")


def build(workspace: Path, out: Path, *args: str):
    return run_cli("--workspace", str(workspace), "site", "build", "-o", str(out), *args,
                   env={"PRESSROOM_NOW": NOW})


def every_file(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in out.rglob("*") if p.is_file()}


def test_markup_in_a_headline_stays_text_everywhere(example_workspace, tmp_path):
    release(example_workspace, "hostile", HEADLINE, body="Body </script> & <b>bold</b>",
            tags='["<script>", "a&b"]')
    out = tmp_path / "site"
    result = build(example_workspace, out)
    assert result.exit_code == 0, result.stderr
    for name, text in every_file(out).items():
        assert "<script>alert" not in text, name
        assert "<i>x</i>" not in text or name.endswith(".json"), name
    page = (out / "releases" / "hostile" / "index.html").read_text(encoding="utf-8")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    assert "<" not in script and ">" not in script
    assert json.loads(script)["headline"] == HEADLINE  # the JSON-LD round-trips exactly
    for feed in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((out / feed).read_text(encoding="utf-8"))
        assert not parsed.bozo and HEADLINE in [e.title for e in parsed.entries]


def insert_mention(store, *, url: str, title: str, quote: str, excerpt: str | None = None) -> None:
    from sqlalchemy import insert, select

    from pressroom.store.schema import mentions, outlets, quotes

    with store.begin() as conn:
        outlet = conn.execute(select(outlets.c.id).where(outlets.c.name_key == "hostile")).scalar()
        if outlet is None:
            outlet = conn.execute(insert(outlets).values(name="<b>Hostile</b> & Co", name_key="hostile",
                                                         type="online")).inserted_primary_key[0]
        mention = conn.execute(insert(mentions).values(
            url=url, outlet_id=outlet, title=title, published=dt.date(2019, 4, 1), excerpt=excerpt,
            logged_at=dt.datetime(2019, 4, 1, tzinfo=dt.timezone.utc),
            logged_by="test")).inserted_primary_key[0]
        conn.execute(insert(quotes).values(mention_id=mention, speaker_id="canady",
                                           speaker_name="Mo Canady", text=quote))


def test_hostile_mentions_cannot_inject_links_or_markup(store, example_workspace, tmp_path):
    insert_mention(store, url="javascript:alert(document.cookie)", title="<img src=x onerror=alert(1)>",
                   quote="</blockquote><script>alert(2)</script>")
    insert_mention(store, url=" JaVaScRiPt:alert(3)", title="Second", quote="Fine words.")
    insert_mention(store, url="https://ok.example/\nstory", title="Third", quote="Broken URL.")
    insert_mention(store, url="data:text/html,<script>alert(4)</script>", title="Fourth",
                   quote="Data URL.")
    out = tmp_path / "site"
    result = build(example_workspace, out)
    assert result.exit_code == 0, result.stderr
    for name, text in every_file(out).items():
        lowered = text.lower()
        assert "javascript:" not in lowered, name
        assert "<script>alert" not in lowered and "<img src=x" not in lowered, name
        assert 'href="data:text' not in lowered, name
    media = (out / "media" / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in media
    assert "&lt;b&gt;Hostile&lt;/b&gt; &amp; Co" in media
    for feed in ("media/feed.xml", "media/atom.xml"):
        assert not feedparser.parse((out / feed).read_text(encoding="utf-8")).bozo


def test_tags_with_look_alikes_traversal_and_invisible_characters(example_workspace, tmp_path):
    release(example_workspace, "tagged", "Tagged",
            tags='["Maryland", "Маryland", "../../etc", "\\u202e", "K-12", "k 12", "CON", "nul"]')
    out = tmp_path / "site"
    result = build(example_workspace, out, "--check")
    assert result.exit_code == 0, result.stderr
    tags = sorted(p.name for p in (out / "tags").iterdir() if p.is_dir())
    assert "etc" in tags and "maryland" in tags and "маryland" in tags  # Cyrillic М: its own page
    assert "k-12" in tags and tags.count("k-12") == 1  # K-12 and k 12 are one tag
    assert not (tmp_path / "etc").exists()
    for folder in (out / "tags").iterdir():
        assert folder.resolve().parent == (out / "tags").resolve()


def test_control_characters_never_reach_the_xml(example_workspace, tmp_path):
    release(example_workspace, "controls", "Bell\u0007 and form\u000c feed")
    out = tmp_path / "site"
    assert build(example_workspace, out).exit_code == 0
    for feed in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse((out / feed).read_text(encoding="utf-8"))
        assert not parsed.bozo
        assert "Bell and form feed" in [e.title for e in parsed.entries]


def test_huge_inputs(example_workspace, tmp_path):
    # Just under the 1 MB a release file may have (a larger one is refused before parsing).
    release(example_workspace, "huge", "H" * 20_000, body=("word " * 180_000).strip(),
            tags=json.dumps([f"tag{n}" for n in range(300)]))
    out = tmp_path / "site"
    result = build(example_workspace, out, "--check")
    assert result.exit_code == 0, result.stderr
    assert (out / "releases" / "huge" / "index.html").stat().st_size > 900_000
    assert len(list((out / "tags").iterdir())) > 300
    description = re.search(r'<meta name="description" content="([^"]*)"',
                            (out / "releases" / "huge" / "index.html").read_text()).group(1)
    assert len(description) <= 170


@pytest.mark.parametrize("url", ['https://x.org/"><script>alert(1)</script>', "https://x.org/\n",
                                 "https://x.org/\u0000", "https://x.org/`"])
def test_hostile_base_url_is_refused(example_workspace, tmp_path, url):
    out = tmp_path / "site"
    result = build(example_workspace, out, "--base-url", url)
    assert result.exit_code == 2 and "not an absolute http(s) URL" in result.stderr
    assert not out.exists()


def test_hostile_site_title_is_escaped(example_workspace, tmp_path):
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text().replace("title: NASRO newsroom",
                                                 'title: "News </title><script>x()</script>"'))
    out = tmp_path / "site"
    assert build(example_workspace, out).exit_code == 0
    home = (out / "index.html").read_text()
    assert "<script>x()" not in home and "&lt;/title&gt;" in home
    assert not feedparser.parse((out / "feed.xml").read_text()).bozo


def test_a_forged_manifest_cannot_remove_files_outside(example_workspace, tmp_path):
    out = tmp_path / "site"
    outside = tmp_path / "precious.txt"
    outside.write_text("keep")
    out.mkdir()
    (out / "mine.txt").write_text("keep too")
    (out / ".pressroom-site.json").write_text(json.dumps(
        {"files": ["../precious.txt", str(outside), "mine/../../precious.txt", 7, None]}))
    assert build(example_workspace, out).exit_code == 0
    assert outside.read_text() == "keep" and (out / "mine.txt").read_text() == "keep too"
    (out / ".pressroom-site.json").write_text("{not json")
    assert build(example_workspace, out).exit_code == 0


def test_a_link_or_file_in_the_way_is_refused_before_anything_is_written(example_workspace, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, out / "releases")
    result = build(example_workspace, out)
    assert result.exit_code == 2 and "releases is in the way" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["releases"] and not any(elsewhere.iterdir())
    (out / "releases").unlink()
    (out / "media").write_text("a file where a folder goes")
    result = build(example_workspace, out)
    assert result.exit_code == 2 and "media is in the way" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["media"]


def test_output_is_a_file(example_workspace, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    result = build(example_workspace, target)
    assert result.exit_code == 2 and "exists and is not a folder" in result.stderr


def test_a_named_pipe_in_the_output_does_not_hang_the_build(example_workspace, tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    os.mkfifo(out / "robots.txt")
    result = build(example_workspace, out)
    assert result.exit_code == 0, result.stderr
    assert (out / "robots.txt").is_file() and "Sitemap:" in (out / "robots.txt").read_text()
