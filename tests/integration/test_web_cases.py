"""Cases in the browser (Flask test client): the timeline, the status filter and facet,
/statistiek with its chart, JSON and CSV, /zaken, and watching a case through a saved query."""
from __future__ import annotations

import csv
import datetime as dt
import io
import time

import pytest
from bs4 import BeautifulSoup

from indexer.build import index_letters
from indexer.letters import Letter, QAPair
from indexer.store import Store
from search_app import create_app

D = dt.date
IENW = "Infrastructuur en Waterstaat"


def chain() -> list[Letter]:
    """One case with questions, a delay notice and (separately, later) the answer; one open case."""
    return [
        Letter(id="kv-tk-2025Z17342", kind="questions", title="Vragen over de wachttijd voor rijexamens",
               date=D(2025, 10, 2), submitted=D(2025, 10, 2), case_number="2025Z17342", ministry=IENW,
               pairs=[QAPair([1], "Bent u bekend met het bericht?"), QAPair([2], "Hoe lang is de wachttijd?"),
                      QAPair([3], "Wat gaat u doen?")]),
        Letter(id="ah-tk-20252026-301", kind="delay", title="Mededeling over de vragen over rijexamens",
               date=D(2025, 10, 23), submitted=D(2025, 10, 2), case_number="2025Z17342", ministry=IENW,
               body="De vragen kunnen niet binnen de gebruikelijke termijn worden beantwoord."),
        Letter(id="kv-tk-2025Z20000", kind="questions", title="Vragen over de snelweg A12",
               date=D(2025, 11, 3), submitted=D(2025, 11, 3), case_number="2025Z20000", ministry="Defensie",
               pairs=[QAPair([1], "Waarom is de A12 dicht?")]),
    ]


def the_answer() -> Letter:
    return Letter(id="ah-tk-20252026-655", kind="answer", title="Antwoord op vragen over de wachttijd voor rijexamens",
                  date=D(2025, 12, 4), submitted=D(2025, 10, 2), case_number="2025Z17342", ministry=IENW,
                  pairs=[QAPair([1], "Bent u bekend met het bericht?", "Ja."),
                         QAPair([2, 3], "Hoe lang is de wachttijd?\nWat gaat u doen?", "Zes maanden; wij versnellen.")])


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("cases") / "index"
    index_letters(Store(root), chain() + [the_answer()])
    return root


@pytest.fixture(scope="module")
def client(index_dir, tmp_path_factory):
    app = create_app({"TESTING": True, "INDEX": str(index_dir), "PAGE_SIZE": 10,
                      "SAVED_DB": str(tmp_path_factory.mktemp("db") / "saved.sqlite3")})
    return app.test_client()


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response, BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_questions_page_shows_the_timeline_and_links_each_question_to_its_answer(client):
    _, page = get(client, "/brief/kv-tk-2025Z17342?peildatum=2026-01-01")
    timeline = page.select_one("#tijdlijn")
    steps = [" ".join(li.get_text(" ", strip=True).split()) for li in timeline.select(".timeline__step")]
    assert steps[0].startswith("Ingezonden 2 oktober 2025 dit document")
    assert steps[1].startswith("Uitstelbericht 23 oktober 2025") and "na 21 dagen" in steps[1]
    assert steps[2].startswith("Beantwoord 4 december 2025") and "na 63 dagen, na de termijn" in steps[2]
    assert timeline.select_one(".status--beantwoord")
    links = [a["href"] for a in timeline.select("a.timeline__doc")]
    assert links == ["/brief/ah-tk-20252026-301", "/brief/ah-tk-20252026-655"]
    answers = [a["href"] for a in page.select(".pair__answer-link a")]
    assert answers == ["/brief/ah-tk-20252026-655#vraag-1", "/brief/ah-tk-20252026-655#vraag-2",
                       "/brief/ah-tk-20252026-655#vraag-3"]
    # The answer page has those anchors (3 through the merged pair "2 en 3").
    _, answer = get(client, "/brief/ah-tk-20252026-655")
    assert answer.select_one("#vraag-1") and answer.select_one("#vraag-3")


