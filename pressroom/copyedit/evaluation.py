"""Scoring the copy editor against a labelled set (``tests/data/copyedit/*.tsv``).

Each line of a set is ``rules<TAB>fixed<TAB>sentence``: the rule ids a copy editor would flag
(space-separated, ``-`` for none), the sentence after the safe fixes (``=`` when unchanged), and
the sentence. Findings are scored by rule id per sentence (precision: findings that were
expected; recall: expected findings that were found); fixes by whole sentences. Used by the
tests and the benchmark alike.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.copyedit.check import check_text, fix_text
from pressroom.copyedit.config import StyleConfig


@dataclass(frozen=True)
class Case:
    line: int
    rules: tuple[str, ...]
    fixed: str
    text: str


@dataclass
class Score:
    true_positives: int = 0
    predicted: int = 0
    expected: int = 0
    fixes_right: int = 0
    sentences: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0


def read_cases(path: Path) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        rules, fixed, text = line.split("\t")
        expected = () if rules == "-" else tuple(rules.split())
        cases.append(Case(number, expected, text if fixed == "=" else fixed, text))
    return cases


def score(cases: list[Case], style: StyleConfig | None = None) -> Score:
    result = Score()
    for case in cases:
        issues = check_text(case.text, style)
        found = Counter(issue.rule for issue in issues)
        wanted = Counter(case.rules)
        hits = sum((found & wanted).values())
        result.true_positives += hits
        result.predicted += sum(found.values())
        result.expected += sum(wanted.values())
        fixed, _count = fix_text(case.text, style)
        result.sentences += 1
        if fixed == case.fixed:
            result.fixes_right += 1
        if found != wanted or fixed != case.fixed:
            result.misses.append(f"line {case.line}: expected {sorted(wanted.elements())}, "
                                 f"found {sorted(found.elements())}; fixed {fixed!r}")
    return result
