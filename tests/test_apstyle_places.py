"""States, countries, stand-alone cities and dateline places (pressroom.apstyle.places)."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressroom.apstyle import Place, State, all_states, dateline_city, resolve_country, \
    resolve_place, resolve_state
from pressroom.errors import InputError

DATA = files("pressroom.apstyle") / "data"


def table(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# The lists in /work/shared/reference/ap-style.md, verbatim, to check the tables against.
AP_ABBREVIATIONS = """Ala., Ariz., Ark., Calif., Colo., Conn., Del., Fla., Ga., Ill., Ind., Kan.,
Ky., La., Md., Mass., Mich., Minn., Miss., Mo., Mont., Neb., Nev., N.H., N.J., N.M., N.Y., N.C.,
N.D., Okla., Ore., Pa., R.I., S.C., S.D., Tenn., Vt., Va., Wash., W.Va., Wis., Wyo.""".split()
AP_ABBREVIATIONS = [a.rstrip(",") for a in AP_ABBREVIATIONS]
NEVER_ABBREVIATED = ["Alaska", "Hawaii", "Idaho", "Iowa", "Maine", "Ohio", "Texas", "Utah"]
US_STAND_ALONE = """ATLANTA, BALTIMORE, BOSTON, CHICAGO, CINCINNATI, CLEVELAND, DALLAS, DENVER,
DETROIT, HONOLULU, HOUSTON, INDIANAPOLIS, LAS VEGAS, LOS ANGELES, MIAMI, MILWAUKEE, MINNEAPOLIS,
NEW ORLEANS, NEW YORK, OKLAHOMA CITY, PHILADELPHIA, PHOENIX, PITTSBURGH, ST. LOUIS,
SALT LAKE CITY, SAN ANTONIO, SAN DIEGO, SAN FRANCISCO, SEATTLE, WASHINGTON"""
INTERNATIONAL_STAND_ALONE = """AMSTERDAM, BAGHDAD, BANGKOK, BEIJING, BEIRUT, BERLIN, BRUSSELS,
CAIRO, DJIBOUTI, DUBLIN, GENEVA, GIBRALTAR, GUATEMALA CITY, HAVANA, HELSINKI, HONG KONG,
ISLAMABAD, ISTANBUL, JERUSALEM, JOHANNESBURG, KUWAIT CITY, LONDON, LUXEMBOURG, MACAU, MADRID,
MEXICO CITY, MILAN, MONACO, MONTREAL, MOSCOW, MUNICH, NEW DELHI, PANAMA CITY, PARIS, PRAGUE,
QUEBEC CITY, RIO DE JANEIRO, ROME, SAN MARINO, SAO PAULO, SHANGHAI, SINGAPORE, STOCKHOLM, SYDNEY,
TOKYO, TORONTO, VATICAN CITY, VIENNA, ZURICH"""


def names(text: str) -> list[str]:
    return [" ".join(name.split()) for name in text.split(",")]


US_CITIES = table("us_standalone_cities")
INTERNATIONAL_CITIES = table("international_standalone_cities")
STATES = table("us_states")


# --- the tables match the reference ------------------------------------------------------------

def test_state_table_has_50_states_and_dc():
    assert len(STATES) == 51
    assert len({row["code"] for row in STATES}) == 51


def test_state_abbreviations_are_the_reference_list():
    assert sorted(row["ap"] for row in STATES if row["ap"] and row["code"] != "DC") == \
        sorted(AP_ABBREVIATIONS)


def test_never_abbreviated_states_have_no_abbreviation():
    assert sorted(row["name"] for row in STATES if not row["ap"]) == sorted(NEVER_ABBREVIATED)


def test_stand_alone_tables_are_the_reference_lists():
    assert [dateline_city(row["city"]) for row in US_CITIES] == names(US_STAND_ALONE)
    assert [dateline_city(row["city"]) for row in INTERNATIONAL_CITIES] == \
        names(INTERNATIONAL_STAND_ALONE)
    assert len(US_CITIES) == 30 and len(INTERNATIONAL_CITIES) == 49


def test_territories_and_provinces_tables():
    assert [row["name"] for row in table("us_territories")] == [
        "Puerto Rico", "Guam", "U.S. Virgin Islands", "American Samoa", "Northern Mariana Islands"]
    assert len(table("canadian_provinces")) == 13


def test_countries_table_covers_every_un_member():
    rows = table("countries")
    sovereign = [row for row in rows if not row["kind"]]
    assert len(sovereign) >= 193
    assert len({row["name"] for row in rows}) == len(rows)
    for row in rows:
        assert not row["iso2"] or len(row["iso2"]) == 2
        assert not row["iso3"] or len(row["iso3"]) == 3


def test_all_codes_are_distinct_across_states_territories_and_provinces():
    codes = [state.code for state in all_states()]
    assert len(codes) == len(set(codes)) == 51 + 5 + 13


# --- resolve_state -------------------------------------------------------------------------------

@pytest.mark.parametrize("row", STATES, ids=lambda row: row["code"])
def test_every_state_resolves_by_code_name_and_abbreviation_in_any_case(row):
    spellings = [row["code"], row["name"]] + ([row["ap"]] if row["ap"] else [])
    for spelling in spellings:
        for variant in (spelling, spelling.lower(), spelling.upper(), f"  {spelling} "):
            state = resolve_state(variant)
            assert (state.name, state.code, state.ap) == (row["name"], row["code"],
                                                          row["ap"] or None)


@pytest.mark.parametrize("text", ["n.y.", "NY", "new york", "N. Y.", "New  York", "N.Y", "ny."])
def test_resolve_state_tolerates_spaces_and_periods(text):
    assert resolve_state(text) == State("New York", "NY", "N.Y.")


@pytest.mark.parametrize("name", NEVER_ABBREVIATED)
def test_never_abbreviated_states_are_spelled_out(name):
    state = resolve_state(name)
    assert state.ap is None and state.dateline == name


@pytest.mark.parametrize("text, expected", [
    ("DC", "D.C."), ("D.C.", "D.C."), ("District of Columbia", "D.C."),
    ("PR", "Puerto Rico"), ("Guam", "Guam"), ("vi", "U.S. Virgin Islands"),
    ("ON", "Ontario"), ("British Columbia", "British Columbia"), ("Québec", "Quebec"),
    ("W.Va.", "W.Va."), ("wv", "W.Va."), ("Tex.", "Texas"),
])
def test_resolve_state_dateline_form(text, expected):
    assert resolve_state(text).dateline == expected


@pytest.mark.parametrize("resolve, text, message", [
    (resolve_state, "Alabamma", "unknown state 'Alabamma' (did you mean 'Alabama'?)"),
    (resolve_state, "Pensylvania", "unknown state 'Pensylvania' (did you mean 'Pennsylvania'?)"),
    (resolve_state, "Atlantis", "unknown state 'Atlantis'"),
    (resolve_state, "", "unknown state ''"),
    (resolve_country, "Frence", "unknown country 'Frence' (did you mean 'France'?)"),
    (resolve_country, "Columbia", "unknown country 'Columbia' (did you mean 'Colombia'?)"),
    (resolve_country, "Xanadu", "unknown country 'Xanadu'"),
])
def test_unknown_state_or_country(resolve, text, message):
    with pytest.raises(InputError) as caught:
        resolve(text)
    assert str(caught.value) == message


@given(st.text())
def test_resolve_state_returns_a_state_or_raises_input_error(text):
    try:
        assert isinstance(resolve_state(text), State)
    except InputError:
        pass


# --- resolve_country ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Colombia", "Colombia"), ("colombia", "Colombia"), ("CO", "Colombia"), ("COL", "Colombia"),
    ("Côte d'Ivoire", "Ivory Coast"), ("cote divoire", "Ivory Coast"), ("CZ", "Czech Republic"),
    ("Czechia", "Czech Republic"), ("The Netherlands", "Netherlands"), ("Holland", "Netherlands"),
    ("the Bahamas", "Bahamas"), ("USA", "United States"), ("U.S.", "United States"),
    ("UK", "United Kingdom"), ("Great Britain", "United Kingdom"), ("Burma", "Myanmar"),
    ("Türkiye", "Turkey"), ("Timor-Leste", "East Timor"), ("DRC", "Democratic Republic of Congo"),
    ("Saint Lucia", "St. Lucia"), ("Puerto Rico", "Puerto Rico"), ("pr", "Puerto Rico"),
    ("Scotland", "Scotland"), ("Hong Kong", "Hong Kong"), ("Macao", "Macau"), ("CA", "Canada"),
])
def test_resolve_country(text, expected):
    assert resolve_country(text) == expected


# --- dateline_city -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Hoover", "HOOVER"), ("Bogotá", "BOGOTA"), ("  santa   clara ", "SANTA CLARA"),
    ("Saint Paul", "ST. PAUL"), ("St Paul", "ST. PAUL"), ("St. Paul", "ST. PAUL"),
    ("st.paul", "ST. PAUL"), ("Port Saint Lucie", "PORT ST. LUCIE"), ("São Paulo", "SAO PAULO"),
    ("Zürich", "ZURICH"), ("Malmö", "MALMO"), ("Tromsø", "TROMSO"), ("Kraków", "KRAKOW"),
    ("Łódź", "LODZ"), ("Düsseldorf", "DUSSELDORF"), ("Gießen", "GIESSEN"), ("Saint", "SAINT"),
    ("Coeur d'Alene", "COEUR D'ALENE"), ("Winston-Salem", "WINSTON-SALEM"),
])
def test_dateline_city(text, expected):
    assert dateline_city(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "123", "--", "Ho\x00over", "\u0301"])
def test_dateline_city_rejects_empty_and_invisible(text):
    with pytest.raises(InputError):
        dateline_city(text)


# --- resolve_place: the rules ------------------------------------------------------------------

@pytest.mark.parametrize("city, state, country, expected", [
    ("Hoover", "AL", None, "HOOVER, Ala."),
    ("Kansas City", "MO", None, "KANSAS CITY, Mo."),
    ("Santa Clara", "Calif.", None, "SANTA CLARA, Calif."),
    ("Carlsbad", "california", "United States", "CARLSBAD, Calif."),
    ("Boise", "ID", None, "BOISE, Idaho"),
    ("Austin", "Texas", None, "AUSTIN, Texas"),
    ("Saint Paul", "MN", None, "ST. PAUL, Minn."),
    ("Saint Louis", "MO", None, "ST. LOUIS"),
    ("St. Louis", None, None, "ST. LOUIS"),
    ("Charleston", "W.Va.", None, "CHARLESTON, W.Va."),
    ("Paris", "TX", None, "PARIS, Texas"),
    ("Paris", None, "France", "PARIS"),
    ("Paris", None, None, "PARIS"),
    ("Atlanta", "GA", None, "ATLANTA"),
    ("Atlanta", None, None, "ATLANTA"),
    ("Atlanta", None, "US", "ATLANTA"),
    ("atlanta", "Georgia", "United States", "ATLANTA"),
    ("New York City", "NY", None, "NEW YORK"),
    ("Washington", "DC", None, "WASHINGTON"),
    ("Washington", "District of Columbia", None, "WASHINGTON"),
    ("Washington", "D.C.", None, "WASHINGTON"),
    ("Washington", None, None, "WASHINGTON"),
    ("Anacostia", "DC", None, "ANACOSTIA, D.C."),
    ("Washington", "WA", None, "WASHINGTON, Wash."),
    ("Washington", "PA", None, "WASHINGTON, Pa."),
    ("San Juan", "PR", None, "SAN JUAN, Puerto Rico"),
    ("San Juan", "Puerto Rico", None, "SAN JUAN, Puerto Rico"),
    ("San Juan", None, "Puerto Rico", "SAN JUAN, Puerto Rico"),
    ("San Juan", "PR", "United States", "SAN JUAN, Puerto Rico"),
    ("Hagatna", None, "Guam", "HAGATNA, Guam"),
    ("Charlotte Amalie", "VI", None, "CHARLOTTE AMALIE, U.S. Virgin Islands"),
    ("Pago Pago", "American Samoa", None, "PAGO PAGO, American Samoa"),
    ("Saipan", "MP", None, "SAIPAN, Northern Mariana Islands"),
    ("Toronto", None, None, "TORONTO"),
    ("Toronto", None, "Canada", "TORONTO"),
    ("Toronto", "ON", None, "TORONTO"),
    ("Montréal", "QC", "Canada", "MONTREAL"),
    ("Quebec City", "Quebec", None, "QUEBEC CITY"),
    ("Hamilton", "ON", None, "HAMILTON, Ontario"),
    ("Ottawa", "Ontario", "Canada", "OTTAWA, Ontario"),
    ("Vancouver", "BC", None, "VANCOUVER, British Columbia"),
    ("Vancouver", "WA", None, "VANCOUVER, Wash."),
    ("Toronto", "QC", None, "TORONTO, Quebec"),
    ("Bogotá", None, "Colombia", "BOGOTA, Colombia"),
    ("Bogota", None, "CO", "BOGOTA, Colombia"),
    ("Abidjan", None, "Côte d'Ivoire", "ABIDJAN, Ivory Coast"),
    ("London", None, "United Kingdom", "LONDON"),
    ("London", None, "England", "LONDON"),
    ("London", "ON", None, "LONDON, Ontario"),
    ("Manchester", None, "England", "MANCHESTER, England"),
    ("Edinburgh", None, "Scotland", "EDINBURGH, Scotland"),
    ("Hong Kong", None, "China", "HONG KONG"),
    ("Guangzhou", None, "China", "GUANGZHOU, China"),
    ("Rio de Janeiro", None, "Brazil", "RIO DE JANEIRO"),
    ("Zürich", None, "Switzerland", "ZURICH"),
    ("Lyon", None, "France", "LYON, France"),
])
def test_resolve_place(city, state, country, expected):
    assert str(resolve_place(city, state, country)) == expected


@pytest.mark.parametrize("city, state, country, expected", [
    ("Hoover", "AL", None, Place("HOOVER", "Ala.", "AL", "United States")),
    ("Atlanta", None, None, Place("ATLANTA", None, "GA", "United States")),
    ("Washington", "DC", None, Place("WASHINGTON", None, "DC", "United States")),
    ("Boise", "Idaho", None, Place("BOISE", "Idaho", "ID", "United States")),
    ("San Juan", None, "Puerto Rico", Place("SAN JUAN", "Puerto Rico", "PR", "United States")),
    ("Hamilton", "ON", None, Place("HAMILTON", "Ontario", "ON", "Canada")),
    ("Toronto", None, "Canada", Place("TORONTO", None, "ON", "Canada")),
    ("Bogotá", None, "Colombia", Place("BOGOTA", "Colombia", None, "Colombia")),
    ("Paris", None, None, Place("PARIS", None, None, "France")),
])
def test_resolve_place_fields(city, state, country, expected):
    assert resolve_place(city, state, country) == expected


@pytest.mark.parametrize("city, state, country, message", [
    ("Hoover", None, None, "city 'Hoover' needs a state or a country"),
    ("Atlantaa", None, None, "city 'Atlantaa' needs a state or a country "
                             "(did you mean 'Atlanta'?)"),
    ("Hoover", None, "United States", "city 'Hoover' needs a state"),
    ("Hamilton", None, "Canada", "city 'Hamilton' in Canada needs a province (e.g. Ontario)"),
    ("Manchester", None, "UK", "city 'Manchester' in United Kingdom needs England, Scotland, "
                               "Wales or Northern Ireland as the country"),
    ("Pittsburg", "PA", None, "unknown city 'Pittsburg' in Pennsylvania "
                              "(did you mean 'Pittsburgh'?)"),
    ("Filadelphia", "PA", None, "unknown city 'Filadelphia' in Pennsylvania "
                                "(did you mean 'Philadelphia'?)"),
    ("Pariss", None, "France", "unknown city 'Pariss' in France (did you mean 'Paris'?)"),
    ("Torontoo", "ON", None, "unknown city 'Torontoo' in Ontario (did you mean 'Toronto'?)"),
    ("Hoover", "Alabamma", None, "unknown state 'Alabamma' (did you mean 'Alabama'?)"),
    ("Bogota", None, "Colombai", "unknown country 'Colombai' (did you mean 'Colombia'?)"),
    ("Hoover", "AL", "Canada", "'Alabama' is not in Canada"),
    ("Hamilton", "ON", "United States", "'Ontario' is not in United States"),
    ("Sydney", "NSW", "Australia", "unknown state 'NSW'"),
    ("Sydney", "ON", "Australia", "a state or province is only used in the United States and "
                                  "Canada, not Australia"),
    ("", "AL", None, "a dateline needs a city"),
    ("   ", None, None, "a dateline needs a city"),
])
def test_resolve_place_errors(city, state, country, message):
    with pytest.raises(InputError) as caught:
        resolve_place(city, state, country)
    assert str(caught.value) == message


@pytest.mark.parametrize("city, state", [
    ("Pittsburg", "KS"), ("Pittsburg", "CA"), ("Bolton", "MA"), ("East Cleveland", "OH"),
    ("Miami Beach", "FL"), ("Milwaukie", "OR"), ("Boston", "VA"), ("Phoenixville", "PA"),
])
def test_real_towns_near_a_stand_alone_name_are_not_flagged(city, state):
    assert resolve_place(city, state).region is not None


# --- every stand-alone city, in and out of its own place --------------------------------------

@pytest.mark.parametrize("row", US_CITIES, ids=lambda row: row["city"])
def test_us_stand_alone_city_stands_alone_only_in_its_state(row):
    written = dateline_city(row["city"])
    assert str(resolve_place(row["city"], row["state"])) == written
    assert str(resolve_place(row["city"], row["state"], "United States")) == written
    assert str(resolve_place(row["city"])) == written
    other = "TX" if row["state"] != "TX" else "OK"
    assert str(resolve_place(row["city"], other)) == f"{written}, {resolve_state(other).dateline}"
    assert str(resolve_place(row["city"], "Ontario")) == f"{written}, Ontario"


@pytest.mark.parametrize("row", INTERNATIONAL_CITIES, ids=lambda row: row["city"])
def test_international_stand_alone_city_stands_alone_only_in_its_country(row):
    written = dateline_city(row["city"])
    assert str(resolve_place(row["city"], None, row["country"])) == written
    assert str(resolve_place(row["city"])) == written
    other = "Peru" if row["country"] != "Peru" else "Chile"
    assert str(resolve_place(row["city"], None, other)) == f"{written}, {other}"
    assert str(resolve_place(row["city"], "AL")) == f"{written}, Ala."


@pytest.mark.parametrize("city", ["Toronto", "Montreal", "Quebec City"])
def test_canadian_stand_alone_cities_stand_alone_with_their_province(city):
    province = {"Toronto": "ON"}.get(city, "QC")
    assert str(resolve_place(city, province)) == dateline_city(city)
    assert str(resolve_place(city, province, "Canada")) == dateline_city(city)


# --- workspace additions -----------------------------------------------------------------------

def test_extra_stand_alone_cities_behave_like_the_built_in_ones():
    extra = [("Portland", "OR"), ("Saint Paul", "Minnesota"), ("Barcelona", "Spain"),
             ("Ottawa", "ON")]
    assert str(resolve_place("Portland", "OR", extra_standalone=extra)) == "PORTLAND"
    assert str(resolve_place("Portland", "ME", extra_standalone=extra)) == "PORTLAND, Maine"
    assert str(resolve_place("Portland", extra_standalone=extra)) == "PORTLAND"
    assert str(resolve_place("St. Paul", "MN", extra_standalone=extra)) == "ST. PAUL"
    assert str(resolve_place("Barcelona", None, "ES", extra_standalone=extra)) == "BARCELONA"
    assert str(resolve_place("Barcelona", None, "Venezuela", extra_standalone=extra)) == \
        "BARCELONA, Venezuela"
    assert str(resolve_place("Ottawa", "ON", "Canada", extra_standalone=extra)) == "OTTAWA"
    with pytest.raises(InputError, match="did you mean 'Portland'"):
        resolve_place("Portlnd", "OR", extra_standalone=extra)


def test_extra_stand_alone_duplicate_of_a_built_in_is_harmless():
    assert str(resolve_place("Atlanta", extra_standalone=[("Atlanta", "GA")])) == "ATLANTA"


def test_extra_stand_alone_ambiguous_bare_city():
    extra = [("Portland", "OR"), ("Portland", "ME")]
    assert str(resolve_place("Portland", "ME", extra_standalone=extra)) == "PORTLAND"
    with pytest.raises(InputError, match="more than one place"):
        resolve_place("Portland", extra_standalone=extra)


@pytest.mark.parametrize("pair, message", [
    (("Springfield", "Ilinois"), "unknown country 'Ilinois'"),
    (("Springfield", "United States"), "stand-alone city 'Springfield' needs a state"),
])
def test_extra_stand_alone_bad_entries(pair, message):
    with pytest.raises(InputError, match=message):
        resolve_place("Hoover", "AL", extra_standalone=[pair])


# --- properties ----------------------------------------------------------------------------------

@given(st.text(), st.sampled_from(["AL", "TX", "DC", "PR", "ON", "New York"]))
def test_resolve_place_with_a_valid_state_returns_a_place_or_raises_input_error(city, state):
    try:
        place = resolve_place(city, state)
    except InputError:
        return
    assert place.city and place.city == place.city.upper()
    assert str(place).startswith(place.city)
