"""Administrators see a flow as a diagram, edit drafts (checked on save), import and export."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from guichet.accounts.roles import Role
from guichet.guidance import diagram
from guichet.guidance.models import Flow


@pytest.fixture
def admin_client(login_client, make_user):
    user = make_user(Role.CATALOGUE_ADMINISTRATOR, is_staff=True, is_superuser=True)
    return login_client(user)


def test_the_flow_is_drawn_as_a_diagram_on_its_page(admin_client, supermarket):
    assert admin_client.get("/admin/guidance/flow/").status_code == 200
    page = admin_client.get(f"/admin/guidance/flow/{supermarket.pk}/change/").content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert "How big will the shop be?" in page and "<script" not in page.split("<svg")[1][:5000]


def test_the_diagram_labels_edges_with_the_options_and_ends_in_the_outcome(toy):
    drawing = diagram.svg(toy)
    assert drawing.count("<rect") >= 5
    assert ">Food</text>" in drawing and "Outcome" in drawing
    assert "style=" not in drawing


def test_a_broken_flow_is_still_drawn(toy_doc):
    toy_doc["questions"][3]["next"] = "kind"
    toy_doc["questions"].append({"key": "lost", "kind": "yes_no", "text": {"en": "Lost"}})
    from guichet.guidance.engine import compile_definition

    assert "Lost" in diagram.svg(compile_definition(toy_doc))


def test_saving_a_broken_flow_in_the_admin_lists_every_problem(admin_client, toy_doc, db):
    toy_doc["questions"][3]["next"] = "kind"
    response = admin_client.post(
        "/admin/guidance/flow/add/",
        {
            "slug": "toy",
            "title": json.dumps(toy_doc["title"]),
            "intro": json.dumps(toy_doc["intro"]),
            "start": "kind",
            "audience": "company",
            "definition": json.dumps(
                {"questions": toy_doc["questions"], "results": toy_doc["results"]}
            ),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The questions loop" in page and "not in the published catalogue" in page
    assert not Flow.objects.exists()


def test_an_administrator_imports_publishes_and_exports_a_flow(admin_client, toy_flow, toy_doc):
    upload = SimpleUploadedFile(
        "toy.json", json.dumps({**toy_doc, "intro": {"en": "New intro"}}).encode()
    )
    response = admin_client.post("/admin/guidance/flow/import/", {"document": upload})
    draft = Flow.objects.get(slug="toy", status=Flow.Status.DRAFT)
    assert response.status_code == 302 and draft.intro == {"en": "New intro"}
    admin_client.post(
        "/admin/guidance/flow/", {"action": "publish_selected", "_selected_action": [draft.pk]}
    )
    draft.refresh_from_db()
    assert draft.status == Flow.Status.PUBLISHED
    exported = admin_client.post(
        "/admin/guidance/flow/", {"action": "export_selected", "_selected_action": [draft.pk]}
    )
    assert exported["Content-Type"] == "application/json"
    assert json.loads(exported.content)["intro"] == {"en": "New intro"}


def test_an_import_that_is_not_json_or_not_valid_says_why(admin_client, toy_flow, toy_doc):
    bad = SimpleUploadedFile("x.json", b"{not json")
    page = admin_client.post("/admin/guidance/flow/import/", {"document": bad}).content.decode()
    assert "not a JSON document" in page
    toy_doc["results"].append({"when": "", "service": "NOPE"})
    upload = SimpleUploadedFile("toy.json", json.dumps(toy_doc).encode())
    page = admin_client.post("/admin/guidance/flow/import/", {"document": upload}).content.decode()
    assert "“NOPE”" in page


def test_a_published_flow_is_shown_read_only_and_a_draft_is_edited(admin_client, toy_flow):
    page = admin_client.get(f"/admin/guidance/flow/{toy_flow.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    admin_client.post(
        "/admin/guidance/flow/", {"action": "start_drafts", "_selected_action": [toy_flow.pk]}
    )
    draft = Flow.objects.get(slug="toy", status=Flow.Status.DRAFT)
    page = admin_client.get(f"/admin/guidance/flow/{draft.pk}/change/").content.decode()
    assert 'name="_save"' in page
    fields = {
        "slug": "toy",
        "title": json.dumps({"en": "Toy shop, revised"}),
        "intro": json.dumps(draft.intro),
        "start": draft.start,
        "audience": draft.audience,
        "definition": json.dumps(draft.definition),
    }
    response = admin_client.post(f"/admin/guidance/flow/{draft.pk}/change/", fields)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == {"en": "Toy shop, revised"} and draft.status == Flow.Status.DRAFT
