"""Background work of applications: the deadline sweep, run by the worker every hour."""

from __future__ import annotations

from datetime import timedelta

from guichet.ops import periodic

from . import deadlines


@periodic.register("cases.deadlines", every=timedelta(hours=1))
def sweep_deadlines() -> dict[str, int]:
    return deadlines.sweep()
