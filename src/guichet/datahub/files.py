"""Files people hand in: checked by content, cleaned of metadata, stored under a random name.

`inspect` decides what a file is from its bytes (never its name or the browser's content type),
refuses what the caller did not allow, and returns a `CleanFile`: images are re-encoded without
EXIF, GPS, XMP or comments, PDFs are kept byte for byte once they parse. `store` puts it in the
"documents" storage, which is never under a web root; `file_response` is the only way out.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import IO, Literal, Protocol
from urllib.parse import quote

import filetype
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.utils import formats, timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, JpegImagePlugin
from pypdf import PdfReader

MB = 1024 * 1024
# A 600 dpi A4 scan is 35 Mpx and phone cameras stop around 50; past that a small file can only
# be a decompression bomb. Decoded, this is at most ~200 MB of RGB in one worker.
MAX_PIXELS = 50_000_000
THUMBNAIL_PX = 320
NAME_LENGTH = 100  # characters of the stem, before the extension

Code = Literal["empty", "too-large", "type-not-allowed", "unreadable"]


class Kind(StrEnum):
    PDF = "pdf"
    JPEG = "jpeg"
    PNG = "png"
    WEBP = "webp"
    MP4 = "mp4"
    WEBM = "webm"
    MOV = "mov"  # what iPhones record

    @property
    def content_type(self) -> str:
        return _TYPES[self][0]

    @property
    def extension(self) -> str:
        """The canonical extension, with its dot."""
        return _TYPES[self][1]

    @property
    def label(self) -> str:
        """How the type is named to people: the same in every language."""
        return self.name

    @property
    def is_image(self) -> bool:
        return self in _PILLOW_FORMATS


_TYPES = {  # content type, canonical extension
    Kind.PDF: ("application/pdf", ".pdf"),
    Kind.JPEG: ("image/jpeg", ".jpg"),
    Kind.PNG: ("image/png", ".png"),
    Kind.WEBP: ("image/webp", ".webp"),
    Kind.MP4: ("video/mp4", ".mp4"),
    Kind.WEBM: ("video/webm", ".webm"),
    Kind.MOV: ("video/quicktime", ".mov"),
}
_PILLOW_FORMATS = {Kind.JPEG: "JPEG", Kind.PNG: "PNG", Kind.WEBP: "WEBP"}
# What `filetype` reports, to our kinds. An animated PNG is a PNG whose first frame we keep.
_KIND_OF_MIME = {kind.content_type: kind for kind in Kind} | {"image/apng": Kind.PNG}

DOCUMENT_KINDS = frozenset({Kind.PDF, Kind.JPEG, Kind.PNG})
MEDIA_KINDS = frozenset({Kind.JPEG, Kind.PNG, Kind.WEBP, Kind.MP4, Kind.WEBM, Kind.MOV})


class UploadRejected(Exception):
    """The file cannot be accepted; `.message` tells the person why, in their language."""

    def __init__(
        self, code: Code, *, kinds: frozenset[Kind] = frozenset(), max_bytes: int | None = None
    ) -> None:
        super().__init__(code)
        self.code: Code = code
        self.kinds = kinds
        self.max_bytes = max_bytes

    @property
    def message(self) -> str:
        # Formatted when read, not when raised, so it follows the language of the page showing it.
        if self.code == "empty":
            return str(_("The file is empty."))
        if self.code == "too-large":
            return _("The file is too large: at most %(limit)s MB is accepted.") % {
                "limit": _megabytes(self.max_bytes or 0)
            }
        if self.code == "type-not-allowed":
            labels = [kind.label for kind in Kind if kind in self.kinds]
            return _("This type of file is not accepted. Accepted types: %(types)s.") % {
                "types": get_text_list(labels)
            }
        return str(_("The file could not be opened. It may be damaged or protected by a password."))


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    kind: Kind
    content_type: str
    name: str
    size: int
    sha256: str  # of `content`, the bytes we keep
    thumbnail: bytes | None = None


class Upload(Protocol):
    """Django's UploadedFile, or anything else with a name, a size and `read`."""

    name: str | None
    size: int | None

    def read(self, size: int = -1, /) -> bytes: ...


