"""Shell completion: the root's ``--install-completion`` / ``--show-completion`` for bash, zsh
and fish, and the values completed from the workspace (release slugs, event ids, spokesperson
ids) and its database (outlet names).

Nothing here runs unless the shell asks (``_PRESSROOM_COMPLETE`` set) or the user installs the
script, so ``pressroom --version`` pays nothing for it. Completing a value never fails loudly: a
missing workspace, a bad ``pressroom.yaml`` or an unreachable database completes nothing.
"""

from __future__ import annotations

import os
from typing import Any

import typer

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_PRESSROOM_COMPLETE"
OUTLETS_SHOWN = 200     # names offered at most (a shell shows a screenful anyway)
DB_TIMEOUT_S = 0.5      # a locked SQLite or slow PostgreSQL completes nothing rather than hang


def _shell(value: str) -> str:
    if value:
        shell = value.lower()
    else:
        from typer._completion_shared import _get_shell_name

        shell = _get_shell_name() or os.path.basename(os.environ.get("SHELL", ""))
    if shell not in SHELLS:
        raise typer.BadParameter(f"{shell or 'this shell'} is not supported; one of: {', '.join(SHELLS)}")
    return shell


def show(ctx: Any, value: str) -> None:
    """``--show-completion [SHELL]``: print the script to put in the shell's start-up file."""
    if ctx.resilient_parsing:
        return
    from typer._completion_shared import get_completion_script

    typer.echo(get_completion_script(prog_name="pressroom", complete_var=COMPLETE_VAR,
                                     shell=_shell(value)))
    raise typer.Exit()


def install(ctx: Any, value: str) -> None:
    """``--install-completion [SHELL]``: add the script to the shell's start-up files."""
    if ctx.resilient_parsing:
        return
    from typer._completion_shared import install as install_script

    shell, path = install_script(shell=_shell(value), prog_name="pressroom",
                                 complete_var=COMPLETE_VAR)
    typer.echo(f"{shell} completion installed in {path}; it works in new terminals")
    raise typer.Exit()


def prepare() -> None:
    """Register Typer's bash, zsh and fish completion classes (before answering the shell)."""
    from typer._completion_classes import completion_init

    completion_init()


# --- values (Typer passes the context and the word typed so far) --------------------------------------------------------------------------------


def _workspace(ctx: Any):  # noqa: ANN202
    from pressroom.errors import PressroomError
    from pressroom.workspace import find_workspace

    root = ctx.find_root().params.get("workspace")
    try:
        return find_workspace(root)
    except PressroomError:
        return None


def _matching(values: Any, incomplete: str) -> list[str]:
    folded = incomplete.casefold()
    return sorted({v for v in values if v and v.casefold().startswith(folded)}, key=str.casefold)


def release_slugs(ctx: typer.Context, incomplete: str) -> list[str]:
    from pressroom.releases.load import release_slugs as slugs

    workspace = _workspace(ctx)
    return _matching(slugs(workspace), incomplete) if workspace else []


def _config(ctx: Any):  # noqa: ANN202
    from pressroom.errors import PressroomError

    workspace = _workspace(ctx)
    if workspace is None:
        return None, None
    try:
        return workspace, workspace.config
    except PressroomError:
        return None, None


def event_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from pressroom.errors import PressroomError
    from pressroom.events import load_events

    workspace, config = _config(ctx)
    if config is None:
        return []
    try:
        return _matching((e.id for e in load_events(workspace)), incomplete)
    except PressroomError:
        return []


def spokesperson_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    _, config = _config(ctx)
    return _matching((p.id for p in config.spokespeople), incomplete) if config else []


def contact_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    _, config = _config(ctx)
    return _matching((c.id for c in config.contacts), incomplete) if config else []


def outlet_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Outlet names from the database, read directly (no SQLAlchemy, no migrations): quick, and
    nothing at all when the database is missing, locked, unreachable or not pressroom's."""
    from pressroom.errors import PressroomError
    from pressroom.store import database_url

    workspace, _ = _config(ctx)
    try:
        url = database_url(workspace) if workspace else None
    except PressroomError:
        return []
    if not url:
        return []
    pattern = incomplete.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = ("SELECT name FROM outlets WHERE name LIKE {p} ESCAPE '\\' ORDER BY name LIMIT "
             f"{OUTLETS_SHOWN}")
    if url.startswith("sqlite"):
        return _sqlite_names(url, query.format(p="?"), pattern)
    if url.startswith("postgresql"):
        return _postgres_names(url, query.replace("LIKE", "ILIKE").format(p="%s"), pattern)
    return []


def _sqlite_names(url: str, query: str, pattern: str) -> list[str]:
    import sqlite3
    from pathlib import Path
    from urllib.parse import quote

    path = url.split(":///", 1)[-1]
    if not path or not Path(path).is_file():
        return []
    try:
        conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, timeout=DB_TIMEOUT_S)
        try:
            return [row[0] for row in conn.execute(query, (pattern,))]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def _postgres_names(url: str, query: str, pattern: str) -> list[str]:
    try:
        import psycopg
    except ImportError:
        return []
    conninfo = url.replace("postgresql+psycopg://", "postgresql://", 1)
    try:
        with psycopg.connect(conninfo, connect_timeout=1) as conn:  # keeps the URL's options
            conn.execute(f"SET statement_timeout = {int(DB_TIMEOUT_S * 1000)}")
            return [row[0] for row in conn.execute(query, (pattern,))]
    except psycopg.Error:
        return []
