"""The lines that open a question, an answer, or the text after the pairs.

Letters write their headings in several styles: *Vraag 1* / *Antwoord op vraag 1* (ministry
letters and the Aanhangsel), *Vraag:* / *Antwoord:* without numbers, bare numbers with a bare
*Antwoord* (drafts, answers to a committee), and unnumbered paragraphs (questions whose automatic
numbering was lost). A document uses one style; this module finds which, and the headings in it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.parse import dutch
from indexer.parse.dutch import NUMBERS_PATTERN, parse_numbers
from indexer.parse.linestarts import LineGate
from indexer.parse.pages import LONE_NUMBERS_RE

#: "Vraag 1", "Vraag 3, 4 en 5", "Vragen 2 en 3", "Vraag 1: Bent u ...".
Q_HEADING_RE = re.compile(
    r"^\s*Vra(?:ag|gen)\s+(?P<nums>" + NUMBERS_PATTERN + r")\s*(?:[:.]\s*(?P<rest>.*))?$"
)
#: "Vraag:" or "Vraag" without a number, numbered here in order; only next to answer headings.
BARE_Q_HEADING_RE = re.compile(r"^\s*Vraag\s*(?::\s*(?P<rest>.*))?$")
#: "Antwoord 1", "Antwoord op vraag 1", "Antwoord op vragen 2 en 3", "Antwoord vragen 1,2,3,4 en 5",
#: "Antwoord op de vragen 1 t/m 3", "Antwoord vraag 1:", a bare "Antwoord" or "Antwoord: ...".
#: Not "Antwoord van Minister X (...)": text after the heading needs a colon.
A_HEADING_RE = re.compile(
    r"^\s*Antwoord(?:en)?(?:\s+(?:op\s+)?(?:de\s+)?(?:vraag|vragen))?"
    r"(?:\s+(?P<nums>" + NUMBERS_PATTERN + r"))?\s*(?:[:.]\s*(?P<rest>.*))?$"
)
#: Questions numbered without the word: "1" or "1." alone on a line, or "1. Bent u ...".
NUMBERED_RE = re.compile(r"^\s*(?P<num>\d{1,3})(?:[.)]?\s*|[.)]\s+(?P<rest>\S.*))$")
#: Where the questions and answers end: the delay notice or a closing formula (or a signature,
#: see :func:`_ends_pairs`).
END_RE = re.compile(r"^\s*(?:Mededeling\s*$|Hoogachtend\b|Met\s+vriendelijke\s+groet)")
#: A section heading above the questions in letters answering a committee: "Vragen",
#: "Vragen en antwoorden", "Beantwoording van de vragen".
SECTION_RE = re.compile(r"^\s*(?:Vragen(?:\s+en\s+antwoorden)?|Beantwoording\s+(?:van\s+de\s+)?vragen)\s*:?\s*$",
                        re.IGNORECASE)


#: The first word of Q_HEADING_RE, BARE_Q_HEADING_RE and A_HEADING_RE.
HEADING_GATE = LineGate("Vra|Antwoord", Q_HEADING_RE, BARE_Q_HEADING_RE, A_HEADING_RE)
#: The first word of a line that ends the pairs (:func:`_ends_pairs`): END_RE, or a signature's
#: office line, which may open with its closing formula (dutch.SIGNATURE_RE and its start, the
#: signature gate's head).
END_GATE = LineGate("Mededeling|Hoogachtend|Met|" + dutch.SIGNATURE_GATE.head,
                    END_RE, dutch.SIGNATURE_START_RE, dutch.SIGNATURE_RE)


def has_answer_heading(lines: list[str], text: str | None = None, among: list[int] | None = None) -> bool:
    """Whether any line is an answer heading (A_HEADING_RE); ``text`` is the lines joined, when
    the caller has it, ``among`` as for :meth:`LineGate.lines`."""
    return any(A_HEADING_RE.match(lines[i]) for i in HEADING_GATE.lines(lines, text, among))


def is_heading_line(line: str) -> bool:
    """Whether ``line`` opens a question or an answer in any of the written styles."""
    return bool(Q_HEADING_RE.match(line) or A_HEADING_RE.match(line) or BARE_Q_HEADING_RE.match(line))


def questions_start(lines: list[str]) -> int:
    """Where numbered questions may start in a letter without the Kamer's opening sentence: after
    its *Vragen* section heading, so that a numbered list in the covering letter is not taken for
    the questions; else at the top."""
    return next((i + 1 for i, line in enumerate(lines) if SECTION_RE.match(line)), 0)


@dataclass
class Heading:
    """A line that opens a question ('q'), an answer ('a') or the text after the pairs ('end')."""

    index: int
    kind: str
    numbers: list[int] = field(default_factory=list)
    rest: str = ""


def find_headings(lines: list[str], questions_doc: bool, answers_doc: bool, start: int,
                  text: str | None = None, among: list[int] | None = None) -> list[Heading]:
    """The question/answer headings in the style this document uses, and where pairs end.

    ``start`` is the first line after the opening sentences: numbered or unnumbered questions
    start there, not in the covering letter above. ``text`` is the lines joined, when the caller
    has it, ``among`` what a union of HEADING_GATE and END_GATE let through (see
    :meth:`LineGate.lines`).
    """
    found: list[Heading] = []
    if among is None:
        text = "\n".join(lines) if text is None else text  # for both gates
    candidates = HEADING_GATE.lines(lines, text, among)  # no other line can be a Vraag or Antwoord heading
    numbered = any(Q_HEADING_RE.match(lines[i]) for i in candidates)
    bare = not numbered and answers_doc and any(BARE_Q_HEADING_RE.match(lines[i]) for i in candidates)
    if numbered or bare:
        for i in candidates:
            line = lines[i]
            if m := Q_HEADING_RE.match(line):
                found.append(Heading(i, "q", parse_numbers(m.group("nums")), m.group("rest") or ""))
            elif bare and (m := BARE_Q_HEADING_RE.match(line)):
                found.append(Heading(i, "q", [sum(h.kind == "q" for h in found) + 1], m.group("rest") or ""))
            elif m := A_HEADING_RE.match(line):
                found.append(Heading(i, "a", parse_numbers(m.group("nums") or ""), m.group("rest") or ""))
    elif answers_doc or questions_doc:
        found = _numbered_headings(lines, start, answers_doc)
        if not found and questions_doc:
            found = _paragraph_headings(lines, start)
    if found:
        first = found[0].index
        ends = END_GATE.lines(lines, text, among)
        found += [Heading(i, "end") for i in ends if i > first and _ends_pairs(lines, i)]
    return sorted(found, key=lambda h: h.index)


def _ends_pairs(lines: list[str], i: int) -> bool:
    """A closing formula, a signature, or an office line ending in a comma without a name under
    it (*De Minister van Financiën,* / *namens deze,*)."""
    line = lines[i]
    return bool(END_RE.match(line) or dutch.signature_at(lines, i)
                or (line.rstrip().endswith(",") and dutch.SIGNATURE_RE.match(line)))


def _numbered_headings(lines: list[str], start: int, answers_doc: bool) -> list[Heading]:
    """Questions numbered "1", "1." or "1. text", each answered under a bare *Antwoord*.

    The numbers must run 1, 2, 3 ...; in an answer document a question also has to follow an
    answer, so that a numbered list inside an answer is not taken for the next question.
    """
    found: list[Heading] = []
    expected = 1
    for i in range(start, len(lines)):
        line = lines[i]
        if m := A_HEADING_RE.match(line):
            if found:
                found.append(Heading(i, "a", parse_numbers(m.group("nums") or ""), m.group("rest") or ""))
            continue
        m = NUMBERED_RE.match(line)
        if not m or int(m.group("num")) != expected:
            continue
        if answers_doc and found and found[-1].kind != "a":
            continue
        found.append(Heading(i, "q", [expected], m.group("rest") or ""))
        expected += 1
    if answers_doc and not any(h.kind == "a" for h in found):
        return []
    return found


def _paragraph_headings(lines: list[str], start: int) -> list[Heading]:
    """Questions as unnumbered paragraphs (drafts lose the automatic numbering)."""
    found = []
    previous_blank = True
    for i in range(start, len(lines)):
        line = lines[i]
        if line.strip() and previous_blank and not LONE_NUMBERS_RE.match(line):
            found.append(Heading(i, "q", [len(found) + 1], line))
        previous_blank = not line.strip()
    return found
