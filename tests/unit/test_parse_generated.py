"""Who wrote and who asked, read from a few hundred letters of corpus/generate.py and compared
with the generator's own model of each letter (not with what the parsers say elsewhere).

The generator signs its ministry letters with double-barrelled names (*M.T. Demir-van Loon*),
ministries with commas (*Volksgezondheid, Welzijn en Sport*) and members named with a first name
and a lower-case prefix (*Hanneke ter Wolde*): the cases the signature and questioner readers
used to get wrong.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from indexer.parse import parse_file

GENERATOR = Path(__file__).resolve().parents[2] / "corpus" / "generate.py"
SEED, COUNT = 21, 360


def _load_generator():
    spec = importlib.util.spec_from_file_location("vraagbaak_corpus_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up in sys.modules
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    """(model, parsed letter) for every generated letter; txt twice as often, for the signatures."""
    gen = _load_generator()
    formats = ("txt", "xml", "txt", "html")
    paths = gen.generate(tmp_path_factory.mktemp("generated"), COUNT, seed=SEED, formats=formats)
    return [(gen.build(SEED, i, formats[i % len(formats)]), parse_file(path)) for i, path in enumerate(paths)]


def _misses(letters, expected, found) -> list[tuple[str, object, object]]:
    return [(letter.id, expected(doc), found(letter)) for doc, letter in letters
            if expected(doc) != found(letter)]


def test_minister_read_from_every_layout(letters):
    signed = [(doc, letter) for doc, letter in letters if doc.layout == "letter"]
    assert len(signed) >= 40  # enough ministry letters, where only the signature names the minister
    misses = _misses(letters, lambda d: f"{d.office} {d.minister.name}", lambda letter: letter.minister)
    assert len(misses) <= len(letters) // 200, misses[:10]


def test_ministry_read_from_every_layout(letters):
    misses = _misses(letters, lambda d: d.ministry, lambda letter: letter.ministry)
    assert len(misses) <= len(letters) // 200, misses[:10]


def test_questioners_with_their_parties(letters):
    misses = _misses(
        letters,
        lambda d: [(p.name, p.party) for p in d.askers],
        lambda letter: [(q.name, q.party) for q in letter.questioners],
    )
    assert len(misses) <= len(letters) // 200, misses[:10]
