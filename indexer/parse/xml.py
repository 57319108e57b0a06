"""officielebekendmakingen XML (``<officiele-publicatie>``) → Letter.

Kamervragen (``<kamervragen>``) become question/answer pairs with the questioners and answering
minister read from the ``<kamervraagomschrijving>`` sentences; Kamerstukken and Handelingen become
kind "other" with their text as body. Other XML that lands in a corpus (SRU search answers, loose
metadata files, PLOOI manifests, opendata API records, broken files) is refused with a reason.

The parser never reads a DTD or resolves an entity: an uploaded XML must not make us read
``/etc/passwd`` or fetch a URL (see :func:`indexer.parse.metadata.safe_xml_parser`).
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from indexer.letters import Letter, NotALetter
from indexer.parse.dutch import (
    asked_ministry, find_case_number, normalize_space, parse_answerer, parse_date, parse_numbers,
    parse_questioners, received_date, subject_of, submitted_date,
)
from indexer.parse.pairs import pair_items
from indexer.parse.metadata import (
    apply_metadata, merge_metadata, metadata_from_pairs, read_sidecar, safe_xml_parser,
)

#: Elements that run inside a line; every other element starts a new line.
_INLINE = {
    "nadruk", "extref", "intref", "naam", "voornaam", "achternaam", "voorvoegsels", "politiek",
    "organisatie", "datum", "sup", "inf", "kamervraagonderwerp", "functie", "ondernummer",
    "noot.ref", "nootref", "afkorting", "unl", "term",
}
_NOTES = {"noot", "voetnoot"}
#: Printed header lines (*Vergaderjaar 2020-2021*, *Tweede Kamer der Staten-Generaal*): no content.
_HEADERS = {"kamervraagkop", "kamerstukkop", "metadata", "meta", "kamervraagnummer"}
#: Paragraphs are separated by a blank line, as the text parser separates them.
PARAGRAPH = "\n\n"
_WHITESPACE = re.compile(r"\s+")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def parse(path: Path) -> Letter:
    """Read one officielebekendmakingen XML file (and its metadata sidecar) into a Letter."""
    path = Path(path)
    root = read_xml(path)
    refuse_non_document(root)
    inline_meta = metadata_from_pairs((m.get("name"), m.get("content")) for m in root.iter("meta"))
    letter = Letter(id=_identifier(inline_meta, path))
    content = next((c for c in root if isinstance(c.tag, str) and c.tag != "metadata"), None)
    if content is None:
        raise NotALetter("officiële publicatie zonder inhoud")
    if content.tag == "kamervragen":
        _read_kamervragen(content, letter)
    else:
        _read_publication(content, letter)
    apply_metadata(letter, merge_metadata(read_sidecar(path), inline_meta))
    if not letter.pairs and not letter.body.strip():
        raise NotALetter("officiële publicatie zonder tekst")
    return letter


def read_xml(path: Path) -> etree._Element:
    """The root element of ``path``, parsed safely; NotALetter when it is not well-formed."""
    data = Path(path).read_bytes()
    # A byte-order mark that was itself re-encoded as UTF-8 (c3af c2bb c2bf), or white space,
    # before the XML declaration: left by tools that re-save XML; the rest is fine.
    if data.startswith(b"\xc3\xaf\xc2\xbb\xc2\xbf"):
        # The mark says the whole file went through a second UTF-8 encoding (ë became Ã«):
        # undo it when that is exactly what happened, else keep the bytes as they are.
        data = data[6:]
        try:
            data = data.decode("utf-8").encode("latin-1")
            data.decode("utf-8")
        except (UnicodeDecodeError, UnicodeEncodeError):
            data = Path(path).read_bytes()[6:]
    data = data.removeprefix(b"\xef\xbb\xbf").lstrip()
    try:
        return etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as error:
        raise NotALetter(f"XML is niet goed gevormd: {error.msg}") from None


def refuse_non_document(root: etree._Element) -> None:
    """Raise NotALetter, saying what it is instead, for XML that is not a publication itself."""
    qname = etree.QName(root)
    name, namespace = qname.localname, qname.namespace or ""
    if "search-ws" in namespace or root.find(".//{*}recordData") is not None:
        raise NotALetter("SRU-zoekantwoord (lijst van zoekresultaten), geen document")
    if name in ("owms-metadata", "metadata_gegevens"):
        raise NotALetter("los metadatabestand, geen document; het wordt naast het document "
                         "zelf gelezen (X.metadata.xml bij X.xml)")
    if name == "work" and root.find("{*}expression") is not None:
        raise NotALetter("PLOOI-manifest (beschrijving van een publicatie), geen document")
    if name in ("document", "documents") and root.find(".//{*}canonical") is not None:
        raise NotALetter("API-record van opendata.rijksoverheid.nl, geen document; "
                         "het document zelf staat achter de dataurl")
    if name != "officiele-publicatie":
        raise NotALetter(f"onbekend XML-formaat <{name}>: alleen officiële publicaties "
                         "(officielebekendmakingen.nl) worden gelezen")


def _identifier(meta: dict[str, list[str]], path: Path) -> str:
    """The publication id: DC.identifier, else read from the metadata URL, else the file name."""
    if meta.get("DC.identifier"):
        return meta["DC.identifier"][0]
    for url in meta.get("OVERHEIDop.externMetadataRecord", []):
        m = re.search(r"/([a-z]+-[\w.-]+)/metadata\.xml", url)
        if m:
            return m.group(1)
    return path.stem


def element_lines(el: etree._Element, footnotes: list[str], skip: frozenset = frozenset()) -> list[str]:
    """The text of ``el`` as normalised lines: one per block element (``<al>``, ``<li>``, ...).

    Footnotes are moved to ``footnotes`` (``"1 text"``) and leave a superscript marker, as the
    printed page shows them; ``<extref>`` text stays; unresolved entities are dropped.
    """
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else None
            if tag in _NOTES:
                parts.append(_take_footnote(child, footnotes))
            elif tag and tag not in skip and tag not in _HEADERS:
                block = tag not in _INLINE
                parts.append("\n" if block else "")
                parts.append(_WHITESPACE.sub(" ", child.text or ""))  # source newlines are spaces
                walk(child)
                parts.append("\n" if block else "")
            parts.append(_WHITESPACE.sub(" ", child.tail or ""))

    parts.append(_WHITESPACE.sub(" ", el.text or ""))
    walk(el)
    return [line for line in (normalize_space(x) for x in "".join(parts).split("\n")) if line]


def _take_footnote(note: etree._Element, footnotes: list[str]) -> str:
    number_el = next((c for c in note if isinstance(c.tag, str) and c.tag.endswith("nr")), None)
    number = normalize_space("".join(number_el.itertext())) if number_el is not None else ""
    number = number or str(len(footnotes) + 1)
    skip = frozenset({number_el.tag}) if number_el is not None else frozenset()
    text = " ".join(element_lines(note, [], skip=skip))
    entry = f"{number} {text}".strip()
    if entry not in footnotes:
        footnotes.append(entry)
    return number.translate(_SUPERSCRIPT)


def describe(letter: Letter, asked: str | None, answered: str | None) -> None:
    """Questioners, dates, minister, ministry and a title from the two description sentences.

    ``asked`` is *Vragen van de leden ... (ingezonden ...)*, ``answered`` is *Antwoord (or
    Mededeling) van Minister ... (ontvangen ...)*; the XML and HTML renderings share these.
    """
    if asked:
        letter.questioners = parse_questioners(asked)
        letter.submitted = letter.submitted or submitted_date(asked)
        letter.case_number = letter.case_number or find_case_number(asked)
        letter.ministry = letter.ministry or asked_ministry(asked)
    if answered:
        minister, ministry = parse_answerer(answered)
        letter.minister = letter.minister or minister
        letter.ministry = ministry or letter.ministry
        letter.date = letter.date or received_date(answered)
    subject = subject_of(asked) if asked else None
    if subject and letter.questioners:
        names = [q.name for q in letter.questioners]
        who = (f"de leden {', '.join(names[:-1])} en {names[-1]}" if len(names) > 1
               else f"het lid {names[0]}")
        prefix = {"answer": "Antwoord op vragen", "delay": "Uitstel antwoord op vragen"}
        letter.title = f"{prefix.get(letter.kind, 'Vragen')} van {who} over {subject}"


def _read_kamervragen(content: etree._Element, letter: Letter) -> None:
    sentences: dict[str, str] = {}
    items: list[tuple[str, list[int], str]] = []
    body: list[str] = []
    for child in content:
        if not isinstance(child.tag, str) or child.tag in _HEADERS:
            continue
        if child.tag == "kamervraagomschrijving":
            kind = child.get("type") or "vraag"
            sentences[kind] = " ".join(element_lines(child, letter.footnotes))
            body.append(sentences[kind])
            iso = child.find(".//datum[@isodatum]")
            date = parse_date(iso.get("isodatum")) if iso is not None else None
            if kind == "vraag":
                letter.submitted = date
            else:
                letter.date = date
        elif child.tag in ("vraag", "antwoord"):
            nr = child.find("nr")
            label = "".join(nr.itertext()) if nr is not None else ""
            text = PARAGRAPH.join(element_lines(child, letter.footnotes, skip=frozenset({"nr"})))
            items.append((child.tag, parse_numbers(label), text))
        else:
            body.extend(element_lines(child, letter.footnotes))
    letter.pairs = pair_items(items)
    if any(p.answer for p in letter.pairs):
        letter.kind = "answer"
    elif "mededeling" in sentences:
        letter.kind = "delay"
    else:
        letter.kind = "questions"
    describe(letter, sentences.get("vraag"), sentences.get("antwoord") or sentences.get("mededeling"))
    letter.body = PARAGRAPH.join(body)


def _read_publication(content: etree._Element, letter: Letter) -> None:
    """A Kamerstuk, Handelingen or other publication: its text as body, kind "other"."""
    letter.kind = "other"
    letter.body = PARAGRAPH.join(element_lines(content, letter.footnotes))
    # Dossier and stuk title of a Kamerstuk, agenda items of Handelingen (not every motie's "Motie").
    found = (content.xpath("dossier/titel | stuk/titel | .//item-titel")
             or content.xpath(".//titel")[:1] or content.xpath("vergadering/vergadering-nummer"))
    titles = dict.fromkeys(normalize_space("".join(t.itertext())) for t in found)
    letter.title = "; ".join(t for t in titles if t)[:300] or None
    when = content.find(".//datumtekst/datum[@isodatum]")
    if when is None:
        when = content.find(".//datum[@isodatum]")
    if when is not None:
        letter.date = parse_date(when.get("isodatum"))
    else:
        day = content.find(".//vergaderdatum")
        letter.date = parse_date("".join(day.itertext())) if day is not None else None
