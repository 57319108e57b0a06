"""The parser's second round of shortcuts gives what the code it replaced gives (issue 8).

This round moved work from Python to C and shares it: one Latin-1 encoding of a text serves
the binary check, the vocabulary and the delay notice; one scan of a text's lines serves several
line gates (``LineGate.union``); a letter's questions and answers are joined in one pass; a
replace runs only when its character is there. Each ``plain_*`` function below is the code a
shortcut replaced, compared on real, shipped and generated letters and on random text.
"""
from __future__ import annotations

import codecs
import re
import statistics
import unicodedata
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.letters import NotALetter, QAPair
from indexer.parse import describe, dutch, footnotes, headings, letterhead, pages, paragraphs, text
from indexer.parse.pairs import pair_items
from indexer.parse.paragraphs import Vocabulary, join_each, vocabulary_of
from test_parse_fast_paths import (  # noqa: F401 (the fixtures are used by name)
    FAST, _line_lists, _texts, line_lists, plain_join_paragraphs, plain_rejoin_inline_hyphens, texts,
)

#: Every character, to ask re which ones a pattern matches.
EVERY = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)


# --- One scan for several gates --------------------------------------------------------------------

UNIONS = [
    # The identifier's gate is not in the union: its head is one of DEBRIS_GATE's.
    (text._CLEAN_GATE, [pages.PAGE_EDGE_GATE, letterhead.LABEL_GATE, pages.DEBRIS_GATE,
                        footnotes.START_GATE, dutch.IDENTIFIER_GATE]),
    # The signature's gate is not in the union: its head is one of END_GATE's.
    (text._TEXT_GATE, [headings.HEADING_GATE, headings.END_GATE, dutch.SIGNATURE_GATE]),
]


def _check_unions(lines: list[str]):
    for union, gates in UNIONS:
        among = union.lines(lines)
        for gate in gates:
            assert gate.lines(lines, among=among) == gate.lines(lines), (gate, lines)


def test_a_union_gives_each_gate_the_lines_it_lets_through(line_lists):
    for lines in line_lists:
        _check_unions(lines)


@FAST
@given(lines=_line_lists)
def test_a_union_gives_each_gate_the_lines_it_lets_through_in_random_lines(lines):
    _check_unions(lines)


def _check_paginate(found: str):
    page_list, passing = pages.paginate(found, text._CLEAN_GATE)
    assert page_list == pages.split_pages(found) == pages.paginate(found)[0]
    lines = [line for page in page_list for line in page]
    assert passing == text._CLEAN_GATE.lines(lines)


def test_paginate_numbers_the_lines_through_the_pages(texts):
    for found in texts:
        _check_paginate(found)


@FAST
@given(found=_texts)
def test_paginate_numbers_the_lines_through_the_pages_in_random_text(found):
    _check_paginate(found)


def test_the_gates_left_out_of_a_union_have_their_head_in_a_gate_in_it():
    assert headings.END_GATE.head.endswith("|" + dutch.SIGNATURE_GATE.head)
    assert "|" + dutch.IDENTIFIER_GATE.head + "|" in pages.DEBRIS_GATE.head


@FAST
@given(lines=_line_lists)
def test_line_starts_are_where_the_lines_that_pass_start(lines):
    joined = "\n".join(lines)
    offsets = [sum(len(line) + 1 for line in lines[:i]) for i in range(len(lines))]
    for union, gates in UNIONS:
        for gate in [union, *gates]:
            assert gate.starts(joined) == [offsets[i] for i in gate.lines(lines)]


# --- Reading the text in C ---------------------------------------------------------------------------

def plain_decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        found = data.decode("utf-16", errors="replace")
    elif len(data) >= 4 and data.count(0) > len(data) // 3:
        odd_zeros = data[1::2].count(0) > data[0::2].count(0)
        found = data.decode("utf-16-le" if odd_zeros else "utf-16-be", errors="replace")
    else:
        try:
            found = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            found = data.decode("cp1252", errors="replace")
    return found.replace("\x00", "")


