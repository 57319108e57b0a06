"""Government abbreviations and synonyms (*KMar* = *Koninklijke Marechaussee*), used at query time.

The list is data (``indexer/data/afkortingen.txt``, one group of equivalent forms per line), so
it can grow without code changes. A query word that is a form of a group is also searched as the
group's other forms, and the results page says so ("ook gezocht op: Koninklijke Marechaussee").
Expanding the query rather than the index keeps the index free of guesses and lets the list
change without a rebuild.

A form of one or two letters, or one that is also an everyday word (*OM*, *ME*, *NOW*), only
counts when typed as written in the list (in capitals): *om* and *me* stay plain words.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from indexer.analysis import STOPWORDS, fold

DATA_FILE = "afkortingen.txt"
#: A form at least this common as a Dutch word (Zipf) is only recognised in the list's spelling.
COMMON_WORD_ZIPF = 4.0


@dataclass(frozen=True)
class Form:
    """One way of writing a term: as listed, and as folded words to match and search for."""

    text: str
    words: tuple[str, ...]
    case_sensitive: bool


def _form(text: str) -> Form:
    from indexer.compounds import zipf

    words = tuple(w for w in fold(text).replace("-", " ").replace(",", " ").split() if w)
    single = len(words) == 1
    strict = single and (len(words[0]) <= 2 or words[0] in STOPWORDS or zipf(words[0]) >= COMMON_WORD_ZIPF)
    return Form(text, words, strict)


@functools.lru_cache(maxsize=None)
def table(text: str | None = None) -> dict[tuple[str, ...], list[tuple[Form, tuple[Form, ...]]]]:
    """Folded words of a form → [(the form, the other forms of its groups)].

    ``text`` replaces the shipped list (tests); each line is ``form = form = …``.
    """
    if text is None:
        text = resources.files("indexer").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    groups: list[list[Form]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        forms = [_form(part.strip()) for part in line.split(" = ") if part.strip()]
        if len(forms) > 1:
            groups.append(forms)
    found: dict[tuple[str, ...], list[tuple[Form, tuple[Form, ...]]]] = {}
    for group in groups:
        for form in group:
            others = tuple(o for o in group if o.words != form.words)
            found.setdefault(form.words, []).append((form, others))
    return found


def lookup(typed: list[str], data: str | None = None) -> list[Form]:
    """The other forms of the term ``typed`` (the user's words, as typed), or ``[]``."""
    key = tuple(fold(w) for w in typed)
    result: list[Form] = []
    seen = {key}
    for form, others in table(data).get(key, []):
        if form.case_sensitive and " ".join(typed) != form.text:
            continue
        for other in others:
            if other.words not in seen:
                seen.add(other.words)
                result.append(other)
    return result


@functools.lru_cache(maxsize=None)
def longest_form(data: str | None = None) -> int:
    """The most words of any listed form (how far a query is scanned for multi-word forms)."""
    return max((len(k) for k in table(data)), default=1)
