"""The site's feeds, read back by feedparser: no bozo, absolute links, stable GUIDs, RFC 822 and
RFC 3339 dates, and text that round-trips whatever characters a headline holds."""

from __future__ import annotations

import json
import re
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest

from tests.site_tools import example_site

feedparser = pytest.importorskip("feedparser", reason="LOUD SKIP: feedparser is not installed "
                                 "(pip install -e '.[test]')")

TRICKY = 'Smith & Wesson <b>not bold</b> "quoted" \'single\' </script> café — 5 < 6 && 7 > 3'
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture
def site(example_workspace, tmp_path):
    (example_workspace / "releases" / "2019-04-30-tricky.yaml").write_text(
        f"headline: {json.dumps(TRICKY)}\ndate: 2019-04-30\ndateline: {{city: Hoover, state: Ala.}}\n"
        "status: published\nbody: |\n  Body with <tags> & ampersands.\ntags: [\"R&D\", \"<x>\"]\n")
    return example_site(example_workspace, tmp_path / "site")


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml", "media/feed.xml", "media/atom.xml"])
def test_xml_feeds_parse_cleanly_with_absolute_links_and_dates(site, name):
    raw = (site / name).read_text(encoding="utf-8")
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries
    for entry in feed.entries:
        parts = urlsplit(entry.link)
        assert parts.scheme in ("http", "https") and parts.netloc, entry.link
        assert entry.id.startswith("https://www.nasro.org/newsroom/"), entry.id
    if name.endswith("feed.xml"):
        for date in re.findall(r"<pubDate>(.*?)</pubDate>", raw):
            assert parsedate_to_datetime(date).utcoffset() is not None, date
            assert date.endswith(" GMT")
    else:
        for date in re.findall(r"<(?:updated|published)>(.*?)</", raw):
            assert RFC3339.match(date), date


def test_headline_round_trips_through_every_release_feed(site):
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((site / name).read_text(encoding="utf-8"))
        titles = [e.title for e in feed.entries]
        assert TRICKY in titles, (name, titles)
        tricky = feed.entries[titles.index(TRICKY)]
        assert {t.term for t in tricky.tags} == {"R&D", "<x>"}
    data = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert TRICKY in [item["title"] for item in data["items"]]
    for item in data["items"]:
        assert RFC3339.match(item["date_published"])
        assert item["url"].startswith("https://www.nasro.org/newsroom/releases/")
    # and the pages show it as text, never as markup
    page = (site / "releases" / "tricky" / "index.html").read_text(encoding="utf-8")
    assert "<b>not bold</b>" not in page and "</script> café" not in page


def test_guids_are_stable_and_updated_is_the_newest_item(example_workspace, tmp_path):
    one = example_site(example_workspace, tmp_path / "one")
    later = example_site(example_workspace, tmp_path / "two", now="2024-01-01T00:00:00Z")
    for name in ("feed.xml", "atom.xml", "media/feed.xml", "media/atom.xml"):
        first = feedparser.parse((one / name).read_text(encoding="utf-8"))
        second = feedparser.parse((later / name).read_text(encoding="utf-8"))
        assert [e.id for e in first.entries] == [e.id for e in second.entries]
        assert len({e.id for e in first.entries}) == len(first.entries)
    atom = (one / "atom.xml").read_text(encoding="utf-8")
    assert "<updated>2019-04-15T05:00:00Z</updated>" in atom.split("<entry>")[0]
    assert (one / "feed.json").read_bytes() == (later / "feed.json").read_bytes()


def test_empty_site_feeds_still_parse(tmp_path, cli):
    root = tmp_path / "empty"
    made = cli("init", str(root), "--name", "Example Org")
    assert made.exit_code == 0, made.stderr
    config = root / "pressroom.yaml"
    out = tmp_path / "site"
    result = cli("--workspace", str(root), "site", "build", "-o", str(out), "--base-url",
                 "https://news.example.org/")
    assert result.exit_code == 0, result.stderr + config.read_text()
    for name in ("feed.xml", "atom.xml", "media/feed.xml", "media/atom.xml"):
        assert not feedparser.parse((out / name).read_text(encoding="utf-8")).bozo, name
    assert json.loads((out / "feed.json").read_text())["items"] == []
    assert (out / "robots.txt").read_text() == ("User-agent: *\nAllow: /\n\n"
                                                "Sitemap: https://news.example.org/sitemap.xml\n")
