"""Text values inside YAML files: where each character of a value was written, and editing it.

A release body is usually a block scalar (``body: |`` or ``body: >``): its value is the file's
lines without their indentation, and for ``>`` lines folded into spaces. :func:`locate_value`
rebuilds the value from the file's text exactly as PyYAML does, remembering for every run of
characters where it came from, and checks the result against the value YAML gave; any doubt (an
explicit indentation indicator, a quoted value over several lines, escapes) means None, and the
caller falls back to the key's position and applies no fix there.

:func:`fix_value` edits the file's text in place (only the changed characters differ: comments,
key order and block style stay), re-reads it and checks the new value is exactly the old one with
the fixes applied, before anything is written.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from pressroom.copyedit.text import find_all
from pressroom.errors import Location

_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_HEADER = re.compile(r"([|>])([+-]?)([1-9]?)([+-]?)(?:[ \t]+#.*)?[ \t]*$")


@dataclass(frozen=True)
class ValueMap:
    """Where the characters of a stripped text value are in the file's text."""

    segments: tuple[tuple[int, int, int], ...]  # (value offset, file offset, length), in order
    lead: int                                   # characters stripped from the value's start
    line_starts: tuple[int, ...]
    starts: tuple[int, ...] = field(init=False, repr=False, compare=False)  # segments' offsets

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", tuple(segment[0] for segment in self.segments))

    def _segment(self, offset: int) -> tuple[int, int, int, int] | None:
        """(value offset in the raw value, segment start, its file start, its length)."""
        at = offset + self.lead
        index = bisect.bisect_right(self.starts, at) - 1  # (plain ints: a quicker bisect)
        return (at, *self.segments[index]) if index >= 0 else None

    def file_offset(self, offset: int) -> int | None:
        """The file offset of the stripped value's character *offset* (None: a folded break)."""
        found = self._segment(offset)
        if found is None:
            return None
        at, start, file_start, length = found
        return file_start + at - start if at < start + length else None

    def position(self, offset: int) -> tuple[int, int] | None:
        """1-based line and column of the value's character *offset*; a line break that folding
        turned into a space is placed at the end of its line."""
        return self._position(offset, self.file_offset(offset))

    def _position(self, offset: int, at: int | None) -> tuple[int, int] | None:
        if at is None:
            found = self._segment(offset)
            if found is None or found[0] != found[1] + found[3]:
                return None
            at = found[2] + found[3]
        line = bisect.bisect_right(self.line_starts, at) - 1
        return line + 1, at - self.line_starts[line] + 1

    def file_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The file span of value characters [start, end) when they are one run on one line."""
        return self._span(start, end, self.file_offset(start))

    def place(self, start: int, end: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """``(position(start), file_span(start, end))``, looking *start* up once."""
        first = self.file_offset(start)
        return self._position(start, first), self._span(start, end, first)

    def _span(self, start: int, end: int, first: int | None) -> tuple[int, int] | None:
        if first is None:
            return None
        if end == start:
            return first, first
        last = self.file_offset(end - 1)
        if last is None or last - first != end - 1 - start:
            return None
        return first, last + 1


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end without the break) of every line."""
    spans, position = [], 0
    if "\r" not in text and "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        for brk in find_all(text, "\n"):  # (str.find: far faster than the regex scan)
            spans.append((position, brk))
            position = brk + 1
        spans.append((position, len(text)))
        return spans
    for brk in _BREAK.finditer(text):
        spans.append((position, brk.start()))
        position = brk.end()
    spans.append((position, len(text)))
    return spans


def locate_value(text: str, mark: tuple[int, int], value: str) -> ValueMap | None:
    """Map the stripped *value* whose node starts at *mark* (1-based line, column) in *text*."""
    lines = _lines(text)
    line_starts = tuple(start for start, _ in lines)
    line_no, column = mark
    if not 1 <= line_no <= len(lines):
        return None
    start, end = lines[line_no - 1]
    head = text[start + column - 1: end]
    header = _HEADER.match(head)
    if head[:1] in "|>" and header:
        if header.group(3):
            return None  # an explicit indentation indicator: not worth guessing
        built = _block(text, lines[line_no:], folded=header.group(1) == ">")
    elif head[:1] in "\"'":
        close = head.find(head[0], 1)
        inner = head[1:close] if close > 0 else None
        if inner is None or "\\" in inner or (head[0] == "'" and head[close + 1: close + 2] == "'"):
            return None
        built = (inner, [(0, start + column, len(inner))])
    else:
        plain = re.split(r"[ \t]#", head, maxsplit=1)[0].rstrip()
        built = (plain, [(0, start + column - 1, len(plain))])
    raw, segments = built
    if raw.strip() != value:
        return None
    lead = len(raw) - len(raw.lstrip())
    return ValueMap(tuple(segments), lead, line_starts)


def _block(text: str, lines: list[tuple[int, int]], *, folded: bool) -> tuple[str, list]:
    """A block scalar's value as PyYAML builds it (chomping aside: callers strip)."""
    indent = 0
    for start, end in lines:
        content = text[start:end]
        if content.strip(" "):
            indent = len(content) - len(content.lstrip(" "))
            break
    if indent == 0:
        return "", []
    pad = " " * indent
    chunks: list[str] = []
    segments: list[tuple[int, int, int]] = []
    size = 0
    breaks = 0  # blank lines since the last line of text
    previous_leading_text: bool | None = None
    for start, end in lines:
        if not text.startswith(pad, start, end):  # shorter than the indentation, or less indented
            if end - start < indent and not text[start:end].strip(" "):
                breaks += 1  # a blank line
                continue
            break  # a less indented line ends the block
        if end - start == indent:
            breaks += 1  # a line of only the indentation
            continue
        first = start + indent
        leading_text = text[first] not in " \t"
        if previous_leading_text is None:
            joint = "\n" * breaks
        elif folded and previous_leading_text and leading_text:
            joint = "\n" * breaks if breaks else " "
        else:
            joint = "\n" * (breaks + 1)
        size += len(joint)
        segments.append((size, first, end - first))
        chunks.append(joint)
        chunks.append(text[first:end])
        size += end - first
        breaks = 0
        previous_leading_text = leading_text
    return "".join(chunks), segments


def locate_issue(shown: str, file_text: str, value_map: ValueMap | None, fallback: Location,
                 start: int, end: int) -> tuple[Location, bool]:
    """Where value characters [start, end) are in the file (*fallback* when they cannot be
    mapped), and whether they map to one run on one line of it: what a fix can edit in place
    (:func:`file_edits` of that one change)."""
    if value_map is None:
        return fallback, False
    position, span = value_map.place(start, end)
    where = Location(shown, *position) if position is not None else fallback
    return where, span is not None and not _BREAK.search(file_text, span[0], span[1])


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    parts, position = [], 0
    for start, end, replacement in sorted(edits):
        parts.append(text[position:start])
        parts.append(replacement)
        position = end
    parts.append(text[position:])
    return "".join(parts)


def file_edits(file_text: str, value_map: ValueMap | None,
               changes: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The value changes (stripped-value offsets) that map to a span on one line of the file."""
    if value_map is None:
        return []
    edits = []
    for start, end, replacement in changes:
        span = value_map.file_span(start, end)
        if span is None or _BREAK.search(file_text, span[0], span[1]):
            continue
        edits.append((span[0], span[1], replacement))
    return edits


def reread_value(text: str, shown: str, key: str) -> Any:
    from pressroom.yamlfile import load_yaml_text

    doc = load_yaml_text(text, shown)
    return doc.get(key) if isinstance(doc, dict) else None
