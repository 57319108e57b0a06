"""The fast indexing path must index exactly what the analyzer chain would: a term indexed at
another position than the query side expects would make phrases and words silently unfindable."""
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import exact_analyzer, stemmed_analyzer
from indexer.parse import parse_file
from indexer import postings
from indexer.postings import CompactPositions, positioned_postings, token_positions

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "corpus"))
from generate import generate  # noqa: E402

ANALYZERS = {"stemmed": stemmed_analyzer("dutch_porter"), "exact": exact_analyzer()}


def chain_positions(analyzer, text):
    """What Whoosh's Positions format records: term → positions in token order."""
    out = {}
    for t in analyzer(text, positions=True):
        if not t.stopped:
            out.setdefault(t.text, []).append(t.pos)
    return out


def numbered_postings(analyzer, text, numpy_from):
    """What :func:`positioned_postings` gives, as term → (frequency, encoded positions), with
    numpy from ``numpy_from`` tokens on."""
    before, postings.NUMPY_FROM = postings.NUMPY_FROM, numpy_from
    try:
        found = positioned_postings(analyzer, text)
    finally:
        postings.NUMPY_FROM = before
    values, at = [], 0
    for length in found.lengths:
        values.append(found.values[at:at + int(length)])
        at += int(length)
    assert at == len(found.values)
    ids, freqs = [int(t) for t in found.term_ids], [int(f) for f in found.freqs]
    assert ids == sorted(set(ids)) and found.length == sum(freqs)
    return {found.names[t].decode(): (f, v) for t, f, v in zip(ids, freqs, values)}


def assert_same(text):
    encode = CompactPositions().encode
    for name, analyzer in ANALYZERS.items():
        want = chain_positions(analyzer, text)
        assert token_positions(analyzer, text) == want, name
        encoded = {t: (len(p), encode(p)) for t, p in want.items()}
        assert numbered_postings(analyzer, text, 0) == encoded, f"{name}, numpy"
        assert numbered_postings(analyzer, text, 10**9) == encoded, f"{name}, plain Python"


def test_generated_letters_index_as_the_chain_does(tmp_path):
    generate(tmp_path, 25, seed=3, formats=("txt",))
    for path in sorted(tmp_path.rglob("*.txt")):
        letter = parse_file(path)
        assert_same("\n".join([letter.title or "", letter.body or ""]
                              + [p.question + "\n" + (p.answer or "") for p in letter.pairs]))


def test_real_letters_index_as_the_chain_does(corpus_real):
    paths = sorted(corpus_real.rglob("*.txt")) + sorted(corpus_real.rglob("*.xml"))
    assert paths
    for path in paths:
        assert_same(path.read_text(encoding="utf-8", errors="replace"))


def test_hard_tokens_index_as_the_chain_does():
    # Hyphen parts overlap the next token's position; identifiers stay whole; compounds add parts.
    assert_same("F-35 x-y-z z NAVO-verplichtingen ah-tk-20242025-605 2026Z09123 "
                "grenstoezicht Curaçao kosten/baten 14:30 ministerie’s de het een")


def test_every_kind_of_whitespace_separates_tokens_as_the_chain_does():
    # Paragraphs are looked up a whitespace-separated word at a time (str.split): tabs,
    # no-break spaces, line separators and the ASCII separators a PDF leaves must cut tokens
    # exactly where the tokenizer does.
    assert_same("kosten\u00a0baten\tF-35\u2028NAVO-verplichtingen\x1cah-tk-20242025-605\u3000"
                "2026Z09123\x0bgrens\x0ctoezicht\r\nde\u2009minister\u202fvan\u200bFinanciën")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abeijklnorstuvzé-/'’ 0123456789Z\n.\t\u00a0\u2028\x1c\u3000")), max_size=80))
def test_random_text_indexes_as_the_chain_does(text):
    assert_same(text)


@given(st.lists(st.integers(min_value=0, max_value=200_000), min_size=1, max_size=40))
def test_positions_survive_encoding(positions):
    fmt = CompactPositions()
    value = fmt.encode(positions)
    assert fmt.decode_positions(value) == positions
    assert fmt.decode_frequency(value) == len(positions)


def test_compact_postings_are_smaller_than_whoosh_pickles():
    from whoosh.formats import Positions

    positions = [3, 17, 18, 240, 1033]
    assert len(CompactPositions().encode(positions)) < len(Positions().encode(positions))


def test_long_fields_encode_as_the_per_posting_encoder_does():
    # Past 65,535 tokens a posting's first delta no longer fits 16 bits: that posting is written
    # with 32-bit numbers, the others as usual.
    assert_same(" ".join(["woord"] * 70_000 + ["zeldzaam", "woord"]))


def test_a_new_numbering_gives_the_same_postings(monkeypatch):
    monkeypatch.setattr(postings, "VOCABULARY_LIMIT", 5)
    monkeypatch.setattr(postings, "_vocabularies", {})
    text = "een twee drie vier vijf zes zeven acht negen tien elf twaalf de het een"
    first = positioned_postings(ANALYZERS["exact"], text)
    second = positioned_postings(ANALYZERS["exact"], text)
    assert first.names is not second.names
    assert_same(text)
