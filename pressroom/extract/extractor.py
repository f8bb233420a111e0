"""Quote extraction end to end: prepare the text, find quotes, attribute them, resolve speakers.

The work is one pass in text order. Quote marks are matched paragraph by paragraph; each quote's
attribution is read from a bounded window beside it; people named between quotes are collected
from the text between quotes only, each stretch read once. So the cost is linear in the article's
length, whatever its marks.

A quote without an attribution of its own goes on with the speaker of the quote before it when
it is the second sentence of a split quote (“…,” Lindqvist said. “That is …”), when it opens the
paragraph after an attributed quote, or when one short sentence about that speaker stands between
(“…,” Ochoa said. She paused. “But …”): the news conventions. A pronoun goes to the last person
named whom it can refer to ("she" skips someone known as "he" from a title or an earlier "he").

Precision comes first: a speaker is left None when the attribution is ambiguous (a pronoun after a
sentence naming two people, a last name two spokespeople share), a quote that never closes is
dropped, and quotes of up to three words count only when they stand as a sentence and are
attributed to someone named (otherwise they are scare quotes: a “model” program).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from pressroom.extract import attribute
from pressroom.extract.attribute import Attribution
from pressroom.extract.lexicon import SCARE_QUOTE_MAX_WORDS, TITLE_CASE_SMALL_WORDS
from pressroom.extract.model import ExtractedQuote, Speaker
from pressroom.extract.names import People, Person, SpeakerIndex, find_mentions
from pressroom.extract.prepare import Prepared, prepare
from pressroom.extract.scan import QuoteSpan, paragraphs, scan_quotes

_SPACE_RUN = re.compile(r"\s+")
_SENTENCE_BREAK = re.compile(r"[.!?][\u201d\u2019\")]*\s|\n")
_SENTENCE_OPENERS = set(".!?:\u201d\"\u2014\u2013(")
_SAME_SENTENCE_DISTANCE = 300
# A partial quote opening inside a quote right after a speech cue: "Canady said ‘it must …’".
_NESTED_OPEN = re.compile(r"\b(?:said|says|added|told\s+\w+|wrote|argued|insisted|called\s+it)"
                          r"[ \t]*,?[ \t]+[\u2018'\u201c\"](?=\w)")
_NESTED_CLOSE = {mark: re.compile(pattern) for mark, pattern in (
    ("\u2018", "\u2019(?!\\w)"), ("'", "'(?!\\w)"), ("\u201c", "\u201d"), ('"', '"'))}
_NESTED_WINDOW = 400  # the longest partial quote looked for, so the search stays linear
_PRONOUN = re.compile(r"\b(?:he|she|they|He|She|They)\b")
_PRONOUN_REACH = 40
# A gendered title right before a name, or the name's own first word ("Mr Okoro", "Ms. Patel").
_TITLE_BEFORE = re.compile(
    r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord|[Ss]pokes(?:wo)?man|[Cc]hair(?:wo)?man"
    r"|[Cc]ongress(?:wo)?man|[Cc]ouncil(?:wo)?man|[Aa]ssembly(?:wo)?man)\.?[ \t]")
# One short sentence between two quotes of the same speaker: "She paused.", "Ochoa laughed."
_ASIDE = re.compile(r"([A-Z][a-z]+)[ \t]+[a-z][^.!?\n\u201c\u201d\"]{0,50}[.!?]")
_PRONOUN_SUBJECTS = frozenset({"He", "She", "They"})
_PART_ENDINGS = frozenset(",.!?;:\u2026\u2014\u2013-")  # how the first part of a split quote ends
_FIRST_PERSON = re.compile(r"I\b|I['\u2019]")
# How a quote's speaker was found, by the attribution's cue (default "name").
_VIA = {"dash": "signature", "colon": "colon", "introduced": "introduction",
        "that's part of what": "pointer",
        "that's what": "pointer", "quoted": "pointer", "comments": "pointer",
        "made the point": "pointer", "excerpt": "pointer"}


@dataclass
class _Quote:
    """A quote being built: one span, or several when a quote is split around its attribution."""

    spans: list[QuoteSpan]
    attribution: Attribution | None = None
    person: Person | None = None
    pieces: list[tuple[int, int]] = field(default_factory=list)
    follows: "_Quote | None" = None  # the quote whose speaker this one continues

    @property
    def open_at(self) -> int:
        return self.spans[0].open_at

    @property
    def close_at(self) -> int:
        return self.spans[-1].close_at


def extract_quotes(text: str, speakers: Sequence[Speaker] = (), *, all_speakers: bool = False,
                   html: bool | None = None) -> list[ExtractedQuote]:
    """The quotes in an article, with their speakers.

    By default only quotes attributed to one of ``speakers`` are returned; with ``all_speakers``
    every quote is, those without a known speaker having ``speaker`` and ``speaker_name`` None.
    ``html`` None means: treat the text as HTML if it looks like HTML.
    """
    prepared = prepare(text, html)
    body = prepared.text
    ranges = paragraphs(body)
    spans = scan_quotes(body, ranges)
    quotes = _attribute(body, ranges, spans)
    index = SpeakerIndex(speakers)
    _resolve(body, spans, quotes, index)
    found = []
    for quote in quotes:
        if not _counts(body, quote):
            continue
        for one in (quote, *_nested(body, quote, index)):
            extracted = _build(prepared, one)
            if extracted is not None and (all_speakers or extracted.speaker is not None):
                found.append(extracted)
    return found


def _nested(body: str, outer: _Quote, index: SpeakerIndex) -> list[_Quote]:
    """Partial quotes attributed inside a quote: “… though Canady said ‘it must not be.’”. The
    outer quote keeps its words; the inner one is also its named speaker's own quote."""
    inner: list[_Quote] = []
    for start, end in _pieces(outer):
        for match in _NESTED_OPEN.finditer(body, start, end):
            open_at = match.end() - 1
            close = _NESTED_CLOSE[body[open_at]].search(body, open_at + 1,
                                                        min(end, open_at + _NESTED_WINDOW))
            if close is None:
                continue
            said = attribute.before(body, open_at, start)
            if said is None or not said.tight or said.name is None or said.pronoun:
                continue
            span = QuoteSpan(open_at, close.start(), ((open_at + 1, close.start()),),
                             outer.spans[-1].paragraph, outer.spans[0].first_paragraph)
            quote = _Quote([span], said, People(index).resolve(said.name))
            if quote.person is not None and _counts(body, quote):
                inner.append(quote)
    return inner


