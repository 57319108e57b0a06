"""Footnotes out of the running text, in order.

Extracted text prints a page's footnotes at the bottom of that page, so they land in the middle of
an answer. A footnote starts a line with its number: "1NOS, 29 oktober ..." (glued by
extraction), "1 NOS, ...", "¹ Follow The Money, ...", "1) Kamerstuk ...", "[1] Website ...". Its
text runs on to a blank line, a page-debris line or the end of the page. A line only starts a
footnote when its number is the next one expected and its marker was seen earlier in the text:
that keeps a numbered heading such as "1 Onbeantwoorde vragen" in the text.
"""
from __future__ import annotations

import re
from collections import Counter

from indexer.parse.dutch import parse_numbers
from indexer.parse.headings import is_heading_line
from indexer.parse.letterhead import LETTERHEAD_LABEL_RE
from indexer.parse.linestarts import LineGate
from indexer.parse.pages import LONE_NUMBERS_RE, is_debris
from indexer.parse.paragraphs import join_lines

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
FOOTNOTE_START_RE = re.compile(
    r"^\s*(?:\[(?P<bracket>\d{1,3})\]|(?P<plain>\d{1,3})\)?|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+))"
    r"\s?(?P<text>[^\W\d_«\"“‘'(\[].*|[«\"“‘'(\[].*)$"
)
MARKER_RE = re.compile(
    # Every marker starts at a digit, a superscript or "[" (the lookbehinds take no characters):
    # the lookahead lets the scan skip other positions without trying each alternative there.
    r"(?=[\d⁰¹²³⁴⁵⁶⁷⁸⁹\[])(?:"
    r"(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|\[(?P<bracket>\d{1,3})\]"
    r"|(?<=\s)(?P<paren>\d{1,3})\)"
    # glued to a word or closing sign: "zijn.1", "onderzoek?1", "regenboogbeleid»?1"
    r"|(?:(?<=[^\W\d_])|(?<=[?.!»”\"’)\]:;]))(?P<glued>\d{1,2})(?=\s|$|[,.;:])"
    # after a closing sign and a space: "afspreekt? 3 Heeft", "vuurwerkrampen» 3 van"
    r"|(?<=[?.!»”\"’)] )(?P<spaced>\d{1,2})(?=\s|$)"
    # pushed to the start of the next line: "1, is onder meer opgenomen"
    r"|^(?P<leading>\d{1,2})(?=,|\s+[a-z])"
    r")"
)
#: Where a marker could first start in a line; most lines have none and skip the full scan.
_MARKER_START_RE = re.compile(r"[\d⁰¹²³⁴⁵⁶⁷⁸⁹\[]")


_LIST_ITEM_RE = re.compile(r"^\s*\d{1,3}\.\s")


def footnote_start(line: str) -> tuple[int, str] | None:
    """(number, text) when ``line`` could start a footnote."""
    m = FOOTNOTE_START_RE.match(line)
    if not m or _LIST_ITEM_RE.match(line):  # "2. Meerjarige afspraken" is a list item
        return None
    number = m.group("bracket") or m.group("plain") or m.group("sup").translate(_SUPERSCRIPTS)
    return int(number), m.group("text").strip()


def markers_in(line: str) -> set[int]:
    """Footnote numbers a line refers to, including a line that is only markers ("2, 3 en 4")."""
    first = _MARKER_START_RE.search(line)
    if not first:  # markers and lone numbers both need a digit, a superscript or "["
        return set()
    if LONE_NUMBERS_RE.match(line):
        return set(parse_numbers(line))
    found = set()
    # Scanning from the first possible start still sees the characters before it (lookbehinds
    # look at the whole line), and "^" only ever matches at 0.
    for m in MARKER_RE.finditer(line, first.start()):
        value = next(v for v in m.groups() if v)
        found.add(int(value.translate(_SUPERSCRIPTS)))
    return found


#: A footnote starts with a digit, a superscript or "[" (FOOTNOTE_START_RE).
START_GATE = LineGate(r"[\d⁰¹²³⁴⁵⁶⁷⁸⁹\[]", FOOTNOTE_START_RE)


