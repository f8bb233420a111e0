"""Digest periods: which days a digest covers, and the period before it for comparison.

A period is a closed range of calendar days, ``since`` to ``until`` inclusive. Names are read
relative to *today* in the workspace's time zone (the caller supplies *today*; the CLI reads the
clock, or ``PRESSROOM_TODAY`` in tests):

- ``last-week``: the previous Monday–Sunday week (on a Monday, the seven days that just ended);
- ``last-month``: the previous calendar month;
- ``YYYY-MM``: that calendar month;
- ``YYYY-Www``: that ISO week (Monday–Sunday; ``2020-W01`` is Dec. 30, 2019–Jan. 5, 2020).

A period of whole calendar months compares with as many months before it; any other with the
days of the same number just before it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from pressroom.errors import InputError

PERIOD_NAMES = ("last-week", "last-month")
DEFAULT_PERIOD = "last-week"

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ISO_WEEK = re.compile(r"^(\d{4})-[Ww](\d{2})$")
_ONE_DAY = dt.timedelta(days=1)

# A period, its comparison period and the weeks and windows around it must stay inside Python's
# calendar (years 1 to 9999): a year of margin at each end keeps every computation inside it.
EARLIEST = dt.date(2, 1, 1)
LATEST = dt.date(9998, 12, 31)
_RANGE = f"periods lie between {EARLIEST.isoformat()} and {LATEST.isoformat()}"


def _days_before(day: dt.date, days: int) -> dt.date:
    """*day* minus *days*, or an InputError when that leaves the calendar."""
    if (day - EARLIEST).days < days:
        raise InputError(f"the dates needed run before {EARLIEST.isoformat()} ({_RANGE})")
    return day - dt.timedelta(days=days)


@dataclass(frozen=True)
class Period:
    since: dt.date
    until: dt.date  # inclusive

    def __post_init__(self) -> None:
        for day in (self.since, self.until):
            if not EARLIEST <= day <= LATEST:
                raise InputError(f"{day.isoformat()} is out of range ({_RANGE})")
        if self.until < self.since:
            raise InputError(f"the period ends ({self.until.isoformat()}) before it starts "
                             f"({self.since.isoformat()})")

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @property
    def whole_months(self) -> int:
        """How many calendar months the period is, if it is whole months (1 for ``2019-03``),
        else 0."""
        if self.since.day != 1 or (self.until + _ONE_DAY).day != 1:
            return 0
        return ((self.until.year - self.since.year) * 12 + self.until.month
                - self.since.month + 1)

    def previous(self) -> "Period":
        """The period to compare with: as many calendar months before, for a period of whole
        months (March compares with February, not "Jan. 29 to Feb. 28"); else the period of the
        same length that ends the day before this one starts."""
        until = _days_before(self.since, 1)
        if months := self.whole_months:
            first = until.replace(day=1)
            for _ in range(months - 1):
                first = _days_before(first, 1).replace(day=1)
            return Period(first, until)
        return Period(_days_before(until, self.days - 1), until)

    def contains(self, day: dt.date) -> bool:
        return self.since <= day <= self.until

    def as_json(self) -> dict[str, str]:
        return {"since": self.since.isoformat(), "until": self.until.isoformat()}


def today_in(timezone: str, now: dt.datetime | None = None) -> dt.date:
    """The calendar date in *timezone* at *now* (default: the current moment)."""
    from zoneinfo import ZoneInfo

    moment = now if now is not None else dt.datetime.now(dt.timezone.utc)
    if moment.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return moment.astimezone(ZoneInfo(timezone)).date()


def last_week(today: dt.date) -> Period:
    this_monday = _days_before(today, today.weekday())
    return Period(_days_before(this_monday, 7), _days_before(this_monday, 1))


def _check_year(year: int) -> None:
    if not EARLIEST.year <= year <= LATEST.year:
        raise InputError(f"year {year} is out of range ({_RANGE})")


def month(year: int, number: int) -> Period:
    _check_year(year)
    if not 1 <= number <= 12:
        raise InputError(f"there is no month {number:02d} (use YYYY-MM with MM from 01 to 12)")
    return Period(dt.date(year, number, 1),
                  dt.date(year, number, calendar.monthrange(year, number)[1]))


def last_month(today: dt.date) -> Period:
    end = _days_before(today.replace(day=1), 1)
    return month(end.year, end.month)


def iso_week(year: int, week: int) -> Period:
    _check_year(year)
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise InputError(f"{year} has no ISO week {week:02d}") from None
    return Period(monday, monday + dt.timedelta(days=6))


def parse_period(spec: str, today: dt.date) -> Period:
    """A named period (see the module docstring) relative to *today*."""
    text = spec.strip()
    if text == "last-week":
        return last_week(today)
    if text == "last-month":
        return last_month(today)
    if m := _MONTH.match(text):
        return month(int(m.group(1)), int(m.group(2)))
    if m := _ISO_WEEK.match(text):
        return iso_week(int(m.group(1)), int(m.group(2)))
    raise InputError(f"unknown period '{spec}'; use last-week, last-month, YYYY-MM (2019-03) "
                     "or an ISO week YYYY-Www (2019-W10)")


def parse_day(value: str | dt.date, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{what} must be a date like 2019-03-01, not '{value}'") from None


def resolve_period(*, since: str | dt.date | None = None, until: str | dt.date | None = None,
                   period: str | None = None, today: dt.date) -> Period:
    """The digest's period from the options: ``--since/--until`` or ``--period`` (default last-week).

    ``--since`` alone runs to *today*; ``--until`` alone starts one week (seven days) before it.
    """
    if period is not None and (since is not None or until is not None):
        raise InputError("use either --period or --since/--until, not both")
    if since is None and until is None:
        return parse_period(period or DEFAULT_PERIOD, today)
    end = parse_day(until, "--until") if until is not None else today
    start = parse_day(since, "--since") if since is not None else _days_before(end, 6)
    return Period(start, end)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def buckets(period: Period) -> list[tuple[dt.date, dt.date]]:
    """The timeline's bars: one per day for a period of a week or less, else one per
    Monday–Sunday week, the first and last clipped to the period."""
    if period.days <= 7:
        return [(period.since + dt.timedelta(days=i),) * 2 for i in range(period.days)]
    result = []
    start = period.since
    while start <= period.until:
        end = min(week_start(start) + dt.timedelta(days=6), period.until)  # LATEST: no overflow
        result.append((start, end))
        start = end + _ONE_DAY
    return result
