"""The demo city's data hub: the demo citizen and company, and the city's population.

`load_hub()` links the demo citizen (Li Wei) to a person with a verified identity, registers
the business representative's company, and gives both the certificates the city's departments
issued them and a few verified documents in their vault, through the data hub's services
(audited and sealed one by one). It then loads a generated population of residents and
companies (`hub_population`) in bulk. Running it again adds nothing.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from datetime import date

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from guichet.catalog.models import EvidenceType
from guichet.datahub import files, identity, signing
from guichet.datahub import services as datahub
from guichet.datahub.models import Credential, Document, Party
from guichet.ops.models import NumberSequence

from . import hub_population
from .hub_population import Cred, PartySpec, Vault

CITIZEN_EMAIL = "citizen@demo.example"
BUSINESS_EMAIL = "business@demo.example"
CLERK_EMAIL = "clerk@demo.example"
CITIZEN_ID = identity.make_resident_id("310106", date(1988, 5, 17), 123)
COMPANY_CODE = "91310106MA1FY5XK2J"
BATCH = 1000


def demo_citizen() -> PartySpec:
    """Li Wei: registered in Jing'an, married, employed, a car, a flat, a baby born last month."""
    today = timezone.localdate()
    born = date.fromordinal(today.toordinal() - 23)
    return PartySpec(
        kind="person",
        identifier=CITIZEN_ID,
        name="Li Wei",
        address="Room 1203, No. 58, Lane 300, Changde Road, Jing'an, Shanghai",
        district="JA",
        birth_date=date(1988, 5, 17),
        identity_verified=True,
        credentials=[
            Cred("household-register", date(2016, 9, 1), {"address": "Changde Road 300-58"}),
            Cred("marriage-certificate", date(2019, 10, 8)),
            Cred("social-security-card", date(2021, 3, 15)),
            Cred("employment-record", _days_ago(20), {"employer": "Jing'an Noodle House"}),
            Cred("medical-insurance-record", date(2024, 1, 5)),
            Cred("housing-fund-statement", _days_ago(12)),
            Cred("driving-licence", date(2023, 6, 1)),
            Cred("vehicle-registration-certificate", date(2022, 4, 2), {"plate": "沪A·5K218"}),
            Cred("vehicle-licence", date(2022, 4, 2), {"plate": "沪A·5K218"}),
            Cred("property-certificate", date(2016, 8, 20)),
            Cred("birth-medical-certificate", born, {"child": "Li Xiaoyu", "born": str(born)}),
        ],
        vault=[Vault("bank-card", "bank-card.pdf"), Vault("photo", "id-photo.pdf")],
    )


def demo_company() -> PartySpec:
    """Jing'an Noodle House: a restaurant of 80 seats that has run for years."""
    return PartySpec(
        kind="company",
        identifier=COMPANY_CODE,
        name="Jing'an Noodle House Co., Ltd.",
        address="8 Yuyuan Road, Jing'an, Shanghai",
        district="JA",
        legal_representative="Marie Dupont",
        business_scope="Catering services; sale of prepackaged food and alcohol",
        credentials=[
            Cred("business-licence", date(2019, 3, 1), {"capital_wan": 100}),
            Cred("legal-rep-id", date(2019, 2, 20), {"name": "Marie Dupont"}),
            Cred("seal-record", date(2019, 3, 4)),
            Cred("food-business-licence", date(2024, 3, 10)),
            Cred("staff-health-certs", _days_ago(90), {"staff": 14}),
            Cred("food-safety-manager-cert", date(2025, 2, 1)),
            Cred("signage-permit", date(2025, 5, 6)),
            Cred("drainage-permit", date(2024, 4, 2)),
            Cred("fire-inspection-report", date(2019, 4, 18), {"seats": 60}),
        ],
        vault=[
            Vault("lease-contract", "lease-8-yuyuan-road.pdf"),
            Vault("company-articles", "articles-of-association.pdf"),
            Vault("bank-card", "bank-account.pdf"),
            Vault("employee-list", "staff-list.pdf"),
            Vault("food-safety-rules", "food-safety-rules.pdf"),
            Vault("kitchen-layout", "kitchen-layout.pdf"),
            Vault("floor-plan", "floor-plan.pdf"),
            Vault("equipment-list", "kitchen-equipment.pdf"),
            Vault("fire-safety-plan", "fire-safety-plan.pdf"),
        ],
    )


