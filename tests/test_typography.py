"""Curly quotes and apostrophes in every rendered release (issue 10 item 10), never inside URLs,
email addresses, code or HTML attributes."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, strategies as st

from pressroom.apstyle.typography import smart_markdown, smart_quotes
from pressroom.releases import Renderer, load_release
from pressroom.workspace import Workspace


@pytest.mark.parametrize("text, expected", [
    ("NASRO's 2019 conference", "NASRO\u2019s 2019 conference"),
    ('He said "train first." Then left.', "He said \u201ctrain first.\u201d Then left."),
    ("the officers' union", "the officers\u2019 union"),
    ("the class of '19 and the '90s", "the class of \u201919 and the \u201990s"),
    ("'Single' marks", "\u2018Single\u2019 marks"),
    ('("quoted")', "(\u201cquoted\u201d)"),
    ('a \u2014"dash" b', "a \u2014\u201cdash\u201d b"),
    ("see https://example.org/a'b\"c and www.x.org/it's", "see https://example.org/a'b\"c and www.x.org/it's"),
    ("write o'brien@example.org", "write o'brien@example.org"),
    ("<https://x.org/'q'> isn't", "<https://x.org/'q'> isn\u2019t"),
    ("`don't` touch code, but don't", "`don't` touch code, but don\u2019t"),
    ('[it\'s here](https://x.org/a "a title") it\'s', "[it\u2019s here](https://x.org/a \"a title\") it\u2019s"),
    ('a literal \\" mark', 'a literal \\" mark'),
    ("already \u201ccurly\u201d", "already \u201ccurly\u201d"),
    ("", ""),
])
def test_smart_quotes(text, expected):
    assert smart_quotes(text) == expected


def test_code_blocks_in_markdown_are_left_alone():
    source = "It's here:\n\n```\nprint('x')\n```\n\n    indented = \"y\"\n\nAnd \"done\"."
    assert smart_markdown(source) == (
        "It\u2019s here:\n\n```\nprint('x')\n```\n\n    indented = \"y\"\n\nAnd \u201cdone\u201d.")


@given(st.text(alphabet=st.sampled_from(list("ab '\"\n(-.:/@`[]<>") + ["\u2014"]), max_size=60))
def test_only_marks_change_and_only_into_curly_ones(text):
    out = smart_quotes(text)
    assert len(out) == len(text)
    for before, after in zip(text, out):
        if before != after:
            assert before in "'\"" and after in "\u2018\u2019\u201c\u201d"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attrs: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.attrs += [value or "" for _, value in attrs]
        if tag in ("code", "style", "pre"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("code", "style", "pre"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


@pytest.fixture
def release(example_workspace):
    path = example_workspace / "releases" / "2019-05-01-quotes.yaml"
    path.write_text(
        "headline: NASRO's \"best\" officers of '19\n"
        "subhead: O'Brien's team\n"
        "date: 2019-05-01\nstatus: published\n"
        "quotes:\n  - speaker: canady\n    text: We don't say \"never.\"\n"
        "body: |\n"
        "  It's a \"good\" day; see [the officers' page](https://example.org/it's?a=\"b\").\n\n"
        "  Code `don't` stays, and <https://x.example/'q'> too.\n",
        encoding="utf-8")
    ws = Workspace(example_workspace)
    return Renderer(ws), load_release(path, ws)


def test_html_text_is_curly_and_attributes_and_code_are_not(release):
    renderer, item = release
    html = renderer.render(item, "html")
    page = _Text()
    page.feed(html)
    text = "".join(page.text)
    outside_urls = text.replace("https://x.example/'q'", "")
    assert "'" not in outside_urls and '"' not in outside_urls, outside_urls
    assert "NASRO\u2019s \u201cbest\u201d officers of \u201919" in text
    assert "O\u2019Brien\u2019s team" in text
    assert "\u201cWe don\u2019t say \u2018never,\u2019\u201d said Mo Canady" in text
    assert "https://example.org/it's?a=%22b%22" in page.attrs
    assert "<code>don't</code>" in html


def test_markdown_and_text_are_curly_too(release):
    renderer, item = release
    markdown = renderer.render(item, "markdown")
    assert "# NASRO\u2019s \u201cbest\u201d officers of \u201919" in markdown
    assert "It\u2019s a \u201cgood\u201d day; see [the officers\u2019 page](https://example.org/it's?a=\"b\")" in markdown
    assert "`don't`" in markdown and "<https://x.example/'q'>" in markdown
    text = renderer.render(item, "text")
    for kept in ("https://example.org/it's?a=%22b%22", "https://x.example/'q'",
                 "don't stays"):  # addresses and a code span, as written
        assert kept in text.replace("\n", " ")
    body = text.replace("\n", " ")
    for kept in ("https://example.org/it's?a=%22b%22", "https://x.example/'q'", "don't stays"):
        body = body.replace(kept, "")
    assert "'" not in body and '"' not in body, body
