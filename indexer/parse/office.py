"""ODT and DOCX → Letter: their paragraphs as plain text, read by the text parser.

Both formats are zip files with the text in one XML part (``content.xml``, ``word/document.xml``).
We take the paragraphs in order and leave the reading of *Vraag 1* / *Antwoord 1* to
:func:`indexer.parse.text.parse_text`, so a letter reads the same whatever it was saved as.
Footnotes become a superscript marker in the text and ``¹ text`` lines at the end, as printed.

Zip files are opened defensively: a part that inflates beyond :data:`MAX_PART_BYTES` (a zip bomb)
or a damaged archive is refused with NotALetter; the XML parts are parsed without DTDs or entities.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from indexer.letters import Letter, NotALetter
from indexer.parse.dutch import normalize_space
from indexer.parse.metadata import (
    apply_metadata, merge_metadata, metadata_from_pairs, read_sidecar, safe_xml_parser,
)

#: The most one XML part may inflate to; real letters are well under 1 MB.
MAX_PART_BYTES = 50 * 1024 * 1024

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def parse(path: Path) -> Letter:
    """Read an .odt or .docx file into a Letter through the text parser."""
    path = Path(path)
    paragraphs, meta = read_office(path)
    if not paragraphs:
        raise NotALetter("document zonder tekst")
    # Imported late: the text parser is a separate module that may import the format parsers,
    # and refusing a bad zip must not depend on it.
    from indexer.parse.text import parse_text

    # A blank line between paragraphs: office paragraphs are real ones, not PDF line wraps.
    letter = parse_text("\n\n".join(paragraphs), path)
    return apply_metadata(letter, merge_metadata(read_sidecar(path), meta))


def read_office(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    """(paragraphs, embedded metadata) of an ODT or DOCX file, by content, not by name."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return _docx(archive, names), {}
            if "content.xml" in names:
                meta = _odt_meta(archive) if "meta.xml" in names else {}
                return _odt(archive), meta
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, RuntimeError, ValueError) as error:
        # RuntimeError: encrypted; ValueError/EOFError/OSError: truncated or corrupt members.
        raise NotALetter(f"beschadigd of geen Office-bestand: {error}") from None
    raise NotALetter("zip-bestand zonder tekstdocument (geen content.xml of word/document.xml)")


def _read_part(archive: zipfile.ZipFile, name: str) -> etree._Element:
    """Parse one part, inflating at most MAX_PART_BYTES whatever the zip header claims."""
    with archive.open(name) as stream:
        data = stream.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise NotALetter(f"{name} pakt uit tot meer dan {MAX_PART_BYTES // 2**20} MB (zip-bom?)")
    try:
        return etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as error:
        raise NotALetter(f"{name} is niet goed gevormd: {error.msg}") from None


def _odt(archive: zipfile.ZipFile) -> list[str]:
    root = _read_part(archive, "content.xml")
    paragraphs, notes = [], []
    for para in root.iter(f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
        if any(a.tag == f"{{{TEXT}}}note" for a in para.iterancestors()):
            continue  # note bodies are collected with their citation below
        paragraphs.append(_odt_text(para, notes))
    return _finish(paragraphs, notes)


def _odt_text(para: etree._Element, notes: list) -> str:
    """One ODT paragraph as text; an explicit ``text:line-break`` becomes a newline."""
    lines = (normalize_space(line) for line in _odt_raw(para, notes).split(_BREAK))
    return "\n".join(line for line in lines if line)


_BREAK = "\x00"  # stands for text:line-break while source white space is still raw


def _odt_raw(node: etree._Element, notes: list) -> str:
    """``text:s``/``tab``/``line-break`` become spaces, a tab, a break; a raw newline is a space."""
    parts = [node.text or ""]
    for child in node:
        qname = etree.QName(child) if isinstance(child.tag, str) else None
        tag = qname.localname if qname and qname.namespace == TEXT else None
        if tag == "s":
            parts.append(" " * int(child.get(f"{{{TEXT}}}c") or 1))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append(_BREAK)
        elif tag == "note":
            citation = normalize_space(child.findtext(f"{{{TEXT}}}note-citation") or "")
            number = citation or str(len(notes) + 1)
            body = child.find(f"{{{TEXT}}}note-body")
            lines = body.iter(f"{{{TEXT}}}p") if body is not None else []
            text = " ".join(_odt_text(p, []) for p in lines)
            notes.append((number, normalize_space(text)))
            parts.append(number.translate(_SUPERSCRIPT))
        elif tag and tag not in ("p", "h"):  # spans, links; nested paragraphs are read on their own
            parts.append(_odt_raw(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)


def _odt_meta(archive: zipfile.ZipFile) -> dict[str, list[str]]:
    """The officielebekendmakingen metadata an ODT carries as ``meta:user-defined`` fields."""
    root = _read_part(archive, "meta.xml")
    return metadata_from_pairs(
        (el.get(f"{{{META}}}name"), el.text) for el in root.iter(f"{{{META}}}user-defined")
    )


def _docx(archive: zipfile.ZipFile, names: set[str]) -> list[str]:
    notes_text = {}
    if "word/footnotes.xml" in names:
        for note in _read_part(archive, "word/footnotes.xml").iter(f"{{{W}}}footnote"):
            if note.get(f"{{{W}}}type") in (None, "normal"):
                notes_text[note.get(f"{{{W}}}id")] = " ".join(
                    _docx_text(p, {}, []) for p in note.iter(f"{{{W}}}p")).strip()
    root = _read_part(archive, "word/document.xml")
    paragraphs, notes = [], []
    for para in root.iter(f"{{{W}}}p"):
        if any(a.tag == _MC_FALLBACK for a in para.iterancestors()):
            continue  # the fallback copy of a text box already read from mc:Choice
        paragraphs.append(_docx_text(para, notes_text, notes))
    return _finish(paragraphs, notes)


def _docx_text(para: etree._Element, notes_text: dict, notes: list) -> str:
    """One Word paragraph: its own runs' ``w:t`` text; nested paragraphs are read separately."""
    parts = []
    stack = list(reversed(list(para)))
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag == f"{{{W}}}t":
            parts.append(node.text or "")
        elif tag == f"{{{W}}}tab":
            parts.append("\t")
        elif tag in (f"{{{W}}}br", f"{{{W}}}cr"):
            parts.append("\n")
        elif tag == f"{{{W}}}noBreakHyphen":
            parts.append("-")
        elif tag == f"{{{W}}}footnoteReference":
            number = str(len(notes) + 1)
            notes.append((number, notes_text.get(node.get(f"{{{W}}}id"), "")))
            parts.append(number.translate(_SUPERSCRIPT))
        elif tag not in (f"{{{W}}}p", _MC_FALLBACK) and isinstance(tag, str):
            stack.extend(reversed(list(node)))
    lines = (normalize_space(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _finish(paragraphs: list[str], notes: list[tuple[str, str]]) -> list[str]:
    """Paragraphs, empty ones dropped, then the footnotes as ``¹ text`` paragraphs.

    A paragraph keeps a manual line break as ``\n``; the text parser joins such lines.
    """
    kept = [p.strip("\n") for p in paragraphs if p.strip()]
    kept += [f"{number.translate(_SUPERSCRIPT)} {text}" for number, text in notes if text]
    return kept
