"""The saved-queries store in a temporary SQLite file: one entry per state, names, order, undo,
export/import, schema migration, concurrent writers, and what counts as new."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading

import pytest

from indexer.build import index_letters
from indexer.letters import Letter, QAPair
from indexer.saved import (EXPORT_FORMAT, MIGRATIONS, SCHEMA_VERSION, UNDO_WINDOW, QueryState, SavedError,
                           SavedStore, StoreError, counts, feed_result, new_since)
from indexer.search import Searcher
from indexer.store import Store


@pytest.fixture
def store(tmp_path):
    return SavedStore(tmp_path / "instance" / "saved.sqlite3")


def state(q="palantir", **kw):
    return QueryState.make(q, **kw)


def names(store):
    return [s.name for s in store.all()]


# -- one entry per state ---------------------------------------------------------------------------
def test_the_same_state_saved_twice_is_one_entry(store):
    first, created = store.add(QueryState.make("palantir  kmar", filters={"partij": "SP", "jaar": "2024"}))
    again, created_again = store.add(QueryState.make(" palantir kmar ", "relevantie", filters={"jaar": "2024", "partij": "SP", "soort": ""}),
                                     name="Anders genoemd")
    assert created and not created_again
    assert again.id == first.id and again.name == "palantir kmar · 2024 · SP"
    assert len(store.all()) == 1


def test_sort_and_dates_are_part_of_the_state(store):
    store.add(state())
    store.add(state(sort="datum-nieuw"))
    store.add(state(date_from=dt.date(2024, 1, 1)))
    assert len(store.all()) == 3
    # Without words the default order is newest first: saying so explicitly is the same search.
    assert QueryState.make("").key == QueryState.make("", "datum-nieuw").key


def test_a_state_a_search_cannot_use_is_refused():
    with pytest.raises(SavedError, match="Onbekende sortering"):
        QueryState.make("x", "alfabetisch")
    with pytest.raises(SavedError, match="Onbekend filter 'kamer'"):
        QueryState.make("x", filters={"kamer": "TK"})
    with pytest.raises(SavedError, match="geen geldige datum"):
        QueryState.from_json({"q": "x", "van": "2024-02-30"})


def test_state_round_trips_to_a_search_request():
    s = QueryState.make("asiel", "datum-oud", dt.date(2024, 12, 31), dt.date(2024, 1, 1), {"partij": "PVV"})
    request = s.request(page_size=5)
    assert (request.q, request.sort, request.date_from, request.date_to, request.filters) == (
        "asiel", "datum-oud", dt.date(2024, 1, 1), dt.date(2024, 12, 31), {"partij": "PVV"})
    assert QueryState.from_request(request) == s == QueryState.from_json(json.loads(s.key))


# -- names -------------------------------------------------------------------------------------------
def test_name_defaults_to_the_query_and_is_kept_tidy(store):
    entry, _ = store.add(state("asielopvang"))
    assert entry.name == "asielopvang"
    entry, _ = store.add(state("minister"), name="  Minister\tvan  Weel \n")
    assert entry.name == "Minister van Weel"
    long_query = QueryState.make("woord " * 300)
    assert len(long_query.default_name()) <= 200


@pytest.mark.parametrize("bad, message", [("", "Geef de zoekopdracht een naam"), ("   ", "Geef de zoekopdracht een naam"),
                                          ("x" * 10_000, "ten hoogste 200 tekens hebben; deze heeft er 10.000")])
def test_a_bad_name_changes_nothing(store, bad, message):
    entry, _ = store.add(state(), name="Palantir")
    with pytest.raises(SavedError, match=message):
        store.rename(entry.id, bad)
    if bad.strip():
        with pytest.raises(SavedError, match=message):
            store.add(state("ander"), name=bad)
    assert names(store) == ["Palantir"]


def test_find_by_number_or_name(store):
    a, _ = store.add(state("a"), name="Asiel")
    b, _ = store.add(state("b"), name="Dubbel")
    c, _ = store.add(state("c"), name="Dubbel")
    assert store.find(str(a.id)).id == a.id and store.find(f"#{b.id}").id == b.id
    assert store.find("asiel").id == a.id
    with pytest.raises(SavedError, match=f"#{b.id}, #{c.id}"):
        store.find("Dubbel")
    with pytest.raises(SavedError, match="Geen bewaarde zoekopdracht 'niets'"):
        store.find("niets")


# -- order, delete and undo -------------------------------------------------------------------------
def test_reorder_up_and_down(store):
    ids = [store.add(state(q))[0].id for q in ("een", "twee", "drie")]
    store.move(ids[2], -1)
    assert names(store) == ["een", "drie", "twee"]
    store.move(ids[0], +1)
    assert names(store) == ["drie", "een", "twee"]
    store.move(ids[2], -1)  # already first
    store.move(ids[1], +1)  # already last
    assert names(store) == ["drie", "een", "twee"]
    assert store.add(state("vier"))[0].position > max(s.position for s in store.all()[:-1])


def test_delete_can_be_undone_and_saving_again_brings_it_back(store):
    a, _ = store.add(state("een"))
    b, _ = store.add(state("twee"))
    store.delete(a.id)
    assert names(store) == ["twee"]
    assert store.get(a.id) is None and store.get(a.id, deleted=True).name == "een"
    store.restore(a.id)
    assert sorted(names(store)) == ["een", "twee"]
    store.delete(b.id)
    again, created = store.add(state("twee"), name="Twee opnieuw")
    assert created and again.id == b.id and "Twee opnieuw" in names(store)


def test_deletions_older_than_the_undo_window_are_purged(store):
    a, _ = store.add(state("oud"))
    b, _ = store.add(state("nieuw"))
    long_ago = dt.datetime.now().astimezone() - UNDO_WINDOW - dt.timedelta(hours=1)
    store.delete(a.id, when=long_ago)
    store.delete(b.id)
    assert store.get(a.id, deleted=True) is None
    with pytest.raises(SavedError, match="definitief verwijderd"):
        store.restore(a.id)
    assert store.restore(b.id).name == "nieuw"


def test_mark_opened_returns_the_previous_moment(store):
    t0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.timezone.utc)
    entry, _ = store.add(state(), when=t0)
    t1 = t0 + dt.timedelta(days=3)
    assert store.mark_opened(entry.id, t1) == t0
    assert store.get(entry.id).last_opened == t1
    with pytest.raises(SavedError, match="geen bewaarde zoekopdracht met nummer 999"):
        store.mark_opened(999)


def test_reading_a_missing_database_creates_nothing(tmp_path):
    store = SavedStore(tmp_path / "nergens" / "saved.sqlite3")
    assert store.all() == [] and store.find_state(state()) is None
    assert not (tmp_path / "nergens").exists()


# -- export and import -----------------------------------------------------------------------------
def test_export_and_import_round_trip_without_duplicates(store, tmp_path):
    store.add(state("palantir"), name="Palantir")
    store.add(QueryState.make("", filters={"partij": "SP"}, date_from=dt.date(2024, 1, 1)), name="SP sinds 2024")
    exported = json.loads(json.dumps(store.export()))
    assert exported["format"] == EXPORT_FORMAT and len(exported["queries"]) == 2

    other = SavedStore(tmp_path / "other.sqlite3")
    other.add(state("palantir"), name="Mijn eigen naam")
    report = other.import_(json.dumps(exported).encode())
    assert report.added == ["SP sinds 2024"] and report.existing == ["Palantir"]
    assert names(other) == ["Mijn eigen naam", "SP sinds 2024"]
    assert other.import_(exported).added == []
    assert len(other.all()) == 2
    assert [s.state for s in other.all()] == [s.state for s in store.all()]


@pytest.mark.parametrize("content, message", [
    (b"\x89PNG\r\n", "geen exportbestand van Vraagbaak"),
    (b"", "geen exportbestand van Vraagbaak"),
    (b"[1, 2, 3]", "geen exportbestand van Vraagbaak"),
    (b'{"queries": []}', "geen exportbestand van Vraagbaak"),
    (json.dumps({"format": EXPORT_FORMAT, "version": 99, "queries": []}).encode(), "versie 99"),
    (json.dumps({"format": EXPORT_FORMAT, "version": 1, "queries": {}}).encode(), "geen lijst"),
    (json.dumps({"format": EXPORT_FORMAT, "version": 1, "queries": [
        {"name": "goed", "query": {"q": "goed"}},
        {"name": "fout", "query": {"q": "x", "sort": "raar"}}]}).encode(), "Zoekopdracht 2 in het bestand is ongeldig"),
    (json.dumps({"format": EXPORT_FORMAT, "version": 1, "queries": [
        {"name": "x" * 10_000, "query": {"q": "goed"}}]}).encode(), "ten hoogste 200 tekens"),
])
def test_an_import_file_that_is_not_ours_changes_nothing(store, content, message):
    store.add(state(), name="Palantir")
    before = store.export()["queries"]
    with pytest.raises(SavedError, match=message):
        store.import_(content)
    assert store.export()["queries"] == before


# -- schema migration --------------------------------------------------------------------------------
def test_a_version_1_database_is_upgraded_and_keeps_its_entries(tmp_path):
    path = tmp_path / "v1.sqlite3"
    con = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    con.execute("INSERT INTO schema_version VALUES (1)")
    for n, q in enumerate(["asiel", "stikstof", "palantir"], 1):
        con.execute("INSERT INTO saved_query (id, name, state, created, last_opened) VALUES (?, ?, ?, ?, ?)",
                    (n * 10, q.title(), QueryState.make(q).key, "2025-01-0%dT10:00:00+01:00" % n, "2025-02-01T10:00:00+01:00"))
    con.commit()
    con.close()

    store = SavedStore(path)
    assert [s.name for s in store.all()] == ["Asiel", "Stikstof", "Palantir"]
    assert store.schema_version() == SCHEMA_VERSION == 2
    assert store.all()[0].last_opened == dt.datetime(2025, 2, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    store.move(30, -1)  # the new column works
    assert names(store) == ["Asiel", "Palantir", "Stikstof"]
    # Upgrading again (another process, a restart) changes nothing.
    assert names(SavedStore(path)) == ["Asiel", "Palantir", "Stikstof"]
    with sqlite3.connect(path) as con:
        assert [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version")] == [1, 2]
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite3"
    store = SavedStore(path)
    store.add(state())
    with sqlite3.connect(path) as con:
        con.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="nieuwere Vraagbaak"):
        SavedStore(path).all()
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT count(*) FROM saved_query").fetchone()[0] == 1


def test_a_file_that_is_not_a_database_is_named(tmp_path):
    path = tmp_path / "saved.sqlite3"
    path.write_text("dit is tekst, geen database " * 100)
    with pytest.raises(StoreError, match="geen bruikbare Vraagbaak-database"):
        SavedStore(path).all()


def test_a_stored_state_that_no_longer_parses_is_reported_not_fatal(store):
    good, _ = store.add(state("goed"))
    store.all()
    with sqlite3.connect(store.path) as con:
        con.execute("INSERT INTO saved_query (name, state, created, last_opened, position) VALUES "
                    "('Oud formaat', '{\"q\": \"x\", \"sort\": \"gewicht\"}', '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00', 5),"
                    "('Kapot', 'niet eens json', '2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00', 6)")
    entries = store.all()
    assert [e.name for e in entries] == ["goed", "Oud formaat", "Kapot"]
    assert entries[0].problem is None
    assert "kan niet meer worden uitgevoerd" in entries[1].problem and "gewicht" in entries[1].problem
    assert "onleesbaar" in entries[2].problem
    assert [q["name"] for q in store.export()["queries"]] == ["goed"]
    store.delete(entries[2].id)  # and it can be removed
    assert len(store.all()) == 2


# -- concurrency -------------------------------------------------------------------------------------
def test_two_writers_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite3"
    SavedStore(path).add(state("gedeeld"))
    errors = []
    barrier = threading.Barrier(2)

    def writer(prefix):
        try:
            own = SavedStore(path)  # its own connections, as a second process would have
            barrier.wait()
            for n in range(40):
                own.add(state(f"{prefix} {n}"))
                own.mark_opened(own.find("gedeeld").id)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("web", "cron")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    saved = SavedStore(path).all()
    assert len(saved) == 81
    assert {s.name for s in saved} >= {f"web {n}" for n in range(40)} | {f"cron {n}" for n in range(40)}
    assert len({s.position for s in saved}) == 81


# -- what is new -------------------------------------------------------------------------------------
def letter(id, title, date="2024-05-01", answer="Het antwoord."):
    return Letter(id=id, kind="answer", title=title, date=dt.date.fromisoformat(date),
                  pairs=[QAPair([1], f"Vraag over {title}?", answer)])


@pytest.fixture
def index(tmp_path):
    store = Store(tmp_path / "ix")
    index_letters(store, [letter("a-1", "asielopvang in Ter Apel"), letter("a-2", "asielopvang en gemeenten"),
                          letter("s-1", "stikstof en natuur")])
    return store


def test_new_means_added_after_last_opened_whatever_the_letters_date(index, store):
    searcher = Searcher(index)
    entry, _ = store.add(state("asielopvang"))
    tally = counts(searcher, entry)
    assert (tally.total, tally.new) == (2, 0)

    # Two more letters arrive; one is old (back-filled) but still new here.
    index_letters(index, [letter("a-3", "asielopvang in Budel", "2025-03-01"),
                          letter("a-4", "asielopvang vroeger", "2010-01-01"),
                          letter("s-2", "stikstof opnieuw")])
    tally = counts(searcher, store.get(entry.id))
    assert (tally.total, tally.new) == (4, 2)
    fresh = new_since(searcher, store.get(entry.id))
    assert [h.letter.id for h in fresh.hits] == ["a-4", "a-3"]  # newest additions first
    assert all(h.added for h in fresh.hits)

    store.mark_opened(entry.id)
    assert counts(searcher, store.get(entry.id)).new == 0
    assert new_since(searcher, store.get(entry.id)).hits == []
    feed = feed_result(searcher, store.get(entry.id), entries=3)
    assert [h.letter.id for h in feed.hits] == ["a-4", "a-3", "a-2"]


def test_letters_matching_only_some_words_are_not_counted_new(index, store):
    searcher = Searcher(index)
    entry, _ = store.add(state("asielopvang gemeenten"))
    index_letters(index, [letter("g-1", "gemeenten en afval")])  # has one word of two
    tally = counts(searcher, store.get(entry.id))
    assert (tally.total, tally.new) == (1, 0)
    assert new_since(searcher, store.get(entry.id)).total == 0
