"""Rendering releases through Jinja2 templates: text, Markdown and HTML.

Templates come through the workspace's chain (:class:`pressroom.templating.Templates`: the
workspace's ``templates/``, then the defaults, ``default/<name>`` naming a default). HTML templates
autoescape; text and Markdown ones do not. A missing variable is an error, reported at the
template's file and line.

One :class:`Renderer` holds one Environment; each template is compiled once, whatever the number of
releases rendered. Output is deterministic: no timestamps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from pressroom.errors import InputError
from pressroom.releases import markdown as md

if TYPE_CHECKING:  # annotations only: the mail filters need none of the model
    from pressroom.releases.model import Release, ReleaseQuote

# format -> (template name, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    "text": ("release.txt.j2", "txt"),
    "markdown": ("release.md.j2", "md"),
    "html": ("release.html.j2", "html"),
}
TEXT_WIDTH = 72


@dataclass(frozen=True)
class QuoteView:
    """A quote as templates use it: ``sentence`` is the finished, attributed paragraph."""

    speaker_id: str | None
    speaker_name: str
    speaker_title: str
    text: str
    quoted: str        # “text,”  (the closing punctuation inside the marks)
    attribution: str   # said Mo Canady, executive director of NASRO
    sentence: str      # “text,” said Mo Canady, executive director of NASRO.


def quote_view(quote: ReleaseQuote, organization: Any) -> QuoteView:
    from pressroom.apstyle.typography import nested, smart_quotes

    text = nested(smart_quotes(quote.text.rstrip()))  # a quote inside the quote takes ‘single’ marks
    inner = re.search(r"([.,?!])(\u2019+)$", text)  # ends inside a quote within the quote
    if inner:  # ... ‘never.’ → ... ‘never,’” said ...
        mark = "," if inner.group(1) in ".," else inner.group(1)
        text, closing = text[:inner.start()] + mark + inner.group(2), ""
    else:
        if text.endswith((".", ",")):
            text = text[:-1]
        closing = "" if text.endswith(("?", "!", "\u2014", "-")) else ","
    quoted = f"\u201c{text}{closing}\u201d"
    title = quote.speaker_title
    if title and quote.speaker_id is not None:
        names = {organization.short_name.casefold(), organization.name.casefold()} - {""}
        if names and not any(name in title.casefold() for name in names):
            title = f"{title} of {organization.short_name or organization.name}"
    attribution = smart_quotes(f"said {quote.speaker_name}" + (f", {title}" if title else ""))
    return QuoteView(quote.speaker_id, quote.speaker_name, title, quote.text, quoted, attribution,
                     f"{quoted} {attribution}.")


DRAFT_LINES = {
    "draft": "DRAFT \u2014 NOT FOR RELEASE",
    "approved": "DRAFT (APPROVED, NOT YET PUBLISHED) \u2014 NOT FOR RELEASE",
}


def release_line(release: Release) -> str:
    """The line above the release: a DRAFT marker until the release is published, then its
    :func:`publication_line`. A draft that says FOR IMMEDIATE RELEASE gets forwarded as final."""
    if release.status != "published":
        return DRAFT_LINES.get(release.status, DRAFT_LINES["draft"])
    return publication_line(release)


def publication_line(release: Release) -> str:
    """``FOR IMMEDIATE RELEASE`` or ``EMBARGOED UNTIL 10 a.m. EDT, Thursday, Sept. 5, 2024``."""
    if release.embargo is None:
        return "FOR IMMEDIATE RELEASE"
    from pressroom.apstyle import ap_date, ap_time, zone_label

    moment = release.embargo.moment
    return (f"EMBARGOED UNTIL {ap_time(moment.time())} {zone_label(moment)}, "
            f"{ap_date(moment.date(), weekday=True)}")


def _centered(text: str, width: int = TEXT_WIDTH) -> str:
    return text.center(width).rstrip()


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def release_filters() -> dict[str, Callable[..., Any]]:
    from markupsafe import Markup

    from pressroom.apstyle import ap_date, ap_datetime, ap_time, zone_label
    from pressroom.apstyle.typography import smart_markdown, smart_quotes

    # Every format prints curly quotes and apostrophes (issue 10 item 10): text fields through
    # `curly`, Markdown (body, boilerplate) through smart_markdown before it is converted.
    return {
        "ap_date": ap_date, "ap_datetime": ap_datetime, "ap_time": ap_time,
        "zone_label": zone_label, "wrap": md.wrap, "centered": _centered,
        "capfirst": _capfirst, "curly": smart_quotes, "curly_markdown": smart_markdown,
        "plaintext": lambda source, lead=None, width=TEXT_WIDTH: md.to_text(
            smart_markdown(source), lead=lead, width=width),
        "markdown_lead": lambda source, lead=None: md.to_markdown(smart_markdown(source), lead=lead),
        "md_escape": md.escape_markdown,
        "markdown": lambda source, lead=None: Markup(md.to_html(smart_markdown(source), lead=lead)),
    }


class Renderer:
    """Renders releases of one workspace. Build one and reuse it for many releases."""

    def __init__(self, workspace: Any) -> None:
        from pressroom.templating import Templates

        self.workspace = workspace
        self.organization = workspace.config.organization
        self.templates = Templates(workspace, release_filters())
        self.env = self.templates.env

    def template(self, fmt: str) -> Any:
        if fmt not in FORMATS:
            raise InputError(f"unknown format '{fmt}'; one of: {', '.join(FORMATS)}")
        return self.templates.get(FORMATS[fmt][0])

    def context(self, release: Release, style: str | None = None) -> dict[str, Any]:
        dateline = release.dateline
        if style is not None and style != release.style:
            from pressroom.apstyle import format_dateline

            dateline = format_dateline(release.place, release.date, style)
        return {
            "release": release, "organization": self.organization,
            "contacts": list(release.contacts),
            "quotes": [quote_view(q, self.organization) for q in release.quotes],
            "boilerplate": release.boilerplate, "dateline": dateline,
            "release_line": release_line(release), "draft": release.status != "published",
            "publication_line": publication_line(release), "lang": "en", "width": TEXT_WIDTH,
        }

    def render(self, release: Release, fmt: str = "text", *, style: str | None = None) -> str:
        """The release as text, Markdown or HTML. Template mistakes raise a located InputError."""
        if style is not None:
            from pressroom.apstyle import check_dateline_style

            style = check_dateline_style(style)
        text = self.templates.render_template(self.template(fmt), self.context(release, style),
                                              where=release.shown)
        return text if text.endswith("\n") else text + "\n"


def output_name(release: Release, fmt: str) -> str:
    return f"{release.slug}.{FORMATS[fmt][1]}"


def render_release(release: Release, workspace: Any, fmt: str = "text", *,
                   style: str | None = None) -> str:
    """Render one release (builds a Renderer: use :class:`Renderer` for many)."""
    return Renderer(workspace).render(release, fmt, style=style)


def render_all(releases: Iterable[Release], workspace: Any, out_dir: Path, fmt: str = "text", *,
               style: str | None = None, progress: Callable[[Release], None] | None = None) -> list[Path]:
    """Render every release into ``out_dir/<slug>.<ext>``, each file replaced atomically.

    Everything is rendered in memory first: if any release fails, nothing is written. Each file is
    written beside its target and renamed over it (a reader sees the old file or the new one),
    unless it already holds exactly the new text; the folder is synced once at the end rather
    than each file: output can be rendered again, and a thousand fsyncs cost more than the
    rendering itself."""
    releases = list(releases)
    renderer = Renderer(workspace)
    rendered = [(out_dir / output_name(r, fmt), renderer.render(r, fmt, style=style))
                for r in releases]
    return write_rendered(rendered, out_dir,
                          progress=(lambda i: progress(releases[i])) if progress else None)


def write_rendered(rendered: list[tuple[Path, str]], out_dir: Path, *,
                   progress: Callable[[int], None] | None = None) -> list[Path]:
    """Write rendered texts all or nothing, then sync the folder once.

    Every target is checked and every changed file written beside its target before any is
    renamed into place (:func:`pressroom.atomic.write_all_atomic`): a folder in the way of one
    file, a full disk or a read-only folder leaves the output folder exactly as it was. A file
    that already holds exactly the new text is left alone."""
    from pressroom.atomic import sync_folder, write_all_atomic

    changed = []
    for path, text in rendered:
        data = text.encode("utf-8")
        if not _holds(path, data):
            changed.append((path, data))
    write_all_atomic(changed)
    written = []
    for index, (path, _text) in enumerate(rendered):
        written.append(path)
        if progress is not None:
            progress(index)
    if out_dir.is_dir():
        sync_folder(out_dir)
    return written


def _holds(path: Path, data: bytes) -> bool:
    """Whether *path* is a regular file (not a link) holding exactly *data*.

    Rendering a folder again mostly reproduces the files already there; leaving those alone
    keeps their modification times, and creating a file and dropping the one it replaces costs
    the file system ten times what reading the old one to compare does."""
    import os

    # O_NONBLOCK: a named pipe in the way must not hang the command (it reads as empty).
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:  # no such file, a link, unreadable: write it
        return False
    try:
        return os.read(fd, len(data) + 1) == data
    except OSError:  # a folder, say: the write reports it
        return False
    finally:
        os.close(fd)
