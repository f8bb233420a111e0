"""The copy editor's fast paths find exactly what the plain patterns find.

Each shortcut taken for speed (the word before a figure found walking back, the runs of digits
found with a translation, tries for alternations, one scan for months, weekdays and street
words, the places a time or a lone digit can start) is checked here against the pattern it
stands for, and a slice of benchmarks/copyedit_equivalence.py's corpus against the digest of
what the copy editor found and fixed before any of them (findings, fixes, ``release check`` and
``--fix --dry-run``, in six house styles).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.copyedit import rules
from pressroom.copyedit.text import digit_runs, matches_at, prepare, trie_pattern

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

# What the copy editor found and fixed on the test slice before the speed-ups (and since).
DIGEST = "7bd5fdc4d1f60cf1bf92d37a31307c66184513c86ce60f1d34f12060502a9d81"

TRICKY = "ab Z9_'’.#-\n\t\u00a0\u2009\x1c(),:;$%\u0663é“”\""
FIGURES = "0123456789 aApPmM.:,-/$%\n\u0663stndrh(')"
FIGURE_PARTS = st.lists(st.sampled_from(
    ["1", "10", "12", "7", "0", "2019", "1,500", ":", ":30", " ", "  ", "\n", "am", "PM", "a.m.",
     "p", "m", ".", "x", "$", "%", "st", "th", "rd", ",", "-", "/", "(", ")", "'", "\u0663"]),
    max_size=14).map("".join)


def test_findings_and_fixes_unchanged():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from copyedit_equivalence import TEST_SLICE, digest, records
    finally:
        sys.path.remove(str(BENCHMARKS))
    assert digest(records(**TEST_SLICE)) == DIGEST, (
        "the copy editor's findings or fixes changed: compare with "
        "benchmarks/copyedit_equivalence.py --record/--compare against the previous commit")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=TRICKY, max_size=70), st.integers(min_value=0, max_value=70))
def test_word_before_is_the_patterns_search(text, start):
    start = min(start, len(text))
    m = rules._WORD_BEFORE.search(text, max(0, start - 40), start)
    assert rules.word_before(text, start) == (m.span(1) if m else None)
    assert m is None or m.start() == m.start(1)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=FIGURES, max_size=80))
def test_digit_runs_are_the_patterns_runs(text):
    assert digit_runs(text) == [m.span() for m in re.finditer("[0-9]+", text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abAB.", min_size=1, max_size=5), min_size=1, max_size=8),
       st.text(alphabet="abAB. ", max_size=40))
def test_trie_finds_what_the_alternation_finds(words, text):
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    trie = trie_pattern(words)
    for pattern in ("{}", "({})(?=[ .]|$)", "({})\\.?\\s"):  # backtracking into it too
        plain, tried = re.compile(pattern.format(alternation)), re.compile(pattern.format(trie))
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in tried.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Jan", "January", "June", "Sept.", "Sep", "Mon.", "Thurs",
                                 "Tues,", "Sun", "Sat.", "Street", "St.", "Ave", "Rd", "Drive",
                                 "Aly", "Alley", "Dec", "Decatur", "StJan", "May", "Mayor",
                                 "x", " ", ", ", "\n", "5", "2019"]), max_size=20))
def test_one_scan_for_months_weekdays_and_streets(parts):
    text = "".join(parts)
    p = prepare(text)
    months, _forms = rules._month_tokens()
    streets = {w for s in rules.tables.streets() for w in (s.word, s.abbreviation.rstrip("."))}
    separate = {
        "month": re.compile(months),
        "weekday": rules._weekday_re(),
        "street": re.compile("|".join(sorted(streets, key=len, reverse=True))),
    }
    for kind, pattern in separate.items():
        own = [m.start() for m in pattern.finditer(text)]
        shared = rules._capital_words(p, kind)
        if kind == "weekday":  # the whole pattern is tried at the weekday words found
            assert own == [m.start() for m in matches_at(pattern, text, shared)]
        else:
            assert own == shared


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(alphabet=FIGURES, max_size=60), FIGURE_PARTS))
def test_figures_are_tried_where_they_can_start(text):
    p = prepare(text)
    lone = [start for start, end in p.digit_runs() if end - start == 1 and text[start] != "0"]
    for pattern in (rules._DIGIT, rules._ORDINAL):
        assert [m.span() for m in pattern.finditer(text)] == \
            [m.span() for m in matches_at(pattern, text, lone)]
    if text.isascii():
        assert [m.span() for m in rules._TIME_ASCII.finditer(text)] == \
            [m.span() for m in matches_at(rules._TIME_ASCII, text, rules._time_candidates(p))]


def test_weekday_spellings_are_the_patterns():
    spelled = re.compile(f"(?:{rules._WEEKDAY_SHORT})")
    assert all(spelled.fullmatch(word) for word in rules._WEEKDAY_SPELLINGS)
    every = {w[:n] for w in ("Monday", "Tuesday", "Wednesday", "Weds", "Thursday", "Friday",
                             "Saturday", "Sunday") for n in range(1, 9)}
    assert {w for w in every if spelled.fullmatch(w)} == set(rules._WEEKDAY_SPELLINGS)


LINES = st.lists(st.sampled_from(["Text here.", "more words", "", "  ", "    ", "      deeper",
                                  "   odd", "\tx", "# not a comment", "a: b", "- item"]),
                 min_size=1, max_size=8)


@settings(max_examples=400, deadline=None)
@given(LINES, st.sampled_from(["|", "|-", "|+", ">", ">-", ">+"]), st.sampled_from([2, 4]))
def test_block_scalars_map_every_character_to_the_file(lines, header, indent):
    import yaml

    from pressroom.copyedit.yamlbody import locate_value

    body = "\n".join((" " * indent + line) if line.strip() else line for line in lines)
    text = f"body: {header}\n{body}\nnext: 1\n"
    try:
        value = yaml.safe_load(text)["body"]
    except yaml.YAMLError:
        return
    if not isinstance(value, str) or not value.strip():
        return
    value = value.strip()
    value_map = locate_value(text, (1, 7), value)
    assert value_map is not None
    for offset, char in enumerate(value):
        at = value_map.file_offset(offset)
        assert at is None and char in " \n" or text[at] == char


def test_bodies_are_located_the_same_from_the_loaded_text_and_from_the_file(tmp_path):
    import dataclasses
    import shutil

    from pressroom.copyedit import workspace_style
    from pressroom.copyedit.release_body import body_findings
    from pressroom.releases.check import check_releases
    from pressroom.workspace import Workspace

    sys.path.insert(0, str(BENCHMARKS))
    try:
        from bench_copyedit import body_of
        from copyedit_equivalence import BLOCKS
    finally:
        sys.path.remove(str(BENCHMARKS))
    shutil.copy(BENCHMARKS.parent / "pressroom.yaml", tmp_path / "pressroom.yaml")
    (tmp_path / "releases").mkdir()
    text = body_of(120).replace("Early", "Early\u200b\u00a0", 1)
    for n, header in enumerate(BLOCKS):
        body = "\n".join(("  " + line).rstrip() for line in text.splitlines())
        (tmp_path / "releases" / f"2019-05-0{n + 1}-r{n}.yaml").write_text(
            f"headline: Release {n}\ndate: 2019-05-0{n + 1}\nbody: {header}{body}\n",
            encoding="utf-8")
    workspace = Workspace(tmp_path)
    releases = check_releases(None, workspace).releases
    style = workspace_style(workspace)
    assert len(releases) == len(BLOCKS) and all(r.source is not None for r in releases)
    for release in releases:
        loaded = body_findings(release, style)
        assert loaded and loaded == body_findings(dataclasses.replace(release, source=None), style)
