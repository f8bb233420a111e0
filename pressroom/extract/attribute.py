"""Attribution: who a quote's own sentence, or the sentence next to it, says spoke it.

Each function looks only at a bounded window beside one quote (never the whole text), so the
total work stays linear in the article's length:

- after the quote: "…,” Canady said.", "…,” said Mo Canady, executive director", "…,” according
  to Canady", "…,” he told WVTM TV", "…!” Mayor Jim Hale exclaimed" (a verb the lists do not
  know), "…,” Tremblay." (a bare name), "…” — Mo Canady, executive director" (a dash, or a
  signature line a blank line below);
- before it, in the same sentence: "Canady said, “…”", "Canady said the training was “…”",
  "Tran posted a video, saying, “…”", or an introduction ending with a colon, possibly the
  paragraph before: "From executive director Mo Canady: “…”", "Jane Roe released the following
  statement:"; "In Canady's words, “…”", "In the words of Mo Canady, “…”";
- the last sentence of the paragraph before, introducing it: "Canady was quoted in a Post article
  about …", "Ortiz spoke with WBRC about …";
- the sentence after a quote that stands alone pointing back at it: "That's part of what Canady
  told PoliceOne.com", "That's how WVTM TV quoted Canady", "That's one of many comments Canady
  offered …", "Canady made the point in a conversation with KXAN", "That's an excerpt from a
  story by Education Dive" (which names no speaker).

Wherever a speaker is the subject of a verb of saying, the words a reporter puts between them are
read past: "Canady also said", "she then quickly added", "Farlow has repeatedly told", "Canady last
week told" (:func:`without_interveners`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pressroom.extract.lexicon import (
    ABBREVIATIONS, BETWEEN_SPEAKER_AND_CUE, LISTENER_CUES, LY_NOUNS, PARTICIPLE_CUES,
    PREPOSITION_CUES, SPEECH_CUES, TIME_LEADS, TIME_WORDS, WEEKDAYS,
)
from pressroom.extract.names import name_at_start, name_in_phrase, pronoun_in_phrase

AFTER_WINDOW = 240  # characters after a closing mark read for its attribution
BEFORE_WINDOW = 240  # characters before an opening mark
POINTER_WINDOW = 300  # characters of the sentence that points back at a quote
_POSSESSIVE_INTRODUCTION = re.compile(
    r"([A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,3})['\u2019]s\s+"
    r"(?:own\s+)?(?:words|remarks|statement|message|comments|response|view|take|answer)\b",
)

# "In Canady's words,", "in the words of Mo Canady," right before a quote.
_IN_THE_WORDS_OF = re.compile(
    r"\b[Ii]n\s+(?:(?P<own>[A-Z][\w.\u2019'-]*(?:\s+[A-Z][\w.\u2019'-]*){0,3})['\u2019]s\s+"
    r"(?:own\s+)?words|the\s+words\s+of\s+(?P<of>(?:[A-Za-z][\w.\u2019'-]*\s+){0,4}"
    r"[A-Z][\w.\u2019'-]*))\s*,?$")  # (with a colon: the colon introduction's)

# "The statement from Farlow read:", "In a message to members by Jay Farlow:"
_FROM_INTRODUCTION = re.compile(
    r"\b(?:statement|remarks|message|comments?|words|letter|e-?mail|post|note|response|reply)\s+"
    r"(?:[a-z]+\s+){0,3}(?:from|by|of)\s+((?:[A-Z][\w.\u2019'-]*\s+){0,4}[A-Z][\w.\u2019'-]*)",
)
_CUE = re.compile(
    r"\b(?:" + "|".join(c.replace(" ", r"\s+") for c in SPEECH_CUES) + r")\b", re.IGNORECASE,
)
_TERMINATOR = re.compile(r"[.!?\u2026]+(?=[\s\u201d\"\u2019')]|$)|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
# A dash attribution, or a signature line up to a blank line below: "— Jane Roe, president".
_DASH = re.compile(r"[ \t]*(?:\n[ \t]*){0,2}(?:\u2014|\u2013|\u2015|--|-)[ \t]*([^,;\n(]{1,80})")
# A bare name after a quote, with no verb: "“…,” Tremblay."
_BARE_NAME = re.compile(r"[ \t]*([A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){0,3})[ \t]*$")
_DASHES = " \t\n,:;\u2014\u2013-"
# Any verb of saying the word lists do not know, right after a quote that ends with a comma, "!"
# or "?": "“…!” Mayor Jim Hale exclaimed", "“…,” Ortiz deadpanned", "“…?” wondered Lee".
_OTHER_VERB = re.compile(
    r"[ \t]*(?:(?P<subject>he|she|they|[A-Z][^,.;:!?\n]{0,60}?)[ \t]+(?:[a-z]+ly[ \t]+)?"
    r"(?P<verb>[a-z]{3,}(?:ed|s))|(?P<inverted>[a-z]{3,}ed)[ \t]+(?P<named>[A-Z][^,;:!?\n]{0,60}))"
    r"(?=[ \t,.;]|$)")
_POINTER = re.compile(
    r"(?:That|This|Those|These)(?:['\u2019]s|\s+is|\s+was|\s+are|\s+were)\s+"
    r"(?:(?:just|only|exactly|but)\s+)?(?:(?:a|an|one|some|small|short|brief|key)\s+){0,2}"
    r"(?:"
    r"(?P<part>(?:part|portion|piece|bit|some|sample|highlight)s?\s+of\s+)?what\s+"
    r"(?P<who>[^.!?\n]{1,100}?)\s+(?:[a-z]+ly\s+)?(?P<verb>told|said|shared\s+with|shared|"
    r"had\s+to\s+say|explained|wrote|described|discussed|offered|posted|tweeted)\b"
    r"|(?:one\s+of\s+(?:many|several|the|a\s+few|two|three)\s+)?(?:[a-z]+\s+)?(?P<said>comments?|"
    r"remarks?|things?|points?|observations?|thoughts?|insights?|messages?)\s+"
    r"(?P<by>[^.!?\n]{1,100}?)"
    r"\s+(?:[a-z]+ly\s+)?(?:offered|made|shared|gave|had|posted|tweeted|wrote|said)\b"
    r"|how\s+(?P<outlet>[^.!?\n]{1,80}?)\s+quoted\s+(?P<quoted>[^.!?\n;]{1,80})"
    r"|(?P<excerpt>(?:an?\s+)?(?:excerpt|passage|snippet|quote)\s+from)\b"
    r")",
)


# A sentence after a quote that names its speaker as its subject: "Canady made the point in a
# conversation with KXAN", "Ortiz said as much on WBRC".
_MADE_THE_POINT = re.compile(
    r"(?P<who>[A-Z][^.!?\n]{0,100}?)\s+(?:[a-z]+ly\s+)?(?:made|making)\s+"
    r"(?:the|that|this|those|these|"
    r"a\s+similar)\s+(?:point|case|comments?|remarks?|argument|observation)s?\b"
    r"|(?P<who2>[A-Z][^.!?\n]{0,100}?)\s+(?:[a-z]+ly\s+)?(?:said|wrote|explained)\s+"
    r"(?:as\s+much|so)\b",
)


# The last sentence of a paragraph introducing the next one's quote: "Canady was quoted in a
# Washington Post article about …", "Ortiz spoke with WBRC about …", "Mills was blunt."
_INTRODUCTION = re.compile(
    r"(?P<who>[A-Z][^.!?\n]{0,120}?)\s+(?:[a-z]+ly\s+)?(?:"
    r"(?:was|were|has\s+been|is)\s+(?:[a-z]+ly\s+)?(?:quoted|interviewed|featured|cited|profiled)\b"
    r"|(?:spoke|talked|sat\s+down)\s+(?:to|with)\b"
    r"|appeared\s+on\b"
    r"|had\s+(?:this|more|plenty|a\s+lot)\s+to\s+say\b"
    r"|did(?:n['\u2019]t|\s+not)\s+mince\s+words\b"
    r"|was\s+(?:blunt|candid|frank|direct|emphatic)\b)",
)


@dataclass(frozen=True)
class Attribution:
    cue: str
    name: str | None = None  # the speaker's name as found; None for "the principal said"
    pronoun: bool = False  # "he said": the speaker is the last person named
    at: int = 0  # where in the text the speaker is named
    tight: bool = True  # the cue stands right beside the quote ("said," not "said the plan is")
    clause_end: int = 0  # where an attribution after a quote ends
    weak: bool = False  # a name read from a clause's first words: one unknown word is not enough


def _cue_name(match: re.Match) -> str:
    return " ".join(match.group().casefold().split())


def is_sentence_end(text: str, match: re.Match) -> bool:
    """False for the period of an abbreviation or an initial ("Sen.", "Ala.", "J.")."""
    if match.group() != ".":
        return True
    word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
    if word is None:
        return True
    token = word.group(1).casefold().strip(".")
    return not (len(token) == 1 or token in ABBREVIATIONS)


def clause_end(text: str, start: int, limit: int) -> int:
    for match in _TERMINATOR.finditer(text, start, limit):
        if is_sentence_end(text, match):
            return match.start()
    return limit


def clause_start(text: str, low: int, end: int) -> int:
    start = low
    for match in _TERMINATOR.finditer(text, low, end):
        if is_sentence_end(text, match):
            start = match.end()
    return start


_WORD = re.compile(r"\S+")
_PARENTHESIS_AT_END = re.compile(r"[ \t]*\([^()\n]{1,60}\)[ \t]*$")


def without_interveners(subject: str) -> str:
    """*subject* without the words between the speaker and the verb of saying: "Canady also"
    gives "Canady", "he then quickly" "he", "Farlow has repeatedly" "Farlow", "Vance on Thursday
    again" "Vance", "Mo Canady (NASRO)" "Mo Canady", "Canady (pictured) also" "Canady"."""
    while True:
        shorter = _without_words_between(subject)
        aside = _PARENTHESIS_AT_END.search(shorter)
        if aside:
            shorter = shorter[:aside.start()]
        if shorter == subject:
            return subject
        subject = shorter


