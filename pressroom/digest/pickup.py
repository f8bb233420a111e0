"""Did coverage use a release's quote? ``verbatim``, ``partial`` or ``none``.

Both sides are reduced to words before comparing: Unicode-normalised (NFKC), curly quotes made
straight, case folded, punctuation and whitespace dropped. An ellipsis (``…``, ``...``, ``. . .``)
stands for omitted words, so it breaks a run of words: words on either side of it are never
adjacent. A quote split around its attribution (“We train officers,” Canady said, “to protect
students.”) is read twice: as written, and as its quoted parts joined, which puts the two halves
back together.

- **verbatim**: every word of the release quote appears in coverage, in order and contiguously
  (each part of it between ellipses, when the release quote itself has one).
- **partial**: coverage has a fragment of it: a run of at least :data:`FRAGMENT_WORDS` (6)
  consecutive words, or one whole sentence of at least :data:`SENTENCE_MIN_WORDS` (3) words.
- **none**: anything less, including a paraphrase.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable

VERBATIM, PARTIAL, NONE = "verbatim", "partial", "none"
LEVELS = (VERBATIM, PARTIAL, NONE)  # best first
FRAGMENT_WORDS = 6
SENTENCE_MIN_WORDS = 3

_STRAIGHTEN = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u02bc": "'",
})
_WORD = re.compile(r"\w+(?:'\w+)*")
_GAP = re.compile(r"\.(?:\s*\.){2,}|\[\s*\.\.\.\s*\]")  # "..." after NFKC turned "…" into it
_QUOTED = re.compile(r'"([^"]*)(?:"|$)')
_SENTENCE_END = re.compile(r"""(?<=[.!?])["')\]]*\s+(?=["'(\[]*[A-Z0-9])""")


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_STRAIGHTEN)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


def _runs(text: str) -> list[tuple[str, ...]]:
    """The runs of adjacent words in *text*: the pieces between ellipses."""
    return [words for piece in _GAP.split(text) if (words := _words(piece))]


def _joined(words: Iterable[str]) -> str:
    return " " + " ".join(words) + " "


class Coverage:
    """A mention's texts (its quotes, its excerpt), read once and matched against many quotes."""

    def __init__(self, texts: Iterable[str | None]) -> None:
        runs: list[tuple[str, ...]] = []
        for text in texts:
            if not text:
                continue
            prepared = _prepare(text)
            runs.extend(_runs(prepared))
            quoted = [m.group(1) for m in _QUOTED.finditer(prepared)]
            if quoted:
                runs.extend(_runs(" ".join(quoted)))
        self._haystack = "\n".join(_joined(run) for run in runs)
        self._fragments = {run[i:i + FRAGMENT_WORDS]
                           for run in runs for i in range(len(run) - FRAGMENT_WORDS + 1)}

    def has_run(self, words: tuple[str, ...]) -> bool:
        return bool(words) and _joined(words) in self._haystack

    def has_fragment_of(self, words: tuple[str, ...]) -> bool:
        return any(words[i:i + FRAGMENT_WORDS] in self._fragments
                   for i in range(len(words) - FRAGMENT_WORDS + 1))


@dataclass(frozen=True)
class QuoteShape:
    """A release quote reduced for matching: its runs of words and its sentences."""

    text: str
    runs: tuple[tuple[str, ...], ...]
    sentences: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, text: str) -> "QuoteShape":
        prepared = _prepare(text)
        runs = tuple(_runs(prepared))
        sentences = tuple(run for piece in _SENTENCE_END.split(prepared) for run in _runs(piece)
                          if len(run) >= SENTENCE_MIN_WORDS)
        return cls(text, runs, sentences)

    def level_in(self, coverage: Coverage) -> str:
        if not self.runs:
            return NONE
        if all(coverage.has_run(run) for run in self.runs):
            return VERBATIM
        if any(coverage.has_run(sentence) for sentence in self.sentences):
            return PARTIAL
        if any(coverage.has_fragment_of(run) for run in self.runs):
            return PARTIAL
        return NONE


def match_quote(quote: str, coverage: str | Iterable[str]) -> str:
    """How *coverage* (one text or several) used *quote*: verbatim, partial or none."""
    texts = [coverage] if isinstance(coverage, str) else list(coverage)
    return QuoteShape.of(quote).level_in(Coverage(texts))


def best(levels: Iterable[str]) -> str:
    """The best of several levels (verbatim > partial > none)."""
    found = set(levels)
    return next((level for level in LEVELS if level in found), NONE)
