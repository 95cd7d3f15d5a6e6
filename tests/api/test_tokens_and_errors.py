"""The API: scoped tokens for department systems, and one error shape everywhere."""

from __future__ import annotations

import pytest

from guichet.accounts import services as accounts
from guichet.accounts.models import ApiToken
from guichet.accounts.roles import Role

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "request_id"}


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= PROBLEM_KEYS and body["status"] == status
    return body


@pytest.fixture
def system_token(make_user):
    owner = make_user(Role.DEPARTMENT_REVIEWER)
    token, secret = accounts.issue_api_token(owner, name="permit system", scopes=["profile"])
    return owner, token, secret


def test_token_authenticates_a_department_system(client, system_token):
    owner, token, secret = system_token
    response = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.json()["email"] == owner.email
    assert "department_reviewer" in response.json()["roles"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_token_secret_is_stored_only_as_a_hash(system_token):
    _owner, token, secret = system_token
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in str(stored)
    assert stored["key_hash"] == ApiToken.hash_key(secret)


def test_token_without_the_scope_is_refused(client, make_user):
    token, secret = accounts.issue_api_token(make_user(), name="inbox reader", scopes=["inbox"])
    response = client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    # A genuine token without the scope: forbidden (RFC 6750 insufficient_scope), not anonymous.
    assert_problem(response, 403)
    assert (
        client.get("/api/v1/inbox/messages", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code
        == 200
    )


def test_revoked_token_stops_working(client, system_token):
    owner, token, secret = system_token
    accounts.revoke_api_token(token, by=owner)
    assert_problem(client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {secret}"), 401)


def test_staff_issue_and_revoke_tokens_through_the_api(login_client, make_user):
    client = login_client(make_user(Role.PLATFORM_ADMINISTRATOR))
    created = client.post(
        "/api/v1/accounts/tokens",
        {"name": "gis", "scopes": ["profile"]},
        content_type="application/json",
    )
    assert created.status_code == 201
    secret = created.json()["secret"]
    assert client.get("/api/v1/accounts/tokens").json()[0]["prefix"] == created.json()["prefix"]
    assert client.delete(f"/api/v1/accounts/tokens/{created.json()['id']}").status_code == 204
    client.logout()
    assert (
        client.get("/api/v1/accounts/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    )


def test_someone_elses_token_cannot_be_revoked(login_client, make_user, system_token):
    _owner, token, _secret = system_token
    client = login_client(make_user(Role.PLATFORM_ADMINISTRATOR))
    assert_problem(client.delete(f"/api/v1/accounts/tokens/{token.pk}"), 404)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_unknown_scope_is_a_field_error(login_client, make_user):
    client = login_client(make_user(Role.PLATFORM_ADMINISTRATOR))
    response = client.post(
        "/api/v1/accounts/tokens",
        {"name": "x", "scopes": ["everything"]},
        content_type="application/json",
    )
    body = assert_problem(response, 422)
    assert body["errors"][0]["field"] == "scopes"


def test_session_writes_need_the_csrf_token(make_user):
    from django.test import Client

    from tests.helpers import PASSWORD, current_totp

    user = make_user(Role.PLATFORM_ADMINISTRATOR)
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    csrf = page.cookies["csrftoken"].value
    client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD, "csrfmiddlewaretoken": csrf}
    )
    client.post(
        "/accounts/second-factor/",
        {"token": current_totp(user), "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
    )
    response = client.post(
        "/api/v1/accounts/tokens", {"name": "x", "scopes": []}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_invalid_body_lists_each_field(client, db):
    body = assert_problem(
        client.post("/api/v1/accounts/register", {"email": 5}, content_type="application/json"), 422
    )
    fields = {error["field"] for error in body["errors"]}
    assert "password" in fields


def test_malformed_json_is_a_problem_not_a_crash(client, db):
    response = client.post(
        "/api/v1/accounts/register", "{not json", content_type="application/json"
    )
    assert_problem(response, 422 if response.status_code == 422 else 400)


def test_unknown_endpoint_and_wrong_method_are_problems(client, db):
    assert_problem(client.get("/api/v1/no-such-thing"), 404)
    assert_problem(client.get("/api/v1/accounts/register"), 405)


def test_openapi_and_docs_are_served(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/accounts/register" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    assert b"cdn." not in docs.content  # served from our own static files
