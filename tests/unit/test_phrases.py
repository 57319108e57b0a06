"""Phrases with numpy (indexer/phrases.py) find the letters Whoosh's Phrase query finds, and the
ranker scores them as Whoosh's phrase matcher does.

On generated letters indexed in three runs (several segments, deleted letters), each phrase of a
varied list of queries is matched both ways, and the query's ranking compared with Whoosh's
collector; on random small texts (hyphenated words whose parts overlap the next word's
position, stop words, compounds, repeated words) random phrases are compared in the exact and
the stemmed fields, with slop.
"""
import random
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import collectors, fields
from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage

from indexer import docsets, phrases, ranking
from indexer.analysis import exact_analyzer, stemmed_analyzer
from indexer.parse import parse_file
from indexer.postings import PositionedText
from indexer.query import compile_query, parse
from indexer.search import SearchRequest, Searcher
from indexer.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "corpus"))
from generate import generate  # noqa: E402
from segments import assert_same, index_in_three_runs, whoosh_ranking  # noqa: E402

QUERIES = [
    # common phrases, with stop words; rare and absent ones
    '"twee keer per jaar"', '"keer per jaar"', '"per jaar"', '"de minister"', '"van de"', '"in de"',
    '"Tweede Kamer"', '"Raad van State"', '"gebruikelijke termijn van drie weken"', '"nader te informeren"',
    '"lerarentekort in de grote steden"', '"Dienst Terugkeer en Vertrek"', '"Caribisch Nederland"',
    '"achterstand in onderhoud"', '"xyzzyqq kabinet"', '"kabinet xyzzyqq"',
    # repeated words
    '"keer per keer"', '"de de"', '"van de minister van de"',
    # hyphenated words: their parts stand at the next positions
    '"Natura 2000-gebieden"', '"stikstofdepositie op Natura 2000-gebieden"', '"NAVO-verplichtingen"',
    '"aan de NAVO-verplichtingen te voldoen"', '"PAS-melders"', '"legalisatie van PAS-melders"',
    # synonyms: KMar is also searched as the phrase "koninklijke marechaussee", and back
    "KMar", '"Koninklijke Marechaussee"', 'Marechaussee OF "Koninklijke Marechaussee"', "KMar grenstoezicht",
    # with words, OF, filters and exclusions
    '"twee keer per jaar" rapporteert', '"Raad van State" advies', '"de minister" gemeenten',
    '"per jaar" OF "Tweede Kamer"', '"de minister" -"per jaar"', '"per jaar" -kabinet',
    '"de minister" partij:VVD', '"de minister" soort:antwoord', '"in de" datum:2024', 'kabinet -"de minister"',
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    return sorted(generate(folder / "all", 150, seed=2, formats=("txt",)))


@pytest.fixture(scope="module")
def store(tmp_path_factory, corpus):
    """Three indexing runs: the second changes some letters, the third adds the rest and
    removes some, so older segments hold deleted letters."""
    return index_in_three_runs(corpus, tmp_path_factory.mktemp("live"), Store(tmp_path_factory.mktemp("ix")),
                               lambda text: text.replace("per jaar", "per keer per jaar"), every=5)


@pytest.fixture(scope="module")
def searcher(store):
    s = Searcher(store)
    yield s
    s.close()


def text_phrases(corpus) -> list[str]:
    """Phrases taken from the letters: across the end of the questions and the start of the
    answers (adjacent in the exact field), and random runs of two to five words."""
    rng = random.Random(7)
    found = []
    for path in corpus[::15]:
        letter = parse_file(path)
        questions = re.findall(r"\w+", " ".join(p.question for p in letter.pairs))
        answers = re.findall(r"\w+", " ".join(p.answer or "" for p in letter.pairs))
        if questions and answers:
            found.append(f'"{" ".join(questions[-2:] + answers[:2])}"')
            first = letter.pairs[0]
            ends = re.findall(r"[\w-]+", first.question)[-1:] + re.findall(r"[\w-]+", first.answer or "")[:1]
            found.append(f'"{" ".join(ends)}"')
        if answers:
            start = rng.randrange(len(answers))
            found.append(f'"{" ".join(answers[start:start + rng.randint(2, 5)])}"')
    return found


def phrase_nodes(q) -> list[wq.Phrase]:
    if q is None:
        return []
    if type(q) is wq.Phrase:
        return [q]
    return [p for sub in q.children() for p in phrase_nodes(sub)]


def whoosh_docs(c, q) -> int:
    return docsets.from_ids(c.searcher.docs_for_query(q), c.size) & c.live


def no_whoosh(monkeypatch):
    """Make any use of Whoosh's matchers for phrases fail: the fast path must be taken."""
    def fail(*args, **kwargs):
        raise AssertionError("Whoosh's matcher was used for a phrase")

    by_whoosh = ranking._Segment._by_whoosh

    def not_phrases(self, q, within):
        assert not phrase_nodes(q), q
        return by_whoosh(self, q, within)

    monkeypatch.setattr(ranking._Segment, "_by_whoosh", not_phrases)
    monkeypatch.setattr(wq.Phrase, "matcher", fail)


def check(searcher, text, monkeypatch):
    """The phrases of ``text`` as the results page compiles it: the same letters and the same
    ranking as Whoosh. Returns whether anything matched."""
    with searcher._latest() as c:
        compiled = compile_query(parse(text), c.reader, searcher.boosts, searcher.stemmer, searcher.max_expansion)
        nodes = phrase_nodes(compiled.query) + phrase_nodes(compiled.exclude) + phrase_nodes(compiled.relaxed)
        assert nodes, text
        want = {repr(p): whoosh_docs(c, p) for p in nodes}
        wanted = whoosh_docs(c, compiled.query)
        with monkeypatch.context() as m:
            no_whoosh(m)
            c._sets.clear()  # noqa: SLF001 -- no earlier, Whoosh-made sets
            for p in nodes:
                assert c.docs(p) == want[repr(p)], (text, p)
            assert c.docs(compiled.query) == wanted
    result = None
    with monkeypatch.context() as m:
        calls = []
        original = Searcher._rank

        def spy(self, c, q, matched, allowed, sort, limit):
            calls.append((c, q, matched))
            return original(self, c, q, matched, allowed, sort, limit)

        m.setattr(Searcher, "_rank", spy)
        no_whoosh(m)
        m.setattr(collectors.TopCollector, "__init__", lambda *a, **kw: pytest.fail("the collector ran"))
        result = searcher.search(SearchRequest(q=text))
    if not calls:
        return False
    c, q, matched = calls[0]
    with c.lock:
        with monkeypatch.context() as m:
            no_whoosh(m)
            got = c.ranker.top(q, matched, c.size)
        want = whoosh_ranking(c, q, matched)
        assert len(got) == len(want) == matched.bit_count() == result.total
        assert_same(got, want)
        assert [h.score for h in result.hits] == [s for _, s in got[:10]]
    return True


@pytest.fixture(scope="module")
def matched_queries():
    return []


@pytest.mark.parametrize("text", QUERIES)
def test_listed_phrases_equal_whoosh(searcher, monkeypatch, matched_queries, text):
    if check(searcher, text, monkeypatch):
        matched_queries.append(text)


def test_phrases_from_the_letters_equal_whoosh(searcher, corpus, monkeypatch, matched_queries):
    texts = text_phrases(corpus)
    assert len(texts) >= 20
    for text in texts:
        if check(searcher, text, monkeypatch):
            matched_queries.append(text)


def test_most_phrases_matched(matched_queries):
    """Runs after the comparisons above: enough of them matched letters to mean something."""
    assert len(matched_queries) >= 35


def test_the_index_has_segments_and_deleted_letters(searcher):
    with searcher._latest() as c:
        segments = [sub.reader() for sub, _ in c.searcher.leaf_searchers()]
        assert len(segments) >= 2
        assert any(r.has_deletions() for r in segments)


def test_stemmed_phrases_with_slop(searcher, monkeypatch):
    """The ranked fields' phrases (stop words dropped, so slop > 1) and any boost."""
    with searcher._latest() as c:
        every = c.live
        for words, slop in ((["twee", "keer", "jar"], 2), (["keer", "jar"], 2), (["minister", "kamer"], 3),
                            (["kabinet", "kabinet"], 5), (["gemeent", "minister", "kabinet"], 4)):
            for field in ("title", "question", "answer", "body"):
                q = wq.Phrase(field, words, slop=slop, boost=1.7)
                want = whoosh_docs(c, q)
                with monkeypatch.context() as m:
                    no_whoosh(m)
                    c._sets.clear()  # noqa: SLF001
                    assert c.docs(q) == want, (field, words, slop)
                    got = c.ranker.top(q, every, c.size)
                assert_same(got, whoosh_ranking(c, q, every))


# -- random small texts ---------------------------------------------------------------------------
WORDS = ["de", "het", "keer", "per", "jaar", "twee", "navo", "verplichtingen", "navo-verplichtingen",
         "a-b", "b-c-d", "a-b-c-d", "b", "c", "d", "x-b-c", "boeren", "boer", "grenstoezicht", "grens", "toezicht",
         "a/b", "2000-gebieden", "2000"]
EXACT_TERMS = sorted({t.text for w in WORDS for t in exact_analyzer()(w)})
STEMMED_TERMS = sorted({t.text for w in WORDS for t in stemmed_analyzer()(w)})


def ram_index(texts: list[str], deleted: set[int]):
    schema = fields.Schema(exact=PositionedText(exact_analyzer()), body=PositionedText(stemmed_analyzer()))
    ix = RamStorage().create_index(schema)
    half = len(texts) // 2
    for part in (texts[:half], texts[half:]):  # two segments
        writer = ix.writer()
        for text in part:
            writer.add_document(exact=text, body=text)
        writer.commit(merge=False)
    if deleted:
        writer = ix.writer()
        for docnum in deleted:
            if docnum < len(texts):
                writer.delete_document(docnum)
        writer.commit(merge=False)
    return ix


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.lists(st.sampled_from(WORDS), max_size=25).map(" ".join), min_size=1, max_size=6),
       deleted=st.sets(st.integers(0, 5), max_size=2),
       field=st.sampled_from(["exact", "body"]), data=st.data(),
       slop=st.integers(1, 4), boost=st.sampled_from([1.0, 2.5]))
