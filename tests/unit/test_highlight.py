"""Snippets mark what the index matched: highlight.find agrees with the analyzers themselves."""
from pathlib import Path

import pytest

from indexer.analysis import exact_analyzer, stemmed_analyzer
from indexer.highlight import Terms, find, snippet, to_html

CORPUS_LETTERS = Path(__file__).resolve().parents[2] / "corpus" / "letters" / "txt"


def analyzer_matches(text: str, terms: Terms, stemmer_name: str = "dutch_porter") -> list:
    """The matches as running the index's analyzer chains over the whole text finds them."""
    found = [(t.startchar, t.endchar, t.text) for t in stemmed_analyzer(stemmer_name)(text, chars=True)
             if t.text in terms.stems]
    tokens = [(t.pos, t.text, t.startchar, t.endchar) for t in exact_analyzer()(text, positions=True, chars=True)]
    found += [(s, e, w) for _, w, s, e in tokens if w in terms.exact]
    at: dict[int, dict[str, tuple[int, int]]] = {}
    for pos, word, s, e in tokens:
        at.setdefault(pos, {}).setdefault(word, (s, e))
    for phrase in terms.phrases:
        for pos, words in at.items():
            spans = [at.get(pos + i, {}).get(w) for i, w in enumerate(phrase)]
            if all(spans):
                found.append((spans[0][0], spans[-1][1], " ".join(phrase)))
    return found


def everything_in(text: str) -> Terms:
    """Every stem and word of ``text``, and some twenty runs of two and of three words as phrases."""
    words = [t.text for t in exact_analyzer()(text)]
    step = max(3, len(words) // 20)
    phrases = [tuple(words[i:i + n]) for n in (2, 3) for i in range(0, len(words) - n, step)]
    return Terms({t.text for t in stemmed_analyzer()(text)}, set(words), phrases)


def assert_same_matches(text: str) -> None:
    terms = everything_in(text)
    assert sorted(find(text, terms, "dutch_porter")) == sorted(analyzer_matches(text, terms))


@pytest.mark.parametrize("text", [
    "Palantir-software bij de KMar: grenstoezicht en NAVO-verplichtingen (2024Z18294, ah-tk-20242025-605)",
    "Geïnformeerd? Kosten/baten van ministerie’s 14:30 en 1.400 — “Koninklijke Marechaussee” –- a-",
    "", "   ", "İstanbul ẞtraße ﬁets",
])
def test_find_matches_what_the_analyzers_match(text):
    assert_same_matches(text)


def test_find_matches_what_the_analyzers_match_in_the_project_letters():
    paths = sorted(CORPUS_LETTERS.glob("*.txt"))
    assert paths
    for path in paths:
        assert_same_matches(path.read_text(encoding="utf-8"))


def test_find_matches_what_the_analyzers_match_in_real_letters(corpus_real):
    for path in sorted((corpus_real / "txt-extracted").glob("*.txt")):
        assert_same_matches(path.read_text(encoding="utf-8"))


def test_snippet_marks_stems_words_and_phrases_only():
    text = "De gemeenten verhogen de belasting. Niet binnen de termijn, zegt de gemeente."
    html = to_html(snippet(text, Terms({"gemeent"}, set(), [("binnen", "de", "termijn")]), "dutch_porter"))
    assert html.count("<mark>") == 3
    assert "<mark>binnen de termijn</mark>" in html and "<mark>gemeenten</mark>" in html
