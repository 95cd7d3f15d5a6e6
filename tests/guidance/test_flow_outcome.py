"""The outcome: services in prerequisite order, exactly the documents the answers need, totals."""

from __future__ import annotations

from decimal import Decimal

from django.http import QueryDict

from guichet.catalog import services as catalog
from guichet.catalog.models import Service
from guichet.guidance import engine, outcome


def outcome_of(flow, query: str, facts=None) -> outcome.Outcome:
    walk = engine.walk(flow.compiled(), QueryDict(query), facts)
    assert walk.finished and not walk.errors, walk.errors
    return outcome.build(walk.definition, walk.context)


def codes(result: outcome.Outcome) -> list[str]:
    return [s.code for s in result.services]


def documents(result: outcome.Outcome, code: str) -> list[str]:
    return next([d.code for d in s.documents] for s in result.services if s.code == code)


def test_services_come_after_their_prerequisites(publish_demo_flow):
    flow = publish_demo_flow("construction")
    result = outcome_of(
        flow,
        "activity=commercial&project_funding=private&project_investment_mwan=800"
        "&building_height_m=30&new_company=yes",
    )
    order = codes(result)
    for before, after in [
        ("INVESTMENT-PROJECT-APPROVAL", "LAND-USE-PLANNING-PERMIT"),
        ("LAND-USE-PLANNING-PERMIT", "CONSTRUCTION-PLANNING-PERMIT"),
        ("CONSTRUCTION-PLANNING-PERMIT", "CONSTRUCTION-WORKS-PERMIT"),
        ("CONSTRUCTION-CONTRACT-REGISTRATION", "CONSTRUCTION-WORKS-PERMIT"),
        ("CONSTRUCTION-WORKS-PERMIT", "PROJECT-COMPLETION-ACCEPTANCE"),
    ]:
        assert order.index(before) < order.index(after), (before, after, order)
    assert "FIRE-SAFETY-INSPECTION" in order and "DRAINAGE-PERMIT" in order


def test_company_registration_comes_first_when_it_is_part_of_the_outcome(supermarket):
    result = outcome_of(
        supermarket, "size=small&sales=retail&foods=bulk&sells_drugs=yes&devices=class2"
    )
    assert codes(result) == [
        "COMPANY-REGISTRATION",
        "FOOD-BUSINESS-LICENCE",
        "DRUG-RETAIL-LICENCE",
        "MEDICAL-DEVICE-II-FILING",
    ]


def test_documents_follow_the_catalogue_conditions_and_the_flow_switches(supermarket):
    bulk = outcome_of(supermarket, "size=small&sales=retail&foods=bulk&sells_drugs=no&devices=none")
    # Catalogue: staff health certificates "if cooked or bulk"; the flow drops the equipment
    # list when nothing is cooked.
    assert "staff-health-certs" in documents(bulk, "FOOD-BUSINESS-LICENCE")
    assert "equipment-list" not in documents(bulk, "FOOD-BUSINESS-LICENCE")
    health = outcome_of(
        supermarket,
        "size=standard&sales=retail&foods=cooked&foods=health_food&sells_drugs=no&devices=none",
    )
    food = documents(health, "FOOD-BUSINESS-LICENCE")
    # The flow switches on storage conditions for health food (the catalogue: infant formula
    # only) and adds the food safety manager's certificate, which the catalogue does not list.
    assert {"storage-conditions", "food-safety-manager-cert", "equipment-list"} <= set(food)


def test_prepackaged_food_alone_needs_no_food_licence(supermarket):
    result = outcome_of(
        supermarket, "size=small&sales=retail&foods=prepackaged&sells_drugs=no&devices=none"
    )
    assert codes(result) == ["COMPANY-REGISTRATION"]
    assert result.notes and "prepackaged" in result.notes[0]


def test_totals_count_fees_visits_and_the_longest_time_limit(publish_demo_flow):
    flow = publish_demo_flow("moving-house")
    result = outcome_of(flow, "move_within_city=no&has_vehicle=yes")
    assert codes(result) == [
        "RESIDENCE-PERMIT",
        "SOCIAL-SECURITY-TRANSFER",
        "SOCIAL-SECURITY-CARD-REPLACEMENT",
        "VEHICLE-REGISTRATION-ADDRESS-CHANGE",
        "VEHICLE-INSPECTION-MARK",
    ]
    assert result.total_fee == (Decimal("30.00"), "CNY")
    # All are handled at any centre: one visit covers them together.
    assert result.visits == 1
    assert (result.longest_promised_days, result.longest_legal_days) == (15, 45)


def test_a_service_handled_elsewhere_needs_its_own_visit(supermarket):
    result = outcome_of(
        supermarket, "size=standard&sales=retail&foods=prepackaged&sells_drugs=no&devices=none"
    )
    assert "FIRE-SAFETY-INSPECTION" in codes(result)
    assert result.visits == 2


def test_each_document_is_brought_once(supermarket):
    result = outcome_of(
        supermarket, "size=small&sales=retail&foods=bulk&sells_drugs=yes&devices=class2"
    )
    checklist = {entry.code: entry for entry in result.checklist}
    assert len(checklist) == len(result.checklist)
    assert len(checklist["business-licence"].services) == 3


def test_a_withdrawn_service_is_reported_missing_not_shown(supermarket):
    catalog.withdraw(Service.objects.get(code="MEDICAL-DEVICE-II-FILING"))
    result = outcome_of(
        supermarket, "size=small&sales=retail&foods=bulk&sells_drugs=no&devices=class2"
    )
    assert "MEDICAL-DEVICE-II-FILING" not in codes(result)
    assert result.missing == ["MEDICAL-DEVICE-II-FILING"]


def test_requirement_conditions_read_the_applicants_facts(supermarket):
    query = "size=standard&sales=retail&foods=prepackaged&sells_drugs=no&devices=none"
    visitor = outcome_of(supermarket, query)
    company = outcome_of(supermarket, query, {"applicant.is_company": True})
    assert "business-licence" not in documents(visitor, "FIRE-SAFETY-INSPECTION")
    assert "business-licence" in documents(company, "FIRE-SAFETY-INSPECTION")
