"""The guided funnel's world: a small toy flow, the demo flows, and the services they name."""

from __future__ import annotations

import copy

import pytest
from django.utils import translation

from guichet.demo import flows as demo_flows
from guichet.demo.flows import stand_in
from guichet.guidance import services
from guichet.guidance.engine import compile_definition

TOY_SERVICES = {"FOOD-BUSINESS-LICENCE", "ALCOHOL-RETAIL-FILING", "FIRE-SAFETY-INSPECTION"}
TOY_EVIDENCE = {"staff-health-certs", "floor-plan"}


def _t(en: str) -> dict:
    return {"en": en, "zh-hans": f"{en}（中文）"}


TOY = {
    "slug": "toy",
    "title": _t("Opening a toy shop"),
    "intro": _t("A few questions."),
    "start": "kind",
    "audience": "company",
    "questions": [
        {
            "key": "kind",
            "kind": "single",
            "text": _t("What will you sell?"),
            "options": [
                {"value": "food", "label": _t("Food"), "next": "foods"},
                {"value": "drinks", "label": _t("Drinks")},
            ],
            "next": "area_m2",
        },
        {
            "key": "foods",
            "kind": "multiple",
            "text": _t("Which foods?"),
            "options": [
                {"value": "bulk", "label": _t("Bulk")},
                {"value": "cooked", "label": _t("Cooked")},
            ],
            "next": "area_m2",
        },
        {
            "key": "area_m2",
            "kind": "number",
            "text": _t("Floor area?"),
            "min": 1,
            "max": 10000,
            "routes": [{"when": "area_m2 >= 300", "next": "serves_alcohol"}],
            "next": "end",
        },
        {
            "key": "serves_alcohol",
            "kind": "yes_no",
            "text": _t("Alcohol?"),
            "next": "end",
        },
    ],
    "results": [
        {"when": 'kind == "food"', "service": "FOOD-BUSINESS-LICENCE"},
        {"when": "serves_alcohol", "service": "ALCOHOL-RETAIL-FILING"},
        {"when": "area_m2 >= 300", "service": "FIRE-SAFETY-INSPECTION"},
        {
            "when": '"cooked" in foods',
            "requirement": {
                "service": "FOOD-BUSINESS-LICENCE",
                "evidence": "staff-health-certs",
                "required": True,
            },
        },
        {"when": "area_m2 < 300", "note": _t("A fire safety commitment is enough.")},
    ],
}


@pytest.fixture(autouse=True)
def _in_english():
    """Messages are compared in English; a page requested in another language must not leak."""
    with translation.override("en"):
        yield


@pytest.fixture
def toy_doc() -> dict:
    return copy.deepcopy(TOY)


@pytest.fixture
def toy(toy_doc):
    return compile_definition(toy_doc)


def needed_services(doc: dict) -> set[str]:
    return {r["service"] for r in doc["results"] if r.get("service")}


@pytest.fixture
def publish_demo_flow(db):
    """Publish a demo flow, creating the (stand-in) services it names when they are missing."""

    def publish(slug: str):
        doc = demo_flows.document(slug)
        stand_in.ensure_catalogue(needed_services(doc))
        return services.import_flow(doc, publish_now=True)

    return publish


@pytest.fixture
def supermarket(publish_demo_flow):
    return publish_demo_flow("supermarket")


@pytest.fixture
def toy_flow(db, toy_doc):
    stand_in.ensure_catalogue(TOY_SERVICES)
    return services.import_flow(toy_doc, publish_now=True)
