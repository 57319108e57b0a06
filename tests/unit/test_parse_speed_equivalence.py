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


def _block_stops_by_definition(page):
    """The first line at or after each line that ends a footnote block, computed backwards."""
    from indexer.parse.footnotes import _ends_block

    stops = [len(page)] * (len(page) + 1)
    for j in range(len(page) - 1, -1, -1):
        stops[j] = j if _ends_block(page[j]) else stops[j + 1]
    return stops


def test_block_ends_found_forward_match_the_backward_definition():
    import random

    from indexer.parse.footnotes import _BlockEnds

    kinds = ["", "   ", "tekst van de brief", "1 NOS, 29 oktober 2024", "ISSN 0921 - 7398",
             "Datum 5 juni 2026", "vervolg van de voetnoot"]
    rng = random.Random(8)
    for _ in range(200):
        page = [rng.choice(kinds) for _ in range(rng.randrange(0, 30))]
        expected = _block_stops_by_definition(page)
        ends = _BlockEnds(page)
        for i in rng.sample(range(len(page) + 1), len(page) + 1):
            assert ends[i] == expected[i]
