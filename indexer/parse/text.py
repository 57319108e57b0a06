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
from pathlib import Path

from indexer.letters import Letter, NotALetter
from indexer.parse import dutch
from indexer.parse.describe import Opening, describe, kind_of
from indexer.parse.footnotes import extract_footnotes
from indexer.parse.headings import find_headings, has_answer_heading, questions_start
from indexer.parse.letterhead import Letterhead, drop_draft_header, masthead_identifier
from indexer.parse.pages import debris_lines, split_pages, trim
from indexer.parse.pairs import pair_up
from indexer.parse.paragraphs import Vocabulary, join_paragraphs, typical_line_length


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


_QUOTE_RE = re.compile(r"(?m)^>\s?")
_AUTOLINK_RE = re.compile(r"<(https?://[^>\s]+)>")


def normalize_text(text: str) -> str:
    """One line-ending and space convention, without the markup some converters leave behind."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    for invisible in ("\u00ad", "\u200b", "\ufeff"):
        text = text.replace(invisible, "")
    text = text.replace("\u00a0", " ").replace("\t", " ")
    # Markdown from docx converters (the seed letter): **bold**, "> " quotes, <autolinks>.
    # Each pattern runs only when its sign is there: they were tried at every position.
    text = text.replace("**", "")
    if ">" in text:
        text = _QUOTE_RE.sub("", text)
    if "<http" in text:
        text = _AUTOLINK_RE.sub(r"\1", text)
    return dutch.fix_spacing_accents(text)


#: Control characters (Unicode category Cc) other than newline and form feed.
_CONTROL_RE = re.compile(r"[\x00-\x09\x0b\x0d-\x1f\x7f-\x9f]")


def _reject_non_text(text: str) -> None:
    stripped = text.strip()
    if not stripped:
        raise NotALetter("leeg document: er staat geen tekst in")
    controls = len(_CONTROL_RE.findall(stripped))
    replaced = stripped.count("\ufffd")
    if (controls + replaced) / len(stripped) > 0.02 or not mostly_letters(stripped):
        raise NotALetter("geen leesbare tekst: het bestand lijkt binair of beschadigd")


#: The least share of letters in a text; below it the file is binary or damaged.
MIN_LETTER_SHARE = 0.3
_ASCII_LETTERS = string.ascii_letters.encode()


def mostly_letters(text: str) -> bool:
    """Whether at least MIN_LETTER_SHARE of ``text`` is letters (``str.isalpha``).

    The ASCII letters, counted in C, are a lower bound that settles it for any real letter;
    testing every character in Python took a tenth of the time to parse one.
    """
    ascii_text = text.encode("ascii", "ignore")
    ascii_letters = len(ascii_text) - len(ascii_text.translate(None, _ASCII_LETTERS))
    if ascii_letters / len(text) >= MIN_LETTER_SHARE:
        return True
    return sum(map(str.isalpha, text)) / len(text) >= MIN_LETTER_SHARE


def parse_text(text: str, path: Path) -> Letter:
    """Parse the plain text of one document; ``path`` names it when the text has no identifier.

    Raises NotALetter when the text is empty or not text at all (binary garbage).
    """
    raw = normalize_text(text)
    _reject_non_text(raw)
    lines, footnotes, letterhead = _clean(raw)
    lines, case_number = drop_draft_header(lines)
    text = "\n".join(lines)
    vocabulary = Vocabulary(raw)  # footnotes included: they spell words too
    typical = typical_line_length(lines)

    opening = Opening.find(text)
    answers_doc = bool(opening.answer) or has_answer_heading(lines)
    questions_doc = bool(opening.questions) and not answers_doc and not opening.delay
    # Numbered or unnumbered questions start after the opening sentences, not before.
    start = text.count("\n", 0, opening.end) + 1 if opening.end is not None else questions_start(lines)
    headings = find_headings(lines, questions_doc, answers_doc, start)
    pairs, body_lines = pair_up(lines, headings, vocabulary, typical)

    identifier = dutch.find_identifier(raw) or masthead_identifier(raw)
    letter = Letter(id=identifier or file_identifier(Path(path)))
    letter.pairs = pairs
    letter.footnotes = footnotes
    letter.body = join_paragraphs(body_lines, vocabulary, typical)
    letter.kind = kind_of(opening, answers_doc, pairs, letterhead)
    header_text = "\n".join(lines[: headings[0].index]) if headings else text
    describe(letter, text, header_text, opening, letterhead, case_number)
    return letter


def file_identifier(path: Path) -> str:
    """The identifier a file name gives: up to the first dot, and before a ``__`` that appends
    the Tweede Kamer's document GUID (``kst-36682-10__09b97518-….docx`` → ``kst-36682-10``)."""
    return path.name.split(".")[0].split("__")[0] or path.name


def _clean(text: str) -> tuple[list[str], list[str], Letterhead]:
    """(lines of the letter, footnotes, letterhead): page debris, letterhead and footnotes out.

    The letterhead is read first: its lines repeat as page headers ("Onze referentie 1400405",
    "Datum 5 juni 2026") and go with the other debris. Debris becomes a blank line, so that a
    footnote block ends there; blank lines at a page's edges go, so text runs on across pages.
    """
    pages = split_pages(text)
    letterhead = Letterhead.read([line for page in pages for line in page])
    cleaned, n = [], 0
    for page in pages:
        dropped = debris_lines(page) | {i - n for i in letterhead.used if n <= i < n + len(page)}
        cleaned.append(["" if i in dropped else line for i, line in enumerate(page)])
        n += len(page)
    cleaned, footnotes = extract_footnotes(cleaned)
    return [line for page in cleaned for line in trim(page)], footnotes, letterhead