def inspect(
    upload: Upload | IO[bytes],
    *,
    kinds: frozenset[Kind] = DOCUMENT_KINDS,
    max_bytes: int | None = None,
    thumbnail: bool = False,
    max_pixels: int = MAX_PIXELS,
) -> CleanFile:
    """Check an uploaded file by its content and return it cleaned; raise UploadRejected."""
    limit = max_bytes if max_bytes is not None else settings.MAX_DOCUMENT_MB * MB
    data = _read_at_most(upload, limit)
    if not data:
        raise UploadRejected("empty")
    guess = filetype.guess(data)
    kind = _KIND_OF_MIME.get(guess.mime) if guess else None
    if kind is None or kind not in kinds:
        raise UploadRejected("type-not-allowed", kinds=kinds)

    small = None
    if kind.is_image:
        data, small = _clean_image(data, kind, max_pixels=max_pixels, thumbnail=thumbnail)
    elif kind is Kind.PDF:
        _check_pdf(data)
    # Videos are kept as they are: re-encoding them needs ffmpeg, see the module's report.
    return CleanFile(
        content=data,
        kind=kind,
        content_type=kind.content_type,
        name=safe_name(getattr(upload, "name", None) or "", kind),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        thumbnail=small,
    )


def store(clean: CleanFile, *, folder: str) -> str:
    """Save a checked file under a random name and return its storage name."""
    if not re.fullmatch(r"[a-z0-9_-]+(/[a-z0-9_-]+)*", folder):
        raise ValueError(f"folder must be a plain relative path, not {folder!r}")
    today = timezone.localdate()
    # The person's file name never reaches the disk: it is kept in the database, if at all.
    name = f"{folder}/{today:%Y}/{today:%m}/{uuid.uuid4().hex}{clean.kind.extension}"
    return _storage().save(name, ContentFile(clean.content))


def open_stored(name: str) -> File:
    return _storage().open(name, "rb")


def delete_stored(name: str) -> None:
    _storage().delete(name)


