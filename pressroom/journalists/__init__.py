"""The media directory: journalists, the outlets they work for, media lists, privacy.

``directory`` adds, edits, lists, opts out and forgets journalists (every change in the history);
``importer`` reads CSV exports of media databases and vCard files; ``tables`` holds the tables.
Sending releases to them is :mod:`pressroom.distribution`.
"""
