"""The 12345 hotline as an Open311 GeoReport v2 endpoint (/open311/v2/).

Thin views: parse the spec's parameters, call the hotline's services and selectors, render
the spec's JSON or XML (open311_format). Every refusal is the spec's errors body with its HTTP
status, in the format the client asked for. Extensions: `page` / `page_size` on the lists,
`servicerequestupdates`, a `media` file on POST (checked like every hotline upload), `locale`.
"""

from __future__ import annotations

import math
import re
import uuid
from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from guichet.accounts import services as accounts
from guichet.accounts.auth import budget_wait, spend_budget
from guichet.catalog import i18n
from guichet.catalog import selectors as catalog
from guichet.ops.middleware import client_ip

from . import open311_format as fmt311
from . import selectors, services
from .models import Attachment, Category, Request, RequestUpdate, WorkOrder

SCOPE = "hotline:report"
MAX_RESULTS = 1000  # the spec's "first 1000 requests"
DEFAULT_DAYS = 90  # the spec's default span
# When the service list or definitions last changed shape (clients refresh cached copies).
CHANGESET = "2026-11-23T00:00:00+08:00"
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")
_UNENCODED_PLUS = re.compile(r"(T\d\d:\d\d(?::\d\d(?:\.\d+)?)?) (\d\d:?\d\d)$")
_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")


class Open311Error(Exception):
    """A refusal the client sees as the spec's errors body."""

    def __init__(self, status: int, description: str, *, headers: dict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.headers = headers or {}


# --- Plumbing ---------------------------------------------------------------------------------


def _language(request: HttpRequest) -> str:
    """`locale=` first (as Open311 clients send it), then what the middleware chose."""
    wanted = (request.GET.get("locale") or "").strip().replace("_", "-").lower()
    if wanted:
        try:
            return translation.get_supported_language_variant(wanted)
        except LookupError:
            pass
    return translation.get_language() or settings.LANGUAGE_CODE


def _check_jurisdiction(params) -> None:
    expected = (settings.GUICHET_OPEN311_JURISDICTION or "").strip().lower()
    given = (params.get("jurisdiction_id") or "").strip()
    if expected and given and given.lower() != expected:
        raise Open311Error(
            404, _("jurisdiction not found: %(jurisdiction)s") % {"jurisdiction": given}
        )


def endpoint(*methods: str):
    """Method check, jurisdiction, language and the errors body, for every Open311 view."""
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(view):
        @wraps(view)
        def run(request: HttpRequest, *args, fmt: str, **kwargs) -> HttpResponse:
            language = _language(request)
            with translation.override(language):
                try:
                    if request.method not in allowed:
                        raise Open311Error(
                            405,
                            _("Method not allowed: %(method)s") % {"method": request.method},
                            headers={"Allow": ", ".join(sorted(allowed))},
                        )
                    _check_jurisdiction(request.GET)
                    response = view(request, *args, fmt=fmt, **kwargs)
                except Open311Error as refusal:
                    response = fmt311.errors(
                        fmt, refusal.status, refusal.description, headers=refusal.headers
                    )
                except ValidationError as error:
                    response = fmt311.errors(fmt, 400, " ".join(error.messages))
            response["Content-Language"] = language
            return response

        return run

    return decorate


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _moment(params, name: str, *, end: bool = False) -> datetime | None:
    """A w3c date-time (an offset, or Z; a bare date means its whole day)."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    raw = _UNENCODED_PLUS.sub(r"\1+\2", raw)  # "+08:00" sent without encoding arrives as " 08:00"
    try:
        if _DAY.match(raw):
            day = parse_date(raw)
            value = datetime(day.year, day.month, day.day)
            if end:
                value += timedelta(days=1, microseconds=-1)
        else:
            value = parse_datetime(raw)
    except (TypeError, ValueError):
        value = None
    if value is None:
        raise Open311Error(
            400,
            _("%(field)s is not a w3c date-time such as 2026-01-31T08:00:00+08:00.")
            % {"field": name},
        )
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _period(params) -> tuple[datetime, datetime | None]:
    """Without dates, the most recent 90 days (the spec's default)."""
    start, end = _moment(params, "start_date"), _moment(params, "end_date", end=True)
    if start is None:
        start = (end or timezone.now()) - timedelta(days=DEFAULT_DAYS)
    if end is not None and end < start:
        raise Open311Error(400, _("end_date is before start_date."))
    return start, end


def _paging(params) -> tuple[int, int]:
    """Our extension (as Chicago, Boston and Toronto offer it): page from 1, page_size ≤ 1000."""
    try:
        page = int(params.get("page") or 1)
        size = int(params.get("page_size") or MAX_RESULTS)
    except ValueError:
        raise Open311Error(400, _("page and page_size must be whole numbers.")) from None
    if page < 1 or not 1 <= size <= MAX_RESULTS:
        raise Open311Error(
            400,
            _("page must be 1 or more and page_size between 1 and %(max)s.") % {"max": MAX_RESULTS},
        )
    return (page - 1) * size, page * size


def _spend(key: str) -> None:
    rate = settings.GUICHET_OPEN311_RATE
    wait = budget_wait(key, rate)
    if wait is not None:
        seconds = max(1, math.ceil(wait))
        raise Open311Error(
            429,
            _("Too many requests: try again in %(seconds)s seconds.") % {"seconds": seconds},
            headers={"Retry-After": str(seconds)},
        )
    spend_budget(key, rate)


# --- Queries (this endpoint's only) -----------------------------------------------------------


def published_requests() -> QuerySet[Request]:
    """Requests as Open311 lists them: one query for the rows, one per prefetched relation."""
    last_note = (
        RequestUpdate.objects.filter(request=OuterRef("pk")).order_by("-id").values("description")
    )
    return (
        Request.objects.select_related("category", "parent")
        .annotate(last_note=Subquery(last_note[:1]))
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(purpose=Attachment.Purpose.REPORT).order_by(
                    "id"
                ),
                to_attr="report_media",
            ),
            Prefetch("orders", queryset=WorkOrder.objects.order_by("id"), to_attr="all_orders"),
        )
        .order_by("-created_at", "-id")
    )


