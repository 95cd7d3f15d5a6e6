"""Who may see and do what on the hotline.

Operators and dispatchers see every request (they take the calls and route them); departments
see the requests they hold an order for, community workers and desk managers their own orders,
city leaders the boards. A reporter sees their own requests. Phone numbers are masked for
everyone who does not call people back, and an anonymous reporter is nobody to a department.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role

from .models import Request, WorkOrder

CALL_CENTRE = frozenset({Role.HOTLINE_OPERATOR, Role.DISPATCHER})
DEPARTMENT = (Role.DEPARTMENT_REVIEWER, Role.DEPARTMENT_SUPERVISOR)


def is_call_centre(user) -> bool:
    return bool(accounts.roles_of(user) & CALL_CENTRE)


def is_dispatcher(user) -> bool:
    return Role.DISPATCHER in accounts.roles_of(user)


def is_leader(user) -> bool:
    return Role.CITY_LEADER in accounts.roles_of(user)


def department_codes(user) -> set[str]:
    return accounts.organisation_codes(user, *DEPARTMENT)


def supervised_departments(user) -> set[str]:
    return accounts.organisation_codes(user, Role.DEPARTMENT_SUPERVISOR)


def is_desk_manager(user) -> bool:
    return user.hotline_desks.filter(active=True).exists()


def is_staff_of_hotline(user) -> bool:
    """Anyone with hotline work: call centre, departments, community workers, desk, leaders."""
    if not getattr(user, "is_authenticated", False):
        return False
    roles = accounts.roles_of(user)
    return bool(
        roles & CALL_CENTRE
        or roles & {Role.CITY_LEADER, Role.COMMUNITY_WORKER, *DEPARTMENT}
        or is_desk_manager(user)
    )


def abilities(user) -> set[str]:
    """The hotline pages this user's roles open."""
    if not is_staff_of_hotline(user):
        return set()
    roles = accounts.roles_of(user)
    found: set[str] = set()
    if roles & CALL_CENTRE:
        found |= {"console", "callbacks", "mail"}
    if Role.DISPATCHER in roles:
        found |= {"dispatch", "board", "leaders", "desks"}
    if department_codes(user) or Role.COMMUNITY_WORKER in roles or is_desk_manager(user):
        found.add("orders")
    if supervised_departments(user):
        found |= {"board", "desks"}
    if Role.CITY_LEADER in roles:
        found |= {"board", "leaders", "desks"}
    return found


def order_filter(user) -> Q:
    """The work orders a user handles: their department's, or their own."""
    q = Q(worker=user)
    codes = department_codes(user)
    if codes:
        q |= Q(department_code__in=codes, assignee=WorkOrder.Assignee.DEPARTMENT)
    return q


def can_see_request(user, request: Request) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if request.reporter_id == user.pk or is_call_centre(user) or is_leader(user):
        return True
    return request.orders.filter(order_filter(user)).exists()


def can_handle(user, order: WorkOrder) -> bool:
    if order.worker_id is not None:
        return order.worker_id == user.pk
    return order.department_code in department_codes(user)


def require_handler(user, order: WorkOrder) -> None:
    if not can_handle(user, order):
        raise PermissionDenied("not-your-order")


def require_call_centre(user) -> None:
    if not is_call_centre(user):
        raise PermissionDenied("call-centre-only")


def require_dispatcher(user) -> None:
    if not is_dispatcher(user):
        raise PermissionDenied("dispatcher-only")


def can_supervise(user, request: Request) -> bool:
    codes = supervised_departments(user)
    return is_leader(user) or request.orders.filter(department_code__in=codes).exists()


def sees_full_contact(user, request: Request) -> bool:
    """The call centre calls people back; departments see a masked number or none."""
    return request.reporter_id == getattr(user, "pk", None) or is_call_centre(user)