def _attribute(body: str, ranges: list[tuple[int, int]], spans: list[QuoteSpan]) -> list[_Quote]:
    afters: list[Attribution | None] = []
    for i, span in enumerate(spans):
        para_end = ranges[span.paragraph][1]
        next_open = spans[i + 1].open_at if i + 1 < len(spans) else len(body)
        afters.append(attribute.after(body, span.close_at, para_end, next_open))
    quotes: list[_Quote] = []
    for i, span in enumerate(spans):
        split = _split_part(body, quotes[-1], span, afters[i]) if quotes else None
        if split == "join":
            quotes[-1].spans.append(span)
            continue
        quotes.append(_Quote([span], afters[i], follows=quotes[-1] if split else None))
    for i, quote in enumerate(quotes):
        said = quote.attribution
        if quote.follows is None and (said is None or not (said.name or said.pronoun)):
            # “…,” a spokesperson said: no name after the quote; one before it wins
            # (She called the program “a model” and promised …)
            before = _before(body, ranges, quotes, i)
            if said is None or (before is not None and (before.name or before.pronoun)):
                quote.attribution = before or said
        if quote.attribution is None and quote.follows is None:
            limit = quotes[i + 1].open_at if i + 1 < len(quotes) else len(body)
            quote.attribution = attribute.pointing_back(body, quote.close_at, limit)
        if quote.attribution is None and quote.follows is None and i:
            quote.follows = _follow_on(body, ranges, quotes[i - 1], quote)
    return quotes


def _split_part(body: str, previous: _Quote, span: QuoteSpan,
                own: Attribution | None) -> str | None:
    """Whether ``span`` is the second part of a quote split around its attribution: "join" when
    it goes on with the same sentence (“The training,” he said, “is …”), "next" when it starts a
    sentence of its own (“… in July,” Lindqvist said. “That is lethal …”), None if neither."""
    said = previous.attribution
    last = previous.spans[-1]
    if said is None or own is not None or said.cue in ("colon", "excerpt"):
        return None
    if last.paragraph != span.first_paragraph or said.clause_end <= last.close_at:
        return None
    if body[said.clause_end:span.open_at].strip(" \t.,;:\u2014\u2013-") != "":
        return None
    between = body[last.close_at + 1:span.open_at]
    if attribute.cue_count(body, last.close_at + 1, span.open_at) > 1 or \
            between.rstrip(" \t,:").endswith(" that"):
        return None  # “…,” Canady said, adding that “…”: the second has an attribution of its own
    first_words = body[span.open_at + 1:span.close_at].lstrip()
    ending = body[last.pieces[-1][0]:last.close_at].rstrip().rstrip("'\u2019\u201d\"")[-1:]
    if ending not in _PART_ENDINGS:
        return None  # a partial quote in running text: called it “long overdue” and said …
    if first_words[:1].islower() or _FIRST_PERSON.match(first_words) and ending == "," and \
            body[said.clause_end:span.open_at].strip()[:1] == ",":
        return "join"
    return "next"


