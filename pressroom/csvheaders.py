"""Matching the header row of a CSV export to pressroom's columns.

Exports name their columns every which way ("E-mail", "Article URL", "Publish date"): a header
and an alias match when they are equal without case, spaces and punctuation. Each importer keeps
its own table of aliases (data); this module does the matching for all of them.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

_NOT_WORD = re.compile(r"[\W_]+")


def header_key(text: str) -> str:
    """``"E-mail address "`` → ``"emailaddress"`` (a byte-order mark is ignored too)."""
    return _NOT_WORD.sub("", text.replace("\ufeff", "").casefold())


def alias_index(aliases: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """{header key of each alias: the column it names}."""
    return {header_key(alias): column for column, names in aliases.items() for alias in names}


def match_columns(header: Sequence[str], index: Mapping[str, str]) -> tuple[dict[str, int], list[str]]:
    """({column: position}, [headers not used]); the first header naming a column wins."""
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for position, title in enumerate(header):
        column = index.get(header_key(title))
        if column is None or column in positions:
            if title.strip():
                ignored.append(title.strip())
            continue
        positions[column] = position
    return positions, ignored
