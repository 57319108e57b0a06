"""`vraagbaak saved …` as a user (or cron) runs it, on a temporary database and index."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

import web_corpus
from indexer.build import index_letters
from indexer.cli import main
from indexer.letters import Letter, QAPair
from indexer.saved import SavedStore
from indexer.store import Store


@pytest.fixture
def env(tmp_path):
    index = tmp_path / "index"
    index_letters(Store(index), web_corpus.letters())
    db = tmp_path / "saved.sqlite3"
    runner = CliRunner()

    def run(*args, input=None):
        head = ["saved", "--db", str(db)]
        tail = ["--index-dir", str(index)] if args[0] in ("list", "run") else []
        return runner.invoke(main, [*head, *args, *tail], input=input)

    run.index, run.db = index, db
    return run


def test_add_list_and_the_same_search_once(env):
    out = env("add", "palantir")
    assert out.exit_code == 0 and "Bewaard als #1 'palantir'" in out.output
    out = env("add", "kosten", "-f", "partij=SP", "--sort", "datum-nieuw", "--name", "Kosten SP")
    assert out.exit_code == 0 and "#2 'Kosten SP'" in out.output
    again = env("add", " palantir ", "--sort", "relevantie")
    assert again.exit_code == 0 and "was al bewaard als #1 'palantir'" in again.output
    listing = env("list")
    assert listing.exit_code == 0
    assert "#1  palantir  [1 brief, 0 nieuw]" in listing.output
    assert "#2  Kosten SP  [" in listing.output and "partij=SP" in listing.output
    data = json.loads(env("list", "--json").output)
    assert [(d["name"], d["new"]) for d in data] == [("palantir", 0), ("Kosten SP", 0)]


@pytest.mark.parametrize("args, message", [
    (("add", "kosten", "-f", "kamer=EK"), "Onbekend filter 'kamer'"),
    (("add", "kosten", "-f", "partij"), "schrijf NAAM=WAARDE"),
    (("add", "kosten", "--van", "2024-13-01"), "geen geldige datum"),
    (("add", "kosten", "--name", "x" * 10_000), "ten hoogste 200 tekens"),
    (("rm", "bestaat-niet"), "Geen bewaarde zoekopdracht 'bestaat-niet'"),
    (("run", "bestaat-niet"), "Geen bewaarde zoekopdracht 'bestaat-niet'"),
])
def test_bad_input_is_named_and_exits_2(env, args, message):
    out = env(*args)
    assert out.exit_code == 2 and message in out.output
    assert SavedStore(env.db).all() == []


def test_rm_by_name_or_number_and_rename(env):
    env("add", "palantir")
    env("add", "stikstof")
    assert "Verwijderd: #1 'palantir'" in env("rm", "palantir").output
    out = env("rename", "#2", "Stikstof en natuur")
    assert out.exit_code == 0 and "#2 heet nu 'Stikstof en natuur'" in out.output
    assert "Verwijderd: #2" in env("rm", "2").output
    assert "Nog geen bewaarde zoekopdrachten" in env("list").output


def test_export_and_import(env, tmp_path):
    env("add", "palantir")
    env("add", "--filter", "soort=uitstel", "--van", "2023")
    exported = env("export").output
    assert json.loads(exported)["format"] == "vraagbaak-bewaarde-zoekopdrachten"
    target = tmp_path / "export.json"
    assert env("export", str(target)).exit_code == 0 and json.loads(target.read_text())["queries"] == json.loads(exported)["queries"]

    other = CliRunner().invoke(main, ["saved", "--db", str(tmp_path / "other.sqlite3"), "import", str(target)])
    assert other.exit_code == 0 and "2 toegevoegd, 0 stonden er al" in other.output
    twice = CliRunner().invoke(main, ["saved", "--db", str(tmp_path / "other.sqlite3"), "import", "-"], input=exported)
    assert "0 toegevoegd, 2 stonden er al" in twice.output
    assert len(SavedStore(tmp_path / "other.sqlite3").all()) == 2


def test_import_of_a_file_that_is_not_ours_changes_nothing(env):
    env("add", "palantir")
    out = env("import", "-", input='{"title": "iets anders"}')
    assert out.exit_code == 2 and "geen exportbestand van Vraagbaak" in out.output and "niets veranderd" in out.output
    assert [s.name for s in SavedStore(env.db).all()] == ["palantir"]


def test_run_prints_what_is_new_and_marks_it_seen(env):
    env("add", "websitebeveiliging", "--name", "Beveiliging")
    nothing = env("run", "Beveiliging", "--exit-status")
    assert nothing.exit_code == 1 and "Beveiliging: niets nieuw sinds" in nothing.output
    assert env("run", "Beveiliging").exit_code == 0  # without the flag, "nothing new" is not a failure

    index_letters(Store(env.index), [
        Letter(id="ah-nieuw-1", kind="answer", title="Websitebeveiliging bij gemeenten", date=dt.date(2018, 1, 5),
               pairs=[QAPair([1], "Hoe staat het met de websitebeveiliging?", "Goed.")]),
        Letter(id="ah-nieuw-2", kind="answer", title="Websitebeveiliging in de zorg", date=dt.date(2025, 1, 5),
               pairs=[QAPair([1], "En de websitebeveiliging in de zorg?", "Die wordt verbeterd.")]),
    ])
    peek = env("run", "Beveiliging", "--peek", "--json")
    data = json.loads(peek.output)
    assert data["new"] == 2 and [h["id"] for h in data["hits"]] == ["ah-nieuw-2", "ah-nieuw-1"]
    assert all(h["added"] for h in data["hits"])

    news = env("run", "Beveiliging", "--exit-status")
    assert news.exit_code == 0
    assert "Beveiliging: 2 nieuwe brieven sinds" in news.output
    assert "* Websitebeveiliging in de zorg" in news.output and "ah-nieuw-1 · 2018-01-05" in news.output
    assert "Vraag 1: " in news.output
    assert env("run", "Beveiliging", "--exit-status").exit_code == 1  # seen now


def test_the_web_and_the_command_line_share_the_database(env):
    from search_app import create_app

    env("add", "palantir", "--name", "Van de opdrachtregel")
    app = create_app({"TESTING": True, "INDEX": str(env.index), "SAVED_DB": str(env.db)})
    assert "Van de opdrachtregel" in app.test_client().get("/bewaard").get_data(as_text=True)
