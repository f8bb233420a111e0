"""Datelines in the styles releases use: AP, parenthetical date, date first and the three wires.

``format_dateline(resolve_place("Hoover", "AL"), date(2019, 4, 15), "dated")`` →
``HOOVER, Ala. (April 15, 2019) —``. The date is always the AP date, which carries the year.
"""

from __future__ import annotations

from datetime import date

from pressroom.apstyle.dates import ap_date
from pressroom.apstyle.places import Place
from pressroom.errors import InputError, did_you_mean

EM_DASH = "\u2014"

# style → pattern; {place} is str(Place), {date} the AP date.
_PATTERNS: dict[str, str] = {
    "ap": f"{{place}} {EM_DASH}",
    "dated": f"{{place}} ({{date}}) {EM_DASH}",
    "date-first": f"{{date}} {EM_DASH} {{place}} {EM_DASH}",
    "prnewswire": "{place}, {date} /PRNewswire/ --",
    "businesswire": "{place}--(BUSINESS WIRE)--{date}--",
    "globenewswire": "{place}, {date} (GLOBE NEWSWIRE) --",
}

DATELINE_STYLES: tuple[str, ...] = tuple(_PATTERNS)


def check_dateline_style(style: str) -> str:
    """The style name, normalized (``" AP "`` → ``ap``); InputError for an unknown one."""
    name = style.strip().lower()
    if name not in _PATTERNS:
        raise InputError(f"unknown dateline style '{style}'{did_you_mean(name, DATELINE_STYLES)}; "
                         f"use one of: {', '.join(DATELINE_STYLES)}")
    return name


def format_dateline(place: Place, date: date | None, style: str) -> str:
    """The dateline that opens the first paragraph, ending in its dash.

    Every style but ``ap`` carries the date, so needs one (InputError otherwise).
    """
    name = check_dateline_style(style)
    pattern = _PATTERNS[name]
    if "{date}" not in pattern:
        return pattern.format(place=place)
    if date is None:
        raise InputError(f"the '{name}' dateline style needs a date")
    return pattern.format(place=place, date=ap_date(date))
