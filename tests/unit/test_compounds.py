"""Compound splitting: grenstoezicht, grens-toezicht and grens toezicht find each other."""
import pytest

from indexer.analysis import terms
from indexer.build import index_letters
from indexer.compounds import split
from indexer.letters import Letter, QAPair
from indexer.search import SearchRequest, Searcher
from indexer.store import Store


@pytest.mark.parametrize("word, parts", [
    ("grenstoezicht", ("grens", "toezicht")),
    ("stroomaansluitingen", ("stroom", "aansluitingen")),
    ("telefoongebruik", ("telefoon", "gebruik")),
    ("huisartsentekort", ("huisarts", "tekort")),  # linking -en-
    ("ziekenhuisrekeningen", ("ziekenhuis", "rekeningen")),  # fewest parts wins
])
def test_compounds_split_into_their_parts(word, parts):
    assert split(word) == parts


@pytest.mark.parametrize("word", ["minister", "bestand", "verkeer", "gemeenten", "regering", "palantir", "2024z18792"])
def test_ordinary_words_are_not_split(word):
    assert split(word) == ()


def test_index_terms_keep_the_whole_word_and_add_the_parts():
    found = terms("grenstoezicht")
    assert found == terms("grenstoezicht")[:1] + terms("grens toezicht")
    assert terms("minister") == ["minister"]


def letter(id, text):
    return Letter(id=id, kind="answer", title=f"Brief {id}", pairs=[QAPair([1], "Wat is er gebeurd?", text)])


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    root = tmp_path_factory.mktemp("compounds") / "index"
    index_letters(Store(root), [
        letter("een", "Het grenstoezicht is versterkt."),
        letter("twee", "Het toezicht aan de grens is versterkt."),
        letter("drie", "Het grens-toezicht is versterkt."),
        letter("vier", "De minister heeft het bestand over het verkeer gedeeld."),
    ])
    return Searcher(Store(root))


@pytest.mark.parametrize("q", ["grenstoezicht", "grens-toezicht", "grens toezicht"])
def test_whole_hyphenated_and_spaced_forms_find_each_other(searcher, q):
    found = {h.letter.id for h in searcher.search(SearchRequest(q=q)).hits}
    assert found == {"een", "twee", "drie"}


@pytest.mark.parametrize("q", ["ster", "stand", "keer"])
def test_no_false_splits_of_ordinary_words(searcher, q):
    assert searcher.search(SearchRequest(q=q)).total == 0


def test_a_compound_of_known_parts_gets_no_did_you_mean(searcher):
    result = searcher.search(SearchRequest(q="grenstoezichtversterking"))
    assert result.suggestion is None or "grens" in result.suggestion


def test_other_number_of_a_word_is_found_where_the_stemmer_splits_them(tmp_path):
    # Porter stems pensioenfonds to "pensioenfond" but pensioenfondsen to "pensioenfonds".
    index_letters(Store(tmp_path / "ix"), [letter("fondsen", "De pensioenfondsen zijn kwetsbaar."),
                                            letter("huizen", "Er zijn te weinig huizen.")])
    searcher = Searcher(Store(tmp_path / "ix"))
    assert [h.letter.id for h in searcher.search(SearchRequest(q="pensioenfonds")).hits] == ["fondsen"]
    assert [h.letter.id for h in searcher.search(SearchRequest(q="huis")).hits] == ["huizen"]


def test_did_you_mean_respects_stemming_and_compounds(searcher):
    assert searcher.search(SearchRequest(q="grenstoezichten")).suggestion is None  # an inflection
    assert searcher.search(SearchRequest(q="toezichtgrens")).suggestion is None  # known parts
    assert searcher.search(SearchRequest(q="grenstoezcht")).suggestion == "grenstoezicht"  # a typo


# -- the lexicon: only the words a rule can tell apart from unknown ones -------------------------
@pytest.fixture(scope="module")
def full_list():
    """wordfreq's whole Dutch list, as compounds.py read it before it stopped at its floor."""
    from wordfreq import get_frequency_dict

    return get_frequency_dict("nl", wordlist="best")


@pytest.fixture
def with_full_list(full_list, monkeypatch):
    """Split and look up synonyms with the whole list (caches emptied before and after)."""
    from indexer import compounds, synonyms

    def clear():
        compounds.split.cache_clear()
        synonyms.table.cache_clear()
        synonyms.longest_form.cache_clear()

    clear()
    monkeypatch.setattr(compounds, "_frequencies", lambda: full_list)
    yield
    monkeypatch.undo()
    clear()


def test_the_lexicon_is_wordfreqs_list_down_to_its_floor(full_list):
    from indexer import compounds

    kept = {w: f for w, f in full_list.items() if compounds._zipf_of(f) >= compounds.LEXICON_MIN_ZIPF}
    assert compounds._frequencies() == kept and 20_000 < len(kept) < len(full_list)
    assert compounds.zipf("minister") > 4 and compounds.zipf("grenstoezicht") == 0.0


def test_every_threshold_is_at_or_above_the_floor():
    from indexer import compounds, synonyms

    assert min(compounds.MAX_WHOLE_ZIPF, compounds.MIN_PART_ZIPF, compounds.MIN_SHORT_MODIFIER_ZIPF,
               synonyms.COMMON_WORD_ZIPF) >= compounds.LEXICON_MIN_ZIPF


def _words_to_split(full_list) -> list[str]:
    """Words the splitter works on: rarer than an everyday word, long, letters only (every
    50th of wordfreq's list, and the compounds of the tests above)."""
    from indexer import compounds

    rare = sorted(w for w, f in full_list.items() if len(w) >= compounds.MIN_WORD and w.isalpha()
                  and compounds._zipf_of(f) < compounds.MAX_WHOLE_ZIPF)
    return rare[::50] + ["grenstoezicht", "huisartsentekort", "ziekenhuisrekeningen", "wetsvoorstel",
                         "grenstoezichtversterking", "stikstofuitstoot", "minister", "bestand"]


def test_splits_and_synonyms_are_those_of_the_whole_list(full_list, request):
    from indexer import compounds, synonyms

    words = _words_to_split(full_list)
    compounds.split.cache_clear()
    lean = [split(w) for w in words]
    lean_synonyms = synonyms.table()
    request.getfixturevalue("with_full_list")
    assert [split(w) for w in words] == lean
    assert sum(1 for parts in lean if parts) > 500  # many of them are compounds
    assert synonyms.table() == lean_synonyms
