"""A running app sees letters committed after it started, without a restart."""
from __future__ import annotations

import web_corpus
from indexer.build import index_letters
from indexer.store import Store
from search_app import create_app


def test_new_commit_is_visible_without_restart(tmp_path):
    root = tmp_path / "index"
    index_letters(Store(root), web_corpus.letters()[:3])
    app = create_app({"TESTING": True, "INDEX": str(root)})
    client = app.test_client()
    before = client.get("/api/zoeken", query_string={"q": web_corpus.FRESH_WORD}).get_json()
    assert before["total"] == 0
    fresh = web_corpus.fresh_letter()
    assert client.get(f"/brief/{fresh.id}").status_code == 404

    index_letters(Store(root), [fresh])  # another process's indexing run, in effect

    after = client.get("/api/zoeken", query_string={"q": web_corpus.FRESH_WORD}).get_json()
    assert [h["id"] for h in after["hits"]] == [fresh.id]
    assert client.get(f"/brief/{fresh.id}").status_code == 200
    assert f"{web_corpus.FRESH_WORD}" in client.get("/zoeken", query_string={"q": web_corpus.FRESH_WORD}).get_data(as_text=True)


def test_rebuilt_index_is_picked_up(tmp_path):
    """A rebuild swaps in a new generation; the app follows CURRENT to it."""
    root = tmp_path / "index"
    index_letters(Store(root), web_corpus.letters()[:2])
    app = create_app({"TESTING": True, "INDEX": str(root)})
    client = app.test_client()
    assert client.get("/api/zoeken?sorteer=datum-nieuw").get_json()["total"] == 2
    index_letters(Store(root), [web_corpus.fresh_letter()], rebuild=True)
    data = client.get("/api/zoeken?sorteer=datum-nieuw").get_json()
    assert [h["id"] for h in data["hits"]] == [web_corpus.fresh_letter().id]


def test_index_created_after_start(tmp_path):
    root = tmp_path / "index"
    app = create_app({"TESTING": True, "INDEX": str(root)})
    client = app.test_client()
    assert client.get("/").status_code == 503
    index_letters(Store(root), [web_corpus.fresh_letter()])
    assert client.get("/").status_code == 200
