"""Hostile and careless YAML: impossible dates and times, huge files, clock changes and raw HTML
(issue 9, items 9, 15, 16 and 19).

Every failure is one located line (``releases/x.yaml:5:7: ...``) with exit status 2, never
PyYAML's ValueError from inside its timestamp constructor."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.hostile import Unchanged, assert_clean_failure

KEYNOTE = "releases/2019-04-15-conference-keynote.yaml"


def edit(ws: Path, old: str, new: str, file: str = KEYNOTE) -> Path:
    path = ws / file
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return path


def render(cli, ws: Path, *args: str):
    return cli("-w", str(ws), "release", "render", "conference-keynote", *args)


# ---- item 9: impossible dates and times --------------------------------------------------------

@pytest.mark.parametrize("value, problem", [
    ("2019-02-30", "day is out of range for month"),
    ("2019-02-29", "day is out of range for month"),
    ("2019-13-01", "month must be in 1..12"),
    ("2019-00-10", "month must be in 1..12"),
    ("2019-04-31", "day is out of range for month"),
    ("0000-01-01", "year 0 is out of range"),
    ("2019-04-15T25:00:00", "hour 25 is not 0 to 23"),
    ("2019-04-15 10:61:00", "minute 61 is not 0 to 59"),
    ("2019-04-15t10:00:60Z", "second 60 is not 0 to 59"),
    ("2019-4-31", "day is out of range for month"),
])
def test_an_impossible_release_date(example_workspace, cli, value, problem):
    edit(example_workspace, "date: 2019-04-15", f"date: {value}")
    result = render(cli, example_workspace)
    assert_clean_failure(result, status=2,
                         contains=[f"{KEYNOTE}:5:7: 'date': {value} is not a real date ({problem})"])


@pytest.mark.parametrize("value", ["2019-02-30", "2019-13-01", "2019-06-15T24:00:00"])
def test_an_impossible_embargo_date(example_workspace, cli, value):
    edit(example_workspace, "status: published\n",
         f"status: published\nrelease:\n  embargo:\n    date: {value}\n")
    result = render(cli, example_workspace)
    assert_clean_failure(result, status=2, contains=[f"{KEYNOTE}:12:11:", "is not a real date"])


def test_a_timestamp_in_a_list_is_text(example_workspace, cli):
    edit(example_workspace, "tags: [conference, training]", "tags: [2019-13-01, 2019-04-15]")
    result = render(cli, example_workspace, "-f", "markdown")
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("key, value, line", [
    ("start: 2019-06-23", "start: 2019-02-30", None),
    ("end: 2019-06-28", "end: 2019-06-31", None),
    ("deadline: 2019-06-14", "deadline: 2019-13-14", None),
    ("deadline: 2019-06-14", "deadline: 2019-06-14T25:00:00", None),
])
def test_an_impossible_date_in_pressroom_yaml(example_workspace, cli, key, value, line):
    edit(example_workspace, key, value, file="pressroom.yaml")
    guard = Unchanged(example_workspace)
    result = cli("-w", str(example_workspace), "event", "list")
    assert_clean_failure(result, status=2, contains=["pressroom.yaml:", "is not a real date"],
                         unchanged=guard)


def test_a_timestamp_list_in_pressroom_yaml_is_text(example_workspace, cli):
    edit(example_workspace, "variants: [Maurice Canady, Mo Canady Jr.]",
         "variants: [Maurice Canady, 2019-13-01]", file="pressroom.yaml")
    result = render(cli, example_workspace)
    assert result.exit_code == 0, result.stderr


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(year=st.integers(0, 9999), month=st.integers(0, 19), day=st.integers(0, 39),
       clock=st.none() | st.tuples(st.integers(0, 29), st.integers(0, 69), st.integers(0, 69)),
       separator=st.sampled_from(["T", " ", "t"]))
def test_generated_yaml_timestamps(example_workspace, year, month, day, clock, separator):
    """Any YAML timestamp is either read as its date or refused at its line and column."""
    from pressroom.errors import InputError
    from pressroom.releases.load import ReleaseLoader
    from pressroom.workspace import find_workspace

    stamp = f"{year:04d}-{month:02d}-{day:02d}"
    if clock is not None:
        stamp += f"{separator}{clock[0]:02d}:{clock[1]:02d}:{clock[2]:02d}"
    path = example_workspace / KEYNOTE
    original = path.read_text()
    try:
        path.write_text(original.replace("date: 2019-04-15", f"date: {stamp}", 1))
        try:
            expected = dt.date(year, month, day)
            if clock is not None:
                dt.time(*clock)
        except ValueError:
            expected = None
        loader = ReleaseLoader(find_workspace(str(example_workspace)))
        if expected is None:
            with pytest.raises(InputError) as caught:
                loader.load(path)
            assert str(caught.value).startswith(f"{path.name}:5:7: 'date': {stamp} is not a "
                                                "real date (") or \
                   ":5:7: 'date':" in str(caught.value)
        elif expected == dt.date(2019, 4, 15):
            assert loader.load(path).date == expected
        else:  # read as the right date, which the file name then contradicts
            with pytest.raises(InputError) as caught:
                loader.load(path)
            assert f":5:7: 'date' is {expected.isoformat()} but the file name says 2019-04-15" \
                in str(caught.value)
    finally:
        path.write_text(original)


# ---- item 16: huge files are refused before parsing --------------------------------------------

@pytest.mark.parametrize("size", [1_000_001, 5_000_000, 40_000_000])
def test_a_huge_release_is_refused_before_parsing(example_workspace, cli, size):
    path = example_workspace / KEYNOTE
    text = path.read_text()
    path.write_text(text + "# " + "x" * (size - len(text)) + "\n")
    result = render(cli, example_workspace)
    assert_clean_failure(result, status=2, contains=[KEYNOTE, "larger than 1 MB"])


def test_a_huge_pressroom_yaml_is_refused(example_workspace, cli):
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text() + "# " + "y" * 2_000_000 + "\n")
    result = render(cli, example_workspace)
    assert_clean_failure(result, status=2, contains=["pressroom.yaml", "larger than 1 MB"])


def test_a_release_just_under_the_limit_still_loads(example_workspace, cli):
    path = example_workspace / KEYNOTE
    text = path.read_text()
    path.write_text(text + "# " + "x" * (999_000 - len(text)) + "\n")
    assert render(cli, example_workspace).exit_code == 0


# ---- item 15: times the clocks skip or repeat ----------------------------------------------------

def embargo(ws: Path, day: str, time: str | None, zone: str) -> None:
    lines = f"release:\n  embargo:\n    date: {day}\n"
    if time is not None:
        lines += f"    time: \"{time}\"\n"
    lines += f"    timezone: {zone}\n"
    edit(ws, "status: published\n", "status: published\n" + lines)


@pytest.mark.parametrize("day, time, zone, before, after", [
    ("2019-03-10", "2:30 a.m.", "America/New_York", "1:59 a.m. EST", "3 a.m. EDT"),
    ("2019-03-10", "02:00", "America/New_York", "1:59 a.m. EST", "3 a.m. EDT"),
    ("2019-03-10", "2:59 a.m.", "America/Chicago", "1:59 a.m. CST", "3 a.m. CDT"),
    ("2019-03-31", "02:30", "Europe/Berlin", "1:59 a.m. CET", "3 a.m. CEST"),
    ("2019-03-10", None, "America/Havana", "11:59 p.m. CST", "1 a.m. CDT"),
])
def test_a_time_the_clocks_skip_is_refused_with_the_nearest_valid_times(
        example_workspace, cli, day, time, zone, before, after):
    embargo(example_workspace, day, time, zone)
    result = render(cli, example_workspace)
    assert_clean_failure(result, status=2, contains=[
        KEYNOTE, f"does not exist in {zone}", f"the nearest valid times are {before} and {after}"])


@pytest.mark.parametrize("time", ["1:30 a.m.", "01:30", "1 a.m.", "01:59"])
def test_a_time_that_happens_twice_needs_its_zone(example_workspace, cli, time):
    embargo(example_workspace, "2019-11-03", time, "America/New_York")
    result = render(cli, example_workspace)
    assert_clean_failure(result, status=2, contains=["happens twice in America/New_York",
                                                     "EDT", "EST", "-04:00 or -05:00"])


@pytest.mark.parametrize("time, shown", [
    ("1:30 a.m. EDT", "EMBARGOED UNTIL 1:30 a.m. EDT, Sunday, Nov. 3, 2019"),
    ("1:30 a.m. EST", "EMBARGOED UNTIL 1:30 a.m. EST, Sunday, Nov. 3, 2019"),
    ("01:30 est", "EMBARGOED UNTIL 1:30 a.m. EST, Sunday, Nov. 3, 2019"),
    ("01:30-04:00", "EMBARGOED UNTIL 1:30 a.m. EDT, Sunday, Nov. 3, 2019"),
    ("01:30 -05:00", "EMBARGOED UNTIL 1:30 a.m. EST, Sunday, Nov. 3, 2019"),
    ("01:30 UTC-0500", "EMBARGOED UNTIL 1:30 a.m. EST, Sunday, Nov. 3, 2019"),
])
def test_a_repeated_time_with_its_zone_renders_that_one(example_workspace, cli, time, shown):
    embargo(example_workspace, "2019-11-03", time, "America/New_York")
    result = render(cli, example_workspace)
    assert result.exit_code == 0, result.stderr
    assert shown in result.stdout


@pytest.mark.parametrize("time, message", [
    ("10 a.m. EST", "is EDT, not EST"),
    ("10:00+02:00", "is EDT, not UTC+02:00"),
    ("10:00+25:00", "is not a UTC offset"),
])
def test_a_zone_the_time_does_not_have_is_refused(example_workspace, cli, time, message):
    embargo(example_workspace, "2019-07-03", time, "America/New_York")
    result = render(cli, example_workspace)
    assert_clean_failure(result, status=2, contains=message)


def test_an_ordinary_embargo_is_unchanged(example_workspace, cli):
    embargo(example_workspace, "2019-07-03", "10 a.m.", "America/New_York")
    result = render(cli, example_workspace)
    assert "EMBARGOED UNTIL 10 a.m. EDT, Wednesday, July 3, 2019" in result.stdout


@settings(max_examples=150, deadline=None)
@given(day=st.dates(dt.date(2000, 1, 1), dt.date(2037, 12, 31)),
       minute=st.integers(0, 24 * 60 - 1),
       zone=st.sampled_from(["America/New_York", "America/Chicago", "America/Denver",
                             "America/Los_Angeles", "Europe/London", "Australia/Sydney",
                             "America/Havana", "Asia/Kolkata"]))
def test_generated_wall_times(day, minute, zone):
    """A wall time is accepted exactly when it exists once; when accepted, it reads back as
    itself; refused, it says why."""
    from zoneinfo import ZoneInfo

    from pressroom.apstyle.dates import local_moment
    from pressroom.errors import InputError

    clock = dt.time(minute // 60, minute % 60)
    tz = ZoneInfo(zone)
    first = dt.datetime.combine(day, clock, tzinfo=tz)
    second = first.replace(fold=1)
    back = first.astimezone(dt.timezone.utc).astimezone(tz)
    exists = back.replace(tzinfo=None) == first.replace(tzinfo=None)
    twice = exists and first.utcoffset() != second.utcoffset()
    if exists and not twice:
        moment = local_moment(day, clock, zone)
        assert moment.astimezone(dt.timezone.utc).astimezone(tz).time() == clock
        return
    with pytest.raises(InputError) as caught:
        local_moment(day, clock, zone)
    assert ("happens twice" if twice else "does not exist") in str(caught.value)
    if twice:
        for offset in (first.utcoffset(), second.utcoffset()):
            assert local_moment(day, clock, zone, offset=offset).utcoffset() == offset


# ---- item 19: raw HTML in a Markdown body ---------------------------------------------------------

@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<iframe src=https://evil.example></iframe>",
    "<!-- hidden --><b>bold</b>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<svg/onload=alert(1)>",
    "</p><div onclick=alert(1)>",
])
@pytest.mark.parametrize("where", ["inline", "block"])
def test_raw_html_in_the_body_is_escaped_in_markdown(example_workspace, cli, html, where):
    from markdown_it import MarkdownIt

    text = f"  Before {html} after.\n" if where == "inline" else f"\n  {html}\n"
    edit(example_workspace, "  Officers (NASRO) in Pigeon Forge, Tenn.\n",
         "  Officers (NASRO) in Pigeon Forge, Tenn.\n" + text)
    result = render(cli, example_workspace, "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    shown = MarkdownIt("commonmark", {"html": True}).render(result.stdout)  # as a viewer would
    for tag in ("<script", "<img", "<iframe", "<svg", "<div", "<!--", "<b>", 'href="javascript'):
        assert tag not in shown.lower(), shown
    assert "Pigeon Forge" in shown


def test_html_in_code_stays_code_in_markdown(example_workspace, cli):
    edit(example_workspace, "  Officers (NASRO) in Pigeon Forge, Tenn.\n",
         "  officers (NASRO) in Pigeon Forge, Tenn. Type `<br>` and <https://nasro.org>.\n")
    result = render(cli, example_workspace, "-f", "markdown")
    assert "`<br>`" in result.stdout and "<https://nasro.org>" in result.stdout
