"""The kiosk (tickets, check-in, status, the 24-hour drop box), the call board, and the window
clerk's page, driven through the real pages."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.audit.models import AuditEvent
from guichet.centres import queue, services
from guichet.centres.models import Appointment, DropOff, Ticket, Window
from tests.cases.test_staff_pages import FIRE_ONLY, submitted_case
from tests.centres.test_counter import at, build_centre

KIOSK = "/kiosk/JA"
NOT_FOUND = "No application matches this number and identity number."


@pytest.fixture
def clock(monkeypatch):
    """Monday 23 November 2026 at 10:00, inside the centre's opening hours."""
    moment = {"now": at(10)}
    monkeypatch.setattr(timezone, "now", lambda: moment["now"])
    return moment


@pytest.fixture
def centre(db, clock):
    centre = build_centre()
    centre.language = "en"
    centre.save(update_fields=["language"])
    return centre


@pytest.fixture
def clerk(make_user, centre):
    user = make_user(Role.WINDOW_CLERK)
    user.memberships.all().delete()
    accounts.grant_membership(user, role=Role.WINDOW_CLERK, organisation_code="JA")
    return user


def text(response) -> str:
    return response.content.decode()


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


# --- Kiosk: tickets and check-in ---------------------------------------------------------------


def test_a_visitor_takes_a_ticket_and_sees_the_people_ahead_and_the_wait(client, centre):
    group = centre.groups["general"]
    for minute in (1, 2):
        queue.take_ticket(centre, group=group, now=at(9, minute))
    Window.objects.filter(pk=centre.general.pk).update(is_open=True)

    form = client.get(f"{KIOSK}/ticket/")
    assert 'value="general"' in text(form) and 'value="market"' in text(form)
    response = client.post(f"{KIOSK}/ticket/", {"group": "general", "priority": ""})
    assert response.status_code == 302
    page = client.get(response["Location"])
    body = text(page)
    assert "A003" in body
    assert re.search(r'class="ticket-ahead">2<', body)
    assert f"about {2 * group.mean_service_minutes} minutes" in body
    assert no_store(form) and no_store(page)
    assert "sessionid" not in client.cookies  # the kiosk keeps nothing about the visitor


def test_a_priority_visitor_gets_priority_on_the_ticket(client, centre):
    response = client.post(f"{KIOSK}/ticket/", {"group": "general", "priority": "elderly"})
    assert Ticket.objects.get().priority == "elderly"
    assert "Elderly" in text(client.get(response["Location"]))


def test_a_ticket_needs_a_group_and_the_centre_open(client, centre, clock):
    assert "Choose what you come for." in text(client.post(f"{KIOSK}/ticket/", {"priority": ""}))
    clock["now"] = at(20)
    start = text(client.get(f"{KIOSK}/"))
    assert "The centre is closed now." in start and f"{KIOSK}/ticket/" not in start
    assert f"{KIOSK}/drop-box/" in start  # the drop box never closes
    refused = client.post(f"{KIOSK}/ticket/", {"group": "general", "priority": ""})
    assert "Come back during opening hours" in text(refused)
    assert not Ticket.objects.exists()


def test_a_ticket_link_cannot_be_forged_or_used_at_another_centre(client, centre):
    response = client.post(f"{KIOSK}/ticket/", {"group": "general", "priority": ""})
    token = response["Location"].rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"{KIOSK}/ticket/{token}x/").status_code == 404
    services.Centre.objects.create(code="XH", name={"en": "Xuhui"}, kind="district")
    assert client.get(f"/kiosk/XH/ticket/{token}/").status_code == 404


def test_checking_in_with_the_appointment_code_links_the_ticket(client, centre, make_user, clock):
    clock["now"] = at(8)
    appointment = services.book(
        make_user(), centre=centre, group=centre.groups["general"], starts_at=at(10)
    )
    clock["now"] = at(9, 55)
    response = client.post(f"{KIOSK}/check-in/", {"code": appointment.code.lower()})
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.appointment == appointment
    appointment.refresh_from_db()
    assert appointment.state == Appointment.State.CHECKED_IN
    assert ticket.number in text(client.get(response["Location"]))
    # Scanned twice: the same ticket.
    again = client.post(f"{KIOSK}/check-in/", {"code": appointment.code})
    # (The link is signed with a timestamp, so compare what it shows, not the link itself.)
    assert Ticket.objects.count() == 1 and ticket.number in text(client.get(again["Location"]))
    wrong = client.post(f"{KIOSK}/check-in/", {"code": "ZZZZZZZZ"})
    assert "No appointment today with this code here." in text(wrong)


# --- Kiosk: status and the drop box ------------------------------------------------------------


@pytest.fixture
def case(world, centre):
    return submitted_case(world, FIRE_ONLY)


def test_status_shows_the_state_for_the_right_pair_and_nothing_personal(client, world, case):
    response = client.post(
        f"{KIOSK}/status/", {"number": case.number.lower(), "identifier": world.person.identifier}
    )
    body = text(response)
    assert response.status_code == 200 and no_store(response)
    assert case.number in body and "Submitted" in body and "Fire Safety Inspection" in body
    assert world.person.name not in body and world.person.address not in body
    assert world.person.identifier not in body  # not even left in the form


