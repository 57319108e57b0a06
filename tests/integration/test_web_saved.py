"""Saved queries through the Flask test client: save, list with counts, open with "nieuw" marks,
rename, reorder, delete and undo, the Atom feed (read with feedparser), export and import, and who
may change what (CSRF, the edit password, 127.0.0.1 only)."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import sqlite3
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

import web_corpus
from indexer.build import index_letters
from indexer.letters import Letter, QAPair
from indexer.saved import QueryState, SavedStore
from indexer.store import Store
from search_app import create_app

REMOTE = {"REMOTE_ADDR": "203.0.113.9"}


@pytest.fixture
def make_app(web_index, tmp_path):
    def make(index=web_index, **config):
        return create_app({"TESTING": True, "INDEX": str(index), "PAGE_SIZE": web_corpus.PAGE_SIZE,
                           "SAVED_DB": str(tmp_path / "instance" / "vraagbaak.sqlite3"), **config})
    return make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def db(app):
    return SavedStore(app.config["SAVED_DB"])


@pytest.fixture
def own_index(tmp_path):
    """An index of the web letters that a test may add letters to."""
    root = tmp_path / "index"
    index_letters(Store(root), web_corpus.letters())
    return root


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def token(client, url="/bewaard", **kw) -> str:
    html = client.get(url, **kw).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, f"no CSRF token on {url}"
    return found.group(1)


def save(client, url="/zoeken?q=palantir", name=None):
    """Submit a results page's "Bewaar deze zoekopdracht" form as a browser would."""
    page = soup_of(client.get(url))
    form = page.select_one("form.save-form")
    assert form is not None, "no save form"
    data = {i["name"]: i.get("value", "") for i in form.select("input[name]")}
    if name is not None:
        data["naam"] = name
    return client.post(form["action"], data=data, follow_redirects=True)


def flashes(response) -> str:
    return " ".join(p.get_text(" ", strip=True) for p in soup_of(response).select(".flashes .notice"))


def letter(id, title, answer="Het antwoord."):
    return Letter(id=id, kind="answer", title=title, date=dt.date(2019, 3, 1), ministry=web_corpus.MINISTRIES[2],
                  pairs=[QAPair([1], f"Vraag over {title}?", answer)])


# -- saving from the results page ------------------------------------------------------------------
def test_results_page_offers_to_save_with_the_query_as_name(client):
    page = soup_of(client.get("/zoeken?q=palantir&partij=CDA&sorteer=datum-oud&pagina=1"))
    form = page.select_one("form.save-form")
    assert form["method"] == "post" and form["action"] == "/bewaard"
    assert form.select_one("input[name=csrf_token]")["value"]
    assert form.select_one("input#naam")["value"] == "palantir · CDA"
    hidden = {i["name"]: i["value"] for i in form.select("input[type=hidden]") if i["name"] != "csrf_token"}
    assert hidden == {"q": "palantir", "sorteer": "datum-oud", "partij": "CDA"}
    assert form.find("button").get_text(strip=True) == "Bewaar deze zoekopdracht"
    assert page.select_one('link[type="application/atom+xml"]') is None


def test_saving_twice_gives_one_entry_and_the_page_then_links_its_feed(client, db):
    response = save(client, "/zoeken?q=palantir")
    assert "Bewaard als ‘palantir’" in flashes(response)
    # Posted again (a second tab, a double click), with the default sort spelled out: still one.
    response = client.post("/bewaard", data={"csrf_token": token(client), "q": " palantir ", "sorteer": "relevantie",
                                             "naam": "Andere naam"}, follow_redirects=True)
    assert "was al bewaard als ‘palantir’" in flashes(response)
    assert soup_of(client.get("/zoeken?q=palantir&sorteer=relevantie")).select_one("form.save-form") is None
    assert [s.name for s in db.all()] == ["palantir"]
    page = soup_of(client.get("/zoeken?q=palantir"))
    feed = page.select_one('head link[rel=alternate][type="application/atom+xml"]')
    assert feed["href"] == f"/bewaard/{db.all()[0].id}.atom"
    assert page.select_one(".save-box").get_text(" ", strip=True).startswith("Bewaarde zoekopdracht Bewaard als palantir")
    assert page.select_one(".save-box a.feed-link")["href"] == feed["href"]


@pytest.mark.parametrize("name, message", [("   ", "Geef de zoekopdracht een naam"),
                                           ("x" * 10_000, "ten hoogste 200 tekens hebben; deze heeft er 10.000")])
def test_a_bad_name_is_refused_with_a_message(client, db, name, message):
    response = save(client, "/zoeken?q=palantir", name=name)
    assert response.status_code == 200
    assert "Niet bewaard" in flashes(response) and message in flashes(response)
    assert db.all() == []


