"""Shared fixtures: the world every test builds on (users per role, logged-in clients)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.accounts import services as accounts
from guichet.accounts.roles import ORGANISATION_OF_ROLE, STAFF_ROLES, Role
from guichet.notify.sms import MemorySmsBackend
from tests.helpers import PASSWORD, audit_triggers_suspended, current_totp

__all__ = ["PASSWORD", "current_totp"]

# The application world (catalogue, people, the data hub) serves cases, datahub and e2e tests.
pytest_plugins = ["tests.world", "tests.hotline.world"]


@pytest.fixture(scope="session", autouse=True)
def _flush_despite_append_only_audit():
    """Transactional tests empty every table between tests, audit tables included.

    The database refuses that on purpose (append-only triggers), so the test runner's flush,
    and only it, lifts the triggers for the moment it runs.
    """
    from django.core.management.commands import flush

    original = flush.Command.handle

    def handle(self, *args, **options):
        with audit_triggers_suspended():
            return original(self, *args, **options)

    flush.Command.handle = handle
    yield
    flush.Command.handle = original


@pytest.fixture(autouse=True)
def _fresh_cache_and_sms():
    cache.clear()
    MemorySmsBackend.outbox.clear()
    yield
    # A kiosk page speaks its centre's language by activating it in the thread, as each
    # request does; the next test in this process must start in the default language again.
    translation.deactivate()


@pytest.fixture
def make_user(db):
    """Build a user holding one role (with a confirmed TOTP device for staff roles)."""
    from guichet.accounts.models import User

    counter = {"n": 0}

    def build(role: Role = Role.CITIZEN, *, email: str | None = None, **fields) -> User:
        counter["n"] += 1
        email = email or f"{role.value}{counter['n']}@example.org"
        user = User.objects.create_user(email, PASSWORD, full_name=f"Test {role.label}", **fields)
        if role == Role.BUSINESS_REPRESENTATIVE:
            accounts.add_representation(
                user, company_code="91310106MA1FY5XK2J", company_name="Test Company"
            )
        elif role != Role.CITIZEN:
            code = "" if ORGANISATION_OF_ROLE[role] == "city" else "ORG1"
            accounts.grant_membership(
                user, role=role, organisation_code=code, organisation_name="Test organisation"
            )
        if role in STAFF_ROLES:
            TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        return user

    return build


@pytest.fixture
def login_client(client):
    """Log a user in through the real pages, with the second factor for staff."""

    def login(user, *, second_factor: bool = True):
        response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.content[:500]
        if second_factor and accounts.needs_second_factor(user):
            response = client.post("/accounts/second-factor/", {"token": current_totp(user)})
            assert response.status_code == 302, response.content[:500]
        return client

    return login
