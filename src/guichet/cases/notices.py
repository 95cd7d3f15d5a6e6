"""What the applicant and staff are told at each step, in their own language."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guichet.notify import services as notify

from .models import Case

APPLICANT_NOTICES = {
    "submitted": (
        _("Application %(number)s received"),
        _("We received your application %(number)s. A clerk checks it next."),
    ),
    "accepted": (
        _("Application %(number)s accepted"),
        _("Your application %(number)s was accepted; the departments review it now."),
    ),
    "returned": (
        _("Application %(number)s needs a correction"),
        _("Your application %(number)s was returned: %(reason)s"),
    ),
    "question": (
        _("A question about application %(number)s"),
        _("A department asks: %(question)s. The clock stops until you answer."),
    ),
    "decided": (
        _("Decision on application %(number)s"),
        _("The departments decided on your application %(number)s. Open it to see the result."),
    ),
    "issued": (
        _("Certificate ready for application %(number)s"),
        _("Your certificate for application %(number)s has been issued."),
    ),
    "delivered": (
        _("Certificate sent for application %(number)s"),
        _(
            "Your certificate for application %(number)s is on its way or was handed over. "
            "Please confirm you received it."
        ),
    ),
    "reminder": (
        _("Documents still missing for application %(number)s"),
        _(
            "Please supply %(documents)s for application %(number)s by %(due)s, "
            "or that part of the application is suspended."
        ),
    ),
    "suspended": (
        _("Part of application %(number)s suspended"),
        _("%(documents)s did not arrive in time: that part of your application is suspended."),
    ),
}


def tell_applicant(case: Case, event: str, **params) -> None:
    recipient = case.owner or (case.applicant.user if case.applicant.user_id else None)
    if recipient is None:
        return  # a walk-in visitor without an account hears it at the window
    subject, body = APPLICANT_NOTICES[event]
    notify.notify(
        recipient,
        subject=subject,
        body=body,
        params={"number": case.number, **{k: str(v) for k, v in params.items()}},
        link=reverse("cases:detail", args=[case.number]),
    )


def tell_staff(users, *, subject, body, params: dict, link: str = "") -> None:
    for user in users:
        notify.notify(user, subject=subject, body=body, params=params, link=link)
