"""The applications API: apply in one idempotent call, follow the case, and the staff's work
(acceptance, parallel review) — every refusal a problem document that writes nothing."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.cases import services
from guichet.cases.models import Case, Material, ReviewTask
from guichet.cases.services import ItemSpec
from guichet.datahub import services as datahub
from tests.helpers import PASSWORD
from tests.world import pdf_upload

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "request_id"}
BOTH = {
    "services": [{"code": "FOOD-BUSINESS-LICENCE"}, {"code": "FIRE-SAFETY-INSPECTION"}],
    "consent": True,
}


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_KEYS and body["status"] == status
    return body


def bearer(user, *scopes: str) -> dict:
    _token, secret = accounts.issue_api_token(user, name="system", scopes=list(scopes))
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def apply(client, auth: dict, body: dict = BOTH, key: str | None = "key-1"):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(
        "/api/v1/cases", body, content_type="application/json", headers=headers, **auth
    )


def post(client, url: str, auth: dict, body: dict | None = None):
    return client.post(url, body or {}, content_type="application/json", **auth)


@pytest.fixture
def lease_in_vault(world, make_user):
    """A lease the citizen handed in before and a clerk verified: the hub reuses it."""
    clerk = world.staff(make_user, Role.WINDOW_CLERK, "JA-CENTRE")
    document = datahub.add_document(
        world.person,
        evidence_type=world.evidence["lease-contract"],
        upload=pdf_upload(),
        by=world.citizen,
    )
    return datahub.verify_document(document, staff=clerk, verified=True)


@pytest.fixture
def citizen(world):
    return bearer(world.citizen, "cases:read", "cases:write")


@pytest.fixture
def submitted(client, world, citizen, lease_in_vault) -> str:
    response = apply(client, citizen)
    assert response.status_code == 201, response.content
    return response.json()["number"]


@pytest.fixture
def in_review(client, world, make_user, submitted) -> str:
    clerk = world.staff(make_user, Role.WINDOW_CLERK, "JA-CENTRE")
    floor_plan = Material.objects.get(
        item__case__number=submitted, evidence_type__code="floor-plan"
    )
    services.accept(Case.objects.get(number=submitted), clerk=clerk, tolerated=[floor_plan.pk])
    return submitted


# --- Applying in one call --------------------------------------------------------------------


def test_apply_and_submit_in_one_call_then_a_replay_returns_the_same_case(
    client, world, citizen, lease_in_vault
):
    first = apply(client, citizen)
    again = apply(client, citizen)

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["number"] == first.json()["number"]
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert case.state == Case.State.SUBMITTED
    assert case.channel == Case.Channel.API
    assert first.json()["state"] == "submitted"
    assert first.json()["services"] == ["FOOD-BUSINESS-LICENCE", "FIRE-SAFETY-INSPECTION"]


def test_the_same_key_from_another_caller_is_another_application(
    client, world, make_user, citizen, lease_in_vault
):
    apply(client, citizen)
    stranger = make_user(Role.CITIZEN)
    datahub.register_person(
        identifier="11010519491231002X", name="Zhang Min", user=stranger, identity_verified=True
    )
    body = {"services": [{"code": "FIRE-SAFETY-INSPECTION", "evidence": ["id-card"]}]}
    response = apply(client, bearer(stranger, "cases:write"), {**body, "consent": True})

    assert response.status_code == 201
    assert Case.objects.count() == 2


def test_apply_without_an_idempotency_key_is_refused(client, world, citizen, lease_in_vault):
    body = problem(apply(client, citizen, key=None), 400)
    assert body["type"] == "urn:guichet:problem:idempotency-key-required"
    problem(apply(client, citizen, key="k" * 101), 400)
    assert not Case.objects.exists()


def test_an_incomplete_application_is_refused_with_the_missing_documents(client, world, citizen):
    body = problem(apply(client, citizen), 422)

    assert body["type"] == "urn:guichet:problem:incomplete"
    missing = [e["message"] for e in body["errors"] if e["field"] == "documents"]
    assert missing == ["Lease contract"]
    assert "Lease contract" in body["detail"]
    assert not Case.objects.exists()


def test_an_unknown_service_is_a_coded_problem(client, world, citizen):
    response = apply(client, citizen, {"services": [{"code": "NO-SUCH"}], "consent": True})
    assert problem(response, 422)["type"] == "urn:guichet:problem:unknown-service"
    assert not Case.objects.exists()


def test_nobody_applies_for_someone_else(client, world, make_user):
    stranger = make_user(Role.CITIZEN)
    body = {**BOTH, "applicant": world.person.identifier}
    problem(apply(client, bearer(stranger, "cases:write"), body), 403)
    assert not Case.objects.exists()


def test_a_representative_applies_for_their_company(client, world):
    body = {
        "applicant": world.company.identifier,
        "services": [{"code": "FIRE-SAFETY-INSPECTION", "evidence": []}],
        "consent": False,
    }
    response = apply(client, bearer(world.representative, "cases:read", "cases:write"), body)

    assert response.status_code == 201, response.content
    assert response.json()["applicant"]["name"] == world.company.name
    assert "*" in response.json()["applicant"]["identifier"]


# --- Following a case ------------------------------------------------------------------------


def test_the_citizen_reads_their_case_with_the_records_the_hub_reused(client, world, submitted):
    auth = bearer(world.citizen, "cases:read")
    listed = client.get("/api/v1/cases", **auth).json()
    case = client.get(f"/api/v1/cases/{submitted}", **auth).json()

    assert [c["number"] for c in listed["items"]] == [submitted] and listed["count"] == 1
    food = case["items"][0]
    assert food["service"] == {"code": "FOOD-BUSINESS-LICENCE", "name": "Food Business Licence"}
    assert food["version"] == 1 and food["state"] == "pending"
    sources = {m["evidence"]["code"]: (m["source"], m["provider"]) for m in food["materials"]}
    assert sources["staff-health-certs"] == ("credential", "Health Commission")
    assert sources["lease-contract"][0] == "vault"
    assert sources["id-card"][0] == "platform"
    assert sources["floor-plan"] == ("missing", "")
    actions = [event["action"] for event in case["timeline"]]
    assert "case.submitted" in actions
    assert {event["actor"] for event in case["timeline"]} <= {"you", "system"}


def test_the_list_filters_by_state(client, world, submitted):
    auth = bearer(world.citizen, "cases:read")
    assert client.get("/api/v1/cases?state=submitted", **auth).json()["count"] == 1
    assert client.get("/api/v1/cases?state=issued", **auth).json()["count"] == 0


def test_another_citizen_sees_nothing_and_changes_nothing(client, world, make_user, submitted):
    stranger = bearer(make_user(Role.CITIZEN), "cases:read", "cases:write")

    problem(client.get(f"/api/v1/cases/{submitted}", **stranger), 404)
    problem(post(client, f"/api/v1/cases/{submitted}/withdraw", stranger), 404)
    problem(post(client, f"/api/v1/cases/{submitted}/consent", stranger, {"granted": False}), 404)
    assert client.get("/api/v1/cases", **stranger).json()["count"] == 0
    assert Case.objects.get().state == Case.State.SUBMITTED
    assert datahub.consent_for(world.person, purpose=submitted).granted is True


def test_a_token_without_the_scope_is_forbidden(client, world, lease_in_vault):
    reader = bearer(world.citizen, "cases:read")
    problem(apply(client, reader), 403)
    problem(client.get("/api/v1/cases", **bearer(world.citizen, "profile")), 403)
    assert not Case.objects.exists()


def test_without_credentials_the_api_answers_401(client, world):
    problem(client.get("/api/v1/cases"), 401)


def test_a_system_with_a_token_writes_without_csrf(world, lease_in_vault):
    system = Client(enforce_csrf_checks=True)
    response = apply(system, bearer(world.citizen, "cases:write"))
    assert response.status_code == 201, response.content


def test_a_browser_session_writes_only_with_the_csrf_token(world, lease_in_vault):
    browser = Client(enforce_csrf_checks=True)
    csrf = browser.get("/accounts/login/").cookies["csrftoken"].value
    browser.post(
        "/accounts/login/",
        {"login": world.citizen.email, "password": PASSWORD, "csrfmiddlewaretoken": csrf},
    )
    csrf = browser.cookies["csrftoken"].value

    problem(apply(browser, {}), 403)
    assert not Case.objects.exists()
    assert apply(browser, {"HTTP_X_CSRFTOKEN": csrf}).status_code == 201


# --- Drafts: documents, consent, submit, withdraw ------------------------------------------


@pytest.fixture
def draft(world) -> Case:
    return services.start(
        by=world.citizen,
        applicant=world.person,
        services=[ItemSpec("FOOD-BUSINESS-LICENCE"), ItemSpec("FIRE-SAFETY-INSPECTION")],
    )


def upload(client, number: str, auth: dict, evidence: str, file):
    return client.post(
        f"/api/v1/cases/{number}/documents", {"evidence": evidence, "file": file}, **auth
    )


def test_one_upload_answers_every_item_then_the_draft_is_submitted(client, world, citizen, draft):
    response = upload(client, draft.number, citizen, "lease-contract", pdf_upload())
    assert response.status_code == 200, response.content
    leases = [
        m for item in response.json()["items"] for m in item["materials"]
        if m["evidence"]["code"] == "lease-contract"
    ]  # fmt: skip
    assert [m["source"] for m in leases] == ["upload", "upload"]

    consent = post(client, f"/api/v1/cases/{draft.number}/consent", citizen, {"granted": True})
    assert consent.status_code == 200
    submitted = post(client, f"/api/v1/cases/{draft.number}/submit", citizen)
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"


def test_a_file_that_is_not_a_document_is_refused_with_its_code(client, world, citizen, draft):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("lease.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    body = problem(upload(client, draft.number, citizen, "lease-contract", fake), 422)

    assert body["type"] == "urn:guichet:problem:upload-rejected"
    assert body["errors"][0]["code"] in {"type-not-allowed", "unreadable"}
    assert not Material.objects.filter(source="upload").exists()
    problem(upload(client, draft.number, citizen, "no-such-type", pdf_upload()), 422)


def test_submitting_without_a_word_on_consent_names_the_rule(client, world, citizen, draft):
    upload(client, draft.number, citizen, "lease-contract", pdf_upload())
    body = problem(post(client, f"/api/v1/cases/{draft.number}/submit", citizen), 422)
    assert body["type"] == "urn:guichet:problem:consent"


def test_declining_consent_asks_for_uploads(client, world, citizen, draft):
    response = post(client, f"/api/v1/cases/{draft.number}/consent", citizen, {"granted": False})
    sources = {m["source"] for item in response.json()["items"] for m in item["materials"]}
    assert sources == {"missing"}


def test_withdrawal_then_a_second_withdrawal_is_a_conflict(client, world, citizen, submitted):
    response = post(client, f"/api/v1/cases/{submitted}/withdraw", citizen)
    assert response.json()["state"] == "withdrawn"
    body = problem(post(client, f"/api/v1/cases/{submitted}/withdraw", citizen), 409)
    assert body["type"] == "urn:guichet:problem:invalid-transition"


# --- Clerks and reviewers --------------------------------------------------------------------


def test_clerks_see_the_acceptance_queue_and_citizens_do_not(client, world, make_user, submitted):
    clerk = bearer(world.staff(make_user, Role.WINDOW_CLERK, "JA-CENTRE"), "cases:read")
    queue = client.get("/api/v1/cases?queue=acceptance", **clerk).json()
    assert [c["number"] for c in queue["items"]] == [submitted]
    citizen = bearer(world.citizen, "cases:read")
    problem(client.get("/api/v1/cases?queue=acceptance", **citizen), 403)


def test_a_clerk_returns_an_application_and_the_citizen_resubmits(
    client, world, make_user, citizen, submitted
):
    clerk = bearer(world.staff(make_user, Role.WINDOW_CLERK, "JA-CENTRE"), "cases:review")
    url = f"/api/v1/cases/{submitted}"
    problem(post(client, f"{url}/return", clerk, {"reason": "  "}), 422)
    returned = post(client, f"{url}/return", clerk, {"reason": "The lease is unsigned."})
    assert returned.json()["state"] == "returned"
    assert returned.json()["return_reason"] == "The lease is unsigned."
    assert post(client, f"{url}/submit", citizen).json()["state"] == "resubmitted"


def test_a_citizen_cannot_accept_their_own_application(client, world, submitted):
    auth = bearer(world.citizen, "cases:review")
    problem(post(client, f"/api/v1/cases/{submitted}/accept", auth), 403)
    assert Case.objects.get().state == Case.State.SUBMITTED


def test_a_reviewer_of_another_department_cannot_see_the_case_or_decide(
    client, world, make_user, in_review
):
    health_reviewer = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "HEALTH")
    health = bearer(health_reviewer, "cases:read", "cases:review")
    mkt_task = ReviewTask.objects.get(department__code="MKT")

    url = f"/api/v1/cases/tasks/{mkt_task.pk}/decision"

    problem(client.get(f"/api/v1/cases/{in_review}", **health), 404)
    problem(post(client, url, health, {"decision": "approve"}), 404)
    assert client.get("/api/v1/cases/tasks", **health).json()["count"] == 0
    mkt_task.refresh_from_db()
    assert mkt_task.state == ReviewTask.State.OPEN


def test_a_supervisor_sees_the_task_but_only_reviewers_decide(client, world, make_user, in_review):
    supervisor = bearer(
        world.staff(make_user, Role.DEPARTMENT_SUPERVISOR, "MKT"), "cases:read", "cases:review"
    )
    mkt_task = ReviewTask.objects.get(department__code="MKT")
    url = f"/api/v1/cases/tasks/{mkt_task.pk}/decision"

    assert client.get(f"/api/v1/cases/{in_review}", **supervisor).status_code == 200
    problem(post(client, url, supervisor, {"decision": "approve"}), 403)
    mkt_task.refresh_from_db()
    assert mkt_task.state == ReviewTask.State.OPEN


def test_a_refusal_needs_its_reason(client, world, make_user, in_review):
    mkt = bearer(world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT"), "cases:review")
    task = ReviewTask.objects.get(department__code="MKT")
    url = f"/api/v1/cases/tasks/{task.pk}/decision"

    body = problem(post(client, url, mkt, {"decision": "refuse", "text": ""}), 422)
    assert body["type"] == "urn:guichet:problem:reason"
    problem(post(client, url, mkt, {"decision": "rubber-stamp"}), 422)
    task.refresh_from_db()
    assert task.state == ReviewTask.State.OPEN


def test_the_citizen_answers_a_question_and_the_task_reopens(client, world, make_user, in_review):
    mkt = bearer(world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT"), "cases:review")
    task = ReviewTask.objects.get(department__code="MKT")
    asked = {"decision": "ask", "text": "How many seats?"}
    assert post(client, f"/api/v1/cases/tasks/{task.pk}/decision", mkt, asked).status_code == 200

    citizen = bearer(world.citizen, "cases:read", "cases:write")
    case = client.get(f"/api/v1/cases/{in_review}", **citizen).json()
    assert case["items"][0]["tasks"][0]["question"] == "How many seats?"
    url = f"/api/v1/cases/{in_review}/tasks/{task.pk}/answer"
    assert post(client, url, citizen, {"text": "Forty."}).status_code == 200
    task.refresh_from_db()
    assert (task.state, task.answer) == (ReviewTask.State.OPEN, "Forty.")


def test_two_departments_approve_and_the_citizen_sees_the_certificates(
    client, world, make_user, citizen, submitted
):
    clerk = bearer(
        world.staff(make_user, Role.WINDOW_CLERK, "JA-CENTRE"), "cases:read", "cases:review"
    )
    case = client.get(f"/api/v1/cases/{submitted}", **clerk).json()
    floor_plan = next(
        m["id"] for m in case["items"][0]["materials"] if m["evidence"]["code"] == "floor-plan"
    )
    accepted = post(client, f"/api/v1/cases/{submitted}/accept", clerk, {"tolerated": [floor_plan]})
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["state"] == "in_review"
    services.supply_missing(
        Case.objects.get(number=submitted),
        by=world.citizen,
        evidence_type=world.evidence["floor-plan"],
        upload=pdf_upload(),
    )

    for department in ("FIRE", "MKT"):
        reviewer = world.staff(make_user, Role.DEPARTMENT_REVIEWER, department)
        auth = bearer(reviewer, "cases:read", "cases:review")
        assert [c["number"] for c in client.get("/api/v1/cases", **auth).json()["items"]] == [
            submitted
        ]
        tasks = client.get("/api/v1/cases/tasks", **auth).json()["items"]
        assert {t["department"]["code"] for t in tasks} == {department}
        assert all(t["case"] == submitted and t["due_on"] for t in tasks)
        for task in tasks:
            decided = post(
                client, f"/api/v1/cases/tasks/{task['id']}/decision", auth, {"decision": "approve"}
            )
            assert decided.json()["state"] == "approved"

    case = client.get(f"/api/v1/cases/{submitted}", **citizen).json()
    assert case["state"] == "issued"
    numbers = [item["credential_number"] for item in case["items"]]
    assert all(numbers) and [item["state"] for item in case["items"]] == ["issued", "issued"]
    assert {t["department"]["code"] for t in case["items"][0]["tasks"]} == {"MKT", "FIRE"}
    credential = datahub.credential_by_number(numbers[0])
    verified = client.post(
        "/api/v1/verify", {"code": credential.seal}, content_type="application/json"
    ).json()
    assert verified["valid"] is True and verified["certificate"]["number"] == numbers[0]


def test_the_inbox_filters_by_due_date(client, world, make_user, in_review):
    fire = bearer(world.staff(make_user, Role.DEPARTMENT_REVIEWER, "FIRE"), "cases:review")
    due = ReviewTask.objects.filter(department__code="FIRE").order_by("due_on")[0].due_on

    assert client.get("/api/v1/cases/tasks", **fire).json()["count"] == 2
    early = client.get(f"/api/v1/cases/tasks?due_before={due.isoformat()}", **fire).json()
    assert 1 <= early["count"] <= 2
    assert all(t["due_on"] <= due.isoformat() for t in early["items"])
    assert client.get("/api/v1/cases/tasks?department=MKT", **fire).json()["count"] == 0
    problem(client.get("/api/v1/cases/tasks", **bearer(world.citizen, "cases:review")), 403)


# --- The once-only figure --------------------------------------------------------------------


def test_the_documents_avoided_figure_counts_what_was_submitted(client, world, submitted):
    figure = client.get("/api/v1/cases/reuse").json()  # public: no credentials

    # Food licence: id card (login), lease (vault), health certificates (HEALTH's
    # credential) reused, the floor plan not; fire inspection: id card and lease reused.
    assert figure["overall"] == {"applications": 1, "required": 6, "reused": 5, "share": 5 / 6}
    assert figure["services"] == [
        {
            "service": "FIRE-SAFETY-INSPECTION",
            "applications": 1,
            "required": 2,
            "reused": 2,
            "share": 1.0,
        },
        {
            "service": "FOOD-BUSINESS-LICENCE",
            "applications": 1,
            "required": 4,
            "reused": 3,
            "share": 0.75,
        },
    ]


def test_drafts_do_not_count_in_the_figure(client, world, draft):
    figure = client.get("/api/v1/cases/reuse").json()
    assert figure["overall"] == {"applications": 0, "required": 0, "reused": 0, "share": 0.0}


# --- Races (PostgreSQL: real connections per thread) ----------------------------------------


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_requests_with_one_key_at_once_make_one_case(world, lease_in_vault):
    if connection.vendor != "postgresql":
        pytest.skip("tested on PostgreSQL (SQLite serialises writers)")
    auth = bearer(world.citizen, "cases:write")
    start = threading.Barrier(4)
    answers: list[tuple[int, str]] = []
    failures: list[BaseException] = []

    def send() -> None:
        try:
            start.wait()
            response = apply(Client(), auth, key="retried-twice")
            answers.append((response.status_code, response.json().get("number", "")))
        except BaseException as error:  # collected and asserted below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    case = Case.objects.get()
    assert sorted(status for status, _number in answers) == [200, 200, 200, 201]
    assert {number for _status, number in answers} == {case.number}
    assert case.state == Case.State.SUBMITTED
