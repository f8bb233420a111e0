"""The site build's cache on disk (``.pressroom-cache/site-*.json`` in the workspace, beside the
database), so a new ``site build`` process reads and renders only what changed since the last one.

Two JSON files (never pickle: reading them runs no code):

- ``site-index.json``: per release file, its stamp (mtime_ns, size, inode) and SHA-1, and what the
  lists, feeds and the embargo rule read of the release (headline, status, embargo, tags, subhead,
  summary, two locations); the feed entries' HTML by a digest of their inputs. It holds only for
  the pressroom.yaml and pressroom version it was written with. A release file whose stamp matches
  is not read: it stands in the build as a :class:`CachedRelease`, which loads (and validates) the
  file the moment anything else of it is asked for. A release file that changed is read, parsed
  and validated in full, its errors located as ever.
- ``site-media.json``: the "in the media" rows' key (the SQLite files' stamps, pressroom.yaml, the
  public slugs), each year page's input digest, the years, and the newest rows (home page, feeds).
  Every row is read again from the database only when a media page has to be rendered (writing
  them all here cost the full build more than reading them costs the rare rebuild that needs
  them).

Nothing here decides what is public: the embargo rule runs afresh on every build
(:mod:`pressroom.site.model`) on the status and embargo of every release.

The cache lives in the workspace and is not trusted: each file starts with an HMAC of its content
under a key kept in the user's own cache folder (``$XDG_CACHE_HOME/pressroom``, made 0600), so a
file edited by hand, damaged, or brought from elsewhere is ignored, and so is any entry that is
not exactly what this module writes. Ignoring costs only time (a full build); a cache that cannot
be written, or no key, likewise.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Callable

from pressroom.errors import Location
from pressroom.releases.model import STATUSES, Embargo

FOLDER = ".pressroom-cache"
INDEX = "site-index.json"
MEDIA = "site-media.json"
RETIRED = ("site-releases.json",)  # an earlier format's, removed when the index is written
FORMAT = 2
MAX_BYTES = 1 << 30
KEY_BYTES = 32
HEAD = 50  # media rows kept in site-media.json: the feeds' and the home page's


class Uncacheable(Exception):
    """A cache entry that is not one this module wrote."""


# ---- the key --------------------------------------------------------------------------------

def user_key() -> bytes | None:
    """The user's cache key (made on first use), or None where it cannot be had."""
    import stat

    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(home) / "pressroom" / "site-cache-key"
    for _attempt in range(2):
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            try:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue  # another process made it: read that one
            except OSError:
                return None
            try:
                os.write(fd, os.urandom(KEY_BYTES))
            finally:
                os.close(fd)
            continue
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if (not stat.S_ISREG(info.st_mode) or info.st_mode & 0o077
                    or info.st_uid != os.getuid()):
                return None  # another user's key, or one others can read, is no secret
            key = os.read(fd, KEY_BYTES + 1)
        except OSError:
            return None
        finally:
            os.close(fd)
        return key if len(key) == KEY_BYTES else None
    return None


def _mac(key: bytes, payload: bytes) -> bytes:
    import hashlib
    import hmac

    return hmac.new(key, payload, hashlib.sha256).hexdigest().encode("ascii")


# ---- releases ---------------------------------------------------------------------------------

class CachedRelease:
    """A release file unchanged since the last build (same stamp, same pressroom.yaml), as the
    index describes it: the fields lists, feeds and the embargo rule read. Anything else (its
    body, quotes, dateline, ...) loads the release from its file, validated in full, on first
    use; so a template asking for more than the index keeps still gets the release itself."""

    def __init__(self, *, slug: str, path: Path, shown: str, date: dt.date, headline: str,
                 status: str, embargo: Any, tags: tuple[str, ...], subhead: str | None,
                 where: dict[str, Any], load: Callable[[], Any]) -> None:
        self.slug, self.path, self.shown, self.date = slug, path, shown, date
        self.headline, self.status, self.embargo, self.tags = headline, status, embargo, tags
        self.subhead = subhead
        self._where = where
        self._load = load
        self._release: Any = None

    def release(self) -> Any:
        if self._release is None:
            self._release = self._load()
        return self._release

    def located(self, key: str) -> Location:
        return Location(self.shown, *self._where.get(key, (1, 1)))

    def __getattr__(self, name: str) -> Any:  # only what is not set above
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.release(), name)

    def __repr__(self) -> str:
        return repr(self.release())


def index_entry(stamp: tuple, sha: str, release: Any, summary: str | None,
                kept: Any = None) -> list[Any]:
    """What the index keeps of a release (read back by :func:`cached_release`): *kept*, the
    entry the release was read from, when it still says all of that."""
    if (isinstance(release, CachedRelease) and isinstance(kept, list) and len(kept) == 13
            and kept[3] == sha and kept[9] == summary):
        return kept
    embargo = release.embargo
    where = [[spot.line, spot.column] if spot.line and spot.column else None
             for spot in (release.located("headline"), release.located("tags"))]
    return [*stamp, sha, release.headline, release.status,
            None if embargo is None else [embargo.date.isoformat(), embargo.time.isoformat(),
                                          embargo.timezone, embargo.time_given, embargo.fold],
            list(release.tags), release.subhead, summary, *where]


