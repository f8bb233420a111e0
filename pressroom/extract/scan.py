"""Finding quoted spans: which double quote marks open and close, paragraph by paragraph.

Curly marks say which way they face; a straight ``"`` is read from its neighbours (after a space
it opens, before one it closes). Marks are matched with a stack, so a quote inside a quote belongs
to the outer one. A quote still open at the end of a paragraph goes on only if the next paragraph
opens with a mark (the convention for a quote over several paragraphs); otherwise it never closed
and is dropped, and any quotes that were complete inside it stand on their own.

Single quotes are quote marks only in a paragraph that has no double marks at all (British style:
'We will not close,' Mr Okoro said.). Elsewhere they are apostrophes (don't, NASRO’s, ’90s) or
quotes nested in a quote, and belong to the text around them. Even as marks, one between two
letters (don’t), before a digit (’90s) or after a plural's s with a lower-case word following
(the Smiths' budget) stays an apostrophe.

One pass over the marks of each paragraph; nothing is rescanned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARK = re.compile('[\u201c\u201d\u201e"]')
_SINGLE_MARK = re.compile("[\u2018\u2019'\u201a]")
_OPENING_CURLY = "\u201c\u201e\u2018\u201a"  # “ „ ‘ ‚
_CLOSING_CURLY = "\u201d"  # ” (’ is an apostrophe as often as a mark: read like a straight one)
_SINGLES = "\u2018\u2019'\u201a"
_ELISIONS = re.compile(r"(?:em|til|cause|n|tis|twas)\b", re.IGNORECASE)
# Characters after which a straight mark opens, and before which one closes.
_BEFORE_OPENING = set("([{\u2014\u2013-/")
_AFTER_CLOSING = set(".,;:!?)]}\u2014\u2013-\u2026'\u2019")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_PARAGRAPH_BREAK = {True: re.compile(r"\n(?:[ \t\r\f\v\u00a0]*\n)+"), False: re.compile(r"\n+")}


@dataclass(frozen=True)
class QuoteSpan:
    """A matched quote: its marks and the ranges of prepared text between them.

    ``pieces`` has one range per paragraph the quote runs over (the continuation marks that open
    each later paragraph are left out). Ranges are untrimmed: they may start or end with spaces.
    """

    open_at: int
    close_at: int
    pieces: tuple[tuple[int, int], ...]
    paragraph: int  # index of the paragraph the quote closes in
    first_paragraph: int  # index of the paragraph it opens in


@dataclass
class _Open:
    mark: int
    piece_start: int
    paragraph: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    inner: list[QuoteSpan] = field(default_factory=list)  # complete quotes inside this one


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph ranges: blank lines separate paragraphs if the text has any, else every newline."""
    breaks = _PARAGRAPH_BREAK[_BLANK_LINE.search(text) is not None]
    ranges = []
    start = 0
    for match in breaks.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return ranges


def _is_space(char: str) -> bool:
    return char == "" or char.isspace()


def _classify(text: str, at: int, para_start: int, para_end: int, depth: int) -> str:
    """'open', 'close' or 'stray' for the mark at ``at``."""
    mark = text[at]
    before = text[at - 1] if at > para_start else ""
    after = text[at + 1] if at + 1 < para_end else ""
    opens = (before == "" or before.isspace() or before in _BEFORE_OPENING) and not _is_space(after)
    closes = not _is_space(before) and (_is_space(after) or after in _AFTER_CLOSING)
    if mark in _SINGLES and _apostrophe(text, at, before, after, para_end):
        return "stray"
    if mark in _OPENING_CURLY:
        if _is_space(before) and _is_space(after):
            return "stray"  # a mark standing alone between spaces
        return "close" if depth and closes and not opens else "open"
    if mark in _CLOSING_CURLY:
        if depth:
            return "close"
        return "open" if opens else "stray"
    # a straight mark
    if depth and closes:
        return "close"
    if opens:
        return "open"
    return "stray"


def _apostrophe(text: str, at: int, before: str, after: str, para_end: int) -> bool:
    """Whether a single mark read as a quote mark is an apostrophe after all."""
    if before.isalnum() and after.isalnum():
        return True  # don’t, O'Neill
    if after.isdigit() or _ELISIONS.match(text, at + 1, para_end):
        return True  # ’90s, 'em
    if before == "s" and after == " ":  # the Smiths' budget, not “… the games' end”
        next_char = text[at + 2:at + 3]
        return next_char.islower()
    return False


def _single_quoted(text: str, first: int, para_start: int, para_end: int) -> bool:
    """Whether a paragraph uses single quote marks: it has no double marks, or it opens with a
    single mark before a capital ('They told us "consultation" meant listening,' she said)."""
    if _MARK.search(text, para_start, para_end) is None:
        return True
    return text[first:first + 1] in _SINGLES and text[first + 1:first + 2].isupper()


def _first_visible(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def scan_quotes(text: str, ranges: list[tuple[int, int]]) -> list[QuoteSpan]:
    """Every complete top-level quote in ``text``, in order of its opening mark."""
    found: list[QuoteSpan] = []
    stack: list[_Open] = []
    stack_marks = _MARK
    for index, (para_start, para_end) in enumerate(ranges):
        first = _first_visible(text, para_start, para_end)
        marks = _SINGLE_MARK if _single_quoted(text, first, para_start, para_end) else _MARK
        if stack:
            if len(stack) == 1 and first < para_end and marks is stack_marks and \
                    marks.match(text, first) and \
                    _classify(text, first, para_start, para_end, 0) == "open":
                stack[0].piece_start = first + 1  # the quote goes on in this paragraph
                skip = first
            else:
                _abandon(stack, found)
                skip = -1
        else:
            skip = -1
        stack_marks = marks
        for match in marks.finditer(text, para_start, para_end):
            at = match.start()
            if at == skip:
                continue
            kind = _classify(text, at, para_start, para_end, len(stack))
            if kind == "open":
                stack.append(_Open(at, at + 1, index))
            elif kind == "close":
                opened = stack.pop()
                pieces = (*opened.pieces, (opened.piece_start, at))
                span = QuoteSpan(opened.mark, at, pieces, index, opened.paragraph)
                (stack[-1].inner if stack else found).append(span)
        if stack:
            if len(stack) == 1:
                stack[0].pieces.append((stack[0].piece_start, para_end))
            else:
                _abandon(stack, found)
    _abandon(stack, found)
    found.sort(key=lambda span: span.open_at)
    return found


def _abandon(stack: list[_Open], found: list[QuoteSpan]) -> None:
    """Drop quotes that never closed; the complete quotes inside them stand on their own."""
    for opened in stack:
        found.extend(opened.inner)
    stack.clear()
