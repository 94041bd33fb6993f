"""Did you mean …? in a real Chromium, with JavaScript (the list swapped in place) and without."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def search_and_take_the_suggestion(site, page):
    page.goto(f"{site}/talks/?tag=orchestration")
    page.evaluate("window.__samePage = true")  # stays only if no page is loaded
    page.get_by_role("searchbox", name="Search talks").fill("kubrenetes securty")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{site}/talks/?q=kubrenetes+securty&tag=orchestration")
    expect(page.locator(".talk-card")).to_have_count(0)
    suggestion = page.locator(".did-you-mean")
    expect(suggestion).to_have_text("Did you mean kubernetes security (1 talk)?")
    suggestion.get_by_role("link", name="kubernetes security").click()
    expect(page).to_have_url(f"{site}/talks/?q=kubernetes+security&tag=orchestration")
    expect(page.locator(".talk-card")).to_have_count(1)
    expect(page.locator(".did-you-mean")).to_have_count(0)


def test_a_mistyped_search_offers_the_corrected_one_with_javascript(site, page):
    search_and_take_the_suggestion(site, page)
    # Searched and corrected in place, and told to screen readers with the count.
    assert page.evaluate("window.__samePage") is True
    page.go_back()
    expect(page.get_by_role("status")).to_have_text(
        "0 talks match your search and filters. Did you mean kubernetes security (1 talk)?"
    )


def test_a_mistyped_search_offers_the_corrected_one_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    search_and_take_the_suggestion(site, page)
    assert page.evaluate("window.__samePage") is None  # pages loaded the ordinary way
    context.close()
