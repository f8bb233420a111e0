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


NEWS_DEV = Path(__file__).parent / "data" / "extract_news_dev.yaml"
NEWS_HELD_OUT = Path(__file__).parent / "data" / "extract_news_heldout.yaml"
# Written on 2026-11-30 before the rules read past "also", "later", "has repeatedly" ... between a
# speaker and the verb; never tuned on (0.40 spokespeople recall before that change).
NEWS_HELD_OUT_2 = Path(__file__).parent / "data" / "extract_news_heldout2.yaml"


@pytest.mark.parametrize("path", [NEWS_DEV, NEWS_HELD_OUT], ids=["dev", "held-out"])
def test_the_news_sets_cover_every_cause_of_issue_13(path):
    news = load_eval_set(path)
    for cause in range(1, 10):
        assert sum(cause in (p.get("causes") or ()) for p in news.passages) >= 2, cause
    assert sum(1 for p in news.passages if not p["quotes"]) >= 2
    assert len({p["id"] for p in news.passages}) == len(news.passages)
    vias = {q.get("via") for p in news.passages for q in p["quotes"] if q["speaker"] is not None}
    assert vias >= {"name", "pronoun", "continuation", "signature", "colon", "pointer"}


@pytest.mark.parametrize("path", [NEWS_DEV, NEWS_HELD_OUT, NEWS_HELD_OUT_2],
                         ids=["dev", "held-out", "held-out-2"])
def test_precision_and_recall_on_news(path):
    """Issue 13's goal: precision >= 0.95 and recall >= 0.90, for spokespeople and everyone."""
    spokespeople, everyone, missed = score(load_eval_set(path))
    print(f"\n{path.name}: spokespeople precision {spokespeople.precision:.3f} recall "
          f"{spokespeople.recall:.3f}; all precision {everyone.precision:.3f} recall "
          f"{everyone.recall:.3f}; not matched: {missed}")
    for found in (spokespeople, everyone):
        assert found.precision >= 0.95
        assert found.recall >= 0.90


def test_the_speakers_are_found_the_way_the_labels_say():
    """``via`` agrees with the label for every correctly attributed quote of the dev set."""
    from pressroom.extract import extract_quotes
    from pressroom.extract.evaluation import fold_text

    news = load_eval_set(NEWS_DEV)
    disagreements = []
    for passage in news.passages:
        labelled = {fold_text(q["text"]): q.get("via") for q in passage["quotes"] if q["speaker"]}
        for found in extract_quotes(passage["text"], news.speakers, all_speakers=True):
            via = labelled.get(fold_text(found.text))
            if via is not None and found.via is not None and found.via != via:
                disagreements.append((passage["id"], found.text, via, found.via))
    assert disagreements == []
