"""Lines → paragraphs: a line-end hyphen joins a split word and keeps a real compound."""
from __future__ import annotations

from indexer.parse.paragraphs import join_lines, join_paragraphs, typical_line_length, vocabulary_of


def test_split_word_joined_compound_kept():
    vocabulary = vocabulary_of("Het hiv-beleid en de hiv-diagnoses.")
    assert join_lines(["Het leerkli-", "maat"], vocabulary) == "Het leerklimaat"
    assert join_lines(["in Noord-", "Nederland"], vocabulary) == "in Noord-Nederland"
    assert join_lines(["het hiv-", "beleid"], vocabulary) == "het hiv-beleid"
    assert join_lines(["de ICT-", "systemen"], vocabulary) == "de ICT-systemen"


def test_the_documents_own_spelling_decides():
    assert join_lines(["de zorg-", "verzekeraar"], vocabulary_of("zorgverzekeraar")) == "de zorgverzekeraar"
    assert join_lines(["de zorg-", "verzekeraar"], vocabulary_of("zorg-verzekeraar zorg-verzekeraar")) \
        == "de zorg-verzekeraar"


def test_paragraphs_end_at_a_blank_line_or_a_short_sentence_end():
    lines = ["x" * 70 + " a", "x" * 70 + " b", "Kort einde.", "x" * 70 + " c", "x" * 70 + " d", "", "Nieuw."]
    typical = typical_line_length(lines)
    assert typical > 50
    paragraphs = join_paragraphs(lines, vocabulary_of(""), typical).split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].endswith("Kort einde.") and paragraphs[2] == "Nieuw."


def test_marker_only_lines_go():
    assert join_paragraphs(["Tekst.", "2, 3", "Meer tekst."], vocabulary_of("")) == "Tekst. Meer tekst."
