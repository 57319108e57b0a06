"""Searching the index: ranking, best pair, phrases, filters, sorting, facets, suggestions."""
import datetime as dt

import pytest

from indexer.build import index_letters
from indexer.highlight import to_html
from indexer.letters import Letter, QAPair, Questioner
from indexer.search import SearchRequest, Searcher
from indexer.store import Store


def make(id, title, date, pairs, ministry="Justitie en Veiligheid", minister="Minister Van Weel",
         questioners=(("Jagtenberg", "D66"),), kind="answer", body=""):
    return Letter(id=id, kind=kind, title=title, date=dt.date.fromisoformat(date), ministry=ministry,
                  minister=minister, questioners=[Questioner(n, p) for n, p in questioners],
                  pairs=[QAPair(qs, q, a) for qs, q, a in pairs], body=body)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("ix"))
    index_letters(store, [
        make("palantir", "Antwoorden Kamervragen over Palantir", "2026-06-05", [
            ([1], "Heeft u kennisgenomen van het artikel?", "Ja."),
            ([2, 3], "Waarom is het contract met Palantir afgesloten door de KMar?",
             "Grenstoezicht door de Koninklijke Marechaussee viel onder Asiel en Migratie; de Palantir-software is ingezet."),
        ]),
        make("gemeenten", "Vragen over gemeentelijke belastingen", "2024-02-01", [
            ([1], "Hoeveel gemeenten verhogen de belasting?", "Veel gemeenten verhogen de onroerendezaakbelasting."),
        ], ministry="Binnenlandse Zaken en Koninkrijksrelaties", minister="Minister De Jonge",
            questioners=(("Bikker", "ChristenUnie"), ("Podt", "D66"))),
        make("menen", "Wat menen wij", "2019-05-01", [([1], "Wat meent u?", "Wij menen dat het goed is.")],
             ministry="Financiën", minister="Staatssecretaris Van Rij", questioners=(("Omtzigt", "CDA"),)),
        make("brief", "Kamerbrief over netcongestie", "2025-01-15", [], kind="letter",
             body="De netcongestie raakt bedrijven en wachtlijsten groeien.", ministry="Klimaat en Groene Groei",
             minister="Minister Hermans", questioners=()),
    ])
    return Searcher(store)


def run(searcher, **kw):
    return searcher.search(SearchRequest(**kw))


def ids(result):
    return [h.letter.id for h in result.hits]


def test_best_pair_is_the_one_that_matched(searcher):
    result = run(searcher, q="KMar contract")
    assert ids(result) == ["palantir"]
    best = result.hits[0].best
    assert best.questions == [2, 3]
    assert "<mark>KMar</mark>" in to_html(best.question)


def test_inflection_finds_the_letter(searcher):
    assert ids(run(searcher, q="gemeente")) == ["gemeenten"]
    assert "menen" not in ids(run(searcher, q="gemeenten"))


def test_hyphenated_word_by_part_and_joined(searcher):
    assert ids(run(searcher, q="software")) == ["palantir"]
    assert ids(run(searcher, q="Palantir-software")) == ["palantir"]
    assert ids(run(searcher, q="palantirsoftware")) == ["palantir"]


def test_phrase_is_exact(searcher):
    assert ids(run(searcher, q='"Koninklijke Marechaussee"')) == ["palantir"]
    assert ids(run(searcher, q='"Marechaussee Koninklijke"')) == []


def test_phrase_with_a_hyphenated_word(searcher):
    # The joined form shares its first part's position: it must not count as a word of its own.
    assert ids(run(searcher, q='"de Palantir-software is ingezet"')) == ["palantir"]
    assert ids(run(searcher, q='"Palantir-software"')) == ["palantir"]
    assert ids(run(searcher, q='"software Palantir"')) == []


def test_all_words_must_match_else_relaxed_with_notice(searcher):
    strict = run(searcher, q="palantir gemeenten")
    assert strict.relaxed and set(ids(strict)) == {"palantir", "gemeenten"}
    assert not run(searcher, q="palantir kmar").relaxed


def test_exclusion_and_or(searcher):
    assert set(ids(run(searcher, q="palantir OF netcongestie"))) == {"palantir", "brief"}
    assert ids(run(searcher, q="gemeenten -onroerendezaakbelasting")) == []


def test_field_filters_in_the_query(searcher):
    assert ids(run(searcher, q="partij:ChristenUnie")) == ["gemeenten"]
    assert ids(run(searcher, q="minister:weel")) == ["palantir"]
    assert ids(run(searcher, q="datum:2019")) == ["menen"]
    assert ids(run(searcher, q="soort:kamerbrief")) == ["brief"]