def test_without_a_csrf_token_nothing_is_saved(client, db):
    for data in ({"q": "palantir"}, {"q": "palantir", "csrf_token": "vervalst"}):
        response = client.post("/bewaard", data=data)
        assert response.status_code == 400
        assert "CSRF" in response.get_data(as_text=True) and "niets veranderd" in response.get_data(as_text=True)
    assert db.all() == []


def test_changes_are_only_posts(client, db):
    entry, _ = db.add(QueryState.make("palantir"))
    for path in ("/bewaard/{}/openen", "/bewaard/{}/naam", "/bewaard/{}/verwijderen", "/bewaard/{}/herstellen",
                 "/bewaard/{}/omhoog", "/bewaard/import", "/uitloggen"):
        assert client.get(path.format(entry.id)).status_code == 405, path
    assert client.post(f"/bewaard/999/naam", data={"csrf_token": token(client), "naam": "x"}).status_code == 404


# -- the list, opening, and what is new -----------------------------------------------------------
def test_list_counts_and_new_letters_marked_when_opened(make_app, own_index):
    app = make_app(index=own_index)
    client = app.test_client()
    save(client, "/zoeken?q=websitebeveiliging")
    save(client, "/zoeken?q=kosten", name="Kosten")
    rows = soup_of(client.get("/bewaard")).select("li.saved")
    assert [r.select_one(".saved__name").get_text(strip=True) for r in rows] == ["websitebeveiliging", "Kosten"]
    assert rows[0].select_one(".saved__total").get_text(strip=True) == "1 brief"
    assert rows[0].select_one(".saved__new").get_text(strip=True) == "0 nieuw"

    index_letters(Store(own_index), [letter("ah-nieuw-1", "websitebeveiliging bij gemeenten"),
                                     letter("ah-nieuw-2", "websitebeveiliging in de zorg")])
    rows = soup_of(client.get("/bewaard")).select("li.saved")
    assert rows[0].select_one(".saved__total").get_text(strip=True) == "3 brieven"
    assert rows[0].select_one(".saved__new").get_text(strip=True) == "2 nieuw"
    assert rows[1].select_one(".saved__new").get_text(strip=True) == "0 nieuw"

    open_form = rows[0].select_one("form[action$='/openen']")
    response = client.post(open_form["action"], data={"csrf_token": open_form.select_one("input")["value"]})
    assert response.status_code == 303
    target = urlsplit(response.location)
    assert target.path == "/zoeken" and parse_qs(target.query)["q"] == ["websitebeveiliging"]
    assert "sinds" in parse_qs(target.query)
    page = soup_of(client.get(response.location))
    marked = {h.select_one("h2 a")["href"].split("?")[0] for h in page.select("li.hit") if h.select_one(".badge--new")}
    assert marked == {"/brief/ah-nieuw-1", "/brief/ah-nieuw-2"}
    assert page.select_one(".notice--new").get_text(" ", strip=True).startswith("2 nieuwe brieven sinds")
    # "Alleen de nieuwe tonen" narrows the page to them.
    only = soup_of(client.get(page.select_one(".notice--new a")["href"]))
    assert {h.select_one("h2 a")["href"].split("?")[0] for h in only.select("li.hit")} == marked
    # Opening reset the counter.
    rows = soup_of(client.get("/bewaard")).select("li.saved")
    assert rows[0].select_one(".saved__new").get_text(strip=True) == "0 nieuw"


def test_a_bad_sinds_is_a_message_not_an_error(client):
    response = client.get("/zoeken?q=kosten&sinds=gisteren")
    assert response.status_code == 200
    assert "geen geldig tijdstip" in response.get_data(as_text=True)
    assert client.get("/zoeken?q=kosten&sinds=0001-01-01T00:00:00%2B14:00").status_code == 200


def test_rename_with_bad_names_changes_nothing(client, db):
    save(client, "/zoeken?q=palantir")
    entry = db.all()[0]
    tok = token(client)
    response = client.post(f"/bewaard/{entry.id}/naam", data={"csrf_token": tok, "naam": "Palantir en de politie"},
                           follow_redirects=True)
    assert "heet nu ‘Palantir en de politie’" in flashes(response)
    for bad in ("", "x" * 10_000):
        response = client.post(f"/bewaard/{entry.id}/naam", data={"csrf_token": tok, "naam": bad}, follow_redirects=True)
        assert response.status_code == 200 and "Naam niet gewijzigd" in flashes(response)
    assert db.get(entry.id).name == "Palantir en de politie"


