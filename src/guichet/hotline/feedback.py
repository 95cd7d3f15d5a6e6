"""The satisfaction call-back: happy closes, unhappy reopens once, then a supervisor decides."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.audit import services as audit

from . import permissions
from .intake import add_update
from .models import Feedback, Request, WorkOrder
from .notices import handlers_of, leaders, supervisors_of, tell_reporter, tell_staff

_SALT = "guichet.hotline.feedback"
LINK_DAYS = 30


def feedback_token(request: Request) -> str:
    return signing.dumps({"r": request.pk, "round": request.reopen_count + 1}, salt=_SALT)


def feedback_link(request: Request) -> str:
    return settings.GUICHET_PUBLIC_BASE_URL.rstrip("/") + reverse(
        "hotline:feedback", args=[feedback_token(request)]
    )


def request_for_feedback_token(token: str) -> Request:
    """The request a feedback link stands for; a forged or old link is refused."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=timedelta(days=LINK_DAYS))
        return Request.objects.get(pk=data["r"])
    except (signing.BadSignature, KeyError, TypeError, Request.DoesNotExist):
        raise ValidationError(
            _("This link is not valid or has expired. Call 12345 to tell us how it went."),
            code="bad-link",
        ) from None


def _close(request: Request, *, by=None, note: str = "") -> None:
    request.move_to(Request.State.CLOSED)
    request.closed_at = timezone.now()
    request.save(update_fields=["state", "closed_at", "updated_at"])
    add_update(request, note or _("Closed."))
    audit.record(action="hotline.request.closed", actor=by or "hotline", target=request, summary={})
    for duplicate in request.duplicates.filter(state=Request.State.DUPLICATE):
        duplicate.move_to(Request.State.CLOSED)
        duplicate.closed_at = request.closed_at
        duplicate.reply = request.reply
        duplicate.save(update_fields=["state", "closed_at", "reply", "updated_at"])
        add_update(duplicate, request.reply)
        audit.record(
            action="hotline.request.closed",
            actor="hotline",
            target=duplicate,
            summary={"with": request.number},
        )
        tell_reporter(duplicate, "parent_resolved", parent=request.number, reply=request.reply)


def _reopen(request: Request, *, comment: str) -> None:
    request.move_to(Request.State.IN_PROGRESS)
    request.reopen_count += 1
    request.save(update_fields=["state", "reopen_count", "updated_at"])
    from .dispatch import due_for

    due = due_for(request.kind, request.urgency, timezone.now())
    for order in request.orders.filter(state=WorkOrder.State.REPLIED):
        order.move_to(WorkOrder.State.ACCEPTED)
        order.feedback = comment
        order.due_at, order.escalation = due, 0
        order.save(update_fields=["state", "feedback", "due_at", "escalation", "updated_at"])
        audit.record(action="hotline.order.reopened", actor="reporter", target=order, summary={})
        tell_staff(
            handlers_of(order),
            "reopened",
            link=reverse("hotline:order", args=[order.number]),
            number=request.number,
            comment=comment or "—",
        )
    add_update(request, _("Open again: the reporter was not satisfied."))
    tell_reporter(request, "reopened")


@transaction.atomic
def record_feedback(
    request: Request,
    *,
    rating: int,
    resolved: bool,
    comment: str = "",
    useful: bool | None = None,
    how: str,
    by=None,
) -> Feedback:
    """The reporter's answer: 1–5 and whether it is solved."""
    if how == Feedback.How.CALL:
        permissions.require_call_centre(by)
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.state != Request.State.REPLIED:
        raise ValidationError(
            _("This request is not waiting for your opinion."), code="not-awaiting-feedback"
        )
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError(_("Give a mark from 1 to 5."), code="invalid-rating")
    round_ = request.reopen_count + 1
    if request.feedback.filter(round=round_).exists():
        raise ValidationError(_("This answer was already given."), code="already-answered")
    feedback = Feedback.objects.create(
        request=request,
        round=round_,
        rating=rating,
        resolved=bool(resolved),
        useful=useful,
        comment=(comment or "").strip()[:2000],
        how=how,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit.record(
        action="hotline.request.feedback",
        actor=by or "reporter",
        target=request,
        summary={"rating": rating, "resolved": bool(resolved), "round": round_},
    )
    if feedback.happy:
        _close(request, by=by)
        return feedback
    request.unhappy_count += 1
    request.save(update_fields=["unhappy_count", "updated_at"])
    if request.reopen_count == 0:
        _reopen(request, comment=feedback.comment)
        return feedback
    request.move_to(Request.State.ESCALATED)
    request.save(update_fields=["state", "updated_at"])
    add_update(request, _("Passed to a supervisor."))
    audit.record(action="hotline.request.escalated", actor="reporter", target=request, summary={})
    orders = list(request.orders.filter(state=WorkOrder.State.REPLIED))
    supervisors = {u for order in orders for u in supervisors_of(order)} or set(leaders())
    tell_staff(
        supervisors,
        "unhappy_twice",
        link=reverse("hotline:request", args=[request.number]),
        number=request.number,
        comment=feedback.comment or "—",
    )
    return feedback


@transaction.atomic
def supervisor_decide(request: Request, *, by, reopen: bool, note: str) -> Request:
    """After a second unhappy answer: close with an explanation, or send it back once more."""
    if not permissions.can_supervise(by, request):
        raise PermissionDenied("not-your-department")
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Write what you decided and why."), code="note-required")
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.state != Request.State.ESCALATED:
        raise ValidationError(
            _("This request is not waiting for a supervisor."), code="not-escalated"
        )
    audit.record(
        action="hotline.request.supervised", actor=by, target=request, summary={"reopen": reopen}
    )
    if reopen:
        _reopen(request, comment=note)
    else:
        request.reply = f"{request.reply}\n\n{note}".strip()
        request.save(update_fields=["reply", "updated_at"])
        _close(request, by=by, note=note)
        tell_reporter(request, "closed")
    return request


def close_quiet(now: datetime | None = None) -> int:
    """Replies nobody answered for GUICHET_HOTLINE_FEEDBACK_DAYS close by themselves."""
    limit = (now or timezone.now()) - timedelta(days=settings.GUICHET_HOTLINE_FEEDBACK_DAYS)
    closed = 0
    pks = Request.objects.filter(state=Request.State.REPLIED, replied_at__lt=limit).values_list(
        "pk", flat=True
    )
    for pk in list(pks):
        with transaction.atomic():
            request = Request.objects.select_for_update().get(pk=pk)
            if request.state == Request.State.REPLIED:
                _close(request, note=_("Closed: no answer to the satisfaction survey."))
                closed += 1
    return closed
