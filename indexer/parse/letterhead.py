"""The head of a letter: what it says about itself before the text begins.

A ministry letter has a letterhead of labelled values (*Datum*, *Betreft*, *Onze referentie*) that
repeat as page headers; the Aanhangsel has a masthead with its number; a draft opens with *AH 605*
and the case number. Each is read here and its lines are taken out of the text.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from indexer.parse import dutch
from indexer.parse.dutch import normalize_space
from indexer.parse.linestarts import LineGate
from indexer.parse.pages import is_debris


LETTERHEAD_LABEL_RE = re.compile(
    r"^\s*(?:Datum|Betreft|Onderwerp|Onze\s+referentie|Ons\s+kenmerk|Onze\s+kenmerk|Kenmerk|Referentie"
    r"|Uw\s+kenmerk|Uw\s+referentie|Uw\s+brief)\b\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_REFERENCE_LABEL_RE = re.compile(
    r"^\s*(?:Onze\s+referentie|Ons\s+kenmerk|Onze\s+kenmerk|Kenmerk|Referentie)\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
#: The Kamer's reference, not the ministry's: for Kamervragen it is the case number.
_THEIR_REFERENCE_LABEL_RE = re.compile(
    r"^\s*Uw\s+(?:kenmerk|referentie|brief\s*\(kenmerk\))\s*:?\s*(?P<value>.*)$", re.IGNORECASE
)
_DATE_LABEL_RE = re.compile(r"^\s*Datum\s*:?\s*(?P<value>.*)$")
#: Older letters and committee answers date the letter with its place: "Den Haag, 5 juni 2026".
_PLACE_DATE_RE = re.compile(r"^\s*(?:Den\s+Haag|[’'`]s-Gravenhage)\s*,?\s*(?P<value>.*)$")
_TITLE_LABEL_RE = re.compile(r"^\s*(?:Betreft|Onderwerp)\s*:?\s*(?P<value>.*)$")
#: The first word of any of the five lines above, in any case: only the lines that start with one
#: are tried as labels, found for all lines in one scan since almost no line is one of them.
_LABEL_WORDS = r"Datum|Onze|Ons|Kenmerk|Referentie|Uw|Den|[’'`]s-Gravenhage|Betreft|Onderwerp"
_ANY_LABEL_START_RE = re.compile(r"^\s*(?:" + _LABEL_WORDS + ")", re.IGNORECASE)
LABEL_GATE = LineGate("(?i:" + _LABEL_WORDS + ")", _ANY_LABEL_START_RE, _DATE_LABEL_RE, _REFERENCE_LABEL_RE,
                       _THEIR_REFERENCE_LABEL_RE, _PLACE_DATE_RE, _TITLE_LABEL_RE)


def _next_nonblank(lines: list[str], i: int, limit: int = 3) -> int | None:
    for j in range(i + 1, min(len(lines), i + 1 + limit)):
        if lines[j].strip():
            return j
    return None


def _labelled_value(lines, i, match, accept) -> tuple[str | None, list[int]]:
    """The value of a letterhead label on its own line or the next, and the lines it used."""
    value = match.group("value").strip()
    if value:
        return (value, [i]) if accept(value) else (None, [])
    j = _next_nonblank(lines, i)
    if j is not None and accept(lines[j].strip()):
        return lines[j].strip(), [i, j]
    return None, []


def _is_date(value: str) -> bool:
    """Whether ``value`` is a date and nothing else ("Datum van inwerkingtreding ..." is text)."""
    value = value.strip(" ,.")
    shape = re.fullmatch(r"\d{1,2}\s+[^\W\d_]+\.?\s+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2}", value)
    return bool(shape) and dutch.parse_date(value) is not None


def _is_reference(value: str) -> bool:
    return len(value) <= 60 and bool(re.search(r"\d", value)) and not _is_date(value)


@dataclass
class Letterhead:
    """What a ministry letterhead says, and which lines it took (dropped from the text)."""

    date: dt.date | None = None
    title: str | None = None
    reference: str | None = None
    their_reference: str | None = None
    used: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, lines: list[str], among: list[int] | None = None) -> "Letterhead":
        """The letterhead in ``lines``; ``among``: see :meth:`LineGate.lines`."""
        head = cls()
        date_text = place_date = None
        for i in LABEL_GATE.lines(lines, among=among):
            line = lines[i]
            if m := _DATE_LABEL_RE.match(line):
                value, used = _labelled_value(lines, i, m, _is_date)
                # Every "Datum <date>" is letterhead: the first is the date, later ones page headers.
                if value and (date_text is None or dutch.parse_date(value) == head.date):
                    date_text = date_text or value
                    head.date = head.date or dutch.parse_date(value)
                    head.used.update(used)
            elif m := _REFERENCE_LABEL_RE.match(line):
                value, used = _labelled_value(lines, i, m, _is_reference)
                if value and head.reference in (None, value):
                    head.reference = value
                    head.used.update(used)
            elif m := _THEIR_REFERENCE_LABEL_RE.match(line):
                value, used = _labelled_value(lines, i, m, _is_reference)
                if value and head.their_reference in (None, value):
                    head.their_reference = value
                    head.used.update(used)
            elif place_date is None and (m := _PLACE_DATE_RE.match(line)) and _is_date(m.group("value")):
                place_date = (dutch.parse_date(m.group("value")), i)
            elif head.title is None and (m := _TITLE_LABEL_RE.match(line)):
                head.title, used = _read_title(lines, i, m.group("value").strip())
                head.used.update(used)
        if head.date is None and place_date:
            head.date = place_date[0]
            head.used.add(place_date[1])
        return head


def _read_title(lines: list[str], i: int, first: str) -> tuple[str | None, list[int]]:
    """*Betreft* and its value, continued on the next lines while they still read as the title."""
    used = [i]
    parts = [first] if first else []
    j = i + 1
    while j < len(lines) and len(parts) < 4:
        line = lines[j].strip()
        if not line:
            if parts:
                break
            j += 1
            continue
        stop = (
            # A line as wide as the text is the letter itself, not a title wrapped in its column.
            LETTERHEAD_LABEL_RE.match(line) or is_debris(line) or len(line) > 60
            or re.match(r"^(?:Aan|Postbus|Geachte|In antwoord)\b", line)
        )
        if stop:
            break
        used.append(j)
        # Converters repeat the end of a wrapped title on its own line ("... over Palantir\nPalantir").
        if not (parts and " ".join(parts).endswith(line)):
            parts.append(line)
        if not parts or re.search(r"[.;:]$", line):
            break
        j += 1
    title = normalize_space(" ".join(parts))
    return (title or None), used


_MINISTRY_LINE_RE = re.compile(r"^\s*(Ministerie\s+(?:van|voor)\s+[^\n]{3,70}?)\s*$", re.MULTILINE)


def ministry_line(text: str) -> str | None:
    """The ministry of a letterhead line *Ministerie van Financiën*, normalised."""
    # The word first: a search for a line start tries every position of a long header.
    m = _MINISTRY_LINE_RE.search(text) if "Ministerie" in text else None
    return dutch.normalize_ministry(m.group(1)) if m else None


_MASTHEAD_RE = re.compile(
    r"^\s*(?P<house>Tweede|Eerste)\s+Kamer\s+der\s+Staten-Generaal.*?\n\s*(?:\d\s*\n\s*)?"
    r"Vergaderjaar\s+(?P<session>\d{4}\s*[–-]\s*\d{4})\s+Aanhangsel\s+van\s+de\s+Handelingen"
    r".*?^\s*(?P<number>\d{1,5})\s*$",
    re.MULTILINE | re.DOTALL,
)


def masthead_identifier(text: str) -> str | None:
    """*ah-tk-20242025-545* from the Aanhangsel masthead, for a text whose footer lacks the id."""
    m = _MASTHEAD_RE.search(text[:3000])
    if not m:
        return None
    return dutch.aanhangsel_identifier(m.group("house"), m.group("session"), m.group("number"))


#: How far down a draft's header lines may stand; the rest of the text is copied as it is.
_DRAFT_HEADER_LINES = 12
_DRAFT_NUMBER_RE = re.compile(r"^\s*AH\s+(\d{1,5})\s*$")
_CASE_LINE_RE = re.compile(r"^\s*(?:19|20)\d{2}\s?Z\s?\d{5}\s*$")


def drop_draft_header(lines: list[str]) -> tuple[list[str], str | None]:
    """Drafts open with *AH 605* and the case number on lines of their own: (the lines without
    them, the case number)."""
    kept, case_number = [], None
    for line in lines[:_DRAFT_HEADER_LINES]:
        if _DRAFT_NUMBER_RE.match(line):
            continue
        if _CASE_LINE_RE.match(line):
            case_number = case_number or dutch.find_case_number(line)
            continue
        kept.append(line)
    return kept + lines[_DRAFT_HEADER_LINES:], case_number
