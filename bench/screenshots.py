"""Regenerate docs/screenshots/*.png with Playwright and Debian's Chromium.

The last shots, notes.png, then list.png and writeup.png, are taken after two people signed
up, starred the talk and wrote notes through the site's own forms (and one saved talks to
lists), so the earlier shots show the bundled data alone.

make screenshots       # or: .venv/bin/python bench/screenshots.py
"""

import sys
from pathlib import Path

from chromium import CHROME_PATH, CHROMIUM_FLAGS
from playwright.sync_api import sync_playwright
from production_site import ROOT, production_site

OUT = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
SHOTS = [
    # file, path, viewport, colour scheme, mobile, whole page
    ("list.png", "/talks/", DESKTOP, "light", False, False),
    ("detail-light.png", "/talks/docker-content-trust/", DESKTOP, "light", False, True),
    ("detail-dark.png", "/talks/docker-content-trust/", DESKTOP, "dark", False, True),
    ("phone.png", "/talks/", PHONE, "light", True, False),
]
NOTES_TALK = "/talks/docker-content-trust/"
PASSWORD = "screenshots only, never a real account"
# Who writes what on NOTES_TALK: (username, display name, [(time, visibility, body)]).
NOTES = [
    (
        "grace",
        "Grace H.",
        [("22:05", "public", "Threshold signatures: two of three keys to rotate the root.")],
    ),
    (
        "ada",
        "Ada L.",
        [
            (
                "1:02",
                "public",
                "The **root key** stays offline; only the timestamp key lives on the server.",
            ),
            (
                "",
                "private",
                "Try `notary` on *our* registry:\n\n- sign base images\n"
                "- make CI refuse unsigned pulls",
            ),
        ],
    ),
]


def sign_up_and_write_notes(page, url, username, display_name, notes):
    """Sign up through the form, star the talk and add notes; the page stays signed in."""
    page.goto(f"{url}/accounts/signup/")
    page.fill("#id_username", username)
    page.fill("#id_first_name", display_name)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("button:has-text('Create account')")
    page.goto(f"{url}{NOTES_TALK}")
    page.click(".talk-header .star-button")
    page.wait_for_selector('.talk-header .star-button[aria-pressed="true"]')
    for time, visibility, body in notes:
        page.fill("#id_body", body)
        page.fill("#id_time", time)
        page.check(f"input[name=visibility][value={visibility}]")
        page.click("button:has-text('Add note')")
        page.wait_for_load_state()


def shoot_notes(browser, url):
    """notes.png: the notes on a talk as their author sees them, with another's public note."""
    for username, display_name, notes in NOTES:
        context = browser.new_context(viewport=DESKTOP, color_scheme="light")
        page = context.new_page()
        sign_up_and_write_notes(page, url, username, display_name, notes)
        if username != NOTES[-1][0]:
            context.close()
    page.goto(f"{url}{NOTES_TALK}")
    page.locator("#notes").screenshot(path=OUT / "notes.png")
    print(OUT.relative_to(ROOT) / "notes.png")
    shoot_lists(page, url)
    context.close()


LISTED = ["Docker content trust", "Container visibility", "Lessons learnt"]


def shoot_lists(page, url):
    """my-list.png: a list saved from the talk cards' panels; writeup.png: my write-up."""
    page.goto(f"{url}/talks/")
    for title in LISTED:
        card = page.locator(".talk-card", has_text=title)
        card.locator("[data-list-menu]").click()
        box = card.locator(".list-panel").get_by_role("checkbox", name="Watch later")
        box.check()
        page.wait_for_selector(".list-panel form:not([aria-busy])")
        card.locator("[data-list-menu]").click()
    page.click(".account-nav >> text=My lists")
    page.click(".my-list-name >> text=Watch later")
    page.click("button:has-text('Share by a secret link')")
    page.screenshot(path=OUT / "my-list.png", full_page=True)
    print(OUT.relative_to(ROOT) / "my-list.png")
    page.goto(f"{url}/me/writeup/container-camp-london-2015/?private=1")
    page.screenshot(path=OUT / "writeup.png", full_page=True)
    print(OUT.relative_to(ROOT) / "writeup.png")


def main():
    if not Path(CHROME_PATH).is_file():
        raise SystemExit(f"No Chromium at {CHROME_PATH} (set CHROME_PATH).")
    OUT.mkdir(parents=True, exist_ok=True)
    with production_site() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME_PATH, args=CHROMIUM_FLAGS)
        for name, path, viewport, scheme, mobile, whole_page in SHOTS:
            context = browser.new_context(
                viewport=viewport, color_scheme=scheme, is_mobile=mobile, has_touch=mobile
            )
            page = context.new_page()
            page.goto(f"{url}{path}")
            page.screenshot(path=OUT / name, full_page=whole_page)
            context.close()
            print(OUT.relative_to(ROOT) / name)
        shoot_notes(browser, url)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
