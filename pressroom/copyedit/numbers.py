"""Number words both ways: 7 <-> seven, 3rd <-> third, 25 -> Twenty-five (AP spelling)."""

from __future__ import annotations

import re

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth")

_VALUES = {word: value for value, word in enumerate(ONES)}
_VALUES.update({word: value * 10 for value, word in enumerate(TENS) if word})
# one to ninety-nine in words (case-insensitive use)
WORD_NUMBER = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|"
               r"four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|"
               r"sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|"
               r"nine|ten)")
WORD_NUMBER_RE = re.compile(WORD_NUMBER, re.IGNORECASE)


def in_words(value: int) -> str | None:
    """0 to 99 in words (``twenty-five``); None beyond."""
    if 0 <= value < 20:
        return ONES[value]
    if 20 <= value < 100:
        tens, ones = divmod(value, 10)
        return TENS[tens] + (f"-{ONES[ones]}" if ones else "")
    return None


def word_value(text: str) -> int | None:
    """The value of ``seven`` or ``twenty-five`` (any case); None if it is not one."""
    parts = text.lower().split("-")
    if len(parts) == 1:
        return _VALUES.get(parts[0])
    if len(parts) == 2 and parts[0] in TENS[2:] and parts[1] in ONES[1:10]:
        return _VALUES[parts[0]] + _VALUES[parts[1]]
    return None


def capitalised_like(word: str, model: str) -> str:
    """*word* with its first letter upper-case when *model*'s is."""
    if model[:1].isupper() and word[:1].islower():
        return word[:1].upper() + word[1:]
    return word
