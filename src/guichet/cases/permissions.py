"""Who may do what with an application (object-level, checked in every use case)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.datahub import services as datahub

from .models import Case, ReviewTask

REVIEW_ROLES = (Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_SUPERVISOR)


def has_role(user, role: Role) -> bool:
    return getattr(user, "is_authenticated", False) and role in accounts.roles_of(user)


def require_role(user, role: Role) -> None:
    if not has_role(user, role):
        raise PermissionDenied(_("Your role does not allow this."))


def departments_of(user) -> set[str]:
    """Codes of the departments whose review work this user sees."""
    return accounts.organisation_codes(user, *REVIEW_ROLES)


def is_applicant_side(user, case: Case) -> bool:
    """The account following the case, or anyone who may act for its applicant."""
    if not getattr(user, "is_authenticated", False):
        return False
    return case.owner_id == user.pk or datahub.may_act_for(user, case.applicant)


def require_may_apply(user, applicant, *, channel: str) -> None:
    if datahub.may_act_for(user, applicant):
        return
    if channel in (Case.Channel.WINDOW, Case.Channel.KIOSK) and has_role(user, Role.WINDOW_CLERK):
        return
    raise PermissionDenied(_("You may not apply for this person or company."))


def require_owner(user, case: Case) -> None:
    """Change a draft or answer a question: the applicant's side, or the clerk who opened it."""
    if is_applicant_side(user, case):
        return
    if case.channel == Case.Channel.WINDOW and has_role(user, Role.WINDOW_CLERK):
        return
    raise PermissionDenied(_("This is not your application."))


def can_view(user, case: Case) -> bool:
    if is_applicant_side(user, case):
        return True
    if case.state != Case.State.DRAFT and has_role(user, Role.WINDOW_CLERK):
        return True  # city-wide handling: any centre's clerk serves any application
    codes = departments_of(user)
    return (
        bool(codes)
        and ReviewTask.objects.filter(item__case=case, department__code__in=codes).exists()
    )


def require_task_department(user, task: ReviewTask) -> None:
    if task.department.code not in accounts.organisation_codes(user, Role.DEPARTMENT_REVIEWER):
        raise PermissionDenied(_("This task belongs to another department."))
