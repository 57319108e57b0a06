"""The base of the index problems a user must act on.

Its own module so that modules below ``indexer.store`` (``indexer.stored_letters``, which the
schema uses) can raise one without importing the store; ``indexer.store`` re-exports it.
"""
from __future__ import annotations


class IndexError_(Exception):
    """Base of the index problems a user must act on; the message says what to do.

    The command line prints the message, the web app shows it on its "rebuild the index" page."""
