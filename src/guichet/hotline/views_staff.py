"""The hotline's work pages after intake: dispatch, work orders, the request's file, boards.

Every page needs a login (and, for staff, the second factor: the accounts middleware sees to
it); which page a user may open follows from their roles (`abilities`), which objects from
the hotline's selectors (404 for what is not theirs). Every change is one service call; a
refusal is shown on the page in its language, with what was typed kept.
The operator's console and call-backs are in `views_console.py`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.numbers import format_percent
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.audit import services as audit
from guichet.catalog import selectors as catalog
from guichet.ops.states import InvalidTransition

from . import permissions, selectors, services
from .forms import (
    ACCEPT,
    LINK,
    REPLY,
    RETURN,
    SEND,
    SPLIT,
    DecisionForm,
    DispatchForm,
    LinkForm,
    OrderFilterForm,
    ReplyForm,
    ReturnForm,
    put_error,
)
from .models import Category, Request, WorkOrder

PER_PAGE = 25
SOON = timedelta(hours=4)  # an order due within this is flagged on the lists

# What each ability opens, in the order the navigation shows it.
NAV = (
    ("console", "hotline:console"),
    ("callbacks", "hotline:callbacks"),
    ("mail", "hotline:mail_upload"),
    ("dispatch", "hotline:dispatch_queue"),
    ("orders", "hotline:orders"),
    ("board", "hotline:board"),
    ("leaders", "hotline:leaders"),
    ("desks", "hotline:desk_report"),
)


def _nav_label(ability: str) -> str:
    return {
        "console": _("Console"),
        "callbacks": _("Call-backs"),
        "mail": _("E-mail intake"),
        "dispatch": _("Dispatch queue"),
        "orders": _("Work orders"),
        "board": _("Supervisor board"),
        "leaders": _("Leaders' list"),
        "desks": _("Business desk report"),
    }[ability]


def require(request: HttpRequest, ability: str) -> set[str]:
    """403 for anyone whose roles do not open this page; the user's abilities otherwise."""
    found = permissions.abilities(request.user)
    if ability not in found:
        raise PermissionDenied(_("Your role does not allow this."))
    request.hotline_abilities = found
    return found


def page(request: HttpRequest, template: str, context: dict, **kwargs) -> HttpResponse:
    """Render a staff page with the hotline's navigation."""
    found = getattr(request, "hotline_abilities", None) or permissions.abilities(request.user)
    nav = [
        {
            "url": url,
            "label": _nav_label(name),
            "current": request.resolver_match.url_name == url.split(":")[1],
        }
        for name, url in NAV
        if name in found
    ]
    return render(request, template, {"hotline_nav": nav, **context}, **kwargs)


