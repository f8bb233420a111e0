"""AP dates, times and time zones (pressroom.apstyle.dates)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressroom.apstyle import ap_date, ap_datetime, ap_month_year, ap_time, ap_time_range, \
    zone_label
from pressroom.errors import InputError

TWELVE_WITH_MERIDIEM = re.compile(r"(?<![:\d])12 [ap]\.m\.")  # "12 p.m." but not "12:12 a.m."


# --- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("month, expected", [
    (1, "Jan. 2, 2024"), (2, "Feb. 2, 2024"), (3, "March 2, 2024"), (4, "April 2, 2024"),
    (5, "May 2, 2024"), (6, "June 2, 2024"), (7, "July 2, 2024"), (8, "Aug. 2, 2024"),
    (9, "Sept. 2, 2024"), (10, "Oct. 2, 2024"), (11, "Nov. 2, 2024"), (12, "Dec. 2, 2024"),
])
def test_ap_date_month_forms(month, expected):
    assert ap_date(date(2024, month, 2)) == expected


@pytest.mark.parametrize("d, weekday, expected", [
    (date(2024, 9, 5), False, "Sept. 5, 2024"),
    (date(2024, 9, 5), True, "Thursday, Sept. 5, 2024"),
    (date(2024, 3, 3), False, "March 3, 2024"),
    (date(2024, 8, 1), False, "Aug. 1, 2024"),
    (date(2024, 1, 2), True, "Tuesday, Jan. 2, 2024"),
    (date(2019, 4, 15), False, "April 15, 2019"),
    (date(2025, 5, 5), False, "May 5, 2025"),
    (date(2024, 10, 30), False, "Oct. 30, 2024"),
    (date(2026, 7, 21), True, "Tuesday, July 21, 2026"),
    (datetime(2024, 9, 5, 23, 59), False, "Sept. 5, 2024"),
])
def test_ap_date(d, weekday, expected):
    assert ap_date(d, weekday=weekday) == expected


@pytest.mark.parametrize("d, expected", [
    (date(2024, 9, 5), "September 2024"), (date(2024, 1, 31), "January 2024"),
    (date(2023, 5, 1), "May 2023"), (date(2023, 12, 25), "December 2023"),
])
def test_ap_month_year(d, expected):
    assert ap_month_year(d) == expected


@pytest.mark.parametrize("day", range(7))
def test_weekdays_are_spelled_out(day):
    text = ap_date(date(2024, 9, 2) + timedelta(days=day), weekday=True)
    weekday = text.split(",")[0]
    assert weekday in {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                       "Sunday"}


@given(st.dates(), st.booleans())
def test_ap_date_never_pads_or_uses_ordinals(d, weekday):
    text = ap_date(d, weekday=weekday)
    assert not re.search(r"\b0\d", text.rsplit(",", 1)[0])
    assert not re.search(r"\d(st|nd|rd|th)\b", text)
    assert f" {d.day}, {d.year}" in text
    assert text.endswith(str(d.year))


# --- times ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("t, expected", [
    (time(10), "10 a.m."), (time(15, 30), "3:30 p.m."), (time(9, 5), "9:05 a.m."),
    (time(12), "noon"), (time(0), "midnight"), (time(0, 30), "12:30 a.m."),
    (time(12, 30), "12:30 p.m."), (time(23, 59), "11:59 p.m."), (time(1), "1 a.m."),
    (time(13), "1 p.m."), (time(14, 0, 59), "2 p.m."),
])
def test_ap_time(t, expected):
    assert ap_time(t) == expected


def test_ap_time_every_minute_of_the_day():
    seen = set()
    for minute in range(24 * 60):
        t = time(minute // 60, minute % 60)
        text = ap_time(t)
        seen.add(text)
        assert not TWELVE_WITH_MERIDIEM.search(text) and "12 noon" not in text
        assert ":00" not in text
        if text in ("noon", "midnight"):
            assert (t.hour, t.minute) in {(12, 0), (0, 0)}
            continue
        match = re.fullmatch(r"(\d{1,2})(?::(\d\d))? ([ap])\.m\.", text)
        assert match, text
        hour, minutes, meridiem = int(match[1]), int(match[2] or 0), match[3]
        assert 1 <= hour <= 12
        assert (hour % 12 + (12 if meridiem == "p" else 0), minutes) == (t.hour, t.minute)
    assert len(seen) == 24 * 60


@pytest.mark.parametrize("start, end, expected", [
    (time(9), time(11), "9-11 a.m."),
    (time(9), time(17), "9 a.m. to 5 p.m."),
    (time(11), time(12), "11 a.m. to noon"),
    (time(12), time(14), "noon to 2 p.m."),
    (time(22), time(0), "10 p.m. to midnight"),
    (time(0), time(2), "midnight to 2 a.m."),
    (time(13), time(15, 30), "1-3:30 p.m."),
    (time(9, 30), time(11), "9:30-11 a.m."),
    (time(22), time(2), "10 p.m. to 2 a.m."),
    (time(12, 30), time(13, 30), "12:30-1:30 p.m."),
    (time(0, 30), time(1), "12:30-1 a.m."),
])
def test_ap_time_range(start, end, expected):
    assert ap_time_range(start, end) == expected


@pytest.mark.parametrize("start, end, message", [
    (time(9), time(9), "time range 9 a.m. to 9 a.m. is empty"),
    (time(12), time(12), "time range noon to noon is empty"),
    (time(15), time(14), "time range 3 p.m. to 2 p.m. ends before it starts"),
])
def test_ap_time_range_errors(start, end, message):
    with pytest.raises(InputError) as caught:
        ap_time_range(start, end)
    assert str(caught.value) == message


@given(st.times(), st.times())
def test_ap_time_range_never_writes_12_with_a_meridiem(start, end):
    try:
        text = ap_time_range(start, end)
    except InputError:
        return
    assert not TWELVE_WITH_MERIDIEM.search(text) and ":00" not in text


# --- zones ---------------------------------------------------------------------------------------

def at(zone: str, month: int, hour: int = 14) -> datetime:
    return datetime(2024, month, 15, hour, tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize("zone, july, january", [
    ("America/New_York", "EDT", "EST"),
    ("America/Detroit", "EDT", "EST"),
    ("America/Indiana/Indianapolis", "EDT", "EST"),
    ("America/Chicago", "CDT", "CST"),
    ("America/Denver", "MDT", "MST"),
    ("America/Phoenix", "MST", "MST"),
    ("America/Los_Angeles", "PDT", "PST"),
    ("US/Pacific", "PDT", "PST"),
    ("America/Anchorage", "Alaska Daylight Time", "Alaska Standard Time"),
    ("America/Adak", "Hawaii-Aleutian Daylight Time", "Hawaii-Aleutian Standard Time"),
    ("Pacific/Honolulu", "Hawaii-Aleutian Standard Time", "Hawaii-Aleutian Standard Time"),
    ("America/Puerto_Rico", "Atlantic Standard Time", "Atlantic Standard Time"),
    ("Pacific/Guam", "Chamorro Standard Time", "Chamorro Standard Time"),
    ("Europe/Paris", "CEST", "CET"),
    ("Europe/London", "BST", "GMT"),
    ("Asia/Kolkata", "IST", "IST"),
    ("Asia/Riyadh", "UTC+03:00", "UTC+03:00"),
    ("America/Sao_Paulo", "UTC-03:00", "UTC-03:00"),
    ("Asia/Kathmandu", "UTC+05:45", "UTC+05:45"),
    ("UTC", "UTC", "UTC"),
])
def test_zone_label_follows_daylight_saving(zone, july, january):
    assert zone_label(at(zone, 7)) == july
    assert zone_label(at(zone, 1)) == january


def test_zone_label_on_the_changeover_day():
    # 2024-03-10: clocks go forward at 2 a.m. in New York.
    assert zone_label(datetime(2024, 3, 10, 1, 30, tzinfo=ZoneInfo("America/New_York"))) == "EST"
    assert zone_label(datetime(2024, 3, 10, 3, 30, tzinfo=ZoneInfo("America/New_York"))) == "EDT"


@pytest.mark.parametrize("tz, expected", [
    (timezone.utc, "UTC"),
    (timezone(timedelta(hours=-4), "EDT"), "EDT"),
    (timezone(timedelta(hours=-8), "AKDT"), "Alaska Daylight Time"),
    (timezone(timedelta(hours=5, minutes=30)), "UTC+05:30"),
    (timezone(timedelta(hours=-3, minutes=-30)), "UTC-03:30"),
])
def test_zone_label_without_a_zone_name(tz, expected):
    assert zone_label(datetime(2024, 7, 1, 12, tzinfo=tz)) == expected


def test_zone_label_naive_datetime_is_a_programming_error():
    with pytest.raises(ValueError):
        zone_label(datetime(2024, 7, 1, 12))
    with pytest.raises(ValueError):
        ap_datetime(datetime(2024, 7, 1, 12))


# --- the full form -------------------------------------------------------------------------------

@pytest.mark.parametrize("dt, weekday, expected", [
    (datetime(2024, 9, 5, 10, tzinfo=ZoneInfo("America/New_York")), True,
     "Thursday, Sept. 5, 2024, at 10 a.m. EDT"),
    (datetime(2024, 9, 5, 10, tzinfo=ZoneInfo("America/New_York")), False,
     "Sept. 5, 2024, at 10 a.m. EDT"),
    (datetime(2024, 9, 5, 12, tzinfo=ZoneInfo("America/New_York")), True,
     "Thursday, Sept. 5, 2024, at noon EDT"),
    (datetime(2024, 1, 16, 14, tzinfo=ZoneInfo("America/New_York")), True,
     "Tuesday, Jan. 16, 2024, at 2 p.m. EST"),
    (datetime(2024, 7, 16, 14, tzinfo=ZoneInfo("America/New_York")), False,
     "July 16, 2024, at 2 p.m. EDT"),
    (datetime(2024, 7, 16, 8, tzinfo=ZoneInfo("America/Anchorage")), False,
     "July 16, 2024, at 8 a.m. Alaska Daylight Time"),
    (datetime(2024, 3, 4, 0, 1, tzinfo=ZoneInfo("America/New_York")), False,
     "March 4, 2024, at 12:01 a.m. EST"),
    (datetime(2024, 11, 5, 15, 30, tzinfo=ZoneInfo("America/Phoenix")), True,
     "Tuesday, Nov. 5, 2024, at 3:30 p.m. MST"),
])
def test_ap_datetime(dt, weekday, expected):
    assert ap_datetime(dt, weekday=weekday) == expected
