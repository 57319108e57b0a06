"""The parser's fast paths give what the plain definitions they replace give (issue 8).

Parsing a text letter asks few questions of each line now: a :class:`LineGate` lets only the
lines that start with a pattern's first word through to the pattern, footnote markers are read
only when a footnote asks for them, and a letter's vocabulary is counted only for the words looked
up. Each ``plain_*`` function below is the code a fast path replaced (or the rule it reads),
compared on real, shipped and generated letters and on random text from hypothesis.
"""
from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.parse import dutch, footnotes, headings, letterhead, pages, paragraphs, text
from indexer.parse.dutch import parse_numbers, parse_signature, signature_at
from indexer.parse.footnotes import (
    _BlockEnds, _split_footnote_block, extract_footnotes, footnote_start, markers_in,
)
from indexer.parse.headings import (
    A_HEADING_RE, BARE_Q_HEADING_RE, Q_HEADING_RE, Heading, _ends_pairs, _numbered_headings,
    _paragraph_headings, find_headings, has_answer_heading, is_heading_line,
)
from indexer.parse.letterhead import Letterhead, drop_draft_header
from indexer.parse.linestarts import LineGate
from indexer.parse.pages import LONE_NUMBERS_RE, debris_lines, is_debris, split_pages, trim
from indexer.parse.paragraphs import Vocabulary, join_lines, join_paragraphs, vocabulary_of
from indexer.parse.text import _clean, decode, normalize_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS_REAL = ROOT.parent / "shared" / "corpus-real"
#: Every gate once, by the name of the module that made it (text makes the unions of the others).
GATES = list({id(gate): (f"{module.__name__}.{name}", gate)
              for module in (text, dutch, headings, footnotes, letterhead, pages)
              for name, gate in vars(module).items() if isinstance(gate, LineGate)}.values())


# --- The letters ---------------------------------------------------------------------------------

def _generated_texts(folder: Path) -> list[str]:
    generator = ROOT / "corpus" / "generate.py"
    spec = importlib.util.spec_from_file_location("vraagbaak_corpus_generate_fast", generator)
    gen = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = gen  # dataclasses look their module up in sys.modules
    spec.loader.exec_module(gen)
    return [decode(path.read_bytes()) for path in gen.generate(folder, 150, seed=88, formats=("txt",))]


def _real_texts() -> list[str]:
    """The text each real letter hands to parse_text: text files, PDF pages, office paragraphs."""
    from indexer.letters import NotALetter
    from indexer.parse.office import read_office
    from indexer.parse.pdf import extract_pages

    texts = []
    for path in sorted(CORPUS_REAL.rglob("*")) if CORPUS_REAL.is_dir() else []:
        suffix = path.suffix.lower()
        try:
            if suffix == ".txt":
                texts.append(decode(path.read_bytes()))
            elif suffix == ".pdf":
                texts.append("\f".join(extract_pages(path)))
            elif suffix in (".odt", ".docx"):
                texts.append("\n\n".join(read_office(path)[0]))
        except NotALetter:
            continue
    return texts


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> list[str]:
    """Normalised texts of generated, shipped and (when ../shared is there) real letters."""
    shipped = [decode(path.read_bytes()) for path in sorted((ROOT / "corpus").rglob("*.txt"))]
    found = _generated_texts(tmp_path_factory.mktemp("generated")) + shipped + _real_texts()
    return [normalize_text(text) for text in found]


@pytest.fixture(scope="module")
def line_lists(texts) -> list[list[str]]:
    """Every list of lines a stage of the parser sees: raw lines, pages, and a letter's lines."""
    lists = []
    for text in texts:
        lists.append(text.split("\n"))
        lists += split_pages(text)
        lists.append(drop_draft_header(_clean(text)[0])[0])
    return lists


