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
    ("Arie Slob", "Slob"),
    ("Hugo de Jonge", "De Jonge"),
    ("Koolmees", "Koolmees"),
])
def test_surname(name, expected):
    assert dutch.surname(name) == expected


def test_parse_signature():
    text = "Hoogachtend,\n\nDe Minister van Justitie en Veiligheid,\n\nD.M. Van Weel\n"
    assert dutch.parse_signature(text) == ("Minister Van Weel", "Justitie en Veiligheid")
    text = "de staatssecretaris van Financiën,\n \nA.P. van Rij"
    assert dutch.parse_signature(text) == ("Staatssecretaris Van Rij", "Financiën")
    assert dutch.parse_signature("De minister heeft gezegd dat,\nhet goed is") == (None, None)


def test_questioners_with_drafting_slips():
    found = dutch.parse_questioners(
        "Vragen van de leden lid Inge van Dijk (CDA), Bushoff en Patijn(beiden GroenLinks-PvdA) aan de minister"
    )
    assert [(q.name, q.party) for q in found] == [
        ("Inge van Dijk", "CDA"), ("Bushoff", "GroenLinks-PvdA"), ("Patijn", "GroenLinks-PvdA"),
    ]


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
