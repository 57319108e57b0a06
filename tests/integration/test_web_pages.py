"""Each page of the site: home, results, letter, help, OpenSearch, errors."""
from __future__ import annotations

import re

import web_corpus
from search_app import create_app


def test_home_has_a_labelled_autofocus_search_box(page):
    _, soup = page("/")
    assert soup.html["lang"] == "nl"
    field = soup.find("input", id="q")
    assert field.has_attr("autofocus") and field["name"] == "q"
    assert soup.find("label", attrs={"for": "q"}).get_text(strip=True)
    assert soup.find("a", class_="skip-link")["href"] == "#inhoud"
    assert "Vraagbaak" in soup.find("header").get_text()
    # The newest letters and browsing by year/ministry.
    assert "16 brieven" in soup.get_text(" ")
    assert soup.select(".letter-list li")


def test_every_page_links_opensearch_in_head(page):
    for url in ("/", "/zoeken?q=kosten", f"/brief/{web_corpus.MERGED_ID}", "/help", "/brief/bestaat-niet"):
        _, soup = page(url, status=None)
        link = soup.head.find("link", rel="search")
        assert link["href"] == "/opensearch.xml" and link["type"] == "application/opensearchdescription+xml"


def test_results_show_count_time_metadata_and_pair(page):
    _, soup = page("/zoeken?q=integrale+beoordeling")
    heading = soup.find("h1", class_="results-count").get_text(" ", strip=True)
    assert heading.startswith("1 brief") and re.search(r"\d+,\d\d s", heading)
    hit = soup.select_one("li.hit")
    assert "herstel van de toeslagenaffaire" in hit.find("h2").get_text()
    meta = hit.get_text(" ", strip=True)
    assert "12 maart 2024" in meta and "Antwoord" in meta
    assert "staatssecretaris Van Rij" in meta and "Ministerie van Financiën" in meta
    assert "Jansen (SP) en De Vries (VVD)" in meta
    labels = [h.get_text(strip=True) for h in hit.select(".pair")[0].select(".pair__label")]
    assert labels == ["Vraag 2 en 3", "Antwoord 2 en 3"]
    marks = [m.get_text() for m in hit.select(".pair mark")]
    assert "integrale" in marks and "beoordeling" in marks
    link = hit.find("h2").find("a")["href"]
    assert link == f"/brief/{web_corpus.MERGED_ID}?q=integrale+beoordeling#vraag-2"


def test_more_matching_pairs_are_collapsed(page):
    _, soup = page("/zoeken?q=kosten+begroting")
    hits = [h for h in soup.select("li.hit") if h.find("details", class_="more-pairs")]
    assert hits, "a letter with two matching pairs shows the second under <details>"
    details = hits[0].find("details", class_="more-pairs")
    assert "Nog 1 passende vraag" in details.find("summary").get_text()
    assert details.select_one(".pair__label").get_text(strip=True).startswith("Vraag")
    assert details.find("a", href=re.compile(r"#vraag-\d+$"))


def test_letter_without_pair_shows_text_snippet(page):
    _, soup = page("/zoeken?q=stikstofdepositie")
    hit = soup.select_one("li.hit")
    assert hit.select_one(".hit__text mark").get_text().lower() == "stikstofdepositie"
    assert "Kamerbrief" in hit.get_text()


def test_questions_without_answer_say_so(page):
    _, soup = page("/zoeken?q=wachtlijsten+ggz")
    assert "geen antwoord" in soup.select_one("li.hit .pair__side--a").get_text()


def test_letter_page_has_metadata_pairs_anchors_and_footnotes(page):
    _, soup = page(f"/brief/{web_corpus.MERGED_ID}")
    assert soup.find("h1").get_text(strip=True).startswith("Antwoord op vragen van de leden Jansen")
    facts = soup.find("dl", class_="facts").get_text(" ", strip=True)
    for expected in ("staatssecretaris Van Rij", "Ministerie van Financiën", "Jansen (SP) en De Vries (VVD)",
                     "1 februari 2024", "12 maart 2024", "2024Z01234", web_corpus.MERGED_ID):
        assert expected in facts
    # Every number of a merged pair is an anchor inside that pair.
    for n in (1, 2, 3, 4):
        target = soup.find(id=f"vraag-{n}")
        assert target is not None, n
        pair = target if "pair" in (target.get("class") or []) else target.find_parent(class_="pair")
        label = pair.select_one(".pair__label").get_text(strip=True)
        assert str(n) in label
    assert soup.find(id="vraag-3").find_parent(class_="pair")["id"] == "vraag-2"
    assert soup.select_one("#vraag-2 .pair__side--a .pair__label").get_text(strip=True) == "Antwoord 2 en 3"
    # Footnotes: URLs become links, the rest is escaped text.
    notes = soup.select(".footnotes li")
    assert len(notes) == 2
    link = notes[0].find("a")
    assert link["href"] == "https://zoek.officielebekendmakingen.nl/kst-31066-1300.html"
    assert set(link["rel"]) == {"noopener", "nofollow"}
    assert notes[1].find("b") is None and "<b>bijlage</b>" in notes[1].get_text()
    assert notes[1].find("a")["href"] == "https://www.rijksoverheid.nl/documenten/rapport?id=1&x=2"


