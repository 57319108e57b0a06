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
import math
import re
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
    #: Whether each raw token holds one of the terms, worked out once per query: a results page
    #: looks through every pair of ten letters, which share most of their words.
    relevant: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)

    def __bool__(self) -> bool:
        return bool(self.stems or self.exact or self.phrases)


def find(text: str, terms: Terms, stemmer_name: str) -> list[tuple[int, int, str]]:
    """Every match in ``text`` as (start, end, term), where a phrase is one match over its words.

    The same matches the index's analyzers give, found without running them over the text: each
    distinct token is analysed once per process (:func:`_analysed`) and looked up after that,
    because running the analyzer chains over every pair of a page was most of a results page's
    time.
    """
    stemmed: list[tuple[int, int, str]] = []
    exact: list[tuple[int, int, str]] = []
    at: dict[int, dict[str, tuple[int, int]]] = {}
    want_stems, want_exact, phrases = terms.stems, terms.exact, terms.phrases
    words = want_exact.union(*phrases)
    # Most pairs of a hit hold none of the terms: settle that per distinct token first.
    known = terms.relevant
    relevant = set()
    for token in set(_TOKEN_RE.findall(text)):
        holds = known.get(token)
        if holds is None:
            holds = known[token] = any(word in words or not want_stems.isdisjoint(stems)
                                       for _, word, _, _, stems in _analysed(token, stemmer_name))
        if holds:
            relevant.add(token)
    if not relevant:
        return []
    for pos, m in enumerate(_TOKEN_RE.finditer(text)):
        token = m.group()
        if token not in relevant:
            continue
        base = m.start()
        for rel, word, start, end, stems in _analysed(token, stemmer_name):
            if want_stems:
                stemmed.extend((base + start, base + end, s) for s in stems if s in want_stems)
            if word in want_exact:
                exact.append((base + start, base + end, word))
            if phrases:
                at.setdefault(pos + rel, {}).setdefault(word, (base + start, base + end))
    found = stemmed + exact
    for phrase in phrases:
        for pos, words in at.items():
            if phrase[0] not in words:
                continue
            spans = [at.get(pos + i, {}).get(w) for i, w in enumerate(phrase)]
            if all(spans):
                found.append((spans[0][0], spans[-1][1], " ".join(phrase)))
    return found


_TOKEN_RE = re.compile(TOKEN_PATTERN)
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


def score(text: str, terms: Terms, stemmer_name: str, weight) -> float:
    """How well ``text`` answers the query: each distinct term by its weight (idf), damped by
    repetition; a phrase counts double, since finding it whole is what the user asked for."""
    counts: dict[str, int] = {}
    for _, _, term in find(text, terms, stemmer_name):
        counts[term] = counts.get(term, 0) + 1
    total = 0.0
    for term, n in counts.items():
        w = sum(weight(word) for word in term.split(" ")) * (2 if " " in term else 1)
        total += w * (1 + math.log(n))
    return total


def snippet(text: str, terms: Terms, stemmer_name: str, width: int = 260) -> Snippet:
    """The window of about ``width`` characters with the most matches, cut at word boundaries."""
    text = " ".join(text.split())
    if not text:
        return []
    spans = merge(find(text, terms, stemmer_name)) if terms else []
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
