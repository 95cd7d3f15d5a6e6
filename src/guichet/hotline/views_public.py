"""The hotline's public pages: report (web and kiosk), follow, give feedback, map and figures.

Anyone may report at any time without an account; a logged-in reporter is linked to the
request and sees it in full. Everyone else sees a request only as the public does: its
category, area, dates and whether it is open, never text or personal data. Files are served
only to those who may see the request, with byte ranges so that videos can be seeked.
"""

from __future__ import annotations

import csv
import html
import math
from datetime import datetime, time, timedelta

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from guichet.accounts.auth import budget_wait, spend_budget
from guichet.catalog import i18n
from guichet.centres import services as centres
from guichet.datahub import files
from guichet.ops.middleware import client_ip

from . import permissions, selectors, services
from .forms_public import DateRangeForm, FeedbackForm, MapFilterForm, ReportForm
from .models import Attachment, Feedback, GridCell, Request
from .public_charts import bar_chart, iso_weeks, map_svg

_RECEIPT_SALT = "guichet.hotline.receipt"
RECEIPT_SECONDS = 3600  # long enough to note the number, not a standing link to the request
KIOSK_RECEIPT_SECONDS = 15 * 60  # the next visitor must not find it
PER_PAGE = 20
MAP_DAYS = 90
MAP_POINTS = 2000  # drawn on the page; the GeoJSON gives as many
GEOJSON_POINTS = 10000

# Where a service's refusal belongs on the form.
_FIELD_OF_CODE = {
    "unknown-kind": "kind",
    "title-required": "title",
    "too-long": "description",
    "unknown-category": "category",
    "missing-attribute": "category",
    "invalid-attribute": "category",
    "invalid-location": "address",
    "upload-rejected": "files",
    "too-many-files": "files",
    "invalid-phone": "phone",
    "invalid-email": "email",
    "unknown-desk": "desk",
}


# --- Reporting ----------------------------------------------------------------------------


def _budget_key(request: HttpRequest) -> str:
    return f"hotline-report:{client_ip(request) or '-'}"


def _too_many(request: HttpRequest, wait: float, template: str, context: dict) -> HttpResponse:
    minutes = max(1, math.ceil(wait / 60))
    response = render(request, template, {**context, "minutes": minutes}, status=429)
    response["Retry-After"] = str(math.ceil(wait))
    return response


