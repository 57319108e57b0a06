"""Plain text of a letter → :class:`~indexer.letters.Letter`.

Every text layout of the corpus is read here, because the PDF and office parsers extract text and
hand it to :func:`parse_text`:

* a ministry letter: letterhead (*Datum*, *Betreft*, *Onze referentie*), covering letter, the
  *Vragen van ...* sentence, then *Vraag 1* / *Antwoord op vraag 1* headings;
* the Aanhangsel van de Handelingen as extracted from PDF: masthead, page footers (*ISSN*,
  *Tweede Kamer, vergaderjaar ...*) and footnotes at the bottom of each page, in the middle of the
  text;
* draft answers (*AH 605*, *2024Z18792*, questions numbered *1* or *1.*, headings *Antwoord:*),
  questions-only documents, delay notices (*Mededeling*) and Kamerbrieven without questions.

A form feed (``\\f``) separates pages when the caller knows them (the PDF parser); otherwise the
page footers of the Aanhangsel mark where a page ends. The way through the module follows the
data: decode → pages → page debris and footnotes out → metadata → headings → pairs and body.
"""
from __future__ import annotations

import codecs
import datetime as dt
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from indexer.letters import Letter, NotALetter, QAPair
from indexer.parse import dutch
from indexer.parse.dutch import NUMBERS_PATTERN, normalize_space, parse_numbers


# --- Reading the file -------------------------------------------------------------------------


def parse(path: Path) -> Letter:
    """Read a ``.txt`` file in whatever encoding it came in and parse it."""
    path = Path(path)
    return parse_text(decode(path.read_bytes()), path)


def decode(data: bytes) -> str:
    """Bytes → text: UTF-8 (with or without BOM), UTF-16 (BOM, or the zero bytes of one without),
    else Windows-1252, the encoding of older Dutch Windows exports. NULs are dropped."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif len(data) >= 4 and data.count(0) > len(data) // 3:
        # UTF-16 without BOM: every other byte of Latin text is zero.
        odd_zeros = data[1::2].count(0) > data[0::2].count(0)
        text = data.decode("utf-16-le" if odd_zeros else "utf-16-be", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    return text.replace("\x00", "")


def parse_text(text: str, path: Path) -> Letter:
    """Parse the plain text of one document; ``path`` names it when the text has no identifier.

    Raises NotALetter when the text is empty or not text at all (binary garbage).
    """
    text = normalize_text(text)
    _reject_non_text(text)
    doc = _Document.read(text)
    return doc.to_letter(Path(path))


# --- Normalising and rejecting ----------------------------------------------------------------


def normalize_text(text: str) -> str:
    """One line-ending and space convention, without the markup some converters leave behind."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    for invisible in ("\u00ad", "\u200b", "\ufeff"):
        text = text.replace(invisible, "")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    # Markdown from docx converters (the seed letter): **bold**, "> " quotes, <autolinks>.
    text = text.replace("**", "")
    text = re.sub(r"(?m)^>\s?", "", text)
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    return dutch.fix_spacing_accents(text)


def _reject_non_text(text: str) -> None:
    stripped = text.strip()
    if not stripped:
        raise NotALetter("leeg document: er staat geen tekst in")
    controls = sum(1 for ch in stripped if unicodedata.category(ch) == "Cc" and ch not in "\n\f")
    replaced = stripped.count("\ufffd")
    letters = sum(ch.isalpha() for ch in stripped)
    if (controls + replaced) / len(stripped) > 0.02 or letters / len(stripped) < 0.3:
        raise NotALetter("geen leesbare tekst: het bestand lijkt binair of beschadigd")


# --- Page debris ------------------------------------------------------------------------------
# Lines that belong to the page, not to the letter: they are dropped wherever they stand, also in
# the middle of an answer where a page ended.

_SESSION = r"vergaderjaar\s+\d{4}\s*[–-]\s*\d{4}"
_FOOTER_PIECES = (
    r"ISSN\s+\d{4}\s*-\s*\d{4}",
    r"[’']s-Gravenhage\s+\d{4}",
    # "Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2" / "..., Vragen 1" / "..., 32 545, nr. 143"
    r"(?:Tweede|Eerste)\s+Kamer,\s+" + _SESSION
    + r",\s+(?:Aanhangsel|Vragen|[\d ]+[A-Z]?,\s+nr\.\s*\d+)(?:\s*\d{1,3})?",
)
#: A page footer of the official publications; extraction often glues its pieces together.
FOOTER_RE = re.compile(r"^(?:\s*(?:" + "|".join(_FOOTER_PIECES) + r"))+\s*$")

