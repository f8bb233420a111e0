"""`pressroom release ...` end to end, in-process, with exact output and exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden" / "releases"


@pytest.fixture
def ws(example_workspace, monkeypatch):
    monkeypatch.chdir(example_workspace)
    return example_workspace


def test_render_text_to_stdout(cli, ws):
    result = cli("release", "render", "conference-keynote")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / "conference-keynote.txt").read_text(encoding="utf-8")


def test_render_by_path_and_full_stem(cli, ws):
    by_path = cli("release", "render", "releases/2019-02-27-baltimore-school-police.yaml", "-f", "html")
    by_stem = cli("release", "render", "2019-02-27-baltimore-school-police", "--format", "html")
    expected = (GOLDEN / "baltimore-school-police.html").read_text(encoding="utf-8")
    assert by_path.stdout == by_stem.stdout == expected


def test_render_with_style_to_file(cli, ws):
    result = cli("release", "render", "conference-keynote", "--style", "ap", "-o", "out/k.txt")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "wrote out/k.txt\n")
    assert (ws / "out/k.txt").read_text(encoding="utf-8") == (
        GOLDEN / "styles/conference-keynote.ap.txt").read_text(encoding="utf-8")


def test_render_unknown_style(cli, ws):
    result = cli("release", "render", "conference-keynote", "--style", "apnews")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: unknown dateline style 'apnews'")


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("markdown", "md"), ("html", "html")])
def test_render_all(cli, ws, fmt, ext):
    result = cli("release", "render", "--all", "-o", "site", "--format", fmt)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "wrote 2 releases to site\n")
    assert sorted(p.name for p in (ws / "site").iterdir()) == [
        f"baltimore-school-police.{ext}", f"conference-keynote.{ext}"]
    for slug in ("baltimore-school-police", "conference-keynote"):
        assert (ws / f"site/{slug}.{ext}").read_text(encoding="utf-8") == (
            GOLDEN / f"{slug}.{ext}").read_text(encoding="utf-8")


def test_render_all_writes_nothing_when_one_release_is_invalid(cli, ws):
    (ws / "releases/2019-05-01-broken.yaml").write_text("headline: Broken\ndate: 2019-05-02\n")
    result = cli("release", "render", "--all", "-o", "site")
    assert result.exit_code == 2
    assert result.stderr == ("error: releases/2019-05-01-broken.yaml:2:7: 'date' is 2019-05-02 "
                             "but the file name says 2019-05-01\n")
    assert not (ws / "site").exists()


def test_render_all_needs_an_output_folder(cli, ws):
    result = cli("release", "render", "--all")
    assert result.exit_code == 2
    assert "--all needs -o DIR" in result.stderr


def test_render_needs_a_release(cli, ws):
    result = cli("release", "render")
    assert result.exit_code == 2
    assert "give a release's slug or file, or --all" in result.stderr


@pytest.mark.parametrize("slug", ["../../etc/passwd", "..\\secret", ".hidden", "a/b", "x/../y"])
def test_slug_that_is_a_path_is_refused(cli, ws, slug):
    result = cli("release", "render", slug)
    assert result.exit_code == 2
    assert result.stderr == (f"error: slug '{slug}': a slug is a name like 'conference-keynote', "
                             "not a path (no '/', '\\', '..' or leading '.')\n")


def test_unknown_slug_suggests(cli, ws):
    result = cli("release", "render", "conference-keynot")
    assert result.exit_code == 2
    assert result.stderr == ("error: slug 'conference-keynot': no release with this slug in "
                             "releases (did you mean 'conference-keynote'?)\n")


def test_check_clean(cli, ws):
    result = cli("release", "check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "ok: 2 releases checked\n", "")


def test_check_findings(cli, ws):
    (ws / "releases/2030-01-02-draft.yaml").write_text(
        "headline: Local Officers Announce Brand New Training Program For Every School In The "
        "State This Coming School Year\n"
        "date: 2030-01-02\n"
        "contact: []\n"
        "boilerplate: false\n"
        "release:\n  embargo:\n    date: 2020-01-01\n    time: '00:00'\n"
        "quotes:\n  - speaker: Jane Roe\n    text: Hello.\n")
    result = cli("release", "check")
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout == (
        "releases/2030-01-02-draft.yaml:1:11: warning: headline is 104 characters (wire services "
        "advise under 100)\n"
        "releases/2030-01-02-draft.yaml:1:11: warning: headline looks like Title Case (AP "
        "headlines use sentence case: capitalise the first word and proper nouns only)\n"
        "releases/2030-01-02-draft.yaml:3:10: warning: no media contact (add 'contact:' or a "
        "default contact in pressroom.yaml)\n"
        "releases/2030-01-02-draft.yaml:6:3: warning: an embargo at midnight is ambiguous (use "
        "12:01 a.m.)\n"
        "releases/2030-01-02-draft.yaml:6:3: warning: the embargo (2020-01-01 00:00 "
        "America/Chicago) is already past\n"
        "releases/2030-01-02-draft.yaml:10:5: warning: quote by 'Jane Roe', who is not a "
        "spokesperson and has no speaker_title\n"
        "releases/2030-01-02-draft.yaml:4:14: warning: no boilerplate ('About' paragraph)\n")


def test_check_invalid_file_exit_2_and_others_still_checked(cli, ws):
    (ws / "releases/2019-05-01-bad.yaml").write_text("headline: [x]\ndate: 2019-05-01\n")
    result = cli("release", "check")
    assert result.exit_code == 2
    assert result.stderr == "error: releases/2019-05-01-bad.yaml:1:11: 'headline' must be text, not a list\n"
    assert result.stdout == ""


def test_check_named_paths(cli, ws):
    result = cli("release", "check", "releases/2019-04-15-conference-keynote.yaml", "baltimore-school-police")
    assert (result.exit_code, result.stdout) == (0, "ok: 2 releases checked\n")


def test_list_json(cli, ws):
    result = cli("release", "list", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows == [
        {"slug": "baltimore-school-police", "date": "2019-02-27",
         "headline": "NASRO applauds Baltimore board's support for armed school police",
         "status": "published", "dateline": "Feb. 27, 2019 \u2014 HOOVER, Ala. \u2014",
         "contacts": ["farlow"], "tags": ["statement", "legislation", "Maryland"],
         "path": "releases/2019-02-27-baltimore-school-police.yaml"},
        {"slug": "conference-keynote", "date": "2019-04-15",
         "headline": "Expert on the roots of violence to open NASRO's 2019 conference",
         "status": "published", "dateline": "April 15, 2019 \u2014 HOOVER, Ala. \u2014",
         "contacts": ["farlow"], "tags": ["conference", "training"],
         "path": "releases/2019-04-15-conference-keynote.yaml"}]


def test_list_status_filter_and_table(cli, ws):
    assert json.loads(cli("release", "list", "--status", "draft", "-f", "json").stdout) == []
    table = cli("release", "list")
    assert table.exit_code == 0
    assert "conference-keynote" in table.stdout and "baltimore-school-police" in table.stdout
    assert cli("release", "list", "--status", "draft").stdout == "no releases\n"


def test_list_csv(cli, ws):
    result = cli("release", "list", "-f", "csv")
    assert result.stdout.splitlines()[0] == "date,slug,status,headline,contacts,tags"
    assert result.stdout.splitlines()[2].startswith("2019-04-15,conference-keynote,published,")


def test_new_writes_a_valid_release_and_refuses_to_overwrite(cli, ws):
    result = cli("release", "new", "--headline", "NASRO opens registration for summer training",
                 "--date", "2024-09-05", "--city", "Pigeon Forge", "--state", "TN")
    assert (result.exit_code, result.stderr) == (0, "")
    name = "releases/2024-09-05-nasro-opens-registration-for-summer-training.yaml"
    assert result.stdout == f"created {name}\n"
    rendered = cli("release", "render", "nasro-opens-registration-for-summer-training")
    assert rendered.exit_code == 0
    assert "Sept. 5, 2024 \u2014 PIGEON FORGE, Tenn. \u2014 Write the first paragraph" in rendered.stdout
    before = (ws / name).read_text()
    again = cli("release", "new", "--headline", "Other", "--date", "2024-09-05",
                "--slug", "nasro-opens-registration-for-summer-training")
    assert again.exit_code == 2
    assert again.stderr == (f"error: {name}: a release with slug "
                            "'nasro-opens-registration-for-summer-training' already exists "
                            f"({name}); choose another --slug\n")
    assert (ws / name).read_text() == before
    checked = cli("release", "check", name)
    assert checked.exit_code == 1  # the scaffold's placeholder text, in a draft: a warning
    assert checked.stdout == (
        f"{name}:13:3: warning: placeholder text left in the body: 'Write the first paragraph "
        "here ...'\n"
        f"{name}:15:3: warning: placeholder text left in the body: 'Further paragraphs are "
        "Markdown: *emphasis* ...'\n")


@pytest.mark.parametrize("status", ["approved", "published"])
def test_placeholder_text_is_an_error_once_approved(cli, ws, status):
    made = cli("release", "new", "--headline", "NASRO opens registration", "--date", "2024-09-05",
               "--status", status)
    assert made.exit_code == 0, made.stderr
    name = made.stdout.split()[-1]
    path = ws / name
    path.write_text(path.read_text().replace("Further paragraphs are Markdown: *emphasis*, "
                                             "[links](https://example.org), lists.", "More."))
    result = cli("release", "check", name)
    assert result.exit_code == 2
    assert result.stdout == (f"{name}:11:3: error: placeholder text left in the body: 'Write the "
                             f"first paragraph here ...' (the release is {status})\n")
    path.write_text(path.read_text().replace("Write the first paragraph here;", "NASRO opened"))
    assert cli("release", "check", name).exit_code == 0


def test_workspace_boilerplate_placeholder_from_init(cli, ws):
    """The boilerplate `init` writes is flagged where a release uses it."""
    config = ws / "pressroom.yaml"
    text = config.read_text()
    start = text.index("  boilerplate:")
    end = text.index("\n\n", start)
    config.write_text(text[:start] + "  boilerplate: NASRO ... Describe the organisation here, "
                      "this paragraph closes every release." + text[end:])
    result = cli("release", "check", "conference-keynote")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "error: the workspace's boilerplate (pressroom.yaml, organization: boilerplate) still " \
           "says 'Describe the organisation here' (the release is published)" in result.stdout


def test_new_without_headline_off_a_terminal(cli, ws):
    result = cli("release", "new", "--date", "2024-09-05")
    assert (result.exit_code, result.stderr) == (2, "error: a release needs a headline: give --headline\n")


def test_new_rejects_bad_state_and_path_slug(cli, ws):
    bad = cli("release", "new", "--headline", "X", "--date", "2024-09-05", "--city", "Hoover",
              "--state", "Alabamma")
    assert bad.exit_code == 2
    assert "unknown state 'Alabamma' (did you mean 'Alabama'?)" in bad.stderr
    sneaky = cli("release", "new", "--headline", "X", "--slug", "../../evil")
    assert sneaky.exit_code == 2
    assert not list(ws.parent.glob("*evil*"))
    assert sorted(p.name for p in (ws / "releases").iterdir()) == [
        "2019-02-27-baltimore-school-police.yaml", "2019-04-15-conference-keynote.yaml"]


def test_preview(cli, ws):
    result = cli("release", "preview", "conference-keynote")
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[0] == "FOR IMMEDIATE RELEASE"
    assert "Expert on the roots of violence to open NASRO's 2019 conference" in lines
    assert any(line.startswith("April 15, 2019 \u2014 HOOVER, Ala. \u2014 One of") for line in lines)
    assert "About NASRO" in lines
    assert lines[-1].strip() == "###"


def test_release_list_as_csv(cli, example_workspace):
    result = cli("-w", str(example_workspace), "release", "list", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "date,slug,status,headline,contacts,tags"
    assert result.stdout.splitlines()[1].startswith("2019-02-27,baltimore-school-police,published,")