def _without_words_between(subject: str) -> str:
    words = list(_WORD.finditer(subject))
    cut = len(words)
    while cut:
        word = words[cut - 1].group().strip(",")
        folded = word.casefold()
        if word.islower() and (folded in BETWEEN_SPEAKER_AND_CUE or (
                folded.endswith("ly") and folded.isalpha() and folded not in LY_NOUNS)):
            cut -= 1
        elif folded in TIME_WORDS and cut > 1 and words[cut - 2].group().casefold() in TIME_LEADS:
            cut -= 2
        elif folded in WEEKDAYS and word[:1].isupper():
            cut -= 2 if cut > 1 and words[cut - 2].group() == "on" else 1
        else:
            break
    if cut == len(words):
        return subject
    return subject[:words[cut].start()].rstrip(" \t,") if cut else ""


def _speaker_of(cue: str, before: str, after: str, offset: int, prefer_last: bool,
                tight: bool = True, clause_end_at: int = 0) -> Attribution | None:
    """Read the speaker from the words before a cue (its subject) or after it."""

    def attribution(name: str | None = None, pronoun: bool = False) -> Attribution:
        return Attribution(cue, name, pronoun, at=offset, tight=tight, clause_end=clause_end_at)

    subject = without_interveners(before.strip(_DASHES))
    if cue in PREPOSITION_CUES or not subject:  # "according to Canady", "said Canady"
        if cue in LISTENER_CUES:  # after "told" comes the listener
            return attribution()
        segments = after.strip(_DASHES).split(",")[:2]
        if segments and pronoun_in_phrase(segments[0]):
            return attribution(pronoun=True)
        names = (name_in_phrase(segment) or _from_whom(segment) for segment in segments)
        return attribution(next((name for name in names if name), None))
    segments = subject.split(",")
    # "Asked whether …, she said:" — the pronoun next to the verb is its subject
    if pronoun_in_phrase(subject) or (prefer_last and pronoun_in_phrase(segments[-1])):
        return attribution(pronoun=True)
    names = (name_in_phrase(segment, subject=True)
             for segment in (reversed(segments) if prefer_last else segments))
    name = next((name for name in names if name), None)
    if name is None and cue in PARTICIPLE_CUES:  # "Mayor Lisa Tran posted a video, saying, “…”"
        if pronoun_in_phrase(subject.split()[0]):
            return attribution(pronoun=True)
        name = name_at_start(subject)
        return Attribution(cue, name, at=offset, tight=tight, clause_end=clause_end_at, weak=True)
    return attribution(name)


