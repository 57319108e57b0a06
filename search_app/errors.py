"""Error pages in the site's style (JSON under /api/), and the page for a missing index."""
from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer.store import IndexError_, IndexMissing

TITLES = {
    400: "Dit verzoek klopt niet",
    404: "Pagina niet gevonden",
    405: "Deze methode kan hier niet",
    500: "Er ging iets mis",
}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        code = exc.code or 500
        if _wants_json():
            return jsonify(error=exc.description, status=code), code
        return render_template("error.html", code=code, title=TITLES.get(code, exc.name),
                               message=exc.description if code in (400, 404) else None), code

    @app.errorhandler(InternalServerError)
    def server_error(exc: InternalServerError):
        if _wants_json():
            return jsonify(error="Interne fout; probeer het later opnieuw.", status=500), 500
        return render_template("error.html", code=500, title=TITLES[500], message=None), 500

    @app.errorhandler(IndexError_)
    def index_problem(exc: IndexError_):
        # 503: the site is up but has nothing to search yet; the page says how to fix that.
        missing = isinstance(exc, IndexMissing)
        if _wants_json():
            return jsonify(error=str(exc), status=503), 503
        return render_template("no_index.html", missing=missing, message=str(exc),
                               index_dir=current_app.config["INDEX"]), 503
