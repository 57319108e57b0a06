"""Who may change the saved queries: with ``edit_password`` set, whoever logged in; without it,
only a browser on this machine (127.0.0.1). Reading and feeds are always open.

Every state change is a POST carrying a CSRF token (Flask-WTF's CSRFProtect: one well-kept
implementation instead of our own). The session cookie is signed with ``secret_key``; when that is
not set, one is generated once and kept beside the database so logins survive a restart.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import threading
import time
from pathlib import Path

from flask import (Blueprint, Flask, current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask_wtf.csrf import CSRFError, CSRFProtect

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()
LOOPBACK = ("127.0.0.1", "::1")
#: Failed logins per address before logins from it are refused for a while.
MAX_FAILURES, FAILURE_WINDOW = 10, 15 * 60
_failures: dict[str, list[float]] = {}
_failures_lock = threading.Lock()


def password() -> str | None:
    return current_app.config.get("EDIT_PASSWORD") or None


def _password_mark(value: str) -> str:
    """What the session remembers: a digest of the password, so changing it logs everyone out."""
    return hmac.new(current_app.secret_key.encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def is_local() -> bool:
    """A request from this machine, not relayed: a reverse proxy on the same host connects from
    127.0.0.1 too, but says so in X-Forwarded-For / Forwarded, and then the visitor is remote."""
    return (request.remote_addr in LOOPBACK
            and "X-Forwarded-For" not in request.headers and "Forwarded" not in request.headers)


def can_edit() -> bool:
    pw = password()
    if pw:
        mark = session.get("editor")
        return isinstance(mark, str) and hmac.compare_digest(mark, _password_mark(pw))
    return is_local()


def refusal_message() -> str:
    if password():
        return "Log in om bewaarde zoekopdrachten te wijzigen."
    return ("Bewaarde zoekopdrachten wijzigen kan alleen op de computer waarop Vraagbaak draait (127.0.0.1). "
            "Stel VRAAGBAAK_EDIT_PASSWORD in om ook vanaf andere computers te wijzigen, na inloggen.")


def editor_required(view):
    """Refuse a change from someone who may not make it: to the login form, or a 403 that says why."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if can_edit():
            return view(*args, **kwargs)
        if password():
            flash(refusal_message(), "warning")
            return redirect(url_for("auth.login", next=_safe_next(request.referrer)), 303)
        return render_template("error.html", code=403, title="Wijzigen is hier niet toegestaan",
                               message=refusal_message()), 403
    return wrapped


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never //evil.example or https://…) as the place to return to."""
    if target and target.startswith(request.host_url):
        target = "/" + target[len(request.host_url):]
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return url_for("saved.index")
    return target


def _too_many_failures(addr: str) -> bool:
    with _failures_lock:
        recent = [t for t in _failures.get(addr, []) if time.monotonic() - t < FAILURE_WINDOW]
        _failures[addr] = recent
        return len(recent) >= MAX_FAILURES


def _record_failure(addr: str) -> None:
    with _failures_lock:
        _failures.setdefault(addr, []).append(time.monotonic())


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    pw = password()
    target = _safe_next(request.values.get("next"))
    if not pw:
        return render_template("login.html", enabled=False, next=target)
    if request.method == "POST":
        addr = request.remote_addr or "?"
        if _too_many_failures(addr):
            return render_template("login.html", enabled=True, next=target,
                                   error="Te veel mislukte pogingen. Probeer het over een kwartier opnieuw."), 429
        given = request.form.get("wachtwoord", "")
        if hmac.compare_digest(given.encode(), pw.encode()):
            session.clear()
            session["editor"] = _password_mark(pw)
            session.permanent = True
            flash("U bent ingelogd en kunt bewaarde zoekopdrachten wijzigen.", "success")
            return redirect(target, 303)
        _record_failure(addr)
        return render_template("login.html", enabled=True, next=target, error="Dat wachtwoord klopt niet."), 401
    return render_template("login.html", enabled=True, next=target)


@bp.post("/uitloggen")
def logout():
    session.pop("editor", None)
    flash("U bent uitgelogd.", "success")
    return redirect(url_for("saved.index"), 303)


def _secret_key(app: Flask) -> str:
    """``secret_key`` from the settings; else the key kept beside the database, made on first use
    (created with O_EXCL through a link, so two processes starting at once agree on one key).
    A test app without one gets a key for its lifetime only."""
    if app.testing:
        return secrets.token_hex(32)
    path = Path(app.config["SAVED_DB"]).parent / "secret_key"
    for _ in range(50):
        try:
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_hex(32))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                os.unlink(tmp)
            continue
        time.sleep(0.01)
    raise RuntimeError(f"{path} is leeg; verwijder het bestand of stel VRAAGBAAK_SECRET_KEY in.")


def init_app(app: Flask) -> None:
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(app)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # valid as long as the session: a page left open still saves
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    app.config.setdefault("SESSION_COOKIE_NAME", "vraagbaak_sessie")
    csrf.init_app(app)
    app.register_blueprint(bp)
    app.jinja_env.globals.update(can_edit=can_edit, edit_password_set=lambda: bool(password()))

    @app.errorhandler(CSRFError)
    def csrf_refused(exc: CSRFError):
        return render_template(
            "error.html", code=400, title="Formulier geweigerd",
            message="Dit formulier is verlopen of kwam niet van deze Vraagbaak-pagina (CSRF-controle); er is niets "
                    "veranderd. Ga terug, herlaad de pagina en probeer het opnieuw."), 400
