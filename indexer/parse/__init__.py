"""Read a file of any supported format into a :class:`~indexer.letters.Letter`.

One module per input format; this package only chooses the module by the file's name and
content. A parser raises :class:`~indexer.letters.NotALetter` with a reason the user can act on.
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading
from pathlib import Path

from indexer.letters import Letter, NotALetter

#: Largest file read, by format. The biggest real letters are a few MB (a scanned Woo PDF can be
#: tens); a larger file is a dump or an attack, and parsing it whole would take minutes and
#: gigabytes of memory (a 200 MB text file took the run down). Reported, not read.
MAX_BYTES = {"pdf": 200 << 20, "odt": 100 << 20, "docx": 100 << 20}
MAX_BYTES_DEFAULT = 50 << 20

#: Seconds one file may take to parse. Every parser is Python over lxml/pypdf/bs4; a hostile file
#: that makes one loop (a damaged PDF's cross-reference chain, say) is stopped by SIGALRM, which
#: interrupts Python code (not a single long C call, which the size caps bound instead). Only in
#: the main thread, where Python delivers signals; elsewhere the size caps alone apply.
PARSE_TIMEOUT = 60.0

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
    return is_candidate_name(Path(path).name)


def is_candidate_name(name: str) -> bool:
    """:func:`is_candidate` by file name alone (a walk over 100,000 files has no Paths to spare)."""
    name = name.lower()
    if name.startswith(".") or name.endswith(SIDECAR_SUFFIXES):
        return False
    suffix = os.path.splitext(name)[1]
    return suffix in SUFFIX_FORMAT or suffix in UNSUPPORTED


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
    size = path.stat().st_size
    if size == 0:
        raise NotALetter("leeg bestand")
    cap = MAX_BYTES.get(fmt, MAX_BYTES_DEFAULT)
    if size > cap:
        raise NotALetter(f"te groot om een brief te zijn ({size / 2**20:.0f} MB; de grens voor "
                         f"{fmt} is {cap >> 20} MB)")
    with time_bound(PARSE_TIMEOUT):
        letter = _parse_format(path, fmt)
    letter.source = str(path)
    letter.format = fmt
    return letter


class ParseTimeout(NotALetter):
    """A file took longer than the per-file time bound to parse."""


@contextlib.contextmanager
def time_bound(seconds: float):
    """Raise ParseTimeout in the block after ``seconds`` (main thread only; see PARSE_TIMEOUT)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise ParseTimeout(f"lezen duurde langer dan {seconds:g} s; overgeslagen")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _parse_format(path: Path, fmt: str) -> Letter:
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
    return module.parse(path)
