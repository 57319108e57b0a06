"""Hostile input: any query string gives a page (never a 5xx); document text is always escaped."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

import web_corpus

HOSTILE = [
    "F-35", "14:30", "kosten/baten", '"', '""', "*", "**", "a*", "-", "--kosten", "OF", "kosten OF", "OF OR |",
    "x" * 5000, "kosten " * 800, "\x00", "kos\x00ten", "😀 emoji", "ﬁnanciën", "e\u0301e\u0301", "\u202ekosten",
    "\ufeff", "\ud7ff", "ministerie:", "minister:\"", "datum:2024-99-99", "datum:abcd", "soort:onbekend",
    "jaar:0000", "partij:\"\"", "http://example.org/a?b=c", "<script>alert(1)</script>", "' OR 1=1 --",
    "${jndi:ldap://x}", "{{7*7}}", "%00", "\\", "(kosten", "kosten)", "kosten~2", "kosten^3", "+kosten",
    "AND", "NOT kosten", "2024Z01234", "ah-tk-20232024-1001", "kv-tk-", "é" * 300, "a " * 2000,
]


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("path", ["/zoeken", "/api/zoeken", "/zoeken.csv", f"/brief/{web_corpus.MERGED_ID}"])
def test_hostile_queries_never_fail(client, path, q):
    response = client.get(path, query_string={"q": q})
    assert response.status_code < 500, (path, q, response.status_code)
    response.close()


@pytest.mark.parametrize("params", [
    {"pagina": "-5"}, {"pagina": "9" * 50}, {"van": "\x00"}, {"tot": "2024-02-30"}, {"sorteer": "<b>"},
    {"ministerie": "x" * 5000}, {"partij": "\x00"}, {"soort": "' OR 1=1"}, {"jaar": "😀"},
    {"indiener": "<script>"}, {"minister": "\ufeff"}, {"q": "kosten", "van": "2024", "tot": "2019"},
])
@pytest.mark.parametrize("path", ["/zoeken", "/api/zoeken", "/zoeken.csv"])
def test_hostile_parameters_never_fail(client, path, params):
    response = client.get(path, query_string=params)
    assert response.status_code < 500, (path, params, response.status_code)
    response.close()


def test_raw_invalid_utf8_in_url(client):
    for path in ("/zoeken?q=%ff%fe%c3", "/zoeken?q=%ed%a0%80", "/brief/%ff", "/zoeken?q=%00%00"):
        response = client.get(path)
        assert response.status_code < 500, path


def test_user_query_is_escaped_everywhere(client):
    payload = "<script>alert(1)</script>"
    html = client.get("/zoeken", query_string={"q": payload, "partij": payload, "van": payload}).get_data(as_text=True)
    assert payload not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("url", ["/zoeken?q=websitebeveiliging", f"/brief/{web_corpus.XSS_ID}",
                                 f"/brief/{web_corpus.XSS_ID}?q=websitebeveiliging+script+img",
                                 "/zoeken?q=websitebeveiliging+script+alert", "/zoeken?q=onerror",
                                 "/?", "/zoeken?sorteer=datum-nieuw"])
def test_document_payloads_appear_only_escaped(client, url):
    html = client.get(url).get_data(as_text=True)
    for payload in (web_corpus.XSS_SCRIPT, web_corpus.XSS_IMG, "<img", '"onmouseover', 'href="javascript'):
        assert payload not in html, (url, payload)
    # No script but our one external file.
    assert html.count("<script") == 1 and '<script src="/static/app.js" defer></script>' in html


def test_payload_is_visible_as_text(page):
    _, soup = page(f"/brief/{web_corpus.XSS_ID}")
    text = soup.get_text()
    assert web_corpus.XSS_SCRIPT in text and web_corpus.XSS_IMG in text
    assert not soup.find("img") and not soup.select("main script")
    notes = soup.select(".footnotes a")
    assert [a["href"] for a in notes] == ["https://example.org/a"], "only http(s) URLs become links"


def test_markup_in_a_letter_shows_as_text_in_hits_and_sidebar(page):
    """Hits and sidebar lists are built in Python (search_app.present), not in autoescaping
    templates: a title, name, snippet or facet value holding markup shows as that text, and a
    facet link filters on it."""
    img, script = web_corpus.XSS_IMG, web_corpus.XSS_SCRIPT
    for url in ("/zoeken?q=websitebeveiliging", f"/zoeken?q=websitebeveiliging&minister=minister+{img}"):
        _, soup = page(url)
        assert not soup.select("main img, main script")
        hit = soup.select_one("li.hit")
        assert script in hit.find("h2").get_text()
        assert f"minister {img}" in hit.select_one(".meta").get_text()
        assert f"Hacker {img} (D66)" in hit.select_one(".meta--people").get_text()
        assert script in hit.select_one(".pair__side--q .pair__text").get_text()
        assert img in hit.select_one(".pair__side--a .pair__text").get_text()
        ministers = {a.get_text(): a["href"] for a in soup.select('.sidebar a[data-facet="minister"]')}
        questioners = {a.get_text(): a["href"] for a in soup.select('.sidebar a[data-facet="indiener"]')}
        assert f"minister {img}" in ministers
        assert f"Hacker {img}" in questioners
        assert parse_qs(urlparse(questioners[f"Hacker {img}"]).query)["indiener"] == [f"Hacker {img}"]
    active = soup.select_one('.sidebar li.is-active a[data-facet="minister"]')
    assert active.get_text() == f"minister {img}" and "minister" not in parse_qs(urlparse(active["href"]).query)
    _, filtered = page(questioners[f"Hacker {img}"])
    assert [h.find("h2").get_text() for h in filtered.select("li.hit")] == [hit.find("h2").get_text()]


def test_snippet_markup_is_only_mark(page):
    _, soup = page("/zoeken?q=websitebeveiliging+script")
    hit = soup.select_one("li.hit")
    tags = {t.name for t in hit.select(".pair__text *")}
    assert tags == {"mark"}
    assert web_corpus.XSS_SCRIPT.replace("script", "") not in str(hit)


def test_api_hit_snippets_are_escaped(client):
    data = client.get("/api/zoeken?q=websitebeveiliging").get_json()
    snippet = data["hits"][0]["pair"]["question_snippet"]
    assert "&lt;script&gt;" in snippet and "<script" not in snippet


@pytest.mark.parametrize("url", ["/", "/zoeken?q=kosten", f"/brief/{web_corpus.MERGED_ID}", "/help",
                                 "/brief/onbekend", "/api/zoeken?q=kosten", "/opensearch.xml", "/zoeken.csv?q=kosten"])
def test_security_headers(client, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert "unsafe-inline" not in directives.get("script-src", "") and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"]
    response.close()


def test_pages_have_no_inline_script_or_style(client):
    for url in ("/", "/zoeken?q=kosten", f"/brief/{web_corpus.MERGED_ID}?q=ouders", "/help", "/brief/x"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html and "<style" not in html
        assert " on" + "click=" not in html


def test_not_in_debug_mode(app):
    assert not app.debug
