"""The AP rules for body text: each finds its pattern in prepared text and proposes one replacement.

A rule yields :class:`Hit` s: a span of the normalised text, the rule id and the replacement
(None when no single replacement is right: the finding stays a finding). Each rule carries its
own exceptions; the spans protected for every rule (quotes aside, which only turn findings into
notes) are handled by :mod:`pressroom.copyedit.check`.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, Callable, Iterator, NamedTuple

from pressroom.copyedit import tables
from pressroom.copyedit.numbers import (ORDINALS, WORD_NUMBER, capitalised_like, in_words,
                                        word_value)
from pressroom.copyedit.text import Prepared, matches_at, scan, trie_pattern


class Hit(NamedTuple):
    start: int
    end: int
    rule: str
    replacement: str | None


Rule = Callable[[Prepared, "Options"], Iterator[Hit]]


class Options(NamedTuple):
    states: str = "spell-out"   # house choice for states after a city: spell-out (AP) | abbreviate
    words: tuple = ()           # extra tables.WordRule from the workspace


# --- shared patterns ----------------------------------------------------------------------------

@cache
def _month_tokens() -> tuple[str, dict[str, tuple[str, str]]]:
    """A regex alternation of month spellings, and each spelling -> (full name, AP form)."""
    forms: dict[str, tuple[str, str]] = {}
    for name, ap in tables.months():
        for spelling in {name, name[:3], ap.rstrip("."), "Sept" if name == "September" else name}:
            forms[spelling] = (name, ap)
    alternation = trie_pattern(forms)
    return alternation, forms


def _starts_word(text: str, index: int) -> bool:
    """Nothing word-like just before *index*. (Patterns start with their first letter or digit
    rather than with \\b or a look-behind: Python's regex engine then skips ahead quickly, which
    makes the scan several times faster.)"""
    return index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")


def _end_of_sentence_after(text: str, end: int) -> bool:
    """The period just before *end* also ends the sentence (end of text or of a paragraph)."""
    rest = text[end: end + 3]
    return rest == "" or rest.startswith("\n") or rest.strip() == ""


def _period_join(text: str, end: int, replacement: str, written: str) -> str:
    """Replacing an abbreviation's period at a sentence end keeps the sentence's period."""
    if written.endswith(".") and not replacement.endswith(".") and _end_of_sentence_after(text, end):
        return replacement + "."
    return replacement


# --- dates --------------------------------------------------------------------------------------

@cache
def _date_re() -> re.Pattern[str]:
    months, _ = _month_tokens()
    return re.compile(rf"({months})(\.?)(\s+)([0-3]?\d)(st|nd|rd|th)?\b(?![.,:]\d|\s*(?:%|percent\b))")


@cache
def _month_year_re() -> re.Pattern[str]:
    months, _ = _month_tokens()
    return re.compile(rf"({months})(\.?)(,?)\s+((?:1[89]|20)\d\d)\b(?![\d,.]\d)")


_WEEKDAY_SHORT = r"Mon|Tues?|Weds?|Thu|Thur|Thurs|Fri|Sat|Sun"
_WEEKDAY_SPELLINGS = ("Mon", "Tue", "Tues", "Wed", "Weds", "Thu", "Thur", "Thurs", "Fri", "Sat",
                      "Sun")  # (what _WEEKDAY_SHORT's alternatives spell)


@cache
def _capitals() -> tuple[re.Pattern[str], dict[str, str]]:
    """One scan for the date, weekday and address rules, which try their patterns where it
    finds their words: an alternation of every month spelling, weekday short name and street
    word (a trie of literals: the engine skips ahead to their first letters and tries one
    branch there), and each word's
    kind. Each starts with a capital and has no other, and no two kinds share their first two
    letters, so the matches of each kind are exactly those of its own words scanned alone."""
    _, forms = _month_tokens()
    streets = tables.streets()
    kinds = {word: "month" for word in forms}
    kinds.update((word, "weekday") for word in _WEEKDAY_SPELLINGS)
    kinds.update((word, "street") for street in streets
                 for word in (street.word, street.abbreviation.rstrip(".")))
    firsts = [{word[:2] for word, kind in kinds.items() if kind == each}
              for each in ("month", "weekday", "street")]
    assert sum(map(len, firsts)) == len(set().union(*firsts))
    assert all(w[:1].isupper() and (w[1:].islower() or len(w) == 1) for w in kinds)
    return re.compile(trie_pattern(kinds)), kinds


def _capital_words(p: Prepared, kind: str) -> list[int]:
    """Where a word of *kind* (month, weekday, street) starts in *p* (one scan for all three)."""
    found = p.shared.get("capitals")
    if found is None:
        found = p.shared["capitals"] = {"weekday": [], "month": [], "street": []}
        pattern, kinds = _capitals()
        for m in pattern.finditer(p.text):
            found[kinds[m.group()]].append(m.start())
    return found[kind]


def dates(p: Prepared, options: Options) -> Iterator[Hit]:
    _, forms = _month_tokens()
    text = p.text
    found = _capital_words(p, "month")  # one scan for both patterns (and weekdays and streets)
    if not found:
        return
    for m in matches_at(_date_re(), text, found):
        day = int(m.group(4))
        if not 1 <= day <= 31 or not _starts_word(text, m.start()):
            continue
        name, ap = forms[m.group(1)]
        written = m.group(1) + m.group(2)
        if written != ap:
            if name == "September" and m.group(1) == "Sep":
                rule = "date.sept"
            elif ap == name:
                rule = "date.month-spelled"
            else:
                rule = "date.month-abbrev"
            yield Hit(m.start(1), m.end(2), rule, ap)
        if m.group(5):
            yield Hit(m.start(4), m.end(5), "date.ordinal", m.group(4))
    for m in matches_at(_month_year_re(), text, found):
        name, _ap = forms[m.group(1)]
        if m.group(1) + m.group(2) + m.group(3) != name and _starts_word(text, m.start()):
            yield Hit(m.start(1), m.end(4), "date.month-year", f"{name} {m.group(4)}")
    for m in _SEP.finditer(text) if "Sep." in text else ():  # no date
        if _starts_word(text, m.start()):
            yield Hit(m.start(), m.end(), "date.sept", "Sept.")


_SEP = re.compile(r"Sep\.(?!\s*\d)")


@cache
def _dated_re() -> re.Pattern[str]:
    months, _ = _month_tokens()
    return re.compile(rf",?\s+(?:{months})\b\.?\s*\d")


@cache
def _weekday_re() -> re.Pattern[str]:
    months, _ = _month_tokens()
    return re.compile(rf"({_WEEKDAY_SHORT})(?:\.|(?=,?\s+(?:{months})\b))")


def weekdays(p: Prepared, options: Options) -> Iterator[Hit]:
    names = tables.weekdays()
    dated = _dated_re()
    for m in matches_at(_weekday_re(), p.text, _capital_words(p, "weekday")):
        short = m.group(1)
        if not _starts_word(p.text, m.start()):
            continue
        full = next(n for n in names if n.startswith(short[:3]))
        if short in ("Sat", "Sun") and not dated.match(p.text, m.end()):
            continue  # "the Baltimore Sun." is a newspaper
        yield Hit(m.start(), m.end(), "date.weekday", full)


# --- times --------------------------------------------------------------------------------------

_TIME = re.compile(r"(\d\d?)(?::([0-5]\d))?(\s*)([aApP])(\.?)\s?([mM])(\.?)(?![A-Za-z])")
# The same with ASCII classes, for ASCII text (where it matches exactly the same): testing \d
# against the Unicode tables at every character is most of the cost of the scan.
_TIME_ASCII = re.compile(_TIME.pattern, re.ASCII)
_NOON = re.compile(r"12(?::00)?\s+(noon|midnight)\b")


# What may follow a time's hour (or its minutes): its minutes, a space, or am/pm.
_AFTER_HOUR = frozenset(":aApP \t\n\r\f\v")


def _time_candidates(p: Prepared) -> list[int]:
    """Where _TIME_ASCII can match in ASCII text: at one of the last two digits of a run
    followed by one of _AFTER_HOUR (\\d\\d? takes the rest of the run), and after spaces by
    am or pm."""
    text, found = p.text, []
    for start, end in p.digit_runs():
        after = text[end: end + 1]
        if after in _AFTER_HOUR and (after in ":aApP" or text[end: end + 8].lstrip()[:1] in "aApP"):
            found.extend(range(max(start, end - 2), end))  # ("" is in both: a window of spaces)
    return found


def times(p: Prepared, options: Options) -> Iterator[Hit]:
    text = p.text
    for m in (matches_at(_TIME_ASCII, text, _time_candidates(p)) if text.isascii()
              else _TIME.finditer(text)):
        hour, minutes, half = int(m.group(1)), m.group(2), m.group(4).lower()
        if not 1 <= hour <= 12 or (m.start() and text[m.start() - 1] in "_:.,$/")\
                or not _starts_word(text, m.start()):
            continue
        written = m.group()
        if hour == 12 and minutes in (None, "00"):
            yield Hit(m.start(), m.end(), "time.noon-midnight",
                      _period_join(text, m.end(), "noon" if half == "p" else "midnight", written))
            continue
        clock = f"{hour}" + (f":{minutes}" if minutes and minutes != "00" else "")
        right = f"{clock} {half}.m."
        if written == right:
            continue
        suffix = written[len(m.group(1)) + (len(minutes) + 1 if minutes else 0):]
        rule = "time.zero-minutes" if suffix == f" {half}.m." else "time.am-pm"
        yield Hit(m.start(), m.end(), rule, right)
    for m in _NOON.finditer(text):
        if _starts_word(text, m.start()):
            yield Hit(m.start(), m.end(), "time.noon-midnight", m.group(1))


# --- numbers ------------------------------------------------------------------------------------

_DIGIT = re.compile(r"([1-9])(?<![\w$€£.,:/#@+&-][1-9])(?![\w%°/:'’-])(?![.,]\d)(?!\))")
_ORDINAL = re.compile(r"([1-9])(?<![\w$.,/-][1-9])(st|nd|rd|th)\b(?!-)")
_START_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_AFTER_WORD = re.compile(r"\s+([\w'’.-]+)")
_WORD_BEFORE = re.compile(r"([\w'’.#-]+)\s+$")  # (what word_before() finds, faster)
_UNIT_AFTER = re.compile(r"\s*(?:percent|per cent|[ap]\.?\s?m\b|-year|-month|years?[- ]old|months?[- ]old|"
                         r"(?:to|through|or|and|in|of)\s+\d|x\s*\d|by\s+\d)", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\d\s+(?:to|through|or|and|in|of|-)\s+$")
_LINE_START_BEFORE = re.compile(r"(?:^|\n)[ \t]*$")
_MARKER_END = re.compile(r"[.)]\s")
_YEAR = re.compile(r"1\d\d\d|20\d\d")
_CLOCK_AFTER = re.compile(r"\s*[ap]\.?\s?m\b", re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s*(?:%|percent\b|per cent\b)")


def _next_word(text: str, end: int) -> str:
    m = _AFTER_WORD.match(text, end)
    return m.group(1) if m else ""


def word_before(text: str, start: int) -> tuple[int, int] | None:
    """The span of ``_WORD_BEFORE.search(text, max(0, start - 40), start).group(1)``: the word
    just before *start*, spaces between. Found walking back from *start* (a search of the
    pattern would try it at each of the forty places before, and cost several times more):
    any match is a run of its word characters and then spaces up to *start*, so the leftmost
    one starts where that run does."""
    lo = start - 40 if start > 40 else 0
    end = start
    while end > lo and text[end - 1].isspace():  # (str.isspace: what \\s is)
        end -= 1
    first = end
    while first > lo and (text[first - 1].isalnum() or text[first - 1] in "_'’.#-"):
        first -= 1  # (isalnum or _: what \\w is)
    return (first, end) if first < end < start else None


def _previous_word(text: str, start: int) -> str:
    span = word_before(text, start)
    return text[span[0]: span[1]] if span else ""


def _keeps_figure(p: Prepared, start: int, end: int) -> bool:
    """AP's exceptions: ages, percentages, money, dimensions, times, dates, addresses, scores,
    chapter and page numbers, ranges, and labels such as Room 4 or Title 9."""
    text = p.text
    after = text[end: end + 24]
    following = _next_word(text, end)
    lowered = following.lower().rstrip(",;:")
    if lowered in tables.figure_units() or lowered.rstrip(".") in tables.figure_units():
        return True
    if _UNIT_AFTER.match(after):
        return True
    if _RANGE_BEFORE.search(text[max(0, start - 16): start]):
        return True  # the second figure of a range or ratio: 5 to 9, 1 in 4
    previous = _previous_word(text, start)
    if previous.lower() in tables.figure_nouns() or previous in ("No.", "#"):
        return True
    _, forms = _month_tokens()
    if previous.rstrip(".") in forms or previous.rstrip(",").isdigit():
        return True
    if previous[:1].isupper() and (previous.lower() not in _OPENERS
                                   or not p.sentence_start(_word_start(text, start))):
        return True  # a label: Room 4, Title 9, Session 3 (not "In 5 schools")
    if previous[:1].islower() and not previous.islower() and previous.isalnum():
        return True  # a product's name: iPhone 6, eReader 3
    if start >= 3 and _AGE_APPOSITION.match(text, start - 2, end + 1) and text[start - 3].isalpha():
        return True  # an age after a noun: "the boy, 6, was unharmed"
    if following[:1].isupper() or following[:1].isdigit():
        return True  # an address (5 Main St.), a name (7 Habits) or a list of figures
    if _LINE_START_BEFORE.search(text[max(0, start - 10): start]) and _MARKER_END.match(text[end: end + 2]):
        return True  # an ordered-list marker
    return False


_AGE_APPOSITION = re.compile(r", \d,")
# Words that open a sentence before a count ("In 5 schools"), unlike labels ("Session 3").
_OPENERS = frozenset("a about after all almost and at before but by during each for from in "
                     "just more nearly of on only over some than the these those to under up "
                     "when with within".split())


def _word_start(text: str, start: int) -> int:
    span = word_before(text, start)
    return span[0] if span else start


def numbers(p: Prepared, options: Options) -> Iterator[Hit]:
    text = p.text
    # Both patterns match a lone digit (a run of one): they are tried there only.
    lone = [start for start, end in p.digit_runs() if end - start == 1 and text[start] != "0"]
    for m in matches_at(_DIGIT, text, lone):
        if p.sentence_start(m.start()) or _keeps_figure(p, m.start(), m.end()) \
                or p.in_figure_line(m.start()):
            continue
        yield Hit(m.start(), m.end(), "number.spell-out", in_words(int(m.group(1))))
    for m in matches_at(_ORDINAL, text, lone):
        following = _next_word(text, m.end())
        previous = _previous_word(text, m.start())
        _, forms = _month_tokens()
        if following[:1].isupper() or previous.rstrip(".") in forms or following == "of" \
                or p.in_figure_line(m.start()):
            continue  # 1st Cavalry Division, 5th District; dates are the date rule's
        word = ORDINALS[int(m.group(1))]
        if p.sentence_start(m.start()):
            word = word.capitalize()
        yield Hit(m.start(), m.end(), "number.ordinal", word)
    for start in sorted(at for at in p.starts if text[at: at + 1].isdecimal()):  # (what \\d is)
        m = _START_NUMBER.match(text, start)
        if not m or p.in_figure_line(start):
            continue
        written = m.group()
        rest = text[m.end(): m.end() + 12]
        if _YEAR.fullmatch(written):
            continue  # a year
        _, forms = _month_tokens()
        if _previous_word(text, start).rstrip(".") in forms:
            continue  # a date: "Mar. 14" (the period is the abbreviation's)
        if rest[:1] in "-:/" or _MARKER_END.match(rest) or _CLOCK_AFTER.match(rest):
            continue  # a list marker, 7-year-old, a time
        if _PERCENT_AFTER.match(rest):
            yield Hit(m.start(), m.end(), "number.sentence-start", None)  # recast the sentence
            continue
        value = None if "." in written else int(written.replace(",", ""))
        spelled = in_words(value) if value is not None else None
        yield Hit(m.start(), m.end(), "number.sentence-start",
                  spelled.capitalize() if spelled else None)


# --- percent, money, ages -----------------------------------------------------------------------

_PERCENT = re.compile(r"per(?:cent|[ -]cent)\b|%")
_FIGURE_BEFORE = re.compile(r"(?<![\w.,$])(\d[\d,]*(?:\.\d+)?)(\s*)$")
_WORDS_BEFORE = re.compile(rf"\b({WORD_NUMBER})\s+$", re.IGNORECASE)
_CENTS = re.compile(r"\$(\d[\d,]*)\.00(?![\d])")
_MILLIONS = re.compile(r"\$(\d{1,3}(?:,\d{3}){2,4})(?![\d,]*\d|\.\d)")
_DOLLARS = re.compile(r"dollars?\b")
_MONEY_BEFORE = re.compile(r"(?<![\w$.,])(\d[\d,]*(?:\.\d\d)?)(\s+(?:million|billion|trillion))?\s+$")
_YEAR_1900S = re.compile(r"(?:19|20)\d\d")
_YEAR_WORD_BEFORE = re.compile(r"\b(?:in|since|by|of|from|until|through|before|after)\s+$",
                               re.IGNORECASE)
_AGE = re.compile(r"(?:year|month)s?[- ]olds?\b")
_AGE_BEFORE = re.compile(rf"\b({WORD_NUMBER})[- ]$", re.IGNORECASE)


def _number_word_before(p: Prepared, at: int) -> tuple[int, int] | None:
    """(start, value) of a number in words just before *at* ("five percent"), unless it starts
    a sentence."""
    m = _WORDS_BEFORE.search(p.text, max(0, at - 30), at)
    if m is None or p.sentence_start(m.start()):
        return None
    value = word_value(m.group(1))
    return None if value is None else (m.start(), value)


def percent(p: Prepared, options: Options) -> Iterator[Hit]:
    text = p.text
    for trigger in scan(_PERCENT, text, ("per", "%")):
        at = trigger.start()
        m = _FIGURE_BEFORE.search(text, max(0, at - 30), at)
        if m is not None:
            if trigger.group() == "%" and not m.group(2):
                continue  # 12% is right
            if not p.sentence_start(m.start()):  # else: the sentence-start rule says what to do
                yield Hit(m.start(), trigger.end(), "percent.sign", f"{m.group(1)}%")
            continue
        if trigger.group() == "%":
            continue
        spelled = _number_word_before(p, at)
        if spelled is not None:  # (not at a sentence start: AP's "Ten percent" starts one)
            yield Hit(spelled[0], trigger.end(), "percent.sign", f"{spelled[1]}%")


def money(p: Prepared, options: Options) -> Iterator[Hit]:
    text = p.text
    for m in _CENTS.finditer(text) if "$" in text else ():
        yield Hit(m.start(), m.end(), "money.cents", f"${m.group(1)}")
    for m in _MILLIONS.finditer(text) if "$" in text else ():
        value = int(m.group(1).replace(",", ""))
        for scale, word in ((10 ** 12, "trillion"), (10 ** 9, "billion"), (10 ** 6, "million")):
            if value >= scale:
                if value % (scale // 100) == 0:  # exact with two decimals at most
                    amount = f"{value / scale:.2f}".rstrip("0").rstrip(".")
                    yield Hit(m.start(), m.end(), "money.millions", f"${amount} {word}")
                break
    for trigger in _DOLLARS.finditer(text):
        at = trigger.start()
        if not _starts_word(text, at):
            continue
        m = _MONEY_BEFORE.search(text, max(0, at - 40), at)
        if m is not None:
            if not _YEAR_1900S.fullmatch(m.group(1)):  # not "in 2019 dollars"
                yield Hit(m.start(), trigger.end(), "money.dollars",
                          f"${m.group(1)}{m.group(2) or ''}")
            continue
        spelled = _number_word_before(p, at)
        if spelled is not None:
            yield Hit(spelled[0], trigger.end(), "money.dollars", f"${spelled[1]}")


def ages(p: Prepared, options: Options) -> Iterator[Hit]:
    text = p.text
    for trigger in scan(_AGE, text, ("year", "month")) if "old" in text else ():
        if not trigger.start() or text[trigger.start() - 1] not in "- ":
            continue
        m = _AGE_BEFORE.search(text, max(0, trigger.start() - 16), trigger.start())
        if m is not None and not p.sentence_start(m.start()):
            value = word_value(m.group(1))
            if value is not None:
                yield Hit(m.start(), m.end(1), "age.figures", str(value))


# --- addresses and places -----------------------------------------------------------------------

@cache
def _street_res() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Any]]:
    streets = tables.streets()
    by_name: dict[str, Any] = {}
    for street in streets:
        by_name[street.word] = street
        by_name[street.abbreviation.rstrip(".")] = street
    full = "|".join(s.word for s in streets)
    short = "|".join(re.escape(s.abbreviation.rstrip(".")) for s in streets)
    return (re.compile(rf"({full})\b(\.?)"), re.compile(rf"({short})\.(?!\w)"), by_name)


# The street's name (up to three words) and its number, just before the street word.
_STREET_BEFORE = re.compile(r"(?:(?<![\w.,$])(\d{1,6})\s+(?:[NSEW]\.\s+)?)?"
                            r"((?:[A-Z0-9][\w'’-]*\s+){0,2}[A-Z][\w'’-]*)\s+$")


def addresses(p: Prepared, options: Options) -> Iterator[Hit]:
    text = p.text
    spelled, short, by_name = _street_res()
    found = _capital_words(p, "street")  # one scan for both patterns (and months and weekdays)
    if not found:
        return
    for m in matches_at(spelled, text, found):
        street = by_name[m.group(1)]
        named = _STREET_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if not _starts_word(text, m.start()) or named is None or not named.group(1) \
                or not street.abbreviate_with_number:
            continue
        number = named.group(1)
        if _YEAR_1900S.fullmatch(number) and _YEAR_WORD_BEFORE.search(
                text[max(0, named.start() - 10): named.start()]):
            continue  # "in 2019 Main Street was ..." is a year
        yield Hit(m.start(), m.end(), "address.abbreviate", street.abbreviation)
    for m in matches_at(short, text, found):
        street = by_name[m.group(1)]
        named = _STREET_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if not _starts_word(text, m.start()) or named is None:
            continue
        if _next_word(text, m.end())[:1].isupper():
            continue  # St. Louis, Dr. Smith, or a sentence end we cannot tell apart
        if named.group(1) and street.abbreviate_with_number:
            continue
        yield Hit(m.start(), m.end(), "address.spell-out",
                  _period_join(text, m.end(), street.word, m.group()))


# Postal codes that are also words or common abbreviations ("Fine, OK?", "Photo, ID"): not
# taken for states.
_WORD_LIKE_CODES = frozenset("OK OR IN ME HI OH ID CO LA DE PA MA".split())


@cache
def _state_re() -> tuple[re.Pattern[str], dict[str, tuple[str, str | None]], frozenset[str]]:
    spellings: dict[str, tuple[str, str | None]] = {}
    for name, ap, code in tables.states():
        if name == "District of Columbia":
            continue
        spellings[name] = (name, ap)
        if ap:
            spellings[ap] = (name, ap)
        if code not in _WORD_LIKE_CODES:
            spellings[code] = (name, ap)
    pattern = re.compile(rf",\s+({trie_pattern(spellings)})(?=[\s,.;:!?)]|$)(?!\s*\d{{5}})")
    return pattern, spellings, frozenset(n for n, _ap, _c in tables.states())


_CITY_BEFORE = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})$")


def places(p: Prepared, options: Options) -> Iterator[Hit]:
    pattern, spellings, state_names = _state_re()
    text = p.text
    for m in pattern.finditer(text):
        city_match = _CITY_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if city_match is None:
            continue
        city, written = city_match.group(1), m.group(1)
        if city in state_names or city.split()[-1] in state_names:
            continue  # a list of states: "Georgia, Alabama and Tennessee"
        name, ap = spellings[written]
        if options.states == "abbreviate":
            right = ap or name
        else:
            right = name
        if written == right:
            continue
        end = m.end(1)
        if right.endswith(".") and text[end: end + 1] == ".":
            end += 1  # "Tennessee." -> "Tenn.": the abbreviation's period ends the sentence
        yield Hit(m.start(1), end, "place.state", _period_join(text, m.end(1), right, written))


# --- words --------------------------------------------------------------------------------------

@cache
def _word_re(rule: tables.WordRule) -> re.Pattern[str]:
    flags = 0 if rule.names else re.IGNORECASE
    return re.compile(rf"(?:{rule.pattern})(?![\w-])", flags)


def _proper_name(p: Prepared, start: int, end: int) -> bool:
    text = p.text
    if p.sentence_start(start):
        return True  # capitalised anyway: we cannot tell
    following, previous = _next_word(text, end), _previous_word(text, start)
    if following[:1].isupper():
        return True
    return previous[:1].isupper() and not p.sentence_start(_word_start(text, start))


_KEYWORD = re.compile(r"[A-Za-z' ]+")


@cache
def _keyword(rule: tables.WordRule) -> str:
    """The literal start of a word rule's pattern: the rule runs only when the text has it."""
    m = _KEYWORD.match(rule.pattern.replace("\\-", "-").replace("-", " "))
    return m.group().lower().strip() if m else ""


