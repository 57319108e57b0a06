"""Each URL parameter of the results page: sorting, dates, filters and facets, paging, messages."""
from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

import web_corpus
from web_corpus import PAGE_SIZE

ALL = len(web_corpus.letters())
KOSTEN = sum(1 for letter in web_corpus.letters()
             if "kosten" in " ".join([letter.title or "", letter.body] + [p.question + " " + (p.answer or "") for p in letter.pairs]))


def all_dates(client, url: str) -> list[str]:
    """The dates of the whole result set, page by page, as the API reports them."""
    dates, page = [], 1
    while True:
        data = client.get(f"{url}&pagina={page}").get_json()
        dates += [hit["date"] for hit in data["hits"]]
        if page >= data["pages"]:
            return dates
        page += 1


def args(href: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(href).query)


@pytest.mark.parametrize("sort,reverse", [("datum-nieuw", True), ("datum-oud", False)])
def test_sorting_by_date_is_over_all_matches(client, sort, reverse):
    dates = all_dates(client, f"/api/zoeken?q=kosten&sorteer={sort}")
    assert len(dates) == KOSTEN > PAGE_SIZE
    assert dates == sorted(dates, reverse=reverse)


def test_sort_links_show_the_active_sort(page):
    _, soup = page("/zoeken?q=kosten&sorteer=datum-oud")
    active = soup.select_one(".sort .is-active")
    assert active.get_text(strip=True) == "Oudste eerst" and active["aria-current"] == "true"
    options = {a.get_text(strip=True): args(a["href"]) for a in soup.select(".sort a")}
    assert options["Nieuwste eerst"] == {"q": ["kosten"], "sorteer": ["datum-nieuw"]}
    first = soup.select("li.hit time")[0]["datetime"]
    assert first == min(letter.date for letter in web_corpus.letters()).isoformat()


def test_unknown_sort_falls_back_with_a_message(page):
    _, soup = page("/zoeken?q=kosten&sorteer=willekeurig")
    assert "Onbekende sortering" in soup.select_one(".notice--warning").get_text()
    assert soup.select_one(".sort .is-active").get_text(strip=True) == "Relevantie"


def test_without_words_letters_are_listed_newest_first(client):
    dates = all_dates(client, "/api/zoeken?sorteer=datum-nieuw")
    assert len(dates) == ALL and dates == sorted(dates, reverse=True)
    response = client.get("/zoeken?sorteer=datum-nieuw")
    assert response.status_code == 200 and f"{ALL} brieven" in response.get_data(as_text=True)


@pytest.mark.parametrize("van,tot,expected", [
    ("2024-01-01", "2024-12-31", {"ah-tk-20232024-1001", "ah-tk-20232024-3003", "kv-tk-2024Z05555", web_corpus.XSS_ID}),
    ("2024-06-01", None, {"ah-tk-20232024-3003", web_corpus.XSS_ID}),
    (None, "2019-12-31", {"ah-tk-filler-00", "ah-tk-filler-05"}),
    ("2024", "2024", {"ah-tk-20232024-1001", "ah-tk-20232024-3003", "kv-tk-2024Z05555", web_corpus.XSS_ID}),
])
def test_date_range(client, van, tot, expected):
    params = "&".join(f"{k}={v}" for k, v in (("van", van), ("tot", tot)) if v)
    data = client.get(f"/api/zoeken?{params}&pagina=1").get_json()
    ids = {h["id"] for h in data["hits"]}
    page = 2
    while page <= data["pages"]:
        ids |= {h["id"] for h in client.get(f"/api/zoeken?{params}&pagina={page}").get_json()["hits"]}
        page += 1
    assert ids == expected


@pytest.mark.parametrize("bad", ["2024-02-30", "gisteren", "2024-13", "<script>", "9999999999"])
def test_invalid_date_is_a_friendly_message(page, bad):
    _, soup = page(f"/zoeken?q=kosten&van={bad}")
    warning = soup.select_one(".notice--warning").get_text()
    assert "geen geldige begindatum" in warning and "JJJJ-MM-DD" in warning
    assert soup.select("li.hit"), "the results are still shown, without the bad bound"


def test_invalid_date_in_api_is_400(client):
    response = client.get("/api/zoeken?q=kosten&tot=morgen")
    assert response.status_code == 400
    assert "geen geldige einddatum" in response.get_json()["error"]


def test_swapped_dates_are_swapped_back(page):
    _, soup = page("/zoeken?van=2024-12-31&tot=2024-01-01")
    assert "omgedraaid" in soup.select_one(".notice--warning").get_text()
    assert "4 brieven" in soup.find("h1").get_text()


