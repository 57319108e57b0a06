"""HTML → Letter: the officielebekendmakingen rendering of Kamervragen, or any other page's text.

An officielebekendmakingen page carries the publication's metadata in ``<meta name=...>`` tags and
its questions and answers in ``div.vraag`` / ``div.antwoord``; it is read into the same Letter as
its XML (see :mod:`indexer.parse.xml`, whose pairing and sentence reading we share). Any other page
(a saved tweedekamer.nl page) becomes kind "other" with its main text, navigation stripped.

The tree is walked with an explicit stack, never recursively, so a page of 10,000 nested ``div``
elements is read like any other.
"""
from __future__ import annotations

import re
import warnings
from pathlib import Path

from bs4 import BeautifulSoup, CData, NavigableString, Tag
from bs4 import XMLParsedAsHTMLWarning
from bs4.exceptions import ParserRejectedMarkup

from indexer.letters import Letter, NotALetter
from indexer.parse.dutch import normalize_space, parse_numbers
from indexer.parse.metadata import apply_metadata, merge_metadata, metadata_from_pairs, read_sidecar
from indexer.parse.pairs import pair_items
from indexer.parse.xml import PARAGRAPH, describe

_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em", "font", "i", "img",
    "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tt",
    "u", "var", "wbr",
}
#: Never content: code, styling, embedded objects and page chrome.
_SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "head",
    "nav", "footer", "aside", "form", "button", "select", "textarea", "input",
}
#: ids and classes (whole tokens) of navigation and page chrome on government sites.
_CHROME = re.compile(
    r"(?:nav|navigation|navbar|.*-?menu|breadcrumbs?.*|footer|header-nav|skip-?links?|social.*"
    r"|cookie.*|search-?box.*|zoekbalk|popup.*|.*-popup|colorbox|cbox.*|logo|share.*|banner"
    r"|inhoudsopgave|kopregel|voetregel)",
    re.IGNORECASE,
)
#: A page with fewer words than this after stripping is navigation only.
MIN_WORDS = 25
_WHITESPACE = re.compile(r"\s+")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def parse(path: Path) -> Letter:
    """Read one HTML file (and a metadata sidecar next to it) into a Letter."""
    path = Path(path)
    try:
        return _parse(path)
    except RecursionError:  # a safety net: our own walk is iterative
        raise NotALetter("HTML is te diep genest om te lezen") from None
    except ParserRejectedMarkup as error:
        raise NotALetter(f"HTML kan niet gelezen worden: {error}") from None


def _parse(path: Path) -> Letter:
    soup = read_html(path)
    meta = metadata_from_pairs(
        (m.get("name"), m.get("content")) for m in soup.find_all("meta", attrs={"name": True})
    )
    meta = merge_metadata(meta, read_sidecar(path))
    letter = Letter(id=path.stem)
    if soup.find("div", class_=("vraag", "antwoord")):
        _read_kamervragen(soup, letter)
    else:
        _read_page(soup, letter)
    return apply_metadata(letter, meta)


def read_html(path: Path) -> BeautifulSoup:
    """The parsed page. Python's own HTML parser: no DTD or entity loading, no depth limit."""
    with warnings.catch_warnings():
        # officielebekendmakingen serves XHTML with an <?xml?> line; reading it as HTML is deliberate.
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(Path(path).read_bytes(), "html.parser")


def text_lines(root: Tag, skip=lambda tag: False) -> list[str]:
    """The text under ``root`` as normalised lines, one per block element; ``skip(tag)`` prunes.

    Script, style and other non-content elements are always pruned; escaped markup in the text
    (``&lt;script&gt;``) is text and stays as written.
    """
    parts: list[str] = []
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append("\n")
        elif isinstance(node, Tag):
            if node is not root and (node.name in _SKIP_TAGS or skip(node)):
                continue
            if _is_note_marker(node):
                parts.append(node.get_text().strip().translate(_SUPERSCRIPT))
                continue
            if node.name in ("td", "th"):  # a table row reads as one line
                parts.append(" ")
            elif node.name not in _INLINE:
                parts.append("\n")
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        elif type(node) in (NavigableString, CData):
            parts.append(_WHITESPACE.sub(" ", str(node)))  # a newline in the source is a space
    return [line for line in (normalize_space(x) for x in "".join(parts).split("\n")) if line]


def _is_note_marker(tag: Tag) -> bool:
    return "nootnum" in (tag.get("class") or []) and tag.name == "a"


def _is_chrome(tag: Tag) -> bool:
    if tag.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    return any(_CHROME.fullmatch(name) for name in [tag.get("id") or "", *(tag.get("class") or [])])


def _read_kamervragen(soup: BeautifulSoup, letter: Letter) -> None:
    sentences: dict[str, str] = {}
    for heading in soup.find_all(class_="kamervraagomschrijving_kop"):
        sentence = " ".join(text_lines(heading))
        kind = "antwoord" if sentence.startswith("Antwoord") else (
            "mededeling" if sentence.startswith("Mededeling") else "vraag")
        sentences.setdefault(kind, sentence)
    items = []
    for block in soup.find_all("div", class_=("vraag", "antwoord")):
        heading = block.find(re.compile(r"^h[1-6]$"))
        label = heading.get_text() if heading else ""
        text = PARAGRAPH.join(text_lines(block, skip=lambda tag: tag is heading))
        role = "vraag" if "vraag" in block["class"] else "antwoord"
        items.append((role, parse_numbers(label), text))
    letter.pairs = pair_items(items)
    letter.kind = "answer" if any(p.answer for p in letter.pairs) else (
        "delay" if "mededeling" in sentences else "questions")
    letter.footnotes = _footnotes(soup)
    describe(letter, sentences.get("vraag"), sentences.get("antwoord") or sentences.get("mededeling"))
    letter.body = PARAGRAPH.join(sentences.values())


def _footnotes(soup: BeautifulSoup) -> list[str]:
    """``div.noot`` entries of the page's ``#noten`` block as ``"1 text"``."""
    notes = []
    for note in soup.find_all("div", class_="noot"):
        number = note.find(class_="nootnum")
        nr = number.get_text().strip() if number else ""
        text = " ".join(text_lines(note, skip=lambda tag: tag.name in ("h5", "sup") or tag is number))
        entry = f"{nr} {text}".strip()
        if entry and entry not in notes:
            notes.append(entry)
    return notes


def _read_page(soup: BeautifulSoup, letter: Letter) -> None:
    """Any other page: the main region's text as body, kind "other"; NotALetter when it is empty."""
    title = soup.find("title")
    heading = soup.find("h1")
    for candidate in (title, heading):
        text = normalize_space(candidate.get_text()) if candidate else ""
        if text:
            letter.title = text.split(" | ")[0]
            break
    main = (soup.find("main") or soup.find(attrs={"role": "main"})
            or soup.find(id=re.compile(r"^(broodtekst|content|main|main-content|content-container)$"))
            or soup.find("article") or soup.body or soup)
    lines = text_lines(main, skip=lambda tag: tag.get("id") == "noten" or _is_chrome(tag))
    if sum(len(line.split()) for line in lines) < MIN_WORDS:
        raise NotALetter("HTML-pagina zonder inhoud (alleen navigatie of opmaak)")
    letter.kind = "other"
    letter.body = PARAGRAPH.join(lines)
    letter.footnotes = _footnotes(soup)
