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
    a trailing comma (the attribution's, "…,” Canady said") dropped. A quote split around its
    attribution, or running over several paragraphs, is one quote: its parts joined with a space;
    ``start`` is then the start of the first part and ``end`` the end of the last. Offsets are in
    the input as given (for HTML, in the original HTML string).
    """

    text: str
    speaker: str | None  # spokesperson id
    speaker_name: str | None  # the full name as resolved, or as found for other people
    cue: str | None  # "said", "told", "according to", "dash", "colon", "that's part of what", ...
    start: int
    end: int

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
        }
