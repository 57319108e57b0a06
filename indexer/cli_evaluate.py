"""``vraagbaak evaluate``: relevance figures of an index against a judgement file (thin wrapper
over :mod:`indexer.evaluate`)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from indexer.cli import index_dir_option, open_store
from indexer.evaluate import evaluate as run_evaluation
from indexer.evaluate import load
from indexer.store import IndexError_


@click.command()
@click.argument("judgements", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@index_dir_option
@click.option("--no-baseline", is_flag=True, help="Sla de basislijn (gewone Whoosh-analyse) over.")
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
@click.option("--failures", is_flag=True, help="Toon ook de zoekvragen zonder relevante brief in de top 3.")
def evaluate(judgements, index_dir, no_baseline, as_json, failures):
    """Meet de zoekkwaliteit: success@1, success@3, MRR en nDCG@10 per soort zoekvraag.

    JUDGEMENTS is een JSON-lijst van {"q", "relevant": [ids], "kind"}."""
    try:
        items = load(judgements)
    except ValueError as exc:
        raise click.ClickException(f"{judgements}: {exc}")
    try:
        report = run_evaluation(open_store(index_dir), items, baseline=not no_baseline)
    except IndexError_ as exc:
        raise click.ClickException(str(exc))
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(report.markdown())
    if failures:
        for o in report.failures():
            click.echo(f"mis [{o.judgement.kind}] {o.judgement.q!r}: wil {o.judgement.relevant}, kreeg {o.ranked[:3]}")
