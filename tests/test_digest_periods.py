"""Digest periods: names, boundaries, the previous period, and "today" in the workspace's zone."""

from __future__ import annotations

import datetime as dt

import pytest

from pressroom.digest.periods import Period, buckets, parse_period, resolve_period, today_in
from pressroom.errors import InputError

D = dt.date


@pytest.mark.parametrize(("spec", "today", "since", "until"), [
    ("2019-01", D(2019, 6, 1), D(2019, 1, 1), D(2019, 1, 31)),
    ("2020-02", D(2020, 6, 1), D(2020, 2, 1), D(2020, 2, 29)),
    ("2019-12", D(2019, 6, 1), D(2019, 12, 1), D(2019, 12, 31)),
    ("2020-W01", D(2020, 6, 1), D(2019, 12, 30), D(2020, 1, 5)),
    ("2020-w53", D(2020, 6, 1), D(2020, 12, 28), D(2021, 1, 3)),
    ("2019-W09", D(2019, 6, 1), D(2019, 2, 25), D(2019, 3, 3)),
    # last-week: the previous Monday-Sunday week, whatever day today is
    ("last-week", D(2019, 3, 4), D(2019, 2, 25), D(2019, 3, 3)),    # a Monday
    ("last-week", D(2019, 3, 10), D(2019, 2, 25), D(2019, 3, 3)),   # a Sunday
    ("last-week", D(2020, 1, 1), D(2019, 12, 23), D(2019, 12, 29)),  # Jan. 1 (a Wednesday)
    ("last-week", D(2019, 1, 1), D(2018, 12, 24), D(2018, 12, 30)),  # Jan. 1 (a Tuesday)
    ("last-month", D(2019, 1, 1), D(2018, 12, 1), D(2018, 12, 31)),
    ("last-month", D(2019, 3, 31), D(2019, 2, 1), D(2019, 2, 28)),
    ("last-month", D(2020, 3, 1), D(2020, 2, 1), D(2020, 2, 29)),
])
def test_named_periods(spec, today, since, until):
    assert parse_period(spec, today) == Period(since, until)


@pytest.mark.parametrize("spec", ["2019-13", "2019-00", "2019-W54", "2019-W00", "yesterday",
                                  "2019-1", "last week", ""])
def test_bad_periods_are_input_errors(spec):
    with pytest.raises(InputError) as info:
        parse_period(spec, D(2019, 3, 4))
    assert info.value.exit_status == 2


def test_previous_period_has_the_same_length():
    assert Period(D(2020, 1, 1), D(2020, 1, 7)).previous() == Period(D(2019, 12, 25), D(2019, 12, 31))
    assert Period(D(2019, 3, 2), D(2019, 3, 31)).previous() == Period(D(2019, 1, 31), D(2019, 3, 1))


@pytest.mark.parametrize("spec, previous", [
    ("2019-03", (D(2019, 2, 1), D(2019, 2, 28))),    # issue 10 item 15: not Jan. 29 to Feb. 28
    ("2020-03", (D(2020, 2, 1), D(2020, 2, 29))),
    ("2019-01", (D(2018, 12, 1), D(2018, 12, 31))),
    ("2019-05", (D(2019, 4, 1), D(2019, 4, 30))),
    ("last-month", (D(2019, 1, 1), D(2019, 1, 31))),  # today is in March: February, then January
])
def test_a_month_compares_with_the_calendar_month_before(spec, previous):
    assert parse_period(spec, D(2019, 3, 4)).previous() == Period(*previous)


def test_whole_months_given_as_dates_compare_with_as_many_months_before():
    assert Period(D(2019, 1, 1), D(2019, 3, 31)).previous() == Period(D(2018, 10, 1), D(2018, 12, 31))
    assert resolve_period(since="2019-03-01", until="2019-03-31", today=D(2019, 4, 2)).previous() \
        == Period(D(2019, 2, 1), D(2019, 2, 28))


def test_week_labels_name_whole_iso_weeks_and_mark_partial_ones():
    from pressroom.digest.build import _timeline
    from pressroom.digest.chart import bucket_label, text_bars

    rows = _timeline(Period(D(2019, 3, 1), D(2019, 3, 31)), [{"published": D(2019, 3, 1)}])
    labels = [bucket_label(row) for row in rows]
    assert labels == ["Feb. 25\u2013March 3 (partial)", "March 4\u201310", "March 11\u201317",
                      "March 18\u201324", "March 25\u201331"]
    assert text_bars(rows)[-1].startswith("(partial): only the days")
    whole = _timeline(Period(D(2019, 3, 4), D(2019, 3, 31)), [])
    assert all("partial" not in bucket_label(row) for row in whole)
    assert all("partial" not in line for line in text_bars(whole))


def test_resolve_period_options():
    today = D(2019, 3, 4)
    assert resolve_period(today=today) == parse_period("last-week", today)
    assert resolve_period(since="2019-02-01", until="2019-02-10", today=today) == \
        Period(D(2019, 2, 1), D(2019, 2, 10))
    assert resolve_period(since="2019-03-01", today=today) == Period(D(2019, 3, 1), today)
    with pytest.raises(InputError, match="either --period or --since"):
        resolve_period(since="2019-03-01", period="2019-03", today=today)
    with pytest.raises(InputError, match="ends .* before it starts"):
        resolve_period(since="2019-03-05", until="2019-03-01", today=today)
    with pytest.raises(InputError, match="--since must be a date"):
        resolve_period(since="March 1", today=today)


def test_today_depends_on_the_workspace_time_zone():
    # 2019-03-04 05:30 UTC is still Sunday evening in Honolulu (UTC-10) and in Chicago (UTC-6).
    moment = dt.datetime(2019, 3, 4, 5, 30, tzinfo=dt.timezone.utc)
    assert today_in("UTC", moment) == D(2019, 3, 4)
    assert today_in("Pacific/Honolulu", moment) == D(2019, 3, 3)
    assert today_in("America/Chicago", moment) == D(2019, 3, 3)
    # ...so "last-week" differs by a whole week between them at that moment.
    assert parse_period("last-week", today_in("UTC", moment)) == Period(D(2019, 2, 25), D(2019, 3, 3))
    assert parse_period("last-week", today_in("Pacific/Honolulu", moment)) == \
        Period(D(2019, 2, 18), D(2019, 2, 24))
    # Just after midnight on New Year's Day in Honolulu it is already 10:00 UTC.
    new_year = dt.datetime(2020, 1, 1, 10, 0, tzinfo=dt.timezone.utc)
    assert today_in("Pacific/Honolulu", new_year) == D(2020, 1, 1)
    assert today_in("Pacific/Honolulu", new_year - dt.timedelta(minutes=1)) == D(2019, 12, 31)


def test_buckets_are_days_for_a_week_and_weeks_otherwise():
    week = buckets(Period(D(2019, 2, 25), D(2019, 3, 3)))
    assert len(week) == 7 and all(start == end for start, end in week)
    month = buckets(Period(D(2019, 1, 1), D(2019, 1, 31)))  # Jan. 1, 2019 is a Tuesday
    assert month[0] == (D(2019, 1, 1), D(2019, 1, 6))
    assert month[1] == (D(2019, 1, 7), D(2019, 1, 13))
    assert month[-1] == (D(2019, 1, 28), D(2019, 1, 31))
    assert sum((end - start).days + 1 for start, end in month) == 31