def page_of(request: HttpRequest, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def clock(due: datetime, now: datetime | None = None) -> dict:
    """The time left ("due in 3 hours") or past ("overdue by 1 day"), in the page's language."""
    now = now or timezone.now()
    if due <= now:
        label = _("overdue by %(time)s") % {"time": timesince(due, now, depth=1)}
        return {"level": "overdue", "label": label}
    label = _("due in %(time)s") % {"time": timeuntil(due, now, depth=1)}
    return {"level": "soon" if due - now <= SOON else "ok", "label": label}


def percent(share: float | None) -> str:
    if share is None:
        return "—"
    locale = to_locale(get_language() or settings.LANGUAGE_CODE).replace("zh_Hans", "zh_Hans_CN")
    return format_percent(share, "#,##0%", locale=locale)


def answers_of(req: Request) -> list[tuple[str, str]]:
    """The category's questions with the reporter's answers (other stored keys left out)."""
    questions = {a.get("code"): a for a in (req.category.attributes if req.category else [])}
    rows = []
    for code, value in (req.attributes or {}).items():
        question = questions.get(code)
        if question is None:
            continue
        names = {str(v.get("key")): v.get("name") for v in question.get("values", [])}
        values = value if isinstance(value, list) else [value]
        shown = ", ".join(str(names.get(str(v)) or v) for v in values)
        rows.append((question.get("description") or code, shown))
    return rows


def _moved_on(form) -> None:
    form.add_error(None, _("This has changed meanwhile: reload the page to see where it is now."))


# ---------------------------------------------------------------------------------------------
# Home


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Straight to what the user does: console, queue, orders or the board."""
    roles = accounts.roles_of(request.user)
    found = permissions.abilities(request.user)
    if Role.HOTLINE_OPERATOR in roles:
        return redirect("hotline:console")
    if Role.DISPATCHER in roles:
        return redirect("hotline:dispatch_queue")
    if "board" in found and (Role.CITY_LEADER in roles or Role.DEPARTMENT_SUPERVISOR in roles):
        return redirect("hotline:board")
    if "orders" in found:
        return redirect("hotline:orders")
    if "board" in found:
        return redirect("hotline:board")
    raise PermissionDenied(_("Your role does not allow this."))


# ---------------------------------------------------------------------------------------------
# A request's whole file


def _event_labels() -> dict[str, str]:
    return {
        "hotline.request.received": _("Received"),
        "hotline.request.linked": _("Linked to another request"),
        "hotline.request.answered": _("Answered on the call"),
        "hotline.request.dispatched": _("Dispatched"),
        "hotline.request.replied": _("Reply sent to the reporter"),
        "hotline.request.feedback": _("The reporter's opinion recorded"),
        "hotline.request.escalated": _("Passed to a supervisor"),
        "hotline.request.supervised": _("Supervisor's decision"),
        "hotline.request.closed": _("Closed"),
        "hotline.order.assigned": _("Work order assigned"),
        "hotline.order.accepted": _("Work order accepted"),
        "hotline.order.returned": _("Work order returned"),
        "hotline.order.replied": _("Work order replied"),
        "hotline.order.reopened": _("Work order reopened"),
        "hotline.order.escalated": _("Work order escalated"),
    }


def _timeline(request: Request) -> list:
    """The audit events of the request and of its work orders, oldest first."""
    events = list(audit.history_of(request))
    for order in request.orders.all():
        events.extend(audit.history_of(order))
    labels = _event_labels()
    for event in events:
        event.label = labels.get(event.action, event.action)
    return sorted(events, key=lambda event: (event.occurred_at, event.pk))


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, number: str) -> HttpResponse:
    if not permissions.abilities(request.user):
        raise PermissionDenied(_("Your role does not allow this."))
    found = selectors.request_for(request.user, number)
    may_decide = found.state == Request.State.ESCALATED and permissions.can_supervise(
        request.user, found
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied(_("Your role does not allow this."))
        if form.is_valid():
            reopen = form.cleaned_data["decision"] == DecisionForm.REOPEN
            try:
                services.supervisor_decide(
                    found, by=request.user, reopen=reopen, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                put_error(form, error, {"note-required": "note"})
            except InvalidTransition:
                _moved_on(form)
            else:
                done = (
                    _("Request %(number)s is sent back to the department.")
                    if reopen
                    else _("Request %(number)s is closed.")
                )
                messages.success(request, done % {"number": found.number})
                return redirect("hotline:request", number=found.number)
    orders = list(found.orders.all())
    context = {
        "req": found,
        "identity": selectors.reporter_identity(found, request.user),
        "answers": answers_of(found),
        "orders": [(order, clock(order.due_at)) for order in orders],
        "attachments": found.attachments.all(),
        "updates": found.updates.all(),
        "events": _timeline(found),
        "feedback": found.feedback.all(),
        "duplicates": found.duplicates.all()[:50],
        "may_decide": may_decide,
        "form": form,
    }
    return page(request, "hotline/staff/request.html", context)


# ---------------------------------------------------------------------------------------------
# Dispatch


def _suggestions(requests) -> dict[str, Category]:
    codes = {s.get("category") for r in requests for s in (r.suggestions or [])}
    return {c.code: c for c in Category.objects.filter(code__in=codes - {None})}


def _suggestion_rows(req: Request, categories: dict[str, Category]) -> list[dict]:
    return [
        {
            "index": i,
            "category": categories.get(s.get("category")),
            "code": s.get("category", ""),
            "department": s.get("department", ""),
            "confidence": percent(s.get("confidence")),
        }
        for i, s in enumerate((req.suggestions or [])[:3])
    ]


@login_required
@require_GET
def dispatch_queue(request: HttpRequest) -> HttpResponse:
    require(request, "dispatch")
    queue = page_of(request, selectors.dispatcher_queue())
    categories = _suggestions(queue.object_list)
    rows = [(r, _suggestion_rows(r, categories)) for r in queue.object_list]
    return page(request, "hotline/staff/dispatch_queue.html", {"page": queue, "rows": rows})


def _departments() -> list[tuple[str, str]]:
    """Codes a dispatcher may type: the catalogue's departments and those of the categories."""
    known = {d.code: d.display_name for d in catalog.departments()}
    for code in Category.objects.exclude(department_code="").values_list(
        "department_code", flat=True
    ):
        known.setdefault(code, code)
    return sorted(known.items())


def _dispatch_post(request: HttpRequest, req: Request, form: DispatchForm, link: LinkForm):
    """Carry out the button pressed; the orders made, or None when the form shows why not."""
    action = request.POST.get("action", "")
    try:
        if "suggestion" in request.POST:
            return services.dispatch_to_suggestion(req, request.POST["suggestion"], by=request.user)
        if action == LINK:
            if not link.is_valid():
                return None
            try:
                parent = selectors.request_for(request.user, link.cleaned_data["parent"].strip())
            except Http404:
                link.add_error("parent", _("There is no request with this number."))
                return None
            services.link_duplicate(req, parent=parent, by=request.user)
            return []
        if action not in (SEND, SPLIT) or not form.is_valid():
            return None
        category = form.cleaned_data["category"]
        if action == SPLIT:
            targets = form.parts()
            if len(targets) < 2:
                form.add_error(None, _("A split needs at least two parts."))
                return None
        else:
            target = form.target()
            targets = [target] if target else services.targets_for(req, category or req.category)
        return services.dispatch(req, targets=targets, by=request.user, category=category)
    except ValidationError as error:
        put_error(link if action == LINK else form, error)
    except InvalidTransition:
        _moved_on(link if action == LINK else form)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def dispatch(request: HttpRequest, number: str) -> HttpResponse:
    require(request, "dispatch")
    req = selectors.request_for(request.user, number)
    departments = _departments()
    posted = request.POST if request.method == "POST" else None
    form = DispatchForm(posted, request=req, departments=[code for code, _name in departments])
    link = LinkForm(posted if posted and posted.get("action") == LINK else None)
    if request.method == "POST":
        orders = _dispatch_post(request, req, form, link)
        if orders is not None:
            if orders:
                to = ", ".join(o.department_code or str(o.worker) for o in orders)
                messages.success(
                    request,
                    _("Request %(number)s is sent to %(to)s.") % {"number": req.number, "to": to},
                )
            else:
                messages.success(
                    request,
                    _("Request %(number)s now follows another request.") % {"number": req.number},
                )
            return redirect("hotline:dispatch_queue")
    context = {
        "req": req,
        "identity": selectors.reporter_identity(req, request.user),
        "answers": answers_of(req),
        "attachments": req.attachments.all(),
        "returns": req.orders.filter(state=WorkOrder.State.RETURNED),
        "open_orders": req.orders.filter(state__in=WorkOrder.OPEN_STATES),
        "suggestions": _suggestion_rows(req, _suggestions([req])),
        "departments": departments,
        "form": form,
        "link": link,
        "may_dispatch": req.state
        in (Request.State.RECEIVED, Request.State.DISPATCHED, Request.State.IN_PROGRESS),
    }
    return page(request, "hotline/staff/dispatch.html", context)


# ---------------------------------------------------------------------------------------------
# Work orders


@login_required
@require_GET
def orders(request: HttpRequest) -> HttpResponse:
    require(request, "orders")
    form = OrderFilterForm(request.GET or None)
    state = form.cleaned_data.get("state") if form.is_valid() else ""
    state = state or OrderFilterForm.OPEN
    found = selectors.orders_for(request.user, open_only=state == OrderFilterForm.OPEN)
    if state not in (OrderFilterForm.OPEN, OrderFilterForm.ALL):
        found = found.filter(state=state)
    listed = page_of(request, found)
    now = timezone.now()
    rows = [(order, clock(order.due_at, now)) for order in listed.object_list]
    return page(request, "hotline/staff/orders.html", {"form": form, "page": listed, "rows": rows})


def _order_post(request: HttpRequest, order: WorkOrder, back: ReturnForm, reply: ReplyForm):
    action = request.POST.get("action", "")
    form = {RETURN: back, REPLY: reply}.get(action)
    try:
        if action == ACCEPT:
            services.accept_order(order, by=request.user)
            return _("Order %(number)s is accepted: it is yours to handle.")
        if action == RETURN and back.is_valid():
            services.return_order(order, by=request.user, reason=back.cleaned_data["reason"])
            return _("Order %(number)s is returned to the dispatcher.")
        if action == REPLY and reply.is_valid():
            data = reply.cleaned_data
            services.reply_order(
                order,
                by=request.user,
                reply=data["reply"],
                resolution=data["resolution"],
                files=data["files"],
            )
            return _("Your reply to order %(number)s is recorded.")
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
        else:
            put_error(form, error, {"reason-required": "reason", "reply-required": "reply"})
    except InvalidTransition:
        if form is None:
            messages.error(request, _("This order cannot be accepted any more."))
        else:
            _moved_on(form)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def order(request: HttpRequest, number: str) -> HttpResponse:
    if not permissions.abilities(request.user):
        raise PermissionDenied(_("Your role does not allow this."))
    found = selectors.order_for(request.user, number)
    may_handle = permissions.can_handle(request.user, found)
    action = request.POST.get("action") if request.method == "POST" else None
    back = ReturnForm(request.POST if action == RETURN else None)
    replying = action == REPLY
    reply = ReplyForm(request.POST if replying else None, request.FILES if replying else None)
    if request.method == "POST":
        if not may_handle:
            raise PermissionDenied(_("This order is not yours."))
        done = _order_post(request, found, back, reply)
        if done:
            messages.success(request, done % {"number": found.number})
            if action == RETURN:
                return redirect("hotline:orders")
            return redirect("hotline:order", number=found.number)
    req = found.request
    context = {
        "order": found,
        "req": req,
        "clock": clock(found.due_at),
        "identity": selectors.reporter_identity(req, request.user),
        "answers": answers_of(req),
        "attachments": req.attachments.filter(work_order__isnull=True),
        "fixes": found.attachments.all(),
        "may_handle": may_handle and found.is_open,
        "may_accept": may_handle and found.state == WorkOrder.State.ASSIGNED,
        "back": back,
        "reply": reply,
    }
    return page(request, "hotline/staff/order.html", context)


# ---------------------------------------------------------------------------------------------
# Boards


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    require(request, "board")
    figures = selectors.supervisor_board(request.user)
    now = timezone.now()
    context = {
        "figures": figures,
        "satisfaction": figures["satisfaction"],
        "resolved_share": percent(figures["resolved_share"]),
        "overdue_orders": [(o, clock(o.due_at, now)) for o in figures["overdue_orders"]],
        "escalated_requests": figures["escalated_requests"],
        "returns_by_department": figures["returns_by_department"],
    }
    return page(request, "hotline/staff/board.html", context)


@login_required
@require_GET
def leaders(request: HttpRequest) -> HttpResponse:
    require(request, "leaders")
    listed = page_of(request, selectors.leaders_list())
    now = timezone.now()
    rows = [(order, clock(order.due_at, now)) for order in listed.object_list]
    return page(request, "hotline/staff/leaders.html", {"page": listed, "rows": rows})


@login_required
@require_GET
def desk_report(request: HttpRequest) -> HttpResponse:
    require(request, "desks")
    labels = dict(WorkOrder._meta.get_field("desk").choices)
    rows = [
        {
            **row,
            "label": labels.get(row["desk"], row["desk"]),
            "share": percent(row["useful_share"]),
        }
        for row in selectors.desk_report()
    ]
    return page(request, "hotline/staff/desk_report.html", {"rows": rows})
