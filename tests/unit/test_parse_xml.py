"""officielebekendmakingen XML: the letter a user sees, the XML we refuse, and what we never read."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path

import pytest

from indexer.letters import Letter, NotALetter
from indexer.parse import parse_file
from indexer.parse import xml as xml_parser
from indexer.parse.metadata import apply_metadata, read_sidecar

SHARED_REAL = Path(__file__).resolve().parents[2].parent / "shared" / "corpus-real"
ROBUSTNESS_FILES = sorted(
    p for folder in ("api-samples", "handelingen-xml") if (SHARED_REAL / folder).is_dir()
    for p in (SHARED_REAL / folder).rglob("*") if p.is_file()
)


@pytest.fixture(scope="module")
def tozo(corpus_real) -> Letter:
    return parse_file(corpus_real / "oep-xml" / "ah-tk-20202021-3235.xml")


def kamervragen(body: str, omschrijving: str = "") -> str:
    """A minimal officiele-publicatie with the given kamervragen content."""
    omschrijving = omschrijving or (
        '<kamervraagomschrijving type="vraag">Vragen van het lid <naam><achternaam>Jansen'
        '</achternaam></naam> (SP) aan de Minister van Financiën over <kamervraagonderwerp>de '
        'spaarrente</kamervraagonderwerp> (ingezonden <datum isodatum="2026-04-29">29 april 2026'
        '</datum>).</kamervraagomschrijving>')
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<officiele-publicatie><kamervragen>{omschrijving}{body}</kamervragen></officiele-publicatie>'


def write(tmp_path: Path, text: str, name: str = "ah-tk-20252026-1.xml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_answer_letter_metadata(tozo):
    assert tozo.id == "ah-tk-20202021-3235"
    assert tozo.kind == "answer"
    assert "Tozo" in tozo.title
    assert tozo.case_number == "2021Z09739"
    assert tozo.submitted == dt.date(2021, 6, 3)
    assert tozo.date == dt.date(2021, 6, 21)
    assert tozo.minister == "Minister Koolmees"
    assert tozo.ministry == "Sociale Zaken en Werkgelegenheid"
    assert [(q.name, q.party) for q in tozo.questioners] == [
        ("Van Weyenberg", "D66"), ("Romke de Jong", "D66"), ("Kat", "D66")]
    assert tozo.format == "xml"


def test_answer_letter_pairs(tozo):
    assert [p.questions for p in tozo.pairs] == [[n] for n in range(1, 10)]
    first = tozo.pairs[0]
    assert first.question.startswith("Klopt het dat de Tijdelijke overbruggingsregeling zelfstandig "
                                      "ondernemers (TOZO) en het Besluit bijstandverlening")
    assert first.question.endswith("maar beide wel een ander rentepercentage kennen?")
    assert first.answer.startswith("Ja. Volledigheidshalve merk ik op dat beide vormen van kredietverstrekking")
    assert first.answer.endswith("zelfstandigen 2004 (Bbz).")
    # The last answer has two paragraphs: both are kept, in order.
    last = tozo.pairs[-1].answer
    assert last.index("marktconforme rente wordt gehanteerd") < last.index("Bovendien kent het Bbz")


def test_extref_text_stays_in_the_answer(tozo):
    assert "bepaald op 2% (Staatsblad 2020, 118). Bij de keuze" in tozo.pairs[1].answer


def test_headings_are_not_part_of_the_text(tozo):
    assert not any(p.question.startswith("Vraag") or p.answer.startswith("Antwoord") for p in tozo.pairs)
    assert "Vergaderjaar 2020-2021" not in tozo.body


def test_without_sidecar_the_id_and_title_come_from_the_document(corpus_real, tmp_path):
    lone = tmp_path / "download.xml"
    shutil.copyfile(corpus_real / "oep-xml" / "ah-tk-20202021-3235.xml", lone)
    letter = parse_file(lone)
    assert letter.id == "ah-tk-20202021-3235"  # from the metadata URL inside the XML
    assert letter.title == "Antwoord op vragen van de leden Van Weyenberg, Romke de Jong en Kat over de TOZO"
    assert letter.date == dt.date(2021, 6, 21) and letter.submitted == dt.date(2021, 6, 3)
    assert letter.case_number is None  # only the sidecar knows 2021Z09739


def test_merged_question_numbers(tmp_path):
    body = (
        "<vraag><nr>Vraag 1</nr><al>Eerste vraag?</al></vraag>"
        "<antwoord><nr>Antwoord 1</nr><al>Eerste antwoord.</al></antwoord>"
        "<vraag><nr>Vraag 2</nr><al>Tweede vraag?</al></vraag>"
        "<vraag><nr>Vraag 3, 4 en 5</nr><al>Derde, vierde en vijfde vraag?</al></vraag>"
        "<antwoord><nr>Antwoord 2, 3, 4 en 5</nr><al>Samen beantwoord.</al></antwoord>"
        "<vraag><nr>Vraag 6</nr><al>Zesde vraag?</al></vraag>"
        "<antwoord><nr>Antwoord 6</nr><al>Zesde antwoord.</al></antwoord>"
    )
    letter = xml_parser.parse(write(tmp_path, kamervragen(body)))
    assert [p.questions for p in letter.pairs] == [[1], [2, 3, 4, 5], [6]]
    assert letter.pairs[1].question == "Tweede vraag?\n\nDerde, vierde en vijfde vraag?"
    assert letter.pairs[1].answer == "Samen beantwoord."


def test_questions_only_and_the_questioner(tmp_path):
    body = "<vraag><nr>Vraag 1</nr><al>Kent u het bericht?</al></vraag><vraag><nr>Vraag 2</nr><al>Wat gaat u doen?</al></vraag>"
    letter = xml_parser.parse(write(tmp_path, kamervragen(body)))
    assert letter.kind == "questions"
    assert [(p.questions, p.answer) for p in letter.pairs] == [([1], None), ([2], None)]
    assert [(q.name, q.party) for q in letter.questioners] == [("Jansen", "SP")]
    assert letter.ministry == "Financiën"
    assert letter.submitted == dt.date(2026, 4, 29)
    assert letter.id == "ah-tk-20252026-1"  # the file name, lacking any metadata


def test_delay_notice(tmp_path):
    mededeling = ('<kamervraagomschrijving type="mededeling">Mededeling van Minister Heinen (Financiën) '
                  '(ontvangen <datum isodatum="2026-05-20">20 mei 2026</datum>).</kamervraagomschrijving>'
                  '<al>De vragen kunnen niet binnen de termijn worden beantwoord.</al>')
    letter = xml_parser.parse(write(tmp_path, kamervragen(mededeling)))
    assert letter.kind == "delay"
    assert letter.minister == "Minister Heinen"
    assert letter.date == dt.date(2026, 5, 20)
    assert "niet binnen de termijn" in letter.body


def test_footnotes_leave_a_marker_and_go_to_the_list(tmp_path):
    body = ('<vraag><nr>Vraag 1</nr><al>Kent u het artikel?<noot id="n1" type="voet"><noot.nr>1</noot.nr>'
            '<noot.al>Follow the Money, 25 april 2026, <extref doc="https://www.ftm.nl/x">ftm.nl</extref></noot.al>'
            '</noot></al></vraag><antwoord><nr>Antwoord 1</nr><al>Ja.</al></antwoord>')
    letter = xml_parser.parse(write(tmp_path, kamervragen(body)))
    assert letter.pairs[0].question == "Kent u het artikel?¹"
    assert letter.footnotes == ["1 Follow the Money, 25 april 2026, ftm.nl"]


def test_escaped_markup_stays_literal_text(tmp_path):
    body = ("<vraag><nr>Vraag 1</nr><al>Wat betekent &lt;script&gt;alert(1)&lt;/script&gt; in een brief?</al></vraag>"
            "<antwoord><nr>Antwoord 1</nr><al>Niets &amp; niemand.</al></antwoord>")
    letter = xml_parser.parse(write(tmp_path, kamervragen(body)))
    assert letter.pairs[0].question == "Wat betekent <script>alert(1)</script> in een brief?"
    assert letter.pairs[0].answer == "Niets & niemand."


def test_external_entities_are_never_read(tmp_path):
    passwd = Path("/etc/passwd")
    secret = passwd.read_text().splitlines()[0] if passwd.is_file() else "root:x:0:0"
    doctype = '<!DOCTYPE officiele-publicatie [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    body = "<vraag><nr>Vraag 1</nr><al>Voor &e; na</al></vraag><antwoord><nr>Antwoord 1</nr><al>Ja.</al></antwoord>"
    text = kamervragen(body).replace("\n", "\n" + doctype + "\n", 1)
    letter = xml_parser.parse(write(tmp_path, text))
    dumped = json.dumps(letter.to_json())
    assert secret not in dumped and "root:" not in dumped
    assert letter.pairs[0].question == "Voor na"  # the reference is dropped, the text around it kept


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>',
    '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/leak">]>',
])
def test_dtds_and_parameter_entities_are_not_loaded(tmp_path, doctype):
    body = "<vraag><nr>Vraag 1</nr><al>Tekst &e;</al></vraag>"
    text = kamervragen(body).replace("\n", "\n" + doctype + "\n", 1)
    try:
        result = json.dumps(xml_parser.parse(write(tmp_path, text)).to_json())
    except NotALetter as refused:
        result = str(refused)
    assert "root:" not in result


def test_entity_expansion_bomb_is_not_expanded(tmp_path):
    lol = '<!ENTITY a "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
    body = "<vraag><nr>Vraag 1</nr><al>Begin &i; eind</al></vraag>"
    text = kamervragen(body).replace("\n", f"\n<!DOCTYPE x [{lol}]>\n", 1)
    started = time.monotonic()
    try:
        letter = xml_parser.parse(write(tmp_path, text))
        assert "lollol" not in letter.pairs[0].question
    except NotALetter:
        pass  # refusing is as good as not expanding
    assert time.monotonic() - started < 5


def test_kamerstuk_motie_is_other_with_its_text(corpus_real):
    letter = parse_file(corpus_real / "oep-xml" / "kst-32545-143.xml")
    assert letter.id == "kst-32545-143"
    assert letter.kind == "other"
    assert "Motie van de leden Inge van Dijk en Grinwis" in letter.title
    assert "verzoekt de regering, om een grensspaarsaldo te definiëren" in letter.body
    assert "en gaat over tot de orde van de dag." in letter.body
    assert letter.date == dt.date(2021, 7, 6)
    assert letter.pairs == []


def test_kamerstuk_without_sidecar_gets_its_printed_title(corpus_real, tmp_path):
    lone = tmp_path / "motie.xml"
    shutil.copyfile(corpus_real / "oep-xml" / "kst-32545-143.xml", lone)
    letter = parse_file(lone)
    assert letter.id == "kst-32545-143"
    assert letter.title == "Wet- en regelgeving financiële markten; MOTIE VAN DE LEDEN INGE VAN DIJK EN GRINWIS"


def test_handelingen_is_other_with_its_text(corpus_real):
    letter = parse_file(corpus_real / "handelingen-xml" / "h-tk-20172018-61-10.xml")
    assert letter.id == "h-tk-20172018-61-10"
    assert letter.kind == "other"
    assert letter.title == "Ondernemen en Bedrijfsfinanciering"
    assert "Veel mkb-ondernemers hebben grote moeite om geld te lenen" in letter.body


@pytest.mark.parametrize("path", ROBUSTNESS_FILES, ids=lambda p: str(p.relative_to(SHARED_REAL)))
def test_every_sample_parses_or_is_refused_with_a_reason(corpus_real, path):
    try:
        letter = parse_file(path)
    except NotALetter as refused:
        assert len(str(refused)) > 10
    else:
        assert letter.body or letter.pairs


@pytest.mark.parametrize("relative, reason", [
    ("api-samples/sru/plooi-oep-module_sru.xml", "SRU-zoekantwoord"),
    ("api-samples/sru/wetsuite_searchrec_gmb-2023-174296.xml", "SRU-zoekantwoord"),
    ("api-samples/oep-metadata/metadata_owms-kv-tk.xml", "metadatabestand"),
    ("api-samples/oep-metadata/wetsuite_opmeta1_metadata.xml", "metadatabestand"),
    ("oep-xml/ah-tk-20202021-3235.metadata.xml", "metadatabestand"),
    ("kamerbrief-pdf/plooicb-2011-5424.manifest.xml", "PLOOI-manifest"),
    ("api-samples/rijksoverheid-opendata/documents.xml", "opendata.rijksoverheid.nl"),
    ("api-samples/rijksoverheid-opendata/document-0acb97b8-b3cf-4654-92c2-0fa4199c100c.xml", "opendata.rijksoverheid.nl"),
    ("api-samples/rijksoverheid-opendata/document-02dbce21-c2a6-4310-9ed5-aab7b27467ac.xml", "XML is niet goed gevormd: "),
])
def test_non_documents_are_refused_with_what_they_are(corpus_real, relative, reason):
    with pytest.raises(NotALetter, match=reason.replace(".", r"\.")):
        xml_parser.parse(corpus_real / relative)


def test_xml_saved_through_a_second_utf8_encoding_is_repaired(corpus_real):
    # These Handelingen start with a byte-order mark that was itself re-encoded (c3af c2bb c2bf).
    letter = parse_file(corpus_real / "handelingen-xml" / "h-tk-20172018-70-3.xml")
    assert letter.kind == "other"
    assert letter.title == "Wlz / Pgb / Toegang tot de Wlz voor ggz-cliënten"
    assert "Ã" not in letter.body


def test_other_xml_is_refused_by_its_root(tmp_path):
    with pytest.raises(NotALetter, match="onbekend XML-formaat <rss>"):
        xml_parser.parse(write(tmp_path, "<rss><channel><title>Nieuws</title></channel></rss>"))


def test_deeply_nested_xml_is_refused_not_crashed(tmp_path):
    deep = "<officiele-publicatie><kamerstuk>" + "<al>" * 5000 + "tekst" + "</al>" * 5000 + "</kamerstuk></officiele-publicatie>"
    with pytest.raises(NotALetter, match="XML is niet goed gevormd: Excessive depth"):
        xml_parser.parse(write(tmp_path, deep))


def test_sidecar_is_found_next_to_any_document(corpus_real, tmp_path):
    # The PDF and HTML parsers use the same lookup: X.pdf finds X.metadata_owms.xml.
    shutil.copyfile(corpus_real / "oep-xml" / "ah-tk-20202021-3235.metadata_owms.xml",
                    tmp_path / "brief.metadata_owms.xml")
    meta = read_sidecar(tmp_path / "brief.pdf")
    assert meta["DC.identifier"] == ["ah-tk-20202021-3235"]
    assert meta["OVERHEIDop.vraagnummer"] == ["2021Z09739"]
    assert meta["OVERHEIDop.indiener"] == ["S.P.R.A. van Weyenberg", "R.H. (Romke) de Jong", "H. Kat"]
    assert meta["DCTERMS.issued"] == ["2021-06-21"]
    letter = apply_metadata(Letter(id="brief"), meta)
    assert (letter.id, letter.kind, letter.case_number, letter.date) == (
        "ah-tk-20202021-3235", "answer", "2021Z09739", dt.date(2021, 6, 21))
    assert "Tozo" in letter.title
    assert read_sidecar(tmp_path / "ander.pdf") == {}