_ENCODED = st.builds(
    lambda s, encoding: s.encode(encoding, errors="replace"),
    st.text(st.sampled_from("aé\x00€ \n\u0130")),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"]),
)


@FAST
@given(data=st.one_of(st.binary(max_size=40), _ENCODED))
def test_decode_as_plainly_defined(data):
    assert text.decode(data) == plain_decode(data)


def plain_normalize_text(found: str) -> str:
    found = found.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    for invisible in ("\u00ad", "\u200b", "\ufeff"):
        found = found.replace(invisible, "")
    found = found.replace("\u00a0", " ").replace("\t", " ")
    found = found.replace("**", "")
    if ">" in found:
        found = text._QUOTE_RE.sub("", found)
    if "<http" in found:
        found = text._AUTOLINK_RE.sub(r"\1", found)
    return dutch.fix_spacing_accents(found)


_MARKUP = st.lists(st.sampled_from(
    ["a", "\r", "\n", "\r\n", "\t", "\x00", "\u00ad", "\u200b", "\ufeff", "\u00a0", "*", "**", ">", "> ",
     "<", "<http://x.nl/a>", "<https", "Kostic´", " "]), max_size=25).map("".join)


@FAST
@given(found=st.one_of(_MARKUP, _texts))
def test_normalize_text_as_plainly_defined(found):
    assert text.normalize_text(found) == plain_normalize_text(found)


def plain_reject_non_text(found: str) -> None:
    stripped = found.strip()
    if not stripped:
        raise NotALetter("leeg document: er staat geen tekst in")
    controls = len(re.findall(r"[\x00-\x09\x0b\x0d-\x1f\x7f-\x9f]", stripped))
    replaced = stripped.count("\ufffd")
    letters = sum(map(str.isalpha, stripped)) / len(stripped)
    if (controls + replaced) / len(stripped) > 0.02 or letters < text.MIN_LETTER_SHARE:
        raise NotALetter("geen leesbare tekst: het bestand lijkt binair of beschadigd")


def _verdict(reject, found: str) -> str | None:
    try:
        reject(found)
    except NotALetter as exc:
        return str(exc)
    return None


def _check_reject(found: str):
    mine = _verdict(lambda t: text._reject_non_text(t, t.encode("latin-1", "replace")), found)
    assert mine == _verdict(plain_reject_non_text, found)


def test_reject_non_text_as_plainly_defined(texts):
    for found in texts:
        _check_reject(found)


_CONTROLLED = st.text(st.one_of(
    st.sampled_from("ab \n\f\x0b\x1c\x85\x00\x9f\x7f\t\ufffdé€\u2003"),
    st.characters(max_codepoint=0x3000),
), max_size=60)
#: White space at a text's edges, control characters among it.
_EDGE = st.text(st.sampled_from(" \n\f\x0b\x1c\x85\u2003"), max_size=4)
_LETTERS_THEN_CONTROLLED = st.builds(lambda *parts: "".join(parts), _EDGE, st.text("ab", min_size=60),
                                     _CONTROLLED, _EDGE)


@FAST
@given(found=st.one_of(_CONTROLLED, _LETTERS_THEN_CONTROLLED))
def test_reject_non_text_as_plainly_defined_on_random_text(found):
    _check_reject(found)


@pytest.mark.parametrize("found", [
    "   " + "a" * 100 + "\x01\x01\x01", "\x0b\x1c" + "a" * 100 + "\x01\x01", "a" * 100 + "\x01\x01\x1c\x1c",
    "\u2003" + "a" * 20 + "1" * 50, " " * 10 + "a" * 30 + "€" * 70,
])
def test_reject_non_text_counts_only_the_stripped_text(found):
    _check_reject(found)


def test_the_control_characters_are_latin1():
    assert [c for c in EVERY if re.match(r"[\x00-\x09\x0b\x0d-\x1f\x7f-\x9f]", c)] == \
        [chr(b) for b in text._CONTROLS]