def cached_release(entry: Any, stamp: tuple, *, path: Path, shown: str, slug: str,
                   day: dt.date, load: Callable[[], Any]) -> tuple[CachedRelease, str, str | None]:
    """(the release, its file's SHA-1, its summary) from an index entry whose stamp is *stamp*;
    Uncacheable for anything else."""
    try:
        (mtime, size, inode, sha, headline, status, embargo, tags, subhead, summary,
         at_headline, at_tags) = entry
        if (mtime, size, inode) != stamp or type(sha) is not str or len(sha) != 40:
            raise Uncacheable("another version of the file")
        _check(type(headline) is str and status in STATUSES and type(tags) is list
               and all(type(t) is str for t in tags)
               and (subhead is None or type(subhead) is str)
               and (summary is None or type(summary) is str))
        if embargo is not None:
            date, time, zone, given, fold = embargo
            _check(type(zone) is str and type(given) is bool and fold in (0, 1))
            embargo = Embargo(dt.date.fromisoformat(date), dt.time.fromisoformat(time), zone,
                              given, fold)
            embargo.moment  # an unknown zone fails here, not in the middle of a page
        where = {}
        for key, spot in (("headline", at_headline), ("tags", at_tags)):
            if spot is not None:
                line, column = spot
                _check(type(line) is int and type(column) is int)
                where[key] = spot
    except (TypeError, ValueError, KeyError, OSError):  # a wrong shape, type, date or zone
        raise Uncacheable("not an index entry") from None
    release = CachedRelease(slug=slug, path=path, shown=shown, date=day, headline=headline,
                            status=status, embargo=embargo, tags=tuple(tags), subhead=subhead,
                            where=where, load=load)
    return release, sha, summary


def _check(condition: bool) -> None:
    if not condition:
        raise Uncacheable("not an index entry")


# ---- media ------------------------------------------------------------------------------------

def encode_media(items: Sequence[Any]) -> list[list[Any]]:
    return [[m.id, m.published.isoformat(), m.outlet, m.outlet_type, m.title, m.link, m.quote,
             m.speaker, m.excerpt, m.lead, m.release] for m in items]


def decode_media(rows: Any) -> list[Any]:
    from pressroom.site.model import MediaItem

    try:
        items = []
        for (id_, published, outlet, outlet_type, title, link, quote, speaker, excerpt, lead,
             release) in rows:
            for text in (outlet, title, lead):
                if not isinstance(text, str):
                    raise TypeError(text)
            for text in (outlet_type, link, quote, speaker, excerpt, release):
                if text is not None and not isinstance(text, str):
                    raise TypeError(text)
            if type(id_) is not int:
                raise TypeError(id_)
            items.append(MediaItem(id_, dt.date.fromisoformat(published), outlet, outlet_type,
                                   title, link, quote, speaker, excerpt, lead, release))
        return items
    except (TypeError, ValueError):
        raise Uncacheable("not a cache entry") from None


class CachedMedia(Sequence):
    """The "in the media" items as the cache keeps them: the newest ones at hand, every one read
    (by *everything*, from the database) only when something goes past them."""

    def __init__(self, head: list[Any], count: int, everything: Callable[[], list[Any]]) -> None:
        self._head, self._count, self._everything = head, count, everything
        self._all: list[Any] | None = None

    def all(self) -> list[Any]:
        if self._all is None:
            self._all = self._everything()
        return self._all

    def __len__(self) -> int:
        return len(self.all()) if self._all is not None else self._count

    def __getitem__(self, index: Any) -> Any:
        if (isinstance(index, slice) and index.step is None and (index.start or 0) >= 0
                and index.stop is not None and 0 <= index.stop <= len(self._head)):
            return self._head[index]
        return self.all()[index]

    def __iter__(self) -> Any:
        return iter(self.all())

    def __repr__(self) -> str:
        return repr(self.all())


# ---- the files --------------------------------------------------------------------------------

class DiskCache:
    """The cache files of one workspace: each read when first needed, written back when what it
    holds changed."""

    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder
        self.version = version
        self._key: bytes | None | bool = False  # False: not looked up yet

    def key(self) -> bytes | None:
        if self._key is False:
            self._key = user_key()
        return self._key  # type: ignore[return-value]

    def read(self, name: str) -> dict[str, Any]:
        """The content of cache file *name*, or {} when it is missing, odd, or not ours."""
        import stat

        key = self.key()
        if key is None:
            return {}
        path = self.folder / name
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return {}
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                return {}  # a pipe would block the build; a device or a giant is not ours
            with os.fdopen(os.dup(fd), "rb") as handle:
                raw = handle.read()
        except OSError:
            return {}
        finally:
            os.close(fd)
        mac, _, payload = raw.partition(b"\n")
        import hmac

        if not hmac.compare_digest(mac, _mac(key, payload)):
            return {}
        try:
            data = json.loads(payload)
        except (ValueError, RecursionError):
            return {}
        if (not isinstance(data, dict) or data.get("format") != FORMAT
                or data.get("pressroom") != self.version):
            return {}
        return data

    def write(self, name: str, data: dict[str, Any]) -> bool:
        from pressroom.atomic import write_atomic
        from pressroom.errors import PressroomError

        key = self.key()
        if key is None:
            return False
        payload = json.dumps({"format": FORMAT, "pressroom": self.version, **data},
                             ensure_ascii=True, separators=(",", ":")).encode("ascii")
        try:
            write_atomic(self.folder / name, _mac(key, payload) + b"\n" + payload, sync=False,
                         through=False)
        except (OSError, PressroomError):  # write_atomic names its causes as PressroomErrors
            return False  # a cache that cannot be written is only a slower next build
        return True

    def retire(self) -> None:
        """Remove an earlier format's files (regular files only)."""
        for name in RETIRED:
            path = self.folder / name
            try:
                if path.is_file() and not path.is_symlink():
                    path.unlink()
            except OSError:
                pass
