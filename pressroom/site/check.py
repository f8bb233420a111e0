"""The site's own link check (``site build --check``): every internal link and asset resolves.

Links are read from ``href`` and ``src`` attributes with the standard library's HTML parser. A
relative link (or an absolute one under the site's base URL) must name a file of the site, a
folder's ``index.html``, and, with a ``#fragment``, an element with that id. Links elsewhere
(http(s) to other sites, ``mailto:``, ``tel:``, ``data:``) are not followed.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Mapping
from urllib.parse import unquote, urlsplit

EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "data")


@dataclass(frozen=True)
class Broken:
    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: '{self.link}' {self.reason}"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "link" and (values.get("rel") or "") == "canonical":
            return  # absolute by design; checked below as a base-URL link would be
        for name in ("href", "src"):
            value = values.get(name)
            if value is not None:
                self.links.append(value)


def _parse(data: bytes) -> _Links:
    parser = _Links()
    parser.feed(data.decode("utf-8", "replace"))
    parser.close()
    return parser


def check_files(files: Mapping[str, bytes], base_url: str | None = None) -> list[Broken]:
    """Broken internal links among *files* (site path -> bytes)."""
    parsed = {path: _parse(data) for path, data in files.items() if path.endswith(".html")}
    broken: list[Broken] = []
    for page, links in sorted(parsed.items()):
        folder = posixpath.dirname(page)
        for link in links.links:
            target = link.strip()
            if base_url and target.startswith(base_url):
                target = "/" + target[len(base_url):]
                relative_to = ""
            else:
                relative_to = folder
            try:
                parts = urlsplit(target)
            except ValueError:
                broken.append(Broken(page, link, "is not a valid address"))
                continue
            if parts.scheme or parts.netloc:
                if parts.scheme.lower() not in EXTERNAL_SCHEMES:
                    broken.append(Broken(page, link, f"uses the scheme '{parts.scheme}'"))
                continue
            path = unquote(parts.path)
            if not path:
                resolved = page
            else:
                joined = posixpath.normpath(posixpath.join(relative_to, path.lstrip("/")
                                                           if path.startswith("/") else path))
                if joined.startswith("../") or joined == "..":
                    broken.append(Broken(page, link, "leaves the site"))
                    continue
                resolved = joined if not path.endswith("/") else posixpath.join(joined, "index.html")
                if resolved == ".":
                    resolved = "index.html"
                if resolved not in files and posixpath.join(resolved, "index.html") in files:
                    resolved = posixpath.join(resolved, "index.html")
            if resolved not in files:
                broken.append(Broken(page, link, "does not resolve to a file of the site"))
            elif parts.fragment and resolved in parsed and unquote(parts.fragment) not in parsed[resolved].ids:
                broken.append(Broken(page, link, f"names no element with id '{parts.fragment}'"))
    return broken


def read_site(folder: Path) -> dict[str, bytes]:
    """Every regular file under *folder* as site path -> bytes (links are not followed)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            files[path.relative_to(folder).as_posix()] = path.read_bytes()
    return files


def check_folder(folder: Path, base_url: str | None = None) -> list[Broken]:
    return check_files(read_site(folder), base_url)
