"""Quote extraction measured on the labelled set: precision first, then recall."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.extract.evaluation import load_eval_set, score

EVAL_SET = Path(__file__).parent / "data" / "extract_eval.yaml"


@pytest.fixture(scope="module")
def eval_set():
    return load_eval_set(EVAL_SET)


def test_the_set_covers_every_pattern(eval_set):
    patterns = {p for passage in eval_set.passages for p in passage["patterns"]}
    for wanted in ("after", "before", "split", "said", "says", "told", "added", "explained", "noted",
                   "stated", "shared", "according-to", "told-outlet", "dash", "colon", "pointback",
                   "excerpt", "title", "pronoun", "lastname", "multi-paragraph", "ellipsis",
                   "apostrophe", "nested", "single-nested", "straight", "curly", "stray", "scare",
                   "variant", "possessive", "other-speaker", "html", "none"):
        assert wanted in patterns, wanted
    assert len(eval_set.passages) >= 70
    assert sum(1 for passage in eval_set.passages if not passage["quotes"]) >= 8
    assert len({passage["id"] for passage in eval_set.passages}) == len(eval_set.passages)


def test_precision_and_recall(eval_set):
    spokespeople, everyone, missed = score(eval_set)
    print(f"\nspokespeople: precision {spokespeople.precision:.3f} recall {spokespeople.recall:.3f} "
          f"({spokespeople.true_positives}/{spokespeople.predicted} found, "
          f"{spokespeople.expected} labelled)")
    print(f"all speakers: precision {everyone.precision:.3f} recall {everyone.recall:.3f} "
          f"({everyone.true_positives}/{everyone.predicted} found, {everyone.expected} labelled)")
    print(f"passages not matched exactly: {missed}")
    assert spokespeople.precision >= 0.95
    assert spokespeople.recall >= 0.90


HELD_OUT = Path(__file__).parent / "data" / "extract_heldout.yaml"


def test_precision_and_recall_on_the_held_out_set():
    """Passages written after the rules were finished, never used to tune them."""
    spokespeople, everyone, missed = score(load_eval_set(HELD_OUT))
    print(f"\nheld out: spokespeople precision {spokespeople.precision:.3f} "
          f"recall {spokespeople.recall:.3f}; all precision {everyone.precision:.3f} "
          f"recall {everyone.recall:.3f}; not matched: {missed}")
    assert spokespeople.precision >= 0.95
    assert spokespeople.recall >= 0.90
