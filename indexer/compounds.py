"""Dutch compound splitting: *grenstoezicht* → *grens* + *toezicht*, kept whole as well.

Dutch writes compounds as one word, so a letter about *grenstoezicht* is missed by a search for
*toezicht aan de grens*, and one about *toezicht op de grens* by a search for *grenstoezicht*.
Splitting both the indexed text and the query into parts lets each find the other.

The lexicon is the Dutch word-frequency list of the ``wordfreq`` package (pinned in setup.cfg;
Apache-2.0 code, CC-BY-SA data, read at run time and not copied). A word is split only when

* it is rare as a whole (Zipf frequency below :data:`MAX_WHOLE_ZIPF`): everyday words such as
  *minister*, *bestand* or *verkeer* are frequent, so *mini+ster*, *be+stand*, *ver+keer* are
  never tried;
* both parts are common words of their own (Zipf ≥ :data:`MIN_PART_ZIPF`), at least four letters
  long (three for a very common modifier such as *wet* in *wetsvoorstel*);
* parts meet directly or through a linking *-s-*, *-e-* or *-en-* (*wet-s-voorstel*,
  *huisarts-en-tekort*).

Among the possible splits the one with the fewest parts, then the one whose weaker part is most
common, wins; a head that is itself rare is split again (at most three parts).
"""
from __future__ import annotations

import functools
import gzip
import importlib.util
import math
import os
import threading

#: A word at least this common (Zipf scale: 3 = once per million words) is an ordinary word.
MAX_WHOLE_ZIPF = 3.0
#: Each part must be at least this common to count as a word.
MIN_PART_ZIPF = 3.0
#: A three-letter modifier (*wet*, *gas*, *zee*) must be this common.
MIN_SHORT_MODIFIER_ZIPF = 4.5
MIN_WORD = 7
MIN_HEAD = 4
LINKS = ("", "s", "en", "e")
#: Bumped when the rules above change what is split (part of the analyzer's version).
COMPOUNDS_VERSION = 1
#: The rarest words the lexicon holds: every rule compares a Zipf value with a threshold at least
#: this high (here and ``synonyms.COMMON_WORD_ZIPF``), so a rarer word decides the same as an
#: unknown one. 29,400 words instead of wordfreq's 311,278.
LEXICON_MIN_ZIPF = 3.0

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """The lexicon: word → frequency (a fraction of all words), loaded once, only down to
    :data:`LEXICON_MIN_ZIPF`. The first search after a server start pays for it: wordfreq's own
    ``get_frequency_dict`` imports its tokenizers (langcodes, ftfy, regex) and builds all 311,278
    words (0.5 s); reading the same file here up to the last word needed takes 15 ms."""
    with _lock:
        try:
            return _read_lexicon(LEXICON_MIN_ZIPF)
        except (OSError, ValueError, ImportError):  # not the file layout of wordfreq 3 (pinned)
            from wordfreq import get_frequency_dict

            return {w: f for w, f in get_frequency_dict("nl", wordlist="best").items()
                    if _zipf_of(f) >= LEXICON_MIN_ZIPF}


def _read_lexicon(min_zipf: float) -> dict[str, float]:
    """wordfreq's Dutch list, as ``wordfreq.get_frequency_dict("nl", wordlist="best")`` gives it,
    without its words below ``min_zipf``. The file (wordfreq's "cBpack": gzipped msgpack, a header
    and then one list of words per centibel, most frequent first; "best" is the large list when
    there is one) is read only as far as needed."""
    import msgpack

    spec = importlib.util.find_spec("wordfreq")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("wordfreq is not installed")
    data = os.path.join(spec.submodule_search_locations[0], "data")
    path = next((p for p in (os.path.join(data, f"{size}_nl.msgpack.gz") for size in ("large", "small"))
                 if os.path.exists(p)), None)
    if path is None:
        raise OSError(f"no Dutch word list in {data}")
    found: dict[str, float] = {}
    with gzip.open(path, "rb") as file:
        unpacker = msgpack.Unpacker(file, raw=False)
        buckets = unpacker.read_array_header() - 1
        header = unpacker.unpack()
        if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
            raise ValueError(f"unexpected header in {path}: {header!r}")
        for index in range(buckets):
            frequency = 10 ** (-index / 100)  # wordfreq.cB_to_freq(-index)
            if _zipf_of(frequency) < min_zipf:
                break
            found.update(dict.fromkeys(unpacker.unpack(), frequency))
    return found


def _zipf_of(frequency: float) -> float:
    return math.log10(frequency) + 9


def zipf(word: str) -> float:
    """How common ``word`` is in Dutch on the Zipf scale; 0 when unknown or rarer than
    :data:`LEXICON_MIN_ZIPF` (compare only with thresholds at least that high)."""
    f = _frequencies().get(word)
    return _zipf_of(f) if f else 0.0


def lexicon_version() -> str:
    from importlib.metadata import version

    return f"compounds{COMPOUNDS_VERSION}-wordfreq{version('wordfreq')}"


@functools.lru_cache(maxsize=200_000)
def split(word: str) -> tuple[str, ...]:
    """The parts of a compound (modifier(s) then head, linking letters dropped), or ``()``.

    ``word`` is lowercased and folded already; the whole word is never among the parts.
    """
    if len(word) < MIN_WORD or not word.isalpha() or zipf(word) >= MAX_WHOLE_ZIPF:
        return ()
    best: tuple[tuple[int, float], tuple[str, ...]] | None = None
    for cut in range(3, len(word) - MIN_HEAD + 1):
        modifier = word[:cut]
        zm = zipf(modifier)
        if zm < MIN_PART_ZIPF or (len(modifier) < 4 and zm < MIN_SHORT_MODIFIER_ZIPF):
            continue
        for link in LINKS:
            if not word.startswith(link, cut):
                continue
            head = word[cut + len(link):]
            if len(head) < MIN_HEAD:
                continue
            zh = zipf(head)
            if zh >= MIN_PART_ZIPF:
                parts = (modifier, head)
            else:
                rest = split(head)
                if not rest:
                    continue
                parts = (modifier, *rest)
                zh = min(zipf(p) for p in rest)
            # Fewest parts first (ziekenhuis|rekeningen, not zieken|huis|rekeningen), then the
            # split whose weaker part is most common, without a linking letter when both exist.
            score = (-len(parts), min(zm, zh) - (0.25 if link else 0.0))
            if len(parts) <= 3 and (best is None or score > best[0]):
                best = (score, parts)
    return best[1] if best else ()
