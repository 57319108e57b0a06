"""highlight's score, find, snippet and mark_all give exactly what the straightforward algorithm
gives: the same floats (summed in the same order), the same matches in the same order, the same
snippet pieces. The reference below is that algorithm as it was before highlight looked texts up
word by word: tokenize the whole text, settle each distinct token, walk every token.

The texts are the project's letters (corpus/letters, read by the project's parsers), letters of
corpus/generate.py and a few made to be awkward (identifiers, case numbers glued to words,
hyphens, slashes, apostrophes, unusual spaces, characters that case-fold oddly). The query terms
are the benchmark's queries compiled as the search compiles them, single stems and prefix
expansions drawn from the letters, phrases cut from the letters (also across hyphenated words
and stop words), and mixtures; one Terms object serves many texts, as on a results page.
"""
from __future__ import annotations

import math
import re
import sys
import zlib
from pathlib import Path

import pytest

from indexer import config, highlight
from indexer.analysis import TOKEN_PATTERN, exact_analyzer, phrase_words, stemmed_analyzer
from indexer.highlight import Terms, find, mark_all, score, snippet, to_html
from indexer.parse import parse_file
from indexer.query import compile_query, parse

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "corpus"))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus" / "letters"
QUERIES = ROOT / "bench" / "queries.txt"
STEMMER = "dutch_porter"

# -- the reference --------------------------------------------------------------------------
_TOKEN_RE = re.compile(TOKEN_PATTERN)


def ref_find(text: str, terms: Terms) -> list[tuple[int, int, str]]:
    stemmed, exact, at = [], [], {}
    want_stems, want_exact, phrases = terms.stems, terms.exact, terms.phrases
    words = want_exact.union(*phrases)
    relevant = {token for token in set(_TOKEN_RE.findall(text))
                if any(word in words or not want_stems.isdisjoint(stems)
                       for _, word, _, _, stems in highlight._analysed(token, STEMMER))}
    if not relevant:
        return []
    for pos, m in enumerate(_TOKEN_RE.finditer(text)):
        token = m.group()
        if token not in relevant:
            continue
        base = m.start()
        for rel, word, start, end, stems in highlight._analysed(token, STEMMER):
            if want_stems:
                stemmed.extend((base + start, base + end, s) for s in stems if s in want_stems)
            if word in want_exact:
                exact.append((base + start, base + end, word))
            if phrases:
                at.setdefault(pos + rel, {}).setdefault(word, (base + start, base + end))
    found = stemmed + exact
    for phrase in phrases:
        for pos, there in at.items():
            if phrase[0] not in there:
                continue
            spans = [at.get(pos + i, {}).get(w) for i, w in enumerate(phrase)]
            if all(spans):
                found.append((spans[0][0], spans[-1][1], " ".join(phrase)))
    return found


def ref_score(text: str, terms: Terms, weight, found=None) -> float:
    counts: dict[str, int] = {}
    for _, _, term in ref_find(text, terms) if found is None else found:
        counts[term] = counts.get(term, 0) + 1
    total = 0.0
    for term, n in counts.items():
        w = sum(weight(word) for word in term.split(" ")) * (2 if " " in term else 1)
        total += w * (1 + math.log(n))
    return total


