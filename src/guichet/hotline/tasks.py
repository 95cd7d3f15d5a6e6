"""Background work of the hotline: escalating late orders, closing unanswered surveys."""

from __future__ import annotations

from datetime import timedelta

from guichet.ops import periodic

from . import mail, services  # noqa: F401  (mail registers its own mailbox job)


@periodic.register("hotline.escalate", every=timedelta(minutes=10))
def escalate_overdue() -> int:
    # Urgent orders are due within hours, so the sweep runs often; each order is its own
    # short transaction.
    return services.escalate_overdue()


@periodic.register("hotline.close_quiet", every=timedelta(hours=6))
def close_quiet() -> int:
    return services.close_quiet()


@periodic.register("hotline.retrain", every=timedelta(days=7))
def retrain() -> int:
    """Weekly, from the requests closed since: the model follows the city's own words."""
    from . import classifier

    try:
        version, _metrics = classifier.retrain()
    except ValueError:
        return 0  # too little history yet; the dispatcher's queue carries on
    return version.version