def _show_refusal(form: ReportForm, error: ValidationError) -> None:
    """The service's refusal, next to the field it is about."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
        return
    for item in error.error_list:
        message = item.message % item.params if item.params else item.message
        field = _FIELD_OF_CODE.get(item.code or "")
        form.add_error(field if field in form.fields else None, message)


def _take_report(request: HttpRequest, form: ReportForm, *, channel: str):
    """The request, or None when the form or the service refused it (the form says why)."""
    if not form.is_valid():
        return None
    try:
        return services.report(
            channel=channel,
            reporter=request.user if channel == Request.Channel.WEB else None,
            files=form.uploads() if channel == Request.Channel.WEB else (),
            language=translation.get_language() or "",
            **form.report_fields(),
        )
    except ValidationError as error:
        _show_refusal(form, error)
        return None


def _receipt_token(found: Request) -> str:
    return signing.dumps(found.number, salt=_RECEIPT_SALT)


def _receipt_number(token: str, max_age: int) -> str:
    try:
        return signing.loads(token, salt=_RECEIPT_SALT, max_age=max_age)
    except signing.BadSignature as error:
        raise Http404(token) from error


@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    context = {"files_lost": False, "image_mb": settings.GUICHET_HOTLINE_IMAGE_MB}
    context["video_mb"] = settings.GUICHET_HOTLINE_VIDEO_MB
    if request.method == "POST":
        wait = budget_wait(_budget_key(request), settings.GUICHET_HOTLINE_REPORT_RATE)
        if wait is not None:
            return _too_many(request, wait, "hotline/public/too_many.html", context)
        spend_budget(_budget_key(request), settings.GUICHET_HOTLINE_REPORT_RATE)
        form = ReportForm(request.POST, request.FILES, user=user)
        created = _take_report(request, form, channel=Request.Channel.WEB)
        if created is not None:
            return redirect("hotline:receipt", token=_receipt_token(created))
        context["files_lost"] = bool(request.FILES)
    else:
        form = ReportForm(user=user)
    return render(request, "hotline/public/report.html", {**context, "form": form})


@never_cache
@require_GET
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    number = _receipt_number(token, RECEIPT_SECONDS)
    found = Request.objects.filter(number=number).first()
    if found is None:
        raise Http404(number)
    track_url = reverse("hotline:track", args=[found.number])
    return render(
        request,
        "hotline/public/receipt.html",
        {"found": found, "track_url": track_url, "has_contact": _has_contact(found)},
    )


def _has_contact(found: Request) -> bool:
    return bool(found.reporter_phone or found.reporter_email)


# --- The kiosk ------------------------------------------------------------------------------


def _kiosk_centre(request: HttpRequest, code: str):
    centre = centres.centre_by_code(code)
    if centre is None:
        raise Http404(code)
    # A kiosk speaks the centre's language until a visitor chooses another.
    if not request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        translation.activate(centre.language)
        request.LANGUAGE_CODE = translation.get_language()
    return centre


def _kiosk_context(centre) -> dict:
    return {
        "centre": centre,
        "idle_seconds": settings.GUICHET_KIOSK_IDLE_SECONDS,
        "restart_url": reverse("kiosk:restart", args=[centre.code]),
        "start_url": reverse("kiosk:start", args=[centre.code]),
        "idle": True,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def kiosk_report(request: HttpRequest, centre: str) -> HttpResponse:
    """The same report at a centre's touch screen: nothing kept about the visitor."""
    found_centre = _kiosk_centre(request, centre)
    context = _kiosk_context(found_centre)
    if request.method == "POST":
        wait = budget_wait(_budget_key(request), settings.GUICHET_HOTLINE_REPORT_RATE)
        if wait is not None:
            return _too_many(request, wait, "hotline/public/kiosk_too_many.html", context)
        spend_budget(_budget_key(request), settings.GUICHET_HOTLINE_REPORT_RATE)
        form = ReportForm(request.POST, kiosk=True)
        created = _take_report(request, form, channel=Request.Channel.KIOSK)
        if created is not None:
            return redirect(
                "hotline:kiosk_receipt", centre=found_centre.code, token=_receipt_token(created)
            )
    else:
        form = ReportForm(kiosk=True)
    return render(request, "hotline/public/kiosk_report.html", {**context, "form": form})


def _qr_svg(text: str, label: str) -> SafeString:
    code = segno.make(text, error="m", micro=False)
    svg = code.svg_inline(scale=5, border=2, svgclass="qr", lineclass=None, title=label)
    return mark_safe(  # noqa: S308  (segno's own markup; the label is escaped)
        svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)
    )


@never_cache
@require_GET
def kiosk_receipt(request: HttpRequest, centre: str, token: str) -> HttpResponse:
    found_centre = _kiosk_centre(request, centre)
    number = _receipt_number(token, KIOSK_RECEIPT_SECONDS)
    found = Request.objects.filter(number=number, channel=Request.Channel.KIOSK).first()
    if found is None:
        raise Http404(number)
    track_url = request.build_absolute_uri(reverse("hotline:track", args=[found.number]))
    context = {
        **_kiosk_context(found_centre),
        "found": found,
        "track_url": track_url,
        "has_contact": _has_contact(found),
        "qr": _qr_svg(track_url, _("QR code to follow request %(number)s") % {"number": number}),
    }
    return render(request, "hotline/public/kiosk_receipt.html", context)


# --- Following a request ----------------------------------------------------------------------


def _sees_in_full(user, found: Request) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return found.reporter_id == user.pk or permissions.is_call_centre(user)


