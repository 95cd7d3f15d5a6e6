"""Flows are imported, edited as drafts, published in versions, exported, and audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guichet.accounts.roles import Role
from guichet.audit.models import AuditEvent
from guichet.demo import flows as demo_flows
from guichet.demo.flows import stand_in
from guichet.guidance import selectors, services
from guichet.guidance.models import Flow


def test_an_imported_flow_is_a_draft_until_published(toy_flow, toy_doc):
    draft = services.import_flow({**toy_doc, "title": {"en": "Toy shop, second edition"}})
    assert draft.status == Flow.Status.DRAFT and draft.version == 2
    assert selectors.published_flow("toy").version == 1
    services.publish(draft)
    assert selectors.published_flow("toy").display_title == "Toy shop, second edition"
    assert Flow.objects.get(slug="toy", version=1).status == Flow.Status.SUPERSEDED


def test_export_then_import_gives_the_same_flow(toy_flow):
    exported = services.export_flow(toy_flow)
    assert exported["slug"] == "toy" and exported["version"] == 1
    again = services.import_flow(exported)
    assert again.document() == {**exported, "version": 2}
    assert services.same_content(toy_flow, exported)


def test_a_published_flow_never_changes(toy_flow):
    toy_flow.title = {"en": "Changed behind our back"}
    with pytest.raises(ValidationError):
        toy_flow.save()
    with pytest.raises(ValidationError):
        services.update_draft(toy_flow, title={"en": "Nope"})


def test_a_new_draft_copies_the_latest_version_and_is_edited_through_the_service(toy_flow):
    draft = services.start_draft(toy_flow)
    assert draft.version == 2 and draft.definition == toy_flow.definition
    assert services.start_draft(toy_flow) == draft
    services.update_draft(draft, intro={"en": "Three questions at most."})
    draft.refresh_from_db()
    assert draft.intro == {"en": "Three questions at most."}
    with pytest.raises(ValidationError):
        services.update_draft(draft, start="nowhere")


def test_every_change_is_audited(toy_flow):
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"guidance.flow_imported", "guidance.flow_published"} <= actions


def test_only_catalogue_administrators_change_flows(toy_flow, toy_doc, make_user):
    with pytest.raises(PermissionDenied):
        services.import_flow(toy_doc, by=make_user(Role.CITIZEN))
    with pytest.raises(PermissionDenied):
        services.start_draft(toy_flow, by=make_user(Role.WINDOW_CLERK))
    editor = make_user(Role.CATALOGUE_ADMINISTRATOR)
    draft = services.import_flow(toy_doc, by=editor)
    assert services.publish(draft, by=editor).published_by == editor


def test_publishing_checks_the_catalogue_again(toy_doc, db):
    stand_in.ensure_catalogue({"FOOD-BUSINESS-LICENCE", "ALCOHOL-RETAIL-FILING"})
    with pytest.raises(ValidationError) as refused:
        services.import_flow(toy_doc)
    assert "FIRE-SAFETY-INSPECTION" in refused.value.messages[0]


def test_loading_the_demo_flows_twice_changes_nothing(db):
    stand_in.ensure_catalogue()
    assert demo_flows.load_flows() == "Guided flows: 8 published."
    rows, events = Flow.objects.count(), AuditEvent.objects.count()
    assert demo_flows.load_flows() == "Guided flows: 0 published."
    assert (Flow.objects.count(), AuditEvent.objects.count()) == (rows, events)


def test_a_demo_flow_whose_services_are_missing_is_skipped_and_named(db):
    stand_in.ensure_catalogue({"RESIDENCE-PERMIT"})
    line = demo_flows.load_flows(["moving-house"])
    assert line.startswith("Guided flows: 0 published, 1 skipped (load the catalogue first): ")
    assert "moving-house (Result" in line
    assert not Flow.objects.exists()
