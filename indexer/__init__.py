"""Vraagbaak's library: parse letters, analyse Dutch text, build and search the index."""
