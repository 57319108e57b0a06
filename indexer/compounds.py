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
import math
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

_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """The lexicon: word → frequency (a fraction of all words), loaded once (≈0.3 s)."""
    with _lock:
        from wordfreq import get_frequency_dict

        return get_frequency_dict("nl", wordlist="best")


def zipf(word: str) -> float:
    """How common ``word`` is in Dutch on the Zipf scale (0 when unknown)."""
    f = _frequencies().get(word)
    return math.log10(f) + 9 if f else 0.0


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
