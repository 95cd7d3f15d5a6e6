"""National identity login (OpenID Connect): people are matched by identity number first."""

from __future__ import annotations

import pytest
from django.test import override_settings

from guichet.accounts.models import User
from guichet.audit.models import AuditEvent

OIDC = {
    "OIDC_RP_CLIENT_ID": "guichet",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://id.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://id.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://id.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://id.example/jwks",
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_NATIONAL_ID_CLAIM": "national_id",
}


@pytest.fixture
def backend():
    with override_settings(**OIDC):
        from guichet.accounts.oidc import NationalIdentityBackend

        yield NationalIdentityBackend()


def test_person_known_by_identity_number_is_matched_even_with_a_new_email(backend, make_user):
    user = make_user(national_id="110101199003074514")
    found = backend.filter_users_by_claims(
        {"national_id": "110101199003074514", "email": "changed@example.org"}
    )
    assert list(found) == [user]


def test_first_national_login_creates_an_audited_citizen_account(backend, db):
    user = backend.create_user(
        {"national_id": "110101199003074514", "email": "new@example.org", "name": "Wang Fang"}
    )
    assert User.objects.get(national_id="110101199003074514") == user
    assert user.full_name == "Wang Fang" and not user.has_usable_password()
    assert AuditEvent.objects.filter(action="account.registered", actor=user).exists()


def test_claims_without_identity_or_email_match_nobody(backend, make_user):
    make_user()
    assert not backend.filter_users_by_claims({"sub": "123"}).exists()
