"""Postings of the text fields: which positions each term has in a letter, worked out fast and
stored compactly.

Indexing spends most of its time per token. Whoosh runs every token through the analyzer's chain
of generator filters (a few microseconds a token) and pickles each term's position list.
:func:`token_positions` gives the same terms at the same positions: it runs the chain once per
distinct raw token and remembers the result, since the filters after the tokenizer look at one
token at a time. Letters repeat their words, and the same words recur across letters, so most
tokens cost a dict lookup. :class:`CompactPositions` stores the position deltas as a packed array
instead of a pickle: about half the bytes of a posting, decoded in C.

``tests/unit/test_postings.py`` holds the fast path to the analyzer chain's output on real and
generated letters and on random text.
"""
from __future__ import annotations

import re
import sys
from array import array
from itertools import accumulate

from whoosh.fields import TEXT
from whoosh.formats import Positions

#: Distinct raw tokens remembered per analyzer; beyond this, tokens are analysed each time.
CACHE_LIMIT = 2_000_000

_expansions: dict[tuple, dict[str, tuple[tuple[int, str], ...]]] = {}
_patterns: dict[str, re.Pattern] = {}


_keys: dict[int, tuple[object, tuple]] = {}


def _key(analyzer) -> tuple:
    """What identifies an analyzer's behaviour (its pieces and their settings), for the cache;
    worked out once per analyzer object."""
    known = _keys.get(id(analyzer))
    if known is None or known[0] is not analyzer:
        key = tuple((type(item).__name__, tuple(sorted((k, str(v)) for k, v in vars(item).items())))
                    for item in getattr(analyzer, "items", [analyzer]))
        known = _keys[id(analyzer)] = (analyzer, key)
    return known[1]


def token_positions(analyzer, text: str) -> dict[str, list[int]]:
    """Each term ``analyzer`` makes of ``text`` with its positions, in the order the analyzer
    yields them. ``analyzer`` must start with a ``RegexTokenizer`` and continue with filters that
    look at one token at a time (true of every analyzer in :mod:`indexer.analysis`)."""
    key = _key(analyzer)
    cache = _expansions.get(key)
    if cache is None:
        cache = _expansions[key] = {}
    pattern = analyzer.items[0].expression
    out: dict[str, list[int]] = {}
    for pos, raw in enumerate(pattern.findall(text)):
        expansion = cache.get(raw)
        if expansion is None:
            expansion = tuple((t.pos, t.text) for t in analyzer(raw, positions=True) if not t.stopped)
            if len(cache) < CACHE_LIMIT:
                cache[raw] = expansion
        for offset, term in expansion:
            found = out.get(term)
            if found is None:
                out[term] = [pos + offset]
            else:
                found.append(pos + offset)
    return out


class CompactPositions(Positions):
    """Whoosh's ``Positions`` format with :func:`token_positions` and a packed encoding.

    A posting is a type byte, then the position deltas as little-endian unsigned 16-bit numbers
    (``H``), or signed 32-bit (``i``) when one does not fit (a very long field, or a hyphenated
    word's parts overlapping the next token). The frequency is the number of deltas (Whoosh's
    own format repeats it in 4 bytes up front: a third of a one-word posting).
    """

    def word_values(self, value, analyzer, **kwargs):
        fb = self.field_boost
        for term, poslist in token_positions(analyzer, value).items():
            n = len(poslist)
            yield term, n, n * fb, self.encode(poslist)

    def encode(self, poslist):
        if len(poslist) == 1 and 0 <= poslist[0] < 65536:  # most postings: one word, once
            return b"H" + poslist[0].to_bytes(2, "little")
        deltas = [b - a for a, b in zip([0, *poslist], poslist)]
        typecode = "H" if min(deltas) >= 0 and max(deltas) < 65536 else "i"
        packed = array(typecode, deltas)
        if sys.byteorder == "big":
            packed.byteswap()
        return typecode.encode() + packed.tobytes()

    def decode_positions(self, valuestring):
        packed = array(chr(valuestring[0]), valuestring[1:])
        if sys.byteorder == "big":
            packed.byteswap()
        return list(accumulate(packed))

    def decode_frequency(self, valuestring):
        return (len(valuestring) - 1) // (2 if valuestring[:1] == b"H" else 4)

    def decode_weight(self, valuestring):
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_position_boosts(self, valuestring):
        return [(pos, 1) for pos in self.decode_positions(valuestring)]


class PositionedText(TEXT):
    """A ``TEXT`` field in the :class:`CompactPositions` format whose postings come straight from
    :func:`token_positions` (Whoosh's ``index`` wraps the format's generator and re-encodes
    every term on the way)."""

    def __init__(self, analyzer, stored: bool = False):
        super().__init__(analyzer=analyzer, stored=stored)
        self.format = CompactPositions(field_boost=self.format.field_boost)

    def index(self, value, **kwargs):
        if not isinstance(value, str):
            return super().index(value, **kwargs)
        fb = self.format.field_boost
        encode = self.format.encode
        return [(term.encode("utf-8"), len(poslist), len(poslist) * fb, encode(poslist))
                for term, poslist in token_positions(self.analyzer, value).items()]


def index_columns(field, value) -> tuple[list, list, list, list]:
    """What ``field.index(value)`` gives, as four lists (term bytes, frequencies, weights,
    values) instead of a tuple per term: :class:`indexer.segments.PostingBuffer` extends its
    arrays with them. A :class:`PositionedText` makes the lists straight from
    :func:`token_positions`."""
    if isinstance(field, PositionedText) and isinstance(value, str):
        found = token_positions(field.analyzer, value)
        freqs = list(map(len, found.values()))
        boost = field.format.field_boost
        return ([term.encode("utf-8") for term in found], freqs,
                freqs if boost == 1 else [n * boost for n in freqs],
                list(map(field.format.encode, found.values())))
    items = list(field.index(value))
    return ([t for t, _, _, _ in items], [f for _, f, _, _ in items], [w for _, _, w, _ in items],
            [v for _, _, _, v in items])
