"""The public catalogue API: published services only, filtered, paginated, in your language."""

from __future__ import annotations

import pytest

from guichet.catalog import services as catalog
from guichet.catalog.models import Channel
from tests.api.test_tokens_and_errors import assert_problem

API = "/api/v1/catalog"


@pytest.fixture
def catalogue(make_service, departments):
    birth = catalog.save_event(
        "birth-of-a-child", kind="life", name={"en": "Having a baby", "zh-hans": "生育"}
    )
    restaurant = catalog.save_event(
        "opening-a-restaurant", kind="business", name={"en": "Opening a restaurant"}
    )
    make_service(
        keywords={"en": ["restaurant", "cafe"], "zh-hans": ["餐馆"]},
        events=[restaurant],
        collaborating_departments=[departments["HEALTH"]],
        legal_basis={"en": "Food Safety Law, article 35", "zh-hans": "食品安全法第三十五条"},
        fee_amount="12.50",
    )
    make_service(
        "BIRTH-CERTIFICATE",
        name={"en": "Birth medical certificate", "zh-hans": "出生医学证明"},
        audience="person",
        competent_department=departments["HEALTH"],
        channels=[Channel.ONLINE],
        visits=0,
        events=[birth],
        output=None,
    )
    make_service(
        "RESIDENCE-PERMIT",
        name={"en": "Residence permit", "zh-hans": "居住证"},
        audience="both",
        competent_department=departments["HEALTH"],
        channels=[Channel.NAMED_CENTRE],
        named_centre_code="CENTRE-1",
        output=None,
    )
    make_service("DRAFT-ONLY", publish=False, name={"en": "Draft only", "zh-hans": "草稿"})
    withdrawn = make_service("GONE", name={"en": "Withdrawn permit", "zh-hans": "已撤销"})
    catalog.withdraw(withdrawn.service)


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


def test_the_list_shows_published_services_by_code_and_hides_drafts_and_withdrawn(
    client, catalogue
):
    response = client.get(f"{API}/services")
    assert codes(response) == ["BIRTH-CERTIFICATE", "FOOD-LICENCE", "RESIDENCE-PERMIT"]
    assert response.json()["count"] == 3
    food = response.json()["items"][1]
    assert food["department"] == {"code": "MKT", "name": "Market Regulation Bureau"}
    assert food["version"] == 1 and food["online"] is False and food["fee_amount"] == "12.50"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("department=MKT", ["FOOD-LICENCE"]),
        ("department=HEALTH", ["BIRTH-CERTIFICATE", "RESIDENCE-PERMIT"]),
        ("department=NOPE", []),
        ("event=birth-of-a-child", ["BIRTH-CERTIFICATE"]),
        ("event=opening-a-restaurant", ["FOOD-LICENCE"]),
        ("audience=person", ["BIRTH-CERTIFICATE", "RESIDENCE-PERMIT"]),
        ("audience=company", ["FOOD-LICENCE", "RESIDENCE-PERMIT"]),
        ("audience=both", ["RESIDENCE-PERMIT"]),
        ("online=true", ["BIRTH-CERTIFICATE"]),
        ("online=false", ["FOOD-LICENCE", "RESIDENCE-PERMIT"]),
        ("any_centre=true", ["FOOD-LICENCE"]),
        ("any_centre=false", ["BIRTH-CERTIFICATE", "RESIDENCE-PERMIT"]),
        ("community=true", ["FOOD-LICENCE"]),
        ("community=false", ["BIRTH-CERTIFICATE", "RESIDENCE-PERMIT"]),
        ("department=HEALTH&online=true", ["BIRTH-CERTIFICATE"]),
        ("q=restaurant", ["FOOD-LICENCE"]),
        ("q=餐馆", ["FOOD-LICENCE"]),
        ("q=出生医学证明", ["BIRTH-CERTIFICATE"]),
        ("q=restaurant&department=HEALTH", []),
        ("q=withdrawn", []),
    ],
)
def test_each_filter_narrows_the_list(client, catalogue, query, expected):
    assert codes(client.get(f"{API}/services?{query}")) == expected


def test_an_unknown_audience_is_a_field_error(client, catalogue):
    body = assert_problem(client.get(f"{API}/services?audience=aliens"), 422)
    assert body["errors"][0]["field"] == "audience"


def test_lists_are_paginated(client, catalogue):
    first = client.get(f"{API}/services?limit=2")
    second = client.get(f"{API}/services?limit=2&offset=2")
    assert codes(first) == ["BIRTH-CERTIFICATE", "FOOD-LICENCE"]
    assert codes(second) == ["RESIDENCE-PERMIT"]
    assert first.json()["count"] == second.json()["count"] == 3


