"""Tickets and the counter: take a ticket or check in, call next, recall, miss, transfer,
serve; the call board's state and the wait a visitor is told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.audit import services as audit
from guichet.ops.sequences import next_number

from . import call_rules
from .models import Appointment, Centre, ServiceGroup, Ticket, Window
from .services import qualified_windows

MAX_RECALLS = 2


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


def candidate(ticket: Ticket) -> call_rules.Candidate:
    """A ticket as the shared call rule (also the simulator's) sees it."""
    appointment = ticket.appointment
    return call_rules.Candidate(
        key=ticket.pk,
        group=ticket.group.code,
        arrived_at=ticket.arrived_at,
        priority=bool(ticket.priority),
        slot_start=appointment.starts_at if appointment else None,
        slot_end=appointment.ends_at if appointment else None,
    )


def counter(window: Window) -> call_rules.Counter:
    groups = frozenset(window.groups.values_list("code", flat=True))
    return call_rules.Counter(
        groups=groups or None,
        fast_track=window.kind == Window.Kind.FAST_TRACK,
        quick_groups=frozenset(
            ServiceGroup.objects.filter(quick=True).values_list("code", flat=True)
        ),
    )


def serves(window: Window, group: ServiceGroup, listed: set[int]) -> bool:
    """Whether the window may call this group (`listed`: the group ids the window lists),
    by the shared rule."""
    return call_rules.qualified(
        call_rules.Counter(
            groups=frozenset(listed) or None,
            fast_track=window.kind == Window.Kind.FAST_TRACK,
            quick_groups=frozenset({group.pk}) if group.quick else frozenset(),
        ),
        group.pk,
    )


def _require_window_clerk(clerk, window: Window) -> None:
    if window.centre.code not in accounts.organisation_codes(clerk, Role.WINDOW_CLERK):
        raise PermissionDenied(_("You do not work at this centre."))


@transaction.atomic
def call_next(window: Window, *, clerk, now: datetime | None = None) -> Ticket | None:
    """The one button: the platform picks the ticket this window should serve now.

    The centre's row is locked for the choice, so two windows pressing at the same instant
    are served one after the other and never get the same ticket."""
    now = now or timezone.now()
    window = Window.objects.select_related("centre").get(pk=window.pk)
    _require_window_clerk(clerk, window)
    rule = counter(window)
    # Only the groups this window may call, and only the columns the rule reads: the centre
    # stays locked while the line is read, so the read must be short.
    groups = ServiceGroup.objects.all()
    if rule.groups is not None:
        groups = groups.filter(code__in=rule.groups)
    if rule.fast_track:
        groups = groups.filter(quick=True)
    Centre.objects.select_for_update().filter(pk=window.centre_id).first()
    busy = current_ticket(window, now=now)
    if busy is not None:
        # One visitor at a time: a second press must not call someone else over them.
        raise ValidationError(
            _("Ticket %(number)s is still at this window: finish, transfer or miss it first."),
            code="window-busy",
            params={"number": busy.number},
        )
    waiting = {
        t.pk: t
        for t in Ticket.objects.filter(
            centre=window.centre,
            day=timezone.localdate(now),
            state=Ticket.State.WAITING,
            group__in=groups,
        )
        .select_related("group", "appointment")
        .only(
            "id",
            "arrived_at",
            "priority",
            "group__code",
            "appointment__starts_at",
            "appointment__ends_at",
        )
    }
    chosen = call_rules.choose_next((candidate(t) for t in waiting.values()), rule, now)
    if chosen is None:
        return None
    ticket = Ticket.objects.get(pk=chosen.key)
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
    mine = call_rules.order(candidate(ticket), now)
    ahead = sum(1 for t in waiting if call_rules.order(candidate(t), now) < mine)
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


# ---------------------------------------------------------------------------------------------
# Signing in at a window (added for the counter page)


@transaction.atomic
def open_window(window: Window, *, clerk) -> Window:
    """A clerk sits down at a window: it opens under their name, and any other window of the
    centre they were signed in at is left closed (one clerk, one window)."""
    window = Window.objects.select_for_update().select_related("centre").get(pk=window.pk)
    _require_window_clerk(clerk, window)
    Window.objects.filter(centre=window.centre, clerk=clerk).exclude(pk=window.pk).update(
        clerk=None, is_open=False
    )
    window.clerk, window.is_open = clerk, True
    window.save(update_fields=["clerk", "is_open"])
    audit.record(action="window.opened", actor=clerk, target=window, summary={})
    return window


@transaction.atomic
def close_window(window: Window, *, clerk) -> Window:
    window = Window.objects.select_for_update().select_related("centre").get(pk=window.pk)
    _require_window_clerk(clerk, window)
    window.clerk, window.is_open = None, False
    window.save(update_fields=["clerk", "is_open"])
    audit.record(action="window.closed", actor=clerk, target=window, summary={})
    return window


def current_ticket(window: Window, *, now: datetime | None = None) -> Ticket | None:
    """The visitor at the window now: the latest ticket it called that is not over."""
    day = timezone.localdate(now or timezone.now())
    return (
        Ticket.objects.filter(
            window=window, day=day, state__in=[Ticket.State.CALLED, Ticket.State.SERVING]
        )
        .select_related("group", "appointment__person")
        .order_by("-called_at", "-id")
        .first()
    )
