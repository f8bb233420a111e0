"""Options every listing and document command spells the same way.

``--format/-f``, ``--output/-o FILE``, ``--limit N`` and ``--all``; pass their values on to
:func:`pressroom.output.render_rows` (listings) or :func:`pressroom.output.emit` (documents).
"""

from __future__ import annotations

from typing import Any

import typer

OUTPUT_HELP = "Write to FILE instead of the screen (atomically; - for stdout)."


def format_option(default: Any, help: str = "table, json or csv.") -> Any:
    return typer.Option(default, "--format", "-f", help=help)


def output_option(help: str = OUTPUT_HELP) -> Any:
    return typer.Option(None, "--output", "-o", metavar="FILE", help=help)


LIMIT = typer.Option(None, "--limit", min=1, metavar="N",
                     help="Only the newest N (a table on a terminal shows the newest 50 unless --limit or --all).")
ALL = typer.Option(False, "--all", help="Every row, also in a table on a terminal.")
OUTPUT = output_option()