def test_detail_says_everything_about_the_published_version(client, catalogue):
    response = client.get(f"{API}/services/FOOD-LICENCE")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Food business licence"
    assert body["name_i18n"] == {"en": "Food business licence", "zh-hans": "食品经营许可"}
    assert body["collaborating_departments"] == [{"code": "HEALTH", "name": "Health Commission"}]
    assert body["events"] == [
        {"code": "opening-a-restaurant", "kind": "business", "name": "Opening a restaurant"}
    ]
    assert body["output"] == {"code": "food-licence", "name": "Food business licence"}
    assert body["legal_basis"] == "Food Safety Law, article 35"
    assert (body["legal_time_limit_days"], body["promised_time_limit_days"]) == (20, 10)
    assert body["channels"] == ["online", "any_centre", "community"]
    assert body["window_type"] == "general" and body["prerequisites"] == []
    assert body["published_at"] and body["version"] == 1
    assert [r["evidence_type"]["code"] for r in body["requirements"]] == [
        "id-card",
        "lease",
        "health-cert",
    ]
    conditional = body["requirements"][2]
    assert conditional["condition"] == '"cooked" in foods'
    assert conditional["condition_text"] == "If you sell cooked food"
    assert conditional["mandatory"] is False and conditional["tolerated_days"] == 30
    assert body["requirements"][1]["form"] == "copy"


def test_detail_follows_the_newest_published_version(client, catalogue):
    from guichet.catalog.selectors import published_version

    draft = catalog.start_draft(published_version("FOOD-LICENCE").service)
    catalog.update_draft(draft, promised_time_limit_days=5)
    assert client.get(f"{API}/services/FOOD-LICENCE").json()["promised_time_limit_days"] == 10
    catalog.publish(draft)
    body = client.get(f"{API}/services/FOOD-LICENCE").json()
    assert (body["version"], body["promised_time_limit_days"]) == (2, 5)


@pytest.mark.parametrize("code", ["NO-SUCH-SERVICE", "DRAFT-ONLY", "GONE"])
def test_unknown_draft_and_withdrawn_services_are_not_found(client, catalogue, code):
    body = assert_problem(client.get(f"{API}/services/{code}"), 404)
    assert body["type"] == "urn:guichet:problem:not-found"
    assert body["instance"] == f"{API}/services/{code}"


def test_names_are_rendered_in_the_language_asked_for(client, catalogue):
    body = client.get(f"{API}/services/FOOD-LICENCE?lang=zh-hans").json()
    assert body["name"] == "食品经营许可"
    assert body["legal_basis"] == "食品安全法第三十五条"
    assert body["department"]["name"] == "市场监督管理局"
    # A text missing in that language falls back to English.
    assert body["description"] == "Permission to sell or serve food."
    listed = client.get(f"{API}/services?lang=zh-Hans").json()["items"]
    assert listed[0]["name"] == "出生医学证明"


def test_the_browser_language_is_the_default(client, catalogue):
    response = client.get(f"{API}/services/BIRTH-CERTIFICATE", HTTP_ACCEPT_LANGUAGE="zh-CN,zh")
    assert response.json()["name"] == "出生医学证明"
    english = client.get(f"{API}/services/BIRTH-CERTIFICATE", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["name"] == "Birth medical certificate"


def test_an_unknown_language_is_a_field_error(client, catalogue):
    body = assert_problem(client.get(f"{API}/services?lang=klingon"), 422)
    assert body["errors"][0]["field"] == "lang"


def test_departments_evidence_types_and_events_are_listed(client, catalogue):
    departments = client.get(f"{API}/departments?lang=zh-hans").json()
    assert [d["code"] for d in departments["items"]] == ["HEALTH", "MKT"]
    assert departments["items"][1]["name"] == "市场监督管理局"
    evidence = client.get(f"{API}/evidence-types").json()["items"]
    assert [e["code"] for e in evidence] == ["food-licence", "health-cert", "id-card", "lease"]
    assert evidence[1]["issuing_department"] == "HEALTH" and evidence[1]["validity_months"] == 12
    events = client.get(f"{API}/events?limit=1").json()
    assert events["count"] == 2
    assert events["items"] == [
        {
            "code": "opening-a-restaurant",
            "kind": "business",
            "name": "Opening a restaurant",
            "name_i18n": {"en": "Opening a restaurant"},
        }
    ]


def test_the_catalogue_needs_no_login(client, catalogue):
    assert client.get(f"{API}/services").status_code == 200
    assert client.get(f"{API}/cpsv-ap.jsonld").status_code == 200


def test_openapi_documents_the_catalogue(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/services",
        "/services/{code}",
        "/departments",
        "/evidence-types",
        "/events",
        "/cpsv-ap.jsonld",
    ):
        assert f"{API}{path}" in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"][f"{API}/services"]["get"]["parameters"]}
    assert {"q", "department", "event", "audience", "online", "lang", "limit"} <= parameters
    detail = schema["paths"][f"{API}/services/{{code}}"]["get"]["responses"]["200"]
    assert detail["content"]["application/json"]["schema"]["$ref"].endswith("ServiceDetailOut")
    jsonld = schema["paths"][f"{API}/cpsv-ap.jsonld"]["get"]["responses"]["200"]
    assert "application/ld+json" in jsonld["content"]
