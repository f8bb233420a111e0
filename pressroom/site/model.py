"""What the newsroom website may show at build time, and nothing more.

The embargo rule lives here and only here: a release is public when its status is ``published``
and its embargo (if any) has lifted at the build's moment (:mod:`pressroom.clock`, so
``PRESSROOM_NOW`` fixes it). Everything else is *held back*: pages, feeds and indexes are built from
:attr:`SiteData.releases` alone, so a held-back release cannot reach any output, not even its slug.
Mentions never link to a release that is not public.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Sequence

if TYPE_CHECKING:
    from pressroom.events import Event
    from pressroom.releases.model import Release
    from pressroom.site.settings import SiteSettings

# The common case, accepted without the general check (safe_url): http(s), a plain host name,
# printable ASCII without spaces or quotes after it.
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][!#-&(-~]*)?\Z")


@dataclass(frozen=True)
class HeldBack:
    """A release kept out of the site, and why (shown to the officer, never written out)."""

    slug: str
    shown: str
    reason: str
    lifts: dt.datetime | None = None  # the embargo's moment, for an embargoed release


@dataclass(frozen=True)
class MediaItem:
    """One "in the media" item: a story quoting the organisation's people, or an excerpt of it."""

    id: int
    published: dt.date
    outlet: str
    outlet_type: str | None
    title: str
    link: str | None          # the story's address when it is a safe http(s) link
    quote: str | None         # the spokesperson's words
    speaker: str | None       # who said them
    excerpt: str | None       # the story's words, when there is no quote to show
    lead: str                 # "That's part of what NASRO executive director Mo Canady told WVTM TV."
    release: str | None       # the slug of a public release it covers

    @property
    def year(self) -> int:
        return self.published.year


@dataclass(frozen=True)
class UpcomingEvent:
    event: "Event"
    contact: Any              # pressroom.workspace.Contact
    editors_note: str         # "Editors: contact Jay Farlow for full-access ... press credentials ..."
    dates: str                # "June 23 to 28, 2019"


@dataclass
class SiteData:
    settings: "SiteSettings"
    base_url: str
    organization: Any
    contacts: list[Any]
    releases: list["Release"]          # public ones only, newest first
    held: list[HeldBack]
    media: list[MediaItem]             # newest first
    events: list[UpcomingEvent]
    now: dt.datetime
    today: dt.date
    timezone: str = "UTC"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def next_lift(self) -> dt.datetime | None:
        moments = [h.lifts for h in self.held if h.lifts is not None]
        return min(moments) if moments else None


def is_public(release: "Release", now: dt.datetime) -> bool:
    """THE embargo rule: published, and any embargo lifted at *now*."""
    if release.status != "published":
        return False
    return release.embargo is None or release.embargo.moment <= now


def partition(releases: Sequence["Release"], now: dt.datetime) -> tuple[list["Release"], list[HeldBack]]:
    """(public releases newest first, held-back releases with their reason)."""
    public: list["Release"] = []
    held: list[HeldBack] = []
    for release in releases:
        if is_public(release, now):
            public.append(release)
        elif release.status != "published":
            held.append(HeldBack(release.slug, release.shown, f"{release.status}, not published"))
        else:
            assert release.embargo is not None
            moment = release.embargo.moment
            held.append(HeldBack(release.slug, release.shown,
                                 f"embargoed until {moment.isoformat(timespec='minutes')}", moment))
    public.sort(key=lambda r: (r.date, r.slug), reverse=True)
    return public, held


def upcoming_events(workspace: Any, today: dt.date) -> list[UpcomingEvent]:
    """Events that take press credentials and have not ended, soonest first."""
    from pressroom.apstyle import ap_date
    from pressroom.digest.view import period_label
    from pressroom.events import load_events

    config = workspace.config
    found = []
    for event in sorted(load_events(workspace), key=lambda e: (e.start, e.id)):
        if event.has_ended(today):
            continue
        contact = config.contact(event.media_contact)
        kinds = " or ".join(event.credential_types)
        note = f"Editors: contact {contact.name} for {kinds} press credentials to the {event.name}"
        if event.deadline is not None:
            note += f" by {ap_date(event.deadline)}"
        dates = period_label({"since": event.start.isoformat(), "until": event.end.isoformat()})
        found.append(UpcomingEvent(event, contact, note + ".", dates))
    return found


