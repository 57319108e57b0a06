"""A segment written by :class:`indexer.store.SegmentBuilder` (postings grouped per term,
indexer.segments) reads back exactly as one written by Whoosh's own writer path
(:class:`indexer.store.LeanSegmentWriter`): every term, posting and term statistic, the field
lengths, stored fields, columns and document counts, with several segments, deleted documents
and postings spilled to temporary runs; and searches find the same letters with the same scores."""
import datetime as dt
import sys
from pathlib import Path

import pytest

from indexer import postings, segments, store
from indexer.codec import BlockCodec
from indexer.parse import parse_file
from indexer.schema import letter_document
from indexer.search import SearchRequest, Searcher
from indexer.store import DurableStorage, LeanSegmentWriter, SegmentBuilder, Store

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "corpus"))
from generate import generate  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from test_codec import documents, schema  # noqa: E402

QUERIES = ["netcongestie", "wachtlijsten jeugdzorg", '"Tweede Kamer"', "belasting*", "partij:D66", "minister"]
NOW = dt.datetime(2026, 1, 2, 3, 4, 5)
BLOCK = 16  # postings a block in these tests: common terms get many blocks, rare ones a part of one


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    folder = tmp_path_factory.mktemp("letters")
    paths = generate(folder, 180, seed=5, formats=("txt", "xml"))
    return [letter_document(parse_file(p), NOW) for p in paths]


@pytest.fixture(autouse=True)
def small_blocks(monkeypatch):
    monkeypatch.setattr(store, "BlockCodec", lambda: BlockCodec(blocklimit=BLOCK))


def whoosh_segment(path: str, docs: list[dict]):
    """A segment written the way SegmentBuilder wrote them before: Whoosh's add_document."""
    ix = DurableStorage(path).open_index()
    w = LeanSegmentWriter(ix, _lk=False, compound=False, codec=store.BlockCodec())
    for doc in docs:
        w.add_document(**doc)
    return w._finalize_segment()


def our_segment(path: str, docs: list[dict], limitmb: int = 256):
    builder = SegmentBuilder(path, limitmb)
    for number, doc in enumerate(docs):
        assert builder.add(doc) == number
    return builder.finish()


