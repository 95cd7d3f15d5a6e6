"""The hotline API: reporting by JSON, refusals as coded problems, the staff's work with scoped
tokens, and what each reader may see of the reporter."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guichet.accounts import services as accounts
from guichet.hotline import services
from guichet.hotline.models import Request, WorkOrder
from tests.hotline.world import LAT, LON, photo

API = "/api/v1/hotline"
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "request_id"}

pytestmark = pytest.mark.django_db


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


def post(client, url: str, body: dict | None = None, auth: dict | None = None):
    return client.post(f"{API}{url}", body or {}, content_type="application/json", **(auth or {}))


def get(client, url: str, auth: dict | None = None, **params):
    return client.get(f"{API}{url}", params, **(auth or {}))


NOISE = {
    "kind": "complaint",
    "title": "Loud music every night",
    "description": "The bar downstairs plays music until 2 a.m.",
    "category": "noise",
    "lat": LAT,
    "lon": LON,
    "name": "Wang Xiu",
    "phone": "13912345678",
}


def queued(world, **fields) -> Request:
    """A request waiting in the dispatcher's queue (taken by phone, not dispatched)."""
    values = dict(
        channel="phone",
        kind="report",
        title="Pothole outside number 12",
        category=world.pothole,
        attributes={"size": "large"},
        phone="13912345678",
        name="Zhou Min",
        taken_by=world.operator,
        lat=LAT,
        lon=LON,
        dispatch=False,
    )
    return services.report(**(values | fields))


def test_anyone_reports_by_json_and_gets_a_number(hotline_world, client):
    response = post(client, "/requests", NOISE)
    assert response.status_code == 201, response.content[:500]
    body = response.json()
    assert body["number"].startswith("12345-")
    assert body["state"] == "dispatched" and body["category"] == "noise"
    assert body["channel"] == "web" and body["district"] == "Jing'an"
    assert [o["department_code"] for o in body["orders"]] == ["HOUSING"]
    assert body["updates"][0]["state"] == "received"
    assert Request.objects.get(number=body["number"]).reporter_phone == "13912345678"


def test_a_system_with_a_token_reports_as_its_owner_on_the_api_channel(hotline_world, client):
    citizen = bearer(hotline_world.citizen, "hotline:report")
    body = post(client, "/requests", NOISE | {"phone": ""}, citizen).json()
    assert body["channel"] == "api"
    assert body["reporter"]["phone"] == "+8613900000007"  # from the owner's account
    mine = get(client, "/requests", citizen).json()
    assert [r["number"] for r in mine["items"]] == [body["number"]]
    assert get(client, f"/requests/{body['number']}", citizen).status_code == 200


@pytest.mark.parametrize(
    ("fields", "status", "code"),
    [
        ({"category": "no-such-thing"}, 422, "unknown-category"),
        ({"category": "business-financing"}, 422, "unknown-category"),  # not public
        ({"lat": 95.0}, 422, "invalid-location"),
        ({"lon": None}, 422, "invalid-location"),
        ({"email": "not an address"}, 422, "invalid-email"),
        ({"category": "road-damage"}, 422, "missing-attribute"),
        ({"title": "", "description": ""}, 422, "title-required"),
        ({"kind": "rumour"}, 422, "validation"),
        ({"channel": "phone"}, 403, "forbidden"),
    ],
)
def test_bad_input_is_a_problem_naming_the_rule(hotline_world, client, fields, status, code):
    problem(post(client, "/requests", NOISE | fields), status, code)
    assert not Request.objects.exists()


def test_the_public_is_rate_limited_but_not_a_system_with_a_token(hotline_world, client, settings):
    settings.PUBLIC_WRITE_RATE = "2/h"
    assert post(client, "/requests", NOISE).status_code == 201
    assert post(client, "/requests", NOISE).status_code == 201
    problem(post(client, "/requests", NOISE), 429, "rate-limited")
    system = bearer(hotline_world.citizen, "hotline:report")
    assert post(client, "/requests", NOISE, system).status_code == 201