def _from_whom(phrase: str) -> str | None:
    """The person a statement is from: "according to a statement from Canady" gives "Canady"."""
    match = _FROM_INTRODUCTION.search(phrase)
    return name_in_phrase(match.group(1)) if match else None


def _ends_sentence(text: str, close_at: int) -> bool:
    """Whether the quoted words end with a full stop (not an ellipsis)."""
    at = close_at - 1
    while at > 0 and text[at].isspace():
        at -= 1
    return text[at] == "." and text[at - 1:at] != "."


def after(text: str, close_at: int, paragraph_end: int, next_open: int) -> Attribution | None:
    """An attribution right after the closing mark at ``close_at``.

    A dash attribution may stand on the next line; a cue must be in the same sentence, and a
    quote that ends with a full stop has none ("“… children.” Canady agreed." is not one).
    """
    start = close_at + 1
    limit = min(next_open, start + AFTER_WINDOW)
    dash = _DASH.match(text, start, limit)
    if dash:
        name = name_in_phrase(dash.group(1).strip())
        if name:
            return Attribution("dash", name, at=dash.start(1), clause_end=dash.end())
    if _ends_sentence(text, close_at):
        return None
    limit = min(limit, paragraph_end)
    end = clause_end(text, start, limit)
    cue = _CUE.search(text, start, end)
    if cue is None:
        bare = _BARE_NAME.match(text, start, end)
        if bare and end < limit and text[end] == "." and _comma_before(text, close_at):
            name = name_in_phrase(bare.group(1))
            if name:
                return Attribution("bare", name, at=bare.start(1), clause_end=end)
        return _other_verb(text, start, end)
    return _speaker_of(_cue_name(cue), text[start:cue.start()], text[cue.end():end], cue.start(),
                       prefer_last=False, clause_end_at=end)


