"""Postings of the text fields: which positions each term has in a letter, worked out fast and
stored compactly.

Indexing spends most of its time per token. Whoosh runs every token through the analyzer's chain
of generator filters (a few microseconds a token) and pickles each term's position list.
:func:`token_positions` gives the same terms at the same positions: it runs the chain once per
distinct raw token and remembers the result, since the filters after the tokenizer look at one
token at a time. Letters repeat their words, and the same words recur across letters, so most
tokens cost a dict lookup. :class:`CompactPositions` stores the position deltas as a packed array
instead of a pickle: about half the bytes of a posting, decoded in C.

A worker indexing many letters goes further (:func:`positioned_postings`): each raw token gets a
number, what the analyzer makes of it is kept in flat arrays, and a field's postings (terms,
frequencies, encoded positions) come out of a few numpy operations on the token numbers, with no
Python work per token beyond the tokenizer and one dict look-up.

``tests/unit/test_postings.py`` holds both fast paths to the analyzer chain's output on real and
generated letters and on random text.
"""
from __future__ import annotations

import re
import sys
from array import array
from dataclasses import dataclass
from itertools import accumulate, chain

import numpy as np

from whoosh.fields import NUMERIC, TEXT
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


#: Raw tokens numbered per tokenizer in a worker before the numbering starts afresh (a posting
#: buffer holding terms of the old numbering writes them out first; see indexer.segments).
VOCABULARY_LIMIT = 2_000_000
#: Paragraphs whose token numbers are remembered: the ``exact`` field repeats the ranked fields'
#: text, so its paragraphs are tokenized once for both.
RECENT_LIMIT = 4096
#: Whitespace-separated words whose token numbers are remembered (some 150 bytes each).
WORDS_LIMIT = 1_000_000
#: Below this many tokens a field's postings are worked out in Python: numpy's fixed cost per
#: call (a few microseconds, some twenty calls) is more than a short field's whole work.
NUMPY_FROM = 64


class Expansions:
    """What one analyzer makes of each numbered raw token: token ``r`` expands to the terms
    ``term_ids[first[r]:first[r] + count[r]]`` at ``offsets[...]`` from the token's own position
    (a hyphenated word gives its parts and the joined form; a compound adds its parts; a stop word
    gives none). ``names[t]`` is term ``t``'s bytes."""

    __slots__ = ("analyzer", "first", "count", "offsets", "term_ids", "terms", "names")

    def __init__(self, analyzer):
        self.analyzer = analyzer
        self.first, self.count = array("q"), array("q")
        self.offsets, self.term_ids = array("q"), array("q")
        self.terms: dict[str, int] = {}
        self.names: list[bytes] = []

    def add(self, raw: str) -> None:
        """Expand the next raw token."""
        self.first.append(len(self.offsets))
        expansion = [(t.pos, t.text) for t in self.analyzer(raw, positions=True) if not t.stopped]
        self.count.append(len(expansion))
        for offset, term in expansion:
            term_id = self.terms.get(term)
            if term_id is None:
                term_id = self.terms[term] = len(self.names)
                self.names.append(term.encode("utf-8"))
            self.offsets.append(offset)
            self.term_ids.append(term_id)


