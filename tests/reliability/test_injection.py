"""Case 6: HTML/JS payloads in letters, queries and saved-query names run no script in real
Chromium on the results, letter, saved-queries and help pages; /brief/<id> path traversal;
CSRF refusals; the Atom feed escapes letter text."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import feedparser
import pytest

import web_corpus
from support import HERE
from servers import running_server
from indexer.build import index_letters
from indexer.store import Store

CHROMIUM = Path("/usr/bin/chromium")
PAYLOAD = "<script>alert(7)</script><img src=x onerror=alert(8)>\"'><svg onload=alert(9)>"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("inject")
    index_letters(Store(tmp / "index"), web_corpus.letters())
    with running_server(tmp / "index", tmp) as base:
        yield base


def _status(url: str, data: bytes | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, data=data, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.mark.browser
def test_no_script_runs_on_results_letter_saved_and_help(server):
    """Real Chromium, in its own process (Playwright's sync API runs once per process and the
    browser tests already hold it): see xss_check.py."""
    if not CHROMIUM.exists():
        pytest.fail("needs /usr/bin/chromium (scripts/test.sh installs it)", pytrace=False)
    run = subprocess.run([sys.executable, str(HERE / "xss_check.py"), server, PAYLOAD, web_corpus.XSS_ID],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["checked"] >= 7
    assert not result["problems"], result["problems"]
    assert result["payload_shown_as_text"]


@pytest.mark.parametrize("path", ["/brief/../../etc/passwd", "/brief/..%2f..%2fetc%2fpasswd", "/brief/%2e%2e",
                                  "/brief/....//....//etc/passwd", "/brief/%00", "/brief/a%5c..%5c..%5cwin.ini",
                                  "/api/brief/..%2f..%2fsetup.cfg", "/brief/" + "x" * 5000])
def test_path_traversal_in_letter_ids(server, path):
    status, body = _status(server + path)
    assert status in (404, 400), (path, status)
    assert "root:" not in body and "[metadata]" not in body


def test_csrf_refusals(server):
    for path in ("/bewaard", "/bewaard/1/naam", "/bewaard/1/verwijderen", "/bewaard/import"):
        for data in ({"q": "x", "naam": "x"}, {"q": "x", "naam": "x", "csrf_token": "vervalst"}):
            status, _ = _status(server + path, urllib.parse.urlencode(data).encode())
            assert status in (400, 403, 404), (path, status)
    status, body = _status(server + "/bewaard")
    assert "vervalst" not in body


def test_feed_escapes_letter_text(server):
    # Save a query matching the payload letter (with a real token), then read its feed.
    import http.cookiejar
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    html = opener.open(server + "/zoeken?q=websitebeveiliging").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    opener.open(server + "/bewaard", urllib.parse.urlencode({"csrf_token": token, "q": "websitebeveiliging",
                                                             "naam": "feed " + PAYLOAD[:40]}).encode()).read()
    listing = opener.open(server + "/bewaard").read().decode()
    feed_path = re.findall(r'href="(/bewaard/\d+\.atom)"', listing)[-1]
    raw = opener.open(server + feed_path).read().decode()
    assert "<script>" not in raw and "<img" not in raw, "raw markup in the feed XML"
    feed = feedparser.parse(raw)
    assert feed.entries
    from lxml import etree
    atom = "{http://www.w3.org/2005/Atom}"
    root = etree.fromstring(raw.encode())
    for entry in root.iter(atom + "entry"):
        title = entry.find(atom + "title")
        assert title.get("type", "text") == "text", "a title with letter text must be plain text"
        summary = entry.find(atom + "summary") if entry.find(atom + "summary") is not None else entry.find(atom + "content")
        if summary is not None and summary.get("type") == "html":
            # The HTML a feed reader renders: document text must be escaped inside it.
            assert "<script" not in summary.text.lower() and "<img" not in summary.text.lower(), summary.text
    assert "&amp;lt;script&amp;gt;" in raw or "&lt;script&gt;" in raw
