"""The text parser on the seed letter, on every real text of corpus-real/txt-extracted, and on
small letters written here for the layouts those files do not show."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from indexer.letters import NotALetter
from indexer.parse import parse_file
from indexer.parse.text import parse, parse_text

TXT_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus-real" / "txt-extracted"
TXT_FILES = sorted(TXT_DIR.glob("*.txt")) if TXT_DIR.is_dir() else []

#: Page furniture that must never end up inside a question or an answer.
DEBRIS = [
    re.compile(r"ISSN"),
    re.compile(r"Tweede Kamer, vergaderjaar"),
    re.compile(r"Aanhangsel \d+$", re.MULTILINE),
    re.compile(r"^(?:ah|kv)-tk-\S+$", re.MULTILINE),
    re.compile(r"’s-Gravenhage \d{4}"),
    re.compile(r"Pagina \d+ van \d+"),
    re.compile(r"Vergaderjaar \d{4}"),
]


def assert_clean(text: str) -> None:
    for pattern in DEBRIS:
        assert not pattern.search(text), f"page debris {pattern.pattern!r} in: {text[:200]}"


# --- The seed letter --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_letter(seed):
    return parse_file(seed)


def test_seed_metadata(seed_letter):
    letter = seed_letter
    assert letter.id == "antwoorden-kamervragen-palantir-2026"
    assert letter.kind == "answer"
    assert letter.format == "text"
    assert letter.date == dt.date(2026, 6, 5)
    assert letter.submitted == dt.date(2026, 4, 29)
    assert letter.case_number == "2026Z09123"
    assert letter.reference == "7609544"
    assert "Palantir" in letter.title and not letter.title.endswith("Palantir Palantir")
    assert letter.minister == "Minister Van Weel"
    assert letter.ministry == "Justitie en Veiligheid"
    assert [(q.name, q.party) for q in letter.questioners] == [
        ("Jagtenberg", "D66"), ("Belhirsch", "D66"), ("El Boujdaini", "D66"),
    ]


def test_seed_pairs_follow_the_answer_headings(seed_letter):
    assert [p.questions for p in seed_letter.pairs] == [[1], [2, 3], [4], [5]]
    assert all(p.answer for p in seed_letter.pairs)
    two_three = seed_letter.pairs[1]
    assert two_three.question.startswith("Erkent u dat het antwoord")
    assert "Koninklijke Marechaussee (KMar)" in two_three.question  # question 3 joined in
    assert two_three.answer.startswith("De Kamervragen zijn destijds gesteld")
    assert "Palantir-software" in two_three.answer  # a real hyphen stays


def test_seed_footnotes_moved_out_of_the_answers(seed_letter):
    notes = seed_letter.footnotes
    assert len(notes) == 4
    assert notes[0].startswith("Follow The Money, 25 april 2026")
    assert notes[2] == "Kamerstuk 26 643, nr. 1441"
    answers = " ".join(p.answer for p in seed_letter.pairs)
    assert "Follow The Money, 25 april" not in answers
    assert "BBC.com" not in answers
    # The text after the footnote still belongs to answer 2 and 3.
    assert seed_letter.pairs[1].answer.endswith("aan de minister van Asiel en Migratie is gestuurd.")


def test_seed_page_header_gone_from_question_and_answer_5(seed_letter):
    five = seed_letter.pairs[-1]
    for text in (five.question, five.answer):
        assert "Datum" not in text and "5 juni 2026" not in text
    assert five.question.endswith("betreffende software?")
    assert five.answer.startswith("Er is geen Rijksbrede overeenkomst met Palantir.")


def test_seed_body_keeps_the_covering_letter(seed_letter):
    body = seed_letter.body
    assert "In antwoord op uw brief van 29 april jl." in body
    assert "Vragen van de leden Jagtenberg" in body
    assert "onze referentie" not in body.lower()
    assert "Heeft u kennisgenomen van het artikel" not in body  # questions are in the pairs


# --- Every real text --------------------------------------------------------------------------


def _question_numbers(raw: str) -> set[int]:
    """The numbers of the "Vraag N" headings, read independently of the parser."""
    numbers: set[int] = set()
    for heading in re.findall(r"(?m)^\s*Vra(?:ag|gen) (\d[\d ,en/tm]*?)\s*$", raw):
        for low, high in re.findall(r"(\d+) t/m (\d+)", heading):
            numbers.update(range(int(low), int(high) + 1))
        numbers.update(int(n) for n in re.findall(r"\d+", heading))
    return numbers


def _answer_headings(raw: str) -> int:
    return len(re.findall(r"(?m)^\s*Antwoord(?![ ]+van\b)", raw))


#: Drafts of questions whose numbering was automatic and got lost: counted by hand.
UNNUMBERED_QUESTIONS = {
    "kv-tk-2024Z18882": 2, "kv-tk-2024Z18884": 13, "kv-tk-2024Z18885": 7, "kv-tk-2024Z18888": 7,
    "kv-tk-2024Z18890": 2, "kv-tk-2024Z18892": 9, "kv-tk-2024Z18775": 0, "kv-tk-2024Z18777": 0,
}


@pytest.mark.parametrize("path", TXT_FILES, ids=lambda p: p.name)
def test_real_text(path):
    raw = path.read_text(encoding="utf-8")
    letter = parse_file(path)
    stem = path.name.split(".")[0]
    assert letter.id == stem

    if stem.startswith("ah-"):
        assert letter.kind in ("answer", "delay")
        assert letter.date is not None
        assert letter.minister and letter.ministry
    else:
        assert letter.kind == "questions"
        assert all(p.answer is None for p in letter.pairs)

    numbers = _question_numbers(raw)
    if letter.kind == "answer":
        assert len(letter.pairs) == _answer_headings(raw)
        assert all(p.answer for p in letter.pairs)
    elif numbers:
        assert len(letter.pairs) == len(numbers)
    else:
        assert len(letter.pairs) == UNNUMBERED_QUESTIONS[stem]
    if numbers:
        assert {n for p in letter.pairs for n in p.questions} == numbers
    assert all(p.question.strip() for p in letter.pairs if letter.kind != "answer")

    assert letter.case_number or letter.submitted
    if re.search(r"[Vv]ragen van (?:de leden|het lid)", raw):
        assert letter.questioners and all(q.party for q in letter.questioners)
        assert letter.submitted
    for pair in letter.pairs:
        assert_clean(pair.question)
        assert_clean(pair.answer or "")
        for note in letter.footnotes:
            if len(note) > 30:
                assert note not in pair.question and note not in (pair.answer or "")


def test_aanhangsel_from_pdf_text_footnotes_and_glued_header(corpus_real):
    letter = parse_file(corpus_real / "txt-extracted" / "ah-tk-20242025-594.from-pdf.txt")
    assert letter.minister == "Minister Agema"
    assert letter.ministry == "Volksgezondheid, Welzijn en Sport"
    assert letter.date == dt.date(2024, 11, 19) and letter.submitted == dt.date(2024, 10, 30)
    assert letter.footnotes[0].startswith("NOS, 29 oktober 2024")
    assert letter.footnotes[0].count("Zorgakkoord") == 1  # "Zorgak-\nkoord" joined again
    assert letter.pairs[0].question.startswith("Bent u op de hoogte")
    assert letter.pairs[0].answer == "Ja."
    # The answer to question 2 runs on across the page break, footnote and footer taken out.
    two = letter.pairs[1].answer
    assert "In de ziekenhuissector zijn de meeste tarieven" in two
    assert "NOS" not in two


def test_delay_notice_keeps_the_notice_in_the_body(corpus_real):
    letter = parse_file(corpus_real / "txt-extracted" / "ah-tk-20242025-545.from-pdf.txt")
    assert letter.kind == "delay"
    assert [p.questions for p in letter.pairs] == [[n] for n in range(1, 7)]
    assert all(p.answer is None for p in letter.pairs)
    assert "niet binnen de gebruikelijke termijn" in letter.body
    assert "Mededeling" not in letter.pairs[-1].question
    assert letter.date == dt.date(2024, 11, 14)  # ontvangen, not the loose "is ontvangen" later
    assert letter.minister.startswith("Minister Faber")


def test_draft_answer_with_bare_numbers(corpus_real):
    letter = parse_file(corpus_real / "txt-extracted" / "ah-tk-20242025-602.from-docx.txt")
    assert letter.case_number == "2024Z17165"
    assert letter.minister == "Minister Beljaarts" and letter.ministry == "Economische Zaken"
    assert [p.questions for p in letter.pairs] == [[n] for n in range(1, 10)]
    assert letter.pairs[0].question == "Heeft u kennisgenomen van de financiële problemen bij het bedrijf Ebusco?"
    assert letter.pairs[0].answer == "Ja."


def test_questions_document_keeps_real_hyphens(corpus_real):
    letter = parse_file(corpus_real / "txt-extracted" / "kv-tk-2024Z18436.from-pdf.txt")
    assert letter.title.startswith("Vragen van de leden Rooderkerk en Paulusma over")
    seven = letter.pairs[6]
    assert seven.questions == [7]
    assert "hiv-besmettingen" in seven.question  # "hiv-\nbesmettingen", spelled so elsewhere
    assert letter.footnotes[0].startswith("NOS website, d.d. 21 oktber 2024")


# --- Layouts written for the test -------------------------------------------------------------

KAMERBRIEF = """Retouradres Postbus 20018 2500 EA Den Haag

