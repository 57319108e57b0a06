"""Saved queries in real Chromium against the real server: search, save, see it listed with 0 new,
index two more letters, reload and see "2 nieuw", open it and see those two marked."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

import web_corpus
from servers import running_server
from indexer.build import index_letters
from indexer.letters import Letter, QAPair
from indexer.store import Store

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def saved_server(tmp_path_factory):
    """A server of its own: the test adds letters to its index and saved queries to its database."""
    tmp = tmp_path_factory.mktemp("saved-browser")
    index = tmp / "index"
    index_letters(Store(index), web_corpus.letters())
    with running_server(index, tmp, VRAAGBAAK_EDIT_PASSWORD=None) as base:
        yield base, index


def _letter(id: str, title: str) -> Letter:
    return Letter(id=id, kind="answer", title=title, date=dt.date(2021, 4, 1), ministry=web_corpus.MINISTRIES[1],
                  pairs=[QAPair([1], f"Wat is de stand van zaken rond {title.lower()}?", "Daar wordt aan gewerkt.")])


def test_save_see_new_letters_and_open_them_marked(page, saved_server, artifacts):
    base, index = saved_server
    page.goto(base + "/")
    page.locator("#q").fill("kosten")
    page.locator("#q").press("Enter")
    page.wait_for_url(re.compile(r"/zoeken\?q=kosten"))
    name = page.locator("#naam")
    expect(name).to_have_value("kosten")
    name.fill("Kosten van projecten")
    page.get_by_role("button", name="Bewaar deze zoekopdracht").click()
    expect(page.locator(".flashes")).to_contain_text("Bewaard als ‘Kosten van projecten’")
    expect(page.locator(".save-box")).to_contain_text("Bewaard als Kosten van projecten")
    feed_href = page.locator('head link[type="application/atom+xml"]').get_attribute("href")
    assert re.fullmatch(r"/bewaard/\d+\.atom", feed_href)

    # A few more, so that the list looks like one in use.
    for q in ("palantir", "stikstof natura", "toeslagen herstel"):
        page.goto(base + "/zoeken?q=" + q.replace(" ", "+"))
        page.get_by_role("button", name="Bewaar deze zoekopdracht").click()
        expect(page.locator(".flashes")).to_contain_text("Bewaard als")

    page.get_by_role("link", name="Bewaard", exact=True).click()
    page.wait_for_url(re.compile(r"/bewaard$"))
    row = page.locator("li.saved", has_text="Kosten van projecten")
    expect(row.locator(".saved__new")).to_have_text("0 nieuw")
    total_before = int(row.locator(".saved__total").inner_text().split()[0])

    index_letters(Store(index), [_letter("ah-tk-nieuw-01", "De kosten van de dijkversterking"),
                                 _letter("ah-tk-nieuw-02", "De kosten van het nieuwe radarstation")])
    page.reload()
    expect(row.locator(".saved__new")).to_have_text("2 nieuw")
    expect(row.locator(".saved__total")).to_have_text(f"{total_before + 2} brieven")
    expect(page.locator("li.saved", has_text="palantir").locator(".saved__new")).to_have_text("0 nieuw")
    page.screenshot(path=str(artifacts / "saved.png"), full_page=True)

    row.get_by_role("button", name="Kosten van projecten", exact=True).click()
    page.wait_for_url(re.compile(r"/zoeken\?q=kosten.*sinds="))
    expect(page.locator(".notice--new")).to_contain_text("2 nieuwe brieven sinds")
    marked = page.locator("li.hit", has=page.locator(".badge--new"))
    if marked.count() < 2:  # relevance order may put them on page 2: show only the new ones
        page.get_by_role("link", name="Alleen de nieuwe tonen").click()
    expect(marked).to_have_count(2)
    titles = sorted(marked.locator("h2 a").all_inner_texts())
    assert titles == ["De kosten van de dijkversterking", "De kosten van het nieuwe radarstation"]
    badge = marked.first.locator(".badge--new")
    expect(badge).to_be_visible()
    assert badge.evaluate("b => getComputedStyle(b).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(artifacts / "saved-opened.png"), full_page=False)

    page.goto(base + "/bewaard")
    expect(page.locator("li.saved", has_text="Kosten van projecten").locator(".saved__new")).to_have_text("0 nieuw")

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"/bewaard scrolls sideways at 375 px ({overflow} px)"
    page.screenshot(path=str(artifacts / "saved-phone.png"), full_page=False)
