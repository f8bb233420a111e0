"""Lint for releases: what is valid but probably wrong (``pressroom release check``).

Invalid files are errors (exit 2); findings are ``error`` (exit 2: not fit to go out, such as
placeholder text in an approved release), ``warning`` (exit 1) or ``note`` (informational, does not
fail the check): ``releases/x.yaml:3:11: warning: headline is 112 characters ...``.
The body is copy-edited in AP style by :mod:`pressroom.copyedit` (its findings carry a rule id
and a suggestion, and are located inside the body's block scalar).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pressroom.errors import Location, PressroomError
from pressroom.releases.model import Release

HEADLINE_MAX = 100   # wire services: under about 100 characters
HEADLINE_SOFT = 70   # ... and better under 70
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class Finding:
    where: Location
    level: str  # "error", "warning" or "note"
    message: str
    rule: str = ""
    suggestion: str | None = None         # copy-editing findings: what to write instead
    copyedit: bool = field(default=False, compare=False)
    fixable: bool = field(default=False, compare=False)  # `release check --fix` applies it

    def __str__(self) -> str:
        text = f"{self.where}: {self.level}: {self.message}"
        if self.copyedit:
            if self.suggestion is not None:
                text += f" -> '{self.suggestion}'"
            text += f" [{self.rule}]"
        return text

    def as_json(self) -> dict[str, Any]:
        """The JSON contract of ``release check -f json``."""
        return {"file": self.where.file, "line": self.where.line, "column": self.where.column,
                "rule": self.rule, "severity": self.level, "message": self.message,
                "suggestion": self.suggestion}


@dataclass
class CheckReport:
    checked: int = 0
    findings: list[Finding] = field(default_factory=list)
    errors: list[PressroomError] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "warning"]

    @property
    def failures(self) -> list[Finding]:
        """Findings at level ``error``: the release must not go out as it is."""
        return [f for f in self.findings if f.level == "error"]


def looks_title_case(headline: str) -> bool:
    """Most words of four letters or more capitalised (the first word and acronyms aside)."""
    words = [w for w in _WORD.findall(headline)[1:] if len(re.sub(r"[^A-Za-z]", "", w)) >= 4]
    words = [w for w in words if not w.isupper()]
    capitalised = [w for w in words if w[0].isupper()]
    return len(words) >= 2 and len(capitalised) * 2 > len(words)


def check_release(release: Release, *, now: dt.datetime | None = None,
                  style: Any = None) -> list[Finding]:
    """Lint one release; with *style* (a :class:`pressroom.copyedit.StyleConfig`), copy-edit
    its body too."""
    found: list[Finding] = []

    def add(key: str | Location, level: str, message: str, rule: str = "") -> None:
        where = key if isinstance(key, Location) else release.located(key)
        found.append(Finding(where, level, message, rule))

    length = len(release.headline)
    if length > HEADLINE_MAX:
        add("headline", "warning", f"headline is {length} characters (wire services advise "
                                   f"under {HEADLINE_MAX})", "headline.length")
    elif length > HEADLINE_SOFT:
        add("headline", "note", f"headline is {length} characters (under {HEADLINE_SOFT} reads "
                                "best)", "headline.length")
    if looks_title_case(release.headline):
        add("headline", "warning", "headline looks like Title Case (AP headlines use sentence "
                                   "case: capitalise the first word and proper nouns only)",
            "headline.title-case")
    if not release.contacts:
        add("contact", "warning", "no media contact (add 'contact:' or a default contact in "
                                  "pressroom.yaml)", "contact.missing")
    if release.embargo is not None:
        moment = release.embargo.moment
        if release.embargo.time == dt.time(0, 0):
            add("release", "warning", "an embargo at midnight is ambiguous (use 12:01 a.m.)",
                "embargo.midnight")
        current = now or dt.datetime.now(dt.timezone.utc)
        if release.status != "published" and moment <= current:
            add("release", "warning", f"the embargo ({moment:%Y-%m-%d %H:%M} "
                                      f"{release.embargo.timezone}) is already past", "embargo.past")
    for quote in release.quotes:
        if quote.speaker_id is None and not quote.speaker_title:
            add(quote.where or release.located("quotes"), "warning",
                f"quote by '{quote.speaker_name}', who is not a spokesperson and has no "
                "speaker_title", "quote.unattributed")
    if not release.boilerplate:
        add("boilerplate", "warning", "no boilerplate ('About' paragraph)", "boilerplate.missing")
    if style is not None:
        from pressroom.copyedit.release_body import body_findings

        for item in body_findings(release, style):
            issue = item.issue
            found.append(Finding(item.where, issue.severity, f"{issue.message}: '{issue.found}'",
                                 issue.rule, issue.suggestion, copyedit=True,
                                 fixable=item.fixable))
    found.extend(placeholder_findings(release))
    return found


# Text that `pressroom init` and `pressroom release new` write for the user to replace.
PLACEHOLDERS = ("Write the first paragraph here", "Further paragraphs are Markdown: *emphasis*",
                "Describe the organisation here")


def placeholder_findings(release: Release) -> list[Finding]:
    """Placeholder text left in a release: a warning in a draft, an error once it is approved."""
    level = "warning" if release.status == "draft" else "error"
    fields = {"headline": release.headline, "subhead": release.subhead or "",
              "body": release.body, "boilerplate": release.boilerplate or "",
              "quotes": "\n".join(q.text for q in release.quotes)}
    found: list[Finding] = []
    if not any(phrase.casefold() in text.casefold() for text in fields.values()
               for phrase in PLACEHOLDERS):
        return found  # the common case: the file is not read again
    try:
        lines = release.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):  # it was loaded a moment ago; locate by key then
        lines = []
    for key, text in fields.items():
        for phrase in PLACEHOLDERS:
            if phrase.casefold() not in text.casefold():
                continue
            where = next((Location(release.shown, number, line.casefold().index(
                              phrase.casefold()) + 1)
                          for number, line in enumerate(lines, 1)
                          if phrase.casefold() in line.casefold()), None)
            if where is None and key == "boilerplate":
                message = (f"the workspace's boilerplate (pressroom.yaml, organization: "
                           f"boilerplate) still says '{phrase}'")
            else:
                message = f"placeholder text left in the {key}: '{phrase} ...'"
            if level == "error":
                message += f" (the release is {release.status})"
            found.append(Finding(where or release.located(key), level, message, "placeholder.text"))
    return found


def check_releases(paths: Iterable[str | Path] | None, workspace: Any, *,
                   now: dt.datetime | None = None, body_rules: bool = True) -> CheckReport:
    """Validate and lint the releases named by *paths* (paths or slugs), or all of them; with
    *body_rules*, copy-edit their bodies in the workspace's house style."""
    from pressroom.releases.load import find_release, load_many, release_files

    report = CheckReport()
    if paths is None:
        files = release_files(workspace)
    else:
        files = []
        for item in paths:
            try:
                files.append(find_release(item, workspace))
            except PressroomError as exc:
                report.errors.append(exc)
    releases, errors = load_many(files, workspace)
    report.errors.extend(errors)
    report.checked = len(files)
    style = None
    if body_rules:
        from pressroom.copyedit import workspace_style

        style = workspace_style(workspace)
    report.releases = releases
    for release in releases:
        report.findings.extend(check_release(release, now=now, style=style))
    return report


def fix_releases(report: CheckReport, workspace: Any, *, write: bool = True) -> list[Any]:
    """Apply the safe copy-editing fixes of *report* to the release files (atomically, keeping
    everything else in each file as it was); the :class:`pressroom.copyedit.release_body.FileFix`
    of every changed file, in order. With ``write=False`` nothing is written (a dry run)."""
    from pressroom.copyedit import workspace_style
    from pressroom.copyedit.files import write_fixed
    from pressroom.copyedit.release_body import fix_file

    style = workspace_style(workspace)
    fixable = {f.where.file for f in report.findings if f.fixable}
    changes = []
    for release in report.releases:
        if release.shown not in fixable:
            continue
        change = fix_file(release.path, release.shown, style)
        if change is None:
            continue
        if write:
            write_fixed(release.path, release.shown, change.after)
        changes.append(change)
    return changes