Ministerie van Onderwijs, Cultuur en Wetenschap

Datum
3 oktober 2018
Betreft Voortgang van de aanpak van het
lerarentekort in het primair onderwijs
Ons kenmerk
1400405

1 Inleiding

Het leerkli-
maat op scholen in Noord-
Nederland verbetert, en het hiv-
beleid ook. Het hiv-beleid is bekend.
Pagina 2 van 3
Ons kenmerk 1400405
Datum
3 oktober 2018
Dit is de tweede pagina van de brief.

De minister voor Basis- en Voortgezet Onderwijs en Media,

Arie Slob
"""


def test_kamerbrief_without_questions():
    letter = parse_text(KAMERBRIEF, Path("brief-2018.txt"))
    assert letter.id == "brief-2018"
    assert letter.kind == "letter"
    assert letter.title == "Voortgang van de aanpak van het lerarentekort in het primair onderwijs"
    assert letter.date == dt.date(2018, 10, 3)
    assert letter.reference == "1400405"
    assert letter.ministry == "Onderwijs, Cultuur en Wetenschap"
    assert letter.minister == "Minister Slob"
    assert letter.pairs == [] and letter.footnotes == []
    body = letter.body
    assert "1 Inleiding" in body  # a numbered heading is not a footnote
    assert "leerklimaat" in body and "Noord-Nederland" in body and "hiv-beleid ook" in body
    assert "Pagina 2" not in body and "kenmerk" not in body and "3 oktober 2018" not in body
    assert "Dit is de tweede pagina van de brief." in body


DRAFT = """AH 605
2024Z 18792
Antwoord van minister Klever (Buitenlandse Handel en Ontwikkelingshulp (ontvangen 20 november 2024)

Vraag 1
Eerste vraag?

Vraag 2
Tweede vraag?

Vraag 3
Derde vraag? 1)

