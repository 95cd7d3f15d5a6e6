"""The data hub's pages: my documents, certificate PDFs, who used my data, /verify, the keys."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from guichet.accounts.roles import Role
from guichet.datahub import services as datahub
from tests.world import pdf_upload


def _pdf_url(credential) -> str:
    return f"/my/certificates/{credential.number}.pdf"


@pytest.fixture
def company_certificate(world):
    return datahub.issue_credential(
        holder=world.company,
        evidence_type=world.evidence["food-licence"],
        department=world.departments["MKT"],
    )


def test_my_documents_lists_my_certificates_and_files(world, login_client):
    document = datahub.add_document(
        world.person, evidence_type=world.evidence["lease-contract"], upload=pdf_upload(), by=None
    )
    client = login_client(world.citizen)
    page = client.get("/my/documents/").content.decode()
    assert world.health_certificate.number in page
    assert "Health Commission" in page and _pdf_url(world.health_certificate) in page
    assert f"/my/documents/{document.pk}/file" in page and "Not yet checked" in page
    download = client.get(f"/my/documents/{document.pk}/file")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_others_get_404_for_my_files_and_certificates(world, make_user, login_client):
    document = datahub.add_document(
        world.person, evidence_type=world.evidence["lease-contract"], upload=pdf_upload(), by=None
    )
    stranger = login_client(make_user(Role.CITIZEN))
    assert stranger.get(f"/my/documents/{document.pk}/file").status_code == 404
    assert stranger.get(_pdf_url(world.health_certificate)).status_code == 404
    assert world.health_certificate.number not in stranger.get("/my/documents/").content.decode()


def test_the_certificate_pdf_renders_for_its_holder(world, login_client):
    response = login_client(world.citizen).get(_pdf_url(world.health_certificate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_representative_gets_the_company_certificate(
    world,
    company_certificate,
    login_client,
):
    client = login_client(world.representative)
    assert company_certificate.number in client.get("/my/documents/").content.decode()
    assert client.get(_pdf_url(company_certificate)).content.startswith(b"%PDF")
    assert client.get(_pdf_url(world.health_certificate)).status_code == 404


def test_my_data_lists_every_access_to_me_and_my_companies(
    world,
    company_certificate,
    make_user,
    login_client,
):
    document = datahub.add_document(
        world.person, evidence_type=world.evidence["lease-contract"], upload=pdf_upload(), by=None
    )
    reviewer = world.staff(make_user, Role.DEPARTMENT_REVIEWER, "FIRE")
    datahub.open_document(
        document, staff=reviewer, purpose="Review of application GC-1", case_number="GC-1"
    )
    datahub.open_credential(
        company_certificate,
        staff=reviewer,
        purpose="Review of application GC-2",
        case_number="GC-2",
    )
    page = login_client(world.citizen).get("/my/data/").content.decode()
    assert "Document: Lease contract" in page and "GC-1" in page and "FIRE" in page
    assert "GC-2" not in page
    page = login_client(world.representative).get("/my/data/").content.decode()
    assert "GC-2" in page and world.company.name in page.replace("&#x27;", "'")


def test_verify_says_valid_with_the_public_facts(world, client):
    response = client.post("/verify", {"code": world.health_certificate.seal})
    assert response.context["result"].outcome == "valid"
    page = response.content.decode()
    assert "genuine and valid" in page
    assert world.health_certificate.number in page and "Li Wei" in page
    assert datahub.masked(world.person.identifier) in page
    assert world.person.identifier not in page


def test_verify_by_link_with_the_code_in_the_query(world, client):
    response = client.get(f"/verify?code={quote(world.health_certificate.seal, safe='')}")
    assert response.context["result"].outcome == "valid"


def test_verify_spots_a_forged_code(world, client):
    seal = world.health_certificate.seal
    # Change one character of the signed part, staying inside the base45 alphabet.
    position = len(seal) - 10
    forged = seal[:position] + ("A" if seal[position] != "A" else "B") + seal[position + 1 :]
    response = client.post("/verify", {"code": forged})
    assert response.context["result"].outcome in {"forged", "malformed"}
    assert response.context["facts"] is None
    assert "Li Wei" not in response.content.decode()


def test_verify_says_revoked(world, make_user, client):
    datahub.change_credential_status(
        world.health_certificate, status="revoked", reason="Issued in error", actor=None
    )
    response = client.post("/verify", {"code": world.health_certificate.seal})
    assert response.context["result"].outcome == "revoked"
    assert "Issued in error" in response.content.decode()


def test_verify_says_malformed(client, db):
    response = client.post("/verify", {"code": "hello"})
    assert response.context["result"].outcome == "malformed"


def test_verify_is_rate_limited(world, client, settings):
    settings.PUBLIC_WRITE_RATE = "2/h"
    for _ in range(2):
        assert client.post("/verify", {"code": "x"}).status_code == 200
    assert client.post("/verify", {"code": "x"}).status_code == 429


def test_the_key_set_is_public_and_cacheable(world, client):
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=3600" in response["Cache-Control"] and "public" in response["Cache-Control"]
    keys = response.json()["keys"]
    assert keys and keys[0]["kid"] == world.health_certificate.kid
