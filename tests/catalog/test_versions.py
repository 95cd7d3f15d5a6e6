"""Services are edited in drafts and published as new versions; published ones never change."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guichet.accounts.roles import Role
from guichet.audit.models import AuditEvent
from guichet.catalog import selectors
from guichet.catalog import services as catalog
from guichet.catalog.conditions import ConditionError, evaluate, names, parse
from guichet.catalog.models import Requirement, ServiceVersion
from guichet.notify.models import OutboxEvent


def test_publishing_a_new_version_supersedes_the_old_one_which_stays_intact(make_service):
    first = make_service()
    draft = catalog.start_draft(first.service)
    assert draft.number == 2 and draft.requirements.count() == 3
    catalog.update_draft(draft, promised_time_limit_days=5)
    second = catalog.publish(draft, change_note="faster")
    first.refresh_from_db()
    assert first.status == ServiceVersion.Status.SUPERSEDED
    assert first.promised_time_limit_days == 10  # the old version, as cases filed under it saw
    assert selectors.published_version("FOOD-LICENCE") == second
    assert AuditEvent.objects.filter(action="catalog.service_published").count() == 2
    assert OutboxEvent.objects.filter(topic="catalog.service_published").count() == 2


def test_a_published_version_cannot_be_edited(make_service):
    version = make_service()
    with pytest.raises(ValidationError):
        catalog.update_draft(version, visits=0)
    version.visits = 0
    with pytest.raises(ValidationError):
        version.save()
    with pytest.raises(ValidationError):
        version.requirements.first().delete()
    with pytest.raises(ValidationError):
        Requirement(
            version=version, evidence_type=version.requirements.first().evidence_type
        ).save()


def test_only_catalogue_administrators_change_the_catalogue(make_service, make_user):
    version = make_service()
    with pytest.raises(PermissionDenied):
        catalog.start_draft(version.service, by=make_user(Role.WINDOW_CLERK))
    draft = catalog.start_draft(version.service, by=make_user(Role.CATALOGUE_ADMINISTRATOR))
    assert draft.status == ServiceVersion.Status.DRAFT


def test_a_service_needs_its_name_in_english_and_chinese(make_service):
    with pytest.raises(ValidationError) as error:
        make_service("X-1", name={"en": "Only English"})
    assert "name" in error.value.message_dict


def test_promised_time_limit_cannot_exceed_the_legal_one(make_service):
    with pytest.raises(ValidationError):
        make_service("X-2", legal_time_limit_days=5, promised_time_limit_days=10)


def test_withdrawn_service_leaves_the_catalogue_but_keeps_its_version(make_service):
    version = make_service()
    catalog.withdraw(version.service, reason="law repealed")
    assert selectors.published_version("FOOD-LICENCE") is None
    assert selectors.version_by_id(version.pk).status == ServiceVersion.Status.WITHDRAWN


def test_shares_of_city_wide_and_community_orderable_services(make_service):
    make_service("A")
    make_service("B", channels=["online"], visits=0)
    assert selectors.shares() == {"total": 2, "city_wide": 0.5, "community_orderable": 0.5}


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        ('"cooked" in foods', {"foods": ["cooked", "bulk"]}, True),
        ('"cooked" in foods', {}, False),
        ('size == "large" and staff >= 50', {"size": "large", "staff": 60}, True),
        ("staff >= 50", {}, False),
        ("not applicant.is_company", {"applicant.is_company": True}, False),
        ('size in ["small", "standard"]', {"size": "small"}, True),
        ("", {}, True),
    ],
)
def test_conditions_read_answers_and_facts(condition, answers, expected):
    assert evaluate(condition, answers) is expected


@pytest.mark.parametrize(
    "bad", ['__import__("os")', "a.b.c", "x + 1", "lambda: 1", "f(x)", "[x for x in y]", "size =="]
)
def test_conditions_that_could_run_code_are_refused(bad):
    with pytest.raises(ConditionError):
        parse(bad)


def test_conditions_name_what_they_read():
    assert names('size == "x" or applicant.is_company') == {"size", "applicant.is_company"}


def test_a_draft_can_be_discarded_and_the_published_version_stays(make_service):
    version = make_service()
    draft = catalog.start_draft(version.service)
    catalog.discard_draft(draft)
    assert list(version.service.versions.all()) == [version]
    assert AuditEvent.objects.filter(action="catalog.draft_discarded").exists()


def test_discarding_the_only_draft_of_a_new_service_removes_the_service(make_service):
    draft = make_service("NEW-1", publish=False)
    catalog.discard_draft(draft)
    assert selectors.version_by_id(draft.pk) is None
    with pytest.raises(ValidationError):
        catalog.discard_draft(make_service("NEW-2"))


def test_a_service_cannot_be_published_before_its_prerequisites(make_service):
    registration = make_service("COMPANY-REG", publish=False)
    draft = make_service("SHOP-LICENCE", publish=False, prerequisites=[registration.service])
    with pytest.raises(ValidationError) as error:
        catalog.publish(draft)
    assert "COMPANY-REG" in str(error.value)
    catalog.publish(registration)
    assert catalog.publish(draft).status == ServiceVersion.Status.PUBLISHED