def _at_keyword(pattern: re.Pattern[str], text: str, lowered: str,
                keyword: str) -> Iterator[re.Match[str]]:
    """The pattern's matches, tried only where its keyword is (no scan of the whole text)."""
    if not keyword or len(lowered) != len(text):  # lower() changed a length: scan after all
        yield from pattern.finditer(text)
        return
    at = lowered.find(keyword)
    while at >= 0:
        m = pattern.match(text, at)
        if m is not None:
            yield m
        at = lowered.find(keyword, m.end() if m is not None and m.end() > at else at + 1)


_WORD_LISTS: dict[int, tuple[tuple, list]] = {}


def _word_list(extra: tuple) -> list[tuple[tables.WordRule, str]]:
    """Each word rule (the table's, then *extra*) with its keyword, worked out once per house
    style (rather than a cache look-up hashing the rule, per rule per text). Its pattern is
    compiled only once a text has its keyword."""
    cached = _WORD_LISTS.get(id(extra))
    if cached is not None and cached[0] is extra:
        return cached[1]
    found = [(rule, _keyword(rule)) for rule in (*tables.words(), *extra)]
    if len(_WORD_LISTS) > 32:
        _WORD_LISTS.clear()
    _WORD_LISTS[id(extra)] = (extra, found)
    return found


def words(p: Prepared, options: Options) -> Iterator[Hit]:
    lowered = p.text.lower().replace("-", " ")
    for rule, keyword in _word_list(options.words):
        if keyword not in lowered:
            continue
        for m in _at_keyword(_word_re(rule), p.text, lowered, keyword):
            if m.start() and p.text[m.start() - 1] == "-" or not _starts_word(p.text, m.start()):
                continue
            if rule.names and _proper_name(p, m.start(), m.end()):
                continue
            if m.group()[:1].isupper() and not p.sentence_start(m.start()) \
                    and _proper_name(p, m.start(), m.end()):
                continue  # "the Web Site Awards": capitalised among capitals, a name
            replacement = rule.replace.replace("\\1", m.group(1) or "") \
                if "\\1" in rule.replace else rule.replace  # (m.expand parses the template each time)
            if not rule.names and replacement != replacement.upper():
                replacement = capitalised_like(replacement, m.group())
            if replacement != m.group():
                yield Hit(m.start(), m.end(), rule.id, replacement)


RULES: tuple[Rule, ...] = (dates, weekdays, times, numbers, percent, money, ages, addresses,
                           places, words)
FAMILIES = ("date", "date", "time", "number", "percent", "money", "age", "address", "place", "word")
