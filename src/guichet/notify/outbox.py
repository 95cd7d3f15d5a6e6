"""The transactional outbox: emit in the caller's transaction, deliver at least once.

Each consumer applies an event once in effect: its receipt (consumer, idempotency key) is
written in the same transaction as its effect, so a redelivery finds the receipt and skips.
Retries back off exponentially; the worker's sweeper delivers what is due.
"""

from __future__ import annotations

import logging
import random
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import ConsumerReceipt, OutboxEvent

logger = logging.getLogger("guichet.outbox")

# A freshly emitted event is queued as a task on commit; the sweeper waits this long before
# assuming the task was lost (the process died between commit and enqueue).
FIRST_DELIVERY_GRACE = timedelta(seconds=30)


@dataclass(frozen=True)
class Consumer:
    name: str
    topic: str
    apply: Callable[[OutboxEvent], None]


_consumers: dict[str, list[Consumer]] = defaultdict(list)


def consumer(topic: str, *, name: str | None = None):
    """Register a function that applies events of one topic (`*` for every topic)."""

    def register(fn: Callable[[OutboxEvent], None]):
        entry = Consumer(name=name or f"{fn.__module__}.{fn.__qualname__}", topic=topic, apply=fn)
        if all(existing.name != entry.name for existing in _consumers[topic]):
            _consumers[topic].append(entry)
        return fn

    return register


def unregister(name: str) -> None:
    for entries in _consumers.values():
        entries[:] = [entry for entry in entries if entry.name != name]


def consumers_for(topic: str) -> list[Consumer]:
    return [*_consumers.get(topic, []), *_consumers.get("*", [])]


def emit(topic: str, payload: dict | None = None, *, key: str | None = None) -> OutboxEvent:
    """Record an event in the current transaction; it is queued for delivery after commit."""
    event = OutboxEvent.objects.create(
        topic=topic, payload=payload or {}, idempotency_key=key or f"{topic}:{uuid.uuid4().hex}"
    )
    transaction.on_commit(lambda: _enqueue(event.pk))
    return event


def _enqueue(event_id) -> None:
    from .tasks import deliver_event

    try:
        deliver_event.enqueue(str(event_id))
    except Exception:
        # The sweeper will deliver it; losing the enqueue must not fail the request.
        logger.exception("outbox enqueue failed", extra={"event": str(event_id)})


def backoff(attempts: int) -> timedelta:
    """Exponential backoff with jitter: base, 2×base, 4×base… capped at six hours."""
    base = settings.OUTBOX_RETRY_BASE_SECONDS
    seconds = min(base * (2 ** max(attempts - 1, 0)), 6 * 3600)
    return timedelta(seconds=seconds * random.uniform(1.0, 1.25))  # noqa: S311


def _apply_once(entry: Consumer, event: OutboxEvent) -> None:
    try:
        with transaction.atomic():
            _, created = ConsumerReceipt.objects.get_or_create(
                consumer=entry.name, idempotency_key=event.idempotency_key
            )
            if created:
                entry.apply(event)
    except IntegrityError:
        # Another worker applied it at the same moment: its receipt won.
        pass


def deliver(event_id) -> OutboxEvent | None:
    """One delivery attempt of one event to every consumer of its topic."""
    event = OutboxEvent.objects.filter(pk=event_id, state=OutboxEvent.State.PENDING).first()
    if event is None:
        return None
    errors = []
    for entry in consumers_for(event.topic):
        try:
            _apply_once(entry, event)
        except Exception as error:
            logger.warning(
                "outbox consumer failed", extra={"consumer": entry.name, "event": str(event.pk)}
            )
            errors.append(f"{entry.name}: {error!r}"[:500])
    with transaction.atomic():
        event = OutboxEvent.objects.select_for_update().get(pk=event.pk)
        if event.state != OutboxEvent.State.PENDING:
            return event
        event.attempts += 1
        now = timezone.now()
        if not errors:
            event.state, event.delivered_at, event.last_error = (
                OutboxEvent.State.DELIVERED,
                now,
                "",
            )
        elif event.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            event.state, event.last_error = OutboxEvent.State.FAILED, "\n".join(errors)
        else:
            event.next_attempt_at, event.last_error = (
                now + backoff(event.attempts),
                "\n".join(errors),
            )
        event.save()
    return event


def due_events(*, limit: int = 100):
    now = timezone.now()
    return (
        OutboxEvent.objects.filter(state=OutboxEvent.State.PENDING, next_attempt_at__lte=now)
        .filter(Q(attempts__gt=0) | Q(created_at__lte=now - FIRST_DELIVERY_GRACE))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def sweep(*, limit: int = 100) -> int:
    """Deliver what is due (retries, and first deliveries whose task was lost)."""
    delivered = 0
    for event_id in list(due_events(limit=limit)):
        event = deliver(event_id)
        delivered += bool(event and event.state == OutboxEvent.State.DELIVERED)
    return delivered


def retry_now(events) -> int:
    """An operator fixed the cause: deliver these pending or failed events at once."""
    ids = list(events.exclude(state=OutboxEvent.State.DELIVERED).values_list("pk", flat=True))
    OutboxEvent.objects.filter(pk__in=ids).update(
        state=OutboxEvent.State.PENDING, next_attempt_at=timezone.now()
    )
    for event_id in ids:
        transaction.on_commit(lambda event_id=event_id: _enqueue(event_id))
    return len(ids)
