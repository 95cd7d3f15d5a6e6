"""The citizen's appointment pages: book step by step, the confirmation with its code, QR and
calendar file, reschedule and cancel; only the holder sees an appointment; the periodic jobs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from guichet.centres import ics, services
from guichet.centres.models import Appointment
from guichet.notify.models import OutboxEvent
from guichet.ops import periodic
from tests.centres.test_counter import TODAY, at, build_centre

BOOK = "/appointments/book/"


@pytest.fixture
def centre(db, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: at(8))
    centre = build_centre()
    centre.address = "88 Yan'an Road, Jing'an; Gate 2, Floor 1 — next to the metro, exit 3"
    centre.save()
    return centre


@pytest.fixture
def citizen(make_user):
    return make_user()


@pytest.fixture
def browser(login_client, citizen):
    return login_client(citizen)


def book_by_page(browser, starts_at, group: str = "general"):
    return browser.post(BOOK, {"centre": "JA", "group": group, "starts_at": starts_at.isoformat()})


def unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


# --- Booking -----------------------------------------------------------------------------------


def test_booking_goes_centre_service_day_time_confirm(centre, browser):
    page = browser.get(BOOK).content.decode()
    assert "Jing&#x27;an Centre" in page and "?centre=JA" in page

    page = browser.get(BOOK, {"centre": "JA"}).content.decode()
    for group in ("general", "market", "quick"):
        assert f"group={group}" in page

    page = browser.get(BOOK, {"centre": "JA", "group": "general"}).content.decode()
    assert f"day={TODAY.isoformat()}" in page
    assert f"day={(TODAY + timedelta(days=1)).isoformat()}" in page

    page = browser.get(BOOK, {"centre": "JA", "group": "general", "day": TODAY}).content.decode()
    assert page.count('type="radio"') == 28  # 9-12 and 13-17 in 15-minute slots
    assert at(10).isoformat() in page and "1 place free" in page

    slot = at(10).isoformat()
    step = {"centre": "JA", "group": "general", "day": TODAY, "slot": slot}
    page = browser.get(BOOK, step).content.decode()
    assert f'name="starts_at" value="{slot}"' in page and "Book this appointment" in page

    response = book_by_page(browser, at(10))
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/appointments/{appointment.code}/"
    page = browser.get(response["Location"]).content.decode()
    assert appointment.code in page and "Your appointment is booked." in page
    assert '<svg role="img"' in page and 'class="qr"' in page
    assert f"/appointments/{appointment.code}.ics" in page and "Add to calendar" in page


def test_full_slots_are_not_offered(centre, browser, make_user):
    services.book(make_user(), centre=centre, group=centre.groups["general"], starts_at=at(10))
    page = browser.get(BOOK, {"centre": "JA", "group": "general", "day": TODAY}).content.decode()
    assert page.count('type="radio"') == 27
    assert at(10).isoformat() not in page and at(10, 15).isoformat() in page


def test_a_slot_taken_meanwhile_says_so_and_offers_the_times_again(centre, browser, make_user):
    services.book(make_user(), centre=centre, group=centre.groups["general"], starts_at=at(10))
    response = book_by_page(browser, at(10))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This time has just been booked: choose another." in page
    assert page.count('type="radio"') == 27
    assert not Appointment.objects.filter(person__email=response.wsgi_request.user.email)


def test_an_unknown_time_and_repeated_no_shows_are_refused_on_the_page(centre, browser, citizen):
    page = book_by_page(browser, at(10, 7)).content.decode()
    assert "This time cannot be booked." in page
    for hour in (9, 10, 11):
        services.book(citizen, centre=centre, group=centre.groups["general"], starts_at=at(hour))
    services.record_no_shows(at(16))
    page = book_by_page(browser, at(13, 30)).content.decode()
    assert "You missed 3 appointments in the last 90 days" in page


# --- The calendar file ---------------------------------------------------------------------------


def test_the_calendar_file_is_rfc_5545(centre, browser, citizen):
    appointment = services.book(
        citizen, centre=centre, group=centre.groups["general"], starts_at=at(10)
    )
    response = browser.get(f"/appointments/{appointment.code}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # no bare line feeds
    physical = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in physical) <= 75
    assert any(line.startswith(b" ") for line in physical)  # the long ones are folded

    lines = unfold(raw.decode("utf-8"))
    assert "BEGIN:VEVENT" in lines and "VERSION:2.0" in lines
    assert "DTSTART:20261123T020000Z" in lines  # 10:00 in Shanghai
    assert "DTEND:20261123T021500Z" in lines
    assert f"UID:appointment-{appointment.code}@testserver" in lines
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines)
    location = next(line for line in lines if line.startswith("LOCATION:"))
    assert location == (
        "LOCATION:Jing'an Centre\\, 88 Yan'an Road\\, Jing'an\\; Gate 2\\, Floor 1 — next to "
        "the metro\\, exit 3"
    )
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert appointment.code in description


def test_folding_never_splits_a_character_and_escapes_text():
    line = "SUMMARY:" + "静安区市民中心预约" * 10
    folded = ics.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert folded.replace("\r\n ", "") == line
    assert ics.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


# --- Reschedule and cancel -----------------------------------------------------------------------


def test_reschedule_with_the_same_picker(centre, browser, citizen):
    booked = services.book(citizen, centre=centre, group=centre.groups["general"], starts_at=at(10))
    url = f"/appointments/{booked.code}/reschedule/"
    page = browser.get(url).content.decode()
    assert f"?day={TODAY.isoformat()}" in page and "?centre=" not in page
    page = browser.get(url, {"day": TODAY}).content.decode()
    assert at(11).isoformat() in page
    page = browser.get(url, {"day": TODAY, "slot": at(11).isoformat()}).content.decode()
    assert "Move my appointment to this time" in page

    response = browser.post(url, {"starts_at": at(11).isoformat()})
    moved = Appointment.objects.get(state="booked")
    assert response["Location"] == f"/appointments/{moved.code}/"
    assert moved.starts_at == at(11) and moved.code != booked.code
    booked.refresh_from_db()
    assert booked.state == Appointment.State.CANCELLED


def test_rescheduling_to_a_full_slot_keeps_the_appointment(centre, browser, citizen, make_user):
    booked = services.book(citizen, centre=centre, group=centre.groups["general"], starts_at=at(10))
    services.book(make_user(), centre=centre, group=centre.groups["general"], starts_at=at(11))
    url = f"/appointments/{booked.code}/reschedule/"
    page = browser.post(url, {"starts_at": at(11).isoformat()}).content.decode()
    assert "This time has just been booked: choose another." in page
    assert at(11, 15).isoformat() in page  # the times of that day, again
    booked.refresh_from_db()
    assert booked.state == Appointment.State.BOOKED


def test_cancel_asks_first_then_frees_the_seat(centre, browser, citizen):
    booked = services.book(citizen, centre=centre, group=centre.groups["general"], starts_at=at(10))
    url = f"/appointments/{booked.code}/cancel/"
    assert "Yes, cancel the appointment" in browser.get(url).content.decode()
    booked.refresh_from_db()
    assert booked.state == Appointment.State.BOOKED

    response = browser.post(url)
    assert response["Location"] == f"/appointments/{booked.code}/"
    booked.refresh_from_db()
    assert booked.state == Appointment.State.CANCELLED
    slot = next(
        s for s in services.slots(centre, centre.groups["general"], TODAY) if s.starts_at == at(10)
    )
    assert slot.free == 1
    page = browser.get(response["Location"]).content.decode()
    assert "Cancelled" in page and "<svg" not in page and "/cancel/" not in page


def test_my_appointments_lists_the_upcoming_first(centre, browser, citizen):
    group = centre.groups["general"]
    later = services.book(citizen, centre=centre, group=group, starts_at=at(15))
    soon = services.book(citizen, centre=centre, group=group, starts_at=at(9, 30))
    cancelled = services.book(citizen, centre=centre, group=group, starts_at=at(16))
    services.cancel(cancelled, by=citizen)
    page = browser.get("/appointments/").content.decode()
    positions = [page.index(a.code) for a in (soon, later, cancelled)]
    assert positions == sorted(positions)
    assert f"/appointments/{soon.code}/reschedule/" in page
    assert f"/appointments/{cancelled.code}/reschedule/" not in page


def test_only_the_holder_sees_an_appointment(centre, citizen, make_user, login_client):
    booked = services.book(citizen, centre=centre, group=centre.groups["general"], starts_at=at(10))
    other = login_client(make_user())
    for url in ("/", ".ics", "/reschedule/", "/cancel/"):
        address = f"/appointments/{booked.code}{url}"
        assert other.get(address).status_code == 404, address
    assert other.post(f"/appointments/{booked.code}/cancel/").status_code == 404
    booked.refresh_from_db()
    assert booked.state == Appointment.State.BOOKED


def test_the_pages_need_a_login(centre, client):
    response = client.get(BOOK)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- Periodic jobs -------------------------------------------------------------------------------


def test_reminders_and_no_shows_run_as_periodic_jobs(centre, citizen, make_user, monkeypatch):
    names = {job.name: job.every for job in periodic.jobs()}
    assert names["centres.reminders"] == timedelta(hours=1)
    assert names["centres.no_shows"] == timedelta(minutes=15)

    group = centre.groups["general"]
    missed = services.book(make_user(), centre=centre, group=group, starts_at=at(9))
    tomorrow = services.book(
        citizen, centre=centre, group=group, starts_at=at(10, 0, TODAY + timedelta(days=1))
    )
    monkeypatch.setattr(timezone, "now", lambda: at(16))
    ran = periodic.run_due()
    assert {"centres.reminders", "centres.no_shows"} <= set(ran)
    missed.refresh_from_db()
    tomorrow.refresh_from_db()
    assert missed.state == Appointment.State.NO_SHOW
    assert tomorrow.reminded_at is not None
    reminders = [
        e.payload
        for e in OutboxEvent.objects.filter(topic="notify.message")
        if e.payload["subject"].startswith("Reminder")
    ]
    assert [r["user"] for r in reminders] == [citizen.pk]

    assert "centres.reminders" not in periodic.run_due()  # not due again within the hour