DEBRIS_RES = [
    FOOTER_RE,
    dutch.IDENTIFIER_RE,
    re.compile(r"^\s*Pagina\s+\d+\s+(?:van|/)\s+\d+\s*$", re.IGNORECASE),
    re.compile(r"^\s*[_\-=]{3,}\s*$"),  # separator above footnotes in drafts
    re.compile(r"^\s*Retouradres\b.*$", re.IGNORECASE),
    re.compile(r"^\s*Postbus\s+\d+\s*$"),
    re.compile(r"^\s*\d{4}\s?[A-Z]{2}[\s.]+[A-Za-z' -]{2,30}$"),  # postcode + city
    re.compile(r"^\s*www\.[\w.-]+(?:/\w{0,12})?\s*$"),  # letterhead site, not a cited address
    re.compile(r"^\s*Aan\s+de\s+[Vv]oorzitter\s+van\s+de\s+(?:Tweede|Eerste)\s+Kamer.*$"),
    re.compile(r"^\s*der\s+Staten-Generaal\s*$"),
    # Masthead of the Aanhangsel and of questions: "Tweede Kamer der Staten-Generaal 2",
    # "Vergaderjaar 2024–2025 Aanhangsel van de Handelingen", "regering gegeven antwoorden".
    re.compile(r"^\s*(?:Tweede|Eerste)\s+Kamer\s+der\s+Staten-Generaal\s*\d?\s*$"),
    re.compile(r"^\s*Vergaderjaar\s+\d{4}\s*[–-]\s*\d{4}.*$"),
    re.compile(r"^\s*Aanhangsel\s+van\s+de\s+Handelingen\s*$"),
    re.compile(r"^\s*Vragen\s+gesteld\s+door\s+de\s+leden\s+der\s+Kamer.*$"),
    re.compile(r"^\s*regering\s+gegeven\s+antwoorden\s*$"),
    re.compile(r"^\s*(?:Bijlage|Bijlagen|Uw\s+brief|Uw\s+kenmerk|Uw\s+referentie)\s*$"),
]

#: Footnote markers and page numbers that extraction put on a line of their own: "1", "2, 3 en 4".
LONE_NUMBERS_RE = re.compile(r"^\s*\d{1,3}(?:\s*(?:,|\ben\b|t/m)\s*\d{1,3})*\s*$")


def is_debris(line: str) -> bool:
    """Whether ``line`` is page furniture (footer, masthead, address block, page number line)."""
    return bool(line.strip()) and any(r.match(line) for r in DEBRIS_RES)


def split_pages(text: str) -> list[list[str]]:
    """Lines per page: pages end at a form feed or after an Aanhangsel page footer, and a
    *Pagina 2 van 3* header starts one."""
    pages: list[list[str]] = []
    for chunk in text.split("\f"):
        current: list[str] = []
        for line in chunk.split("\n"):
            if re.match(r"^\s*Pagina\s+\d+\s+van\s+\d+\s*$", line, re.IGNORECASE) and current:
                pages.append(current)
                current = []
            current.append(line.rstrip())
            if FOOTER_RE.match(line):
                pages.append(current)
                current = []
        pages.append(current)
    return [page for page in pages if any(line.strip() for line in page)]


# --- Footnotes --------------------------------------------------------------------------------
# A footnote starts a line with its number: "1NOS, 29 oktober ..." (glued by extraction),
# "1 NOS, ...", "¹ Follow The Money, ...", "1) Kamerstuk ...", "[1] Website ...". Its text runs on
# to a blank line, a page-debris line or the end of the page. A line only starts a footnote when
# its number is the next one expected and its marker was seen earlier in the text: that keeps a
# numbered heading such as "1 Onbeantwoorde vragen" in the text.

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
FOOTNOTE_START_RE = re.compile(
    r"^\s*(?:\[(?P<bracket>\d{1,3})\]|(?P<plain>\d{1,3})\)?|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))"
    r"\s?(?P<text>[^\W\d_«\"“‘'(\[].*|[«\"“‘'(\[].*)$"
)
MARKER_RE = re.compile(
    r"(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|\[(?P<bracket>\d{1,3})\]"
    r"|(?<=\s)(?P<paren>\d{1,3})\)"
    # glued to a word or closing sign: "zijn.1", "onderzoek?1", "regenboogbeleid»?1"
    r"|(?:(?<=[^\W\d_])|(?<=[?.!»”\"’)\]:;]))(?P<glued>\d{1,2})(?=\s|$|[,.;:])"
    # after a closing sign and a space: "afspreekt? 3 Heeft", "vuurwerkrampen» 3 van"
    r"|(?<=[?.!»”\"’)] )(?P<spaced>\d{1,2})(?=\s|$)"
    # pushed to the start of the next line: "1, is onder meer opgenomen"
    r"|^(?P<leading>\d{1,2})(?=,|\s+[a-z])"
)


