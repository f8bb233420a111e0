"""The site's HTML pages, rendered through the workspace's templates (``templates/site/``).

Every page is a folder's ``index.html``; links between pages are relative and name ``index.html``
explicitly, so the site works from ``file://`` and under any sub-path. The canonical URL, Open Graph
tags and JSON-LD are absolute (``base_url``). Only :class:`~pressroom.site.model.SiteData` is read:
held-back releases are not in it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

if TYPE_CHECKING:
    from pressroom.releases.model import Release
    from pressroom.site.model import SiteData

HOME_RELEASES = 10
HOME_MEDIA = 5
ARCHIVE_LATEST = 25  # releases/ lists the newest; the year pages list them all
DESCRIPTION_CHARS = 160
_TAG_SLUG = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Page:
    """One output file: its path inside the site, its bytes, and what it came from (for errors)."""

    path: str
    data: bytes
    source: Any = None   # a Location or text naming the input that made it


@dataclass(frozen=True)
class PageSpec:
    """A page before it is rendered: its path, a digest of its inputs, how to render it."""

    path: str
    key: str
    render: Callable[[], Page]
    source: Any = None


def digest(*parts: Any) -> str:
    import hashlib

    return hashlib.sha1(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def release_key(sha: str, slug: str) -> str:
    """A release's input digest from its file's SHA-1 and its slug (a file renamed with the same
    bytes is another page, and changes every list linking to it)."""
    return f"{sha} {slug}"


def media_by_year(media: list[Any]) -> dict[int, list[Any]]:
    """The "in the media" items by year, each year's newest first (as *media* is)."""
    by_year: dict[int, list[Any]] = {}
    for item in media:
        by_year.setdefault(item.published.year, []).append(item)
    return by_year


def media_digest(year: int, items: list[Any]) -> str:
    """The input digest of a year's "in the media" page (besides what every page shares)."""
    return digest(year, repr(items))


def tag_slug(tag: str) -> str:
    """``K-12 schools`` -> ``k-12-schools`` (letters of any script kept, NFKC-folded); empty for
    a tag with no letters or digits, which gets no page."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", tag).casefold()
    return _TAG_SLUG.sub("-", folded).strip("-")[:80].strip("-")


def release_moment(release: "Release", timezone: str) -> dt.datetime:
    """When a release went out: its embargo's moment, else the start of its date."""
    if release.embargo is not None:
        return release.embargo.moment
    from zoneinfo import ZoneInfo

    return dt.datetime.combine(release.date, dt.time(0, 0), tzinfo=ZoneInfo(timezone))


