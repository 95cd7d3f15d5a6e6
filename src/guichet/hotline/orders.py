"""Work orders: accepted or returned by whoever got them, replied to, escalated when late."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from guichet.audit import services as audit

from . import permissions
from .feedback import feedback_link
from .intake import add_update, check_files, store_attachments
from .models import Attachment, Request, WorkOrder
from .notices import dispatchers, leaders, supervisors_of, tell_reporter, tell_staff


def _locked(order: WorkOrder) -> WorkOrder:
    return WorkOrder.objects.select_for_update().select_related("request").get(pk=order.pk)


def _save(order: WorkOrder, *fields: str) -> None:
    order.save(update_fields=["state", "updated_at", *fields])


@transaction.atomic
def accept_order(order: WorkOrder, *, by) -> WorkOrder:
    """The handler takes the order on: the request is in progress."""
    order = _locked(order)
    permissions.require_handler(by, order)
    order.move_to(WorkOrder.State.ACCEPTED)
    order.accepted_at = timezone.now()
    order.handled_by = by
    _save(order, "accepted_at", "handled_by")
    request = order.request
    if request.state == Request.State.DISPATCHED:
        request.move_to(Request.State.IN_PROGRESS)
        request.save(update_fields=["state", "updated_at"])
        add_update(request, _("Being handled."))
    audit.record(action="hotline.order.accepted", actor=by, target=order, summary={})
    return order


@transaction.atomic
def return_order(order: WorkOrder, *, by, reason: str) -> WorkOrder:
    """Not ours: the order goes back, with the reason, to the dispatcher (and is counted)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the order is not yours."), code="reason-required")
    order = _locked(order)
    permissions.require_handler(by, order)
    order.move_to(WorkOrder.State.RETURNED)
    order.return_reason = reason
    order.handled_by = by
    _save(order, "return_reason", "handled_by")
    request = order.request
    still_held = request.orders.filter(
        state__in=[*WorkOrder.OPEN_STATES, WorkOrder.State.REPLIED]
    ).exists()
    if not still_held:
        request.move_to(Request.State.RECEIVED)
        request.save(update_fields=["state", "updated_at"])
        add_update(request, _("Being sent to the right service."))
    audit.record(
        action="hotline.order.returned", actor=by, target=order, summary={"reason": reason}
    )
    tell_staff(
        dispatchers(),
        "returned",
        link=reverse("hotline:dispatch", args=[request.number]),
        number=request.number,
        department=order.department_code or str(order.worker or ""),
        reason=reason,
    )
    return order


@transaction.atomic
def reply_order(
    order: WorkOrder, *, by, reply: str, resolution: str = "", files: Iterable = ()
) -> WorkOrder:
    """The handler's answer (with photos of the fix); the reporter hears once every part is done."""
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError(_("Write the reply to the reporter."), code="reply-required")
    checked = check_files(files)
    order = _locked(order)
    permissions.require_handler(by, order)
    if order.state == WorkOrder.State.ASSIGNED:
        order.move_to(WorkOrder.State.ACCEPTED)
        order.accepted_at = timezone.now()
    order.move_to(WorkOrder.State.REPLIED)
    order.reply, order.resolution = reply, (resolution or "").strip()
    order.replied_at = timezone.now()
    order.handled_by = by
    _save(order, "reply", "resolution", "replied_at", "handled_by", "accepted_at")
    request = Request.objects.select_for_update().get(pk=order.request_id)
    store_attachments(request, checked, purpose=Attachment.Purpose.RESOLUTION, order=order)
    audit.record(
        action="hotline.order.replied", actor=by, target=order, summary={"files": len(checked)}
    )
    if not request.orders.filter(state__in=WorkOrder.OPEN_STATES).exists():
        _reply_to_reporter(request)
    elif request.state == Request.State.DISPATCHED:
        request.move_to(Request.State.IN_PROGRESS)
        request.save(update_fields=["state", "updated_at"])
    return order


def _reply_to_reporter(request: Request) -> None:
    replies = [o.reply for o in request.orders.filter(state=WorkOrder.State.REPLIED).order_by("id")]
    if request.state == Request.State.DISPATCHED:  # replied without accepting first
        request.move_to(Request.State.IN_PROGRESS)
    request.move_to(Request.State.REPLIED)
    request.reply = "\n\n".join(replies)
    request.replied_at = timezone.now()
    request.save(update_fields=["state", "reply", "replied_at", "updated_at"])
    add_update(request, request.reply)
    audit.record(action="hotline.request.replied", actor="hotline", target=request, summary={})
    tell_reporter(request, "answered", reply=request.reply, feedback_link=feedback_link(request))


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def escalate_overdue(now: datetime | None = None) -> int:
    """Late orders go to the department's supervisor, and if still late to the city leaders.

    The second step comes when the order is late by its whole allowed time once more. Each order
    is escalated in its own short transaction so one sweep never holds the table.
    """
    now = now or timezone.now()
    moved = 0
    late = WorkOrder.objects.filter(
        state__in=WorkOrder.OPEN_STATES, due_at__lt=now, escalation__lt=2
    ).values_list("pk", "due_at", "created_at", "escalation")
    for pk, due_at, created_at, escalation in list(late):
        level = 1 if escalation == 0 else 2
        if level == 2 and now < due_at + (due_at - created_at):
            continue
        with transaction.atomic():
            order = WorkOrder.objects.select_for_update().select_related("request").get(pk=pk)
            if order.state not in WorkOrder.OPEN_STATES or order.escalation >= level:
                continue
            order.escalation = level
            order.save(update_fields=["escalation", "updated_at"])
            audit.record(
                action="hotline.order.escalated",
                actor="deadline",
                target=order,
                summary={"level": level},
            )
            tell_staff(
                leaders() if level == 2 else supervisors_of(order),
                "overdue_leaders" if level == 2 else "overdue",
                link=reverse("hotline:order", args=[order.number]),
                number=order.number,
                title=order.request.title,
                due=_when(order.due_at),
            )
            moved += 1
    return moved
