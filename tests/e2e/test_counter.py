"""A visit, in real browsers: a visitor takes a ticket at the kiosk, a clerk calls it from the
window page, the call board in the hall shows the ticket and its window within seconds, and
the kiosk forgets the visitor after its (here shortened) time without a touch."""

from __future__ import annotations

import io
import re
from datetime import time

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.centres import queue
from guichet.centres.models import Centre, OpeningHours, ServiceGroup, Window

from .support import english, in_language


@pytest.fixture
def centre(db) -> Centre:
    """Open around the clock, so the test runs at any hour."""
    centre = Centre.objects.create(
        code="JA", name={"en": "Jing'an Centre"}, kind="district", open_all_year=True, language="en"
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            centre=centre, weekday=weekday, opens=time(0), closes=time(23, 59, 59)
        )
    ServiceGroup.objects.create(code="general", name={"en": "General services"})
    market = ServiceGroup.objects.create(
        code="market", name={"en": "Market registration"}, window_kind="market"
    )
    Window.objects.create(centre=centre, number=1, kind="general")
    Window.objects.create(centre=centre, number=2, kind="market").groups.set([market])
    return centre


@pytest.fixture
def clerk(make_user, centre):
    user = make_user(Role.WINDOW_CLERK)
    user.memberships.all().delete()
    accounts.grant_membership(user, role=Role.WINDOW_CLERK, organisation_code="JA")
    return user


def new_context(browser: Browser) -> BrowserContext:
    # Like the `page` fixture's context: CSP bypassed so axe-core can be injected.
    context = browser.new_context(bypass_csp=True, locale="en-GB")
    context.set_default_timeout(10_000)
    return context


def button(page: Page, name: str):
    return page.get_by_role("button", name=english(name), exact=True)


def test_a_ticket_taken_at_the_kiosk_is_called_and_shown_on_the_board(
    browser: Browser, live_server, centre, clerk, log_in, axe, settings
):
    settings.GUICHET_KIOSK_IDLE_SECONDS = 5
    base = live_server.url
    kiosk, board, counter = (new_context(browser).new_page() for _ in range(3))

    # The board in the hall, before anyone is called.
    board.goto(f"{base}/centres/JA/board/")
    expect(board.locator("[data-calls]")).to_contain_text(english("No ticket called yet."))
    axe.assert_clean(board, "the call board")

    # The visitor, by touch alone.
    kiosk.set_viewport_size({"width": 1080, "height": 1920})
    kiosk.goto(f"{base}/kiosk/JA/")
    kiosk.get_by_role("link", name=english("Take a ticket"), exact=True).click()
    kiosk.get_by_label("General services").check()
    button(kiosk, "Print my ticket").click()
    expect(kiosk.locator("#ticket-number")).to_contain_text("A001")
    expect(kiosk.locator(".ticket-ahead")).to_have_text("0")
    expect(button(kiosk, "Print the ticket")).to_be_visible()
    ticket_page = kiosk.url
    # Printed, the ticket is one page of an 80 mm receipt roll.
    receipt = PdfReader(io.BytesIO(kiosk.pdf(prefer_css_page_size=True)))
    assert len(receipt.pages) == 1
    assert round(float(receipt.pages[0].mediabox.width) / 72 * 25.4) == 80
    assert "A001" in receipt.pages[0].extract_text()

    # The clerk at window 1.
    log_in(counter, clerk)
    counter.goto(f"{base}/centres/work/")
    axe.assert_clean(counter, "the clerk's windows")
    counter.get_by_role("link", name=english("Window %(n)s") % {"n": 1}, exact=True).click()
    axe.assert_clean(counter, "the window page, nobody called")
    button(counter, "Call next").click()
    expect(counter.locator(".counter-ticket")).to_have_text("A001")
    axe.assert_clean(counter, "the window page with a visitor")

    # The board picks the call up by itself (polling), without a reload.
    newest = board.locator(".board-newest")
    expect(newest.locator(".board-ticket")).to_have_text("A001")
    expect(newest.locator(".board-window")).to_have_text("1")
    axe.assert_clean(board, "the call board with a call")

    # The kiosk has gone back to its start without anyone touching it.
    expect(kiosk).to_have_url(f"{base}/kiosk/JA/")
    assert kiosk.url != ticket_page
    expect(kiosk.locator("#ticket-number")).to_have_count(0)


def test_the_kiosk_forgets_the_language_a_visitor_chose(page: Page, live_server, centre, settings):
    settings.GUICHET_KIOSK_IDLE_SECONDS = 5
    page.goto(f"{live_server.url}/kiosk/JA/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switcher = page.locator("form.language-switcher")
    switcher.get_by_label(english("Language"), exact=True).select_option("fr")
    switcher.get_by_role("button", name=english("Change"), exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("link", name=in_language("fr", "Where is my application?")).click()
    expect(page).to_have_url(re.compile(r"/kiosk/JA/status/$"))
    # Back at the start, in the centre's language, with nothing left of the visitor.
    expect(page).to_have_url(f"{live_server.url}/kiosk/JA/", timeout=12_000)
    expect(page.locator("html")).to_have_attribute("lang", "en", timeout=12_000)


def test_kiosk_pages_are_accessible_on_the_portrait_screen(
    page: Page, live_server, centre, axe, settings
):
    settings.GUICHET_KIOSK_IDLE_SECONDS = 600  # nobody returns to the start while axe runs
    page.set_viewport_size({"width": 1080, "height": 1920})
    base = f"{live_server.url}/kiosk/JA"
    for path in ("/", "/ticket/", "/check-in/", "/status/", "/drop-box/"):
        page.goto(base + path)
        axe.assert_clean(page, f"/kiosk/JA{path} at 1080x1920")
    # The on-screen keypad types into the chosen field.
    page.goto(f"{base}/check-in/")
    for key in "AB2":
        page.locator(f'[data-key="{key}"]').click()
    expect(page.get_by_label(english("Appointment code"))).to_have_value("AB2")
    button(page, "Check in").click()
    expect(page.get_by_role("alert")).to_contain_text(
        english("No appointment today with this code here.")
    )
    axe.assert_clean(page, "/kiosk/JA/check-in/ with an error")
    page.goto(f"{base}/status/")
    page.get_by_label(english("Application number")).fill("GC-2026-0000001")
    page.get_by_label(english("Applicant's identity number")).fill("310106198805170000")
    button(page, "Look up").click()
    expect(page.get_by_role("alert")).to_contain_text(
        english("No application matches this number and identity number.")
    )
    axe.assert_clean(page, "/kiosk/JA/status/ not found")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_the_board_reloads_itself_without_javascript(page: Page, live_server, centre, clerk):
    page.goto(f"{live_server.url}/centres/JA/board/")
    expect(page.locator("[data-calls]")).to_contain_text(english("No ticket called yet."))
    queue.take_ticket(centre, group=ServiceGroup.objects.get(code="general"))
    queue.call_next(Window.objects.get(number=1), clerk=clerk)
    expect(page.locator(".board-newest .board-ticket")).to_have_text("A001", timeout=15_000)
