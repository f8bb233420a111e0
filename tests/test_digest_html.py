"""The HTML digest is safe and email-ready: every field a feed could fill is escaped, a
``javascript:`` link never becomes live, no script, no external resource, at most 640 px wide."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

HOSTILE = "<script>alert(1)</script>\"'&"
BAD_URL = "javascript:alert(document.cookie)"
GOOD_URL = "https://news.example/story?a=1&b=<2>"


class Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Collect:
    parser = Collect()
    parser.feed(html)
    parser.close()
    return parser


def check_email_safe(html: str, allowed_links: set[str]) -> Collect:
    page = parse(html)
    names = [tag for tag, _ in page.tags]
    assert "script" not in names and "iframe" not in names and "object" not in names
    assert "link" not in names and "img" not in names
    for tag, attrs in page.tags:
        assert "src" not in attrs, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if "href" in attrs:
            assert attrs["href"] in allowed_links, attrs["href"]
        width = attrs.get("width")
        if width and not width.endswith("%"):
            assert float(width) <= 640, (tag, width)
        for px in re.findall(r"(?<![-\w])width:\s*(\d+)px", attrs.get("style", "")):
            assert int(px) <= 640, (tag, attrs["style"])
    assert "max-width:640px" in html
    assert "javascript:" not in " ".join(a.get("href", "") for _, a in page.tags)
    return page


def hostile_digest() -> dict:
    mention = {"id": 7, "outlet": HOSTILE + "outlet", "outlet_type": "tv", "title": HOSTILE + "title",
               "url": BAD_URL, "published": "2019-03-01", "reporter": HOSTILE + "reporter",
               "linked": True, "quotes": [{"quote": 0, "pickup": "partial"}]}
    good = {**mention, "id": 8, "url": GOOD_URL}
    quote = {"text": HOSTILE + "quote", "outlet": mention["outlet"], "outlet_type": "tv",
             "title": mention["title"], "url": BAD_URL, "published": "2019-03-01",
             "reporter": mention["reporter"], "mention": 7, "lead": HOSTILE + "lead"}
    return {
        "organization": HOSTILE + "org", "period": {"since": "2019-02-25", "until": "2019-03-03"},
        "previous_period": {"since": "2019-02-18", "until": "2019-02-24"},
        "speaker": None, "empty": False,
        "totals": {"mentions": 2, "outlets": 1, "quotes": 1},
        "previous_totals": {"mentions": 0, "outlets": 0, "quotes": 0},
        "by_type": [{"type": "tv", "mentions": 2, "previous": 0}],
        "timeline": [{"start": f"2019-02-{d}", "end": f"2019-02-{d}", "mentions": 1}
                     for d in (25, 26, 27, 28)],
        "speakers": [{"speaker": "canady", "name": HOSTILE + "name", "title": HOSTILE + "title",
                      "quotes": [quote, {**quote, "url": GOOD_URL, "mention": 8}]}],
        "releases": [{"slug": "x", "headline": HOSTILE + "headline", "date": "2019-02-27",
                      "mentions": [mention, good],
                      "quotes": [{"speaker": "canady", "speaker_name": "Mo Canady",
                                  "text": HOSTILE + "release quote", "pickup": "partial",
                                  "mentions": [7, 8], "by_level": {"verbatim": [], "partial": [7, 8]}}]}],
        "top_outlets": [{"outlet": HOSTILE + "outlet", "type": "tv", "mentions": 2}],
        "top_reporters": [{"reporter": HOSTILE + "reporter", "outlets": [HOSTILE + "outlet"],
                           "mentions": 2}],
        "release_window_days": 90,
    }


def test_every_field_is_escaped_and_bad_links_are_dead(example_workspace):
    from pressroom.digest.render import render_digest
    from pressroom.workspace import Workspace

    html = render_digest(hostile_digest(), "html", Workspace(example_workspace))
    page = check_email_safe(html, {GOOD_URL})
    text = "".join(page.text)
    for field in ("org", "outlet", "title", "reporter", "quote", "lead", "name", "headline",
                  "release quote"):
        assert HOSTILE + field in text, field  # shown literally, as text
    assert "<script>" not in html
    assert BAD_URL in text  # the address is shown, as text only
    assert sum(1 for tag, a in page.tags if tag == "a") == 2  # the two good links


def test_the_chart_has_a_text_fallback(example_workspace):
    from pressroom.digest.render import render_digest
    from pressroom.workspace import Workspace

    html = render_digest(hostile_digest(), "html", Workspace(example_workspace))
    page = parse(html)
    assert [tag for tag, _ in page.tags].count("svg") == 1
    # the figures are in the page as text too (a table), for clients that drop SVG
    text = " ".join(" ".join(page.text).split())
    assert "Feb. 25 1" in text and "Feb. 28 1" in text
    assert "<desc>Feb. 25: 1; Feb. 26: 1; Feb. 27: 1; Feb. 28: 1</desc>" in html


@pytest.mark.parametrize("fmt", ["markdown"])
def test_markdown_escapes_and_never_links_javascript(example_workspace, fmt):
    from pressroom.digest.render import render_digest
    from pressroom.workspace import Workspace

    md = render_digest(hostile_digest(), fmt, Workspace(example_workspace))
    assert "<script>" not in md
    assert f"]({BAD_URL}" not in md and "](javascript" not in md
    assert "](https://news.example/story?a=1&b=%3C2%3E)" in md


def test_stored_hostile_mentions_render_safely(store, example_workspace):
    """The same, end to end: hostile values stored in the database by a feed-like import."""
    from sqlalchemy import update

    from pressroom.digest.build import build_digest
    from pressroom.digest.periods import Period
    from pressroom.digest.render import render_digest
    from pressroom.mentions.records import NewMention, add_mention
    from pressroom.store.schema import mentions
    from pressroom.workspace import Workspace

    ws = Workspace(example_workspace)
    added = add_mention(store, ws, NewMention(
        url="https://evil.example/a", outlet=HOSTILE + "outlet", title=HOSTILE + "title",
        published="2019-03-01", outlet_type="online", reporter=HOSTILE + "reporter",
        excerpt=HOSTILE, quotes=[(HOSTILE + "quote", "canady")], by="test"))
    with store.begin() as conn:  # a URL that bypassed canonicalisation
        conn.execute(update(mentions).where(mentions.c.id == added.id).values(url=BAD_URL))
    digest = build_digest(store, ws, Period(dt.date(2019, 2, 25), dt.date(2019, 3, 3)), releases=[])
    html = render_digest(digest, "html", ws)
    page = check_email_safe(html, set())
    text = "".join(page.text)
    for field in ("outlet", "title", "reporter", "quote"):
        assert HOSTILE + field in text
