"""A resident reports a pothole from a phone with a photo, the department answers, and the
resident, unhappy, says so through the link in the message: the request is open again."""

from __future__ import annotations

import io
import re

from PIL import Image
from playwright.sync_api import Page, expect

from guichet.hotline import services
from guichet.hotline.models import Request

from .support import english

PHONE = {"width": 390, "height": 844}


def _photo(tmp_path) -> str:
    path = tmp_path / "pothole.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (90, 90, 90)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_a_phone_report_with_a_photo_is_answered_and_reopened(
    page: Page,
    live_server,
    hotline_world,
    axe,
    tmp_path,
):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/hotline/")
    axe.assert_clean(page)
    page.get_by_label(english("Report")).check()
    page.get_by_label(english("What is it about?")).select_option("noise")
    page.get_by_label(english("In a few words"), exact=True).fill("Karaoke every night")
    page.get_by_label(english("Tell us more")).fill("The bar at 18 Wuning Road sings until 3.")
    page.get_by_label(english("Photos or videos")).set_input_files(_photo(tmp_path))
    page.get_by_label(english("E-mail address")).fill("resident@example.org")
    page.get_by_role("button", name=english("Send my request")).click()

    number = re.search(r"12345-\d{8}-\d{5}", page.content()).group(0)
    axe.assert_clean(page)
    request = Request.objects.get(number=number)
    assert request.state == Request.State.DISPATCHED
    assert request.attachments.get().kind == "jpeg"

    (order,) = request.orders.all()
    services.reply_order(order, by=hotline_world.housing_reviewer, reply="We spoke to the bar.")
    request.refresh_from_db()
    page.goto(f"{live_server.url}/hotline/feedback/{services.feedback_token(request)}/")
    page.get_by_label(english("1 – very unhappy")).check()
    page.get_by_label(english("No"), exact=True).check()
    page.get_by_label(english("Anything you would like to add?")).fill("Still singing at 3.")
    page.get_by_role("button", name=english("Send my answer")).click()
    expect(page.locator("main")).to_contain_text(english("open again"))
    request.refresh_from_db()
    assert request.state == Request.State.IN_PROGRESS and request.reopen_count == 1
