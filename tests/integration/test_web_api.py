"""The JSON API and the CSV export."""
from __future__ import annotations

import csv
import io

import web_corpus
from web_corpus import PAGE_SIZE
from indexer.letters import KIND_LABELS

HIT_KEYS = {"id", "title", "date", "kind", "score", "source", "pair", "url"}


def test_api_search_shape(client):
    response = client.get("/api/zoeken?q=integrale+beoordeling")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = response.get_json()
    assert {"query", "total", "hits", "facets", "page", "pages", "page_size"} <= set(data)
    assert data["query"] == "integrale beoordeling" and data["total"] == 1
    assert (data["page"], data["pages"], data["page_size"]) == (1, 1, PAGE_SIZE)
    hit = data["hits"][0]
    assert set(hit) == HIT_KEYS
    assert hit["id"] == web_corpus.MERGED_ID and hit["date"] == "2024-03-12" and hit["kind"] == "answer"
    assert hit["pair"]["questions"] == [2, 3]
    assert "<mark>integrale</mark>" in hit["pair"]["question_snippet"]
    assert hit["url"] == f"http://localhost/brief/{web_corpus.MERGED_ID}#vraag-2"
    assert data["facets"]["jaar"] == [{"value": "2024", "label": "2024", "count": 1}]
    assert data["facets"]["soort"] == [{"value": "answer", "label": "Antwoord", "count": 1}]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_api_matches_the_cli_shape(client, web_index):
    """The API is the CLI's --json plus facets and paging: the same keys and hits."""
    import json

    from click.testing import CliRunner

    from indexer.cli import main

    cli = json.loads(CliRunner().invoke(main, ["search", "kosten", "--json", "-n", str(PAGE_SIZE),
                                               "--index-dir", str(web_index)]).output)
    api = client.get("/api/zoeken?q=kosten").get_json()
    assert set(cli) <= set(api)
    assert [h["id"] for h in cli["hits"]] == [h["id"] for h in api["hits"]]
    assert cli["total"] == api["total"]
    assert all(set(c) == set(a) - {"url"} for c, a in zip(cli["hits"], api["hits"]))


def test_api_extra_information(client):
    data = client.get("/api/zoeken?q=compenstie").get_json()
    assert data["suggestion"] == "compensatie" and data["total"] == 0 and data["hits"] == []
    data = client.get('/api/zoeken?q=%22').get_json()
    assert data["notices"]
    data = client.get("/api/zoeken?q=ouders+zeppelinluchtschip").get_json()
    assert data["relaxed"] is True


def test_api_letter(client):
    response = client.get(f"/api/brief/{web_corpus.MERGED_ID}")
    assert response.status_code == 200
    data = response.get_json()
    expected = next(letter for letter in web_corpus.letters() if letter.id == web_corpus.MERGED_ID).to_json()
    assert data == expected


def test_api_unknown_letter_is_json_404(client):
    response = client.get("/api/brief/bestaat-niet")
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert "bestaat-niet" in response.get_json()["error"]


def test_api_unknown_path_is_json_404(client):
    response = client.get("/api/onbekend")
    assert response.status_code == 404 and response.get_json()["status"] == 404


def test_api_wrong_method_is_json_405(client):
    response = client.post("/api/zoeken")
    assert response.status_code == 405 and response.get_json()["status"] == 405


def read_csv(response) -> list[dict[str, str]]:
    text = response.get_data().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_the_whole_result_set(client):
    response = client.get("/zoeken.csv?q=kosten")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="vraagbaak-kosten.csv"' in response.headers["Content-Disposition"]
    rows = read_csv(response)
    total = client.get("/api/zoeken?q=kosten").get_json()["total"]
    assert total > PAGE_SIZE and len(rows) == total
    assert list(rows[0]) == ["id", "title", "date", "kind", "ministry", "minister", "questioners", "case_number", "url"]
    merged = next(r for r in rows if r["id"] == web_corpus.MERGED_ID)
    assert merged == {
        "id": web_corpus.MERGED_ID,
        "title": "Antwoord op vragen van de leden Jansen en De Vries over het herstel van de toeslagenaffaire",
        "date": "2024-03-12", "kind": KIND_LABELS["answer"], "ministry": "Ministerie van Financiën",
        "minister": "staatssecretaris Van Rij", "questioners": "Jansen (SP); De Vries (VVD)",
        "case_number": "2024Z01234", "url": f"http://localhost/brief/{web_corpus.MERGED_ID}",
    }


def test_csv_follows_filters_and_sort(client):
    rows = read_csv(client.get("/zoeken.csv?q=kosten&jaar=2024&sorteer=datum-oud"))
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows) and len(rows) == 4
    rows = read_csv(client.get("/zoeken.csv?sorteer=datum-nieuw"))
    assert len(rows) == len(web_corpus.letters())


def test_csv_of_nothing_has_a_header_only(client):
    rows = read_csv(client.get("/zoeken.csv?q=bestaatnietwoord"))
    assert rows == []


def test_csv_neutralises_formulas(client):
    from search_app.views.search import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and _cell("Gewoon") == "Gewoon" and _cell(None) == ""
