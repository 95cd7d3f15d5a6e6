"""Telling people things: in their inbox, by e-mail and by SMS, in their own language."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone, translation

from . import outbox
from .models import InboxMessage, WorkerHeartbeat

CHANNELS = ("inbox", "email", "sms")


@transaction.atomic
def notify(
    user,
    *,
    subject,
    body="",
    link: str = "",
    channels: Iterable[str] = CHANNELS,
    params: dict | None = None,
    key: str | None = None,
):
    """Queue a message to one user, rendered now in the user's preferred language.

    ``subject`` and ``body`` may be lazy translations with ``%(name)s`` placeholders filled
    from ``params``; delivery happens after commit, through the outbox.
    """
    channels = [c for c in channels if c in CHANNELS]
    # Links in messages point inside the platform only: no open redirects by message.
    if not link.startswith("/") or link.startswith("//"):
        link = ""
    with translation.override(user.preferred_language or "en"):
        rendered_subject = str(subject) % (params or {}) if params else str(subject)
        rendered_body = str(body) % (params or {}) if params else str(body)
    return outbox.emit(
        "notify.message",
        {
            "user": user.pk,
            "subject": rendered_subject,
            "body": rendered_body,
            "link": link,
            "channels": channels,
        },
        key=key,
    )


@transaction.atomic
def notify_contact(
    *,
    email: str = "",
    phone: str = "",
    language: str = "en",
    subject,
    body="",
    link: str = "",
    params: dict | None = None,
    key: str | None = None,
):
    """Queue a message to someone who has no account (a hotline caller): e-mail and/or SMS.

    Rendered now in ``language``; links must be absolute platform paths like in `notify`.
    """
    if not email and not phone:
        return None
    if not link.startswith("/") or link.startswith("//"):
        link = ""
    with translation.override(language or "en"):
        rendered_subject = str(subject) % (params or {}) if params else str(subject)
        rendered_body = str(body) % (params or {}) if params else str(body)
    return outbox.emit(
        "notify.contact",
        {
            "email": email,
            "phone": phone,
            "subject": rendered_subject,
            "body": rendered_body,
            "link": link,
        },
        key=key,
    )


@transaction.atomic
def mark_read(message: InboxMessage, *, user) -> InboxMessage:
    if message.recipient_id != user.pk:
        raise PermissionError("Not your message.")
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return message


def beat(worker: str | None = None) -> None:
    """The worker is alive: /readyz wants to have heard this within a minute."""
    name = worker or f"{socket.gethostname()}:{os.getpid()}"
    WorkerHeartbeat.objects.update_or_create(worker=name, defaults={"seen_at": timezone.now()})
