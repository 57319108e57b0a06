"""Question and answer headings in each written style, and how answers take their questions."""
from __future__ import annotations

from collections import Counter

from indexer.parse.headings import find_headings, questions_start
from indexer.parse.pairs import pair_up


def _kinds(headings):
    return [(h.kind, h.numbers) for h in headings]


def test_vraag_and_antwoord_headings_with_the_signature_ending_the_pairs():
    lines = ["Vraag 1", "A?", "Vraag 2", "B?", "Antwoord op vragen 1 en 2", "Ja.",
             "", "De Minister van Financiën,", "", "E. Heinen"]
    headings = find_headings(lines, False, True, 0)
    assert _kinds(headings) == [("q", [1]), ("q", [2]), ("a", [1, 2]), ("end", [])]
    pairs, body = pair_up(lines, headings, Counter(), 0)
    assert [(p.questions, p.question, p.answer) for p in pairs] == [([1, 2], "A?\n\nB?", "Ja.")]
    assert body[-3:] == ["De Minister van Financiën,", "", "E. Heinen"]


def test_unnumbered_vraag_colon_only_next_to_answers():
    lines = ["Vraag:", "A?", "Antwoord:", "Ja.", "Vraag: B?", "Antwoord: Nee."]
    assert _kinds(find_headings(lines, False, True, 0)) == [("q", [1]), ("a", []), ("q", [2]), ("a", [])]
    assert find_headings(["Vraag:", "A?"], False, False, 0) == []


def test_numbered_questions_run_on_and_need_an_answer_between_them():
    lines = ["1. A?", "2. nog een vraag in vraag 1", "Antwoord", "Eerst:", "1. een lijst in het antwoord",
             "2. B?", "Antwoord", "Nee."]
    headings = find_headings(lines, False, True, 0)
    assert _kinds(headings) == [("q", [1]), ("a", []), ("q", [2]), ("a", [])]
    assert [h.index for h in headings] == [0, 2, 5, 6]


def test_questions_start_after_the_section_heading():
    assert questions_start(["Brief", "1. punt", "Vragen en antwoorden", "1. A?"]) == 3
    assert questions_start(["Brief", "Beantwoording van de vragen:", "1. A?"]) == 2
    assert questions_start(["Brief zonder kop"]) == 0


def test_unanswered_questions_become_pairs_without_an_answer():
    lines = ["Vraag 1", "A?", "Vraag 2", "B?", "Mededeling", "Later."]
    headings = find_headings(lines, False, False, 0)
    pairs, body = pair_up(lines, headings, Counter(), 0)
    assert [(p.questions, p.answer) for p in pairs] == [([1], None), ([2], None)]
    assert body == ["", "Mededeling", "Later."]


def test_an_office_line_with_a_delegated_signature_still_ends_the_pairs():
    lines = ["Vraag 1", "A?", "Antwoord 1", "Ja.", "", "De Minister van Financiën,", "namens deze,",
             "de directeur-generaal"]
    assert _kinds(find_headings(lines, False, True, 0))[-1] == ("end", [])
