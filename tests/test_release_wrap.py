"""The release text wrapper is textwrap.fill, only faster: the same output on any text.

``pressroom.releases.markdown.wrap`` fills with its own greedy loop (textwrap's cost was a fifth of
rendering a release); these tests hold it to ``textwrap.fill(..., break_long_words=False,
break_on_hyphens=False)`` line by line, on text built to hit the edges: words longer than the
width, runs of spaces at either end of a line, tabs and other white space, hyphens.
"""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.releases.markdown import MIN_WIDTH, _fill, wrap


def reference(text: str, width: int) -> str:
    """What wrap() did before it had its own loop."""
    width = max(width, MIN_WIDTH)
    return "\n".join(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
                     if line.strip() else "" for line in text.split("\n"))


# Words of every length around the widths tried, joined by runs of spaces (the common case) and
# now and then by other white space, which wrap() leaves to textwrap itself.
WORD = st.text(st.sampled_from("abcXYZ-.,/:\u00e9\u201c\u2014"), min_size=1, max_size=30)
SPACES = st.sampled_from([" ", " ", " ", "  ", "   ", "\t", "\u00a0", " \r ", "\x0b", "\u2003"])
LINE = st.lists(st.tuples(SPACES, WORD), max_size=40).map(
    lambda pairs: "".join(space + word for space, word in pairs))
TEXT = st.lists(st.tuples(LINE, st.sampled_from(["", " ", "  "])), max_size=4).map(
    lambda lines: "\n".join(line + tail for line, tail in lines))


@settings(max_examples=600)
@given(text=TEXT, width=st.integers(min_value=1, max_value=80))
def test_wrap_is_textwrap_fill(text, width):
    assert wrap(text, width) == reference(text, width)


@settings(max_examples=600)
@given(line=st.text(st.sampled_from("ab -"), max_size=120), width=st.integers(MIN_WIDTH, 40))
def test_fill_on_words_and_spaces_only(line, width):
    assert _fill(line, width) == textwrap.fill(line, width, break_long_words=False,
                                               break_on_hyphens=False)


@given(line=st.text(max_size=200), width=st.integers(MIN_WIDTH, 80))
def test_fill_on_any_text(line, width):
    assert _fill(line, width) == textwrap.fill(line, width, break_long_words=False,
                                               break_on_hyphens=False)


def test_edges():
    url = "https://www.example.org/" + "a" * 60
    for line in ("", "   ", "word", "  lead", "trail   ", f"see {url} now", f"{url} x",
                 "x" * 20 + " " + "y" * 21, " " * 30 + "word", "a" + " " * 30 + "b"):
        assert _fill(line, 20) == textwrap.fill(line, 20, break_long_words=False,
                                                break_on_hyphens=False), repr(line)