def test_facets_count_the_current_query(page):
    _, soup = page("/zoeken?q=kosten")
    facets = {f.select_one(".facet__title").get_text(strip=True): f for f in soup.select(".sidebar .facet")}
    assert {"Jaar", "Ministerie", "Bewindspersoon", "Partij", "Vragensteller", "Soort document"} <= set(facets)
    years = {li.find("a").get_text(strip=True): int(li.select_one(".count").get_text()) for li in facets["Jaar"].select("li")}
    assert years["2024"] == 4 and sum(years.values()) == KOSTEN
    kinds = [a.get_text(strip=True) for a in facets["Soort document"].select("a")]
    assert "Antwoord" in kinds and "Uitstelbericht" in kinds and "answer" not in kinds
    parties = {a.get_text(strip=True) for a in facets["Partij"].select("a")}
    assert {"SP", "VVD", "CDA", "PVV"} <= parties


def test_clicking_a_facet_adds_the_filter_and_a_removable_chip(client, page):
    _, soup = page("/zoeken?q=kosten&sorteer=datum-oud&pagina=2")
    link = soup.select_one('.sidebar a[data-facet="partij"][href*="partij=SP"]')
    href = link["href"]
    assert args(href) == {"q": ["kosten"], "sorteer": ["datum-oud"], "partij": ["SP"]}, "page resets, the rest stays"
    _, filtered = page(href)
    assert filtered.find("h1").get_text(" ", strip=True).startswith("5 brieven")
    data = client.get("/api/zoeken?q=kosten&partij=SP").get_json()
    assert data["total"] == 5
    assert all(any(q["party"] == "SP" for q in client.get(f"/api/brief/{h['id']}").get_json()["questioners"])
               for h in data["hits"])
    chip = filtered.select_one(".chips .chip")
    assert "Partij:" in chip.get_text() and "SP" in chip.get_text()
    assert args(chip.select_one("a.chip__remove")["href"]) == {"q": ["kosten"], "sorteer": ["datum-oud"]}
    active = filtered.select_one('.sidebar li.is-active a[data-facet="partij"]')
    assert active.get_text(strip=True) == "SP" and "partij" not in args(active["href"])


@pytest.mark.parametrize("param,value,count", [
    ("ministerie", "Ministerie van Defensie", 3),
    ("minister", "minister Ollongren", 1),
    ("indiener", "Jansen", 2),
    ("partij", "D66", 3),
    ("soort", "delay", 1),
    ("jaar", "2023", 3),
])
def test_each_filter_parameter(client, page, param, value, count):
    data = client.get("/api/zoeken", query_string={param: value}).get_json()
    assert data["total"] == count
    _, soup = page("/zoeken?" + f"{param}={value}".replace(" ", "+"))
    chip = soup.select_one(".chips .chip").get_text(" ", strip=True)
    assert (value if param != "soort" else "Uitstelbericht") in chip


def test_combined_filters_and_query(client):
    data = client.get("/api/zoeken", query_string={"q": "kosten", "jaar": "2024", "ministerie": "Ministerie van Justitie en Veiligheid"}).get_json()
    assert {h["id"] for h in data["hits"]} == {"ah-tk-20232024-3003", web_corpus.XSS_ID}


def test_filter_with_no_matches(page):
    _, soup = page("/zoeken?q=kosten&partij=Onbekend")
    assert "Geen brieven gevonden" in soup.find("h1").get_text()
    assert "Verwijder een filter" in soup.select_one(".empty").get_text()


def test_paging_links_and_pages(page, client):
    _, soup = page("/zoeken?q=kosten")
    pages = (KOSTEN + PAGE_SIZE - 1) // PAGE_SIZE
    assert len(soup.select("li.hit")) == PAGE_SIZE
    labels = [a.get_text(strip=True) for a in soup.select(".pager__pages a")]
    assert labels[0] == "1" and labels[-1] == str(pages)
    nxt = soup.select_one('.pager a[rel="next"]')["href"]
    assert args(nxt) == {"q": ["kosten"], "pagina": ["2"]}
    _, second = page(nxt)
    assert second.select_one("ol.hits")["start"] == str(PAGE_SIZE + 1)
    assert second.select_one('.pager a[rel="prev"]')
    assert second.select_one(".pager .is-current").get_text() == "2"
    seen = []
    for n in range(1, pages + 1):
        seen += [h["id"] for h in client.get(f"/api/zoeken?q=kosten&pagina={n}").get_json()["hits"]]
    assert len(seen) == len(set(seen)) == KOSTEN


def test_page_out_of_range(page, client):
    response, soup = page("/zoeken?q=kosten&pagina=99", status=404)
    assert "Pagina 99 bestaat niet" in soup.select_one(".empty").get_text()
    last = soup.select_one(".empty a:last-of-type")["href"]
    assert "pagina=" in last
    page(last)
    api = client.get("/api/zoeken?q=kosten&pagina=99")
    assert api.status_code == 404 and api.get_json()["pages"] == (KOSTEN + PAGE_SIZE - 1) // PAGE_SIZE


@pytest.mark.parametrize("bad", ["0", "-1", "twee", "1e9", "99999999999999999999"])
def test_invalid_page_number_shows_page_one(page, bad):
    _, soup = page(f"/zoeken?q=kosten&pagina={bad}")
    assert "geen geldig paginanummer" in soup.select_one(".notice--warning").get_text()
    assert len(soup.select("li.hit")) == PAGE_SIZE


