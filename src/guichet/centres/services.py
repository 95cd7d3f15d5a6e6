"""Centres' opening days and hours, bookable slots, and appointments.

Tickets and the counter are in `queue.py`; reports in `reports.py`.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet import working_days
from guichet.audit import services as audit
from guichet.notify import services as notify

from .models import Appointment, Centre, ServiceGroup, Window

# Codes people read aloud or type at a kiosk: no 0/O, 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def centre_by_code(code: str) -> Centre | None:
    return Centre.objects.filter(code=code).first()


def centres():
    return Centre.objects.prefetch_related("hours").order_by("code")


def group_by_code(code: str) -> ServiceGroup | None:
    return ServiceGroup.objects.filter(code=code).first()


# ---------------------------------------------------------------------------------------------
# Opening


def is_open_on(centre: Centre, day: date) -> bool:
    """Open that day: hours for its weekday, not a closed day, not a public holiday unless
    the centre opens all year."""
    if centre.closed_days.filter(day=day).exists():
        return False
    if not centre.hours.filter(weekday=day.weekday()).exists():
        return False
    return centre.open_all_year or not working_days.is_public_holiday(day)


def spans(centre: Centre, day: date) -> list[tuple[datetime, datetime]]:
    """The opening spans of that day, as aware datetimes (empty when closed)."""
    if not is_open_on(centre, day):
        return []
    zone = timezone.get_current_timezone()
    return [
        (
            timezone.make_aware(datetime.combine(day, h.opens), zone),
            timezone.make_aware(datetime.combine(day, h.closes), zone),
        )
        for h in centre.hours.filter(weekday=day.weekday())
    ]


def is_open_at(centre: Centre, moment: datetime) -> bool:
    return any(start <= moment < end for start, end in spans(centre, timezone.localdate(moment)))


def qualified_windows(centre: Centre, group: ServiceGroup):
    """Windows that may serve this group: generalists, those listing it, fast track if quick."""
    windows = centre.windows.annotate(listed=Count("groups")).filter(Q(listed=0) | Q(groups=group))
    if not group.quick:
        windows = windows.exclude(kind=Window.Kind.FAST_TRACK)
    return windows.distinct()


# ---------------------------------------------------------------------------------------------
# Slots and appointments


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    capacity: int
    booked: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)


def slots(centre: Centre, group: ServiceGroup, day: date, *, now: datetime | None = None):
    """Bookable slots of a day: opening spans cut into the group's slot length, one seat per
    window qualified for the group; past slots are left out."""
    now = now or timezone.now()
    capacity = qualified_windows(centre, group).count()
    if not capacity:
        return []
    length = timedelta(minutes=group.slot_minutes)
    booked = dict(
        Appointment.objects.filter(
            centre=centre,
            group=group,
            starts_at__date=day,
            state__in=Appointment.HOLDS_A_SEAT,
        )
        .values_list("starts_at")
        .annotate(n=Count("id"))
    )
    found = []
    for opens, closes in spans(centre, day):
        start = opens
        while start + length <= closes:
            if start > now:
                found.append(Slot(start, start + length, capacity, booked.get(start, 0)))
            start += length
    return found


def _slot(centre: Centre, group: ServiceGroup, starts_at: datetime) -> Slot:
    starts_at = starts_at.astimezone(timezone.get_current_timezone())
    ahead = settings.GUICHET_BOOKING_DAYS_AHEAD
    if starts_at.date() > timezone.localdate() + timedelta(days=ahead):
        raise ValidationError(
            _("Appointments open %(days)d days ahead."),
            code="too-far",
            params={"days": settings.GUICHET_BOOKING_DAYS_AHEAD},
        )
    for slot in slots(centre, group, starts_at.date()):
        if slot.starts_at == starts_at:
            return slot
    raise ValidationError(_("This time cannot be booked."), code="no-such-slot")


def _require_few_no_shows(person) -> None:
    since = timezone.now() - timedelta(days=settings.GUICHET_NO_SHOW_DAYS)
    missed = Appointment.objects.filter(
        person=person, state=Appointment.State.NO_SHOW, starts_at__gte=since
    ).count()
    if missed >= settings.GUICHET_NO_SHOW_LIMIT:
        raise ValidationError(
            _(
                "You missed %(count)d appointments in the last %(days)d days: book at a "
                "centre's desk or take a ticket on the day."
            ),
            code="too-many-no-shows",
            params={"count": missed, "days": settings.GUICHET_NO_SHOW_DAYS},
        )


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


@transaction.atomic
def book(
    person, *, centre: Centre, group: ServiceGroup, starts_at: datetime, case_number: str = ""
) -> Appointment:
    """Take a seat in a slot; the last free seat goes to exactly one booking."""
    _require_few_no_shows(person)
    slot = _slot(centre, group, starts_at)
    taken = set(
        Appointment.objects.filter(
            centre=centre,
            group=group,
            starts_at=slot.starts_at,
            state__in=Appointment.HOLDS_A_SEAT,
        ).values_list("seat", flat=True)
    )
    for seat in range(slot.capacity):
        if seat in taken:
            continue
        try:
            with transaction.atomic():
                appointment = Appointment.objects.create(
                    code=_new_code(),
                    centre=centre,
                    group=group,
                    starts_at=slot.starts_at,
                    ends_at=slot.ends_at,
                    seat=seat,
                    person=person,
                    case_number=case_number,
                )
        except IntegrityError:
            continue  # someone took this seat a moment ago: try the next one
        audit.record(
            action="appointment.booked",
            actor=person,
            target=appointment,
            summary={"centre": centre.code, "group": group.code, "at": slot.starts_at.isoformat()},
        )
        _confirm(appointment)
        return appointment
    raise ValidationError(_("This time has just been booked: choose another."), code="slot-full")


def _confirm(appointment: Appointment) -> None:
    notify.notify(
        appointment.person,
        subject=_("Appointment %(code)s confirmed"),
        body=_("Your appointment at %(centre)s is on %(when)s. Show code %(code)s at the kiosk."),
        params=_appointment_params(appointment),
        link=reverse("appointments:detail", args=[appointment.code]),
    )


def _appointment_params(appointment: Appointment) -> dict:
    local = timezone.localtime(appointment.starts_at)
    return {
        "code": appointment.code,
        "centre": appointment.centre.display_name,
        "when": local.strftime("%Y-%m-%d %H:%M"),
    }


def _require_holder(person, appointment: Appointment) -> None:
    if appointment.person_id != getattr(person, "pk", None):
        raise PermissionDenied(_("This is not your appointment."))


@transaction.atomic
def cancel(appointment: Appointment, *, by) -> Appointment:
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    _require_holder(by, appointment)
    if appointment.state != Appointment.State.BOOKED:
        raise ValidationError(_("Only a booked appointment can be cancelled."), code="state")
    appointment.state, appointment.seat = Appointment.State.CANCELLED, None
    appointment.save(update_fields=["state", "seat"])
    audit.record(action="appointment.cancelled", actor=by, target=appointment, summary={})
    return appointment


@transaction.atomic
def reschedule(appointment: Appointment, *, by, starts_at: datetime) -> Appointment:
    """Move to another slot: the new seat is taken before the old one is given back."""
    _require_holder(by, appointment)
    moved = book(
        by,
        centre=appointment.centre,
        group=appointment.group,
        starts_at=starts_at,
        case_number=appointment.case_number,
    )
    cancel(appointment, by=by)
    return moved


def appointments_of(person):
    return (
        Appointment.objects.filter(person=person)
        .select_related("centre", "group")
        .order_by("-starts_at")
    )


def appointment_for(person, code: str) -> Appointment | None:
    return appointments_of(person).filter(code=code.strip().upper()).first()


@transaction.atomic
def remind_tomorrow(today: date | None = None) -> int:
    """The day before: a reminder to everyone booked tomorrow (once)."""
    tomorrow = (today or timezone.localdate()) + timedelta(days=1)
    due = Appointment.objects.select_for_update().filter(
        state=Appointment.State.BOOKED, starts_at__date=tomorrow, reminded_at__isnull=True
    )
    count = 0
    for appointment in due.select_related("centre", "person"):
        notify.notify(
            appointment.person,
            subject=_("Reminder: appointment %(code)s tomorrow"),
            body=_("Your appointment at %(centre)s is on %(when)s. Show code %(code)s."),
            params=_appointment_params(appointment),
            link=reverse("appointments:detail", args=[appointment.code]),
        )
        appointment.reminded_at = timezone.now()
        appointment.save(update_fields=["reminded_at"])
        count += 1
    return count


@transaction.atomic
def record_no_shows(now: datetime | None = None, *, grace_minutes: int = 15) -> int:
    """Appointments whose slot ended without a check-in are recorded as missed."""
    now = now or timezone.now()
    late = Appointment.objects.filter(
        state=Appointment.State.BOOKED, ends_at__lt=now - timedelta(minutes=grace_minutes)
    )
    count = 0
    for appointment in late:
        appointment.state, appointment.seat = Appointment.State.NO_SHOW, None
        appointment.save(update_fields=["state", "seat"])
        audit.record(action="appointment.no_show", target=appointment, summary={})
        count += 1
    return count


def opening_for_display(centre: Centre) -> list[tuple[int, list[tuple[time, time]]]]:
    """Weekday → spans, for pages and the API."""
    by_day: dict[int, list[tuple[time, time]]] = {d: [] for d in range(7)}
    for h in centre.hours.all():
        by_day[h.weekday].append((h.opens, h.closes))
    return sorted(by_day.items())


def groups_served(centre: Centre) -> list[ServiceGroup]:
    """The service groups at least one of the centre's windows is qualified for."""
    return [
        group
        for group in ServiceGroup.objects.order_by("code")
        if qualified_windows(centre, group).exists()
    ]
