"""``pressroom release new``: write a new release file from a few answers. Never overwrites.

The text is validated as a release before anything is written, so a new file always loads.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressroom.errors import InputError, Location

SLUG_WORDS = 8
SLUG_MAX = 60


@dataclass
class NewRelease:
    headline: str
    date: str | dt.date | None = None   # default: today in the workspace's time zone
    slug: str | None = None             # default: from the headline
    city: str | None = None             # default: the organization's (no dateline key written)
    state: str | None = None
    country: str | None = None
    status: str = "draft"
    contact: str | None = None          # default: the workspace's default contact


def slugify(text: str) -> str:
    """``NASRO applauds Baltimore's school board`` → ``nasro-applauds-baltimores-school-board``."""
    from pressroom.apstyle.places import strip_diacritics

    words = re.findall(r"[a-z0-9]+", strip_diacritics(text).lower().replace("'", "").replace("’", ""))
    words = words[:SLUG_WORDS]
    while len(words) > 1 and words[-1] in _TRAILING:  # "...-officer-of-the" reads cut off
        words.pop()
    slug = "-".join(words)[:SLUG_MAX].strip("-")
    return slug or "release"


_TRAILING = frozenset("a an and as at by for from in of on or the to with".split())


def _scalar(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars


def release_text(answers: NewRelease, day: dt.date) -> str:
    if not answers.headline or not answers.headline.strip():
        raise InputError("a release needs a headline (--headline)")
    lines = [
        "# A press release: see README.md, 'The release file'. Check it with 'pressroom release check'.",
        f"headline: {_scalar(' '.join(answers.headline.split()))}",
        "# subhead: One line under the headline",
        f"date: {day.isoformat()}",
    ]
    if answers.city:
        lines += ["dateline:", f"  city: {_scalar(answers.city)}"]
        if answers.state:
            lines.append(f"  state: {_scalar(answers.state)}")
        if answers.country:
            lines.append(f"  country: {_scalar(answers.country)}")
    else:
        lines.append("# dateline: {city: Hoover, state: Ala.}   (default: the organization's city)")
    lines.append(f"status: {_scalar(answers.status)}")
    if answers.contact:
        lines.append(f"contact: {_scalar(answers.contact)}")
    else:
        lines.append("# contact: an id from pressroom.yaml's contacts (default: defaults.contact)")
    lines += [
        "# release:            (default: immediate)",
        "#   embargo: {date: 2024-09-05, time: \"10:00\", timezone: America/New_York}",
        "body: |",
        "  Write the first paragraph here; the dateline runs into it.",
        "",
        "  Further paragraphs are Markdown: *emphasis*, [links](https://example.org), lists.",
        "# quotes:",
        "#   - speaker: a spokesperson id or name from pressroom.yaml",
        "#     text: What they said, without quotation marks.",
        "tags: []",
    ]
    return "\n".join(lines) + "\n"


def new_release(workspace: Any, answers: NewRelease) -> Path:
    """Create ``releases/<date>-<slug>.yaml``; returns its path."""
    from pressroom.atomic import create_exclusive
    from pressroom.clock import today
    from pressroom.releases.load import (FILE_NAME, ReleaseLoader, check_slug, release_files)
    from pressroom.yamlfile import load_yaml_text, parse_date

    day = parse_date(answers.date, what="--date") if answers.date else today(workspace)
    slug = check_slug(answers.slug) if answers.slug else slugify(answers.headline or "")
    if FILE_NAME.match(slug + ".yaml"):  # the slug was given with its date: keep the date apart
        slug = FILE_NAME.match(slug + ".yaml").group(2)  # type: ignore[union-attr]
    path = workspace.releases_dir / f"{day.isoformat()}-{slug}.yaml"
    shown = workspace.shown(path)
    for existing in release_files(workspace):
        match = FILE_NAME.match(existing.name)
        if existing.name == path.name or (match and match.group(2) == slug):
            raise InputError(f"a release with slug '{slug}' already exists "
                             f"({workspace.shown(existing)}); choose another --slug",
                             where=Location(shown))
    text = release_text(answers, day)
    ReleaseLoader(workspace).parse(load_yaml_text(text, shown), path=path, shown=shown,
                                   file_date=day, slug=slug)
    if not create_exclusive(path, text):
        raise InputError("already exists; not overwritten", where=Location(shown))
    return path
