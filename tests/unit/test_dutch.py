"""The shared Dutch phrase readers: dates, question numbers, names, signatures, identifiers."""
from __future__ import annotations

import datetime as dt

import pytest

from indexer.parse import dutch


@pytest.mark.parametrize("text, expected", [
    ("1", [1]),
    ("2 en 3", [2, 3]),
    ("1,2,3,4 en 5", [1, 2, 3, 4, 5]),
    ("3, 4 en 5", [3, 4, 5]),
    ("1 t/m 3", [1, 2, 3]),
    ("2 tot en met 4", [2, 3, 4]),
    ("6, 7, 8 9 en 10", [6, 7, 8, 9, 10]),
    ("4-6", [4, 5, 6]),
    ("1 en 1", [1]),
])
def test_parse_numbers(text, expected):
    assert dutch.parse_numbers(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("(ontvangen 18 november2024)", dt.date(2024, 11, 18)),
    ("18november 2024", dt.date(2024, 11, 18)),
    ("5 jun. 2026", dt.date(2026, 6, 5)),
    ("2026-06-05", dt.date(2026, 6, 5)),
    ("31 februari 2024", None),
])
def test_parse_date(text, expected):
    assert dutch.parse_date(text) == expected


def test_received_date_prefers_the_parenthesised_phrase():
    text = "nog niet alle informatie is ontvangen. Ik streef ... (ontvangen 14 november 2024)"
    assert dutch.received_date(text) == dt.date(2024, 11, 14)
    assert dutch.submitted_date("over X (ingezonden\n30 oktober 2024).") == dt.date(2024, 10, 30)


def test_find_identifier_only_on_its_own_line():
    assert dutch.find_identifier("tekst\n  \nah-tk-20242025-594\nISSN 0921 - 7398") == "ah-tk-20242025-594"
    assert dutch.find_identifier("kv-tk-2024Z18775\n") == "kv-tk-2024Z18775"
    assert dutch.find_identifier("zie ah-tk-20242025-594 in de tekst") is None
    assert dutch.aanhangsel_identifier("Tweede Kamer", "2024–2025", "545") == "ah-tk-20242025-545"


