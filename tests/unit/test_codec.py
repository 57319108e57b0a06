"""The packed posting blocks (indexer/codec.py) hold exactly what Whoosh's W3 blocks hold.

The same documents are indexed twice, once with Whoosh's own W3 codec and once with ours, and
every posting of every term is compared as Whoosh's matchers read it (documents, weights,
values) and as the numpy readers of ranking and phrases read it. Fields cover what the index
uses: positions of variable size (Whoosh's and ours), frequencies only, a field boost that
makes weights fractional, identifiers and numbers; enough documents for many blocks a term.
"""
import random

import numpy as np
import pytest
from whoosh import fields
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import RamStorage
from whoosh.writing import SegmentWriter

from indexer import phrases, ranking
from indexer.codec import BlockCodec, BlockLeafMatcher
from indexer.analysis import exact_analyzer
from indexer.postings import PositionedText
from indexer.store import LeanSegmentWriter

WORDS = ["kabinet", "onderzoek", "gemeenten", "de", "het", "van", "stikstof", "asiel", "zorg", "wachtlijst"]


def schema():
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        text=fields.TEXT(),  # Whoosh's positions
        ours=PositionedText(exact_analyzer()),  # our compact positions
        boosted=fields.TEXT(field_boost=1.5),
        kind=fields.KEYWORD(),  # frequencies only
        year=fields.NUMERIC(),
    )


def documents(n=700, seed=3):
    rng = random.Random(seed)
    for i in range(n):
        # Skewed word choice: some terms in nearly every document, some in few; long documents
        # give positions beyond 16 bits of delta now and then.
        words = [rng.choice(WORDS[: rng.randint(1, len(WORDS))]) for _ in range(rng.randint(1, 60))]
        if i % 97 == 0:
            words += ["x"] * 10 + ["ver"] + ["y"] * 70000 + ["weg"]
        text = " ".join(words)
        yield dict(id=f"d{i}", text=text, ours=text, boosted=text, kind=rng.choice(["antwoord", "brief"]),
                   year=rng.randint(1995, 2026))


def build(codec, writer_class=SegmentWriter):
    ix = RamStorage().create_index(schema())
    w = writer_class(ix, codec=codec) if codec else writer_class(ix)
    for doc in documents():
        w.add_document(**doc)
    w.commit()
    return ix


def postings(reader, fieldname, term):
    m = reader.postings(fieldname, term)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    return out


@pytest.fixture(scope="module")
def w3_index():
    return build(W3Codec())


@pytest.fixture(scope="module", params=[64, None], ids=["blocks of 64", "default blocks"])
def indexes(request, w3_index):
    """Blocks of 64 postings give most terms several blocks; the default (1,024) gives the
    common terms a partly filled one."""
    codec = BlockCodec(blocklimit=request.param) if request.param else None
    return w3_index, build(codec, LeanSegmentWriter)  # LeanSegmentWriter's codec: BlockCodec


def test_every_posting_reads_back_as_whoosh_wrote_it(indexes):
    w3, ours = indexes
    with w3.reader() as a, ours.reader() as b:
        terms = list(a.all_terms())
        assert terms == list(b.all_terms())
        assert any(a.doc_frequency(f, t) > 300 for f, t in terms)  # terms of several blocks of 64
        packed = 0
        for fieldname, term in terms:
            assert postings(b, fieldname, term) == postings(a, fieldname, term), (fieldname, term)
            m = b.postings(fieldname, term)
            packed += isinstance(getattr(m, "child", m), BlockLeafMatcher)
        assert packed > 20  # not all inlined: the packed blocks were read


def test_numpy_readers_agree_with_whoosh(indexes):
    """ranking's postings (ids and weights) and phrases' positions, read from packed blocks,
    are what Whoosh's matchers give for the same terms of the W3 index."""
    w3, ours = indexes
    with w3.reader() as a, ours.reader() as b:
        fmt = b.schema["ours"].format
        for fieldname in ("text", "ours", "boosted", "kind"):
            for term in a.lexicon(fieldname):
                want = postings(a, fieldname, term)
                ids, weights = ranking._postings(b.postings(fieldname, term))
                assert ids.tolist() == [d for d, _, _ in want]
                assert weights.tolist() == [w for _, w, _ in want]
                if fieldname == "ours":
                    found, _ = phrases.decode(b.postings(fieldname, term), fmt)
                    for i, (_, _, value) in enumerate(want):
                        assert found.of(i) == [p for p in fmt.decode_positions(value)]
        assert any(w % 1 for w in ranking._postings(b.postings("boosted", b"kabinet"))[1])  # fractional weights


def test_segments_of_both_codecs_in_one_index_search_alike():
    """An index made before the packed blocks gains new segments in them: both read, and a
    merge rewrites the old ones."""
    ix = RamStorage().create_index(schema())
    docs = list(documents(300))
    w = SegmentWriter(ix, codec=W3Codec())
    for doc in docs[:150]:
        w.add_document(**doc)
    w.commit()
    w = LeanSegmentWriter(ix)
    for doc in docs[150:]:
        w.add_document(**doc)
    w.commit(merge=False)
    with ix.reader() as r:
        assert len(list(r.leaf_readers())) == 2
        counts = {t: r.doc_frequency("ours", t) for t in r.lexicon("ours")}
    w = LeanSegmentWriter(ix)
    w.commit(optimize=True)
    with ix.reader() as r:
        assert len(list(r.leaf_readers())) == 1
        assert isinstance(r.leaf_readers()[0][0].segment().codec(), BlockCodec)
        assert {t: r.doc_frequency("ours", t) for t in r.lexicon("ours")} == counts
        ids, _ = ranking._postings(r.postings("ours", b"kabinet"))
        assert len(ids) == counts[b"kabinet"] and np.all(np.diff(ids) > 0)
