"""The serve command: options from the settings table, waitress as the server."""
from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from search_app import serve


def test_serve_help_lists_options():
    result = CliRunner().invoke(serve.main, ["--help"])
    assert result.exit_code == 0
    for option in ("--index-dir", "--host", "--port", "--threads"):
        assert option in result.output


def test_serve_uses_waitress_with_settings(monkeypatch, tmp_path):
    calls = {}

    def fake_serve(app, **kwargs):
        calls.update(kwargs, app=app)

    import waitress

    monkeypatch.setattr(waitress, "serve", fake_serve)
    monkeypatch.setenv("VRAAGBAAK_PORT", "5123")
    monkeypatch.delenv("VRAAGBAAK_INDEX", raising=False)
    result = CliRunner().invoke(serve.main, ["--index-dir", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == 5123 and calls["threads"] == 8
    assert calls["app"].config["INDEX"] == str(tmp_path / "ix")
    assert not calls["app"].debug
    assert "vraagbaak index corpus/" in result.output  # warned: no index there yet


def test_python_dash_m_search_app():
    done = subprocess.run([sys.executable, "-m", "search_app", "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "waitress" in done.stdout
