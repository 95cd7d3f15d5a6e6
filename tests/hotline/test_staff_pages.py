"""The hotline's staff pages: an operator takes calls, a dispatcher routes them, departments
handle their orders, operators call reporters back, supervisors watch; and who sees what."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from guichet.hotline import services
from guichet.hotline.models import Attachment, Request, StandardAnswer, WorkOrder
from tests.hotline.world import LAT, LON, photo

WORK = "/hotline/work"
HTMX = {"HTTP_HX_REQUEST": "true"}


def call(world, category=None, **fields) -> Request:
    """A call the operator took, sent to the category's department (noise: HOUSING)."""
    values = {
        "channel": "phone",
        "kind": "complaint",
        "title": "Loud music from the bar every night",
        "description": "The bar on the corner plays music until three in the morning.",
        "name": "Li Wei",
        "phone": "+8613800000001",
        "lat": LAT,
        "lon": LON,
        "taken_by": world.operator,
    }
    values.update(fields)
    return services.report(category=category or world.noise, **values)


def pothole(world, **fields) -> Request:
    """A road-damage call: an order for the MKT department."""
    fields.setdefault("title", "Deep pothole in front of number 12")
    fields.setdefault("description", "A deep hole in the road where cyclists fall.")
    return call(world, world.pothole, attributes={"size": "large"}, **fields)


def order_of(request: Request) -> WorkOrder:
    return request.orders.get()


def console_post(world, **fields) -> dict:
    data = {
        "phone": "+86 138 0000 0009",
        "name": "Wang Fang",
        "kind": "complaint",
        "category": str(world.noise.pk),
        "urgency": "normal",
        "title": "Building site works at night",
        "description": "Concrete mixers run after midnight next to the school.",
        "address": "Wuning Road 100",
        "action": "save",
    }
    data.update(fields)
    return data


def text(response) -> str:
    return response.content.decode()


# ---------------------------------------------------------------------------------------------
# Operator


def test_the_operator_takes_a_call_it_is_dispatched_and_the_number_is_shown(
    hotline_world, login_client
):
    client = login_client(hotline_world.operator)
    assert client.get(f"{WORK}/").url == f"{WORK}/console/"
    console = client.get(f"{WORK}/console/")
    assert console.status_code == 200
    assert "autofocus" in text(console)

    response = client.post(
        f"{WORK}/console/", console_post(hotline_world, files=[photo()]), follow=True
    )

    created = Request.objects.get(title="Building site works at night")
    assert created.number in text(response)
    assert "sent to HOUSING" in text(response)
    assert created.state == Request.State.DISPATCHED
    assert created.channel == Request.Channel.PHONE
    assert created.taken_by == hotline_world.operator
    assert created.reporter_phone == "+8613800000009"
    assert order_of(created).department_code == "HOUSING"
    assert created.attachments.count() == 1


def test_the_callers_earlier_requests_appear_as_the_phone_is_typed(hotline_world, login_client):
    earlier = call(hotline_world, phone="+8613800000001")
    client = login_client(hotline_world.operator)

    panel = client.get(f"{WORK}/console/caller/", {"phone": "+86 138 0000 0001"}, **HTMX)
    assert earlier.number in text(panel)
    assert "<form" not in text(panel)  # the panel alone
    unknown = client.get(f"{WORK}/console/caller/", {"phone": "+8613999999999"}, **HTMX)
    assert "No earlier request from this number." in text(unknown)

    # Without JavaScript the look-up button posts the form: the console comes back, filled in.
    page = client.post(
        f"{WORK}/console/caller/", console_post(hotline_world, phone="+8613800000001")
    )
    assert earlier.number in text(page)
    assert 'value="Wang Fang"' in text(page)


def test_knowledge_search_finds_a_standard_answer(hotline_world, login_client):
    StandardAnswer.objects.create(
        question={"en": "When is bulky waste collected?", "zh-hans": "大件垃圾什么时候收？"},
        answer={"en": "On the first Monday of the month, from 7 o'clock."},
        keywords="furniture, sofa",
    )
    StandardAnswer.objects.create(question={"en": "Where do I pay parking fines?"}, answer={})
    client = login_client(hotline_world.operator)

    panel = client.get(f"{WORK}/console/knowledge/", {"q": "bulky waste"}, **HTMX)
    assert "first Monday of the month" in text(panel)
    assert "parking fines" not in text(panel)
    assert "first Monday" in text(
        client.get(f"{WORK}/console/knowledge/", {"q": "大件垃圾"}, **HTMX)
    )
    assert "first Monday" in text(client.get(f"{WORK}/console/knowledge/", {"q": "sofa"}, **HTMX))

    # Without JavaScript: the whole console, with the answers in it.
    page = client.get(f"{WORK}/console/knowledge/", {"q": "bulky"})
    assert "first Monday of the month" in text(page)
    assert 'id="console-form"' in text(page)


