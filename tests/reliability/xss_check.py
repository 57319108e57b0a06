"""Open pages carrying script payloads in headless Chromium and report whether any script ran:
``xss_check.py BASE_URL PAYLOAD XSS_LETTER_ID`` prints JSON {checked, problems, payload_shown_as_text}."""
from __future__ import annotations

import json
import sys
import urllib.parse

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TRAP = "window.__xss = []; window.alert = window.confirm = window.prompt = m => { window.__xss.push(String(m)); };"
LIVE = "document.querySelectorAll('main img, main svg, main script, main iframe, [onerror], [onload]').length"


def main(base: str, payload: str, letter_id: str) -> dict:
    problems, checked = [], 0
    q = urllib.parse.quote(payload)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
        page = browser.new_context().new_page()
        page.on("dialog", lambda d: (problems.append(f"dialog {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: problems.append(f"page error {e}"))
        page.add_init_script(TRAP)
        # Save a query whose words and name are the payload, through the page's own form.
        page.goto(f"{base}/zoeken?q={q}")
        name = page.locator("form.save-form input[name=naam]")
        if name.count():
            name.fill(payload[:80])
        page.locator("form.save-form button, form.save-form input[type=submit]").first.click()
        page.wait_for_load_state("load")
        for url in (f"/zoeken?q={q}", f"/zoeken?q=websitebeveiliging&minister={q}", "/zoeken?q=websitebeveiliging",
                    f"/brief/{letter_id}", f"/brief/{letter_id}?q={q}", "/bewaard", f"/help?q={q}", "/help",
                    f"/?q={q}", f"/brief/{q}"):
            page.goto(base + url)
            page.wait_for_load_state("load")
            checked += 1
            if page.evaluate("window.__xss"):
                problems.append(f"script ran on {url}: {page.evaluate('window.__xss')}")
            if page.evaluate(LIVE):
                problems.append(f"live element from a payload on {url}")
        page.goto(base + "/bewaard")
        shown = "<script>alert(7)</script>" in page.locator("main").inner_text()
        browser.close()
    return {"checked": checked, "problems": problems, "payload_shown_as_text": shown}


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4])))
