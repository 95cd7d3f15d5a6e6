"""What the hotline tells reporters and staff, in their own language, through the outbox."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.notify import services as notify

from .models import Request, WorkOrder

REPORTER_NOTICES = {
    "received": (
        _("12345: we received your request %(number)s"),
        _("Keep this number to follow your request. We will tell you when it is answered."),
    ),
    "answered": (
        _("12345: your request %(number)s is answered"),
        _("%(reply)s\n\nWas the problem solved? Tell us in one minute: %(feedback_link)s"),
    ),
    "reopened": (
        _("12345: your request %(number)s is open again"),
        _("Thank you for your answer. The department will look at it again."),
    ),
    "parent_resolved": (
        _("12345: the problem you reported (%(number)s) is resolved"),
        _("Your request was handled together with %(parent)s. %(reply)s"),
    ),
    "closed": (
        _("12345: your request %(number)s is closed"),
        _("Thank you for helping us serve the city."),
    ),
}

STAFF_NOTICES = {
    "order": (
        _("New hotline work order %(number)s"),
        _("%(title)s — due %(due)s."),
    ),
    "returned": (
        _("Hotline request %(number)s returned by %(department)s"),
        _("Reason: %(reason)s. It is back in the dispatcher's queue."),
    ),
    "overdue": (
        _("Hotline work order %(number)s is overdue"),
        _("%(title)s — it was due %(due)s."),
    ),
    "overdue_leaders": (
        _("Hotline work order %(number)s is still overdue"),
        _("%(title)s — due %(due)s, escalated to the city leaders' list."),
    ),
    "reopened": (
        _("Hotline request %(number)s reopened by the reporter"),
        _("The reporter was not satisfied: %(comment)s"),
    ),
    "unhappy_twice": (
        _("Hotline request %(number)s needs a supervisor"),
        _("The reporter was not satisfied a second time: %(comment)s"),
    ),
}


def tell_reporter(request: Request, event: str, **params) -> None:
    subject, body = REPORTER_NOTICES[event]
    values = {"number": request.number, **{k: str(v) for k, v in params.items()}}
    if request.reporter_id:
        notify.notify(
            request.reporter,
            subject=subject,
            body=body,
            params=values,
            link=reverse("hotline:track", args=[request.number]),
        )
        return
    notify.notify_contact(
        email=request.reporter_email,
        phone=request.reporter_phone,
        language=request.language or "zh-hans",
        subject=subject,
        body=body,
        params=values,
        link=reverse("hotline:track", args=[request.number]),
    )


def tell_staff(users, event: str, *, link: str = "", **params) -> None:
    subject, body = STAFF_NOTICES[event]
    values = {k: str(v) for k, v in params.items()}
    for user in users:
        notify.notify(user, subject=subject, body=body, params=values, link=link)


def handlers_of(order: WorkOrder) -> list:
    if order.worker_id:
        return [order.worker]
    return accounts.members_of(Role.DEPARTMENT_REVIEWER, order.department_code)


def supervisors_of(order: WorkOrder) -> list:
    code = order.department_code or (
        order.request.category.department_code if order.request.category_id else ""
    )
    return accounts.members_of(Role.DEPARTMENT_SUPERVISOR, code) if code else []


def dispatchers() -> list:
    return accounts.members_of(Role.DISPATCHER, "")


def leaders() -> list:
    return accounts.members_of(Role.CITY_LEADER, "")