def test_answered_on_the_call_closes_the_request(hotline_world, login_client):
    client = login_client(hotline_world.operator)
    question = console_post(
        hotline_world,
        kind="consultation",
        category="",
        title="Opening hours of the Jing'an service centre",
        action="answer",
    )

    refused = client.post(f"{WORK}/console/", {**question, "answer": ""})
    assert refused.status_code == 200
    assert "Write the answer you gave." in text(refused)
    assert not Request.objects.exists()

    client.post(f"{WORK}/console/", {**question, "answer": "Monday to Saturday, 9 to 17."})
    answered = Request.objects.get()
    assert answered.state == Request.State.CLOSED
    assert answered.answered_first_contact
    assert answered.reply == "Monday to Saturday, 9 to 17."
    assert not answered.orders.exists()


def test_a_duplicate_is_offered_and_linking_it_works(hotline_world, login_client):
    first = call(hotline_world, address="Wuning Road 100")
    client = login_client(hotline_world.operator)
    same = console_post(
        hotline_world,
        title="Loud music from the bar every night",
        description="Music from the bar on the corner until three in the morning.",
        lat=str(LAT),
        lon=str(LON),
    )

    panel = client.get(f"{WORK}/console/duplicates/", same, **HTMX)
    assert f"Link as duplicate of {first.number}" in text(panel)

    offered = client.post(f"{WORK}/console/", same)
    assert offered.status_code == 200
    assert "This looks like a request we already have." in text(offered)
    assert f"Link as duplicate of {first.number}" in text(offered)
    assert Request.objects.count() == 1

    linked = client.post(f"{WORK}/console/", {**same, "duplicate_of": first.number}, follow=True)
    second = Request.objects.exclude(pk=first.pk).get()
    assert f"follows request {first.number}" in text(linked)
    assert second.state == Request.State.DUPLICATE
    assert second.parent == first

    # Seen and declined: saved as a request of its own.
    client.post(f"{WORK}/console/", {**same, "seen": [first.number]})
    assert Request.objects.filter(state=Request.State.DISPATCHED).count() == 2


def test_bad_console_input_is_shown_on_the_page(hotline_world, login_client):
    client = login_client(hotline_world.operator)

    nothing = client.post(f"{WORK}/console/", console_post(hotline_world, title="", description=""))
    assert nothing.status_code == 200
    assert "Say in a few words what the request is about." in text(nothing)
    assert 'value="Wang Fang"' in text(nothing)  # what was typed stays

    bad_phone = client.post(f"{WORK}/console/", console_post(hotline_world, phone="call me"))
    assert "This phone number cannot be called." in text(bad_phone)
    no_answer = client.post(
        f"{WORK}/console/", console_post(hotline_world, category=str(hotline_world.pothole.pk))
    )
    assert "Please answer: How big is it?" in text(no_answer)
    assert 'name="attr_size"' in text(no_answer)
    assert not Request.objects.exists()
    # With htmx, choosing the category brings its questions along.
    questions = client.get(
        f"{WORK}/console/duplicates/",
        {"category": hotline_world.pothole.pk},
        HTTP_HX_TRIGGER_NAME="category",
        **HTMX,
    )
    assert 'hx-swap-oob="true"' in text(questions) and 'name="attr_size"' in text(questions)
    answered = client.post(
        f"{WORK}/console/",
        console_post(hotline_world, category=str(hotline_world.pothole.pk), attr_size="small"),
    )
    assert answered.status_code == 302
    assert Request.objects.get().attributes == {"size": "small"}


def test_only_the_call_centre_opens_the_console_and_citizens_no_work_page(
    hotline_world, login_client
):
    client = login_client(hotline_world.reviewer)
    assert client.get(f"{WORK}/console/").status_code == 403
    assert client.get(f"{WORK}/console/caller/", {"phone": "+8613800000001"}).status_code == 403
    assert client.get(f"{WORK}/dispatch/").status_code == 403
    assert client.get(f"{WORK}/").url == f"{WORK}/orders/"
    citizen = login_client(hotline_world.citizen)
    assert citizen.get(f"{WORK}/").status_code == 403
    assert citizen.get(f"{WORK}/orders/").status_code == 403


