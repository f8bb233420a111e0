"""Scoring the copy editor against a labelled set (``tests/data/copyedit/*.tsv``).

Each line of a set is ``rules<TAB>fixed<TAB>sentence``: the rule ids a copy editor would flag
(space-separated, ``-`` for none), the sentence after the safe fixes (``=`` when unchanged), and
the sentence. Findings are scored by rule id per sentence (precision: findings that were
expected; recall: expected findings that were found); fixes by whole sentences. Used by the
tests and the benchmark alike.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pressroom.copyedit.check import check_text, fix_text
from pressroom.copyedit.config import StyleConfig
from pressroom.extract.evaluation import Score  # precision and recall, as the quote extractor's


@dataclass(frozen=True)
class Case:
    line: int
    rules: tuple[str, ...]
    fixed: str
    text: str


@dataclass(frozen=True)
class Evaluation:
    findings: Score       # by rule id per sentence
    fixes_right: int      # sentences whose text after the fixes is the expected one
    sentences: int
    misses: list[str]


def read_cases(path: Path) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rules, fixed, text = line.split("\t")
        expected = () if rules == "-" else tuple(rules.split())
        cases.append(Case(number, expected, text if fixed == "=" else fixed, text))
    return cases


def score(cases: list[Case], style: StyleConfig | None = None) -> Evaluation:
    true_positives = predicted = expected = fixes_right = 0
    misses = []
    for case in cases:
        found = Counter(issue.rule for issue in check_text(case.text, style))
        wanted = Counter(case.rules)
        true_positives += sum((found & wanted).values())
        predicted += sum(found.values())
        expected += sum(wanted.values())
        fixed, _count = fix_text(case.text, style)
        fixes_right += fixed == case.fixed
        if found != wanted or fixed != case.fixed:
            misses.append(f"line {case.line}: expected {sorted(wanted.elements())}, "
                          f"found {sorted(found.elements())}; fixed {fixed!r}")
    return Evaluation(Score(true_positives, predicted, expected), fixes_right, len(cases), misses)
