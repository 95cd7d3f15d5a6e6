"""Logging in: by e-mail or phone; staff need a second factor; repeated failures lock out."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.accounts.roles import STAFF_ROLES, Role
from guichet.audit.models import AuditEvent
from tests.helpers import PASSWORD, current_totp, wrong_code


def test_citizen_logs_in_by_phone_number_and_lands_on_their_home(client, make_user):
    make_user(Role.CITIZEN, phone="+8613811112222")
    response = client.post(
        "/accounts/login/", {"login": "+86 138 1111 2222", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/work/citizen/"
    assert b"Your services" in response.content


def test_wrong_password_shows_an_error_and_does_not_log_in(client, make_user):
    user = make_user()
    response = client.post("/accounts/login/", {"login": user.email, "password": "nope"})
    assert response.status_code == 200
    assert b"The login or the password is wrong." in response.content
    assert b'class="error-summary"' in response.content
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_staff_login_without_a_second_factor_is_refused(client, make_user, role):
    user = make_user(Role(role))
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"].startswith("/accounts/second-factor/")
    work = client.get(f"/work/{role}/")
    assert work.status_code == 302 and work["Location"].startswith("/accounts/second-factor/")
    api = client.get("/api/v1/accounts/me")
    assert api.status_code == 401
    assert api.json()["type"] == "urn:guichet:problem:second-factor-required"
    wrong = client.post("/accounts/second-factor/", {"token": wrong_code(user)})
    assert wrong.status_code == 200 and client.get(f"/work/{role}/").status_code == 302


def test_staff_with_the_right_code_reaches_their_work(client, make_user):
    user = make_user(Role.WINDOW_CLERK)
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.post("/accounts/second-factor/", {"token": current_totp(user)}, follow=True)
    assert response.redirect_chain[-1][0] == "/work/window_clerk/"
    assert b"Your counter" in response.content
    assert AuditEvent.objects.filter(action="account.login", actor=user).exists()


def test_staff_without_a_device_enrols_an_authenticator_first(client, make_user):
    user = make_user(Role.DEPARTMENT_REVIEWER)
    TOTPDevice.objects.filter(user=user).delete()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    page = client.get("/accounts/second-factor/")
    assert b"Set up two-factor login" in page.content and b"data:image/svg+xml" in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    device.confirmed = True  # what the code below proves; current_totp reads confirmed devices
    device.save()
    code = current_totp(user)
    device.confirmed = False
    device.save()
    response = client.post("/accounts/second-factor/", {"token": code})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed
    assert AuditEvent.objects.filter(action="account.second_factor_enrolled").exists()


def test_repeated_failed_logins_lock_the_account_out(client, make_user, settings):
    user = make_user()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_next_parameter_cannot_send_people_to_another_site(client, make_user):
    user = make_user()
    response = client.post(
        "/accounts/login/?next=https://evil.example/", {"login": user.email, "password": PASSWORD}
    )
    assert response["Location"] == "/"


def test_role_home_of_a_role_you_do_not_hold_is_forbidden(login_client, make_user):
    client = login_client(make_user(Role.CITIZEN))
    assert client.get("/work/platform_administrator/").status_code == 403
    assert client.get("/work/not-a-role/").status_code == 404


def test_login_page_works_in_every_language(client):
    for code in ("en", "zh-hans", "fr", "th"):
        response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=code)
        assert f'<html lang="{code}"'.encode() in response.content


def test_guessing_codes_is_slowed_down(client, make_user):
    user = make_user(Role.DEPARTMENT_SUPERVISOR)
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    for _ in range(3):
        client.post("/accounts/second-factor/", {"token": wrong_code(user)})
    # Right after a run of wrong guesses even the right code waits (django-otp's throttle).
    response = client.post("/accounts/second-factor/", {"token": current_totp(user)})
    assert response.status_code == 200
    assert client.get(f"/work/{Role.DEPARTMENT_SUPERVISOR.value}/").status_code == 302
