"""The strict Content-Security-Policy holds in a real browser: nothing on our pages breaks it.

The other browser tests bypass CSP (axe-core is injected as an inline script); this one does
not, so an inline style or script added to a template fails here.
"""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.accounts.roles import Role
from tests.helpers import PASSWORD


def _csp_errors(context, url: str) -> list[str]:
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security" in m.text else None)
    response = page.goto(url)
    page.wait_for_load_state("load")
    assert response.status < 400
    page.close()
    return errors


@pytest.fixture
def strict_context(browser):
    context = browser.new_context(bypass_csp=False)
    yield context
    context.close()


@pytest.mark.parametrize("path", ["/", "/kiosk/", "/accounts/login/", "/accounts/register/"])
def test_public_pages_respect_the_policy(strict_context, live_server, path):
    assert _csp_errors(strict_context, f"{live_server.url}{path}") == []


def test_second_factor_enrolment_with_its_qr_code_respects_the_policy(
    strict_context, live_server, make_user
):
    user = make_user(Role.WINDOW_CLERK)
    TOTPDevice.objects.filter(user=user).delete()
    page = strict_context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/second-factor/**")
    assert page.locator("img.qr").evaluate("img => img.naturalWidth") > 0  # the QR drew
    assert _csp_errors(strict_context, page.url) == []
