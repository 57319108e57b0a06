"""Headings → question/answer pairs: which questions each answer covers.

Answers often cover several questions (*Antwoord op vragen 2 en 3*), and questions-only documents
and delay notices have no answers at all; the rule for both is in :func:`pair_up`.
"""
from __future__ import annotations

from collections import Counter

from indexer.letters import QAPair
from indexer.parse.headings import Heading
from indexer.parse.paragraphs import join_paragraphs


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
    pending: list[tuple[list[int], list[str]]] = []
    pairs: list[QAPair] = []
    bounds = [h.index for h in headings[1:]] + [len(lines)]
    for heading, end in zip(headings, bounds):
        segment = ([heading.rest] if heading.rest else []) + lines[heading.index + 1 : end]
        if heading.kind == "q":
            pending.append((heading.numbers, segment))
        elif heading.kind == "a":
            taken = [q for q in pending if set(q[0]) & set(heading.numbers)] or list(pending)
            pending = [q for q in pending if q not in taken]
            numbers = sorted({n for q in taken for n in q[0]}) or heading.numbers
            question = "\n\n".join(join_paragraphs(q[1], vocabulary, typical) for q in taken)
            pairs.append(QAPair(numbers, question, join_paragraphs(segment, vocabulary, typical)))
        else:
            body += [""] + lines[heading.index : end]
    for numbers, segment in pending:
        pairs.append(QAPair(numbers, join_paragraphs(segment, vocabulary, typical), None))
    pairs.sort(key=lambda p: p.questions[0] if p.questions else 0)
    return pairs, body
