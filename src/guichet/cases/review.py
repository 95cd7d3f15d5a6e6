"""Parallel review by departments, decisions per item, issuance and delivery."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.accounts.roles import Role
from guichet.audit import services as audit
from guichet.datahub import services as datahub

from . import deadlines, permissions
from .models import Case, Item, Material, Pause, ReviewTask
from .notices import tell_applicant


class Decision:
    APPROVE = "approve"
    REFUSE = "refuse"
    ASK = "ask"
    SEND_BACK = "send_back"
    ALL = (APPROVE, REFUSE, ASK, SEND_BACK)


@transaction.atomic
def decide(task: ReviewTask, *, reviewer, decision: str, text: str = "") -> ReviewTask:
    """One department's verdict on its part of an item."""
    task = ReviewTask.objects.select_for_update().select_related("department").get(pk=task.pk)
    permissions.require_task_department(reviewer, task)
    if decision not in Decision.ALL:
        raise ValidationError(_("Unknown decision."), code="decision")
    if decision != Decision.APPROVE and not text.strip():
        raise ValidationError(_("Give the reason or the question."), code="reason")
    item = Item.objects.select_for_update().select_related("case").get(pk=task.item_id)
    case = item.case
    if case.state != Case.State.IN_REVIEW or item.state != Item.State.IN_REVIEW:
        raise ValidationError(_("This item is not under review."), code="state")
    if decision == Decision.APPROVE:
        _require_tolerated_documents(item)
    target = {
        Decision.APPROVE: ReviewTask.State.APPROVED,
        Decision.REFUSE: ReviewTask.State.REFUSED,
        Decision.ASK: ReviewTask.State.WAITING,
        Decision.SEND_BACK: ReviewTask.State.SENT_BACK,
    }[decision]
    task.move_to(target)
    task.decided_by, task.decided_at = reviewer, timezone.now()
    if decision == Decision.ASK:
        task.question, task.answer = text.strip(), ""
    else:
        task.reason = text.strip()
    task.save()
    audit.record(
        action=f"review.{decision}",
        actor=reviewer,
        target=case,
        summary={"item": item.position, "department": task.department.code, "text": text[:500]},
    )
    if decision == Decision.ASK:
        Pause.objects.create(item=item, task=task, started_on=timezone.localdate())
        deadlines.recompute(item)
        tell_applicant(case, "question", question=task.question)
    elif decision == Decision.SEND_BACK:
        _send_back(case, item, reviewer=reviewer)
    else:
        _settle(item, actor=reviewer)
    return task


def _require_tolerated_documents(item: Item) -> None:
    """A document whose absence was tolerated at acceptance must arrive before approval."""
    awaited = item.materials.filter(
        verdict=Material.Verdict.TOLERATED, source=Material.Source.MISSING
    ).select_related("evidence_type")
    if awaited:
        raise ValidationError(
            _("Approval waits for documents tolerated at acceptance: %(documents)s."),
            code="awaiting-documents",
            params={"documents": ", ".join(str(m.evidence_type) for m in awaited)},
        )


@transaction.atomic
def answer(task: ReviewTask, *, by, text: str) -> ReviewTask:
    """The applicant answers a department's question; the item's clock runs again."""
    task = ReviewTask.objects.select_for_update().get(pk=task.pk)
    case = task.item.case
    permissions.require_owner(by, case)
    if task.state != ReviewTask.State.WAITING:
        raise ValidationError(_("There is no open question here."), code="state")
    if not text.strip():
        raise ValidationError(_("Write your answer."), code="answer")
    task.move_to(ReviewTask.State.OPEN)
    task.answer = text.strip()
    task.save(update_fields=["state", "answer"])
    Pause.objects.filter(task=task, ended_on__isnull=True).update(ended_on=timezone.localdate())
    deadlines.recompute(task.item)
    audit.record(
        action="review.answered", actor=by, target=case, summary={"item": task.item.position}
    )
    return task


def _send_back(case: Case, item: Item, *, reviewer) -> None:
    """Acceptance was wrong: the case goes back to the clerks; the other tasks stop."""
    ReviewTask.objects.filter(
        item__case=case, state__in=[ReviewTask.State.OPEN, ReviewTask.State.WAITING]
    ).update(state=ReviewTask.State.CANCELLED)
    Pause.objects.filter(item__case=case, ended_on__isnull=True).update(
        ended_on=timezone.localdate()
    )
    for other in case.items.filter(state=Item.State.IN_REVIEW):
        other.move_to(Item.State.PENDING)
        other.due_on = None
        other.save(update_fields=["state", "due_on"])
    case.move_to(Case.State.RESUBMITTED)
    case.save(update_fields=["state", "updated_at"])
    audit.record(action="case.sent_back", actor=reviewer, target=case, summary={})