@never_cache
@require_GET
def track(request: HttpRequest, number: str) -> HttpResponse:
    found = Request.objects.select_related("category", "parent").filter(number=number).first()
    if found is None:
        raise Http404(number)
    if not _sees_in_full(request.user, found):
        return render(
            request,
            "hotline/public/track_public.html",
            {"found": found, "row": selectors.public_row(found), "parent": found.parent},
        )
    is_reporter = found.reporter_id == request.user.pk
    feedback_url = ""
    if is_reporter and found.state == Request.State.REPLIED:
        feedback_url = reverse("hotline:feedback", args=[services.feedback_token(found)])
    context = {
        "found": found,
        "updates": found.updates.all(),
        "attachments": found.attachments.all(),
        "feedback_url": feedback_url,
        "is_reporter": is_reporter,
        "staff_url": "" if is_reporter else reverse("hotline:request", args=[found.number]),
    }
    return render(request, "hotline/public/track.html", context)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    own = selectors.requests_for(request.user).filter(reporter=request.user)
    page = Paginator(own.order_by("-created_at", "-id"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "hotline/public/mine.html", {"page": page})


# --- Feedback ---------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, token: str) -> HttpResponse:
    try:
        found = services.request_for_feedback_token(token)
    except ValidationError as error:
        return render(
            request, "hotline/public/bad_link.html", {"message": error.messages[0]}, status=400
        )
    done = {"found": found, "thanks": request.GET.get("thanks") == "1"}
    if found.state != Request.State.REPLIED:
        return render(request, "hotline/public/feedback_done.html", done)
    form = FeedbackForm(request.POST or None, desk=bool(found.desk))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_feedback(found, how=Feedback.How.LINK, **form.feedback_fields())
        except ValidationError as error:
            if error.code in ("not-awaiting-feedback", "already-answered"):
                found.refresh_from_db()
                return render(request, "hotline/public/feedback_done.html", done, status=409)
            form.add_error(None, error.messages[0])
        else:
            return redirect(reverse("hotline:feedback", args=[token]) + "?thanks=1")
    return render(request, "hotline/public/feedback.html", {"found": found, "form": form})


# --- The public map, statistics and open data -----------------------------------------------------


def _category_name(code: str, name) -> str:
    return i18n.text(name) or code or _("Not classified")


@require_GET
def public_map(request: HttpRequest) -> HttpResponseBase:
    """Requests of the last 90 days, by area: rounded points and counts, no text, no person."""
    form = MapFilterForm(request.GET)
    wants_json = request.GET.get("format") == "geojson"
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"error": _("Unknown category or district.")}, status=400)
        context = {"form": form, "days": MAP_DAYS}
        return render(request, "hotline/public/map.html", context, status=400)
    rows = selectors.public_requests(since=timezone.now() - timedelta(days=MAP_DAYS))
    if form.cleaned_data["category"]:
        rows = rows.filter(category__code=form.cleaned_data["category"])
    if form.cleaned_data["district"]:
        rows = rows.filter(district=form.cleaned_data["district"])
    located = rows.filter(lat__isnull=False, lon__isnull=False).select_related("category")
    if wants_json:
        return _geojson(located[:GEOJSON_POINTS])
    drawn = list(located[:MAP_POINTS])
    points = [selectors.public_row(found) for found in drawn]
    names = {found.category.code: found.category.display_name for found in drawn if found.category}
    by_cell = {
        row["cell_id"]: row["count"]
        for row in rows.order_by().values("cell_id").annotate(count=Count("id"))
    }
    cells = GridCell.objects.order_by("code")
    if form.cleaned_data["district"]:
        cells = cells.filter(district=form.cleaned_data["district"])
    context = {
        "form": form,
        "days": MAP_DAYS,
        "total": rows.count(),
        "drawn": len(points),
        "svg": map_svg(list(cells[:2000]), by_cell, points, names=names),
        "by_district": rows.values("district").annotate(count=Count("id")).order_by("-count"),
        "by_category": [
            (_category_name(row["category__code"], row["category__name"]), row["count"])
            for row in rows.values("category__code", "category__name")
            .annotate(count=Count("id"))
            .order_by("-count", "category__code")
        ],
        "geojson_url": f"{reverse('hotline:map')}?{_query(request, format='geojson')}",
    }
    return render(request, "hotline/public/map.html", context)