# ---------------------------------------------------------------------------------------------
# Dispatcher


def queued(world, title: str, suggestions: list[dict]) -> Request:
    """A request no rule or confident guess could send on, with the classifier's top three."""
    request = services.report(
        channel="phone", kind="complaint", title=title, taken_by=world.operator, dispatch=False
    )
    Request.objects.filter(pk=request.pk).update(suggestions=suggestions)
    return request


def test_the_dispatcher_sends_a_request_to_a_suggestion_and_splits_another(
    hotline_world, login_client
):
    guesses = [
        {"category": "noise", "confidence": 0.41, "department": "HOUSING"},
        {"category": "road-damage", "confidence": 0.32, "department": "MKT"},
    ]
    hole = queued(hotline_world, "Hole in the pavement, and the drain smells", guesses)
    mixed = queued(hotline_world, "Broken street light and noisy bar", guesses)
    client = login_client(hotline_world.dispatcher)
    assert client.get(f"{WORK}/").url == f"{WORK}/dispatch/"

    queue = client.get(f"{WORK}/dispatch/")
    assert hole.number in text(queue) and mixed.number in text(queue)
    assert "Road damage" in text(queue)

    sent = client.post(f"{WORK}/dispatch/{hole.number}/", {"suggestion": "1"})
    assert sent.url == f"{WORK}/dispatch/"
    hole.refresh_from_db()
    assert hole.state == Request.State.DISPATCHED
    assert hole.category == hotline_world.pothole
    assert order_of(hole).department_code == "MKT"

    page = client.get(f"{WORK}/dispatch/{mixed.number}/")
    assert "Send to suggestion 1" in text(page)
    one_part = client.post(
        f"{WORK}/dispatch/{mixed.number}/",
        {"action": "split", "part_1": "The street light", "part_department_1": "MKT"},
    )
    assert "A split needs at least two parts." in text(one_part)
    client.post(
        f"{WORK}/dispatch/{mixed.number}/",
        {
            "action": "split",
            "part_1": "The street light at number 3 is broken",
            "part_department_1": "MKT",
            "part_2": "The bar plays music until 3 am",
            "part_department_2": "housing",
        },
    )
    parts = {o.department_code: o.part for o in mixed.orders.all()}
    assert parts == {
        "MKT": "The street light at number 3 is broken",
        "HOUSING": "The bar plays music until 3 am",
    }
    assert client.get(f"{WORK}/dispatch/").context["page"].paginator.count == 0


def test_the_dispatcher_links_a_request_as_a_duplicate(hotline_world, login_client):
    first = call(hotline_world)
    again = queued(hotline_world, "The bar again", [])
    client = login_client(hotline_world.dispatcher)

    unknown = client.post(
        f"{WORK}/dispatch/{again.number}/", {"action": "link", "parent": "12345-nope"}
    )
    assert "There is no request with this number." in text(unknown)
    client.post(f"{WORK}/dispatch/{again.number}/", {"action": "link", "parent": first.number})
    again.refresh_from_db()
    assert again.parent == first and again.state == Request.State.DUPLICATE


# ---------------------------------------------------------------------------------------------
# Departments


def test_a_department_reviewer_accepts_and_replies_with_a_photo(hotline_world, login_client):
    request = pothole(hotline_world)
    order = order_of(request)
    client = login_client(hotline_world.reviewer)

    listed = client.get(f"{WORK}/orders/")
    assert order.number in text(listed)
    assert "due in" in text(listed)
    client.post(f"{WORK}/orders/{order.number}/", {"action": "accept"})
    order.refresh_from_db()
    assert order.state == WorkOrder.State.ACCEPTED

    empty = client.post(f"{WORK}/orders/{order.number}/", {"action": "reply", "reply": ""})
    assert "Write the reply to the reporter." in text(empty)
    replied = client.post(
        f"{WORK}/orders/{order.number}/",
        {
            "action": "reply",
            "reply": "The hole is filled.",
            "resolution": "Asphalt patch",
            "files": [photo("fixed.jpg")],
        },
        follow=True,
    )
    assert "Your reply to order" in text(replied)
    order.refresh_from_db()
    request.refresh_from_db()
    assert order.state == WorkOrder.State.REPLIED
    assert request.state == Request.State.REPLIED
    assert request.attachments.filter(purpose=Attachment.Purpose.RESOLUTION).count() == 1


