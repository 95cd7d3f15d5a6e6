"""The public catalogue pages: search, browse and filter; each service's page and its JSON-LD."""

from __future__ import annotations

import json
import re

import pytest
from django.utils.html import escape

from guichet.catalog import search
from guichet.catalog import services as catalog
from guichet.catalog.models import Channel

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True)
def _fresh_index():
    search.reset()
    yield
    search.reset()


@pytest.fixture
def catalogue(make_service, departments):
    catalog.save_event("open-restaurant", kind="business", name={"en": "Opening a restaurant"})
    catalog.save_event("birth", kind="life", name={"en": "Birth of a child"})
    food = make_service(
        events=list(catalog.Event.objects.filter(code="open-restaurant")),
        fee_amount=120,
        fee_waiver={"en": "Small businesses in their first year pay nothing."},
        legal_basis={"en": "Food Safety Law, article 35"},
        legal_reference="FSL-35",
    )
    birth = make_service(
        "BIRTH-REGISTRATION",
        name={"en": "Household registration of a newborn", "zh-hans": "新生儿户口登记"},
        competent_department=departments["HEALTH"],
        audience="person",
        visits=0,
        channels=[Channel.ONLINE],
        events=list(catalog.Event.objects.filter(code="birth")),
        prerequisites=[food.service],
    )
    make_service("UNPUBLISHED", publish=False, name={"en": "Kite permit", "zh-hans": "风筝"})
    return {"food": food, "birth": birth}


