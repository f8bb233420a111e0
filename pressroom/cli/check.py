"""`pressroom check`: validate the whole workspace and list every problem with its place."""

from __future__ import annotations

import typer


def check() -> None:
    """Check the whole workspace: pressroom.yaml, releases, templates and the database.

    Every problem is listed with its place (file:line:column), not only the first. Exit status:
    0 clean (notes allowed), 1 warnings only, 2 errors."""
    from pressroom.console import stdout
    from pressroom.workspace import current_workspace
    from pressroom.workspace_check import check_workspace

    report = check_workspace(current_workspace())
    out = stdout()
    for problem in report.problems:
        out.write(f"{problem}\n")
    looked = ", ".join(what if what in ("pressroom.yaml", "database") else
                       f"{n} {what if n != 1 else what[:-1]}" for what, n in report.checked.items())
    errors, warnings = report.count("error"), report.count("warning")
    out.write(f"{'ok' if not errors and not warnings else 'found'}: "
              f"{errors} error{'' if errors == 1 else 's'}, {warnings} warning"
              f"{'' if warnings == 1 else 's'} (checked {looked or 'nothing'})\n")
    if report.exit_status:
        raise typer.Exit(report.exit_status)
