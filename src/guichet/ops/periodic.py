"""Jobs the worker runs every so often (deadline sweeps, reminders).

Apps register a function with an interval; every worker calls `run_due()` from its sweep
loop, and the shared `PeriodicRun` row makes sure one of them runs each job per interval.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from .models import PeriodicRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[], object]


_jobs: dict[str, Job] = {}


def register(name: str, *, every: timedelta):
    """Decorator: run this function at most once per `every`, on any one worker."""

    def wrap(fn: Callable[[], object]):
        _jobs[name] = Job(name, every, fn)
        return fn

    return wrap


def jobs() -> list[Job]:
    return list(_jobs.values())


def run_due() -> list[str]:
    """Run every job whose interval has passed; returns the names that ran."""
    ran = []
    for job in jobs():
        try:
            if _run_if_due(job):
                ran.append(job.name)
        except Exception:
            logger.exception("periodic job %s failed", job.name)
    return ran


@transaction.atomic
def _run_if_due(job: Job) -> bool:
    PeriodicRun.objects.get_or_create(name=job.name)
    rows = PeriodicRun.objects.filter(name=job.name)
    if connection.vendor == "postgresql":
        rows = rows.select_for_update(skip_locked=True)  # another worker is on it
    run = rows.first()
    now = timezone.now()
    if run is None or (run.last_run_at and now - run.last_run_at < job.every):
        return False
    job.run()
    run.last_run_at = now
    run.save(update_fields=["last_run_at"])
    return True
