"""``vraagbaak cases``: the cases (questions → delay notice → answer) and their status.

A thin wrapper over :mod:`indexer.cases`; the status is worked out for ``--peildatum`` (default
today), as on the web pages.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from indexer import config
from indexer.cases import STATUS_LABELS, STATUSES
from indexer.search import Searcher
from indexer.store import IndexError_, Store


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is geen datum; gebruik JJJJ-MM-DD.") from None


@click.command("cases")
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Map van de index (standaard: $VRAAGBAAK_INDEX of instance/index).")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="Alleen zaken met deze status.")
@click.option("--ministry", "--ministerie", default=None, help="Alleen zaken van dit ministerie (zoals de statistiek het noemt).")
@click.option("--year", "--jaar", default=None, help="Alleen zaken ingediend in dit jaar.")
@click.option("--peildatum", "reference_date", callback=_date, default=None,
              help="De datum waarop de status geldt (JJJJ-MM-DD; standaard vandaag).")
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON.")
def cases(index_dir, status, ministry, year, reference_date, as_json):
    """Zaken (vragen, uitstelbericht, antwoord) met hun status: open, uitgesteld, te laat, beantwoord."""
    on = reference_date or dt.date.today()
    try:
        table = Searcher(Store(config.index_dir(index_dir), config.get("stemmer"))).cases()
    except IndexError_ as exc:
        raise click.ClickException(str(exc))
    found = table.select(on, status, ministry, int(year) if year and year.isdigit() else year)
    if as_json:
        click.echo(json.dumps({"reference_date": on.isoformat(), "total": len(found),
                               "cases": [c.to_json(on) for c in found]}, ensure_ascii=False, indent=2))
        return
    click.echo(f"{len(found)} {'zaak' if len(found) == 1 else 'zaken'}, stand op {on.isoformat()}")
    for case in found:
        st = case.status(on)
        if st == "beantwoord":
            detail = f"na {case.answer_days} dagen" if case.answer_days is not None else "antwoordtijd onbekend"
        elif case.deadline(on):
            detail = f"termijn t/m {case.deadline(on).isoformat()}"
        else:
            detail = "termijn onbekend"
        click.echo("")
        click.echo(f"{case.number}  {STATUS_LABELS[st].lower()} ({detail})  {case.ministry or ''}".rstrip())
        if case.title:
            click.echo(f"   {case.title}")
        dates = [("ingezonden", case.submitted), ("uitstel", case.delay_date if case.delay_date and case.delay_date <= on else None),
                 ("beantwoord", case.answered if st == "beantwoord" else None)]
        click.echo("   " + " · ".join(f"{k} {v.isoformat()}" for k, v in dates if v))
        click.echo("   " + ", ".join(x.id for x in case.timeline_letters()))
        for problem in case.problems:
            click.echo(f"   let op: {problem}")
