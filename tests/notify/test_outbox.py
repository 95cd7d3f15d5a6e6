"""Events leave in the same transaction as their cause and take effect once, retries or not."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from guichet.notify import outbox
from guichet.notify.models import ConsumerReceipt, InboxMessage, OutboxEvent
from guichet.notify.sms import MemorySmsBackend


@pytest.fixture
def flaky_consumer():
    """A consumer that fails its first two deliveries, then writes an inbox message."""
    calls = {"n": 0}

    @outbox.consumer("test.flaky", name="test.flaky")
    def apply(event):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise ConnectionError("peer down")
        InboxMessage.objects.create(recipient_id=event.payload["user"], subject="applied")

    yield calls
    outbox.unregister("test.flaky")


def test_event_whose_first_two_deliveries_fail_takes_effect_exactly_once(
    make_user, flaky_consumer, django_capture_on_commit_callbacks
):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        event = outbox.emit("test.flaky", {"user": user.pk})
    event.refresh_from_db()
    assert (event.state, event.attempts) == (OutboxEvent.State.PENDING, 1)
    assert event.next_attempt_at > timezone.now()
    assert "peer down" in event.last_error

    outbox.deliver(event.pk)  # second failure
    event.refresh_from_db()
    assert (event.state, event.attempts) == (OutboxEvent.State.PENDING, 2)

    outbox.deliver(event.pk)  # third try succeeds
    outbox.deliver(event.pk)  # a duplicate delivery of the same event
    event.refresh_from_db()
    assert (event.state, event.attempts) == (OutboxEvent.State.DELIVERED, 3)
    assert InboxMessage.objects.filter(recipient=user, subject="applied").count() == 1
    assert flaky_consumer["n"] == 3


def test_redelivered_event_is_not_applied_twice_by_a_consumer(make_user):
    user = make_user()
    applied = []

    @outbox.consumer("test.once", name="test.once")
    def apply(event):
        applied.append(event.pk)

    try:
        event = outbox.emit("test.once", {"user": user.pk})
        outbox.deliver(event.pk)
        OutboxEvent.objects.filter(pk=event.pk).update(state=OutboxEvent.State.PENDING)
        outbox.deliver(event.pk)  # at-least-once delivery hands it over again
    finally:
        outbox.unregister("test.once")
    assert applied == [event.pk]
    assert ConsumerReceipt.objects.filter(idempotency_key=event.idempotency_key).count() == 1


def test_event_rolled_back_with_its_cause_is_never_delivered(make_user):
    user = make_user()
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.emit("notify.message", {"user": user.pk, "subject": "ghost", "channels": ["inbox"]})
        raise RuntimeError("the state change failed")
    assert not OutboxEvent.objects.exists()


def test_retries_back_off_exponentially(settings):
    settings.OUTBOX_RETRY_BASE_SECONDS = 10
    waits = [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4)]
    for n, wait in enumerate(waits):
        assert 10 * 2**n <= wait <= 10 * 2**n * 1.25


def test_sweeper_delivers_due_retries_and_lost_first_deliveries(make_user, flaky_consumer):
    user = make_user()
    event = outbox.emit("test.flaky", {"user": user.pk})  # no on-commit: its task is "lost"
    assert outbox.sweep() == 0  # a fresh event is left to its queued task for a while
    OutboxEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(minutes=1))
    outbox.sweep()
    outbox.sweep()  # the retry is not due yet
    event.refresh_from_db()
    assert event.attempts == 1
    OutboxEvent.objects.filter(pk=event.pk).update(next_attempt_at=timezone.now())
    outbox.sweep()
    OutboxEvent.objects.filter(pk=event.pk).update(next_attempt_at=timezone.now())
    assert outbox.sweep() == 1
    event.refresh_from_db()
    assert event.state == OutboxEvent.State.DELIVERED


def test_event_is_given_up_after_the_maximum_attempts(settings, make_user):
    settings.OUTBOX_MAX_ATTEMPTS = 2

    @outbox.consumer("test.dead", name="test.dead")
    def apply(event):
        raise ValueError("always")

    try:
        event = outbox.emit("test.dead", {})
        outbox.deliver(event.pk)
        outbox.deliver(event.pk)
    finally:
        outbox.unregister("test.dead")
    event.refresh_from_db()
    assert event.state == OutboxEvent.State.FAILED
    assert "always" in event.last_error


def test_notification_reaches_inbox_email_and_sms_in_the_users_language(
    make_user, django_capture_on_commit_callbacks
):
    from django.utils.translation import gettext_lazy as _

    from guichet.notify import services as notify

    user = make_user(phone="+8613800000009", preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        notify.notify(
            user, subject=_("Your messages"), body="Bonjour %(name)s", params={"name": "Li"}
        )
    message = InboxMessage.objects.get(recipient=user)
    assert message.subject == "Vos messages"  # rendered in French, the user's language
    assert message.body == "Bonjour Li"
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert MemorySmsBackend.outbox == [{"to": "+8613800000009", "text": message.subject}]
