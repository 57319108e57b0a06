"""The Dutch analyzer: what a user types must meet what the letter says."""
import pickle

import pytest

from indexer.analysis import analyzer_signature, exact_analyzer, fold, stemmed_analyzer, terms


def test_inflections_meet_in_one_stem():
    assert terms("vragen")[0] == terms("vraag")[0]
    assert terms("gemeenten")[0] == terms("gemeente")[0]
    assert terms("contracten")[0] == terms("contract")[0]


def test_default_stemmer_does_not_conflate_gemeenten_with_menen():
    # snowballstemmer 3's "dutch" stems gemeenten to "meen" (as in menen): the reason the
    # default is dutch_porter.
    assert terms("gemeenten")[0] != terms("meen")[0]


def test_diacritics_and_case_fold():
    assert fold("Geïnformeerd") == "geinformeerd"
    assert terms("geïnformeerd") == terms("GEINFORMEERD")
    assert terms("Curaçao", stemmed=False) == ["curacao"]


def test_hyphenated_word_is_found_by_parts_and_joined():
    assert terms("Palantir-software", stemmed=False) == ["palantir", "software", "palantirsoftware"]
    assert set(terms("NAVO-verplichtingen")) >= {"navo", terms("verplichtingen")[0]}


def test_identifiers_and_case_numbers_stay_whole():
    assert terms("zie 2026Z09123 en ah-tk-20242025-605", stemmed=False) == [
        "zie", "2026z09123", "en", "ah-tk-20242025-605"]
    assert "2026z09123" in terms("(ingezonden 29 april 2026, 2026Z09123)")


def test_odd_tokens_do_not_break_the_analyzer():
    assert terms("F-35", stemmed=False) == ["f", "35", "f35"]
    assert terms("14:30 kosten/baten", stemmed=False) == ["14", "30", "kosten", "baten"]
    assert terms("") == []
    assert terms("‽ — …") == []


def test_stopwords_leave_ranked_fields_but_stay_for_phrases():
    assert "de" not in terms("de minister")
    assert terms("de minister", stemmed=False) == ["de", "minister"]


def test_analyzer_survives_pickling_into_the_index_schema():
    analyzer = pickle.loads(pickle.dumps(stemmed_analyzer("dutch")))
    assert [t.text for t in analyzer("gemeenten")] == ["meen"]
    assert [t.text for t in pickle.loads(pickle.dumps(exact_analyzer()))("Gemeenten")] == ["gemeenten"]


@pytest.mark.parametrize("algorithm", ["dutch", "dutch_porter"])
def test_signature_names_the_stemmer_and_its_version(algorithm):
    sig = analyzer_signature(algorithm)
    assert sig["stemmer"] == algorithm
    assert sig["snowballstemmer"][0].isdigit()
    assert sig["analyzer_version"] >= 1


def test_stemming_is_right_under_concurrent_threads():
    # One snowball stemmer shared by the web server's threads gave wrong stems and IndexError.
    import threading

    from indexer.analysis import stemmer

    words = [f"{w}{i}" for i in range(300) for w in ("inperken", "gemeenten", "beantwoording", "tenslotte")]
    expected = {w: __import__("snowballstemmer").stemmer("dutch_porter").stemWord(w) for w in words}
    stem = stemmer("dutch_porter")
    errors, wrong = [], []

    def work():
        try:
            for w in words:
                if stem(w) != expected[w]:
                    wrong.append(w)
        except Exception as exc:  # pragma: no cover - the failure being tested for
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and not wrong


def test_parliamentary_identifiers_of_every_kind_stay_whole():
    assert terms("kst-32545-143 blg-1007826 KST-36682-10 h-tk-20172018-70-1", stemmed=False) == [
        "kst-32545-143", "blg-1007826", "kst-36682-10", "h-tk-20172018-70-1"]


# -- the tokenizer's lookaheads change its speed, not its tokens -----------------------------------
from pathlib import Path  # noqa: E402
import re  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from indexer.analysis import CASE_NUMBER_TOKEN, IDENTIFIER_TOKEN, TOKEN_PATTERN, WORD_TOKEN  # noqa: E402

#: The tokenizer as defined: the three forms in order, no lookaheads.
PLAIN_TOKENS = re.compile(f"{IDENTIFIER_TOKEN}|{CASE_NUMBER_TOKEN}|{WORD_TOKEN}")
GUARDED_TOKENS = re.compile(TOKEN_PATTERN)


def test_tokens_of_real_and_generated_letters_are_the_defined_ones(corpus_real, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "corpus"))
    from generate import generate

    paths = sorted(corpus_real.rglob("*.txt")) + sorted(corpus_real.rglob("*.xml")) + generate(tmp_path, 40, seed=9, formats=("txt",))
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert GUARDED_TOKENS.findall(text) == PLAIN_TOKENS.findall(text), path.name


def test_tokens_of_identifiers_and_odd_letters_are_the_defined_ones():
    # The Kelvin sign and the long s match k and s when case is ignored: an identifier may start
    # with them as far as the definition goes.
    text = ("kst-36200-VII-5 KST-1 \u212ast-12's \u017ftb-2020-3 ah-tk-20242025-605 H-EK-2024-1 2026Z09123 "
            "1999z12345abc 3026Z09123 kosten/baten ministerie’s x-y-z z -kst-1- blg--12-")
    assert GUARDED_TOKENS.findall(text) == PLAIN_TOKENS.findall(text)
    assert ["\u212ast-12", "s"] == GUARDED_TOKENS.findall(text)[2:4]  # as an identifier, not a word


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ahkvstebgpwrzZ0129-/'’ _.\u212a\u017fé")), max_size=60))
def test_tokens_of_random_text_are_the_defined_ones(text):
    assert GUARDED_TOKENS.findall(text) == PLAIN_TOKENS.findall(text)


@pytest.mark.parametrize("algorithm", ["dutch", "dutch_porter"])
def test_c_stemmer_gives_the_stems_of_snowballs_python_code(algorithm):
    # Stemming runs in PyStemmer's C library (40x faster); the index must hold the stems the
    # Snowball algorithm defines, which snowballstemmer's Python modules spell out.
    import re
    from pathlib import Path

    from snowballstemmer.dutch_porter_stemmer import DutchPorterStemmer
    from snowballstemmer.dutch_stemmer import DutchStemmer

    from indexer.analysis import TOKEN_PATTERN, stemmer, stemmer_implementation

    assert stemmer_implementation().startswith("PyStemmer ")
    root = Path(__file__).resolve().parents[2] / "corpus" / "letters"
    words = {fold(w) for path in sorted(root.rglob("*.*"))
             if path.suffix in (".txt", ".html", ".xml") for w in re.findall(TOKEN_PATTERN, path.read_text("utf-8"))}
    words |= {"gemeenten", "beïnvloeden", "ijzeren", "yoghurt", "kopiëren", "vriendelijkheid", "zeeën", "a", ""}
    assert len(words) > 3000
    reference = (DutchStemmer if algorithm == "dutch" else DutchPorterStemmer)()
    stem = stemmer(algorithm)
    assert {w: stem(w) for w in words} == {w: reference.stemWord(w) for w in words}


def test_signature_names_the_stemming_code():
    assert analyzer_signature("dutch_porter")["stemmer_implementation"].startswith("PyStemmer ")
