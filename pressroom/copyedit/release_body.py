"""The copy editor on release files: findings located inside ``body:``, and ``--fix`` in place.

:func:`body_findings` checks a loaded release's body and locates each issue at its line and
column in the YAML file (inside the block scalar); when the value cannot be mapped exactly, at
the ``body`` value itself, and with no fix. :func:`fix_file` applies the safe fixes to the file's
text and returns the new text, which the caller writes atomically (or only shows).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressroom.copyedit.check import Issue, apply_issues, check_text
from pressroom.copyedit.config import StyleConfig
from pressroom.copyedit.files import FileFix
from pressroom.copyedit.yamlbody import (ValueMap, apply_edits, file_edits, locate_issue,
                                         locate_value, reread_value)
from pressroom.errors import Location

KEY = "body"


@dataclass(frozen=True)
class BodyFinding:
    where: Location
    issue: Issue
    fixable: bool  # safe, and it maps onto one line of the file


def _mark(location: Location | None) -> tuple[int, int] | None:
    if location is None or location.line is None or location.column is None:
        return None
    return location.line, location.column


def body_findings(release: Any, style: StyleConfig) -> list[BodyFinding]:
    """The copy-editing findings in *release*'s body, located in its file."""
    body = release.body
    issues = check_text(body, style) if body else []
    if not issues:
        return []
    fallback = release.located(KEY)
    text, value_map = _map(release, _mark(release.where.get(KEY)), body)
    found = []
    for issue in issues:
        where, in_place = locate_issue(release.shown, text, value_map, fallback, issue.start,
                                       issue.end)
        found.append(BodyFinding(where, issue, issue.safe and in_place))
    return found


def _map(release: Any, mark: tuple[int, int] | None, body: str) -> tuple[str, ValueMap | None]:
    """The release file's text (as it was loaded, else read again) and its body's map."""
    if mark is None:
        return "", None
    text = release.source
    if text is None:
        from pressroom.textfile import read_text

        text = read_text(release.path, release.shown)
    return text, locate_value(text, mark, body)


def fix_file(path: Path, shown: str, style: StyleConfig, passes: int = 3) -> FileFix | None:
    """The file's text with every safe, mappable fix in its body applied (None: nothing to fix).

    One fix can reveal another ($1,000,000.00), so it runs up to *passes* times. The new text is
    re-read as YAML and its body must be exactly the old body with the fixes applied; a file for
    which that does not hold is left alone."""
    from pressroom.textfile import read_text
    from pressroom.yamlfile import get_str, load_yaml_text

    before = text = read_text(path, shown)
    fixed = 0
    for _ in range(passes):
        doc = load_yaml_text(text, shown)
        if not isinstance(doc, dict) or not isinstance(doc.get(KEY), str):
            break
        body = get_str(doc, KEY) or ""
        issues = check_text(body, style)
        value_map = locate_value(text, doc.value_marks[KEY], body)
        changes = [(i.start, i.end, i.suggestion or "") for i in issues if i.safe]
        edits = file_edits(text, value_map, changes)
        if not edits:
            break
        mapped = {(s, e) for s, e, _r in edits}
        applied = [i for i in issues if i.safe and value_map is not None
                   and value_map.file_span(i.start, i.end) in mapped]
        expected_body, _ = apply_issues(body, applied)
        candidate = apply_edits(text, edits)
        reread = reread_value(candidate, shown, KEY)
        if not isinstance(reread, str) or reread.strip() != expected_body.strip():
            break  # the edit would not give the value we meant: leave the file alone
        text = candidate
        fixed += len(edits)
    if text == before:
        return None
    return FileFix(path, shown, before, text, fixed)
