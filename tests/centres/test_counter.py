"""Centres: opening days, bookable slots, appointments, tickets and the one "call next" button.

Races run for real on PostgreSQL, with a connection per thread.
"""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.centres import queue, reports, services
from guichet.centres.models import (
    Appointment,
    Centre,
    ClosedDay,
    OpeningHours,
    ServiceGroup,
    Ticket,
    Window,
)

TODAY = date(2026, 11, 23)  # a Monday


def at(hour: int, minute: int = 0, day: date = TODAY) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def build_centre(*, open_all_year: bool = False) -> Centre:
    centre = Centre.objects.create(
        code="JA", name={"en": "Jing'an Centre"}, kind="district", open_all_year=open_all_year
    )
    for weekday in range(7):
        OpeningHours.objects.create(centre=centre, weekday=weekday, opens=time(9), closes=time(12))
        OpeningHours.objects.create(centre=centre, weekday=weekday, opens=time(13), closes=time(17))
    groups = {
        "general": ServiceGroup.objects.create(code="general", window_kind="general"),
        "market": ServiceGroup.objects.create(code="market", window_kind="market"),
        "quick": ServiceGroup.objects.create(code="quick", window_kind="general", quick=True),
    }
    general = Window.objects.create(centre=centre, number=1, kind="general")
    market = Window.objects.create(centre=centre, number=2, kind="market")
    market.groups.set([groups["market"]])
    fast = Window.objects.create(centre=centre, number=3, kind="fast_track")
    fast.groups.set([groups["quick"]])
    centre.groups = groups
    centre.general, centre.market, centre.fast = general, market, fast
    return centre


@pytest.fixture
def centre(db):
    return build_centre()


@pytest.fixture
def clerk(make_user):
    user = make_user(Role.WINDOW_CLERK)
    user.memberships.all().delete()
    accounts.grant_membership(user, role=Role.WINDOW_CLERK, organisation_code="JA")
    return user


# --- Opening and slots ------------------------------------------------------------------------


def test_slots_follow_opening_hours_and_count_the_qualified_windows(centre):
    day_slots = services.slots(centre, centre.groups["market"], TODAY, now=at(8))
    assert len(day_slots) == (3 + 4) * 4  # 15-minute slots in 9-12 and 13-17
    assert day_slots[0].starts_at == at(9) and day_slots[12].starts_at == at(13)
    # The market group: the generalist window and the market window (not fast track).
    assert {s.capacity for s in day_slots} == {2}
    quick = services.slots(centre, centre.groups["quick"], TODAY, now=at(8))
    assert quick[0].capacity == 2  # generalist + fast track
    assert services.slots(centre, centre.groups["market"], TODAY, now=at(16, 50)) == []


def test_closed_days_and_public_holidays_have_no_slots(centre):
    ClosedDay.objects.create(centre=centre, day=TODAY, reason="Inventory")
    assert services.slots(centre, centre.groups["general"], TODAY, now=at(8)) == []
    national_day = date(2026, 10, 1)
    assert not services.is_open_on(centre, national_day)
    centre.open_all_year = True
    assert services.is_open_on(centre, national_day)


# --- Appointments -------------------------------------------------------------------------------


def test_the_last_seat_of_a_slot_is_booked_once(centre, make_user, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: at(8))
    group = centre.groups["general"]  # only the generalist window serves it: one seat
    first = services.book(make_user(), centre=centre, group=group, starts_at=at(10))
    assert first.seat == 0 and len(first.code) == 8
    with pytest.raises(ValidationError) as full:
        services.book(make_user(), centre=centre, group=group, starts_at=at(10))
    assert full.value.code == "slot-full"
    slot = next(s for s in services.slots(centre, group, TODAY) if s.starts_at == at(10))
    assert slot.free == 0


def test_a_cancelled_or_rescheduled_seat_is_free_again(centre, make_user, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: at(8))
    group, person = centre.groups["general"], make_user()
    booked = services.book(person, centre=centre, group=group, starts_at=at(10))
    moved = services.reschedule(booked, by=person, starts_at=at(11))
    assert moved.starts_at == at(11)
    booked.refresh_from_db()
    assert booked.state == Appointment.State.CANCELLED and booked.seat is None
    services.book(make_user(), centre=centre, group=group, starts_at=at(10))
    with pytest.raises(PermissionDenied):
        services.cancel(moved, by=make_user())


