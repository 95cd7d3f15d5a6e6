"""Every role logs in through the real pages and lands on its own work page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from guichet.accounts.roles import STAFF_ROLES, Role
from guichet.web.roles import ROLE_HOMES
from tests.helpers import PASSWORD, current_totp, wrong_code

from .support import english

SECOND_FACTOR = re.compile(r"/accounts/second-factor/")


def _submit_password(page: Page, base_url: str, user) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label(english("E-mail address or phone number")).fill(user.email)
    page.get_by_label(english("Password"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=english("Log in"), exact=True).click()


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_each_role_logs_in_to_its_work_page(page: Page, live_server, make_user, role):
    user = make_user(role)
    work_url = f"{live_server.url}/work/{role.value}/"

    _submit_password(page, live_server.url, user)

    if role in STAFF_ROLES:
        expect(page).to_have_url(SECOND_FACTOR)
        expect(page.locator("h1")).to_have_text(english("Enter your code"))
        # A password alone does not open the work page: it leads back to the second factor.
        page.goto(work_url)
        expect(page).to_have_url(SECOND_FACTOR)
        expect(page.locator("h1")).to_have_text(english("Enter your code"))
        page.get_by_label(english("Six-digit code from your authenticator app")).fill(
            current_totp(user)
        )
        page.get_by_role("button", name=english("Continue"), exact=True).click()

    expect(page).to_have_url(work_url)
    expect(page.locator("h1")).to_have_text(english(ROLE_HOMES[role].title))


def test_wrong_code_shows_an_error_and_stays_on_the_second_factor(
    page: Page, live_server, make_user
):
    user = make_user(Role.WINDOW_CLERK)
    _submit_password(page, live_server.url, user)
    expect(page).to_have_url(SECOND_FACTOR)

    page.get_by_label(english("Six-digit code from your authenticator app")).fill(wrong_code(user))
    page.get_by_role("button", name=english("Continue"), exact=True).click()

    error = english("That code is not right, or came too late. Try the next one.")
    expect(page.get_by_role("alert")).to_contain_text(error)  # the answer to the POST is in
    expect(page.locator(".error-message")).to_contain_text(error)
    expect(page).to_have_url(SECOND_FACTOR)
    expect(page.locator("h1")).to_have_text(english("Enter your code"))

    page.goto(f"{live_server.url}/work/{Role.WINDOW_CLERK.value}/")
    expect(page).to_have_url(SECOND_FACTOR)
