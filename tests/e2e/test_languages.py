"""The language switcher in the page header changes the language of the whole page.

The switcher is a plain form (a <select> and a button), so it must work without JavaScript;
the round-trip test runs with JavaScript off to prove it. Labels are looked up in the language
the page is in at that moment, with the same catalogues the server uses.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .support import english, in_language

HOME_TITLE = "Every city service, one window"
OTHER_LANGUAGES = ["zh-hans", "fr", "th"]
SETTLED = 2_000  # ms: for checks on a page already known to be loaded


def switch_language(page: Page, current: str, target: str) -> None:
    """Use the header's switcher as a person reading the page in `current` would."""
    switcher = page.locator("form.language-switcher")
    switcher.get_by_label(in_language(current, "Language"), exact=True).select_option(target)
    switcher.get_by_role("button", name=in_language(current, "Change"), exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", target)


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_switching_language_translates_the_home_page(page: Page, live_server, code):
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(english(HOME_TITLE))

    switch_language(page, "en", code)

    # The new page has loaded (its lang matched): its heading is final, no need to wait long.
    expect(
        page.locator("h1"), f"the home page's h1 is not translated into {code}"
    ).not_to_have_text(english(HOME_TITLE), timeout=SETTLED)
    expect(page.locator("h1")).to_have_text(in_language(code, HOME_TITLE), timeout=SETTLED)
    # The choice sticks: the next page opened is in the same language.
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", code)


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_switch_through_every_language_and_back_without_javascript(page: Page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    english_title = page.locator("h1").inner_text()
    assert english_title == english(HOME_TITLE)

    current = "en"
    for code in [*OTHER_LANGUAGES, "en"]:
        switch_language(page, current, code)
        current = code
        if code == "en":
            expect(page.locator("h1")).to_have_text(english_title, timeout=SETTLED)
        else:
            expect(
                page.locator("h1"), f"the home page's h1 is not translated into {code}"
            ).not_to_have_text(english_title, timeout=SETTLED)
