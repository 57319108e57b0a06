"""One letter, four formats: XML, HTML, ODT and PDF of ah-tk-20202021-3235 must read alike.

The XML is the reference. HTML and ODT text must match it exactly after white space is
normalised; PDF extraction may differ slightly (ligatures, hyphenation, page furniture), so its
texts must be at least 95 % similar (difflib ratio), pair by pair.
"""
from __future__ import annotations

import difflib

import pytest

from indexer.parse import parse_file
from indexer.parse.dutch import normalize_space

NAME = "ah-tk-20202021-3235"
FOLDERS = {"xml": "oep-xml", "html": "oep-html", "odt": "oep-pdf-odt", "pdf": "oep-pdf-odt"}
OTHERS = ["html", "odt", "pdf"]
#: How alike each format's pair texts must be to the XML's.
MIN_RATIO = {"html": 1.0, "odt": 1.0, "pdf": 0.95}


@pytest.fixture(scope="module")
def letters(corpus_real):
    """Parse each format lazily, once; a format whose parser fails fails only its own tests."""
    cache = {}

    def get(fmt):
        if fmt not in cache:
            cache[fmt] = parse_file(corpus_real / FOLDERS[fmt] / f"{NAME}.{fmt}")
        return cache[fmt]

    return get


def _text(value: str | None) -> str:
    return normalize_space(value or "")


@pytest.mark.parametrize("fmt", OTHERS)
def test_same_identifier_and_kind(letters, fmt):
    reference, letter = letters("xml"), letters(fmt)
    assert letter.format == fmt
    assert (letter.id, letter.kind) == (reference.id, reference.kind) == (NAME, "answer")


@pytest.mark.parametrize("fmt", OTHERS)
def test_same_metadata(letters, fmt):
    reference, letter = letters("xml"), letters(fmt)
    for field in ("submitted", "date", "minister", "ministry"):
        assert getattr(letter, field) == getattr(reference, field), field
    assert [(q.name, q.party) for q in letter.questioners] == [
        (q.name, q.party) for q in reference.questioners]


@pytest.mark.parametrize("fmt", OTHERS)
def test_same_pair_numbers(letters, fmt):
    assert [p.questions for p in letters(fmt).pairs] == [p.questions for p in letters("xml").pairs]


@pytest.mark.parametrize("fmt", OTHERS)
def test_same_question_and_answer_texts(letters, fmt):
    reference, letter = letters("xml"), letters(fmt)
    assert len(letter.pairs) == len(reference.pairs)
    for ours, theirs in zip(reference.pairs, letter.pairs):
        for part in ("question", "answer"):
            expected, got = _text(getattr(ours, part)), _text(getattr(theirs, part))
            ratio = difflib.SequenceMatcher(None, expected, got, autojunk=False).ratio()
            assert ratio >= MIN_RATIO[fmt], (
                f"{fmt} {part} {ours.questions}: ratio {ratio:.3f}\n xml: {expected}\n {fmt}: {got}")
