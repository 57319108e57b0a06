"""``vraagbaak saved``: the saved queries on the command line, on the web app's database.

Thin wrappers over :mod:`indexer.saved`. ``run NAME`` prints what was added to the index since
the last run (or the last time the query was opened in the browser) and marks it seen; with
``--exit-status`` it exits 1 when nothing is new, so cron can mail only when there is news.
Errors exit 2 (like grep), so they are never mistaken for "nothing new".
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from indexer import config
from indexer.highlight import to_ansi, to_plain
from indexer.saved import QueryState, SavedError, SavedStore, StoreError, counts, new_since, now
from indexer.schema import FACET_FIELDS
from indexer.search import SORTS, Searcher
from indexer.store import IndexError_, Store


class Failure(click.ClickException):
    exit_code = 2


def _index_option(f):
    return click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                        help="Map van de index (standaard: $VRAAGBAAK_INDEX of instance/index).")(f)


def _searcher(index_dir: Path | None) -> Searcher:
    return Searcher(Store(config.index_dir(index_dir), config.get("stemmer")))


def _store() -> SavedStore:
    return click.get_current_context().obj


def _moment(value: dt.datetime) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


@click.group()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Database van de bewaarde zoekopdrachten (standaard: $VRAAGBAAK_SAVED_DB of instance/vraagbaak.sqlite3).")
@click.pass_context
def saved(ctx, db):
    """Bewaarde zoekopdrachten: bewaren, tonen, en zien wat er nieuw is."""
    ctx.obj = SavedStore(config.saved_db(db))


@saved.command("list")
@_index_option
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
def list_(index_dir, as_json):
    """Toon de bewaarde zoekopdrachten met het aantal brieven en hoeveel er nieuw zijn."""
    try:
        entries = _store().all()
    except StoreError as exc:
        raise Failure(str(exc))
    searcher = _searcher(index_dir)
    rows = []
    index_problem = None
    for s in entries:
        c = None
        if s.state is not None and index_problem is None:
            try:
                c = counts(searcher, s)
            except IndexError_ as exc:
                index_problem = str(exc)
        rows.append((s, c))
    if as_json:
        click.echo(json.dumps([{"id": s.id, **s.to_json(), "total": c.total if c else None, "new": c.new if c else None,
                                "problem": s.problem} for s, c in rows], ensure_ascii=False, indent=2))
        return
    if index_problem:
        click.echo(f"let op: geen tellingen: {index_problem}", err=True)
    if not rows:
        click.echo("Nog geen bewaarde zoekopdrachten. Bewaar er een met: vraagbaak saved add ZOEKWOORDEN")
    for s, c in rows:
        tally = f"{c.total} {'brief' if c.total == 1 else 'brieven'}, {c.new} nieuw" if c else "—"
        click.echo(f"#{s.id}  {s.name}  [{tally}]")
        click.echo(f"     {s.state.describe() if s.state else s.problem}")


@saved.command()
@click.argument("query", nargs=-1)
@click.option("--name", "-n", default=None, help="Naam (standaard: de zoekwoorden).")
@click.option("--sort", type=click.Choice(SORTS), default=None, help="Sortering (standaard: relevantie, zonder zoekwoorden datum-nieuw).")
@click.option("--van", "date_from", default=None, metavar="DATUM", help="Vanaf deze datum (JJJJ, JJJJ-MM of JJJJ-MM-DD).")
@click.option("--tot", "date_to", default=None, metavar="DATUM", help="Tot en met deze datum.")
@click.option("--filter", "-f", "filters", multiple=True, metavar="NAAM=WAARDE",
              help=f"Filter, zoals op de resultatenpagina ({', '.join(FACET_FIELDS)}); mag vaker.")
def add(query, name, sort, date_from, date_to, filters):
    """Bewaar de zoekopdracht QUERY (met filters en sortering)."""
    try:
        pairs = {}
        for item in filters:
            key, sep, value = item.partition("=")
            if not sep:
                raise SavedError(f"'{item}' is geen filter; schrijf NAAM=WAARDE, bijvoorbeeld partij=SP.")
            pairs[key.strip()] = value
        state = QueryState.from_json({"q": " ".join(query), "sort": sort, "van": date_from, "tot": date_to,
                                      "filters": pairs})
        entry, created = _store().add(state, name)
    except (SavedError, StoreError) as exc:
        raise Failure(str(exc))
    if created:
        click.echo(f"Bewaard als #{entry.id} '{entry.name}' ({state.describe()}).")
    else:
        click.echo(f"Deze zoekopdracht was al bewaard als #{entry.id} '{entry.name}'.")


@saved.command()
@click.argument("name")
def rm(name):
    """Verwijder de bewaarde zoekopdracht NAME (naam of #nummer)."""
    try:
        entry = _store().find(name)
        _store().delete(entry.id)
    except (SavedError, StoreError) as exc:
        raise Failure(str(exc))
    click.echo(f"Verwijderd: #{entry.id} '{entry.name}'.")


@saved.command()
@click.argument("name")
@click.argument("new_name")
def rename(name, new_name):
    """Geef de bewaarde zoekopdracht NAME de naam NEW_NAME."""
    try:
        entry = _store().rename(_store().find(name).id, new_name)
    except (SavedError, StoreError) as exc:
        raise Failure(str(exc))
    click.echo(f"#{entry.id} heet nu '{entry.name}'.")


@saved.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path), default="-")
def export(file):
    """Schrijf alle bewaarde zoekopdrachten als JSON naar FILE (standaard: de uitvoer)."""
    try:
        text = json.dumps(_store().export(), ensure_ascii=False, indent=2) + "\n"
    except StoreError as exc:
        raise Failure(str(exc))
    if str(file) == "-":
        click.echo(text, nl=False)
    else:
        file.write_text(text, encoding="utf-8")
        click.echo(f"{len(json.loads(text)['queries'])} zoekopdrachten geschreven naar {file}.", err=True)


