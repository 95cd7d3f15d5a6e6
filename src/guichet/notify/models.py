"""The transactional outbox, consumer receipts, the in-app inbox and the worker heartbeat."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxEvent(models.Model):
    """Something happened; written in the same transaction as the change that caused it."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed (gave up)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    topic = models.CharField(max_length=80, db_index=True)
    payload = models.JSONField(default=dict)
    # Consumers apply an event once per key, however many times it is delivered.
    idempotency_key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.topic} [{self.state}]"


class ConsumerReceipt(models.Model):
    """Consumer X has applied the event with key K: written with the consumer's own effect."""

    consumer = models.CharField(max_length=120)
    idempotency_key = models.CharField(max_length=120)
    applied_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["consumer", "idempotency_key"], name="receipt_once")
        ]

    def __str__(self) -> str:
        return f"{self.consumer} applied {self.idempotency_key}"


class InboxMessage(models.Model):
    """A message in a user's in-app inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_messages"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "-created_at"])]

    def __str__(self) -> str:
        return self.subject


class WorkerHeartbeat(models.Model):
    """Each worker process writes its row every few seconds; /readyz reads the newest."""

    worker = models.CharField(max_length=120, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker} at {self.seen_at:%H:%M:%S}"
