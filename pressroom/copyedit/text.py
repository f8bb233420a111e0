"""Preparing prose for the rules: invisible characters, protected spans, quotes, sentences.

The rules never see the text as written. :class:`Prepared` holds a normalised copy in which
zero-width characters and direction marks are removed and every Unicode space is a plain space,
with a map back to the original offsets (so a finding's column is the column of what was
written). It also knows the spans no rule may touch (URLs, email addresses, code, proper names
from the exception lists, ``style-ignore`` marker lines), the spans inside direct quotes (findings
there are notes, never fixes), where sentences start, and which findings the inline markers
silence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

# Removed before matching: zero-width space/joiners, word joiner, BOM, soft hyphen, and the
# direction marks, embeddings and isolates.
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c"
                      "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SPACES = str.maketrans({c: " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                         "\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"})

# Patterns start with a literal where they can: Python's regex engine then skips ahead fast.
_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"“”]+")
_TLD = re.compile(r"\.(?:com|org|net|gov|edu|us|io|info|biz|co|mil)\b(?:/[^\s<>()\[\]\"“”]*)?")
_EMAIL_AFTER = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_CODE = re.compile(r"`[^`\n]*`")
_FENCED = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*+\n.*?(?:^[ ]{0,3}\1[ \t]*$|\Z)",
                     re.MULTILINE | re.DOTALL)
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)|<[^>\n]*>")
# An inline silencer: a Markdown comment line (it renders as nothing) before a paragraph:
#   [//]: # (style-ignore time.am-pm)         every time.am-pm finding in the next paragraph
#   [//]: # (style-ignore time.am-pm: 10 AM)  only the finding on the text "10 AM"
# (Possessive quantifiers, here and below: no backtracking, so hostile text stays linear.)
IGNORE_MARKER = re.compile(r"^[ ]{0,3}\[//\]:[ \t]*+#[ \t]*+\([ \t]*+style-ignore[ \t]++"
                           r"([^):\n]*+)(?::([^)\n]*+))?\)[ \t]*+$", re.MULTILINE)
# Abbreviations after which a period does not end a sentence (and the AP state abbreviations).
_ABBREVIATIONS = ("Mr|Mrs|Ms|Dr|St|No|Nos|Inc|Co|Corp|Ltd|Jr|Sr|Gov|Sen|Rep|Gen|Lt|Sgt|Capt|Col|Maj|"
                  "Det|Ofc|Cpl|Dep|Supt|Prof|Rev|Ave|Blvd|Rd|Mt|Ft|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|"
                  "Oct|Nov|"
                  "Dec|Mon|Tues|Wed|Thurs|Fri|Sat|Sun")
_OPEN = "[\"“‘'(\\[]*+"
_AFTER_STOP = re.compile(r"[.!?][\"”’')\]]*+\s++" + _OPEN + r"(?=\S)")
_BLANK_LINE = re.compile(r"\n[ \t]*+\n")
_FIRST_WORD = re.compile(r"\S")
_OPENING = re.compile(_OPEN)
_FIGURE_LINE = re.compile(r"[ ]{0,3}(?:#{1,6}[ \t]|\|)")
_LINE_ITEM = re.compile(r"\n[ \t]*+(?:#{1,6}|[-*+>])[ \t]++" + _OPEN + r"(?=\S)")
_TEXT_START = re.compile(r"\s*+(?:(?:#{1,6}|[-*+>])[ \t]++)?" + _OPEN + r"(?=\S)")


def _not_ending_words() -> tuple[frozenset[str], tuple[int, ...]]:
    """The words whose period is an abbreviation's, not a sentence's end: a capital letter,
    _ABBREVIATIONS and the AP state abbreviations (without their last period), and their
    lengths, shortest first (built once)."""
    global _NOT_ENDING
    if _NOT_ENDING is None:
        from pressroom.copyedit.tables import states

        words = frozenset([*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", *_ABBREVIATIONS.split("|"),
                           *(ap[:-1] for _name, ap, _code in states() if ap)])
        _NOT_ENDING = words, tuple(sorted({len(word) for word in words}))
    return _NOT_ENDING


_NOT_ENDING: tuple[frozenset[str], tuple[int, ...]] | None = None


def _abbreviation_before(text: str, period: int) -> bool:
    """Whether the period at *period* ends an abbreviation: what the regular expression
    ``(?:\\b(?:[A-Z]|ABBREVIATIONS|AP STATES)|[a-z]\\.[a-z]|U\\.S|D\\.C)\\.$`` finds searched
    from twelve characters before the period to the period, tested directly at the period (a
    search of that pattern tries every alternative at every position).

    Each of its words has a capital letter, save "vs" and "a.b.", so twelve characters before
    the period with no capital, no period and no "vs" end a sentence: most sentences end so,
    and are told at once."""
    lo = period - 12 if period > 12 else 0
    before = text[lo: period]
    if before == before.lower() and "." not in before and not before.endswith("vs"):
        return False
    start = period - 3
    if start >= lo and text[start + 1] == "." and (
            text[start: period] in ("U.S", "D.C")
            or ("a" <= text[start] <= "z" and "a" <= text[start + 2] <= "z")):
        return True
    words, lengths = _not_ending_words()
    for length in lengths:  # (only the lengths a word has, rather than every start)
        start = period - length
        if start < lo:
            break
        if text[start: period] in words and (start == 0 or not _word_char(text[start - 1])):
            return True  # (every one of the words starts with a letter: \\b holds there)
    return False


@dataclass
class Prepared:
    original: str
    text: str                       # normalised: what the rules match on
    offsets: list[int] | None       # text index -> original index (None: identical)
    protected: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    starts: set[int] = field(default_factory=set)  # text offsets where a sentence starts
    ignores: list[tuple[int, int, frozenset[str], str | None]] = field(default_factory=list)
    _protected_starts: list[int] | None = field(default=None, repr=False)  # (built on first use)
    _quote_starts: list[int] | None = field(default=None, repr=False)
    _digit_runs: list[tuple[int, int]] | None = field(default=None, repr=False)
    shared: dict = field(default_factory=dict, repr=False)  # scans the rules share, by name

    def digit_runs(self) -> list[tuple[int, int]]:
        """The runs of ASCII digits in the text (shared by the rules that start at a figure)."""
        if self._digit_runs is None:
            self._digit_runs = digit_runs(self.text)
        return self._digit_runs

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        last = len(self.offsets) - 1
        orig_start = self.offsets[min(start, last)] if start <= last else len(self.original)
        orig_end = self.offsets[end - 1] + 1 if end > 0 else 0
        return orig_start, max(orig_end, orig_start)

    def is_protected(self, start: int, end: int) -> bool:
        if self._protected_starts is None:
            self._protected_starts = [first for first, _last in self.protected]
        return _overlaps(self.protected, self._protected_starts, start, end)

    def in_quote(self, start: int, end: int) -> bool:
        if self._quote_starts is None:
            self._quote_starts = [first for first, _last in self.quotes]
        return _overlaps(self.quotes, self._quote_starts, start, end)

    def silenced(self, start: int, rule: str, found: str) -> bool:
        for first, last, rules, text in self.ignores:
            if first <= start < last and (rule in rules or rule.split(".")[0] in rules
                                          or "all" in rules) and (text is None or text == found):
                return True
        return False

    def sentence_start(self, start: int) -> bool:
        return start in self.starts

    def in_figure_line(self, start: int) -> bool:
        """Whether *start* is on a Markdown heading (AP's headline style uses figures for every
        number) or a table row (tabular matter: figures)."""
        line = self.text.rfind("\n", 0, start) + 1
        return _FIGURE_LINE.match(self.text, line) is not None


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of *spans* (sorted; *starts*: their starts)."""
    index = bisect.bisect_right(starts, start) - 1
    for first, last in spans[max(index, 0): index + 2]:
        if first < end and start < last:
            return True
    return False


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


