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
page footers of the Aanhangsel mark where a page ends. This module follows the data through the
modules that do each step: decode → :mod:`~indexer.parse.pages` (debris out) →
:mod:`~indexer.parse.letterhead` → :mod:`~indexer.parse.footnotes` →
:mod:`~indexer.parse.headings` → :mod:`~indexer.parse.pairs` and
:mod:`~indexer.parse.paragraphs` → :mod:`~indexer.parse.describe` (metadata).
"""
from __future__ import annotations

import codecs
import re
import string
from itertools import chain
from pathlib import Path

from indexer.letters import Letter, NotALetter
from indexer.parse import dutch
from indexer.parse.describe import Opening, describe, kind_of
from indexer.parse.footnotes import START_GATE, extract_footnotes
from indexer.parse.headings import END_GATE, HEADING_GATE, find_headings, has_answer_heading, questions_start
from indexer.parse.letterhead import LABEL_GATE, Letterhead, drop_draft_header, masthead_identifier
from indexer.parse.linestarts import LineGate
from indexer.parse.pages import DEBRIS_GATE, PAGE_EDGE_GATE, debris_lines, paginate, trim
from indexer.parse.pairs import pair_up
from indexer.parse.paragraphs import Vocabulary, join_paragraphs, typical_line_length


def parse(path: Path) -> Letter:
    """Read a ``.txt`` file in whatever encoding it came in and parse it."""
    with open(path, "rb", buffering=0) as file:  # read whole: no buffer in between
        data = file.readall()
    return parse_text(decode(data), Path(path))


def decode(data: bytes) -> str:
    """Bytes → text: UTF-8 (with or without BOM), UTF-16 (BOM, or the zero bytes of one without),
    else Windows-1252, the encoding of older Dutch Windows exports. NULs are dropped."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif len(data) >= 4 and 0 in data and data.count(0) > len(data) // 3:
        # UTF-16 without BOM: every other byte of Latin text is zero.
        odd_zeros = data[1::2].count(0) > data[0::2].count(0)
        text = data.decode("utf-16-le" if odd_zeros else "utf-16-be", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    # A NUL comes only from a zero byte; "in" finds a byte with memchr, a NUL in text one by one.
    return text.replace("\x00", "") if 0 in data else text


_QUOTE_RE = re.compile(r"(?m)^>\s?")
_AUTOLINK_RE = re.compile(r"<(https?://[^>\s]+)>")


def normalize_text(text: str) -> str:
    """One line-ending and space convention, without the markup some converters leave behind."""
    # Each replace runs only when its first character is there: "in" looks for one character
    # with memchr, where replace counts the text through even when there is nothing to replace.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, replacement in _NORMAL_CHARACTERS:
        if char in text:
            text = text.replace(char, replacement)
    # Markdown from docx converters (the seed letter): **bold**, "> " quotes, <autolinks>.
    # Each pattern runs only when its sign is there: they were tried at every position.
    if "*" in text:
        text = text.replace("**", "")
    if ">" in text:
        text = _QUOTE_RE.sub("", text)
    if "<" in text and "<http" in text:
        text = _AUTOLINK_RE.sub(r"\1", text)
    return dutch.fix_spacing_accents(text)


#: NULs and invisible characters out, no-break spaces and tabs as spaces.
_NORMAL_CHARACTERS = (
    ("\x00", ""), ("\u00ad", ""), ("\u200b", ""), ("\ufeff", ""), ("\u00a0", " "), ("\t", " "),
)


#: Control characters (Unicode category Cc) other than newline and form feed: all Latin-1.
_CONTROLS = bytes([*range(0x00, 0x0a), 0x0b, *range(0x0d, 0x20), *range(0x7f, 0xa0)])


def _reject_non_text(text: str, latin1: bytes) -> None:
    """Raise NotALetter for a text that is empty or not text; ``latin1`` is
    ``text.encode("latin-1", "replace")``."""
    stripped = text.strip()
    if not stripped:
        raise NotALetter("leeg document: er staat geen tekst in")
    # Control characters and ASCII letters are all Latin-1: both are counted in C on the text's
    # Latin-1 bytes, one a character (re's scan for a control character took a twentieth of a
    # letter's time).
    start = len(text) - len(text.lstrip())
    latin1 = latin1[start:start + len(stripped)]
    controls = len(latin1) - len(latin1.translate(None, _CONTROLS))
    replaced = stripped.count("\ufffd") if "\ufffd" in stripped else 0  # "in" is memchr, count is not
    if (controls + replaced) / len(stripped) > 0.02 or not mostly_letters(stripped, latin1):
        raise NotALetter("geen leesbare tekst: het bestand lijkt binair of beschadigd")


#: The least share of letters in a text; below it the file is binary or damaged.
MIN_LETTER_SHARE = 0.3
_ASCII_LETTERS = string.ascii_letters.encode()


def mostly_letters(text: str, latin1: bytes | None = None) -> bool:
    """Whether at least MIN_LETTER_SHARE of ``text`` is letters (``str.isalpha``).

    The ASCII letters, counted in C, are a lower bound that settles it for any real letter;
    testing every character in Python took a tenth of the time to parse one. ``latin1`` is
    ``text.encode("latin-1", "replace")`` when the caller has it: the same ASCII letters.
    """
    latin1 = text.encode("latin-1", "replace") if latin1 is None else latin1
    ascii_letters = len(latin1) - len(latin1.translate(None, _ASCII_LETTERS))
    if ascii_letters / len(text) >= MIN_LETTER_SHARE:
        return True
    return sum(map(str.isalpha, text)) / len(text) >= MIN_LETTER_SHARE


def parse_text(text: str, path: Path) -> Letter:
    """Parse the plain text of one document; ``path`` names it when the text has no identifier.

    Raises NotALetter when the text is empty or not text at all (binary garbage).
    """
    raw = normalize_text(text)
    latin1 = raw.encode("latin-1", "replace")  # one byte a character, for the checks in C below
    _reject_non_text(raw, latin1)
    lines, footnotes, letterhead, identifier = _clean(raw)
    lines, case_number = drop_draft_header(lines)
    text = "\n".join(lines)
    lowered = latin1.lower()  # ASCII letters lower-cased: where Vocabulary and Opening look first
    vocabulary = Vocabulary(raw, lowered)  # footnotes included: they spell words too
    typical = typical_line_length(lines)

    opening = Opening.find(text, lowered)  # lowered is raw's, which has every line of text
    among = _TEXT_GATE.lines(lines, text)  # the lines that may be headings or the signature
    answers_doc = bool(opening.answer) or has_answer_heading(lines, among=among)
    questions_doc = bool(opening.questions) and not answers_doc and not opening.delay
    # Numbered or unnumbered questions start after the opening sentences, not before.
    start = text.count("\n", 0, opening.end) + 1 if opening.end is not None else questions_start(lines)
    headings = find_headings(lines, questions_doc, answers_doc, start, among=among)
    pairs, body_lines = pair_up(lines, headings, vocabulary, typical)

    letter = Letter(id=identifier or masthead_identifier(raw) or file_identifier(Path(path)))
    letter.pairs = pairs
    letter.footnotes = footnotes
    letter.body = join_paragraphs(body_lines, vocabulary, typical)
    letter.kind = kind_of(opening, answers_doc, pairs, letterhead)
    header_text = "\n".join(lines[: headings[0].index]) if headings else text
    describe(letter, text, header_text, opening, letterhead, case_number, lines, among)
    return letter


def file_identifier(path: Path) -> str:
    """The identifier a file name gives: up to the first dot, and before a ``__`` that appends
    the Tweede Kamer's document GUID (``kst-36682-10__09b97518-….docx`` → ``kst-36682-10``)."""
    return path.name.split(".")[0].split("__")[0] or path.name


#: The lines parse_text tries after _clean: headings, the end of the pairs and the signature (whose
#: gate's head is one of END_GATE's), found in one scan.
_TEXT_GATE = LineGate.union(HEADING_GATE, END_GATE)
#: The lines _clean tries: page edges, letterhead labels, page debris and footnote starts, found in
#: one scan.
_CLEAN_GATE = LineGate.union(PAGE_EDGE_GATE, LABEL_GATE, DEBRIS_GATE, START_GATE)


def _clean(text: str) -> tuple[list[str], list[str], Letterhead, str | None]:
    """(lines of the letter, footnotes, letterhead, official identifier): page debris, letterhead
    and footnotes out.

    The letterhead is read first: its lines repeat as page headers ("Onze referentie 1400405",
    "Datum 5 juni 2026") and go with the other debris. Debris becomes a blank line, so that a
    footnote block ends there; blank lines at a page's edges go, so text runs on across pages.
    """
    pages, among = paginate(text, _CLEAN_GATE)
    lines = list(chain.from_iterable(pages))
    letterhead = Letterhead.read(lines, among)
    blanked = lines.copy()
    for i in debris_lines(lines, among) | letterhead.used:
        blanked[i] = ""
    cleaned, page_among, n = [], [], 0
    for page in pages:
        cleaned.append(blanked[n:n + len(page)])
        page_among.append([i - n for i in among if n <= i < n + len(page)])
        n += len(page)
    cleaned, footnotes = extract_footnotes(cleaned, page_among)
    letter_lines = list(chain.from_iterable(map(trim, cleaned)))
    return letter_lines, footnotes, letterhead, _identifier(text, lines, among)


def _identifier(text: str, lines: list[str], among: list[int]) -> str | None:
    """dutch.find_identifier(text), from the lines of its pages that _CLEAN_GATE let through (its
    head has IDENTIFIER_GATE's): they are the text's lines in order, but for pages without text,
    unless a form feed cut a line of the text in two."""
    if "\f" in text:
        return dutch.find_identifier(text)
    for i in dutch.IDENTIFIER_GATE.lines(lines, among=among):
        if m := dutch.IDENTIFIER_RE.match(lines[i]):
            return m.group(1)
    return None
