"""Writing and checking the audit trail; recording reads of personal data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from guichet.ops.context import current_request_context

from .models import GENESIS_HASH, AuditEvent, PersonalDataAccess

# One number for the advisory lock that serialises appends to the chain on PostgreSQL.
_CHAIN_LOCK_KEY = 7_305_112_345


def _actor_label(actor: Any) -> str:
    if actor is None:
        return "system"
    if isinstance(actor, str):
        return actor
    return getattr(actor, "login_name", "") or str(actor)


def _lock_chain() -> None:
    # SQLite runs every transaction IMMEDIATE (settings), which already serialises writers.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


@transaction.atomic
def record(
    *,
    action: str,
    actor: Any = None,
    target: Model | None = None,
    target_type: str = "",
    target_id: str | int = "",
    summary: dict | None = None,
    on_behalf_of: str = "",
) -> AuditEvent:
    """Append one event to the chain, in the caller's transaction."""
    context = current_request_context()
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or target.pk
    _lock_chain()
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor=actor if isinstance(actor, Model) else None,
        actor_label=_actor_label(actor),
        on_behalf_of=on_behalf_of,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        summary=summary or {},
        request_id=context.request_id,
        ip=context.ip,
        prev_hash=last or GENESIS_HASH,
    )
    # Store what the database will give back (JSON round trip), so the hash checks later.
    event.summary = _round_trip(event.summary)
    event.hash = event.compute_hash()
    event.save(force_insert=True)
    return event


def _round_trip(value: dict) -> dict:
    return json.loads(json.dumps(value, default=str))


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify_chain(*, chunk_size: int = 2000) -> tuple[int, ChainBreak | None]:
    """Walk the whole trail in order; return how many rows were checked and the first break."""
    expected_prev = GENESIS_HASH
    checked = 0
    for event in _events(chunk_size):
        checked += 1
        if event.prev_hash != expected_prev:
            return checked, ChainBreak(
                event.pk, "its predecessor is missing or was altered (previous hash differs)"
            )
        if event.compute_hash() != event.hash:
            return checked, ChainBreak(event.pk, "its content was altered (hash differs)")
        expected_prev = event.hash
    return checked, None


def _events(chunk_size: int) -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size)


@transaction.atomic
def record_personal_data_access(
    *,
    accessor: Any,
    subject_type: str,
    subject_id: str,
    data_kind: str,
    purpose: str,
    case_reference: str = "",
    organisation: str = "",
) -> PersonalDataAccess:
    """Staff opened a person's or company's data: say who, which data, and why."""
    if not purpose.strip():
        raise ValueError("A personal data access needs a purpose.")
    if subject_type not in PersonalDataAccess.Subject.values:
        raise ValueError(f"Unknown subject type {subject_type!r}.")
    return PersonalDataAccess.objects.create(
        occurred_at=timezone.now(),
        accessor=accessor if isinstance(accessor, Model) else None,
        accessor_label=_actor_label(accessor),
        organisation=organisation,
        subject_type=subject_type,
        subject_id=str(subject_id),
        data_kind=data_kind,
        purpose=purpose,
        case_reference=case_reference,
        request_id=current_request_context().request_id,
    )


def accesses_to(*, subject_type: str, subject_id: str):
    """Reads of one person's or company's data, newest first (for "who used my data")."""
    return PersonalDataAccess.objects.filter(subject_type=subject_type, subject_id=subject_id)


def history_of(target: Model):
    """Every audit event about one object, oldest first (a case's timeline)."""
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).order_by("id")
