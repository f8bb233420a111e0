"""Measuring extraction against a labelled set (``tests/data/extract_eval.yaml``).

A labelled set is YAML: ``spokespeople`` (ids, names, titles, variants) and ``passages``, each with
its ``text`` and every ``quotes`` item's ``text`` and ``speaker`` (a spokesperson id, a free name
for anyone else, or null). Extraction is scored on (quote text, speaker) pairs: texts match when
equal after folding case, whitespace and curly/straight marks; speakers are compared by id for
spokespeople and by folded name for everyone else. Used by the tests and the benchmark alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressroom.extract.extractor import extract_quotes
from pressroom.extract.model import ExtractedQuote, Speaker

_MARK_FOLDS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'",
                             "\u2019": "'"})


@dataclass(frozen=True)
class EvalSet:
    speakers: tuple[Speaker, ...]
    passages: tuple[dict, ...]


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0


def load_eval_set(path: str | Path) -> EvalSet:
    import yaml

    with open(path, encoding="utf-8") as handle:
        doc: dict[str, Any] = yaml.safe_load(handle)
    speakers = tuple(Speaker(s["id"], s["name"], s.get("title", ""), tuple(s.get("variants", ())))
                     for s in doc["spokespeople"])
    return EvalSet(speakers, tuple(doc["passages"]))


def fold_text(text: str) -> str:
    return " ".join(text.translate(_MARK_FOLDS).casefold().split()).rstrip(",")


def _speaker_key(speaker: str | None, ids: set[str]) -> str | None:
    if speaker is None or speaker in ids:
        return speaker
    return " ".join(speaker.casefold().split())


def passage_pairs(passage: dict, speakers: tuple[Speaker, ...]) -> tuple[set, set]:
    """(expected, found) (text, speaker) pairs of one passage, with every speaker."""
    ids = {s.id for s in speakers}
    expected = {(fold_text(q["text"]), _speaker_key(q["speaker"], ids)) for q in passage["quotes"]}
    found_quotes: list[ExtractedQuote] = extract_quotes(passage["text"], speakers, all_speakers=True)
    found = {(fold_text(q.text), q.speaker or _speaker_key(q.speaker_name, ids))
             for q in found_quotes}
    return expected, found


def score(eval_set: EvalSet) -> tuple[Score, Score, list[str]]:
    """Scores for spokespeople's quotes and for all quotes, and the ids of passages not matched."""
    ids = {s.id for s in eval_set.speakers}
    counts = {"spokes": [0, 0, 0], "all": [0, 0, 0]}
    missed = []
    for passage in eval_set.passages:
        expected, found = passage_pairs(passage, eval_set.speakers)
        if expected != found:
            missed.append(passage["id"])
        for key, keep in (("spokes", lambda pair: pair[1] in ids), ("all", lambda pair: True)):
            wanted = {p for p in expected if keep(p)}
            got = {p for p in found if keep(p)}
            counts[key][0] += len(wanted & got)
            counts[key][1] += len(got)
            counts[key][2] += len(wanted)
    return Score(*counts["spokes"]), Score(*counts["all"]), missed


def errors_by_cause(eval_set: EvalSet) -> dict[int, tuple[int, int, int]]:
    """Per cause of issue 13 (a passage's ``causes``): (labelled pairs, missed, wrongly found).

    A passage counts under every cause it lists; passages listing none count under 0.
    """
    table: dict[int, list[int]] = {}
    for passage in eval_set.passages:
        expected, found = passage_pairs(passage, eval_set.speakers)
        for cause in passage.get("causes") or [0]:
            row = table.setdefault(cause, [0, 0, 0])
            row[0] += len(expected)
            row[1] += len(expected - found)
            row[2] += len(found - expected)
    return {cause: tuple(row) for cause, row in sorted(table.items())}
