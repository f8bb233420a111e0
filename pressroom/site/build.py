"""``site build``: plan every output file in memory, then write only what changed.

1. Everything is rendered first; two files at one path, a template mistake or a bad base URL is one
   located error and nothing is written.
2. A file already holding exactly the new bytes is left alone (same mtime, same inode), so a sync to
   a server uploads only what changed; the others are replaced atomically.
3. Files the site wrote before and no longer makes (a release unpublished, a tag gone) are removed.
   The site knows them from its manifest (``.pressroom-site.json``); nothing else in the folder is
   ever touched.
4. The manifest also keeps a digest of each page's inputs (the release file, pressroom.yaml, the
   templates, the base URL, pressroom's version, the rows it lists): a page whose digest is
   unchanged is neither rendered nor written. (A page edited by hand in the output folder is
   therefore replaced only when its inputs change, or when it is deleted.)
5. A cache in the workspace (:mod:`pressroom.site.cache`) lets a new process read only the
   release files changed since the last build (the others stand in from its index, each loaded
   and validated from its file if more of it is needed) and, on SQLite, skip the database when
   the mentions are unchanged; the embargo rule is applied to every release on every build.
   The feeds, sitemap and robots.txt are made, like the pages, only when their inputs changed.
"""

from __future__ import annotations

import datetime as dt
import json
import os

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Sequence

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
    """Output path -> Page (None: a page whose inputs did not change since the site wrote it, so
    it is neither rendered nor written); a second file at a path is an error naming both sources.
    ``keys`` holds each page's input digest, for the manifest."""

    def __init__(self) -> None:
        self.files: dict[str, "Page | None"] = {}
        self.sources: dict[str, Any] = {}
        self.keys: dict[str, str] = {}

    def claim(self, path: str, source: Any = None) -> None:
        parts = path.split("/")
        assert "" not in parts and "." not in parts and ".." not in parts, path
        if path in self.files:
            first = self.sources.get(path)
            what = f" (also made from {first})" if first else ""
            raise InputError(f"two pages at {path}{what}: rename one", where=source or first)
        self.files[path] = None
        self.sources[path] = source

    def add(self, page: "Page") -> None:
        self.claim(page.path, page.source)
        self.files[page.path] = page


def templates_digest(workspace: Any) -> str:
    """A digest of every template file of the chain (the workspace's, then the defaults)."""
    import hashlib

    from pressroom.templates_path import default_templates_dir

    sha = hashlib.sha1()
    for folder in (workspace.templates_dir, default_templates_dir()):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    sha.update(str(path.relative_to(folder)).encode("utf-8", "surrogateescape"))
                    sha.update(path.read_bytes())
    return sha.hexdigest()