def test_reorder_with_up_and_down(client, db):
    for q in ("kosten", "palantir", "stikstof"):
        save(client, f"/zoeken?q={q}")
    ids = [s.id for s in db.all()]
    tok = token(client)
    client.post(f"/bewaard/{ids[2]}/omhoog", data={"csrf_token": tok})
    client.post(f"/bewaard/{ids[0]}/omlaag", data={"csrf_token": tok})
    page = soup_of(client.get("/bewaard"))
    assert [n.get_text(strip=True) for n in page.select(".saved__name")] == ["stikstof", "kosten", "palantir"]
    first, last = page.select("li.saved")[0], page.select("li.saved")[-1]
    assert first.select_one("form[action$='/omhoog'] button").has_attr("disabled")
    assert last.select_one("form[action$='/omlaag'] button").has_attr("disabled")


def test_delete_then_undo(client, db):
    save(client, "/zoeken?q=palantir")
    entry = db.all()[0]
    response = client.post(f"/bewaard/{entry.id}/verwijderen", data={"csrf_token": token(client)}, follow_redirects=True)
    page = soup_of(response)
    assert page.select("li.saved") == []
    undo = page.select_one(".notice--undo")
    assert "‘palantir’ is verwijderd" in undo.get_text(" ", strip=True)
    form = undo.select_one("form")
    response = client.post(form["action"], data={"csrf_token": form.select_one("input")["value"]}, follow_redirects=True)
    assert "staat weer in de lijst" in flashes(response)
    assert [n.get_text(strip=True) for n in soup_of(response).select(".saved__name")] == ["palantir"]


def test_a_saved_query_that_no_longer_parses_gets_a_message(client, db):
    save(client, "/zoeken?q=palantir")
    with sqlite3.connect(db.path) as con:
        con.execute("INSERT INTO saved_query (name, state, created, last_opened, position) VALUES "
                    "('Van vroeger', '{\"q\": \"x\", \"sort\": \"gewicht\", \"filters\": {\"kamer\": \"EK\"}}', "
                    "'2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00', 9)")
        broken = con.execute("SELECT id FROM saved_query WHERE name = 'Van vroeger'").fetchone()[0]
    page = soup_of(client.get("/bewaard"))
    row = page.select_one(f"#bewaard-{broken}")
    assert "kan niet meer worden uitgevoerd" in row.get_text(" ", strip=True)
    assert row.select_one("form[action$='/openen']") is None and row.select_one("form[action$='/verwijderen']")
    response = client.post(f"/bewaard/{broken}/openen", data={"csrf_token": token(client)}, follow_redirects=True)
    assert response.status_code == 200 and "kan niet meer worden uitgevoerd" in flashes(response)
    feed = client.get(f"/bewaard/{broken}.atom")
    assert feed.status_code == 400 and "kan niet meer worden uitgevoerd" in feed.get_data(as_text=True)
    assert client.get("/bewaard/424242.atom").status_code == 404


def test_list_without_an_index_still_lists(make_app, tmp_path):
    app = make_app(index=tmp_path / "geen-index")
    client = app.test_client()
    SavedStore(app.config["SAVED_DB"]).add(QueryState.make("palantir"))
    response = client.get("/bewaard")
    assert response.status_code == 200
    assert "Geen tellingen" in response.get_data(as_text=True) and "palantir" in response.get_data(as_text=True)


# -- the Atom feed ---------------------------------------------------------------------------------
def test_feed_is_valid_atom_newest_additions_first(make_app, own_index):
    app = make_app(index=own_index)
    client = app.test_client()
    save(client, "/zoeken?q=websitebeveiliging", name="Beveiliging <script>")
    feed_url = soup_of(client.get("/zoeken?q=websitebeveiliging")).select_one('head link[type="application/atom+xml"]')["href"]
    index_letters(Store(own_index), [letter("ah-nieuw-1", "websitebeveiliging bij gemeenten")])
    index_letters(Store(own_index), [letter("ah-nieuw-2", "websitebeveiliging in de zorg")])

    feed_client = app.test_client()  # a feed reader: no cookie, another address
    response = feed_client.get(feed_url, environ_base=REMOTE)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    assert "Set-Cookie" not in response.headers
    parsed = feedparser.parse(response.get_data())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Beveiliging <script> — Vraagbaak"
    assert parsed.feed.id == "http://localhost" + feed_url
    assert parsed.feed.author == "Vraagbaak" and parsed.feed.updated_parsed
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links["self"] == "http://localhost" + feed_url
    assert links["alternate"] == "http://localhost/zoeken?q=websitebeveiliging"

    ids = [e.id for e in parsed.entries]
    assert ids == ["http://localhost/brief/ah-nieuw-2", "http://localhost/brief/ah-nieuw-1",
                   f"http://localhost/brief/{web_corpus.XSS_ID}"]
    assert [e.updated_parsed for e in parsed.entries] == sorted((e.updated_parsed for e in parsed.entries), reverse=True)
    assert all(e.link.startswith(e.id + "?q=websitebeveiliging") for e in parsed.entries)

    hostile = parsed.entries[2]
    assert hostile.title == f"Antwoord op vragen over websitebeveiliging {web_corpus.XSS_SCRIPT}"
    assert hostile.summary_detail.type == "text/html"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile.summary and "<script" not in hostile.summary
    assert "Vraag 1" in hostile.summary and "Antwoord 1" in hostile.summary
    assert b"<script>" not in response.get_data()

    # Stable: the same ids the next time, and an unchanged feed is not sent again.
    again = feed_client.get(feed_url)
    assert [e.id for e in feedparser.parse(again.get_data()).entries] == ids
    assert feed_client.get(feed_url, headers={"If-None-Match": again.headers["ETag"]}).status_code == 304