def test_sidebar_filters_dates_and_sorting_over_all_matches(searcher):
    assert ids(run(searcher, filters={"partij": "D66"}, sort="datum-oud")) == ["gemeenten", "palantir"]
    assert ids(run(searcher, date_from=dt.date(2024, 1, 1), date_to=dt.date(2025, 12, 31), sort="datum-nieuw")) == ["brief", "gemeenten"]
    first_page = run(searcher, sort="datum-nieuw", page_size=2)
    second_page = run(searcher, sort="datum-nieuw", page_size=2, page=2)
    assert ids(first_page) + ids(second_page) == ["palantir", "brief", "gemeenten", "menen"]
    assert first_page.total == 4 and first_page.pages == 2


def test_facets_count_letters_for_the_current_query(searcher):
    facets = run(searcher, q="").facets
    assert dict(facets["partij"]) == {"D66": 2, "ChristenUnie": 1, "CDA": 1}
    assert dict(facets["jaar"])["2026"] == 1
    assert dict(run(searcher, q="gemeenten").facets["ministerie"]) == {"Binnenlandse Zaken en Koninkrijksrelaties": 1}


def test_facets_can_keep_only_the_most_frequent_values(searcher):
    """A sidebar asks for the top values only (thousands of questioners otherwise); a value the
    search is filtered on stays in its facet even when it is not among them."""
    everything = run(searcher, q="").facets
    for most in (1, 2, 3):  # ties at the cut keep the order by name
        top = searcher.search(SearchRequest(q=""), facet_values=most).facets
        for name, values in everything.items():
            assert top[name] == values[:most]
    top = searcher.search(SearchRequest(q=""), facet_values=1).facets
    assert top["partij"] == [("D66", 2)]
    filtered = searcher.search(SearchRequest(q="", filters={"partij": "CDA"}), facet_values=0).facets
    assert filtered["partij"] == [("CDA", 1)] and filtered["ministerie"] == []


def test_facet_counts_are_kept_per_result_set_and_not_shared(searcher):
    """Counts are kept for a set of letters already counted (the next page, the same search
    again), told apart by the letters, the number of values asked for and the filter kept; a
    caller changing what it got does not change what the next one gets."""
    first = run(searcher, q="gemeenten").facets
    other = run(searcher, q="Palantir").facets
    assert first["ministerie"] != other["ministerie"]
    first["ministerie"].clear()
    again = run(searcher, q="gemeenten").facets
    assert again["ministerie"] == [("Binnenlandse Zaken en Koninkrijksrelaties", 1)]
    assert run(searcher, q="gemeenten", page=2).facets == again
    everything = run(searcher, q="").facets
    assert len(everything["partij"]) == 3
    assert searcher.search(SearchRequest(q=""), facet_values=1).facets["partij"] == [("D66", 2)]


def test_prefix_is_bounded_and_unstemmed(searcher):
    result = run(searcher, q="grens*")
    assert ids(result) == ["palantir"]
    assert result.expansions["grens"] == ["grenstoezicht"]


def test_did_you_mean_for_unknown_word(searcher):
    result = run(searcher, q="palantier")
    assert result.total == 0
    assert result.suggestion == "palantir"


def test_letter_page_data_and_similar(searcher):
    assert searcher.letter("palantir").pairs[1].questions == [2, 3]
    assert searcher.letter("bestaat-niet") is None
    assert "palantir" not in [l.id for l in searcher.similar("palantir")]


def test_footnotes_are_searchable(tmp_path):
    store = Store(tmp_path / "ix")
    letter = make("noot", "Vragen over opvang", "2024-11-14", [([1], "Kent u het bericht?", "Ja.")])
    letter.footnotes = ["Inspectie, Brief over asielopvang, 1 november 2023"]
    index_letters(store, [letter])
    assert ids(Searcher(store).search(SearchRequest(q="asielopvang"))) == ["noot"]


