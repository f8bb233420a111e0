"""``pressroom check``: the whole workspace validated at once, every problem with its place.

Commands validate what they read, and stop at the first mistake; a section no command of the day
reads (a conference's ``events:``, the ``mail:`` settings) could stay wrong for months. This checks
everything a command could trip on, and goes on after each problem:

- ``pressroom.yaml``: the file itself, then each event of ``events:`` on its own (so two bad events
  are two problems) and the ``mail:`` settings, through their owners' parsers;
- every release: invalid files, and ``release check``'s findings;
- every template of the workspace's ``templates/`` folder, compiled through
  :class:`pressroom.templating.Templates` with the filters releases, mail and the digest provide;
- the database: reachable, and its migrations (pending ones are applied by the next command that
  opens it; one this version does not know means a newer pressroom upgraded it).

Nothing is written: the database is opened without migrating, and a missing SQLite file is not
created.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressroom.errors import Location, PressroomError

LEVELS = ("error", "warning", "note")


@dataclass(frozen=True)
class Problem:
    where: Location | str | None
    level: str  # error, warning or note
    message: str

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where not in (None, "") else ""
        return f"{place}{self.level}: {self.message}"


@dataclass
class WorkspaceReport:
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # what was looked at, and how many

    def add_error(self, exc: PressroomError) -> None:
        self.problems.append(Problem(exc.where, "error", exc.message))

    def count(self, level: str) -> int:
        return sum(1 for p in self.problems if p.level == level)

    @property
    def exit_status(self) -> int:
        """2 with any error, 1 with warnings only, else 0 (as ``release check``)."""
        return 2 if self.count("error") else 1 if self.count("warning") else 0


def check_workspace(workspace: Any) -> WorkspaceReport:
    report = WorkspaceReport()
    config_ok = _check_config(workspace, report)
    if config_ok:
        _check_releases(workspace, report)
    _check_templates(workspace, report)
    if config_ok:
        _check_database(workspace, report)
    else:
        report.problems.append(Problem(workspace.shown(workspace.config_path), "note",
                                       "releases and the database not checked: pressroom.yaml "
                                       "must be valid first"))
    return report


def _check_config(workspace: Any, report: WorkspaceReport) -> bool:
    try:
        config = workspace.config
    except PressroomError as exc:
        report.add_error(exc)
        return False
    report.checked["pressroom.yaml"] = 1
    shown = workspace.shown(workspace.config_path)
    report.checked["events"] = _check_events(config, shown, report)
    from pressroom.mail.settings import parse_mail_settings

    try:
        parse_mail_settings(config.section("mail"), shown)
    except PressroomError as exc:
        report.add_error(exc)
    return True


def _check_events(config: Any, shown: str, report: WorkspaceReport) -> int:
    """Each event on its own, so that every bad one is reported; then duplicate ids."""
    from pressroom.events import parse_event, parse_events
    from pressroom.yamlfile import YamlList, require_map

    section = config.section("events")
    if not isinstance(section, YamlList):
        try:
            parse_events(section, config, shown)  # absent (fine) or not a list (its error)
        except PressroomError as exc:
            report.add_error(exc)
        return 0
    seen: dict[str, Any] = {}
    for index, item in enumerate(section):
        try:
            event = parse_event(require_map(item, "each event", section.where(index)), config)
        except PressroomError as exc:
            report.add_error(exc)
            continue
        if event.id in seen:
            report.problems.append(Problem(item.where("id"), "error",
                                           f"duplicate event id '{event.id}' (first at "
                                           f"{seen[event.id]})"))
        else:
            seen[event.id] = item.where("id")
    return len(section)


def _check_releases(workspace: Any, report: WorkspaceReport) -> None:
    from pressroom.releases import check_releases

    result = check_releases(None, workspace)
    report.checked["releases"] = result.checked
    for exc in result.errors:
        report.add_error(exc)
    report.problems.extend(Problem(f.where, f.level, f.message) for f in result.findings)


def template_filters() -> dict[str, Any]:
    """Every filter pressroom's own templates use (Jinja2 checks filter names when compiling)."""
    from pressroom.digest.render import digest_filters
    from pressroom.releases.render import release_filters

    return {**release_filters(), **digest_filters()}


def _check_templates(workspace: Any, report: WorkspaceReport) -> None:
    folder = workspace.templates_dir
    if not folder.is_dir():
        report.checked["templates"] = 0
        return
    from pressroom.templating import Templates

    templates = Templates(workspace, template_filters())
    names = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.j2")
                   if path.is_file())
    for name in names:
        try:
            templates.get(name)
        except PressroomError as exc:
            if exc.where is None:
                exc.located(Location(workspace.shown(folder / name)))
            report.add_error(exc)
    report.checked["templates"] = len(names)


def _check_database(workspace: Any, report: WorkspaceReport) -> None:
    from pressroom.store import database_url

    try:
        url = database_url(workspace)
    except PressroomError as exc:
        report.add_error(exc)
        return
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        report.problems.append(Problem("database", "note", "no database yet (pressroom.db is made by "
                                                     "the first command that logs something)"))
        return
    from sqlalchemy.exc import SQLAlchemyError

    from pressroom.store import open_store
    from pressroom.store.migrations import applied, available

    try:
        with open_store(workspace, migrate=False) as store, store.connect() as conn:
            done = applied(conn)
    except PressroomError as exc:  # the store names the database and what to do
        report.add_error(exc.located("database"))
        return
    except SQLAlchemyError as exc:  # unreachable, refused, not a database
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        report.problems.append(Problem("database", "error", f"cannot use it: {reason}"))
        return
    report.checked["database"] = 1
    known = [name for name, _ in available()]
    pending = [name for name in known if name not in done]
    unknown = sorted(done - set(known))
    if pending:
        report.problems.append(Problem("database", "note",
                                       f"the database has {len(pending)} pending migration"
                                       f"{'' if len(pending) == 1 else 's'} ({', '.join(pending)}): "
                                       "the next command that opens it applies them"))
    if unknown:
        report.problems.append(Problem("database", "warning",
                                       "the database was upgraded by a newer pressroom (migrations "
                                       f"{', '.join(unknown)}): upgrade pressroom before using it"))
