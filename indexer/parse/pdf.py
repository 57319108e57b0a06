"""PDF → :class:`~indexer.letters.Letter`: extract the text page by page, then read it as text.

pypdf is used for extraction. Compared on the 21 real PDFs of ``corpus-real`` (Aanhangsel,
Kamerbrief, moties), pypdf 7.1.1 glued no words together, where pdfminer.six glued footnote markers
to words ("bericht1", "ruimte3") and split the page footer over several lines. (The glued words in
``txt-extracted``, "bijhet", come from the extractor of that source, not from pypdf 7.) Pages are
joined with a form feed, so the text parser knows where each page ends and can drop its header,
footer and footnotes.
"""
from __future__ import annotations

import logging
import warnings
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError

from indexer.letters import Letter, NotALetter
from indexer.parse.text import parse_text

log = logging.getLogger(__name__)

#: What pypdf raises on a damaged file besides its own errors: it walks broken object trees
#: and streams with plain Python operations.
_DAMAGE = (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError, AssertionError,
           OSError, RecursionError, ZeroDivisionError)


def parse(path: Path) -> Letter:
    """Parse one PDF; NotALetter for an encrypted, damaged or text-less (scanned) file."""
    path = Path(path)
    pages = extract_pages(path)
    if not any(page.strip() for page in pages):
        raise NotALetter("PDF bevat geen tekst (scan?)")
    return parse_text("\f".join(pages), path)


def extract_pages(path: Path) -> list[str]:
    """The text of each page. pypdf's warnings about odd fonts or streams are logged, not raised:
    they concern the file, not our code, and the text is usually fine."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            reader = _open(path)
            pages = [_page_text(reader, number) for number in range(len(reader.pages))]
        except NotALetter:
            raise
        except FileNotDecryptedError as exc:
            raise NotALetter(f"versleutelde PDF: {exc}") from exc
        except _DAMAGE as exc:
            raise NotALetter(f"beschadigde PDF: {exc or type(exc).__name__}") from exc
    for warning in caught:
        log.warning("%s: %s", path.name, warning.message)
    return pages


def _open(path: Path) -> PdfReader:
    reader = PdfReader(path)
    if reader.is_encrypted:
        # Many published PDFs are encrypted with an empty user password (only printing or
        # copying is restricted); those open and read normally.
        try:
            opened = reader.decrypt("")
        except (NotImplementedError, PyPdfError) as exc:
            raise NotALetter(f"versleutelde PDF: {exc}") from exc
        if not opened:
            raise NotALetter("versleutelde PDF: een wachtwoord is nodig om de tekst te lezen")
    return reader


def _page_text(reader: PdfReader, number: int) -> str:
    """One page's text; a page that cannot be read is logged and left empty, not the document."""
    try:
        return reader.pages[number].extract_text() or ""
    except FileNotDecryptedError:
        raise
    except _DAMAGE as exc:
        log.warning("pagina %d onleesbaar: %s", number + 1, exc)
        return ""
