"""Background work of applications: the hourly deadline sweep, the daily form-token purge."""

from __future__ import annotations

from datetime import timedelta

from guichet.ops import periodic

from . import deadlines, services


@periodic.register("cases.deadlines", every=timedelta(hours=1))
def sweep_deadlines() -> dict[str, int]:
    return deadlines.sweep()


@periodic.register("cases.form_tokens", every=timedelta(days=1))
def purge_form_tokens() -> int:
    return services.purge_form_tokens()