Antwoord op de vragen 1 t/m 3
Het antwoord.

Vragen 4 en 5
Vierde en vijfde vraag?

Antwoord vraag 4 en 5: Kort antwoord.

1) Kamerstuk 19637, nr. 3203
"""


def test_draft_headings_ranges_and_inline_answer():
    letter = parse_text(DRAFT, Path("ah-tk-20242025-605.from-docx.txt"))
    assert letter.id == "ah-tk-20242025-605"
    assert letter.case_number == "2024Z18792"
    assert letter.ministry == "Buitenlandse Handel en Ontwikkelingshulp"
    assert letter.date == dt.date(2024, 11, 20)
    assert [p.questions for p in letter.pairs] == [[1, 2, 3], [4, 5]]
    assert letter.pairs[1].answer == "Kort antwoord."
    assert letter.footnotes == ["Kamerstuk 19637, nr. 3203"]
    assert "Kamerstuk" not in letter.pairs[1].answer


def test_other_document():
    letter = parse_text("Motie\n\nDe Kamer,\n\ngehoord de beraadslaging,\n", Path("kst-1.txt"))
    assert letter.kind == "other"
    assert letter.pairs == []
    assert "gehoord de beraadslaging" in letter.body


@pytest.mark.parametrize("text", ["", "   \n\n\t ", "\x00\x01\x02\x03\x04\x05garbage\x06\x07\x08" * 20])
def test_not_a_letter(text):
    with pytest.raises(NotALetter) as info:
        parse_text(text, Path("x.txt"))
    assert str(info.value)


def test_windows_1252_and_utf16_are_decoded(tmp_path):
    text = "Vragen van het lid Özdemir (DENK) over de financiën van het café (ingezonden 3 juni 2021).\n"
    for encoding, name in (("cp1252", "a.txt"), ("utf-16", "b.txt"), ("utf-8-sig", "c.txt")):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding) + "\nVraag 1\nWat kost het café?\n".encode(encoding))
        letter = parse(path)
        assert letter.questioners[0].name == "Özdemir"
        assert letter.pairs[0].question == "Wat kost het café?"
        assert letter.submitted == dt.date(2021, 6, 3)


def test_nul_bytes_are_dropped(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"Betreft Een brief\x00 over niets\n\nDe tekst\x00 van de brief.\n")
    letter = parse(path)
    assert letter.title == "Een brief over niets"
    assert "\x00" not in letter.body


def test_identifier_from_the_masthead_when_the_footer_lacks_it(corpus_real):
    raw = (corpus_real / "txt-extracted" / "ah-tk-20242025-545.from-pdf.txt").read_text(encoding="utf-8")
    without_footer_id = raw.replace("\nah-tk-20242025-545\n", "\n")
    assert "ah-tk-20242025-545\n" not in without_footer_id
    assert parse_text(without_footer_id, Path("download.txt")).id == "ah-tk-20242025-545"


# --- Signatures, questioners and letterhead variants of other ministries ----------------------


def ministry_letter(signature: str, letterhead: str = "", asked: str = "de Minister van Financiën") -> str:
    """A small ministry letter in the seed's layout with the given signature block."""
    return f"""{letterhead}
Datum 5 juni 2026
Betreft Antwoorden Kamervragen over de kosten

Onze referentie
2026-0000123

Hierbij zend ik u de antwoorden op de vragen van het lid Hanneke ter Wolde (PvdA) over de kosten.

{signature}

Vragen van het lid Hanneke ter Wolde (PvdA) aan {asked} over de kosten (ingezonden 3 mei 2026, 2026Z08123)

Vraag 1
Wat kost het?

Antwoord op vraag 1
Veel.
"""


