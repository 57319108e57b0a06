"""Totals, facets, pages and sorting on an index of several segments with deleted letters.

An index grows by commits (and parallel indexing writes several segments at once); the totals
and facet counts are worked out apart from Whoosh's ranking, so they are checked here against
the letters themselves: every count equals what a plain scan of the letters gives.
"""
import datetime as dt
import random

import pytest

from indexer.analysis import terms
from indexer.build import index_letters
from indexer.letters import Letter, QAPair, Questioner
from indexer.search import SearchRequest, Searcher
from indexer.store import Store

WORDS = ["paspoort", "grenstoezicht", "toezicht", "grens", "kabinet", "dijk", "stikstof", "woning",
         "onderwijs", "jeugdzorg", "wachtlijst", "politie", "brandweer", "belasting", "gemeente"]
PARTIES = ["D66", "CDA", "VVD", "PVV", "SP"]
MINISTRIES = ["Financiën", "Defensie", "Justitie en Veiligheid"]


def letter(i: int, rng: random.Random) -> Letter:
    def text(n):
        return " ".join(rng.choice(WORDS) for _ in range(n)) + "."

    parties = rng.sample(PARTIES, rng.randint(0, 2))
    return Letter(
        id=f"ah-{i}", kind=rng.choice(["answer", "letter"]), title=f"Vragen over {rng.choice(WORDS)}",
        date=dt.date(2000, 1, 1) + dt.timedelta(days=7 * i), ministry=rng.choice(MINISTRIES),
        minister=f"Minister {rng.choice(['Van Weel', 'De Jonge'])}",
        questioners=[Questioner(f"Lid {p}", p) for p in parties],
        pairs=[QAPair([n], text(rng.randint(2, 6)), text(rng.randint(2, 8))) for n in range(1, rng.randint(1, 4) + 1)])


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """Three commits (three segments), then a fourth that replaces some letters and deletes others."""
    rng = random.Random(8)
    letters = {i: letter(i, rng) for i in range(90)}
    store = Store(tmp_path_factory.mktemp("ix"))
    for start in (0, 30, 60):
        index_letters(store, [letters[i] for i in range(start, start + 30)])
    for i in range(0, 90, 7):  # changed letters: the old version is deleted from its segment
        letters[i] = letter(i, rng)
        letters[i].title = "Gewijzigd over kabinet"
    index_letters(store, [letters[i] for i in range(0, 90, 7)])
    searcher = Searcher(store)
    yield searcher, list(letters.values())
    searcher.close()


def words_of(letter: Letter) -> set[str]:
    text = " ".join([letter.title or ""] + [p.question + " " + p.answer for p in letter.pairs])
    return set(terms(text))


def expected(letters, *words, without=()):
    stems = [set(terms(w)) for w in words]
    return [x for x in letters if all(s <= words_of(x) for s in stems)
            and not any(set(terms(w)) <= words_of(x) for w in without)]


@pytest.mark.parametrize("q, words, without", [
    ("kabinet", ["kabinet"], []),
    ("paspoort dijk", ["paspoort", "dijk"], []),
    ("stikstof woning politie", ["stikstof", "woning", "politie"], []),
    ("jeugdzorg -brandweer", ["jeugdzorg"], ["brandweer"]),
])
def test_totals_facets_and_pages_agree_with_the_letters(indexed, q, words, without):
    searcher, letters = indexed
    want = expected(letters, *words, without=without)
    assert want, "the generated letters should match"
    result = searcher.search(SearchRequest(q=q, page_size=100))
    assert result.total == len(want) == len(result.hits)
    assert {h.letter.id for h in result.hits} == {x.id for x in want}
    parties = {}
    for x in want:
        for p in {qq.party for qq in x.questioners}:
            parties[p] = parties.get(p, 0) + 1
    assert dict(result.facets["partij"]) == parties
    ministries = {}
    for x in want:
        ministries[x.ministry] = ministries.get(x.ministry, 0) + 1
    assert dict(result.facets["ministerie"]) == ministries
    # The top of a small page is the top of the whole ranking, page after page.
    paged = []
    for page in range(1, len(want) // 4 + 2):
        paged += [h.letter.id for h in searcher.search(SearchRequest(q=q, page_size=4, page=page), with_facets=False).hits]
    assert paged == [h.letter.id for h in result.hits]


def test_filters_and_date_sorts_over_segments(indexed):
    searcher, letters = indexed
    want = [x for x in expected(letters, "kabinet") if any(qq.party == "CDA" for qq in x.questioners)]
    newest = searcher.search(SearchRequest(q="kabinet", filters={"partij": "CDA"}, sort="datum-nieuw", page_size=3))
    assert newest.total == len(want)
    assert [h.letter.id for h in newest.hits] == [x.id for x in sorted(want, key=lambda x: x.date, reverse=True)[:3]]
    oldest = searcher.search(SearchRequest(q="", sort="datum-oud", page_size=5, page=2))
    assert oldest.total == len(letters)
    assert [h.letter.id for h in oldest.hits] == [x.id for x in sorted(letters, key=lambda x: x.date)[5:10]]
    dated = searcher.search(SearchRequest(q="dijk", date_from=dt.date(2000, 6, 1), date_to=dt.date(2001, 1, 1)))
    assert dated.total == len([x for x in expected(letters, "dijk") if dt.date(2000, 6, 1) <= x.date <= dt.date(2001, 1, 1)])
