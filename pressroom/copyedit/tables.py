"""The copy editor's data tables (``pressroom/copyedit/data``), read once and cached.

Every list a rule consults lives in a table, not in code: the rule catalogue with default
severities (``rules.csv``), the word list (``words.csv``), street words (``streets.csv``), proper
names never changed (``names.txt``), and the words after which a figure stays a figure
(``figure_nouns.txt``, ``figure_units.txt``). Months, weekdays and states come from
:mod:`pressroom.apstyle`'s tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class RuleInfo:
    id: str
    severity: str
    description: str


@dataclass(frozen=True)
class WordRule:
    id: str
    pattern: str
    replace: str
    names: bool      # capitalised mid-sentence next to another capitalised word: a proper name
    message: str


@dataclass(frozen=True)
class Street:
    word: str
    abbreviation: str
    abbreviate_with_number: bool


def _csv(name: str, package: str = "copyedit") -> tuple[dict[str, str], ...]:
    """A table of ours, or one of :mod:`pressroom.apstyle`'s (read here: importing that package
    for it would cost more than the copy editor's first check)."""
    from pressroom.datatables import read_csv

    return read_csv(package, name)


def _lines(name: str) -> tuple[str, ...]:
    from pressroom.datatables import read_lines

    return read_lines("copyedit", name)


@cache
def rules() -> dict[str, RuleInfo]:
    """Every rule id (the body rules and the word list), in table order."""
    table = {row["id"]: RuleInfo(row["id"], row["severity"], row["description"])
             for row in _csv("rules.csv")}
    for word in words():
        table[word.id] = RuleInfo(word.id, "warning", word.message)
    return table


@cache
def words() -> tuple[WordRule, ...]:
    return tuple(WordRule(row["id"], row["pattern"], row["replace"], row["names"] == "skip",
                          row["message"]) for row in _csv("words.csv"))


@cache
def streets() -> tuple[Street, ...]:
    return tuple(Street(row["word"], row["abbreviation"], row["with_number"] == "abbreviate")
                 for row in _csv("streets.csv"))


@cache
def proper_names() -> tuple[str, ...]:
    return _lines("names.txt")


@cache
def figure_nouns() -> frozenset[str]:
    return frozenset(_lines("figure_nouns.txt"))


@cache
def figure_units() -> frozenset[str]:
    return frozenset(_lines("figure_units.txt"))


@cache
def months() -> tuple[tuple[str, str], ...]:
    """(full name, AP abbreviation with a date) for January to December."""
    return tuple((row["name"], row["ap"]) for row in _csv("months.csv", "apstyle"))


@cache
def weekdays() -> tuple[str, ...]:
    return tuple(row["name"] for row in _csv("weekdays.csv", "apstyle"))


@cache
def states() -> tuple[tuple[str, str | None, str], ...]:
    """(name, AP abbreviation or None, postal code) of the 50 states and D.C."""
    return tuple((row["name"], row["ap"] or None, row["code"]) for row in _csv("us_states.csv", "apstyle"))
