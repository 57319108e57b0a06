"""Letters stored compressed with the index's dictionary (indexer.stored_letters), through the web
app: built from files, found by a search, and shown whole on the letter page."""
import datetime as dt
import sys
from pathlib import Path

import pytest

from indexer import stored_letters
from indexer.build import build_index, index_letters
from indexer.letters import Letter, QAPair
from indexer.parse import parse_file
from indexer.store import Store
from search_app import create_app

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "corpus"))
from generate import generate  # noqa: E402

HOSTILE = Letter(
    id="ah-tk-20252026-4242", kind="answer", title="Antwoord over de zuinigheidsproef van het café",
    date=dt.date(2025, 9, 1), ministry="Ministerie van Financiën",
    pairs=[QAPair([1], "Bent u geïnformeerd over <script>alert('vraag')</script> de zuinigheidsproef?",
                  "Ja. De kosten bedroegen € 12 miljoen; ‘Ærø’ en „citaat” 🇳🇱 blijven staan.")])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """60 generated letters indexed from their files (a dictionary is trained), then one letter
    with markup and non-ASCII text added by a second run."""
    tmp = tmp_path_factory.mktemp("stored")
    paths = generate(tmp / "corpus", 60, seed=5, formats=("txt",))
    store = Store(tmp / "ix")
    build_index([tmp / "corpus"], store)
    index_letters(store, [HOSTILE])
    app = create_app({"TESTING": True, "INDEX": str(store.root)})
    return store, paths, app.test_client()


def test_the_letters_are_stored_with_the_dictionary(built):
    store, _, _ = built
    generation = store.current_generation()
    assert stored_letters.dictionary_ids(generation) == [stored_letters.FIRST_ID]
    with store.searcher() as s:
        ids = {stored_letters.dictionary_id(d["letter"]) for d in s.all_stored_fields()}
    assert ids == {stored_letters.FIRST_ID}


def test_a_generated_letter_is_found_and_shown_whole(built):
    _, paths, client = built
    letter = parse_file(paths[7])
    answer = letter.pairs[0].answer
    found = client.get(f"/api/zoeken?q={letter.id}").get_json()
    assert [hit["id"] for hit in found["hits"]] == [letter.id]
    page = client.get(f"/brief/{letter.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert letter.title.split()[-1] in text
    # The page shows every word of the answer (its markup aside).
    assert all(word in text for word in answer.split()[:40] if word.isalpha())
    assert client.get(f"/api/brief/{letter.id}").get_json() == letter.to_json()


def test_markup_and_non_ascii_text_come_back_unchanged_and_escaped(built):
    _, _, client = built
    assert client.get("/api/brief/" + HOSTILE.id).get_json() == HOSTILE.to_json()
    found = client.get("/api/zoeken?q=zuinigheidsproef").get_json()
    assert [hit["id"] for hit in found["hits"]] == [HOSTILE.id]
    text = client.get(f"/brief/{HOSTILE.id}").get_data(as_text=True)
    assert "<script>alert('vraag')" not in text
    assert "&lt;script&gt;alert(" in text
    assert "geïnformeerd" in text and "€ 12 miljoen" in text and "🇳🇱" in text
