"""Snippets: the stretch of a text where the query's terms are densest, with the matches marked.

A snippet is a list of (text, matched) pieces; the web app renders it as escaped HTML with
``<mark>``, the CLI as bold on a terminal. Keeping the pieces apart (rather than building HTML
here) is what makes escaping impossible to forget: document text can contain ``<script>``.

What counts as a match is a :class:`Terms`: stems of the words typed, exact words (prefix
expansions), and phrases, which match only as a whole sequence (so ``"niet binnen de termijn"``
does not light up every *de* of a letter).
"""
from __future__ import annotations

import html
import itertools
import math
import operator
import re
from collections import Counter
from dataclasses import dataclass, field

from indexer import compounds
from indexer.analysis import IDENTIFIER_RE, STOPWORDS, TOKEN_PATTERN, exact_analyzer, stemmer

Snippet = list[tuple[str, bool]]


@dataclass
class Terms:
    """What a query looks for in a text, as index terms."""

    stems: set[str] = field(default_factory=set)
    exact: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    #: Per stemmer, what each word of the texts looked through holds (a :class:`_Lookup`), worked
    #: out once per query: a results page looks through every pair of ten letters, which share
    #: most of their words.
    _lookups: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __bool__(self) -> bool:
        return bool(self.stems or self.exact or self.phrases)


def find(text: str, terms: Terms, stemmer_name: str) -> list[tuple[int, int, str]]:
    """Every match in ``text`` as (start, end, term), where a phrase is one match over its words:
    the stems, then the exact words, each in text order, then each phrase's places in turn.

    The same matches the index's analyzers give, found without running them over the text: each
    distinct token is analysed once per process (:func:`_analysed`) and looked up after that,
    because running the analyzer chains over every pair of a page was most of a results page's
    time; and a text holding none of the terms is told apart with set operations on its
    whitespace-separated words (see :class:`_Lookup`).
    """
    return _find(text, text.split(), terms, stemmer_name, normalized=False)


def learn(words: list[str], terms: Terms, stemmer_name: str) -> None:
    """Settle ``words`` (a text's ``str.split()``) for ``terms`` in one go: a results page scores
    and snippets a letter's pairs one text at a time, and each text otherwise settles its own new
    words (set operations per text; a letter's texts mostly share their words)."""
    if terms:
        _lookup(terms, stemmer_name).learn(words)


def score(text: str | None, terms: Terms, stemmer_name: str, weight, words: list[str] | None = None) -> float:
    """How well ``text`` answers the query: each distinct term by its weight (idf), damped by
    repetition; a phrase counts double, since finding it whole is what the user asked for.

    The same sum as over :func:`find`'s matches, in the same order (the order in which the terms
    first occur, stems before exact words before phrases: float addition is not associative),
    counted per distinct word of the text rather than per match."""
    if not terms:
        return 0.0
    if words is None:  # else the caller has split the text (a results page splits each text once)
        words = text.split()
    lookup = _lookup(terms, stemmer_name)
    holding = lookup.holding
    lookup.learn(words)
    if holding.isdisjoint(words):
        return 0.0
    hits = lookup.hits
    tokens: dict[str, list] = {}  # token → [its terms, occurrences], in the order they occur
    for word, n in Counter(filter(holding.__contains__, words)).items():
        for _, _, _, token, info in hits[word]:
            seen = tokens.get(token)
            if seen is None:
                tokens[token] = [info, n]
            else:
                seen[1] += n
    counts: dict[str, int] = {}
    for info, n in tokens.values():
        for term in info[0]:
            counts[term] = counts.get(term, 0) + n
    for info, n in tokens.values():
        for term in info[1]:
            counts[term] = counts.get(term, 0) + n
    if terms.phrases:
        for _, _, term in _phrase_matches(words, None, terms.phrases, lookup):
            counts[term] = counts.get(term, 0) + 1
    total = 0.0
    for term, n in counts.items():
        w = sum(weight(word) for word in term.split(" ")) * (2 if " " in term else 1)
        total += w * (1 + math.log(n))
    return total


