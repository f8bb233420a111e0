"""Press releases: YAML files in ``releases/``, validated strictly and rendered through Jinja2.

The API other modules use (see docs/CONTRACTS.md): :func:`load_release`, :func:`load_all`,
:func:`release_slugs` and the :class:`Release` it returns; rendering (:class:`Renderer`,
:func:`render_release`, :func:`render_all`), lint (:func:`check_releases`) and scaffolding
(:func:`new_release`). Jinja2, YAML and markdown-it are imported only when used.

The names below are loaded on first use (PEP 562): ``credential approve`` borrows the release
filters from ``releases.render`` and should not pay for the loader, the checker and the
scaffold too (start-up is benchmarked, issue 10 item 6).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pressroom.releases.check import Finding, check_release, check_releases
    from pressroom.releases.load import (ReleaseLoader, find_release, load_all, load_many,
                                         load_release, release_files, release_slugs)
    from pressroom.releases.model import STATUSES, Embargo, Release, ReleaseQuote
    from pressroom.releases.render import (FORMATS, Renderer, output_name, render_all,
                                           render_release)
    from pressroom.releases.scaffold import NewRelease, new_release

# public name -> the module of this package that defines it
_HOMES = {
    "check": ("Finding", "check_release", "check_releases"),
    "load": ("ReleaseLoader", "find_release", "load_all", "load_many", "load_release",
             "release_files", "release_slugs"),
    "model": ("STATUSES", "Embargo", "Release", "ReleaseQuote"),
    "render": ("FORMATS", "Renderer", "output_name", "render_all", "render_release"),
    "scaffold": ("NewRelease", "new_release"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:  # a submodule (`from pressroom.releases import markdown`) is found by import
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