def page(client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def result_names(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/services/[^"]+/">([^<]+)</a></h3>', html)


def test_the_list_shows_published_services_only(client, catalogue):
    html = page(client, "/services/")
    # Browsing lists services by code, so the order is the same in every language.
    assert result_names(html) == ["Household registration of a newborn", "Food business licence"]
    assert "Kite permit" not in html
    assert "All 2 services" in html
    assert "CN¥120.00" in html and "answer within 10 working days" in html
    assert '<label for="id_q">' in html and 'role="search"' in html


def test_the_list_says_where_people_can_apply(client, catalogue):
    # Food licence: online, any centre, community; birth registration: online only.
    html = page(client, "/services/")
    assert "50% of the services can be applied for at any service centre" in html
    assert "50% at a community centre near you" in html


def test_search_from_the_list_page(client, catalogue):
    assert result_names(page(client, "/services/?q=newbron")) == [
        "Household registration of a newborn"
    ]
    assert result_names(page(client, "/services/?q=食品经营")) == ["Food business licence"]
    html = page(client, "/services/?q=zzzzqq")
    assert result_names(html) == [] and "No service matches" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("department=HEALTH", ["Household registration of a newborn"]),
        ("department=MKT", ["Food business licence"]),
        ("event=birth", ["Household registration of a newborn"]),
        ("event=open-restaurant", ["Food business licence"]),
        ("audience=company", ["Food business licence"]),
        ("audience=person", ["Household registration of a newborn"]),
        ("online=1", ["Household registration of a newborn"]),
        ("anywhere=1", ["Food business licence"]),
        ("online=1&anywhere=1", []),
        ("q=licence&department=HEALTH", []),
    ],
)
def test_filters(client, catalogue, query, expected):
    assert result_names(page(client, f"/services/?{query}")) == expected


def test_filters_show_how_many_services_each_choice_gives(client, catalogue):
    html = page(client, "/services/?department=HEALTH")
    # The department list keeps its other choices' counts; the others narrow to HEALTH.
    assert re.search(r'<option value="MKT">Market Regulation Bureau \(1\)</option>', html)
    assert re.search(r'<option value="HEALTH" selected>Health Commission \(1\)</option>', html)
    assert "Can be done fully online (1)" in html
    assert "At any service centre in the city (0)" in html
    assert "Birth of a child (1)" in html and "Opening a restaurant" not in html


def test_the_list_is_paginated_by_twenty(client, make_service):
    for n in range(23):
        make_service(f"S-{n:02}", name={"en": f"Service number {n:02}", "zh-hans": "服务"})
    first = page(client, "/services/")
    assert len(result_names(first)) == 20 and "Page 1 of 2" in first
    assert 'href="?page=2"' in first
    second = page(client, "/services/?page=2")
    assert result_names(second) == ["Service number 20", "Service number 21", "Service number 22"]
    searched = page(client, "/services/?q=service&page=2")
    assert len(result_names(searched)) == 3
    assert 'href="?q=service&amp;page=1"' in searched


def test_the_service_page_says_what_to_bring_in_plain_words(client, catalogue):
    html = page(client, "/services/FOOD-LICENCE/")
    assert "<h1>Food business licence</h1>" in html
    assert "Permission to sell or serve food." in html
    assert '<th scope="row">Resident identity card' in html
    assert "If you sell cooked food" in html and "Issued by Health Commission" in html
    assert "May follow within 30 days after you apply" in html
    assert "Copy" in html and "Required when you apply" in html
    assert "cooked" not in html.replace("If you sell cooked food", "")  # never the expression
    assert "Small businesses in their first year pay nothing." in html
    assert "CN¥120.00" in html
    assert "10 working days" in html and "20 working days" in html
    assert "Any service centre in the city" in html and "Community service centres" in html
    assert "You need to come in person 1 time." in html
    assert "Food Safety Law, article 35" in html and "FSL-35" in html
    assert "Market Regulation Bureau" in html
    assert "style=" not in html


def test_a_condition_without_plain_words_is_never_shown_raw(client, make_service, evidence):
    draft = make_service("RAW", publish=False)
    catalog.replace_requirements(
        draft, [catalog.RequirementSpec(evidence["lease"], condition="seats > 50")]
    )
    catalog.publish(draft)
    html = page(client, "/services/RAW/")
    assert "seats" not in html and "Only in some cases" in html


def test_prerequisites_link_to_their_pages(client, catalogue):
    html = page(client, "/services/BIRTH-REGISTRATION/")
    assert '<a href="/services/FOOD-LICENCE/">Food business licence</a>' in html
    assert "No visit needed" in html


def test_the_service_page_describes_itself_in_json_ld(client, catalogue):
    html = page(client, "/services/FOOD-LICENCE/")
    (block,) = LD_JSON.findall(html)
    data = json.loads(block)
    assert data["@context"] == "https://schema.org" and data["@type"] == "GovernmentService"
    assert data["name"] == "Food business licence"
    assert data["provider"] == {
        "@type": "GovernmentOrganization",
        "name": "Market Regulation Bureau",
    }
    assert data["offers"] == {"@type": "Offer", "price": "120.00", "priceCurrency": "CNY"}
    assert {c["@type"] for c in data["availableChannel"]} == {"ServiceChannel"}
    assert data["url"] == "http://testserver/services/FOOD-LICENCE/"
    assert data["serviceType"] == "Opening a restaurant" and data["areaServed"]["name"]


def test_json_ld_cannot_break_out_of_its_script_element(client, make_service):
    make_service("XSS", description={"en": "</script><script>alert(1)</script> & more"})
    html = page(client, "/services/XSS/")
    (block,) = LD_JSON.findall(html)
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block)["description"] == "</script><script>alert(1)</script> & more"
    assert html.count("<script>") == 0


@pytest.mark.parametrize("code", ["NO-SUCH-SERVICE", "UNPUBLISHED"])
def test_unknown_and_unpublished_services_are_not_found(client, catalogue, code):
    assert client.get(f"/services/{code}/").status_code == 404


def test_a_withdrawn_service_is_not_found(client, catalogue):
    catalog.withdraw(catalogue["food"].service)
    assert client.get("/services/FOOD-LICENCE/").status_code == 404
    assert "Food business licence" not in result_names(page(client, "/services/?q=food"))


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "Food business licence"),
        ("zh-hans", "食品经营许可"),
        ("fr", "Food business licence"),  # no French name: English comes next
        ("th", "Food business licence"),
    ],
)
def test_every_language_renders(client, catalogue, language, name):
    client.cookies["django_language"] = language
    listing = page(client, "/services/")
    detail = page(client, "/services/FOOD-LICENCE/")
    for html in (listing, detail):
        assert f'<html lang="{language}"' in html
        assert escape(name) in html
    assert json.loads(LD_JSON.findall(detail)[0])["name"] == name
