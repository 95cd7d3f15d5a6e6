"""Who handles a request: routing rules first, then the category, then the classifier.

A confident prediction dispatches at once; an unsure one waits in the dispatcher's queue with
the top three suggestions. Deadlines come from the kind and urgency of the request.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from guichet import working_days
from guichet.audit import services as audit

from . import permissions
from .intake import add_update
from .models import (
    Category,
    CellWorker,
    DeadlinePolicy,
    DeskManager,
    Request,
    RoutingRule,
    Urgency,
    WorkOrder,
)
from .notices import handlers_of, tell_staff

# When no DeadlinePolicy row says otherwise: (hours, working days).
DEFAULT_DEADLINES = {
    "urgent": (2, None),
    "complaint": (None, 5),
    "consultation": (None, 1),
    "suggestion": (None, 10),
}
DEFAULT_WORKING_DAYS = 3


@dataclass(frozen=True)
class Target:
    assignee: str
    department_code: str = ""
    worker: object = None
    desk: str = ""
    part: str = ""

    def label(self) -> str:
        if self.worker is not None:
            return str(self.worker)
        return self.department_code or self.desk


def due_for(kind: str, urgency: str, start: datetime) -> datetime:
    """When a work order of this kind and urgency must be answered."""
    policies = {(p.kind, p.urgency): p for p in DeadlinePolicy.objects.all()}
    policy = (
        policies.get((kind, urgency))
        or (policies.get(("", urgency)) if urgency == Urgency.URGENT else None)
        or policies.get((kind, ""))
        or policies.get(("", ""))
    )
    if policy is not None:
        hours, days = policy.hours, policy.working_days
    elif urgency == Urgency.URGENT:
        hours, days = DEFAULT_DEADLINES["urgent"]
    else:
        hours, days = DEFAULT_DEADLINES.get(kind, (None, DEFAULT_WORKING_DAYS))
    if hours is not None:
        return start + timedelta(hours=hours)
    local = timezone.localtime(start)
    day = working_days.add(local.date(), days or 0)
    return local.replace(year=day.year, month=day.month, day=day.day)


def cell_worker(request: Request):
    if request.cell_id is None:
        return None
    link = (
        CellWorker.objects.filter(cell_id=request.cell_id, active=True, worker__is_active=True)
        .select_related("worker")
        .order_by("id")
        .first()
    )
    return link.worker if link else None


def desk_manager(desk: str, industry: str = ""):
    """The manager of a desk who knows the industry best, with the fewest open orders."""
    managers = list(
        DeskManager.objects.filter(desk=desk, active=True, user__is_active=True)
        .select_related("user")
        .annotate(
            load=Count(
                "user__hotline_orders",
                filter=Q(user__hotline_orders__state__in=WorkOrder.OPEN_STATES),
            )
        )
    )
    if not managers:
        return None
    managers.sort(key=lambda m: (industry not in (m.expertise or []), m.load, m.pk))
    return managers[0].user


def targets_for(request: Request, category: Category | None) -> list[Target]:
    """The default handler of a category for this request (none when nobody fits)."""
    desk = request.desk or (category.desk if category else "")
    if desk:
        manager = desk_manager(desk, request.industry)
        return [Target(WorkOrder.Assignee.DESK, worker=manager, desk=desk)] if manager else []
    if category is None:
        return []
    if category.by_community:
        worker = cell_worker(request)
        if worker is not None:
            return [Target(WorkOrder.Assignee.COMMUNITY, worker=worker)]
    if category.department_code:
        return [Target(WorkOrder.Assignee.DEPARTMENT, department_code=category.department_code)]
    return []


def _words(keywords: str) -> list[str]:
    return [w.strip().lower() for w in re.split(r"[,|，、]", keywords or "") if w.strip()]


def matching_rule(request: Request) -> RoutingRule | None:
    text = f"{request.title}\n{request.description}".lower()
    for rule in RoutingRule.objects.filter(active=True).select_related("category"):
        if rule.category_id and rule.category_id != request.category_id:
            continue
        if rule.district and rule.district != request.district:
            continue
        words = _words(rule.keywords)
        if words and not any(word in text for word in words):
            continue
        if not words and not rule.category_id and not rule.district:
            continue  # a rule that says nothing would swallow every request
        return rule
    return None


def _rule_targets(rule: RoutingRule, request: Request) -> list[Target]:
    if rule.target == RoutingRule.Target.COMMUNITY:
        worker = cell_worker(request)
        return [Target(WorkOrder.Assignee.COMMUNITY, worker=worker)] if worker else []
    if rule.target == RoutingRule.Target.DESK:
        manager = desk_manager(rule.desk, request.industry)
        return [Target(WorkOrder.Assignee.DESK, worker=manager, desk=rule.desk)] if manager else []
    return [Target(WorkOrder.Assignee.DEPARTMENT, department_code=rule.department_code)]


def suggest(request: Request) -> list[dict]:
    """The classifier's top three, recorded on the request for the dispatcher."""
    from . import classifier

    prediction = classifier.predict(f"{request.title}\n{request.description}")
    if prediction is None:
        return []
    departments = prediction.departments
    request.classifier_version = prediction.version
    return [
        {
            "category": code,
            "confidence": round(float(probability), 3),
            "department": departments[i][0] if i < len(departments) else "",
        }
        for i, (code, probability) in enumerate(prediction.categories[:3])
    ]