# --- The delay notice's clue ---------------------------------------------------------------------------

#: For each letter of the delay phrase, every character re's IGNORECASE matches to it.
_CASES = {letter: re.findall(f"(?i:{letter})", EVERY) for letter in set("nietbinnendegebruikelijketermijn")}


def test_every_case_of_the_delay_clue_is_found_in_the_lower_cased_latin1_bytes():
    """Each character re's IGNORECASE matches to a letter of *gebruikelijke* is, in Latin-1 bytes
    lower-cased, what _DELAY_CLUE_RE has at that letter."""
    word = "gebruikelijke"
    for at, letter in enumerate(word):
        for char in _CASES[letter]:
            cased = word[:at] + char + word[at + 1:]
            assert describe._DELAY_CLUE_RE.search(cased.encode("latin-1", "replace").lower()), (letter, char)


@st.composite
def _delay_texts(draw) -> str:
    words = ["niet", "binnen", "de", "gebruikelijke", "termijn"]
    cased = ["".join(draw(st.sampled_from(_CASES[c]) if draw(st.booleans()) else st.just(c)) for c in word)
             for word in words]
    spaces = [draw(st.sampled_from([" ", "\n", "  ", "\u2003", "\x1c", ""])) for _ in words[1:]]
    phrase = cased[0] + "".join(space + word for space, word in zip(spaces, cased[1:]))
    return draw(st.text("ab \n", max_size=5)) + phrase + draw(st.text("ab \n", max_size=5))


def _check_delay(found: str, extra: str = ""):
    plain = bool(describe._DELAY_RE.search(found))
    assert describe._says_delay(found, None) == plain
    # The bytes of a text with more lines than this one, as parse_text hands them over.
    more_lines = extra + "\n" + found
    assert describe._says_delay(found, more_lines.encode("latin-1", "replace").lower()) == plain


def test_delay_as_plainly_defined(texts):
    for found in texts:
        _check_delay(found)
    _check_delay("De vragen kunnen niet binnen de gebruikelijke termijn worden beantwoord.")


@FAST
@given(found=st.one_of(_delay_texts(), _texts), extra=st.text(max_size=10))
def test_delay_as_plainly_defined_on_random_text(found, extra):
    _check_delay(found, extra)


# --- Words, lines and paragraphs --------------------------------------------------------------------

def plain_normalize_space(found: str) -> str:
    found = found.replace("\u00ad", "").replace("\u200b", "")
    return re.sub(r"\s+", " ", found).strip()


@FAST
@given(found=st.one_of(st.text(), _texts))
def test_normalize_space_as_plainly_defined(found):
    assert dutch.normalize_space(found) == plain_normalize_space(found)


def test_only_two_ascii_characters_are_spacing_accents():
    """_clean_name looks at each character of a name only when it is not ASCII or has ^ or `."""
    assert [c for c in map(chr, range(128)) if unicodedata.category(c) == "Sk"] == ["^", "`"]


def plain_typical_line_length(lines: list[str]) -> int:
    lengths = [len(line.strip()) for line in lines if len(line.strip()) > 20]
    if len(lengths) < 4:
        return 0
    return int(statistics.quantiles(lengths, n=4)[2])


def test_typical_line_length_as_plainly_defined(line_lists):
    for lines in line_lists:
        assert paragraphs.typical_line_length(lines) == plain_typical_line_length(lines)


@FAST
@given(lengths=st.lists(st.integers(0, 300), max_size=60))
def test_typical_line_length_as_plainly_defined_on_random_lengths(lengths):
    lines = ["x" * n for n in lengths]
    assert paragraphs.typical_line_length(lines) == plain_typical_line_length(lines)


#: Characters for words: İ and Σ (counted whole), the Kelvin sign and what else lower-cases into
#: Latin-1 from outside it, "?" (what Latin-1 bytes hold for every other character), Latin-1.
_WORDISH = st.text(st.sampled_from("aAbBkK-- \n\x00é1_İΣσςı'’.¹\u212a?ÿŸẞ\u212bÉ€"), max_size=40)
_WORDISH_MOSTLY_ASCII = st.text(st.sampled_from("aAbBkK-- \n\x00é1_'.\u212a?ÿÉ€"), max_size=40)


