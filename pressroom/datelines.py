"""Datelines and AP dates for a workspace: the workspace's defaults and extra stand-alone cities
applied on top of :mod:`pressroom.apstyle`."""

from __future__ import annotations

import datetime as dt

from pressroom.errors import InputError
from pressroom.yamlfile import parse_date


def _workspace_or_none():
    from pressroom.workspace import optional_workspace

    return optional_workspace()


def dateline_for(city: str, *, state: str | None = None, country: str | None = None,
                 on: str | dt.date | None = None, style: str | None = None) -> str:
    from pressroom.apstyle import format_dateline, resolve_place

    ws = _workspace_or_none()
    extra = ws.config.extra_standalone if ws else []
    if style is None:
        style = ws.config.defaults.dateline_style if ws else "dated"
    from pressroom.clock import today

    day = parse_date(on, what="--date") if on is not None else today(ws)
    place = resolve_place(city, state, country, extra_standalone=extra)
    return format_dateline(place, day, style)



def ap_date_text(value: str, *, tz: str | None = None, weekday: bool = False) -> str:
    """`2024-09-05` → `Sept. 5, 2024`; `2024-09-05T10:00` with a zone → `..., at 10 a.m. EDT`."""
    from zoneinfo import ZoneInfo

    from pressroom.apstyle import ap_date, ap_datetime
    from pressroom.workspace import check_timezone

    text = value.strip()
    has_time = "T" in text or " " in text or ":" in text
    if not has_time:
        return ap_date(parse_date(text, what="date"), weekday=weekday)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        from dateutil import parser as dateparser

        try:
            moment = dateparser.parse(text)
        except (ValueError, OverflowError):
            raise InputError(f"cannot read '{value}' as a date and time (use 2024-09-05T10:00)") from None
    if moment.tzinfo is None:
        if tz is None:
            ws = _workspace_or_none()
            tz = ws.config.defaults.timezone if ws else None
        if tz is None:
            raise InputError("a time needs a time zone: add --tz, e.g. --tz America/New_York")
        moment = moment.replace(tzinfo=ZoneInfo(check_timezone(tz, None)))
    elif tz is not None:
        moment = moment.astimezone(ZoneInfo(check_timezone(tz, None)))
    return ap_datetime(moment, weekday=weekday)