def _days_ago(days: int) -> date:
    return date.fromordinal(timezone.localdate().toordinal() - days)


def load_hub(
    *, persons: int = hub_population.PERSONS, companies: int = hub_population.COMPANIES
) -> dict[str, float]:
    """Create what is missing of the demo hub; returns what was created, and how long it took."""
    started = time.perf_counter()
    counts: dict[str, float] = defaultdict(int)
    with transaction.atomic():
        evidence = {e.code: e for e in EvidenceType.objects.select_related("issuing_department")}
        if not evidence:
            return {}  # no catalogue: nothing the hub could hold
        _load_demo_parties(evidence, counts)
        specs = hub_population.population(persons, companies, timezone.localdate())
        _load_population(specs, evidence, counts)
    counts["seconds"] = round(time.perf_counter() - started, 2)
    return dict(counts)


# ---------------------------------------------------------------------------------------------
# The demo accounts' parties: through the hub's services, audited.


def _load_demo_parties(evidence: dict, counts: dict) -> None:
    User = get_user_model()
    citizen_user = User.objects.filter(email=CITIZEN_EMAIL).first()
    clerk = User.objects.filter(email=CLERK_EMAIL).first()
    business = User.objects.filter(email=BUSINESS_EMAIL).first()
    citizen = demo_citizen()
    person = datahub.party_by_identifier(citizen.identifier)
    if person is None:
        person = datahub.register_person(
            identifier=citizen.identifier,
            name=citizen.name,
            birth_date=citizen.birth_date,
            address=citizen.address,
            district=citizen.district,
        )
        counts["persons"] += 1
    if citizen_user is not None and (
        person.user_id != citizen_user.pk or not person.identity_verified
    ):
        datahub.link_user(person, user=citizen_user, identity_verified=True)
    company_spec = demo_company()
    company = datahub.party_by_identifier(company_spec.identifier)
    if company is None:
        company = datahub.register_company(
            identifier=company_spec.identifier,
            name=company_spec.name,
            legal_representative=company_spec.legal_representative,
            address=company_spec.address,
            district=company_spec.district,
            business_scope=company_spec.business_scope,
        )
        counts["companies"] += 1
    for party, spec, uploader in (
        (person, citizen, citizen_user),
        (company, company_spec, business),
    ):
        held = set(
            Credential.objects.filter(holder=party).values_list("evidence_type__code", flat=True)
        )
        for cred in spec.credentials:
            if cred.evidence in held:
                continue
            kind = evidence[cred.evidence]
            datahub.issue_credential(
                holder=party,
                evidence_type=kind,
                department=kind.issuing_department,
                data=cred.data,
                issued_on=cred.issued_on,
            )
            counts["credentials"] += 1
        kept = set(
            Document.objects.filter(holder=party).values_list("evidence_type__code", flat=True)
        )
        for item in spec.vault:
            if item.evidence in kept:
                continue
            upload = SimpleUploadedFile(
                item.name, tiny_pdf(f"{item.evidence} {party.identifier}"), "application/pdf"
            )
            document = datahub.add_document(
                party, evidence_type=evidence[item.evidence], upload=upload, by=uploader
            )
            if clerk is not None:
                datahub.verify_document(document, staff=clerk, verified=True)
            counts["documents"] += 1