@pytest.mark.parametrize("signature, minister, ministry", [
    ("De Staatssecretaris van Volksgezondheid, Welzijn en Sport,\n\nT.W. Claassen-Mahmoud",
     "Staatssecretaris Claassen-Mahmoud", "Volksgezondheid, Welzijn en Sport"),
    ("De Minister van Onderwijs, Cultuur en Wetenschap,\n\nC.D. Ruhl-Amankwah",
     "Minister Ruhl-Amankwah", "Onderwijs, Cultuur en Wetenschap"),
    ("DE STAATSSECRETARIS VAN DEFENSIE\n\ndrs. J.C. Vanderbilt-Hamdi", "Staatssecretaris Vanderbilt-Hamdi", "Defensie"),
    ("De Staatssecretaris van Financiën - Toeslagen en Douane,\n\nmr. S.N. Verkerk-Idrissi",
     "Staatssecretaris Verkerk-Idrissi", "Financiën"),
    ("De Staatssecretaris van Financiën - Fiscaliteit, Belastingdienst en Douane,\n\nG.F. Ouwerkerk-Mensah",
     "Staatssecretaris Ouwerkerk-Mensah", "Financiën"),
    ("Hoogachtend,\n\nde Staatssecretaris Jeugd, Preventie en Sport,\n\nK.L. Zandvliet-Boateng",
     "Staatssecretaris Zandvliet-Boateng", "Financiën"),  # no ministry signed: the one asked
    ("De Minister van Justitie en Veiligheid,\n\nM.H.M. Faber-van de Klashorst",
     "Minister Faber-van de Klashorst", "Justitie en Veiligheid"),
    ("De Minister voor Basis- en Voortgezet Onderwijs en Media,\n\nP.A. Dekkers-Ntuli",
     "Minister Dekkers-Ntuli", "Basis- en Voortgezet Onderwijs en Media"),
])
def test_signature_variants(signature, minister, ministry):
    letter = parse_text(ministry_letter(signature), Path("brief.txt"))
    assert (letter.minister, letter.ministry) == (minister, ministry)
    # The signature ends the covering letter: it is not in a question or an answer.
    assert [p.questions for p in letter.pairs] == [[1]]
    assert letter.pairs[0].answer == "Veel."
    assert [(q.name, q.party) for q in letter.questioners] == [("Hanneke ter Wolde", "PvdA")]


