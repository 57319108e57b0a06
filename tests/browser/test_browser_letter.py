"""The letter page in Chromium: deep links land on the right pair; script payloads stay text."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

import web_corpus

pytestmark = pytest.mark.browser

IN_VIEW = """el => { const r = el.getBoundingClientRect();
                     return r.top >= -1 && r.top < window.innerHeight && r.bottom > 0; }"""


@pytest.mark.parametrize("number,pair_id", [(3, "vraag-2"), (2, "vraag-2"), (4, "vraag-4")])
def test_deep_link_lands_on_the_pair(page, server, number, pair_id):
    page.set_viewport_size({"width": 1280, "height": 420})  # short, so that the pair must be scrolled to
    page.goto(f"{server}/brief/{web_corpus.MERGED_ID}#vraag-{number}")
    target = page.locator(":target")
    expect(target).to_have_attribute("id", f"vraag-{number}")
    pair = page.locator(f"section.pair#{pair_id}")
    assert target.evaluate("t => t.closest('section.pair').id") == pair_id
    expect(pair.locator(".pair__side--q .pair__label")).to_contain_text(str(number))
    assert page.evaluate("window.scrollY") > 0
    assert pair.evaluate(IN_VIEW), "the pair is scrolled into view"
    q = pair.locator(".pair__side--q").bounding_box()
    a = pair.locator(".pair__side--a").bounding_box()
    assert abs(q["y"] - a["y"]) < 2 and a["x"] > q["x"], "question beside answer, also for a merged pair"
    # The targeted pair is marked visibly (outline via :target / :has(:target)).
    assert pair.evaluate("p => getComputedStyle(p).boxShadow") != "none"


def test_result_link_opens_the_pair_with_highlights(page, server, artifacts):
    page.goto(server + "/zoeken?q=integrale+beoordeling")
    page.locator("li.hit h2 a").first.click()
    page.wait_for_url(re.compile(rf"/brief/{web_corpus.MERGED_ID}\?q=integrale\+beoordeling#vraag-2$"))
    pair = page.locator("section.pair#vraag-2")
    assert pair.evaluate(IN_VIEW)
    expect(pair.locator("mark").first).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / "letter.png"), full_page=True)
    page.locator("p.back a").click()
    page.wait_for_url(re.compile(r"/zoeken\?q=integrale"))


def test_xss_letter_runs_no_script(page, server):
    # The page fixture fails the test on any dialog or page error; flags catch silent execution.
    page.add_init_script("window.__xss = []; window.alert = m => { window.__xss.push(m); };")
    for url in (f"/brief/{web_corpus.XSS_ID}", f"/brief/{web_corpus.XSS_ID}?q=websitebeveiliging+script",
                "/zoeken?q=websitebeveiliging", "/zoeken?q=%3Cscript%3Ealert(5)%3C/script%3E",
                "/zoeken?q=onerror+img"):
        page.goto(server + url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") == [], url
        assert page.locator("main img").count() == 0, url
        assert page.evaluate("document.querySelectorAll('script').length") == 1, url
    page.goto(f"{server}/brief/{web_corpus.XSS_ID}")
    expect(page.locator("h1")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator(".pair__side--a")).to_contain_text("<img src=x onerror=alert(2)>")
    page.goto(server + "/zoeken?q=websitebeveiliging")
    expect(page.locator("li.hit .pair__side--q")).to_contain_text("<script>alert(1)</script>")


def test_unknown_letter_page(page, server):
    response = page.goto(server + "/brief/bestaat-niet")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    expect(page.locator("header.site-header")).to_be_visible()
