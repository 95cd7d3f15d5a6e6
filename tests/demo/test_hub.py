"""The demo data hub: loaded once, sealed certificates that verify, and documents avoided."""

from __future__ import annotations

import pytest
from django.db import transaction

from guichet.cases.models import Case
from guichet.datahub import services as datahub
from guichet.datahub.models import Credential, Document, Party
from guichet.demo import hub, people, scenarios
from guichet.demo.catalogue import load_catalogue

SMALL = (80, 25)  # persons, companies: enough for every profile the tests pick


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo city with a small population, loaded once for the module, rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        people.load_people()
        load_catalogue()
        yield hub.load_hub(persons=SMALL[0], companies=SMALL[1])
        transaction.set_rollback(True)


@pytest.fixture
def demo_hub(loaded, db):
    return loaded


def counts():
    return (Party.objects.count(), Credential.objects.count(), Document.objects.count())


def test_loading_the_hub_twice_adds_nothing(demo_hub):
    assert demo_hub["persons"] == SMALL[0] + 1  # the population and the demo citizen
    assert demo_hub["companies"] == SMALL[1] + 1
    before = counts()
    again = hub.load_hub(persons=SMALL[0], companies=SMALL[1])
    assert counts() == before
    assert not again.get("credentials") and not again.get("persons")


def test_demo_citizen_is_li_wei_with_a_verified_identity_and_sealed_certificates(demo_hub):
    citizen = datahub.person_of(people_user("citizen@demo.example"))
    assert citizen is not None and citizen.name == "Li Wei"
    assert citizen.identity_verified
    held = datahub.credentials_of(citizen)
    assert {c.evidence_type.code for c in held} >= {"household-register", "marriage-certificate"}
    assert all(datahub.verify(c.seal).ok for c in held)


def test_demo_company_holds_its_business_licence_and_vault_documents(demo_hub):
    company = datahub.party_by_identifier(hub.COMPANY_CODE)
    assert company.is_company and company.name == "Jing'an Noodle House Co., Ltd."
    assert company in datahub.companies_of(people_user("business@demo.example"))
    outcomes = {
        c.evidence_type.code: datahub.verify(c.seal) for c in datahub.credentials_of(company)
    }
    assert (
        outcomes["business-licence"].ok
        and outcomes["business-licence"].credential.holder == company
    )
    assert all(o.ok for o in outcomes.values())
    documents = datahub.documents_of(company)
    assert {d.evidence_type.code for d in documents} >= {"lease-contract", "floor-plan"}
    assert all(d.reusable_on(d.verified_at.date()) for d in documents)


def test_population_certificates_are_sealed_by_departments_that_issue_them(demo_hub):
    population = Credential.objects.exclude(
        holder__identifier__in=[hub.CITIZEN_ID, hub.COMPANY_CODE]
    )
    assert population.count() > SMALL[0] * 3
    for credential in population.select_related("evidence_type", "issuing_department")[:200]:
        assert credential.evidence_type.shareable
        assert credential.issuing_department_id == credential.evidence_type.issuing_department_id
        assert datahub.verify(credential.seal).outcome in {"valid", "expired"}


def test_scenarios_reuse_most_documents_and_submit(demo_hub):
    chosen = [
        s
        for s in scenarios.SCENARIOS
        if s.slug in {"birth-of-a-child", "hiring-staff", "marriage-move"}
    ]
    made = scenarios.run(chosen, population=SMALL)
    assert [c.state for c in made] == [Case.State.SUBMITTED] * 3
    rows = scenarios.tallies(made, chosen)
    required = sum(r.required for r in rows)
    reused = sum(r.reused for r in rows)
    assert required == reused + sum(r.uploaded for r in rows)
    assert reused / required >= 0.75


def people_user(email: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=email)
