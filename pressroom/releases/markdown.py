"""A release body (Markdown) in each output format, with the dateline run into its first paragraph.

* :func:`to_text`: readable plain text wrapped at a width: emphasis dropped, links as
  ``text (url)``, lists with hanging indents.
* :func:`to_markdown`: the user's Markdown with the dateline put in front of the first paragraph,
  and raw HTML escaped (``\\<script>``), as in HTML output: a Markdown viewer would run it.
* :func:`to_html`: HTML through markdown-it-py with raw HTML off; its link validation drops
  ``javascript:``, ``vbscript:``, ``file:`` and ``data:`` links, leaving their text.

One parser is built on first use and shared (building one costs more than parsing a release).
"""

from __future__ import annotations

import re
import textwrap
from functools import cache, lru_cache
from typing import Any, Iterator

MIN_WIDTH = 20


@cache
def parser() -> Any:
    return _commonmark()


@cache
def block_parser() -> Any:
    """The parser without its inline phase: the blocks and their lines, all that finding the
    first paragraph needs (CommonMark settles the blocks before reading any inline text)."""
    return _commonmark().disable("inline")


def _commonmark() -> Any:
    from markdown_it import MarkdownIt

    # Raw HTML is off, so the two HTML rules could only ever answer "no": dropping them saves
    # trying them on every line and every '<' without changing any output.
    return MarkdownIt("commonmark", {"html": False}).disable(["html_block", "html_inline"])


# A line holding no whitespace but plain spaces: textwrap's work (tab expansion, whitespace
# translation, its chunk rules for other white space) reduces to the greedy loop of _fill.
_OTHER_SPACE = re.compile(r"[^\S ]")
_SPACE_RUNS = re.compile(r"( +)")


def wrap(text: str, width: int = 72) -> str:
    """Fill each line of *text* (hard breaks kept) to *width*; long URLs are never broken."""
    width = max(width, MIN_WIDTH)
    return "\n".join(_fill(line, width) if line.strip() else "" for line in text.split("\n"))


def _fill(line: str, width: int) -> str:
    """``textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)``, the same
    text at a fraction of the cost (tests/test_release_wrap.py proves it on random text).

    The greedy rule, as textwrap applies it: words and runs of spaces are taken while they fit;
    a word longer than the width stands alone on its line; spaces ending a line are dropped, and
    so are spaces starting any line but the first."""
    if _OTHER_SPACE.search(line):  # tabs, other white space: rare, left to textwrap itself
        return textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
    if len(line) <= width:
        return line.rstrip(" ")
    chunks = [chunk for chunk in _SPACE_RUNS.split(line) if chunk]
    lines: list[str] = []
    count, at = len(chunks), 0
    while at < count:
        if lines and chunks[at][0] == " ":
            at += 1
        start, used = at, 0
        while at < count and used + len(chunks[at]) <= width:
            used += len(chunks[at])
            at += 1
        if at == start and at < count:  # too long for any line: alone on its own
            at += 1
        end = at - 1 if at > start and chunks[at - 1][0] == " " else at
        if end > start:
            lines.append("".join(chunks[start:end]))
    return "\n".join(lines)


# --- plain text ---------------------------------------------------------------------------------
# The text is built straight from markdown-it's flat token stream (a block is the tokens from its
# ``*_open`` to the matching ``*_close``); building a SyntaxTreeNode tree first cost more than
# the parsing.

@lru_cache(maxsize=64)  # the boilerplate is the same in every release: convert it once
def to_text(source: str, *, lead: str | None = None, width: int = 72) -> str:
    """Plain text of the Markdown *source*; *lead* (the dateline) starts the first paragraph."""
    tokens = parser().parse(source or "")
    closes = _closing_tokens(tokens)
    blocks = _blocks(tokens, 0, len(tokens), closes, width, lead)
    if lead is not None and (not tokens or tokens[0].type != "paragraph_open"):
        blocks.insert(0, wrap(lead, width))
    return "\n\n".join(b for b in blocks if b)


def _closing_tokens(tokens: list[Any]) -> dict[int, int]:
    """The index of the matching closing token of each opening token."""
    closes: dict[int, int] = {}
    opened: list[int] = []
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            opened.append(index)
        elif token.nesting == -1:
            closes[opened.pop()] = index
    return closes


def _children(tokens: list[Any], start: int, end: int,
              closes: dict[int, int]) -> Iterator[tuple[Any, int, int]]:
    """(first token, its index, index of its last token) of each block in ``tokens[start:end]``."""
    at = start
    while at < end:
        last = closes[at] if tokens[at].nesting == 1 else at
        yield tokens[at], at, last
        at = last + 1


def _blocks(tokens: list[Any], start: int, end: int, closes: dict[int, int], width: int,
            lead: str | None = None) -> list[str]:
    out: list[str] = []
    for index, (token, at, last) in enumerate(_children(tokens, start, end, closes)):
        kind = token.type
        if kind in ("paragraph_open", "heading_open"):
            text = _inline(tokens[at + 1].children or []) if last > at + 1 else ""
            if index == 0 and lead is not None and kind == "paragraph_open":
                text = f"{lead} {text}"
            out.append(wrap(text, width))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            out.append(_list(tokens, at, last, closes, width))
        elif kind == "blockquote_open":
            inner = "\n\n".join(_blocks(tokens, at + 1, last, closes, width - 2))
            out.append("\n".join(f"> {line}" if line else ">" for line in inner.split("\n")))
        elif kind in ("fence", "code_block"):
            out.append(token.content.rstrip("\n"))
        elif kind == "hr":
            out.append("* * *")
        else:  # anything else commonmark may add: its text, unformatted
            out.append(wrap(token.content or "", width))
    return out