def normalise(original: str) -> tuple[str, list[int] | None]:
    if original.isascii():  # (the common case: two quick tests rather than two scans)
        return (original.replace("\t", " ") if "\t" in original else original), None
    if not _INVISIBLE.search(original):
        return original.translate(_SPACES), None
    offsets = [i for i, c in enumerate(original) if c not in INVISIBLE]
    text = "".join(original[i] for i in offsets).translate(_SPACES)
    return text, offsets


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Direct quotes: “...”, "..." or a mix of the two; a paragraph break ends an open quote
    (AP: a quote running on opens each paragraph again)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for start, end in _quote_marks(text):
        mark = text[start]
        if mark == "\n":
            if opened is not None:
                spans.append((opened, start))
                opened = None
        elif opened is None:
            if mark != "”":
                opened = start
        elif mark != "“":
            spans.append((opened, end))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching exactly the *words*, as a trie: ``Jan(?:uary)?|Ju(?:ne?|
    ly?)``. It finds what the alternation of the words sorted longest first finds, backtracking
    included (the words that match at one place are prefixes of each other, tried longest
    first either way), but tries one branch per letter rather than every word at each place."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_branches(tree)


def _trie_branches(node: dict) -> str:
    branches = [re.escape(char) + _trie_branches(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"


_DIGIT_RUN = re.compile(r"[0-9]+")
# ASCII digits to "0", every other ASCII character to " ": str.translate's quick ASCII path.
_DIGIT_MASK = str.maketrans({chr(i): "0" if chr(i).isdigit() else " " for i in range(128)})


def digit_runs(text: str) -> list[tuple[int, int]]:
    """The spans ``re.finditer("[0-9]+", text)`` gives. On ASCII text, the digits are masked in
    one translation and each run found with two str.find (memchr) calls: a third of the scan."""
    if not text.isascii():
        return [m.span() for m in _DIGIT_RUN.finditer(text)]
    mask = text.translate(_DIGIT_MASK)
    runs = []
    at = mask.find("0")
    while at >= 0:
        end = mask.find(" ", at)
        if end < 0:
            runs.append((at, len(mask)))
            break
        runs.append((at, end))
        at = mask.find("0", end)
    return runs


def find_all(text: str, needle: str) -> list[int]:
    """Every offset of *needle* in *text*, overlapping ones too (str.find: far faster than a
    regular-expression scan for a rare character)."""
    found = []
    at = text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def scan(pattern: re.Pattern[str], text: str, needles: Iterable[str]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, for a pattern whose every match starts with one
    of *needles*: the pattern is tried only where a needle is (found with str.find), rather than
    at every character of the text. (A match never empty; look-behinds see the whole text.)"""
    return matches_at(pattern, text, sorted({at for needle in needles
                                             for at in find_all(text, needle)}))


def matches_at(pattern: re.Pattern[str], text: str,
               candidates: Iterable[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, when every match starts at one of *candidates*
    (ascending offsets): the pattern is tried there only."""
    position = 0
    for at in candidates:
        if at < position:
            continue
        m = pattern.match(text, at)
        if m is not None:
            yield m
            position = m.end()


def _quote_marks(text: str) -> list[tuple[int, int]]:
    """The spans ``re.finditer(r'["“”]|\\n[ \\t]*\\n', text)`` gives: quote marks and blank lines."""
    candidates = sorted([*find_all(text, '"'), *find_all(text, "“"), *find_all(text, "”"),
                         *find_all(text, "\n")])
    marks: list[tuple[int, int]] = []
    position = 0
    for at in candidates:
        if at < position:
            continue
        if text[at] == "\n":
            blank = _BLANK_LINE.match(text, at)
            if blank is None:
                continue
            marks.append(blank.span())
            position = blank.end()
        else:
            marks.append((at, at + 1))
            position = at + 1
    return marks


def prepare(original: str, exceptions: tuple[str, ...] = ()) -> Prepared:
    text, offsets = normalise(original)
    prepared = Prepared(original, text, offsets)
    protected = [m.span() for m in scan(_URL, text, ("www.", "http"))]
    # (A cheap test first: one character's memchr before a search for two or three.)
    protected.extend(m.span() for pattern, needles in ((_CODE, ("`",)), (_FENCED, ("```", "~~~")),
                                                       (_LINK_TARGET, ("](", "<")))
                     if any(needle[0] in text and needle in text for needle in needles)
                     for m in pattern.finditer(text))
    protected.extend(_addresses(text))
    for name in exceptions:
        if name and name in text:
            protected.extend(_whole_words(text, name))
    for marker in IGNORE_MARKER.finditer(text) if "[//]" in text else ():
        protected.append(marker.span())
        rules = frozenset(r for r in re.split(r"[\s,]+", marker.group(1)) if r)
        text_only = (marker.group(2) or "").strip() or None
        paragraph_end = re.compile(r"\n[ \t]*\n").search(text, marker.end() + 1)
        end = paragraph_end.start() if paragraph_end else len(text)
        prepared.ignores.append((marker.end(), end, rules, text_only))
    prepared.protected = _merge(protected)
    prepared.quotes = quote_spans(text)
    starts = prepared.starts
    for match in _AFTER_STOP.finditer(text):
        at = match.start()
        if text[at] == "." and _abbreviation_before(text, at):
            continue
        starts.add(match.end())
    prepared.starts.update(m.end() for m in _LINE_ITEM.finditer(text))
    prepared.starts.update(_paragraph_starts(text))
    first = _TEXT_START.match(text)
    if first:
        prepared.starts.add(first.end())
    return prepared


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what \\w matches


def _whole_words(text: str, name: str) -> list[tuple[int, int]]:
    """The spans ``re.finditer(rf"(?<!\\w){re.escape(name)}(?!\\w)", text)`` gives."""
    spans = []
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not _word_char(text[at - 1])) and (end == len(text)
                                                          or not _word_char(text[end])):
            spans.append((at, end))
            at = text.find(name, end)
        else:
            at = text.find(name, at + 1)
    return spans


def _paragraph_starts(text: str) -> list[int]:
    """Where the first word after each blank line is (past opening quotes). Whitespace already
    skipped is not scanned again: a run of blank lines costs its length, not its square."""
    starts, skipped_to = [], -1
    for blank in _BLANK_LINE.finditer(text):
        if blank.end() <= skipped_to:
            continue
        word = _FIRST_WORD.search(text, blank.end())
        if word is None:
            break
        skipped_to = word.start()
        opening = _OPENING.match(text, word.start())
        starts.append(opening.end() if opening else word.start())
    return starts


def _addresses(text: str) -> list[tuple[int, int]]:
    """Bare domains (nasro.org/about) and email addresses, found from their dot or @."""
    spans = []
    for tld in _TLD.finditer(text):
        start = _run_start(text, tld.start(), "_.-")
        if start < tld.start():
            spans.append((start, tld.end()))
    at = text.find("@")
    while at >= 0:
        start = _run_start(text, at, "_.+-")
        host = _EMAIL_AFTER.match(text, at + 1)
        if start < at and host is not None:
            spans.append((start, host.end()))
        at = text.find("@", at + 1)
    return spans


def _run_start(text: str, end: int, extra: str) -> int:
    """Where the run of letters, digits and *extra* characters ending at *end* starts."""
    start, limit = end, max(0, end - 255)  # no name is longer: hostile runs stay linear
    while start > limit and (text[start - 1].isalnum() or text[start - 1] in extra):
        start -= 1
    return start
