"""Quote extraction, one pattern at a time, with exact output and offsets."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom.extract import ExtractedQuote, Speaker, extract_quotes

CANADY = Speaker("canady", "Mo Canady", "executive director", ("Maurice Canady", "Mo Canady Jr."))
FARLOW = Speaker("farlow", "Jay Farlow", "media contact")
SPOKESPEOPLE = (CANADY, FARLOW)


def quotes(text: str, **options) -> list[tuple]:
    return [(q.text, q.speaker, q.speaker_name, q.cue, q.start, q.end)
            for q in extract_quotes(text, SPOKESPEOPLE, **options)]


def only(text: str, **options) -> ExtractedQuote:
    found = extract_quotes(text, SPOKESPEOPLE, **options)
    assert len(found) == 1, found
    return found[0]


def test_attribution_after_the_quote():
    text = "“Training should not be optional,” Canady said."
    assert quotes(text) == [("Training should not be optional", "canady", "Mo Canady", "said", 1, 32)]
    assert text[1:32] == "Training should not be optional"


def test_attribution_before_the_quote():
    text = "Canady said, “Training should be required.”"
    assert quotes(text) == [("Training should be required.", "canady", "Mo Canady", "said", 14, 42)]


def test_a_quote_split_around_its_attribution_is_one_quote():
    text = "“The training,” Canady said, “is what makes an SRO.”"
    assert quotes(text) == [("The training is what makes an SRO.", "canady", "Mo Canady", "said", 1, 51)]


def test_split_by_a_full_sentence_of_attribution_keeps_each_sentence_apart():
    """Issue 13, item 8: "…in July That is lethal…" must never be stored."""
    text = "“The creeks passed 20 degrees in July,” Lindqvist said. “That is lethal for juvenile coho.”"
    assert [(q.text, q.speaker_name, q.via, q.start, q.end)
            for q in extract_quotes(text, SPOKESPEOPLE, all_speakers=True)] == [
        ("The creeks passed 20 degrees in July", "Lindqvist", "name", 1, 37),
        ("That is lethal for juvenile coho.", "Lindqvist", "continuation", 57, 90)]
    assert text[57:90] == "That is lethal for juvenile coho."


@pytest.mark.parametrize("cue", ["said", "says", "added", "explained", "noted", "stated", "shared",
                                 "told", "asked"])
def test_speech_cues(cue):
    text = f"“Officers should know every student by name,” Canady {cue} reporters."
    assert only(text).cue == cue
    assert only(text).speaker == "canady"


def test_told_an_outlet_is_not_the_speaker():
    text = "“Nothing has changed about the role,” NASRO executive director Mo Canady told WVTM TV."
    assert quotes(text) == [("Nothing has changed about the role", "canady", "Mo Canady", "told", 1, 35)]


def test_according_to():
    found = only("“It is packed with useful information,” according to Mo Canady.")
    assert (found.speaker, found.cue) == ("canady", "according to")


def test_shared_with():
    found = only("“The course was rewritten,” Canady shared with Campus Safety magazine.")
    assert (found.speaker, found.cue) == ("canady", "shared with")


def test_said_inverted_with_title_after():
    found = only("“Enrollment doubled,” said Mo Canady, executive director of NASRO.")
    assert (found.text, found.speaker) == ("Enrollment doubled", "canady")


def test_dash_attribution_on_the_next_line():
    text = "“Schools are safer when adults work as partners.”\n— Mo Canady, executive director"
    assert quotes(text) == [
        ("Schools are safer when adults work as partners.", "canady", "Mo Canady", "dash", 1, 48)]


def test_colon_introduction():
    text = "From executive director Mo Canady: “This conference is where officers learn.”"
    assert quotes(text) == [
        ("This conference is where officers learn.", "canady", "Mo Canady", "colon", 36, 76)]


def test_colon_introduction_in_the_paragraph_before():
    text = "NASRO released a statement. From executive director Mo Canady:\n\n“We support the board.”"
    assert only(text).cue == "colon"


def test_sentence_pointing_back_names_the_speaker():
    text = ("“SROs stop these things before a round is ever fired.”\n"
            "That’s just a part of what NASRO executive director Mo Canady shared with PoliceOne.com.")
    assert quotes(text) == [("SROs stop these things before a round is ever fired.", "canady",
                             "Mo Canady", "that's part of what", 1, 53)]


def test_that_is_how_an_outlet_quoted_someone():
    text = "“We are not in schools to arrest kids.”\nThat’s how the Post quoted NASRO’s Mo Canady."
    assert (only(text).speaker, only(text).cue) == ("canady", "quoted")


def test_an_excerpt_names_no_speaker_but_its_nested_partial_quote_does():
    text = ("“Training is often optional — though Canady said ‘it shouldn’t be.’”\n"
            "That’s an excerpt from a story by Education Dive: K12.")
    assert quotes(text) == [("it shouldn’t be.", "canady", "Mo Canady", "said", 50, 66)]
    assert quotes(text, all_speakers=True) == [
        ("Training is often optional — though Canady said ‘it shouldn’t be.’", None, None, "excerpt",
         1, 67),
        ("it shouldn’t be.", "canady", "Mo Canady", "said", 50, 66)]


def test_titles_before_names():
    for title in ("NASRO executive director", "Executive Director", "NASRO Executive Director"):
        assert only(f"“We train officers every week,” {title} Mo Canady said.").speaker == "canady"


def test_pronoun_goes_to_the_last_person_named():
    text = "Mo Canady has led NASRO since 2009. “The job has grown,” he said."
    assert only(text).speaker == "canady"


def test_pronoun_after_a_sentence_naming_two_people_is_left_unknown():
    text = "Canady thanked Sheriff Tom Bradley. “This partnership is what we hoped for,” he said."
    assert quotes(text) == []
    assert quotes(text, all_speakers=True)[0][1:3] == (None, None)


def test_last_name_goes_to_the_person_named_before():
    text = "Police Chief Ray Dominguez spoke. “These officers earned it all,” Dominguez said."
    assert quotes(text, all_speakers=True) == [
        ("These officers earned it all", None, "Ray Dominguez", "said", 35, 63)]


def test_someone_sharing_a_spokespersons_last_name_is_not_the_spokesperson():
    text = "Bob Canady, a parent, spoke. “Four officers cost a lot of money,” Canady said."
    assert quotes(text) == []
    assert quotes(text, all_speakers=True)[0][2] == "Bob Canady"


@pytest.mark.parametrize("name", ["Maurice Canady", "Mo Canady Jr.", "Mo R. Canady", "MO CANADY"])
def test_variants_initials_suffixes_and_case(name):
    assert only(f"“We train two thousand officers a year,” said {name}.").speaker == "canady"


def test_possessive_introduction():
    text = "In Canady’s words: “Training is not a luxury for an officer.”"
    assert (only(text).speaker, only(text).cue) == ("canady", "colon")


def test_quote_over_several_paragraphs_is_one_quote():
    text = "“The first day covers the teen brain.\n\n“The second day covers social media,” Canady said."
    assert quotes(text) == [("The first day covers the teen brain. The second day covers social media",
                             "canady", "Mo Canady", "said", 1, 74)]


def test_ellipses_and_apostrophes_stay_in_the_text():
    text = "“NASRO’s standards weren’t written in the ’90s . . . they’re revised yearly,” Canady said."
    found = only(text)
    assert found.text == text[found.start:found.end]
    assert found.text == "NASRO’s standards weren’t written in the ’90s . . . they’re revised yearly"


def test_nested_quotes_belong_to_the_outer_quote():
    text = "“A student told me, ‘You’re the only adult who asks,’ and when he said “thanks,” I smiled,” said Canady."
    found = quotes(text, all_speakers=True)
    assert len(found) == 1
    assert found[0][0] == "A student told me, ‘You’re the only adult who asks,’ and when he said “thanks,” I smiled"


def test_straight_quotes():
    text = '"Every district is different," said Farlow, "but the standards apply."'
    assert quotes(text) == [
        ("Every district is different but the standards apply.", "farlow", "Jay Farlow", "said", 1, 69)]


def test_other_speaker_next_to_a_spokesperson():
    text = ("“Our officer coaches robotics,” said Principal Dana Whitfield of Oak Grove High.\n"
            "“That is the model we teach,” Canady said.")
    assert [(q[0], q[1], q[2]) for q in quotes(text, all_speakers=True)] == [
        ("Our officer coaches robotics", None, "Dana Whitfield"),
        ("That is the model we teach", "canady", "Mo Canady")]
    assert [q[0] for q in quotes(text)] == ["That is the model we teach"]


@pytest.mark.parametrize("text", [
    "Critics call it a “school-to-prison pipeline,” but the data disagree.",
    "Canady said officers are not “hall monitors” at all.",
    "The program is “essential,” Canady said, for every district.",
    "NASRO’s founders didn’t expect the ’90s to bring such growth; rock ’n’ roll played.",
    "The officer is 6'2\" and a 12\" ruler was found.",
    "“This quote never closes, Canady said.\nThe next paragraph has no marks.",
    "A stray ” here and a “ there.\n\nMo Canady spoke.",
    "Read NASRO’s “Position Statement on Police Involvement in Student Discipline,” online.",
    'Empty marks "" and “” are nothing.',
])
def test_no_quote(text):
    assert quotes(text, all_speakers=True) == []


def test_a_stray_mark_does_not_swallow_the_quote_after_it():
    text = "A stray mark “ opens here and “Trained officers make schools safer,” Canady said."
    assert quotes(text) == [("Trained officers make schools safer", "canady", "Mo Canady", "said", 31, 66)]


def test_short_quote_standing_as_a_sentence_counts():
    assert quotes("Canady did not hesitate. “Absolutely,” he said.") == [
        ("Absolutely", "canady", "Mo Canady", "said", 26, 36)]


def test_by_default_only_spokespeople_quotes():
    text = "“The officers were inside within two minutes,” a district spokesperson said."
    assert quotes(text) == []
    assert quotes(text, all_speakers=True) == [
        ("The officers were inside within two minutes", None, None, "said", 1, 44)]


def test_html_offsets_point_into_the_original_html():
    html = ("<div><p>HOOVER, Ala. &mdash; NASRO met.</p>\n<p>&ldquo;We&rsquo;re proud of our "
            "members,&rdquo; Canady said.</p><script>x = \"not a quote at all here\";</script></div>")
    found = only(html)
    assert (found.text, found.speaker) == ("We’re proud of our members", "canady")
    assert html[found.start:found.end] == "We&rsquo;re proud of our members"


def test_html_detection_and_override():
    html = "<p>&ldquo;We train officers every week,&rdquo; Canady said.</p>"
    assert only(html).text == "We train officers every week"
    assert quotes(html, html=False) == []  # read as text, the entities are not marks


def test_html_paragraphs_and_line_breaks():
    html = "<p>From executive director Mo Canady:<br><br>&#8220;We mourn with the families.&#8221;</p>"
    found = only(html)
    assert (found.cue, html[found.start:found.end]) == ("colon", "We mourn with the families.")


def test_json_contract_has_exactly_these_keys():
    found = only("“Training should not be optional,” Canady said.")
    assert list(found.as_dict()) == ["text", "speaker", "speaker_name", "cue", "start", "end", "via"]
    assert json.loads(json.dumps(found.as_dict())) == found.as_dict()


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


MARKS = st.sampled_from(list("“”„\"'‘’ ,.—\n") + ["\n\n", " Canady said", " he said", "&ldquo;",
                                                    "<p>", "</p>", "<br>", "According to "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKS, st.text(max_size=6)), max_size=40))
def test_any_text_never_raises_and_quotes_come_from_it(parts):
    text = "".join(parts)
    for html in (False, None):
        for found in extract_quotes(text, SPOKESPEOPLE, all_speakers=True, html=html):
            assert found.text
            assert 0 <= found.start < found.end <= len(text)
            if html is False:
                for part in found.text.split(" "):
                    assert _fold(part) in _fold(text)