def test_a_wrong_pair_and_an_unknown_number_read_the_same(client, world, case, settings):
    settings.GUICHET_KIOSK_LOOKUP_RATE = "2/h"
    wrong_person = client.post(
        f"{KIOSK}/status/", {"number": case.number, "identifier": "310106198805170000"}
    )
    unknown = client.post(
        f"{KIOSK}/status/",
        {"number": "GC-2026-9999999", "identifier": world.person.identifier},
    )
    for response in (wrong_person, unknown):
        assert NOT_FOUND in text(response) and "Submitted" not in text(response)
    # Wrong pairs are counted: the third try from the same address is refused.
    third = client.post(
        f"{KIOSK}/status/", {"number": case.number, "identifier": world.person.identifier}
    )
    assert third.status_code == 429 and "Submitted" not in text(third)


def test_the_drop_box_gives_a_receipt_and_writes_to_the_case(client, world, case, clock):
    clock["now"] = at(22)  # after closing time
    response = client.post(
        f"{KIOSK}/drop-box/",
        {
            "number": case.number,
            "identifier": world.person.identifier,
            "envelopes": 2,
            "note": "The signed floor plan",
        },
    )
    assert response.status_code == 302
    receipt = client.get(response["Location"])
    drop_off = DropOff.objects.get()
    assert drop_off.reference == "DB-20261123-0001"
    assert drop_off.reference in text(receipt) and no_store(receipt)
    assert world.person.identifier not in drop_off.identifier_digest
    event = AuditEvent.objects.get(action="case.dropped_off")
    assert event.target_id == str(case.pk)
    assert event.summary == {"reference": "DB-20261123-0001", "centre": "JA"}


def test_a_drop_off_with_a_wrong_pair_leaves_nothing(client, world, case):
    response = client.post(
        f"{KIOSK}/drop-box/",
        {"number": case.number, "identifier": "310106198805170000", "envelopes": 1},
    )
    assert NOT_FOUND in text(response)
    assert not DropOff.objects.exists()
    assert not AuditEvent.objects.filter(action="case.dropped_off").exists()


def test_clerks_of_the_centre_see_and_collect_the_drop_offs(
    client, world, case, clerk, login_client, make_user
):
    client.post(
        f"{KIOSK}/drop-box/",
        {"number": case.number, "identifier": world.person.identifier, "envelopes": 1},
    )
    drop_off = DropOff.objects.get()
    stranger = make_user(Role.WINDOW_CLERK)  # a clerk of another centre ("ORG1")
    login_client(stranger)
    assert client.post(f"/centres/work/drop-offs/{drop_off.pk}/collect/").status_code == 403
    client.logout()

    login_client(clerk)
    window = f"/centres/work/window/{Window.objects.get(number=1).pk}/"
    assert drop_off.reference in text(client.get(window))
    response = client.post(
        f"/centres/work/drop-offs/{drop_off.pk}/collect/", {"next": window}, follow=True
    )
    assert response.redirect_chain[-1][0] == window
    drop_off.refresh_from_db()
    assert drop_off.collected_by == clerk and drop_off.collected_at is not None
    assert "The drop box is empty." in text(response)
    again = client.post(f"/centres/work/drop-offs/{drop_off.pk}/collect/", follow=True)
    assert "already collected" in text(again)


# --- Kiosk: start, language, forgetting --------------------------------------------------------


def test_the_kiosk_start_pages_list_the_centres_and_send_no_store(client, centre):
    index = client.get("/kiosk/")
    assert f'href="{KIOSK}/"' in text(index) and 'class="kiosk"' in text(index)
    start = client.get(f"{KIOSK}/")
    assert no_store(index) and no_store(start)
    assert 'id="kiosk-idle"' not in text(start)  # nothing to forget yet


def test_kiosk_pages_return_to_the_start_after_the_idle_time(client, centre, settings):
    settings.GUICHET_KIOSK_IDLE_SECONDS = 5
    page = text(client.get(f"{KIOSK}/status/"))
    assert 'data-idle-seconds="5"' in page and f'data-restart-url="{KIOSK}/restart/"' in page
    assert "centres/kiosk.js" in page
    assert 'autocomplete="off"' in page


def test_the_kiosk_speaks_the_centres_language_until_a_visitor_chooses(client, centre):
    centre.language = "zh-hans"
    centre.save(update_fields=["language"])
    assert '<html lang="zh-hans"' in text(client.get(f"{KIOSK}/"))
    client.cookies["django_language"] = "fr"
    chosen = text(client.get(f"{KIOSK}/"))
    assert '<html lang="fr"' in chosen and 'id="kiosk-idle"' in chosen
    restart = client.get(f"{KIOSK}/restart/")
    assert restart.status_code == 302 and restart["Location"] == f"{KIOSK}/"
    assert restart.cookies["django_language"].value == ""  # deleted: the visitor is forgotten
    assert '<html lang="zh-hans"' in text(client.get(f"{KIOSK}/"))