def test_relaxed_results_message(page):
    _, soup = page("/zoeken?q=ouders+zeppelinluchtschip")
    assert "Geen brief bevat alle woorden" in soup.select_one(".notice--relaxed").get_text()
    assert soup.select("li.hit")


def test_did_you_mean(page):
    _, soup = page("/zoeken?q=compenstie&jaar=2024")
    link = soup.select_one("a.suggestion")
    assert link.get_text() == "compensatie"
    assert args(link["href"]) == {"q": ["compensatie"], "jaar": ["2024"]}
    _, fixed = page(link["href"])
    assert fixed.select("li.hit")


def test_query_parser_notices_are_shown(page):
    _, soup = page('/zoeken?q=%22eigen+risico')
    assert "aanhalingsteken" in soup.select_one(".notice").get_text()
    _, soup = page("/zoeken?q=*")
    assert "minstens twee letters" in soup.select_one(".notice").get_text()
    _, soup = page("/zoeken?q=" + "kosten+" * 900)
    assert "ingekort" in soup.get_text()


def test_empty_query_is_the_home_page(page):
    _, soup = page("/zoeken?q=")
    assert soup.select_one(".hero")
    _, soup = page("/zoeken?q=+++")
    assert soup.select_one(".hero")


def test_new_search_keeps_filters_and_sort(page):
    _, soup = page("/zoeken?q=kosten&partij=SP&sorteer=datum-nieuw&pagina=2")
    form = soup.find("form", role="search")
    hidden = {i["name"]: i["value"] for i in form.find_all("input", type="hidden")}
    assert hidden == {"partij": "SP", "sorteer": "datum-nieuw"}


def test_period_form_keeps_the_rest(page):
    _, soup = page("/zoeken?q=kosten&partij=SP&van=2020-01-01")
    form = soup.find("form", class_="period")
    hidden = {i["name"]: i["value"] for i in form.find_all("input", type="hidden")}
    assert hidden == {"q": "kosten", "partij": "SP"}
    assert form.find("input", id="van")["value"] == "2020-01-01"
    assert soup.find(string=lambda s: s and "1 januari 2020" in s)


def test_dates_are_in_dutch(page):
    _, soup = page(f"/brief/{web_corpus.MERGED_ID}")
    assert soup.find("time", datetime=dt.date(2024, 3, 12).isoformat()).get_text() == "12 maart 2024"


@pytest.mark.parametrize("q", ['"Raad van State" OF RvS', "kosten & baten #1 100%", "Doğan+Brouwer-Benali/ü:?@",
                               "a\u00a0b 'quote' <script>", "plain_text-with.dots~and!$'()*,/:;?@ signs", ""])
def test_links_that_change_one_thing_are_the_urls_flask_builds(client, monkeypatch, q):
    """Facet, pager, chip and hit links are built without Flask's url_for (hundreds a page): they
    are the same URLs it builds, for any text a query, filter value or letter id can hold."""
    from flask import url_for
    from werkzeug.datastructures import MultiDict

    from search_app import form as form_module

    changes = [("search.results", {}), ("search.results", {"indiener": q or "x"}), ("search.results", {"pagina": 4}),
               ("search.results", {"partij": None}), ("search.results_csv", {"pagina": None}), ("api.search", {"pagina": 2})]
    with client.application.test_request_context("/zoeken"):
        form = form_module.read_form(MultiDict({"q": q, "partij": "GroenLinks-PvdA", "pagina": "3", "van": "2024-01-01"}), 10)
        got = [form.url(endpoint, **change) for endpoint, change in changes]
        values = [q, "D66", "Doğan & Brouwer, H."]
        facet_links = {name: form.value_urls(name, values) for name in ("q", "jaar", "partij", "indiener", "soort")}
        letter_ids = [web_corpus.MERGED_ID, "a b/c?d#e%f&g'h+i=j", "Doğan € ü"]
        assert [form.letter_url(i) for i in letter_ids] == [url_for("letters.show", letter_id=i, q=q or None)
                                                            for i in letter_ids]
        monkeypatch.setattr(form_module, "_query_url", lambda endpoint, params: url_for(endpoint, **dict(params)))
        assert got == [form.url(endpoint, **change) for endpoint, change in changes]
        for name, links in facet_links.items():
            assert links == [form.url(**{name: value}) for value in values]
    assert got[0].startswith("/zoeken?") and "pagina" not in got[0] and "pagina=4" in got[2]


def test_links_keep_the_path_the_app_is_served_under(client):
    """Served under a path (a proxy's /vraagbaak), every link of a page starts with it, also the
    links built once for all pages, and the same app still links right without it."""
    for root in ("/vraagbaak", "", "/elders"):
        response = client.get("/zoeken?q=kosten", base_url=f"http://localhost{root}/")
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        links = [a["href"] for a in soup.select("a[href^='/']")] + [link["href"] for link in soup.select("link[href]")]
        assert links and all(href.startswith(root + "/") for href in links), root
        assert soup.select_one(".hit h2 a")["href"].startswith(f"{root}/brief/")
