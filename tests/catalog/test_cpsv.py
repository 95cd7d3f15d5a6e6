"""The published catalogue as CPSV-AP 3.2.0 JSON-LD conforms to the profile's SHACL shapes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import DCTERMS, RDF

from guichet.catalog import cpsv
from guichet.catalog import services as catalog

# rdflib's own JSON-LD reader still uses a class it deprecates.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

URL = "/api/v1/catalog/cpsv-ap.jsonld"
SHAPES = Path(__file__).parent / "data" / "cpsv-ap-3.2.0" / "cpsv-ap-SHACL.ttl"
CPSV = rdflib.Namespace("http://purl.org/vocab/cpsv#")
CV = rdflib.Namespace("http://data.europa.eu/m8g/")
BASE = "https://guichet.example/id"
DURATION = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#duration")


@pytest.fixture(autouse=True)
def _fresh_export():
    cpsv.clear_cache()
    yield
    cpsv.clear_cache()


@pytest.fixture
def catalogue(make_service, departments, evidence):
    birth = catalog.save_event("birth-of-a-child", kind="life", name={"en": "Having a baby"})
    restaurant = catalog.save_event(
        "opening-a-restaurant",
        kind="business",
        name={"en": "Opening a restaurant", "zh-hans": "开餐馆"},
    )
    company = make_service(
        "COMPANY-REGISTRATION",
        name={"en": "Company registration", "zh-hans": "企业设立登记"},
        fee_amount=Decimal("50.00"),
        legal_reference="https://law.example/company-law/art-29",
        legal_basis={"en": "Company Law, article 29"},
        output=None,
    )
    old = make_service("OLD-PERMIT", name={"en": "Old permit", "zh-hans": "旧许可"})
    food = make_service(
        keywords={"en": ["restaurant", "cafe"], "zh-hans": ["餐馆"]},
        description={"en": "Permission to sell or serve food.", "zh-hans": "销售或提供食品。"},
        collaborating_departments=[departments["HEALTH"]],
        events=[restaurant],
        prerequisites=[company.service, old.service],
        legal_basis={"en": "Food Safety Law, article 35", "zh-hans": "食品安全法第三十五条"},
        legal_reference="Food Safety Law art. 35",
        fee_waiver={"en": "Free for small workshops"},
    )
    catalog.withdraw(old.service)
    baby = make_service(
        "BIRTH-MEDICAL-CERTIFICATE",
        name={"en": "Birth medical certificate", "zh-hans": "出生医学证明"},
        description={},
        audience="both",
        competent_department=departments["HEALTH"],
        channels=["online", "named_centre"],
        named_centre_code="HOSPITAL-1",
        visits=0,
        events=[birth],
        output=None,
    )
    make_service("DRAFT-ONLY", publish=False, name={"en": "Not yet", "zh-hans": "草稿"})
    return {"published": [company, food, baby], "withdrawn": old}


def _export(client) -> rdflib.Graph:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return rdflib.Graph().parse(data=response.content, format="json-ld")


def _validate(data: rdflib.Graph) -> tuple[bool, str]:
    shapes = rdflib.Graph().parse(SHAPES, format="turtle")
    conforms, _report, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False
    )
    return conforms, text


def test_export_conforms_to_the_cpsv_ap_shapes(client, catalogue):
    conforms, text = _validate(_export(client))
    assert conforms, text


def test_the_shapes_do_check_the_export(client, catalogue):
    data = _export(client)
    data.remove((None, DCTERMS.spatial, None))  # a public organisation must say where it acts
    conforms, text = _validate(data)
    assert not conforms and "spatial" in text


def test_one_public_service_per_published_service_and_none_for_the_others(client, catalogue):
    data = _export(client)
    found = {
        str(data.value(s, DCTERMS.identifier)) for s in data.subjects(RDF.type, CPSV.PublicService)
    }
    assert found == {"COMPANY-REGISTRATION", "FOOD-LICENCE", "BIRTH-MEDICAL-CERTIFICATE"}


def test_texts_are_tagged_in_bcp47_in_every_language(client, catalogue):
    raw = client.get(URL).json()
    food = next(n for n in raw["@graph"] if n.get("dct:identifier") == "FOOD-LICENCE")
    assert {"@value": "食品经营许可", "@language": "zh-Hans"} in food["dct:title"]
    assert {"@value": "Food business licence", "@language": "en"} in food["dct:title"]
    assert {"@value": "餐馆", "@language": "zh-Hans"} in food["dcat:keyword"]
    assert raw["@context"]["cpsv"] == "http://purl.org/vocab/cpsv#"  # no remote context


def test_the_service_links_authority_cost_channels_evidence_events_and_prerequisites(
    client, catalogue
):
    data = _export(client)
    food = rdflib.URIRef(f"{BASE}/service/FOOD-LICENCE")
    assert data.value(food, CV.hasCompetentAuthority) == rdflib.URIRef(f"{BASE}/department/MKT")
    assert data.value(food, CV.processingTime) == rdflib.Literal("P10D", datatype=DURATION)
    assert set(data.objects(food, DCTERMS.requires)) == {
        rdflib.URIRef(f"{BASE}/service/COMPANY-REGISTRATION")  # the withdrawn one is left out
    }
    assert len(set(data.objects(food, CPSV.hasInput))) == 3
    assert data.value(food, CPSV.produces) == rdflib.URIRef(f"{BASE}/output/food-licence")
    assert (rdflib.URIRef(f"{BASE}/event/opening-a-restaurant"), RDF.type, CV.BusinessEvent) in data
    assert len(set(data.objects(food, CV.hasChannel))) == 3
    company = rdflib.URIRef(f"{BASE}/service/COMPANY-REGISTRATION")
    cost = data.value(company, CV.hasCost)
    assert data.value(cost, CV.hasValue).toPython() == 50.0
    legal = data.value(company, CV.hasLegalResource)
    assert legal == rdflib.URIRef("https://law.example/company-law/art-29")


def test_iris_follow_the_public_base_url(client, catalogue, settings):
    settings.GUICHET_PUBLIC_BASE_URL = "https://services.city.example/"
    data = _export(client)
    service = next(data.subjects(RDF.type, CPSV.PublicService))
    assert str(service).startswith("https://services.city.example/id/service/")


def test_the_export_is_kept_for_a_minute(client, catalogue, make_service, monkeypatch):
    first = client.get(URL).content
    make_service("NEW-SERVICE", name={"en": "New", "zh-hans": "新"})
    assert client.get(URL).content == first
    now = cpsv.time.monotonic()
    monkeypatch.setattr(cpsv.time, "monotonic", lambda: now + cpsv.CACHE_SECONDS + 1)
    assert b"NEW-SERVICE" in client.get(URL).content
