"""The site build's cache on disk (``.pressroom-cache/site-*.json`` in the workspace, beside
the database), so a new ``site build`` process re-reads only what changed since the last build.

It keeps, in JSON (never pickle: reading it runs no code), keyed by the SHA-1 of each release
file's bytes: the parsed YAML document with its line and column marks (the release is validated
from it again on every build, so errors stay located and nothing about what a release *is* is
decided here), the release's summary and its feed entry's HTML (by a digest of its inputs). It also keeps the "in the media" items read from a
SQLite database, keyed by the database file's (mtime_ns, size, inode), its write-ahead log's size,
pressroom.yaml and the public slugs. Nothing here decides what is public: the embargo rule runs
afresh on every build (:mod:`pressroom.site.model`). A cache that cannot be read, or that holds
anything unexpected, is ignored; one that cannot be written is skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pressroom.yamlfile import YamlList, YamlMap

FOLDER = ".pressroom-cache"
RELEASES = "site-releases.json"
MEDIA = "site-media.json"
FORMAT = 1
MAX_BYTES = 1 << 30


class Uncacheable(Exception):
    """A document holding a value the cache does not keep (or a cache entry that is not one)."""


def encode(value: Any) -> Any:
    """A located YAML document as JSON values; raises Uncacheable for types it does not keep."""
    try:
        return _encode(value)
    except (KeyError, RecursionError):
        raise Uncacheable("no marks") from None


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return {"f": repr(value)}
    if isinstance(value, YamlMap):
        return {"m": [[_encode(k), _encode(v), *value.key_marks[k], *value.value_marks[k]]
                      for k, v in value.items()], "@": list(value.mark)}
    if isinstance(value, YamlList):
        return {"l": [_encode(v) for v in value], "@": list(value.mark),
                "i": [list(m) for m in value.item_marks]}
    if isinstance(value, dt.datetime):
        return {"t": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    raise Uncacheable(type(value).__name__)


def decode(value: Any, file: str) -> Any:
    """The release document :func:`encode` kept (a mapping), its locations naming *file*;
    Uncacheable when the entry is not one it wrote. (A well-formed entry is trusted like the
    release file it stands for: the cache lives in the workspace, beside that file.)"""
    if not isinstance(value, dict) or "m" not in value:
        raise Uncacheable("a release's document is a mapping")
    try:
        return _decode(value, file)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, RecursionError):
        raise Uncacheable("not a cache entry") from None


def _decode(value: Any, file: str) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if not isinstance(value, dict):
        raise TypeError(value)
    if "m" in value:
        result = YamlMap()
        result.file, result.mark = file, _mark(value["@"])
        for key, item, kl, kc, vl, vc in value["m"]:
            key = _decode(key, file)
            result[key] = _decode(item, file)
            result.key_marks[key] = _mark((kl, kc))
            result.value_marks[key] = _mark((vl, vc))
        return result
    if "l" in value:
        items = YamlList(_decode(v, file) for v in value["l"])
        items.file, items.mark = file, _mark(value["@"])
        items.item_marks = [_mark(m) for m in value["i"]]
        return items
    if "f" in value:
        return float(value["f"])
    if "t" in value:
        return dt.datetime.fromisoformat(value["t"])
    if "d" in value:
        return dt.date.fromisoformat(value["d"])
    raise ValueError(value)


def _mark(pair: Any) -> tuple[int, int]:
    line, column = pair
    if type(line) is not int or type(column) is not int:
        raise TypeError(pair)
    return (line, column)


def encode_media(items: list[Any]) -> list[list[Any]]:
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


class DiskCache:
    """The cache files of one workspace (releases, media: apart, so a changed release does not
    rewrite the media rows): read once, written back when something new was kept."""

    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder
        self.version = version
        self.docs: dict[str, Any] = {}
        self.summaries: dict[str, str] = {}
        self.bodies: dict[str, str] = {}
        self.media: tuple[str, Any] | None = None
        self.media_digests: dict[int, str] = {}  # each media page's input digest, by year
        self.dirty = False          # the releases file
        self.media_dirty = False
        data = self._read(RELEASES)
        docs, summaries = data.get("docs"), data.get("summaries")
        if isinstance(docs, dict):
            self.docs = docs
        if isinstance(summaries, dict):
            self.summaries = {k: v for k, v in summaries.items() if isinstance(v, str)}
        bodies = data.get("bodies")
        if isinstance(bodies, dict):
            self.bodies = {k: v for k, v in bodies.items() if isinstance(v, str)}
        data = self._read(MEDIA)
        media, digests = data.get("media"), data.get("digests")
        if isinstance(media, list) and len(media) == 2 and isinstance(media[0], str):
            self.media = (media[0], media[1])
        if isinstance(digests, dict):
            try:
                self.media_digests = {int(year): key for year, key in digests.items()
                                      if isinstance(key, str)}
            except ValueError:
                self.media = None

    def _read(self, name: str) -> dict[str, Any]:
        import stat

        path = self.folder / name
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                return {}  # a pipe would block the build; a device or a giant is not ours
            data = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            return {}
        if (not isinstance(data, dict) or data.get("format") != FORMAT
                or data.get("pressroom") != self.version):
            return {}
        return data

    def _write(self, name: str, data: dict[str, Any]) -> bool:
        from pressroom.atomic import write_atomic
        from pressroom.errors import PressroomError

        data = {"format": FORMAT, "pressroom": self.version, **data}
        try:
            write_atomic(self.folder / name, json.dumps(data, ensure_ascii=True,
                                                        separators=(",", ":"), sort_keys=True),
                         sync=False, through=False)
        except (OSError, PressroomError):  # write_atomic names its causes as PressroomErrors
            return False  # a cache that cannot be written is only a slower next build
        return True

    def keep(self, docs: dict[str, Any], summaries: dict[str, str], bodies: dict[str, str]) -> None:
        """Keep exactly these documents, summaries (the current files') and feed entries' HTML,
        and the media rows, writing each file whose content changed."""
        if (docs.keys() != self.docs.keys() or summaries.keys() != self.summaries.keys()
                or bodies.keys() != self.bodies.keys()):
            self.dirty = True
        if self.dirty and self._write(RELEASES, {"docs": docs, "summaries": summaries,
                                                 "bodies": bodies}):
            self.docs, self.summaries, self.bodies, self.dirty = docs, summaries, bodies, False
        if self.media_dirty and self._write(MEDIA, {"media": list(self.media or ()),
                                                    "digests": self.media_digests}):
            self.media_dirty = False
