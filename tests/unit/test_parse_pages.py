"""Page furniture: which lines belong to the page, and where pages end."""
from __future__ import annotations

import pytest

from indexer.parse.pages import is_debris, split_pages, trim


@pytest.mark.parametrize("line", [
    "ISSN 0921 - 7398 ’s-Gravenhage 2024",
    "Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2",
    "ah-tk-20242025-594",
    "Pagina 2 van 3",
    "> Retouradres Postbus 20018 2500 EA Den Haag".lstrip("> "),
    "2500 EA DEN HAAG",
    "www.rijksoverheid.nl",
    "Vergaderjaar 2024–2025 Aanhangsel van de Handelingen",
    "Uw kenmerk",
])
def test_debris(line):
    assert is_debris(line)


@pytest.mark.parametrize("line", [
    "", "Het antwoord is ja.", "Zie www.rijksoverheid.nl/onderwerpen/netcongestie voor meer.",
    "Vraag 1", "De Minister van Financiën,",
])
def test_not_debris(line):
    assert not is_debris(line)


def test_pages_end_at_a_form_feed_a_footer_and_before_a_page_header():
    text = "een\ntwee\fdrie\nTweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2\nvier\nPagina 2 van 3\nvijf"
    assert split_pages(text) == [
        ["een", "twee"],
        ["drie", "Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2"],
        ["vier"],
        ["Pagina 2 van 3", "vijf"],
    ]


def test_trim_keeps_inner_blank_lines():
    assert trim(["", " ", "a", "", "b", ""]) == ["a", "", "b"]
