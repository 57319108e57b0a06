"""Reading the fixed Dutch phrases that every format shares: dates, the questioners' sentence,
the answering minister, signatures and the names in them, case numbers.

The XML, HTML and text parsers all meet the same sentences (*Vragen van de leden X en Y (beiden
D66) aan de Minister van ... (ingezonden 29 april 2026)*, *Antwoord van Minister Z (Financiën)
(ontvangen ...)*), so they are read here once.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from indexer.letters import Questioner
from indexer.parse.linestarts import LineGate

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    # Abbreviations seen in letterheads and footnotes.
    "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}

DATE_RE = re.compile(
    # "\s*" around the month: PDF extraction glues "18 november2024" and "18november 2024".
    r"\b(\d{1,2})\s*(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s*(\d{4})\b",
    re.IGNORECASE,
)
ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")

#: The Kamer's case number: year, Z (zaak) and a five-digit serial, e.g. 2024Z18294.
CASE_NUMBER_RE = re.compile(r"\b((?:19|20)\d{2})\s?Z\s?(\d{5})\b")


def normalize_space(text: str) -> str:
    """Collapse every run of white space (also no-break and zero-width spaces) to one space."""
    text = text.replace("\u00ad", "").replace("\u200b", "")
    # str.split() cuts at runs of what re's \s+ matches (str.isspace), and three times faster.
    return " ".join(text.split())


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
    return _dated_phrase("ingezonden", text)


def received_date(text: str) -> dt.date | None:
    """The date in *(ontvangen 20 november 2024)*: when the answer reached the Kamer."""
    return _dated_phrase("ontvangen", text)


#: For each word of _dated_phrase: the text after it in parentheses, then anywhere.
_DATED_PHRASE_RES = {
    word: (re.compile(r"\(\s*" + word + r"\s+([^)]{6,40})", re.IGNORECASE),
           re.compile(word + r"\s+([^)]{6,40})", re.IGNORECASE))
    for word in ("ingezonden", "ontvangen")
}


def _dated_phrase(word: str, text: str) -> dt.date | None:
    """The first date after ``word``; the parenthesised form wins, because running text also says
    *... is ontvangen* (delay notices) without a date."""
    for pattern in _DATED_PHRASE_RES[word]:
        for m in pattern.finditer(text or ""):
            found = parse_date(normalize_space(m.group(1)))
            if found:
                return found
    return None


# "Vragen van de leden A, B en C (allen D66)", "Vragen van het lid A (D66)",
# "Vragen van de leden A (SP), B (GroenLinks-PvdA) en C (CDA)". The names end where the sentence
# goes on to whom and what ("aan de Minister", "over", "ter beantwoording", "(ingezonden"), never
# at a word that may be part of a name: "het lid Hanneke ter Wolde (PvdA)".
_ASKERS_RE = re.compile(
    r"(?:Vragen|vragen)\s+(?:gesteld\s+)?van\s+(?:de\s+leden|het\s+lid|lid)\s+(.+?)"
    r"(?=\s+(?:aan\s+(?:de|het|den)\s|over\s|ter\s+beantwoording\b)|\s*,?\s*\(?ingezonden\b|$)",
    re.DOTALL,
)
_GROUP_PARTY_RE = re.compile(r"\((?:allen|beiden|alle\s+drie|allebei)\s+([^)]+)\)\s*$", re.IGNORECASE)
#: Between the names: a comma, or the last "en" (not one inside a party's parentheses).
_NAMES_SPLIT_RE = re.compile(r",\s*|\s+en\s+(?![^()]*\))")
_NAME_PARTY_RE = re.compile(r"(.+?)\s*\(([^)]+)\)\s*$")
_MANY_PARTY_RE = re.compile(r"(?:allen|beiden|alle\s+drie)\s+(.+)", re.IGNORECASE)


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
    pieces = _NAMES_SPLIT_RE.split(names_part)
    result: list[Questioner] = []
    pending: list[Questioner] = []
    for piece in pieces:
        piece = piece.strip(" ,.")
        if not piece:
            continue
        pm = _NAME_PARTY_RE.match(piece)
        if pm:
            party_text = pm.group(2).strip()
            many = _MANY_PARTY_RE.match(party_text)
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


_NOUN_RE = re.compile(r"^(?:lid|leden)\s+")


def _clean_name(name: str) -> str:
    # PDF extraction leaves a stray accent as its own character: "Kostic ´". In ASCII only ^ and `
    # are such (category Sk): most names need no look at each character.
    if not name.isascii() or "^" in name or "`" in name:
        name = "".join(ch for ch in name if unicodedata.category(ch) != "Sk")
    # Drafts sometimes repeat the noun: "Vragen van de leden lid Inge van Dijk (CDA), ...".
    name = _NOUN_RE.sub("", normalize_space(name))
    return name.strip(" ,.")


_ANSWERER_RE = re.compile(
    r"(?:Antwoord|Mededeling)\s+van\s+(?:de\s+)?((?:[Mm]inister|[Ss]taatssecretaris|[Ss]taatsecretaris)"
    r"(?:-[Pp]resident)?(?:\s+van\s+[^()]+?|\s+voor\s+[^()]+?)?)\s+([^()]+?)\s*\(([^)]+)\)",
)


_RECEIVED_RE = re.compile(r"\s*\(\s*ontvangen\b")


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
    name = _tidy_name(m.group(2))
    # A closing parenthesis lost in a draft: "(Volksgezondheid, Welzijn en Sport (ontvangen ...)".
    ministry = _RECEIVED_RE.split(normalize_space(m.group(3)))[0]
    if ministry.lower().startswith("ontvangen"):
        ministry = None
    return f"{office.split()[0]} {name}", ministry and normalize_ministry(ministry)


_MINISTRY_PREFIX_RE = re.compile(r"^(?:het\s+)?[Mm]inisterie\s+(?:van|voor)\s+")
_MINISTER_PREFIX_RE = re.compile(r"^(?:de\s+)?[Mm]inister\s+(?:van|voor)\s+")


def normalize_ministry(name: str) -> str:
    """*Justitie en Veiligheid* and *Ministerie van Justitie en Veiligheid* are one ministry."""
    name = normalize_space(name)
    name = _MINISTRY_PREFIX_RE.sub("", name)
    name = _MINISTER_PREFIX_RE.sub("", name)
    if name.isupper() and len(name) > 5:  # DEFENSIE, from a signature in capitals
        name = re.sub(r"[^\W\d_]+", lambda m: m.group(0).lower() if m.group(0).lower() in ("en", "van", "voor")
                      else m.group(0).capitalize(), name)
    return name[:1].upper() + name[1:] if name else name


_ASKED_MINISTRY_RE = re.compile(
    r"aan\s+de\s+(?:[Mm]inisters?|[Ss]taatssecretaris(?:sen)?)\s+(?:van|voor)\s+(.+?)"
    r"(?:\s+en\s+(?:van|voor|de|aan)\s+|,\s+(?:de\s+)?(?:[Mm]inister|[Ss]taatssecretaris)"
    r"|,\s+(?:bij|mede|namens)\b|\s+over\s+|\s*\(ingezonden|$)"
)


def asked_ministry(sentence: str) -> str | None:
    """The first ministry named in *... aan de Minister van Asiel en Migratie over ...*."""
    m = _ASKED_MINISTRY_RE.search(normalize_space(sentence))
    return normalize_ministry(m.group(1)) if m else None


_SUBJECT_RE = re.compile(r"\bover\s+(.+?)\s*(?:\(ingezonden|$)")


def subject_of(sentence: str) -> str | None:
    """What the questions are about: the part after *over* up to *(ingezonden ...)*."""
    m = _SUBJECT_RE.search(normalize_space(sentence))
    if not m:
        return None
    subject = m.group(1).strip().rstrip(".")
    return subject or None


# --- Question numbers, identifiers, letterheads and signatures -------------------------------

#: A list of question numbers as headings write them: "2 en 3", "1,2,3,4 en 5", "1 t/m 3",
#: "6, 7, 8 9 en 10" (a comma lost in extraction), "1 tot en met 3", "4-6".
NUMBERS_PATTERN = (
    # Each number is whole ((?!\d)) and the separator is a word, a sign or plain space, so that a
    # long run of digits cannot be split in many ways (no catastrophic backtracking).
    r"\d{1,3}(?!\d)(?:(?:\s*(?:,|&|\ben\b|t/m|t\.m\.|tot\s+en\s+met|–|-)\s*|\s+)\d{1,3}(?!\d))*"
)
_RANGE_RE = re.compile(r"(\d{1,3})\s*(?:t/m|t\.m\.|tot\s+en\s+met|–|-)\s*(\d{1,3})")


def parse_numbers(text: str) -> list[int]:
    """The question numbers in a heading fragment, ranges expanded, in order, without repeats."""
    if text and len(text) <= 3 and text.isdecimal():
        return [int(text)]  # "12", most headings: what the general reading below gives
    numbers: list[int] = []
    pos = 0
    text = text or ""
    for m in _RANGE_RE.finditer(text):
        numbers += [int(n) for n in re.findall(r"\d{1,3}", text[pos:m.start()])]
        low, high = int(m.group(1)), int(m.group(2))
        # A range of more than 100 questions is a date or a typo, not a range.
        numbers += list(range(low, high + 1)) if 0 <= high - low <= 100 else [low, high]
        pos = m.end()
    numbers += [int(n) for n in re.findall(r"\d{1,3}", text[pos:])]
    return list(dict.fromkeys(numbers))


#: Official identifiers of officielebekendmakingen.nl as they stand alone on a footer line:
#: ah-tk-20242025-594 (Aanhangsel), kv-tk-2024Z18775 (Kamervragen), kst-32545-143, blg-1007826.
IDENTIFIER_RE = re.compile(
    r"^\s*((?:ah|h)-(?:tk|ek)-\d{8}-\d+(?:-\d+)?|kv-(?:tk|ek)-\d{4}Z\d{5}|kst-\d+(?:-[0-9A-Za-z]+)+"
    r"|blg-\d+|stcrt-\d{4}-\d+|stb-\d{4}-\d+)\s*$",
    re.MULTILINE,
)


#: The first characters of an identifier: only the lines that start with one are tried.
IDENTIFIER_GATE = LineGate(r"ah-|h-|kv-|kst-|blg-|stcrt-|stb-", IDENTIFIER_RE)


def find_identifier(text: str) -> str | None:
    """The official identifier printed alone on a line (the footer of every published PDF)."""
    # IDENTIFIER_RE.search(text) finds the first line that is an identifier and nothing else (its
    # \s may span blank lines but not the identifier), so the lines are tried one by one, and
    # only those the gate lets through: the search tried every position of the text.
    text = text or ""
    for start in IDENTIFIER_GATE.starts(text):
        end = text.find("\n", start)
        if m := IDENTIFIER_RE.match(text[start:] if end == -1 else text[start:end]):
            return m.group(1)
    return None


def aanhangsel_identifier(house: str, session: str, number: str | int) -> str:
    """*ah-tk-20242025-545* from the Aanhangsel masthead: house, vergaderjaar and number."""
    house = "ek" if house.lower().startswith("eerste") else "tk"
    years = re.sub(r"\D", "", session)
    return f"ah-{house}-{years}-{int(number)}"


#: Prefixes that start a Dutch surname (*van*, *de*, *in 't*), and particles of other surnames
#: (*El Amrani*, *Ait Taleb*); lower case.
_TUSSENVOEGSELS = {"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "op", "'t", "’t", "von", "la", "le", "du"}
_PARTICLES = _TUSSENVOEGSELS | {"el", "ait", "da", "dos", "di", "del"}
#: Academic titles before a name (*mr.*, *drs.*, *prof. dr.*) and degrees after it (*MSc*).
_TITLES_RE = re.compile(r"^(?:(?:mr|mrs|drs|dr|ir|ing|prof|ds|mgr|bc)\.\s*)+", re.IGNORECASE)
_DEGREES_RE = re.compile(r",?\s+(?:MSc|MA|BSc|BA|MBA|MPA|LLM|LL\.M\.|PhD|RA)\.?$")
#: Initials: *D.M.*, *Th.*, *Chr.*, *J.-P.*
_INITIALS_RE = re.compile(r"(?:[A-ZÀ-ÖØ-ÞŁŠŞŽ][a-z]{0,2}\.-?)+")
#: A capitalised word of a name (*Weel*, *Şahin*, *Yeşilgöz-Zegerius*, *Demir-van*, *O'Neill*).
_NAME_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*-?")


def _strip_titles(name: str) -> str:
    return _DEGREES_RE.sub("", _TITLES_RE.sub("", normalize_space(name)))


_SPACED_HYPHEN_RE = re.compile(r"(?<=[^\W\d_])\s*[–—-]\s*(?=[^\W\d_])")
_PREFIX_AFTER_HYPHEN_RE = re.compile(r"(?<=-)(Van|De|Der|Den|Ter|Ten|Te|Het|In|Op)(?= )")


def _tidy_name(name: str) -> str:
    """One spelling of a double-barrelled surname: *Faber-van de Klashorst* also for *Faber –
    Van de Klashorst*, as the Kamer writes it (a prefix after the hyphen in lower case)."""
    name = _SPACED_HYPHEN_RE.sub("-", normalize_space(name))
    if name.isupper():  # a signature in capitals: D.M. VAN WEEL
        name = " ".join(t if _INITIALS_RE.fullmatch(t) else t.capitalize() for t in name.split())
        name = re.sub(r"(?<=-)[^\W\d_]+", lambda m: m.group(0).capitalize(), name)
        name = re.sub(r"(?<= )(?:" + "|".join(sorted(_TUSSENVOEGSELS, key=len, reverse=True)) + r")(?= )",
                      lambda m: m.group(0).lower(), name, flags=re.IGNORECASE)
    return _PREFIX_AFTER_HYPHEN_RE.sub(lambda m: m.group(1).lower(), name)


def surname(full_name: str) -> str:
    """*Van Weel* from *D.M. van Weel*, *Slob* from *Arie Slob*, *Faber-van de Klashorst* from
    *mr. M.H.M. Faber-van de Klashorst*: the name a minister is known by.

    Titles and initials go, and so does a leading first name where there are no initials; a
    prefix such as *van* or *de* starts the surname and is capitalised as when the surname stands
    alone. A hyphenated surname stays whole (*Demir-van Loon*, *Blokzijl-El Amrani*).
    """
    tokens = _tidy_name(_strip_titles(full_name)).split()
    initials = [t for t in tokens if _INITIALS_RE.fullmatch(t)]
    tokens = [t for t in tokens if not _INITIALS_RE.fullmatch(t)]
    if not initials and len(tokens) >= 2 and not _starts_surname(tokens[0]):
        tokens = tokens[1:]
    name = " ".join(tokens)
    return name[:1].upper() + name[1:]


def _starts_surname(token: str) -> bool:
    """Whether a first token without initials before it is part of the surname, not a first name:
    a prefix (*de Jonge*) or the first half of a double name (*Demir-van Loon*, *Blokzijl-El*)."""
    return token.lower() in _PARTICLES or token.rsplit("-", 1)[-1].lower() in _PARTICLES


def is_name(line: str) -> bool:
    """Whether ``line`` is a person's name as signed: *D.M. van Weel*, *mr. S.N. Verkerk-Idrissi*,
    *Arie Slob*; not a sentence, a closing formula or a date."""
    tokens = _strip_titles(line).split()
    if not tokens or len(tokens) > 7 or len(line.strip()) > 60 or tokens[0].lower() in _PARTICLES:
        return False
    return all(
        _INITIALS_RE.fullmatch(t) or t in ("-", "–") or t.lower() in _PARTICLES
        or (_NAME_WORD_RE.fullmatch(t) and t[0].isupper())
        for t in tokens
    )


# The line above the name: "De Minister van Justitie en Veiligheid," / "de minister voor Basis- en
# Voortgezet Onderwijs en Media," / "De Staatssecretaris van Financiën - Fiscaliteit, Belastingdienst
# en Douane," / "de Staatssecretaris Jeugd, Preventie en Sport," / "DE STAATSSECRETARIS VAN
# DEFENSIE" / "De Minister-President, Minister van Algemene Zaken,". The portfolio is a run of
# capitalised words joined by commas, dashes and small words: a sentence ("De minister van
# Financiën heeft ...") does not fit it.
_WORD = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:-[^\W\d_]*)*"
_PORTFOLIO = (
    _WORD + r"(?:(?:[ \t]*,[ \t]*|[ \t]+[–—-][ \t]+|[ \t]+)(?:(?i:en|van|voor|de|het|der|den)[ \t]+)*"
    + _WORD + r")*"
)
_CLOSING = r"(?:(?i:hoogachtend|met[ \t]+vriendelijke[ \t]+groet(?:en)?),?[ \t]+)?"
SIGNATURE_RE = re.compile(
    r"^[ \t]*" + _CLOSING + r"(?:De|de|DE)[ \t]+(?P<office>(?i:minister|staatss?ecretaris)(?:-(?i:president))?)"
    r"(?:[ \t]*,?[ \t]+(?:(?P<link>(?i:van|voor))[ \t]+)?(?P<ministry>" + _PORTFOLIO + r"))?"
    r"[ \t]*,?[ \t]*$",
    re.MULTILINE,
)
SIGNATURE_START_RE = re.compile(r"^[ \t]*" + _CLOSING + r"(?i:de[ \t]+(?:minister|staatss?ecretaris))")
#: Its first word: the closing formula's or "de" (only these lines are tried as signatures).
SIGNATURE_GATE = LineGate("(?i:hoogachtend|met|de)", SIGNATURE_START_RE)


def parse_signature(text: str, lines: list[str] | None = None,
                    among: list[int] | None = None) -> tuple[str | None, str | None]:
    """(minister, ministry) from a closing signature: the office line, then the name.

    *De Minister van Justitie en Veiligheid,* / *D.M. Van Weel* gives ("Minister Van Weel",
    "Justitie en Veiligheid"). The name is the next non-blank line. A portfolio without *van*
    (*de Staatssecretaris Jeugd, Preventie en Sport*) names no ministry: None. ``lines`` is
    ``text.split("\\n")`` when the caller has it, ``among`` as for :meth:`LineGate.lines`.
    """
    lines = (text or "").split("\n") if lines is None else lines
    for i in SIGNATURE_GATE.lines(lines, text or "", among):
        found = signature_at(lines, i)
        if found:
            return found
    return None, None


def signature_at(lines: list[str], i: int) -> tuple[str, str | None] | None:
    """(minister, ministry) when a signature's office line starts at line ``i`` and a name
    follows it; the office line may be wrapped over two lines."""
    if not SIGNATURE_START_RE.match(lines[i]):
        return None
    for last in (i, i + 1):
        m = SIGNATURE_RE.fullmatch(" ".join(line.strip() for line in lines[i:last + 1]))
        if m:
            break
    else:
        return None
    name_line = next((line for line in lines[last + 1:] if line.strip()), "")
    if not is_name(name_line):
        return None
    office = m.group("office").capitalize().replace("-p", "-P")
    return f"{office} {surname(name_line)}", _signed_ministry(m.group("link"), m.group("ministry"))


def _signed_ministry(link: str | None, portfolio: str | None) -> str | None:
    """The ministry of a signature's portfolio: *Financiën* from *van Financiën - Fiscaliteit en
    Douane*; none for a portfolio without *van* or *voor* (*Jeugd, Preventie en Sport*)."""
    if not portfolio:
        return None
    if not link:
        m = re.match(r"(?i)minister\s+(?:van|voor)\s+(.+)", portfolio)  # Minister-President, Minister van AZ
        return normalize_ministry(m.group(1)) if m else None
    return normalize_ministry(re.split(r"\s+[–—-]\s+", portfolio)[0])


#: Accents that PDF extraction writes as a separate spacing character after the letter
#: ("Kostic´", "Yes¸ilgöz"), mapped to the combining accent that composes with it.
_SPACING_ACCENTS = {"´": "\u0301", "¸": "\u0327", "¨": "\u0308", "ˇ": "\u030c", "˜": "\u0303", "ˆ": "\u0302"}
_SPACING_ACCENT_RE = re.compile(
    r"([A-Za-z])(?:([´¸¨ˇ˜ˆ])(?=[^\W\d_])|\s?([´¸¨ˇ˜ˆ])(?=[\s(),.;:]|$))", re.MULTILINE
)


def fix_spacing_accents(text: str) -> str:
    """*Kostić* and *Yeşilgöz* from PDF text that has *Kostic´* and *Yes¸ilgöz*."""

    def compose(m: re.Match) -> str:
        accent = m.group(2) or m.group(3)
        return unicodedata.normalize("NFC", m.group(1) + _SPACING_ACCENTS[accent])

    # Most texts have no spacing accent at all; the regex would still try every ASCII letter.
    if not any(accent in text for accent in _SPACING_ACCENTS):
        return text
    return _SPACING_ACCENT_RE.sub(compose, text)