def test_feed_is_open_when_a_password_is_set(make_app, db):
    app = make_app(EDIT_PASSWORD="geheim")
    entry, _ = SavedStore(app.config["SAVED_DB"]).add(QueryState.make("kosten"))
    response = app.test_client().get(f"/bewaard/{entry.id}.atom", environ_base=REMOTE)
    assert response.status_code == 200
    assert len(feedparser.parse(response.get_data()).entries) >= 10


# -- export and import -----------------------------------------------------------------------------
def test_export_and_import_round_trip(client, make_app, tmp_path, db):
    save(client, "/zoeken?q=palantir")
    save(client, "/zoeken?q=kosten&partij=SP&van=2020-01-01", name="Kosten SP")
    response = client.get("/bewaard/export.json")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    exported = response.get_data()
    assert [q["name"] for q in json.loads(exported)["queries"]] == ["palantir", "Kosten SP"]

    other = create_app({"TESTING": True, "INDEX": client.application.config["INDEX"],
                        "SAVED_DB": str(tmp_path / "elders" / "saved.sqlite3")})
    other_client = other.test_client()
    tok = token(other_client)
    response = other_client.post("/bewaard/import", data={"csrf_token": tok, "bestand": (io.BytesIO(exported), "export.json")},
                                 content_type="multipart/form-data", follow_redirects=True)
    assert "2 toegevoegd, 0 stonden er al" in flashes(response)
    response = other_client.post("/bewaard/import", data={"csrf_token": tok, "bestand": (io.BytesIO(exported), "export.json")},
                                 content_type="multipart/form-data", follow_redirects=True)
    assert "0 toegevoegd, 2 stonden er al" in flashes(response)
    assert [n.get_text(strip=True) for n in soup_of(response).select(".saved__name")] == ["palantir", "Kosten SP"]
    assert other_client.get("/bewaard/export.json").get_json()["queries"] == json.loads(exported)["queries"]


