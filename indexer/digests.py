"""Content hashes of documents: what an incremental run compares to tell a changed file.

A document's hash covers its metadata sidecars too (a changed sidecar changes what the document
parses to). A file that is read anyway (new to the index) is hashed by whoever parses it, in a
worker process of a parallel run: hashing 100,000 new files in the run's own process first took
some 10 seconds before any worker started.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


def file_hash(path: Path | str, sidecars: tuple | list = ()) -> str:
    """The sha256 of ``path`` followed by its ``sidecars``."""
    h = hashlib.sha256()
    for part in (path, *sidecars):
        with open(part, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class ToRead:
    """A file a run reads: its content hash when already worked out (a known file whose size or
    modification time changed), else None and its sidecars, for :meth:`digest` to hash."""

    path: Path
    known_digest: str | None = None
    sidecars: tuple[str, ...] = ()

    def digest(self) -> str:
        """The content hash (raises OSError when the file cannot be read)."""
        return self.known_digest or file_hash(self.path, self.sidecars)
