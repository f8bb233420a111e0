"""Dateline styles (pressroom.apstyle.datelines)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressroom.apstyle import DATELINE_STYLES, format_dateline, resolve_place
from pressroom.errors import InputError

HOOVER = resolve_place("Hoover", "AL")
WASHINGTON = resolve_place("Washington", "DC")
APRIL_15 = date(2019, 4, 15)
SEPT_5 = date(2024, 9, 5)

EXPECTED = {
    "ap": ("HOOVER, Ala. —", "WASHINGTON —"),
    "dated": ("HOOVER, Ala. (April 15, 2019) —", "WASHINGTON (Sept. 5, 2024) —"),
    "date-first": ("April 15, 2019 — HOOVER, Ala. —", "Sept. 5, 2024 — WASHINGTON —"),
    "prnewswire": ("HOOVER, Ala., April 15, 2019 /PRNewswire/ --",
                   "WASHINGTON, Sept. 5, 2024 /PRNewswire/ --"),
    "businesswire": ("HOOVER, Ala.--(BUSINESS WIRE)--April 15, 2019--",
                     "WASHINGTON--(BUSINESS WIRE)--Sept. 5, 2024--"),
    "globenewswire": ("HOOVER, Ala., April 15, 2019 (GLOBE NEWSWIRE) --",
                      "WASHINGTON, Sept. 5, 2024 (GLOBE NEWSWIRE) --"),
}


def test_the_styles():
    assert DATELINE_STYLES == ("ap", "dated", "date-first", "prnewswire", "businesswire",
                               "globenewswire")
    assert set(EXPECTED) == set(DATELINE_STYLES)


@pytest.mark.parametrize("style", DATELINE_STYLES)
def test_every_style_with_a_normal_and_a_stand_alone_city(style):
    normal, stand_alone = EXPECTED[style]
    assert format_dateline(HOOVER, APRIL_15, style) == normal
    assert format_dateline(WASHINGTON, SEPT_5, style) == stand_alone


@pytest.mark.parametrize("style", DATELINE_STYLES)
def test_dashes_are_em_dashes_or_wire_double_hyphens(style):
    text = format_dateline(HOOVER, APRIL_15, style)
    assert "\u2013" not in text  # no en dash
    assert ("\u2014" in text) != ("--" in text)


@pytest.mark.parametrize("place, day, style, expected", [
    (resolve_place("Santa Clara", "CA"), None, "ap", "SANTA CLARA, Calif. —"),
    (resolve_place("Carlsbad", "CA"), date(2025, 5, 5), "prnewswire",
     "CARLSBAD, Calif., May 5, 2025 /PRNewswire/ --"),
    (resolve_place("New York", "NY"), date(2026, 7, 21), "prnewswire",
     "NEW YORK, July 21, 2026 /PRNewswire/ --"),
    (resolve_place("Cupertino", "CA"), date(2024, 10, 30), "businesswire",
     "CUPERTINO, Calif.--(BUSINESS WIRE)--Oct. 30, 2024--"),
    (resolve_place("Austin", "TX"), date(2026, 7, 29), "globenewswire",
     "AUSTIN, Texas, July 29, 2026 (GLOBE NEWSWIRE) --"),
    (resolve_place("Bogotá", None, "Colombia"), date(2024, 2, 1), "dated",
     "BOGOTA, Colombia (Feb. 1, 2024) —"),
    (resolve_place("Saint Paul", "MN"), date(2024, 8, 1), "date-first",
     "Aug. 1, 2024 — ST. PAUL, Minn. —"),
    (resolve_place("San Juan", "PR"), datetime(2024, 12, 24, 9), "dated",
     "SAN JUAN, Puerto Rico (Dec. 24, 2024) —"),
])
def test_reference_examples(place, day, style, expected):
    assert format_dateline(place, day, style) == expected


def test_ap_style_ignores_the_date():
    assert format_dateline(HOOVER, APRIL_15, "ap") == format_dateline(HOOVER, None, "ap")


def test_style_names_are_case_and_space_tolerant():
    assert format_dateline(HOOVER, APRIL_15, " PRNewswire ") == EXPECTED["prnewswire"][0]


@pytest.mark.parametrize("style", [s for s in DATELINE_STYLES if s != "ap"])
def test_styles_with_a_date_need_one(style):
    with pytest.raises(InputError) as caught:
        format_dateline(HOOVER, None, style)
    assert str(caught.value) == f"the '{style}' dateline style needs a date"


@pytest.mark.parametrize("style, message", [
    ("prnewswir", "unknown dateline style 'prnewswir' (did you mean 'prnewswire'?); use one of: "
                  "ap, dated, date-first, prnewswire, businesswire, globenewswire"),
    ("reuters", "unknown dateline style 'reuters'; use one of: ap, dated, date-first, "
                "prnewswire, businesswire, globenewswire"),
])
def test_unknown_style(style, message):
    with pytest.raises(InputError) as caught:
        format_dateline(HOOVER, APRIL_15, style)
    assert str(caught.value) == message


@given(st.text(), st.sampled_from(["AL", "Texas", "d.c.", "PR", "Ontario"]),
       st.sampled_from(DATELINE_STYLES), st.dates())
def test_format_dateline_raises_only_input_error_for_any_city(city, state, style, day):
    try:
        text = format_dateline(resolve_place(city, state), day, style)
    except InputError:
        return
    assert text.endswith(("—", "--"))
    assert str(day.year) in text or style == "ap"