def test_an_unknown_centre_has_no_kiosk_or_board(client, db):
    assert client.get("/kiosk/NOPE/").status_code == 404
    assert client.get("/centres/NOPE/board.json").status_code == 404


# --- The call board -------------------------------------------------------------------------


def test_the_board_json_has_the_latest_call_its_window_and_the_queues(client, centre, clerk):
    queue.take_ticket(centre, group=centre.groups["general"], now=at(9))
    queue.take_ticket(centre, group=centre.groups["market"], now=at(9, 1))
    queue.call_next(centre.general, clerk=clerk, now=at(9, 5))
    response = client.get("/centres/JA/board.json")
    state = response.json()
    assert no_store(response)
    assert state["called"][0]["number"] == "A001" and state["called"][0]["window"] == 1
    assert state["called"][0]["say"] == "Ticket A 0 0 1, please go to window 1."
    assert state["queues"] == [{"group": "market", "name": "market", "count": 1}]
    assert state["speech_language"] == "en-GB"


def test_the_board_page_shows_the_calls_and_reloads_itself_without_script(client, centre, clerk):
    queue.take_ticket(centre, group=centre.groups["general"], now=at(9))
    queue.call_next(centre.general, clerk=clerk, now=at(9, 5))
    page = text(client.get("/centres/JA/board/"))
    assert '<noscript><meta http-equiv="refresh" content="10"></noscript>' in page
    assert 'data-source="/centres/JA/board.json"' in page and "centres/board.js" in page
    assert re.search(r'class="board-newest"><td class="board-ticket">A001</td>', page)


# --- The window clerk's page -------------------------------------------------------------------


def window_url(window, action: str = "") -> str:
    return f"/centres/work/window/{window.pk}/" + (f"{action}/" if action else "")


def test_the_window_flow_call_recall_start_finish_transfer_and_miss(centre, clerk, login_client):
    client = login_client(clerk)
    general = centre.groups["general"]
    tickets = [queue.take_ticket(centre, group=general, now=at(9, n)) for n in range(3)]
    assert f'href="{window_url(centre.general)}"' in text(client.get("/centres/work/"))

    def act(action: str, **data):
        return client.post(window_url(centre.general, action), data, follow=True)

    page = act("sign-in")
    assert "You are signed in at this window." in text(page)
    centre.general.refresh_from_db()
    assert centre.general.clerk == clerk and centre.general.is_open

    page = act("call")
    assert "Ticket A001 is called to window 1." in text(page)
    first = tickets[0]
    # A second press does not call someone else over the visitor at the window.
    assert "still at this window" in text(act("call"))
    act("recall", ticket=first.pk)
    act("start", ticket=first.pk)
    done = act("finish", ticket=first.pk, case_number="GC-2026-0000001")
    assert "Ticket A001 is done." in text(done)
    first.refresh_from_db()
    assert (first.state, first.recalls, first.case_number) == ("done", 1, "GC-2026-0000001")

    act("call")
    moved = act("transfer", ticket=tickets[1].pk, group="market")
    assert "Ticket A002 is sent to another window." in text(moved)
    tickets[1].refresh_from_db()
    assert tickets[1].state == "waiting" and tickets[1].group.code == "market"

    # Transferred visitors keep their place by arrival time: the generalist window takes
    # A002 again before A003.
    assert "Ticket A002 is called" in text(act("call"))
    assert "Ticket A002 is marked missed." in text(act("miss", ticket=tickets[1].pk))
    # A stale button (the ticket has moved on) changes nothing.
    assert "has moved on" in text(act("start", ticket=tickets[1].pk))
    tickets[1].refresh_from_db()
    assert tickets[1].state == "missed"
    assert "Ticket A003 is called" in text(act("call"))
    act("start", ticket=tickets[2].pk)
    act("finish", ticket=tickets[2].pk)
    assert "Nobody is waiting for this window." in text(act("call"))


def test_the_window_shows_the_appointment_holder_and_their_applications(
    world, case, centre, clerk, login_client, clock
):
    clock["now"] = at(8)
    appointment = services.book(
        world.citizen, centre=centre, group=centre.groups["general"], starts_at=at(10)
    )
    clock["now"] = at(9, 55)
    queue.check_in(centre, code=appointment.code)
    client = login_client(clerk)
    page = text(client.post(window_url(centre.general, "call"), follow=True))
    assert "Li Wei" in page and appointment.code in page
    assert f'href="/applications/work/{case.number}/accept/"' in page
    assert 'href="/applications/work/new/"' in page


def test_other_centres_clerks_and_citizens_get_403(centre, make_user, login_client):
    queue.take_ticket(centre, group=centre.groups["general"], now=at(9))
    stranger = make_user(Role.WINDOW_CLERK)  # works at "ORG1"
    client = login_client(stranger)
    assert client.get(window_url(centre.general)).status_code == 403
    assert client.post(window_url(centre.general, "call")).status_code == 403
    client.logout()
    citizen_client = login_client(make_user())
    assert citizen_client.get("/centres/work/").status_code == 403
    assert citizen_client.get(window_url(centre.general)).status_code == 403
    assert Ticket.objects.get().state == Ticket.State.WAITING