class SiteBuilder:
    """Builds one workspace's site, again and again (``site serve`` keeps one): releases parsed
    once per file version (across processes through the cache's index), the "in the media" rows
    read once per SQLite file version, summaries and template compilation kept, and pages whose
    inputs did not change since they were written neither rendered nor written (their input
    digests are in the manifest)."""

    def __init__(self, workspace: Any, *, out: Path | None = None, base_url: str | None = None) -> None:
        from pressroom.site.settings import load_site_settings

        self.workspace = workspace
        self.settings = load_site_settings(workspace)
        self.base_url = resolve_base_url(base_url, self.settings, workspace)
        self.out_dir, self.shown = resolve_out_dir(out, self.settings, workspace)
        self._releases: dict[Path, tuple[tuple, Any, str | None]] = {}
        self._media: tuple[Any, Sequence[Any]] | None = None
        self._summaries: dict[str, str] = {}  # by the SHA-1 of the release file
        self._keys: dict[int, tuple[Any, str]] = {}
        self._renderer: tuple[str, Any] | None = None
        self._bodies: dict[str, str] = {}  # feed entries' HTML, by a digest of their inputs
        self._kept_bodies: dict[str, str] = {}  # the same, from the last process's index
        self._disk: Any = None
        self._index_data: dict[str, Any] | None = None
        self._config_sha = ""
        self._files: dict[Path, tuple[tuple, str, Any]] = {}  # this build's: (stamp, SHA-1, release)
        self._kept = False
        self._media_digests: dict[int, str] = {}  # each media page's input digest, by year
        self._media_years: list[int] | None = None  # the years with items, newest first
        self._media_new: tuple[str, list[Any]] | None = None  # rows read, for the cache

    def disk(self) -> Any:
        """The workspace's build cache on disk (each file read when first needed)."""
        if self._disk is None:
            from pressroom import __version__
            from pressroom.site.cache import FOLDER, DiskCache

            self._disk = DiskCache(self.workspace.root / FOLDER, __version__)
        return self._disk

    def _index(self, config: str) -> dict[str, Any]:
        """The last process's index of release files, when made with this pressroom.yaml (its
        SHA-1 is *config*); {} otherwise."""
        from pressroom.site import cache

        if self._index_data is None:
            self._index_data = self.disk().read(cache.INDEX)
            bodies = self._index_data.get("bodies")
            if isinstance(bodies, dict):
                self._kept_bodies = {k: v for k, v in bodies.items() if isinstance(v, str)}
        releases = self._index_data.get("releases")
        if self._index_data.get("config") != config or not isinstance(releases, dict):
            return {}
        return releases

    def releases(self) -> list[Any]:
        """Every release file: parsed and validated when it changed since this builder, or the
        last process (the cache's index), saw it; otherwise the release as it was then (a
        :class:`~pressroom.site.cache.CachedRelease` in a new process)."""
        import functools
        import hashlib

        from pressroom.errors import PressroomError
        from pressroom.releases.load import ReleaseLoader, parse_file_name, release_files
        from pressroom.site import cache
        from pressroom.site.pages import release_key
        from pressroom.textfile import decode_utf8, read_bytes
        from pressroom.yamlfile import load_yaml_text

        config_bytes = self.workspace.config_path.read_bytes()
        self._config_sha = hashlib.sha1(config_bytes).hexdigest()
        index = self._index(self._config_sha)
        config = self.workspace.config_path.stat()
        loader = None
        found, seen = [], {}
        errors: list[PressroomError] = []
        files: dict[Path, tuple[tuple, str, Any]] = {}
        folder = self.workspace.shown(self.workspace.releases_dir)  # shown once, not per file
        for path in release_files(self.workspace):
            info = path.stat()
            stamp = (info.st_mtime_ns, info.st_size, info.st_ino, config.st_mtime_ns, config.st_size,
                     self._config_sha)
            cached = self._releases.get(path)
            if cached is not None and cached[0] == stamp:
                release, sha = cached[1], cached[2]
            else:
                shown = (path.name if folder == "." else
                         folder + path.name if folder.endswith("/") else f"{folder}/{path.name}")
                release = None
                entry = index.get(path.name)
                if entry is not None:
                    try:
                        day, slug = parse_file_name(path, shown)
                        release, sha, described = cache.cached_release(
                            entry, stamp[:3], path=path, shown=shown, slug=slug, day=day,
                            load=functools.partial(self._load_one, path, shown))
                    except (cache.Uncacheable, PressroomError):
                        release = None
                    else:
                        if described is not None:
                            self._summaries.setdefault(release_key(sha, slug), described)
                if release is None:
                    loader = loader or ReleaseLoader(self.workspace)
                    try:
                        parse_file_name(path, shown)  # the file's name is checked first, as ever
                        data = read_bytes(path, shown)
                        sha = hashlib.sha1(data).hexdigest()
                        doc = load_yaml_text(decode_utf8(data, shown), shown)  # the bytes hashed
                        release = loader.load(path, doc=doc, shown=shown)
                    except PressroomError as exc:
                        errors.append(exc)
                        continue
                self._releases[path] = (stamp, release, sha)
            self._keys[id(release)] = (release, release_key(sha, release.slug))  # its page's
            files[path] = (stamp[:3], sha, release)
            first = seen.get(release.slug)
            if first is not None:
                errors.append(InputError(f"slug '{release.slug}' is also used by {first.shown}",
                                         where=release.shown))
                continue
            seen[release.slug] = release
            found.append(release)
        if errors:
            raise errors[0]
        self._files = files
        return found

    def _load_one(self, path: Path, shown: str) -> Any:
        """A release the index stood in for, loaded from its file when more of it is needed."""
        from pressroom.releases.load import ReleaseLoader

        return ReleaseLoader(self.workspace).load(path, shown=shown)

    def media(self, store: Any, public: set[str]) -> Sequence[Any]:
        """The "in the media" items; on SQLite kept while the database files are unchanged (in
        this builder, and in the disk cache for the next process, which then opens no
        database). *store* is the open store, or a function opening it."""
        import functools

        from pressroom.site import cache

        stamp = None
        db = self._sqlite_file(store)
        if db is not None:
            # The main file, and the size of a write-ahead log a writer still holds open (the
            # last connection to close folds the log into the main file, changing its stamp).
            wal = _stat(Path(f"{db}-wal"))
            main = _stat(db)
            if main:
                stamp = (main, wal[1] if wal else 0, frozenset(public), self.settings.in_the_media,
                         self.workspace.config_path.stat().st_mtime_ns)
        if stamp is not None and self._media is not None and self._media[0] == stamp:
            return self._media[1]  # self._media_digests and _years were set with it
        key = None
        self._media_new = None
        if stamp is not None:
            from pressroom.site.pages import digest

            key = digest(str(db), main, wal, sorted(public), self.settings.in_the_media,
                         self.workspace.config_path.read_bytes())
            kept = self.disk().read(cache.MEDIA)
            if kept.get("key") == key:
                try:
                    head = cache.decode_media(kept["head"])
                    count, years = kept["count"], kept["years"]
                    digests = {int(year): text for year, text in kept["digests"].items()
                               if isinstance(text, str)}
                    if (type(count) is not int or count < len(head)
                            or not all(type(y) is int for y in years)):
                        raise cache.Uncacheable("not a cache entry")
                except (KeyError, TypeError, ValueError, AttributeError, cache.Uncacheable):
                    pass
                else:
                    items = cache.CachedMedia(head, count, functools.partial(
                        self._read_media, db, store, public))
                    self._media = (stamp, items)
                    self._media_digests, self._media_years = digests, years
                    return items
        items = self._read_media(db, store, public)
        self._media = (stamp, items) if stamp is not None else None
        self._media_digests, self._media_years = {}, None
        if key is not None:
            from pressroom.site.pages import media_by_year, media_digest

            self._media_digests = {year: media_digest(year, chosen)
                                   for year, chosen in media_by_year(items).items()}
            self._media_new = (key, items)
        return items

    def _read_media(self, db: Path | None, store: Any, public: set[str]) -> list[Any]:
        """The items from the database: plain ``sqlite3`` on SQLite when it can, else the store."""
        from pressroom.site.model import media_items

        rows = None
        if db is not None and callable(store):  # a store the caller opened is used as given
            from pressroom.site.sqlite_rows import media_rows

            rows = media_rows(db, self.settings.in_the_media)
        if rows is None:
            store = store() if callable(store) else store
        return media_items(store, self.workspace, self.settings.in_the_media, public, rows=rows)

    def _sqlite_file(self, store: Any) -> Path | None:
        """The SQLite database file the build reads, when it is one (None: PostgreSQL, memory)."""
        if not callable(store):
            if store.dialect == "sqlite" and store.engine.url.database:
                return Path(store.engine.url.database)
            return None
        from pressroom.store import database_url

        url = database_url(self.workspace)
        if url.startswith("sqlite:///") and "?" not in url and len(url) > len("sqlite:///"):
            return Path(url[len("sqlite:///"):])
        return None

    def gather(self, store: Any) -> "SiteData":
        from pressroom.site.model import gather

        releases = self.releases()
        data = gather(self.workspace, store, self.settings, self.base_url, releases=releases,
                      media=lambda public: self.media(store, public))
        data.extra["media_digests"] = self._media_digests
        if self._media_years is not None:
            data.extra["media_years"] = self._media_years
        return data

    def build(self, *, check: bool = False, store: Any = None) -> BuildResult:
        if store is not None:
            return self._build(store, check)
        from contextlib import ExitStack

        from pressroom.store import open_store

        with ExitStack() as stack:
            opened: list[Any] = []

            def lazily() -> Any:  # opened only when the media items are neither cached nor
                if not opened:   # read with sqlite3 (and kept open until the pages are made)
                    opened.append(stack.enter_context(open_store(self.workspace)))
                return opened[0]

            return self._build(lazily, check)

    def _build(self, store: Any, check: bool) -> BuildResult:
        data = self.gather(store)
        known = _manifest(self.out_dir)
        plan = self.plan(data, known)
        result = BuildResult(self.out_dir, self.shown, held=data.held)
        result.pages = sorted(p for p in plan.files if p.endswith(".html"))
        result.feeds = [p for p in FEEDS if p in plan.files]
        if check:
            from pressroom.site.check import check_files

            result.checked = True
            files = {path: page.data if page is not None else (self.out_dir / path).read_bytes()
                     for path, page in plan.files.items()}
            result.broken = check_files(files, self.base_url)
            if result.broken:
                first = result.broken[0]
                raise InputError(f"{len(result.broken)} broken link(s), the first: {first}; "
                                 "nothing was written", where=self.shown)
        write_plan(plan, self.out_dir, result, set(known))
        if not self._kept:
            # For the next process. A builder that builds again (site serve) keeps what it read
            # in memory and writes the cache once: a later `site build` re-reads only the files
            # changed since, and a serve rebuild does not pay for rewriting the cache.
            self._keep()
            self._kept = True
        return result

    def _keep(self) -> None:
        """Write the cache files whose content changed: the index, and the media (when read)."""
        from pressroom.site import cache
        from pressroom.site.pages import release_key

        disk = self.disk()
        kept = self._index(self._config_sha)
        entries = {}
        for path, (stamp, sha, release) in self._files.items():
            summary = self._summaries.get(release_key(sha, release.slug))
            entries[path.name] = cache.index_entry(stamp, sha, release, summary,
                                                   kept=kept.get(path.name))
        index = {"config": self._config_sha, "bodies": self._bodies, "releases": entries}
        if index != {k: self._index_data.get(k) for k in index} and disk.write(cache.INDEX, index):
            disk.retire()
        if self._media_new is not None:
            key, items = self._media_new
            disk.write(cache.MEDIA, {
                "key": key, "count": len(items), "head": cache.encode_media(items[:cache.HEAD]),
                "years": sorted({m.published.year for m in items}, reverse=True),
                "digests": {str(year): text for year, text in self._media_digests.items()}})
            self._media_new = None

    def plan(self, data: "SiteData", known: dict[str, str]) -> Plan:
        """Every output path claimed first (two at one path is an error before anything is
        rendered), then each page rendered unless its inputs match what the manifest says."""
        from markupsafe import escape

        from pressroom import __version__
        from pressroom.releases import markdown as md
        from pressroom.releases.render import quote_view
        from pressroom.site import feeds
        from pressroom.site.pages import Page, PageRenderer, digest

        current = {id(r) for r in data.releases}
        for stale in [k for k in self._keys if k not in current]:
            del self._keys[stale]
        templates = templates_digest(self.workspace)
        kept = self._renderer if self._renderer and self._renderer[0] == templates else None
        renderer = PageRenderer(self.workspace, data, summaries=self._summaries, keys=self._keys,
                                renderer=kept[1] if kept else None)
        self._renderer = (templates, renderer.renderer)  # compiled templates, kept while unchanged
        shared = digest(__version__, self.workspace.config_path.read_bytes(), templates,
                        data.base_url, repr(data.settings), data.timezone, renderer.years(),
                        renderer.media_years())
        plan = Plan()
        top = str(self.out_dir)
        specs = list(renderer.specs())
        for spec in specs:
            plan.claim(spec.path, spec.source)
        for spec in specs:
            key = digest(shared, spec.key)
            plan.keys[spec.path] = key
            if known.get(spec.path) == key and _regular(f"{top}/{spec.path}"):
                continue  # written by an earlier build from these very inputs
            page = spec.render()
            plan.files[spec.path] = page
        # The feeds, the sitemap and robots.txt, like the pages: made only when their inputs
        # (besides the shared ones) changed since the site wrote them.
        newest = data.releases[:feeds.FEED_ITEMS]
        body_keys = {release.slug: digest(shared, renderer.release_key(release)) for release in newest}
        feed_key = digest(shared, list(body_keys.values()), repr(list(data.media[:feeds.FEED_ITEMS])))
        kept = self._kept_bodies  # the feed entries' HTML of the last process, by inputs
        if all(known.get(path) == feed_key and _regular(f"{top}/{path}") for path in FEEDS):
            for path in FEEDS:
                plan.claim(path)
                plan.keys[path] = feed_key
            self._bodies = {key: html for key in body_keys.values()
                            if (html := self._bodies.get(key) or kept.get(key)) is not None}
        else:
            body_html, used = {}, {}
            for release in newest:
                key = body_keys[release.slug]
                html = self._bodies.get(key) or kept.get(key)
                if html is None:
                    quotes = "".join(f"\n<p>{escape(quote_view(q, data.organization).sentence)}</p>"
                                     for q in release.quotes)
                    html = (md.to_html(release.body, lead=release.dateline).strip() + quotes)
                body_html[release.slug] = used[key] = html
            self._bodies = used  # only what the feeds show now
            page_of_year = {year: renderer.media_path(year) for year in renderer.media_years()}
            for page in feeds.feed_pages(data, body_html, page_of_year,
                                         summary=lambda r: renderer.release_view(r)["summary"]):
                plan.add(page)
                plan.keys[page.path] = feed_key
        html = [path for path in plan.files if path.endswith(".html")]
        lastmod = {f"releases/{r.slug}/index.html": r.date for r in data.releases}
        made = {"sitemap.xml": (digest(shared, sorted(html), sorted(lastmod.items())),
                                lambda: feeds.sitemap(data.base_url, html, lastmod)),
                "robots.txt": (digest(shared), lambda: feeds.robots(data.base_url))}
        for path, (key, make) in made.items():
            plan.keys[path] = key
            if known.get(path) == key and _regular(f"{top}/{path}"):
                plan.claim(path)
            else:
                plan.add(Page(path, make().encode("utf-8")))
        return plan


