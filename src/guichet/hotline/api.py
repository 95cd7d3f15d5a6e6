"""The 12345 hotline over the API: reporting (anyone, or a system with `hotline:report`), and
the staff's work with `hotline:work` or a browser session: the dispatcher's queue, dispatch,
work orders, the satisfaction call-back and the supervisor's board.

Handlers parse, call a service or selector and shape the answer; who may do what is the
services' and selectors' rule. Refusals keep their rule's code in the problem document
(`urn:guichet:problem:unknown-category`), a request or order the caller may not see is a 404.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from guichet.accounts import services as accounts
from guichet.accounts.auth import (
    PublicWriteThrottle,
    ScopedTokenAuth,
    VerifiedSession,
    session_or_token,
)

from . import permissions, selectors, services
from .models import Category, Request
from .schemas import (
    AnswerIn,
    BoardOut,
    CategoryFilters,
    CategoryOut,
    DispatchIn,
    FeedbackIn,
    FeedbackOut,
    OrderFilters,
    OrderOut,
    QueueItemOut,
    ReplyIn,
    ReportIn,
    RequestDetailOut,
    RequestFilters,
    RequestSummaryOut,
    ReturnIn,
    SuperviseIn,
)

router = Router(tags=["12345 hotline"])


class AnyScopeTokenAuth(ScopedTokenAuth):
    """A token holding any one of the route's scopes (a reporter's or a staff member's)."""

    def authenticate(self, request, token: str):
        api_token = accounts.authenticate_token(token)
        if api_token is None:
            return None
        if not self.scopes & set(api_token.scopes):
            raise PermissionDenied(
                _("This token needs one of the scopes: %(scopes)s.")
                % {"scopes": ", ".join(sorted(self.scopes))}
            )
        request.api_token = api_token
        request.user = api_token.owner
        return api_token.owner


class SessionOrAnyone(VerifiedSession):
    """Anyone may report: a logged-in browser reports as its user (CSRF-checked), a caller
    without a session cookie as nobody in particular."""

    def __call__(self, request):
        if self.param_name not in request.COOKIES:
            return AnonymousUser()
        return super().__call__(request) or AnonymousUser()


class ReportThrottle(PublicWriteThrottle):
    """The public's reports have their own budget per address. Systems with a token and the
    call centre's staff are accountable for what they send and are not counted."""

    scope = "hotline-reports"

    def allow_request(self, request) -> bool:
        if getattr(request, "api_token", None) is not None:
            return True
        if permissions.is_call_centre(getattr(request, "auth", None)):
            return True
        return super().allow_request(request)


REPORT = [AnyScopeTokenAuth("hotline:report", "hotline:work"), SessionOrAnyone()]
FOLLOW = [AnyScopeTokenAuth("hotline:report", "hotline:work"), VerifiedSession()]
WORK = session_or_token("hotline:work")

PUBLIC_CHANNELS = {Request.Channel.WEB, Request.Channel.APP, Request.Channel.KIOSK}


def _user(request: HttpRequest):
    user = getattr(request, "auth", None)
    return user if getattr(user, "is_authenticated", False) else None


def _category(code: str, field: str = "category") -> Category | None:
    if not code:
        return None
    category = Category.objects.filter(code=code, active=True).first()
    if category is None:
        raise ValidationError(
            {
                field: ValidationError(
                    _("This category cannot be reported."), code="unknown-category"
                )
            }
        )
    return category


def _detail(request: Request) -> Request:
    """The request as the answer shows it: read again with what the schema follows."""
    return (
        Request.objects.select_related("category", "parent")
        .prefetch_related("attachments", "updates")
        .get(pk=request.pk)
    )


def _channel(request: HttpRequest, wanted: str | None, user) -> tuple[str, object, object]:
    """(channel, reporter, taken_by): the call centre takes requests for others; anyone else
    reports for themselves, on the web or app (a system with a token: `api`)."""
    if user is not None and permissions.is_call_centre(user):
        return wanted or Request.Channel.PHONE, None, user
    if wanted and wanted not in PUBLIC_CHANNELS | {Request.Channel.API}:
        raise PermissionDenied(_("Only the call centre takes requests on this channel."))
    if getattr(request, "api_token", None) is not None:
        return Request.Channel.API, user, None
    return wanted or Request.Channel.WEB, user, None