def test_added_time_survives_reindexing_and_rebuilds_and_filters_new_letters(tmp_path):
    import datetime as dt
    import time

    store = Store(tmp_path / "ix")
    first = make("een", "Vragen over dijken", "2020-01-01", [([1], "Hoe hoog zijn de dijken?", "Hoog genoeg.")])
    index_letters(store, [first])
    searcher = Searcher(store)
    added_first = searcher.search(SearchRequest(q="dijken")).hits[0].added
    assert added_first is not None
    time.sleep(0.01)
    # An old letter arriving late counts as new: what matters is when it entered the index.
    late = make("twee", "Vragen over dijken in 1999", "1999-05-01", [([1], "Waren de dijken hoog?", "Ja.")])
    first.title = "Vragen over dijken, herzien"
    index_letters(store, [late, first])
    index_letters(store, [first], rebuild=True)  # only "een" remains, with its original moment
    assert searcher.search(SearchRequest(q="dijken")).hits[0].added == added_first
    store2 = Store(tmp_path / "ix2")
    index_letters(store2, [first])
    time.sleep(0.01)
    between = dt.datetime.now()
    index_letters(store2, [late])
    newer = Searcher(store2).search(SearchRequest(q="dijken", added_after=between, sort="toegevoegd"))
    assert ids(newer) == ["twee"]
    assert ids(Searcher(store2).search(SearchRequest(q="dijken", sort="toegevoegd"))) == ["twee", "een"]


def test_filter_with_an_unknown_word_finds_nothing_instead_of_everything(searcher):
    result = run(searcher, q="partij:D66 xyzzyq")
    assert result.total == 0
    loosened = run(searcher, q="partij:D66 palantir gemeenten")
    assert loosened.relaxed
    assert set(ids(loosened)) == {"palantir", "gemeenten"}
    assert ids(run(searcher, q="datum:2019 palantir gemeenten")) == []


def test_phrase_marks_the_whole_phrase_only_and_picks_the_pair_that_has_it(tmp_path):
    store = Store(tmp_path / "ix")
    index_letters(store, [make("uitstel", "Uitstel", "2024-11-14", [
        ([1], "Wat is de termijn van de motie?", "De termijn is kort."),
        ([2], "Kunt u de vragen snel beantwoorden?", "De vragen kunnen niet binnen de gebruikelijke termijn worden beantwoord."),
    ]), make("brief", "Mededeling", "2024-11-15", [([1], "Wat is de stand?", "De stand is goed.")], kind="delay",
             body="Hierbij deel ik u mede dat de vragen niet binnen de gebruikelijke termijn kunnen worden beantwoord.")])
    searcher = Searcher(store)
    result = searcher.search(SearchRequest(q='"niet binnen de gebruikelijke termijn"'))
    by_id = {h.letter.id: h for h in result.hits}
    assert by_id["uitstel"].best.questions == [2]
    assert "<mark>niet binnen de gebruikelijke termijn</mark>" in to_html(by_id["uitstel"].best.answer)
    assert to_html(by_id["uitstel"].best.answer).count("<mark>") == 1
    # The phrase is in the covering text, not in a pair: the body is shown.
    assert by_id["brief"].best is None
    assert "<mark>niet binnen de gebruikelijke termijn</mark>" in to_html(by_id["brief"].text)


def test_references_and_document_ids_are_searchable(tmp_path):
    store = Store(tmp_path / "ix")
    letter = make("kst-32545-143", "Motie over stikstof", "2021-07-06", [], kind="other", body="Verzoekt de regering.")
    letter.reference = "5687928/11"
    index_letters(store, [letter])
    searcher = Searcher(store)
    assert ids(searcher.search(SearchRequest(q="kst-32545-143"))) == ["kst-32545-143"]
    assert ids(searcher.search(SearchRequest(q="5687928/11"))) == ["kst-32545-143"]


def test_score_is_absent_when_sorted_by_date(searcher):
    assert all(h.score is None for h in run(searcher, q="palantir", sort="datum-nieuw").hits)
    assert all(h.score > 0 for h in run(searcher, q="palantir").hits)


def test_export_of_everything_skips_snippets(searcher):
    result = searcher.search(SearchRequest(q=""), everything=True)
    assert result.total == len(result.hits) == 4
    assert all(h.best is None and not h.text for h in result.hits)


def test_total_of_a_filtered_search_without_facets_counts_the_filter(searcher):
    # Whoosh's block-quality shortcut counted such a search without its filter.
    result = searcher.search(SearchRequest(q="", filters={"partij": "CDA"}, page_size=1), with_facets=False)
    assert result.total == 1
    dated = searcher.search(SearchRequest(q="vragen OF menen OF netcongestie", date_from=dt.date(2025, 1, 1), page_size=1),
                            with_facets=False)
    assert dated.total == len(searcher.search(SearchRequest(q="vragen OF menen OF netcongestie", date_from=dt.date(2025, 1, 1))).hits)
