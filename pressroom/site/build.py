"""``site build``: plan every output file in memory, then write only what changed.

1. Everything is rendered first; two files at one path, a template mistake or a bad base URL is one
   located error and nothing is written.
2. A file already holding exactly the new bytes is left alone (same mtime, same inode), so a sync to
   a server uploads only what changed; the others are replaced atomically.
3. Files the site wrote before and no longer makes (a release unpublished, a tag gone) are removed.
   The site knows them from its manifest (``.pressroom-site.json``); nothing else in the folder is
   ever touched.
"""

from __future__ import annotations

import datetime as dt
import json

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from pressroom.errors import InputError, OperationalError

if TYPE_CHECKING:
    from pressroom.site.model import HeldBack, SiteData
    from pressroom.site.pages import Page

MANIFEST = ".pressroom-site.json"
FEEDS = ("feed.xml", "atom.xml", "feed.json", "media/feed.xml", "media/atom.xml")


@dataclass
class BuildResult:
    out_dir: Path
    shown: str
    pages: list[str] = field(default_factory=list)      # HTML pages in the plan
    feeds: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    held: list["HeldBack"] = field(default_factory=list)
    broken: list[Any] = field(default_factory=list)    # check.Broken, with --check
    checked: bool = False

    @property
    def next_lift(self) -> dt.datetime | None:
        moments = [h.lifts for h in self.held if h.lifts is not None]
        return min(moments) if moments else None


def resolve_base_url(option: str | None, settings: Any, workspace: Any) -> str:
    from pressroom.site.settings import check_base_url

    if option is not None:
        return check_base_url(option, "--base-url")
    if settings.base_url:
        return settings.base_url
    raise InputError("the site needs its address: give --base-url https://... or set "
                     "site.base_url in pressroom.yaml", where=workspace.shown(workspace.config_path))


def resolve_out_dir(option: Path | None, settings: Any, workspace: Any) -> tuple[Path, str]:
    """The output folder; refused when it is the workspace, contains it, or is not a folder."""
    if option is not None:
        out, where = Path(option).expanduser(), "--output"
    else:
        out, where = workspace.root / settings.output, f"{workspace.shown(workspace.config_path)}: site.output"
    resolved = out.resolve()
    root = workspace.root.resolve()
    if resolved == root or root.is_relative_to(resolved):
        raise InputError(f"the output folder {out} is the workspace or contains it: the site would "
                         "mix with (and could remove) your files; use a folder of its own like site/",
                         where=where)
    for protected in (workspace.releases_dir, workspace.templates_dir):
        if resolved.is_relative_to(protected.resolve()):
            raise InputError(f"the output folder {out} is inside {workspace.shown(protected)}",
                             where=where)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} exists and is not a folder", where=where)
    return resolved, workspace.shown(resolved)


class Plan:
    """Output path -> bytes; a second file at a path is an error naming both sources."""

    def __init__(self) -> None:
        self.files: dict[str, "Page"] = {}

    def add(self, page: "Page") -> None:
        path = PurePosixPath(page.path)
        assert not path.is_absolute() and ".." not in path.parts, page.path
        first = self.files.get(page.path)
        if first is not None:
            what = f" (also made from {first.source})" if first.source else ""
            raise InputError(f"two pages at {page.path}{what}: rename one",
                             where=page.source or first.source)
        self.files[page.path] = page


def plan_site(workspace: Any, data: "SiteData") -> Plan:
    """Render the whole site in memory."""
    from markupsafe import escape

    from pressroom.releases import markdown as md
    from pressroom.releases.render import quote_view
    from pressroom.site import feeds
    from pressroom.site.pages import PageRenderer, Page

    renderer = PageRenderer(workspace, data)
    plan = Plan()
    for page in renderer.pages():
        plan.add(page)
    body_html = {}
    for release in data.releases[:feeds.FEED_ITEMS]:
        quotes = "".join(f"\n<p>{escape(quote_view(q, data.organization).sentence)}</p>"
                         for q in release.quotes)
        body_html[release.slug] = md.to_html(release.body, lead=release.dateline).strip() + quotes
    page_of_year = {year: renderer.media_path(year) for year in renderer.media_years()}
    for page in feeds.feed_pages(data, body_html, page_of_year):
        plan.add(page)
    html = [path for path in plan.files if path.endswith(".html")]
    lastmod = {f"releases/{r.slug}/index.html": r.date for r in data.releases}
    plan.add(Page("sitemap.xml", feeds.sitemap(data.base_url, html, lastmod).encode("utf-8")))
    plan.add(Page("robots.txt", feeds.robots(data.base_url).encode("utf-8")))
    return plan


