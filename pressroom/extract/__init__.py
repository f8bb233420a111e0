"""Quote extraction: find who said what in an article's text (plain text or HTML).

>>> from pressroom.extract import Speaker, extract_quotes
>>> canady = Speaker("canady", "Mo Canady", "executive director")
>>> [q.text for q in extract_quotes("“Training should not be optional,” Canady said.", [canady])]
['Training should not be optional']

The modules, by job: ``prepare`` (HTML to text with an offset map), ``scan`` (matching quote
marks), ``attribute`` (the cue beside a quote), ``names`` (people and spokespeople), ``lexicon``
(the word lists), ``extractor`` (the pass that ties them together).
"""

from pressroom.extract.extractor import extract_quotes
from pressroom.extract.model import ExtractedQuote, Speaker

__all__ = ["ExtractedQuote", "Speaker", "article_text", "extract_quotes", "speakers_of",
           "spokesperson_quotes"]


def speakers_of(spokespeople) -> list[Speaker]:
    """The workspace's spokespeople (``Config.spokespeople``) as the extractor's speakers."""
    return [Speaker(p.id, p.name, p.title or "", tuple(p.variants)) for p in spokespeople]


def spokesperson_quotes(text: str, spokespeople) -> list[ExtractedQuote]:
    """The quotes of the workspace's spokespeople (``Config.spokespeople``) in an article."""
    speakers = speakers_of(spokespeople)
    return extract_quotes(text, speakers) if speakers else []


def article_text(text: str) -> str:
    """An article as plain text to store and search: HTML is stripped, plain text kept as is."""
    from pressroom.extract.prepare import looks_like_html, prepare

    return prepare(text, html=True).text if looks_like_html(text) else text
