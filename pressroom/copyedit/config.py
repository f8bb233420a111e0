"""House style: the ``style:`` section of ``pressroom.yaml``, validated with located errors.

    style:
      states: abbreviate          # spell-out (AP, the default) or abbreviate: "Pigeon Forge, Tenn."
      quotes: note                # findings inside direct quotes: note (default) or off
      rules:                      # a rule id, or a family (number, time, word...): off, note, warning
        number.spell-out: note
        word: off
      exceptions:                 # words and phrases never flagged
        - Internet Crimes Against Children
      words:                      # the workspace's own word list
        - find: pre-K
          replace: prekindergarten
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pressroom.errors import InputError, Location, did_you_mean

SEVERITIES = ("off", "note", "warning")
STATE_CHOICES = ("spell-out", "abbreviate")
QUOTE_CHOICES = ("note", "off")
KEYS = ("states", "quotes", "rules", "exceptions", "words")


@dataclass(frozen=True)
class StyleConfig:
    severities: dict[str, str] = field(default_factory=dict)  # rule id or family -> severity
    exceptions: tuple[str, ...] = ()
    states: str = "spell-out"
    quotes: str = "note"
    words: tuple = ()  # tables.WordRule

    def severity(self, rule: str, default: str) -> str:
        if rule in self.severities:
            return self.severities[rule]
        return self.severities.get(rule.split(".")[0], default)


def parse_style(raw: Any, where: Location) -> StyleConfig:
    """Validate the ``style:`` section (None: AP defaults)."""
    from pressroom.copyedit.tables import WordRule, proper_names, rules
    from pressroom.yamlfile import check_keys, get_str, get_str_list, require_map

    if raw is None:
        return StyleConfig(exceptions=proper_names())
    section = require_map(raw, "'style'", where)
    check_keys(section, KEYS, what="'style'")
    states = _choice(section, "states", STATE_CHOICES, "spell-out")
    quotes = "off" if section.get("quotes") is False else _choice(section, "quotes", QUOTE_CHOICES,
                                                                     "note")  # YAML reads off as false
    known = rules()
    families = {rule_id.split(".")[0] for rule_id in known}
    severities: dict[str, str] = {}
    if section.get("rules") is not None:
        table = require_map(section["rules"], "'style: rules'", section.where("rules"))
        for key, value in table.items():
            rule = str(key)
            if rule not in known and rule not in families:
                raise InputError(f"unknown rule '{rule}'{did_you_mean(rule, [*known, *families])}",
                                 where=table.where(key, of_key=True))
            value = "off" if value is False else value
            if value not in SEVERITIES:
                raise InputError(f"a rule is off, note or warning, not {value!r}",
                                 where=table.where(key))
            severities[rule] = value
    exceptions = tuple(e for e in get_str_list(section, "exceptions") if e)
    words = []
    if section.get("words") is not None:
        items = section["words"]
        if not isinstance(items, list):
            raise InputError("'words' is a list of {find, replace}", where=section.where("words"))
        for index, item in enumerate(items):
            at = items.where(index) if hasattr(items, "where") else section.where("words")
            entry = require_map(item, "each item of 'words'", at)
            check_keys(entry, ("find", "replace", "id"), required=("find", "replace"),
                       what="a word")
            find = get_str(entry, "find", required=True, multiline=False) or ""
            replace = get_str(entry, "replace", required=True, multiline=False) or ""
            rule_id = get_str(entry, "id", multiline=False) or "word.house"
            if not rule_id.startswith("word."):
                raise InputError("a word rule's id starts with 'word.'", where=entry.where("id"))
            pattern = r"\s+".join(re.escape(part) for part in find.split())
            words.append(WordRule(rule_id, pattern, replace, False,
                                  f"house style: {replace}, not {find}"))
    return StyleConfig(severities=severities, exceptions=(*proper_names(), *exceptions),
                       states=states, quotes=quotes, words=tuple(words))


def _choice(section: Any, key: str, choices: tuple[str, ...], default: str) -> str:
    from pressroom.yamlfile import get_str

    value = get_str(section, key, default=default, multiline=False) or default
    if value not in choices:
        raise InputError(f"'{key}' is one of {', '.join(choices)}, not '{value}'"
                         f"{did_you_mean(value, choices)}", where=section.where(key))
    return value


def workspace_style(workspace: Any) -> StyleConfig:
    """The workspace's house style (AP defaults without a workspace or a ``style:`` section)."""
    if workspace is None:
        return parse_style(None, Location())
    cached = getattr(workspace, "_copyedit_style", None)
    if cached is None:
        config = workspace.config
        raw = config.section("style")
        where = config.raw.where("style") if raw is not None else Location()
        cached = parse_style(raw, where)
        workspace._copyedit_style = cached
    return cached
