"""axe-core finds no serious or critical problem on any page of the shell, in any state.

Pages are checked as people meet them: anonymous, with form errors, logged in, half logged in
(staff before their second factor), on a phone-sized screen and on the portrait kiosk screen.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from guichet.accounts.roles import Role
from guichet.notify.models import InboxMessage

from .support import english

SECOND_FACTOR = re.compile(r"/accounts/second-factor/")


@pytest.mark.parametrize(
    "path", ["/", "/kiosk/", "/accounts/login/", "/accounts/register/"], ids=str
)
def test_anonymous_pages(page: Page, live_server, axe, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200
    axe.assert_clean(page)


def test_not_found_page(page: Page, live_server, axe):
    response = page.goto(f"{live_server.url}/no-such-page/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text(english("Page not found"))
    axe.assert_clean(page, "the 404 page")


def test_stylesheet_and_script_load(page: Page, live_server):
    assets = {}
    page.on("response", lambda r: assets.__setitem__(r.url.removeprefix(live_server.url), r))
    page.goto(f"{live_server.url}/")
    page.wait_for_load_state("load")
    for path in ("/static/guichet/css/guichet.css", "/static/guichet/vendor/htmx.min.js"):
        assert path in assets, f"{path} was not requested by the home page"
        assert assets[path].status == 200, f"{path} answered {assets[path].status}"


@pytest.mark.parametrize(
    ("path", "button"),
    [("/accounts/login/", "Log in"), ("/accounts/register/", "Create the account")],
    ids=["login", "register"],
)
def test_forms_with_errors(page: Page, live_server, axe, path, button):
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("button", name=english(button), exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(english("There is a problem"))
    axe.assert_clean(page, f"{path} with form errors")


@pytest.mark.parametrize("path", ["/work/citizen/", "/inbox/"], ids=str)
def test_citizen_pages(page: Page, live_server, axe, make_user, log_in, path):
    user = make_user(Role.CITIZEN)
    InboxMessage.objects.create(
        recipient=user,
        subject="Your application was received",
        body="Number 2024-0001.",
        link="/inbox/",
    )
    InboxMessage.objects.create(
        recipient=user,
        subject="Welcome to Guichet",
        body="Your account is ready.",
        read_at=timezone.now(),
    )
    log_in(page, user)
    page.goto(f"{live_server.url}{path}")
    expect(page).to_have_url(f"{live_server.url}{path}")
    expect(page.get_by_text("Your application was received")).to_be_visible()
    axe.assert_clean(page, f"{path} (logged in as a citizen, with messages)")


def test_second_factor_enrolment(page: Page, live_server, axe, make_user, log_in):
    user = make_user(Role.WINDOW_CLERK)
    TOTPDevice.objects.filter(user=user).delete()
    log_in(page, user, second_factor=False)
    expect(page.locator("h1")).to_have_text(english("Set up two-factor login"))
    expect(page.locator("img.qr")).to_be_visible()
    axe.assert_clean(page, "the second-factor page, enrolment variant")


def test_second_factor_code_entry(page: Page, live_server, axe, make_user, log_in):
    user = make_user(Role.WINDOW_CLERK)
    log_in(page, user, second_factor=False)
    expect(page.locator("h1")).to_have_text(english("Enter your code"))
    axe.assert_clean(page, "the second-factor page, code-entry variant")

    page.get_by_role("button", name=english("Continue"), exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text(english("There is a problem"))
    expect(page).to_have_url(SECOND_FACTOR)
    axe.assert_clean(page, "the second-factor page, code-entry variant with an error")


def test_audit_trail_after_verifying_the_chain(page: Page, live_server, axe, make_user, log_in):
    log_in(page, make_user(Role.PLATFORM_ADMINISTRATOR))
    page.goto(f"{live_server.url}/platform/audit/")
    page.get_by_role("button", name=english("Verify the whole chain now"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(english("The chain is intact"))
    axe.assert_clean(page, "/platform/audit/ after verifying the chain")


def test_home_page_on_a_phone(page: Page, live_server, axe):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/")
    axe.assert_clean(page, "/ at 375px wide")


def test_kiosk_on_the_portrait_kiosk_screen(page: Page, live_server, axe):
    page.set_viewport_size({"width": 1080, "height": 1920})
    page.goto(f"{live_server.url}/kiosk/")
    axe.assert_clean(page, "/kiosk/ at 1080x1920")


def test_skip_link_is_first_and_moves_focus_to_main(page: Page, live_server):
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name=english("Skip to main content"))
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_form_errors_take_the_focus_to_the_error_summary(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()