def test_timeline_on_a_reference_date_before_the_answer(client):
    _, page = get(client, "/brief/ah-tk-20252026-301?peildatum=2025-11-20")
    timeline = page.select_one("#tijdlijn")
    assert timeline.select_one(".status--te-laat")
    assert "termijn verstreken op 13 november 2025" in timeline.get_text(" ", strip=True)
    assert "ah-tk-20252026-655" not in str(timeline)  # the answer came later
    assert not page.select(".pair__answer-link")


def test_letter_without_case_has_no_timeline(client):
    _, page = get(client, "/brief/ah-tk-20252026-655")
    assert page.select_one("#tijdlijn")
    assert get(client, "/brief/onbekend", status=404)


@pytest.mark.parametrize("on, counts", [
    ("2025-10-10", {"open": 1}),
    ("2025-10-24", {"uitgesteld": 2}),
    ("2025-11-20", {"te-laat": 2, "open": 1}),
    ("2026-01-01", {"beantwoord": 3, "te-laat": 1}),
])
def test_status_facet_counts_letters_on_the_reference_date(client, on, counts):
    _, page = get(client, f"/zoeken?q=&sorteer=datum-nieuw&peildatum={on}")
    facet = page.select_one("#facet-status").find_parent("section")
    found = {a["href"].split("status=")[1].split("&")[0]: int(a.find_next_sibling("span").text)
             for a in facet.select("a[data-facet=status]")}
    assert found == counts


def test_status_filter_and_its_chip(client):
    _, page = get(client, "/zoeken?sorteer=datum-nieuw&status=te-laat&peildatum=2025-11-20")
    ids = [a["href"].split("/brief/")[1].split("?")[0].split("#")[0] for a in page.select(".hit__title a")]
    assert sorted(ids) == ["ah-tk-20252026-301", "kv-tk-2025Z17342"]
    chips = page.select_one(".chips").get_text(" ", strip=True)
    assert "Status: Te laat" in chips and "Peildatum: 20 november 2025" in chips
    data = client.get("/api/zoeken?status=beantwoord&peildatum=2026-01-01").get_json()
    assert data["total"] == 3 and data["facets"]["status"] == [{"value": "beantwoord", "label": "beantwoord", "count": 3}]


def test_bad_status_and_reference_date_are_messages(client):
    _, page = get(client, "/zoeken?q=rijexamens&status=later&peildatum=2025-13-01")
    text = page.get_text(" ", strip=True)
    assert "Onbekende status 'later'" in text and "geen geldige peildatum" in text
    assert page.select(".hit")


def test_statistics_page_table_chart_and_links(client):
    _, page = get(client, "/statistiek?peildatum=2026-01-01")
    assert page.select_one("svg.chart__svg title")
    bars = page.select("svg.chart__svg a")
    assert bars and all(a["href"].startswith("/zaken?") for a in bars)
    rows = {tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.select("td")]
            for tr in page.select("section:has(#per-ministerie) tbody tr")}
    assert rows[IENW][:4] == ["1", "1", "63", "63"] and rows[IENW][4].startswith("0%")
    assert rows["Defensie"][:3] == ["1", "0", "—"]
    link = page.select_one(f"section:has(#per-ministerie) tbody tr:has(th:-soup-contains('{IENW}')) td a")["href"]
    _, cases = get(client, link)
    assert cases.select_one(".cases-table") and "2025Z17342" in cases.get_text()
    assert not page.select("script:not([src])")  # the chart needs no (inline) script


def test_statistics_json_and_csv(client):
    data = client.get("/statistiek.json?peildatum=2026-01-01").get_json()
    assert data["total"]["cases"] == 2 and data["total"]["median_days"] == 63
    assert data["total"]["share_within_term"] == 0.0 and data["total"]["share_with_delay"] == 0.5
    response = client.get("/statistiek.csv?peildatum=2026-01-01")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0]["group"] == "totaal" and rows[0]["cases"] == "2" and {r["key"] for r in rows} >= {IENW, "Defensie", "2025"}


