"""People: finding a name in an attribution phrase and resolving it to a spokesperson.

A phrase such as "NASRO executive director Mo Canady" or "Lincoln High School Principal Jane
Smith" ends with a capitalised run; the name is what follows the run's last title word. A name
resolves to a spokesperson through the spokesperson's full name or a variant (case-insensitive,
middle initials, periods, suffixes and possessives ignored) or through a last name alone. A last
name alone goes to the person most recently named with it, so "Smith said" after "principal Jane
Smith" is Jane Smith, not a spokesperson called Smith.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterator, Sequence

from pressroom.extract.lexicon import (
    GENDERED_TITLES, NAME_SUFFIXES, NOT_NAME_WORDS, ORGANISATION_WORDS, PLACE_WORDS, PRONOUNS,
    SPEECH_CUES, TITLE_WORDS,
)
from pressroom.extract.model import Speaker

_TOKEN = re.compile(r"[^\s,;:()\[\]\u2014\u2013]+")
_TRIM = "\"“”‘’'()[]"
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")  # Canady's, Jones'
# Clause words after which a phrase no longer names its subject ("Jane Smith of Lincoln High").
_PHRASE_STOP = re.compile(
    r"(?:\s(?:of|at|from|with|for|in|on|who|whose|when|while|after|before|during|about|to|and|as|by"
    r"|near|outside|inside|via|over|though|although|but|because|since|so|yet|\u2014|\u2013|--))+\s",
)
# Stop words that start a new clause, whose subject may be a last name alone ("… though Canady
# said"), unlike a preposition before a place ("a teacher in Ohio said").
_CLAUSE_STOP = re.compile(
    r"\s(?:who|when|while|after|before|and|as|though|although|but|because|since|so|yet|\u2014|"
    r"\u2013|--)\s$")
# A legislator's party and state after the name: "Sen. Jane Roe (D-Ill.)", "Roe (R-OR)".
_PARTY = re.compile(r"\s*\((?:[DRI]|Dem|Rep|Ind|Lab|Con|LD|SNP)\s*[-\u2013,.]\s*[A-Za-z. ]{1,20}\)")
_PARTY_LABEL = re.compile(r"(?:[DRI]|Dem|Rep|Ind)-[A-Z]")
# A name-shaped word: a capital, then lower-case letters ("McAllister", "O'Neill", "Smith-Jones").
_NAME_WORD = re.compile(r"[A-Z](?:[a-z]+|['\u2019][A-Z][a-z]+|c[A-Z][a-z]+)(?:-[A-Z][a-z]+)?$")
# What may follow a person named as a sentence's subject: a verb in lower case, or an apposition
# ("Sarah Whitcombe, 41,", "Jay Farlow, who answers ...").
_SUBJECT_AFTER = re.compile(r"[ \t]+[a-z]|,[ \t]+(?:\d|who\b|a\b|an\b|the\b|[a-z]+[ \t]+of\b)")
# A name as the subject of a verb of saying: "butcher Sam Akhtar, said", "Ann Lee told".
_SPEAKS_AFTER = re.compile(
    r",?[ \t]+(?:" + "|".join(c.replace(" ", r"[ \t]+") for c in SPEECH_CUES) + r")\b")
_APPOSITION_AFTER = re.compile(r",[ \t]+(?:who|whose|\d+,)[ \t]")
_MAX_WORDS_BEFORE_NAME = 6
_MAX_NAME_WORDS = 4
# A run of capitalised words in running text: where a person may be named.
# Lower-case particles inside a name: "Maria de la Cruz", "Ludwig van Beethoven".
_PARTICLES = frozenset({"de", "la", "del", "della", "van", "von", "der", "den", "da", "di", "du",
                        "dos", "das", "le", "ter", "ten", "bin", "al", "el", "st."})
_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w'\u2019.\-]*(?:[ \t]+(?:(?:de|la|del|della|van|von|der|den|da|di|du|dos|das|le|ter"
    r"|ten|bin|al)[ \t]+){0,2}[A-Z][\w'\u2019.\-]*){0,5}")
_WORD_BEFORE = re.compile(r"([A-Za-z]+\.?)[ \t]+$")
# After a name, an apposition giving a role: "Jane Smith, the principal", "Alex Rivera, a parent".
# Up to three lower-case words are read ("Maria Santos, logistics director at Greenfield Foods").
_ROLE_AFTER = re.compile(
    r",[ \t]+(?:(?:the|a|an|[A-Z]{2,}['\u2019]s)[ \t]+)?"
    r"(?P<role>[a-z]+\.?(?:[ \t]+[a-z]+\.?){0,2})\b")


@dataclass(frozen=True)
class Person:
    """Someone quoted or named: a spokesperson (``speaker`` set) or anyone else."""

    name: str
    speaker: str | None = None

    @cached_property
    def key(self) -> str:
        return self.speaker or name_key(self.name)

    @cached_property
    def last_name(self) -> str:
        parts = name_key(self.name).split()
        return parts[-1] if parts else ""


@lru_cache(maxsize=4096)  # the same few names recur in every article
def name_key(name: str) -> str:
    """A name folded for comparison: lower case, no periods, possessive, initials or suffix."""
    name = _POSSESSIVE.sub("", name.strip().replace("’", "'"))
    words = [w for w in name.replace(".", " ").casefold().split() if w]
    if len(words) > 2:  # drop middle initials: "Maurice C. Canady"
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    if len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def _is_capitalised(token: str) -> bool:
    return token[:1].isupper()


@lru_cache(maxsize=8192)  # the same words recur in every article: test each once
def _is_title(token: str) -> bool:
    return token.casefold() in TITLE_WORDS or token.casefold().rstrip(".") in TITLE_WORDS


def _is_abbreviated(token: str) -> bool:
    """A word ending in a period that is not an initial or a suffix ("R-Ala.", "Tenn.")."""
    bare = token.rstrip(".")
    return token.endswith(".") and len(bare) > 1 and bare.casefold() not in NAME_SUFFIXES


@lru_cache(maxsize=8192)
def _is_acronym(token: str) -> bool:
    bare = _POSSESSIVE.sub("", token).replace(".", "")
    return len(bare) > 1 and bare.isupper()


def _name_from_run(run: list[str]) -> str | None:
    return _name_from_tokens(tuple(run))


@lru_cache(maxsize=8192)
def _name_from_tokens(run: tuple[str, ...]) -> str | None:
    last_title = max((i for i, token in enumerate(run) if _is_title(token)), default=-1)
    name = run[last_title + 1:]
    shouted = len(name) > 1 and all(_is_acronym(token) for token in name)  # "JAY FARLOW"
    while name and not shouted and (name[0].casefold() in NOT_NAME_WORDS or _is_acronym(name[0])):
        name = name[1:]
    if not name or len(name) > _MAX_NAME_WORDS:
        return None
    for token in name:
        folded = token.casefold().rstrip(".")
        if folded in ORGANISATION_WORDS or folded in NOT_NAME_WORDS or _is_abbreviated(token):
            return None
        if _is_acronym(token) and not shouted:
            return None
        if "." in token.rstrip(".") and len(token) > 3:  # a web address: PoliceOne.com
            return None
        if _PARTY_LABEL.match(token):  # AP style's party and state: "Rep. Ann Lee, R-Texas,"
            return None
    if len(name) == 1 and len(name[0].rstrip(".")) < 2:
        return None
    return _POSSESSIVE.sub("", " ".join(name))


def name_in_phrase(phrase: str, *, subject: bool = False) -> str | None:
    """The person's name a short phrase ends with, or None.

    The phrase must end with the name, and what precedes it may only be a few words (a title, an
    organisation): "NASRO executive director Mo Canady" gives "Mo Canady"; "the principal" and
    "Tuesday in Pigeon Forge" give None. Words from the first "of", "in", "who"… on are ignored
    ("Jane Smith of Lincoln High"); for the ``subject`` of a verb, the words after the last such
    word are tried first, as they stand next to the verb ("… after Rep. Tom Keller said").
    """
    phrase = _PARTY.sub("", phrase)
    padded = f" {phrase.strip()} "
    parts = _PHRASE_STOP.split(padded)
    if subject and len(parts) > 1:
        name = _name_ending(parts[-1])
        # one word after "in", "of" … is most often a place ("a teacher in Ohio said")
        if name and (len(name.split()) > 1 or _titled(parts[-1], name) or
                     _CLAUSE_STOP.search(padded, 0, len(padded) - len(parts[-1]))):
            return name
    return _name_ending(parts[0])


def _titled(phrase: str, name: str) -> bool:
    """Whether ``name`` at the end of ``phrase`` has a title word right before it."""
    words = phrase[:phrase.rstrip().rfind(name.split()[0])].split()
    return bool(words) and _is_title(words[-1].strip(_TRIM))


def name_at_start(phrase: str) -> str | None:
    """The name a phrase begins with ("Canady described the course this way" gives "Canady")."""
    tokens = [t.strip(_TRIM) for t in _TOKEN.findall(_PARTY.sub("", phrase))]
    if tokens and tokens[0].casefold() in NOT_NAME_WORDS and tokens[0].casefold() != "said":
        return None  # "Opening statement:", "In Ohio ..."
    run: list[str] = []
    for token in tokens:
        if not token or not (_is_capitalised(token) or _is_title(token)):
            break
        run.append(token)
    return _name_from_run(run) if run else None


def _name_ending(phrase: str) -> str | None:
    tokens = [t.strip(_TRIM) for t in _TOKEN.findall(phrase)]
    tokens = [t for t in tokens if t]
    if not tokens:
        return None
    run_start = len(tokens)
    while run_start > 0 and (_is_capitalised(tokens[run_start - 1]) or
                             (run_start < len(tokens) and _is_title(tokens[run_start - 1])) or
                             (run_start < len(tokens) and run_start > 1 and
                              tokens[run_start - 1] in _PARTICLES and
                              (_is_capitalised(tokens[run_start - 2]) or
                               tokens[run_start - 2] in _PARTICLES))):
        run_start -= 1
    if run_start == len(tokens) or run_start > _MAX_WORDS_BEFORE_NAME:
        return None
    return _name_from_run(tokens[run_start:])


def pronoun_in_phrase(phrase: str) -> bool:
    return phrase.strip().casefold() in PRONOUNS


def find_mentions(text: str, start: int, end: int, index: "SpeakerIndex",
                  known_last=None) -> Iterator[tuple[str, int, int]]:
    """People named in ``text[start:end]``: (name as found, start, end).

    Only names that are clearly people count: a spokesperson's name or last name, a name after a
    title ("principal Jane Smith", "Police Chief Ray Dominguez") or followed by a role ("Jane
    Smith, the principal"). A capitalised run alone ("Pigeon Forge") is not a person. One word
    counts if it is a spokesperson's last name or, with ``known_last``, the last name of someone
    named before ("Briggs said the cause is under investigation").
    """
    for match in _CAPITALISED_RUN.finditer(text, start, end):
        tokens = [t for t in (t.strip(_TRIM) for t in match.group().split()) if t]
        if not tokens:
            continue
        if len(tokens[-1]) > 2:  # a full stop ending the sentence: "… Sheriff Tom Bradley."
            tokens[-1] = tokens[-1].rstrip(".")
        if len(tokens) == 1:  # most often a word starting a sentence: rule it out cheaply
            word = name_key(tokens[0])
            if index.knows_last(word) or (known_last is not None and known_last(word)):
                yield _POSSESSIVE.sub("", tokens[0]), match.start(), match.end()
                continue
            if word in NOT_NAME_WORDS or word in ORGANISATION_WORDS:
                continue
        before = _WORD_BEFORE.search(text, max(start, match.start() - 16), match.start())
        titled = (before is not None and _is_title(before.group(1))) or \
            any(_is_title(t) for t in tokens[:-1])
        if len(tokens) == 1 and not titled:
            if index.knows_first(name_key(tokens[0])):  # "Mo told the Tulsa World"
                yield tokens[0], match.start(), match.end()
            continue
        name = _name_from_run(tokens)
        if name is None:
            continue
        words = name.split()
        known = index.knows(name_key(name)) or (len(words) == 1 and index.knows_last(name_key(name)))
        if not (known or titled):
            if len(words) < 2:
                continue
            role = _ROLE_AFTER.match(text, match.end(), min(end, match.end() + 60))
            if (role is None or not any(_is_title(w) for w in role.group("role").split())) and \
                    not _is_subject(text, match, tokens, start):
                continue
        yield name, match.start(), match.end()


def _is_subject(text: str, match: re.Match, tokens: list[str], start: int) -> bool:
    """A plain two- or three-word name opening a sentence as its subject ("Maria Delgado opened
    the bakery", "Jim Castellano has coached", "Sarah Whitcombe, 41, was")."""
    if not 2 <= len(tokens) <= 3 or tokens[0].casefold() in PLACE_WORDS:
        return False
    if not all(_NAME_WORD.match(t) for t in tokens):
        return False
    at = match.start() - 1
    while at >= start and text[at] in " \t":
        at -= 1
    if _SPEAKS_AFTER.match(text, match.end()):
        return True
    if at >= start and text[at] == ",":  # an apposition: "his rookie kicker, Diego Alvarez, who"
        return _APPOSITION_AFTER.match(text, match.end()) is not None
    if at >= start and text[at] not in ".!?\n\u201d\"'\u2019\u2014\u2013-":  # after a dateline too
        return False
    return _SUBJECT_AFTER.match(text, match.end()) is not None


class SpeakerIndex:
    """Spokespeople by full name, variant and last name."""

    def __init__(self, speakers: Sequence[Speaker]) -> None:
        self.speakers = {s.id: s for s in speakers}
        self._by_name: dict[str, set[str]] = {}
        self._by_last: dict[str, set[str]] = {}
        self._by_first: dict[str, set[str]] = {}
        for speaker in speakers:
            for spelling in (speaker.name, *speaker.variants):
                key = name_key(spelling)
                if not key:
                    continue
                self._by_name.setdefault(key, set()).add(speaker.id)
                self._by_last.setdefault(key.split()[-1], set()).add(speaker.id)
                if len(key.split()) > 1:
                    self._by_first.setdefault(key.split()[0], set()).add(speaker.id)

    def by_full_name(self, key: str) -> str | None:
        ids = self._by_name.get(key, set())
        return next(iter(ids)) if len(ids) == 1 else None

    def by_last_name(self, last: str) -> str | None:
        ids = self._by_last.get(last, set())
        return next(iter(ids)) if len(ids) == 1 else None

    def knows(self, key: str) -> bool:
        return key in self._by_name or (len(key.split()) > 1 and key.split()[-1] in self._by_last)

    def knows_last(self, last: str) -> bool:
        return last in self._by_last

    def by_first_name(self, first: str) -> str | None:
        """A spokesperson called by first name alone ("Mo told the Tulsa World")."""
        ids = self._by_first.get(first, set())
        return next(iter(ids)) if len(ids) == 1 and first not in self._by_last else None

    def knows_first(self, first: str) -> bool:
        return self.by_first_name(first) is not None

    def is_shared_last_name(self, last: str) -> bool:
        return len(self._by_last.get(last, ())) > 1

    def person(self, speaker_id: str) -> Person:
        return Person(self.speakers[speaker_id].name, speaker_id)


class People:
    """Who has been named so far in an article, for last names and pronouns."""

    def __init__(self, index: SpeakerIndex) -> None:
        self.index = index
        self._by_last: dict[str, Person] = {}
        # the last few people named, (start, end, person) in text order: enough for a pronoun
        self._recent: deque[tuple[int, int, Person]] = deque(maxlen=8)
        self._gender: dict[str, str] = {}  # person key: "he" or "she", from titles and pronouns

    def resolve(self, found: str, first_name: bool = True) -> Person | None:
        """The person a name as found in the text refers to. A spokesperson's first name alone
        stands for them (``first_name``) unless someone else was named with it as a last name."""
        key = name_key(found)
        if not key:
            return None
        words = key.split()
        speaker_id = self.index.by_full_name(key)
        if speaker_id:
            return self.index.person(speaker_id)
        if len(words) == 1:
            earlier = self._by_last.get(words[0])
            if earlier is not None:
                return earlier
            speaker_id = self.index.by_last_name(words[0])
            if speaker_id:
                return self.index.person(speaker_id)
            if self.index.is_shared_last_name(words[0]):
                return None
            speaker_id = self.index.by_first_name(words[0]) if first_name else None
            if speaker_id:
                return self.index.person(speaker_id)
        return Person(_POSSESSIVE.sub("", found.strip()))

    def knows(self, person: Person) -> bool:
        """Whether ``person`` has been named before in the article."""
        return self._by_last.get(person.last_name) == person

    def named(self, person: Person, start: int, end: int, title: str = "") -> None:
        """Record that ``person`` is named at ``start``..``end`` (after ``title``, if any)."""
        gender = GENDERED_TITLES.get(title.casefold().rstrip("."))
        if gender:
            self._gender[person.key] = gender
        if person.last_name:
            self._by_last[person.last_name] = person
        self._recent.append((start, end, person))

    def knows_last_name(self, last: str) -> bool:
        return last in self._by_last

    def gendered(self, person: Person, pronoun: str) -> None:
        """Record that ``person`` is referred to as "he" or "she"."""
        if pronoun in ("he", "she"):
            self._gender[person.key] = pronoun

    def last_named(self, before: int, same_sentence, pronoun: str = "") -> Person | None:
        """The last person named before ``before`` that ``pronoun`` can refer to (someone known to
        be "he" is not "she"); None if two such people share that sentence."""
        gendered = pronoun in ("he", "she")
        candidates = [m for m in self._recent if m[0] < before and
                      (not gendered or self._gender.get(m[2].key, pronoun) == pronoun)]
        if not candidates:
            return None
        start, _, person = candidates[-1]
        for _, other_end, other in reversed(candidates[:-1]):
            if other.key == person.key:
                continue
            if same_sentence(other_end, start):
                return None
            break
        return person