def summary(release: "Release") -> str:
    """The subhead, else the body's opening words as plain text (for descriptions and feeds)."""
    if release.subhead:
        return release.subhead
    from pressroom.releases import markdown as md

    first = release.body.strip().split("\n\n", 1)[0]  # the opening paragraph is enough
    words = []
    for token in md.parser().parseInline(first):  # inline Markdown only: the text, no markup
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
    text = " ".join("".join(words).split())
    if len(text) <= DESCRIPTION_CHARS:
        return text
    return text[:DESCRIPTION_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def json_for_script(value: Any, indent: int | None = None) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` as ``\\u`` escapes, so no text can
    close the element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent,
                      separators=(",", ":") if indent is None else None)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _url_path(path: str) -> str:
    """The public form of a page path: ``releases/x/index.html`` -> ``releases/x/``."""
    return path[: -len("index.html")] if path.endswith("index.html") else path


class PageRenderer:
    """Renders the pages of one site. Uses the release Renderer's template environment, so the
    release body, quotes, contacts and boilerplate come out exactly as ``release render`` makes them."""

    def __init__(self, workspace: Any, data: "SiteData",
                 summaries: dict[str, str] | None = None,
                 keys: dict[int, tuple[Any, str]] | None = None, renderer: Any = None) -> None:
        from markupsafe import Markup

        from pressroom.releases.render import Renderer

        self.workspace = workspace
        self.data = data
        if renderer is None:
            renderer = Renderer(workspace)
            # Every release page shows the same boilerplate: convert each Markdown text once.
            import functools

            filters = renderer.templates.env.filters
            filters["markdown"] = functools.lru_cache(maxsize=256)(filters["markdown"])
            # And each text's curly quotes once: a media page repeats the same few lead lines
            # ("That's part of what ... told WVTM TV.") a thousand times.
            filters["curly"] = functools.lru_cache(maxsize=4096)(filters["curly"])
        self.renderer = renderer
        self.templates = self.renderer.templates
        self._markup = Markup
        self.tags = self._tags()
        self._years = sorted({r.date.year for r in data.releases}, reverse=True)
        years = data.extra.get("media_years")  # kept with the media rows, when they are
        self._media_years = (years if years is not None else
                             sorted({m.published.year for m in data.media}, reverse=True))
        self._views: dict[str, dict[str, Any]] = {}
        self._keys: dict[int, tuple[Any, str]] = {} if keys is None else keys
        self._summaries = {} if summaries is None else summaries  # release digest -> summary

    # ---- shared context ----------------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.data.base_url + _url_path(path)

    def common(self, path: str, title: str, description: str) -> dict[str, Any]:
        depth = path.count("/")
        root = "../" * depth
        data = self.data
        return {"site": data.settings, "organization": data.organization, "root": root,
                "path": path, "canonical": self.url(path), "page_title": title,
                "description": description, "lang": "en", "years": self.years(),
                "media_years": self.media_years(), "tag_slug": tag_slug}

    def render(self, template: str, path: str, context: dict[str, Any], source: Any = None) -> Page:
        text = self.templates.render(f"site/{template}", context, where=source)
        return Page(path, text.encode("utf-8"), source)

    def years(self) -> list[int]:
        return self._years

    def media_years(self) -> list[int]:
        return self._media_years

    def media_path(self, year: int) -> str:
        """The newest year is media/ itself; older years have a page each."""
        years = self.media_years() or [self.data.today.year]
        return "media/index.html" if year == years[0] else f"media/{year}/index.html"

    def _tags(self) -> dict[str, tuple[str, list["Release"]]]:
        """tag slug -> (the tag as first written, its releases newest first). Spellings that fold
        to one slug (``Maryland`` and ``maryland``, ``K-12`` and ``k 12``) are one tag with one
        page; a tag of no letters or digits gets none."""
        tags: dict[str, tuple[str, list["Release"]]] = {}
        for release in self.data.releases:
            for tag in release.tags:
                slug = tag_slug(tag)
                if not slug:
                    continue
                label, members = tags.setdefault(slug, (tag, []))
                if not members or members[-1] is not release:  # a release lists a tag once
                    members.append(release)
        return dict(sorted(tags.items()))

    def release_view(self, release: "Release") -> dict[str, Any]:
        """A release as lists show it (computed once: a release is in several lists)."""
        view = self._views.get(release.slug)
        if view is None:
            key = self.release_key(release)
            described = self._summaries.get(key)
            if described is None:
                described = self._summaries[key] = summary(release)
            view = self._views[release.slug] = {
                "release": release, "path": f"releases/{release.slug}/index.html",
                "date_label": _ap_date(release.date), "summary": described,
                "iso": release.date.isoformat()}
        return view

    # ---- pages -------------------------------------------------------------------------------

    def release_key(self, release: "Release") -> str:
        """A digest of everything a release's own page shows (its file as loaded, and its slug,
        which is in the file's name, not its bytes). Kept by object (with the object, so its id
        cannot be reused) for a builder that keeps releases."""
        known = self._keys.get(id(release))
        if known is None or known[0] is not release:
            # The file's bytes: with pressroom.yaml and the templates (in every page's shared
            # digest) they decide what the page shows, and hashing them costs less than repr().
            try:
                source = release.path.read_bytes()
            except OSError:
                source = repr(release).encode("utf-8", "surrogatepass")
            import hashlib

            known = self._keys[id(release)] = (release, release_key(hashlib.sha1(source).hexdigest(),
                                                                    release.slug))
        return known[1]

    def specs(self) -> Iterator[PageSpec]:
        """Every page, with a digest of its inputs, before any is rendered: the build renders
        only pages whose inputs changed since it last wrote them."""
        data = self.data
        keys = self.release_key
        yield PageSpec("index.html", digest(
            [keys(r) for r in data.releases[:HOME_RELEASES]],
            repr(data.media[:HOME_MEDIA]), repr(data.events), repr(data.contacts)), self.home)
        latest = data.releases[:ARCHIVE_LATEST]
        yield PageSpec("releases/index.html", digest([keys(r) for r in latest]),
                       lambda: self.archive("releases/index.html", "Releases", None, latest))
        for year in self.years():
            chosen = [r for r in data.releases if r.date.year == year]
            path = f"releases/{year}/index.html"
            yield PageSpec(path, digest([keys(r) for r in chosen]),
                           lambda path=path, year=year, chosen=chosen: self.archive(
                               path, f"Releases from {year}", year, chosen))
        for release in data.releases:
            yield PageSpec(f"releases/{release.slug}/index.html", keys(release),
                           lambda release=release: self.release_page(release),
                           release.located("headline"))
        yield PageSpec("tags/index.html", digest([(slug, label, len(members)) for slug, (label, members)
                                                  in self.tags.items()]), self.tag_index)
        for slug, (label, members) in self.tags.items():
            path = f"tags/{slug}/index.html"
            yield PageSpec(path, digest(label, [keys(r) for r in members]),
                           lambda path=path, label=label, members=members: self.archive(
                               path, f"Releases about {label}", None, members,
                               source=members[0].located("tags")), members[0].located("tags"))
        years = self.media_years() or [data.today.year]
        known = data.extra.get("media_digests") or {}  # kept with the media rows, when they are
        by_year = None  # every item is gone through only for a year without a kept digest
        for year in years:
            key = known.get(year)
            items = None
            if key is None:
                by_year = media_by_year(data.media) if by_year is None else by_year
                items = by_year.get(year, [])
                key = media_digest(year, items)
            yield PageSpec(self.media_path(year), key,
                           lambda year=year, items=items: self.media_page(year, items))
        yield PageSpec("style.css", digest(), self.stylesheet)

    def pages(self) -> Iterator[Page]:
        for spec in self.specs():
            yield spec.render()

    def home(self) -> Page:
        data = self.data
        path = "index.html"
        context = self.common(path, data.settings.title, data.settings.description)
        context.update(
            releases=[self.release_view(r) for r in data.releases[:HOME_RELEASES]],
            media=[self.media_view(m) for m in data.media[:HOME_MEDIA]], item_level=3,
            events=data.events, contacts=data.contacts,
            boilerplate=data.organization.boilerplate)
        return self.render("home.html.j2", path, context)

    def archive(self, path: str, title: str, year: int | None, releases: list["Release"],
                source: Any = None) -> Page:
        context = self.common(path, f"{title} | {self.data.settings.title}",
                              f"{title}: news releases of {self.data.organization.name}.")
        context.update(heading=title, year=year, releases=[self.release_view(r) for r in releases])
        return self.render("archive.html.j2", path, context, source)

    def tag_index(self) -> Page:
        path = "tags/index.html"
        context = self.common(path, f"Topics | {self.data.settings.title}",
                              f"News releases of {self.data.organization.name} by topic.")
        context.update(tags=[{"slug": slug, "label": label, "count": len(members)}
                             for slug, (label, members) in self.tags.items()])
        return self.render("tags.html.j2", path, context)

    def release_page(self, release: "Release") -> Page:
        path = f"releases/{release.slug}/index.html"
        described = self.release_view(release)["summary"]
        context = self.renderer.context(release)
        context.update(self.common(path, f"{release.headline} | {self.data.settings.title}",
                                   described))
        moment = release_moment(release, self.data.timezone)
        org = self.data.organization
        publisher = {"@type": "Organization", "name": org.name}
        if org.website:
            publisher["url"] = org.website
        ld = {"@context": "https://schema.org", "@type": "NewsArticle",
              "headline": release.headline, "description": described,
              "datePublished": moment.isoformat(), "dateModified": moment.isoformat(),
              "url": self.url(path), "mainEntityOfPage": self.url(path),
              "author": publisher, "publisher": publisher, "inLanguage": "en"}
        if release.tags:
            ld["keywords"] = list(release.tags)
        context.update(json_ld=self._markup(json_for_script(ld)), published=moment.isoformat(),
                       view=self.release_view(release),
                       tag_links=[(tag, tag_slug(tag)) for tag in release.tags if tag_slug(tag)])
        return self.render("release.html.j2", path, context, release.located("headline"))

    def media_view(self, item: Any) -> dict[str, Any]:
        return {"item": item, "date_label": _ap_date(item.published),
                "iso": item.published.isoformat(),
                "release_path": f"releases/{item.release}/index.html" if item.release else None}

    def media_page(self, year: int, items: list[Any] | None = None) -> Page:
        path = self.media_path(year)
        title = f"In the media, {year}"
        context = self.common(path, f"{title} | {self.data.settings.title}",
                              f"News coverage quoting {self.data.organization.name}, {year}.")
        context.update(heading=title, year=year, item_level=2,
                       items=[self.media_view(m) for m in (self.data.media if items is None
                                                           else items)
                              if m.published.year == year],
                       year_paths=[(y, self.media_path(y)) for y in self.media_years()])
        return self.render("media.html.j2", path, context)

    def stylesheet(self) -> Page:
        return self.render("style.css.j2", "style.css", {"site": self.data.settings})


def _ap_date(day: dt.date) -> str:
    from pressroom.apstyle import ap_date

    return ap_date(day)