def _regular(path: str) -> bool:
    """Whether *path* is a regular file, not a link (one lstat)."""
    import stat

    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _stat(path: Path) -> tuple:
    try:
        info = path.stat()
    except OSError:
        return ()
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def build_site(workspace: Any, *, out: Path | None = None, base_url: str | None = None,
               check: bool = False, store: Any = None) -> BuildResult:
    """Build the site of *workspace*; with *check*, refuse to write one with a broken link."""
    return SiteBuilder(workspace, out=out, base_url=base_url).build(check=check, store=store)


def _manifest(out_dir: Path) -> dict[str, str]:
    """The files an earlier build wrote (safe relative paths only) with their input digests;
    anything else in the manifest is ignored."""
    try:
        listed = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = listed.get("files") if isinstance(listed, dict) else None
    safe = {}
    for name, key in (files.items() if isinstance(files, dict) else ()):
        if not isinstance(name, str) or not name or "\\" in name or "\x00" in name:
            continue
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or name == MANIFEST:
            continue
        safe[name] = key if isinstance(key, str) else ""
    return safe


def write_plan(plan: Plan, out_dir: Path, result: BuildResult, before: set[str]) -> None:
    from pressroom.atomic import make_folder, sync_folder, write_atomic, write_new
    from pressroom.releases.render import _holds

    manifest = json.dumps({"generator": "pressroom site build",
                           "files": {path: plan.keys.get(path, "") for path in sorted(plan.files)}},
                          indent=1, sort_keys=True).encode("utf-8") + b"\n"
    touched: set[Path] = set()
    missing = _check_the_way(plan, out_dir, result.shown)
    out_dir_missing = not out_dir.is_dir()
    umask = os.umask(0)
    os.umask(umask)
    mode = 0o666 & ~umask  # what a new file gets; given once rather than worked out per file
    made: set[Path] = set()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for path, page in sorted(plan.files.items()):
            if page is None:  # its inputs unchanged: not even rendered
                result.unchanged.append(path)
                continue
            target = out_dir / path
            fresh = out_dir_missing or path.rpartition("/")[0] in missing  # nothing to compare
            if not fresh and _holds(target, page.data):
                result.unchanged.append(path)
                continue
            if fresh:  # a folder this build makes: nothing there to replace atomically
                make_folder(target, made)
                write_new(target, page.data, mode=mode)
            else:
                write_atomic(target, page.data, sync=False, mode=mode, through=False)
            touched.add(target.parent)
            result.written.append(path)
        for name in sorted(before - set(plan.files)):
            target = out_dir / name
            if target.is_file() and not target.is_symlink() and _inside(target, out_dir):
                target.unlink()
                touched.add(target.parent)
                result.removed.append(name)
                _prune(target.parent, out_dir)
        if not _holds(out_dir / MANIFEST, manifest):
            write_atomic(out_dir / MANIFEST, manifest, sync=False, mode=mode, through=False)
            touched.add(out_dir)
        # One sync of the top folder, not one per folder: each page is replaced atomically, and
        # a site lost to a power cut is built again in seconds (a sync per folder cost a second).
        if touched:
            sync_folder(out_dir)
    except OSError as exc:
        raise OperationalError(f"cannot write the site: {exc.strerror or exc}",
                               where=exc.filename or result.shown) from None


