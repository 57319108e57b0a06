"""Reading the fixed Dutch phrases that every format shares: dates, the questioners' sentence,
the answering minister, case numbers.

The XML, HTML and text parsers all meet the same sentences (*Vragen van de leden X en Y (beiden
D66) aan de Minister van ... (ingezonden 29 april 2026)*, *Antwoord van Minister Z (Financiën)
(ontvangen ...)*), so they are read here once.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from indexer.letters import Questioner

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    # Abbreviations seen in letterheads and footnotes.
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}

DATE_RE = re.compile(
    r"\b(\d{1,2})\s*(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})\b",
    re.IGNORECASE,
)
ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")

#: The Kamer's case number: year, Z (zaak) and a five-digit serial, e.g. 2024Z18294.
CASE_NUMBER_RE = re.compile(r"\b((?:19|20)\d{2})\s?Z\s?(\d{5})\b")


def normalize_space(text: str) -> str:
    """Collapse every run of white space (also no-break and zero-width spaces) to one space."""
    text = text.replace("\u00ad", "").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def parse_date(text: str | None) -> dt.date | None:
    """The first date in ``text``: *5 juni 2026*, *5 jun. 2026*, *2026-06-05* or *05-06-2026*."""
    if not text:
        return None
    found = []
    m = DATE_RE.search(text)
    if m:
        found.append((m.start(), _safe_date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))))
    m = ISO_DATE_RE.search(text)
    if m:
        found.append((m.start(), _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    m = NUMERIC_DATE_RE.search(text)
    if m:
        found.append((m.start(), _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))))
    found = [(pos, d) for pos, d in found if d]
    return min(found)[1] if found else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_case_number(text: str | None) -> str | None:
    """The first Kamer case number in ``text`` (*2026Z09123*), normalised without spaces."""
    if not text:
        return None
    m = CASE_NUMBER_RE.search(text)
    return f"{m.group(1)}Z{m.group(2)}" if m else None


def submitted_date(text: str) -> dt.date | None:
    """The date in *(ingezonden 29 april 2026)*, also when PDF extraction broke the line."""
    m = re.search(r"ingezonden\s+([^)]{6,40})", text, re.IGNORECASE)
    return parse_date(normalize_space(m.group(1))) if m else None


def received_date(text: str) -> dt.date | None:
    """The date in *(ontvangen 20 november 2024)*: when the answer reached the Kamer."""
    m = re.search(r"ontvangen\s+([^)]{6,40})", text, re.IGNORECASE)
    return parse_date(normalize_space(m.group(1))) if m else None


# "Vragen van de leden A, B en C (allen D66)", "Vragen van het lid A (D66)",
# "Vragen van de leden A (SP), B (GroenLinks-PvdA) en C (CDA)".
_ASKERS_RE = re.compile(
    r"(?:Vragen|vragen)\s+(?:gesteld\s+)?van\s+(?:de\s+leden|het\s+lid|lid)\s+(.+?)"
    r"(?=\s+(?:aan\s+de|aan\s+het|aan\s+de\s+minister|over\s+|ter\s+)|\s*\(ingezonden|$)",
    re.DOTALL,
)
_GROUP_PARTY_RE = re.compile(r"\((?:allen|beiden|alle\s+drie|allebei)\s+([^)]+)\)\s*$", re.IGNORECASE)


def parse_questioners(sentence: str) -> list[Questioner]:
    """The members named in a *Vragen van ...* sentence, each with their party.

    Handles a party per member, one party for all (*allen D66*, *beiden*), and a missing party.
    """
    sentence = normalize_space(sentence)
    m = _ASKERS_RE.search(sentence)
    if not m:
        return []
    names_part = m.group(1).strip().rstrip(",")
    group_party = None
    g = _GROUP_PARTY_RE.search(names_part)
    if g:
        group_party = normalize_space(g.group(1))
        names_part = names_part[: g.start()].strip()
    # Split on commas and the final "en", but not inside parentheses.
    pieces = re.split(r",\s*|\s+en\s+(?![^()]*\))", names_part)
    result: list[Questioner] = []
    pending: list[Questioner] = []
    for piece in pieces:
        piece = piece.strip(" ,.")
        if not piece:
            continue
        pm = re.match(r"(.+?)\s*\(([^)]+)\)\s*$", piece)
        if pm:
            party_text = pm.group(2).strip()
            many = re.match(r"(?:allen|beiden|alle\s+drie)\s+(.+)", party_text, re.IGNORECASE)
            party = normalize_space(many.group(1) if many else party_text)
            q = Questioner(_clean_name(pm.group(1)), party)
            if many:
                for earlier in pending:
                    earlier.party = party
            pending = []
            result.append(q)
        else:
            q = Questioner(_clean_name(piece), group_party)
            pending.append(q)
            result.append(q)
    return [q for q in result if q.name]


def _clean_name(name: str) -> str:
    # PDF extraction leaves a stray accent as its own character: "Kostic ´".
    name = "".join(ch for ch in name if unicodedata.category(ch) != "Sk")
    return normalize_space(name).strip(" ,.")


_ANSWERER_RE = re.compile(
    r"(?:Antwoord|Mededeling)\s+van\s+(?:de\s+)?((?:[Mm]inister|[Ss]taatssecretaris|[Ss]taatsecretaris)"
    r"(?:-[Pp]resident)?(?:\s+van\s+[^()]+?|\s+voor\s+[^()]+?)?)\s+([^()]+?)\s*\(([^)]+)\)",
)


def parse_answerer(sentence: str) -> tuple[str | None, str | None]:
    """(minister, ministry) from *Antwoord van Minister Van Weel (Justitie en Veiligheid)*.

    The minister is returned with their office (*Minister Van Weel*, *Staatssecretaris Coenradie*).
    """
    sentence = normalize_space(sentence)
    m = _ANSWERER_RE.search(sentence)
    if not m:
        return None, None
    office = m.group(1).strip()
    office = office[0].upper() + office[1:]
    name = normalize_space(m.group(2))
    ministry = normalize_space(m.group(3))
    if ministry.lower().startswith("ontvangen"):
        ministry = None
    return f"{office.split()[0]} {name}", ministry and normalize_ministry(ministry)


def normalize_ministry(name: str) -> str:
    """*Justitie en Veiligheid* and *Ministerie van Justitie en Veiligheid* are one ministry."""
    name = normalize_space(name)
    name = re.sub(r"^(?:het\s+)?[Mm]inisterie\s+(?:van|voor)\s+", "", name)
    name = re.sub(r"^(?:de\s+)?[Mm]inister\s+(?:van|voor)\s+", "", name)
    return name[:1].upper() + name[1:] if name else name


def asked_ministry(sentence: str) -> str | None:
    """The first ministry named in *... aan de Minister van Asiel en Migratie over ...*."""
    sentence = normalize_space(sentence)
    m = re.search(
        r"aan\s+de\s+(?:[Mm]inisters?|[Ss]taatssecretaris(?:sen)?)\s+(?:van|voor)\s+(.+?)"
        r"(?:\s+en\s+(?:van|voor|de|aan)\s+|,\s+(?:de\s+)?(?:[Mm]inister|[Ss]taatssecretaris)|\s+over\s+|\s*\(ingezonden|$)",
        sentence,
    )
    return normalize_ministry(m.group(1)) if m else None


def subject_of(sentence: str) -> str | None:
    """What the questions are about: the part after *over* up to *(ingezonden ...)*."""
    sentence = normalize_space(sentence)
    m = re.search(r"\bover\s+(.+?)\s*(?:\(ingezonden|$)", sentence)
    if not m:
        return None
    subject = m.group(1).strip().rstrip(".")
    return subject or None
