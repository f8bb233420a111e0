"""Outlet names as pressroom compares them: the folded key and the look-alike check.

See :mod:`pressroom.mentions.outlets` for what the keys are for; they live here, apart from the
registry's queries, so that the SQLite fast path (:mod:`pressroom.mentions.reads`) can find an
outlet by name without importing SQLAlchemy.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Iterable

from pressroom.errors import NotFoundError, did_you_mean

_NOT_KEY = re.compile(r"[\W_]+", re.UNICODE)


def name_key(name: str) -> str:
    """The folded form names are compared by: NFKC, look-alike letters read as Latin, case-folded,
    letters and digits only."""
    return _NOT_KEY.sub("", skeleton(name).casefold())


@functools.cache
def _confusables() -> dict[int, str]:
    path = Path(__file__).with_name("data") / "confusables.txt"
    table: dict[int, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            char, latin = line.split()
            table[ord(char)] = latin
    return table


def skeleton(name: str) -> str:
    """*name* NFKC-normalised, with letters that only look Latin replaced by the Latin ones."""
    import unicodedata

    return unicodedata.normalize("NFKC", name).translate(_confusables())


def _scripts(text: str) -> set[str]:
    """The scripts of *text*'s letters, from their Unicode names (LATIN, CYRILLIC, GREEK...)."""
    import unicodedata

    return {unicodedata.name(ch, "UNKNOWN").split()[0] for ch in text if ch.isalpha()}


def lookalike_note(typed: str, matched: str) -> str | None:
    """``outlet 'Кnox News' taken as 'Knox News': it mixes Cyrillic and Latin letters``, or None
    when *typed* is not a look-alike of *matched*."""
    why = lookalike_reason(typed, matched)
    return f"outlet '{typed}' taken as '{matched}': {why}" if why else None


def lookalike_reason(typed: str, matched: str) -> str | None:
    """Why *typed* was taken for the outlet *matched* when they are not written alike: its
    letters mix scripts or are compatibility forms. None when there is nothing to say."""
    import unicodedata

    if typed == matched or name_key(typed) != name_key(matched):
        return None
    scripts = _scripts(unicodedata.normalize("NFKC", typed))
    if len(scripts) > 1:
        why = f"it mixes {' and '.join(s.title() for s in sorted(scripts))} letters"
    elif unicodedata.normalize("NFKC", typed) != typed:
        why = "it is written with compatibility characters (fullwidth or styled letters)"
    elif skeleton(typed) != typed:
        why = f"its {' and '.join(s.title() for s in sorted(scripts))} letters look like Latin ones"
    else:
        return None  # only case or punctuation differ: nothing to warn about
    return why


def no_such_outlet(name: str, names: Iterable[str]) -> NotFoundError:
    """The error for an outlet *name* that is neither an outlet's name nor an alias."""
    names = list(names)
    return NotFoundError(f"outlet '{name}': no such outlet{did_you_mean(name, names)}")
