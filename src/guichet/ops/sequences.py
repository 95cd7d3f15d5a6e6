"""Readable numbers (case, credential, ticket numbers) that are unique and never reused.

The counter row is locked inside the caller's transaction, so a number is only taken when
the thing that carries it is written too; a rolled-back transaction gives its number back
before anyone has seen it.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from .models import NumberSequence


def next_number(prefix: str) -> int:
    """The next number under `prefix` (1, 2, …); call it inside the transaction that uses it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that uses the number.")
    NumberSequence.objects.get_or_create(prefix=prefix)
    # An UPDATE takes the row lock on PostgreSQL; SQLite runs IMMEDIATE transactions.
    NumberSequence.objects.filter(prefix=prefix).update(last=F("last") + 1)
    return NumberSequence.objects.values_list("last", flat=True).get(prefix=prefix)
