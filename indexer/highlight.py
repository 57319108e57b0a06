"""Snippets: the stretch of a text where the query's terms are densest, with the matches marked.

A snippet is a list of (text, matched) pieces; the web app renders it as escaped HTML with
``<mark>``, the CLI as bold on a terminal. Keeping the pieces apart (rather than building HTML
here) is what makes escaping impossible to forget: document text can contain ``<script>``.
"""
from __future__ import annotations

import html

from indexer.analysis import exact_analyzer, stemmed_analyzer

Snippet = list[tuple[str, bool]]


def match_spans(text: str, stems: set[str], exact: set[str], stemmer_name: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` whose stemmed or exact form is one of the query's terms."""
    spans = set()
    if stems:
        for t in stemmed_analyzer(stemmer_name)(text, chars=True, removestops=False):
            if t.text in stems:
                spans.add((t.startchar, t.endchar))
    if exact:
        for t in exact_analyzer()(text, chars=True):
            if t.text in exact:
                spans.add((t.startchar, t.endchar))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, stems: set[str], exact: set[str], stemmer_name: str, width: int = 260) -> Snippet:
    """The window of about ``width`` characters with the most matches, cut at word boundaries."""
    text = " ".join(text.split())
    if not text:
        return []
    spans = match_spans(text, stems, exact, stemmer_name)
    if not spans:
        end = _word_end(text, width)
        return [(text[:end] + (" …" if end < len(text) else ""), False)]
    best_start, best_count = spans[0][0], 0
    for i, (start, _) in enumerate(spans):
        count = sum(1 for s, _ in spans[i:] if s < start + width)
        if count > best_count:
            best_start, best_count = start, count
    start = max(0, best_start - width // 4)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = _word_end(text, start + width)
    pieces: Snippet = []
    if start > 0:
        pieces.append(("… ", False))
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > pos:
            pieces.append((text[pos:s], False))
        pieces.append((text[s:e], True))
        pos = e
    if pos < end:
        pieces.append((text[pos:end], False))
    if end < len(text):
        pieces.append((" …", False))
    return pieces


def mark_all(text: str, stems: set[str], exact: set[str], stemmer_name: str) -> Snippet:
    """The whole text with every match marked (for the letter page)."""
    pieces: Snippet = []
    pos = 0
    for s, e in match_spans(text, stems, exact, stemmer_name):
        if s > pos:
            pieces.append((text[pos:s], False))
        pieces.append((text[s:e], True))
        pos = e
    if pos < len(text):
        pieces.append((text[pos:], False))
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
