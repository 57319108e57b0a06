"""The settings table: one place for every setting, read by the CLI and the web app alike.

Each setting has a name, an environment variable, a default and a line of help; the README's
configuration table is checked against this list by a test, so a new setting cannot go
undocumented.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        return "VRAAGBAAK_" + self.name.upper()


def positive_int(raw: str) -> int:
    value = int(raw)
    if value < 1:
        raise ValueError("moet 1 of meer zijn")
    return value


def port_number(raw: str) -> int:
    value = int(raw)
    if not 1 <= value <= 65535:
        raise ValueError("een poort ligt tussen 1 en 65535")
    return value


def stemmer_name(raw: str) -> str:
    if raw not in ("dutch_porter", "dutch"):
        raise ValueError("kies dutch_porter of dutch")
    return raw


def non_negative_float(raw: str) -> float:
    value = float(raw)
    if not value >= 0:  # also refuses nan
        raise ValueError("moet 0 of meer zijn")
    return value


SETTINGS = [
    Setting("index", "instance/index", "Map van de zoekindex (relatief aan de werkmap)."),
    Setting("stemmer", "dutch_porter", "Snowball-algoritme voor het Nederlands: dutch_porter of dutch. Wijzigen vraagt om `vraagbaak index --rebuild`.", stemmer_name),
    Setting("boost_title", 3.0, "Gewicht van de titel (Betreft/onderwerp) bij het rangschikken.", non_negative_float),
    Setting("boost_question", 1.5, "Gewicht van de vraagtekst.", non_negative_float),
    Setting("boost_answer", 1.0, "Gewicht van de antwoordtekst.", non_negative_float),
    Setting("boost_body", 0.7, "Gewicht van de overige tekst (begeleidende brief, Kamerbrief).", non_negative_float),
    Setting("boost_people", 2.0, "Gewicht van namen: minister, vragenstellers, partij, ministerie.", non_negative_float),
    Setting("max_expansion", 50, "Hoeveel woorden een zoekterm met * ten hoogste mag opleveren.", positive_int),
    Setting("cache_mb", 512, "Geheugen (MB) per zoekproces voor de postings van gezochte woorden: wat vaak gezocht wordt, hoeft dan niet opnieuw van schijf.", positive_int),
    Setting("page_size", 10, "Resultaten per pagina in browser en API.", positive_int),
    Setting("max_query_length", 1000, "Langere zoekopdrachten worden ingekort (met melding).", positive_int),
    Setting("host", "127.0.0.1", "Adres waarop `vraagbaak-web` luistert."),
    Setting("port", 5000, "Poort waarop `vraagbaak-web` luistert.", port_number),
    Setting("processes", None, "Werkprocessen van `vraagbaak-web` (gunicorn); zonder instelling één per processorkern.", positive_int),
    Setting("threads", 4, "Werkthreads per werkproces van `vraagbaak-web`.", positive_int),
    Setting("saved_db", "instance/vraagbaak.sqlite3", "SQLite-bestand met de bewaarde zoekopdrachten (web en `vraagbaak saved`)."),
    Setting("edit_password", None, "Wachtwoord om bewaarde zoekopdrachten te wijzigen. Zonder wachtwoord kan dat alleen vanaf 127.0.0.1; lezen en feeds zijn altijd open."),
    Setting("secret_key", None, "Sleutel voor sessiecookies en CSRF-tokens. Zonder instelling wordt er eenmalig een gemaakt en bewaard als `secret_key` naast de database."),
    Setting("feed_entries", 50, "Aantal brieven in de Atom-feed van een bewaarde zoekopdracht.", positive_int),
]
BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, overrides: dict | None = None) -> Any:
    """A setting's value: an explicit override, else its environment variable, else the default."""
    setting = BY_NAME[name]
    if overrides and overrides.get(name) is not None:
        return overrides[name]
    raw = os.environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    try:
        return setting.parse(raw)
    except ValueError as exc:
        raise SystemExit(f"{setting.env}={raw!r} is geen geldige waarde: {exc}") from None


def index_dir(override: str | os.PathLike | None = None) -> Path:
    """The index directory: ``--index-dir``, else ``VRAAGBAAK_INDEX``, else ``instance/index``."""
    return Path(override or get("index"))


def saved_db(override: str | os.PathLike | None = None) -> Path:
    """The saved-queries database: ``--db``, else ``VRAAGBAAK_SAVED_DB``, else the instance folder."""
    return Path(override or get("saved_db"))


def boosts(overrides: dict | None = None) -> dict[str, float]:
    """Field boosts for ranking, by indexed field name."""
    return {
        "title": get("boost_title", overrides),
        "question": get("boost_question", overrides),
        "answer": get("boost_answer", overrides),
        "body": get("boost_body", overrides),
        "people": get("boost_people", overrides),
    }
