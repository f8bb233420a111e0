"""The copy editor against its labelled sets (tests/data/copyedit): the issue's bar is precision
>= 0.97 and recall >= 0.90 on held-out text. `benchmarks/bench_copyedit.py --eval` prints them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.copyedit.evaluation import read_cases, score

DATA = Path(__file__).parent / "data" / "copyedit"


def test_the_sets_are_big_enough_and_have_both_kinds():
    dev, heldout = read_cases(DATA / "dev.tsv"), read_cases(DATA / "heldout.tsv")
    assert len(dev) + len(heldout) >= 150
    for cases in (dev, heldout):
        assert sum(1 for c in cases if c.rules) >= 40
        assert sum(1 for c in cases if not c.rules) >= 30


@pytest.mark.parametrize("name", ["dev", "heldout", "heldout2"])
def test_precision_recall_and_fixes(name):
    result = score(read_cases(DATA / f"{name}.tsv"))
    assert result.findings.precision >= 0.97, result.misses
    assert result.findings.recall >= 0.90, result.misses
    assert result.fixes_right / result.sentences >= 0.95, result.misses
