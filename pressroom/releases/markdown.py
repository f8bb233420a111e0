"""A release body (Markdown) in each output format, with the dateline run into its first paragraph.

* :func:`to_text`: readable plain text wrapped at a width: emphasis dropped, links as
  ``text (url)``, lists with hanging indents.
* :func:`to_markdown`: the user's Markdown with the dateline put in front of the first paragraph.
* :func:`to_html`: HTML through markdown-it-py with raw HTML off; its link validation drops
  ``javascript:``, ``vbscript:``, ``file:`` and ``data:`` links, leaving their text.

One parser is built on first use and shared (building one costs more than parsing a release).
"""

from __future__ import annotations

import re
import textwrap
from functools import cache, lru_cache
from typing import Any

MIN_WIDTH = 20


@cache
def parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def wrap(text: str, width: int = 72) -> str:
    """Fill each line of *text* (hard breaks kept) to *width*; long URLs are never broken."""
    width = max(width, MIN_WIDTH)
    return "\n".join(textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False)
                     if line.strip() else "" for line in text.split("\n"))


# --- plain text ---------------------------------------------------------------------------------

@lru_cache(maxsize=64)  # the boilerplate is the same in every release: convert it once
def to_text(source: str, *, lead: str | None = None, width: int = 72) -> str:
    """Plain text of the Markdown *source*; *lead* (the dateline) starts the first paragraph."""
    from markdown_it.tree import SyntaxTreeNode

    root = SyntaxTreeNode(parser().parse(source or ""))
    blocks = _blocks(root, width, lead)
    if lead is not None and (not root.children or root.children[0].type != "paragraph"):
        blocks.insert(0, wrap(lead, width))
    return "\n\n".join(b for b in blocks if b)


def _blocks(node: Any, width: int, lead: str | None = None) -> list[str]:
    out: list[str] = []
    for index, child in enumerate(node.children):
        kind = child.type
        if kind in ("paragraph", "heading"):
            text = _inline(child.children[0]) if child.children else ""
            if index == 0 and lead is not None and kind == "paragraph":
                text = f"{lead} {text}"
            out.append(wrap(text, width))
        elif kind in ("bullet_list", "ordered_list"):
            out.append(_list(child, width))
        elif kind == "blockquote":
            inner = "\n\n".join(_blocks(child, width - 2))
            out.append("\n".join(f"> {line}" if line else ">" for line in inner.split("\n")))
        elif kind in ("fence", "code_block"):
            out.append(child.content.rstrip("\n"))
        elif kind == "hr":
            out.append("* * *")
        else:  # anything else commonmark may add: its text, unformatted
            out.append(wrap(child.content or "", width))
    return out


def _list(node: Any, width: int) -> str:
    start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
    tight = all(p.hidden for item in node.children for p in item.children if p.type == "paragraph")
    items = []
    for number, item in enumerate(node.children, start):
        marker = "-" if node.type == "bullet_list" else f"{number}."
        pad = " " * (len(marker) + 1)
        inner = ("\n" if tight else "\n\n").join(_blocks(item, width - len(pad)))
        lines = inner.split("\n") or [""]
        items.append("\n".join([f"{marker} {lines[0]}".rstrip()]
                               + [pad + line if line else "" for line in lines[1:]]))
    return ("\n" if tight else "\n\n").join(items)


def _inline(node: Any) -> str:
    parts: list[str] = []
    for child in node.children:
        kind = child.type
        if kind in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "link":
            text = _inline(child)
            href = str(child.attrs.get("href", ""))
            plain_href = href[len("mailto:"):] if href.startswith("mailto:") else href
            parts.append(text if not href or text in (href, plain_href) else f"{text} ({href})")
        elif kind == "image":
            parts.append(_inline(child) or str(child.attrs.get("alt", "")))
        else:  # em, strong: their text only
            parts.append(_inline(child) if child.children else child.content)
    return "".join(parts)


# --- Markdown -----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")


def escape_markdown(text: str) -> str:
    """*text* shown literally in Markdown (no emphasis, links, HTML or headings)."""
    escaped = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    if escaped[:1] in ("-", "+", "="):  # a list item or a setext underline
        escaped = "\\" + escaped
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)


@lru_cache(maxsize=64)
def to_markdown(source: str, *, lead: str | None = None, bold: bool = False) -> str:
    """The Markdown *source* (trimmed) with *lead* escaped (and bold if asked) at the start of its
    first paragraph."""
    source = (source or "").strip("\n")
    if lead is None:
        return source
    shown = escape_markdown(lead)
    if bold:
        shown = f"**{shown}**"
    tokens = parser().parse(source)
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
