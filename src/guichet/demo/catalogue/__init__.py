"""The demo city's service catalogue: departments, evidence types, events and services.

`load_catalogue()` writes it through the catalogue's service functions, as the system
(`by=None`), in one transaction. It is idempotent: what exists already is left alone (a
department, evidence type or event is only rewritten when its data changed; a service that
has a published or withdrawn version is never touched), so a second run creates nothing.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from guichet.catalog import i18n
from guichet.catalog import services as catalog
from guichet.catalog.models import Department, Event, EvidenceType, Service, ServiceVersion
from guichet.catalog.services import RequirementSpec

from . import (
    birth,
    business,
    business_more,
    construction,
    everyday,
    family,
    housefund,
    licences,
    licences_more,
    urban,
    venues,
    venues_more,
    work,
)
from .departments import DEPARTMENTS
from .events import EVENTS
from .evidence import EVIDENCE, Evidence
from .generated import generated
from .spec import Svc

HAND_WRITTEN = (
    licences,
    licences_more,
    venues,
    venues_more,
    construction,
    urban,
    business,
    business_more,
    birth,
    family,
    everyday,
    work,
    housefund,
)


def hand_written() -> list[Svc]:
    """The services written by hand, with full requirements."""
    return [service for module in HAND_WRITTEN for service in module.SERVICES]


def catalogue() -> tuple[list[Evidence], list[Svc]]:
    """Every evidence type and service of the demo catalogue, as data."""
    extra_evidence, generated_services = generated()
    return [*EVIDENCE, *extra_evidence], [*hand_written(), *generated_services]


def load_catalogue() -> dict[str, int]:
    """Create what is missing of the demo catalogue; returns how many things were created."""
    evidence, services = catalogue()
    ordered = in_dependency_order(services)
    counts = dict.fromkeys(
        ["departments", "evidence_types", "events", "services", "published", "updated"], 0
    )
    with transaction.atomic():
        departments = _load_departments(counts)
        evidence_types = _load_evidence(evidence, departments, counts)
        events = _load_events(counts)
        _load_services(ordered, departments, evidence_types, events, counts)
    return counts


def in_dependency_order(services: list[Svc]) -> list[Svc]:
    """The services, each after its prerequisites (stable otherwise); refuses cycles."""
    by_code: dict[str, Svc] = {}
    for service in services:
        if service.code in by_code:
            raise ValueError(f"Service {service.code} is defined twice.")
        by_code[service.code] = service
    ordered: list[Svc] = []
    state: dict[str, str] = {}

    def visit(code: str, path: tuple[str, ...]) -> None:
        if state.get(code) == "done":
            return
        if state.get(code) == "visiting":
            raise ValueError("Prerequisite cycle: " + " -> ".join((*path, code)))
        if code not in by_code:
            raise ValueError(f"Unknown prerequisite {code} (needed by {path[-1]}).")
        state[code] = "visiting"
        for prerequisite in by_code[code].prerequisites:
            visit(prerequisite, (*path, code))
        state[code] = "done"
        ordered.append(by_code[code])

    for service in services:
        visit(service.code, ())
    return ordered


def _load_departments(counts: dict[str, int]) -> dict[str, Department]:
    found = {department.code: department for department in Department.objects.all()}
    for code, name, level, parent_code in DEPARTMENTS:
        parent = found[parent_code] if parent_code else None
        current = found.get(code)
        wanted = (i18n.clean(name), level, parent.pk if parent else None)
        if current is not None and (current.name, current.level, current.parent_id) == wanted:
            continue
        found[code] = catalog.save_department(code, name=name, level=level, parent=parent)
        counts["departments" if current is None else "updated"] += 1
    return found


def _load_evidence(
    evidence: list[Evidence], departments: dict[str, Department], counts: dict[str, int]
) -> dict[str, EvidenceType]:
    found = {item.code: item for item in EvidenceType.objects.all()}
    seen = set()
    for item in evidence:
        if item.code in seen:
            raise ValueError(f"Evidence type {item.code} is defined twice.")
        seen.add(item.code)
        issuer = departments[item.issuer] if item.issuer else None
        current = found.get(item.code)
        wanted = (
            i18n.clean(item.name),
            issuer.pk if issuer else None,
            item.months,
            item.shareable,
        )
        if (
            current is not None
            and (
                current.name,
                current.issuing_department_id,
                current.validity_months,
                current.shareable,
            )
            == wanted
        ):
            continue
        found[item.code] = catalog.save_evidence_type(
            item.code,
            name=item.name,
            description=current.description if current else None,
            issuing_department=issuer,
            validity_months=item.months,
            shareable=item.shareable,
        )
        counts["evidence_types" if current is None else "updated"] += 1
    return found


def _load_events(counts: dict[str, int]) -> dict[str, Event]:
    found = {event.code: event for event in Event.objects.all()}
    for code, kind, name in EVENTS:
        current = found.get(code)
        if current is not None and (current.kind, current.name) == (kind, i18n.clean(name)):
            continue
        found[code] = catalog.save_event(code, kind=kind, name=name)
        counts["events" if current is None else "updated"] += 1
    return found


def _load_services(
    services: list[Svc],
    departments: dict[str, Department],
    evidence_types: dict[str, EvidenceType],
    events: dict[str, Event],
    counts: dict[str, int],
) -> None:
    codes = [service.code for service in services]
    statuses: dict[str, set[str]] = defaultdict(set)
    for code, status in ServiceVersion.objects.filter(service__code__in=codes).values_list(
        "service__code", "status"
    ):
        statuses[code].add(status)
    existing = {service.code: service for service in Service.objects.filter(code__in=codes)}
    for spec in services:
        if spec.code in existing and statuses[spec.code] != {ServiceVersion.Status.DRAFT}:
            continue  # published (or withdrawn by an administrator): leave it as it is
        content = _content(spec, departments, evidence_types)
        relations = {
            "collaborating_departments": [departments[code] for code in spec.collab],
            "events": [events[code] for code in spec.events],
            "prerequisites": [existing[code] for code in spec.prerequisites],
        }
        requirements = [_requirement(item, evidence_types) for item in spec.docs]
        if spec.code in existing:
            # A draft left without a published version: complete it and publish it.
            draft = catalog.start_draft(existing[spec.code])
            catalog.update_draft(draft, **content, **relations)
            catalog.replace_requirements(draft, requirements)
        else:
            draft = catalog.create_service(
                spec.code, requirements=requirements, **relations, **content
            )
            existing[spec.code] = draft.service
            counts["services"] += 1
        catalog.publish(draft, change_note="Demo catalogue")
        counts["published"] += 1


def _content(
    spec: Svc, departments: dict[str, Department], evidence_types: dict[str, EvidenceType]
) -> dict:
    return {
        "name": spec.name,
        "description": spec.description,
        "keywords": spec.keywords,
        "who_can_apply": spec.who,
        "audience": spec.audience,
        "competent_department": departments[spec.dept],
        "legal_basis": spec.basis,
        "legal_reference": spec.reference,
        "legal_time_limit_days": spec.legal,
        "promised_time_limit_days": spec.promised,
        "fee_amount": Decimal(spec.fee),
        "fee_currency": "CNY",
        "fee_waiver": spec.waiver,
        "channels": list(spec.channels),
        "named_centre_code": spec.centre,
        "visits": spec.visits,
        "window_type": spec.window,
        "output": evidence_types[spec.output] if spec.output else None,
    }


def _requirement(item, evidence_types: dict[str, EvidenceType]) -> RequirementSpec:
    return RequirementSpec(
        evidence_type=evidence_types[item.evidence],
        condition=item.when.expr if item.when else "",
        condition_text=item.when.text if item.when else {},
        form=item.form,
        copies=item.copies,
        mandatory=item.follow is None,
        tolerated_days=item.follow,
        note=item.note,
    )
