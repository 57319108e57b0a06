"""Read a file of any supported format into a :class:`~indexer.letters.Letter`.

One module per input format; this package only chooses the module by the file's name and
content. A parser raises :class:`~indexer.letters.NotALetter` with a reason the user can act on.
"""
from __future__ import annotations

from pathlib import Path

from indexer.letters import Letter, NotALetter

#: File endings the indexer reads, in order of richness: when one run sees the same identifier
#: in several formats it keeps the richest (structured XML first, extracted text last).
FORMAT_RICHNESS = ("xml", "html", "odt", "docx", "pdf", "text")

SUFFIX_FORMAT = {
    ".xml": "xml",
    ".html": "html",
    ".htm": "html",
    ".odt": "odt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".txt": "text",
}

#: Files that belong to another file (metadata sidecars) and are read with it, not on their own.
SIDECAR_SUFFIXES = (".metadata.xml", ".metadata_owms.xml", ".manifest.xml")

#: Endings we recognise but cannot read, with the reason given in the report.
UNSUPPORTED = {
    ".doc": "Word 97-2003 (.doc) wordt niet gelezen; sla het op als .docx of PDF",
    ".json": "JSON is geen brief (API-antwoord of metadata)",
}


def format_of(path: Path) -> str | None:
    """The input format of ``path`` by its ending, or None when the indexer does not read it."""
    name = path.name.lower()
    if name.endswith(SIDECAR_SUFFIXES):
        return None
    return SUFFIX_FORMAT.get(path.suffix.lower())


def is_candidate(path: Path) -> bool:
    """Whether a directory walk should hand ``path`` to :func:`parse_file` (and so report it)."""
    name = path.name.lower()
    if name.startswith(".") or name.endswith(SIDECAR_SUFFIXES):
        return False
    return path.suffix.lower() in SUFFIX_FORMAT or path.suffix.lower() in UNSUPPORTED


def parse_file(path: Path) -> Letter:
    """Parse one file; raises NotALetter with the reason when it is not a letter we can read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise NotALetter(UNSUPPORTED[suffix])
    if path.name.lower().endswith(SIDECAR_SUFFIXES):
        raise NotALetter("metadatabestand: wordt gelezen samen met het document met dezelfde naam")
    fmt = format_of(path)
    if fmt is None:
        raise NotALetter(f"onbekend bestandstype {suffix or '(geen extensie)'}")
    if path.stat().st_size == 0:
        raise NotALetter("leeg bestand")
    if fmt == "xml":
        from indexer.parse import xml as module
    elif fmt == "html":
        from indexer.parse import html as module
    elif fmt in ("odt", "docx"):
        from indexer.parse import office as module
    elif fmt == "pdf":
        from indexer.parse import pdf as module
    else:
        from indexer.parse import text as module
    letter = module.parse(path)
    letter.source = str(path)
    letter.format = fmt
    return letter
