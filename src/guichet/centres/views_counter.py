"""The window clerk's pages: their centres and windows, and the window view with the one
"Call next" button, the visitor being served, their applications, and the drop box."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.cases import selectors as cases
from guichet.datahub import services as datahub
from guichet.ops.states import InvalidTransition

from . import dropbox, queue, services
from .forms import FinishForm, TicketActionForm, TransferForm, groups_served
from .models import Ticket, Window

DROP_OFFS_SHOWN = 50
ACTIONS = ("sign-in", "sign-out", "call", "recall", "start", "finish", "miss", "transfer")
# States in which a clerk may accept an application at the window.
ACCEPTABLE = ("submitted", "resubmitted")


def _clerk_centres(user) -> set[str]:
    codes = accounts.organisation_codes(user, Role.WINDOW_CLERK)
    if not codes:
        raise PermissionDenied(_("Your role does not allow this."))
    return codes


def _window_for(user, window_id: int) -> Window:
    """A window of one of the clerk's centres; 403 for anyone else's."""
    codes = _clerk_centres(user)
    window = Window.objects.select_related("centre", "clerk").filter(pk=window_id).first()
    if window is None:
        raise Http404(window_id)
    if window.centre.code not in codes:
        raise PermissionDenied(_("You do not work at this centre."))
    return window


@login_required
@require_GET
def work(request: HttpRequest) -> HttpResponse:
    codes = _clerk_centres(request.user)
    centres = [
        {
            "centre": centre,
            "windows": centre.windows.select_related("clerk").prefetch_related("groups"),
            "drop_offs": dropbox.waiting(centre).count(),
        }
        for centre in services.centres().filter(code__in=codes)
    ]
    return render(request, "centres/counter_list.html", {"centres": centres})


def _minutes_since(moment, now) -> int:
    return max(int((now - moment).total_seconds() // 60), 0) if moment else 0


def _visitor(ticket: Ticket) -> dict:
    """Who holds the ticket, when they booked: their name and their applications."""
    appointment = ticket.appointment
    if appointment is None:
        return {}
    person = appointment.person
    party = datahub.person_of(person)
    return {
        "appointment": appointment,
        "name": party.name if party else (person.full_name or person.email),
        "applications": cases.cases_for_counter(person),
    }


@login_required
@require_GET
def window(request: HttpRequest, window_id: int) -> HttpResponse:
    window = _window_for(request.user, window_id)
    centre = window.centre
    now = timezone.now()
    current = queue.current_ticket(window, now=now)
    groups = groups_served(centre)
    listed = set(window.groups.values_list("pk", flat=True))
    waiting = queue.board(centre, now=now)["waiting"]
    context = {
        "window": window,
        "centre": centre,
        "signed_in": window.is_open and window.clerk_id == request.user.pk,
        "current": current,
        "waited": _minutes_since(current.arrived_at, current.called_at or now) if current else 0,
        "serving_for": _minutes_since(current.started_at, now) if current else 0,
        "visitor": _visitor(current) if current else {},
        "acceptable": ACCEPTABLE,
        "finish_form": FinishForm(initial={"ticket": current.pk}) if current else None,
        "transfer_form": TransferForm(
            initial={"ticket": current.pk},
            groups=[g for g in groups if g.pk != current.group_id],
        )
        if current
        else None,
        "queues": [
            {
                "group": group,
                "count": waiting.get(group.code, 0),
                "mine": queue.serves(window, group, listed),
            }
            for group in groups
        ],
        "drop_offs": dropbox.waiting(centre)[:DROP_OFFS_SHOWN],
        "here": request.get_full_path(),
    }
    return render(request, "centres/counter_window.html", context)


@login_required
@require_POST
def window_action(request: HttpRequest, window_id: int, action: str) -> HttpResponse:
    """Each button of the window view; the result is told on the page it returns to."""
    if action not in ACTIONS:
        raise Http404(action)
    window = _window_for(request.user, window_id)
    clerk = request.user
    back = redirect("centres:window", window_id=window.pk)
    if action == "sign-in":
        queue.open_window(window, clerk=clerk)
        messages.success(request, _("You are signed in at window %(n)s.") % {"n": window.number})
        return back
    if action == "sign-out":
        queue.close_window(window, clerk=clerk)
        messages.success(request, _("Window %(n)s is closed.") % {"n": window.number})
        return back
    current = queue.current_ticket(window)
    if action == "call":
        _call(request, window, current)
        return back
    form_class = {"finish": FinishForm, "transfer": TransferForm}.get(action, TicketActionForm)
    kwargs = {"groups": groups_served(window.centre)} if action == "transfer" else {}
    form = form_class(request.POST, **kwargs)
    if not form.is_valid() or current is None or form.cleaned_data["ticket"] != current.pk:
        messages.error(request, _("This visitor's ticket has moved on: here is the window now."))
        return back
    try:
        if action == "recall":
            queue.recall(current, clerk=clerk)
        elif action == "start":
            queue.start(current, clerk=clerk)
        elif action == "miss":
            queue.miss(current, clerk=clerk)
        elif action == "finish":
            queue.finish(current, clerk=clerk, case_number=form.cleaned_data["case_number"])
        else:
            queue.transfer(current, clerk=clerk, group=form.chosen_group())
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except InvalidTransition:
        messages.error(request, _("This visitor's ticket has moved on: here is the window now."))
    else:
        messages.success(request, str(_DONE[action]) % {"number": current.number})
    return back


_DONE = {
    "recall": gettext_lazy("Ticket %(number)s is called again."),
    "start": gettext_lazy("Serving ticket %(number)s."),
    "miss": gettext_lazy("Ticket %(number)s is marked missed."),
    "finish": gettext_lazy("Ticket %(number)s is done."),
    "transfer": gettext_lazy("Ticket %(number)s is sent to another window."),
}


def _call(request: HttpRequest, window: Window, current: Ticket | None) -> None:
    try:
        called = queue.call_next(window, clerk=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return
    if called is None:
        messages.info(request, _("Nobody is waiting for this window."))
    else:
        messages.success(
            request,
            _("Ticket %(number)s is called to window %(window)s.")
            % {"number": called.number, "window": window.number},
        )


@login_required
@require_POST
def collect_drop_off(request: HttpRequest, pk: int) -> HttpResponse:
    drop_off = dropbox.drop_off_for_clerk(request.user, pk)
    try:
        dropbox.collect(drop_off, clerk=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Drop-off %(reference)s is collected for application %(number)s.")
            % {"reference": drop_off.reference, "number": drop_off.case_number},
        )
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("centres:work")
    return redirect(target)
