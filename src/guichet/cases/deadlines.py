"""Legal time limits in working days: due dates, the stopped clock, warnings, escalation,
and the documents whose absence was tolerated at acceptance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet import working_days
from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.audit import services as audit

from .models import Case, Item, Material, ReviewTask
from .notices import tell_applicant, tell_staff

WARN_AT = 0.8  # share of the legal time used when reviewers are warned


def pauses_of(item: Item) -> list[working_days.Pause]:
    return [working_days.Pause(p.started_on, p.ended_on) for p in item.pauses.all()]


def recompute(item: Item) -> None:
    """Due date from acceptance, legal days and the pauses (none while paused)."""
    accepted_on = item.case.accepted_on
    item.due_on = (
        working_days.due_date(accepted_on, item.legal_days, pauses_of(item))
        if accepted_on
        else None
    )
    item.save(update_fields=["due_on"])
    item.tasks.exclude(state__in=ReviewTask.DONE).update(due_on=item.due_on)


@dataclass(frozen=True)
class Clock:
    """Where an item stands against its limit, for inboxes and the deadline board."""

    used: int
    limit: int
    due_on: date | None
    paused: bool

    @property
    def share(self) -> float:
        return self.used / self.limit if self.limit else 1.0

    @property
    def level(self) -> str:
        if self.paused:
            return "paused"
        if self.used > self.limit:
            return "overdue"
        return "warning" if self.share >= WARN_AT else "ok"


def clock(item: Item, *, today: date | None = None) -> Clock:
    today = today or timezone.localdate()
    pauses = pauses_of(item)
    accepted_on = item.case.accepted_on
    used = working_days.elapsed(accepted_on, today, pauses) if accepted_on else 0
    paused = any(p.end is None for p in pauses)
    return Clock(used, item.legal_days, item.due_on, paused)


def supervisors_of(department_code: str):
    return accounts.members_of(Role.DEPARTMENT_SUPERVISOR, department_code)


def reviewers_of(department_code: str):
    return accounts.members_of(Role.DEPARTMENT_REVIEWER, department_code)


@transaction.atomic
def sweep(today: date | None = None) -> dict[str, int]:
    """Warn at 80 %, escalate what is overdue, remind and suspend tolerated absences."""
    today = today or timezone.localdate()
    counts = {"warned": 0, "escalated": 0, "reminded": 0, "suspended": 0}
    items = (
        Item.objects.select_for_update(of=("self",))
        .filter(state=Item.State.IN_REVIEW, case__state=Case.State.IN_REVIEW)
        .select_related("case", "service_version")
        .prefetch_related("pauses", "tasks__department")
    )
    for item in items:
        state = clock(item, today=today)
        open_tasks = [t for t in item.tasks.all() if t.state == ReviewTask.State.OPEN]
        params = {"number": item.case.number, "due": str(item.due_on or "")}
        if state.level == "warning" and item.warned_at is None:
            for task in open_tasks:
                tell_staff(
                    reviewers_of(task.department.code),
                    subject=_("Application %(number)s is due on %(due)s"),
                    body=_("80 %% of the legal time of application %(number)s is used."),
                    params=params,
                )
            item.warned_at = timezone.now()
            item.save(update_fields=["warned_at"])
            counts["warned"] += 1
        elif state.level == "overdue" and item.escalated_at is None:
            for task in open_tasks:
                tell_staff(
                    supervisors_of(task.department.code),
                    subject=_("Application %(number)s is overdue"),
                    body=_("Application %(number)s passed its legal time limit (%(due)s)."),
                    params=params,
                )
            item.escalated_at = timezone.now()
            item.save(update_fields=["escalated_at"])
            audit.record(action="item.escalated", target=item.case, summary={"item": item.position})
            counts["escalated"] += 1
    _tolerated(today, counts)
    return counts


def _tolerated(today: date, counts: dict[str, int]) -> None:
    waiting = (
        Material.objects.filter(verdict=Material.Verdict.TOLERATED, source=Material.Source.MISSING)
        .select_related("item__case", "evidence_type")
        .filter(item__state=Item.State.IN_REVIEW)
    )
    for material in waiting:
        case, item = material.item.case, material.item
        until = material.tolerated_until
        if until is None:
            continue
        if until < today:
            item.move_to(Item.State.SUSPENDED)
            item.save(update_fields=["state"])
            audit.record(
                action="item.suspended",
                target=case,
                summary={"item": item.position, "evidence": material.evidence_type.code},
            )
            tell_applicant(case, "suspended", documents=material.evidence_type)
            counts["suspended"] += 1
        elif material.reminded_at is None or (
            working_days.count_between(material.reminded_at.date(), today) >= 1
            and working_days.count_between(today, until) <= 2
            and material.reminded_at.date() < today
        ):
            material.reminded_at = timezone.now()
            material.save(update_fields=["reminded_at"])
            tell_applicant(case, "reminder", documents=material.evidence_type, due=until)
            counts["reminded"] += 1
