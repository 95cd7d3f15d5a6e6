"""Seeking in a video: one byte range is served (206), a range past the end is refused (416)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from guichet.datahub.files import CleanFile, Kind, file_response, store

# Closing a response sends request_finished, which looks at the database connection.
pytestmark = pytest.mark.django_db

CONTENT = bytes(range(256)) * 4  # 1024 bytes, each position recognisable


@pytest.fixture(scope="module")
def stored_name() -> str:
    clean = CleanFile(
        content=CONTENT,
        kind=Kind.MP4,
        content_type=Kind.MP4.content_type,
        name="clip.mp4",
        size=len(CONTENT),
        sha256="",
    )
    return store(clean, folder="tests/ranges")


def serve(name: str, range_header: str | None = None, *, method: str = "get", **headers):
    if range_header is not None:
        headers["HTTP_RANGE"] = range_header
    request = getattr(RequestFactory(), method)("/files/1/", **headers)
    return file_response(name, content_type="video/mp4", download_name="clip.mp4", request=request)


def body(response) -> bytes:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    response.close()
    return content


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, 1023),
        ("bytes=-24", 1000, 1023),
        ("bytes=1000-5000", 1000, 1023),  # the end is clipped to the file
        ("bytes=-5000", 0, 1023),  # a suffix longer than the file is the whole file
        ("bytes=7-7", 7, 7),
    ],
)
def test_one_range_is_served_as_partial_content(stored_name, header, first, last):
    response = serve(stored_name, header)

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/1024"
    assert response["Content-Length"] == str(last - first + 1)
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == CONTENT[first : last + 1]


def test_partial_content_keeps_the_file_from_running_in_our_site(stored_name):
    response = serve(stored_name, "bytes=0-9")

    assert response["Content-Security-Policy"] == "sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "video/mp4"
    assert response["Content-Disposition"].startswith('inline; filename="clip.mp4"')
    body(response)


@pytest.mark.parametrize("header", ["bytes=1024-", "bytes=5000-6000", "bytes=-0"])
def test_a_range_past_the_end_is_refused(stored_name, header):
    response = serve(stored_name, header)

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"
    assert response["Content-Security-Policy"] == "sandbox"
    assert body(response) == b""


@pytest.mark.parametrize(
    "header",
    [
        "bytes=0-1,4-5",  # several ranges: the whole file rather than multipart
        "bytes=9-2",  # backwards
        "lines=1-2",  # not bytes
        "bytes=abc",
        "bytes=-",
    ],
)
def test_several_or_unreadable_ranges_get_the_whole_file(stored_name, header):
    response = serve(stored_name, header)

    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == CONTENT


def test_without_a_range_the_whole_file_says_ranges_are_accepted(stored_name):
    response = serve(stored_name)

    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == "1024"
    assert body(response) == CONTENT


def test_without_the_request_the_whole_file_is_served_as_before(stored_name):
    response = file_response(stored_name, content_type="video/mp4", download_name="clip.mp4")

    assert response.status_code == 200
    assert body(response) == CONTENT


def test_if_range_cannot_match_so_the_whole_file_is_sent(stored_name):
    response = serve(stored_name, "bytes=0-9", HTTP_IF_RANGE='"some-etag"')

    assert response.status_code == 200
    assert body(response) == CONTENT


def test_a_range_on_a_post_is_ignored(stored_name):
    response = serve(stored_name, "bytes=0-9", method="post")

    assert response.status_code == 200
    assert body(response) == CONTENT