def media_items(store: Any, workspace: Any, choose: str, public_slugs: set[str],
                rows: "tuple[list, dict] | None" = None) -> list[MediaItem]:
    """The mentions the site shows, newest first: those tagged *choose*, or with ``all`` every
    mention quoting one of the workspace's spokespeople. *rows*: the rows already read (by
    :func:`pressroom.site.sqlite_rows.media_rows` on SQLite), else they come from *store*."""
    from pressroom.digest.lead import lead_line
    from pressroom.digest.view import safe_url

    if rows is None:
        rows = _media_rows(store, choose)
    rows, first_quote = rows
    config = workspace.config
    people = {p.id: p for p in config.spokespeople}
    org = config.organization.short_name or config.organization.name
    items = []
    leads: dict[tuple, str] = {}  # the same few people quoted by the same few outlets
    for (id_, url, title, published, excerpt, release_slug, blurb, outlet,
         outlet_type) in rows:
        quote = first_quote.get(id_)
        if quote is not None:
            person = people.get(quote[1])
            name = person.name if person else quote[2]
            known = (quote[1], name, outlet, outlet_type)
            lead = leads.get(known)
            if lead is None:
                lead = leads[known] = lead_line(org=org, title=person.title if person else "",
                                                name=name, outlet=outlet, outlet_type=outlet_type)
        else:
            name = None
            lead = f"That's an excerpt from a story by {outlet}."
        excerpt = (excerpt or "").strip() or None
        if quote is None and excerpt is None:
            lead = f"A story by {outlet}."
        items.append(MediaItem(
            id=id_, published=published, outlet=outlet, outlet_type=outlet_type,
            title=title, link=url if _PLAIN_URL.match(url) else safe_url(url),
            quote=quote[3] if quote is not None else None, speaker=name,
            excerpt=None if quote is not None else excerpt, lead=blurb or lead,
            release=release_slug if release_slug in public_slugs else None))
    return items


def _media_rows(store: Any, choose: str) -> tuple[list, dict]:
    """(the chosen mentions' rows newest first, each one's first live spokesperson quote by
    mention id), through SQLAlchemy (PostgreSQL, or SQLite when the plain reader declines)."""
    from sqlalchemy import and_, exists, select

    from pressroom.site.settings import ALL
    from pressroom.store.schema import live_mentions, live_quotes, mention_tags, mentions, outlets, quotes

    if choose == ALL:
        condition = exists().where(quotes.c.mention_id == mentions.c.id, live_quotes(),
                                   quotes.c.speaker_id.is_not(None)).correlate(mentions)
    else:
        condition = exists().where(and_(mention_tags.c.mention_id == mentions.c.id,
                                        mention_tags.c.tag == choose)).correlate(mentions)
    query = (select(mentions.c.id, mentions.c.url, mentions.c.title, mentions.c.published,
                    mentions.c.excerpt, mentions.c.release_slug, mentions.c.blurb,
                    outlets.c.name.label("outlet"), outlets.c.type.label("outlet_type"))
             .select_from(mentions.join(outlets, outlets.c.id == mentions.c.outlet_id))
             .where(condition, live_mentions())  # removed mentions are off the site too
             .order_by(mentions.c.published.desc(), mentions.c.id.desc()))
    chosen = select(mentions.c.id).where(condition, live_mentions()).scalar_subquery()
    with store.connect() as conn:
        rows = [tuple(row) for row in conn.execute(query).all()]
        first_quote: dict[int, Any] = {}
        # One query for the quotes of every chosen mention (not one per batch of ids).
        for q in conn.execute(select(quotes.c.mention_id, quotes.c.speaker_id,
                                     quotes.c.speaker_name, quotes.c.text)
                              .where(quotes.c.mention_id.in_(chosen), live_quotes(),
                                     quotes.c.speaker_id.is_not(None))
                              .order_by(quotes.c.mention_id, quotes.c.id)).all():
            first_quote.setdefault(q[0], tuple(q))
    return rows, first_quote


def gather(workspace: Any, store: Any, settings: "SiteSettings", base_url: str,
           releases: Sequence["Release"] | None = None,
           media: Callable[[set[str]], list[MediaItem]] | None = None) -> SiteData:
    """Everything the site shows, decided once at the build's moment."""
    from pressroom import clock

    if releases is None:
        from pressroom.releases import load_all

        releases = load_all(workspace)
    now = clock.now_utc()
    today = clock.today(workspace)
    public, held = partition(releases, now)
    config = workspace.config
    public_slugs = {r.slug for r in public}
    media_list = (media(public_slugs) if media is not None
                  else media_items(store, workspace, settings.in_the_media, public_slugs))
    return SiteData(settings=settings, base_url=base_url, organization=config.organization,
                    contacts=list(config.contacts), releases=public, held=held, media=media_list,
                    events=upcoming_events(workspace, today), now=now, today=today,
                    timezone=config.defaults.timezone)
