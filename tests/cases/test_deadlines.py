"""Legal time limits: warnings at 80 %, escalation when overdue, tolerated documents
reminded then suspended, the clock stopped while the applicant is asked."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from guichet import working_days
from guichet.accounts.roles import Role
from guichet.cases import deadlines, review, services
from guichet.cases.models import Case, Item, Material, ReviewTask
from guichet.cases.services import ItemSpec
from guichet.notify.models import OutboxEvent
from tests.world import pdf_upload


@pytest.fixture
def in_review(world, make_user):
    case = services.start(
        by=world.citizen, applicant=world.person, services=[ItemSpec("FOOD-BUSINESS-LICENCE")]
    )
    services.give_consent(case, by=world.citizen, granted=True)
    services.attach_upload(
        case, by=world.citizen, evidence_type=world.evidence["lease-contract"], upload=pdf_upload()
    )
    services.submit(case, by=world.citizen)
    clerk = world.staff(make_user, Role.WINDOW_CLERK, "JA-CENTRE")
    floor_plan = Material.objects.get(item__case=case, evidence_type__code="floor-plan")
    services.accept(case, clerk=clerk, tolerated=[floor_plan.pk])
    case.refresh_from_db()
    return case


def messages_to(user):
    """Subjects of the messages queued for this user (delivered after commit)."""
    return [
        e.payload["subject"]
        for e in OutboxEvent.objects.filter(topic="notify.message")
        if e.payload["user"] == user.pk
    ]


def test_the_due_date_counts_working_days_from_acceptance(in_review):
    item = in_review.items.get()
    assert item.due_on == working_days.add(in_review.accepted_on, 20)
    assert set(ReviewTask.objects.filter(item=item).values_list("due_on", flat=True)) == {
        item.due_on
    }


def test_reviewers_are_warned_at_80_percent_and_supervisors_when_overdue(
    world, make_user, in_review
):
    reviewer = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT")
    supervisor = world.staff(make_user, Role.DEPARTMENT_SUPERVISOR, "MKT")
    item = in_review.items.get()
    # Provide the tolerated floor plan so the item is not suspended along the way.
    services.supply_missing(
        in_review, by=world.citizen, evidence_type=world.evidence["floor-plan"], upload=pdf_upload()
    )
    at_80 = working_days.add(in_review.accepted_on, 16)
    assert deadlines.sweep(at_80)["warned"] == 1
    assert deadlines.sweep(at_80)["warned"] == 0  # once only
    assert any("is due on" in s for s in messages_to(reviewer))
    assert not messages_to(supervisor)

    late = working_days.add(item.due_on, 1)
    assert deadlines.clock(item, today=late).level == "overdue"
    assert deadlines.sweep(late)["escalated"] == 1
    assert any("overdue" in s for s in messages_to(supervisor))


def test_a_tolerated_document_is_reminded_then_suspends_its_item(world, in_review):
    material = Material.objects.get(item__case=in_review, evidence_type__code="floor-plan")
    counts = deadlines.sweep(in_review.accepted_on)
    assert counts["reminded"] == 1
    assert any("still missing" in s for s in messages_to(world.citizen))

    after = material.tolerated_until + timedelta(days=1)
    assert deadlines.sweep(after)["suspended"] == 1
    item = in_review.items.get()
    assert item.state == Item.State.SUSPENDED

    # The document arrives late: review resumes.
    services.supply_missing(
        in_review, by=world.citizen, evidence_type=world.evidence["floor-plan"], upload=pdf_upload()
    )
    item.refresh_from_db()
    assert item.state == Item.State.IN_REVIEW


def test_a_paused_clock_moves_the_due_date_by_the_working_days_waited(world, make_user, in_review):
    reviewer = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT")
    task = ReviewTask.objects.get(item__case=in_review, department__code="MKT")
    item = task.item
    before = item.due_on
    review.decide(task, reviewer=reviewer, decision="ask", text="Kitchen floor?")
    pause = item.pauses.get()
    # Pretend the applicant took five working days to answer.
    pause.started_on = in_review.accepted_on
    pause.save()
    review.answer(task, by=world.citizen, text="Ground floor.")
    pause.refresh_from_db()
    pause.ended_on = working_days.add(in_review.accepted_on, 5)
    pause.save()
    deadlines.recompute(item)
    item.refresh_from_db()
    assert item.due_on == working_days.add(before, 5)
    assert deadlines.clock(item, today=pause.ended_on).used == 0


def test_deadline_arithmetic_across_national_day_and_an_adjusted_working_day(settings):
    settings.GUICHET_HOLIDAY_COUNTRY = "CN"
    # Accepted Friday 26 Sept 2025; Sunday 28 Sept is a working day; 1–8 Oct are holidays.
    accepted = date(2025, 9, 26)
    assert working_days.add(accepted, 1) == date(2025, 9, 28)
    assert working_days.add(accepted, 4) == date(2025, 10, 9)
    # Waiting for the applicant on 10 October pushes the fifth day to a working Saturday.
    paused = [working_days.Pause(date(2025, 10, 9), date(2025, 10, 10))]
    assert working_days.due_date(accepted, 5, paused) == date(2025, 10, 11)


def test_the_worker_runs_the_sweep_once_per_interval(in_review):
    from guichet.ops import periodic

    assert "cases.deadlines" in periodic.run_due()
    assert "cases.deadlines" not in periodic.run_due()


def test_closed_cases_are_not_swept(in_review, world):
    services.withdraw(in_review, by=world.citizen)
    assert in_review.__class__.objects.get(pk=in_review.pk).state == Case.State.WITHDRAWN
    assert deadlines.sweep(date.today() + timedelta(days=400)) == {
        "warned": 0,
        "escalated": 0,
        "reminded": 0,
        "suspended": 0,
    }
