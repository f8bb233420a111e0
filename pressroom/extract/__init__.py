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

__all__ = ["ExtractedQuote", "Speaker", "extract_quotes"]
