"""The world applications are tested in (a pytest plugin of the whole suite): a small catalogue,
a company, reviewers of two departments, and a certificate another department issued."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.catalog import services as catalog
from guichet.catalog.models import Channel
from guichet.catalog.services import RequirementSpec
from guichet.datahub import identity
from guichet.datahub import services as datahub

COMPANY_CODE = "91310106MA1FY5XK2J"


def pdf_upload(name: str = "lease.pdf") -> SimpleUploadedFile:
    """A real one-page PDF, as a browser would send it."""
    import io

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


@dataclass
class World:
    departments: dict
    evidence: dict
    services: dict
    citizen: object
    person: object
    company: object
    representative: object
    health_certificate: object

    def staff(self, make_user, role: Role, department: str):
        user = make_user(role)
        user.memberships.all().delete()
        accounts.grant_membership(
            user, role=role, organisation_code=department, organisation_name=department
        )
        return user


@pytest.fixture
def world(db, make_user) -> World:
    departments = {
        code: catalog.save_department(code, name={"en": name, "zh-hans": name})
        for code, name in [
            ("MKT", "Market Regulation Bureau"),
            ("HEALTH", "Health Commission"),
            ("FIRE", "Fire and Rescue Detachment"),
        ]
    }
    E = catalog.save_evidence_type
    evidence = {
        "id-card": E("id-card", name={"en": "Resident identity card"}),
        "lease-contract": E("lease-contract", name={"en": "Lease contract"}),
        "floor-plan": E("floor-plan", name={"en": "Floor plan"}),
        "staff-health-certs": E(
            "staff-health-certs",
            name={"en": "Staff health certificates"},
            issuing_department=departments["HEALTH"],
            validity_months=12,
            shareable=True,
        ),
        "food-licence": E(
            "food-licence",
            name={"en": "Food business licence"},
            issuing_department=departments["MKT"],
            validity_months=60,
            shareable=True,
        ),
        "fire-inspection-report": E(
            "fire-inspection-report",
            name={"en": "Fire safety inspection report"},
            issuing_department=departments["FIRE"],
            validity_months=36,
            shareable=True,
        ),
    }

    def service(code, *, department, output, requirements, collaborators=(), days=20):
        draft = catalog.create_service(
            code,
            collaborating_departments=[departments[c] for c in collaborators],
            name={"en": code.replace("-", " ").title(), "zh-hans": code},
            description={"en": "A test service."},
            audience="both",
            competent_department=departments[department],
            legal_time_limit_days=days,
            promised_time_limit_days=days // 2,
            fee_amount=0,
            channels=[Channel.ONLINE, Channel.ANY_CENTRE],
            visits=1,
            output=evidence[output],
            requirements=requirements,
        )
        return catalog.publish(draft)

    services = {
        "FOOD-BUSINESS-LICENCE": service(
            "FOOD-BUSINESS-LICENCE",
            department="MKT",
            output="food-licence",
            collaborators=["FIRE"],
            requirements=[
                RequirementSpec(evidence["id-card"]),
                RequirementSpec(evidence["lease-contract"], form="copy"),
                RequirementSpec(evidence["staff-health-certs"]),
                RequirementSpec(evidence["floor-plan"], mandatory=True, tolerated_days=5),
            ],
        ),
        "FIRE-SAFETY-INSPECTION": service(
            "FIRE-SAFETY-INSPECTION",
            department="FIRE",
            output="fire-inspection-report",
            days=10,
            requirements=[
                RequirementSpec(evidence["id-card"]),
                RequirementSpec(evidence["lease-contract"], form="copy"),
            ],
        ),
    }
    citizen = make_user(Role.CITIZEN, email="li.wei@example.org")
    person = datahub.register_person(
        identifier=identity.make_resident_id("310106", date(1988, 5, 17), 123),
        name="Li Wei",
        address="100 Changde Road, Jing'an",
        district="JA",
        user=citizen,
        identity_verified=True,
    )
    company = datahub.register_company(
        identifier=COMPANY_CODE,
        name="Jing'an Noodle House Co., Ltd.",
        legal_representative="Marie Dupont",
        address="8 Yuyuan Road",
        district="JA",
    )
    representative = make_user(Role.BUSINESS_REPRESENTATIVE, email="marie@example.org")
    health_certificate = datahub.issue_credential(
        holder=person,
        evidence_type=evidence["staff-health-certs"],
        department=departments["HEALTH"],
        data={"staff": 3},
    )
    return World(
        departments,
        evidence,
        services,
        citizen,
        person,
        company,
        representative,
        health_certificate,
    )
