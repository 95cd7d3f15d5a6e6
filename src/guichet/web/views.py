"""The home page that leads each role to its work, and error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.audit import selectors as audit_selectors
from guichet.audit import services as audit
from guichet.config.problems import problem_response
from guichet.notify import selectors as notify

from .roles import ROLE_HOMES


def home(request):
    if request.user.is_authenticated:
        role = accounts.primary_role(request.user)
        if role is not None:
            return redirect("web:role_home", role=role.value)
    return render(request, "web/home.html")


@login_required
def role_home(request, role: str):
    try:
        role = Role(role)
    except ValueError as error:
        raise Http404 from error
    roles = accounts.roles_of(request.user)
    if role not in roles:
        raise PermissionDenied
    context = {
        "role": role,
        "home": ROLE_HOMES[role],
        "other_roles": [r for r in accounts.ROLE_PRECEDENCE if r in roles and r != role],
        "memberships": accounts.memberships_of(request.user, role=role),
        "representations": request.user.representations.filter(active=True),
        "messages_preview": notify.inbox_of(request.user)[:5],
    }
    return render(request, "web/role_home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def audit_status(request):
    """Platform administrators check the chain from the browser as `guichet check-audit` does."""
    if Role.PLATFORM_ADMINISTRATOR not in accounts.roles_of(request.user):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        checked, broken = audit.verify_chain()
        result = {"checked": checked, "broken": broken}
    return render(
        request,
        "web/audit_status.html",
        {
            "result": result,
            "recent": audit_selectors.recent_events(limit=20),
            "total": audit_selectors.event_count(),
        },
    )


def _error(request, status: int, template: str):
    if request.path.startswith("/api/"):
        titles = {403: "Forbidden", 404: "Not found", 500: "Internal error"}
        return problem_response(request, status, f"http-{status}", titles[status])
    return render(request, template, status=status)


def not_found(request, exception=None):
    return _error(request, 404, "web/404.html")


def forbidden(request, exception=None):
    return _error(request, 403, "web/403.html")


def server_error(request):
    return _error(request, 500, "web/500.html")
