"""The catalogue in the admin site: drafts edited and published, published versions only read."""

from __future__ import annotations

import pytest

from guichet.accounts.roles import Role
from guichet.audit.models import AuditEvent
from guichet.catalog.models import Channel, ServiceVersion


@pytest.fixture
def editor(login_client, make_user):
    user = make_user(Role.CATALOGUE_ADMINISTRATOR, is_staff=True, is_superuser=True)
    return login_client(user)


def version_url(version: ServiceVersion) -> str:
    return f"/admin/catalog/serviceversion/{version.pk}/change/"


def test_a_published_version_is_read_only_and_a_draft_editable(editor, make_service):
    published = make_service()
    html = editor.get(version_url(published)).content.decode()
    assert 'name="_save"' not in html and "If you sell cooked food" in html
    draft = make_service("DRAFT-1", publish=False)
    html = editor.get(version_url(draft)).content.decode()
    assert 'name="_save"' in html and 'name="requirements-TOTAL_FORMS"' in html


def test_posting_to_a_published_version_changes_nothing(editor, make_service):
    published = make_service()
    response = editor.post(version_url(published), {"promised_time_limit_days": 1})
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.promised_time_limit_days == 10


def test_publish_action_publishes_drafts_through_the_catalogue(editor, make_service):
    draft = make_service("DRAFT-1", publish=False)
    response = editor.post(
        "/admin/catalog/serviceversion/",
        {"action": "publish_drafts", "_selected_action": [draft.pk]},
        follow=True,
    )
    draft.refresh_from_db()
    assert draft.status == ServiceVersion.Status.PUBLISHED and draft.published_by is not None
    assert "1 version published." in response.content.decode()
    assert AuditEvent.objects.filter(
        action="catalog.service_published", target_id=str(draft.pk)
    ).exists()


def test_publishing_a_published_version_says_why_not(editor, make_service):
    published = make_service()
    response = editor.post(
        "/admin/catalog/serviceversion/",
        {"action": "publish_drafts", "_selected_action": [published.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Only a draft can be edited" in html and "error" in html


def test_start_a_new_draft_from_a_service(editor, make_service):
    published = make_service()
    editor.post(
        "/admin/catalog/service/",
        {"action": "start_new_draft", "_selected_action": [published.service.pk]},
    )
    draft = published.service.versions.get(status=ServiceVersion.Status.DRAFT)
    assert draft.number == 2 and draft.requirements.count() == 3


def test_editing_a_draft_goes_through_the_catalogue_rules(editor, make_service):
    draft = make_service("DRAFT-1", publish=False)
    form = editor.get(version_url(draft)).context["adminform"].form
    data = {
        name: form[name].value() if form[name].value() is not None else "" for name in form.fields
    }
    data |= {
        name: [str(pk) for pk in value] for name, value in data.items() if isinstance(value, list)
    }
    data.update(
        {
            "requirements-TOTAL_FORMS": "0",
            "requirements-INITIAL_FORMS": "0",
            "promised_time_limit_days": "99",  # longer than the legal limit (20)
        }
    )
    response = editor.post(version_url(draft), data)
    assert response.status_code == 200  # the form again, with the problem
    assert "cannot be longer than the legal one" in response.content.decode()

    data["promised_time_limit_days"] = "5"
    assert editor.post(version_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.promised_time_limit_days == 5
    assert AuditEvent.objects.filter(
        action="catalog.draft_updated", target_id=str(draft.pk)
    ).exists()


def test_the_service_page_shows_versions_and_audit_trail(editor, make_service):
    published = make_service()
    html = editor.get(f"/admin/catalog/service/{published.service.pk}/change/").content.decode()
    assert "Versions (change history)" in html
    assert "catalog.service_created" in html and "catalog.service_published" in html


def test_the_service_list_shows_the_city_wide_and_community_shares(editor, make_service):
    make_service()  # online, any centre, community
    make_service("ONLINE-ONLY", channels=[Channel.ONLINE], visits=0)
    html = editor.get("/admin/catalog/service/").content.decode()
    assert "Of 2 published services:" in html
    assert "50% can be applied for at any service centre in the city" in html
    assert "50% can be ordered at a community service centre" in html


def test_staff_without_the_catalogue_role_are_not_offered_publishing(
    login_client, make_user, make_service
):
    user = make_user(Role.DEPARTMENT_SUPERVISOR, is_staff=True, is_superuser=True)
    client = login_client(user)
    draft = make_service("DRAFT-1", publish=False)
    assert (
        'value="publish_drafts"'
        not in client.get("/admin/catalog/serviceversion/").content.decode()
    )
    html = client.post(
        "/admin/catalog/serviceversion/",
        {"action": "publish_drafts", "_selected_action": [draft.pk]},
        follow=True,
    ).content.decode()
    draft.refresh_from_db()
    assert draft.status == ServiceVersion.Status.DRAFT and "No action selected" in html
    assert client.get(version_url(draft)).content.decode().count('name="_save"') == 0
