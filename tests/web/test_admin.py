"""The administration site: audit records read-only, tokens revoked, stuck events retried."""

from __future__ import annotations

import pytest

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.audit.models import AuditEvent
from guichet.notify import outbox
from guichet.notify.models import OutboxEvent


@pytest.fixture
def admin_client(login_client, make_user):
    user = make_user(Role.PLATFORM_ADMINISTRATOR, is_staff=True, is_superuser=True)
    return login_client(user), user


def test_audit_events_can_be_read_but_not_changed_in_the_admin(admin_client):
    client, _user = admin_client
    event = AuditEvent.objects.latest("id")
    assert client.get("/admin/audit/auditevent/").status_code == 200
    page = client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert (
        client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )


def test_admin_revokes_a_token(admin_client, make_user):
    client, _user = admin_client
    token, _secret = accounts.issue_api_token(make_user(), name="gis", scopes=["profile"])
    client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token.revoked").exists()


def test_admin_delivers_a_failed_event_again(
    admin_client, make_user, django_capture_on_commit_callbacks
):
    client, _user = admin_client
    recipient = make_user()
    event = outbox.emit(
        "notify.message", {"user": recipient.pk, "subject": "Permit ready", "channels": ["inbox"]}
    )
    OutboxEvent.objects.filter(pk=event.pk).update(state=OutboxEvent.State.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/notify/outboxevent/",
            {"action": "retry_now", "_selected_action": [str(event.pk)]},
        )
    event.refresh_from_db()
    assert event.state == OutboxEvent.State.DELIVERED
    assert recipient.inbox_messages.filter(subject="Permit ready").exists()


def test_admin_site_sends_people_to_the_platform_login(client, db):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=%2Fadmin%2F"
    assert response.status_code == 200