def _other_verb(text: str, start: int, end: int) -> Attribution | None:
    match = _OTHER_VERB.match(text, start, end)
    if match is None:
        return None
    if match.group("inverted"):
        name = name_in_phrase(match.group("named"))
        return Attribution(match.group("inverted"), name, at=match.start("named"),
                           clause_end=end) if name else None
    subject = match.group("subject")
    if pronoun_in_phrase(subject):
        return Attribution(match.group("verb"), pronoun=True, at=match.start("subject"),
                           clause_end=end)
    name = name_in_phrase(subject, subject=True)
    # a verb the lists do not know: one unknown word is not enough ("“Yes!” Fans cheered")
    return Attribution(match.group("verb"), name, at=match.start("subject"), clause_end=end,
                       weak=True) if name else None


def cue_count(text: str, start: int, end: int) -> int:
    """How many speech cues ``text[start:end]`` holds."""
    return sum(1 for _ in _CUE.finditer(text, start, end))


def _comma_before(text: str, close_at: int) -> bool:
    """Whether the quoted words end with a comma (the attribution's: "“…,” Tremblay.")."""
    at = close_at - 1
    while at > 0 and text[at].isspace():
        at -= 1
    return text[at] == ","


def before(text: str, open_at: int, low: int) -> Attribution | None:
    """An attribution in the words from ``low`` up to the opening mark at ``open_at``."""
    low = max(low, open_at - BEFORE_WINDOW)
    start = clause_start(text, low, open_at)
    clause = text[start:open_at]
    cues = list(_CUE.finditer(text, start, open_at))
    if cues:
        cue = cues[-1]  # the cue nearest the quote
        if _cue_name(cue) in PARTICIPLE_CUES and len(cues) > 1:
            cue = cues[-2]  # "… Canady told the Sun, adding that the vote was “…”"
        between = text[cue.end():open_at].strip()
        name = _cue_name(cue)
        tight = between in ("", ",", ":") or (
            name in LISTENER_CUES and between[-1:] in (",", ":") and len(between.split()) <= 5)
        following = between.rstrip(",:") if name in PREPOSITION_CUES or name not in LISTENER_CUES \
            else ""
        return _speaker_of(name, text[start:cue.start()], following, cue.start(),
                           prefer_last=True, tight=tight)
    introduction = clause.rstrip()
    words_of = _IN_THE_WORDS_OF.search(introduction)
    if words_of:  # "In Canady's words, “…”", "In the words of Mo Canady, “…”"
        name = name_in_phrase(words_of.group("own") or words_of.group("of"))
        if name:
            return Attribution("in the words of", name, at=start + words_of.start())
    if introduction.endswith(":"):
        for phrase in reversed(introduction[:-1].split(",")[-3:]):
            possessive = (_POSSESSIVE_INTRODUCTION.search(phrase) or
                          _FROM_INTRODUCTION.search(phrase))
            name = name_in_phrase(phrase) or (possessive and name_in_phrase(possessive.group(1)))
            if name:
                return Attribution("colon", name, at=start)
            subject = _capitalised_prefix(phrase)  # "Her classmate Marcus Webb disagreed:"
            name = name_in_phrase(subject, subject=True) if subject != phrase.strip() and \
                len(phrase.split()) - len(subject.split()) <= 2 else None
            if name and not name_at_start(phrase) == name:
                return Attribution("colon", name, at=start, weak=True)
            name = name_at_start(phrase)
            if name:  # "Jane Roe released the following statement:"
                return Attribution("colon", name, at=start, weak=True)
        return Attribution("colon", at=start)  # "Opening statement:": introduced, by no one named
    return None


