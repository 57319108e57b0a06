"""Publisher metadata next to a document: officielebekendmakingen sidecars and ``<meta>`` tags.

officielebekendmakingen.nl publishes each document with a ``X.metadata.xml`` (``<metadata
name=... content=...>``) and a ``X.metadata_owms.xml`` (``<dcterms:identifier>`` ...); the HTML
rendering carries the same names in ``<meta>`` tags and the ODT in ``meta.xml``. All are read into
one shape, ``{"DC.identifier": ["ah-tk-20202021-3235"], "OVERHEIDop.indiener": [...], ...}``,
so the XML, HTML, PDF and office parsers map them onto a Letter the same way.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from indexer.letters import Letter, Questioner
from indexer.parse.dutch import find_case_number, normalize_ministry, normalize_space, parse_date

SIDECAR_ENDINGS = (".metadata.xml", ".metadata_owms.xml")

#: OWMS namespaces and the prefix the flat ``metadata.xml`` uses for the same terms.
_NAMESPACE_PREFIX = {
    "http://purl.org/dc/terms/": "DCTERMS",
    "http://standaarden.overheid.nl/owms/terms/": "OVERHEID",
    "http://standaarden.overheid.nl/oep/meta/": "OVERHEIDop",
}
#: Dublin Core core terms are written ``DC.x`` in metadata.xml and HTML, the rest ``DCTERMS.x``.
_DC_CORE = {"identifier", "title", "type", "creator", "subject", "description"}

#: ``DC.type`` values that say what kind of letter a document is (lower case).
_KIND_BY_TYPE = {
    "antwoord": "answer",
    "schriftelijke vragen": "questions",
    "mondelinge vragen": "questions",
    "kamervragen zonder antwoord": "questions",
    "mededeling": "delay",
    "brief regering": "letter",
    "kamerbrief": "letter",
    "brief": "letter",
}


def safe_xml_parser() -> etree.XMLParser:
    """An lxml parser that never reads a DTD or external entity, from disk or network (XXE)."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True,
    )


def sidecar_paths(path: Path) -> list[Path]:
    """The sidecar files that belong to ``path`` (``X.pdf`` → ``X.metadata.xml``, ...), if present."""
    path = Path(path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return [path.with_name(stem + ending) for ending in SIDECAR_ENDINGS
            if path.with_name(stem + ending).is_file()]


def read_sidecar(path: Path) -> dict[str, list[str]]:
    """The metadata of the sidecars next to ``path``, merged; empty when there are none.

    A damaged sidecar is skipped: it must not cost us the document it describes.
    """
    merged: dict[str, list[str]] = {}
    for sidecar in sidecar_paths(path):
        try:
            root = etree.fromstring(sidecar.read_bytes(), safe_xml_parser())
        except (etree.XMLSyntaxError, OSError):
            continue
        merge_metadata(merged, metadata_from_tree(root))
    return merged


def metadata_from_tree(root: etree._Element) -> dict[str, list[str]]:
    """Metadata from a ``metadata_gegevens`` or ``owms-metadata`` tree."""
    if etree.QName(root).localname == "owms-metadata":
        pairs = []
        for el in root.iter(etree.Element):
            if len(el) or not (el.text or "").strip():
                continue
            pairs.append((_owms_name(el), el.text))
        return metadata_from_pairs(pairs)
    return metadata_from_pairs(
        (el.get("name"), el.get("content")) for el in root.iter("metadata", "meta")
    )


def _owms_name(el: etree._Element) -> str:
    qname = etree.QName(el)
    if qname.namespace is None:  # the feed writes <dcterms.modified> without a namespace
        prefix, _, local = qname.localname.partition(".")
        return f"{prefix.upper()}.{local}" if local else qname.localname
    prefix = _NAMESPACE_PREFIX.get(qname.namespace, "")
    if prefix == "DCTERMS" and qname.localname in _DC_CORE:
        prefix = "DC"
    return f"{prefix}.{qname.localname}" if prefix else qname.localname


def metadata_from_pairs(pairs: Iterable[tuple[str | None, str | None]]) -> dict[str, list[str]]:
    """``{name: [values]}`` from (name, content) pairs, skipping empty ones.

    Names like ``OVERHEIDop.ParlID/DC.identifier`` (ODT ``meta.xml``) keep the part after the slash.
    """
    result: dict[str, list[str]] = {}
    for name, content in pairs:
        if not name or content is None:
            continue
        name = name.rsplit("/", 1)[-1].strip()
        value = normalize_space(content)
        if value and value not in result.setdefault(name, []):
            result[name].append(value)
    return {name: values for name, values in result.items() if values}


def merge_metadata(into: dict[str, list[str]], more: dict[str, list[str]]) -> dict[str, list[str]]:
    """Add the names of ``more`` that ``into`` lacks (the first source read wins per name)."""
    for name, values in more.items():
        into.setdefault(name, list(values))
    return into


def kind_from_metadata(meta: dict[str, list[str]]) -> str | None:
    """The letter kind that ``DC.type`` names (*Antwoord* → answer), or None."""
    for value in meta.get("DC.type", []):
        kind = _KIND_BY_TYPE.get(value.lower())
        if kind:
            return kind
    return None


def apply_metadata(letter: Letter, meta: dict[str, list[str]]) -> Letter:
    """Map publisher metadata onto ``letter``.

    The publisher's record wins for identity (id, title, case number); for the rest it only fills
    gaps, because the document's own sentences are richer (party, *Minister* office, ministry).
    """
    def first(name: str) -> str | None:
        values = meta.get(name)
        return values[0] if values else None

    letter.id = first("DC.identifier") or letter.id
    letter.title = first("DC.title") or first("OVERHEIDop.documenttitel") or letter.title
    letter.case_number = find_case_number(first("OVERHEIDop.vraagnummer")) or letter.case_number
    letter.date = letter.date or _date(first("OVERHEIDop.datumOntvangst")) or _date(
        first("DCTERMS.issued")) or _date(first("DCTERMS.available"))
    letter.submitted = letter.submitted or _date(first("OVERHEIDop.datumIndiening"))
    if not letter.questioners:
        letter.questioners = [Questioner(name) for name in meta.get("OVERHEIDop.indiener", [])]
    letter.minister = letter.minister or first("OVERHEIDop.ontvanger")
    creator = first("DC.creator") or ""
    if not letter.ministry and creator.lower().startswith("ministerie"):
        letter.ministry = normalize_ministry(creator)
    if letter.kind == "other":
        letter.kind = kind_from_metadata(meta) or letter.kind
    return letter


def _date(value: str | None):
    return parse_date(value) if value else None
