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