def _follow_on(body: str, ranges: list[tuple[int, int]], previous: _Quote,
               quote: _Quote) -> _Quote | None:
    """The quote whose speaker goes on in ``quote``: a paragraph that opens with a new quote and no
    attribution, right after a paragraph holding an attributed quote (the news convention); or,
    in the same paragraph, a quote after one short sentence about the same speaker (“…,” Ochoa
    said. She paused. “But …”)."""
    first = quote.spans[0]
    para_start = ranges[first.first_paragraph][0]
    if previous.attribution is None and previous.follows is None:
        return None
    if previous.spans[-1].paragraph == first.first_paragraph:
        said = previous.attribution
        if said is None or said.clause_end <= previous.close_at:
            return None
        aside = _ASIDE.fullmatch(body[said.clause_end:first.open_at].lstrip(" \t.,").rstrip())
        if aside is None or not (aside.group(1) in _PRONOUN_SUBJECTS or
                                 (said.name and said.name.split()[-1] == aside.group(1))):
            return None
        return previous
    if body[para_start:first.open_at].strip() or \
            previous.spans[-1].paragraph != first.first_paragraph - 1:
        return None
    if previous.attribution is not None and previous.attribution.cue in ("excerpt", "colon") and \
            previous.attribution.name is None:
        return None
    return previous


def _before(body: str, ranges: list[tuple[int, int]], quotes: list[_Quote],
            i: int) -> Attribution | None:
    span = quotes[i].spans[0]
    para_start = ranges[span.first_paragraph][0]
    low = max(para_start, quotes[i - 1].close_at + 1 if i else 0)
    if body[low:span.open_at].strip():
        return attribute.before(body, span.open_at, low)
    if span.first_paragraph == 0:
        return None
    # the quote opens its paragraph: the one before may introduce it ("… Mo Canady:")
    prev_start, prev_end = ranges[span.first_paragraph - 1]
    if i and quotes[i - 1].close_at >= prev_start:
        if quotes[i - 1].close_at < prev_end:
            return None  # the paragraph before has a quote: a follow-on, if anything
        prev_start = quotes[i - 1].close_at + 1
    if not body[prev_start:prev_end].rstrip().endswith(":"):
        # "Canady was quoted in a Washington Post article about …" introduces the next paragraph
        return attribute.introduction(body, prev_start, prev_end)
    return attribute.before(body, prev_end, prev_start)


def _resolve(body: str, spans: list[QuoteSpan], quotes: list[_Quote], index: SpeakerIndex) -> None:
    people = People(index)

    def same_sentence(end: int, start: int) -> bool:
        return start - end < _SAME_SENTENCE_DISTANCE and not _SENTENCE_BREAK.search(body, end, start)

    def read_names(start: int, end: int) -> None:
        for found, found_start, found_end in find_mentions(body, start, end, index,
                                                           people.knows_last_name):
            person = people.resolve(found)
            if person is not None:
                title = _TITLE_BEFORE.search(body, max(start, found_start - 16), found_start + 12)
                people.named(person, found_start, found_end, title.group(1) if title else "")

    first_span = {id(q.spans[0]): q for q in quotes}
    read_from = 0
    for span in spans:
        read_names(read_from, span.open_at)
        read_from = span.close_at + 1
        quote = first_span.get(id(span))
        if quote is None:
            continue
        if quote.follows is not None:
            quote.person = quote.follows.person
            continue
        said = quote.attribution
        if said is None:
            continue
        if said.pronoun:
            pronoun = _pronoun_near(body, said.at)
            quote.person = people.last_named(quote.open_at, same_sentence, pronoun)
            if quote.person is not None:
                people.gendered(quote.person, pronoun)
        elif said.name:
            # "Lee, a Democrat, said": a first name alone is not followed by an apposition
            named_at = body.rfind(said.name, max(0, said.at - 120), said.at + len(said.name))
            if named_at < 0:
                named_at = body.find(said.name, said.at)
            after_name = body[named_at + len(said.name):named_at + len(said.name) + 1]
            quote.person = people.resolve(said.name, first_name=after_name != ",")
            if said.weak and quote.person is not None and quote.person.speaker is None and \
                    len(said.name.split()) == 1 and not people.knows(quote.person):
                quote.person = None  # "Opening statement:" is not a person called Opening
        if quote.person is not None and said.name:
            people.named(quote.person, said.at, said.at + len(said.name))


