"""Reads of the hotline that pages, the API and other apps need, filtered by who asks."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Avg, Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .models import Category, Feedback, Request, StandardAnswer, WorkOrder

# Public views round coordinates to about 100 m: enough for a map, not a doorstep.
PUBLIC_DECIMALS = 3


def reportable_categories() -> QuerySet[Category]:
    return Category.objects.filter(active=True, reportable=True).order_by("group", "code")


def requests_for(user) -> QuerySet[Request]:
    """Every request this user may open."""
    base = Request.objects.select_related("category")
    if not getattr(user, "is_authenticated", False):
        return base.none()
    if permissions.is_call_centre(user) or permissions.is_leader(user):
        return base
    handled = WorkOrder.objects.filter(permissions.order_filter(user)).values("request_id")
    return base.filter(Q(reporter=user) | Q(pk__in=handled))


def request_for(user, number: str) -> Request:
    request = requests_for(user).filter(number=number).first()
    if request is None:
        raise Http404(number)
    return request


def dispatcher_queue() -> QuerySet[Request]:
    """Requests nobody handles yet, oldest first (returned ones come back here)."""
    return (
        Request.objects.filter(state=Request.State.RECEIVED)
        .select_related("category", "cell")
        .annotate(returns=Count("orders", filter=Q(orders__state=WorkOrder.State.RETURNED)))
        .order_by("created_at", "id")
    )


def orders_for(user, *, open_only: bool = True) -> QuerySet[WorkOrder]:
    orders = WorkOrder.objects.filter(permissions.order_filter(user)).select_related(
        "request", "request__category"
    )
    if open_only:
        orders = orders.filter(state__in=WorkOrder.OPEN_STATES)
    return orders.order_by("due_at", "id")


def order_for(user, number: str) -> WorkOrder:
    order = (
        WorkOrder.objects.select_related("request", "request__category")
        .filter(number=number)
        .first()
    )
    if order is None or not (
        permissions.can_handle(user, order)
        or permissions.is_call_centre(user)
        or permissions.can_supervise(user, order.request)
    ):
        raise Http404(number)
    return order


def reporter_identity(request: Request, viewer) -> dict[str, str]:
    """Who reported, as this viewer may see it: departments get a masked number or nobody."""
    if permissions.sees_full_contact(viewer, request):
        return {
            "name": request.reporter_name,
            "phone": request.reporter_phone,
            "email": request.reporter_email,
        }
    if request.anonymous:
        return {"name": _("Anonymous"), "phone": "", "email": ""}
    return {"name": request.reporter_name, "phone": request.masked_phone, "email": ""}


def earlier_requests(phone: str, *, limit: int = 10) -> QuerySet[Request]:
    """A caller's earlier requests, for the operator's console."""
    if not phone:
        return Request.objects.none()
    return Request.objects.filter(reporter_phone=phone).select_related("category")[:limit]


def awaiting_callback() -> QuerySet[Request]:
    """Replied requests whose reporter has not said yet whether they are satisfied."""
    return (
        Request.objects.filter(state=Request.State.REPLIED)
        .select_related("category")
        .order_by("replied_at", "id")
    )


def _scope(user) -> Q:
    """A supervisor sees their departments; leaders and the call centre the whole city."""
    if permissions.is_leader(user) or permissions.is_call_centre(user):
        return Q()
    return Q(department_code__in=permissions.supervised_departments(user))


def supervisor_board(user, *, days: int = 30) -> dict:
    """Open, overdue, returned, reopened and satisfaction, for the supervisor's board."""
    now = timezone.now()
    since = now - timedelta(days=days)
    scope = _scope(user)
    orders = WorkOrder.objects.filter(scope)
    open_orders = orders.filter(state__in=WorkOrder.OPEN_STATES)
    # City-wide, every request counts: filtering by "has an order" would change nothing but time.
    of_scope = Q(pk__in=orders.values("request_id")) if scope else Q()
    feedback = Feedback.objects.filter(
        Q(request_id__in=orders.values("request_id")) if scope else Q(), created_at__gte=since
    )
    marks = feedback.aggregate(
        average=Avg("rating"),
        answers=Count("id"),
        resolved=Count("id", filter=Q(resolved=True)),
    )
    return {
        "open": open_orders.count(),
        "overdue": open_orders.filter(due_at__lt=now).count(),
        "returned": orders.filter(state=WorkOrder.State.RETURNED, updated_at__gte=since).count(),
        "reopened": Request.objects.filter(
            of_scope, reopen_count__gt=0, state__in=Request.OPEN_STATES
        ).count(),
        "escalated": Request.objects.filter(of_scope, state=Request.State.ESCALATED).count(),
        "satisfaction": marks["average"],
        "answers": marks["answers"],
        "resolved_share": (marks["resolved"] / marks["answers"]) if marks["answers"] else None,
        "overdue_orders": open_orders.filter(due_at__lt=now)
        .select_related("request")
        .order_by("due_at")[:50],
        "escalated_requests": Request.objects.filter(of_scope, state=Request.State.ESCALATED)[:50],
        "returns_by_department": list(
            orders.filter(state=WorkOrder.State.RETURNED, updated_at__gte=since)
            .values("department_code")
            .annotate(count=Count("id"))
            .order_by("-count")[:20]
        ),
    }


