"""Background work of centres: the day-before reminders and recording no-shows."""

from __future__ import annotations

from datetime import timedelta

from guichet.ops import periodic

from . import services


@periodic.register("centres.reminders", every=timedelta(hours=1))
def remind_tomorrow() -> int:
    # Hourly, though the reminder is daily: a worker that was down catches up within the hour,
    # and `reminded_at` keeps it to one reminder per appointment.
    return services.remind_tomorrow()


@periodic.register("centres.no_shows", every=timedelta(minutes=15))
def record_no_shows() -> int:
    return services.record_no_shows()