def _query(request: HttpRequest, **extra: str) -> str:
    params = request.GET.copy()
    for key, value in extra.items():
        params[key] = value
    return params.urlencode()


def _geojson(located) -> JsonResponse:
    features = []
    for found in located:
        row = selectors.public_row(found)
        lat, lon = row.pop("lat"), row.pop("lon")
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": row,
            }
        )
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features}, encoder=DjangoJSONEncoder
    )
    response["Content-Type"] = "application/geo+json"
    response["Access-Control-Allow-Origin"] = "*"  # open data, for others to draw
    return response


@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    form = DateRangeForm(request.GET if request.GET else None)
    if form.is_bound and not form.is_valid():
        return render(request, "hotline/public/stats.html", {"form": form}, status=400)
    start, end = form.period()
    figures = selectors.statistics(start, end)
    weeks = iso_weeks(start, end, figures["by_week"])
    context = {
        "form": form,
        "start": start,
        "end": end,
        "figures": figures,
        "weeks": weeks,
        "chart": bar_chart(weeks, label=_("Requests per ISO week")),
        "by_category": [
            (_category_name(row["category__code"], row["category__name"]), row["count"])
            for row in figures["by_category"]
        ],
        "csv_url": f"{reverse('hotline:open_data')}?start={start:%Y-%m-%d}&end={end:%Y-%m-%d}",
    }
    return render(request, "hotline/public/stats.html", context)


class _Echo:
    """csv.writer writes into this and gets the line back, for a streaming response."""

    def write(self, value: str) -> str:
        return value


CSV_FIELDS = [
    "number",
    "category",
    "kind",
    "channel",
    "district",
    "state",
    "status",
    "lat",
    "lon",
    "created",
    "closed",
]


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    text = str(value)
    # A spreadsheet would run a cell starting with one of these as a formula.
    if isinstance(value, str) and text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


@require_GET
def open_data(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """Every public request of a period as CSV (UTF-8 with a BOM, so Excel reads it right)."""
    form = DateRangeForm(request.GET, default_days=365, max_days=3660)
    if not form.is_valid():
        return render(request, "hotline/public/bad_dates.html", {"form": form}, status=400)
    start, end = form.period()
    zone = timezone.get_current_timezone()
    rows = (
        selectors.public_requests()
        .filter(
            created_at__gte=datetime.combine(start, time.min, tzinfo=zone),
            created_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
        )
        .select_related("category")
        .order_by("created_at", "id")
    )

    def lines():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(CSV_FIELDS)
        for found in rows.iterator(chunk_size=2000):
            row = selectors.public_row(found)
            yield writer.writerow([_csv_value(row[field]) for field in CSV_FIELDS])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = files.content_disposition(
        f"hotline-{start:%Y%m%d}-{end:%Y%m%d}.csv", inline=False
    )
    return response


# --- Files ------------------------------------------------------------------------------------


def _visible_attachment(request: HttpRequest, pk: int) -> Attachment:
    """Only those who may see the request get its files; anyone else finds nothing (404)."""
    found = Attachment.objects.select_related("request").filter(pk=pk).exclude(stored_name="")
    attachment = found.first()
    if attachment is None or not permissions.can_see_request(request.user, attachment.request):
        raise Http404(pk)
    return attachment


@never_cache
@require_safe
def attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = _visible_attachment(request, pk)
    return files.file_response(
        found.stored_name,
        content_type=found.content_type,
        download_name=found.original_name,
        request=request,
    )


@never_cache
@require_safe
def thumbnail(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = _visible_attachment(request, pk)
    if not found.thumbnail_name:
        raise Http404(pk)
    stem = found.original_name.rsplit(".", 1)[0]
    return files.file_response(
        found.thumbnail_name,
        content_type=files.Kind.JPEG.content_type,
        download_name=f"{stem}-small.jpg",
        request=request,
    )
