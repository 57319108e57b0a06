"""The ``vraagbaak`` command line: thin wrappers over the library (build, search, store)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from indexer import config
from indexer.build import build_index
from indexer.highlight import to_ansi, to_plain
from indexer.letters import KIND_LABELS
from indexer.search import SORTS, SearchRequest, Searcher
from indexer.store import IndexError_, IndexMismatch, Store

index_dir_option = click.option(
    "--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Map van de index (standaard: $VRAAGBAAK_INDEX of instance/index).",
)


class IndexFailure(click.ClickException):
    """The run did not happen. Exit status 2 (3: the index needs --rebuild), so that scripts can
    tell it from 1, "indexed, but some files were skipped"."""

    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def _progress_bar(files):
    """A progress bar on the terminal with the rate in letters (files) per second."""
    from tqdm import tqdm

    return tqdm(files, unit=" brieven", desc="Indexeren", file=sys.stderr, dynamic_ncols=True)


def open_store(index_dir: Path | None) -> Store:
    return Store(config.index_dir(index_dir), config.get("stemmer"))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vraagbaak")
def main():
    """Vraagbaak: doorzoek antwoorden op Kamervragen, Kamerbrieven en Woo-documenten."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@index_dir_option
@click.option("--rebuild", is_flag=True, help="Bouw de index helemaal opnieuw (de oude blijft doorzoekbaar tot de nieuwe klaar is).")
@click.option("--quiet", "-q", is_flag=True, help="Geen voortgangsbalk en alleen fouten melden.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processen die tegelijk lezen en indexeren (standaard: één per processorkern, "
                   "bij 400 of meer te lezen bestanden).")
def index(paths, index_dir, rebuild, quiet, workers):
    """Indexeer de bestanden en mappen PATHS (incrementeel: alleen wat veranderd is)."""
    store = open_store(index_dir)
    progress = None if quiet or not sys.stderr.isatty() else _progress_bar

    try:
        report = build_index(paths, store, rebuild=rebuild, progress=progress, workers=workers)
    except IndexMismatch as exc:
        raise IndexFailure(str(exc), exit_code=3)
    except (IndexError_, FileNotFoundError) as exc:
        raise IndexFailure(str(exc))
    except KeyboardInterrupt:
        raise IndexFailure("Onderbroken: de vorige index is onveranderd en blijft doorzoekbaar.")
    for skipped in report.skipped:
        click.echo(f"overgeslagen: {skipped.path}: {skipped.reason}", err=True)
    if not quiet or report.failed:
        rate = report.letters_indexed / report.seconds if report.seconds else 0.0
        click.echo(
            f"{report.files_seen} bestanden gezien, {report.files_unchanged} ongewijzigd; "
            f"{report.letters_indexed} brieven met {report.pairs_indexed} vraag-antwoordparen geïndexeerd"
            f" ({rate:.0f} brieven/s), {report.letters_removed} verwijderd, "
            f"{report.superseded} dubbel (rijker formaat gebruikt), {len(report.skipped)} overgeslagen; "
            f"{report.seconds:.1f} s. Index: {store.root}"
        )
    if report.failed:
        sys.exit(1)


class QueryCommand(click.Command):
    """Lets ``-woord`` (exclude a word) through as part of the query instead of failing as an
    unknown option; real options (``--json``, ``-n 5``) keep working anywhere on the line."""

    def parse_args(self, ctx, args):
        options = {name for param in self.params for name in getattr(param, "opts", [])}
        options.update(self.get_help_option_names(ctx))
        escaped = [EXCLUDE_MARK + a if a.startswith("-") and not a.startswith("--") and a not in options
                   and len(a) > 2 else a for a in args]
        return super().parse_args(ctx, escaped)


EXCLUDE_MARK = "\x00"


