"""Readiness: can this process serve real work right now?"""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from guichet.notify import selectors as notify_selectors

_migrations_seen_applied = False


def _pending_migrations() -> int:
    # Loading the migration graph reads every migration file; once a process has seen them
    # all applied it stays so (migrations run before new code is rolled out).
    global _migrations_seen_applied
    if _migrations_seen_applied:
        return 0
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_seen_applied = pending == 0
    return pending


def readiness() -> dict[str, dict]:
    checks: dict[str, dict] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = {"ok": True}
    except DatabaseError as error:
        checks["database"] = {"ok": False, "detail": str(error)[:200]}
        return checks
    pending = _pending_migrations()
    checks["migrations"] = {"ok": not pending, "pending": pending}
    age = notify_selectors.seconds_since_worker_heartbeat()
    checks["worker"] = {
        "ok": age is not None and age <= notify_selectors.HEARTBEAT_MAX_AGE,
        "seconds_since_heartbeat": None if age is None else round(age, 1),
    }
    return checks
