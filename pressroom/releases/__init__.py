"""Press releases: YAML files in ``releases/``, validated strictly and rendered through Jinja2.

The API other modules use (see docs/CONTRACTS.md): :func:`load_release`, :func:`load_all`,
:func:`release_slugs` and the :class:`Release` it returns; rendering (:class:`Renderer`,
:func:`render_release`, :func:`render_all`), lint (:func:`check_releases`) and scaffolding
(:func:`new_release`). Jinja2, YAML and markdown-it are imported only when used.
"""

from pressroom.releases.check import Finding, check_release, check_releases
from pressroom.releases.load import (ReleaseLoader, find_release, load_all, load_many,
                                     load_release, release_files, release_slugs)
from pressroom.releases.model import STATUSES, Embargo, Release, ReleaseQuote
from pressroom.releases.render import (FORMATS, Renderer, output_name, render_all,
                                       render_release)
from pressroom.releases.scaffold import NewRelease, new_release

__all__ = [
    "FORMATS", "STATUSES", "Embargo", "Finding", "NewRelease", "Release", "ReleaseLoader",
    "ReleaseQuote", "Renderer", "check_release", "check_releases", "find_release", "load_all",
    "load_many", "load_release", "new_release", "output_name", "release_files", "release_slugs",
    "render_all", "render_release",
]