def file_response(
    name: str,
    *,
    content_type: str,
    download_name: str,
    inline: bool = True,
    request: HttpRequest | None = None,
) -> HttpResponseBase:
    """Stream a stored file so that a browser can never run it as part of our site.

    Given the `request`, a single byte range is served (206) so that videos can be seeked
    (Safari asks for ranges before it plays anything); a range past the end is refused (416);
    several ranges, or a range we cannot read, get the whole file (200).
    """
    stored = open_stored(name)
    response: HttpResponseBase
    span = _requested_range(request, stored.size) if request is not None else None
    if span is _UNSATISFIABLE:
        stored.close()
        response = HttpResponse(status=416, content_type=content_type)
        response["Content-Range"] = f"bytes */{stored.size}"
    elif span is not None:
        start, end = span
        stored.seek(start)
        response = StreamingHttpResponse(
            _chunks(stored, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{stored.size}"
        response["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(stored, content_type=content_type)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = content_disposition(download_name, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    return response


_UNSATISFIABLE = (-1, -1)
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")
_CHUNK = 64 * 1024


def _requested_range(request: HttpRequest, size: int) -> tuple[int, int] | None:
    """The one byte range asked for, as (first, last) inclusive; None to send the whole file.

    RFC 9110 §14: a Range header that does not parse, asks for several ranges, or comes with
    an If-Range (we give no validators, so it can never match) is ignored.
    """
    header = request.headers.get("Range", "")
    if not header or request.method not in ("GET", "HEAD") or "If-Range" in request.headers:
        return None
    match = _RANGE.fullmatch(header.strip().replace(" ", ""))
    if match is None or (not match[1] and not match[2]):
        return None  # also "bytes=0-1,4-5": several ranges get the whole file
    if not match[1]:  # the last n bytes
        suffix = int(match[2])
        if suffix == 0 or size == 0:
            return _UNSATISFIABLE
        return max(size - suffix, 0), size - 1
    first = int(match[1])
    if match[2] and int(match[2]) < first:
        return None
    if first >= size:
        return _UNSATISFIABLE
    return first, min(int(match[2]) if match[2] else size - 1, size - 1)


def _chunks(stored: File, length: int) -> Iterator[bytes]:
    try:
        while length > 0:
            chunk = stored.read(min(_CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            yield chunk
    finally:
        stored.close()


def content_disposition(filename: str, *, inline: bool = True) -> str:
    """An RFC 6266 header value: an ASCII fallback name and the real one in UTF-8."""
    name = _clean_text(filename) or "document"
    stem, extension = _split_extension(name)
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    ascii_stem = re.sub(r"[^A-Za-z0-9._ ()-]+", "_", ascii_stem).strip("_ .")
    fallback = (ascii_stem or "document") + extension.encode("ascii", "ignore").decode()
    disposition = "inline" if inline else "attachment"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def safe_name(original: str, kind: Kind) -> str:
    """The name to show and offer for download: the person's own, harmless, typed by content."""
    # Browsers send a bare name, but old ones and scripts send whole Windows or Unix paths.
    base = re.split(r"[/\\]", original)[-1]
    stem, _extension = _split_extension(_clean_text(base))
    stem = stem[:NAME_LENGTH].strip(" .")
    return (stem or "document") + kind.extension


def _clean_text(text: str) -> str:
    """Without control, bidi-override or path-reserved characters, one space between words."""
    text = unicodedata.normalize("NFC", text)
    kept = "".join(char for char in text if not _is_dangerous(char))
    return re.sub(r"\s+", " ", kept).strip(" .")


def _is_dangerous(char: str) -> bool:
    if char in '<>:"/\\|?*':
        return True
    category = unicodedata.category(char)
    # Format characters include the right-to-left override that shows "exe.pdf" as "fdp.exe";
    # zero-width (non-)joiners stay, Persian and Indic words need them.
    if category == "Cf":
        return char not in "\u200c\u200d"
    return category in ("Cc", "Cs", "Co", "Cn")


def _split_extension(name: str) -> tuple[str, str]:
    match = re.fullmatch(r"(.*?)(\.[A-Za-z0-9]{1,5})", name)
    return (match[1], match[2]) if match else (name, "")


def _megabytes(size: int) -> str:
    value = size / MB
    return formats.number_format(int(value) if value.is_integer() else round(value, 2))


def _storage() -> Storage:
    return storages["documents"]


def _read_at_most(upload: Upload | IO[bytes], limit: int) -> bytes:
    """The whole file, reading at most limit + 1 bytes: enough to know it is too large."""
    too_large = UploadRejected("too-large", max_bytes=limit)
    # Django measures `size` as it receives the file, so a larger one needs no reading at all.
    declared = getattr(upload, "size", None)
    if isinstance(declared, int) and declared > limit:
        raise too_large
    if hasattr(upload, "seek"):
        upload.seek(0)
    parts: list[bytes] = []
    remaining = limit + 1
    while remaining > 0:
        chunk = upload.read(min(remaining, 64 * 1024))
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    if remaining <= 0:
        raise too_large
    return b"".join(parts)


def _unreadable() -> UploadRejected:
    return UploadRejected("unreadable")


def _check_pdf(data: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # The clerk could not open it either, and we could not look inside.
            raise _unreadable()
        if len(reader.pages) == 0:
            raise _unreadable()
    except UploadRejected:
        raise
    except Exception as error:
        # pypdf reports broken input with many exception types (PdfReadError, KeyError,
        # ValueError, RecursionError, ...); for us they all mean the same thing.
        raise _unreadable() from error


def _clean_image(
    data: bytes, kind: Kind, *, max_pixels: int, thumbnail: bool
) -> tuple[bytes, bytes | None]:
    """Re-encode an image in its own format with nothing in it but pixels, upright."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            source = Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[kind]])
            width, height = source.size
            if width * height > max_pixels:
                raise _unreadable()
            source.load()
            image = _to_srgb(ImageOps.exif_transpose(source))
            content = _encode(image, kind, source=source, data=data)
            small = _thumbnail(image) if thumbnail else None
    except UploadRejected:
        raise
    except (
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ) as error:
        # Truncated, corrupt, or announcing more pixels than it could decently hold.
        raise _unreadable() from error
    return content, small


_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(image: Image.Image) -> Image.Image:
    """Bake the colour profile into the pixels, so the profile itself can go.

    Dropping an ICC profile as such would make photos from recent phones (Display P3) look
    washed out; keeping it keeps free-text fields (description, copyright, device). Converting
    to sRGB, which browsers assume anyway, keeps the colours and drops the text.
    """
    icc = image.info.get("icc_profile")
    if image.mode == "CMYK":
        # Browsers disagree on CMYK JPEGs (inverted Adobe ones above all); RGB shows the same.
        if icc:
            try:
                profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
                return ImageCms.profileToProfile(image, profile, _SRGB, outputMode="RGB")
            except (ImageCms.PyCMSError, OSError, ValueError):
                pass
        return image.convert("RGB")
    if icc and image.mode in ("RGB", "RGBA"):
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(image, profile, _SRGB, outputMode=image.mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile is no reason to refuse a document; sRGB is close enough
    return image


def _encode(image: Image.Image, kind: Kind, *, source: Image.Image, data: bytes) -> bytes:
    # Pillow copies some metadata from `info` when saving (JPEG comments, PNG ICC profiles), so
    # the info is emptied but for what the pixels need (palette transparency) and the scan's dpi.
    kept = {key: image.info[key] for key in ("transparency", "dpi") if key in image.info}
    image.info = {"transparency": kept["transparency"]} if "transparency" in kept else {}
    options: dict[str, object] = {}
    if "dpi" in kept:
        options["dpi"] = kept["dpi"]
    if kind is Kind.JPEG:
        options |= _jpeg_quality(source, image)
    elif kind is Kind.WEBP:
        options |= {"lossless": True} if _webp_is_lossless(data) else {"quality": 90}
    out = io.BytesIO()
    image.save(out, _PILLOW_FORMATS[kind], **options)
    return out.getvalue()


def _jpeg_quality(source: Image.Image, image: Image.Image) -> dict[str, object]:
    """The original's quantisation tables: the file neither grows nor loses visible quality."""
    tables = getattr(source, "quantization", None)
    if tables and source.mode == image.mode and len(tables) <= 4:
        return {"qtables": tables, "subsampling": JpegImagePlugin.get_sampling(source)}
    return {"quality": 90}


def _webp_is_lossless(data: bytes) -> bool:
    """A lossless WebP (often a screenshot) holds a VP8L chunk; re-encoding it lossy blurs text."""
    position = 12  # after "RIFF", the size, and "WEBP"
    while position + 8 <= len(data):
        chunk = data[position : position + 4]
        length = int.from_bytes(data[position + 4 : position + 8], "little")
        if chunk in (b"VP8L", b"VP8 "):
            return chunk == b"VP8L"
        position += 8 + length + (length & 1)
    return False


def _thumbnail(image: Image.Image) -> bytes:
    small = image.copy()
    small.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
    if small.mode not in ("RGB", "L"):
        # Transparent parts become white, as on the page around them.
        rgba = small.convert("RGBA")
        small = Image.new("RGB", rgba.size, "white")
        small.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    small.save(out, "JPEG", quality=80)
    return out.getvalue()
