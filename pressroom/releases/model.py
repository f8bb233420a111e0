"""What a release is once its file has been read and validated: plain, immutable dataclasses.

Nothing here reads files or knows YAML; :mod:`pressroom.releases.load` builds these, the renderer
and the linter only read them. Locations of the fields (for lint messages) travel in ``where``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressroom.errors import Location

if TYPE_CHECKING:
    from pressroom.workspace import Contact

STATUSES = ("draft", "approved", "published")

# The reference: an embargo with no time is read by outlets as 12:01 a.m. Eastern.
DEFAULT_EMBARGO_TIME = dt.time(0, 1)
DEFAULT_EMBARGO_ZONE = "America/New_York"


@dataclass(frozen=True)
class ReleaseQuote:
    """A quote and who said it. ``speaker_id`` is set when the speaker is a workspace spokesperson."""

    speaker_id: str | None
    speaker_name: str
    speaker_title: str
    text: str
    where: Location | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Embargo:
    date: dt.date
    time: dt.time
    timezone: str
    time_given: bool = True  # False: the default 12:01 a.m. applied
    fold: int = 0  # 1: the second of a time that happens twice (the hour the clocks go back)

    @property
    def moment(self) -> dt.datetime:
        from zoneinfo import ZoneInfo

        return dt.datetime.combine(self.date, self.time,
                                   tzinfo=ZoneInfo(self.timezone)).replace(fold=self.fold)


@dataclass(frozen=True)
class Release:
    """One validated release. ``dateline`` is the text in the workspace's (or the release's) style;
    ``place`` is the resolved :class:`pressroom.apstyle.Place`, to format it in another style."""

    slug: str
    path: Path
    shown: str                     # the path as messages print it
    headline: str
    date: dt.date
    place: Any                     # pressroom.apstyle.Place
    dateline: str
    style: str                     # the dateline style used for ``dateline``
    subhead: str | None = None
    status: str = "draft"
    embargo: Embargo | None = None  # None: for immediate release
    contacts: tuple["Contact", ...] = ()
    quotes: tuple[ReleaseQuote, ...] = ()
    body: str = ""
    boilerplate: str | None = None  # None: no boilerplate at all
    tags: tuple[str, ...] = ()
    where: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)
    source: str | None = field(default=None, compare=False, repr=False)  # the file's text, as loaded

    @property
    def contact_ids(self) -> list[str]:
        return [c.id for c in self.contacts]

    def located(self, key: str) -> Location:
        """Where *key* was written, else the top of the file."""
        return self.where.get(key) or Location(self.shown, 1, 1)

    def as_row(self) -> dict[str, Any]:
        """The JSON contract of ``release list``."""
        return {"slug": self.slug, "date": self.date.isoformat(), "headline": self.headline,
                "status": self.status, "dateline": self.dateline,
                "contacts": self.contact_ids, "tags": list(self.tags), "path": self.shown}
