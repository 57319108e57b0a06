"""Kamerstukken (moties, amendementen): title from their printed head, date from *Voorgesteld*."""
import datetime as dt
from pathlib import Path

import pytest

from indexer.parse import parse_file
from indexer.parse.text import file_identifier, parse_text

MOTIE = """TWEEDE KAMER DER STATEN-GENERAAL

36 999

Wijziging van de Wet op de waterkering (Waterwet 2026)

Nr. 14

MOTIE VAN DE LEDEN DE VRIES-AKSOY EN VAN DER LINDE

Voorgesteld 3 maart 2026

De Kamer,

gehoord de beraadslaging,

verzoekt de regering de dijken te versterken,

en gaat over tot de orde van de dag.
"""


def test_motie_title_and_date_from_its_head(tmp_path):
    letter = parse_text(MOTIE, tmp_path / "kst-36999-14__0a1b2c3d.docx")
    assert letter.id == "kst-36999-14"
    assert letter.kind == "other"
    assert letter.title == "Motie van de leden De Vries-Aksoy en Van der Linde — Wijziging van de Wet op de waterkering (Waterwet 2026)"
    assert letter.date == dt.date(2026, 3, 3)


def test_sentence_mentioning_a_motie_is_not_a_head(tmp_path):
    text = "Datum 5 juni 2026\nBetreft Uitvoering moties\n\nIk geef uitvoering aan de motie van het lid Six Dijkstra.\n"
    letter = parse_text(text, tmp_path / "brief.txt")
    assert letter.title == "Uitvoering moties"


def test_tweede_kamer_guid_is_not_part_of_the_identifier():
    assert file_identifier(Path("kst-36682-10__09b97518-8d7c-4a90-a090-28e45bc44920.docx")) == "kst-36682-10"
    assert file_identifier(Path("ah-tk-20242025-605.from-docx.txt")) == "ah-tk-20242025-605"


@pytest.mark.parametrize("name, title, date", [
    ("tk-moties-office/kst-36682-10__09b97518-8d7c-4a90-a090-28e45bc44920.docx",
     "Gewijzigde motie van het lid Claassen — Wijziging van een aantal wetten", dt.date(2025, 4, 22)),
    ("tk-moties-office/kst-21501-02-3121__d7a5dc6c-3636-4acd-8630-96c14e97dcce.pdf",
     "Motie van het lid Ceder — Raad Algemene Zaken en Raad Buitenlandse Zaken", dt.date(2025, 4, 10)),
    ("oep-pdf-odt/kst-32545-143.pdf",
     "Motie van de leden Inge van Dijk en Grinwis — Wet- en regelgeving financiële markten", dt.date(2021, 7, 6)),
])
def test_real_moties(corpus_real, name, title, date):
    letter = parse_file(corpus_real / name)
    assert letter.title.startswith(title)
    assert letter.date == date
