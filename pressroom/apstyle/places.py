"""Places as AP writes them in a dateline: states, countries and the stand-alone cities.

The facts live in ``data/*.csv`` (one table per list) and are read once, on first use, so
importing this module costs nothing. :func:`resolve_place` turns what a user typed (a city, and
optionally a state/province and a country) into a :class:`Place` whose ``str()`` is the dateline
place: ``HOOVER, Ala.``, ``WASHINGTON``, ``BOGOTA, Colombia``.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Iterable

from pressroom.errors import InputError, did_you_mean

UNITED_STATES = "United States"
CANADA = "Canada"

# A city this close to a stand-alone city of the same state/country is taken as a misspelling of
# it. Stricter than did_you_mean's 0.75 so real towns (Bolton, Mass.; East Cleveland, Ohio) pass.
NEAR_MISS_RATIO = 0.85

# Letters NFKD does not decompose into ASCII; datelines carry no diacritics.
_TRANSLITERATE = str.maketrans({
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l",
    "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i",
})
_SAINT_WORDS = frozenset({"saint", "st", "st."})


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of ``data/<name>.csv`` as dicts, cells stripped (shared by the apstyle modules)."""
    return list(_read_table(name))


@cache
def _read_table(name: str) -> tuple[dict[str, str], ...]:
    from pressroom.datatables import read_csv  # on first use: importing the package stays cheap

    return read_csv("apstyle", f"{name}.csv")


def _aliases(row: dict[str, str]) -> list[str]:
    return [alias.strip() for alias in row.get("aliases", "").split(";") if alias.strip()]


