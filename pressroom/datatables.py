"""The packaged data tables (``pressroom/<package>/data/*.csv`` and ``*.txt``), read on first use.

One reader for :mod:`pressroom.apstyle` and :mod:`pressroom.copyedit`. The files are opened from
the package's folder directly: ``importlib.resources`` costs some 4 ms to import, and reading the
AP tables through :mod:`pressroom.apstyle.places` would import the whole ``apstyle`` package
(time zones and all) for the copy editor's first check.
"""

from __future__ import annotations

import os

_ROOT = os.path.dirname(os.path.abspath(__file__))


def _path(package: str, name: str) -> str:
    return os.path.join(_ROOT, package, "data", name)


def read_csv(package: str, name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``<package>/data/<name>`` as dicts, cells stripped."""
    import csv

    with open(_path(package, name), encoding="utf-8", newline="") as handle:
        return tuple({key: (value or "").strip() for key, value in row.items()}
                     for row in csv.DictReader(handle))


def read_lines(package: str, name: str) -> tuple[str, ...]:
    """The lines of ``<package>/data/<name>``, stripped, without blank lines and # comments."""
    with open(_path(package, name), encoding="utf-8") as handle:
        text = handle.read()
    return tuple(line.strip() for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#"))
