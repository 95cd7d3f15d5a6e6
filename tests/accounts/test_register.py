"""Residents open their own account, on the page or through the public API."""

from __future__ import annotations

from guichet.accounts.models import User
from guichet.accounts.roles import Role
from guichet.accounts.services import roles_of


def test_resident_registers_with_a_phone_number_on_the_page(client, db):
    response = client.post(
        "/accounts/register/",
        {
            "full_name": "Somchai Dee",
            "phone": "+66 81 234 5678",
            "email": "",
            "password": "a long enough pass phrase",
            "preferred_language": "th",
        },
        follow=True,
    )
    user = User.objects.get(phone="+66812345678")
    assert user.preferred_language == "th"
    assert roles_of(user) == {Role.CITIZEN}
    assert response.redirect_chain[-1][0] == "/work/citizen/"


def test_registration_with_neither_email_nor_phone_says_what_is_missing(client, db):
    response = client.post(
        "/accounts/register/",
        {
            "full_name": "Nobody",
            "password": "a long enough pass phrase",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 200
    assert b"Give an e-mail address or a phone number." in response.content
    assert not User.objects.exists()


def test_duplicate_email_is_refused_with_a_field_error_in_the_api(client, make_user):
    make_user(email="taken@example.org")
    response = client.post(
        "/api/v1/accounts/register",
        {"email": "Taken@example.org", "password": "a long enough pass phrase"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "email"


def test_public_registration_is_rate_limited_per_client(client, settings, db):
    settings.PUBLIC_WRITE_RATE = "3/m"
    statuses = [
        client.post(
            "/api/v1/accounts/register",
            {"email": f"p{i}@example.org", "password": "a long enough pass phrase"},
            content_type="application/json",
            REMOTE_ADDR="198.51.100.7",
        ).status_code
        for i in range(4)
    ]
    assert statuses == [201, 201, 201, 429]
    other = client.post(
        "/api/v1/accounts/register",
        {"email": "other@example.org", "password": "a long enough pass phrase"},
        content_type="application/json",
        REMOTE_ADDR="198.51.100.8",
    )
    assert other.status_code == 201
    assert User.objects.count() == 4


def test_registration_page_shares_the_public_budget(client, settings, db):
    settings.PUBLIC_WRITE_RATE = "2/m"
    form = {"full_name": "A", "password": "a long enough pass phrase", "preferred_language": "en"}
    for n in range(2):
        client.post(
            "/accounts/register/",
            {**form, "email": f"r{n}@example.org"},
            REMOTE_ADDR="198.51.100.9",
        )
        client.post("/accounts/logout/")
    refused = client.post(
        "/accounts/register/", {**form, "email": "r3@example.org"}, REMOTE_ADDR="198.51.100.9"
    )
    assert refused.status_code == 429
    assert "Too many accounts" in refused.content.decode()
    assert not User.objects.filter(email="r3@example.org").exists()
