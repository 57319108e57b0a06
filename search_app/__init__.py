"""Vraagbaak in the browser: the Flask app factory.

``create_app`` follows flaskr: defaults from the settings table (indexer.config), then an
optional ``instance/config.py``, then the test config. The library does the searching; the views
parse the URL, call it and render.
"""
from __future__ import annotations

from flask import Flask

from indexer import config


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        INDEX=str(config.index_dir()),
        STEMMER=config.get("stemmer"),
        PAGE_SIZE=config.get("page_size"),
        # Facet values shown before "Meer" folds the rest away.
        FACET_LIMIT=8,
        JSON_SORT_KEYS=False,
        SAVED_DB=str(config.saved_db()),
        EDIT_PASSWORD=config.get("edit_password"),
        SECRET_KEY=config.get("secret_key"),
        FEED_ENTRIES=config.get("feed_entries"),
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    app.json.sort_keys = False
    app.json.ensure_ascii = False

    from search_app import auth, errors, index, present, saved, security
    from search_app.views import api, feeds, letters, pages, search
    from search_app.views import cases as case_views
    from search_app.views import saved as saved_views

    index.init_app(app)
    present.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    saved.init_app(app)
    auth.init_app(app)
    for module in (search, letters, api, pages, saved_views, feeds, case_views):
        app.register_blueprint(module.bp)
    return app