def test_random_phrases_equal_whoosh(texts, deleted, field, data, slop, boost):
    terms = EXACT_TERMS if field == "exact" else STEMMED_TERMS
    words = data.draw(st.lists(st.sampled_from(terms), min_size=1, max_size=4))
    q = wq.Phrase(field, words, slop=slop, boost=boost)
    ix = ram_index(texts, deleted)
    with ix.searcher() as s:
        ranker = ranking.Ranker(s)
        live = docsets.from_ids(s.reader().all_doc_ids(), s.doc_count_all())
        want = docsets.from_ids(s.docs_for_query(q), s.doc_count_all())
        assert ranker.phrase_docs(q) & live == want
        if want:
            got = ranker.top(q, want, s.doc_count_all())
            collector = collectors.TopCollector(limit=s.doc_count_all() + 1, replace=0)
            s.search_with_collector(q, collector)
            assert_same(got, [(h.docnum, h.score) for h in collector.results()])


def test_out_of_order_positions_follow_whoosh():
    """A hyphenated word of three parts puts its last part after the next word's position
    (``x-b-c c``: *c* at 2, then 1); such documents take Whoosh's own walk, whose binary search
    over the unsorted positions misses ``c d`` in ``a-b-c-d d`` (*d* at 3, then 1)."""
    ix = ram_index(["x-b-c c d", "b c d", "c d x-b-c c", "a-b-c-d d"], set())
    with ix.searcher() as s:
        ranker = ranking.Ranker(s)
        assert list(s.docs_for_query(wq.Phrase("exact", ["c", "d"]))) == [0, 1, 2]
        for words in (["c", "d"], ["b", "c"], ["b", "c", "d"], ["c", "c"], ["x", "b", "c", "c"]):
            q = wq.Phrase("exact", words)
            want = docsets.from_ids(s.docs_for_query(q), s.doc_count_all())
            assert ranker.phrase_docs(q) == want, words
        irregular = []
        for sub, _ in s.leaf_searchers():
            r = sub.reader()
            if ("exact", b"c") in r:
                found, _ = phrases.decode(r.postings("exact", b"c"), r.schema["exact"].format)
                irregular.append(found.irregular.any())
        assert any(irregular)