# --- Reporting ---------------------------------------------------------------------------------


@router.post(
    "/requests", response={201: RequestDetailOut}, auth=REPORT, throttle=[ReportThrottle()]
)
def create_request(request, body: ReportIn):
    """Report or ask something: the answer carries the request's number, its state (sent to a
    department, or waiting for a dispatcher) and the classifier's suggestions."""
    user = _user(request)
    channel, reporter, taken_by = _channel(request, body.channel, user)
    created = services.report(
        channel=channel,
        kind=body.kind,
        title=body.title,
        description=body.description,
        category=_category(body.category),
        address=body.address,
        lat=body.lat,
        lon=body.lon,
        reporter=reporter,
        name=body.name,
        phone=body.phone,
        email=body.email,
        anonymous=body.anonymous,
        company_code=body.company_code,
        company_name=body.company_name,
        industry=body.industry,
        desk=body.desk or "",
        urgency=body.urgency,
        attributes=body.attributes,
        media_urls=body.media_urls,
        taken_by=taken_by,
        language=body.language,
    )
    return Status(201, _detail(created))


@router.post("/requests/{number}/files", response={201: RequestDetailOut}, auth=FOLLOW)
def add_files(request, number: str, files: File[list[UploadedFile]]):
    """Photos or videos (JPEG, PNG, WebP, MP4, WebM) for an open request, by its reporter or
    the call centre; each is checked by its content."""
    req = selectors.request_for(request.auth, number)
    services.add_files(req, by=request.auth, files=list(files))
    return Status(201, _detail(req))


@router.get("/requests", response=list[RequestSummaryOut], auth=FOLLOW)
@paginate
def list_requests(request, filters: Query[RequestFilters]):
    """The requests the caller may see, newest first: their own, their department's, or all
    for the call centre and city leaders."""
    requests = selectors.requests_for(request.auth)
    if filters.state:
        requests = requests.filter(state=filters.state)
    if filters.category:
        requests = requests.filter(category__code=filters.category)
    return requests


@router.get("/requests/{number}", response=RequestDetailOut, auth=FOLLOW)
def request_detail(request, number: str):
    """One request with its work orders and the updates its reporter sees."""
    return _detail(selectors.request_for(request.auth, number))


@router.get("/categories", response=list[CategoryOut], auth=None)
def categories(request, filters: Query[CategoryFilters]):
    """What requests are about, with the questions each category asks."""
    found = Category.objects.filter(active=True).order_by("group", "code")
    if filters.reportable is not None:
        found = found.filter(reportable=filters.reportable)
    return found


# --- The call centre and the dispatcher --------------------------------------------------------


@router.get("/dispatch-queue", response=list[QueueItemOut], auth=WORK)
@paginate
def dispatch_queue(request):
    """Requests waiting for a dispatcher, oldest first, with the classifier's suggestions."""
    permissions.require_dispatcher(request.auth)
    return selectors.dispatcher_queue()


@router.post("/requests/{number}/dispatch", response=RequestDetailOut, auth=WORK)
def dispatch(request, number: str, body: DispatchIn):
    """Send the request to one handler, or split it between several (each with its part)."""
    req = selectors.request_for(request.auth, number)
    workers = {w for w in (t.worker for t in body.targets) if w is not None}
    found = get_user_model().objects.filter(pk__in=workers, is_active=True).in_bulk()
    if workers - set(found):
        raise ValidationError(
            {"targets": ValidationError(_("Unknown worker."), code="unknown-worker")}
        )
    targets = [
        services.Target(
            assignee=t.assignee,
            department_code=t.department_code,
            worker=found.get(t.worker) if t.worker is not None else None,
            desk=t.desk or "",
            part=t.part,
        )
        for t in body.targets
    ]
    category = _category(body.category)
    services.dispatch(req, targets=targets, by=request.auth, category=category)
    return _detail(req)


