"""AP style for releases: dateline places, datelines, dates, times and time zones.

The facts (state abbreviations, stand-alone cities, countries, months, zone labels) are CSV
tables in ``data/``, read on first use, so importing this package is cheap.
"""

from pressroom.apstyle.dates import (
    ap_date,
    ap_datetime,
    ap_month_year,
    ap_time,
    ap_time_range,
    zone_label,
)
from pressroom.apstyle.datelines import DATELINE_STYLES, check_dateline_style, format_dateline
from pressroom.apstyle.places import (
    Place,
    State,
    all_states,
    dateline_city,
    resolve_country,
    resolve_place,
    resolve_state,
)

__all__ = [
    "DATELINE_STYLES",
    "Place",
    "State",
    "all_states",
    "ap_date",
    "ap_datetime",
    "ap_month_year",
    "ap_time",
    "ap_time_range",
    "check_dateline_style",
    "dateline_city",
    "format_dateline",
    "resolve_country",
    "resolve_place",
    "resolve_state",
    "zone_label",
]