@pytest.mark.parametrize("name, expected", [
    ("D.M. Van Weel", "Van Weel"),
    ("D.M. van Weel", "Van Weel"),
    ("Arie Slob", "Slob"),
    ("Hugo de Jonge", "De Jonge"),
    ("Koolmees", "Koolmees"),
    # Double-barrelled surnames stay whole, whatever the second half starts with.
    ("M.T. Demir-van Loon", "Demir-van Loon"),
    ("H. Blokzijl-El Amrani", "Blokzijl-El Amrani"),
    ("A. Vermeulen-van 't Hof", "Vermeulen-van 't Hof"),
    ("M.H.M. Faber-van de Klashorst", "Faber-van de Klashorst"),
    ("M.H.M. Faber – Van de Klashorst", "Faber-van de Klashorst"),
    ("J.A. in 't Zand-op de Weegh", "In 't Zand-op de Weegh"),
    ("Demir-van Loon", "Demir-van Loon"),
    ("Dilan Yeşilgöz-Zegerius", "Yeşilgöz-Zegerius"),
    # Titles and degrees are not part of the name.
    ("mr. S.N. Verkerk-Idrissi", "Verkerk-Idrissi"),
    ("drs. J.C. Vanderbilt-Hamdi", "Vanderbilt-Hamdi"),
    ("prof. dr. R.H. Dijkgraaf", "Dijkgraaf"),
    ("ir. Th. de Graaf", "De Graaf"),
    ("J. Jansen MSc", "Jansen"),
    ("E.I. SCHIPPERS", "Schippers"),
])
def test_surname(name, expected):
    assert dutch.surname(name) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hoogachtend,\n\nDe Minister van Justitie en Veiligheid,\n\nD.M. Van Weel\n",
     ("Minister Van Weel", "Justitie en Veiligheid")),
    ("de staatssecretaris van Financiën,\n \nA.P. van Rij", ("Staatssecretaris Van Rij", "Financiën")),
    # A ministry with commas.
    ("De Staatssecretaris van Volksgezondheid, Welzijn en Sport,\n\nT.W. Claassen-Mahmoud",
     ("Staatssecretaris Claassen-Mahmoud", "Volksgezondheid, Welzijn en Sport")),
    ("De Minister van Onderwijs, Cultuur en Wetenschap,\n\nC.D. Ruhl-Amankwah",
     ("Minister Ruhl-Amankwah", "Onderwijs, Cultuur en Wetenschap")),
    # In capitals, without a comma; a title before the name.
    ("DE STAATSSECRETARIS VAN DEFENSIE\n\ndrs. J.C. Vanderbilt-Hamdi",
     ("Staatssecretaris Vanderbilt-Hamdi", "Defensie")),
    ("DE MINISTER VAN VOLKSGEZONDHEID, WELZIJN EN SPORT,\n\nE.I. SCHIPPERS",
     ("Minister Schippers", "Volksgezondheid, Welzijn en Sport")),
    ("De Staatssecretaris van Financiën - Toeslagen en Douane,\n\nmr. S.N. Verkerk-Idrissi",
     ("Staatssecretaris Verkerk-Idrissi", "Financiën")),
    ("De Minister van Buitenlandse Zaken,\n\ndr. A.B. Jansen", ("Minister Jansen", "Buitenlandse Zaken")),
    ("De Minister van Defensie,\n\nir. A.B. Jansen", ("Minister Jansen", "Defensie")),
    ("De Minister van Defensie,\n\nprof. dr. A.B. Jansen", ("Minister Jansen", "Defensie")),
    # A portfolio after a dash belongs to the ministry before it.
    ("De Staatssecretaris van Financiën - Fiscaliteit, Belastingdienst en Douane,\n\nG.F. Ouwerkerk-Mensah",
     ("Staatssecretaris Ouwerkerk-Mensah", "Financiën")),
    # A portfolio without "van" names no ministry (the letter's other sources do).
    ("Hoogachtend,\n\nde Staatssecretaris Jeugd, Preventie en Sport,\n\nK.L. Zandvliet-Boateng",
     ("Staatssecretaris Zandvliet-Boateng", None)),
    # A minister without a ministry of their own: the portfolio (the letterhead may say more).
    ("De Minister voor Basis- en Voortgezet Onderwijs en Media,\n\nP.A. Dekkers-Ntuli",
     ("Minister Dekkers-Ntuli", "Basis- en Voortgezet Onderwijs en Media")),
    ("De Minister-President, Minister van Algemene Zaken,\n\nM. Rutte", ("Minister-President Rutte", "Algemene Zaken")),
    # The closing formula on the office line, and an office line wrapped in two.
    ("Met vriendelijke groet, De Minister van Justitie en Veiligheid,\nD.M. van Weel",
     ("Minister Van Weel", "Justitie en Veiligheid")),
    ("De Minister van Onderwijs, Cultuur en\nWetenschap,\n\nR.H. Dijkgraaf", ("Minister Dijkgraaf", "Onderwijs, Cultuur en Wetenschap")),
    ("De Minister van Justitie en Veiligheid,\n\nM.T. Demir-van Loon", ("Minister Demir-van Loon", "Justitie en Veiligheid")),
    ("De Minister van Justitie en Veiligheid,\n\nH. Blokzijl-El Amrani", ("Minister Blokzijl-El Amrani", "Justitie en Veiligheid")),
])
def test_parse_signature(text, expected):
    assert dutch.parse_signature(text) == expected


@pytest.mark.parametrize("text", [
    "De minister heeft gezegd dat,\nhet goed is",
    "De minister van Financiën heeft gezegd,\nDat het goed is",
    "De minister van Financiën\nheeft dit besloten.",
    "De Minister van Financiën,\n\nnamens deze,\nDe directeur",
    "De Staatssecretaris van Financiën,\n\n12 mei 2024",
    "De Ministers van Financiën en van Defensie,\n\nA. Jansen",
])
def test_parse_signature_needs_an_office_line_and_a_name(text):
    assert dutch.parse_signature(text) == (None, None)


