"""``vraagbaak-web`` / ``python -m search_app``: serve the app with waitress (never Flask's debug server)."""
from __future__ import annotations

from pathlib import Path

import click

from indexer import config
from indexer.store import Store


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Map van de index (standaard: $VRAAGBAAK_INDEX of instance/index).")
@click.option("--host", default=lambda: config.get("host"), show_default="127.0.0.1 of $VRAAGBAAK_HOST",
              help="Adres om op te luisteren.")
@click.option("--port", type=click.IntRange(0, 65535), default=lambda: config.get("port"),
              show_default="5000 of $VRAAGBAAK_PORT", help="Poort om op te luisteren.")
@click.option("--threads", type=click.IntRange(1, 256), default=lambda: config.get("threads"),
              show_default="8 of $VRAAGBAAK_THREADS", help="Werkthreads van waitress.")
def main(index_dir: Path | None, host: str, port: int, threads: int) -> None:
    """Start de zoeksite van Vraagbaak met een productie-webserver (waitress)."""
    import os

    import waitress

    from search_app import create_app

    if index_dir:
        # The settings table reads VRAAGBAAK_INDEX; setting it keeps instance/config.py in play.
        os.environ[config.BY_NAME["index"].env] = str(index_dir)
    index = config.index_dir()
    app = create_app()
    if not Store(index, config.get("stemmer")).exists():
        click.echo(f"Let op: er is nog geen index in {index}. Maak er een met: vraagbaak index corpus/", err=True)
    click.echo(f"Vraagbaak zoekt in {index} op http://{host}:{port}/ (Ctrl-C stopt)", err=True)
    waitress.serve(app, host=host, port=port, threads=threads, ident="Vraagbaak", _quiet=True)


if __name__ == "__main__":
    main()
