"""Staff pages of applications: a clerk accepts, departments review in parallel, a supervisor
watches the deadlines, a clerk delivers; and who may open what."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.cases import review, services
from guichet.cases.models import Case, Material, ReviewTask
from guichet.cases.services import ItemSpec
from guichet.datahub import identity
from guichet.datahub import services as datahub
from guichet.datahub.models import Party
from tests.world import COMPANY_CODE, pdf_upload

FOOD = [ItemSpec("FOOD-BUSINESS-LICENCE")]  # reviewed by MKT (competent) and FIRE
FIRE_ONLY = [ItemSpec("FIRE-SAFETY-INSPECTION")]  # reviewed by FIRE alone
WORK = "/applications/work"


def submitted_case(world, specs=FOOD, *, delivery: str = "pickup") -> Case:
    """The citizen applies online: the hub attaches what it holds, the lease is uploaded."""
    case = services.start(by=world.citizen, applicant=world.person, services=specs)
    services.give_consent(case, by=world.citizen, granted=True)
    services.attach_upload(
        case, by=world.citizen, evidence_type=world.evidence["lease-contract"], upload=pdf_upload()
    )
    if delivery == "post":
        services.update_details(
            case, by=world.citizen, details={}, delivery="post", delivery_address="1 Post Road"
        )
    return services.submit(case, by=world.citizen)


def tolerating_floor_plan(case: Case) -> list[int]:
    return list(
        Material.objects.filter(item__case=case, evidence_type__code="floor-plan").values_list(
            "pk", flat=True
        )
    )


def in_review(world, staff, specs=FOOD, **kwargs) -> Case:
    case = submitted_case(world, specs, **kwargs)
    return services.accept(case, clerk=staff.clerk, tolerated=tolerating_floor_plan(case))


def supply_floor_plan(world, case: Case) -> None:
    services.supply_missing(
        case, by=world.citizen, evidence_type=world.evidence["floor-plan"], upload=pdf_upload()
    )


def task_of(case: Case, department: str) -> ReviewTask:
    return ReviewTask.objects.get(item__case=case, department__code=department)


def material_of(case: Case, code: str) -> Material:
    return Material.objects.filter(item__case=case, evidence_type__code=code).first()


def accesses(world) -> int:
    return datahub.accesses_to(world.person).count()


@pytest.fixture
def staff(world, make_user):
    return SimpleNamespace(
        clerk=world.staff(make_user, Role.WINDOW_CLERK, "C01"),
        mkt=world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT"),
        fire=world.staff(make_user, Role.DEPARTMENT_REVIEWER, "FIRE"),
        boss=world.staff(make_user, Role.DEPARTMENT_SUPERVISOR, "MKT"),
    )


def acceptance_post(case: Case, *, action: str = "accept", tolerate=(), **verdicts) -> dict:
    """What the acceptance page posts: every provided material accepted unless said."""
    data: dict = {"action": action}
    for m in Material.objects.filter(item__case=case):
        if m.provided:
            data[f"verdict_{m.pk}"] = verdicts.get(m.evidence_type.code, "accepted")
    for pk in tolerate:
        data[f"tolerate_{pk}"] = "on"
    return data


# ---------------------------------------------------------------------------------------------
# The whole staff journey


def test_clerk_accepts_with_the_floor_plan_tolerated_and_two_departments_approve(
    world, staff, login_client
):
    case = submitted_case(world)
    client = login_client(staff.clerk)

    queue = client.get(f"{WORK}/acceptance/")
    assert queue.status_code == 200
    assert case.number in queue.content.decode()

    page = client.get(f"{WORK}/{case.number}/accept/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Health Commission" in text  # the reused certificate's provider
    assert "Tolerate its absence" in text

    floor_plan = tolerating_floor_plan(case)
    response = client.post(
        f"{WORK}/{case.number}/accept/", acceptance_post(case, tolerate=floor_plan)
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.IN_REVIEW
    assert case.centre_code == "C01"
    assert Material.objects.get(pk=floor_plan[0]).verdict == Material.Verdict.TOLERATED

    # Approval waits for the tolerated floor plan; it arrives, then both departments approve.
    client = login_client(staff.mkt)
    waiting = client.post(
        f"{WORK}/tasks/{task_of(case, 'MKT').pk}/", {"decision": "approve", "text": ""}
    )
    assert "Approval waits for documents tolerated at acceptance" in waiting.content.decode()
    supply_floor_plan(world, case)

    for reviewer, department in [(staff.mkt, "MKT"), (staff.fire, "FIRE")]:
        client = login_client(reviewer)
        inbox = client.get(f"{WORK}/inbox/")
        assert case.number in inbox.content.decode()
        assert "On time" in inbox.content.decode()
        task = task_of(case, department)
        assert client.get(f"{WORK}/tasks/{task.pk}/").status_code == 200
        decided = client.post(f"{WORK}/tasks/{task.pk}/", {"decision": "approve", "text": ""})
        assert decided.status_code == 302
        assert decided["Location"] == f"{WORK}/inbox/"
        assert "recorded" in client.get(decided["Location"]).content.decode()

    case.refresh_from_db()
    assert case.state == Case.State.ISSUED
    assert case.items.get().credential_number


def test_opening_a_document_writes_one_access_record_the_applicant_can_read(
    world, staff, login_client
):
    case = in_review(world, staff)
    lease = material_of(case, "lease-contract")
    client = login_client(staff.mkt)

    task_page = client.get(f"{WORK}/tasks/{task_of(case, 'MKT').pk}/").content.decode()
    url = f"{WORK}/{case.number}/materials/{lease.pk}/"
    assert url in task_page
    assert accesses(world) == 0  # reading the case view opens no document

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    [access] = datahub.accesses_to(world.person)
    assert access.case_reference == case.number
    assert access.organisation == "MKT"
    assert access.data_kind == "document:lease-contract"


def test_opening_a_reused_certificate_shows_its_facts_and_is_recorded(world, staff, login_client):
    case = in_review(world, staff)
    certificate = material_of(case, "staff-health-certs")
    client = login_client(staff.fire)

    response = client.get(f"{WORK}/{case.number}/materials/{certificate.pk}/")

    assert response.status_code == 200
    text = response.content.decode()
    assert world.health_certificate.number in text
    assert "Health Commission" in text
    assert world.person.identifier not in text  # masked
    assert accesses(world) == 1


def test_a_refusal_needs_a_reason(world, staff, login_client):
    case = in_review(world, staff)
    task = task_of(case, "FIRE")
    client = login_client(staff.fire)

    response = client.post(f"{WORK}/tasks/{task.pk}/", {"decision": "refuse", "text": "  "})

    assert response.status_code == 200
    assert "Give the reason for the refusal." in response.content.decode()
    task.refresh_from_db()
    assert task.state == ReviewTask.State.OPEN

    response = client.post(
        f"{WORK}/tasks/{task.pk}/", {"decision": "refuse", "text": "No emergency exit."}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == ReviewTask.State.REFUSED
    assert "No emergency exit." in case.items.get().decision_reason


def test_asking_the_applicant_stops_the_clock_and_shows_in_the_pause_history(
    world, staff, login_client
):
    case = in_review(world, staff)
    task = task_of(case, "MKT")
    client = login_client(staff.mkt)

    client.post(f"{WORK}/tasks/{task.pk}/", {"decision": "ask", "text": "Opening hours?"})

    task.refresh_from_db()
    assert task.state == ReviewTask.State.WAITING
    page = client.get(f"{WORK}/tasks/{task.pk}/").content.decode()
    assert "Opening hours?" in page
    assert "waiting for the applicant" in page
    assert "Clock stopped" in client.get(f"{WORK}/inbox/?state=waiting").content.decode()


def test_clerk_returns_a_case_with_the_reason_and_the_rejected_document(world, staff, login_client):
    case = submitted_case(world)
    client = login_client(staff.clerk)

    missing = client.post(f"{WORK}/{case.number}/accept/", acceptance_post(case, action="return"))
    assert missing.status_code == 200
    assert "Say what the applicant must correct." in missing.content.decode()

    data = acceptance_post(case, action="return", **{"lease-contract": "rejected"})
    data["reason"] = "The lease is unreadable: scan it again."
    response = client.post(f"{WORK}/{case.number}/accept/", data)

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == Case.State.RETURNED
    assert case.return_reason == "The lease is unreadable: scan it again."
    assert {m.verdict for m in Material.objects.filter(evidence_type__code="lease-contract")} == {
        Material.Verdict.REJECTED
    }


def test_acceptance_refused_by_the_service_shows_its_message(world, staff, login_client):
    case = submitted_case(world)
    client = login_client(staff.clerk)

    # The floor plan is missing and not tolerated: the case cannot be accepted.
    response = client.post(f"{WORK}/{case.number}/accept/", acceptance_post(case))

    assert response.status_code == 200
    assert "must be accepted or tolerated first" in response.content.decode()
    case.refresh_from_db()
    assert case.state == Case.State.SUBMITTED


def test_supervisor_board_shows_the_item_with_its_clock(world, staff, login_client):
    case = in_review(world, staff)
    client = login_client(staff.boss)

    response = client.get(f"{WORK}/deadlines/")

    assert response.status_code == 200
    text = response.content.decode()
    assert case.number in text
    assert "0 / 20 working days" in text
    assert dict((level, n) for level, _label, n in response.context["levels"]) == {
        "ok": 1,
        "warning": 0,
        "overdue": 0,
        "paused": 0,
    }


def test_supervisor_board_marks_an_overdue_escalated_item_in_words(world, staff, login_client):
    late = in_review(world, staff)
    Case.objects.filter(pk=late.pk).update(accepted_on=timezone.localdate() - timedelta(days=60))
    late.items.update(escalated_at=timezone.now())
    client = login_client(staff.boss)

    response = client.get(f"{WORK}/deadlines/")

    text = response.content.decode()
    assert "Overdue" in text
    assert "Escalated on" in text
    assert dict((level, n) for level, _label, n in response.context["levels"])["overdue"] == 1


def test_inbox_filters_by_department_state_and_due_date(world, staff, login_client):
    food = in_review(world, staff)
    both = staff.mkt
    accounts.grant_membership(
        both, role=Role.DEPARTMENT_REVIEWER, organisation_code="FIRE", organisation_name="FIRE"
    )
    client = login_client(both)

    def listed(query: str) -> set[int]:
        response = client.get(f"{WORK}/inbox/?{query}")
        assert response.status_code == 200
        return {task.pk for task, _clock in response.context["rows"]}

    mkt, fire = task_of(food, "MKT").pk, task_of(food, "FIRE").pk
    assert listed("") == {mkt, fire}
    assert listed("department=FIRE") == {fire}
    assert listed("state=approved") == set()
    assert listed("due_before=2000-01-01") == set()
    due = task_of(food, "MKT").due_on.isoformat()
    assert listed(f"due_before={due}&department=MKT") == {mkt}
    # Someone else's department is not a filter one can pick.
    assert (
        "Select a valid choice" in client.get(f"{WORK}/inbox/?department=HEALTH").content.decode()
    )


def test_clerk_delivers_by_post_only_with_a_tracking_number(world, staff, login_client):
    case = in_review(world, staff, delivery="post")
    supply_floor_plan(world, case)
    for department, reviewer in [("MKT", staff.mkt), ("FIRE", staff.fire)]:
        review.decide(task_of(case, department), reviewer=reviewer, decision="approve")
    client = login_client(staff.clerk)
    assert case.number in client.get(f"{WORK}/delivery/").content.decode()

    refused = client.post(f"{WORK}/{case.number}/deliver/", {"tracking_number": ""}, follow=True)
    assert "Enter the postal tracking number." in refused.content.decode()
    case.refresh_from_db()
    assert case.state == Case.State.ISSUED

    client.post(f"{WORK}/{case.number}/deliver/", {"tracking_number": "EMS123456789CN"})
    case.refresh_from_db()
    assert case.state == Case.State.DELIVERED
    assert case.tracking_number == "EMS123456789CN"


# ---------------------------------------------------------------------------------------------
# On behalf of a visitor


def on_behalf_form(client) -> dict:
    page = client.get(f"{WORK}/new/")
    assert page.status_code == 200
    return {"form_token": page.context["form"]["form_token"].value()}


def test_on_behalf_creates_a_window_case_for_a_new_visitor(world, staff, login_client):
    client = login_client(staff.clerk)
    number = identity.make_resident_id("310101", date(1990, 1, 1), 7)
    data = {
        **on_behalf_form(client),
        "kind": "person",
        "identifier": number,
        "name": "Zhang San",
        "services": ["FIRE-SAFETY-INSPECTION"],
    }

    response = client.post(f"{WORK}/new/", data)
    again = client.post(f"{WORK}/new/", data)  # a double click

    case = Case.objects.get(applicant__identifier=number)
    assert response.status_code == again.status_code == 302
    assert response["Location"] == f"/applications/{case.number}/edit/"
    assert case.channel == Case.Channel.WINDOW
    assert case.centre_code == "C01"
    assert case.owner is None
    assert case.applicant.identity_verified  # the clerk saw the card
    assert material_of(case, "id-card").source == Material.Source.PLATFORM


def test_on_behalf_of_a_known_company_and_a_mistyped_name(world, staff, login_client):
    client = login_client(staff.clerk)
    base = {
        "kind": "company",
        "identifier": COMPANY_CODE,
        "legal_representative": "Marie Dupont",
        "services": ["FIRE-SAFETY-INSPECTION"],
    }

    wrong = client.post(f"{WORK}/new/", {**on_behalf_form(client), **base, "name": "Other Ltd"})
    assert wrong.status_code == 200
    assert "registered under another name" in wrong.content.decode()

    response = client.post(
        f"{WORK}/new/", {**on_behalf_form(client), **base, "name": world.company.name}
    )
    assert response.status_code == 302
    case = Case.objects.get(applicant=world.company)
    assert case.channel == Case.Channel.WINDOW
    assert Party.objects.filter(kind="company").count() == 1


def test_on_behalf_refuses_an_invalid_identity_number(world, staff, login_client):
    client = login_client(staff.clerk)
    data = {
        **on_behalf_form(client),
        "kind": "person",
        "identifier": "310101199001010000",
        "name": "Zhang San",
        "services": ["FIRE-SAFETY-INSPECTION"],
    }

    response = client.post(f"{WORK}/new/", data)

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Case.objects.exists()


# ---------------------------------------------------------------------------------------------
# Who may open what


PAGES = ("acceptance", "accept", "inbox", "task", "material", "deadlines", "delivery")
EXPECTED = {
    "citizen": dict.fromkeys(PAGES, 403),
    "clerk": {
        "acceptance": 200,
        "accept": 200,
        "inbox": 403,
        "task": 403,
        "material": 200,
        "deadlines": 403,
        "delivery": 200,
    },
    # The task and the material are of a case only FIRE reviews.
    "reviewer_mkt": {**dict.fromkeys(PAGES, 403), "inbox": 200, "task": 404, "material": 404},
    "reviewer_fire": {**dict.fromkeys(PAGES, 403), "inbox": 200, "task": 200, "material": 200},
    "supervisor_mkt": {
        **dict.fromkeys(PAGES, 403),
        "inbox": 200,
        "task": 404,
        "material": 404,
        "deadlines": 200,
    },
}


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_staff_pages_answer_each_role(world, staff, login_client, who):
    waiting = submitted_case(world)
    fire_case = in_review(world, staff, FIRE_ONLY)
    urls = {
        "acceptance": f"{WORK}/acceptance/",
        "accept": f"{WORK}/{waiting.number}/accept/",
        "inbox": f"{WORK}/inbox/",
        "task": f"{WORK}/tasks/{task_of(fire_case, 'FIRE').pk}/",
        "material": f"{WORK}/{fire_case.number}/materials/"
        f"{material_of(fire_case, 'lease-contract').pk}/",
        "deadlines": f"{WORK}/deadlines/",
        "delivery": f"{WORK}/delivery/",
    }
    user = {
        "citizen": world.citizen,
        "clerk": staff.clerk,
        "reviewer_mkt": staff.mkt,
        "reviewer_fire": staff.fire,
        "supervisor_mkt": staff.boss,
    }[who]
    client = login_client(user)

    for page, url in urls.items():
        before = accesses(world)
        response = client.get(url)
        expected = EXPECTED[who][page]
        assert response.status_code == expected, (page, response.status_code)
        if page == "material":
            assert accesses(world) == before + (1 if expected == 200 else 0)


def test_forbidden_decisions_and_acceptances_change_nothing(world, staff, login_client):
    waiting = submitted_case(world)
    fire_case = in_review(world, staff, FIRE_ONLY)
    fire_task = task_of(fire_case, "FIRE")
    food_case = in_review(world, staff)
    mkt_task = task_of(food_case, "MKT")

    client = login_client(staff.mkt)
    assert client.post(f"{WORK}/tasks/{fire_task.pk}/", {"decision": "approve"}).status_code == 404
    client = login_client(staff.boss)  # sees the MKT task, but decides nothing
    mkt_page = client.get(f"{WORK}/tasks/{mkt_task.pk}/")
    assert mkt_page.status_code == 200
    assert "Record the decision" not in mkt_page.content.decode()
    assert client.post(f"{WORK}/tasks/{mkt_task.pk}/", {"decision": "approve"}).status_code == 403
    client = login_client(world.citizen)
    assert (
        client.post(f"{WORK}/{waiting.number}/accept/", acceptance_post(waiting)).status_code == 403
    )
    assert client.post(f"{WORK}/new/", {"kind": "person"}).status_code == 403

    for task in (fire_task, mkt_task):
        task.refresh_from_db()
        assert task.state == ReviewTask.State.OPEN
    waiting.refresh_from_db()
    assert waiting.state == Case.State.SUBMITTED


def test_staff_pages_ask_for_a_login(client):
    response = client.get(f"{WORK}/inbox/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_role_homes_lead_to_the_staff_pages(world, staff, login_client):
    for user, role, urls in [
        (staff.clerk, "window_clerk", ["acceptance/", "new/", "delivery/"]),
        (staff.mkt, "department_reviewer", ["inbox/"]),
        (staff.boss, "department_supervisor", ["deadlines/", "inbox/"]),
    ]:
        home = login_client(user).get(f"/work/{role}/").content.decode()
        for url in urls:
            assert f'href="{WORK}/{url}"' in home
