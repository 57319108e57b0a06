"""The fast indexing path must index exactly what the analyzer chain would: a term indexed at
another position than the query side expects would make phrases and words silently unfindable."""
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import exact_analyzer, stemmed_analyzer
from indexer.parse import parse_file
from indexer.postings import CompactPositions, token_positions

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


def assert_same(text):
    for name, analyzer in ANALYZERS.items():
        assert token_positions(analyzer, text) == chain_positions(analyzer, text), name


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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abeijklnorstuvzé-/'’ 0123456789Z\n.")), max_size=80))
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