def ref_snippet(text: str, terms: Terms, width: int = 260, found=None):
    text = " ".join(text.split())
    if not text:
        return []
    spans = highlight.merge(ref_find(text, terms) if found is None else found) if terms else []
    if not spans:
        end = highlight._word_end(text, width)
        return [(text[:end] + (" …" if end < len(text) else ""), False)]
    best_start, best_count, j = spans[0][0], 0, 0
    for i, (start, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][0] < start + width:
            j += 1
        if j - i + 1 > best_count:
            best_start, best_count = start, j - i + 1
    start = max(0, best_start - width // 4)
    if start:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = highlight._word_end(text, start + width)
    pieces = [("… ", False)] if start > 0 else []
    shown = [(max(s, start), min(e, end)) for s, e in spans if e > start and s < end]
    pieces += highlight._pieces(text, shown, start, end)
    if end < len(text):
        pieces.append((" …", False))
    return pieces


def ref_mark_all(text: str, terms: Terms, found=None):
    found = ref_find(text, terms) if found is None else found
    return highlight._pieces(text, highlight.merge(found) if terms else [], 0, len(text))


def weight(word: str) -> float:
    """An idf stand-in with irregular values, so that adding the terms in another order shows."""
    return 0.3 + (zlib.crc32(word.encode()) % 1009) / 97.0


# -- texts ----------------------------------------------------------------------------------
AWKWARD = [
    "Palantir-software bij de KMar: grenstoezicht en NAVO-verplichtingen (2024Z18294, ah-tk-20242025-605)",
    "2024Z18294abc 1999z12345 kst-36600-X-12 Kst-123- AH-TK-20242025-605/606 h-ek-1999 blg--7 stcrt-2024-x",
    "Geïnformeerd? Kosten/baten van ministerie’s 14:30 en 1.400 — “Koninklijke Marechaussee” –- a- -b a--b",
    "İstanbul ẞtraße ﬁets \u212ast-12 \u017ftb-12 ſtcrt-3 Ka\u0308se naïef café-eigenaar",
    "\tde\u00a0gemeente\u2003gemeenten\n\nde  gemeente-raad\x1cgemeente\u200bx\u3000gemeentelijke\u2028raad ",
    "de de de gemeente de gemeente gemeente de-gemeente gemeente/de de’gemeente",
    "a-b-c a-b b-c x/y/z x'y x’y'z x-x x-x-x grens-toezicht grenstoezicht grens toezicht",
    "   ", "", "-", "’", "Wet- en regelgeving; wet-en-regelgeving", "zorg-\nverzekeraar zorg- verzekeraar",
]


def letter_texts(letter) -> dict[str, list[str]]:
    """What the results page looks through: each pair whole (scored) and its halves (snippets),
    the body with footnotes, the title."""
    body = "\n".join(filter(None, [letter.body, *letter.footnotes]))
    pairs = [p.question + "\n" + (p.answer or "") for p in letter.pairs]
    halves = [t for p in letter.pairs for t in (p.question, p.answer or "")]
    return {"whole": pairs + [body], "halves": halves + [body, letter.title or ""]}


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    """The project's letters and 36 generated ones (the seed of the benchmark's corpus, whose names
    and case numbers its queries use), parsed by the project's parsers."""
    paths = sorted(p for p in CORPUS.rglob("*") if p.is_file() and not p.name.endswith(".metadata.xml"))
    paths += generate(tmp_path_factory.mktemp("generated"), 36, seed=1)
    found = [parse_file(p) for p in paths]
    assert len(found) > 70
    return found


# -- query terms ----------------------------------------------------------------------------
def compiled_queries() -> list[Terms]:
    """The benchmark's queries, compiled as the search compiles them (prefixes unexpanded)."""
    out = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(compile_query(parse(line.split("\t")[2]), None, config.boosts(), STEMMER).terms)
    return out


def drawn_terms(texts: list[str], n: int) -> list[Terms]:
    """Term sets drawn from the texts: single stems, prefix expansions, phrases (two to four
    words in a row as the exact field holds them), everything of a sentence, and mixtures."""
    out = []
    for i, text in enumerate(texts[:n]):
        tokens = [t.text for t in exact_analyzer()(text)]
        stems = [t.text for t in stemmed_analyzer(STEMMER)(text)]
        if not tokens:
            continue
        rows = phrase_words(text)
        word = tokens[(7 * i) % len(tokens)]
        prefix = word[:3 + i % 3]
        expansion = {t for t in tokens if t.startswith(prefix)}
        phrase = tuple(rows[(5 * i) % max(1, len(rows) - 4):][:2 + i % 3])
        sentence = text[(11 * i) % max(1, len(text) - 120):][:120]
        everything = Terms({t.text for t in stemmed_analyzer(STEMMER)(sentence)},
                           {t.text for t in exact_analyzer()(sentence)},
                           [p for k in range(0, 12, 3) if (p := tuple(phrase_words(sentence)[k:k + 2]))])
        out += [
            Terms({stems[(3 * i) % len(stems)]} if stems else set()),
            Terms(set(), expansion),
            Terms(set(), set(), [phrase] if phrase else []),
            Terms({stems[(3 * i) % len(stems)]} if stems else set(), {word}, [phrase, phrase] if phrase else []),
            everything,
            # a stem that is also an exact word, a one-word phrase, a phrase that is not there
            Terms({word}, {word}, [(word,), ("niet", "binnen", "de", "termijn"), ("de", "de")]),
        ]
    return out


AWKWARD_TERMS = [
    Terms({"gemeent", "raad", "grens", "toezicht", "2024z18294", "abc"}, {"gemeente", "de", "ab", "x", "xx"}),
    Terms(set(), {"ah-tk-20242025-605", "kst-36600-x-12", "2024z18294", "ministerie’s", "1.400", "14:30"}),
    Terms(set(), set(), [("de", "gemeente"), ("de", "de"), ("a", "b"), ("b", "c"), ("x", "x"), ("grens", "toezicht"),
                         ("gemeente", "raad"), ("palantir", "software"), ("wet", "en", "regelgeving")]),
    Terms({"zorg", "verzeker", "zorgverzeker", "istanbul", "strasse", "fiet", "kase", "naief", "cafe"},
          {"\u212ast-12", "kst-12", "stb-12", "ſtb", "12", "cafeeigenaar", "eigenaar"}, [("zorg", "verzekeraar")]),
]


def assert_same(text: str, terms: Terms, widths=(260,)) -> None:
    """Every entry point, against the reference, on one text."""
    where = f"{terms!r} in {text[:80]!r}"
    found = ref_find(text, terms)
    assert find(text, terms, STEMMER) == found, where
    assert score(text, terms, STEMMER, weight) == ref_score(text, terms, weight, found), where
    assert mark_all(text, terms, STEMMER) == ref_mark_all(text, terms, found), where
    normalized = ref_find(" ".join(text.split()), terms)
    for width in widths:
        expected = ref_snippet(text, terms, width, normalized)
        got = snippet(text, terms, STEMMER, width)
        assert to_html(got) == to_html(expected), where  # what the user sees
        assert got == expected, where


# -- the tests ------------------------------------------------------------------------------
def test_awkward_texts():
    texts = AWKWARD + [" ".join(AWKWARD), "\n".join(AWKWARD[:5]) * 3]
    for terms in AWKWARD_TERMS + drawn_terms(texts, len(texts)):
        for text in texts:
            assert_same(text, terms, widths=(260, 30))


def test_benchmark_queries_over_letters(letters):
    """Each query over the texts of a few letters, one Terms for all (as one results page): letters
    that seem to hold a term (a stem or word as a substring), and one that need not."""
    lowered = [" ".join([letter.title or "", letter.body or "", *letter.footnotes,
                         *(p.question + " " + (p.answer or "") for p in letter.pairs)]).lower() for letter in letters]
    for n, terms in enumerate(compiled_queries()):
        words = terms.stems | terms.exact | {w for p in terms.phrases for w in p}
        page = [letter for letter, low in zip(letters, lowered) if any(w in low for w in words)][n % 3::3][:2]
        for letter in page + [letters[n % len(letters)]] * (n % 2):
            texts = letter_texts(letter)
            for text in texts["whole"]:
                assert score(text, terms, STEMMER, weight) == ref_score(text, terms, weight), (terms, text[:80])
            for text in texts["halves"]:
                assert snippet(text, terms, STEMMER, 220) == ref_snippet(text, terms, 220), (terms, text[:80])


def test_drawn_terms_over_letters(letters):
    texts = [t for letter in letters for t in letter_texts(letter)["halves"] if t]
    all_terms = drawn_terms(texts[::7], 40)
    for n, terms in enumerate(all_terms):
        for text in texts[n % 9::41]:
            assert_same(text, terms, widths=(320,))


def test_the_letters_as_read_from_disk():
    """find and mark_all on text as it comes (runs of spaces, tabs, line ends; the letter page)."""
    paths = sorted((CORPUS / "txt").glob("*.txt"))
    assert paths
    for i, path in enumerate(paths):
        text = path.read_text(encoding="utf-8")
        for terms in drawn_terms([text[j:j + 400] for j in range(0, len(text), 997)], 3)[:6]:
            assert find(text, terms, STEMMER) == ref_find(text, terms), (path.name, terms)
            assert mark_all(text, terms, STEMMER) == ref_mark_all(text, terms), (path.name, terms)


def test_same_results_when_the_word_cache_is_emptied_as_it_goes(monkeypatch, letters):
    monkeypatch.setattr(highlight, "_MAX_WORDS", 40)
    texts = [t for letter in letters[:6] for t in letter_texts(letter)["whole"]]
    for terms in drawn_terms(texts, 8):
        for text in texts:
            highlight._SUMMARIES.get(STEMMER, {}).clear() if zlib.crc32(text.encode()) % 3 == 0 else None
            assert_same(text, terms)


def test_words_split_where_tokens_do():
    """What the word-by-word lookup rests on: ``str.split`` splits where the regex ``\\s`` does,
    no token holds a space, and a text's tokens are its words' tokens in turn."""
    word_chars = re.compile(r"[\w'’/-]")
    for cp in range(0x110000):
        ch = chr(cp)
        assert bool(highlight._SPACES.fullmatch(ch)) == ch.isspace(), hex(cp)
        assert not (ch.isspace() and word_chars.match(ch)), hex(cp)
    for text in AWKWARD + [path.read_text(encoding="utf-8") for path in sorted((CORPUS / "txt").glob("*.txt"))]:
        by_word = [(m.group(), m.start()) for w in text.split() for m in _TOKEN_RE.finditer(w)]
        assert [t for t, _ in by_word] == _TOKEN_RE.findall(text)