def _settle(item: Item, *, actor) -> None:
    """An item is decided once all its tasks are; one refusal refuses it."""
    tasks = list(item.tasks.exclude(state=ReviewTask.State.CANCELLED).select_related("department"))
    refusals = [t for t in tasks if t.state == ReviewTask.State.REFUSED]
    if refusals:
        item.move_to(Item.State.REFUSED)
        item.decision_reason = "\n".join(
            f"{t.department.display_name}: {t.reason}" for t in refusals
        )
        ReviewTask.objects.filter(
            item=item, state__in=[ReviewTask.State.OPEN, ReviewTask.State.WAITING]
        ).update(state=ReviewTask.State.CANCELLED)
    elif all(t.state == ReviewTask.State.APPROVED for t in tasks):
        item.move_to(Item.State.APPROVED)
    else:
        return
    item.decided_at = timezone.now()
    item.save(update_fields=["state", "decision_reason", "decided_at"])
    audit.record(
        action=f"item.{item.state}",
        actor=actor,
        target=item.case,
        summary={"item": item.position, "reason": item.decision_reason},
    )
    _settle_case(item.case, actor=actor)


def _settle_case(case: Case, *, actor) -> None:
    items = list(case.items.select_related("service_version__output", "service_version"))
    live = [i for i in items if i.state != Item.State.WITHDRAWN]
    if any(i.state not in Item.DECIDED for i in live):
        return
    case.move_to(Case.State.DECIDED)
    case.decided_at = timezone.now()
    case.save(update_fields=["state", "decided_at", "updated_at"])
    audit.record(action="case.decided", actor=actor, target=case, summary={})
    tell_applicant(case, "decided")
    approved = [i for i in live if i.state == Item.State.APPROVED]
    if not approved:
        case.move_to(Case.State.CLOSED)
        case.closed_at = timezone.now()
        case.save(update_fields=["state", "closed_at", "updated_at"])
        audit.record(action="case.closed", target=case, summary={"reason": "refused"})
        return
    _issue(case, approved, actor=actor)


def _issue(case: Case, approved: list[Item], *, actor) -> None:
    """Approved items become certificates, sealed and recorded in the hub."""
    for item in approved:
        version = item.service_version
        if version.output_id:
            credential = datahub.issue_credential(
                holder=case.applicant,
                evidence_type=version.output,
                department=version.competent_department,
                data={"service": version.service.code, "case": case.number},
                case_number=case.number,
                actor=actor,
            )
            item.credential_number = credential.number
        item.move_to(Item.State.ISSUED)
        item.save(update_fields=["state", "credential_number"])
    case.move_to(Case.State.ISSUED)
    case.save(update_fields=["state", "updated_at"])
    audit.record(
        action="case.issued",
        actor=actor,
        target=case,
        summary={"credentials": [i.credential_number for i in approved if i.credential_number]},
    )
    tell_applicant(case, "issued")
    if case.delivery == Case.Delivery.ELECTRONIC:
        _mark_delivered(case, actor=None)


@transaction.atomic
def deliver(case: Case, *, clerk, tracking_number: str = "") -> Case:
    """Handed over at a delivery window, or posted with its tracking number."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    permissions.require_role(clerk, Role.WINDOW_CLERK)
    if case.delivery == Case.Delivery.POST:
        if not tracking_number.strip():
            raise ValidationError(_("Enter the postal tracking number."), code="tracking")
        case.tracking_number = tracking_number.strip()
    return _mark_delivered(case, actor=clerk)


def _mark_delivered(case: Case, *, actor) -> Case:
    case.move_to(Case.State.DELIVERED)
    case.delivered_at = timezone.now()
    case.save(update_fields=["state", "delivered_at", "tracking_number", "updated_at"])
    audit.record(
        action="case.delivered",
        actor=actor,
        target=case,
        summary={"delivery": case.delivery, "tracking": case.tracking_number},
    )
    tell_applicant(case, "delivered")
    return case


@transaction.atomic
def confirm_receipt(case: Case, *, by) -> Case:
    """The applicant confirms they received the certificate; the case closes."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    permissions.require_owner(by, case)
    case.move_to(Case.State.CLOSED)
    case.receipt_confirmed_at = case.closed_at = timezone.now()
    case.save(update_fields=["state", "receipt_confirmed_at", "closed_at", "updated_at"])
    audit.record(action="case.closed", actor=by, target=case, summary={"reason": "received"})
    return case
