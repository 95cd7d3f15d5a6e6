"""Applying once: the hub fills in what it holds, a clerk accepts, departments review in
parallel, certificates are issued, sealed and delivered."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guichet.accounts.roles import Role
from guichet.cases import review, selectors, services
from guichet.cases.models import Case, InvalidTransition, Item, Material, ReviewTask
from guichet.cases.services import ItemSpec
from guichet.datahub import services as datahub
from tests.world import pdf_upload

BOTH = [ItemSpec("FOOD-BUSINESS-LICENCE"), ItemSpec("FIRE-SAFETY-INSPECTION")]


def materials(case, code):
    return Material.objects.filter(item__case=case, evidence_type__code=code)


def ready_case(world, services_=BOTH):
    """A draft with consent given and the lease uploaded once (the floor plan left out)."""
    case = services.start(by=world.citizen, applicant=world.person, services=services_)
    services.give_consent(case, by=world.citizen, granted=True)
    services.attach_upload(
        case, by=world.citizen, evidence_type=world.evidence["lease-contract"], upload=pdf_upload()
    )
    return case


def test_the_hub_attaches_another_departments_certificate_and_the_verified_identity(world):
    case = services.start(by=world.citizen, applicant=world.person, services=BOTH)

    health = materials(case, "staff-health-certs").get()
    assert health.source == Material.Source.CREDENTIAL
    assert health.credential == world.health_certificate
    assert health.provider == "Health Commission"
    assert {m.source for m in materials(case, "id-card")} == {Material.Source.PLATFORM}
    assert {m.source for m in materials(case, "lease-contract")} == {Material.Source.MISSING}


def test_declining_consent_asks_for_uploads_instead(world):
    case = services.start(by=world.citizen, applicant=world.person, services=BOTH)
    services.give_consent(case, by=world.citizen, granted=False)

    assert not Material.objects.filter(item__case=case).exclude(source="missing").exists()
    consent = datahub.consent_for(world.person, purpose=case.number)
    assert consent.granted is False
    assert {r["evidence"] for r in consent.records} == {"id-card", "staff-health-certs"}


def test_one_upload_answers_every_item_that_asks_for_it(world):
    case = ready_case(world)
    leases = materials(case, "lease-contract")
    assert leases.count() == 2
    assert {m.source for m in leases} == {Material.Source.UPLOAD}
    assert len({m.document_id for m in leases}) == 1


def test_submission_refuses_missing_documents_that_cannot_be_tolerated(world):
    case = services.start(by=world.citizen, applicant=world.person, services=BOTH)
    services.give_consent(case, by=world.citizen, granted=True)
    with pytest.raises(ValidationError) as refusal:
        services.submit(case, by=world.citizen)
    assert refusal.value.code == "incomplete"
    assert "Lease contract" in refusal.value.messages[0]
    case.refresh_from_db()
    assert case.state == Case.State.DRAFT


def test_submission_needs_a_word_on_consent_when_records_were_found(world):
    case = services.start(by=world.citizen, applicant=world.person, services=BOTH)
    services.attach_upload(
        case, by=world.citizen, evidence_type=world.evidence["lease-contract"], upload=pdf_upload()
    )
    with pytest.raises(ValidationError) as refusal:
        services.submit(case, by=world.citizen)
    assert refusal.value.code == "consent"


def test_another_citizen_cannot_touch_the_draft(world, make_user):
    case = ready_case(world)
    stranger = make_user(Role.CITIZEN)
    with pytest.raises(PermissionDenied):
        services.submit(case, by=stranger)
    with pytest.raises(PermissionDenied):
        services.start(by=stranger, applicant=world.person, services=BOTH)


def accepted_case(world, make_user):
    case = ready_case(world)
    services.submit(case, by=world.citizen)
    clerk = world.staff(make_user, Role.WINDOW_CLERK, "JA-CENTRE")
    floor_plan = materials(case, "floor-plan").get()
    services.accept(case, clerk=clerk, tolerated=[floor_plan.pk])
    case.refresh_from_db()
    return case


def test_acceptance_tolerates_a_secondary_document_and_opens_one_task_per_department(
    world, make_user
):
    case = accepted_case(world, make_user)
    assert case.state == Case.State.IN_REVIEW
    floor_plan = materials(case, "floor-plan").get()
    assert floor_plan.verdict == Material.Verdict.TOLERATED
    assert floor_plan.tolerated_until > case.accepted_on
    tasks = ReviewTask.objects.filter(item__case=case)
    assert sorted(t.department.code for t in tasks) == ["FIRE", "FIRE", "MKT"]
    assert all(t.due_on for t in tasks)
    # The clerk checked the uploaded lease: it is now reusable from the vault.
    lease = materials(case, "lease-contract").first().document
    lease.refresh_from_db()
    assert lease.verification == "verified"


def test_a_document_that_may_not_be_tolerated_blocks_acceptance(world, make_user):
    case = ready_case(world)
    services.submit(case, by=world.citizen)
    clerk = world.staff(make_user, Role.WINDOW_CLERK, "JA-CENTRE")
    lease = materials(case, "lease-contract").first()
    with pytest.raises(ValidationError):
        services.accept(case, clerk=clerk, tolerated=[lease.pk])
    case.refresh_from_db()
    assert case.state == Case.State.SUBMITTED


def test_approval_waits_for_a_tolerated_document(world, make_user):
    case = accepted_case(world, make_user)
    mkt = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT")
    task = ReviewTask.objects.get(item__case=case, department__code="MKT")
    with pytest.raises(ValidationError) as refusal:
        review.decide(task, reviewer=mkt, decision=review.Decision.APPROVE)
    assert refusal.value.code == "awaiting-documents"
    task.refresh_from_db()
    assert task.state == ReviewTask.State.OPEN


def test_parallel_review_issues_sealed_certificates_that_verify(world, make_user):
    case = accepted_case(world, make_user)
    services.supply_missing(
        case, by=world.citizen, evidence_type=world.evidence["floor-plan"], upload=pdf_upload()
    )
    mkt = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT")
    fire = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "FIRE")
    food = case.items.get(position=1)

    for task in selectors.inbox(fire):
        review.decide(task, reviewer=fire, decision=review.Decision.APPROVE)
    food.refresh_from_db()
    assert food.state == Item.State.IN_REVIEW  # MKT has not decided yet
    for task in selectors.inbox(mkt):
        review.decide(task, reviewer=mkt, decision=review.Decision.APPROVE)

    case.refresh_from_db()
    assert case.state == Case.State.ISSUED
    numbers = [i.credential_number for i in case.items.all()]
    assert all(numbers)
    for number in numbers:
        credential = datahub.credential_by_number(number)
        assert credential.holder == world.person
        assert datahub.verify(credential.seal).ok


def test_one_refusal_refuses_the_item_with_its_reason(world, make_user):
    case = accepted_case(world, make_user)
    fire = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "FIRE")
    mkt = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT")
    food_fire = ReviewTask.objects.get(item__position=1, department__code="FIRE", item__case=case)
    with pytest.raises(ValidationError):
        review.decide(food_fire, reviewer=fire, decision=review.Decision.REFUSE)
    review.decide(food_fire, reviewer=fire, decision="refuse", text="No emergency exit.")
    food = case.items.get(position=1)
    assert food.state == Item.State.REFUSED
    assert "No emergency exit." in food.decision_reason
    # MKT's task on that item is moot now.
    assert ReviewTask.objects.get(item=food, department__code="MKT").state == "cancelled"
    review.decide(
        ReviewTask.objects.get(item__position=2, item__case=case), reviewer=fire, decision="approve"
    )
    case.refresh_from_db()
    assert case.state == Case.State.ISSUED
    assert mkt  # the MKT reviewer never had to act


def test_a_reviewer_of_another_department_cannot_decide(world, make_user):
    case = accepted_case(world, make_user)
    fire = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "FIRE")
    mkt_task = ReviewTask.objects.get(item__case=case, department__code="MKT")
    with pytest.raises(PermissionDenied):
        review.decide(mkt_task, reviewer=fire, decision="approve")
    mkt_task.refresh_from_db()
    assert mkt_task.state == "open"


def test_a_question_stops_the_clock_until_the_applicant_answers(world, make_user):
    case = accepted_case(world, make_user)
    mkt = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT")
    task = ReviewTask.objects.get(item__case=case, department__code="MKT")
    review.decide(task, reviewer=mkt, decision="ask", text="Which floor is the kitchen on?")
    item = task.item
    item.refresh_from_db()
    assert item.due_on is None
    review.answer(task, by=world.citizen, text="Ground floor.")
    item.refresh_from_db()
    task.refresh_from_db()
    assert item.due_on is not None and task.state == "open"


def test_sending_back_returns_the_case_to_acceptance(world, make_user):
    case = accepted_case(world, make_user)
    mkt = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT")
    task = ReviewTask.objects.get(item__case=case, department__code="MKT")
    review.decide(task, reviewer=mkt, decision="send_back", text="Wrong lease attached.")
    case.refresh_from_db()
    assert case.state == Case.State.RESUBMITTED
    assert not ReviewTask.objects.filter(item__case=case, state="open").exists()


def test_delivery_by_post_needs_a_tracking_number_then_the_applicant_closes(world, make_user):
    case = ready_case(world, [ItemSpec("FIRE-SAFETY-INSPECTION")])
    services.update_details(
        case, by=world.citizen, details={}, delivery="post", delivery_address="1 Road"
    )
    services.submit(case, by=world.citizen)
    clerk = world.staff(make_user, Role.WINDOW_CLERK, "JA-CENTRE")
    services.accept(case, clerk=clerk)
    fire = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "FIRE")
    for task in selectors.inbox(fire):
        review.decide(task, reviewer=fire, decision="approve")
    case.refresh_from_db()
    with pytest.raises(ValidationError):
        review.deliver(case, clerk=clerk)
    review.deliver(case, clerk=clerk, tracking_number="SF1234567890")
    review.confirm_receipt(case, by=world.citizen)
    case.refresh_from_db()
    assert case.state == Case.State.CLOSED and case.tracking_number == "SF1234567890"
    actions = [e.action for e in selectors.timeline(case)]
    assert actions[0] == "case.started"
    steps = ["case.submitted", "case.accepted", "case.in_review", "review.approve"]
    steps += ["item.approved", "case.decided", "case.issued", "case.delivered", "case.closed"]
    assert [a for a in actions if a in steps] == steps


def test_withdrawal_before_a_decision_cancels_the_open_tasks(world, make_user):
    case = accepted_case(world, make_user)
    services.withdraw(case, by=world.citizen)
    assert not ReviewTask.objects.filter(item__case=case, state="open").exists()


def test_staff_opening_a_document_is_logged_for_the_applicant(world, make_user):
    case = accepted_case(world, make_user)
    mkt = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT")
    lease = materials(case, "lease-contract").first()
    response = services.open_material(lease, staff=mkt)
    assert response.status_code == 200
    access = datahub.accesses_to(world.person).get()
    assert access.case_reference == case.number
    assert access.data_kind == "document:lease-contract"
    stranger = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "HEALTH")
    with pytest.raises(PermissionDenied):
        services.open_material(lease, staff=stranger)
    assert datahub.accesses_to(world.person).count() == 1


def test_the_figure_counts_documents_satisfied_without_an_upload(world, make_user):
    case = ready_case(world)
    services.submit(case, by=world.citizen)
    total, per_service = selectors.documents_avoided()
    # Food licence: id (platform), lease (upload), health (credential), floor plan (missing);
    # fire inspection: id (platform), lease (upload).
    assert (total.required, total.reused) == (6, 3)
    assert {r.service: r.reused for r in per_service} == {
        "FIRE-SAFETY-INSPECTION": 1,
        "FOOD-BUSINESS-LICENCE": 2,
    }


@pytest.mark.parametrize("model", [Case, Item, ReviewTask])
def test_every_transition_follows_the_table_and_no_other(model):
    subject = model()
    for state, allowed in model.TRANSITIONS.items():
        for target in model.State.values:
            subject.state = state
            if target in allowed:
                subject.move_to(target)
                assert subject.state == target
            else:
                with pytest.raises(InvalidTransition):
                    subject.move_to(target)
                assert subject.state == state
    assert set(model.TRANSITIONS) == set(model.State.values)


def test_unused_form_tokens_are_forgotten_after_a_day(world):
    from datetime import timedelta

    from django.utils import timezone

    from guichet.cases.models import FormToken

    used = services.issue_form_token(world.citizen)
    services.start(by=world.citizen, applicant=world.person, services=BOTH, form_token=used)
    services.issue_form_token(world.citizen)
    FormToken.objects.update(created_at=timezone.now() - timedelta(days=2))
    fresh = services.issue_form_token(world.citizen)

    assert services.purge_form_tokens() == 1
    assert set(FormToken.objects.values_list("token", flat=True)) == {used, fresh}


def test_any_centre_accepts_a_city_wide_service_but_not_one_of_another_centre(world, make_user):
    from guichet.catalog import services as catalog

    fire = world.services["FIRE-SAFETY-INSPECTION"]
    draft = catalog.start_draft(fire.service)
    catalog.update_draft(draft, channels=["named_centre"], named_centre_code="FIRE-HQ")
    catalog.publish(draft)
    case = ready_case(world, [ItemSpec("FIRE-SAFETY-INSPECTION")])
    services.submit(case, by=world.citizen)
    clerk = world.staff(make_user, Role.WINDOW_CLERK, "JA-CENTRE")
    with pytest.raises(ValidationError) as refusal:
        services.accept(case, clerk=clerk, centre_code="JA-CENTRE")
    assert refusal.value.code == "not-at-this-centre"
    services.accept(case, clerk=clerk, centre_code="FIRE-HQ")
    case.refresh_from_db()
    assert case.state == Case.State.IN_REVIEW and case.centre_code == "FIRE-HQ"

    # The food licence is city-wide: a centre in another district accepts it.
    other = ready_case(world, [ItemSpec("FOOD-BUSINESS-LICENCE")])
    services.submit(other, by=world.citizen)
    floor_plan = materials(other, "floor-plan").get()
    services.accept(other, clerk=clerk, centre_code="PT-CENTRE", tolerated=[floor_plan.pk])
