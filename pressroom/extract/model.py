"""The two values quote extraction deals in: a spokesperson to look for and a quote found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Speaker:
    """A spokesperson from the workspace's ``pressroom.yaml``."""

    id: str
    name: str  # "Mo Canady"
    title: str = ""  # "executive director"
    variants: tuple[str, ...] = ()  # other spellings: "Maurice Canady", "Mo Canady Jr."


@dataclass(frozen=True)
class ExtractedQuote:
    """Quoted words found in an article and who said them.

    ``text`` is the quoted words without the marks, each run of whitespace folded to one space and
    a trailing comma (the attribution's, "…,” Canady said") dropped; every other mark of
    punctuation is kept as written. A quote running over several paragraphs is one quote, its
    paragraphs joined with a space. A quote split around its attribution is one quote only when
    the second part goes on with the same sentence, its parts joined with a space and the first
    part's comma kept (“If it holds,” he said, “we'll be fine.” is "If it holds, we'll be fine.");
    when the
    second part starts a sentence of its own it is a quote of its own, with ``via``
    "continuation", so no sentence is ever run into the next without its punctuation. ``start``
    is the start of the first part and ``end`` the end of the last. Offsets are in the input as
    given (for HTML, in the original HTML string).

    ``via`` says how the speaker was found: "name" (named in the attribution), "pronoun" (the
    person a "he said" refers to), "continuation" (the same speaker as the quote before: the
    second sentence of a split quote, or a paragraph that opens with a new quote), "signature"
    (a dash or signature line), "colon" (a statement introduced by a colon), "introduction" (the
    paragraph before introduces it: "Canady was quoted in a Post article about …"), "pointer" (a
    sentence after the quote: "That's part of what Canady told …"); None when there is no speaker.
    """

    text: str
    speaker: str | None  # spokesperson id
    speaker_name: str | None  # the full name as resolved, or as found for other people
    cue: str | None  # "said", "told", "according to", "dash", "colon", "that's part of what", ...
    start: int
    end: int
    via: str | None = None  # "name", "pronoun", "continuation", "signature", "colon", "pointer"

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "via": self.via,
        }