def test_dispatch_accept_reply_and_call_back_through_the_api(hotline_world, client):
    w = hotline_world
    request = queued(w)
    dispatcher = bearer(w.dispatcher, "hotline:work")
    queue = get(client, "/dispatch-queue", dispatcher).json()
    assert [r["number"] for r in queue["items"]] == [request.number]

    body = post(
        client,
        f"/requests/{request.number}/dispatch",
        {"targets": [{"assignee": "department", "department_code": "MKT"}]},
        dispatcher,
    ).json()
    assert body["state"] == "dispatched"
    (order,) = body["orders"]
    assert order["department_code"] == "MKT" and order["state"] == "assigned"

    # A token without the staff scope is refused, whoever holds it.
    problem(post(client, f"/orders/{order['number']}/accept", auth=bearer(w.reviewer)), 403)
    reporting_only = bearer(w.reviewer, "hotline:report")
    problem(post(client, f"/orders/{order['number']}/accept", auth=reporting_only), 403)

    reviewer = bearer(w.reviewer, "hotline:work")
    listed = get(client, "/orders", reviewer).json()
    assert [o["number"] for o in listed["items"]] == [order["number"]]
    accepted = post(client, f"/orders/{order['number']}/accept", auth=reviewer).json()
    assert accepted["state"] == "accepted"
    problem(
        post(client, f"/orders/{order['number']}/reply", {"reply": " "}, reviewer),
        422,
        "reply-required",
    )
    replied = post(
        client, f"/orders/{order['number']}/reply", {"reply": "Filled on Monday."}, reviewer
    ).json()
    assert replied["state"] == "replied"
    late = {"reason": "Not ours after all."}
    problem(post(client, f"/orders/{order['number']}/return", late, reviewer), 409)

    operator = bearer(w.operator, "hotline:work")
    detail = get(client, f"/requests/{request.number}", operator).json()
    assert detail["state"] == "replied" and detail["reply"] == "Filled on Monday."
    answer = post(
        client,
        f"/requests/{request.number}/feedback",
        {"rating": 5, "resolved": True, "comment": "Quick!"},
        operator,
    )
    assert answer.status_code == 201 and answer.json()["request_state"] == "closed"
    problem(
        post(
            client,
            f"/requests/{request.number}/feedback",
            {"rating": 4, "resolved": True},
            operator,
        ),
        422,
        "not-awaiting-feedback",
    )


def test_a_returned_order_goes_back_to_the_queue_with_its_reason(hotline_world, client):
    w = hotline_world
    request = queued(w)
    services.dispatch(
        request,
        targets=[services.Target(WorkOrder.Assignee.DEPARTMENT, department_code="MKT")],
        by=w.dispatcher,
    )
    order = request.orders.get()
    reviewer = bearer(w.reviewer, "hotline:work")
    problem(
        post(client, f"/orders/{order.number}/return", {"reason": ""}, reviewer),
        422,
        "reason-required",
    )
    returned = post(
        client, f"/orders/{order.number}/return", {"reason": "Roads are URBAN's."}, reviewer
    ).json()
    assert returned["state"] == "returned" and returned["return_reason"] == "Roads are URBAN's."
    queue = get(client, "/dispatch-queue", bearer(w.dispatcher, "hotline:work")).json()
    assert [(r["number"], r["returns"]) for r in queue["items"]] == [(request.number, 1)]


def test_only_dispatchers_dispatch_and_unknown_workers_are_refused(hotline_world, client):
    w = hotline_world
    request = queued(w)
    operator = bearer(w.operator, "hotline:work")
    targets = {"targets": [{"assignee": "department", "department_code": "MKT"}]}
    problem(get(client, "/dispatch-queue", operator), 403)
    problem(post(client, f"/requests/{request.number}/dispatch", targets, operator), 403)
    dispatcher = bearer(w.dispatcher, "hotline:work")
    problem(
        post(
            client,
            f"/requests/{request.number}/dispatch",
            {"targets": [{"assignee": "community", "worker": 987654}]},
            dispatcher,
        ),
        422,
        "unknown-worker",
    )
    problem(
        post(client, f"/requests/{request.number}/dispatch", {"targets": []}, dispatcher),
        422,
        "no-target",
    )


def test_a_department_sees_a_masked_phone_and_another_department_nothing(hotline_world, client):
    w = hotline_world
    number = post(client, "/requests", NOISE | {"email": "wx@example.org"}).json()["number"]
    housing = bearer(w.housing_reviewer, "hotline:work")
    seen = get(client, f"/requests/{number}", housing).json()
    assert seen["reporter"] == {"name": "Wang Xiu", "phone": "139****5678", "email": ""}
    operator = get(client, f"/requests/{number}", bearer(w.operator, "hotline:work")).json()
    assert operator["reporter"]["phone"] == "13912345678"

    secret = post(client, "/requests", NOISE | {"anonymous": True}).json()["number"]
    assert get(client, f"/requests/{secret}", housing).json()["reporter"] == {
        "name": "Anonymous",
        "phone": "",
        "email": "",
    }

    order = Request.objects.get(number=number).orders.get()
    market = bearer(w.reviewer, "hotline:work")
    problem(get(client, f"/requests/{number}", market), 404, "not-found")
    problem(post(client, f"/orders/{order.number}/accept", auth=market), 404, "not-found")
    assert get(client, "/orders", market).json()["count"] == 0


