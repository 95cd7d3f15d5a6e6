"""The citizen's appointment pages: my appointments, book (centre → service → day → time →
confirm), the confirmation with its code, QR and calendar file, reschedule and cancel.

The picker's state lives in the address (`?centre=&group=&day=&slot=`), so every step is a
plain link or GET form and works without JavaScript; only the final booking is a POST. An
appointment is found through `services.appointment_for`, so anyone but its holder gets 404.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, DateTimeField, F, IntegerField, Q, Value, When
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import ics, services
from .models import Appointment, Centre, ServiceGroup

PER_PAGE = 20
PICKER_DAYS = 10  # open days offered at once; the service decides how far ahead is allowed


def holder_appointment(request: HttpRequest, code: str) -> Appointment:
    appointment = services.appointment_for(request.user, code)
    if appointment is None:
        raise Http404(code)
    return appointment


def open_days(centre: Centre, *, today: date | None = None) -> list[date]:
    today = today or timezone.localdate()
    days = (today + timedelta(days=n) for n in range(settings.GUICHET_BOOKING_DAYS_AHEAD + 1))
    return list(islice((day for day in days if services.is_open_on(centre, day)), PICKER_DAYS))


def parse_start(value: str) -> datetime | None:
    """The slot's start as the form sent it (ISO 8601); a naive one is read as local time."""
    try:
        moment = datetime.fromisoformat((value or "").strip())
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# The picker, shared by booking and rescheduling


@dataclass
class Picker:
    """Where the visitor is in the picker: each list holds (choice, address of the next step)."""

    base: str  # the page's address, without the picker's parameters
    fixed: bool  # rescheduling: centre and group are the appointment's
    centre: Centre | None = None
    group: ServiceGroup | None = None
    day: date | None = None
    chosen: services.Slot | None = None
    centres: list[tuple[Centre, str]] = field(default_factory=list)
    groups: list[tuple[ServiceGroup, str]] = field(default_factory=list)
    days: list[tuple[date, str]] = field(default_factory=list)
    slots: list[services.Slot] = field(default_factory=list)

    def link(self, **params: str) -> str:
        """The address of a step: this picker's centre and group plus `params`."""
        pairs: dict[str, str] = {}
        if not self.fixed:
            pairs["centre"] = self.centre.code if self.centre else ""
            pairs["group"] = self.group.code if self.group else ""
        pairs.update(params)
        query = urlencode({k: v for k, v in pairs.items() if v})
        return f"{self.base}?{query}" if query else self.base

    @property
    def change_group(self) -> str:
        return self.link(group="")

    @property
    def change_day(self) -> str:
        return self.link()

    @property
    def change_time(self) -> str:
        return self.link(day=self.day.isoformat()) if self.day else self.link()

    @property
    def hidden(self) -> dict[str, str]:
        """The choices a form carries on to the next step."""
        if self.fixed or self.centre is None:
            return {}
        return {"centre": self.centre.code, "group": self.group.code if self.group else ""}


