from __future__ import annotations

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from .models import InboxMessage, WorkerHeartbeat

HEARTBEAT_MAX_AGE = settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS


def inbox_of(user):
    return InboxMessage.objects.filter(recipient=user)


def unread_count(user) -> int:
    return InboxMessage.objects.filter(recipient=user, read_at__isnull=True).count()


def seconds_since_worker_heartbeat() -> float | None:
    newest = WorkerHeartbeat.objects.aggregate(newest=Max("seen_at"))["newest"]
    return None if newest is None else (timezone.now() - newest).total_seconds()
