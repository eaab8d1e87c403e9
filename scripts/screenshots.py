"""Retake the README's screenshots from a running server with the demo data.

    make run &    # or any server on DJANGO_SITE_URL with seed_demo loaded
    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000

Pages in Arabic and Bengali, at a desktop width; Chromium from /usr/bin/chromium.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
PAGES = {
    "home": "/{lang}/",
    "list": "/{lang}/organisations/?q=food",
    "detail": None,  # the first result of the list
}


def main(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for lang in ("ar", "bn"):
            for name, path in PAGES.items():
                if path is None:
                    page.goto(base + PAGES["list"].format(lang=lang))
                    page.locator("main h2 a").first.click()
                    page.wait_for_load_state()
                else:
                    page.goto(base + path.format(lang=lang))
                page.screenshot(path=OUT / f"{name}-{lang}.png", full_page=False)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
