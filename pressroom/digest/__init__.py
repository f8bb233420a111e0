"""Media digests, coverage reports and release pickup.

- :mod:`~pressroom.digest.periods`: which days a digest covers (``last-week``, ``2019-03``, ``2020-W01``).
- :mod:`~pressroom.digest.pickup`: did coverage use a release's quote (verbatim, partial, none).
- :mod:`~pressroom.digest.queries`: the bounded, indexed reads.
- :mod:`~pressroom.digest.build`: the digest as one JSON-ready dict.
- :mod:`~pressroom.digest.view`, :mod:`~pressroom.digest.render`, :mod:`~pressroom.digest.chart`:
  text, Markdown, HTML and JSON.
- :mod:`~pressroom.digest.reports`: the coverage clip book and one release's pickup report.
- :mod:`~pressroom.digest.send`: mailing a digest.

Submodules are imported where they are used, so importing this package costs nothing.
"""
