"""Browser tests: the real server (``python -m search_app``, gunicorn) on a free port, driven by
Debian's Chromium through Playwright's sync API (Playwright's own browser download is not used)."""
from __future__ import annotations

from pathlib import Path

import pytest

import web_corpus
from servers import running_server
from indexer.build import index_letters
from indexer.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The base URL of a real Vraagbaak server over the web-test letters."""
    tmp = tmp_path_factory.mktemp("browser")
    index = tmp / "index"
    index_letters(Store(index), web_corpus.letters())
    with running_server(index, tmp) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("The browser tests need Debian's Chromium at /usr/bin/chromium: run scripts/test.sh "
                    "(it installs it) or 'apt-get install -y chromium'.", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    yield context
    context.close()


@pytest.fixture
def page(context, server):
    """A page that fails the test on any JavaScript error, dialog (alert, confirm) or console
    error such as a Content-Security-Policy violation (a 404 page's own status is expected)."""
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" and "status of 404" not in msg.text else None)
    page.problems = problems
    yield page
    assert not problems, problems


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
