"""Shared fixtures: where the real documents of ../shared are, skipping cleanly without them."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS_REAL = SHARED / "corpus-real"
SEED = SHARED / "seeds" / "antwoorden-kamervragen-palantir-2026.txt"


@pytest.fixture(scope="session")
def corpus_real() -> Path:
    """../shared/corpus-real, the real published documents (never copied into the project)."""
    if not CORPUS_REAL.is_dir():
        pytest.skip("../shared/corpus-real is absent: real-document tests need the shared folder")
    return CORPUS_REAL


@pytest.fixture(scope="session")
def seed() -> Path:
    """The canonical example letter of ../shared/seeds."""
    if not SEED.is_file():
        pytest.skip("../shared/seeds is absent: the seed letter lives in the shared folder")
    return SEED