def _find(text: str, words: list[str], terms: Terms, stemmer_name: str, normalized: bool) -> list[tuple[int, int, str]]:
    """:func:`find` for ``text`` split at whitespace into ``words``; ``normalized``: the text is
    those words joined by single spaces (a snippet's text), so where they start is a sum."""
    if not terms:
        return []
    lookup = _lookup(terms, stemmer_name)
    holding = lookup.holding
    lookup.learn(words)
    if holding.isdisjoint(words):
        return []
    at = list(itertools.compress(range(len(words)), map(holding.__contains__, words)))
    if not at:
        return []
    starts = _word_starts(text, words, normalized, at)
    hits = lookup.hits
    stemmed: list[tuple[int, int, str]] = []
    exact: list[tuple[int, int, str]] = []
    for i, base in zip(at, starts):
        for _, start, _, _, info in hits[words[i]]:
            b = base + start
            if info[2]:
                stemmed.extend([(b + s, b + e, term) for s, e, term in info[2]])
            if info[3]:
                exact.extend([(b + s, b + e, term) for s, e, term in info[3]])
    found = stemmed + exact
    if terms.phrases:
        found += _phrase_matches(words, starts, terms.phrases, lookup, at)
    return found


def _phrase_matches(words, starts, phrases, lookup, at=None) -> list[tuple[int, int, str]]:
    """Each place where a phrase stands whole, as (start, end, phrase), phrase by phrase in text
    order, given the words that hold a term (``at``, their numbers) and where they start (with
    ``starts`` None the offsets are 0, for counting). A token's place is its number in the text,
    plus, within a hyphenated word, the part's number (the joined form stands at the first
    part's place), as the index's analyzer numbers them."""
    holding, hits = lookup.holding, lookup.hits
    if at is None:
        at = list(itertools.compress(range(len(words)), map(holding.__contains__, words)))
    if not at:
        return []
    first = _first_tokens(words, lookup.stemmer_name, at[-1])
    places: dict[int, dict[str, tuple[int, int]]] = {}
    for i, base in zip(at, starts if starts is not None else itertools.repeat(0)):
        pos = first[i]
        for k, start, _, _, info in hits[words[i]]:
            b = base + start
            for rel, word, s, e in info[4]:
                places.setdefault(pos + k + rel, {}).setdefault(word, (b + s, b + e))
    found = []
    for phrase in phrases:
        for pos, there in places.items():
            if phrase[0] not in there:
                continue
            spans = [places.get(pos + i, {}).get(w) for i, w in enumerate(phrase)]
            if all(spans):
                found.append((spans[0][0], spans[-1][1], " ".join(phrase)))
    return found


def _word_starts(text: str, words: list[str], normalized: bool, at: list[int]) -> list[int]:
    """Where each word ``words[i]`` for ``i`` in ``at`` (ascending) starts in ``text``, whose
    ``split()`` the words are."""
    if normalized:  # one space after each word
        ends = list(itertools.accumulate(map(len, words[:at[-1]]), initial=0))
        return [ends[i] + i for i in at]
    parts = _SPACES.split(text)  # word, spaces, word, ..., word; the first and last may be ""
    ends = list(itertools.accumulate(map(len, parts), initial=0))
    first = 0 if parts[0] else 2
    return [ends[first + 2 * i] for i in at]


def _first_tokens(words: list[str], stemmer_name: str, last: int) -> list[int]:
    """For each of ``words[:last + 1]``, the number of its first token in the text: how many
    tokens the words before it hold."""
    summary = _SUMMARIES.setdefault(stemmer_name, {})
    try:
        counts = map(operator.itemgetter(0), map(summary.__getitem__, words[:last]))
        return list(itertools.accumulate(counts, initial=0))
    except KeyError:  # another thread emptied the cache
        return list(itertools.accumulate((_summary(w, stemmer_name)[0] for w in words[:last]), initial=0))


