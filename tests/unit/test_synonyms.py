"""Abbreviations and synonyms: applied at query time and shown to the user."""
import pytest

from indexer.build import index_letters
from indexer.letters import Letter, QAPair
from indexer.search import SearchRequest, Searcher
from indexer.store import Store
from indexer.synonyms import lookup, table


def texts(forms):
    return [f.text for f in forms]


def test_the_shipped_list_loads_and_names_the_common_terms():
    assert texts(lookup(["KMar"])) == ["Koninklijke Marechaussee"]
    assert texts(lookup(["kmar"])) == ["Koninklijke Marechaussee"]
    assert "Justitie en Veiligheid" in texts(lookup(["JenV"]))
    assert "NATO" in texts(lookup(["NAVO"]))
    assert "Wet open overheid" in texts(lookup(["woo"]))
    assert texts(lookup(["koninklijke", "marechaussee"])) == ["KMar"]
    assert len(table()) > 80


def test_short_or_everyday_forms_count_only_in_capitals():
    assert lookup(["om"]) == [] and texts(lookup(["OM"])) == ["Openbaar Ministerie"]
    assert lookup(["me"]) == [] and texts(lookup(["ME"])) == ["Mobiele Eenheid"]


def test_a_custom_list():
    data = "# comment\nABC = Alfa Beta Gamma = Abeega\n"
    assert texts(lookup(["abc"], data)) == ["Alfa Beta Gamma", "Abeega"]
    assert texts(lookup(["alfa", "beta", "gamma"], data)) == ["ABC", "Abeega"]


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    root = tmp_path_factory.mktemp("synonyms") / "index"
    index_letters(Store(root), [
        Letter(id="kmar", kind="answer", title="Grenzen",
               pairs=[QAPair([1], "Wat doet de Koninklijke Marechaussee?", "Zij bewaakt de grens.")]),
        Letter(id="woo", kind="answer", title="Openbaarheid",
               pairs=[QAPair([1], "Hoeveel Woo-verzoeken kwamen er?", "Honderd.")]),
    ])
    return Searcher(Store(root))


def test_abbreviation_finds_the_full_name_and_says_so(searcher):
    result = searcher.search(SearchRequest(q="KMar"))
    assert [h.letter.id for h in result.hits] == ["kmar"]
    assert "Ook gezocht op: Koninklijke Marechaussee" in result.notices


def test_full_name_finds_the_abbreviation(searcher):
    result = searcher.search(SearchRequest(q="wet open overheid"))
    assert [h.letter.id for h in result.hits] == ["woo"]
    assert any("Woo" in n for n in result.notices)


def test_plain_query_has_no_synonym_notice(searcher):
    assert not any(n.startswith("Ook gezocht") for n in searcher.search(SearchRequest(q="grens")).notices)
