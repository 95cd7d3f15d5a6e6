"""What the platform does with its own notification events: inbox, e-mail, SMS."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail

from . import sms
from .models import InboxMessage, OutboxEvent
from .outbox import consumer


def _recipient(event: OutboxEvent):
    return get_user_model().objects.filter(pk=event.payload.get("user")).first()


@consumer("notify.message", name="notify.inbox")
def to_inbox(event: OutboxEvent) -> None:
    user = _recipient(event)
    if user is None or "inbox" not in event.payload.get("channels", []):
        return
    InboxMessage.objects.create(
        recipient=user,
        subject=event.payload["subject"][:200],
        body=event.payload.get("body", ""),
        link=event.payload.get("link", ""),
    )


@consumer("notify.message", name="notify.email")
def by_email(event: OutboxEvent) -> None:
    user = _recipient(event)
    if user is None or not user.email or "email" not in event.payload.get("channels", []):
        return
    send_mail(event.payload["subject"], event.payload.get("body", ""), None, [user.email])


@consumer("notify.message", name="notify.sms")
def by_sms(event: OutboxEvent) -> None:
    user = _recipient(event)
    if user is None or not user.phone or "sms" not in event.payload.get("channels", []):
        return
    sms.get_backend().send(to=user.phone, text=event.payload["subject"])


@consumer("notify.contact", name="notify.contact")
def to_contact(event: OutboxEvent) -> None:
    """Messages to people without an account: by e-mail and SMS, whichever they gave."""
    payload = event.payload
    text = payload["subject"] + (f"\n\n{payload['body']}" if payload.get("body") else "")
    if payload.get("link"):
        text += f"\n{settings.GUICHET_PUBLIC_BASE_URL.rstrip('/')}{payload['link']}"
    if payload.get("email"):
        send_mail(payload["subject"], text, None, [payload["email"]])
    if payload.get("phone"):
        sms.get_backend().send(to=payload["phone"], text=text[:300])
