"""Headings → question/answer pairs: which questions each answer covers.

Answers often cover several questions (*Antwoord op vragen 2 en 3*), and questions-only documents
and delay notices have no answers at all; the rule for both is in :func:`pair_items`, shared by every format.
"""
from __future__ import annotations

from collections import Counter

from indexer.letters import QAPair
from indexer.parse.headings import Heading
from indexer.parse.paragraphs import join_each


def pair_items(items: list[tuple[str, list[int], str]]) -> list[QAPair]:
    """Pairs from ("vraag" | "antwoord", numbers, text) items in document order: the one rule
    for every format (the text parser's headings, the XML's and HTML's elements).

    An answer covers the waiting questions its heading numbers (*Antwoord 2 en 3*); an answer
    without usable numbers covers every waiting question. Questions never answered stay as pairs
    without an answer (a questions-only document).
    """
    pairs: list[QAPair] = []
    waiting: list[tuple[list[int], str]] = []
    next_number = 1
    for role, numbers, text in items:
        if role == "vraag":
            numbers = numbers or [next_number]
            next_number = max(numbers) + 1
            waiting.append((numbers, text))
            continue
        named = set(numbers)
        covered = [q for q in waiting if not named.isdisjoint(q[0])] or list(waiting)
        if not covered and not numbers and pairs:  # a second answer block: continuation
            pairs[-1].answer = f"{pairs[-1].answer}\n\n{text}" if pairs[-1].answer else text
            continue
        taken = {id(q) for q in covered}
        waiting = [q for q in waiting if id(q) not in taken]
        covered_numbers = sorted({n for q in covered for n in q[0]}) or numbers
        pairs.append(QAPair(covered_numbers, "\n\n".join(q[1] for q in covered), text))
    pairs.extend(QAPair(numbers, text, None) for numbers, text in waiting)
    pairs.sort(key=lambda p: min(p.questions, default=0))
    return pairs


def pair_up(lines: list[str], headings: list[Heading], vocabulary: Counter,
            typical: int) -> tuple[list[QAPair], list[str]]:
    """Walk the headings: questions wait until an answer heading takes them.

    *Vraag 2*, *Vraag 3*, *Antwoord op vragen 2 en 3* makes one pair [2, 3]; an answer heading with
    numbers takes only the waiting questions it names (when it names any of them). Questions
    nobody answers (questions-only documents, delay notices) become pairs without an answer.
    """
    if not headings:
        return [], lines
    body = list(lines[: headings[0].index])
    parts: list[tuple[Heading, list[str]]] = []  # each question or answer with its lines
    bounds = [h.index for h in headings[1:]] + [len(lines)]
    for heading, end in zip(headings, bounds):
        if heading.kind in ("q", "a"):
            parts.append((heading, ([heading.rest] if heading.rest else []) + lines[heading.index + 1 : end]))
        else:
            body += [""] + lines[heading.index : end]
    texts = join_each([part for _, part in parts], vocabulary, typical)
    items = [("vraag" if heading.kind == "q" else "antwoord", heading.numbers, text)
             for (heading, _), text in zip(parts, texts)]
    return pair_items(items), body