def test_the_reporter_adds_photos_and_scripts_are_refused(hotline_world, client, make_user):
    w = hotline_world
    citizen = bearer(w.citizen, "hotline:report")
    number = post(client, "/requests", NOISE, citizen).json()["number"]
    url = f"{API}/requests/{number}/files"
    response = client.post(url, {"files": [photo()]}, **citizen)
    assert response.status_code == 201, response.content[:500]
    (attachment,) = response.json()["attachments"]
    assert attachment["kind"] == "jpeg" and attachment["thumbnail"]

    script = SimpleUploadedFile("run.sh", b"#!/bin/sh\nrm -rf /\n", content_type="image/jpeg")
    problem(client.post(url, {"files": [script]}, **citizen), 422, "upload-rejected")
    stranger = bearer(make_user(), "hotline:report")
    problem(client.post(url, {"files": [photo()]}, **stranger), 404)


def test_duplicates_categories_and_the_board(hotline_world, client):
    w = hotline_world
    first, second = queued(w), queued(w, title="Big pothole at number 12")
    operator = bearer(w.operator, "hotline:work")
    linked = post(client, f"/requests/{second.number}/duplicate-of/{first.number}", auth=operator)
    assert linked.json()["state"] == "duplicate" and linked.json()["parent"] == first.number

    codes = [c["code"] for c in get(client, "/categories", reportable="true").json()]
    assert "noise" in codes and "business-financing" not in codes
    assert "business-financing" in [c["code"] for c in get(client, "/categories").json()]

    services.dispatch(
        first,
        targets=[services.Target(WorkOrder.Assignee.DEPARTMENT, department_code="MKT")],
        by=w.dispatcher,
    )
    board = get(client, "/board", bearer(w.supervisor, "hotline:work")).json()
    assert board["open"] == 1 and board["overdue"] == 0 and board["escalated"] == 0
    assert get(client, "/board", bearer(w.leader, "hotline:work")).json()["open"] == 1
    problem(get(client, "/board", bearer(w.reviewer, "hotline:work")), 403)


def test_staff_lists_need_credentials_and_the_api_is_documented(hotline_world, client):
    problem(get(client, "/orders"), 401, "unauthenticated")
    problem(get(client, "/requests"), 401, "unauthenticated")
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert f"{API}/requests" in paths and f"{API}/orders/{{number}}/reply" in paths


def test_answer_on_the_call_supervise_and_the_leaders_list(hotline_world, client):
    w = hotline_world
    question = queued(w, kind="consultation", category=None, attributes=None)
    operator = bearer(w.operator, "hotline:work")
    assert (
        post(client, f"/requests/{question.number}/answer", {"answer": ""}, operator).status_code
        == 422
    )
    answered = post(
        client, f"/requests/{question.number}/answer", {"answer": "Bring your ID."}, operator
    )
    assert answered.status_code == 200 and answered.json()["state"] == "closed"

    request = queued(w, category=w.noise, attributes=None)
    (order,) = services.dispatch(
        request,
        targets=[services.Target("department", department_code="HOUSING")],
        by=w.dispatcher,
    )
    for rating in (1, 2):
        services.reply_order(order, by=w.housing_reviewer, reply="Done.")
        services.record_feedback(request, rating=rating, resolved=False, how="call", by=w.operator)
        order.refresh_from_db()
    decision = {"reopen": False, "note": "Inspected on site: the noise is within limits."}
    refused = post(client, f"/requests/{request.number}/supervise", decision, operator)
    problem(refused, 403)
    closed = post(
        client, f"/requests/{request.number}/supervise", decision, bearer(w.leader, "hotline:work")
    )
    assert closed.status_code == 200 and closed.json()["state"] == "closed"

    late = queued(w, category=w.noise, attributes=None)
    (overdue,) = services.dispatch(
        late, targets=[services.Target("department", department_code="HOUSING")], by=w.dispatcher
    )
    services.escalate_overdue(overdue.due_at + (overdue.due_at - overdue.created_at) * 2)
    services.escalate_overdue(overdue.due_at + (overdue.due_at - overdue.created_at) * 2)
    listed = get(client, "/leaders", bearer(w.leader, "hotline:work"))
    assert [row["number"] for row in listed.json()["items"]] == [overdue.number]
    problem(get(client, "/leaders", bearer(w.housing_reviewer, "hotline:work")), 403)
