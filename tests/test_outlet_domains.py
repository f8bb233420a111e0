"""The outlet registry learns web domains: a story logged by hand teaches its outlet the site's
domain, so an alert-feed entry from that site later lands on the same outlet."""

import json

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>alerts</title><link>https://alerts.example.org/</link>
<description>x</description>
<item><title>NASRO on school safety</title>
<link>https://www.wvtm13.com/article/nasro-school-safety/99?utm_source=alert</link>
<pubDate>Mon, 04 Mar 2019 18:30:00 GMT</pubDate><description>d</description></item>
</channel></rss>
"""


def outlets(cli):
    return {o["name"]: o for o in json.loads(cli("outlet", "list", "--format", "json").stdout)}


def test_a_feed_entry_finds_the_outlet_a_story_taught_its_domain(store_cli, tmp_path):
    added = store_cli("mention", "add", "https://www.wvtm13.com/article/sro-role", "--outlet",
                      "WVTM TV", "--type", "tv", "--title", "SRO role", "--date", "2019-02-14")
    assert added.exit_code == 0, added.stderr
    assert outlets(store_cli)["WVTM TV"]["domain"] == "wvtm13.com"
    feed = tmp_path / "alerts.xml"
    feed.write_text(FEED, encoding="utf-8")
    result = store_cli("mention", "import", str(feed))
    assert result.exit_code == 0, result.stderr
    assert list(outlets(store_cli)) == ["WVTM TV"]
    assert outlets(store_cli)["WVTM TV"]["mentions"] == 2


def test_aggregators_and_taken_domains_teach_nothing(store_cli):
    store_cli("mention", "add", "https://www.msn.com/en-us/news/story-1", "--outlet", "Daily Star",
              "--title", "A", "--date", "2019-02-14")
    store_cli("mention", "add", "https://wvtm13.com/a", "--outlet", "WVTM TV", "--title", "B",
              "--date", "2019-02-14")
    store_cli("mention", "add", "https://wvtm13.com/b", "--outlet", "WVTM 13 Weekend",
              "--title", "C", "--date", "2019-02-15")
    known = outlets(store_cli)
    assert known["Daily Star"]["domain"] is None
    assert known["WVTM TV"]["domain"] == "wvtm13.com"
    assert known["WVTM 13 Weekend"]["domain"] is None  # the domain is WVTM TV's already
