"""The numpy ranker (indexer/ranking.py) gives Whoosh's own pages: same order, same scores.

On generated letters indexed in three runs (several segments; changed and removed letters leave
deleted documents behind), every query of a varied list is searched as the results page searches
it, and the ranker's full ranking is compared with Whoosh's collector over the same letters.
"""
import datetime as dt
import sys
from pathlib import Path

import pytest
from whoosh import collectors
from whoosh import query as wq

from indexer import docsets, ranking
from indexer.search import SearchRequest, Searcher
from indexer.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "corpus"))
from generate import generate  # noqa: E402
from segments import assert_same, index_in_three_runs, whoosh_ranking  # noqa: E402

QUERIES = [
    # single words, common and rare, inflections
    "kabinet", "onderzoek", "gemeenten", "gemeente", "maatregelen", "wachttijd", "vragen",
    "minister", "provincies", "Bonaire", "stikstof",
    # several words, and what happens when no letter has them all
    "kabinet onderzoek", "asielopvang gemeenten", "wachtlijsten jeugdzorg", "politie vacatures capaciteit",
    "stikstof boeren provincies", "netcongestie bedrijven", "kabinet xyzzyqq",
    # OF and exclusions
    "stikstof OF ammoniak", "jeugdzorg OF wachtlijsten", "kabinet -onderzoek", "gemeenten -asielopvang",
    # filters in the query
    "partij:D66", "kabinet partij:VVD", "soort:antwoord onderzoek", "ministerie:Defensie munitie",
    "minister:Keijzer woningbouw", "datum:2024 gemeenten", "datum:2025",
    # compounds, hyphens, abbreviations and synonyms
    "grenstoezicht", "jeugdzorgwachtlijsten", "NAVO-verplichtingen", "Palantir-software", "KMar",
    "IND asielzoekers", "VWS zorg", "OCW leraren", "BZK", "AIVD",
    # prefixes
    "wacht*", "gemeent*", "asiel* opvang",
    # phrases
    '"Tweede Kamer"', '"de minister" gemeenten', '"Koninklijke Marechaussee"',
    # identifiers
    "2024Z18294", "ah-tk-20232024-100",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Three indexing runs over generated letters: the second changes some letters, the third
    adds the rest and removes some files, so their documents are deleted in older segments."""
    folder = tmp_path_factory.mktemp("corpus")
    paths = sorted(generate(folder / "all", 150, seed=1, formats=("txt",)))
    return index_in_three_runs(paths, folder / "live", Store(tmp_path_factory.mktemp("ix")),
                               lambda text: text.replace("kabinet", "kabinet onderzoek"), every=6)


@pytest.fixture(scope="module")
def searcher(store):
    s = Searcher(store)
    yield s
    s.close()


def search(searcher, text: str):
    """Search as the results page does; also return what ``_rank`` was asked to rank."""
    calls = []
    original = Searcher._rank

    def spy(self, c, q, matched, allowed, sort, limit):
        calls.append((c, q, matched, allowed))
        return original(self, c, q, matched, allowed, sort, limit)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Searcher, "_rank", spy)
        result = searcher.search(SearchRequest(q=text))
    return result, (calls[0] if calls else None)


@pytest.fixture(scope="module")
def searched(searcher):
    """Every listed query, searched once."""
    return {text: search(searcher, text) for text in QUERIES}


def test_the_index_has_segments_and_deleted_letters(searcher):
    with searcher._latest() as c:
        segments = [sub.reader() for sub, _ in c.searcher.leaf_searchers()]
        assert len(segments) >= 2
        assert any(r.has_deletions() for r in segments)


#: How Whoosh sums an Or: chosen by segment size (AUTO), or forced to the tree of unions a
#: segment of more than 5,000 letters gets, or to the running sum of a small segment.
OR_MATCHERS = {"auto": wq.Or.AUTO_MATCHER, "tree": wq.Or.DEFAULT_MATCHER, "array": wq.Or.ARRAY_MATCHER}


@pytest.mark.parametrize("text", QUERIES)
def test_vector_ranking_equals_whoosh(searched, monkeypatch, text):
    result, call = searched[text]
    if call is None:
        pytest.skip(f"{text!r} matches no letter here")
    c, q, matched, allowed = call
    with c.lock:
        got = c.ranker.top(q, matched, 10)
        assert [h.score for h in result.hits] == [s for _, s in got]  # the page shows these scores
        for matcher in OR_MATCHERS.values():
            monkeypatch.setattr(wq.Or, "matcher_type", matcher)
            got = c.ranker.top(q, matched, c.size)  # raises Unsupported if it would fall back
            want = whoosh_ranking(c, q, matched)
            assert len(got) == len(want) == matched.bit_count() == result.total
            assert_same(got, want)
            # A page is a prefix of the ranking, also where scores tie at its end.
            for limit in (1, 3, 10):
                assert_same(c.ranker.top(q, matched, limit), want[:limit])
            if allowed == c.live:  # what _rank did before: the collector over every match of q
                plain = collectors.TopCollector(limit=10, replace=0)
                c.searcher.search_with_collector(q, plain)
                assert_same(c.ranker.top(q, matched, 10), [(h.docnum, h.score) for h in plain.results()])


def test_the_query_list_is_varied_enough(searched):
    """Most listed queries match here, so the comparison above is not vacuous."""
    assert sum(call is not None for _, call in searched.values()) >= 40


def test_pages_come_from_the_ranker(searcher, monkeypatch):
    """The results page uses the ranker (not the collector) for a plain query."""
    def no_collector(*a, **kw):
        raise AssertionError("the collector ran")

    monkeypatch.setattr(collectors.TopCollector, "__init__", no_collector)
    result, _ = search(searcher, "kabinet onderzoek")
    assert result.hits


def test_unsupported_queries_fall_back_to_whoosh(searcher, searched):
    """An Or with a coordination bonus (``scale``) is beyond the ranker: ``_rank`` then uses
    Whoosh's collector, and the page is still Whoosh's."""
    _, (c, q, matched, allowed) = searched["kabinet onderzoek"]
    scaled = wq.Or(list(q.subqueries), scale=0.5)
    with c.lock:
        with pytest.raises(ranking.Unsupported):
            c.ranker.top(scaled, matched, 10)
        page = searcher._rank(c, scaled, matched, allowed, "relevantie", 10)
        assert_same(page, whoosh_ranking(c, scaled, matched, 10))


def test_whoosh_scored_parts_inside_a_query(searched):
    """Parts the ranker scores its own way (phrases, date ranges) or leaves to Whoosh's matcher,
    alone and inside vectorised queries, with and without a filter that narrows the walk."""
    _, (c, q, matched, allowed) = searched["kabinet"]
    phrase = wq.Phrase("exact", ["de", "minister"])
    dates = wq.DateRange("date", None, None)
    queries = [phrase, wq.Or([q, phrase]), wq.And([q, wq.Or([phrase, wq.Term("exact", "kabinet")])]),
               wq.AndMaybe(q, wq.Or([phrase, wq.Phrase("answer", ["kabinet", "heeft"], slop=2)])),
               wq.And([q, dates]),
               # ranges score their boost, read once per commit (a zero boost: Whoosh's matcher)
               wq.And([q, wq.DateRange("date", dt.datetime(2024, 3, 1), dt.datetime(2024, 9, 30))]),
               wq.Or([q, wq.DateRange("date", dt.datetime(2025, 1, 1), None, boost=2.5)]),
               wq.Or([q, wq.DateRange("date", None, dt.datetime(2024, 6, 30), boost=0.0)])]
    with c.lock:
        for query in queries:
            every = c.docs(query)
            for bits in (every, every & c.docs(wq.Term("exact", "onderzoek"))):
                if bits:
                    assert_same(c.ranker.top(query, bits, c.size), whoosh_ranking(c, query, bits))


def test_a_small_cache_gives_the_same_pages_and_stays_within_its_budget(store, searched):
    """A server with little memory for the cache (``cache_mb``) reads postings again instead of
    keeping them: the same pages and scores, and never more held than the budget allows (the
    newest entry excepted, which a query needs whatever its size)."""
    small = Searcher(store, {"cache_mb": 1})
    try:
        with small._latest() as c:
            ranker = c.ranker
            assert ranker.max_cached_bytes == 2**20
            ranker.max_cached_bytes = 20_000  # these 150 letters' postings fit in 1 MB
        first = None
        for text, (result, _) in searched.items():
            again = small.search(SearchRequest(q=text))
            assert [(h.letter.id, h.score) for h in again.hits] == [(h.letter.id, h.score) for h in result.hits]
            first = first or next(iter(ranker._cache), None)
            newest = next(reversed(ranker._cache.values()))[1] if ranker._cache else 0
            assert ranker.cached_bytes <= 20_000 + newest
            assert ranker.cached_bytes == sum(n for _, n in ranker._cache.values())
        assert first is not None and first not in ranker._cache, "nothing was evicted: the budget was not tested"
    finally:
        small.close()


def test_date_ranges_find_what_whoosh_finds(searcher):
    """A date filter's letters, from the ranker's per-segment cache, are Whoosh's own (deleted
    letters left out), over segments with deletions."""
    ranges = [wq.DateRange("date", dt.datetime(2024, 1, 1), dt.datetime(2024, 12, 31, 23, 59, 59)),
              wq.DateRange("date", None, dt.datetime(2023, 6, 30)),
              wq.DateRange("date", dt.datetime(2025, 2, 1), None, startexcl=True),
              wq.DateRange("date", dt.datetime(1990, 1, 1), dt.datetime(1990, 12, 31))]
    with searcher._latest() as c:
        found = []
        for q in ranges:
            want = docsets.from_ids(c.searcher.docs_for_query(q), c.size) & c.live
            assert c.docs(q) == want
            found.append(want.bit_count())
    assert found[0] and found[1] and not found[3]
