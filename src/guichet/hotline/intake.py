"""Taking requests in, on every channel: checked whole before anything is written."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from guichet.accounts import services as accounts
from guichet.audit import services as audit
from guichet.datahub import files
from guichet.ops.sequences import next_number

from . import permissions
from .models import Attachment, Category, GridCell, Kind, Request, RequestUpdate, Urgency, WorkOrder
from .notices import tell_reporter

PUBLIC_CHANNELS = {
    Request.Channel.WEB,
    Request.Channel.APP,
    Request.Channel.API,
    Request.Channel.KIOSK,
}
MAX_FILES = 6
MAX_DESCRIPTION = 5000
DUPLICATE_DAYS = 30
DUPLICATE_TEXT_MIN = 0.25  # bigram overlap (Dice) below which two texts are about different things


def _invalid(code: str, message, **params) -> ValidationError:
    return ValidationError(message, code=code, params=params or None)


def cell_at(lat: float | None, lon: float | None) -> GridCell | None:
    """The grid cell a point falls in (the first one, when a city's boxes overlap)."""
    if lat is None or lon is None:
        return None
    return (
        GridCell.objects.filter(
            min_lat__lte=lat, max_lat__gte=lat, min_lon__lte=lon, max_lon__gte=lon
        )
        .order_by("id")
        .first()
    )


def check_files(uploads: Iterable) -> list[files.CleanFile]:
    """Every photo or video checked by content, before anything is stored."""
    uploads = [u for u in uploads if u]
    if len(uploads) > MAX_FILES:
        raise _invalid(
            "too-many-files",
            _("At most %(count)s files can be sent with a request."),
            count=MAX_FILES,
        )
    image_limit = settings.GUICHET_HOTLINE_IMAGE_MB * files.MB
    video_limit = settings.GUICHET_HOTLINE_VIDEO_MB * files.MB
    checked = []
    for upload in uploads:
        try:
            clean = files.inspect(
                upload,
                kinds=files.MEDIA_KINDS,
                max_bytes=max(image_limit, video_limit),
                thumbnail=True,
            )
            limit = image_limit if clean.kind.is_image else video_limit
            if clean.size > limit:
                raise files.UploadRejected("too-large", max_bytes=limit)
        except files.UploadRejected as refusal:
            name = getattr(upload, "name", "") or ""
            raise _invalid(
                "upload-rejected", "%(name)s: %(reason)s", name=name, reason=refusal.message
            ) from refusal
        checked.append(clean)
    return checked


def store_attachments(
    request: Request,
    checked: Sequence[files.CleanFile],
    *,
    purpose: str = Attachment.Purpose.REPORT,
    order: WorkOrder | None = None,
) -> list[Attachment]:
    stored = []
    for clean in checked:
        thumbnail_name = ""
        if clean.thumbnail:
            thumbnail_name = files.store(
                files.CleanFile(
                    content=clean.thumbnail,
                    kind=files.Kind.JPEG,
                    content_type=files.Kind.JPEG.content_type,
                    name="thumbnail.jpg",
                    size=len(clean.thumbnail),
                    sha256="",
                ),
                folder="hotline/thumbnails",
            )
        stored.append(
            Attachment.objects.create(
                request=request,
                work_order=order,
                purpose=purpose,
                stored_name=files.store(clean, folder="hotline"),
                thumbnail_name=thumbnail_name,
                original_name=clean.name,
                kind=clean.kind.value,
                content_type=clean.content_type,
                size=clean.size,
                sha256=clean.sha256,
            )
        )
    return stored


@transaction.atomic
def add_files(request: Request, *, by, files: Iterable) -> list[Attachment]:
    """More photos or videos for an open request, from its reporter or the call centre."""
    if not (request.reporter_id == getattr(by, "pk", None) or permissions.is_call_centre(by)):
        raise PermissionDenied("reporter-or-call-centre")
    if not request.is_open:
        raise _invalid("not-open", _("This request is closed."))
    uploads = [f for f in files if f]
    held = request.attachments.filter(purpose=Attachment.Purpose.REPORT).count()
    if held + len(uploads) > MAX_FILES:
        raise _invalid(
            "too-many-files",
            _("At most %(count)s files can be sent with a request."),
            count=MAX_FILES,
        )
    stored = store_attachments(request, check_files(uploads))
    audit.record(
        action="hotline.request.files", actor=by, target=request, summary={"files": len(stored)}
    )
    return stored


def _check_location(lat, lon) -> tuple[float | None, float | None]:
    if lat in (None, "") and lon in (None, ""):
        return None, None
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise _invalid(
            "invalid-location", _("A location needs both a latitude and a longitude.")
        ) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        raise _invalid("invalid-location", _("This location is not on Earth."))
    return lat, lon


def check_attributes(category: Category | None, answers: dict | None) -> dict:
    """Open311 attribute answers: the required ones given, list values among the allowed."""
    answers = {str(k): v for k, v in (answers or {}).items() if v not in (None, "", [])}
    if category is None:
        return answers
    for attribute in category.attributes:
        code = attribute.get("code")
        value = answers.get(code)
        if value is None:
            if attribute.get("required") and attribute.get("variable", True):
                raise _invalid(
                    "missing-attribute",
                    _("Please answer: %(question)s"),
                    question=attribute.get("description", code),
                )
            continue
        allowed = {str(v.get("key")) for v in attribute.get("values", [])}
        values = value if isinstance(value, list) else [value]
        if not _fits_datatype(attribute.get("datatype", "string"), values):
            raise _invalid(
                "invalid-attribute",
                _("%(value)s is not an answer to: %(question)s"),
                value=", ".join(map(str, values)),
                question=attribute.get("description", code),
            )
        if allowed and any(str(v) not in allowed for v in values):
            raise _invalid(
                "invalid-attribute",
                _("%(value)s is not an answer to: %(question)s"),
                value=", ".join(map(str, values)),
                question=attribute.get("description", code),
            )
    return answers


def _fits_datatype(datatype: str, values: list) -> bool:
    """Open311's number and datetime answers must parse; one value unless a multivaluelist."""
    if datatype != "multivaluelist" and len(values) != 1:
        return False
    if datatype == "number":
        try:
            return all(math.isfinite(float(v)) for v in values)
        except (TypeError, ValueError):
            return False
    if datatype == "datetime":
        return all(parse_datetime(str(v)) or parse_date(str(v)) for v in values)
    return True


def _check_contact(phone: str, email: str) -> tuple[str, str]:
    if phone:
        phone = accounts.normalise_phone(phone) or ""
        if not phone:
            raise _invalid("invalid-phone", _("This phone number cannot be called."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise _invalid("invalid-email", _("This e-mail address is not valid.")) from None
    return phone, email


def _check_media_urls(urls: Iterable[str]) -> list[str]:
    checked = []
    for url in urls:
        if not url:
            continue
        try:
            URLValidator(schemes=["https", "http"])(url)
        except ValidationError:
            raise _invalid(
                "invalid-media-url", _("The media address is not a web address.")
            ) from None
        checked.append(url[:500])
    return checked


def _choice(value: str, choices, code: str, message) -> str:
    if value not in choices.values:
        raise _invalid(code, message)
    return value


def new_number() -> str:
    today = timezone.localdate()
    return f"12345-{today:%Y%m%d}-{next_number(f'hotline:{today:%Y%m%d}'):05d}"


def add_update(request: Request, description: str = "") -> RequestUpdate:
    return RequestUpdate.objects.create(
        request=request, state=request.state, description=str(description)[:2000]
    )


def report(
    *,
    channel: str,
    kind: str,
    title: str,
    description: str = "",
    category: Category | None = None,
    address: str = "",
    lat: float | None = None,
    lon: float | None = None,
    reporter=None,
    name: str = "",
    phone: str = "",
    email: str = "",
    anonymous: bool = False,
    company_code: str = "",
    company_name: str = "",
    industry: str = "",
    desk: str = "",
    urgency: str = Urgency.NORMAL,
    attributes: dict | None = None,
    files: Iterable = (),
    media_urls: Iterable[str] = (),
    taken_by=None,
    language: str = "",
    duplicate_of: Request | None = None,
    dispatch: bool = True,
    submitted_via_key: str = "",
) -> Request:
    """Take a request in from any channel: everything is checked before anything is written."""
    channel = _choice(channel, Request.Channel, "unknown-channel", _("Unknown channel."))
    kind = _choice(kind, Kind, "unknown-kind", _("Choose what kind of request this is."))
    urgency = _choice(urgency or Urgency.NORMAL, Urgency, "unknown-urgency", _("Unknown urgency."))
    if desk:
        from .models import Desk

        _choice(desk, Desk, "unknown-desk", _("Unknown business desk."))
    description = (description or "").strip()
    title = re.sub(r"\s+", " ", (title or "").strip()) or description[:60]
    if not title:
        raise _invalid("title-required", _("Say in a few words what the request is about."))
    if len(description) > MAX_DESCRIPTION:
        raise _invalid(
            "too-long",
            _("The description is too long (at most %(count)s characters)."),
            count=MAX_DESCRIPTION,
        )
    if category is not None and (
        not category.active or (channel in PUBLIC_CHANNELS and not category.reportable)
    ):
        raise _invalid("unknown-category", _("This category cannot be reported."))
    lat, lon = _check_location(lat, lon)
    phone, email = _check_contact(phone, email)
    answers = check_attributes(category, attributes)
    urls = _check_media_urls(media_urls)
    checked = check_files(files)
    reporter = reporter if getattr(reporter, "is_authenticated", False) else None

    with transaction.atomic():
        cell = cell_at(lat, lon)
        request = Request.objects.create(
            number=new_number(),
            channel=channel,
            kind=kind,
            urgency=urgency,
            category=category,
            title=title[:200],
            description=description,
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
            attributes=answers,
            address=address.strip()[:300],
            lat=lat,
            lon=lon,
            cell=cell,
            district=cell.district if cell else "",
            reporter=reporter,
            reporter_name=(name or (reporter.full_name if reporter else "")).strip()[:200],
            reporter_phone=phone or (reporter.phone or "" if reporter else ""),
            reporter_email=email or (reporter.email or "" if reporter else ""),
            anonymous=anonymous,
            company_code=company_code.strip()[:18],
            company_name=company_name.strip()[:200],
            industry=industry.strip()[:60],
            desk=desk or (category.desk if category else ""),
            taken_by=taken_by if getattr(taken_by, "is_authenticated", False) else None,
            submitted_via_key=submitted_via_key[:40],
        )
        store_attachments(request, checked)
        for url in urls:
            Attachment.objects.create(
                request=request,
                stored_name="",
                original_name=url.rsplit("/", 1)[-1][:200],
                kind="url",
                content_type="",
                size=0,
                sha256="",
                url=url,
            )
        add_update(request, _("Request received."))
        audit.record(
            action="hotline.request.received",
            actor=taken_by or reporter,
            target=request,
            summary={"channel": channel, "kind": kind, "files": len(checked)},
        )
        if channel != Request.Channel.PHONE:
            tell_reporter(request, "received")
        if duplicate_of is not None:
            link_duplicate(request, parent=duplicate_of, by=taken_by)
        elif dispatch:
            from .dispatch import auto_dispatch

            auto_dispatch(request)
    request.refresh_from_db()
    return request


def _bigrams(text: str) -> set[str]:
    compact = re.sub(r"[\W_]+", "", text.lower())
    return {compact[i : i + 2] for i in range(len(compact) - 1)} or (
        {compact} if compact else set()
    )


def similarity(a: str, b: str) -> float:
    """Dice overlap of character bigrams: works for Chinese and Thai without a segmenter."""
    left, right = _bigrams(a), _bigrams(b)
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    rad = math.radians
    dlat, dlon = rad(lat2 - lat1), rad(lon2 - lon1)
    a = (
        math.sin(dlat / 2) ** 2
        + math.cos(rad(lat1)) * math.cos(rad(lat2)) * math.sin(dlon / 2) ** 2
    )
    return 6_371_000 * 2 * math.asin(math.sqrt(a))


def find_duplicates(
    *,
    category: Category | None,
    lat: float | None,
    lon: float | None,
    text: str,
    address: str = "",
    exclude: Request | None = None,
    limit: int = 5,
) -> list[tuple[Request, float]]:
    """Open requests of the same category near the same place with similar text, best first."""
    if category is None:
        return []
    since = timezone.now() - timedelta(days=DUPLICATE_DAYS)
    candidates = Request.objects.filter(
        category=category, state__in=Request.OPEN_STATES, parent__isnull=True, created_at__gte=since
    )
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    radius = settings.GUICHET_DUPLICATE_RADIUS_M
    if lat is not None and lon is not None:
        dlat = radius / 111_000
        dlon = radius / (111_000 * max(math.cos(math.radians(lat)), 0.01))
        candidates = candidates.filter(
            lat__range=(lat - dlat, lat + dlat), lon__range=(lon - dlon, lon + dlon)
        )
    elif address.strip():
        candidates = candidates.filter(address__iexact=address.strip())
    else:
        return []
    scored = []
    for candidate in candidates.order_by("-created_at")[:200]:
        text_score = similarity(text, f"{candidate.title} {candidate.description}")
        if text_score < DUPLICATE_TEXT_MIN:
            continue
        near = 1.0
        if lat is not None and candidate.lat is not None:
            near = max(0.0, 1 - _metres(lat, lon, candidate.lat, candidate.lon) / radius)
        scored.append((candidate, round(0.6 * text_score + 0.4 * near, 3)))
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


@transaction.atomic
def link_duplicate(request: Request, *, parent: Request, by=None) -> Request:
    """The request follows `parent` from now on; its reporter hears when the parent is resolved."""
    while parent.parent_id:  # link to the root, never to another duplicate
        parent = parent.parent
    if parent.pk == request.pk or not parent.is_open:
        raise _invalid("invalid-parent", _("A request can only follow another open request."))
    if by is not None:  # the intake itself links what the operator chose before saving
        permissions.require_call_centre(by)
    for order in request.orders.filter(state__in=WorkOrder.OPEN_STATES):
        order.move_to(WorkOrder.State.CANCELLED)
        order.save(update_fields=["state", "updated_at"])
    request.move_to(Request.State.DUPLICATE)
    request.parent = parent
    request.save(update_fields=["state", "parent", "updated_at"])
    add_update(request, _("Handled together with request %(number)s.") % {"number": parent.number})
    audit.record(
        action="hotline.request.linked", actor=by, target=request, summary={"parent": parent.number}
    )
    return request


@transaction.atomic
def answer_on_first_contact(request: Request, *, by, answer: str) -> Request:
    """A consultation answered during the call: closed at once, counted as first-contact."""
    permissions.require_call_centre(by)
    answer = (answer or "").strip()
    if not answer:
        raise _invalid("reply-required", _("Write the answer you gave."))
    request.move_to(Request.State.CLOSED)
    request.answered_first_contact = True
    request.reply = answer
    request.replied_at = request.closed_at = timezone.now()
    request.save()
    add_update(request, answer)
    audit.record(action="hotline.request.answered", actor=by, target=request, summary={})
    return request


@transaction.atomic
def report_answered(*, answer: str, taken_by, **fields) -> Request:
    """A call answered on the spot: taken in and closed in one step, or not at all."""
    request = report(**fields, taken_by=taken_by, dispatch=False)
    return answer_on_first_contact(request, by=taken_by, answer=answer)