class _Lookup:
    """Which words of the texts looked through hold one of a query's terms, and how.

    A *word* here is a run of non-space characters (``str.split``). No token crosses a space,
    and the tokenizer finds the same tokens in a word alone as in the whole text (its pattern has
    no anchors or look-arounds and matches no space), so a text's tokens are its words' tokens in
    turn. Words repeat across the texts of a page far more than texts do: each word is
    summarised once per process (:func:`_summary`: its token count and every exact word and stem
    its tokens give) and settled once per query by a set test on that summary, so looking a text
    through is ``str.split`` and set operations, all in C. Only the words that hold a term are
    tokenized again (:meth:`_hits`), for their tokens' offsets and terms.
    """

    __slots__ = ("stemmer_name", "stems", "exact", "phrase_words", "wanted", "known", "hits", "holding",
                 "tokens")

    def __init__(self, terms: Terms, stemmer_name: str):
        self.stemmer_name = stemmer_name
        self.stems, self.exact = terms.stems, terms.exact
        self.phrase_words = set().union(*terms.phrases)
        #: every term a token could hold, stem or word (a stem equal to some other token's
        #: exact word only costs a closer look)
        self.wanted = self.stems | self.exact | self.phrase_words
        #: the words settled so far
        self.known: set[str] = set()
        #: word → (number of the token in the word, start, end, token, its terms) of each of the
        #: word's tokens that holds a term; only words that hold one
        self.hits: dict[str, tuple] = {}
        #: the words that hold a term (the keys of ``hits``)
        self.holding: set[str] = set()
        #: token → its terms (see :meth:`_token`), or None when it holds none
        self.tokens: dict[str, tuple | None] = {}

    def learn(self, words: list[str]) -> None:
        """Settles the words not seen before."""
        known = self.known
        if known.issuperset(words):
            return
        new = set(words).difference(known)
        summary = _SUMMARIES.setdefault(self.stemmer_name, {})
        missing = new.difference(summary)
        if missing:
            if len(summary) > _MAX_WORDS:  # a bound for a long-running server; refilled as used
                summary.clear()
                missing = new
            for word in missing:
                summary[word] = _summary(word, self.stemmer_name)
        listed = list(new)
        disjoint = self.wanted.isdisjoint
        try:
            maybe = list(itertools.compress(listed, map(operator.not_, map(disjoint, map(summary.__getitem__, listed)))))
        except KeyError:  # another thread emptied the cache
            maybe = [w for w in listed if not disjoint(_summary(w, self.stemmer_name))]
        for word in maybe:
            hits = self._hits(word)
            if hits:
                self.hits[word] = hits
                self.holding.add(word)
        known |= new

    def _hits(self, word: str) -> tuple:
        hits = []
        for k, m in enumerate(_TOKEN_RE.finditer(word)):
            token = m.group()
            info = self.tokens.get(token, _UNKNOWN)
            if info is _UNKNOWN:
                info = self.tokens[token] = self._token(token)
            if info is not None:
                hits.append((k, m.start(), m.end(), token, info))
        return tuple(hits)

    def _token(self, token: str):
        """What ``token`` holds: (stems, exact words, stem spans, exact-word spans, places), the
        spans relative to the token and the places ((part number, exact word, start, end) of every
        exact word of the token, for phrases); None when it holds no term, which is when none of
        its stems is a stem of the query and none of its exact words a word or phrase word."""
        want_stems, want_exact, phrase_words = self.stems, self.exact, self.phrase_words
        analysed = _analysed(token, self.stemmer_name)
        stem_spans = [(start, end, s) for _, _, start, end, stems in analysed for s in stems if s in want_stems]
        exact_spans = [(start, end, word) for _, word, start, end, _ in analysed if word in want_exact]
        if not (stem_spans or exact_spans or any(word in phrase_words for _, word, _, _, _ in analysed)):
            return None
        # Phrases are matched over the places of every exact word of the tokens that hold a term:
        # where two tokens put the same word at one place, the first one's span is marked.
        places = tuple((rel, word, start, end) for rel, word, start, end, _ in analysed) if phrase_words else ()
        return (tuple(s for _, _, s in stem_spans), tuple(w for _, _, w in exact_spans),
                tuple(stem_spans), tuple(exact_spans), places)


_UNKNOWN = object()


def _lookup(terms: Terms, stemmer_name: str) -> _Lookup:
    found = terms._lookups.get(stemmer_name)
    if found is None:
        found = terms._lookups[stemmer_name] = _Lookup(terms, stemmer_name)
    return found


_TOKEN_RE = re.compile(TOKEN_PATTERN)
_SPACES = re.compile(r"(\s+)")
#: stemmer → word (a run of non-space characters) → its :func:`_summary`; at most
#: :data:`_MAX_WORDS` words (about 200 bytes each)
_SUMMARIES: dict[str, dict[str, tuple]] = {}
_MAX_WORDS = 200_000


