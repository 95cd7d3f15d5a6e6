"""The applicant's pages: apply in three steps, save and resume, follow, answer, withdraw."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guichet.accounts.roles import Role
from guichet.audit.models import AuditEvent
from guichet.cases import review, services
from guichet.cases.models import Case, Material, ReviewTask
from guichet.cases.services import ItemSpec
from guichet.datahub import identity
from guichet.datahub.models import Document, Party
from tests.world import pdf_upload

FOOD, FIRE = "FOOD-BUSINESS-LICENCE", "FIRE-SAFETY-INSPECTION"
START = "/applications/new/"


def _start_on_pages(client, world, *codes, applicant=None):
    query = "&".join(f"service={c}" for c in codes)
    page = client.get(f"{START}?{query}")
    assert page.status_code == 200
    token = page.context["token"]
    data = {
        "action": "start",
        "token": token,
        "applicant": (applicant or world.person).pk,
        "service": list(codes),
    }
    return token, data, client.post(START, data)


def _edit(case, step):
    return f"/applications/{case.number}/edit/?step={step}"


def _details(**changes):
    data = {
        "name": "Li Wei",
        "address": "100 Changde Road, Jing'an",
        "phone": "13800000000",
        "delivery": "pickup",
        "delivery_address": "",
        "then": "next",
    }
    return {**data, **changes}


def _draft(world, by=None, applicant=None, *codes):
    return services.start(
        by=by or world.citizen,
        applicant=applicant or world.person,
        services=[ItemSpec(c) for c in (codes or (FOOD, FIRE))],
    )


def _submitted(world):
    case = _draft(world)
    services.give_consent(case, by=world.citizen, granted=True)
    services.attach_upload(
        case,
        by=world.citizen,
        evidence_type=world.evidence["lease-contract"],
        upload=pdf_upload(),
    )
    return services.submit(case, by=world.citizen)


def test_the_whole_application_on_pages(world, login_client):
    client = login_client(world.citizen)
    _token, _data, response = _start_on_pages(client, world, FOOD, FIRE)
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _edit(case, "details")
    assert [i.service_version.service.code for i in case.items.all()] == [FOOD, FIRE]

    page = client.get(_edit(case, "details"))
    assert page.status_code == 200
    assert "100 Changde Road" in page.content.decode()  # prefilled from the hub
    response = client.post(_edit(case, "details"), _details(phone="13911112222"))
    assert response["Location"] == _edit(case, "documents")

    page = client.get(_edit(case, "documents")).content.decode()
    assert f"From Health Commission: certificate {world.health_certificate.number}" in page
    assert "Use these records" in page
    assert page.count('name="evidence" value="lease-contract"') == 1  # asked once for both
    client.post(_edit(case, "documents"), {"action": "consent", "consent": "yes"})
    response = client.post(
        _edit(case, "documents"),
        {"action": "upload", "evidence": "lease-contract", "file": pdf_upload()},
    )
    assert response.status_code == 302
    lease = Material.objects.filter(item__case=case, evidence_type__code="lease-contract")
    assert {m.source for m in lease} == {Material.Source.UPLOAD}

    page = client.get(_edit(case, "review")).content.decode()
    assert "Floor plan" in page and "working days after acceptance" in page
    response = client.post(_edit(case, "review"), {"action": "submit"})
    assert response["Location"] == f"/applications/{case.number}/"
    case.refresh_from_db()
    assert case.state == Case.State.SUBMITTED
    assert case.details["phone"] == "13911112222"
    detail = client.get(response["Location"]).content.decode()
    assert "The application was submitted." in detail
    assert "Document added: Lease contract." in detail


def test_a_draft_is_saved_and_resumed_later(world, login_client):
    client = login_client(world.citizen)
    _start_on_pages(client, world, FOOD)
    case = Case.objects.get()
    response = client.post(
        _edit(case, "details"),
        _details(phone="13722223333", delivery="post", delivery_address="5 Hill St", then="later"),
    )
    assert response["Location"] == "/applications/"
    mine = client.get("/applications/").content.decode()
    assert case.number in mine and "Continue" in mine
    page = client.get(_edit(case, "details")).content.decode()
    assert "13722223333" in page and "5 Hill St" in page


def test_post_delivery_without_an_address_is_refused_on_the_page(world, login_client):
    client = login_client(world.citizen)
    case = _draft(world)
    response = client.post(_edit(case, "details"), _details(delivery="post"))
    assert response.status_code == 200
    assert "Give the postal address for delivery by post." in response.content.decode()
    case.refresh_from_db()
    assert case.delivery == Case.Delivery.PICKUP


def test_a_double_click_makes_one_application(world, login_client):
    client = login_client(world.citizen)
    _token, data, first = _start_on_pages(client, world, FOOD)
    second = client.post(START, data)
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_stale_form_token_is_refused_with_a_fresh_form(world, login_client):
    client = login_client(world.citizen)
    response = client.post(
        START,
        {"action": "start", "token": "made-up", "applicant": world.person.pk, "service": FOOD},
    )
    assert response.status_code == 200
    assert "This form has expired" in response.content.decode()
    assert response.context["token"] != "made-up"
    assert not Case.objects.exists()


def test_a_disguised_upload_shows_a_message_and_writes_nothing(world, login_client):
    client = login_client(world.citizen)
    case = _draft(world)
    events = AuditEvent.objects.count()
    fake = SimpleUploadedFile(
        "lease.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = client.post(
        _edit(case, "documents"), {"action": "upload", "evidence": "lease-contract", "file": fake}
    )
    assert response.status_code == 200
    assert "This type of file is not accepted" in response.content.decode()
    assert not Document.objects.exists()
    assert AuditEvent.objects.count() == events
    assert not Material.objects.filter(item__case=case, source=Material.Source.UPLOAD).exists()


def test_declining_reuse_asks_for_the_upload_instead(world, login_client):
    client = login_client(world.citizen)
    case = _draft(world)
    client.post(_edit(case, "documents"), {"action": "consent", "consent": "no"})
    page = client.get(_edit(case, "documents")).content.decode()
    assert "Use these records after all" in page
    assert 'name="evidence" value="staff-health-certs"' in page


def test_submitting_with_a_missing_document_shows_why(world, login_client):
    client = login_client(world.citizen)
    case = _draft(world)
    services.give_consent(case, by=world.citizen, granted=True)
    response = client.post(_edit(case, "review"), {"action": "submit"})
    assert response.status_code == 200
    assert "Lease contract" in response.context["problems"][0]
    case.refresh_from_db()
    assert case.state == Case.State.DRAFT


def test_another_citizen_gets_404_on_every_page_of_the_case(world, make_user, login_client):
    case = _submitted(world)
    stranger = login_client(make_user(Role.CITIZEN))
    events = AuditEvent.objects.count()
    base = f"/applications/{case.number}"
    for url in [f"{base}/", _edit(case, "details"), _edit(case, "review")]:
        assert stranger.get(url).status_code == 404, url
    for url in [
        f"{base}/tasks/1/answer/",
        f"{base}/supply/",
        f"{base}/withdraw/",
        f"{base}/received/",
        _edit(case, "documents"),
    ]:
        assert stranger.post(url, {"confirm": "yes", "action": "submit"}).status_code == 404, url
    case.refresh_from_db()
    assert case.state == Case.State.SUBMITTED
    assert AuditEvent.objects.count() == events
    assert case.number not in stranger.get("/applications/").content.decode()


def test_a_representative_applies_for_and_follows_the_company(world, make_user, login_client):
    client = login_client(world.representative)
    page = client.get(f"{START}?service={FIRE}").content.decode()
    assert "Link your identity" in page  # no person linked yet, but may apply for the company
    _start_on_pages(client, world, FIRE, applicant=world.company)
    case = Case.objects.get()
    assert case.applicant == world.company
    page = client.get(_edit(case, "details")).content.decode()
    assert "Legal representative" in page and "Marie Dupont" in page
    colleague = login_client(make_user(Role.BUSINESS_REPRESENTATIVE))
    assert colleague.get(f"/applications/{case.number}/").status_code == 200
    assert case.number in colleague.get("/applications/").content.decode()


def test_a_citizen_links_a_new_identity_but_not_someone_elses(world, make_user, login_client):
    user = make_user(Role.CITIZEN)
    client = login_client(user)
    assert "Link your identity" in client.get(f"{START}?service={FOOD}").content.decode()
    taken = client.post(
        START,
        {
            "action": "link",
            "link-identifier": world.person.identifier,
            "link-name": "Li Wei",
            "service": FOOD,
        },
    )
    assert "already known to the platform" in taken.content.decode()
    assert Party.objects.get(pk=world.person.pk).user == world.citizen
    mine = identity.make_resident_id("310106", world.person.birth_date, 456)
    response = client.post(
        START,
        {"action": "link", "link-identifier": mine, "link-name": "Wang Fang", "service": FOOD},
    )
    assert response.status_code == 302
    person = Party.objects.get(user=user)
    assert person.identifier == mine and not person.identity_verified


def test_questions_answers_late_documents_and_withdrawal(world, make_user, login_client):
    case = _submitted(world)
    floor_plan = Material.objects.get(item__case=case, evidence_type__code="floor-plan")
    services.accept(case, clerk=make_user(Role.WINDOW_CLERK), tolerated=[floor_plan.pk])
    task = ReviewTask.objects.get(item__position=1, department__code="MKT")
    reviewer = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT")
    review.decide(task, reviewer=reviewer, decision="ask", text="How many seats?")
    client = login_client(world.citizen)
    page = client.get(f"/applications/{case.number}/").content.decode()
    assert "How many seats?" in page and "Documents still to hand in" in page

    client.post(
        f"/applications/{case.number}/tasks/{task.pk}/answer/", {f"task{task.pk}-text": "40"}
    )
    task.refresh_from_db()
    assert task.state == ReviewTask.State.OPEN and task.answer == "40"

    client.post(
        f"/applications/{case.number}/supply/", {"evidence": "floor-plan", "file": pdf_upload()}
    )
    floor_plan.refresh_from_db()
    assert floor_plan.source == Material.Source.UPLOAD

    client.post(f"/applications/{case.number}/withdraw/", {})
    assert Case.objects.get(pk=case.pk).state == Case.State.IN_REVIEW  # not confirmed
    client.post(f"/applications/{case.number}/withdraw/", {"confirm": "yes"})
    assert Case.objects.get(pk=case.pk).state == Case.State.WITHDRAWN
    page = client.get(f"/applications/{case.number}/").content.decode()
    assert "asked about Food Business Licence: How many seats?" in page
    assert "The application was withdrawn." in page


def test_a_returned_case_is_corrected_and_submitted_again(world, make_user, login_client):
    case = _submitted(world)
    lease = Material.objects.filter(item__case=case, evidence_type__code="lease-contract")
    services.return_for_correction(
        case,
        clerk=make_user(Role.WINDOW_CLERK),
        reason="The lease is unsigned.",
        rejected=[m.pk for m in lease],
    )
    client = login_client(world.citizen)
    assert "Correct and submit again" in client.get("/applications/").content.decode()
    page = client.get(_edit(case, "documents")).content.decode()
    assert "The lease is unsigned." in page and "A clerk did not accept this document" in page
    client.post(
        _edit(case, "documents"),
        {"action": "upload", "evidence": "lease-contract", "file": pdf_upload("signed.pdf")},
    )
    client.post(_edit(case, "review"), {"action": "submit"})
    assert Case.objects.get(pk=case.pk).state == Case.State.RESUBMITTED


def test_a_submitted_case_cannot_be_edited_any_more(world, login_client):
    case = _submitted(world)
    client = login_client(world.citizen)
    response = client.get(_edit(case, "details"))
    assert response["Location"] == f"/applications/{case.number}/"


@pytest.fixture
def guide(world):
    from guichet.guidance import services as guidance

    return guidance.import_flow(
        {
            "slug": "noodles",
            "title": {"en": "Opening a noodle bar"},
            "start": "big",
            "audience": "company",
            "questions": [
                {"key": "big", "kind": "yes_no", "text": {"en": "Over 300 m²?"}, "next": "end"}
            ],
            "results": [
                {"when": "big or not big", "service": FOOD},
                {"when": "big", "service": FIRE},
                {
                    "when": "not big",
                    "requirement": {"service": FOOD, "evidence": "floor-plan", "required": False},
                },
            ],
        },
        publish_now=True,
    )


def test_apply_for_all_of_a_guide_outcome(world, guide, login_client):
    client = login_client(world.citizen)
    sheet = client.get("/guide/noodles/sheet/?big=no").content.decode()
    assert 'action="/applications/new/"' in sheet and "Apply for all of these" in sheet
    page = client.get(f"{START}?service={FOOD}&flow=noodles&answers=big%3Dno")
    assert "Opening a noodle bar" in page.content.decode()
    client.post(
        START,
        {
            "action": "start",
            "token": page.context["token"],
            "applicant": world.person.pk,
            "service": FOOD,
            "flow": "noodles",
            "answers": "big=no",
        },
    )
    case = Case.objects.get()
    codes = {m.evidence_type.code for m in Material.objects.filter(item__case=case)}
    assert "floor-plan" not in codes and "lease-contract" in codes
    assert case.answers["big"] is False


def test_the_service_page_offers_to_apply_online(world, client):
    page = client.get(f"/services/{FOOD}/").content.decode()
    assert f"/applications/new/?service={FOOD}" in page


def test_the_documents_avoided_figure_is_public(world, client):
    _submitted(world)
    page = client.get("/applications/reuse/")
    assert page.status_code == 200
    total = page.context["total"]
    assert total.applications == 1 and total.reused > 0
    assert "Food Business Licence" in page.content.decode()
