"""Who may open what: every role against every object of an application, on pages and API.

Forbidden answers are 403 or 404 (never a hint that the object exists for someone else) and
write nothing: no state change, no personal-data access record.
"""

from __future__ import annotations

import pytest

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.cases import services
from guichet.cases.models import Case, Material, ReviewTask
from guichet.cases.services import ItemSpec
from guichet.datahub import services as datahub
from guichet.datahub.models import Document
from tests.world import pdf_upload

OK, HIDDEN, FORBIDDEN, LOGIN = 200, 404, 403, 302

ACTORS = [
    "owner",
    "other_citizen",
    "representative",
    "clerk",
    "reviewer_mkt",
    "reviewer_health",
    "supervisor_mkt",
]

# object → expected answer per actor (in ACTORS order)
PAGES = {
    "case": [OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
    "own_file": [OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
    "certificate_pdf": [OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN, HIDDEN],
    "task": [FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, HIDDEN, OK],
    "material": [FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK, HIDDEN, OK],
    "acceptance": [FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN],
}
API = {
    "case": [OK, HIDDEN, HIDDEN, OK, OK, HIDDEN, OK],
}


@pytest.fixture
def scene(world, make_user):
    """A case in review (tasks for MKT and FIRE), a vault file and a certificate of the person."""
    people = {
        "owner": world.citizen,
        "other_citizen": make_user(Role.CITIZEN),
        "representative": world.representative,
        "clerk": world.staff(make_user, Role.WINDOW_CLERK, "C01"),
        "reviewer_mkt": world.staff(make_user, Role.DEPARTMENT_REVIEWER, "MKT"),
        "reviewer_health": world.staff(make_user, Role.DEPARTMENT_REVIEWER, "HEALTH"),
        "supervisor_mkt": world.staff(make_user, Role.DEPARTMENT_SUPERVISOR, "MKT"),
    }
    accounts.add_representation(
        world.representative, company_code=world.company.identifier, company_name="Noodles"
    )
    case = services.start(
        by=world.citizen, applicant=world.person, services=[ItemSpec("FOOD-BUSINESS-LICENCE")]
    )
    services.give_consent(case, by=world.citizen, granted=True)
    services.attach_upload(
        case, by=world.citizen, evidence_type=world.evidence["lease-contract"], upload=pdf_upload()
    )
    services.submit(case, by=world.citizen)
    floor_plan = Material.objects.get(item__case=case, evidence_type__code="floor-plan")
    services.accept(case, clerk=people["clerk"], tolerated=[floor_plan.pk])
    lease = Material.objects.get(item__case=case, evidence_type__code="lease-contract")
    mkt_task = ReviewTask.objects.get(item__case=case, department__code="MKT")
    return {
        "people": people,
        "case": case,
        "urls": {
            "case": f"/applications/{case.number}/",
            "own_file": f"/my/documents/{lease.document_id}/file",
            "certificate_pdf": f"/my/certificates/{world.health_certificate.number}.pdf",
            "task": f"/applications/work/tasks/{mkt_task.pk}/",
            "material": f"/applications/work/{case.number}/materials/{lease.pk}/",
            "acceptance": "/applications/work/acceptance/",
        },
    }


def cells(table):
    return [
        (obj, actor, expected[i])
        for obj, expected in table.items()
        for i, actor in enumerate(ACTORS)
    ]


@pytest.mark.parametrize("obj,actor,expected", cells(PAGES))
def test_pages(obj, actor, expected, scene, world, client, login_client):
    login_client(scene["people"][actor])
    before = datahub.accesses_to(world.person).count()
    response = client.get(scene["urls"][obj])
    assert response.status_code == expected, (obj, actor)
    if expected != OK:
        assert datahub.accesses_to(world.person).count() == before


@pytest.mark.parametrize("obj,actor,expected", cells(API))
def test_api(obj, actor, expected, scene, client, login_client):
    login_client(scene["people"][actor])
    response = client.get(f"/api/v1/cases/{scene['case'].number}")
    assert response.status_code == expected, actor
    if expected != OK:
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("actor", [a for a in ACTORS if a != "owner"])
def test_nobody_but_the_applicant_withdraws(actor, scene, client, login_client):
    login_client(scene["people"][actor])
    response = client.post(f"/api/v1/cases/{scene['case'].number}/withdraw")
    assert response.status_code in (FORBIDDEN, HIDDEN), actor
    assert Case.objects.get(pk=scene["case"].pk).state == Case.State.IN_REVIEW


def test_anonymous_visitors_are_sent_to_log_in_and_the_api_says_401(scene, client):
    for obj in ("case", "own_file", "task", "material", "acceptance"):
        response = client.get(scene["urls"][obj])
        assert response.status_code == LOGIN and "/accounts/login/" in response["Location"]
    assert client.get(f"/api/v1/cases/{scene['case'].number}").status_code == 401
    assert Document.objects.count() == 1
