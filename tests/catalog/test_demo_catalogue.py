"""The demo city's service catalogue: complete, coherent with the shared vocabulary, idempotent.

The catalogue is loaded once for the module, inside a transaction rolled back at the end;
each test runs in a savepoint of its own on top of it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import Count

from guichet.audit.models import AuditEvent
from guichet.catalog import selectors
from guichet.catalog.conditions import evaluate, names, parse
from guichet.catalog.models import (
    Department,
    Event,
    EvidenceType,
    Requirement,
    Service,
    ServiceVersion,
)
from guichet.demo.catalogue import load_catalogue
from guichet.notify.models import OutboxEvent

VOCABULARY = (Path(__file__).parents[2] / "docs" / "catalogue-vocabulary.md").read_text()
LANGUAGES = ("en", "zh-hans", "fr", "th")
EIGHT_LICENCES = [
    "FOOD-BUSINESS-LICENCE",
    "DRUG-RETAIL-LICENCE",
    "MEDICAL-DEVICE-II-FILING",
    "MEDICAL-DEVICE-III-LICENCE",
    "PUBLIC-PLACE-HYGIENE-LICENCE",
    "COMMERCIAL-PERFORMANCE-LICENCE",
    "INTERNET-SERVICE-BUSINESS-LICENCE",
    "ENTERTAINMENT-VENUE-LICENCE",
    "ART-OBJECTS-BUSINESS-FILING",
]


def _section(title: str) -> str:
    return VOCABULARY.split(f"## {title}", 1)[1].split("\n## ", 1)[0]


def _table_codes(title: str) -> list[str]:
    """The first column of a table of the vocabulary: `code` | …"""
    return re.findall(r"^\| `([^`]+)` \|", _section(title), flags=re.MULTILINE)


SERVICE_CODES = _table_codes("Service codes the flows use")
ANSWER_NAMES = set(_table_codes("Answer names (funnel answers) and their values"))
DEPARTMENT_CODES = re.findall(r"`([A-Z]+)` [A-Z]", _section("Department codes"))
EVIDENCE_CODES = re.findall(r"`([a-z0-9-]+)`", _section("Evidence type codes (at least)"))


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        counts = load_catalogue()
    yield counts
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def loaded(catalogue, db):
    return catalogue


def _documents(code: str, answers: dict) -> set[str]:
    version = selectors.published_version(code)
    return {
        r.evidence_type.code for r in version.requirements.all() if evaluate(r.condition, answers)
    }


def test_the_vocabulary_is_read_whole():
    assert len(SERVICE_CODES) >= 38 and len(ANSWER_NAMES) >= 24
    assert len(DEPARTMENT_CODES) == 26 and len(EVIDENCE_CODES) >= 37


def test_counts(loaded):
    assert loaded["services"] >= 500 and loaded["published"] == loaded["services"]
    assert Department.objects.count() >= 24
    assert selectors.published().count() >= 500
    detailed = selectors.published().annotate(n=Count("requirements")).filter(n__gte=4)
    assert detailed.count() >= 80


def test_every_vocabulary_code_exists(loaded):
    published = set(selectors.published().values_list("service__code", flat=True))
    assert set(SERVICE_CODES) <= published
    assert set(DEPARTMENT_CODES) <= set(Department.objects.values_list("code", flat=True))
    assert set(EVIDENCE_CODES) <= set(EvidenceType.objects.values_list("code", flat=True))
    for code in SERVICE_CODES:
        table = _section("Service codes the flows use")
        department = re.search(rf"^\| `{code}` \| [^|]+ \| `([A-Z]+)` \|", table, re.MULTILINE)
        assert selectors.published_version(code).competent_department.code == department[1]


def test_departments_events_and_evidence_speak_four_languages(loaded):
    for department in Department.objects.filter(code__in=DEPARTMENT_CODES):
        assert department.level == Department.Level.CITY
        assert all(department.name.get(lang) for lang in LANGUAGES), department.code
    assert Department.objects.filter(level="district", parent__isnull=False).exists()
    assert Event.objects.filter(kind=Event.Kind.LIFE).count() >= 6
    assert Event.objects.filter(kind=Event.Kind.BUSINESS).count() >= 8
    for item in [*Event.objects.all(), *EvidenceType.objects.all()]:
        assert all(item.name.get(lang) for lang in LANGUAGES), item.code
    issuers = {
        e.code: e.issuing_department.code
        for e in EvidenceType.objects.filter(issuing_department__isnull=False)
    }
    assert issuers["business-licence"] == "MKT" and issuers["id-card"] == "POLICE"
    assert issuers["staff-health-certs"] == "HEALTH"
    assert EvidenceType.objects.get(code="staff-health-certs").validity_months == 12
    outputs = EvidenceType.objects.filter(
        pk__in=selectors.published().exclude(output=None).values("output")
    )
    assert outputs.count() >= 60 and not outputs.filter(shareable=False).exists()


def test_shares_meet_xians_targets(loaded):
    shares = selectors.shares()
    assert shares["city_wide"] >= 0.7
    assert shares["community_orderable"] >= 0.7


def test_every_condition_parses_and_reads_only_vocabulary_answers(loaded):
    conditional = Requirement.objects.filter(
        version__status=ServiceVersion.Status.PUBLISHED
    ).exclude(condition="")
    assert conditional.count() >= 100
    for requirement in conditional:
        assert parse(requirement.condition) is not None
        for name in names(requirement.condition):
            assert name in ANSWER_NAMES or name.startswith("applicant."), (
                requirement.version.service.code,
                name,
            )
        assert requirement.condition_text.get("en") and requirement.condition_text.get("zh-hans")
    tolerated = Requirement.objects.filter(version__status="published", mandatory=False)
    assert tolerated.exists() and not tolerated.filter(tolerated_days=None).exists()


def test_every_service_is_named_and_keeps_its_promises(loaded):
    for version in selectors.published():
        assert version.name.get("en") and version.name.get("zh-hans"), version.service.code
        assert version.name.get("fr") and version.name.get("th"), version.service.code
        assert version.description.get("en") and version.description.get("zh-hans")
        assert version.promised_time_limit_days <= version.legal_time_limit_days
        assert version.legal_reference and version.channels


def test_hand_written_services_are_complete(loaded):
    for code in SERVICE_CODES:
        version = selectors.published_version(code)
        assert version.requirements.count() >= 4, code
        assert all(version.keywords.get(lang) for lang in ("en", "zh-hans")), code
        assert version.who_can_apply.get("en") and version.legal_basis.get("zh-hans"), code
        assert version.events.exists(), code
    assert selectors.published().filter(visits=0).count() >= 100
    assert selectors.published().filter(fee_amount__gt=0).exclude(fee_waiver={}).exists()


def test_prerequisites_exist_and_form_no_cycle(loaded):
    graph = {
        version.service.code: {s.code for s in version.prerequisites.all()}
        for version in selectors.published().prefetch_related("prerequisites")
    }
    assert all(needed <= set(graph) for needed in graph.values())
    expected = {
        "CONSTRUCTION-WORKS-PERMIT": {
            "CONSTRUCTION-PLANNING-PERMIT",
            "CONSTRUCTION-CONTRACT-REGISTRATION",
        },
        "CONSTRUCTION-PLANNING-PERMIT": {"LAND-USE-PLANNING-PERMIT"},
        "LAND-USE-PLANNING-PERMIT": {"INVESTMENT-PROJECT-APPROVAL"},
        "PROJECT-COMPLETION-ACCEPTANCE": {"CONSTRUCTION-WORKS-PERMIT"},
        "HOUSEHOLD-BIRTH-REGISTRATION": {"BIRTH-MEDICAL-CERTIFICATE"},
        "NEWBORN-MEDICAL-INSURANCE": {"HOUSEHOLD-BIRTH-REGISTRATION"},
        **{code: {"COMPANY-REGISTRATION"} for code in EIGHT_LICENCES},
    }
    for code, needed in expected.items():
        assert needed <= graph[code], code
    done: set[str] = set()

    def visit(code: str, path: tuple[str, ...]) -> None:
        assert code not in path, f"cycle: {path + (code,)}"
        if code not in done:
            for prerequisite in graph[code]:
                visit(prerequisite, (*path, code))
            done.add(code)

    for code in graph:
        visit(code, ())


def test_the_licences_ask_for_different_documents_in_different_situations(loaded):
    food = _documents("FOOD-BUSINESS-LICENCE", {"foods": ["prepackaged"], "size": "small"})
    assert {
        "application-form",
        "business-licence",
        "legal-rep-id",
        "lease-contract",
        "floor-plan",
    } <= food
    assert not food & {"staff-health-certs", "kitchen-layout", "bulk-food-storage-plan"}
    cooked = _documents("FOOD-BUSINESS-LICENCE", {"foods": ["cooked"], "size": "large"})
    assert {"staff-health-certs", "kitchen-layout", "food-safety-manager-cert"} <= cooked
    assert "bulk-food-storage-plan" in _documents("FOOD-BUSINESS-LICENCE", {"foods": ["bulk"]})
    infant = _documents("FOOD-BUSINESS-LICENCE", {"foods": ["infant_formula"]})
    assert "traceability-commitment" in infant
    floor_plan = selectors.published_version("FOOD-BUSINESS-LICENCE").requirements.get(
        evidence_type__code="floor-plan"
    )
    assert not floor_plan.mandatory and floor_plan.tolerated_days == 15

    everything = {
        "size": "large",
        "foods": ["cooked", "bulk", "infant_formula", "health_food"],
        "sales": ["wholesale", "retail", "own_manufacture"],
        "area_m2": 800,
        "seats": 120,
        "venue_capacity": 6000,
        "live_music": True,
        "serves_alcohol": True,
        "has_kitchen": True,
        "performers_foreign": True,
        "foreign_invested": True,
        "activity": "beauty_salon",
    }
    for code in EIGHT_LICENCES:
        plain, full = _documents(code, {}), _documents(code, everything)
        assert plain < full, code
        assert len(full - plain) >= 2, code


def test_loading_twice_creates_nothing(loaded):
    models = [Department, EvidenceType, Event, Service, ServiceVersion, Requirement]
    before = {model: model.objects.count() for model in [*models, AuditEvent, OutboxEvent]}
    again = load_catalogue()
    assert set(again.values()) == {0}
    assert {model: model.objects.count() for model in before} == before