def _status_filter(statuses: list[str]) -> Q:
    closed = Q(state=Request.State.CLOSED) | Q(
        state=Request.State.DUPLICATE, parent__state=Request.State.CLOSED
    )
    opened = Q(state__in=Request.OPEN_STATES) | (
        Q(state=Request.State.DUPLICATE) & ~Q(parent__state=Request.State.CLOSED)
    )
    unknown = set(statuses) - {"open", "closed"}
    if unknown:
        raise Open311Error(400, _("status must be open or closed."))
    if set(statuses) == {"open", "closed"}:
        return Q()
    return closed if "closed" in statuses else opened


def _request_rows(request: HttpRequest, rows: list[Request]) -> list[dict]:
    codes = {o.department_code for r in rows for o in r.all_orders if o.department_code}
    codes |= {r.category.department_code for r in rows if r.category_id}
    codes.discard("")
    agencies = (
        {d.code: i18n.text(d.name) or d.code for d in catalog.departments().filter(code__in=codes)}
        if codes
        else {}
    )
    return [fmt311.request_row(r, agencies=agencies) for r in rows]


# --- Views ------------------------------------------------------------------------------------


@endpoint("GET")
def discovery(request: HttpRequest, *, fmt: str) -> HttpResponse:
    base = reverse("open311:services", kwargs={"fmt": fmt}).rsplit("/", 1)[0]
    document = {
        "changeset": CHANGESET,
        "contact": _("Call 12345, or report on %(url)s")
        % {"url": request.build_absolute_uri(reverse("hotline:report"))},
        "key_service": _(
            "API keys with the scope hotline:report are issued by the platform's "
            "administrators: ask the 12345 hotline centre."
        ),
        "endpoints": [
            {
                "specification": fmt311.SPECIFICATION,
                "url": request.build_absolute_uri(base),
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return fmt311.render(fmt, "discovery", document)


@endpoint("GET")
def services_list(request: HttpRequest, *, fmt: str) -> HttpResponse:
    rows = [fmt311.service_row(c) for c in selectors.reportable_categories()]
    return fmt311.render(fmt, "services", rows)


def _service(code: str) -> Category:
    category = selectors.reportable_categories().filter(code=code).first()
    if category is None:
        raise Open311Error(404, _("service_code not found: %(code)s") % {"code": code})
    return category


@endpoint("GET")
def service_definition(request: HttpRequest, code: str, *, fmt: str) -> HttpResponse:
    return fmt311.render(fmt, "service_definition", fmt311.definition_row(_service(code)))


@csrf_exempt  # an API key authenticates the POST; no cookie is involved
@endpoint("GET", "POST")
def requests(request: HttpRequest, *, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    params = request.GET
    rows = published_requests()
    ids = _split(params.get("service_request_id"))
    if ids:  # the spec: a list of ids overrides every other argument
        rows = rows.filter(number__in=ids[:MAX_RESULTS])
    else:
        codes = _split(params.get("service_code"))
        if codes:
            rows = rows.filter(category__code__in=codes)
        statuses = [s.lower() for s in _split(params.get("status"))]
        if statuses:
            rows = rows.filter(_status_filter(statuses))
        start, end = _period(params)
        rows = rows.filter(created_at__gte=start)
        if end is not None:
            rows = rows.filter(created_at__lte=end)
    first, last = _paging(params)
    return fmt311.render(fmt, "service_requests", _request_rows(request, list(rows[first:last])))


@endpoint("GET")
def request_detail(request: HttpRequest, number: str, *, fmt: str) -> HttpResponse:
    row = published_requests().filter(number=number).first()
    if row is None:
        raise Open311Error(404, _("service_request_id not found: %(id)s") % {"id": number})
    return fmt311.render(fmt, "service_requests", _request_rows(request, [row]))


@endpoint("GET")
def token(request: HttpRequest, token: str, *, fmt: str) -> HttpResponse:
    try:
        found = Request.objects.filter(token=uuid.UUID(token)).values_list("number", flat=True)
        number = found.first()
    except ValueError:
        number = None
    if number is None:
        raise Open311Error(404, _("token not found: %(token)s") % {"token": token})
    document = [{"service_request_id": number, "token": token}]
    return fmt311.render(fmt, "service_requests", document)


@endpoint("GET")
def updates(request: HttpRequest, *, fmt: str) -> HttpResponse:
    """GeoReport v2 servicerequestupdates (FixMyStreet's extension): what changed, when."""
    params = request.GET
    start, end = _period(params)
    rows = (
        RequestUpdate.objects.filter(created_at__gte=start)
        .select_related("request", "request__category")
        .order_by("created_at", "id")
    )
    if end is not None:
        rows = rows.filter(created_at__lte=end)
    ids = _split(params.get("service_request_id"))
    if ids:
        rows = rows.filter(request__number__in=ids[:MAX_RESULTS])
    first, last = _paging(params)
    document = [fmt311.update_row(u) for u in rows[first:last]]
    return fmt311.render(fmt, "service_request_updates", document)


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Anything else under the endpoint, an unknown format included: the errors body."""
    fmt = "xml" if rest.lower().endswith(".xml") else "json"
    with translation.override(_language(request)):
        return fmt311.errors(fmt, 404, _("Not found: %(path)s") % {"path": request.path})


# --- POST requests ----------------------------------------------------------------------------


def _form(request: HttpRequest):
    try:
        return request.POST, request.FILES
    except MultiPartParserError:
        raise Open311Error(400, _("The form could not be read.")) from None
    except RequestDataTooBig:
        raise Open311Error(413, _("The request is too large.")) from None
    except SuspiciousOperation:  # too many fields or files
        raise Open311Error(400, _("The form has too many fields or files.")) from None


def _attributes(form, category: Category) -> dict:
    """attribute[code]=value, and attribute[code][]=v1&attribute[code][]=v2 for lists."""
    many = {
        str(a.get("code"))
        for a in category.attributes or []
        if isinstance(a, dict) and a.get("datatype") == "multivaluelist"
    }
    answers: dict = {}
    for key in form:
        match = _ATTRIBUTE.match(key)
        if not match:
            continue
        code, brackets = match.groups()
        values = [v.strip() for v in form.getlist(key) if v.strip()]
        if not values:
            continue
        answers[code] = values if (brackets or code in many or len(values) > 1) else values[0]
    return answers


def _title(description: str, category: Category) -> str:
    first_line = description.strip().splitlines()[0].strip() if description.strip() else ""
    return first_line[:80] or category.display_name


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    """POST Service Request: an API key with the hotline:report scope, then intake's rules."""
    _spend(f"throttle:open311:ip:{client_ip(request) or '-'}")
    form, files = _form(request)
    _check_jurisdiction(form)
    secret = (form.get("api_key") or request.GET.get("api_key") or "").strip()
    if not secret:
        raise Open311Error(400, _("api_key was not provided."))
    api_token = accounts.authenticate_token(secret)
    if api_token is None or SCOPE not in api_token.scopes:
        raise Open311Error(403, _("Invalid api_key received -- can't proceed with create_request."))
    _spend(f"throttle:open311:key:{api_token.pk}")
    code = (form.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, _("service_code was not provided."))
    category = _service(code)
    lat, lon = form.get("lat", "").strip(), form.get("long", "").strip()
    address = form.get("address_string", "").strip() or form.get("address_id", "").strip()
    if not (lat or lon or address):
        raise Open311Error(
            400, _("A location is required: lat and long, address_string or address_id.")
        )
    description = form.get("description", "")
    name = " ".join(
        part
        for part in (form.get("first_name", "").strip(), form.get("last_name", "").strip())
        if part
    )
    with transaction.atomic():
        created = services.report(
            channel=Request.Channel.API,
            kind="report",
            title=_title(description, category),
            description=description,
            category=category,
            address=address,
            lat=lat or None,
            lon=lon or None,
            name=name,
            phone=form.get("phone", "").strip(),
            email=form.get("email", "").strip(),
            attributes=_attributes(form, category),
            files=files.getlist("media"),
            media_urls=[form.get("media_url", "").strip()],
            language=translation.get_language() or "",
            submitted_via_key=api_token.prefix,
        )
    created.refresh_from_db(fields=["state"])  # dispatching works on its own copy
    notice = (
        _("Sent to the service that handles it.")
        if created.state == Request.State.DISPATCHED
        else _("Received: the 12345 dispatchers will send it to the service that handles it.")
    )
    # A realtime service: the spec returns the id and no token.
    document = [
        {"service_request_id": created.number, "service_notice": notice, "account_id": None}
    ]
    return fmt311.render(fmt, "service_requests", document)