class Vocabulary:
    """The raw tokens of one tokenizer pattern, numbered in the order first seen, with each
    analyzer's :class:`Expansions` of them (the stemmed and the exact analyzer share the
    tokenizer, so a text is tokenized once for both). Numbers only grow; once
    ``VOCABULARY_LIMIT`` raw tokens are known, :func:`vocabulary` starts a new one."""

    __slots__ = ("pattern", "raw", "tokens", "expansions", "recent", "words")

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.raw: dict[str, int] = {}
        self.tokens: list[str] = []
        self.expansions: dict[tuple, Expansions] = {}
        self.recent: dict[str, list[int]] = {}
        self.words: dict[str, tuple[int, ...]] = {}

    def of(self, analyzer) -> Expansions:
        """``analyzer``'s expansions, made for every token known so far the first time."""
        key = _key(analyzer)
        found = self.expansions.get(key)
        if found is None:
            found = self.expansions[key] = Expansions(analyzer)
            for raw in self.tokens:
                found.add(raw)
        return found

    def numbers(self, text: str) -> list[int]:
        """The numbers of ``text``'s raw tokens, in order. No token spans a blank line, so the
        text is tokenized a paragraph at a time and each paragraph's numbers are remembered.

        Within a paragraph, the numbers come a whitespace-separated word at a time, each word's
        looked up once it is known: no token crosses whitespace and the tokenizer looks at
        nothing beyond the token it matches, so a paragraph's tokens are its words' tokens in
        turn (as in :mod:`indexer.highlight`). Words repeat, and splitting at whitespace and
        looking words up is C work, three times faster than running the tokenizer's regex."""
        recent = self.recent
        if len(recent) > RECENT_LIMIT:
            recent.clear()
        out: list[int] = []
        for paragraph in text.split("\n\n"):
            found = recent.get(paragraph)
            if found is None:
                words = paragraph.split()
                per_word = list(map(self.words.get, words))
                if None in per_word:
                    per_word = [self._word(w) if n is None else n for w, n in zip(words, per_word)]
                found = recent[paragraph] = list(chain.from_iterable(per_word))
            out += found
        return out

    def _word(self, word: str) -> tuple[int, ...]:
        """The numbers of one whitespace-separated word's raw tokens, remembered."""
        if len(self.words) >= WORDS_LIMIT:
            self.words.clear()
        found = self.words[word] = tuple(self._learn(raw) for raw in self.pattern.findall(word))
        return found

    def _learn(self, raw: str) -> int:
        number = self.raw.get(raw)
        if number is None:
            number = self.raw[raw] = len(self.tokens)
            self.tokens.append(raw)
            for expansions in self.expansions.values():
                expansions.add(raw)
        return number


_vocabularies: dict[str, Vocabulary] = {}


def vocabulary(analyzer) -> tuple[Vocabulary, Expansions]:
    """The :class:`Vocabulary` of ``analyzer``'s tokenizer in this process, and its expansions."""
    pattern = analyzer.items[0].expression
    found = _vocabularies.get(pattern.pattern)
    if found is None or len(found.tokens) >= VOCABULARY_LIMIT:
        found = _vocabularies[pattern.pattern] = Vocabulary(pattern)
    return found, found.of(analyzer)


@dataclass
class FieldPostings:
    """A letter's postings in one field, one per distinct term, by ascending term number:
    ``term_ids`` index ``names`` (the analyzer's term bytes); ``values`` joins the encoded
    positions, ``lengths`` giving each one's bytes; ``length`` is the field's token count.
    The sequences are lists for a short field, numpy arrays for a long one."""

    names: list
    term_ids: object
    freqs: object
    lengths: object
    values: bytes
    length: int


#: The per-posting encoder (it depends on no field setting), made once rather than per field.
_encode = CompactPositions().encode