def introduction(text: str, start: int, end: int) -> Attribution | None:
    """The speaker a paragraph's last sentence introduces for the quote that opens the next."""
    end = len(text[:end].rstrip())
    if end <= start or text[end - 1] not in ".!?":
        return None
    sentence = clause_start(text, start, end - 1)
    match = _INTRODUCTION.match(text, sentence, end)
    if match is None:
        return None
    who = match.group("who")
    if pronoun_in_phrase(who):
        return Attribution("introduced", pronoun=True, at=match.start("who"))
    name = name_in_phrase(who, subject=True) or name_at_start(who)
    return Attribution("introduced", name, at=match.start("who"), weak=True) if name else None


def pointing_back(text: str, close_at: int, limit: int) -> Attribution | None:
    """A sentence right after the quote that says whose words they were."""
    start = close_at + 1
    while start < limit and (text[start].isspace() or text[start] in ",."):
        start += 1
    match = _POINTER.match(text, start, min(limit, start + POINTER_WINDOW))
    if match is None:
        made = _MADE_THE_POINT.match(text, start, min(limit, start + POINTER_WINDOW))
        if made is None:
            return None
        who = made.group("who") or made.group("who2")
        if pronoun_in_phrase(who):
            return Attribution("made the point", pronoun=True, at=start)
        name = name_in_phrase(who, subject=True) or name_at_start(who)
        return Attribution("made the point", name, at=start) if name else None
    if match.group("excerpt"):
        return Attribution("excerpt", at=start)
    if match.group("quoted") is not None:
        name = name_in_phrase(_capitalised_prefix(match.group("quoted")))
        return Attribution("quoted", name, at=match.start("quoted"))
    if match.group("said") is not None:  # "That's one of many comments Canady offered …"
        who = match.group("by")
        if pronoun_in_phrase(who):
            return Attribution("comments", pronoun=True, at=match.start("by"))
        return Attribution("comments", name_in_phrase(who, subject=True), at=match.start("by"))
    cue = "that's part of what" if match.group("part") else "that's what"
    who = match.group("who")
    if pronoun_in_phrase(who):
        return Attribution(cue, pronoun=True, at=match.start("who"))
    return Attribution(cue, name_in_phrase(who, subject=True), at=match.start("who"))


def _capitalised_prefix(phrase: str) -> str:
    """``phrase`` without the lower-case words it ends with ("Mo Canady this week")."""
    words = phrase.split()
    while words and not words[-1][:1].isupper():
        words.pop()
    return " ".join(words)

