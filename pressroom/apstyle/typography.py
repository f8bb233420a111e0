"""Curly quotes and apostrophes: a release prints “these” and ’s everywhere, never a mix.

A release's words may be typed with straight marks (``"``, ``'``) or curly ones; rendered, every
one is curly, in every format. What must stay byte for byte is left alone: web and email
addresses, ``<...>`` autolinks, Markdown code spans and code blocks, link destinations. HTML
attributes never pass through here (these functions run on text, before escaping).

Which mark a straight one becomes depends on what is before it: after a letter, digit or closing
punctuation it closes (or is an apostrophe: ``NASRO's``, ``officers'``); at the start, after a
space or an opening bracket or dash it opens; an apostrophe before a digit at the start of a word
is the AP elision (``’19``).
"""

from __future__ import annotations

import re
from functools import lru_cache

OPEN_DOUBLE, CLOSE_DOUBLE, OPEN_SINGLE, CLOSE_SINGLE = "\u201c", "\u201d", "\u2018", "\u2019"
_OPENS_AFTER = set("([{<\u2014\u2013-/" + OPEN_DOUBLE + OPEN_SINGLE)

# Kept as written: URLs (with or without a scheme), email addresses, <autolinks>, code spans,
# Markdown link destinations.
_PROTECTED = re.compile(
    r"(`+[^`]*`+"                                  # a code span
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"            # ](destination "title")
    r"|<[^<>\s]+>"                                 # <https://...> or <a@b.org>
    r"|\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>]*"       # scheme://...
    r"|\bwww\.[^\s<>]+"
    r"|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)")


def smart_quotes(text: str) -> str:
    """*text* with every straight quote mark and apostrophe made curly (see the module)."""
    if not text or ("'" not in text and '"' not in text):
        return text
    out: list[str] = []
    for index, part in enumerate(_PROTECTED.split(text)):
        if index % 2 or ("'" not in part and '"' not in part):
            out.append(part)
            continue
        before = out[-1][-1:] if out and out[-1] else ""
        chars = []
        for position, ch in enumerate(part):
            if (ch == "'" or ch == '"') and before != "\\":  # \" is Markdown's literal mark
                after = part[position + 1:position + 2]
                ch = _curl(ch, before, after)
            chars.append(ch)
            before = ch
        out.append("".join(chars))
    return "".join(out)


def _curl(mark: str, before: str, after: str) -> str:
    opening = not before or before.isspace() or before in _OPENS_AFTER
    if mark == '"':
        return OPEN_DOUBLE if opening else CLOSE_DOUBLE
    if opening and after.isdigit():
        return CLOSE_SINGLE  # ’19, ’90s
    return OPEN_SINGLE if opening else CLOSE_SINGLE


@lru_cache(maxsize=64)  # the boilerplate is the same in every release
def smart_markdown(source: str) -> str:
    """:func:`smart_quotes` for Markdown source: code blocks (fenced or indented) untouched."""
    if not source or ("'" not in source and '"' not in source):
        return source
    from pressroom.releases.markdown import block_parser

    lines = source.split("\n")
    code = set()
    for token in block_parser().parse(source):
        if token.type in ("fence", "code_block") and token.map:
            code.update(range(*token.map))
    if not code:
        return smart_quotes(source)
    out, chunk = [], []
    for number, line in enumerate(lines):
        if number in code:
            if chunk:
                out.append(smart_quotes("\n".join(chunk)))
                chunk = []
            out.append(line)
        else:
            chunk.append(line)
    if chunk:
        out.append(smart_quotes("\n".join(chunk)))
    return "\n".join(out)


def nested(text: str) -> str:
    """A quotation's own double marks as single ones, for a quote inside quotation marks."""
    return text.replace(OPEN_DOUBLE, OPEN_SINGLE).replace(CLOSE_DOUBLE, CLOSE_SINGLE)