def leaders_list() -> QuerySet[WorkOrder]:
    """Orders still late after the supervisor was told: the city leaders' list."""
    return (
        WorkOrder.objects.filter(state__in=WorkOrder.OPEN_STATES, escalation__gte=2)
        .select_related("request", "request__category")
        .order_by("due_at")
    )


def public_requests(*, since: datetime | None = None) -> QuerySet[Request]:
    """What anyone may see: no names, numbers, addresses or text — category, area, state, time."""
    queryset = Request.objects.exclude(state=Request.State.DUPLICATE)
    if since is not None:
        queryset = queryset.filter(created_at__gte=since)
    return queryset


def public_row(request: Request) -> dict:
    """One request as the public map, statistics and open data show it."""

    def rounded(value):
        return None if value is None else round(value, PUBLIC_DECIMALS)

    return {
        "number": request.number,
        "category": request.category.code if request.category_id else "",
        "kind": request.kind,
        "channel": request.channel,
        "district": request.district,
        "state": request.state,
        "status": "open" if request.is_open else "closed",
        "lat": rounded(request.lat),
        "lon": rounded(request.lon),
        "created": request.created_at,
        "closed": request.closed_at,
    }


def statistics(start: date, end: date) -> dict:
    """Counts by ISO week, district and category between two dates (inclusive)."""
    start_at = timezone.make_aware(datetime.combine(start, datetime.min.time()))
    end_at = timezone.make_aware(datetime.combine(end + timedelta(days=1), datetime.min.time()))
    rows = public_requests().filter(created_at__gte=start_at, created_at__lt=end_at)
    by_week: dict[str, int] = {}
    for created in rows.values_list("created_at", flat=True).iterator():
        year, week, _day = timezone.localtime(created).isocalendar()
        key = f"{year}-W{week:02d}"
        by_week[key] = by_week.get(key, 0) + 1
    return {
        "total": rows.count(),
        "by_week": sorted(by_week.items()),
        "by_district": list(
            rows.values("district").annotate(count=Count("id")).order_by("-count", "district")
        ),
        "by_category": list(
            rows.values("category__code", "category__name")
            .annotate(count=Count("id"))
            .order_by("-count", "category__code")
        ),
        "first_contact": rows.filter(answered_first_contact=True).count(),
        "satisfaction": Feedback.objects.filter(request__in=rows).aggregate(avg=Avg("rating"))[
            "avg"
        ],
    }


def desk_report(*, days: int = 365) -> list[dict]:
    """The business desk's usefulness survey, per desk."""
    since = timezone.now() - timedelta(days=days)
    rows = (
        Feedback.objects.filter(request__desk__gt="", created_at__gte=since)
        .values("request__desk")
        .annotate(
            answers=Count("id"),
            useful=Count("id", filter=Q(useful=True)),
            average=Avg("rating"),
        )
        .order_by("request__desk")
    )
    return [
        {
            "desk": row["request__desk"],
            "answers": row["answers"],
            "useful": row["useful"],
            "useful_share": row["useful"] / row["answers"] if row["answers"] else None,
            "average": row["average"],
        }
        for row in rows
    ]


# A query's words beyond this many are ignored (each adds a filter on every language).
MAX_WORDS = 6


def standard_answers(query: str, *, limit: int = 5) -> list[StandardAnswer]:
    """Standard answers whose keywords, question or answer hold every word of the query."""
    found = StandardAnswer.objects.filter(active=True)
    for word in query.split()[:MAX_WORDS]:
        match = Q(keywords__icontains=word)
        for code, _name in settings.LANGUAGES:
            match |= Q(**{f"question__{code}__icontains": word})
            match |= Q(**{f"answer__{code}__icontains": word})
        found = found.filter(match)
    return list(found.select_related("category").order_by("id")[:limit])
