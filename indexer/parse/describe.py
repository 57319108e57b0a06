"""What a letter is and who wrote it: kind, dates, minister, ministry, questioners and title.

Several places say it, and they are trusted in order: the Kamer's own sentences (*Vragen van ...
(ingezonden ...)*, *Antwoord van ... (ontvangen ...)*) first, then the letterhead, then the
signature, then what the questions were addressed to. :mod:`indexer.parse.dutch` reads the
phrases; this module finds them in a text and decides between them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from indexer.letters import Letter
from indexer.parse import dutch
from indexer.parse.dutch import normalize_space
from indexer.parse.letterhead import Letterhead, ministry_line

_QUESTIONS_SENTENCE_RE = re.compile(
    r"^[ ]*(?:Mondelinge\s+|Schriftelijke\s+)?Vragen\s+(?:gesteld\s+)?van\s+(?:de\s+leden|het\s+lid|lid)\b",
    re.MULTILINE,
)
_QUESTIONS_PHRASE_RE = re.compile(r"\b[Vv]ragen\s+van\s+(?:de\s+leden|het\s+lid)\b")
_ANSWER_SENTENCE_RE = re.compile(
    r"^[ ]*(?P<word>Antwoord|Mededeling)\s+van\s+(?:de\s+)?(?:[Mm]inister|[Ss]taatssecretaris)",
    re.MULTILINE,
)
_DELAY_RE = re.compile(r"niet\s+binnen\s+de\s+gebruikelijke\s+termijn", re.IGNORECASE)
#: *gebruikelijke* of _DELAY_RE in any case, in a text's Latin-1 bytes with ASCII letters lower-
#: cased: the letters re's IGNORECASE matches to an ASCII capital alone as they are, i and k also
#: as "?" (re also matches İ and ı to i, the Kelvin sign to k: none of them Latin-1).
_DELAY_CLUE_RE = re.compile(rb"gebru[i?][k?]el[i?]j[k?]e")


@dataclass
class Opening:
    """The *Vragen van ...* and *Antwoord van ...* sentences, and the offset where they end."""

    questions: str = ""
    answer: str = ""
    end: int | None = None
    delay: bool = False

    @classmethod
    def find(cls, text: str, latin1_lowered: bytes | None = None) -> "Opening":
        """The opening of ``text``; ``latin1_lowered`` is ``text.encode("latin-1",
        "replace").lower()``, or that of a text that has all its lines, when the caller has it."""
        opening = cls()
        q_match = _QUESTIONS_SENTENCE_RE.search(text) or _QUESTIONS_PHRASE_RE.search(text)
        a_match = _ANSWER_SENTENCE_RE.search(text)
        q_end = a_end = 0
        if q_match:
            opening.questions, q_end = _sentence(text, q_match.start())
        if a_match:
            opening.answer, a_end = _sentence(text, a_match.start())
        if q_match or a_match:
            opening.end = max(q_end, a_end)
        opening.delay = (bool(a_match and a_match.group("word") == "Mededeling")
                         or _says_delay(text, latin1_lowered))
        return opening


def _says_delay(text: str, latin1_lowered: bytes | None) -> bool:
    """Whether the text says the answer comes late (_DELAY_RE).

    re has no first character to scan for in a case-insensitive pattern and tries this one at
    every position (a twentieth of the time to parse a letter). A text it matches has
    _DELAY_CLUE_RE in its Latin-1 bytes with the ASCII letters lower-cased, found there from its
    first five bytes, so most texts stop there.
    """
    if latin1_lowered is None:
        latin1_lowered = text.encode("latin-1", "replace").lower()
    return bool(_DELAY_CLUE_RE.search(latin1_lowered)) and bool(_DELAY_RE.search(text))


#: Where an opening sentence ends without its date: a blank line, or a numbered heading.
_SENTENCE_ENDS = (re.compile(r"\n[ ]*\n"), re.compile(r"\n(?=[ ]*(?:Vraag|Vragen|Antwoord)\s+\d)"))
_SENTENCE_CLOSE_RE = re.compile(r"\((?:ingezonden|ontvangen)[^)]*\)")


def _sentence(text: str, start: int) -> tuple[str, int]:
    """The sentence that starts at ``start`` and where it ends: up to its *(ingezonden ...)* /
    *(ontvangen ...)*, or else to the end of its paragraph or the first heading."""
    rest = text[start:start + 1500]
    limit = len(rest)
    for pattern in _SENTENCE_ENDS:
        m = pattern.search(rest)
        if m:
            limit = min(limit, m.start())
    close = _SENTENCE_CLOSE_RE.search(rest, 0, limit)
    end = close.end() if close else limit
    return normalize_space(rest[:end]), start + end


def kind_of(opening: Opening, answers_doc: bool, pairs, letterhead: Letterhead) -> str:
    """One of :data:`indexer.letters.KINDS`."""
    if opening.delay:
        return "delay"
    if answers_doc or any(p.answer for p in pairs):
        return "answer"
    if opening.questions and (pairs or not letterhead.title):
        return "questions"
    if letterhead.title or letterhead.date:
        return "letter"
    return "other"


def describe(letter: Letter, text: str, header_text: str, opening: Opening, letterhead: Letterhead,
             case_number: str | None, lines: list[str] | None = None, among: list[int] | None = None) -> None:
    """Fill ``letter``'s metadata; ``header_text`` is the text above the first heading, ``lines``
    the text's lines when the caller has them, ``among`` for the signature (see
    :meth:`LineGate.lines`)."""
    questions, answer = opening.questions, opening.answer
    letter.questioners = dutch.parse_questioners(questions) if questions else []
    letter.submitted = dutch.submitted_date(questions) or dutch.submitted_date(header_text)
    received = dutch.received_date(answer) if answer else None
    letter.date = received or letterhead.date
    if letter.date is None and letter.kind == "questions":
        letter.date = letter.submitted
    letter.reference = letterhead.reference
    letter.case_number = (
        case_number
        or dutch.find_case_number(questions)
        or dutch.find_case_number(letterhead.their_reference)
        or dutch.find_case_number(letter.id if letter.id.startswith("kv-") else "")
    )
    minister, ministry = dutch.parse_answerer(answer) if answer else (None, None)
    signed_by, signed_for = dutch.parse_signature(text, lines, among)
    letter.minister = minister or signed_by
    letter.ministry = (
        ministry
        or ministry_line(header_text)
        or signed_for
        or (dutch.asked_ministry(questions) if questions else None)
    )
    kamerstuk = Kamerstuk.find(text)
    if kamerstuk and not questions and not answer:
        letter.date = letter.date or kamerstuk.date
    letter.title = (letterhead.title or _title_from_sentence(letter, questions)
                    or (kamerstuk.title if kamerstuk else None) or _first_line(letter.body))


# A Kamerstuk (motie, amendement) as the Kamer prints it: dossier number, dossier title, "Nr. 10",
# "MOTIE VAN HET LID CLAASSEN", "Voorgesteld 22 april 2025".
# Capitals only (no IGNORECASE): the printed heading, not a sentence that mentions a motie.
_KAMERSTUK_KIND_RE = re.compile(
    r"((?:GEWIJZIGDE\s+|NADER\s+GEWIJZIGDE\s+)?(?:MOTIE|AMENDEMENT|SUBAMENDEMENT)\s+VAN\s+(?:HET\s+LID|DE\s+LEDEN)\s+[^\n]+)"
)
_DOSSIER_RE = re.compile(r"^[ ]*\d{2}\s?\d{3}(?:-[\dA-Z]+)?\s+([\s\S]{10,400}?)\s*Nr\.\s*\d+", re.MULTILINE)
_PROPOSED_RE = re.compile(r"Voorgesteld\s+([^\n]+)")


@dataclass
class Kamerstuk:
    """What the head of a motie or amendement says: what it is, on which bill, and when."""

    title: str
    date: "dt.date | None"

    @classmethod
    def find(cls, text: str) -> "Kamerstuk | None":
        top = text[:3000]
        # The heading's words as a quick test first: the regex has no fixed start to scan for.
        if "MOTIE" not in top and "AMENDEMENT" not in top:
            return None
        kind = _KAMERSTUK_KIND_RE.search(top)
        if not kind:
            return None
        what = normalize_space(kind.group(1))
        head, names = re.match(r"(.*?van (?:HET LID|DE LEDEN)) (.+)", what, re.I).groups()
        what = head[:1] + head[1:].lower() + " " + _name_case(names)
        dossier = _DOSSIER_RE.search(top)
        title = f"{what} — {normalize_space(dossier.group(1))}" if dossier else what
        proposed = _PROPOSED_RE.search(top)
        return cls(title, dutch.parse_date(proposed.group(1)) if proposed else None)



def _title_from_sentence(letter: Letter, sentence: str) -> str | None:
    """A title in the words of the Kamer's own: *Antwoord op vragen van het lid X over Y*."""
    if not sentence or not letter.questioners:
        return None
    names = [q.name for q in letter.questioners]
    who = f"het lid {names[0]}" if len(names) == 1 else "de leden " + ", ".join(names[:-1]) + f" en {names[-1]}"
    subject = dutch.subject_of(sentence)
    lead = {"answer": "Antwoord op vragen", "delay": "Uitstel antwoord op vragen"}.get(letter.kind, "Vragen")
    return f"{lead} van {who}" + (f" over {subject}" if subject else "")


_PARTICLES = {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "en"}


def _name_case(names: str) -> str:
    """Members' names printed in capitals, in normal case: a particle is lower case except where
    a name starts with it (*INGE VAN DIJK EN VAN DER LINDE* → *Inge van Dijk en Van der Linde*)."""
    out, start = [], True
    for word in names.lower().split():
        if word == "en":
            out.append(word)
            start = True
            continue
        if word in _PARTICLES and not start:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
        start = False
    return " ".join(out)


def _first_line(body: str) -> str | None:
    """The first line that says something (not the Kamer's masthead)."""
    for line in body.split("\n"):
        if line.strip() and not re.fullmatch(r"\s*(?:TWEEDE|EERSTE)\s+KAMER\s+DER\s+STATEN-GENERAAL\s*", line, re.I):
            return normalize_space(line)[:150]
    return None
