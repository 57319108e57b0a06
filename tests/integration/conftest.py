"""Fixtures for the web app through Flask's test client: one small index per session."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import web_corpus
from indexer.build import index_letters
from indexer.store import Store
from search_app import create_app

PAGE_SIZE = web_corpus.PAGE_SIZE


@pytest.fixture(scope="session")
def web_index(tmp_path_factory):
    """An index of tests/web_corpus.py's letters, built once."""
    root = tmp_path_factory.mktemp("web") / "index"
    index_letters(Store(root), web_corpus.letters())
    return root


@pytest.fixture(scope="session")
def app(web_index):
    return create_app({"TESTING": True, "INDEX": str(web_index), "PAGE_SIZE": PAGE_SIZE})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def page(client):
    """GET a URL and return (response, parsed HTML)."""

    def get(url: str, status: int | None = 200):
        response = client.get(url)
        if status is not None:
            assert response.status_code == status, (url, response.status_code)
        return response, BeautifulSoup(response.get_data(as_text=True), "html.parser")

    return get