def test_minister_without_a_ministry_of_their_own_takes_the_letterhead():
    signature = "De Minister voor Basis- en Voortgezet Onderwijs en Media,\n\nP.A. Dekkers-Ntuli"
    head = "Ministerie van Onderwijs, Cultuur en Wetenschap\n"
    letter = parse_text(ministry_letter(signature, head, "de Minister voor Basis- en Voortgezet Onderwijs en Media"),
                        Path("brief.txt"))
    assert letter.minister == "Minister Dekkers-Ntuli"
    assert letter.ministry == "Onderwijs, Cultuur en Wetenschap"


def test_signature_at_the_end_of_the_answers_is_not_part_of_the_last_answer():
    text = ministry_letter("Hoogachtend,") + "\nDE MINISTER VAN DEFENSIE\n\nmr. A.B. de Vries\n"
    letter = parse_text(text, Path("brief.txt"))
    assert letter.pairs[0].answer == "Veel."
    assert letter.minister == "Minister De Vries" and letter.ministry == "Defensie"
    assert "DE MINISTER VAN DEFENSIE" in letter.body


QA = """Vragen van het lid Jansen (SP) aan de Minister van Financiën over de kosten (ingezonden 3 mei 2026).

{}
"""


@pytest.mark.parametrize("headings, expected", [
    # "Vraag:" and "Antwoord:" without numbers: numbered in order.
    ("Vraag:\nWat kost het?\n\nAntwoord:\nVeel.\n\nVraag:\nWaarom?\n\nAntwoord:\nDaarom.", [[1], [2]]),
    ("Vraag: Wat kost het?\nAntwoord: Veel.\nVraag: Waarom?\nAntwoord: Daarom.", [[1], [2]]),
    # A period or a colon after the number.
    ("Vraag 1.\nWat kost het?\n\nAntwoord 1.\nVeel.\n\nVraag 2:\nWaarom?\n\nAntwoord 2:\nDaarom.", [[1], [2]]),
    ("Vraag 1\nWat?\n\nVraag 2\nWaarom?\n\nAntwoord op vraag 1 en 2\nDaarom.", [[1, 2]]),
    ("Vraag 1\nWat?\n\nAntwoord vraag 1\nIets.\n\nVraag 2\nWaarom?\n\nAntwoord op vraag 2\nDaarom.", [[1], [2]]),
    ("Vraag 1\nA?\n\nAntwoord 1\nJa.\n\nVraag 2\nB?\n\nAntwoord 2\nJa.\n\nVraag 3\nC?\n\nVraag 4\nD?\n\n"
     "Vraag 5\nE?\n\nAntwoorden op vragen 3 tot en met 5\nSamen.", [[1], [2], [3, 4, 5]]),
    ("Vraag 1\nA?\n\nAntwoord 1\nJa.\n\nVragen 2 t/m 4\nB, C en D?\n\nAntwoord op vragen 2 t/m 4\nNee.",
     [[1], [2, 3, 4]]),
])
def test_heading_variants(headings, expected):
    letter = parse_text(QA.format(headings), Path("x.txt"))
    assert letter.kind == "answer"
    assert [p.questions for p in letter.pairs] == expected
    assert all(p.question and p.answer for p in letter.pairs)
    assert "Vraag" not in letter.body and "Antwoord" not in letter.body