def test_letter_page_highlights_query_terms(page):
    _, soup = page(f"/brief/{web_corpus.MERGED_ID}?q=compensatie+ouders")
    marks = {m.get_text().lower() for m in soup.select(".qa mark")}
    assert {"compensatie", "ouders"} <= marks
    assert soup.find("p", class_="back").find("a")["href"] == "/zoeken?q=compensatie+ouders"
    _, plain = page(f"/brief/{web_corpus.MERGED_ID}")
    assert not plain.select(".qa mark")


def test_letter_page_lists_similar_letters(page):
    _, soup = page("/brief/ah-tk-filler-01")
    similar = soup.find("aside", class_="similar")
    assert "Vergelijkbare brieven" in similar.get_text()
    links = [a["href"] for a in similar.select("a")]
    assert links and all(href.startswith("/brief/") for href in links)
    assert "/brief/ah-tk-filler-01" not in links


def test_unknown_letter_is_a_404_in_site_style(page):
    response, soup = page("/brief/ah-tk-bestaat-niet", status=404)
    assert "Pagina niet gevonden" in soup.find("h1").get_text()
    assert soup.find("header", class_="site-header") and soup.find("input", id="q")
    assert "ah-tk-bestaat-niet" in soup.get_text()


def test_unknown_url_is_a_404_in_site_style(page):
    _, soup = page("/bestaat/niet", status=404)
    assert soup.find("header", class_="site-header")


def test_help_explains_the_query_language(page):
    _, soup = page("/help")
    text = soup.get_text(" ")
    for needle in ('"eigen bijdrage"', "-Schiphol", "OF", "minister:", "partij:", "indiener:", "ministerie:",
                   "datum:", "stikst*", "/api/zoeken", "/zoeken.csv", "sorteer", "pagina"):
        assert needle in text, needle
    examples = soup.select("a.example")
    assert examples and all(a["href"].startswith("/zoeken?q=") for a in examples)


def test_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/opensearchdescription+xml"
    body = response.get_data(as_text=True)
    assert 'xmlns="http://a9.com/-/spec/opensearch/1.1/"' in body
    assert "<ShortName>Vraagbaak</ShortName>" in body
    assert 'template="http://localhost/zoeken?q={searchTerms}"' in body


def test_static_files_are_served(client):
    for name in ("style.css", "app.js", "favicon.svg"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200, name
        response.close()


def test_missing_index_is_explained(tmp_path):
    app = create_app({"TESTING": True, "INDEX": str(tmp_path / "geen-index")})
    client = app.test_client()
    for url in ("/", "/zoeken?q=kosten", "/brief/x"):
        response = client.get(url)
        assert response.status_code == 503
        text = response.get_data(as_text=True)
        assert "vraagbaak index corpus/" in text and "Er is nog geen zoekindex" in text
    api = client.get("/api/zoeken?q=kosten")
    assert api.status_code == 503 and "index" in api.get_json()["error"]


def test_unexpected_error_shows_friendly_500(web_index):
    app = create_app({"INDEX": str(web_index)})  # not TESTING: errors are handled, not raised

    @app.get("/kapot")
    def broken():
        raise RuntimeError("boem")

    response = app.test_client().get("/kapot")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Er ging iets mis" in text and "boem" not in text and "Traceback" not in text
    assert not app.debug


def test_stylesheet_stacks_pairs_on_a_phone(client):
    response = client.get("/static/style.css")
    css = response.get_data(as_text=True)
    response.close()
    phone = css[css.index("@media (max-width: 640px)"):]
    assert ".pair { grid-template-columns: minmax(0, 1fr); }" in phone


def test_query_on_the_home_page_redirects_to_the_results(client):
    response = client.get("/?q=palantir&sorteer=datum-nieuw")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/zoeken?")
    assert "q=palantir" in response.headers["Location"]
