"""Case 5: property-based fuzzing of the query parser and of /zoeken, /api/zoeken and /brief/<id>
with arbitrary Unicode, operators, quotes, field names and lengths: no 5xx, each answer in time.

The normal run tries a few hundred cases; ``pytest -m slow tests/reliability/test_fuzz.py`` tries
10,000 (the parser's and the routes' together, plus 10,000 for the parser alone)."""
from __future__ import annotations

import time
import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import web_corpus
from indexer.build import index_letters
from indexer.query import parse
from indexer.store import Store
from search_app import create_app

SECONDS = 5.0
OPERATORS = ['"', "-", "*", "?", "OF", "OR", "EN", "AND", "|", "&", "(", ")", ":", "~", "^", "\\", "'", "\x00",
             "minister:", "partij:", "indiener:", "ministerie:", "soort:", "datum:", "datum:2024-13", "titel:",
             "*:*", "\u200b", "\ufeff", "\U0001F600", "ﬁ", "İ", "ß", "e\u0301", " ", "\t", "\n", "%", "%00"]
WORDS = ["palantir", "kmar", "wacht", "vraag", "antwoord", "2024Z18294", "ah-tk-20242025-605", "Van Weel", "D66",
         "geïnformeerd", "<script>", "&lt;", "'; DROP TABLE", "../..", "a" * 300]

token = st.one_of(st.sampled_from(OPERATORS), st.sampled_from(WORDS), st.text(max_size=12))
queries = st.one_of(st.text(max_size=2000), st.lists(token, max_size=40).map(" ".join),
                    st.lists(token, max_size=40).map("".join))
params = st.dictionaries(st.sampled_from(["q", "sorteer", "van", "tot", "jaar", "ministerie", "minister", "indiener",
                                          "partij", "soort", "pagina", "sinds", "nieuw", "x"]),
                         st.one_of(queries, st.integers(-10**12, 10**12).map(str)), max_size=6)
letter_ids = st.one_of(st.text(min_size=1, max_size=300), st.sampled_from(
    ["..", "../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%00", "ah-tk-20202021-3235", "a/b", "\\..\\", "con", "*"]))


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "index"
    index_letters(Store(root), web_corpus.letters())
    return create_app({"TESTING": False, "INDEX": str(root)}).test_client()


def _check(client, url: str) -> None:
    started = time.monotonic()
    response = client.get(url)
    took = time.monotonic() - started
    assert response.status_code < 500, (url, response.status_code)
    assert took < SECONDS, (url, took)


def _fuzz(n: int):
    return settings(max_examples=n, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _parser(raw: str) -> None:
    started = time.monotonic()
    parsed = parse(raw)
    assert time.monotonic() - started < 1.0
    assert len(parsed.groups) <= 50


def _routes(client, data) -> None:
    route = data.draw(st.sampled_from(["/zoeken", "/api/zoeken", "/brief"]))
    if route == "/brief":
        _check(client, "/brief/" + urllib.parse.quote(data.draw(letter_ids), safe="/"))
    else:
        _check(client, route + "?" + urllib.parse.urlencode(data.draw(params)))


@_fuzz(1000)
@given(queries)
def test_parser_quick(raw):
    _parser(raw)


@_fuzz(300)
@given(st.data())
def test_routes_quick(client, data):
    _routes(client, data)


@pytest.mark.slow
@_fuzz(10_000)
@given(queries)
def test_parser_10000(raw):
    _parser(raw)


@pytest.mark.slow
@_fuzz(10_000)
@given(st.data())
def test_routes_10000(client, data):
    _routes(client, data)