# Random text: lines the parser has rules for, mixed with any text at all.
_LINES = [
    "Vraag 1", "Vraag 2", "Vragen 3 en 4", "Vraag:", "Vraag", "Antwoord 1", "Antwoord op vraag 2",
    "Antwoord", "Antwoord:", "Antwoord op vragen 3 en 4", "1", "2", "2.", "1. Bent u bekend met",
    "1 NOS, 3 mei 2026", "¹ Follow The Money", "[2] Website", "3) Kamerstuk 1, nr. 2", "2, 3 en 4",
    "ISSN 0921 - 7398", "Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 2", "Pagina 2 van 3",
    "ah-tk-20242025-594", " kst-36600-12 ", "blg-1007826", "kv-tk-2024Z18775", "Datum 5 juni 2026",
    "Datum", "5 juni 2026", "Betreft Iets over niets",
    "Onze referentie 1234567", "Uw kenmerk 2024Z01234", "Den Haag, 5 juni 2026", "Postbus 20011",
    "2500 EA Den Haag", "www.rijksoverheid.nl", "De Minister van Financiën,", "de minister",
    "Hoogachtend,", "Met vriendelijke groet,", "A.B. de Vries", "Mededeling", "Vragen",
    "het bericht?1 Heeft u", "zoals gemeld¹ en later²", "leerkli-", "maat", "hiv-beleid", "het hiv-",
    "infecties", "Noord-", "Nederland", "zie https://", "/pad/naar", "", " ", "---", "AH 605",
    "2024Z18792", "Het kabinet heeft in 1992 een aanzet gegeven met een bijna-gratis kinderopvang.",
]
_line = st.one_of(
    st.sampled_from(_LINES),
    st.builds(str.__add__, st.sampled_from(["", " ", "  ", "\t", "\u00a0"]), st.sampled_from(_LINES)),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=30),
)
_line_lists = st.lists(_line, max_size=30)
_texts = st.lists(st.one_of(_line, st.just("\f")), max_size=40).map("\n".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- LineGate --------------------------------------------------------------------------------------

def test_every_gate_lets_through_every_line_its_patterns_match(line_lists):
    for name, gate in GATES:
        for lines in line_lists:
            passed = set(gate.lines(lines))
            matched = {i for i, line in enumerate(lines) if any(p.match(line) for p in gate.patterns)}
            assert matched <= passed, (name, [lines[i] for i in matched - passed])


@pytest.mark.parametrize("name, gate, pattern", [(name, gate, pattern) for name, gate in GATES
                                                  for pattern in gate.patterns],
                         ids=[f"{name}-{k}" for name, gate in GATES for k in range(len(gate.patterns))])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_gate_lets_through_what_its_patterns_match_in_random_lines(name, gate, pattern, data):
    line = data.draw(st.from_regex(pattern))
    if pattern.match(line):
        assert gate.admits(line), (name, line)
        assert 1 in gate.lines(["tekst", line, "tekst"]), (name, line)


@FAST
@given(lines=st.lists(st.one_of(_line, st.text(max_size=5)), max_size=20))
def test_gate_lines_are_the_lines_it_admits(lines):
    for _, gate in GATES:
        expected = ([i for i, line in enumerate(lines) if gate.admits(line)]
                    if not any("\n" in line for line in lines) else list(range(len(lines))))
        assert gate.lines(lines) == expected
        assert gate.lines(lines, "\n".join(lines)) == expected


# --- Pages and debris ------------------------------------------------------------------------------

def plain_split_pages(text: str) -> list[list[str]]:
    page_lines = []
    for chunk in text.split("\f"):
        current: list[str] = []
        for line in chunk.split("\n"):
            if pages._PAGE_NUMBER_RE.match(line) and current:
                page_lines.append(current)
                current = []
            current.append(line.rstrip())
            if pages.FOOTER_RE.match(line):
                page_lines.append(current)
                current = []
        page_lines.append(current)
    return [page for page in page_lines if any(line.strip() for line in page)]


def plain_is_debris(line: str) -> bool:
    return bool(pages._DEBRIS_RE.match(line)) and bool(line.strip())


def test_pages_and_debris_as_plainly_defined(texts, line_lists):
    for text in texts:
        assert split_pages(text) == plain_split_pages(text)
    for lines in line_lists:
        assert debris_lines(lines) == {i for i, line in enumerate(lines) if plain_is_debris(line)}
        assert [is_debris(line) for line in lines] == [plain_is_debris(line) for line in lines]


@FAST
@given(text=_texts)
def test_pages_and_debris_as_plainly_defined_on_random_text(text):
    assert split_pages(text) == plain_split_pages(text)
    lines = text.split("\n")
    assert debris_lines(lines) == {i for i, line in enumerate(lines) if plain_is_debris(line)}


# --- Letterhead and footnotes ----------------------------------------------------------------------

def plain_letterhead(lines: list[str]) -> Letterhead:
    """Letterhead.read trying every line."""
    lh = letterhead
    head = Letterhead()
    date_text = place_date = None
    for i, line in enumerate(lines):
        if not lh._ANY_LABEL_START_RE.match(line):
            continue
        if m := lh._DATE_LABEL_RE.match(line):
            value, used = lh._labelled_value(lines, i, m, lh._is_date)
            if value and (date_text is None or dutch.parse_date(value) == head.date):
                date_text = date_text or value
                head.date = head.date or dutch.parse_date(value)
                head.used.update(used)
        elif m := lh._REFERENCE_LABEL_RE.match(line):
            value, used = lh._labelled_value(lines, i, m, lh._is_reference)
            if value and head.reference in (None, value):
                head.reference = value
                head.used.update(used)
        elif m := lh._THEIR_REFERENCE_LABEL_RE.match(line):
            value, used = lh._labelled_value(lines, i, m, lh._is_reference)
            if value and head.their_reference in (None, value):
                head.their_reference = value
                head.used.update(used)
        elif place_date is None and (m := lh._PLACE_DATE_RE.match(line)) and lh._is_date(m.group("value")):
            place_date = (dutch.parse_date(m.group("value")), i)
        elif head.title is None and (m := lh._TITLE_LABEL_RE.match(line)):
            head.title, used = lh._read_title(lines, i, m.group("value").strip())
            head.used.update(used)
    if head.date is None and place_date:
        head.date = place_date[0]
        head.used.add(place_date[1])
    return head


def plain_extract_footnotes(page_list: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """extract_footnotes looking at every line and reading every kept line's markers."""
    notes: list[str] = []
    seen: set[int] = set()
    out_pages = []
    for page in page_list:
        kept: list[str] = []
        starts = [footnote_start(line) for line in page]
        stops = _BlockEnds(page)
        last_text = next((j for j in range(len(page) - 1, -1, -1) if page[j].strip()), -1)
        last_start = {start[0]: j for j, start in enumerate(starts) if start}
        i = 0
        while i < len(page):
            start = starts[i]
            expected = len(notes) + 1
            if start and start[0] in (expected, expected + 1):
                end = stops[i + 1]
                plausible = start[0] in seen or (end > last_text and start[0] == expected)
                repeated = last_start[start[0]] > i
                if plausible and not repeated:
                    block = page[i:end]
                    if not any(is_heading_line(line) for line in block):
                        notes += _split_footnote_block(block, start[0])
                        i = end
                        continue
            seen |= markers_in(page[i])
            kept.append(page[i])
            i += 1
        out_pages.append(kept)
    return out_pages, notes


def plain_clean(text: str):
    """text._clean from the plain definitions above."""
    page_list = plain_split_pages(text)
    head = plain_letterhead([line for page in page_list for line in page])
    cleaned, n = [], 0
    for page in page_list:
        cleaned.append(["" if (n + i) in head.used or plain_is_debris(line) else line
                        for i, line in enumerate(page)])
        n += len(page)
    cleaned, notes = plain_extract_footnotes(cleaned)
    identifier = dutch.IDENTIFIER_RE.search(text)
    return [line for page in cleaned for line in trim(page)], notes, head, identifier and identifier.group(1)


def test_letterhead_and_footnotes_as_plainly_defined(texts, line_lists):
    for lines in line_lists:
        assert Letterhead.read(lines) == plain_letterhead(lines)
    for text in texts:
        assert _clean(text) == plain_clean(text)


@FAST
@given(text=_texts)
def test_letterhead_and_footnotes_as_plainly_defined_on_random_text(text):
    assert Letterhead.read(text.split("\n")) == plain_letterhead(text.split("\n"))
    assert _clean(text) == plain_clean(text)
    page_list = [page.split("\n") for page in text.split("\f")]
    assert extract_footnotes(page_list) == plain_extract_footnotes(page_list)


# --- Headings and signatures -----------------------------------------------------------------------

def plain_find_headings(lines, questions_doc, answers_doc, start) -> list[Heading]:
    """find_headings trying every line."""
    found: list[Heading] = []
    numbered = any(Q_HEADING_RE.match(line) for line in lines)
    bare = not numbered and answers_doc and any(BARE_Q_HEADING_RE.match(line) for line in lines)
    if numbered or bare:
        for i, line in enumerate(lines):
            if m := Q_HEADING_RE.match(line):
                found.append(Heading(i, "q", plain_parse_numbers(m.group("nums")), m.group("rest") or ""))
            elif bare and (m := BARE_Q_HEADING_RE.match(line)):
                found.append(Heading(i, "q", [sum(h.kind == "q" for h in found) + 1], m.group("rest") or ""))
            elif m := A_HEADING_RE.match(line):
                found.append(Heading(i, "a", plain_parse_numbers(m.group("nums") or ""), m.group("rest") or ""))
    elif answers_doc or questions_doc:
        found = _numbered_headings(lines, start, answers_doc)
        if not found and questions_doc:
            found = _paragraph_headings(lines, start)
    if found:
        found += [Heading(i, "end") for i in range(found[0].index + 1, len(lines)) if _ends_pairs(lines, i)]
    return sorted(found, key=lambda h: h.index)


def plain_parse_signature(text: str):
    lines = text.split("\n")
    for i in range(len(lines)):
        if found := signature_at(lines, i):
            return found
    return None, None


def plain_parse_numbers(text: str) -> list[int]:
    numbers: list[int] = []
    pos = 0
    text = text or ""
    for m in dutch._RANGE_RE.finditer(text):
        numbers += [int(n) for n in re.findall(r"\d{1,3}", text[pos:m.start()])]
        low, high = int(m.group(1)), int(m.group(2))
        numbers += list(range(low, high + 1)) if 0 <= high - low <= 100 else [low, high]
        pos = m.end()
    numbers += [int(n) for n in re.findall(r"\d{1,3}", text[pos:])]
    return list(dict.fromkeys(numbers))


def _check_identifier(text: str):
    m = dutch.IDENTIFIER_RE.search(text)
    assert dutch.find_identifier(text) == (m.group(1) if m else None)


def test_identifier_as_plainly_defined(texts):
    for text in texts:
        _check_identifier(text)


@FAST
@given(text=_texts)
def test_identifier_as_plainly_defined_on_random_text(text):
    _check_identifier(text)


def _check_headings(lines):
    for questions_doc, answers_doc in ((False, False), (True, False), (False, True)):
        assert find_headings(lines, questions_doc, answers_doc, 0) == \
            plain_find_headings(lines, questions_doc, answers_doc, 0)
    assert has_answer_heading(lines) == any(A_HEADING_RE.match(line) for line in lines)
    assert parse_signature("\n".join(lines)) == plain_parse_signature("\n".join(lines))


def test_headings_and_signatures_as_plainly_defined(line_lists):
    for lines in line_lists:
        _check_headings(lines)


@FAST
@given(lines=_line_lists)
def test_headings_and_signatures_as_plainly_defined_on_random_lines(lines):
    _check_headings(lines)


@FAST
@given(text=st.one_of(st.from_regex(r"\A" + dutch.NUMBERS_PATTERN + r"\Z"),
                     st.text("0123456789٣ ,-", max_size=8)))
def test_question_numbers_as_plainly_defined(text):
    assert parse_numbers(text) == plain_parse_numbers(text)


# --- Paragraphs and the vocabulary -----------------------------------------------------------------

def plain_join_lines(lines: list[str], vocabulary) -> str:
    pieces: list[str] = []
    previous = ""
    for line in (line.strip() for line in lines):
        if not line:
            continue
        if not pieces:
            pieces.append(line)
        elif paragraphs._ends_in_split_word(previous) and paragraphs._LETTER_RE.match(line):
            if paragraphs._join_hyphen(previous, line, vocabulary):
                pieces[-1] = pieces[-1][:-1]
            pieces.append(line)
        elif (previous.endswith("/") or line.startswith("/")) and paragraphs._WEB_ADDRESS_END_RE.search(previous):
            pieces.append(line)
        else:
            pieces.append(" " + line)
        previous = line
    text = plain_rejoin_inline_hyphens("".join(pieces), vocabulary)
    return (paragraphs._SPACES_RE.sub(" ", text) if "  " in text else text).strip()


def plain_rejoin_inline_hyphens(text: str, vocabulary) -> str:
    def fix(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
        if right[0].islower() and vocabulary.get(joined, 0) >= max(1, vocabulary.get(hyphenated, 0)):
            return left + right
        return m.group(0)

    return paragraphs._INLINE_HYPHEN_RE.sub(fix, text) if "-" in text else text


def plain_join_paragraphs(lines: list[str], vocabulary, typical: int = 0) -> str:
    found: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            found.append(plain_join_lines(current, vocabulary))
            current.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if LONE_NUMBERS_RE.match(stripped):
            continue
        current.append(stripped)
        short = typical > 50 and len(stripped) < 0.8 * typical
        if short and stripped.endswith(paragraphs._SENTENCE_ENDS):
            flush()
    flush()
    return "\n\n".join(p for p in found if p)


def _check_paragraphs(text: str, lines: list[str]):
    counted = vocabulary_of(text)
    for typical in (0, 40, 60, 75):
        assert join_paragraphs(lines, Vocabulary(text), typical) == plain_join_paragraphs(lines, counted, typical)
    assert join_lines(lines, Vocabulary(text)) == plain_join_lines(lines, counted)
    assert paragraphs._rejoin_inline_hyphens(" ".join(lines), counted) == \
        plain_rejoin_inline_hyphens(" ".join(lines), counted)


def test_paragraphs_as_plainly_defined(texts):
    for text in texts:
        _check_paragraphs(text, text.split("\n"))


@FAST
@given(text=_texts)
def test_paragraphs_as_plainly_defined_on_random_text(text):
    _check_paragraphs(text, text.split("\n"))


def _check_vocabulary(text: str, extra: list[str]):
    counted = vocabulary_of(text)
    # Every word it counted (also in other cases), each word's opening, and some it did not.
    words = list(counted) + [w.upper() for w in counted] + [w.split("-")[0] + "-" for w in counted] + extra
    vocabulary = Vocabulary(text)
    for word in words:
        assert vocabulary.get(word, 0) == counted.get(word, 0), word
        assert vocabulary.get(word) == counted.get(word), word


def test_vocabulary_counts_on_demand_what_vocabulary_of_counts(texts):
    for text in texts:
        _check_vocabulary(text, ["", "-", "a-b-", "kinder-", "van", "de"])


_WORDISH = st.text(st.sampled_from("aAbB-- \n\x00é1_İΣσςı'’.¹"), max_size=40)


@settings(max_examples=400, deadline=None)
@given(text=_WORDISH, extra=st.lists(_WORDISH, max_size=5))
def test_vocabulary_counts_on_demand_what_vocabulary_of_counts_on_random_text(text, extra):
    _check_vocabulary(text, extra)


def test_vocabulary_counts_the_whole_text_after_many_words():
    text = " ".join(f"woord{chr(97 + i % 26)}{chr(97 + i // 26)}-x" for i in range(200)) + " aa-bb aabb"
    vocabulary = Vocabulary(text)
    counted = vocabulary_of(text)
    words = list(counted)
    random.Random(3).shuffle(words)
    for word in words:
        assert vocabulary.get(word, 0) == counted[word]
    assert vocabulary._all == counted  # counted once, after MAX_SCANS scans


def test_lower_casing_keeps_each_character_in_place_and_a_letter_a_letter():
    """What Vocabulary relies on, for every character: lower() gives one character (İ apart,
    which Vocabulary leaves to vocabulary_of), and a letter (as _WORD_RE reads one) stays a
    letter, anything else stays something else, and only "-" lower-cases to "-"."""
    letter = re.compile(r"[^\W\d_]")
    for code in range(0x110000):
        char = chr(code)
        lower = char.lower()
        if lower == char or char == "\u0130":
            continue
        assert len(lower) == 1, hex(code)
        assert bool(letter.match(char)) == bool(letter.match(lower)), hex(code)
        assert lower not in "-\n\x00", hex(code)


def test_digit_and_space_as_re_reads_them_are_the_str_methods():
    """join_paragraphs tests a stripped line's first character with str.isdecimal before
    LONE_NUMBERS_RE (\\d), and strips it with str.strip where the pattern has \\s."""
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    assert re.findall(r"\d", every) == [c for c in every if c.isdecimal()]
    assert re.findall(r"\s", every) == [c for c in every if c.isspace()]
