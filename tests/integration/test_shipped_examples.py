"""The example searches the home page and the help page offer find letters in the corpus the
project ships (corpus/letters, what `scripts/run.sh` indexes): a new user's first click must not
end on "Geen brieven gevonden"."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

from indexer.build import build_index
from indexer.store import Store
from search_app import create_app

LETTERS = Path(__file__).resolve().parents[2] / "corpus" / "letters"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("shipped")
    build_index([LETTERS], Store(tmp / "index"))
    app = create_app({"INDEX": str(tmp / "index"), "SAVED_DB": str(tmp / "saved.sqlite3"),
                      "SECRET_KEY": "test", "TESTING": True})
    return app.test_client()


def _examples(client, path: str) -> list[str]:
    soup = BeautifulSoup(client.get(path).data, "html.parser")
    links = [a["href"] for a in soup.select("a.example, a.example-query, .examples a") if a["href"].startswith("/zoeken?")]
    return [parse_qs(urlparse(href).query)["q"][0] for href in links]


@pytest.mark.parametrize("path", ["/", "/help"])
def test_every_example_search_finds_letters_in_the_shipped_corpus(client, path):
    examples = _examples(client, path)
    assert len(examples) >= 3, examples
    empty = []
    for q in examples:
        soup = BeautifulSoup(client.get("/zoeken", query_string={"q": q}).data, "html.parser")
        if not soup.select("li.hit"):
            empty.append(q)
    assert not empty, f"examples without a letter in corpus/letters: {empty}"