@transaction.atomic
def auto_dispatch(request: Request) -> list[WorkOrder]:
    """Rules, then a category the reporter or operator chose, then a confident classifier."""
    rule = matching_rule(request)
    if rule is not None:
        if rule.category_id and request.category_id is None:
            request.category = rule.category
        if rule.urgency:
            request.urgency = rule.urgency
        request.save(update_fields=["category", "urgency", "updated_at"])
        targets = _rule_targets(rule, request)
        if targets:
            return dispatch(request, targets=targets, how="rule")
    if request.category_id is not None:
        targets = targets_for(request, request.category)
        if targets:
            return dispatch(request, targets=targets, how="category")
    request.suggestions = suggest(request)
    request.save(update_fields=["suggestions", "classifier_version", "updated_at"])
    best = request.suggestions[0] if request.suggestions else None
    if best and best["confidence"] >= settings.GUICHET_DISPATCH_THRESHOLD:
        category, targets = _suggested(request, best)
        if category is not None and targets:
            return dispatch(request, targets=targets, how="auto", category=category)
    return []  # the dispatcher's queue


def _suggested(request: Request, suggestion: dict) -> tuple[Category | None, list[Target]]:
    """A suggestion's category and who handles it (its department when the category says none)."""
    category = Category.objects.filter(code=suggestion.get("category"), active=True).first()
    targets = targets_for(request, category) if category is not None else []
    if not targets and suggestion.get("department"):
        targets = [Target(WorkOrder.Assignee.DEPARTMENT, department_code=suggestion["department"])]
    return category, targets


def dispatch_to_suggestion(request: Request, index: int, *, by) -> list[WorkOrder]:
    """The dispatcher takes one of the classifier's suggestions as it stands."""
    try:
        suggestion = (request.suggestions or [])[int(index)]
    except (ValueError, IndexError, TypeError):
        raise ValidationError(_("Choose who handles the request."), code="no-target") from None
    category, targets = _suggested(request, suggestion)
    return dispatch(request, targets=targets, by=by, category=category)


@transaction.atomic
def dispatch(
    request: Request,
    *,
    targets: list[Target],
    by=None,
    how: str = "dispatcher",
    category: Category | None = None,
) -> list[WorkOrder]:
    """One work order per target (several targets split the request into parts)."""
    if by is not None:
        permissions.require_dispatcher(by)
    if not targets:
        raise ValidationError(_("Choose who handles the request."), code="no-target")
    for target in targets:
        if target.assignee == WorkOrder.Assignee.DEPARTMENT and not target.department_code:
            raise ValidationError(_("Choose a department."), code="no-target")
        if target.assignee != WorkOrder.Assignee.DEPARTMENT and target.worker is None:
            raise ValidationError(_("Choose who handles the request."), code="no-target")
    if len(targets) > 1 and any(not t.part.strip() for t in targets):
        raise ValidationError(_("Say what each part of a split request is."), code="part-required")
    request = Request.objects.select_for_update().get(pk=request.pk)
    if category is not None:
        request.category = category
    if request.state == Request.State.RECEIVED:
        request.move_to(Request.State.DISPATCHED)
    elif request.state not in (Request.State.DISPATCHED, Request.State.IN_PROGRESS):
        raise ValidationError(
            _("This request is no longer waiting to be dispatched."), code="not-open"
        )
    request.dispatched_how = how
    request.save(update_fields=["state", "category", "dispatched_how", "updated_at"])
    now = timezone.now()
    due = due_for(request.kind, request.urgency, now)
    first = request.orders.count() + 1
    orders = []
    for offset, target in enumerate(targets):
        order = WorkOrder.objects.create(
            request=request,
            number=f"{request.number}-{first + offset}",
            part=target.part.strip(),
            assignee=target.assignee,
            department_code=target.department_code,
            worker=target.worker,
            desk=target.desk,
            due_at=due,
            dispatched_by=by,
            dispatched_how=how,
        )
        audit.record(
            action="hotline.order.assigned",
            actor=by or "dispatch",
            target=order,
            summary={"request": request.number, "to": target.label(), "how": how},
        )
        tell_staff(
            handlers_of(order),
            "order",
            link=reverse("hotline:order", args=[order.number]),
            number=order.number,
            title=request.title,
            due=formats.date_format(timezone.localtime(due), "SHORT_DATETIME_FORMAT"),
        )
        orders.append(order)
    audit.record(
        action="hotline.request.dispatched",
        actor=by or "dispatch",
        target=request,
        summary={"orders": [o.number for o in orders], "how": how},
    )
    add_update(request, _("Sent to the service that handles it."))
    return orders