def test_case_list_filters_and_json(client):
    _, page = get(client, "/zaken?status=te-laat&peildatum=2026-01-01")
    assert [r.select_one("code").text for r in page.select(".cases-table tbody tr")] == ["2025Z20000"]
    data = client.get("/zaken.json?toon=uitstel&peildatum=2026-01-01").get_json()
    assert [c["case_number"] for c in data["cases"]] == ["2025Z17342"]
    assert data["cases"][0]["letters"][0]["id"] == "kv-tk-2025Z17342"


def test_watching_a_case_gets_a_feed_entry_when_the_answer_arrives(tmp_path):
    root = tmp_path / "index"
    index_letters(Store(root), chain())
    app = create_app({"TESTING": True, "INDEX": str(root), "SAVED_DB": str(tmp_path / "saved.sqlite3")})
    client = app.test_client()
    _, page = get(client, "/brief/kv-tk-2025Z17342")
    form = page.select_one(".timeline__watch form")
    data = {i["name"]: i.get("value", "") for i in form.select("input[name]")}
    assert data["q"] == "2025Z17342" and data["naam"].startswith("Zaak 2025Z17342")
    response = client.post(form["action"], data=data, follow_redirects=True)
    assert response.status_code == 200
    feed_url = BeautifulSoup(client.get("/bewaard").get_data(as_text=True), "html.parser").select_one("a[href$='.atom']")["href"]
    before = client.get(feed_url).get_data(as_text=True)
    assert "ah-tk-20252026-655" not in before
    time.sleep(0.01)
    index_letters(Store(root), [the_answer()])
    after = client.get(feed_url).get_data(as_text=True)
    assert "/brief/ah-tk-20252026-655" in after
    assert "Beantwoord na 63 dagen" in after


def test_the_cases_are_worked_out_once_in_the_background_after_the_first_answer(index_dir, tmp_path, monkeypatch):
    """The first search needs only the statuses; the letter pages' cases follow after its answer."""
    import threading

    from search_app import index as web_index

    runs, run = [], web_index._WarmUp._run
    monkeypatch.setattr(web_index._WarmUp, "_run", lambda self: runs.append(threading.current_thread().name) or run(self))
    client = create_app({"TESTING": True, "INDEX": str(index_dir), "SAVED_DB": str(tmp_path / "saved.sqlite3")}).test_client()
    with client.get("/zoeken?q=rijexamens&peildatum=2026-01-01") as response:  # closed once sent, as by gunicorn
        assert response.status_code == 200 and not runs  # not while the answer is on its way
    with client.get("/zoeken?q=snelweg") as response:
        assert response.status_code == 200
    for thread in threading.enumerate():
        if thread.name == "vraagbaak-warm-up":
            thread.join(30)
    assert runs == ["vraagbaak-warm-up"]
    _, page = get(client, "/brief/kv-tk-2025Z17342?peildatum=2026-01-01")
    assert page.select_one("#tijdlijn .status--beantwoord")


def test_case_list_pages_keep_the_filters(client, monkeypatch):
    from search_app.views import cases as views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)  # two cases: two pages
    _, first = get(client, "/zaken?toon=alle&peildatum=2026-01-01")
    assert [r.select_one("code").text for r in first.select(".cases-table tbody tr")] == ["2025Z20000"]
    assert first.h1.get_text(strip=True).startswith("2 zaken")
    assert "Zaken 1–1 van 2" in first.select_one(".cases-range").get_text()
    following = first.select_one(".pager a[rel=next]")["href"]
    assert following.startswith("/zaken?") and all(p in following for p in ("toon=alle", "peildatum=2026-01-01", "pagina=2"))
    _, second = get(client, following)
    assert [r.select_one("code").text for r in second.select(".cases-table tbody tr")] == ["2025Z17342"]
    assert "Zaken 2–2 van 2" in second.select_one(".cases-range").get_text()
    assert second.select_one(".pager [aria-current=page]").get_text(strip=True) == "2"
    assert "pagina" not in second.select_one(".pager a[rel=prev]")["href"]  # page 1 is the plain list
    tabs = [a["href"] for a in second.select(".status-tabs a")]
    assert all("toon=alle" in t and "peildatum=2026-01-01" in t and "pagina" not in t for t in tabs)
    assert "pagina=2" in second.select_one("a[href^='/zaken.json']")["href"]


