"""The site's feeds and crawler files: RSS 2.0, Atom and JSON Feed 1.1 for the releases, RSS and
Atom for "in the media", ``sitemap.xml`` and ``robots.txt``.

Written with the standard library (``xml.sax.saxutils``' escaping, copied below; ``email.utils``
RFC 822 dates; ``json``), no template: feeds are a data format, not a theme. Links and GUIDs are absolute and
stable (a release's GUID is its page's URL; a mention's is its anchor on the media page). There is
no build time anywhere: a feed's ``updated`` is its newest item's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterable

if TYPE_CHECKING:
    from pressroom.site.model import SiteData
    from pressroom.site.pages import Page

FEED_ITEMS = 50
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
# Characters XML 1.0 cannot carry at all (even escaped): C0 controls but tab/newline/return, and
# the non-characters U+FFFE/U+FFFF. A YAML file can smuggle them in with "\x01".
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Item:
    id: str
    url: str
    title: str
    moment: dt.datetime
    summary: str
    html: str | None = None
    tags: tuple[str, ...] = ()


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape``, the same replacements in the same order (that module imports
    ``urllib.request`` and ``ssl``, a tenth of a rebuild's time)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """``xml.sax.saxutils.quoteattr``: escaped, newline, return and tab as character references,
    in double quotes (single ones when the text holds a double quote and no single one)."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' in text:
        if "'" in text:
            return '"%s"' % text.replace('"', "&quot;")
        return "'%s'" % text
    return '"%s"' % text


def clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def x(text: str) -> str:
    """Text escaped for an XML element."""
    return escape(clean(text))


def attr(text: str) -> str:
    """Text escaped and quoted for an XML attribute."""
    return quoteattr(clean(text))


def rfc822(moment: dt.datetime) -> str:
    from email.utils import format_datetime

    return format_datetime(moment.astimezone(dt.timezone.utc), usegmt=True)


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def newest(items: list[Item]) -> dt.datetime:
    return max((i.moment for i in items), default=EPOCH)


def rss(items: list[Item], *, title: str, link: str, self_url: str, description: str) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">', "<channel>",
           f"<title>{x(title)}</title>", f"<link>{x(link)}</link>",
           f"<description>{x(description)}</description>", "<language>en</language>",
           f'<atom:link href={attr(self_url)} rel="self" type="application/rss+xml"/>']
    if items:
        out.append(f"<lastBuildDate>{rfc822(newest(items))}</lastBuildDate>")
    for item in items:
        out += ["<item>", f"<title>{x(item.title)}</title>", f"<link>{x(item.url)}</link>",
                f'<guid isPermaLink="false">{x(item.id)}</guid>',
                f"<pubDate>{rfc822(item.moment)}</pubDate>",
                f"<description>{x(item.html or item.summary)}</description>"]
        out += [f"<category>{x(tag)}</category>" for tag in item.tags]
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def atom(items: list[Item], *, title: str, link: str, self_url: str, author: str) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{x(title)}</title>", f"<id>{x(self_url)}</id>",
           f'<link rel="self" type="application/atom+xml" href={attr(self_url)}/>',
           f'<link rel="alternate" type="text/html" href={attr(link)}/>',
           f"<updated>{rfc3339(newest(items))}</updated>",
           f"<author><name>{x(author)}</name></author>"]
    for item in items:
        out += ["<entry>", f'<title type="text">{x(item.title)}</title>', f"<id>{x(item.id)}</id>",
                f'<link rel="alternate" type="text/html" href={attr(item.url)}/>',
                f"<published>{rfc3339(item.moment)}</published>",
                f"<updated>{rfc3339(item.moment)}</updated>",
                f'<summary type="text">{x(item.summary)}</summary>']
        if item.html:
            out.append(f'<content type="html">{x(item.html)}</content>')
        out += [f"<category term={attr(tag)}/>" for tag in item.tags]
        out.append("</entry>")
    out += ["</feed>", ""]
    return "\n".join(out)