def _check_vocabulary(found: str, extra: list[str]):
    counted = vocabulary_of(found)
    words = list(counted) + [w.upper() for w in counted] + [w.split("-")[0] + "-" for w in counted] + extra
    vocabulary = Vocabulary(found)
    for word in words:
        assert vocabulary.get(word, 0) == counted.get(word, 0), word


_WORDS = st.one_of(_WORDISH, _WORDISH_MOSTLY_ASCII)


@FAST
@given(found=_WORDS, extra=st.lists(_WORDS, max_size=5))
def test_vocabulary_found_in_bytes_counts_what_vocabulary_of_counts(found, extra):
    _check_vocabulary(found, extra)


def test_a_document_without_words_joins_no_hyphen():
    for found in ("Kinder-rechtencollectief en kinderrechtencollectief", "a-b cd-ef", ""):
        assert paragraphs._rejoin_inline_hyphens(found, Counter()) == \
            plain_rejoin_inline_hyphens(found, Counter()) == found


def _segments(lines: list[str], cuts: list[int]) -> list[list[str]]:
    bounds = sorted({0, len(lines), *(c % (len(lines) + 1) for c in cuts)})
    return [lines[a:b] for a, b in zip(bounds, bounds[1:])] + [[]]


def _check_join_each(found: str, cuts: list[int]):
    lines = found.split("\n")
    counted = vocabulary_of(found)
    segments = _segments(lines, cuts)
    for typical in (0, 60):
        assert join_each(segments, Vocabulary(found), typical) == \
            [plain_join_paragraphs(segment, counted, typical) for segment in segments]


def test_join_each_as_plainly_defined(texts):
    for found in texts:
        _check_join_each(found, [7, 40, 41, 90])


@FAST
@given(found=_texts, cuts=st.lists(st.integers(0, 60), max_size=4))
def test_join_each_as_plainly_defined_on_random_text(found, cuts):
    _check_join_each(found, cuts)


def test_join_each_with_a_blank_line_inside_a_line():
    segments = [["een\n\ntwee", "drie-", "vier"], ["vijf\n\n"], []]
    assert join_each(segments, Counter()) == [plain_join_paragraphs(s, Counter()) for s in segments]


# --- Pairs ------------------------------------------------------------------------------------------

def plain_pair_items(items: list[tuple[str, list[int], str]]) -> list[QAPair]:
    pairs: list[QAPair] = []
    waiting: list[tuple[list[int], str]] = []
    next_number = 1
    for role, numbers, found in items:
        if role == "vraag":
            numbers = numbers or [next_number]
            next_number = max(numbers) + 1
            waiting.append((numbers, found))
            continue
        covered = [q for q in waiting if set(q[0]) & set(numbers)] or list(waiting)
        if not covered and not numbers and pairs:
            pairs[-1].answer = f"{pairs[-1].answer}\n\n{found}" if pairs[-1].answer else found
            continue
        waiting = [q for q in waiting if not any(q is c for c in covered)]
        covered_numbers = sorted({n for q in covered for n in q[0]}) or numbers
        pairs.append(QAPair(covered_numbers, "\n\n".join(q[1] for q in covered), found))
    pairs.extend(QAPair(numbers, found, None) for numbers, found in waiting)
    pairs.sort(key=lambda p: min(p.questions, default=0))
    return pairs


_ITEMS = st.lists(st.tuples(st.sampled_from(["vraag", "antwoord"]), st.lists(st.integers(1, 6), max_size=3),
                            st.sampled_from(["", "a", "b"])), max_size=12)


@FAST
@given(items=_ITEMS)
def test_pair_items_as_plainly_defined(items):
    assert pair_items([(r, list(n), t) for r, n, t in items]) == \
        plain_pair_items([(r, list(n), t) for r, n, t in items])