def _summary(word: str, stemmer_name: str) -> tuple:
    """How many tokens ``word`` holds, followed by every exact word and stem of those tokens
    (one tuple: a set test against a query's terms skips the count, an int among strings)."""
    terms: dict[str, None] = {}
    n = 0
    for m in _TOKEN_RE.finditer(word):
        n += 1
        for _, exact, _, _, stems in _analysed(m.group(), stemmer_name):
            terms[exact] = None
            terms.update(dict.fromkeys(stems))
    return (n, *terms)


#: (raw token, stemmer) → its exact terms (position and offsets relative to the token), each
#: with its stems.
_ANALYSED: dict[tuple[str, str], tuple[tuple[int, str, int, int, tuple[str, ...]], ...]] = {}


def _analysed(token: str, stemmer_name: str):
    """What the analyzers make of one token: the exact analyzer's terms (a hyphenated word gives
    its parts and the joined form) and, per exact term, the stems the stemmed analyzer gives at
    the same place. The stemmed chain is the exact chain followed by compound parts, stop words
    and stemming, so these are exactly its tokens."""
    key = (token, stemmer_name)
    found = _ANALYSED.get(key)
    if found is None:
        stem = stemmer(stemmer_name)
        out = []
        for t in exact_analyzer()(token, positions=True, chars=True):
            word = t.text
            forms = [word, *compounds.split(word)] if len(word) >= compounds.MIN_WORD and word.isalpha() else [word]
            stems = tuple(f if f.isdigit() or IDENTIFIER_RE.match(f) else stem(f)
                          for f in forms if f not in STOPWORDS)
            out.append((t.pos, word, t.startchar, t.endchar, stems))
        found = tuple(out)
        if len(_ANALYSED) > 500_000:  # a bound for a long-running server; refilled as used
            _ANALYSED.clear()
        _ANALYSED[key] = found
    return found


def merge(matches: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Overlapping or touching matches as one span, in order."""
    merged: list[tuple[int, int]] = []
    for start, end, _ in sorted(matches):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, terms: Terms, stemmer_name: str, width: int = 260, words: list[str] | None = None) -> Snippet:
    """The window of about ``width`` characters with the most matches, cut at word boundaries.
    ``words``: ``text.split()``, when the caller has it."""
    if words is None:
        words = text.split()
    text = " ".join(words)
    if not text:
        return []
    spans = merge(_find(text, words, terms, stemmer_name, normalized=True)) if terms else []
    if not spans:
        end = _word_end(text, width)
        return [(text[:end] + (" …" if end < len(text) else ""), False)]
    # Two pointers over the match starts: the window [start, start + width) holding the most.
    best_start, best_count, j = spans[0][0], 0, 0
    for i, (start, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][0] < start + width:
            j += 1
        if j - i + 1 > best_count:
            best_start, best_count = start, j - i + 1
    start = max(0, best_start - width // 4)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = _word_end(text, start + width)
    pieces: Snippet = [("… ", False)] if start > 0 else []
    pieces += _pieces(text, [(max(s, start), min(e, end)) for s, e in spans if e > start and s < end], start, end)
    if end < len(text):
        pieces.append((" …", False))
    return pieces


def mark_all(text: str, terms: Terms, stemmer_name: str) -> Snippet:
    """The whole text with every match marked (for the letter page)."""
    return _pieces(text, merge(find(text, terms, stemmer_name)) if terms else [], 0, len(text))


def _pieces(text: str, spans: list[tuple[int, int]], start: int, end: int) -> Snippet:
    pieces: Snippet = []
    pos = start
    for s, e in spans:
        if s > pos:
            pieces.append((text[pos:s], False))
        pieces.append((text[s:e], True))
        pos = e
    if pos < end:
        pieces.append((text[pos:end], False))
    return pieces


def _word_end(text: str, limit: int) -> int:
    if limit >= len(text):
        return len(text)
    space = text.find(" ", limit)
    return space if 0 <= space < limit + 40 else limit


def to_html(pieces: Snippet) -> str:
    """Escaped HTML: the document's text is always escaped; ``<mark>`` is the only markup."""
    return "".join(f"<mark>{html.escape(t)}</mark>" if m else html.escape(t) for t, m in pieces)


def to_ansi(pieces: Snippet) -> str:
    """Bold yellow matches for a terminal."""
    return "".join(f"\x1b[1;33m{t}\x1b[0m" if m else t for t, m in pieces)


def to_plain(pieces: Snippet) -> str:
    return "".join(t for t, _ in pieces)
