"""The release-quote matcher: verbatim, partial (a run of 6 words or a whole sentence) or none."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.digest.pickup import FRAGMENT_WORDS, best, match_quote

RELEASE = ("We commend the board for standing behind the officers who protect Baltimore\u2019s "
           "students and staff, and we urge Maryland lawmakers to do the same.")
TWO_SENTENCES = ("We train officers to protect students. Relationships are the foundation of "
                 "everything an SRO does.")


@pytest.mark.parametrize(("coverage", "level"), [
    # verbatim: case, straight vs curly quotes, whitespace and punctuation do not matter
    (RELEASE, "verbatim"),
    (RELEASE.upper().replace("\u2019", "'"), "verbatim"),
    ("  we commend the board   for standing behind the officers who protect Baltimore's\n"
     "students and staff and we urge Maryland lawmakers to do the same", "verbatim"),
    # the quote inside a longer passage
    (f"The group said: \u201c{RELEASE}\u201d It did not comment further.", "verbatim"),
    # split around its attribution
    ("\u201cWe commend the board for standing behind the officers who protect Baltimore\u2019s "
     "students and staff,\u201d Canady said, \u201cand we urge Maryland lawmakers to do the same.\u201d",
     "verbatim"),
    ('"We commend the board for standing behind the officers who protect Baltimore\'s students '
     'and staff," NASRO executive director Mo Canady said in a statement, "and we urge Maryland '
     'lawmakers to do the same."', "verbatim"),
    # partial: a fragment of six or more words
    ("We commend the board for standing behind the officers", "partial"),
    ("we urge Maryland lawmakers to do the same", "partial"),
    # an ellipsis stands for omitted words: the rest is only partial
    ("We commend the board for standing behind the officers \u2026 we urge Maryland lawmakers "
     "to do the same.", "partial"),
    ("We commend the board for standing behind the officers ... and we urge Maryland lawmakers "
     "to do the same.", "partial"),
    # none: paraphrase, too short a fragment, words on both sides of an ellipsis
    ("NASRO said it commended the board and hoped state lawmakers would follow its lead.", "none"),
    ("We commend the board, Canady said.", "none"),
    ("the officers who \u2026 protect Baltimore's students", "none"),
    ("", "none"),
])
def test_levels(coverage, level):
    assert match_quote(RELEASE, coverage) == level


def test_a_whole_short_sentence_is_partial():
    assert match_quote(TWO_SENTENCES, "He said: \u201cWe train officers to protect students.\u201d") == "partial"
    assert match_quote(TWO_SENTENCES, "We train officers") == "none"  # not the whole sentence


def test_several_coverage_texts_are_read_together():
    assert match_quote(TWO_SENTENCES, ["unrelated words", TWO_SENTENCES.lower()]) == "verbatim"
    assert best(["none", "partial"]) == "partial"
    assert best([]) == "none"


def test_fragment_threshold():
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet".split()
    quote = " ".join(words) + "."
    assert match_quote(quote, " ".join(words[:FRAGMENT_WORDS])) == "partial"
    assert match_quote(quote, " ".join(words[:FRAGMENT_WORDS - 1])) == "none"


WORD = st.text(alphabet="abcdefghijklm\u00e9\u2019'", min_size=1, max_size=8)
PUNCT = st.sampled_from([" ", ", ", ". ", " \u2014 ", "\u2026 ", "... ", "\n", '" ', "\u201c"])


@st.composite
def quote_texts(draw, words=WORD):
    parts = draw(st.lists(st.tuples(words, PUNCT), min_size=1, max_size=30))
    text = "".join(w + p for w, p in parts)
    if not any(ch.isalnum() for ch in text):
        text = "abc " + text
    return text


@settings(max_examples=300, deadline=None)
@given(quote_texts())
def test_a_quote_matches_itself_verbatim(text):
    assert match_quote(text, text) == "verbatim"


@settings(max_examples=300, deadline=None)
@given(quote_texts(), quote_texts(st.text(alphabet="nopqrstuvwxyz", min_size=1, max_size=8)))
def test_unrelated_text_is_never_verbatim(quote, other):
    # the two alphabets share no letter, so no word of one can be a word of the other
    assert match_quote(quote, other) != "verbatim"
