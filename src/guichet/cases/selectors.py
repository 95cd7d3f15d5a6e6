"""Reads of applications for pages, the API and other apps, filtered by who is asking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from guichet.accounts.roles import Role
from guichet.audit import services as audit
from guichet.catalog import selectors as catalog
from guichet.datahub import services as datahub

from . import permissions
from .models import Case, Item, Material, ReviewTask


def cases_for(user) -> QuerySet[Case]:
    """The applications a citizen or representative follows: their own and their companies'."""
    parties = [p.pk for p in datahub.parties_of(user)]
    return (
        Case.objects.filter(Q(owner=user) | Q(applicant_id__in=parties))
        .select_related("applicant")
        .order_by("-created_at", "-id")
    )


def case_for(user, number: str) -> Case:
    """One application this user may see; 404 otherwise (never confirm it exists)."""
    case = Case.objects.select_related("applicant", "owner").filter(number=number).first()
    if case is None or not permissions.can_view(user, case):
        raise Http404(number)
    return case


def items_of(case: Case) -> list[Item]:
    return list(
        case.items.select_related(
            "service_version__service", "service_version__competent_department"
        ).prefetch_related(
            "materials__evidence_type",
            "materials__credential__issuing_department",
            "materials__document",
            "tasks__department",
            "pauses",
        )
    )


def inbox(
    user,
    *,
    department: str | None = None,
    state: str | None = None,
    due_before: date | None = None,
) -> QuerySet[ReviewTask]:
    """The review tasks of the user's departments, most urgent first."""
    codes = permissions.departments_of(user)
    if department:
        codes &= {department}
    # By id, so the planner walks the inbox index instead of joining every open task.
    ids = list(catalog.departments().filter(code__in=codes).values_list("pk", flat=True))
    tasks = ReviewTask.objects.filter(department_id__in=ids)
    tasks = (
        tasks.filter(state=state)
        if state
        else tasks.filter(state__in=[ReviewTask.State.OPEN, ReviewTask.State.WAITING])
    )
    if due_before:
        tasks = tasks.filter(due_on__lte=due_before)
    return tasks.select_related(
        "department", "item__case__applicant", "item__service_version__service"
    ).order_by(F("due_on").asc(nulls_last=True), "id")


def task_for(user, task_id: int) -> ReviewTask:
    task = ReviewTask.objects.select_related("department", "item__case").filter(pk=task_id).first()
    if task is None or task.department.code not in permissions.departments_of(user):
        raise Http404(task_id)
    return task


def acceptance_queue() -> QuerySet[Case]:
    """Applications waiting for a clerk, oldest first (any centre serves any of them)."""
    return (
        Case.objects.filter(state__in=[Case.State.SUBMITTED, Case.State.RESUBMITTED])
        .select_related("applicant")
        .order_by("submitted_at", "id")
    )


def delivery_queue() -> QuerySet[Case]:
    return (
        Case.objects.filter(state=Case.State.ISSUED)
        .select_related("applicant")
        .order_by("updated_at", "id")
    )


def deadline_board(user) -> QuerySet[Item]:
    """Items under review in the supervisor's departments, the closest deadline first."""
    codes = (
        permissions.departments_of(user)
        if permissions.has_role(user, Role.DEPARTMENT_SUPERVISOR)
        else set()
    )
    return (
        Item.objects.filter(
            state__in=[Item.State.IN_REVIEW, Item.State.SUSPENDED],
            tasks__department__code__in=codes,
        )
        .distinct()
        .select_related("case", "service_version__service")
        .prefetch_related("pauses", "tasks__department")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )


def timeline(case: Case):
    return audit.history_of(case)


@dataclass(frozen=True)
class Reuse:
    """How many required documents were satisfied without an upload."""

    service: str
    applications: int
    required: int
    reused: int

    @property
    def share(self) -> float:
        return self.reused / self.required if self.required else 0.0


def documents_avoided(*, cached: bool = False) -> tuple[Reuse, list[Reuse]]:
    """The once-only figure over every submitted application: in all, and per service.

    Public pages ask for the cached figure (a minute old at most): it reads every material.
    """
    if cached:
        return cache.get_or_set("cases:documents-avoided", documents_avoided, 60)
    submitted = Material.objects.filter(item__case__submitted_at__isnull=False)
    reused = Q(source__in=Material.WITHOUT_UPLOAD)
    rows = (
        submitted.values("item__service_version__service__code")
        .annotate(
            required=Count("id"),
            reused=Count("id", filter=reused),
            applications=Count("item__case", distinct=True),
        )
        .order_by("item__service_version__service__code")
    )
    per_service = [
        Reuse(
            r["item__service_version__service__code"], r["applications"], r["required"], r["reused"]
        )
        for r in rows
    ]
    total = Reuse(
        "",
        Case.objects.filter(submitted_at__isnull=False).count(),
        sum(r.required for r in per_service),
        sum(r.reused for r in per_service),
    )
    return total, per_service


@dataclass(frozen=True)
class KioskStatus:
    """What a kiosk may show about an application: its state and its items' states, never
    the applicant's name, address or documents."""

    number: str
    state: str
    state_label: str
    items: tuple[tuple[str, str, str], ...]  # (service name, state, state label)


def status_for_kiosk(number: str, identifier: str) -> KioskStatus | None:
    """The status of an application whose number and applicant's identity number match;
    None for a wrong pair and an unknown number alike (never confirm which was wrong)."""
    number, identifier = number.strip().upper(), identifier.strip().upper()
    if not number or not identifier:
        return None
    case = (
        Case.objects.filter(number=number, applicant__identifier=identifier)
        .prefetch_related("items__service_version__service")
        .first()
    )
    if case is None:
        return None
    items = tuple(
        (item.service_version.display_name, item.state, str(item.get_state_display()))
        for item in sorted(case.items.all(), key=lambda item: item.position)
    )
    return KioskStatus(case.number, case.state, str(case.get_state_display()), items)


def cases_for_counter(user, *, limit: int = 20) -> list[Case]:
    """A window visitor's applications (theirs and their companies'), for the clerk serving
    them: drafts stay private to the applicant, as `can_view` says."""
    return list(
        cases_for(user)
        .exclude(state=Case.State.DRAFT)
        .prefetch_related("items__service_version__service")[:limit]
    )