def test_case_list_json_pages(client, monkeypatch):
    from search_app.views import cases as views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    data = client.get("/zaken.json?peildatum=2026-01-01&pagina=2").get_json()
    assert (data["total"], data["page"], data["pages"], data["page_size"]) == (2, 2, 2, 1)
    assert data["reference_date"] == "2026-01-01" and [c["case_number"] for c in data["cases"]] == ["2025Z17342"]
    assert {"status", "letters", "answer_days", "problems"} <= set(data["cases"][0])


@pytest.mark.parametrize("page", ["x", "0", "-1", "²", "1.5", "99999999999999999999"])
def test_a_malformed_page_number_shows_the_first_page_with_a_message(client, page):
    _, html = get(client, f"/zaken?peildatum=2026-01-01&pagina={page}")
    assert "geen geldig paginanummer" in html.select_one(".notice--warning").get_text()
    assert len(html.select(".cases-table tbody tr")) == 2
    response = client.get(f"/zaken.json?pagina={page}")
    assert response.status_code == 400 and "geen geldig paginanummer" in response.get_json()["error"]


def test_a_page_past_the_end_says_how_many_there_are(client):
    _, html = get(client, "/zaken?status=te-laat&peildatum=2026-01-01&pagina=3", status=404)
    assert "Pagina 3 bestaat niet" in html.get_text() and not html.select(".cases-table")
    last = html.select_one(".empty a:-soup-contains('de laatste pagina')")["href"]
    assert "status=te-laat" in last and "pagina" not in last
    response = client.get("/zaken.json?status=te-laat&peildatum=2026-01-01&pagina=3")
    data = response.get_json()
    assert response.status_code == 404 and data["pages"] == 1 and data["cases"] == [] and "1 pagina" in data["error"]


def test_bad_filters_of_the_case_list_are_no_error(client):
    for url in ("/zaken?jaar=²", "/zaken?jaar=abc&ministerie=x", "/zaken?toon=iets", "/zaken.json?jaar=²&status=later"):
        assert client.get(url).status_code == 200, url


def test_the_case_list_as_csv_has_every_page(client, monkeypatch):
    from search_app.views import cases as views

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    _, page = get(client, "/zaken?toon=alle&peildatum=2026-01-01")
    link = page.select_one("a[href^='/zaken.csv']")
    assert link.get_text() == "alle 2 als CSV" and "toon=alle" in link["href"] and "pagina" not in link["href"]
    response = client.get(link["href"])
    assert response.mimetype == "text/csv" and "vraagbaak-zaken-2026-01-01.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["case_number"] for r in rows] == ["2025Z20000", "2025Z17342"]
    assert rows[1]["status"] == "beantwoord" and rows[1]["answer_days"] == "63"
    assert rows[1]["letters"] == "kv-tk-2025Z17342 ah-tk-20252026-301 ah-tk-20252026-655"
    late = client.get("/zaken.csv?status=te-laat&peildatum=2026-01-01").get_data(as_text=True)
    assert "2025Z20000" in late and "2025Z17342" not in late
    empty = client.get("/zaken.csv?status=open&peildatum=2026-01-01").get_data(as_text=True)
    assert empty.lstrip("\ufeff").splitlines() == [",".join(views.CSV_COLUMNS)]
