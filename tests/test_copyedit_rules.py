"""The AP body-text rules (pressroom.copyedit): each rule, its exceptions, odd Unicode, quotes,
URLs, inline silencing and house style."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.copyedit import apply_issues, check_text, parse_style
from pressroom.copyedit.check import fix_text
from pressroom.errors import InputError, Location
from pressroom.yamlfile import load_yaml_text


def found(text: str, style=None) -> list[tuple[str, str, str | None]]:
    return [(i.rule, i.found, i.suggestion) for i in check_text(text, style)]


def fixed(text: str, style=None) -> str:
    return fix_text(text, style)[0]


@pytest.mark.parametrize("text,expected", [
    ("It opens January 15 in Hoover.", "It opens Jan. 15 in Hoover."),
    ("It opens Aug 15.", "It opens Aug. 15."),
    ("It opens Mar. 15.", "It opens March 15."),
    ("It opens Apr. 2, 2020.", "It opens April 2, 2020."),
    ("It opens Sep. 15.", "It opens Sept. 15."),
    ("It opens June 14th.", "It opens June 14."),
    ("It opens December 1st.", "It opens Dec. 1."),
    ("It began in Sept. 2018.", "It began in September 2018."),
    ("It began in October, 2018.", "It began in October 2018."),
    ("It is Tues., Jan. 2, 2024.", "It is Tuesday, Jan. 2, 2024."),
    ("Practice is Wed. this week.", "Practice is Wednesday this week."),
    ("It starts at 9:00 a.m.", "It starts at 9 a.m."),
    ("It starts at 10 AM today.", "It starts at 10 a.m. today."),
    ("It starts at 10am today.", "It starts at 10 a.m. today."),
    ("It starts at 10 A.M. today.", "It starts at 10 a.m. today."),
    ("It starts at 3:30 PM.", "It starts at 3:30 p.m."),
    ("Lunch is at 12 noon.", "Lunch is at noon."),
    ("Lunch is at 12 p.m. sharp.", "Lunch is at noon sharp."),
    ("It ends at 12 a.m. sharp.", "It ends at midnight sharp."),
    ("We trained 7 officers.", "We trained seven officers."),
    ("It is our 3rd year.", "It is our third year."),
    ("5 officers came.", "Five officers came."),
    ("25 officers came.", "Twenty-five officers came."),
    ("Arrests fell 12 percent.", "Arrests fell 12%."),
    ("Arrests fell 12 per cent.", "Arrests fell 12%."),
    ("Arrests fell five percent.", "Arrests fell 5%."),
    ("It costs $450.00 a seat.", "It costs $450 a seat."),
    ("The grant is $1,000,000.", "The grant is $1 million."),
    ("The grant is $2,500,000.", "The grant is $2.5 million."),
    ("The grant is $3,000,000,000.", "The grant is $3 billion."),
    ("The grant is $1,000,000.00.", "The grant is $1 million."),
    ("It costs 5 dollars.", "It costs $5."),
    ("It costs five dollars.", "It costs $5."),
    ("A five-year-old boy.", "A 5-year-old boy."),
    ("The boy is five years old.", "The boy is 5 years old."),
    ("It is at 300 Main Street in Hoover.", "It is at 300 Main St. in Hoover."),
    ("It is at 300 Main Street.", "It is at 300 Main St."),
    ("It is on Main St. in Hoover.", "It is on Main Street in Hoover."),
    ("It is at 20 Elm Rd., by the school.", "It is at 20 Elm Road, by the school."),
    ("It is on Elm Rd.", "It is on Elm Road."),
    ("Send an e-mail to the office.", "Send an email to the office."),
    ("E-mail the office.", "Email the office."),
    ("See the web site.", "See the website."),
    ("Stay safe on the Internet today.", "Stay safe on the internet today."),
    ("Move towards safety.", "Move toward safety."),
    ("That is okay with us.", "That is OK with us."),
    ("Ask your advisor.", "Ask your adviser."),
    ("Silence your cell phone.", "Silence your cellphone."),
    ("It is in Pigeon Forge, Tenn., each June.", "It is in Pigeon Forge, Tennessee, each June."),
    ("It is in Hoover, Ala.", "It is in Hoover, Alabama."),
    ("It is in Hoover, AL, today.", "It is in Hoover, Alabama, today."),
])
def test_rule_fixes(text, expected):
    assert fixed(text) == expected


@pytest.mark.parametrize("text", [
    "March is the busiest month for conference registration.",
    "Officers may register online.",
    "May 5 is the deadline.",
    "Chapter 7 covers threat assessment.",
    "Read chapter 7 first.",
    "In 2018, 4,000 officers completed the course.",
    "The Internet Crimes Against Children task force spoke.",
    "Internet safety is the topic.",
    "The conference runs June 23-28, 2019.",
    "Learn more at www.nasro.org/e-mail-us/3rd.",
    "Write to e-mail.desk@example.org or www.e-mail.org/3rd-year.",
    "See https://example.org/?at=10AM&pct=12%20percent.",
    "A 10-year-old called.",
    "A 6-year-old called.",
    "The room is 8 feet wide.",
    "The vote was 7-2.",
    "About 12% agreed.",
    "The foundation pledged $1.2 million.",
    "The 1st Cavalry Division band played.",
    "The 5th District congressman spoke.",
    "Room 4 is for media.",
    "Session 3 covers the teen brain.",
    "It runs from 8 a.m. to 4:30 p.m.",
    "Classes resume at 8 a.m. on Monday, Sept. 8.",
    "It was founded in 1991.",
    "The Baltimore Sun. It reported.",
    "The St. Louis chapter hosted.",
    "Nearly 10 schools asked.",
    "About 4 million students take part.",
    "Ages 5 to 12 may attend.",
    "The survey covered 1 in 4 schools.",
    "The storm hit Georgia, Alabama and Tennessee.",
    "It was 2019 dollars.",
    "Use `9:00 AM` in the form.",
    "1. Register online\n2. Pay the fee",
    "NASRO, the world's leader, trains officers.",
    "Tell Mom, OK? Bring a Photo, ID and a pen.",
    "It exits with status 2, or code 1, at row 3.",
    "She won the Web Site Awards and the E-Mail Marketing Prize.",
    "Run this:\n\n```sh\npressroom credential deny 6 --at 9:00AM\n```\n\nThen rest.",
    "Officers carry an iPhone 8 and an eReader 2.",
    "## 5 things to know about the 3rd annual summit\n\nIt opens in June.",
    "| Day | Sessions |\n| --- | --- |\n| Monday | 4 |\n| Tuesday | 6 |",
    "The boy, 6, and his sister, 4, were unharmed.",
])
def test_correct_copy_stays_silent(text):
    assert found(text) == []


def test_a_direct_quote_is_never_rewritten_but_gets_a_note():
    for text in ('"Come at 8 AM," he said.', "“Come at 8 AM,” he said.", "“Come at 8 AM,\" he said.",
                 "\"Come at 8 AM,” he said."):
        issues = check_text(text)
        assert [(i.rule, i.severity, i.safe) for i in issues] == [("time.am-pm", "note", False)]
        assert "inside a direct quote" in issues[0].message
        assert fixed(text) == text


def test_quotes_off_in_house_style_drops_the_notes():
    style = parse_style(load_yaml_text("style:\n  quotes: off\n")["style"], Location("p"))
    assert found('"Come at 8 AM," he said.', style) == []


def test_an_unclosed_quote_ends_at_the_paragraph():
    text = "“We will come at 8 AM, he said.\n\nThe rest starts at 9 AM."
    assert [(i.severity, i.found) for i in check_text(text)] == [
        ("note", "8 AM"), ("warning", "9 AM.")]


@pytest.mark.parametrize("invisible", ["\u200b", "\u200e", "\u200f", "\ufeff", "\u202e\u202c"])
def test_invisible_characters_do_not_hide_a_finding_and_offsets_stay_right(invisible):
    text = f"The {invisible}course opens Janu{invisible}ary 15 at 9{invisible}:00 AM."
    issues = check_text(text)
    assert [i.rule for i in issues] == ["date.month-abbrev", "time.am-pm"]
    month, time = issues
    assert text[month.start:month.end] == month.found == f"Janu{invisible}ary"
    assert time.found == f"9{invisible}:00 AM."
    assert fixed(text) == f"The {invisible}course opens Jan. 15 at 9 a.m."


def test_non_breaking_spaces_are_spaces():
    text = "It opens January\u00a015 at 10\u00a0AM\u202fsharp."
    assert [i.rule for i in check_text(text)] == ["date.month-abbrev", "time.am-pm"]
    assert fixed(text) == "It opens Jan.\u00a015 at 10 a.m.\u202fsharp."


def test_right_to_left_text_around_a_finding():
    text = "\u05e9\u05dc\u05d5\u05dd \u200fThe drill is at 10 AM.\u200f"
    issue, = check_text(text)
    assert text[issue.start:issue.end] == "10 AM."


def test_inline_marker_silences_one_finding_in_the_next_paragraph():
    text = ("[//]: # (style-ignore time.am-pm: 9 AM)\nDoors at 9 AM and 5 PM today.\n\n"
            "Then 9 AM again.")
    assert [(i.rule, i.found) for i in check_text(text)] == [
        ("time.am-pm", "5 PM"), ("time.am-pm", "9 AM")]
    whole = "[//]: # (style-ignore time)\nDoors at 9 AM and 5 PM today."
    assert check_text(whole) == []


def _style(yaml_text: str):
    doc = load_yaml_text(yaml_text, "pressroom.yaml")
    return parse_style(doc["style"], doc.where("style"))


def test_house_style_turns_rules_off_changes_severity_and_adds_exceptions_and_words():
    style = _style("style:\n  rules:\n    number.spell-out: off\n    time: note\n"
                   "  exceptions: [Web Site Story]\n"
                   "  words:\n    - find: pre-K\n      replace: prekindergarten\n")
    text = "We trained 7 officers at 10 AM. The Web Site Story team met. Pre-K starts."
    assert [(i.rule, i.severity, i.suggestion) for i in check_text(text, style)] == [
        ("time.am-pm", "note", "10 a.m."), ("word.house", "warning", "Prekindergarten")]


def test_house_style_abbreviates_states():
    style = _style("style:\n  states: abbreviate\n")
    assert fixed("It is in Pigeon Forge, Tennessee.", style) == "It is in Pigeon Forge, Tenn."
    assert fixed("It is in Pigeon Forge, TN, in June.", style) == "It is in Pigeon Forge, Tenn., in June."
    assert found("It is in Austin, Texas, in June.", style) == []
    assert found("It is in Pigeon Forge, Tenn.", style) == []


@pytest.mark.parametrize("yaml_text,message", [
    ("style:\n  rules:\n    time.am_pm: off\n",
     "pressroom.yaml:3:5: unknown rule 'time.am_pm' (did you mean 'time.am-pm'?)"),
    ("style:\n  rules:\n    time.am-pm: loud\n",
     "pressroom.yaml:3:17: a rule is off, note or warning, not 'loud'"),
    ("style:\n  states: abbreviated\n",
     "pressroom.yaml:2:11: 'states' is one of spell-out, abbreviate, not 'abbreviated' "
     "(did you mean 'abbreviate'?)"),
    ("style:\n  colour: red\n", "pressroom.yaml:2:3: unknown key 'colour' in 'style'"),
    ("style:\n  words:\n    - find: x\n", "pressroom.yaml:3:7: missing required key 'replace' in a word"),
    ("style: [a]\n", "pressroom.yaml:1:8: 'style' must be a mapping, not a list"),
])
def test_bad_house_style_is_a_located_error(yaml_text, message):
    with pytest.raises(InputError) as caught:
        _style(yaml_text)
    assert str(caught.value) == message


def test_fixes_are_only_the_safe_ones():
    text = "1,500 officers came. 12% of them stayed."
    issues = check_text(text)
    assert [(i.rule, i.safe) for i in issues] == [("number.sentence-start", False),
                                                   ("number.sentence-start", False)]
    assert apply_issues(text, issues) == (text, [])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 ,.:$%-\"“”'\n\u200b\u00a0\u200f")
                                + ["January", "Sep.", "AM", "p.m.", "percent", "Main", "Street",
                                   "St.", "e-mail", "Internet", "Tenn.", "Tennessee", "dollars",
                                   "noon", "12", "year-old", "www.x.org", "five", "Hoover",
                                   "[//]: # (style-ignore time)\n"]),
                max_size=40).map("".join))
def test_any_text_gives_valid_spans_and_fixes_settle(text):
    issues = check_text(text)
    for issue in issues:
        assert 0 <= issue.start <= issue.end <= len(text)
        assert text[issue.start:issue.end] == issue.found
    settled = fix_text(text, passes=10)[0]
    assert fix_text(settled)[1] == 0


@pytest.mark.parametrize("hostile", [
    "[//]: # (style-ignore " + " " * 200_000,
    "Done." + "\n \n" * 100_000,
    "a.com" * 60_000,
    "x@" * 100_000,
    "1 " * 20_000 + "AM",
    "January " * 50_000,
    "“" * 100_000 + "10 AM",
])
def test_hostile_text_is_checked_in_linear_time(hostile):
    issues = check_text(hostile)  # a regression to quadratic backtracking would hang here
    assert all(hostile[i.start:i.end] == i.found for i in issues)