@main.command(cls=QueryCommand)
@click.argument("query", nargs=-1, required=True)
@index_dir_option
@click.option("--limit", "-n", default=10, show_default=True, type=click.IntRange(1, 1000), help="Aantal brieven.")
@click.option("--sort", type=click.Choice(SORTS), default="relevantie", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
def search(query, index_dir, limit, sort, as_json):
    """Zoek QUERY; toont de brieven met het best passende vraag-antwoordpaar."""
    text = " ".join(q.removeprefix(EXCLUDE_MARK) for q in query)
    searcher = Searcher(open_store(index_dir))
    try:
        result = searcher.search(SearchRequest(q=text, sort=sort, page_size=limit), with_facets=False)
    except IndexError_ as exc:
        raise click.ClickException(str(exc))
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    render = to_ansi if sys.stdout.isatty() else to_plain
    for notice in result.notices:
        click.echo(f"let op: {notice}")
    if result.suggestion:
        click.echo(f"Bedoelde u: {result.suggestion}?")
    if result.relaxed:
        click.echo("Geen brief bevat alle woorden; dit zijn de brieven die er de meeste bevatten.")
    click.echo(f"{result.total} brieven ({result.seconds * 1000:.0f} ms)")
    for n, hit in enumerate(result.hits, 1):
        letter = hit.letter
        click.echo("")
        click.echo(f"{n}. {letter.title or letter.id}")
        meta = [letter.id, letter.date.isoformat() if letter.date else None, KIND_LABELS.get(letter.kind), letter.minister]
        click.echo("   " + " · ".join(m for m in meta if m))
        if hit.best:
            numbers = ", ".join(map(str, hit.best.questions))
            click.echo(f"   Vraag {numbers}: {render(hit.best.question)}")
            if hit.best.answer:
                click.echo(f"   Antwoord: {render(hit.best.answer)}")
        elif hit.text:
            click.echo(f"   {render(hit.text)}")


@main.command()
@click.argument("letter_id")
@index_dir_option
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
def show(letter_id, index_dir, as_json):
    """Toon de hele brief LETTER_ID."""
    try:
        letter = Searcher(open_store(index_dir)).letter(letter_id)
    except IndexError_ as exc:
        raise click.ClickException(str(exc))
    if letter is None:
        raise click.ClickException(f"Geen brief met id {letter_id!r} in de index.")
    if as_json:
        click.echo(json.dumps(letter.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(letter.title or letter.id)
    for label, value in [
        ("Id", letter.id), ("Soort", KIND_LABELS.get(letter.kind)),
        ("Datum", letter.date and letter.date.isoformat()),
        ("Ingezonden", letter.submitted and letter.submitted.isoformat()),
        ("Ministerie", letter.ministry), ("Bewindspersoon", letter.minister),
        ("Vragenstellers", ", ".join(f"{q.name} ({q.party})" if q.party else q.name for q in letter.questioners)),
        ("Zaaknummer", letter.case_number), ("Onze referentie", letter.reference), ("Bron", letter.source),
    ]:
        if value:
            click.echo(f"{label}: {value}")
    for pair in letter.pairs:
        numbers = ", ".join(map(str, pair.questions))
        click.echo(f"\nVraag {numbers}\n{pair.question}")
        if pair.answer:
            click.echo(f"\nAntwoord {numbers}\n{pair.answer}")
    for i, note in enumerate(letter.footnotes, 1):
        click.echo(f"\n[{i}] {note}")


@main.command()
@index_dir_option
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
def stats(index_dir, as_json):
    """Tellingen van de index: brieven, paren, per soort en jaar, grootte, analyse."""
    try:
        data = Searcher(open_store(index_dir)).stats()
    except IndexError_ as exc:
        raise click.ClickException(str(exc))
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"Brieven: {data['letters']}\nVraag-antwoordparen: {data['pairs']}")
    click.echo("Per soort: " + ", ".join(f"{KIND_LABELS.get(k, k)} {v}" for k, v in data["kinds"].items()))
    click.echo("Per jaar: " + ", ".join(f"{k} {v}" for k, v in data["years"].items()))
    click.echo(f"Index: {data['index_dir']} ({data['index_bytes'] / 1e6:.1f} MB)")
    a = data["analyzer"] or {}
    click.echo(f"Analyse: {a.get('analyzer')} v{a.get('analyzer_version')}, stemmer {a.get('stemmer')} (snowballstemmer {a.get('snowballstemmer')}, {a.get('stemmer_implementation', 'Python')})")


# `vraagbaak saved …` lives in its own module; imported last because it uses this one's options.
from indexer.cli_saved import saved  # noqa: E402

main.add_command(saved)
from indexer.cli_cases import cases  # noqa: E402

main.add_command(cases)
from indexer.cli_evaluate import evaluate  # noqa: E402

main.add_command(evaluate)


if __name__ == "__main__":
    main()