def json_feed(items: list[Item], *, title: str, link: str, self_url: str, description: str,
              author: str) -> str:
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1", "title": title, "home_page_url": link,
        "feed_url": self_url, "description": description, "language": "en",
        "authors": [{"name": author}],
        "items": [{"id": i.id, "url": i.url, "title": i.title, "summary": i.summary,
                   "content_html": i.html or "", "date_published": rfc3339(i.moment),
                   **({"tags": list(i.tags)} if i.tags else {})} for i in items]}
    # `<`, `>` and `&` as \u escapes: the same data once parsed, and no markup for a reader
    # that wrongly shows a title as HTML (or a page that inlines the feed) to trip on.
    from pressroom.site.pages import json_for_script

    return json_for_script(feed, indent=1) + "\n"


def release_items(data: "SiteData", body_html: dict[str, str],
                  summary: Callable[[Any], str] | None = None) -> list[Item]:
    from pressroom.site.pages import release_moment

    if summary is None:
        from pressroom.site.pages import summary
    items = []
    for release in data.releases[:FEED_ITEMS]:
        url = f"{data.base_url}releases/{release.slug}/"
        items.append(Item(id=url, url=url, title=release.headline,
                          moment=release_moment(release, data.timezone), summary=summary(release),
                          html=body_html.get(release.slug), tags=release.tags))
    return items


def media_items(data: "SiteData", page_of_year: dict[int, str]) -> list[Item]:
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(data.timezone)
    items = []
    for m in data.media[:FEED_ITEMS]:
        anchor = f"{data.base_url}{page_of_year[m.year]}#mention-{m.id}"
        text = " ".join(part for part in (f"\u201c{m.quote}\u201d" if m.quote else m.excerpt, m.lead)
                        if part)
        items.append(Item(id=f"{data.base_url}media/mention-{m.id}", url=m.link or anchor,
                          title=f"{m.outlet}: {m.title}",
                          moment=dt.datetime.combine(m.published, dt.time(0, 0), tzinfo=zone),
                          summary=text))
    return items


def feed_pages(data: "SiteData", body_html: dict[str, str], page_of_year: dict[int, str],
               summary: Callable[[Any], str] | None = None) -> list["Page"]:
    """The five feeds; *summary* gives a release's summary when the caller keeps them."""
    from pressroom.site.pages import Page

    base, title = data.base_url, data.settings.title
    author = data.organization.name
    releases = release_items(data, body_html, summary)
    media = media_items(data, page_of_year)
    media_title = f"{title}: in the media"
    media_link = f"{base}media/"
    pages = [
        ("feed.xml", rss(releases, title=title, link=base, self_url=f"{base}feed.xml",
                         description=data.settings.description)),
        ("atom.xml", atom(releases, title=title, link=base, self_url=f"{base}atom.xml",
                          author=author)),
        ("feed.json", json_feed(releases, title=title, link=base, self_url=f"{base}feed.json",
                                description=data.settings.description, author=author)),
        ("media/feed.xml", rss(media, title=media_title, link=media_link,
                               self_url=f"{base}media/feed.xml",
                               description=f"News coverage quoting {author}.")),
        ("media/atom.xml", atom(media, title=media_title, link=media_link,
                                self_url=f"{base}media/atom.xml", author=author)),
    ]
    return [Page(path, text.encode("utf-8")) for path, text in pages]


def sitemap(base_url: str, paths: Iterable[str], lastmod: dict[str, dt.date]) -> str:
    from pressroom.site.pages import _url_path

    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in sorted(paths):
        out.append(f"<url><loc>{x(base_url + _url_path(path))}</loc>"
                   + (f"<lastmod>{lastmod[path].isoformat()}</lastmod>" if path in lastmod else "")
                   + "</url>")
    out += ["</urlset>", ""]
    return "\n".join(out)


def robots(base_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"
