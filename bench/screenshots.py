"""Regenerate docs/screenshots/*.png with Playwright and Debian's Chromium.

make screenshots       # or: .venv/bin/python bench/screenshots.py
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from production_site import ROOT, production_site

OUT = ROOT / "docs" / "screenshots"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
SHOTS = [
    # file, path, viewport, colour scheme, mobile, whole page
    ("list.png", "/talks/", DESKTOP, "light", False, False),
    ("detail-light.png", "/talks/docker-content-trust/", DESKTOP, "light", False, True),
    ("detail-dark.png", "/talks/docker-content-trust/", DESKTOP, "dark", False, True),
    ("phone.png", "/talks/", PHONE, "light", True, False),
]


def main():
    if not Path(CHROME_PATH).is_file():
        raise SystemExit(f"No Chromium at {CHROME_PATH} (set CHROME_PATH).")
    OUT.mkdir(parents=True, exist_ok=True)
    with production_site() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME_PATH, args=CHROME_FLAGS)
        for name, path, viewport, scheme, mobile, whole_page in SHOTS:
            context = browser.new_context(
                viewport=viewport, color_scheme=scheme, is_mobile=mobile, has_touch=mobile
            )
            page = context.new_page()
            page.goto(f"{url}{path}")
            page.screenshot(path=OUT / name, full_page=whole_page)
            context.close()
            print(OUT.relative_to(ROOT) / name)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
