"""The Dutch analyzer: tokens, case and diacritic folding, hyphenated words, stemming.

Built from Whoosh's analysis pieces (a tokenizer and generator filters chained with ``|``). What is
pickled into the index schema keeps only plain state (the stemmer's *name*), and the stemmer and
its cache are rebuilt on load, so an index never carries a live C object.

Two analyzers come out of here:

* :func:`stemmed_analyzer` for the ranked text fields (title, question, answer, body);
* :func:`exact_analyzer` for the unstemmed copy that quoted phrases, prefixes and spelling
  suggestions use.

Both keep case numbers (*2026Z09123*) and document identifiers (*ah-tk-20242025-605*) whole, and
index a hyphenated word both as its parts and joined (*Palantir-software* → *palantir*,
*software*, *palantirsoftware*). The stemmed analyzer also splits compounds written as one word
(*grenstoezicht* → *grenstoezicht*, *grens*, *toezicht*; see :mod:`indexer.compounds`), so the
whole word, its parts and the hyphenated or spaced forms all find each other.

Stemming: snowballstemmer runs the Snowball algorithm in C when PyStemmer (the same algorithms'
C library, libstemmer) is installed, which setup.cfg pins: about 40 times faster, and stemming
the long new words of a letter (a hyphenated name or a web address joined into one word) was a
tenth of indexing. Both gave the same stems for all 139,458 word forms of the benchmark corpus
and the real letters; the signature names the implementation all the same.
"""
from __future__ import annotations

import functools
import re
import threading
import unicodedata

import snowballstemmer
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

from indexer import compounds

#: Bumped whenever tokenizing or filtering changes what lands in the index; stored in the index
#: so that an index built by another version is refused with a request to rebuild.
ANALYZER_VERSION = 3
ANALYZER_NAME = "vraagbaak-dutch"

# Identifiers first, so that they are not cut at their hyphens; then words with inner hyphens,
# slashes and apostrophes ("NAVO-verplichtingen", "kosten/baten", "ministerie's"); then numbers
# with separators ("14:30", "1.400", "2,5").
IDENTIFIER_TOKEN = r"(?i:(?:(?:ah|kv|h)-(?:tk|ek)|kst|blg|stcrt|stb|trb|gmb|prb|wsb)-[\w-]*\d[\w-]*)"
CASE_NUMBER_TOKEN = r"(?:19|20)\d{2}[zZ]\d{5}"
WORD_TOKEN = r"\w+(?:['’]\w+)*(?:[-/]\w+(?:['’]\w+)*)*"
# The three in that order, with lookaheads that let the regex engine give up on a position at
# once: between words (every token starts with a word character), and on the two special forms
# wherever their first character cannot start them (K and ſ are the Kelvin sign and long s, which
# match k and s case-insensitively). A third less time than the bare alternation, same tokens
# (tests/unit/test_analysis.py compares them).
TOKEN_PATTERN = (
    rf"(?=\w)(?:(?=[ahkbsgptwAHKBSGPTW\u212a\u017f]){IDENTIFIER_TOKEN}"
    rf"|(?=[12]){CASE_NUMBER_TOKEN}"
    rf"|{WORD_TOKEN})"
)

#: Tiny words that carry no meaning for search; kept in the exact field so phrases still match.
STOPWORDS = frozenset(
    """de het een en van in op te dat die is voor met aan er niet zijn als ook om bij of door
    maar naar dan uit over tot nog wel deze dit wat worden wordt werd kan heeft hebben u uw
    ik we wij zij hij ze zich al worden was waren zou zouden moet moeten""".split()
)

IDENTIFIER_RE = re.compile(
    r"^(?:(?:(?:ah|kv|h)-(?:tk|ek)|kst|blg|stcrt|stb|trb|gmb|prb|wsb)-[\w-]*\d[\w-]*|(?:19|20)\d{2}z\d{5})$")


