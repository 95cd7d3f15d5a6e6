"""Department pages: the reviewer's inbox and case view with the decision form, and the
supervisor's deadline board."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.catalog import selectors as catalog
from guichet.datahub import services as datahub

from . import deadlines, permissions, review, selectors
from .forms_staff import DecisionForm, InboxFilterForm
from .models import Case, InvalidTransition, Item, ReviewTask
from .views_staff import error_messages, page_of, require_any_role

LEVELS = {
    "ok": _("On time"),
    "warning": _("Due soon"),
    "overdue": _("Overdue"),
    "paused": _("Clock stopped"),
}
# The data asked once for every item, as the reviewer reads it.
DETAIL_LABELS = {
    "name": _("Name"),
    "address": _("Address"),
    "phone": _("Phone"),
    "legal_representative": _("Legal representative"),
}


def _clock(item: Item) -> dict:
    clock = deadlines.clock(item)
    return {"clock": clock, "level": clock.level, "label": LEVELS[clock.level]}


@login_required
@require_GET
def inbox(request):
    require_any_role(request.user, *permissions.REVIEW_ROLES)
    codes = permissions.departments_of(request.user)
    departments = [(d.code, d.display_name) for d in catalog.departments().filter(code__in=codes)]
    form = InboxFilterForm(request.GET or None, departments=departments)
    form.is_valid()  # a wrong filter is shown as an error; the valid ones still apply
    filters = getattr(form, "cleaned_data", {})
    tasks = selectors.inbox(
        request.user,
        department=filters.get("department") or None,
        state=filters.get("state") or None,
        due_before=filters.get("due_before"),
    ).prefetch_related("item__pauses")
    page = page_of(request, tasks)
    rows = [(task, _clock(task.item)) for task in page.object_list]
    return render(request, "cases/staff/inbox.html", {"form": form, "page": page, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def task(request, task_id: int):
    require_any_role(request.user, *permissions.REVIEW_ROLES)
    task = selectors.task_for(request.user, task_id)
    case = task.item.case
    item = next(i for i in selectors.items_of(case) if i.pk == task.item_id)
    may_decide = (
        task.state == ReviewTask.State.OPEN
        and item.state == Item.State.IN_REVIEW
        and case.state == Case.State.IN_REVIEW
        and task.department.code
        in accounts.organisation_codes(request.user, Role.DEPARTMENT_REVIEWER)
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review.decide(
                task,
                reviewer=request.user,
                decision=form.cleaned_data["decision"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            for message in error_messages(error):
                form.add_error(None, message)
        except InvalidTransition:
            form.add_error(None, _("This task has already been decided."))
        else:
            messages.success(
                request,
                _("Your decision on application %(number)s is recorded.") % {"number": case.number},
            )
            return redirect("cases_work:inbox")
    context = {
        "task": task,
        "case": case,
        "item": item,
        "applicant": case.applicant,
        "masked_id": datahub.masked(case.applicant.identifier),
        "details": [
            (label, case.details[key])
            for key, label in DETAIL_LABELS.items()
            if case.details.get(key)
        ],
        "materials": list(item.materials.all()),
        "tasks": list(item.tasks.all()),
        "pauses": list(item.pauses.all()),
        "clock": _clock(item),
        "form": form,
        "may_decide": may_decide,
    }
    return render(request, "cases/staff/task.html", context)


@login_required
@require_GET
def deadline_board(request):
    require_any_role(request.user, Role.DEPARTMENT_SUPERVISOR)
    board = selectors.deadline_board(request.user)
    # Counted over the whole board, not only the page shown.
    counts = Counter(deadlines.clock(item).level for item in board.iterator(chunk_size=500))
    page = page_of(request, board)
    rows = [(item, _clock(item)) for item in page.object_list]
    levels = [(level, label, counts.get(level, 0)) for level, label in LEVELS.items()]
    return render(
        request,
        "cases/staff/deadlines.html",
        {
            "page": page,
            "rows": rows,
            "levels": levels,
            "departments": sorted(
                accounts.organisation_codes(request.user, Role.DEPARTMENT_SUPERVISOR)
            ),
        },
    )
