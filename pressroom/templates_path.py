"""Where the default templates are: inside the installed package (a wheel carries the top-level
``templates/`` folder as ``pressroom/templates``), or the source checkout's ``templates/``."""

from __future__ import annotations

from pathlib import Path


def default_templates_dir() -> Path:
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    if installed.is_dir():
        return installed
    return package.parent / "templates"