def build_picker(
    params: QueryDict,
    *,
    base: str,
    centre: Centre | None = None,
    group: ServiceGroup | None = None,
    day: date | None = None,
) -> Picker:
    """Read the choices so far, keep only those still valid, and list the next step's."""
    fixed = centre is not None
    picker = Picker(base=base, fixed=fixed)
    if centre is None:
        picker.centres = [(c, picker.link(centre=c.code)) for c in services.centres()]
        centre = services.centre_by_code(params.get("centre", "").strip())
    if centre is None:
        return picker
    picker.centre = centre
    if not fixed:
        served = services.groups_served(centre)
        picker.groups = [(g, picker.link(group=g.code)) for g in served]
        wanted = params.get("group", "").strip()
        group = next((g for g in served if g.code == wanted), None)
    if group is None:
        return picker
    picker.group = group
    picker.days = [(d, picker.link(day=d.isoformat())) for d in open_days(centre)]
    day = day or _parse_day(params.get("day", ""))
    if day is None or day not in {d for d, _link in picker.days}:
        return picker
    picker.day = day
    picker.slots = [s for s in services.slots(centre, group, day) if s.free]
    start = parse_start(params.get("slot", "")) if params.get("slot") else None
    picker.chosen = next((s for s in picker.slots if s.starts_at == start), None)
    return picker


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# ---------------------------------------------------------------------------------------------
# My appointments


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """Upcoming appointments first, soonest first; then the rest, newest first."""
    upcoming = Q(state__in=Appointment.HOLDS_A_SEAT, ends_at__gte=timezone.now())
    appointments = services.appointments_of(request.user).annotate(
        later=Case(When(upcoming, then=Value(0)), default=Value(1), output_field=IntegerField()),
        soon=Case(When(upcoming, then=F("starts_at")), output_field=DateTimeField()),
    )
    appointments = appointments.order_by(
        "later", F("soon").asc(nulls_last=True), "-starts_at", "-id"
    )
    page = Paginator(appointments, PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for appointment in page.object_list:
        appointment.changeable = _changeable(appointment)
    return render(request, "centres/appointments/mine.html", {"page": page})


def _changeable(appointment: Appointment) -> bool:
    return appointment.state == Appointment.State.BOOKED and appointment.starts_at > timezone.now()


# ---------------------------------------------------------------------------------------------
# Booking


@login_required
@require_http_methods(["GET", "POST"])
def book(request: HttpRequest) -> HttpResponse:
    base = reverse("appointments:book")
    if request.method == "GET":
        picker = build_picker(request.GET, base=base)
        return _picker_page(request, picker, mode="book")
    centre = services.centre_by_code(request.POST.get("centre", "").strip())
    group = services.group_by_code(request.POST.get("group", "").strip())
    starts_at = parse_start(request.POST.get("starts_at", ""))
    if centre is None or group is None or starts_at is None:
        error = _("Choose a centre, a service and a time.")
    else:
        try:
            appointment = services.book(
                request.user, centre=centre, group=group, starts_at=starts_at
            )
        except ValidationError as refusal:
            error = _error_text(refusal)
        else:
            messages.success(request, _("Your appointment is booked."))
            return redirect("appointments:detail", code=appointment.code)
    day = timezone.localdate(starts_at) if starts_at else None
    params = QueryDict(mutable=True)
    params.update({"centre": centre.code if centre else "", "group": group.code if group else ""})
    picker = build_picker(params, base=base, day=day)
    return _picker_page(request, picker, mode="book", error=error)


def _picker_page(
    request: HttpRequest,
    picker: Picker,
    *,
    mode: str,
    error: str = "",
    appointment: Appointment | None = None,
) -> HttpResponse:
    context = {"picker": picker, "mode": mode, "error": error, "appointment": appointment}
    return render(request, "centres/appointments/book.html", context)


# ---------------------------------------------------------------------------------------------
# One appointment


def qr_svg(text: str, label: str) -> SafeString:
    """The code as an inline SVG QR code the kiosk's scanner reads, named for screen readers."""
    code = segno.make(text, error="m", micro=False)
    svg = code.svg_inline(scale=6, border=2, svgclass="qr", lineclass=None, title=label)
    return mark_safe(  # noqa: S308  (segno's own markup; the label is escaped)
        svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)
    )


@login_required
@require_GET
def detail(request: HttpRequest, code: str) -> HttpResponse:
    appointment = holder_appointment(request, code)
    label = _("QR code of appointment %(code)s") % {"code": appointment.code}
    context = {
        "appointment": appointment,
        "qr": qr_svg(appointment.code, label),
        "changeable": _changeable(appointment),
        "active": appointment.state in Appointment.HOLDS_A_SEAT,
    }
    return render(request, "centres/appointments/detail.html", context)


@login_required
@require_GET
def calendar_file(request: HttpRequest, code: str) -> HttpResponse:
    appointment = holder_appointment(request, code)
    body = ics.calendar(appointment, domain=request.get_host().split(":")[0])
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.code}.ics"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def reschedule(request: HttpRequest, code: str) -> HttpResponse:
    appointment = holder_appointment(request, code)
    if not _changeable(appointment):
        messages.error(request, _("This appointment can no longer be moved."))
        return redirect("appointments:detail", code=appointment.code)
    base = reverse("appointments:reschedule", args=[appointment.code])
    fixed = {"centre": appointment.centre, "group": appointment.group}
    if request.method == "GET":
        picker = build_picker(request.GET, base=base, **fixed)
        return _picker_page(request, picker, mode="reschedule", appointment=appointment)
    starts_at = parse_start(request.POST.get("starts_at", ""))
    if starts_at is None:
        error = _("Choose a time.")
    else:
        try:
            moved = services.reschedule(appointment, by=request.user, starts_at=starts_at)
        except PermissionDenied:
            raise Http404(code) from None
        except ValidationError as refusal:
            error = _error_text(refusal)
        else:
            messages.success(
                request,
                _("Your appointment was moved. Its new code is %(code)s.") % {"code": moved.code},
            )
            return redirect("appointments:detail", code=moved.code)
    day = timezone.localdate(starts_at) if starts_at else None
    picker = build_picker(QueryDict(), base=base, day=day, **fixed)
    return _picker_page(request, picker, mode="reschedule", error=error, appointment=appointment)


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, code: str) -> HttpResponse:
    """GET asks for confirmation; POST cancels and frees the seat."""
    appointment = holder_appointment(request, code)
    if not _changeable(appointment):
        messages.error(request, _("This appointment can no longer be cancelled."))
        return redirect("appointments:detail", code=appointment.code)
    if request.method == "GET":
        return render(request, "centres/appointments/cancel.html", {"appointment": appointment})
    try:
        services.cancel(appointment, by=request.user)
    except ValidationError as refusal:
        messages.error(request, _error_text(refusal))
    else:
        messages.success(request, _("Your appointment was cancelled."))
    return redirect("appointments:detail", code=appointment.code)