def build(root: Path, make_segment, docs: list[dict], parts: int, dropped: dict) -> Store:
    """An index of ``docs`` in ``parts`` segments, without the documents ``dropped``
    (segment number → document numbers within it), committed as a parallel run commits."""
    st = Store(root)
    size = -(-len(docs) // parts)
    with st.writing(rebuild=True) as writer:
        for number in range(parts):
            segment = make_segment(writer.path, docs[number * size:(number + 1) * size])
            writer.add_segment(segment, dropped.get(number, ()))
    return st


def contents(ix) -> list[dict]:
    """Everything a reader shows of each segment."""
    found = []
    with ix.reader() as r:
        for leaf, _ in r.leaf_readers():
            schema = leaf.schema
            docs = range(leaf.doc_count_all())
            seg = {"doc_count": leaf.doc_count(), "doc_count_all": leaf.doc_count_all(),
                   "deleted": [d for d in docs if leaf.is_deleted(d)], "terms": {}, "lengths": {}, "columns": {},
                   "stored": [leaf.stored_fields(d) for d in docs]}
            for fieldname, term in leaf.all_terms():
                info = leaf.term_info(fieldname, term)
                m = leaf.postings(fieldname, term)
                postings = []
                while m.is_active():
                    postings.append((m.id(), m.weight(), m.value()))
                    m.next()
                seg["terms"][fieldname, term] = (info.doc_frequency(), info.weight(), info.max_weight(),
                                                  info.min_id(), info.max_id(), postings)
            for name in schema.names():
                field = schema[name]
                if field.scorable:
                    seg["lengths"][name] = (leaf.field_length(name), [leaf.doc_field_length(d, name) for d in docs])
                if field.column_type and leaf.has_column(name):
                    seg["columns"][name] = list(leaf.column_reader(name))
            found.append(seg)
    return found


def assert_same(ours, whoosh):
    a, b = contents(ours), contents(whoosh)
    assert len(a) == len(b)
    for seg_a, seg_b in zip(a, b):
        assert seg_a["terms"].keys() == seg_b["terms"].keys()
        for key in seg_b["terms"]:
            assert seg_a["terms"][key] == seg_b["terms"][key], key
        assert seg_a == seg_b


def test_letters_in_several_segments_with_deletions(letters, tmp_path):
    dropped = {0: [0, 5, 40], 2: [3]}
    ours = build(tmp_path / "ours", our_segment, letters, 3, dropped)
    whoosh = build(tmp_path / "whoosh", whoosh_segment, letters, 3, dropped)
    assert_same(ours.index(), whoosh.index())
    segs = contents(ours.index())
    assert len(segs) == 3 and [len(s["deleted"]) for s in segs] == [3, 0, 1]
    assert any(info[0] > 3 * BLOCK for s in segs for info in s["terms"].values())  # many blocks
    for q in QUERIES:
        request = SearchRequest(q=q, page_size=100)
        got, want = Searcher(ours).search(request), Searcher(whoosh).search(request)
        assert got.total == want.total
        assert [(h.letter.id, h.score) for h in got.hits] == [(h.letter.id, h.score) for h in want.hits]
    assert Searcher(ours).search(SearchRequest(q="minister", page_size=100)).total > 0


def test_postings_spilled_to_runs(letters, tmp_path, monkeypatch):
    monkeypatch.setattr(segments, "TERM_BYTES", 20_000)  # about a run every few letters
    spilled = []
    real_spill = segments.PostingBuffer._spill
    monkeypatch.setattr(segments.PostingBuffer, "_spill", lambda self: (spilled.append(1), real_spill(self)))
    ours = build(tmp_path / "ours", lambda path, docs: our_segment(path, docs, limitmb=1), letters[:120], 2, {1: [7]})
    whoosh = build(tmp_path / "whoosh", whoosh_segment, letters[:120], 2, {1: [7]})
    assert len(spilled) > 5
    assert_same(ours.index(), whoosh.index())
    assert not list((Path(ours.current_generation())).rglob("*.terms"))  # runs removed


def test_tokens_numbered_afresh_mid_segment(letters, tmp_path, monkeypatch):
    """A worker's token numbering starts afresh past its limit; postings buffered under the old
    numbering are written out first, and the index reads back the same."""
    monkeypatch.setattr(postings, "VOCABULARY_LIMIT", 500)
    monkeypatch.setattr(postings, "_vocabularies", {})
    spilled = []
    real_spill = segments.PostingBuffer._spill
    monkeypatch.setattr(segments.PostingBuffer, "_spill", lambda self: (spilled.append(1), real_spill(self)))
    ours = build(tmp_path / "ours", our_segment, letters[:120], 1, {})
    whoosh = build(tmp_path / "whoosh", whoosh_segment, letters[:120], 1, {})
    assert len(spilled) >= 2
    assert_same(ours.index(), whoosh.index())


def generic_index(path: Path, make_segment, docs):
    """Whoosh's own field types too: positions, a field boost (fractional weights),
    frequencies, numbers."""
    path.mkdir()
    ix = DurableStorage(str(path)).create_index(schema())
    segment = make_segment(str(path), docs)
    w = LeanSegmentWriter(ix)
    store._commit_with_segments(w, [segment])
    return DurableStorage(str(path)).open_index()


@pytest.mark.parametrize("block", [BLOCK, 1024], ids=["small blocks", "default blocks"])
def test_whoosh_field_types(tmp_path, monkeypatch, block):
    """Default blocks: terms of hundreds of postings in one block, packed with numpy."""
    monkeypatch.setattr(store, "BlockCodec", lambda: BlockCodec(blocklimit=block))
    docs = list(documents(400))
    assert_same(generic_index(tmp_path / "ours", our_segment, docs),
                generic_index(tmp_path / "whoosh", whoosh_segment, docs))


def test_empty_builder_gives_no_segment(tmp_path):
    st = Store(tmp_path)
    with st.writing(rebuild=True) as writer:
        assert SegmentBuilder(writer.path).finish() is None