def _pronoun_near(body: str, at: int) -> str:
    """The pronoun of a "he said" attribution whose cue or pointer is at ``at``."""
    nearest = ""
    distance = _PRONOUN_REACH + 1
    for match in _PRONOUN.finditer(body, max(0, at - _PRONOUN_REACH), at + _PRONOUN_REACH):
        if abs(match.start() - at) < distance:
            nearest, distance = match.group().casefold(), abs(match.start() - at)
    return nearest


def _words(body: str, quote: _Quote) -> list[str]:
    return [w for a, b in _pieces(quote) for w in body[a:b].split()]


def _pieces(quote: _Quote) -> list[tuple[int, int]]:
    return [piece for span in quote.spans for piece in span.pieces]


def _stands_as_sentence(body: str, quote: _Quote) -> bool:
    """Whether the quote opens a sentence (or follows a cue: "Canady said, “Yes.”")."""
    said = quote.attribution
    if said is not None and said.at < quote.open_at and said.tight:
        return True
    at = quote.open_at - 1
    while at >= 0 and body[at] in " \t":
        at -= 1
    return at < 0 or body[at] == "\n" or body[at] in _SENTENCE_OPENERS


def _looks_like_title(words: list[str]) -> bool:
    """A title in quotes ("Position Statement on Police Involvement in Student Discipline")."""
    significant = [w for w in words if w.casefold() not in TITLE_CASE_SMALL_WORDS]
    if len(words) < 3 or not significant:
        return False
    capitalised = sum(1 for w in significant if w[:1].isupper() or not w[:1].isalpha())
    return capitalised == len(significant) and words[-1][-1:] not in ".!?"


def _counts(body: str, quote: _Quote) -> bool:
    words = _words(body, quote)
    said = quote.attribution
    if not words:
        return False
    if len(words) <= SCARE_QUOTE_MAX_WORDS:
        last = words[-1][-1]
        return (quote.person is not None and last in ",.!?\u2026\u2014-"
                and _stands_as_sentence(body, quote))
    if _looks_like_title(words):
        return said is not None and said.tight and quote.person is not None
    return True


def _build(prepared: Prepared, quote: _Quote) -> ExtractedQuote | None:
    body = prepared.text
    parts: list[str] = []
    bounds: list[tuple[int, int]] = []
    pieces = _pieces(quote)
    for number, (start, end) in enumerate(pieces, 1):
        while start < end and body[start].isspace():
            start += 1
        while end > start and body[end - 1].isspace():
            end -= 1
        # the attribution's comma ends the quote ("…,” Canady said); a comma inside a quote split
        # around its attribution is the sentence's own (“If it holds,” he said, “we'll be fine”)
        while number == len(pieces) and end > start and body[end - 1] in ", \t\n":
            end -= 1
        if end > start:
            parts.append(_SPACE_RUN.sub(" ", body[start:end]))
            bounds.append((start, end))
    if not bounds:
        return None
    start = prepared.input_span(*bounds[0])[0]
    end = prepared.input_span(*bounds[-1])[1]
    person = quote.person
    said = quote.attribution
    if person is None:
        via = None
    elif quote.follows is not None:
        via = "continuation"
    elif said is not None and said.pronoun:
        via = "pronoun"
    else:
        via = _VIA.get(said.cue, "name") if said is not None else "name"
    source = quote
    while source.attribution is None and source.follows is not None:
        source = source.follows
    return ExtractedQuote(
        text=" ".join(parts),
        speaker=person.speaker if person else None,
        speaker_name=person.name if person else None,
        cue=source.attribution.cue if source.attribution else None,
        start=start,
        end=end,
        via=via,
    )
