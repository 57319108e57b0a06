"""The parser's fast paths give the answer of the plain definition they replace.

Each shortcut in :mod:`indexer.parse` (a quick test before a regex, a lower bound before a
count) is exact by construction; these tests hold it to the slow definition on texts chosen to
take the slow path as well as the fast one.
"""
import pytest

from indexer.parse.text import MIN_LETTER_SHARE, mostly_letters

TEXTS = [
    "Vraag 1\nHeeft u kennisgenomen van het bericht?",  # ASCII letters settle it
    "Ελληνικά γράμματα: καμία λατινική λέξη εδώ",  # letters, none of them ASCII
    "\x01\x02\x03 4567 89 ... ///",  # hardly any letters
    "é" * 29 + "1" * 71,  # just under the share, only by the slow count
    "é" * 30 + "1" * 70,  # exactly the share
    "ab" + "é" * 28 + "-" * 70,
]


@pytest.mark.parametrize("text", TEXTS)
def test_mostly_letters_is_the_share_of_isalpha(text):
    assert mostly_letters(text) == (sum(map(str.isalpha, text)) / len(text) >= MIN_LETTER_SHARE)
