"""The ``site:`` section of ``pressroom.yaml``::

    site:
      base_url: https://www.nasro.org/newsroom/   # where the site is served (absolute http(s))
      title: NASRO newsroom                       # default: "<short name> newsroom"
      description: News releases and media coverage of NASRO.
      in_the_media: newsroom                      # a mention tag, or `all` (every quoted mention)
      output: site                                # the folder `site build` writes (default site/)

Validated strictly: unknown keys and wrong types are errors located at ``pressroom.yaml:line:col``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pressroom.errors import InputError, Location
from pressroom.yamlfile import check_keys, get_str, require_map

KEYS = ("base_url", "title", "description", "in_the_media", "output")
DEFAULT_TAG = "newsroom"
ALL = "all"


@dataclass(frozen=True)
class SiteSettings:
    base_url: str | None
    title: str
    description: str
    in_the_media: str   # a tag, or "all"
    output: str


def check_base_url(value: str, where: Location | str | None = None) -> str:
    """An absolute http(s) URL, ending with ``/`` (pages are placed under it)."""
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.netloc
            or parts.query or parts.fragment or any(ch.isspace() or ord(ch) < 32 or ch in "<>\"'`\\"
                                                    for ch in value)):
        raise InputError(f"'{value}' is not an absolute http(s) URL like "
                         "https://www.example.org/newsroom/", where=where)
    return text if text.endswith("/") else text + "/"


def parse_site_settings(section: Any, organization: Any, file: str = "pressroom.yaml") -> SiteSettings:
    name = organization.short_name or organization.name
    if section is None:
        return SiteSettings(None, f"{name} newsroom", f"News releases and media coverage of {name}.",
                            DEFAULT_TAG, "site")
    where = getattr(section, "where", None)
    mapping = require_map(section, "'site'", where() if where else Location(file))
    check_keys(mapping, KEYS, what="'site'")
    base = get_str(mapping, "base_url", multiline=False)
    title = get_str(mapping, "title", default=f"{name} newsroom", multiline=False) or ""
    description = get_str(mapping, "description",
                          default=f"News releases and media coverage of {name}.") or ""
    tag = get_str(mapping, "in_the_media", default=DEFAULT_TAG, multiline=False) or DEFAULT_TAG
    if tag != ALL:
        from pressroom.mentions.records import clean_tags

        tag = clean_tags([tag])[0]  # tags are stored folded: `Newsroom` means newsroom
    output = get_str(mapping, "output", default="site", multiline=False) or "site"
    return SiteSettings(check_base_url(base, mapping.where("base_url")) if base else None,
                        " ".join(title.split()), " ".join(description.split()), tag, output)


def load_site_settings(workspace: Any) -> SiteSettings:
    config = workspace.config
    return parse_site_settings(config.section("site"), config.organization,
                               workspace.shown(workspace.config_path))
