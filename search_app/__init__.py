"""Vraagbaak in the browser: the Flask app (see create_app)."""
