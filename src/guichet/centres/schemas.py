"""The centres API's types: centres with their hours and queues, slots, appointments, tickets
and the call board."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone
from ninja import Schema
from pydantic import Field

from . import queue, services
from .models import Appointment, Centre, Ticket

# --- Input -----------------------------------------------------------------------------------


class SlotFilters(Schema):
    group: str = Field(max_length=40, description="Service group code.")
    day: date


class AppointmentIn(Schema):
    group: str = Field(min_length=1, max_length=40, description="Service group code.")
    starts_at: datetime = Field(description="A free slot's start, as listed by `/slots`.")
    case_number: str = Field("", max_length=40, description="An application to bring along.")


class RescheduleIn(Schema):
    starts_at: datetime


class TicketIn(Schema):
    group: str = Field(min_length=1, max_length=40)
    priority: Ticket.Priority = Field(
        Ticket.Priority.NONE, description="A priority group the visitor belongs to, if any."
    )


class CheckInIn(Schema):
    code: str = Field(min_length=4, max_length=12, description="The appointment's code.")


class TransferIn(Schema):
    group: str = Field(min_length=1, max_length=40, description="The group to queue for now.")


class FinishIn(Schema):
    case_number: str = Field("", max_length=40, description="The application handled, if any.")


# --- Output ----------------------------------------------------------------------------------


class SpanOut(Schema):
    opens: time
    closes: time


class WeekdayHoursOut(Schema):
    weekday: int = Field(description="0 = Monday … 6 = Sunday.")
    spans: list[SpanOut]


class GroupOut(Schema):
    code: str
    name: str
    window_kind: str
    quick: bool
    slot_minutes: int
    mean_service_minutes: int

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name


class CentreOut(Schema):
    code: str
    name: str
    kind: Centre.Kind
    address: str
    district: str
    open_all_year: bool
    open_now: bool
    hours: list[WeekdayHoursOut]
    queues: dict[str, int] = Field(description="Tickets waiting now, per service group code.")

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name

    @staticmethod
    def resolve_open_now(obj) -> bool:
        return services.is_open_at(obj, timezone.now())

    @staticmethod
    def resolve_hours(obj) -> list[dict]:
        return [
            {"weekday": day, "spans": [{"opens": o, "closes": c} for o, c in spans]}
            for day, spans in services.opening_for_display(obj)
        ]

    @staticmethod
    def resolve_queues(obj) -> dict[str, int]:
        return queue.board(obj)["waiting"]


class CentreDetailOut(CentreOut):
    groups: list[GroupOut] = Field(description="The service groups this centre serves.")

    @staticmethod
    def resolve_groups(obj) -> list:
        return obj.groups_served


class SlotOut(Schema):
    starts_at: datetime
    ends_at: datetime
    capacity: int
    booked: int
    free: int


class AppointmentOut(Schema):
    code: str
    centre: str
    centre_name: str
    group: str
    starts_at: datetime
    ends_at: datetime
    state: Appointment.State
    case_number: str
    created_at: datetime

    @staticmethod
    def resolve_centre(obj) -> str:
        return obj.centre.code

    @staticmethod
    def resolve_centre_name(obj) -> str:
        return obj.centre.display_name

    @staticmethod
    def resolve_group(obj) -> str:
        return obj.group.code


class TicketOut(Schema):
    id: int = Field(description="For the window's actions (`/tickets/{id}/…`).")
    number: str
    centre: str
    group: str
    priority: Ticket.Priority
    state: Ticket.State
    window: int | None = Field(description="Number of the window calling or serving it.")
    appointment: str | None = Field(description="Code of the appointment checked in with.")
    recalls: int
    arrived_at: datetime
    called_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    ahead: int | None = Field(description="People called before this ticket (while waiting).")
    wait_minutes: int | None = Field(description="Estimated wait (while waiting).")

    @staticmethod
    def resolve_centre(obj) -> str:
        return obj.centre.code

    @staticmethod
    def resolve_group(obj) -> str:
        return obj.group.code

    @staticmethod
    def resolve_window(obj) -> int | None:
        return obj.window.number if obj.window_id else None

    @staticmethod
    def resolve_appointment(obj) -> str | None:
        return obj.appointment.code if obj.appointment_id else None

    @staticmethod
    def resolve_ahead(obj) -> int | None:
        return _wait(obj).ahead if obj.state == Ticket.State.WAITING else None

    @staticmethod
    def resolve_wait_minutes(obj) -> int | None:
        return _wait(obj).minutes if obj.state == Ticket.State.WAITING else None


def _wait(ticket: Ticket) -> queue.Wait:
    # Asked twice per answer (ahead, minutes): estimate once.
    if not hasattr(ticket, "_api_wait"):
        ticket._api_wait = queue.estimate(ticket)
    return ticket._api_wait


class CalledOut(Schema):
    number: str
    window: int | None
    state: Ticket.State
    called_at: datetime | None
    recalls: int


class BoardOut(Schema):
    centre: str
    at: datetime
    called: list[CalledOut] = Field(description="The latest calls, newest first.")
    waiting: dict[str, int] = Field(description="Tickets waiting, per service group code.")