def tiny_pdf(title: str) -> bytes:
    """A real one-page A4 PDF of about 450 bytes; the title makes each one a different file.

    Written out by hand (objects, cross-reference table, trailer): a thousand times faster
    than a PDF library, for thousands of vault documents."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Title <FEFF" + title.encode("utf-16-be").hex().encode("ascii") + b">"
        b" /Producer (Guichet demo) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# The generated population: in bulk.


def _load_population(specs: tuple[PartySpec, ...], evidence: dict, counts: dict) -> None:
    existing = set(
        Party.objects.filter(identifier__in=[s.identifier for s in specs]).values_list(
            "identifier", flat=True
        )
    )
    new = [spec for spec in specs if spec.identifier not in existing]
    if not new:
        return
    # bulk_create skips the per-party audit event ("party.registered") that register_person
    # writes: these are generated demo rows, thousands at a time. Every certificate is still
    # sealed with the platform's key and verifies like any other.
    parties = Party.objects.bulk_create(
        [
            Party(
                kind=spec.kind,
                identifier=spec.identifier,
                name=spec.name,
                birth_date=spec.birth_date,
                address=spec.address,
                district=spec.district,
                legal_representative=spec.legal_representative,
                business_scope=spec.business_scope,
                identity_verified=spec.identity_verified,
            )
            for spec in new
        ],
        batch_size=BATCH,
    )
    if any(party.pk is None for party in parties):  # backends that return no keys
        by_identifier = dict(
            Party.objects.filter(identifier__in=[s.identifier for s in new]).values_list(
                "identifier", "pk"
            )
        )
        for party in parties:
            party.pk = by_identifier[party.identifier]
    counts["persons"] += sum(1 for s in new if s.kind == "person")
    counts["companies"] += sum(1 for s in new if s.kind == "company")
    sealing = time.perf_counter()
    counts["credentials"] += _bulk_credentials(parties, new, evidence)
    counts["sealing_seconds"] = round(time.perf_counter() - sealing, 2)
    counts["documents"] += _bulk_documents(parties, new, evidence)


def _bulk_credentials(parties: list[Party], specs: list[PartySpec], evidence: dict) -> int:
    wanted: list[tuple[Party, Cred, EvidenceType]] = []
    for party, spec in zip(parties, specs, strict=True):
        for cred in spec.credentials:
            kind = evidence.get(cred.evidence)
            if kind is not None and kind.shareable and kind.issuing_department_id:
                wanted.append((party, cred, kind))
    # Numbers as issue_credential makes them (DEPT-YEAR-000001), reserved a block at a time.
    per_prefix: dict[tuple[str, int], int] = defaultdict(int)
    for _party, cred, kind in wanted:
        per_prefix[(kind.issuing_department.code, cred.issued_on.year)] += 1
    next_free = {
        key: _reserve(f"credential-{key[0]}-{key[1]}", count) for key, count in per_prefix.items()
    }
    kid = signing.current_key().kid
    rows = []
    for party, cred, kind in wanted:
        key = (kind.issuing_department.code, cred.issued_on.year)
        number, next_free[key] = next_free[key], next_free[key] + 1
        months = kind.validity_months
        credential = Credential(
            number=f"{key[0]}-{key[1]}-{number:06d}",
            evidence_type=kind,
            holder=party,
            issuing_department=kind.issuing_department,
            issued_on=cred.issued_on,
            valid_until=datahub.add_months(cred.issued_on, months) if months else None,
            data=cred.data,
            kid=kid,
        )
        rows.append(credential)
    # One signature each, with the current key, exactly as issue_credential seals; seal_many
    # loads the key once (seal() in a loop: ~0.7 ms a certificate, 12 s for the population).
    claims = [datahub.seal_claims(credential) for credential in rows]
    for credential, seal in zip(rows, signing.seal_many(claims), strict=True):
        credential.seal = seal
    Credential.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _reserve(prefix: str, count: int) -> int:
    """The first of `count` consecutive numbers under `prefix` (see ops.sequences)."""
    NumberSequence.objects.get_or_create(prefix=prefix)
    NumberSequence.objects.filter(prefix=prefix).update(last=F("last") + count)
    last = NumberSequence.objects.values_list("last", flat=True).get(prefix=prefix)
    return last - count + 1


def _bulk_documents(parties: list[Party], specs: list[PartySpec], evidence: dict) -> int:
    """Verified vault documents: each a real tiny PDF in the documents storage."""
    now = timezone.now()
    rows = []
    for party, spec in zip(parties, specs, strict=True):
        for item in spec.vault:
            kind = evidence.get(item.evidence)
            if kind is None:
                continue
            data = tiny_pdf(f"{item.evidence} {party.identifier}")
            # Made here, so not inspected again (files.inspect parses each PDF: 1 ms apiece).
            clean = files.CleanFile(
                content=data,
                kind=files.Kind.PDF,
                content_type=files.Kind.PDF.content_type,
                name=item.name,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
            rows.append(
                Document(
                    holder=party,
                    evidence_type=kind,
                    file=files.store(clean, folder=f"vault/{party.pk}"),
                    original_name=clean.name,
                    content_type=clean.content_type,
                    size=clean.size,
                    sha256=clean.sha256,
                    verification=Document.Verification.VERIFIED,
                    verified_at=now,
                    valid_until=datahub.add_months(now.date(), kind.validity_months)
                    if kind.validity_months
                    else None,
                )
            )
    Document.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)