@pytest.mark.parametrize("line, expected", [
    ("D.M. van Weel", True), ("Arie Slob", True), ("mr. S.N. Verkerk-Idrissi", True),
    ("Ş. Yılmaz", True), ("J.-P. Balkenende", True),
    ("Hoogachtend,", False), ("namens deze,", False), ("Zie ook.", False), ("12 mei 2024", False),
    ("Dit is een zin die veel te lang is om een naam te zijn, met komma's", False),
])
def test_is_name(line, expected):
    assert dutch.is_name(line) is expected


def test_ministry_in_capitals_is_written_as_a_name():
    assert dutch.normalize_ministry("DEFENSIE") == "Defensie"
    assert dutch.normalize_ministry("VOLKSGEZONDHEID, WELZIJN EN SPORT") == "Volksgezondheid, Welzijn en Sport"
    assert dutch.normalize_ministry("OCW") == "OCW"


def test_questioners_with_drafting_slips():
    found = dutch.parse_questioners(
        "Vragen van de leden lid Inge van Dijk (CDA), Bushoff en Patijn(beiden GroenLinks-PvdA) aan de minister"
    )
    assert [(q.name, q.party) for q in found] == [
        ("Inge van Dijk", "CDA"), ("Bushoff", "GroenLinks-PvdA"), ("Patijn", "GroenLinks-PvdA"),
    ]


@pytest.mark.parametrize("sentence, expected", [
    ("Vragen van het lid Hanneke ter Wolde (PvdA) aan de Minister van Financiën over iets",
     [("Hanneke ter Wolde", "PvdA")]),
    ("Vragen van de leden Marloes ter Wolde en Wolters (beiden NSC) aan de Staatssecretaris van Defensie",
     [("Marloes ter Wolde", "NSC"), ("Wolters", "NSC")]),
    ("Vragen van de leden Lie-Nguyen en Hanneke ter Wolde-van der Meer (beiden PvdA) over de zorg "
     "(ingezonden 3 mei 2018)", [("Lie-Nguyen", "PvdA"), ("Hanneke ter Wolde-van der Meer", "PvdA")]),
    ("Vragen van het lid Jelle van den Berg (GroenLinks) aan het kabinet", [("Jelle van den Berg", "GroenLinks")]),
    ("Vragen van het lid Jelle in 't Zand (VVD) (ingezonden 3 mei 2018)", [("Jelle in 't Zand", "VVD")]),
    ("Vragen van het lid Kops (PVV) ter beantwoording aan de Minister", [("Kops", "PVV")]),
])
def test_questioners_named_with_a_first_name_and_a_prefix(sentence, expected):
    assert [(q.name, q.party) for q in dutch.parse_questioners(sentence)] == expected


def test_answerer_double_surname_in_one_spelling():
    for written in ("Faber – van de Klashorst", "Faber – Van de Klashorst", "Faber-Van de Klashorst",
                    "Faber - Van de Klashorst"):
        sentence = f"Antwoord van minister {written} (Asiel en Migratie) (ontvangen 20 november 2024)"
        assert dutch.parse_answerer(sentence) == ("Minister Faber-van de Klashorst", "Asiel en Migratie")
    assert dutch.parse_answerer("Antwoord van Minister Van Weel (Justitie en Veiligheid)")[0] == "Minister Van Weel"


def test_answerer_with_a_lost_parenthesis():
    sentence = "Antwoord van staatssecretaris Karremans (Volksgezondheid, Welzijn en Sport (ontvangen 20 november 2024)"
    assert dutch.parse_answerer(sentence) == ("Staatssecretaris Karremans", "Volksgezondheid, Welzijn en Sport")


def test_asked_ministry_stops_at_a_side_remark():
    sentence = ("Mondelinge vragen van het lid Van der Plas (BBB) aan de Staatssecretaris van Binnenlandse "
                "Zaken en Koninkrijksrelaties, bij afwezigheid van de Minister, over het bericht")
    assert dutch.asked_ministry(sentence) == "Binnenlandse Zaken en Koninkrijksrelaties"


def test_fix_spacing_accents():
    assert dutch.fix_spacing_accents("Kostic´ (PvdD) en Yes¸ilgöz") == "Kostić (PvdD) en Yeşilgöz"
    assert dutch.fix_spacing_accents("Kostic ´ (PvdD)") == "Kostić (PvdD)"
    assert dutch.fix_spacing_accents("van ´s-Gravenhage") == "van ´s-Gravenhage"