def fold(text: str) -> str:
    """Lowercase and strip diacritics: *geïnformeerd* and *geinformeerd* are one word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class FoldFilter(Filter):
    """Removes diacritics (after lowercasing), so users need not type them."""

    def __call__(self, tokens):
        for t in tokens:
            if not t.text.isascii():
                t.text = fold(t.text)
            yield t


class HyphenFilter(Filter):
    """Indexes *a-b* as *a*, *b* and *ab*, so each part and the joined compound find the word.

    Identifiers (case numbers, document ids) pass whole. The joined form stands at the first
    part's position, so a phrase over the parts still matches.
    """

    def __call__(self, tokens):
        for t in tokens:
            text = t.text
            if ("-" not in text and "/" not in text) or IDENTIFIER_RE.match(text):
                yield t
                continue
            parts = [p for p in re.split(r"[-/]", text) if p]
            if not parts:
                continue
            start_pos = t.pos if t.positions else 0
            start_char = t.startchar if t.chars else 0
            offset = 0
            for i, part in enumerate(parts):
                t.text = part
                if t.positions:
                    t.pos = start_pos + i
                if t.chars:
                    idx = text.find(part, offset)
                    t.startchar = start_char + idx
                    t.endchar = t.startchar + len(part)
                    offset = idx + len(part)
                yield t
            if "-" in text and len(parts) > 1:
                t.text = "".join(parts)
                if t.positions:
                    t.pos = start_pos
                if t.chars:
                    t.startchar, t.endchar = start_char, start_char + len(text)
                yield t


class CompoundFilter(Filter):
    """Adds the parts of a Dutch compound after the whole word, at the same position.

    *stroomaansluitingen* is indexed as itself and as *stroom*, *aansluitingen*; the stemmer
    after this filter stems each. Ordinary words are left alone (see :func:`compounds.split`).
    """

    def __call__(self, tokens):
        for t in tokens:
            text = t.text
            yield t
            if len(text) < compounds.MIN_WORD or not text.isalpha():
                continue
            parts = compounds.split(text)
            if not parts:
                continue
            startchar = t.startchar if t.chars else 0
            endchar = t.endchar if t.chars else 0
            for part in parts:
                t.text = part
                if t.chars:
                    t.startchar, t.endchar = startchar, endchar
                yield t


class StopFilter(Filter):
    """Drops the most common Dutch function words from ranked fields (positions are kept)."""

    def __call__(self, tokens):
        for t in tokens:
            if t.text not in STOPWORDS:
                yield t


class DutchStemFilter(Filter):
    """Snowball stemming through snowballstemmer, with a cache per stemmer.

    Only the algorithm's name is pickled; the stemmer is looked up again after loading.
    Identifiers and numbers are not stemmed.
    """

    def __init__(self, algorithm: str = "dutch_porter"):
        self.algorithm = algorithm

    def __eq__(self, other):
        return isinstance(other, DutchStemFilter) and other.algorithm == self.algorithm

    def __getstate__(self):
        return {"algorithm": self.algorithm}

    def __setstate__(self, state):
        self.algorithm = state["algorithm"]

    def __call__(self, tokens):
        stem = stemmer(self.algorithm)
        for t in tokens:
            text = t.text
            if not text.isdigit() and not IDENTIFIER_RE.match(text):
                t.text = stem(text)
            yield t


_local = threading.local()


@functools.lru_cache(maxsize=None)
def stemmer(algorithm: str):
    """A cached, thread-safe stem function for a snowball algorithm.

    snowballstemmer's stemmer objects keep the word being stemmed in their own state, so one
    object shared by the web server's threads returns wrong stems or raises IndexError under
    concurrent requests. Each thread gets its own stemmer; the cache of results is shared (a
    dict lookup or insert of a finished string is safe).
    """
    cache: dict[str, str] = {}

    def stem(word: str) -> str:
        found = cache.get(word)
        if found is None:
            stemmers = getattr(_local, "stemmers", None)
            if stemmers is None:
                stemmers = _local.stemmers = {}
            snowball = stemmers.get(algorithm)
            if snowball is None:
                snowball = stemmers[algorithm] = snowballstemmer.stemmer(algorithm)
            found = snowball.stemWord(word)
            if len(cache) < 500_000:
                cache[word] = found
        return found

    return stem


class StemFunction:
    """A picklable ``word → stem`` callable (Whoosh's ``StemmingAnalyzer(stemfn=...)`` pickles its
    function into the schema; the closure of :func:`stemmer` cannot be pickled)."""

    def __init__(self, algorithm: str = "dutch_porter"):
        self.algorithm = algorithm

    def __call__(self, word: str) -> str:
        return stemmer(self.algorithm)(word)


def _tokenizer():
    return RegexTokenizer(TOKEN_PATTERN)


def stemmed_analyzer(algorithm: str = "dutch_porter"):
    """The analyzer of the ranked text fields."""
    return (_tokenizer() | LowercaseFilter() | FoldFilter() | HyphenFilter() | CompoundFilter() | StopFilter()
            | DutchStemFilter(algorithm))


def exact_analyzer():
    """The unstemmed analyzer of the exact copy (phrases, prefixes, spelling suggestions)."""
    return _tokenizer() | LowercaseFilter() | FoldFilter() | HyphenFilter()


def analyzer_signature(algorithm: str) -> dict:
    """What the index records about its analysis; a mismatch on opening forces a rebuild."""
    return {
        "analyzer": ANALYZER_NAME,
        "analyzer_version": ANALYZER_VERSION,
        "stemmer": algorithm,
        "compounds": compounds.lexicon_version(),
        "snowballstemmer": snowballstemmer.__version__ if hasattr(snowballstemmer, "__version__") else _dist_version(),
        "stemmer_implementation": stemmer_implementation(),
    }


def stemmer_implementation() -> str:
    """Which code does the stemming: PyStemmer's C library (with its version), or
    snowballstemmer's own Python when PyStemmer is not installed."""
    if snowballstemmer.stemmer.__module__ == "Stemmer":
        return f"PyStemmer {_dist_version('PyStemmer')}"
    return "snowballstemmer (Python)"


def _dist_version(name: str = "snowballstemmer") -> str:
    from importlib.metadata import version

    return version(name)


def terms(text: str, algorithm: str = "dutch_porter", stemmed: bool = True) -> list[str]:
    """The index terms of ``text``, in order: what a query word or a snippet is matched on."""
    analyzer = stemmed_analyzer(algorithm) if stemmed else exact_analyzer()
    return [t.text for t in analyzer(text)]


def phrase_words(text: str) -> list[str]:
    """The unstemmed words of a quoted phrase, one per position, as the exact field holds them in
    a row: a hyphenated word's joined form (*2000gebieden*, at the position of its first part)
    is left out, so ``"Natura 2000-gebieden"`` matches *natura* *2000* *gebieden*."""
    words, last = [], -1
    for t in exact_analyzer()(text, positions=True):
        if t.pos > last:
            words.append(t.text)
            last = t.pos
    return words
