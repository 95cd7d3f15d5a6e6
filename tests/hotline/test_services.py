"""The hotline's paths as a reporter and the staff live them, through the service functions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from guichet.audit.models import AuditEvent
from guichet.hotline import selectors, services
from guichet.hotline.models import (
    Attachment,
    DeadlinePolicy,
    Feedback,
    Request,
    RoutingRule,
    WorkOrder,
)
from guichet.notify.models import OutboxEvent
from guichet.ops.states import InvalidTransition
from tests.hotline.world import LAT, LON, photo, video

pytestmark = pytest.mark.django_db


def phone_call(world, **fields):
    values = dict(
        channel="phone",
        kind="complaint",
        title="Loud music every night",
        description="The bar downstairs plays music until 2 a.m.",
        category=world.noise,
        phone="13900000001",
        name="Wang Xiu",
        taken_by=world.operator,
        lat=LAT,
        lon=LON,
    )
    return services.report(**(values | fields))


def test_a_phone_call_ends_with_a_satisfied_reporter(hotline_world):
    w = hotline_world
    request = phone_call(w)
    assert request.number.startswith("12345-")
    assert request.cell == w.cell and request.district == "Jing'an"
    assert request.state == Request.State.DISPATCHED
    (order,) = request.orders.all()
    assert order.department_code == "HOUSING"
    assert OutboxEvent.objects.filter(
        topic="notify.message", payload__user=w.housing_reviewer.pk
    ).exists()

    services.accept_order(order, by=w.housing_reviewer)
    services.reply_order(
        order, by=w.housing_reviewer, reply="We warned the bar; it now closes at 22:00."
    )
    request.refresh_from_db()
    assert request.state == Request.State.REPLIED
    assert "closes at 22:00" in request.reply
    # The caller has no account: the answer goes to their phone with the feedback link.
    told = OutboxEvent.objects.filter(topic="notify.contact", payload__phone="13900000001")
    (answer,) = [event for event in told if "answered" in event.payload["subject"]]
    assert "/hotline/feedback/" in answer.payload["body"]

    services.record_feedback(request, rating=5, resolved=True, how="call", by=w.operator)
    request.refresh_from_db()
    assert request.state == Request.State.CLOSED and request.closed_at
    actions = set(
        AuditEvent.objects.filter(target_id=str(request.pk)).values_list("action", flat=True)
    )
    assert {"hotline.request.received", "hotline.request.closed"} <= actions


def train_small_model():
    from guichet.hotline import classifier

    texts = ["noise at night music", "loud party neighbours music", "deep pothole in the road"] * 8
    categories = ["noise", "noise", "road-damage"] * 8
    departments = ["HOUSING", "HOUSING", "MKT"] * 8
    classifier.save(classifier.train(texts, categories, departments), samples=24, metrics={})


def test_web_report_with_a_photo_through_return_redispatch_escalation_and_reopen(
    hotline_world, settings
):
    w = hotline_world
    train_small_model()
    settings.GUICHET_DISPATCH_THRESHOLD = 0.5
    request = services.report(
        channel="web",
        kind="report",
        title="A deep pothole",
        description="There is a pothole in the road in front of number 12.",
        lat=LAT,
        lon=LON,
        email="resident@example.org",
        files=[photo()],
        attributes={"size": "large"},
    )
    (attachment,) = request.attachments.all()
    assert attachment.kind == "jpeg" and attachment.thumbnail_name
    (order,) = request.orders.all()
    assert request.dispatched_how == "auto" and request.category == w.pothole
    assert order.department_code == "MKT"

    services.return_order(order, by=w.reviewer, reason="Roads are the housing bureau's.")
    request.refresh_from_db()
    assert request.state == Request.State.RECEIVED
    assert request in selectors.dispatcher_queue()

    (order,) = services.dispatch(
        request,
        targets=[services.Target("department", department_code="HOUSING")],
        by=w.dispatcher,
        category=w.noise,
    )
    later = order.due_at + (order.due_at - order.created_at) + timedelta(minutes=1)
    assert services.escalate_overdue(order.due_at + timedelta(minutes=1)) == 1
    order.refresh_from_db()
    assert order.escalation == 1
    assert services.escalate_overdue(later) == 1
    assert order in selectors.leaders_list()

    services.reply_order(
        order, by=w.housing_reviewer, reply="Filled in.", files=[photo("fixed.png", fmt="PNG")]
    )
    assert request.attachments.filter(purpose=Attachment.Purpose.RESOLUTION).count() == 1
    services.record_feedback(request, rating=1, resolved=False, comment="Still a hole", how="link")
    request.refresh_from_db()
    order.refresh_from_db()
    assert request.state == Request.State.IN_PROGRESS and request.reopen_count == 1
    assert order.state == WorkOrder.State.ACCEPTED and order.feedback == "Still a hole"
    assert order.escalation == 0

    services.reply_order(order, by=w.housing_reviewer, reply="Repaved this time.")
    services.record_feedback(request, rating=2, resolved=False, how="link")
    request.refresh_from_db()
    assert request.state == Request.State.ESCALATED
    with pytest.raises(PermissionDenied):
        services.supervisor_decide(request, by=w.reviewer, reopen=False, note="n")
    services.supervisor_decide(request, by=w.leader, reopen=False, note="Inspected: it is fine.")
    request.refresh_from_db()
    assert request.state == Request.State.CLOSED


def test_a_confident_classifier_dispatches_and_an_unsure_one_queues(hotline_world, settings):
    w = hotline_world
    train_small_model()
    settings.GUICHET_DISPATCH_THRESHOLD = 0.0
    sure = services.report(channel="app", kind="complaint", title="loud music at night")
    assert sure.state == Request.State.DISPATCHED and sure.category == w.noise
    assert len(sure.suggestions) == 2 and sure.dispatched_how == "auto"

    settings.GUICHET_DISPATCH_THRESHOLD = 1.01
    unsure = services.report(channel="app", kind="complaint", title="loud music at night")
    assert unsure.state == Request.State.RECEIVED and unsure.suggestions[0]["category"] == "noise"


def test_a_routing_rule_overrides_the_classifier(hotline_world, settings):
    train_small_model()
    settings.GUICHET_DISPATCH_THRESHOLD = 0.0
    RoutingRule.objects.create(
        name="Gas smells are urgent for housing",
        keywords="gas,燃气",
        target=RoutingRule.Target.DEPARTMENT,
        department_code="HOUSING",
        urgency="urgent",
    )
    request = services.report(channel="web", kind="report", title="Smell of gas in the road")
    (order,) = request.orders.all()
    assert request.dispatched_how == "rule" and request.urgency == "urgent"
    assert order.department_code == "HOUSING"
    assert order.due_at - order.created_at < timedelta(hours=2, minutes=1)


def test_community_categories_go_to_the_worker_of_the_cell(hotline_world):
    w = hotline_world
    request = phone_call(w, category=w.neighbours, title="Dispute about a shared corridor")
    (order,) = request.orders.all()
    assert order.worker == w.community_worker and order.assignee == "community"
    assert list(selectors.orders_for(w.community_worker)) == [order]
    assert not selectors.orders_for(w.housing_reviewer).exists()


def test_business_desk_requests_go_to_a_manager_who_knows_the_industry(hotline_world):
    w = hotline_world
    request = services.report(
        channel="phone",
        kind="consultation",
        title="Loan for a second restaurant",
        category=w.financing,
        company_code="91310106MA1FY5XK2J",
        industry="catering",
        taken_by=w.operator,
    )
    (order,) = request.orders.all()
    assert order.worker == w.desk_manager and request.desk == "financing"
    services.reply_order(order, by=w.desk_manager, reply="Two banks offer start-up loans.")
    services.record_feedback(
        request, rating=4, resolved=True, useful=True, how="call", by=w.operator
    )
    (row,) = selectors.desk_report()
    assert row["desk"] == "financing" and row["useful_share"] == 1.0


def test_a_split_request_answers_the_reporter_when_every_part_is_done(hotline_world):
    w = hotline_world
    request = phone_call(w, category=None, title="Noise and a broken road")
    assert request.state == Request.State.RECEIVED
    with pytest.raises(ValidationError) as refused:
        services.dispatch(
            request,
            targets=[
                services.Target("department", department_code="HOUSING"),
                services.Target("department", department_code="MKT"),
            ],
            by=w.dispatcher,
        )
    assert refused.value.code == "part-required"
    noise, road = services.dispatch(
        request,
        targets=[
            services.Target("department", department_code="HOUSING", part="The noise"),
            services.Target("department", department_code="MKT", part="The road"),
        ],
        by=w.dispatcher,
    )
    assert (noise.number, road.number) == (f"{request.number}-1", f"{request.number}-2")
    services.reply_order(noise, by=w.housing_reviewer, reply="Noise handled.")
    request.refresh_from_db()
    assert request.state == Request.State.IN_PROGRESS
    services.reply_order(road, by=w.reviewer, reply="Road repaired.")
    request.refresh_from_db()
    assert request.state == Request.State.REPLIED
    assert "Noise handled." in request.reply and "Road repaired." in request.reply


def test_duplicates_are_offered_and_follow_their_parent(hotline_world):
    w = hotline_world
    parent = phone_call(w, description="Music from the bar at 18 Wuning Road all night")
    offers = services.find_duplicates(
        category=w.noise,
        lat=LAT + 0.0005,
        lon=LON,
        text="bar on Wuning Road plays music all night",
    )
    assert offers and offers[0][0] == parent
    far = services.find_duplicates(category=w.noise, lat=LAT + 0.05, lon=LON, text=parent.title)
    assert far == []

    child = services.report(
        channel="web",
        kind="complaint",
        title="Music again",
        category=w.noise,
        email="neighbour@example.org",
        duplicate_of=parent,
    )
    assert child.state == Request.State.DUPLICATE and child.parent == parent
    assert not child.orders.exists()
    (order,) = parent.orders.all()
    services.reply_order(order, by=w.housing_reviewer, reply="The bar was fined.")
    services.record_feedback(parent, rating=5, resolved=True, how="call", by=w.operator)
    child.refresh_from_db()
    assert child.state == Request.State.CLOSED and child.reply == "The bar was fined."
    told = OutboxEvent.objects.filter(
        topic="notify.contact", payload__email="neighbour@example.org"
    )
    assert any("resolved" in event.payload["subject"] for event in told)


def test_a_consultation_answered_during_the_call_is_closed_at_once(hotline_world):
    w = hotline_world
    request = phone_call(w, kind="consultation", category=None, dispatch=False)
    services.answer_on_first_contact(request, by=w.operator, answer="Bring your ID card.")
    request.refresh_from_db()
    assert request.state == Request.State.CLOSED and request.answered_first_contact
    with pytest.raises(PermissionDenied):
        services.answer_on_first_contact(phone_call(w, dispatch=False), by=w.reviewer, answer="x")


def test_a_department_never_sees_the_phone_of_an_anonymous_reporter(hotline_world):
    w = hotline_world
    named = phone_call(w)
    anonymous = phone_call(w, anonymous=True)
    assert selectors.reporter_identity(named, w.housing_reviewer)["phone"] == "139****0001"
    hidden = selectors.reporter_identity(anonymous, w.housing_reviewer)
    assert hidden["phone"] == "" and "Wang" not in hidden["name"]
    assert selectors.reporter_identity(anonymous, w.operator)["phone"] == "13900000001"
    assert not selectors.requests_for(w.reviewer).filter(pk=named.pk).exists()
    assert selectors.requests_for(w.housing_reviewer).filter(pk=named.pk).exists()


def test_bad_uploads_are_refused_and_nothing_is_stored(hotline_world, settings):
    script = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\nrm -rf /\n", content_type="image/jpeg")
    with pytest.raises(ValidationError) as refused:
        phone_call(hotline_world, files=[script])
    assert refused.value.code == "upload-rejected"
    assert "not accepted" in refused.value.message % refused.value.params
    settings.GUICHET_HOTLINE_VIDEO_MB = 1
    with pytest.raises(ValidationError) as too_big:
        phone_call(hotline_world, files=[video(extra=2 * 1024 * 1024)])
    assert "1 MB" in too_big.value.message % too_big.value.params
    assert not Request.objects.exists() and not Attachment.objects.exists()
    with_video = phone_call(hotline_world, files=[video()])
    assert with_video.attachments.get().kind == "mp4"


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"lat": 95, "lon": 10}, "invalid-location"),
        ({"lat": 31.2, "lon": None}, "invalid-location"),
        ({"phone": "call me maybe"}, "invalid-phone"),
        ({"title": "", "description": ""}, "title-required"),
        ({"kind": "shout"}, "unknown-kind"),
    ],
)
def test_bad_input_is_refused_with_a_code(hotline_world, fields, code):
    with pytest.raises(ValidationError) as refused:
        phone_call(hotline_world, **fields)
    assert refused.value.code == code
    assert not Request.objects.exists()


def test_required_open311_attributes_are_checked(hotline_world):
    w = hotline_world
    with pytest.raises(ValidationError) as missing:
        services.report(channel="api", kind="report", title="Hole", category=w.pothole)
    assert missing.value.code == "missing-attribute"
    with pytest.raises(ValidationError) as wrong:
        services.report(
            channel="api",
            kind="report",
            title="Hole",
            category=w.pothole,
            attributes={"size": "huge"},
        )
    assert wrong.value.code == "invalid-attribute"
    ok = services.report(
        channel="api", kind="report", title="Hole", category=w.pothole, attributes={"size": "large"}
    )
    assert ok.attributes == {"size": "large"}


def test_deadlines_follow_kind_and_urgency(hotline_world):
    start = timezone.make_aware(timezone.datetime(2026, 11, 23, 10, 0))  # a Monday
    assert services.due_for("report", "urgent", start) == start + timedelta(hours=2)
    assert services.due_for("consultation", "normal", start).date().isoformat() == "2026-11-24"
    assert services.due_for("complaint", "normal", start).date().isoformat() == "2026-11-30"
    DeadlinePolicy.objects.create(kind="complaint", urgency="", hours=48)
    assert services.due_for("complaint", "normal", start) == start + timedelta(hours=48)


def test_feedback_is_given_once_and_only_when_awaited(hotline_world):
    w = hotline_world
    request = phone_call(w)
    with pytest.raises(ValidationError) as early:
        services.record_feedback(request, rating=5, resolved=True, how="link")
    assert early.value.code == "not-awaiting-feedback"
    (order,) = request.orders.all()
    services.reply_order(order, by=w.housing_reviewer, reply="Done.")
    with pytest.raises(ValidationError) as bad:
        services.record_feedback(request, rating=9, resolved=True, how="link")
    assert bad.value.code == "invalid-rating"
    token = services.feedback_token(request)
    assert services.request_for_feedback_token(token) == request
    with pytest.raises(ValidationError):
        services.request_for_feedback_token(token + "x")
    services.record_feedback(request, rating=3, resolved=True, how="link")
    assert Feedback.objects.filter(request=request).count() == 1


def test_only_the_handler_may_work_an_order(hotline_world):
    w = hotline_world
    (order,) = phone_call(w).orders.all()
    with pytest.raises(PermissionDenied):
        services.accept_order(order, by=w.reviewer)
    services.accept_order(order, by=w.housing_reviewer)
    with pytest.raises(InvalidTransition):
        services.accept_order(order, by=w.housing_reviewer)
    with pytest.raises(ValidationError):
        services.return_order(order, by=w.housing_reviewer, reason="  ")


@override_settings(GUICHET_HOTLINE_FEEDBACK_DAYS=7)
def test_replies_nobody_answers_close_after_a_week(hotline_world):
    w = hotline_world
    request = phone_call(w)
    (order,) = request.orders.all()
    services.reply_order(order, by=w.housing_reviewer, reply="Done.")
    assert services.close_quiet(timezone.now() + timedelta(days=6)) == 0
    assert services.close_quiet(timezone.now() + timedelta(days=8)) == 1
    request.refresh_from_db()
    assert request.state == Request.State.CLOSED


def test_request_and_order_state_machines_refuse_forbidden_moves():
    for model in (Request, WorkOrder):
        states = [choice for choice, _label in model.State.choices]
        for current in states:
            for wanted in states:
                item = model(state=current)
                if wanted in model.TRANSITIONS[current]:
                    item.move_to(wanted)
                    assert item.state == wanted
                else:
                    with pytest.raises(InvalidTransition):
                        item.move_to(wanted)