@pytest.mark.parametrize("content", [b"id,title\n1,x\n", b'{"format": "iets anders", "queries": []}', b"\xff\xfe\x00"])
def test_importing_a_file_that_is_not_ours_changes_nothing(client, db, content):
    save(client, "/zoeken?q=palantir")
    response = client.post("/bewaard/import", data={"csrf_token": token(client), "bestand": (io.BytesIO(content), "x.json")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert response.status_code == 200
    assert "Niet geïmporteerd: Dit is geen exportbestand van Vraagbaak" in flashes(response)
    assert [s.name for s in db.all()] == ["palantir"]


def test_import_without_a_file_or_too_big(client, db):
    tok = token(client)
    response = client.post("/bewaard/import", data={"csrf_token": tok}, content_type="multipart/form-data", follow_redirects=True)
    assert "Kies eerst een exportbestand" in flashes(response)
    big = io.BytesIO(b" " * 2_100_000)
    response = client.post("/bewaard/import", data={"csrf_token": tok, "bestand": (big, "groot.json")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert "te groot" in flashes(response) and db.all() == []


# -- who may change --------------------------------------------------------------------------------
def test_from_another_computer_without_a_password_only_reading(client, db):
    save(client, "/zoeken?q=palantir")
    tok = token(client)
    page = soup_of(client.get("/bewaard", environ_base=REMOTE))
    assert "alleen lezen" in page.select_one(".access").get_text(" ", strip=True)
    assert page.select("form[method=post]") == [] and page.select_one(".saved__name a")
    results = soup_of(client.get("/zoeken?q=kosten", environ_base=REMOTE))
    assert results.select_one("form.save-form") is None
    assert "alleen op de computer waarop Vraagbaak draait" in results.select_one(".save-box").get_text(" ", strip=True)
    entry = db.all()[0]
    for path, data in ((f"/bewaard/{entry.id}/verwijderen", {}), ("/bewaard", {"q": "kosten"}),
                       (f"/bewaard/{entry.id}/naam", {"naam": "Overgenomen"})):
        response = client.post(path, data={"csrf_token": tok, **data}, environ_base=REMOTE)
        assert response.status_code == 403 and "127.0.0.1" in response.get_data(as_text=True)
    # A reverse proxy on this machine connects from 127.0.0.1 but relays someone else.
    response = client.post(f"/bewaard/{entry.id}/verwijderen", data={"csrf_token": tok}, headers={"X-Forwarded-For": "198.51.100.7"})
    assert response.status_code == 403
    assert [s.name for s in db.all()] == ["palantir"]


def test_locally_the_page_says_changes_are_local_only(client):
    text = soup_of(client.get("/bewaard")).select_one(".access").get_text(" ", strip=True)
    assert "Wijzigen kan alleen op deze computer (127.0.0.1)" in text


def test_with_a_password_changes_need_the_login(make_app):
    app = make_app(EDIT_PASSWORD="geheim wachtwoord")
    client = app.test_client()
    db = SavedStore(app.config["SAVED_DB"])
    page = soup_of(client.get("/bewaard"))
    assert "wijzigen kan na inloggen" in page.select_one(".access").get_text(" ", strip=True)
    assert soup_of(client.get("/zoeken?q=palantir")).select_one("form.save-form") is None
    tok = token(client, "/inloggen")
    response = client.post("/bewaard", data={"csrf_token": tok, "q": "palantir"})
    assert response.status_code == 303 and urlsplit(response.location).path == "/inloggen"
    assert db.all() == []

    response = client.post("/inloggen", data={"csrf_token": tok, "wachtwoord": "fout"})
    assert response.status_code == 401 and "Dat wachtwoord klopt niet" in response.get_data(as_text=True)
    response = client.post("/inloggen", data={"csrf_token": tok, "wachtwoord": "geheim wachtwoord", "next": "//evil.example/x"})
    assert response.status_code == 303 and response.location == "/bewaard"
    # Logged in, also from another computer.
    response = save(client, "/zoeken?q=palantir")
    assert "Bewaard als ‘palantir’" in flashes(response)
    page = soup_of(client.get("/bewaard", environ_base=REMOTE))
    assert "U bent ingelogd" in page.select_one(".access").get_text(" ", strip=True)
    logout = page.select_one("form[action='/uitloggen']")
    client.post("/uitloggen", data={"csrf_token": logout.select_one("input")["value"]})
    response = client.post(f"/bewaard/{db.all()[0].id}/verwijderen", data={"csrf_token": token(client, "/inloggen")})
    assert response.status_code == 303 and len(db.all()) == 1


def test_login_page_without_a_password_explains(client):
    response = client.get("/inloggen")
    assert response.status_code == 200 and "geen wachtwoord ingesteld" in response.get_data(as_text=True)


def test_too_many_wrong_passwords_are_refused_for_a_while(make_app):
    client = make_app(EDIT_PASSWORD="geheim").test_client()
    tok = token(client, "/inloggen")
    addr = {"REMOTE_ADDR": "192.0.2.77"}
    codes = [client.post("/inloggen", data={"csrf_token": tok, "wachtwoord": f"gok{n}"}, environ_base=addr).status_code
             for n in range(11)]
    assert codes[:10] == [401] * 10 and codes[10] == 429
    response = client.post("/inloggen", data={"csrf_token": tok, "wachtwoord": "geheim"}, environ_base=addr)
    assert response.status_code == 429 and "Te veel mislukte pogingen" in response.get_data(as_text=True)


def test_secret_key_is_made_once_and_kept(tmp_path, web_index, monkeypatch):
    monkeypatch.delenv("VRAAGBAAK_SECRET_KEY", raising=False)
    config = {"INDEX": str(web_index), "SAVED_DB": str(tmp_path / "inst" / "saved.sqlite3")}
    first = create_app(dict(config)).secret_key
    assert (tmp_path / "inst" / "secret_key").read_text().strip() == first and len(first) >= 32
    assert create_app(dict(config)).secret_key == first
    assert oct((tmp_path / "inst" / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert create_app({**config, "SECRET_KEY": "uit-de-instelling"}).secret_key == "uit-de-instelling"