def test_a_returned_order_needs_a_reason_and_goes_back_to_the_dispatcher(
    hotline_world, login_client
):
    request = pothole(hotline_world)
    order = order_of(request)
    client = login_client(hotline_world.reviewer)

    refused = client.post(f"{WORK}/orders/{order.number}/", {"action": "return", "reason": " "})
    assert refused.status_code == 200
    assert "Say why the order is not yours." in text(refused)
    client.post(
        f"{WORK}/orders/{order.number}/", {"action": "return", "reason": "Street lights: FIRE"}
    )
    order.refresh_from_db()
    assert order.state == WorkOrder.State.RETURNED

    dispatcher = login_client(hotline_world.dispatcher)
    queue = text(dispatcher.get(f"{WORK}/dispatch/"))
    assert request.number in queue
    assert "Street lights: FIRE" in text(dispatcher.get(f"{WORK}/dispatch/{request.number}/"))


def test_a_reviewer_of_another_department_gets_404_on_an_order_not_theirs(
    hotline_world, login_client
):
    order = order_of(pothole(hotline_world))
    client = login_client(hotline_world.housing_reviewer)
    assert client.get(f"{WORK}/orders/{order.number}/").status_code == 404
    assert client.post(f"{WORK}/orders/{order.number}/", {"action": "accept"}).status_code == 404
    assert order.number not in text(client.get(f"{WORK}/orders/"))


def test_a_department_sees_a_masked_phone_and_nobody_for_an_anonymous_reporter(
    hotline_world, login_client
):
    named = pothole(hotline_world, name="Zhang San", phone="+8613812345678")
    hidden = pothole(
        hotline_world,
        name="Secret Person",
        phone="+8613887654321",
        anonymous=True,
        lat=LAT + 0.001,
        title="A different hole near the school gate",
    )
    client = login_client(hotline_world.reviewer)

    page = text(client.get(f"{WORK}/orders/{order_of(named).number}/"))
    assert "Zhang San" in page
    assert "+86****5678" in page
    assert "+8613812345678" not in page
    anonymous = text(client.get(f"{WORK}/orders/{order_of(hidden).number}/"))
    assert "Anonymous" in anonymous
    assert "Secret Person" not in anonymous
    assert "5432" not in anonymous


def test_the_operator_sees_the_full_phone_on_the_order(hotline_world, login_client):
    hidden = pothole(hotline_world, name="Secret Person", phone="+8613887654321", anonymous=True)
    client = login_client(hotline_world.operator)
    page = text(client.get(f"{WORK}/orders/{order_of(hidden).number}/"))
    assert "+8613887654321" in page and "Secret Person" in page
    assert "Send the reply" not in page  # operators read orders, departments handle them


# ---------------------------------------------------------------------------------------------
# Call-backs and supervision


def replied(world, request: Request) -> Request:
    order = order_of(request)
    services.accept_order(order, by=world.reviewer)
    services.reply_order(order, by=world.reviewer, reply="The hole is filled.")
    request.refresh_from_db()
    return request


def test_an_unhappy_call_back_reopens_the_request(hotline_world, login_client):
    request = replied(hotline_world, pothole(hotline_world, phone="+8613812345678"))
    client = login_client(hotline_world.operator)

    listed = text(client.get(f"{WORK}/callbacks/"))
    assert request.number in listed
    assert "+8613812345678" in listed
    assert "The hole is filled." in listed

    nine = client.post(
        f"{WORK}/callbacks/", {"number": request.number, "rating": "9", "resolved": "no"}
    )
    assert nine.status_code == 200
    assert "Give a mark from 1 to 5." in text(nine)
    request.refresh_from_db()
    assert request.state == Request.State.REPLIED

    done = client.post(
        f"{WORK}/callbacks/",
        {"number": request.number, "rating": "2", "resolved": "no", "comment": "Still a hole"},
        follow=True,
    )
    assert "is open again" in text(done)
    request.refresh_from_db()
    assert request.state == Request.State.IN_PROGRESS
    assert request.reopen_count == 1
    assert order_of(request).feedback == "Still a hole"


