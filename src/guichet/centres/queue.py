"""Tickets and the counter: take a ticket or check in, call next, recall, miss, transfer,
serve; the call board's state and the wait a visitor is told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.audit import services as audit
from guichet.ops.sequences import next_number

from .models import Appointment, Centre, ServiceGroup, Ticket, Window
from .services import qualified_windows

# An appointment holder keeps priority from this long before their slot to its end.
EARLY = timedelta(minutes=10)
MAX_RECALLS = 2
PRIORITY_ORDER = {"": 1, "elderly": 0, "disabled": 0, "pregnant": 0}


def _prefix(group: ServiceGroup) -> str:
    return Window.PREFIXES.get(group.window_kind, "A")


def _new_ticket(centre: Centre, group: ServiceGroup, now: datetime, **fields) -> Ticket:
    day = timezone.localdate(now)
    prefix = _prefix(group)
    number = next_number(f"ticket:{centre.code}:{day.isoformat()}:{prefix}")
    return Ticket.objects.create(
        centre=centre,
        day=day,
        number=f"{prefix}{number:03d}",
        group=group,
        window_kind=group.window_kind,
        arrived_at=now,
        **fields,
    )


@transaction.atomic
def take_ticket(
    centre: Centre, *, group: ServiceGroup, priority: str = "", now: datetime | None = None
) -> Ticket:
    """A walk-in visitor's ticket; numbers restart every day per centre and window type."""
    now = now or timezone.now()
    if priority not in Ticket.Priority.values:
        raise ValidationError(_("Unknown priority group."), code="priority")
    if not qualified_windows(centre, group).exists():
        raise ValidationError(_("This centre does not serve that group."), code="not-served")
    ticket = _new_ticket(centre, group, now, priority=priority)
    audit.record(
        action="ticket.taken", target=ticket, summary={"number": ticket.number, "group": group.code}
    )
    return ticket


@transaction.atomic
def check_in(centre: Centre, *, code: str, now: datetime | None = None) -> Ticket:
    """An appointment holder checks in at the kiosk (code typed or QR scanned)."""
    now = now or timezone.now()
    appointment = (
        Appointment.objects.select_for_update()
        .select_related("group")
        .filter(centre=centre, code=code.strip().upper())
        .first()
    )
    if appointment is None or timezone.localdate(appointment.starts_at) != timezone.localdate(now):
        raise ValidationError(_("No appointment today with this code here."), code="unknown-code")
    if appointment.state == Appointment.State.CHECKED_IN:
        return appointment.ticket  # scanned twice: the same ticket
    if appointment.state != Appointment.State.BOOKED:
        raise ValidationError(_("This appointment can no longer be used."), code="state")
    appointment.state = Appointment.State.CHECKED_IN
    appointment.save(update_fields=["state"])
    ticket = _new_ticket(
        centre, appointment.group, now, appointment=appointment, case_number=appointment.case_number
    )
    audit.record(
        action="ticket.checked_in",
        target=ticket,
        summary={"number": ticket.number, "appointment": appointment.code},
    )
    return ticket


def order_key(ticket: Ticket, now: datetime) -> tuple:
    """Who is called first: appointment holders inside their slot, then priority visitors,
    then first come, first served (the seed's "priority at the counter")."""
    appointment = ticket.appointment
    in_slot = (
        appointment is not None and appointment.starts_at - EARLY <= now <= appointment.ends_at
    )
    return (
        0 if in_slot else 1,
        PRIORITY_ORDER.get(ticket.priority, 1),
        ticket.arrived_at,
        ticket.pk,
    )


def serves(window: Window, group: ServiceGroup, listed: set[int]) -> bool:
    if window.kind == Window.Kind.FAST_TRACK and not group.quick:
        return False
    return not listed or group.pk in listed


def _require_window_clerk(clerk, window: Window) -> None:
    if window.centre.code not in accounts.organisation_codes(clerk, Role.WINDOW_CLERK):
        raise PermissionDenied(_("You do not work at this centre."))


@transaction.atomic
def call_next(window: Window, *, clerk, now: datetime | None = None) -> Ticket | None:
    """The one button: the platform picks the ticket this window should serve now.

    The centre's row is locked for the choice, so two windows pressing at the same instant
    are served one after the other and never get the same ticket."""
    now = now or timezone.now()
    Centre.objects.select_for_update().filter(pk=window.centre_id).first()
    window = Window.objects.select_related("centre").get(pk=window.pk)
    _require_window_clerk(clerk, window)
    listed = set(window.groups.values_list("pk", flat=True))
    waiting = [
        t
        for t in Ticket.objects.filter(
            centre=window.centre, day=timezone.localdate(now), state=Ticket.State.WAITING
        ).select_related("group", "appointment")
        if serves(window, t.group, listed)
    ]
    if not waiting:
        return None
    ticket = min(waiting, key=lambda t: order_key(t, now))
    ticket.move_to(Ticket.State.CALLED)
    ticket.window, ticket.called_at = window, now
    ticket.save(update_fields=["state", "window", "called_at"])
    if window.clerk_id != clerk.pk or not window.is_open:
        window.clerk, window.is_open = clerk, True
        window.save(update_fields=["clerk", "is_open"])
    audit.record(
        action="ticket.called",
        actor=clerk,
        target=ticket,
        summary={"number": ticket.number, "window": window.number},
    )
    return ticket