def _check_the_way(plan: Plan, out_dir: Path, shown: str) -> set[str]:
    """Before anything is written: the folders of every file to be written are folders (not
    links or files) and the file itself, if there, is a regular file, so the write cannot stop
    half-way or follow a link out of the output folder. (A file left as it is, its inputs
    unchanged, is not written, so nothing can be in its way.) Returns the planned folders that
    do not exist yet."""
    import stat

    missing: set[str] = set()
    seen: set[str] = set()
    top = str(out_dir)
    for path in sorted(path for path, page in plan.files.items() if page is not None):
        parts = path.split("/")  # claimed paths are relative, with no '..' or empty part
        for depth in range(1, len(parts) + 1):
            name = "/".join(parts[:depth])
            if name in seen:
                continue
            seen.add(name)
            last = depth == len(parts)
            try:
                mode = os.lstat(f"{top}/{name}").st_mode
            except (FileNotFoundError, NotADirectoryError):
                below = ["/".join(parts[:d]) for d in range(depth, len(parts) + 1)]
                missing.update(below[:-1])  # this folder and those to be made in it
                seen.update(below)
                break  # a missing folder holds nothing that could be in the way
            if stat.S_ISLNK(mode) or (stat.S_ISDIR(mode) if last else not stat.S_ISDIR(mode)):
                raise InputError(f"{name} is in the way in the output folder (a link, or a "
                                 f"{'folder' if last else 'file'} where the site needs "
                                 f"{'a file' if last else 'a folder'}); nothing was written",
                                 where=shown)
    return missing


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
