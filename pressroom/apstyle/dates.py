"""Dates, times and time zones in AP style: ``Thursday, Sept. 5, 2024, at 10 a.m. EDT``.

Month abbreviations, weekday names and the US time-zone labels are data (``data/*.csv``), read
on first use.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache

from pressroom.apstyle.places import read_table
from pressroom.errors import InputError

_NOON = 12 * 60
_MIDNIGHT = 0


@cache
def _months() -> dict[int, tuple[str, str]]:
    """Month number → (full name, AP form used with a specific date)."""
    return {int(row["number"]): (row["name"], row["ap"]) for row in read_table("months")}


@cache
def _weekdays() -> dict[int, str]:
    return {int(row["isoweekday"]): row["name"] for row in read_table("weekdays")}


@cache
def _zones() -> dict[str, tuple[str, str]]:
    """IANA zone → (standard-time label, daylight-time label) for the US and its territories."""
    return {row["zone"]: (row["standard"], row["daylight"]) for row in read_table("us_time_zones")}


@cache
def _zone_abbreviations() -> dict[str, str]:
    return {row["abbreviation"]: row["label"] for row in read_table("zone_abbreviations")}


def ap_date(d: date, *, weekday: bool = False) -> str:
    """``Sept. 5, 2024``; with *weekday*, ``Thursday, Sept. 5, 2024``. Never ordinals or padding."""
    text = f"{_months()[d.month][1]} {d.day}, {d.year}"
    return f"{_weekdays()[d.isoweekday()]}, {text}" if weekday else text


def ap_month_year(d: date) -> str:
    """A month with a year only: spelled out, no comma (``September 2024``)."""
    return f"{_months()[d.month][0]} {d.year}"


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _clock(t: time) -> str:
    """The figures without a.m./p.m.: ``9``, ``3:30``, ``12:05``."""
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d}" if t.minute else str(hour)


def _meridiem(t: time) -> str:
    return "a.m." if t.hour < 12 else "p.m."


def ap_time(t: time) -> str:
    """``10 a.m.``, ``3:30 p.m.``, ``noon``, ``midnight``, ``12:30 a.m.`` (seconds are ignored)."""
    minutes = _minutes(t)
    if minutes == _NOON:
        return "noon"
    if minutes == _MIDNIGHT:
        return "midnight"
    return f"{_clock(t)} {_meridiem(t)}"


def ap_time_range(start: time, end: time) -> str:
    """``9-11 a.m.``, ``9 a.m. to 5 p.m.``, ``11 a.m. to noon``, ``10 p.m. to 2 a.m.``.

    An empty range, or one whose end comes before its start within the same half of the day
    (``3-2 p.m.``), raises InputError.
    """
    first, last = _minutes(start), _minutes(end)
    if first == last:
        raise InputError(f"time range {ap_time(start)} to {ap_time(end)} is empty")
    words = (_NOON, _MIDNIGHT)
    if first not in words and last not in words and _meridiem(start) == _meridiem(end):
        if last < first:
            raise InputError(f"time range {ap_time(start)} to {ap_time(end)} ends before it "
                             "starts")
        return f"{_clock(start)}-{ap_time(end)}"
    return f"{ap_time(start)} to {ap_time(end)}"


def _require_aware(dt: datetime) -> timedelta:
    offset = dt.utcoffset() if dt.tzinfo is not None else None
    if offset is None:
        raise ValueError(f"a time zone label needs an aware datetime, got naive {dt!r}")
    return offset


def zone_label(dt: datetime) -> str:
    """How AP names *dt*'s zone on that date: ``EDT``/``EST``, ``Alaska Daylight Time``, ...

    US zones follow daylight saving for the date. Elsewhere: the zone's abbreviation when it is
    alphabetic (``CET``), else the offset (``UTC+05:30``). A naive datetime is a ValueError.
    """
    offset = _require_aware(dt)
    key = getattr(dt.tzinfo, "key", None)  # zoneinfo.ZoneInfo
    if key in _zones():
        standard, daylight = _zones()[key]
        return daylight if dt.dst() else standard
    abbreviation = dt.tzname() or ""
    if abbreviation in _zone_abbreviations():
        return _zone_abbreviations()[abbreviation]
    if abbreviation.isascii() and abbreviation.isalpha():
        return abbreviation
    return _utc_offset(offset)


def _utc_offset(offset: timedelta) -> str:
    if not offset:
        return "UTC"
    sign = "+" if offset > timedelta(0) else "-"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def ap_datetime(dt: datetime, *, weekday: bool = True) -> str:
    """``Thursday, Sept. 5, 2024, at 10 a.m. EDT``; without *weekday*, ``Sept. 5, 2024, at ...``."""
    zone = zone_label(dt)
    return f"{ap_date(dt, weekday=weekday)}, at {ap_time(dt.time())} {zone}"


# ---- wall-clock times that do not exist, or exist twice -------------------------------------------

def local_moment(day: date, clock: time, zone: str, *, label: str | None = None,
                 offset: timedelta | None = None) -> datetime:
    """The moment a wall-clock *clock* on *day* names in *zone*.

    A time the clocks skip (2:30 a.m. on March 10, 2019, in New York) is refused, naming the
    nearest valid times; a time that happens twice (1:30 a.m. on Nov. 3, 2019) needs its zone
    label (``EDT``/``EST``, as :func:`zone_label` writes it) or its UTC *offset* to say which.
    A label or offset that the time does not have on that date is refused too."""
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(zone)
    first = datetime.combine(day, clock, tzinfo=tz)
    second = first.replace(fold=1)
    when = f"{ap_time(clock)} on {ap_date(day)},"
    if not _exists(first):
        before, after = _nearest(first, -1), _nearest(first, 1)
        raise InputError(
            f"{when} does not exist in {zone} (the clocks skip it that night): the nearest "
            f"valid times are {ap_time(before.time())} {zone_label(before)} and "
            f"{ap_time(after.time())} {zone_label(after)}")
    candidates = [first] if first.utcoffset() == second.utcoffset() else [first, second]
    wanted = label.strip() if label else None
    if wanted is None and offset is None:
        if len(candidates) == 1:
            return first
        names = " or ".join(f"'{ap_time(clock)} {zone_label(c)}'" for c in candidates)
        offsets = " or ".join(_utc_offset(c.utcoffset()).replace("UTC", "") for c in candidates)
        raise InputError(f"{when} happens twice in {zone} (the clocks go back that night): "
                         f"say which, {names}, or give the offset ({offsets})")
    for moment in candidates:
        if (wanted is not None and zone_label(moment).casefold() == wanted.casefold()) or \
                (offset is not None and moment.utcoffset() == offset):
            return moment
    given = wanted if wanted is not None else _utc_offset(offset)
    actual = " or ".join(zone_label(c) for c in candidates)
    raise InputError(f"{when} in {zone} is {actual}, not {given}")


def _exists(moment: datetime) -> bool:
    from datetime import timezone

    back = moment.astimezone(timezone.utc).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None, fold=0) == moment.replace(tzinfo=None, fold=0)


def _nearest(moment: datetime, step: int) -> datetime:
    """The nearest existing minute before (step -1) or after (step 1) a skipped time."""
    probe = moment
    for _ in range(48 * 60):  # no zone skips more than a day
        probe = (probe.replace(tzinfo=None) + timedelta(minutes=step)).replace(tzinfo=moment.tzinfo)
        if _exists(probe):
            return probe
    return moment
