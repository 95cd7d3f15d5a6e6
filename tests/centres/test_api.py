"""The centres API: centres with hours and live queues, slots, appointments with a token,
tickets at the kiosk, the window's buttons for clerks only, and the board."""

from __future__ import annotations

import pytest
from django.utils import timezone

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.centres import queue, services
from guichet.centres.models import Appointment, Ticket
from tests.centres.test_counter import TODAY, at, build_centre

API = "/api/v1/centres"
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "request_id"}


def problem(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_KEYS and body["status"] == status
    if code:
        assert body["type"] == f"urn:guichet:problem:{code}", body
    return body


def bearer(user, *scopes: str) -> dict:
    _token, secret = accounts.issue_api_token(user, name="test", scopes=list(scopes))
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def post(client, url: str, auth: dict | None = None, body: dict | None = None):
    return client.post(f"{API}{url}", body or {}, content_type="application/json", **(auth or {}))


@pytest.fixture
def centre(db, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: at(8))
    return build_centre()


@pytest.fixture
def citizen(make_user):
    return make_user()


@pytest.fixture
def booker(citizen):
    return bearer(citizen, "appointments")


@pytest.fixture
def clerk(make_user):
    user = make_user(Role.WINDOW_CLERK)
    user.memberships.all().delete()
    accounts.grant_membership(user, role=Role.WINDOW_CLERK, organisation_code="JA")
    return bearer(user, "counter")


# --- Centres and slots ---------------------------------------------------------------------------


def test_centres_list_hours_open_now_and_queue_lengths(centre, client, monkeypatch):
    queue.take_ticket(centre, group=centre.groups["general"], now=at(9))
    queue.take_ticket(centre, group=centre.groups["general"], now=at(9, 1))
    queue.take_ticket(centre, group=centre.groups["market"], now=at(9, 2))
    monkeypatch.setattr(timezone, "now", lambda: at(10))
    response = client.get(API)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    ja = body["items"][0]
    assert ja["code"] == "JA" and ja["name"] == "Jing'an Centre" and ja["kind"] == "district"
    assert ja["open_now"] is True
    assert ja["hours"][0] == {
        "weekday": 0,
        "spans": [
            {"opens": "09:00:00", "closes": "12:00:00"},
            {"opens": "13:00:00", "closes": "17:00:00"},
        ],
    }
    assert len(ja["hours"]) == 7
    assert ja["queues"] == {"general": 2, "market": 1}

    monkeypatch.setattr(timezone, "now", lambda: at(12, 30))
    assert client.get(API).json()["items"][0]["open_now"] is False  # lunch break


def test_one_centre_lists_the_groups_it_serves(centre, client):
    body = client.get(f"{API}/JA").json()
    assert [g["code"] for g in body["groups"]] == ["general", "market", "quick"]
    problem(client.get(f"{API}/NOPE"), 404, "not-found")


def test_slots_of_a_day_with_free_seats(centre, client, make_user):
    services.book(make_user(), centre=centre, group=centre.groups["market"], starts_at=at(10))
    response = client.get(f"{API}/JA/slots", {"group": "market", "day": TODAY.isoformat()})
    assert response.status_code == 200
    slots = response.json()
    assert len(slots) == 28
    ten = next(s for s in slots if s["starts_at"] == at(10).isoformat())
    assert ten == {
        "starts_at": "2026-11-23T10:00:00+08:00",
        "ends_at": "2026-11-23T10:15:00+08:00",
        "capacity": 2,
        "booked": 1,
        "free": 1,
    }
    problem(client.get(f"{API}/JA/slots", {"group": "nope", "day": TODAY}), 422, "group")
    problem(client.get(f"{API}/JA/slots", {"group": "market"}), 422, "validation")


# --- Appointments ------------------------------------------------------------------------------


def test_book_list_reschedule_and_cancel_with_a_token(centre, client, booker, make_user):
    response = post(client, "/JA/appointments", booker, {"group": "general", "starts_at": at(10)})
    assert response.status_code == 201, response.content
    booked = response.json()
    assert booked["centre"] == "JA" and booked["group"] == "general"
    assert booked["state"] == "booked" and len(booked["code"]) == 8

    other = bearer(make_user(), "appointments")
    full = post(client, "/JA/appointments", other, {"group": "general", "starts_at": at(10)})
    body = problem(full, 422, "slot-full")
    assert body["detail"] == "This time has just been booked: choose another."

    listed = client.get(f"{API}/appointments", **booker).json()
    assert [a["code"] for a in listed["items"]] == [booked["code"]]
    assert client.get(f"{API}/appointments", **other).json()["items"] == []
    problem(client.get(f"{API}/appointments/{booked['code']}", **other), 404)

    moved = post(
        client, f"/appointments/{booked['code']}/reschedule", booker, {"starts_at": at(11)}
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["starts_at"] == at(11).isoformat()
    assert Appointment.objects.get(code=booked["code"]).state == "cancelled"

    cancelled = post(client, f"/appointments/{moved.json()['code']}/cancel", booker)
    assert cancelled.json()["state"] == "cancelled"
    problem(post(client, f"/appointments/{moved.json()['code']}/cancel", booker), 422, "state")


def test_booking_needs_a_login_and_the_scope(centre, client, citizen):
    body = {"group": "general", "starts_at": at(10)}
    problem(post(client, "/JA/appointments", None, body), 401)
    problem(post(client, "/JA/appointments", bearer(citizen, "profile"), body), 403)
    problem(
        post(
            client,
            "/JA/appointments",
            bearer(citizen, "appointments"),
            {"group": "general", "starts_at": at(10, 7)},
        ),
        422,
        "no-such-slot",
    )
    assert not Appointment.objects.exists()


# --- Tickets and the window ----------------------------------------------------------------------


def test_take_a_ticket_and_check_in(centre, client, citizen):
    response = post(client, "/JA/tickets", None, {"group": "general"})
    assert response.status_code == 201, response.content
    first = response.json()
    assert first["number"] == "A001" and first["state"] == "waiting"
    assert first["ahead"] == 0 and first["wait_minutes"] == 0
    second = post(client, "/JA/tickets", None, {"group": "general", "priority": "elderly"}).json()
    assert second["priority"] == "elderly" and second["number"] == "A002"
    problem(post(client, "/JA/tickets", None, {"group": "general", "priority": "vip"}), 422)
    problem(post(client, "/JA/tickets", None, {"group": "nope"}), 422, "group")

    appointment = services.book(
        citizen, centre=centre, group=centre.groups["market"], starts_at=at(10)
    )
    checked = post(client, "/JA/check-in", None, {"code": appointment.code.lower()})
    assert checked.status_code == 200, checked.content
    ticket = checked.json()
    assert ticket["number"] == "B001" and ticket["appointment"] == appointment.code
    again = post(client, "/JA/check-in", None, {"code": appointment.code}).json()
    assert again["id"] == ticket["id"]  # scanned twice: the same ticket
    problem(post(client, "/JA/check-in", None, {"code": "ZZZZZZZZ"}), 422, "unknown-code")


def test_taking_tickets_is_rate_limited(centre, client, settings):
    settings.PUBLIC_WRITE_RATE = "2/h"
    for _ in range(2):
        assert post(client, "/JA/tickets", None, {"group": "general"}).status_code == 201
    limited = problem(post(client, "/JA/tickets", None, {"group": "general"}), 429)
    assert limited["type"] == "urn:guichet:problem:rate-limited"


def test_a_clerk_calls_serves_and_finishes(centre, client, clerk):
    taken = queue.take_ticket(centre, group=centre.groups["general"], now=at(7, 50))
    called = post(client, f"/windows/{centre.general.pk}/call-next", clerk)
    assert called.status_code == 200, called.content
    assert called.json()["number"] == "A001" and called.json()["window"] == 1
    assert called.json()["state"] == "called" and called.json()["ahead"] is None
    # One visitor at a time: the window is busy until this ticket is over.
    problem(post(client, f"/windows/{centre.general.pk}/call-next", clerk), 422, "window-busy")

    recalled = post(client, f"/tickets/{taken.pk}/recall", clerk).json()
    assert recalled["recalls"] == 1
    assert post(client, f"/tickets/{taken.pk}/start", clerk).json()["state"] == "serving"
    done = post(client, f"/tickets/{taken.pk}/finish", clerk, {"case_number": "GC-1"}).json()
    assert done["state"] == "done"
    assert Ticket.objects.get(pk=taken.pk).case_number == "GC-1"
    problem(post(client, f"/tickets/{taken.pk}/start", clerk), 409, "invalid-transition")
    problem(post(client, "/tickets/999999/start", clerk), 404)
    assert post(client, f"/windows/{centre.general.pk}/call-next", clerk).status_code == 204


def test_miss_and_transfer(centre, client, clerk):
    absent = queue.take_ticket(centre, group=centre.groups["general"], now=at(7, 50))
    moved = queue.take_ticket(centre, group=centre.groups["general"], now=at(7, 51))
    post(client, f"/windows/{centre.general.pk}/call-next", clerk)
    assert post(client, f"/tickets/{absent.pk}/miss", clerk).json()["state"] == "missed"
    post(client, f"/windows/{centre.general.pk}/call-next", clerk)
    sent = post(client, f"/tickets/{moved.pk}/transfer", clerk, {"group": "market"}).json()
    assert sent["group"] == "market" and sent["state"] == "waiting" and sent["window"] is None
    called = post(client, f"/windows/{centre.market.pk}/call-next", clerk).json()
    assert called["id"] == moved.pk


def test_the_window_buttons_refuse_citizens_and_other_centres(centre, client, citizen, make_user):
    ticket = queue.take_ticket(centre, group=centre.groups["general"], now=at(7, 50))
    window = f"/windows/{centre.general.pk}/call-next"
    problem(post(client, window, bearer(citizen, "counter")), 403, "forbidden")
    problem(post(client, window, bearer(citizen, "appointments")), 403, "forbidden")
    problem(post(client, window, bearer(make_user(Role.WINDOW_CLERK), "counter")), 403)
    problem(post(client, f"/tickets/{ticket.pk}/start", bearer(citizen, "counter")), 403)
    problem(post(client, window), 401)
    problem(post(client, "/windows/999999/call-next", bearer(citizen, "counter")), 404)
    assert Ticket.objects.get().state == Ticket.State.WAITING


def test_the_board_shows_calls_and_queues(centre, client, clerk):
    queue.take_ticket(centre, group=centre.groups["general"], now=at(7, 50))
    queue.take_ticket(centre, group=centre.groups["market"], now=at(7, 51))
    post(client, f"/windows/{centre.general.pk}/call-next", clerk)
    response = client.get(f"{API}/JA/board")
    assert response.status_code == 200
    board = response.json()
    assert board["centre"] == "JA"
    assert board["called"][0]["number"] == "A001" and board["called"][0]["window"] == 1
    assert board["waiting"] == {"market": 1}