def test_repeated_no_shows_stop_online_booking(centre, make_user, monkeypatch, settings):
    monkeypatch.setattr(timezone, "now", lambda: at(8))
    person, group = make_user(), centre.groups["general"]
    for hour in (9, 10, 11):
        services.book(person, centre=centre, group=group, starts_at=at(hour))
    assert services.record_no_shows(at(16)) == 3
    with pytest.raises(ValidationError) as refused:
        services.book(person, centre=centre, group=group, starts_at=at(13, 30))
    assert refused.value.code == "too-many-no-shows"


def test_a_reminder_goes_out_the_day_before_once(centre, make_user, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: at(8))
    services.book(make_user(), centre=centre, group=centre.groups["general"], starts_at=at(10))
    yesterday = TODAY - timedelta(days=1)
    assert services.remind_tomorrow(yesterday) == 1
    assert services.remind_tomorrow(yesterday) == 0


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_never_take_the_last_seat_twice(make_user, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("tested on PostgreSQL (SQLite serialises writers)")
    centre = build_centre()
    monkeypatch.setattr(timezone, "now", lambda: at(8))
    people = [make_user() for _ in range(8)]
    barrier = threading.Barrier(len(people))
    outcomes: list[str] = []

    def try_booking(person) -> None:
        try:
            barrier.wait()
            services.book(
                person,
                centre=centre,
                group=ServiceGroup.objects.get(code="market"),
                starts_at=at(10),
            )
            outcomes.append("booked")
        except ValidationError as refusal:
            outcomes.append(refusal.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=try_booking, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked", "booked"] + ["slot-full"] * 6  # two seats
    assert Appointment.objects.filter(starts_at=at(10)).count() == 2


# --- Tickets and the counter --------------------------------------------------------------------


def test_ticket_numbers_carry_the_window_type_and_restart_every_day(centre):
    general, market = centre.groups["general"], centre.groups["market"]
    numbers = [
        queue.take_ticket(centre, group=general, now=at(9)).number,
        queue.take_ticket(centre, group=general, now=at(9, 1)).number,
        queue.take_ticket(centre, group=market, now=at(9, 2)).number,
        queue.take_ticket(centre, group=general, now=at(9, 0, TODAY + timedelta(days=1))).number,
    ]
    assert numbers == ["A001", "A002", "B001", "A001"]


def test_call_next_puts_appointments_in_their_slot_then_priority_then_arrival(
    centre, clerk, make_user, monkeypatch
):
    group = centre.groups["general"]
    monkeypatch.setattr(timezone, "now", lambda: at(8))
    appointment = services.book(make_user(), centre=centre, group=group, starts_at=at(10))
    early = queue.take_ticket(centre, group=group, now=at(9, 30))
    elderly = queue.take_ticket(centre, group=group, priority="elderly", now=at(9, 40))
    booked = queue.check_in(centre, code=appointment.code, now=at(9, 45))

    def call(minute):
        called = queue.call_next(centre.general, clerk=clerk, now=at(9, minute))
        if called:  # served at once, so the window is free for the next press
            queue.finish(queue.start(called, clerk=clerk), clerk=clerk)
        return called

    # 9:46: the appointment is not yet inside its slot (from 9:50): priority first.
    assert call(46) == elderly
    assert call(55) == booked
    assert call(56) == early
    assert call(57) is None


def test_windows_take_only_the_groups_they_are_qualified_for(centre, clerk):
    general = queue.take_ticket(centre, group=centre.groups["general"], now=at(9))
    quick = queue.take_ticket(centre, group=centre.groups["quick"], now=at(9, 1))
    market = queue.take_ticket(centre, group=centre.groups["market"], now=at(9, 2))

    def call(window, minute):
        called = queue.call_next(window, clerk=clerk, now=at(9, minute))
        if called:  # the visitor leaves at once: the window may call again
            queue.miss(called, clerk=clerk)
        return called

    assert call(centre.fast, 5) == quick
    assert call(centre.fast, 6) is None
    assert call(centre.market, 7) == market
    assert call(centre.market, 8) is None
    assert call(centre.general, 9) == general


def test_a_window_calls_nobody_else_while_its_visitor_is_there(centre, clerk):
    first = queue.take_ticket(centre, group=centre.groups["general"], now=at(9))
    queue.take_ticket(centre, group=centre.groups["general"], now=at(9, 1))
    assert queue.call_next(centre.general, clerk=clerk, now=at(9, 5)) == first
    with pytest.raises(ValidationError) as busy:
        queue.call_next(centre.general, clerk=clerk, now=at(9, 6))
    assert busy.value.code == "window-busy"
    assert Ticket.objects.filter(state=Ticket.State.WAITING).count() == 1


def test_a_clerk_of_another_centre_cannot_call(centre, make_user):
    queue.take_ticket(centre, group=centre.groups["general"], now=at(9))
    stranger = make_user(Role.WINDOW_CLERK)
    with pytest.raises(PermissionDenied):
        queue.call_next(centre.general, clerk=stranger, now=at(9, 5))
    assert Ticket.objects.get().state == Ticket.State.WAITING


def test_recall_then_miss_transfer_and_the_days_report(centre, clerk):
    group, market = centre.groups["general"], centre.groups["market"]
    absent = queue.take_ticket(centre, group=group, now=at(9))
    moved = queue.take_ticket(centre, group=group, now=at(9, 2))
    served = queue.take_ticket(centre, group=group, now=at(9, 4))

    assert queue.call_next(centre.general, clerk=clerk, now=at(9, 10)) == absent
    queue.recall(absent, clerk=clerk, now=at(9, 11))
    queue.recall(Ticket.objects.get(pk=absent.pk), clerk=clerk, now=at(9, 12))
    with pytest.raises(ValidationError):
        queue.recall(Ticket.objects.get(pk=absent.pk), clerk=clerk)
    queue.miss(absent, clerk=clerk, now=at(9, 13))

    assert queue.call_next(centre.general, clerk=clerk, now=at(9, 14)) == moved
    queue.transfer(moved, clerk=clerk, group=market)
    assert queue.call_next(centre.market, clerk=clerk, now=at(9, 30)).pk == moved.pk

    called = queue.call_next(centre.general, clerk=clerk, now=at(9, 40))
    assert called == served
    queue.start(called, clerk=clerk, now=at(9, 41))
    queue.finish(Ticket.objects.get(pk=called.pk), clerk=clerk, now=at(9, 51))

    day, windows = reports.daily_report(centre, TODAY)
    assert (day.visitors, day.called, day.missed) == (3, 3, 1)
    # Waits 10, 28 and 36 minutes: one of three within 15.
    assert day.within_standard == 1 and round(day.mean_wait) == 25 and day.p90_wait == 36
    assert day.mean_service == 10
    assert [w.label for w in windows] == ["1", "2"]


def test_the_ticket_says_how_many_are_ahead_and_how_long(centre, clerk):
    group = centre.groups["market"]
    tickets = [queue.take_ticket(centre, group=group, now=at(9, n)) for n in range(4)]
    Window.objects.filter(pk__in=[centre.general.pk, centre.market.pk]).update(is_open=True)
    wait = queue.estimate(tickets[3], now=at(9, 5))
    assert wait.ahead == 3
    assert wait.minutes == round(3 * group.mean_service_minutes / 2)


def test_the_board_shows_the_latest_calls_and_the_queues(centre, clerk):
    queue.take_ticket(centre, group=centre.groups["general"], now=at(9))
    queue.take_ticket(centre, group=centre.groups["market"], now=at(9, 1))
    queue.call_next(centre.general, clerk=clerk, now=at(9, 5))
    state = queue.board(centre, now=at(9, 6))
    assert state["called"][0]["number"] == "A001" and state["called"][0]["window"] == 1
    assert state["waiting"] == {"market": 1}


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_windows_pressing_at_once_never_get_the_same_ticket(make_user):
    if connection.vendor != "postgresql":
        pytest.skip("tested on PostgreSQL (SQLite serialises writers)")
    centre = build_centre()
    clerk = make_user(Role.WINDOW_CLERK)
    accounts.grant_membership(clerk, role=Role.WINDOW_CLERK, organisation_code="JA")
    windows = [
        Window.objects.create(centre=centre, number=10 + n, kind="general") for n in range(6)
    ]
    for n in range(4):
        queue.take_ticket(centre, group=centre.groups["general"], now=at(9, n))
    barrier = threading.Barrier(len(windows))
    called: list[str | None] = []

    def press(window) -> None:
        try:
            barrier.wait()
            ticket = queue.call_next(window, clerk=clerk, now=at(9, 30))
            called.append(ticket.number if ticket else None)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press, args=(w,)) for w in windows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    numbers = [n for n in called if n]
    assert sorted(numbers) == ["A001", "A002", "A003", "A004"]
    assert called.count(None) == 2
