"""Turning an article (plain text or HTML) into the plain text the scanner reads.

HTML loses its tags (block tags become paragraph breaks, ``<br>`` a line break), its entities are
decoded, script and style contents, navigation, footers, asides and comments are dropped and
whitespace runs fold to one space.
Every character of the prepared text remembers where it came from, so quote offsets can be given
in the input. Plain text is used as it is, with no map at all.

The tag scanner is a single left-to-right pass using ``str.find``; it never rescans, so it is linear
even on broken markup (a ``<`` that never closes, a comment that never ends).
"""

from __future__ import annotations

import html as html_lib
import re
from array import array
from dataclasses import dataclass

# Evidence that a text is HTML: a common tag or an entity.
_HTML_HINT = re.compile(
    r"</?(?:p|div|br|span|a|em|strong|b|i|u|h[1-6]|li|ul|ol|blockquote|section|article|body|html"
    r"|head|title|script|style|table|tr|td|th|figure|figcaption|header|footer|main|aside|hr|img)"
    r"(?=[\s/>])"
    r"|&(?:[A-Za-z]{2,8}|#[0-9]{2,7}|#[xX][0-9A-Fa-f]{2,6});",
    re.IGNORECASE,
)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9]*)")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_MARKUP_START = re.compile(r"[<&]")

# Tags that end a paragraph.
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "section", "article", "header",
    "footer", "main", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td", "th",
    "hr", "pre", "figure", "figcaption", "title", "body", "html", "head", "address", "form",
})
_LINE_BREAK_TAGS = frozenset({"br"})
# Dropped with their content: code, and what is not the story's own text (a page's navigation and
# footer; an aside's related headlines, or a pull quote repeating the story's words).
_DROPPED_CONTENT_TAGS = frozenset({"script", "style", "template", "noscript", "nav", "aside",
                                   "footer"})


@dataclass(frozen=True)
class Prepared:
    """The text the scanner reads, with a map from its characters back to the input.

    ``starts[i]`` is the input offset where prepared character ``i`` begins and ``ends[i]`` where
    it ends (an entity ``&rdquo;`` is one prepared character seven input characters long). Plain
    text has no map: offsets are the same.
    """

    text: str
    starts: array | None = None
    ends: array | None = None

    def input_span(self, start: int, end: int) -> tuple[int, int]:
        """The input offsets of prepared characters ``start`` to ``end`` (exclusive, non-empty)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def looks_like_html(text: str) -> bool:
    return _HTML_HINT.search(text) is not None


def prepare(text: str, html: bool | None = None) -> Prepared:
    if html is None:
        html = looks_like_html(text)
    return _strip_html(text) if html else Prepared(text)


class _Builder:
    """Collects prepared characters with their input offsets, folding whitespace as HTML does."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts = array("q")
        self.ends = array("q")
        self.pending_space: int | None = None  # input offset of a whitespace run not yet written

    def _tail(self, n: int) -> str:
        return "".join(self.chars[-n:])

    def _flush_space(self) -> None:
        if self.pending_space is not None:
            if self.chars and self.chars[-1] != "\n":
                self._put(" ", self.pending_space, self.pending_space + 1)
            self.pending_space = None

    def add(self, chars: str, start: int, end: int) -> None:
        """Add characters that all map to input ``start``..``end`` (an entity, or one character)."""
        self._flush_space()
        for char in chars:
            self._put(char, start, end)

    def add_run(self, run: str, start: int) -> None:
        """Add a run of non-space input characters beginning at input offset ``start``."""
        self._flush_space()
        self.chars.extend(run)
        self.starts.extend(range(start, start + len(run)))
        self.ends.extend(range(start + 1, start + len(run) + 1))

    def space(self, at: int) -> None:
        if self.pending_space is None:
            self.pending_space = at

    def line_break(self, at: int, paragraph: bool) -> None:
        self.pending_space = None
        if not self.chars:
            return
        breaks = 2 if paragraph else 1  # "<br><br>" makes a paragraph break too
        for _ in range(breaks):
            if self._tail(2) != "\n\n":
                self._put("\n", at, at)

    def _put(self, char: str, start: int, end: int) -> None:
        self.chars.append(char)
        self.starts.append(start)
        self.ends.append(end)

    def result(self) -> Prepared:
        return Prepared("".join(self.chars), self.starts, self.ends)


_WORD_OR_SPACE = re.compile(r"\S+|\s+")


def _add_data(out: _Builder, text: str, start: int, end: int) -> None:
    for match in _WORD_OR_SPACE.finditer(text, start, end):
        if match.group()[0].isspace():
            out.space(match.start())
        else:
            out.add_run(match.group(), match.start())


def _strip_html(text: str) -> Prepared:
    out = _Builder()
    lowered: str | None = None  # made once, only if a script or style tag needs its end found
    never_closed: set[str] = set()  # dropped-content tags with no closing tag further on
    n = len(text)
    next_gt = -2  # cached text.find(">", ...): -1 means there is no ">" left at all
    i = 0
    while i < n:
        markup = _MARKUP_START.search(text, i)
        stop = markup.start() if markup else n
        if stop > i:
            _add_data(out, text, i, stop)
        if markup is None:
            break
        i = stop
        if text[i] == "&":
            entity = _ENTITY.match(text, i)
            decoded = html_lib.unescape(entity.group()) if entity else None
            if entity is None or decoded == entity.group():
                out.add("&", i, i + 1)
                i += 1
            elif decoded.isspace():
                out.space(i)
                i = entity.end()
            else:
                out.add(decoded, i, entity.end())
                i = entity.end()
            continue
        if text.startswith("<!--", i):
            close = text.find("-->", i + 4)
            i = n if close < 0 else close + 3
            continue
        following = text[i + 1:i + 2]
        if not (following.isalpha() or following in ("/", "!", "?")):
            out.add("<", i, i + 1)
            i += 1
            continue
        if next_gt != -1 and next_gt < i:
            next_gt = text.find(">", i)
        if next_gt == -1:  # no tag can close: the rest is text
            out.add("<", i, i + 1)
            i += 1
            continue
        name_match = _TAG_NAME.match(text, i, next_gt)
        name = name_match.group(1).lower() if name_match else ""
        closing = text.startswith("</", i)
        tag_end = next_gt + 1
        if name in _DROPPED_CONTENT_TAGS and not closing and text[next_gt - 1] != "/":
            if name in _BLOCK_TAGS:
                out.line_break(i, paragraph=True)  # the text around it stays apart
            if lowered is None:
                lowered = text.lower()
            # (a tag with no closing tag after one place has none after any later one: each
            # name is searched for to the end at most once, so hostile markup stays linear)
            close = -1 if name in never_closed else lowered.find("</" + name, tag_end)
            if close < 0:
                never_closed.add(name)
            if close >= 0 or name not in _BLOCK_TAGS:
                i = n if close < 0 else close
                continue
            # an aside, nav or footer never closed: its tag alone is dropped, not the rest of
            # the page (an unclosed script still hides everything after it: it is code)
        if name in _BLOCK_TAGS:
            out.line_break(i, paragraph=True)
        elif name in _LINE_BREAK_TAGS:
            out.line_break(i, paragraph=False)
        i = tag_end
    return out.result()
