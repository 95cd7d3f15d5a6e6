"""/api/v1/verify: anyone checks a certificate's QR code — genuine, and still valid?"""

from __future__ import annotations

import zlib
from datetime import date
from urllib.parse import quote

import base45
import cbor2
import pytest
from django.test import override_settings

from guichet.datahub import services as datahub
from guichet.datahub import signing

# The application world (departments, a citizen known to the hub, a certificate), shared.


@pytest.fixture
def credential(world):
    return world.health_certificate


def verify(client, code: str):
    return client.post("/api/v1/verify", {"code": code}, content_type="application/json")


def with_claims_changed(seal: str) -> str:
    """The seal's certificate with a later end date under the original signature."""
    message = cbor2.loads(zlib.decompress(base45.b45decode(seal.removeprefix(signing.PREFIX))))
    protected, unprotected, payload, signature = message.value
    claims = cbor2.loads(payload)
    claims[signing.CLAIM_CERTIFICATE][7] = "2099-12-31"
    forged = cbor2.dumps(
        cbor2.CBORTag(18, [protected, unprotected, cbor2.dumps(claims), signature])
    )
    return signing.PREFIX + base45.b45encode(zlib.compress(forged, 9)).decode("ascii")


def test_a_genuine_certificate_is_valid_with_what_the_registry_says(client, world, credential):
    answer = verify(client, credential.seal).json()

    assert answer["outcome"] == "valid" and answer["valid"] is True
    assert answer["message"]
    certificate = answer["certificate"]
    assert certificate["number"] == credential.number
    assert certificate["type"] == "staff-health-certs"
    assert certificate["issuer"] == "Health Commission"
    assert certificate["holder_name"] == "Li Wei"
    assert certificate["holder_id_masked"] == datahub.masked(world.person.identifier)
    assert world.person.identifier not in str(answer)
    assert certificate["status"] == "valid"
    assert certificate["issued_on"] == credential.issued_on.isoformat()


def test_the_code_may_come_in_the_address(client, world, credential):
    answer = client.get(f"/api/v1/verify?code={quote(credential.seal)}").json()
    assert answer["outcome"] == "valid"


def test_a_forged_certificate_is_not_genuine(client, world, credential):
    answer = verify(client, with_claims_changed(credential.seal)).json()

    assert answer["outcome"] == "forged" and answer["valid"] is False
    assert answer["certificate"] is None


def test_a_revoked_certificate_is_genuine_but_not_valid(client, world, credential):
    datahub.change_credential_status(
        credential, status="revoked", reason="Issued in error.", actor=None
    )
    answer = verify(client, credential.seal).json()

    assert (answer["outcome"], answer["valid"]) == ("revoked", False)
    assert answer["certificate"]["status"] == "revoked"


def test_an_expired_certificate_says_so(client, world):
    expired = datahub.issue_credential(
        holder=world.person,
        evidence_type=world.evidence["food-licence"],
        department=world.departments["MKT"],
        issued_on=date(2019, 1, 2),
        valid_until=date(2024, 1, 1),
    )
    answer = verify(client, expired.seal).json()
    assert (answer["outcome"], answer["valid"]) == ("expired", False)
    assert answer["certificate"]["valid_until"] == "2024-01-01"


@pytest.mark.parametrize("text", ["hello", "GC1:NOT-BASE45!", "https://example.org/"])
def test_something_else_is_malformed(client, db, text):
    answer = verify(client, text).json()
    assert (answer["outcome"], answer["valid"], answer["certificate"]) == (
        "malformed",
        False,
        None,
    )


def test_an_empty_or_huge_code_is_a_field_error(client, db):
    for code in ["", "A" * 2001]:
        response = verify(client, code)
        assert response.status_code == 422
        assert response.json()["errors"][0]["field"] == "code"


@override_settings(PUBLIC_WRITE_RATE="3/m")
def test_verification_is_rate_limited_per_client(client, world, credential):
    for _ in range(3):
        assert verify(client, credential.seal).status_code == 200
    refused = verify(client, credential.seal)

    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0
    # Its own budget: checking certificates does not use up account registrations.
    registered = client.post(
        "/api/v1/accounts/register",
        {"email": "new@example.org", "password": "a long enough passphrase 42"},
        content_type="application/json",
    )
    assert registered.status_code == 201, registered.content