def build_site(workspace: Any, *, out: Path | None = None, base_url: str | None = None,
               check: bool = False, store: Any = None) -> BuildResult:
    """Build the site of *workspace*; with *check*, refuse to write one with a broken link."""
    from pressroom.site.model import gather
    from pressroom.site.settings import load_site_settings

    settings = load_site_settings(workspace)
    base = resolve_base_url(base_url, settings, workspace)
    out_dir, shown = resolve_out_dir(out, settings, workspace)
    if store is None:
        from pressroom.store import open_store

        with open_store(workspace) as opened:
            data = gather(workspace, opened, settings, base)
    else:
        data = gather(workspace, store, settings, base)
    plan = plan_site(workspace, data)
    result = BuildResult(out_dir, shown, held=data.held)
    result.pages = sorted(p for p in plan.files if p.endswith(".html"))
    result.feeds = [p for p in FEEDS if p in plan.files]
    if check:
        from pressroom.site.check import check_files

        result.checked = True
        result.broken = check_files({path: page.data for path, page in plan.files.items()}, base)
        if result.broken:
            first = result.broken[0]
            raise InputError(f"{len(result.broken)} broken link(s), the first: {first}; "
                             "nothing was written", where=shown)
    write_plan(plan, out_dir, result)
    return result


def _manifest(out_dir: Path) -> list[str]:
    """The files an earlier build wrote, as safe relative paths (anything else in it is ignored)."""
    try:
        listed = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = listed.get("files") if isinstance(listed, dict) else None
    safe = []
    for name in files if isinstance(files, list) else []:
        if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
            continue
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or name == MANIFEST:
            continue
        safe.append(name)
    return safe


def write_plan(plan: Plan, out_dir: Path, result: BuildResult) -> None:
    from pressroom.atomic import sync_folder, write_atomic
    from pressroom.releases.render import _holds

    before = _manifest(out_dir)
    manifest = json.dumps({"generator": "pressroom site build", "files": sorted(plan.files)},
                          indent=1).encode("utf-8") + b"\n"
    touched: set[Path] = set()
    _check_the_way(plan, out_dir, result.shown)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for path, page in sorted(plan.files.items()):
            target = out_dir / path
            if _holds(target, page.data):
                result.unchanged.append(path)
                continue
            write_atomic(target, page.data, sync=False)
            touched.add(target.parent)
            result.written.append(path)
        for name in sorted(set(before) - set(plan.files)):
            target = out_dir / name
            if target.is_file() and not target.is_symlink() and _inside(target, out_dir):
                target.unlink()
                touched.add(target.parent)
                result.removed.append(name)
                _prune(target.parent, out_dir)
        if not _holds(out_dir / MANIFEST, manifest):
            write_atomic(out_dir / MANIFEST, manifest, sync=False)
            touched.add(out_dir)
        for folder in sorted(touched):
            if folder.is_dir():
                sync_folder(folder)
    except OSError as exc:
        raise OperationalError(f"cannot write the site: {exc.strerror or exc}",
                               where=exc.filename or result.shown) from None


def _check_the_way(plan: Plan, out_dir: Path, shown: str) -> None:
    """Before anything is written: every planned file's folders are folders (not links or files)
    and the file itself, if there, is a regular file, so the write cannot stop half-way or follow
    a link out of the output folder."""
    seen: set[str] = set()
    for path in sorted(plan.files):
        parts = PurePosixPath(path).parts
        for depth in range(1, len(parts) + 1):
            name = "/".join(parts[:depth])
            if name in seen:
                continue
            seen.add(name)
            target = out_dir / name
            last = depth == len(parts)
            if target.is_symlink() or (target.exists() and (target.is_dir() if last
                                                            else not target.is_dir())):
                raise InputError(f"{name} is in the way in the output folder (a link, or a "
                                 f"{'folder' if last else 'file'} where the site needs "
                                 f"{'a file' if last else 'a folder'}); nothing was written",
                                 where=shown)


def _inside(path: Path, folder: Path) -> bool:
    return path.parent.resolve().is_relative_to(folder)


def _prune(folder: Path, top: Path) -> None:
    """Remove folders left empty by removed pages, up to (not including) the output folder."""
    while folder != top and folder.is_relative_to(top):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent




def summary_lines(result: BuildResult) -> list[str]:
    """What the build did, for the officer: counts, what was held back and why, the next lift."""
    changed = set(result.written)
    pages = sum(1 for p in result.pages if p in changed)
    feeds = sum(1 for p in result.feeds if p in changed)
    others = len(changed) - pages - feeds
    lines = [f"{result.shown}: {len(result.pages)} pages and {len(result.feeds)} feeds; "
             f"written: {pages} pages, {feeds} feeds, {others} other files; "
             f"unchanged: {len(result.unchanged)}; removed: {len(result.removed)}"]
    if result.checked:
        lines.append("links: every internal link and asset resolves")
    for held in sorted(result.held, key=lambda h: h.shown):
        lines.append(f"held back: {held.shown} ({held.reason})")
    lifts = result.next_lift
    if lifts is not None:
        utc = lifts.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        lines.append(f"next embargo lifts {lifts.strftime('%Y-%m-%d %H:%M %Z')} ({utc}): "
                     "build again then to publish it")
    return lines
