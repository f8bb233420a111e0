"""Templates: the override chain, escaping, template errors, and the wheel carrying the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressroom.errors import InputError
from pressroom.releases import Renderer, load_release
from pressroom.releases.markdown import escape_markdown, to_text
from pressroom.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def ws(example_workspace):
    """The example workspace with its own (empty) templates folder, distinct from the defaults."""
    templates = example_workspace / "templates"
    for item in templates.iterdir():
        if item.is_file():
            item.unlink()
    return Workspace(example_workspace)


def test_repository_workspace_uses_its_templates_as_defaults():
    # In the checkout, the workspace's templates/ IS the defaults folder: no loop, no doubling.
    ws = Workspace(REPO)
    text = Renderer(ws).render(load_release("conference-keynote", ws), "html")
    assert text.startswith("<!doctype html>")


def test_workspace_template_overrides_text(ws):
    (ws.templates_dir / "release.txt.j2").write_text(
        "{{ release.headline | upper }}\n{{ dateline }} {{ release.date | ap_date }}\n")
    text = Renderer(ws).render(load_release("conference-keynote", ws), "text")
    assert text == ("EXPERT ON THE ROOTS OF VIOLENCE TO OPEN NASRO'S 2019 CONFERENCE\n"
                    "April 15, 2019 \u2014 HOOVER, Ala. \u2014 April 15, 2019\n")


def test_workspace_partial_overrides_the_defaults_include(ws):
    (ws.templates_dir / "_contact.txt.j2").write_text("Call {{ contact.name }}")
    text = Renderer(ws).render(load_release("conference-keynote", ws), "text")
    assert "Media contact:\nCall Jay Farlow\n\nExpert on" in text


def test_workspace_template_extends_the_default_html(ws):
    (ws.templates_dir / "release.html.j2").write_text(
        '{% extends "default/release.html.j2" %}\n'
        '{% block about %}<footer>Custom about for {{ organization.short_name }}</footer>{% endblock %}\n')
    html = Renderer(ws).render(load_release("conference-keynote", ws), "html")
    assert "<footer>Custom about for NASRO</footer>" in html
    assert "<h2>About NASRO</h2>" not in html
    assert html.startswith("<!doctype html>") and "<h1>Expert on the roots" in html


def test_missing_variable_is_a_located_error(ws):
    (ws.templates_dir / "release.txt.j2").write_text("line one\n{{ release.headline }}\n{{ no_such_thing }}\n")
    with pytest.raises(InputError) as info:
        Renderer(ws).render(load_release("conference-keynote", ws), "text")
    assert str(info.value.where).endswith("templates/release.txt.j2:3")
    assert info.value.message == "template error: 'no_such_thing' is undefined"


def test_template_syntax_error_is_located(ws):
    (ws.templates_dir / "release.md.j2").write_text("ok\n{% if %}\n")
    with pytest.raises(InputError) as info:
        Renderer(ws).render(load_release("conference-keynote", ws), "markdown")
    assert str(info.value.where).endswith("templates/release.md.j2:2")
    assert info.value.message.startswith("template syntax error:")


def test_missing_variable_through_the_cli(cli, ws, monkeypatch):

    monkeypatch.chdir(ws.root)
    (ws.templates_dir / "release.txt.j2").write_text("{{ release.nope }}\n")
    result = cli("release", "render", "conference-keynote")
    assert result.exit_code == 2
    assert result.stderr == ("error: templates/release.txt.j2:1: template error: "
                             "'pressroom.releases.model.Release object' has no attribute 'nope'\n")


def hostile(ws) -> Path:
    path = ws.releases_dir / "2024-02-01-hostile.yaml"
    path.write_text(
        "headline: <script>alert(1)</script> & more\n"
        "subhead: '\"quoted\" <b>bold</b>'\n"
        "date: 2024-02-01\n"
        "body: |\n"
        "  A [x](javascript:alert(1)) link, <img src=x onerror=alert(1)> and [ok](https://nasro.org).\n"
        "quotes:\n  - speaker: <i>Eve</i>\n    speaker_title: a <b>title</b>\n    text: Hi <there>\n"
        "tags: [\"<t>\"]\n", encoding="utf-8")
    return path


def test_html_escapes_everything_user_provided(ws):
    html = Renderer(ws).render(load_release(hostile(ws), ws), "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "<b>bold</b>" not in html and "<i>Eve</i>" not in html
    assert "javascript:" not in html.split("[x](")[0] or 'href="javascript' not in html
    assert 'href="javascript' not in html
    assert "[x](javascript:alert(1))" in html  # left as text, not a link
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert '<a href="https://nasro.org">ok</a>' in html
    assert "Hi &lt;there&gt;" in html


def test_html_page_is_standalone(ws):
    html = Renderer(ws).render(load_release("conference-keynote", ws), "html")
    assert html.startswith('<!doctype html>\n<html lang="en">')
    assert '<meta charset="utf-8">' in html and 'name="viewport"' in html and "@media print" in html
    for external in ("<script", "<link", "@import", "url(", "src="):
        assert external not in html


def test_markdown_escapes_user_text(ws):
    md = Renderer(ws).render(load_release(hostile(ws), ws), "markdown")
    assert "# \\<script\\>alert(1)\\</script\\> & more" in md


def test_text_conversion_of_markdown():
    source = ("Intro with *emphasis*, **strong**, `code` and a [link](https://x.org/a-b) and "
              "<https://auto.org>.\n\n- one\n- two\n  continued\n\n3. three\n4. four\n\n# Heading\n")
    assert to_text(source, lead="HOOVER, Ala. \u2014", width=40) == (
        "HOOVER, Ala. \u2014 Intro with emphasis,\n"
        "strong, code and a link\n"
        "(https://x.org/a-b) and\n"
        "https://auto.org.\n\n"
        "- one\n- two continued\n\n"
        "3. three\n4. four\n\n"
        "Heading")


def test_lead_stands_alone_when_body_does_not_start_with_a_paragraph():
    assert to_text("- a", lead="HOOVER, Ala. \u2014") == "HOOVER, Ala. \u2014\n\n- a"
    assert to_text("", lead="X \u2014") == "X \u2014"


def test_escape_markdown():
    assert escape_markdown("1. *a* [b] <c> #d") == "1\\. \\*a\\* \\[b\\] \\<c\\> \\#d"
    assert escape_markdown("- item") == "\\- item"



@pytest.mark.parametrize("fmt, name, source, where, message", [
    ("text", "release.txt.j2", "ok\n{{ 1/0 }}\n", "release.txt.j2:2", "template error: division by zero"),
    ("text", "release.txt.j2", "{% macro m(n) %}{{ m(n) }}{% endmacro %}\n{{ m(1) }}\n",
     "release.txt.j2", "template error: recursion too deep (a macro or include calls itself)"),
    ("markdown", "release.md.j2", b"ok \xff\xfe\n", "release.md.j2",
     "template release.md.j2 is not UTF-8 text (byte 0xff at offset 3)"),
    ("html", "release.html.j2", "{% include 'release.html.j2' %}\n", "release.html.j2",
     "template error: recursion too deep (a macro or include calls itself)"),
])
def test_broken_workspace_templates_are_one_located_error(cli, ws, monkeypatch, fmt, name, source,
                                                            where, message):
    path = ws.templates_dir / name
    path.write_bytes(source if isinstance(source, bytes) else source.encode())
    monkeypatch.chdir(ws.root)
    result = cli("release", "render", "conference-keynote", "--format", fmt)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: templates/{where}: {message}\n"
