"""The head of a letter: letterhead labels, the Aanhangsel masthead, a draft's header lines."""
from __future__ import annotations

import datetime as dt

import pytest

from indexer.parse.letterhead import Letterhead, drop_draft_header, masthead_identifier, ministry_line


def test_labels_on_one_line_or_two_and_their_lines_taken():
    lines = ["Datum", "5 juni 2026", "Betreft Voortgang van de aanpak van het", "lerarentekort",
             "Onze referentie", "1400405", "", "De tekst."]
    head = Letterhead.read(lines)
    assert head.date == dt.date(2026, 6, 5)
    assert head.title == "Voortgang van de aanpak van het lerarentekort"
    assert head.reference == "1400405"
    assert head.used == {0, 1, 2, 3, 4, 5}


@pytest.mark.parametrize("line", ["Datum: 5 juni 2026", "Datum 05-06-2026", "Den Haag, 5 juni 2026",
                                  "’s-Gravenhage, 5 juni 2026"])
def test_date_variants(line):
    assert Letterhead.read([line, "", "Tekst."]).date == dt.date(2026, 6, 5)


def test_datum_label_wins_over_a_dated_place():
    head = Letterhead.read(["Den Haag, 1 juni 2026", "Datum 5 juni 2026"])
    assert head.date == dt.date(2026, 6, 5) and head.used == {1}


def test_a_date_label_followed_by_text_is_not_a_date():
    assert Letterhead.read(["Datum van inwerkingtreding is 1 juli 2026."]).date is None


@pytest.mark.parametrize("label", ["Ons kenmerk", "Onze referentie", "Kenmerk", "Referentie", "Ons kenmerk:"])
def test_our_reference(label):
    head = Letterhead.read(["Uw kenmerk 2026Z01234", f"{label} ABC-123"])
    assert head.reference == "ABC-123"
    assert head.their_reference == "2026Z01234"


def test_their_reference_alone_is_not_ours():
    head = Letterhead.read(["Uw kenmerk", "2026Z01234", "", "Uw brief (kenmerk) 2026Z05678"])
    assert head.reference is None and head.their_reference == "2026Z01234"
    assert head.used == {0, 1}


def test_title_stops_at_the_text_of_the_letter():
    head = Letterhead.read(["Onderwerp Draagmoederschap",
                            "Draagmoederschap is een complex onderwerp waar de samenleving zich"])
    assert head.title == "Draagmoederschap" and head.used == {0}


def test_ministry_line_masthead_and_draft_header():
    assert ministry_line("Retouradres\nMinisterie van Onderwijs, Cultuur en Wetenschap\n") == \
        "Onderwijs, Cultuur en Wetenschap"
    masthead = ("Tweede Kamer der Staten-Generaal 2\nVergaderjaar 2024–2025 Aanhangsel van de Handelingen\n"
                "Vragen gesteld door de leden der Kamer, met de daarop door de\nregering gegeven antwoorden\n545\n")
    assert masthead_identifier(masthead) == "ah-tk-20242025-545"
    assert drop_draft_header(["AH 605", "2024Z 18792", "Antwoord van ..."]) == (["Antwoord van ..."], "2024Z18792")