def footnote_start(line: str) -> tuple[int, str] | None:
    """(number, text) when ``line`` could start a footnote."""
    m = FOOTNOTE_START_RE.match(line)
    if not m or re.match(r"^\s*\d{1,3}\.\s", line):  # "2. Meerjarige afspraken" is a list item
        return None
    number = m.group("bracket") or m.group("plain") or m.group("sup").translate(_SUPERSCRIPTS)
    return int(number), m.group("text").strip()


def markers_in(line: str) -> set[int]:
    """Footnote numbers a line refers to, including a line that is only markers ("2, 3 en 4")."""
    if LONE_NUMBERS_RE.match(line):
        return set(parse_numbers(line))
    found = set()
    for m in MARKER_RE.finditer(line):
        value = next(v for v in m.groups() if v)
        found.add(int(value.translate(_SUPERSCRIPTS)))
    return found


def extract_footnotes(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Take the footnote blocks out of the pages: (pages without them, footnote texts in order)."""
    footnotes: list[str] = []
    seen: set[int] = set()
    out_pages = []
    for page in pages:
        kept: list[str] = []
        stops = _block_stops(page)
        last_text = max((j for j, line in enumerate(page) if line.strip()), default=-1)
        # Where each footnote number last starts a line on this page (see "repeated" below).
        last_start = {start[0]: j for j, line in enumerate(page) if (start := footnote_start(line))}
        i = 0
        while i < len(page):
            start = footnote_start(page[i])
            expected = len(footnotes) + 1
            if start and start[0] in (expected, expected + 1):
                end = stops[i + 1]
                # Its marker seen earlier, or the block closes the page: then it is a footnote.
                plausible = start[0] in seen or (end > last_text and start[0] == expected)
                # A marker pushed to the start of a line ("3 is de Kamer ...") looks like a
                # footnote; the real footnote 3 is then further down the same page.
                repeated = last_start[start[0]] > i
                if plausible and not repeated:
                    block = page[i:end]
                    if not any(_is_heading_line(line) for line in block):
                        footnotes += _split_footnote_block(block, start[0])
                        i = end
                        continue
            seen |= markers_in(page[i])
            kept.append(page[i])
            i += 1
        out_pages.append(kept)
    return out_pages, footnotes


def _block_stops(page: list[str]) -> list[int]:
    """For each line, the first line at or after it that ends a footnote block: a blank line,
    page debris or a letterhead label (computed once per page, backwards)."""
    stops = [len(page)] * (len(page) + 1)
    for j in range(len(page) - 1, -1, -1):
        line = page[j]
        ends = not line.strip() or is_debris(line) or LETTERHEAD_LABEL_RE.match(line)
        stops[j] = j if ends else stops[j + 1]
    return stops


def _split_footnote_block(block: list[str], first: int) -> list[str]:
    """One block may hold several footnotes (1, 2, 3 ...); lines between are continuations."""
    notes: list[list[str]] = []
    number = first
    for line in block:
        start = footnote_start(line)
        if start and start[0] == number:
            notes.append([start[1]])
            number += 1
        elif notes:
            notes[-1].append(line)
    return [join_lines(lines, vocabulary=Counter()) for lines in notes]


# --- Headings ---------------------------------------------------------------------------------

#: "Vraag 1", "Vraag 3, 4 en 5", "Vragen 2 en 3", "Vraag 1: Bent u ...".
Q_HEADING_RE = re.compile(
    r"^\s*Vra(?:ag|gen)\s+(?P<nums>" + NUMBERS_PATTERN + r")\s*(?:[:.]\s*(?P<rest>.*))?$"
)
#: "Antwoord 1", "Antwoord op vraag 1", "Antwoord op vragen 2 en 3", "Antwoord vragen 1,2,3,4 en 5",
#: "Antwoord op de vragen 1 t/m 3", "Antwoord vraag 1:", a bare "Antwoord" or "Antwoord: ...".
#: Not "Antwoord van Minister X (...)": text after the heading needs a colon.
A_HEADING_RE = re.compile(
    r"^\s*Antwoord(?:en)?(?:\s+(?:op\s+)?(?:de\s+)?(?:vraag|vragen))?"
    r"(?:\s+(?P<nums>" + NUMBERS_PATTERN + r"))?\s*(?:[:.]\s*(?P<rest>.*))?$"
)
#: Questions numbered without the word: "1" or "1." alone on a line, or "1. Bent u ...".
NUMBERED_RE = re.compile(r"^\s*(?P<num>\d{1,3})(?:[.)]?\s*|[.)]\s+(?P<rest>\S.*))$")
#: Where the questions and answers end: the delay notice, a closing formula, a signature.
END_RE = re.compile(
    r"^\s*(?:Mededeling\s*$|Hoogachtend\b|Met\s+vriendelijke\s+groet)|" + dutch.SIGNATURE_RE.pattern,
    re.MULTILINE,
)


def _is_heading_line(line: str) -> bool:
    return bool(Q_HEADING_RE.match(line) or A_HEADING_RE.match(line))


@dataclass
class Heading:
    """A line that opens a question ('q'), an answer ('a') or the text after the pairs ('end')."""

    index: int
    kind: str
    numbers: list[int] = field(default_factory=list)
    rest: str = ""


# --- Letterhead -------------------------------------------------------------------------------

LETTERHEAD_LABEL_RE = re.compile(
    r"^\s*(?:Datum|Betreft|Onze\s+referentie|Ons\s+kenmerk|Onze\s+kenmerk|Kenmerk|Referentie)\b"
    r"\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_REFERENCE_LABEL_RE = re.compile(
    r"^\s*(?:Onze\s+referentie|Ons\s+kenmerk|Onze\s+kenmerk|Kenmerk|Referentie)\s*:?\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_DATE_LABEL_RE = re.compile(r"^\s*Datum\s*:?\s*(?P<value>.*)$")
_TITLE_LABEL_RE = re.compile(r"^\s*Betreft\s*:?\s*(?P<value>.*)$")


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
    used: set[int] = field(default_factory=set)

    @classmethod
    def read(cls, lines: list[str]) -> "Letterhead":
        head = cls()
        date_text = None
        for i, line in enumerate(lines):
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
            elif head.title is None and (m := _TITLE_LABEL_RE.match(line)):
                head.title, used = _read_title(lines, i, m.group("value").strip())
                head.used.update(used)
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
            LETTERHEAD_LABEL_RE.match(line) or is_debris(line) or len(line) > 100
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


# --- The document -----------------------------------------------------------------------------

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
_MINISTRY_LINE_RE = re.compile(r"^\s*(Ministerie\s+(?:van|voor)\s+[^\n]{3,70}?)\s*$", re.MULTILINE)
_MASTHEAD_RE = re.compile(
    r"^\s*(?P<house>Tweede|Eerste)\s+Kamer\s+der\s+Staten-Generaal.*?\n\s*(?:\d\s*\n\s*)?"
    r"Vergaderjaar\s+(?P<session>\d{4}\s*[–-]\s*\d{4})\s+Aanhangsel\s+van\s+de\s+Handelingen"
    r".*?^\s*(?P<number>\d{1,5})\s*$",
    re.MULTILINE | re.DOTALL,
)
_DRAFT_NUMBER_RE = re.compile(r"^\s*AH\s+(\d{1,5})\s*$")
_CASE_LINE_RE = re.compile(r"^\s*(?:19|20)\d{2}\s?Z\s?\d{5}\s*$")


def _sentence(text: str, start: int) -> tuple[str, int]:
    """The sentence that starts at ``start`` and where it ends: up to its *(ingezonden ...)* /
    *(ontvangen ...)*, or else to the end of its paragraph or the first heading."""
    rest = text[start:start + 1500]
    limit = len(rest)
    for pattern in (r"\n[ ]*\n", r"\n(?=[ ]*(?:Vraag|Vragen|Antwoord)\s+\d)"):
        m = re.search(pattern, rest)
        if m:
            limit = min(limit, m.start())
    close = re.search(r"\((?:ingezonden|ontvangen)[^)]*\)", rest[:limit])
    end = close.end() if close else limit
    return normalize_space(rest[:end]), start + end


class _Document:
    """The text of one document, cleaned, with what has been read from it so far."""

    def __init__(self, lines: list[str], footnotes: list[str], raw: str):
        self.lines = lines
        self.footnotes = footnotes
        self.raw = raw
        self.letterhead = Letterhead()
        self.identifier: str | None = None
        self.case_number: str | None = None

    @classmethod
    def read(cls, text: str) -> "_Document":
        pages = split_pages(text)
        # The letterhead is read first: its lines repeat as page headers ("Onze referentie 1400405",
        # "Datum 5 juni 2026") and go with the other debris. Debris becomes a blank line, so that a
        # footnote block ends there; blank lines at a page's edges go, so text runs on across pages.
        letterhead = Letterhead.read([line for page in pages for line in page])
        cleaned, n = [], 0
        for page in pages:
            cleaned.append(["" if (n + i) in letterhead.used or is_debris(line) else line
                            for i, line in enumerate(page)])
            n += len(page)
        cleaned, footnotes = extract_footnotes(cleaned)
        doc = cls([line for page in cleaned for line in _trim(page)], footnotes, text)
        doc.letterhead = letterhead
        doc.identifier = dutch.find_identifier(text) or _aanhangsel_id(text)
        doc._drop_draft_header()
        return doc

    # -- header lines that are metadata, not text

    def _drop_draft_header(self) -> None:
        """Drafts open with *AH 605* and the case number on lines of their own."""
        kept = []
        for i, line in enumerate(self.lines):
            if i < 12 and _DRAFT_NUMBER_RE.match(line):
                continue
            if i < 12 and _CASE_LINE_RE.match(line):
                self.case_number = self.case_number or dutch.find_case_number(line)
                continue
            kept.append(line)
        self.lines = kept

    # -- headings and pairs

    def headings(self, questions_doc: bool, answers_doc: bool, start: int) -> list[Heading]:
        """The question/answer headings in the style this document uses, and where pairs end."""
        found: list[Heading] = []
        if any(Q_HEADING_RE.match(line) for line in self.lines):
            for i, line in enumerate(self.lines):
                if m := Q_HEADING_RE.match(line):
                    found.append(Heading(i, "q", parse_numbers(m.group("nums")), m.group("rest") or ""))
                elif m := A_HEADING_RE.match(line):
                    found.append(Heading(i, "a", parse_numbers(m.group("nums") or ""), m.group("rest") or ""))
        elif answers_doc or questions_doc:
            found = self._numbered_headings(start, answers_doc)
            if not found and questions_doc:
                found = self._paragraph_headings(start)
        if found:
            found += self._end_headings(found[0].index)
        return sorted(found, key=lambda h: h.index)

    def _numbered_headings(self, start: int, answers_doc: bool) -> list[Heading]:
        """Questions numbered "1", "1." or "1. text", each answered under a bare *Antwoord*.

        The numbers must run 1, 2, 3 ...; in an answer document a question also has to follow an
        answer, so that a numbered list inside an answer is not taken for the next question.
        """
        found: list[Heading] = []
        expected = 1
        for i in range(start, len(self.lines)):
            line = self.lines[i]
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

    def _paragraph_headings(self, start: int) -> list[Heading]:
        """Questions as unnumbered paragraphs (drafts lose the automatic numbering)."""
        found = []
        previous_blank = True
        for i in range(start, len(self.lines)):
            line = self.lines[i]
            if line.strip() and previous_blank and not LONE_NUMBERS_RE.match(line):
                found.append(Heading(i, "q", [len(found) + 1], line))
            previous_blank = not line.strip()
        return found

    def _end_headings(self, first: int) -> list[Heading]:
        return [
            Heading(i, "end")
            for i in range(first + 1, len(self.lines))
            if END_RE.match(self.lines[i])
        ]

    # -- the letter

    def to_letter(self, path: Path) -> Letter:
        text = "\n".join(self.lines)
        vocabulary = _vocabulary(self.raw)  # footnotes included: they spell words too
        typical = _typical_line_length(self.lines)

        q_match = _QUESTIONS_SENTENCE_RE.search(text) or _QUESTIONS_PHRASE_RE.search(text)
        questions_sentence, q_end = _sentence(text, q_match.start()) if q_match else ("", 0)
        a_match = _ANSWER_SENTENCE_RE.search(text)
        answer_sentence, a_end = _sentence(text, a_match.start()) if a_match else ("", 0)
        is_delay = bool(a_match and a_match.group("word") == "Mededeling") or bool(_DELAY_RE.search(text))
        has_answer_headings = any(A_HEADING_RE.match(line) for line in self.lines)
        answers_doc = bool(answer_sentence) or has_answer_headings
        questions_doc = bool(q_match) and not answers_doc and not is_delay

        # Numbered or unnumbered questions start after the opening sentences, not before.
        start = text.count("\n", 0, max(q_end, a_end)) + 1 if (q_match or a_match) else 0
        headings = self.headings(questions_doc, answers_doc, start)
        pairs, body_lines = _pairs(self.lines, headings, vocabulary, typical)

        letter = Letter(id=self.identifier or path.name.split(".")[0])
        letter.pairs = pairs
        letter.footnotes = self.footnotes
        letter.body = join_paragraphs(body_lines, vocabulary, typical)
        letter.kind = _kind(is_delay, answers_doc, pairs, questions_sentence, self.letterhead)
        self._fill_metadata(letter, text, questions_sentence, answer_sentence, headings)
        return letter

    def _fill_metadata(self, letter, text, questions_sentence, answer_sentence, headings) -> None:
        head = self.letterhead
        header_text = "\n".join(self.lines[: headings[0].index]) if headings else text
        letter.questioners = dutch.parse_questioners(questions_sentence) if questions_sentence else []
        letter.submitted = dutch.submitted_date(questions_sentence) or dutch.submitted_date(header_text)
        received = dutch.received_date(answer_sentence) if answer_sentence else None
        letter.date = received or head.date
        if letter.date is None and letter.kind == "questions":
            letter.date = letter.submitted
        letter.reference = head.reference
        letter.case_number = (
            self.case_number
            or dutch.find_case_number(questions_sentence)
            or dutch.find_case_number(letter.id if letter.id.startswith("kv-") else "")
        )
        minister, ministry = dutch.parse_answerer(answer_sentence) if answer_sentence else (None, None)
        signed_by, signed_for = dutch.parse_signature(text)
        ministry_line = _MINISTRY_LINE_RE.search(header_text)
        letter.minister = minister or signed_by
        letter.ministry = (
            ministry
            or (dutch.normalize_ministry(ministry_line.group(1)) if ministry_line else None)
            or signed_for
            or (dutch.asked_ministry(questions_sentence) if questions_sentence else None)
        )
        letter.title = head.title or _title_from_sentence(letter, questions_sentence) or _first_line(letter.body)


def _aanhangsel_id(text: str) -> str | None:
    m = _MASTHEAD_RE.search(text[:3000])
    if not m:
        return None
    return dutch.aanhangsel_identifier(m.group("house"), m.group("session"), m.group("number"))


def _trim(page: list[str]) -> list[str]:
    """A page without its leading and trailing blank lines, so text runs on across the break."""
    start, end = 0, len(page)
    while start < end and not page[start].strip():
        start += 1
    while end > start and not page[end - 1].strip():
        end -= 1
    return page[start:end]


def _pairs(lines, headings, vocabulary, typical) -> tuple[list[QAPair], list[str]]:
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


def _kind(is_delay, answers_doc, pairs, questions_sentence, letterhead) -> str:
    if is_delay:
        return "delay"
    if answers_doc or any(p.answer for p in pairs):
        return "answer"
    if questions_sentence and (pairs or not letterhead.title):
        return "questions"
    if letterhead.title or letterhead.date:
        return "letter"
    return "other"


def _title_from_sentence(letter: Letter, sentence: str) -> str | None:
    """A title in the words of the Kamer's own: *Antwoord op vragen van het lid X over Y*."""
    if not sentence or not letter.questioners:
        return None
    names = [q.name for q in letter.questioners]
    who = f"het lid {names[0]}" if len(names) == 1 else "de leden " + ", ".join(names[:-1]) + f" en {names[-1]}"
    subject = dutch.subject_of(sentence)
    lead = {"answer": "Antwoord op vragen", "delay": "Uitstel antwoord op vragen"}.get(letter.kind, "Vragen")
    return f"{lead} van {who}" + (f" over {subject}" if subject else "")


def _first_line(body: str) -> str | None:
    for line in body.split("\n"):
        if line.strip():
            return normalize_space(line)[:150]
    return None


# --- Lines → paragraphs -----------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _vocabulary(text: str) -> Counter:
    """How often each lower-cased word (hyphenated words whole) occurs, not counting words split
    at a line end, and how often each word opens a hyphenated compound ("hiv-" for
    *hiv-infecties*): the evidence for how to join a word split at a line end."""
    counts = Counter()
    for word in _WORD_RE.findall(re.sub(r"-\n", "\x00", text)):
        word = word.lower()
        counts[word] += 1
        if "-" in word:
            counts[word.split("-")[0] + "-"] += 1
    return counts


def _typical_line_length(lines: list[str]) -> int:
    lengths = [len(line.strip()) for line in lines if len(line.strip()) > 20]
    if len(lengths) < 4:
        return 0
    return int(statistics.quantiles(lengths, n=4)[2])


def join_paragraphs(lines: list[str], vocabulary: Counter, typical: int = 0) -> str:
    """Lines → paragraphs separated by a blank line.

    A blank line ends a paragraph; so does a line that ends a sentence well short of the typical
    line width (PDF text has no blank lines between paragraphs). Marker-only lines go.
    """
    paragraphs: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            paragraphs.append(join_lines(current, vocabulary))
            current.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if LONE_NUMBERS_RE.match(stripped):
            continue
        current.append(stripped)
        short = typical > 50 and len(stripped) < 0.8 * typical
        if short and re.search(r"[.?!:»”\"]$", stripped):
            flush()
    flush()
    return "\n\n".join(p for p in paragraphs if p)


def join_lines(lines: list[str], vocabulary: Counter) -> str:
    """Lines of one paragraph → one line, joining words that a line-end hyphen split."""
    pieces: list[str] = []
    previous = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if not pieces:
            pieces.append(line)
        elif re.search(r"[^\W\d_]-$", previous) and re.match(r"[^\W\d_]", line):
            if _join_hyphen(previous, line, vocabulary):
                pieces[-1] = pieces[-1][:-1]
            pieces.append(line)
        elif re.search(r"(?:https?://|www\.)\S*$", previous) and (previous.endswith("/") or line.startswith("/")):
            pieces.append(line)  # a web address broken over two lines
        else:
            pieces.append(" " + line)
        previous = line
    text = _rejoin_inline_hyphens("".join(pieces), vocabulary)
    return re.sub(r"[ ]{2,}", " ", text).strip()


def _join_hyphen(before: str, after: str, vocabulary: Counter) -> bool:
    """Whether *leerkli-* + *maat* is one word split at the line end (drop the hyphen: True) or a
    real compound such as *hiv-besmettingen* or *Noord-Nederland* (keep it: False)."""
    left = re.search(r"([^\W\d_]+)-$", before).group(1)
    right = re.match(r"[^\W\d_]+", after).group(0)
    hyphenated, joined = f"{left}-{right}".lower(), (left + right).lower()
    if right[0].isupper() or (left.isupper() and len(left) > 1):
        return False  # Noord-Nederland, ICT-systemen
    # The document's own spelling decides; without evidence a split word is the likelier case.
    if vocabulary.get(hyphenated, 0) != vocabulary.get(joined, 0):
        return vocabulary.get(joined, 0) > vocabulary.get(hyphenated, 0)
    return not vocabulary.get(left.lower() + "-", 0)  # hiv-infecties, hiv-diagnoses: hiv-...


def _rejoin_inline_hyphens(text: str, vocabulary: Counter) -> str:
    """Extraction sometimes removed the line break but left the hyphen (*Kinder-rechtencollectief*):
    join only when the document also writes the word without it."""

    def fix(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
        if right[0].islower() and vocabulary.get(joined, 0) >= max(1, vocabulary.get(hyphenated, 0)):
            return left + right
        return m.group(0)

    return re.sub(r"\b([^\W\d_]{2,})-([^\W\d_]{2,})\b", fix, text)