@saved.command("import")
@click.argument("file", type=click.File("rb"))
def import_(file):
    """Voeg de zoekopdrachten uit FILE (een export; - is de invoer) toe; wat er al is blijft staan."""
    try:
        report = _store().import_(file.read())
    except (SavedError, StoreError) as exc:
        raise Failure(str(exc))
    click.echo(f"{len(report.added)} toegevoegd, {len(report.existing)} stonden er al.")


@saved.command()
@click.argument("name")
@_index_option
@click.option("--exit-status", is_flag=True, help="Eindig met status 1 als er niets nieuw is (voor cron).")
@click.option("--peek", is_flag=True, help="Alleen tonen: niet als gezien markeren.")
@click.option("--limit", "-n", default=100, show_default=True, type=click.IntRange(1, 10_000), help="Ten hoogste zoveel brieven tonen.")
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
def run(name, index_dir, exit_status, peek, limit, as_json):
    """Toon wat er nieuw is voor NAME sinds de vorige keer, en markeer het als gezien."""
    store = _store()
    try:
        entry = store.find(name)
        if entry.state is None:
            raise SavedError(entry.problem)
        # The moment is taken before searching: a letter indexed during this run is new next time.
        started = now()
        result = new_since(_searcher(index_dir), entry, limit=limit)
        if not peek:
            store.mark_opened(entry.id, started)
    except (SavedError, StoreError, IndexError_) as exc:
        raise Failure(str(exc))
    if as_json:
        data = result.to_json()
        for hit, row in zip(result.hits, data["hits"]):
            row["added"] = hit.added.isoformat() if hit.added else None
        click.echo(json.dumps({"id": entry.id, "name": entry.name, "since": entry.last_opened.isoformat(),
                               "new": result.total, "hits": data["hits"]}, ensure_ascii=False, indent=2))
    else:
        render = to_ansi if sys.stdout.isatty() else to_plain
        if not result.total:
            click.echo(f"{entry.name}: niets nieuw sinds {_moment(entry.last_opened)}.")
        else:
            word = "brief" if result.total == 1 else "brieven"
            click.echo(f"{entry.name}: {result.total} nieuwe {word} sinds {_moment(entry.last_opened)}.")
        for hit in result.hits:
            letter = hit.letter
            click.echo("")
            click.echo(f"* {letter.title or letter.id}")
            meta = [letter.id, letter.date.isoformat() if letter.date else None,
                    f"toegevoegd {_moment(hit.added)}" if hit.added else None]
            click.echo("  " + " · ".join(m for m in meta if m))
            if hit.best:
                click.echo(f"  Vraag {', '.join(map(str, hit.best.questions))}: {render(hit.best.question)}")
            elif hit.text:
                click.echo(f"  {render(hit.text)}")
        if result.total > len(result.hits):
            click.echo(f"\n… en nog {result.total - len(result.hits)}.")
    if exit_status and not result.total:
        sys.exit(1)
