"""Header matching shared by the CSV importers."""

from hypothesis import given, strategies as st

from pressroom.csvheaders import alias_index, header_key, match_columns

INDEX = alias_index({"email": ("email", "e-mail address"), "url": ("url", "link")})


def test_case_spaces_and_punctuation_do_not_matter():
    assert header_key("\ufeffE-Mail Address: ") == "emailaddress"
    assert match_columns(["Link", "E-MAIL ADDRESS", "Timestamp"], INDEX) == (
        {"url": 0, "email": 1}, ["Timestamp"])


def test_the_first_header_naming_a_column_wins():
    assert match_columns(["URL", "link", ""], INDEX) == ({"url": 0}, ["link"])


@given(st.lists(st.text(max_size=12), max_size=8))
def test_any_header_row_matches_without_error(header):
    positions, ignored = match_columns(header, INDEX)
    assert set(positions) <= {"email", "url"}
    assert all(0 <= p < len(header) for p in positions.values())
    assert len(positions) + len(ignored) <= len(header)
