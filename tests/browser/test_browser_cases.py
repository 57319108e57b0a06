"""Cases in Chromium: the statistics chart works without JavaScript and leads to its cases; the
letter page shows the case's timeline. No CSP violation (the page fixture fails on any)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

import web_corpus

pytestmark = pytest.mark.browser


def test_statistics_chart_without_javascript_links_to_the_cases(browser, server, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{server}/statistiek?peildatum=2025-01-01")
        chart = page.locator("svg.chart__svg").first
        expect(chart).to_be_visible()
        bars = chart.locator("rect.chart__bar")
        assert bars.count() >= 1 and bars.first.bounding_box()["width"] > 2
        page.screenshot(path=str(artifacts / "statistiek.png"), full_page=True)
        chart.locator("a").first.click()
        page.wait_for_url("**/zaken?**")
        expect(page.locator(".cases-table tbody tr").first).to_be_visible()
    finally:
        context.close()


def test_letter_page_shows_the_timeline(page, server, artifacts):
    page.goto(f"{server}/brief/{web_corpus.MERGED_ID}?peildatum=2025-01-01")
    timeline = page.locator("#tijdlijn")
    expect(timeline).to_be_visible()
    expect(timeline.locator(".status")).to_have_text("Beantwoord")
    expect(timeline).to_contain_text("na 40 dagen")
    timeline.screenshot(path=str(artifacts / "letter-timeline.png"))