COMMITTEE = """Datum: 5 juni 2026
Betreft: Beantwoording vragen commissie over de begroting
Uw kenmerk: 2026Z01234
Ons kenmerk: FIN-2026/12345

De vaste commissie voor Financiën heeft mij op 1 mei de volgende punten voorgelegd:
1. de begroting;
2. de uitvoering.

Vragen en antwoorden

1. Hoeveel kost de uitvoering?
Antwoord
Veel.

2. Waarom is dat zo?

Antwoord:
Daarom.

De Minister van Financiën,

E. Heinen
"""


def test_committee_letter_with_numbered_questions_after_the_vragen_heading():
    letter = parse_text(COMMITTEE, Path("commissie.txt"))
    assert letter.kind == "answer"
    assert [p.questions for p in letter.pairs] == [[1], [2]]
    assert letter.pairs[0].question == "Hoeveel kost de uitvoering?" and letter.pairs[0].answer == "Veel."
    assert letter.pairs[1].answer == "Daarom."
    assert "1. de begroting;" in letter.body  # the covering letter's list stays in the letter
    assert letter.minister == "Minister Heinen" and letter.ministry == "Financiën"


def test_letterhead_labels_with_colons_and_their_reference():
    letter = parse_text(COMMITTEE, Path("commissie.txt"))
    assert letter.date == dt.date(2026, 6, 5)
    assert letter.title == "Beantwoording vragen commissie over de begroting"
    assert letter.reference == "FIN-2026/12345"  # ours, not the Kamer's "Uw kenmerk"
    assert letter.case_number == "2026Z01234"  # the Kamer's kenmerk is the case number
    assert "kenmerk" not in letter.body.lower()


@pytest.mark.parametrize("label", ["Ons kenmerk", "Kenmerk", "Onze referentie", "Ons kenmerk:"])
def test_reference_labels(label):
    text = f"Datum 5 juni 2026\nBetreft Een brief\nUw kenmerk\n2026Z01234\n{label}\n4567890\n\nDe tekst van de brief.\n"
    letter = parse_text(text, Path("brief.txt"))
    assert letter.reference == "4567890"
    assert letter.case_number == "2026Z01234"
    assert letter.body == "De tekst van de brief."


def test_only_their_reference_is_not_ours():
    text = "Datum 5 juni 2026\nBetreft Een brief\nUw kenmerk 2026Z01234\n\nDe tekst van de brief.\n"
    letter = parse_text(text, Path("brief.txt"))
    assert letter.reference is None
    assert letter.body == "De tekst van de brief."


def test_onderwerp_label_and_a_dated_place():
    text = ("Den Haag, 1 maart 2011\nOnderwerp Draagmoederschap\n"
            "Draagmoederschap is een complex onderwerp waar de samenleving zich betrokken bij voelt.\n")
    letter = parse_text(text, Path("brief.txt"))
    assert letter.title == "Draagmoederschap"
    assert letter.date == dt.date(2011, 3, 1)
    assert letter.kind == "letter"
    assert letter.body.startswith("Draagmoederschap is een complex onderwerp")
