"""Without a mouse: skip link, search field and results are reachable with Tab, focus is visible."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ACTIVE = "() => { const e = document.activeElement; return [e.tagName, e.id, e.className, e.closest('li.hit h2') !== null]; }"


def test_tab_reaches_search_field_and_first_result(page, server):
    # From the top of a page without autofocus: skip link first, then on to the search field.
    page.goto(server + "/help")
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)[2] == "skip-link", "the skip link comes first"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE)[1] == "q":
            break
    assert page.evaluate(ACTIVE)[1] == "q", "Tab reaches the search field"
    page.keyboard.type("kosten")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/zoeken?q=kosten" in url)
    # On the results page the field has focus (autofocus); Tab goes on to the first result.
    assert page.evaluate(ACTIVE)[1] == "q"
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        tag, ident, cls, in_first_title = page.evaluate(ACTIVE)
        seen.append((tag, ident))
        if in_first_title:
            break
    assert in_first_title, f"the first result link was not reached: {seen}"
    first_href = page.evaluate("document.activeElement.getAttribute('href')")
    assert first_href == page.locator("li.hit h2 a").first.get_attribute("href")
    # Focus is visible: an outline or background differs from the unfocused link.
    style = page.evaluate("() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.backgroundColor]; }")
    assert style[0] != "none" or style[1] not in ("rgba(0, 0, 0, 0)", "transparent")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/brief/" in url)


def test_skip_link_moves_focus_to_content(page, server):
    page.goto(server + "/help")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_slash_focuses_search(page, server):
    page.goto(server + "/help")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