@router.post("/requests/{number}/duplicate-of/{parent}", response=RequestDetailOut, auth=WORK)
def duplicate_of(request, number: str, parent: str):
    """The request is handled together with an open one: it follows it from now on."""
    req = selectors.request_for(request.auth, number)
    main = selectors.request_for(request.auth, parent)
    return _detail(services.link_duplicate(req, parent=main, by=request.auth))


@router.post("/requests/{number}/answer", response=RequestDetailOut, auth=WORK)
def answer(request, number: str, body: AnswerIn):
    """A consultation answered on the call: closed at once, counted as first-contact."""
    req = selectors.request_for(request.auth, number)
    services.answer_on_first_contact(req, by=request.auth, answer=body.answer)
    return _detail(req)


@router.post("/requests/{number}/feedback", response={201: FeedbackOut}, auth=WORK)
def feedback(request, number: str, body: FeedbackIn):
    """The satisfaction call-back's answer: satisfied closes, unsatisfied reopens (once)."""
    req = selectors.request_for(request.auth, number)
    answer = services.record_feedback(
        req,
        rating=body.rating,
        resolved=body.resolved,
        comment=body.comment,
        useful=body.useful,
        how="call",
        by=request.auth,
    )
    return Status(201, answer)


# --- Departments, community workers, desk managers ---------------------------------------------


@router.get("/orders", response=list[OrderOut], auth=WORK)
@paginate
def orders(request, filters: Query[OrderFilters]):
    """The caller's work orders (their department's, or their own), the most urgent first."""
    return selectors.orders_for(request.auth, open_only=filters.open_only)


@router.post("/orders/{number}/accept", response=OrderOut, auth=WORK)
def accept_order(request, number: str):
    """Take the order on: the reporter sees their request being handled."""
    order = selectors.order_for(request.auth, number)
    return services.accept_order(order, by=request.auth)


@router.post("/orders/{number}/return", response=OrderOut, auth=WORK)
def return_order(request, number: str, body: ReturnIn):
    """Not ours: back to the dispatcher's queue, with the reason."""
    order = selectors.order_for(request.auth, number)
    return services.return_order(order, by=request.auth, reason=body.reason)


@router.post("/orders/{number}/reply", response=OrderOut, auth=WORK)
def reply_order(request, number: str, body: ReplyIn):
    """The answer to the reporter; they hear once every part of the request is answered."""
    order = selectors.order_for(request.auth, number)
    return services.reply_order(
        order, by=request.auth, reply=body.reply, resolution=body.resolution
    )


# --- Supervisors and city leaders --------------------------------------------------------------


@router.get("/board", response=BoardOut, auth=WORK)
def board(request):
    """Open, overdue, returned, reopened and escalated work, and the reporters' marks (30 days):
    a supervisor's departments, or the whole city for leaders and the call centre."""
    user = request.auth
    if not (
        permissions.is_leader(user)
        or permissions.is_call_centre(user)
        or permissions.supervised_departments(user)
    ):
        raise PermissionDenied(_("The board is for supervisors and city leaders."))
    data = selectors.supervisor_board(user)
    data["overdue_orders"] = list(data["overdue_orders"])
    data["escalated_requests"] = list(data["escalated_requests"].select_related("category"))
    return data


@router.post("/requests/{number}/supervise", response=RequestDetailOut, auth=WORK)
def supervise(request, number: str, body: SuperviseIn):
    """After a second unhappy answer: close with an explanation, or send it back once more."""
    req = selectors.request_for(request.auth, number)
    services.supervisor_decide(req, by=request.auth, reopen=body.reopen, note=body.note)
    return _detail(req)


@router.get("/leaders", response=list[OrderOut], auth=WORK)
@paginate
def leaders(request):
    """Orders still late after the supervisor was told: the city leaders' list."""
    if not (permissions.is_leader(request.auth) or permissions.is_dispatcher(request.auth)):
        raise PermissionDenied(_("The leaders' list is for city leaders and dispatchers."))
    return selectors.leaders_list()
