"""Searching in real Chromium against the real server: type, read, filter, sort, correct, page."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

import web_corpus

pytestmark = pytest.mark.browser


def test_type_a_query_and_press_enter(page, server, artifacts):
    page.goto(server + "/")
    field = page.locator("#q")
    expect(field).to_be_focused()  # autofocus
    field.type("kosten ouders")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken\?q=kosten\+ouders"))
    expect(page.locator("h1.results-count")).to_contain_text("brie")
    first = page.locator("li.hit").first
    expect(first.locator(".pair__side--q .pair__label").first).to_have_text(re.compile(r"^Vraag \d"))
    expect(first.locator(".pair__side--a .pair__label").first).to_have_text(re.compile(r"^Antwoord \d"))
    marks = page.locator("li.hit mark")
    assert marks.count() >= 2
    assert {m.lower() for m in marks.all_inner_texts()} >= {"kosten", "ouders"}
    # The highlight is visible: <mark> has a background colour.
    background = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.goto(server + "/zoeken?q=kosten")
    page.screenshot(path=str(artifacts / "results.png"), full_page=False)


def test_question_and_answer_side_by_side_then_stacked_on_a_phone(page, context, server, artifacts):
    page.goto(server + "/zoeken?q=integrale+beoordeling")
    q = page.locator("li.hit .pair__side--q").first.bounding_box()
    a = page.locator("li.hit .pair__side--a").first.bounding_box()
    assert abs(q["y"] - a["y"]) < 2 and a["x"] > q["x"] + q["width"] - 2, "side by side on a wide screen"

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(server + "/zoeken?q=kosten")
    q = page.locator("li.hit .pair__side--q").first.bounding_box()
    a = page.locator("li.hit .pair__side--a").first.bounding_box()
    assert a["y"] >= q["y"] + q["height"] - 2 and abs(a["x"] - q["x"]) < 2, "stacked on a phone"
    for url in ("/", "/zoeken?q=kosten", f"/brief/{web_corpus.MERGED_ID}?q=ouders", "/help"):
        page.goto(server + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways at 375 px ({overflow} px)"
    page.goto(server + "/zoeken?q=kosten")
    page.screenshot(path=str(artifacts / "results-phone.png"), full_page=False)


def test_apply_a_facet_and_remove_its_chip(page, server):
    page.goto(server + "/zoeken?q=kosten")
    total = page.locator("h1.results-count").inner_text()
    page.locator('.sidebar a[data-facet="partij"]', has_text=re.compile(r"^SP$")).click()
    page.wait_for_url(re.compile(r"partij=SP"))
    chip = page.locator(".chips .chip")
    expect(chip).to_have_count(1)
    expect(chip).to_contain_text("Partij")
    expect(page.locator("h1.results-count")).to_contain_text("5 brieven")
    chip.locator("a.chip__remove").click()
    page.wait_for_url(lambda url: "partij=" not in url)
    expect(page.locator(".chips .chip")).to_have_count(0)
    assert page.locator("h1.results-count").inner_text().split("(")[0] == total.split("(")[0]


def test_change_the_sort(page, server):
    page.goto(server + "/zoeken?q=kosten")
    page.locator(".sort a", has_text="Oudste eerst").click()
    page.wait_for_url(re.compile(r"sorteer=datum-oud"))
    expect(page.locator(".sort .is-active")).to_have_text("Oudste eerst")
    dates = page.locator("li.hit time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert len(dates) == 10 and dates == sorted(dates)
    page.locator(".sort a", has_text="Nieuwste eerst").click()
    page.wait_for_url(re.compile(r"sorteer=datum-nieuw"))
    dates = page.locator("li.hit time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-11-05"


def test_did_you_mean(page, server):
    page.goto(server + "/zoeken?q=compenstie")
    expect(page.locator("h1.results-count")).to_contain_text("Geen brieven")
    page.locator("a.suggestion").click()
    page.wait_for_url(re.compile(r"q=compensatie"))
    expect(page.locator("li.hit mark").first).to_have_text(re.compile("compensatie", re.I))
    expect(page.locator("#q")).to_have_value("compensatie")


def test_paging(page, server):
    page.goto(server + "/zoeken?q=kosten")
    page.locator('.pager a[rel="next"]').click()
    page.wait_for_url(re.compile(r"pagina=2"))
    expect(page.locator(".pager .is-current")).to_have_text("2")
    expect(page.locator("li.hit")).to_have_count(len(web_corpus.letters()) - 10)


def test_more_pairs_open_with_the_keyboard(page, server):
    page.goto(server + "/zoeken?q=kosten+begroting")
    details = page.locator("details.more-pairs").first
    summary = details.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(details.locator(".pair").first).to_be_visible()
