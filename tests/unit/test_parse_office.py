"""ODT and DOCX: paragraphs in order, footnotes kept, and hostile zip files refused."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from indexer.letters import NotALetter
from indexer.parse import office, parse_file

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TEXT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def make_zip(path: Path, parts: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def docx(path: Path, body: str, footnotes: str = "") -> Path:
    parts = {"word/document.xml": f"<w:document {W_NS}><w:body>{body}</w:body></w:document>"}
    if footnotes:
        parts["word/footnotes.xml"] = f"<w:footnotes {W_NS}>{footnotes}</w:footnotes>"
    return make_zip(path, parts)


def odt(path: Path, body: str) -> Path:
    content = f"<office:document-content {TEXT_NS}><office:body><office:text>{body}</office:text></office:body></office:document-content>"
    return make_zip(path, {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content})


def test_odt_paragraphs_in_reading_order(corpus_real):
    paragraphs, meta = office.read_office(corpus_real / "oep-pdf-odt" / "ah-tk-20202021-3235.odt")
    assert meta["DC.identifier"] == ["ah-tk-20202021-3235"]
    assert meta["OVERHEIDop.vraagnummer"] == ["2021Z09739"]
    assert "Antwoord van Minister Koolmees (Sociale Zaken en Werkgelegenheid) (ontvangen 21 juni 2021)." in paragraphs
    first_question = paragraphs.index("Vraag 1")
    assert paragraphs[first_question + 1].startswith("Klopt het dat de Tijdelijke overbruggingsregeling")
    assert paragraphs[first_question + 2] == "Antwoord 1"
    assert paragraphs.index("Vraag 9") < paragraphs.index("Antwoord 9") == len(paragraphs) - 3
    # Source indentation inside a paragraph is white space, not text.
    assert "Aanhangsel van de Handelingen" in paragraphs


def test_odt_spaces_breaks_and_notes(tmp_path):
    body = ('<text:h>Vraag 1</text:h><text:p>Kent u<text:s text:c="3"/>het <text:span>bericht</text:span>?'
            '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            '<text:note-body><text:p>NOS, 2 mei 2026</text:p></text:note-body></text:note>'
            '<text:line-break/>Tweede regel</text:p>')
    paragraphs, _ = office.read_office(odt(tmp_path / "brief.odt", body))
    assert paragraphs == ["Vraag 1", "Kent u het bericht?¹\nTweede regel", "¹ NOS, 2 mei 2026"]


def test_docx_runs_breaks_and_footnotes(tmp_path):
    body = ('<w:p><w:r><w:t>Vraag 1</w:t></w:r></w:p>'
            '<w:p><w:r><w:t xml:space="preserve">Kent u het </w:t></w:r><w:r><w:t>bericht?</w:t></w:r>'
            '<w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:br/><w:t>Tweede regel</w:t></w:r></w:p>'
            '<w:p><w:r><w:delText>geschrapt</w:delText></w:r></w:p>')
    notes = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="2"><w:p><w:r><w:t>NOS, 2 mei 2026</w:t></w:r></w:p></w:footnote>')
    paragraphs, _ = office.read_office(docx(tmp_path / "brief.docx", body, notes))
    assert paragraphs == ["Vraag 1", "Kent u het bericht?¹\nTweede regel", "¹ NOS, 2 mei 2026"]


def test_zip_bomb_is_refused(tmp_path):
    # 60 MB of text compresses to about 60 kB: small on disk, too big to inflate.
    huge = "<w:p><w:r><w:t>" + "a" * (60 * 1024 * 1024) + "</w:t></w:r></w:p>"
    bomb = docx(tmp_path / "bom.docx", huge)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(NotALetter, match="zip-bom"):
        parse_file(bomb)


@pytest.mark.parametrize("name, data, reason", [
    ("tekst.docx", b"Dit is platte tekst, geen zip-bestand." * 10, "beschadigd of geen Office-bestand"),
    ("leeg-archief.odt", None, "zonder tekstdocument"),
])
def test_not_an_office_file(tmp_path, name, data, reason):
    path = tmp_path / name
    if data is None:
        make_zip(path, {"readme.txt": "geen document"})
    else:
        path.write_bytes(data)
    with pytest.raises(NotALetter, match=reason):
        parse_file(path)


def test_truncated_docx_is_refused(corpus_real, tmp_path):
    original = (corpus_real / "tk-moties-office" / "kst-36278-32__0787ced2-629a-4d32-ab8f-4b97a7680248.docx").read_bytes()
    cut = tmp_path / "afgebroken.docx"
    cut.write_bytes(original[: len(original) // 2])
    with pytest.raises(NotALetter):
        parse_file(cut)


def test_broken_xml_inside_docx_is_refused(tmp_path):
    path = make_zip(tmp_path / "kapot.docx", {"word/document.xml": "<w:document><w:body>"})
    with pytest.raises(NotALetter, match="niet goed gevormd"):
        parse_file(path)


@pytest.mark.parametrize("name, words", [
    ("kst-36278-32__0787ced2-629a-4d32-ab8f-4b97a7680248.docx", "het aantal uitgevraagde kwaliteitsindicatoren jaarlijks in beeld"),
    ("kst-36682-10__09b97518-8d7c-4a90-a090-28e45bc44920.docx", "apothekers niet aan elkaar mogen leveren"),
])
def test_tk_motie_docx_is_other_with_its_text(corpus_real, name, words):
    letter = parse_file(corpus_real / "tk-moties-office" / name)
    assert letter.kind == "other"
    assert letter.format == "docx"
    assert words in letter.body
    assert "en gaat over tot de orde van de dag" in letter.body