def strip_diacritics(text: str) -> str:
    """``Bogotá`` → ``Bogota``; also folds compatibility forms (full-width letters, ligatures)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def lookup_key(text: str) -> str:
    """Case-, accent-, space- and punctuation-blind key: ``N. Y.``, ``ny`` and ``NY`` agree."""
    return "".join(ch for ch in strip_diacritics(text).casefold() if ch.isalnum())


def _fold_spaces(text: str) -> str:
    return " ".join(text.split())


# --- states, territories and provinces ---------------------------------------------------------

@dataclass(frozen=True)
class State:
    """A US state, D.C., a US territory or a Canadian province/territory.

    ``ap`` is the AP dateline abbreviation, or None when the name is always spelled out (the eight
    short states, the territories, the provinces).
    """

    name: str
    code: str
    ap: str | None
    country: str = UNITED_STATES
    territory: bool = False  # a US territory (Puerto Rico, Guam, ...)

    @property
    def dateline(self) -> str:
        """How the state follows the city in a dateline: ``Ala.``, ``Texas``, ``Ontario``."""
        return self.ap or self.name

    def __str__(self) -> str:
        return self.name


@cache
def _states() -> tuple[tuple[State, ...], dict[str, State]]:
    """Every state-like region, and an index from every accepted spelling to it."""
    regions: list[tuple[State, list[str]]] = []
    for row in _read_table("us_states"):
        state = State(row["name"], row["code"], row["ap"] or None)
        regions.append((state, [state.name, state.code, row["ap"], *_aliases(row)]))
    for row in _read_table("us_territories"):
        state = State(row["name"], row["code"], None, territory=True)
        regions.append((state, [state.name, state.code, *_aliases(row)]))
    for row in _read_table("canadian_provinces"):
        state = State(row["name"], row["code"], None, country=CANADA)
        regions.append((state, [state.name, state.code, *_aliases(row)]))
    index: dict[str, State] = {}
    for state, spellings in regions:
        for spelling in filter(None, spellings):
            _index(index, lookup_key(spelling), state, "state")
    return tuple(state for state, _ in regions), index


def _index(index: dict, key: str, value: object, what: str) -> None:
    if index.setdefault(key, value) != value:
        raise RuntimeError(f"apstyle data: {what} spelling {key!r} names both "
                           f"{index[key]} and {value}")


def all_states() -> tuple[State, ...]:
    """The US states and D.C., the US territories, then the Canadian provinces, in table order."""
    return _states()[0]


def resolve_state(text: str) -> State:
    """A state, territory or province from its postal code, name or AP abbreviation.

    Tolerant of case, spaces and periods: ``n.y.``, ``NY``, ``new york`` and ``N. Y.`` all give
    New York. Raises InputError with a suggestion for anything else.
    """
    state = _states()[1].get(lookup_key(text))
    if state is None:
        shown = _fold_spaces(text)
        names = [s.name for s in all_states()]
        raise InputError(f"unknown state '{shown}'{did_you_mean(shown, names)}")
    return state


# --- countries ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Country:
    name: str
    kind: str = ""            # "", "territory" or "constituent" (England, Scotland, ...)
    sovereign: str | None = None


@cache
def _countries() -> tuple[dict[str, _Country], dict[str, _Country]]:
    """(index of every accepted spelling, countries by name), US territories included."""
    index: dict[str, _Country] = {}
    by_name: dict[str, _Country] = {}
    for row in _read_table("countries"):
        country = _Country(row["name"], row["kind"], row["sovereign"] or None)
        by_name[country.name] = country
        for spelling in filter(None, [row["name"], row["iso2"], row["iso3"], *_aliases(row)]):
            _index(index, _country_key(spelling), country, "country")
    for state in all_states():
        if state.territory:
            country = _Country(state.name, "territory", UNITED_STATES)
            by_name[country.name] = country
            for spelling in [state.name, state.code]:
                _index(index, _country_key(spelling), country, "country")
    for row in _read_table("us_territories"):
        for alias in _aliases(row):
            _index(index, _country_key(alias), by_name[row["name"]], "country")
    return index, by_name


def _country_key(text: str) -> str:
    key = lookup_key(text)
    # "The Netherlands", "the Bahamas", "The Gambia"
    if _fold_spaces(text).casefold().startswith("the ") and len(key) > 3:
        key = key[3:]
    return key


def _country(text: str) -> _Country:
    country = _countries()[0].get(_country_key(text))
    if country is None:
        shown = _fold_spaces(text)
        names = list(_countries()[1])
        raise InputError(f"unknown country '{shown}'{did_you_mean(shown, names)}")
    return country


def resolve_country(text: str) -> str:
    """The country's name as AP writes it in a dateline, from a name, alias or ISO code.

    ``"cote d'ivoire"`` → ``Ivory Coast``, ``"CZ"`` → ``Czech Republic``. US territories and a few
    other places AP datelines with their own name (Hong Kong, Scotland, Gaza Strip) are accepted.
    """
    return _country(text).name


# --- cities --------------------------------------------------------------------------------------

def dateline_city(text: str) -> str:
    """A city as written in a dateline: upper case, no diacritics, "Saint"/"St" → "ST."

    ``Bogotá`` → ``BOGOTA``; ``saint  paul`` → ``ST. PAUL``; ``Port Saint Lucie`` →
    ``PORT ST. LUCIE``. Raises InputError for an empty city or one with control characters.
    """
    folded = _fold_spaces(text)
    if not folded:
        raise InputError("a dateline needs a city")
    if any(unicodedata.category(ch).startswith("C") for ch in folded):
        raise InputError(f"city {folded!r} contains a control or invisible character")
    if not any(ch.isalpha() for ch in folded):
        raise InputError(f"city '{folded}' has no letters")
    words = []
    for word in strip_diacritics(folded).split():
        if word.casefold() in _SAINT_WORDS:
            word = "St."
        elif word.casefold().startswith("st.") and len(word) > 3:  # "St.Paul"
            words.append("St.")
            word = word[3:]
        words.append(word)
    if words == ["St."]:  # a place named just "Saint" or "St"
        words = [strip_diacritics(folded)]
    return " ".join(words).upper()


@dataclass(frozen=True)
class Place:
    """A dateline place. ``str(place)`` is what goes before the dash."""

    city: str            # as written in a dateline: "HOOVER", "ST. PAUL", "BOGOTA"
    region: str | None   # "Ala.", "Texas", "Ontario", "Puerto Rico", "Colombia", "D.C." or None
    state_code: str | None  # US/territory postal code or Canadian province code, else None
    country: str         # "United States", "Canada", "Colombia", ...

    def __str__(self) -> str:
        return f"{self.city}, {self.region}" if self.region else self.city


@dataclass(frozen=True)
class _StandAlone:
    name: str                  # display name, for suggestions: "Pittsburgh"
    keys: frozenset[str]       # lookup keys of the name and its aliases
    country: str
    state: State | None = None  # where it stands alone; None: anywhere in the country

    @property
    def city(self) -> str:
        return dateline_city(self.name)

    def stands_in(self, country: _Country | None, state: State | None) -> bool:
        """Whether this city stands alone when given *state*, else *country* (None: not given)."""
        if state is not None:
            return state.country == self.country and self.state in (None, state)
        if country is not None and country.name != self.country:
            own = _countries()[1].get(self.country)  # London stands alone in "United Kingdom"
            return own is not None and own.sovereign == country.name
        return True


def _stand_alone(name: str, aliases: list[str], country: str, state: State | None) -> _StandAlone:
    keys = frozenset(lookup_key(dateline_city(n)) for n in [name, *aliases])
    return _StandAlone(name, keys, country, state)


@cache
def _builtin_stand_alone() -> tuple[_StandAlone, ...]:
    cities = [_stand_alone(row["city"], _aliases(row), UNITED_STATES, resolve_state(row["state"]))
              for row in _read_table("us_standalone_cities")]
    for row in _read_table("international_standalone_cities"):
        province = resolve_state(row["province"]) if row["province"] else None
        cities.append(_stand_alone(row["city"], _aliases(row), resolve_country(row["country"]),
                                   province))
    return tuple(cities)


def _extra_stand_alone(pairs: Iterable[tuple[str, str]]) -> list[_StandAlone]:
    """Workspace additions: (city, state code/name or country). A state spelling wins a tie."""
    extra = []
    for city, where in pairs:
        state = _states()[1].get(lookup_key(where))
        if state is not None:
            extra.append(_stand_alone(city, [], state.country, state))
        else:
            country = _country(where)
            if country.name in (UNITED_STATES, CANADA):
                raise InputError(f"stand-alone city '{_fold_spaces(city)}' needs a "
                                 f"{'state' if country.name == UNITED_STATES else 'province'}")
            extra.append(_stand_alone(city, [], country.name, None))
    return extra


def _near_miss(key: str, cities: Iterable[_StandAlone]) -> _StandAlone | None:
    best, best_ratio = None, NEAR_MISS_RATIO
    for city in cities:
        for other in city.keys:
            ratio = difflib.SequenceMatcher(None, key, other).ratio()
            if ratio >= best_ratio:
                best, best_ratio = city, ratio
    return best


def resolve_place(city: str, state: str | None = None, country: str | None = None,
                  extra_standalone: Iterable[tuple[str, str]] = ()) -> Place:
    """The dateline place for *city* in *state* (US/territory/Canadian province) and/or *country*.

    A stand-alone city (``ATLANTA``, ``PARIS``) stands alone only in its own state/country, and
    also when given with neither. Other US cities need a state, Canadian ones a province, and
    others a country. *extra_standalone* adds (city, state-or-country) pairs to the built-in lists.
    """
    shown = _fold_spaces(city)
    written = dateline_city(city)
    key = lookup_key(written)
    region = resolve_state(state) if state and state.strip() else None
    nation = _country(country) if country and country.strip() else None
    if region is not None and nation is not None:
        _check_state_in_country(region, nation)
        nation = None  # the state says it all
    elif nation is not None and nation.kind == "territory" and nation.sovereign == UNITED_STATES:
        region, nation = resolve_state(nation.name), None  # "country: Puerto Rico"
    cities = [*_builtin_stand_alone(), *_extra_stand_alone(extra_standalone)]
    in_scope = [c for c in cities if c.stands_in(nation, region)]
    matches = {(c.city, c.country, c.state): c for c in in_scope if key in c.keys}
    if len(matches) == 1:
        (match,) = matches.values()
        code = region.code if region else (match.state.code if match.state else None)
        return Place(match.city, None, code, match.country)
    if len(matches) > 1:
        raise InputError(f"city '{shown}' stands alone in more than one place: give a state "
                         "or a country")
    if region is None and nation is None:
        near = _near_miss(key, cities)
        hint = f" (did you mean '{near.name}'?)" if near else ""
        raise InputError(f"city '{shown}' needs a state or a country{hint}")
    near = _near_miss(key, in_scope)
    if near is not None:
        where = region.name if region else nation.name  # type: ignore[union-attr]
        raise InputError(f"unknown city '{shown}' in {where} (did you mean '{near.name}'?)")
    if region is not None:
        return Place(written, region.dateline, region.code, region.country)
    assert nation is not None
    return _foreign_place(written, shown, nation)


def _check_state_in_country(region: State, nation: _Country) -> None:
    if nation.name in (region.country, region.name):
        return
    if nation.name in (UNITED_STATES, CANADA):
        raise InputError(f"'{region.name}' is not in {nation.name}")
    raise InputError(f"a state or province is only used in the United States and Canada, "
                     f"not {nation.name}")


def _foreign_place(written: str, shown: str, nation: _Country) -> Place:
    if nation.name == UNITED_STATES:
        raise InputError(f"city '{shown}' needs a state")
    if nation.name == CANADA:
        raise InputError(f"city '{shown}' in Canada needs a province (e.g. Ontario)")
    parts = [name for name, c in _countries()[1].items()
             if c.kind == "constituent" and c.sovereign == nation.name]
    if parts:
        raise InputError(f"city '{shown}' in {nation.name} needs {', '.join(parts[:-1])} or "
                         f"{parts[-1]} as the country")
    return Place(written, nation.name, None, nation.name)
