"""Service centres over the API: centres with hours and live queues, slots, appointments,
tickets at the kiosk, the window's buttons and the call board.

Handlers parse, call a service and shape the answer; who may do what is the services' rule
(a window's buttons need a clerk of that centre). Refusals keep their code in the problem
document (`urn:guichet:problem:slot-full`), so a client can act on them.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from guichet.accounts.auth import PublicWriteThrottle, session_or_token

from . import queue, services
from .models import Appointment, Centre, ServiceGroup, Ticket, Window
from .schemas import (
    AppointmentIn,
    AppointmentOut,
    BoardOut,
    CentreDetailOut,
    CentreOut,
    CheckInIn,
    FinishIn,
    RescheduleIn,
    SlotFilters,
    SlotOut,
    TicketIn,
    TicketOut,
    TransferIn,
)

router = Router(tags=["service centres"])

BOOK = session_or_token("appointments")
COUNTER = session_or_token("counter")


class KioskThrottle(PublicWriteThrottle):
    """Its own budget per client: taking tickets must not use up sign-ups."""

    scope = "centre-tickets"


def _centre(code: str) -> Centre:
    centre = services.centre_by_code(code)
    if centre is None:
        raise Http404(code)
    return centre


def _group(code: str, field: str = "group") -> ServiceGroup:
    group = services.group_by_code(code)
    if group is None:
        raise ValidationError({field: ValidationError(_("Unknown service group."), code="group")})
    return group


def _mine(request: HttpRequest, code: str) -> Appointment:
    appointment = services.appointment_for(request.auth, code)
    if appointment is None:
        raise Http404(code)
    return appointment


def _ticket(ticket_id: int) -> Ticket:
    ticket = Ticket.objects.select_related("centre", "group").filter(pk=ticket_id).first()
    if ticket is None:
        raise Http404(ticket_id)
    return ticket


def _shown(ticket: Ticket) -> Ticket:
    """The ticket as the answer shows it: read again, with what the schema follows."""
    return Ticket.objects.select_related("centre", "group", "window", "appointment").get(
        pk=ticket.pk
    )


# --- Appointments (the caller's) ---------------------------------------------------------------
# Declared before `/{code}` so that "appointments" is never read as a centre's code.


@router.get("/appointments", response=list[AppointmentOut], auth=BOOK)
@paginate
def my_appointments(request):
    """The caller's appointments, latest first."""
    return services.appointments_of(request.auth)


@router.get("/appointments/{code}", response=AppointmentOut, auth=BOOK)
def my_appointment(request, code: str):
    return _mine(request, code)


@router.post("/appointments/{code}/cancel", response=AppointmentOut, auth=BOOK)
def cancel_appointment(request, code: str):
    """Cancel a booked appointment; its seat is free again at once."""
    return services.cancel(_mine(request, code), by=request.auth)


@router.post("/appointments/{code}/reschedule", response=AppointmentOut, auth=BOOK)
def reschedule_appointment(request, code: str, body: RescheduleIn):
    """Move to another slot of the same centre and group. The answer is a new appointment
    with a new code; the old one is cancelled only once the new seat is held."""
    return services.reschedule(_mine(request, code), by=request.auth, starts_at=body.starts_at)


# --- The window's buttons (clerks of the centre) ------------------------------------------------


@router.post("/windows/{window_id}/call-next", response={200: TicketOut, 204: None}, auth=COUNTER)
def call_next(request, window_id: int):
    """The one button: the platform picks this window's next visitor (204: nobody waits)."""
    window = Window.objects.filter(pk=window_id).first()
    if window is None:
        raise Http404(window_id)
    ticket = queue.call_next(window, clerk=request.auth)
    return _shown(ticket) if ticket else Status(204, None)


@router.post("/tickets/{ticket_id}/start", response=TicketOut, auth=COUNTER)
def start(request, ticket_id: int):
    """The called visitor is at the window: service starts."""
    return _shown(queue.start(_ticket(ticket_id), clerk=request.auth))


@router.post("/tickets/{ticket_id}/finish", response=TicketOut, auth=COUNTER)
def finish(request, ticket_id: int, body: FinishIn | None = None):
    """Service done, with the application handled if any."""
    case_number = body.case_number if body else ""
    return _shown(queue.finish(_ticket(ticket_id), clerk=request.auth, case_number=case_number))


@router.post("/tickets/{ticket_id}/recall", response=TicketOut, auth=COUNTER)
def recall(request, ticket_id: int):
    """Call the same visitor again (the board shows it anew)."""
    return _shown(queue.recall(_ticket(ticket_id), clerk=request.auth))


@router.post("/tickets/{ticket_id}/miss", response=TicketOut, auth=COUNTER)
def miss(request, ticket_id: int):
    """The called visitor did not come."""
    return _shown(queue.miss(_ticket(ticket_id), clerk=request.auth))


@router.post("/tickets/{ticket_id}/transfer", response=TicketOut, auth=COUNTER)
def transfer(request, ticket_id: int, body: TransferIn):
    """Send the visitor to another window type; they keep their place by arrival."""
    ticket = _ticket(ticket_id)
    return _shown(queue.transfer(ticket, clerk=request.auth, group=_group(body.group)))


# --- Centres (public) ---------------------------------------------------------------------------


@router.get("", response=list[CentreOut], auth=None)
@paginate
def list_centres(request):
    """Every centre with its opening hours, whether it is open now and its queues now."""
    return services.centres()


@router.get("/{code}", response=CentreDetailOut, auth=None)
def centre_detail(request, code: str):
    centre = _centre(code)
    centre.groups_served = services.groups_served(centre)
    return centre


@router.get("/{code}/slots", response=list[SlotOut], auth=None)
def slots(request, code: str, filters: Query[SlotFilters]):
    """Bookable slots of one day for a service group; full ones are listed with `free: 0`."""
    centre = _centre(code)
    return [
        {
            "starts_at": s.starts_at,
            "ends_at": s.ends_at,
            "capacity": s.capacity,
            "booked": s.booked,
            "free": s.free,
        }
        for s in services.slots(centre, _group(filters.group), filters.day)
    ]


@router.get("/{code}/board", response=BoardOut, auth=None)
def board(request, code: str):
    """The call board's state: the latest calls with their windows, and the queues."""
    return queue.board(_centre(code))


@router.post("/{code}/appointments", response={201: AppointmentOut}, auth=BOOK)
def book(request, code: str, body: AppointmentIn):
    """Book a slot; `slot-full` when its last seat has just gone."""
    appointment = services.book(
        request.auth,
        centre=_centre(code),
        group=_group(body.group),
        starts_at=body.starts_at,
        case_number=body.case_number,
    )
    return Status(201, appointment)


@router.post("/{code}/tickets", response={201: TicketOut}, auth=None, throttle=[KioskThrottle()])
def take_ticket(request, code: str, body: TicketIn):
    """A walk-in visitor's ticket, with the people ahead and the estimated wait."""
    ticket = queue.take_ticket(_centre(code), group=_group(body.group), priority=body.priority)
    return Status(201, _shown(ticket))


@router.post("/{code}/check-in", response=TicketOut, auth=None, throttle=[KioskThrottle()])
def check_in(request, code: str, body: CheckInIn):
    """An appointment holder's arrival: the code typed or scanned gives their ticket (the same
    ticket when scanned twice)."""
    return _shown(queue.check_in(_centre(code), code=body.code))
