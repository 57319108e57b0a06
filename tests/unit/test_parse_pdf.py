"""The PDF parser: real Aanhangsel and Kamerbrief PDFs of corpus-real, PDFs made here (two pages
with a footer between, damaged, encrypted), and the reasons it gives when it cannot read one."""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from indexer.letters import NotALetter
from indexer.parse import parse_file
from indexer.parse.pdf import parse

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus-real"
ANSWER_PDFS = sorted((CORPUS / "tk-pdf").glob("*.pdf")) + [CORPUS / "oep-pdf-odt" / "ah-tk-20202021-3235.pdf"]
ANSWER_PDFS = [p for p in ANSWER_PDFS if p.is_file()]
KAMERBRIEF = "kamerbrief-pdf/1400405_Brief_aan_de_Tweede_Kamer_inzake_onbeantwoorde_vragen_algemeen_overleg_leerlingendaling_27_juni_2018.pdf"

DEBRIS = re.compile(
    r"ISSN|Tweede Kamer, vergaderjaar|Aanhangsel \d+$|^ah-tk-\S+$|’s-Gravenhage \d{4}|Vergaderjaar \d{4}"
    r"|Staten-Generaal",
    re.MULTILINE,
)


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one text line per entry, Helvetica, one list per page."""
    writer = PdfWriter()
    for lines in pages:
        page = writer.add_blank_page(595, 842)
        font = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        })
        fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
        ops = ["BT", "/F1 11 Tf", "14 TL", "60 790 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(ops).encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Real PDFs --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ANSWER_PDFS, ids=lambda p: p.name)
def test_real_answer_pdf(path):
    letter = parse_file(path)
    assert letter.format == "pdf"
    assert letter.id == path.stem  # the official identifier printed in the footer
    assert letter.kind in ("answer", "delay")
    assert letter.pairs
    if letter.kind == "answer":
        assert all(p.answer for p in letter.pairs)
    assert letter.date and letter.submitted and letter.date >= letter.submitted
    assert letter.minister and letter.ministry
    assert letter.questioners and all(q.party for q in letter.questioners)
    assert letter.title.startswith(("Antwoord op vragen van", "Uitstel antwoord op vragen van"))
    for pair in letter.pairs:
        assert pair.question.strip()
        for text in (pair.question, pair.answer or ""):
            assert not DEBRIS.search(text), text[:300]
            for note in letter.footnotes:
                assert note not in text


@pytest.fixture(scope="module")
def tozo(corpus_real):
    return parse_file(corpus_real / "oep-pdf-odt" / "ah-tk-20202021-3235.pdf")


def test_tozo_answer_metadata(tozo):
    """The document also published as XML, HTML and ODT: these values must agree across formats."""
    assert tozo.id == "ah-tk-20202021-3235"
    assert tozo.kind == "answer"
    assert [(q.name, q.party) for q in tozo.questioners] == [
        ("Van Weyenberg", "D66"), ("Romke de Jong", "D66"), ("Kat", "D66"),
    ]
    assert tozo.minister == "Minister Koolmees"
    assert tozo.ministry == "Sociale Zaken en Werkgelegenheid"
    assert tozo.submitted == dt.date(2021, 6, 3)
    assert tozo.date == dt.date(2021, 6, 21)
    assert tozo.title == "Antwoord op vragen van de leden Van Weyenberg, Romke de Jong en Kat over de TOZO"


def test_tozo_pairs(tozo):
    assert [p.questions for p in tozo.pairs] == [[n] for n in range(1, 10)]
    first = tozo.pairs[0]
    assert first.question.startswith("Klopt het dat de Tijdelijke overbruggingsregeling zelfstandig ondernemers")
    assert first.answer.startswith("Ja. Volledigheidshalve merk ik op")
    assert "beperktere looptijd" in first.answer  # "beperk-\ntere" joined again
    # Answer 3 starts on page 2, after the footer of page 1.
    assert tozo.pairs[2].answer.startswith("Bij de hoogte van de rente in het Bbz")


def test_aanhangsel_footnotes_at_the_page_bottom(corpus_real):
    letter = parse_file(corpus_real / "tk-pdf" / "ah-tk-20142015-698.pdf")
    assert len(letter.footnotes) == 4
    assert letter.footnotes[0].startswith("Financieel Dagblad")
    assert letter.footnotes[1].endswith("27 september 2014")
    assert [p.questions for p in letter.pairs] == [[1], [2, 3], [4], [5], [6]]
    # Question 2 and 3 continue on page 2; the footnotes between are gone.
    assert letter.pairs[1].question.endswith("hoe gaat u de zorgverzekeraars bewegen dit dan toch te doen?")
    assert "Kamerstuk, 28 828" not in letter.pairs[1].question


def test_accent_written_apart_is_composed(corpus_real):
    letter = parse_file(corpus_real / "tk-pdf" / "ah-tk-20232024-1314.pdf")
    assert [q.name for q in letter.questioners] == ["Mutluer", "Kostić"]
    assert [p.questions for p in letter.pairs] == [[1], [2], [3, 4, 5], [6]]


def test_kamerbrief_pdf(corpus_real):
    letter = parse_file(corpus_real / KAMERBRIEF)
    assert letter.kind == "letter"
    assert letter.date == dt.date(2018, 10, 3)
    assert letter.reference == "1400405"
    assert letter.title.startswith("Onbeantwoorde vragen")
    assert letter.minister == "Minister Slob"
    assert "Onze referentie" not in letter.body
    assert "Pagina 10 van 10" not in letter.body
    assert letter.body.count("1400405") == 0
    assert "De heer Beertema (PVV) vroeg mij" in letter.body
    assert letter.footnotes[1] == "Tweede Kamer, vergaderjaar 2017-2018, 31 293/31 289, nr. 390"
    assert len(letter.footnotes) == 11


def test_scanned_pdf_has_no_text(corpus_real):
    with pytest.raises(NotALetter, match="geen tekst"):
        parse_file(corpus_real / "oep-pdf-odt" / "blg-1007826.pdf")


# --- PDFs made here ---------------------------------------------------------------------------

AANHANGSEL_PAGES = [
    [
        "Vragen van het lid De Vries (CDA) aan de Minister van Financiën over het café",
        "(ingezonden 2 mei 2024).",
        "Antwoord van Minister Heinen (Financiën) (ontvangen 20 mei 2024).",
        "Vraag 1",
        "Kent u het bericht over het café?1",
        "Antwoord 1",
        "Ja, en de belasting op het café is een zaak die",
        "1 NOS, 1 mei 2024, Het café",
        "ah-tk-20232024-9999",
        "ISSN 0921 - 7398",
        "’s-Gravenhage 2024 Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1",
    ],
    ["ik volg.", "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 2"],
]


def test_generated_two_page_answer(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(make_pdf(AANHANGSEL_PAGES))
    letter = parse(path)
    assert letter.id == "ah-tk-20232024-9999"
    assert letter.kind == "answer"
    assert letter.minister == "Minister Heinen" and letter.ministry == "Financiën"
    assert letter.submitted == dt.date(2024, 5, 2) and letter.date == dt.date(2024, 5, 20)
    assert letter.footnotes == ["NOS, 1 mei 2024, Het café"]
    assert len(letter.pairs) == 1
    assert letter.pairs[0].answer == "Ja, en de belasting op het café is een zaak die ik volg."


def test_truncated_pdf_is_damaged(tmp_path):
    data = make_pdf(AANHANGSEL_PAGES)
    path = tmp_path / "kapot.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(NotALetter, match="beschadigde PDF"):
        parse(path)


def test_garbage_with_pdf_ending_is_damaged(tmp_path):
    path = tmp_path / "nep.pdf"
    path.write_bytes(b"Dit is geen PDF maar platte tekst.\n" * 20)
    with pytest.raises(NotALetter, match="beschadigde PDF"):
        parse(path)


def test_encrypted_pdf(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("geheim")
    path = tmp_path / "geheim.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(NotALetter, match="versleutelde PDF"):
        parse(path)


def test_pdf_encrypted_without_user_password_is_read(tmp_path):
    source = tmp_path / "open.pdf"
    source.write_bytes(make_pdf(AANHANGSEL_PAGES))
    writer = PdfWriter(clone_from=source)
    writer.encrypt(user_password="", owner_password="eigenaar")
    path = tmp_path / "beperkt.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert parse(path).pairs[0].questions == [1]


def test_blank_pdf_has_no_text(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    path = tmp_path / "leeg.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(NotALetter, match=r"PDF bevat geen tekst \(scan\?\)"):
        parse(path)
