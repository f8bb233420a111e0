"""Checking a text: run the rules, drop what is protected or silenced, and say what to change.

:func:`check_text` returns :class:`Issue` s located by offsets in the text as written (zero-width
characters and all). An issue's fix is *safe* when a rule defined exactly one replacement and
the text is not inside a direct quote; only safe fixes are ever applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from pressroom.copyedit.config import StyleConfig
from pressroom.copyedit.rules import FAMILIES, RULES, Hit, Options
from pressroom.copyedit.text import prepare
from pressroom.errors import Location


@dataclass(frozen=True)
class Issue:
    start: int           # offsets in the checked text as written
    end: int
    rule: str
    severity: str        # warning or note
    message: str
    found: str
    suggestion: str | None
    safe: bool           # one rule-defined replacement, not in a quote: --fix applies it

    def describe(self) -> str:
        """The message with what was found and what to write instead."""
        if self.suggestion is None:
            return f"{self.message}: '{self.found}'"
        return f"{self.message}: '{self.found}' -> '{self.suggestion}'"


@cache
def _default() -> StyleConfig:
    """AP with no house style (and the built-in proper names)."""
    from pressroom.copyedit.config import parse_style

    return parse_style(None, Location())


_TABLES: dict[int, tuple[StyleConfig, dict[str, tuple[str, str]]]] = {}


def _running(style: StyleConfig) -> list:
    """The rule functions to run: a family turned off (with none of its rules back on) is not."""
    if not style.severities:
        return list(RULES)
    on = {rule_id.split(".")[0] for rule_id, (_message, severity) in _rule_table(style).items()
          if severity != "off"}
    return [rule for rule, family in zip(RULES, FAMILIES) if family in on]


def _rule_table(style: StyleConfig) -> dict[str, tuple[str, str]]:
    """Each rule's message and severity in *style* (worked out once per style)."""
    cached = _TABLES.get(id(style))
    if cached is not None and cached[0] is style:
        return cached[1]
    from pressroom.copyedit.tables import rules

    table = {rule_id: (info.description, style.severity(rule_id, info.severity))
             for rule_id, info in rules().items()}
    for word in style.words:
        table[word.id] = (word.message, style.severity(word.id, "warning"))
    if "place.state" in table:
        table["place.state"] = (
            "house style: abbreviate the state after a city" if style.states == "abbreviate"
            else "AP: spell out the state after a city in body text", table["place.state"][1])
    if len(_TABLES) > 32:
        _TABLES.clear()
    _TABLES[id(style)] = (style, table)
    return table


def check_text(text: str, style: StyleConfig | None = None) -> list[Issue]:
    """The AP findings in *text* (Markdown or plain prose), in order."""
    style = style or _default()
    running = _running(style)
    if not text or not running:
        return []
    prepared = prepare(text, style.exceptions)
    options = Options(states=style.states, words=style.words)
    hits: list[Hit] = []
    for rule in running:
        hits.extend(rule(prepared, options))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    table = _rule_table(style)
    issues: list[Issue] = []
    taken_until = -1
    for hit in hits:
        if hit.start < taken_until or prepared.is_protected(hit.start, hit.end):
            continue
        message, severity = table.get(hit.rule) or (hit.rule, style.severity(hit.rule, "warning"))
        if severity == "off":
            continue
        start, end = prepared.to_original(hit.start, hit.end)
        found = text[start:end]
        if prepared.ignores and prepared.silenced(hit.start, hit.rule,
                                                  prepared.text[hit.start:hit.end]):
            continue
        safe = hit.replacement is not None
        if prepared.in_quote(hit.start, hit.end):
            if style.quotes == "off":
                continue
            severity, safe = "note", False
            message += " (inside a direct quote: left as written)"
        issues.append(Issue(start, end, hit.rule, severity, message, found, hit.replacement, safe))
        taken_until = hit.end
    return issues


def apply_issues(text: str, issues: list[Issue]) -> tuple[str, list[Issue]]:
    """*text* with the safe fixes applied, and the issues that were applied."""
    applied = [i for i in issues if i.safe and i.suggestion is not None]
    parts: list[str] = []
    position = 0
    for issue in sorted(applied, key=lambda i: i.start):
        parts.append(text[position: issue.start])
        parts.append(issue.suggestion or "")
        position = issue.end
    parts.append(text[position:])
    return "".join(parts), applied


def fix_text(text: str, style: StyleConfig | None = None, passes: int = 3) -> tuple[str, int]:
    """*text* with the safe fixes applied until none is left (one fix can reveal another:
    $1,000,000.00), and how many were applied."""
    count = 0
    for _ in range(passes):
        fixed, applied = apply_issues(text, check_text(text, style))
        if not applied or fixed == text:
            break
        text, count = fixed, count + len(applied)
    return text, count