def _list(tokens: list[Any], at: int, last: int, closes: dict[int, int], width: int) -> str:
    bullet = tokens[at].type == "bullet_list_open"
    start = 1 if bullet else int(tokens[at].attrs.get("start", 1))
    items = [(item, item_last) for _, item, item_last in _children(tokens, at + 1, last, closes)]
    tight = all(block.hidden for item, item_last in items
                for block, _, _ in _children(tokens, item + 1, item_last, closes)
                if block.type == "paragraph_open")
    joint = "\n" if tight else "\n\n"
    shown = []
    for number, (item, item_last) in enumerate(items, start):
        marker = "-" if bullet else f"{number}."
        pad = " " * (len(marker) + 1)
        inner = joint.join(_blocks(tokens, item + 1, item_last, closes, width - len(pad)))
        lines = inner.split("\n") or [""]
        shown.append("\n".join([f"{marker} {lines[0]}".rstrip()]
                               + [pad + line if line else "" for line in lines[1:]]))
    return joint.join(shown)


def _inline(tokens: list[Any]) -> str:
    """The plain text of inline tokens: emphasis dropped, a link as ``text (url)`` unless its
    text is its address."""
    parts: list[str] = []
    outer: list[tuple[Any, list[str]]] = []  # (opening token, the parts before it)
    for token in tokens:
        kind = token.type
        if token.nesting == 1:  # em, strong, link: their text is gathered until they close
            outer.append((token, parts))
            parts = []
            continue
        if token.nesting == -1:
            opening, before = outer.pop()
            text = "".join(parts) if parts else opening.content
            if opening.type == "link_open":
                href = str(opening.attrs.get("href", ""))
                plain_href = href[len("mailto:"):] if href.startswith("mailto:") else href
                text = text if not href or text in (href, plain_href) else f"{text} ({href})"
            parts = before
            parts.append(text)
        elif kind in ("text", "code_inline", "html_inline"):
            parts.append(token.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "image":
            parts.append(_inline(token.children or []) or str(token.attrs.get("alt", "")))
        else:
            parts.append(_inline(token.children) if token.children else token.content)
    return "".join(parts)


# --- Markdown -----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")


def escape_markdown(text: str) -> str:
    """*text* shown literally in Markdown (no emphasis, links, HTML or headings)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    if escaped[:1] in ("-", "+", "="):  # a list item or a setext underline
        escaped = "\\" + escaped
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)


# A '<' that opens HTML (a tag, a closing tag, a comment, a declaration or processing
# instruction); web and mail autolinks (<https://...>, <mailto:...>) stay links.
_RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])(?!(?:https?|mailto):[^\s<>]*>)")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")


def escape_raw_html(source: str) -> str:
    """*source* with every '<' that would open raw HTML backslash-escaped (shown as text by any
    Markdown viewer), except inside code blocks and code spans, where it is already text."""
    if "<" not in source:
        return source
    code_lines: set[int] = set()
    for token in block_parser().parse(source):
        if token.type in ("fence", "code_block") and token.map:
            code_lines.update(range(*token.map))
    lines = source.split("\n")
    for number, line in enumerate(lines):
        if number in code_lines or "<" not in line:
            continue
        parts, last = [], 0
        for span in _CODE_SPAN.finditer(line):
            parts.append(_RAW_HTML.sub(r"\\<", line[last:span.start()]))
            parts.append(span.group(0))
            last = span.end()
        parts.append(_RAW_HTML.sub(r"\\<", line[last:]))
        lines[number] = "".join(parts)
    return "\n".join(lines)


@lru_cache(maxsize=64)
def to_markdown(source: str, *, lead: str | None = None, bold: bool = False) -> str:
    """The Markdown *source* (trimmed) with *lead* escaped (and bold if asked) at the start of its
    first paragraph, and raw HTML escaped."""
    source = escape_raw_html((source or "").strip("\n"))
    if lead is None:
        return source
    shown = escape_markdown(lead)
    if bold:
        shown = f"**{shown}**"
    tokens = block_parser().parse(source)
    if tokens and tokens[0].type == "paragraph_open" and tokens[0].map:
        lines = source.split("\n")
        first = tokens[0].map[0]
        lines[first] = f"{shown} {lines[first].lstrip()}"
        return "\n".join(lines)
    return f"{shown}\n\n{source}" if source else shown


# --- HTML ---------------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def to_html(source: str, *, lead: str | None = None) -> str:
    """HTML for the Markdown *source*; *lead* in a ``span.dateline`` opening the first paragraph."""
    from markupsafe import escape

    html = parser().render(source or "").rstrip("\n")
    if lead is None:
        return html
    span = f'<span class="dateline">{escape(lead)}</span>'
    if html.startswith("<p>"):
        return f"<p>{span} {html[3:]}"
    return f'<p class="dateline">{span}</p>\n{html}'