def _change(ticket: Ticket, *, clerk, state: str, action: str, **fields) -> Ticket:
    ticket = Ticket.objects.select_for_update().select_related("centre").get(pk=ticket.pk)
    if ticket.centre.code not in accounts.organisation_codes(clerk, Role.WINDOW_CLERK):
        raise PermissionDenied(_("You do not work at this centre."))
    ticket.move_to(state)
    for name, value in fields.items():
        setattr(ticket, name, value)
    ticket.save()
    audit.record(action=action, actor=clerk, target=ticket, summary={"number": ticket.number})
    return ticket


@transaction.atomic
def recall(ticket: Ticket, *, clerk, now: datetime | None = None) -> Ticket:
    if ticket.recalls >= MAX_RECALLS:
        raise ValidationError(_("Called three times: mark the ticket missed."), code="recalls")
    return _change(
        ticket,
        clerk=clerk,
        state=Ticket.State.CALLED,
        action="ticket.recalled",
        recalls=ticket.recalls + 1,
        called_at=now or timezone.now(),
    )


@transaction.atomic
def miss(ticket: Ticket, *, clerk, now: datetime | None = None) -> Ticket:
    return _change(
        ticket,
        clerk=clerk,
        state=Ticket.State.MISSED,
        action="ticket.missed",
        ended_at=now or timezone.now(),
    )


@transaction.atomic
def start(ticket: Ticket, *, clerk, now: datetime | None = None) -> Ticket:
    return _change(
        ticket,
        clerk=clerk,
        state=Ticket.State.SERVING,
        action="ticket.started",
        started_at=now or timezone.now(),
    )


@transaction.atomic
def finish(ticket: Ticket, *, clerk, case_number: str = "", now: datetime | None = None) -> Ticket:
    ticket = _change(
        ticket,
        clerk=clerk,
        state=Ticket.State.DONE,
        action="ticket.finished",
        ended_at=now or timezone.now(),
        case_number=case_number or ticket.case_number,
    )
    if ticket.appointment_id:
        Appointment.objects.filter(pk=ticket.appointment_id).update(state=Appointment.State.SERVED)
    return ticket


@transaction.atomic
def transfer(ticket: Ticket, *, clerk, group: ServiceGroup) -> Ticket:
    """Send the visitor to another window type; they keep their place by arrival time."""
    if not qualified_windows(ticket.centre, group).exists():
        raise ValidationError(_("This centre does not serve that group."), code="not-served")
    return _change(
        ticket,
        clerk=clerk,
        state=Ticket.State.WAITING,
        action="ticket.transferred",
        group=group,
        window_kind=group.window_kind,
        window=None,
        called_at=None,
    )


# ---------------------------------------------------------------------------------------------
# What visitors and the board see


@dataclass(frozen=True)
class Wait:
    ahead: int
    minutes: int


def estimate(ticket: Ticket, *, now: datetime | None = None) -> Wait:
    """People ahead in the ticket's group and the expected wait: the queue times the group's
    mean service time, shared by the windows open for it (at least one)."""
    now = now or timezone.now()
    waiting = [
        t
        for t in Ticket.objects.filter(
            centre=ticket.centre_id,
            day=ticket.day,
            group=ticket.group_id,
            state=Ticket.State.WAITING,
        ).select_related("appointment")
        if t.pk != ticket.pk
    ]
    mine = order_key(ticket, now)
    ahead = sum(1 for t in waiting if order_key(t, now) < mine)
    open_windows = qualified_windows(ticket.centre, ticket.group).filter(is_open=True).count()
    minutes = round(ahead * ticket.group.mean_service_minutes / max(open_windows, 1))
    return Wait(ahead, minutes)


def board(centre: Centre, *, now: datetime | None = None, shown: int = 8) -> dict:
    """The call board: the latest calls with their windows, and the queue per group."""
    now = now or timezone.now()
    day = timezone.localdate(now)
    called = (
        Ticket.objects.filter(
            centre=centre, day=day, state__in=[Ticket.State.CALLED, Ticket.State.SERVING]
        )
        .select_related("window")
        .order_by("-called_at")[:shown]
    )
    queues: dict[str, int] = {}
    for group_code in Ticket.objects.filter(
        centre=centre, day=day, state=Ticket.State.WAITING
    ).values_list("group__code", flat=True):
        queues[group_code] = queues.get(group_code, 0) + 1
    return {
        "centre": centre.code,
        "at": now.isoformat(),
        "called": [
            {
                "number": t.number,
                "window": t.window.number if t.window else None,
                "state": t.state,
                "called_at": t.called_at.isoformat() if t.called_at else None,
                "recalls": t.recalls,
            }
            for t in called
        ],
        "waiting": queues,
    }
