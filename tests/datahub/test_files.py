"""Handed-in files: the content decides the type, metadata goes, names stay harmless."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfWriter

from guichet.datahub import files
from guichet.datahub.files import (
    DOCUMENT_KINDS,
    MEDIA_KINDS,
    Kind,
    UploadRejected,
    delete_stored,
    file_response,
    inspect,
    open_stored,
    store,
)

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    # The browser's content type is set to a lie on purpose: it must never matter.
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_with_gps(size: tuple[int, int] = (4, 2), orientation: int = 1) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (48.0, 51.0, 29.6)
    gps[3], gps[4] = "E", (2.0, 17.0, 40.2)
    out = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", size, "red").save(
        out, "JPEG", exif=exif, comment=b"taken at home", icc_profile=srgb
    )
    return out.getvalue()


def png_with_text() -> bytes:
    info = PngInfo()
    info.add_text("Author", "Jane Citizen")
    info.add_itxt("Comment", "my address is 12 Rue X", zip=True)
    out = io.BytesIO()
    Image.new("RGBA", (3, 3), (0, 128, 0, 100)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def pdf(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def rejection(*args, **kwargs) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        inspect(*args, **kwargs)
    return caught.value


# --- Images lose their metadata -------------------------------------------------------------


def test_jpeg_loses_gps_and_every_exif_tag():
    clean = inspect(upload("holiday.jpg", jpeg_with_gps(), "image/jpeg"))

    image = Image.open(io.BytesIO(clean.content))
    assert image.format == "JPEG"
    exif = image.getexif()
    assert GPS_IFD not in exif
    assert exif.get_ifd(GPS_IFD) == {}
    assert len(exif) == 0
    assert "comment" not in image.info
    assert "icc_profile" not in image.info
    assert b"PhoneMaker" not in clean.content and b"taken at home" not in clean.content


def test_jpeg_is_turned_upright_before_the_orientation_tag_goes():
    # Orientation 6: the camera was held sideways, the viewer must rotate 90° clockwise.
    clean = inspect(upload("scan.jpg", jpeg_with_gps(size=(4, 2), orientation=6)))

    assert Image.open(io.BytesIO(clean.content)).size == (2, 4)


def test_png_loses_its_text_chunks_and_keeps_transparency():
    clean = inspect(upload("form.png", png_with_text(), "image/png"))

    image = Image.open(io.BytesIO(clean.content))
    assert image.format == "PNG" and image.mode == "RGBA"
    assert image.text == {}
    assert b"Jane Citizen" not in clean.content
    assert image.getpixel((0, 0)) == (0, 128, 0, 100)


def test_webp_is_accepted_as_media_but_not_as_a_document():
    out = io.BytesIO()
    Image.new("RGB", (2, 2), "blue").save(out, "WEBP", lossless=True)

    clean = inspect(upload("photo.webp", out.getvalue()), kinds=MEDIA_KINDS)
    assert clean.kind is Kind.WEBP and clean.content_type == "image/webp"
    assert Image.open(io.BytesIO(clean.content)).getpixel((0, 0)) == (0, 0, 255)
    assert rejection(upload("photo.webp", out.getvalue())).code == "type-not-allowed"


def test_thumbnail_only_when_asked_and_at_most_320_pixels():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 400), "white").save(buffer, "JPEG")

    assert inspect(upload("big.jpg", buffer.getvalue())).thumbnail is None
    clean = inspect(upload("big.jpg", buffer.getvalue()), kinds=MEDIA_KINDS, thumbnail=True)
    thumb = Image.open(io.BytesIO(clean.thumbnail))
    assert thumb.format == "JPEG" and max(thumb.size) <= 320


@pytest.mark.parametrize("side", [8000, 30000], ids=["over-our-limit", "over-pillows-limit"])
def test_image_announcing_too_many_pixels_is_unreadable(side):
    # A decompression bomb in spirit: a tiny file whose header claims side × side pixels.
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    header = b"IHDR" + struct.pack(">II", side, side) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))

    assert rejection(upload("bomb.png", bytes(data))).code == "unreadable"


def test_truncated_image_is_unreadable():
    data = jpeg_with_gps(size=(64, 64))
    assert rejection(upload("cut.jpg", data[: len(data) // 2])).code == "unreadable"


# --- The content decides the type -----------------------------------------------------------


def test_real_pdf_is_kept_byte_for_byte():
    content = pdf()
    clean = inspect(upload("form.pdf", content, "text/html"))

    assert clean.kind is Kind.PDF and clean.content_type == "application/pdf"
    assert clean.content == content and clean.size == len(content)
    assert clean.name == "form.pdf" and clean.thumbnail is None
    assert len(clean.sha256) == 64


def test_encrypted_pdf_is_unreadable():
    assert rejection(upload("secret.pdf", pdf(password="s3cret"))).code == "unreadable"


def test_broken_pdf_is_unreadable():
    assert rejection(upload("broken.pdf", b"%PDF-1.7\nnot really\n")).code == "unreadable"


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03" + b"\x00" * 200,  # a Windows program
        b"<!DOCTYPE html><script>alert(document.cookie)</script>",
        b"just some text",
    ],
    ids=["exe", "html", "text"],
)
def test_other_content_named_pdf_is_refused(content):
    error = rejection(upload("invoice.pdf", content))

    assert error.code == "type-not-allowed"
    assert "PDF, JPEG or PNG" in error.message


def test_jpeg_named_pdf_is_accepted_as_jpeg():
    clean = inspect(upload("passport.pdf", jpeg_with_gps(), "application/pdf"))

    assert clean.kind is Kind.JPEG and clean.content_type == "image/jpeg"
    assert clean.name == "passport.jpg"


def test_pdf_is_refused_where_only_media_is_wanted():
    error = rejection(upload("a.pdf", pdf()), kinds=MEDIA_KINDS)

    assert error.code == "type-not-allowed"
    assert "WEBP" in error.message and "MP4" in error.message


# --- Size -----------------------------------------------------------------------------------


def test_empty_file_is_refused():
    assert rejection(upload("empty.pdf", b"")).code == "empty"


def test_file_over_the_setting_is_refused_with_the_limit_in_mb(settings):
    settings.MAX_DOCUMENT_MB = 1
    error = rejection(upload("big.pdf", pdf() + b"\0" * files.MB))

    assert error.code == "too-large"
    assert "1 MB" in error.message


def test_limit_in_the_message_is_in_mb():
    error = rejection(upload("big.pdf", b"\0" * (3 * files.MB)), max_bytes=files.MB * 5 // 2)
    assert error.code == "too-large" and "2.5 MB" in error.message


def test_file_of_exactly_the_limit_is_accepted():
    content = pdf()
    assert inspect(upload("a.pdf", content), max_bytes=len(content)).size == len(content)


class Stream:
    """A file-like that hides its size and counts what is read from it."""

    def __init__(self, content: bytes, name: str = "x.pdf") -> None:
        self.name, self.size, self.read_bytes = name, None, 0
        self._buffer = io.BytesIO(content)

    def read(self, size: int = -1) -> bytes:
        data = self._buffer.read(size)
        self.read_bytes += len(data)
        return data


def test_no_more_than_the_limit_plus_one_byte_is_read():
    stream = Stream(pdf() + b"\0" * 1_000_000)

    assert rejection(stream, max_bytes=1000).code == "too-large"
    assert stream.read_bytes == 1001


def test_any_file_like_with_a_name_and_read_is_accepted():
    assert inspect(Stream(pdf(), name="plain.pdf")).name == "plain.pdf"


# --- Names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\x\\报告.pdf", "报告.pdf"),
        ("..", "document.pdf"),
        ("", "document.pdf"),
        ('a<b>:c"|?*.pdf', "abc.pdf"),
        ("in\u202efdp.exe", "infdp.pdf"),  # right-to-left override, shown as "inexe.pdf"
        ("line\nbreak\x00.pdf", "linebreak.pdf"),
        ("  Rapport   final  .PDF", "Rapport final.pdf"),
        ("x" * 300 + ".pdf", "x" * 100 + ".pdf"),
    ],
)
def test_names_are_made_harmless(original, expected):
    assert files.safe_name(original, Kind.PDF) == expected


def test_extension_follows_the_content():
    assert files.safe_name("photo.png", Kind.JPEG) == "photo.jpg"
    assert files.safe_name("نامه", Kind.PDF) == "نامه.pdf"


# --- Storage and serving --------------------------------------------------------------------


def test_stored_under_a_random_name_and_read_back():
    clean = inspect(upload("../../我的护照 passport.pdf", pdf()))

    name = store(clean, folder="applications")
    assert name.startswith("applications/") and name.endswith(".pdf")
    assert "passport" not in name and "护照" not in name and ".." not in name
    assert store(clean, folder="applications") != name
    with open_stored(name) as stored:
        assert stored.read() == clean.content

    delete_stored(name)
    assert not files.storages["documents"].exists(name)


@pytest.mark.parametrize("folder", ["../up", "/abs", "a/../b", "", "A B"])
def test_folder_must_be_a_plain_relative_path(folder):
    with pytest.raises(ValueError):
        store(inspect(upload("a.pdf", pdf())), folder=folder)


def test_file_response_cannot_run_as_part_of_the_site():
    clean = inspect(upload("报告.pdf", pdf()))
    name = store(clean, folder="applications")

    response = file_response(name, content_type=clean.content_type, download_name=clean.name)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "inline; filename=\"document.pdf\"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == clean.content


def test_file_response_as_attachment_keeps_an_ascii_fallback(db):
    name = store(inspect(upload("a.pdf", pdf())), folder="applications")

    response = file_response(
        name, content_type="application/pdf", download_name='Déclaration "2025".pdf', inline=False
    )

    assert response["Content-Disposition"] == (
        'attachment; filename="Declaration 2025.pdf"; '
        "filename*=UTF-8''D%C3%A9claration%202025.pdf"
    )
    response.close()


def test_kinds_know_their_type_and_extension():
    assert Kind.JPEG.content_type == "image/jpeg" and Kind.JPEG.extension == ".jpg"
    assert Kind.PDF in DOCUMENT_KINDS and Kind.MP4 not in DOCUMENT_KINDS
    assert Kind.MP4 in MEDIA_KINDS and Kind.PDF not in MEDIA_KINDS
