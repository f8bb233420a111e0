"""A rebuild from the build cache's index (a new `site build` process after a change) writes
exactly what a full build from scratch of the same inputs writes, and touches nothing else: the
index's fast path and the general path side by side, on SQLite and PostgreSQL, through every kind
of change a newsroom makes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.site_tools import NOW_2019
from tests.test_site_build import EMBARGOED, MARKERS, build
from tests.test_site_cache import CACHE, KEYNOTE, outputs

LIFTED = "2019-05-02T15:00:00Z"  # after EMBARGOED's embargo (10:00 a.m. Chicago)
NEW_RELEASE = """\
headline: Brand-new release about "mentoring" officers
date: 2019-04-30
dateline: {city: Hoover, state: Ala.}
status: published
tags: [mentoring, Safety]
body: |
  Officers' new mentoring program starts in May.

  A second paragraph.
"""


def fresh(workspace: Path, tmp_path: Path, name: str, now: str, told: list | None = None
          ) -> dict[str, bytes]:
    """A full build of the same inputs from scratch: a new folder and no build cache (what it
    printed after its counts, the held-back releases and the next lift, appended to *told*)."""
    cache, aside = workspace / CACHE, tmp_path / "cache-aside"
    if cache.exists():
        cache.rename(aside)
    try:
        result = build(workspace, tmp_path / name, now=now)
        assert result.exit_code == 0, result.stderr
    finally:
        shutil.rmtree(cache, ignore_errors=True)
        if aside.exists():
            aside.rename(cache)
    if told is not None:
        told.append(result.stdout.splitlines()[1:])
    return outputs(tmp_path / name)


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def edit(workspace: Path, name: str, old: str, new: str) -> None:
    path = workspace / "releases" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _body(ws, store_cli):
    edit(ws, KEYNOTE, "body: |\n  ", "body: |\n  Rebuilt opening words. ")


def _late_paragraph(ws, store_cli):  # the summary (its subhead) stays the same
    edit(ws, KEYNOTE, "press credentials.\n", "press credentials. Closing words.\n")


def _add(ws, store_cli):
    (ws / "releases" / "2019-04-30-brand-new.yaml").write_text(NEW_RELEASE, encoding="utf-8")


def _rename(ws, store_cli):
    (ws / "releases" / "2019-04-30-brand-new.yaml").rename(ws / "releases" / "2019-04-30-renamed-one.yaml")


def _delete(ws, store_cli):
    (ws / "releases" / "2019-04-30-renamed-one.yaml").unlink()


def _draft(ws, store_cli):
    edit(ws, KEYNOTE, "status: published", "status: draft")


def _published(ws, store_cli):
    edit(ws, KEYNOTE, "status: draft", "status: published")


def _embargoed(ws, store_cli):
    (ws / "releases" / "2019-05-02-marker-slug-flibbertine.yaml").write_text(EMBARGOED)


def _template(ws, store_cli):
    """An override asking lists for more than the index keeps (the dateline): the releases it
    stood in for are loaded from their files."""
    macros = ws / "templates" / "site" / "_macros.html.j2"
    text = macros.read_text(encoding="utf-8")
    old = '<p class="summary">{{ view.summary }}</p>'
    assert old in text
    macros.write_text(text.replace(old, old + '\n<p class="where">{{ view.release.dateline }}</p>'),
                      encoding="utf-8")


def _config(ws, store_cli):
    config = ws / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "title: NASRO newsroom", "title: NASRO press room"), encoding="utf-8")


def _database(ws, store_cli):
    added = store_cli("mention", "add", "https://example.com/rebuild-story", "--outlet", "WVTM TV",
                      "--title", "Rebuild story", "--date", "2019-04-16", "--tag", "newsroom",
                      "--speaker", "canady", "--quote", "Fresh words.",
                      "--release", "conference-keynote")
    assert added.exit_code == 0, added.stderr


def _nothing(ws, store_cli):
    pass


# (what changes, the build's moment)
STEPS = [(_nothing, NOW_2019), (_body, NOW_2019), (_late_paragraph, NOW_2019), (_add, NOW_2019),
         (_rename, NOW_2019), (_delete, NOW_2019), (_draft, NOW_2019), (_published, NOW_2019),
         (_embargoed, NOW_2019), (_nothing, LIFTED), (_nothing, NOW_2019), (_template, NOW_2019),
         (_config, NOW_2019), (_database, NOW_2019)]


def test_every_rebuild_equals_a_full_build_from_scratch(store, store_cli, example_workspace,
                                                        tmp_path):
    ws, out = example_workspace, tmp_path / "site"
    imported = store_cli("mention", "import", str(Path(__file__).parent.parent / "data" / "mentions.csv"))
    assert imported.exit_code == 0, imported.stderr
    assert build(ws, out).exit_code == 0
    for number, (change, now) in enumerate(STEPS):
        before, before_stamps = outputs(out), stamps(out)
        change(ws, store_cli)
        result = build(ws, out, now=now)
        assert result.exit_code == 0, (change.__name__, result.stderr)
        after, told = outputs(out), []
        assert after == fresh(ws, tmp_path, f"fresh-{number}", now, told), change.__name__
        assert result.stdout.splitlines()[1:] == told[0], change.__name__  # held back, lifts
        after_stamps = stamps(out)
        for name, data in after.items():  # what did not change was not touched
            if before.get(name) == data and name != ".pressroom-site.json":
                assert after_stamps[name] == before_stamps[name], (change.__name__, name)
        embargoed = (ws / "releases" / "2019-05-02-marker-slug-flibbertine.yaml").exists()
        if embargoed and now == NOW_2019:
            everything = b"\n".join(after.values()).lower()
            for marker in MARKERS:
                assert marker not in everything, (change.__name__, marker)
    assert b"quixotrel" in b"\n".join(fresh(ws, tmp_path, "lifted", LIFTED).values()).lower()


def test_the_index_stands_in_for_unchanged_releases_only(example_workspace, tmp_path, monkeypatch):
    """The fast path is taken (no unchanged release is parsed again), and a changed file is."""
    from pressroom.releases import load as loading
    from tests.site_tools import example_site

    example_site(example_workspace, tmp_path / "site")
    parsed: list[str] = []
    original = loading.ReleaseLoader.load

    def spy(self, path, **kwargs):
        parsed.append(path.name)
        return original(self, path, **kwargs)

    monkeypatch.setattr(loading.ReleaseLoader, "load", spy)
    example_site(example_workspace, tmp_path / "site")
    assert parsed == []
    _body(example_workspace, None)
    example_site(example_workspace, tmp_path / "site")
    assert parsed == [KEYNOTE]


def test_a_release_changed_in_the_same_second_with_the_same_size_is_seen(example_workspace, tmp_path):
    """The stamp is (mtime in ns, size, inode): an edit keeping the size is still seen, as a file
    replaced by another (a new inode) is."""
    from tests.site_tools import example_site

    out = example_site(example_workspace, tmp_path / "site")
    path = example_workspace / "releases" / KEYNOTE
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    same_size = text.replace("keynote address", "kxynote address", 1)
    assert len(same_size) == len(text) and same_size != text
    replacement = path.with_suffix(".tmp")
    replacement.write_text(same_size, encoding="utf-8")
    os.utime(replacement, ns=(info.st_atime_ns, info.st_mtime_ns))
    replacement.rename(path)
    example_site(example_workspace, out)
    assert outputs(out) == fresh(example_workspace, tmp_path, "fresh", NOW_2019)
    assert b"kxynote" in b"".join(outputs(out).values()).lower()


def test_pages_in_new_folders_get_the_usual_mode(example_workspace, tmp_path):
    from tests.site_tools import example_site

    umask = os.umask(0o027)
    try:
        out = example_site(example_workspace, tmp_path / "site")
    finally:
        os.umask(umask)
    modes = {p.stat().st_mode & 0o777 for p in out.rglob("*") if p.is_file()}
    assert modes == {0o640}
    assert not [p for p in out.rglob("*.tmp")]


@pytest.mark.parametrize("choose", ["all", "newsroom", "no-such-tag"])
def test_sqlite3_reads_the_same_media_rows_as_the_store(store, store_cli, example_workspace, choose):
    """The plain-SQL reader and the SQLAlchemy query, on the same SQLite database (removed
    mentions and quotes, a mention without a spokesperson, tags)."""
    if store.dialect != "sqlite":
        pytest.skip("the plain reader is for SQLite; PostgreSQL always uses the store")
    from pressroom.site.model import _media_rows
    from pressroom.site.sqlite_rows import media_rows

    csv = Path(__file__).parent.parent / "data" / "mentions.csv"
    assert store_cli("mention", "import", str(csv)).exit_code == 0
    assert store_cli("mention", "add", "https://example.com/no-quote", "--outlet", "Campus Beat",
                     "--title", "No quote here", "--date", "2019-03-03", "--tag", "newsroom"
                     ).exit_code == 0
    listed = json.loads(store_cli("mention", "list", "--format", "json").stdout)
    assert store_cli("mention", "remove", str(listed[0]["id"]), "--yes").exit_code == 0
    database = Path(store.engine.url.database)
    plain = media_rows(database, choose)
    assert plain is not None
    assert plain == _media_rows(store, choose)
    if choose == "all":
        assert len(plain[0]) > 5 and plain[1]


def test_sqlite3_declines_what_is_not_a_current_database(store, example_workspace, tmp_path):
    if store.dialect != "sqlite":
        pytest.skip("SQLite only")
    import sqlite3

    from pressroom.site.sqlite_rows import media_rows

    database = Path(store.engine.url.database)
    assert media_rows(database, "all") is not None
    assert media_rows(tmp_path / "missing.db", "all") is None
    assert not (tmp_path / "missing.db").exists()  # and not created
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert media_rows(tmp_path / "junk.db", "all") is None
    store.engine.dispose()  # its pooled connection would hold the journal mode
    conn = sqlite3.connect(database, isolation_level=None)
    last = conn.execute("SELECT name, applied_at FROM schema_migrations ORDER BY name DESC").fetchone()
    conn.execute("DELETE FROM schema_migrations WHERE name = ?", (last[0],))
    assert media_rows(database, "all") is None  # a pending migration: the store applies it
    conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", last)
    assert media_rows(database, "all") is not None
    conn.execute("PRAGMA journal_mode = DELETE")
    assert media_rows(database, "all") is None  # the store would make it WAL again
    conn.close()


def test_a_pending_migration_is_applied_by_the_site_build_as_ever(example_workspace, tmp_path):
    import sqlite3

    from tests.site_tools import example_site

    out = example_site(example_workspace, tmp_path / "site")
    database = example_workspace / "pressroom.db"
    conn = sqlite3.connect(database)
    last = conn.execute("SELECT max(name) FROM schema_migrations").fetchone()[0]
    conn.execute("DELETE FROM schema_migrations WHERE name = ?", (last,))
    conn.commit()
    conn.close()
    shutil.rmtree(example_workspace / CACHE)
    result = build(example_workspace, out)
    conn = sqlite3.connect(database)
    applied = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    conn.close()
    # Re-running the last migration on a database that has its tables may succeed or stop with
    # a located error; either way the site build behaves as the store makes every command behave.
    if result.exit_code == 0:
        assert last in applied
    else:
        assert result.stderr.startswith("error:") and "Traceback" not in result.stderr


def test_feed_escaping_matches_the_standard_library():
    from hypothesis import given, settings, strategies as st
    from xml.sax import saxutils

    from pressroom.site import feeds

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("&<>\"'\n\r\tab é;#")), max_size=30) | st.text())
    def same(text):
        assert feeds.escape(text) == saxutils.escape(text)
        assert feeds.quoteattr(text) == saxutils.quoteattr(text)

    same()


@pytest.mark.parametrize("code", ["ENOSPC", "EROFS", "EACCES", "EIO"])
def test_a_new_folder_s_page_fails_in_the_words_of_an_atomic_write(tmp_path, monkeypatch, code):
    """Pages in folders the build makes skip the temporary file; when the disk refuses, the
    error is the one write_atomic gives for the same file, and nothing part-written is left."""
    import errno

    from pressroom import atomic
    from pressroom.errors import PressroomError

    target = tmp_path / "site" / "releases" / "x" / "index.html"
    failure = OSError(getattr(errno, code), os.strerror(getattr(errno, code)))

    def refused(*args, **kwargs):
        raise failure

    def message(call) -> str:
        with pytest.raises(PressroomError) as caught:
            call()
        return f"{type(caught.value).__name__}: {caught.value}"

    for name in ("mkdir", "open"):
        with monkeypatch.context() as patch:
            patch.setattr(os, name, refused)
            atomic_words = message(lambda: atomic.write_atomic(target, b"x", sync=False,
                                                               through=False))
            if name == "mkdir":
                new_words = message(lambda: atomic.make_folder(target, set()))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                new_words = message(lambda: atomic.write_new(target, b"x"))
        assert new_words == atomic_words, name
    assert not target.exists() and not list(target.parent.iterdir())
