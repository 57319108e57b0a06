"""The query language: anything a user types is understood or explained, never an exception."""
import datetime as dt

import pytest

from indexer.query import compile_query, date_range, parse

BOOSTS = {"title": 3.0, "question": 1.5, "answer": 1.0, "body": 0.7, "people": 2.0}


def kinds(q):
    return [[(c.kind, c.text, c.field, c.negated) for c in g] for g in parse(q).groups]


def test_words_phrases_exclusions_and_or():
    assert kinds('palantir "Koninklijke Marechaussee" -defensie') == [
        [("word", "palantir", None, False)],
        [("phrase", "Koninklijke Marechaussee", None, False)],
        [("word", "defensie", None, True)],
    ]
    assert kinds("stikstof OF ammoniak boeren") == [
        [("word", "stikstof", None, False), ("word", "ammoniak", None, False)],
        [("word", "boeren", None, False)],
    ]
    assert kinds("a OR b") == kinds("a OF b")


def test_dutch_field_filters():
    assert kinds('minister:"Van Weel" partij:D66 indiener:podt ministerie:defensie datum:2024') == [
        [("field", "Van Weel", "minister", False)],
        [("field", "D66", "party", False)],
        [("field", "podt", "questioner", False)],
        [("field", "defensie", "ministry", False)],
        [("field", "2024", "date", False)],
    ]


def test_unknown_field_is_searched_as_text():
    assert kinds("14:30") == [[("word", "14:30", None, False)]]
    assert kinds("https://example.org") == [[("word", "https://example.org", None, False)]]


@pytest.mark.parametrize("raw", ['"', "*", "-", "OF", '""', "a*", "::", ":", "-*", "\x00", "(((", "x" * 5000])
def test_hostile_input_never_raises_and_explains(raw):
    parsed = parse(raw)
    compiled = compile_query(parsed, None, BOOSTS, "dutch_porter")
    assert parsed.groups or parsed.notices or compiled.query is None


def test_lone_quote_and_bare_star_are_explained():
    assert any("aanhalingsteken" in n for n in parse('palantir "kmar').notices)
    assert any("*" in n for n in parse("*").notices)
    assert parse("*").is_empty


def test_long_query_is_cut_with_a_notice():
    parsed = parse("woord " * 2000)
    assert parsed.notices
    assert len(parsed.groups) <= 32


def test_date_ranges():
    assert date_range("2024") == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert date_range("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_range("2024-05-01") == (dt.date(2024, 5, 1), dt.date(2024, 5, 1))
    assert date_range("2024-13") is None
    assert date_range("gisteren") is None


def test_prefix_text_is_not_stemmed():
    # Whoosh's own parser turns belasting* into belast*; ours keeps what the user typed.
    parsed = parse("belasting*")
    assert parsed.groups[0][0].kind == "prefix"
    assert parsed.groups[0][0].text == "belasting"