def test_a_business_desk_request_reaches_its_manager_and_the_call_back_asks_if_it_helped(
    hotline_world, login_client
):
    asked = call(
        hotline_world,
        hotline_world.financing,
        title="Loan for a new restaurant kitchen",
        company_name="Wuning Noodles",
        industry="catering",
    )
    order = order_of(asked)
    manager = login_client(hotline_world.desk_manager)
    assert manager.get(f"{WORK}/").url == f"{WORK}/orders/"
    assert order.number in text(manager.get(f"{WORK}/orders/"))
    manager.post(
        f"{WORK}/orders/{order.number}/",
        {"action": "reply", "reply": "Two banks offer start-up loans; details by e-mail."},
    )
    asked.refresh_from_db()
    assert asked.state == Request.State.REPLIED

    operator = login_client(hotline_world.operator)
    assert "Was the business desk useful?" in text(operator.get(f"{WORK}/callbacks/"))
    operator.post(
        f"{WORK}/callbacks/",
        {"number": asked.number, "rating": "5", "resolved": "yes", "useful": "yes"},
    )
    asked.refresh_from_db()
    assert asked.state == Request.State.CLOSED
    assert asked.feedback.get().useful is True


def test_the_supervisor_board_counts_overdue_orders(hotline_world, login_client):
    late = order_of(pothole(hotline_world))
    WorkOrder.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=2))
    order_of(call(hotline_world))  # HOUSING's: not this supervisor's
    client = login_client(hotline_world.supervisor)
    assert client.get(f"{WORK}/").url == f"{WORK}/board/"

    board = client.get(f"{WORK}/board/")
    assert board.context["figures"]["overdue"] == 1
    assert board.context["figures"]["open"] == 1
    assert late.number in text(board)
    assert "overdue by 2" in text(board)


def test_a_supervisor_decides_after_two_unhappy_answers(hotline_world, login_client):
    request = replied(hotline_world, pothole(hotline_world))
    services.record_feedback(request, rating=1, resolved=False, how="link")
    order = order_of(request)
    services.reply_order(order, by=hotline_world.reviewer, reply="Filled again.")
    services.record_feedback(request, rating=1, resolved=False, how="link")
    request.refresh_from_db()
    assert request.state == Request.State.ESCALATED
    client = login_client(hotline_world.supervisor)

    page = client.get(f"{WORK}/requests/{request.number}/")
    assert "Record the decision" in text(page)
    no_note = client.post(f"{WORK}/requests/{request.number}/", {"decision": "close"})
    assert "Write what you decided and why." in text(no_note)
    client.post(
        f"{WORK}/requests/{request.number}/",
        {"decision": "close", "note": "Filled twice; the road is to be resurfaced in May."},
    )
    request.refresh_from_db()
    assert request.state == Request.State.CLOSED


def test_leaders_open_their_list_the_board_and_the_desk_report(hotline_world, login_client):
    late = order_of(pothole(hotline_world))
    WorkOrder.objects.filter(pk=late.pk).update(
        due_at=timezone.now() - timedelta(days=3), escalation=2
    )
    client = login_client(hotline_world.leader)
    leaders = client.get(f"{WORK}/leaders/")
    assert late.number in text(leaders)
    assert client.get(f"{WORK}/board/").status_code == 200
    assert client.get(f"{WORK}/desk/").status_code == 200
    assert client.get(f"{WORK}/requests/{late.request.number}/").status_code == 200
    assert client.get(f"{WORK}/console/").status_code == 403


def test_an_email_becomes_a_request(hotline_world, login_client):
    pytest.importorskip("guichet.hotline.mail")
    pytest.importorskip("guichet.hotline.classifier")  # an e-mail has no category: it is guessed
    message = EmailMessage()
    message["From"] = "Resident <resident@example.org>"
    message["To"] = "12345@city.example"
    message["Subject"] = "Rubbish left on the pavement"
    message.set_content("Bags of rubbish have been on Wuning Road for a week.")
    client = login_client(hotline_world.operator)
    upload = SimpleUploadedFile("mail.eml", message.as_bytes(), content_type="message/rfc822")
    response = client.post(f"{WORK}/mail/", {"message": upload}, follow=True)

    created = Request.objects.get(channel=Request.Channel.EMAIL)
    assert created.number in text(response)


def test_a_file_that_is_no_email_is_refused_on_the_page(hotline_world, login_client):
    pytest.importorskip("guichet.hotline.mail")
    client = login_client(hotline_world.operator)
    upload = SimpleUploadedFile("photo.eml", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    response = client.post(f"{WORK}/mail/", {"message": upload})

    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert not Request.objects.exists()
