"""Compiled templates are cached between runs (Jinja2's bytecode cache) without changing what a
user sees: an edited template is used at once, errors keep their file and line, and a cache that
cannot be written costs nothing but the compile."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pressroom.errors import InputError
from pressroom.templating import Templates
from pressroom.workspace import Workspace


@pytest.fixture
def workspace(tmp_path) -> Workspace:
    root = tmp_path / "ws"
    (root / "templates").mkdir(parents=True)
    return Workspace(root)


def write(workspace: Workspace, name: str, text: str) -> Path:
    path = workspace.templates_dir / name
    path.write_text(text, encoding="utf-8")
    return path


def cached_files(templates: Templates) -> set[str]:
    return set(os.listdir(templates.env.bytecode_cache.directory))


def test_a_compiled_template_is_kept_for_the_next_run(workspace):
    write(workspace, "note.txt.j2", "Hello {{ name }}\n")
    first = Templates(workspace)
    before = cached_files(first)
    assert first.render("note.txt.j2", {"name": "Ana"}) == "Hello Ana\n"
    added = cached_files(first) - before
    assert len(added) == 1, "the compiled template was not written to the cache"
    # A new run (a new environment) renders the same from the cache
    assert Templates(workspace).render("note.txt.j2", {"name": "Bo"}) == "Hello Bo\n"


def test_an_edited_template_is_used_at_once(workspace):
    path = write(workspace, "note.txt.j2", "one {{ n }}\n")
    assert Templates(workspace).render("note.txt.j2", {"n": 1}) == "one 1\n"
    path.write_text("two {{ n }}\n", encoding="utf-8")  # same size, same second: only the text differs
    assert Templates(workspace).render("note.txt.j2", {"n": 1}) == "two 1\n"


def test_an_error_in_a_cached_template_keeps_its_file_and_line(workspace):
    write(workspace, "broken.txt.j2", "fine\n{{ 1 // n }}\n")
    with pytest.raises(InputError):
        Templates(workspace).render("broken.txt.j2", {"n": 0})
    with pytest.raises(InputError) as raised:  # the second run loads the compiled code
        Templates(workspace).render("broken.txt.j2", {"n": 0})
    assert str(raised.value.where).endswith("broken.txt.j2:2")


def test_a_cache_that_cannot_be_written_costs_only_the_compile(workspace, tmp_path):
    write(workspace, "note.txt.j2", "Hello {{ name }}\n")
    templates = Templates(workspace)
    templates.env.bytecode_cache.directory = str(tmp_path / "removed-by-a-cleaner")
    assert templates.render("note.txt.j2", {"name": "Ana"}) == "Hello Ana\n"