def positioned_postings(analyzer, text: str) -> FieldPostings:
    """The postings :class:`PositionedText` makes of ``text``: the same terms, frequencies and
    encoded positions as :func:`token_positions` and :meth:`CompactPositions.encode` give, from
    numbered tokens."""
    vocab, expansions = vocabulary(analyzer)
    numbers = vocab.numbers(text)
    if len(numbers) < NUMPY_FROM:
        return _short_postings(expansions, numbers)
    numbers = np.array(numbers, dtype=np.int64)
    count = np.frombuffer(expansions.count, dtype=np.int64)[numbers]
    total = int(count.sum())
    if not total:
        return FieldPostings(expansions.names, [], [], [], b"", 0)
    # Every term of every token, in token order: a ragged gather of the tokens' expansions.
    ends = np.cumsum(count)
    flat = np.repeat(np.frombuffer(expansions.first, dtype=np.int64)[numbers] - (ends - count), count) + np.arange(total)
    terms = np.frombuffer(expansions.term_ids, dtype=np.int64)[flat]
    positions = np.repeat(np.arange(len(numbers)), count) + np.frombuffer(expansions.offsets, dtype=np.int64)[flat]
    # By term; a stable sort keeps each term's positions in token order, as the chain gives them.
    order = np.argsort(terms, kind="stable")
    terms, positions = terms[order], positions[order]
    starts = np.flatnonzero(np.concatenate(([True], terms[1:] != terms[:-1])))
    freqs = np.diff(np.append(starts, total))
    previous = np.empty_like(positions)
    previous[0] = 0
    previous[1:] = positions[:-1]
    previous[starts] = 0
    deltas = positions - previous
    # Each posting is b"H" and its deltas as 16-bit little-endian numbers, all joined: the type
    # bytes go where each posting starts, the deltas' bytes fill the rest in order.
    lengths = 1 + 2 * freqs
    out = np.empty(len(starts) + 2 * total, dtype=np.uint8)
    heads = 2 * starts + np.arange(len(starts))
    rest = np.ones(len(out), dtype=bool)
    rest[heads] = False
    out[heads] = ord("H")
    out[rest] = deltas.astype("<u2").view(np.uint8)
    values = out.tobytes()
    wide = (deltas < 0) | (deltas >= 65536)
    if wide.any():
        # A term whose positions go back (a hyphenated word's later part, then the same word
        # as the next token) or past 65,535: its posting is re-encoded with 32-bit numbers.
        pieces, at = [], 0
        for g in np.unique(np.repeat(np.arange(len(starts)), freqs)[wide]).tolist():
            head, first, n = int(heads[g]), int(starts[g]), int(freqs[g])
            value = _encode(positions[first:first + n].tolist())
            pieces += [values[at:head], value]
            lengths[g] = len(value)
            at = head + 1 + 2 * n
        pieces.append(values[at:])
        values = b"".join(pieces)
    return FieldPostings(expansions.names, terms[starts], freqs, lengths, values, total)


def _short_postings(expansions: Expansions, numbers: list[int]) -> FieldPostings:
    """:func:`positioned_postings` of a few tokens, in plain Python."""
    first, count, offsets, term_ids = expansions.first, expansions.count, expansions.offsets, expansions.term_ids
    found: dict[int, list[int]] = {}
    for position, number in enumerate(numbers):
        at = first[number]
        for k in range(at, at + count[number]):
            term = term_ids[k]
            if term in found:
                found[term].append(position + offsets[k])
            else:
                found[term] = [position + offsets[k]]
    terms = sorted(found)
    values = [_encode(found[t]) for t in terms]
    freqs = [len(found[t]) for t in terms]
    return FieldPostings(expansions.names, terms, freqs, list(map(len, values)), b"".join(values), sum(freqs))


#: What Whoosh makes of a date (its numeric tiers: some 40 µs a date, two dates a letter),
#: remembered per field for this many dates: the run's "added" time is every letter's, and
#: letters share their dates. Other fields' values are cheap, and many never repeat (case
#: numbers, references, questioner lists): remembering them cost ~75 MB a worker at 100,000.
NON_TEXT_LIMIT = 20_000
_non_text: dict[int, tuple[object, dict]] = {}


def index_columns(field, value):
    """What ``field.index(value)`` gives, for :meth:`indexer.segments.PostingBuffer.add`: the
    :class:`FieldPostings` of a :class:`PositionedText` field, otherwise four lists (term
    bytes, frequencies, weights, values) instead of a tuple per term. The lists may be shared
    between calls: callers only read them."""
    if isinstance(field, PositionedText) and isinstance(value, str):
        return positioned_postings(field.analyzer, value)
    cache = None
    if isinstance(field, NUMERIC):
        known = _non_text.get(id(field))
        if known is None or known[0] is not field:
            known = _non_text[id(field)] = (field, {})
        cache = known[1]
        found = cache.get(value)
        if found is not None:
            return found
    items = list(field.index(value))
    found = ([t for t, _, _, _ in items], [f for _, f, _, _ in items], [w for _, _, w, _ in items],
             [v for _, _, _, v in items])
    if cache is not None:
        if len(cache) >= NON_TEXT_LIMIT:
            cache.clear()
        cache[value] = found
    return found
