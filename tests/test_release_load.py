"""Reading and validating release files: the bad-input corpus, field rules, and Hypothesis."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressroom.errors import InputError, Location, PressroomError
from pressroom.releases import Renderer, load_all, load_release, release_slugs
from pressroom.releases.load import parse_time
from pressroom.workspace import Workspace

BAD = Path(__file__).parent / "data" / "bad_releases"

# file -> the exact error line (None: only its shape is checked)
EXPECTED = {
    "2019-05-01-malformed.yaml": "3:1: found unexpected end of stream",
    "2019-05-02-wrong-type.yaml": "1:11: 'headline' must be text, not a list",
    "2019-05-03-unknown-key.yaml": "1:1: unknown key 'headlin' (did you mean 'headline'?)",
    "2019-05-04-python-tag.yaml": "1:11: tag not allowed: 'tag:yaml.org,2002:python/object/apply:os.system'",
    "2019-05-05-binary.yaml": None,
    "2019-05-06-empty.yaml": None,
    "2019-05-07-unknown-state.yaml": "5:10: unknown state 'Alabamma' (did you mean 'Alabama'?)",
    "2019-05-08-bad-date.yaml": "2:7: 'date': cannot read 'the ides of March' as a date (use YYYY-MM-DD)",
    "2019-05-09-unknown-contact.yaml": "3:19: unknown contact 'farlowe' (did you mean 'farlow'?)",
    "2019-05-10-date-mismatch.yaml": "2:7: 'date' is 2019-06-10 but the file name says 2019-05-10",
    "2019-05-11-list-top.yaml": "1:1: a release is a mapping of keys (headline, date, ...), not a list",
    "2019-05-12-bad-time.yaml": "6:11: cannot read '25:00' as a time (use 10:00, 14:30 or 10 a.m.)",
    "2019-05-13-quote-key.yaml": "5:5: unknown key 'txt' in a quote (did you mean 'text'?)",
    "2019-05-14-unknown-city.yaml": "4:9: city 'Pittsburg' needs a state or a country (did you mean 'Pittsburgh'?)",
    "2019-05-15-not-utf8.yaml": "1:14: not UTF-8 text (byte 0xe9)",
    "2019-05-16-status.yaml": "3:9: unknown status 'publised' (did you mean 'published'?); one of: draft, approved, published",
    "2019-05-18-duplicate-key.yaml": "3:1: duplicate key 'headline'",
    "2019-05-19-no-headline.yaml": "1:1: 'headline' is required",
    "Bad_Name.yaml": None,
}


def test_corpus_is_listed_completely():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_release_gives_one_located_error(cli, example_workspace, monkeypatch, name):
    shutil.copy(BAD / name, example_workspace / "releases" / name)
    monkeypatch.chdir(example_workspace)
    for command in (("release", "render", f"releases/{name}"), ("release", "check", f"releases/{name}")):
        result = cli(*command)
        assert result.exit_code == 2
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1
        assert lines[0].startswith(f"error: releases/{name}:")
        if EXPECTED[name] is not None:
            assert lines[0] == f"error: releases/{name}:{EXPECTED[name]}"


def test_shapes_of_the_unchecked_ones(example_workspace):
    ws = Workspace(example_workspace)
    for name, message in [("2019-05-05-binary.yaml", "not a text file (it contains NUL bytes)"),
                          ("2019-05-06-empty.yaml", "the file is empty"),
                          ("Bad_Name.yaml", "a release file is named YYYY-MM-DD-slug.yaml")]:
        with pytest.raises(InputError) as info:
            load_release(BAD / name, ws)
        assert info.value.message.startswith(message)
        assert isinstance(info.value.where, Location)


def test_example_releases_load(example_workspace):
    ws = Workspace(example_workspace)
    releases = load_all(ws)
    assert [r.slug for r in releases] == ["baltimore-school-police", "conference-keynote"]
    keynote = releases[1]
    assert keynote.date == dt.date(2019, 4, 15)
    assert keynote.status == "published"
    assert keynote.dateline == "April 15, 2019 \u2014 HOOVER, Ala. \u2014"
    assert [(q.speaker_id, q.speaker_name, q.speaker_title) for q in keynote.quotes] == [
        ("canady", "Mo Canady", "executive director")]
    assert keynote.contact_ids == ["farlow"]
    assert release_slugs(ws) == {"baltimore-school-police", "conference-keynote"}


def write(ws_root: Path, name: str, text: str) -> Path:
    path = ws_root / "releases" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_and_embargo(example_workspace):
    ws = Workspace(example_workspace)
    path = write(example_workspace, "2024-09-05-embargoed.yaml",
                 "headline: Embargoed news\ndate: September 5, 2024\n"
                 "release:\n  embargo:\n    date: 2024-09-05\n    time: 10:00\n"
                 "    timezone: America/New_York\n"
                 "quotes:\n  - speaker: Jane Roe\n    speaker_title: principal of Example High\n"
                 "    text: '\u201cIt is a good day.\u201d'\n"
                 "boilerplate: A shorter boilerplate.\nstyle: DATED\n")
    release = load_release(path, ws)
    from pressroom.releases.render import publication_line

    assert publication_line(release) == "EMBARGOED UNTIL 10 a.m. EDT, Thursday, Sept. 5, 2024"
    assert release.dateline == "HOOVER, Ala. (Sept. 5, 2024) \u2014"
    assert release.contact_ids == ["farlow"]
    assert release.boilerplate == "A shorter boilerplate."
    assert release.quotes[0].text == "It is a good day."
    text = Renderer(ws).render(release)
    assert "\u201cIt is a good day,\u201d said Jane Roe, principal of Example High." in text


def test_embargo_without_time_is_1201_eastern(example_workspace):
    ws = Workspace(example_workspace)
    path = write(example_workspace, "2024-01-10-e.yaml",
                 "headline: E\ndate: 2024-01-10\nrelease:\n  embargo:\n    date: 2024-01-11\n")
    from pressroom.releases.render import publication_line

    assert publication_line(load_release(path, ws)) == "EMBARGOED UNTIL 12:01 a.m. EST, Thursday, Jan. 11, 2024"


def test_spokesperson_title_comes_from_config(example_workspace):
    ws = Workspace(example_workspace)
    path = write(example_workspace, "2024-01-10-t.yaml",
                 "headline: T\ndate: 2024-01-10\nquotes:\n  - speaker: canady\n"
                 "    speaker_title: boss\n    text: Hi\n")
    with pytest.raises(InputError) as info:
        load_release(path, ws)
    assert str(info.value).endswith("releases/2024-01-10-t.yaml:5:5: 'canady' is a spokesperson: their "
                               "title comes from pressroom.yaml (speaker_title is for other speakers)")


@pytest.mark.parametrize("value,expected", [
    ("10:00", dt.time(10)), (600, dt.time(10)), (630, dt.time(10, 30)), ("3:30 p.m.", dt.time(15, 30)),
    ("10 a.m.", dt.time(10)), ("12 a.m.", dt.time(0)), ("12 p.m.", dt.time(12)), ("noon", dt.time(12)),
    ("midnight", dt.time(0)), ("14:30", dt.time(14, 30)), (9, dt.time(9))])
def test_parse_time(value, expected):
    assert parse_time(value, Location("x")) == expected


@pytest.mark.parametrize("value", ["25:00", "13 p.m.", "10:60", "soon", 5000, True, 1.5])
def test_parse_time_rejects(value):
    with pytest.raises(InputError):
        parse_time(value, Location("x"))


def test_duplicate_slug_across_dates(example_workspace):
    write(example_workspace, "2020-01-01-conference-keynote.yaml", "headline: Again\ndate: 2020-01-01\n")
    with pytest.raises(InputError) as info:
        load_all(Workspace(example_workspace))
    assert "slug 'conference-keynote' is also used by" in info.value.message


# --- Hypothesis: any YAML document renders or fails with a located InputError -------------------

KEYS = ["headline", "subhead", "date", "dateline", "release", "status", "contact", "quotes",
        "body", "boilerplate", "tags", "style", "city", "state", "embargo", "speaker", "text",
        "time", "timezone", "headlinee", "x"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.text(max_size=30), st.sampled_from(["2019-04-15", "Hoover", "Ala.", "farlow", "canady",
                                           "immediate", "draft", "published", "10:00", "ap",
                                           "America/Chicago", "Alabamma", "[x](javascript:alert(1))"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)), max_leaves=12)
documents = st.one_of(
    st.dictionaries(st.sampled_from(KEYS), values, max_size=8).map(
        lambda d: {"headline": "H", "date": dt.date(2019, 4, 15), **d}),
    st.dictionaries(st.sampled_from(KEYS), values, max_size=8),
    values)


@pytest.fixture(scope="module")
def hypo_ws(tmp_path_factory):
    import tests.conftest as conftest

    root = tmp_path_factory.mktemp("hypo")
    shutil.copy(conftest.REPO / "pressroom.yaml", root / "pressroom.yaml")
    (root / "releases").mkdir()
    ws = Workspace(root)
    return ws, Renderer(ws)


def _try(ws, renderer, text: str) -> None:
    path = ws.releases_dir / "2019-04-15-fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        release = load_release(path, ws)
        for fmt in ("text", "markdown", "html"):
            renderer.render(release, fmt)
    except PressroomError as exc:
        assert isinstance(exc, InputError)
        assert isinstance(exc.where, Location) and exc.where.file, exc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents)
def test_any_document_renders_or_fails_located(hypo_ws, doc):
    ws, renderer = hypo_ws
    _try(ws, renderer, yaml.safe_dump(doc, allow_unicode=True))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=200))
def test_any_text_renders_or_fails_located(hypo_ws, text):
    ws, renderer = hypo_ws
    _try(ws, renderer, text)