def extract_footnotes(pages: list[list[str]], among: list[list[int]] | None = None
                      ) -> tuple[list[list[str]], list[str]]:
    """Take the footnote blocks out of the pages: (pages without them, footnote texts in order).

    Only the lines that could start a footnote are looked at one by one; the lines between them
    are kept as they are, and their markers are read only when a footnote asks for them.
    ``among``, when the caller has it, holds for each page what a union with START_GATE in it
    let through (see :meth:`LineGate.lines`).
    """
    footnotes: list[str] = []
    seen = _SeenMarkers()
    out_pages = []
    for k, page in enumerate(pages):
        candidates = START_GATE.lines(page, among=among[k] if among is not None else None)
        starts = {j: start for j in candidates if (start := footnote_start(page[j]))}
        stops = _BlockEnds(page)
        last_text = next((j for j in range(len(page) - 1, -1, -1) if page[j].strip()), -1)
        # Where each footnote number last starts a line on this page (see "repeated" below).
        last_start = {start[0]: j for j, start in starts.items()}
        kept: list[str] = []
        i = 0  # the first line not yet kept or taken
        for j, start in starts.items():
            if j < i:
                continue  # inside a footnote block taken already
            kept += page[i:j]
            seen.add(page[i:j])
            i = j
            expected = len(footnotes) + 1
            if start[0] in (expected, expected + 1):
                end = stops[j + 1]
                # The block closes the page, or its marker was seen earlier: then it is a
                # footnote. (The page test first: it needs no markers read.)
                plausible = (end > last_text and start[0] == expected) or start[0] in seen
                # A marker pushed to the start of a line ("3 is de Kamer ...") looks like a
                # footnote; the real footnote 3 is then further down the same page.
                repeated = last_start[start[0]] > j
                if plausible and not repeated:
                    block = page[j:end]
                    if not any(is_heading_line(line) for line in block):
                        footnotes += _split_footnote_block(block, start[0])
                        i = end
                        continue
            kept.append(page[j])
            seen.add(page[j:j + 1])
            i = j + 1
        kept += page[i:]
        seen.add(page[i:])
        out_pages.append(kept)
    return out_pages, footnotes


class _SeenMarkers:
    """The footnote numbers the kept text has referred to so far (``number in seen``).

    Lines are added as they are kept and their markers read only when a number is asked for, up
    to the first line that has it: most letters ask once or never, and reading every line's
    markers was most of the time spent on footnotes.
    """

    def __init__(self):
        self.numbers: set[int] = set()
        self.lines: list[str] = []
        self.read = 0  # lines[:read] are in numbers

    def add(self, lines: list[str]) -> None:
        self.lines += lines

    def __contains__(self, number: int) -> bool:
        while number not in self.numbers and self.read < len(self.lines):
            self.numbers |= markers_in(self.lines[self.read])
            self.read += 1
        return number in self.numbers


class _BlockEnds:
    """``ends[i]``: the first line at or after ``i`` that ends a footnote block (a blank line,
    page debris or a letterhead label), or the page's length.

    Found forward when asked and remembered for every line passed, so no line is tested twice
    and lines below no possible footnote start are never tested: testing every line of every
    page for debris, backwards, was a third of the time spent on footnotes.
    """

    def __init__(self, page: list[str]):
        self.page = page
        self.known: dict[int, int] = {}

    def __getitem__(self, i: int) -> int:
        page, known = self.page, self.known
        j = i
        while j < len(page) and j not in known and not _ends_block(page[j]):
            j += 1
        end = known.get(j, j)
        for passed in range(i, j):
            known[passed] = end
        return end


def _ends_block(line: str) -> bool:
    return bool(not line.strip() or is_debris(line) or LETTERHEAD_LABEL_RE.match(line))


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
    no_words = Counter()  # footnotes are joined without the letter's spelling to go by
    return [join_lines(lines, no_words) for lines in notes]
