"""Pages of extracted text, and the lines that belong to the page rather than to the letter.

Footers (*ISSN*, *Tweede Kamer, vergaderjaar ...*), mastheads, the return address block and page
numbers are dropped wherever they stand, also in the middle of an answer where a page ended. They
are recognised line by line, so a PDF text, a docx export and a hand-typed file are cleaned alike.
"""
from __future__ import annotations

import re

from indexer.parse import dutch
from indexer.parse.linestarts import LineGate

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
_PAGE_NUMBER_RE = re.compile(r"^\s*Pagina\s+\d+\s+van\s+\d+\s*$", re.IGNORECASE)

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


def _one_pattern(patterns: list[re.Pattern]) -> re.Pattern:
    """The patterns as one alternation (each keeps its flags): tried in one C call per line, not
    one Python call per pattern (this was a tenth of all parsing time)."""
    def scoped(r: re.Pattern) -> str:
        flags = ("i" if r.flags & re.IGNORECASE else "") + ("m" if r.flags & re.MULTILINE else "")
        return f"(?{flags}:{r.pattern})" if flags else f"(?:{r.pattern})"
    return re.compile("|".join(scoped(r) for r in patterns))


_DEBRIS_RE = _one_pattern(DEBRIS_RES)
#: The first word of each pattern above, in order: a line is debris only after one of these.
DEBRIS_GATE = LineGate(
    r"ISSN|[’']s-Gravenhage|Tweede|Eerste"  # FOOTER_RE
    "|" + dutch.IDENTIFIER_GATE.head  # dutch.IDENTIFIER_RE
    + r"|(?i:Pagina)|[_\-=]{3}|(?i:Retouradres)|Postbus|\d{4}|www\.|Aan|der|Tweede|Eerste|Vergaderjaar"
    r"|Aanhangsel|Vragen|regering|Bijlage|Uw",
    *DEBRIS_RES,
)


def is_debris(line: str) -> bool:
    """Whether ``line`` is page furniture (footer, masthead, address block, page number line)."""
    # The gate first: the alternation of all patterns took most of a microsecond on every line.
    return DEBRIS_GATE.admits(line) and bool(_DEBRIS_RE.match(line)) and bool(line.strip())


def debris_lines(lines: list[str], among: list[int] | None = None) -> set[int]:
    """The indices of the lines that are :func:`is_debris`, testing only the lines the gate lets
    through (``among``: see :meth:`LineGate.lines`)."""
    found = DEBRIS_GATE.lines(lines, among=among)
    return {i for i in found if _DEBRIS_RE.match(lines[i]) and lines[i].strip()}


#: The first word of a page header (_PAGE_NUMBER_RE) or a footer (FOOTER_RE).
PAGE_EDGE_GATE = LineGate(r"(?i:Pagina)|ISSN|[’']s-Gravenhage|Tweede|Eerste", _PAGE_NUMBER_RE, FOOTER_RE)


def split_pages(text: str) -> list[list[str]]:
    """Lines per page: pages end at a form feed or after an Aanhangsel page footer, and a
    *Pagina 2 van 3* header starts one."""
    return paginate(text)[0]


def paginate(text: str, gate: LineGate | None = None) -> tuple[list[list[str]], list[int]]:
    """(:func:`split_pages`, the lines ``gate`` lets through, numbered on through the pages).

    One scan of the text finds the page breaks and the caller's lines: ``gate`` is a union with
    PAGE_EDGE_GATE in it. A line passes a gate as it passes with its blanks at the end cut off,
    and a page without text (dropped) has no line that passes.
    """
    pages: list[list[str]] = []
    passing: list[int] = []
    numbered = 0  # lines on the pages so far
    for chunk in text.split("\f"):
        lines = chunk.split("\n")
        among = gate.lines(lines, chunk) if gate is not None else None
        # Where pages break: before a page header, after a footer. A break that would leave an
        # empty page changes nothing, as pages without text are dropped below.
        cuts = {0, len(lines)}
        for i in PAGE_EDGE_GATE.lines(lines, chunk, among):
            if _PAGE_NUMBER_RE.match(lines[i]):
                cuts.add(i)
            if FOOTER_RE.match(lines[i]):
                cuts.add(i + 1)
        bounds = sorted(cuts)
        for start, end in zip(bounds, bounds[1:]):
            page = list(map(str.rstrip, lines[start:end]))
            if any(line.strip() for line in page):  # a page without text is dropped
                if among:
                    passing += [numbered + i - start for i in among if start <= i < end]
                pages.append(page)
                numbered += len(page)
    return pages, passing


def trim(page: list[str]) -> list[str]:
    """A page without its leading and trailing blank lines, so text runs on across the break."""
    start, end = 0, len(page)
    while start < end and not page[start].strip():
        start += 1
    while end > start and not page[end - 1].strip():
        end -= 1
    return page[start:end]
