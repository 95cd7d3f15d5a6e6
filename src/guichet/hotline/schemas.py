"""The hotline API's types: requests as reporters send them, requests, work orders, categories
and the supervisor's board as staff read them.

Who reported is shown as the reader may see it (`selectors.reporter_identity`): the call centre
sees the full number, a department a masked one, and nobody at all when the reporter chose to
stay anonymous.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from ninja import Schema
from pydantic import Field

from . import selectors
from .models import Desk, Kind, Request, Urgency, WorkOrder

# --- Input -----------------------------------------------------------------------------------


class ReportIn(Schema):
    kind: Kind = Field(Kind.REPORT, description="What the reporter means to do.")
    title: str = Field("", max_length=200, description="A few words (else the text's start).")
    description: str = Field("", max_length=5000)
    category: str = Field("", max_length=60, description="A category's code (`/categories`).")
    address: str = Field("", max_length=300)
    lat: float | None = Field(None, description="WGS84 latitude, with `lon`.")
    lon: float | None = Field(None, description="WGS84 longitude, with `lat`.")
    name: str = Field("", max_length=200)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    anonymous: bool = Field(False, description="Departments never see who reported.")
    company_code: str = Field("", max_length=18, description="Unified social credit code.")
    company_name: str = Field("", max_length=200)
    industry: str = Field("", max_length=60)
    desk: Desk | None = Field(None, description="A business desk to ask (companies).")
    urgency: Urgency = Urgency.NORMAL
    attributes: dict[str, Any] = Field(
        default_factory=dict, description="Answers to the category's questions, by code."
    )
    media_urls: list[str] = Field(
        default_factory=list, max_length=6, description="Photos already online."
    )
    channel: Request.Channel | None = Field(
        None,
        description="Where the request came in. The call centre may say phone, e-mail or "
        "kiosk; other callers: web or app (a token's requests are `api`).",
    )
    language: str = Field("", max_length=10)


class RequestFilters(Schema):
    state: Request.State | None = None
    category: str | None = Field(None, max_length=60, description="A category's code.")


class OrderFilters(Schema):
    open_only: bool = Field(True, description="Only orders still to accept or answer.")


class CategoryFilters(Schema):
    reportable: bool | None = Field(None, description="Only those the public may report.")


class TargetIn(Schema):
    assignee: WorkOrder.Assignee
    department_code: str = Field("", max_length=40)
    worker: int | None = Field(None, description="The user id of a worker or desk manager.")
    desk: Desk | None = None
    part: str = Field("", max_length=2000, description="What this target handles (a split).")


class DispatchIn(Schema):
    targets: list[TargetIn] = Field(max_length=10)
    category: str = Field("", max_length=60, description="Correct the category on the way.")


class ReturnIn(Schema):
    reason: str = Field(max_length=2000)


class ReplyIn(Schema):
    reply: str = Field(max_length=5000, description="What the reporter is told.")
    resolution: str = Field("", max_length=5000, description="What was done (internal).")


class AnswerIn(Schema):
    answer: str = Field(max_length=5000, description="What the operator told the caller.")


class SuperviseIn(Schema):
    reopen: bool = Field(description="Send it back to the handlers (true) or close it (false).")
    note: str = Field(max_length=5000, description="What was decided and why.")


class FeedbackIn(Schema):
    rating: int = Field(description="Satisfaction from 1 to 5.")
    resolved: bool
    comment: str = Field("", max_length=2000)
    useful: bool | None = Field(None, description="Business desk: was the advice useful?")


# --- Output ----------------------------------------------------------------------------------


class CategoryOut(Schema):
    code: str
    name: str
    description: str
    group: str
    department_code: str
    desk: str
    by_community: bool
    reportable: bool
    attributes: list[dict[str, Any]]

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name

    @staticmethod
    def resolve_description(obj) -> str:
        from guichet.catalog import i18n

        return i18n.text(obj.description) if obj.description else ""


class ReporterOut(Schema):
    name: str
    phone: str
    email: str


class AttachmentOut(Schema):
    id: int
    purpose: str
    kind: str
    name: str
    content_type: str
    size: int
    url: str
    thumbnail: str | None

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.original_name

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.url or reverse("hotline:attachment", args=[obj.pk])

    @staticmethod
    def resolve_thumbnail(obj) -> str | None:
        return reverse("hotline:thumbnail", args=[obj.pk]) if obj.thumbnail_name else None


class UpdateOut(Schema):
    state: Request.State
    description: str
    created_at: datetime


def _category_code(obj) -> str | None:
    return obj.category.code if obj.category_id else None


class RequestSummaryOut(Schema):
    number: str
    state: Request.State
    kind: Kind
    urgency: Urgency
    channel: Request.Channel
    category: str | None
    title: str
    district: str
    created_at: datetime

    @staticmethod
    def resolve_category(obj) -> str | None:
        return _category_code(obj)


class QueueItemOut(RequestSummaryOut):
    address: str
    suggestions: list[dict[str, Any]] = Field(description="The classifier's top three.")
    returns: int = Field(description="How often departments sent it back.")

    @staticmethod
    def resolve_returns(obj) -> int:
        return getattr(obj, "returns", 0)


class OrderOut(Schema):
    number: str
    request: str
    title: str
    part: str
    assignee: WorkOrder.Assignee
    department_code: str
    worker: int | None
    desk: str
    state: WorkOrder.State
    due_at: datetime
    overdue: bool
    escalation: int
    accepted_at: datetime | None
    replied_at: datetime | None
    return_reason: str
    reply: str
    feedback: str
    created_at: datetime

    @staticmethod
    def resolve_request(obj) -> str:
        return obj.request.number

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.request.title

    @staticmethod
    def resolve_worker(obj) -> int | None:
        return obj.worker_id

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_open and obj.due_at < timezone.now()


class RequestOut(RequestSummaryOut):
    category_name: str
    description: str
    address: str
    lat: float | None
    lon: float | None
    language: str
    attributes: dict[str, Any]
    anonymous: bool
    reporter: ReporterOut = Field(description="As the reader may see it.")
    suggestions: list[dict[str, Any]]
    parent: str | None = Field(description="The request this one is handled with.")
    reply: str
    updated_at: datetime
    replied_at: datetime | None
    closed_at: datetime | None
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_category_name(obj) -> str:
        return obj.category.display_name if obj.category_id else ""

    @staticmethod
    def resolve_reporter(obj, context) -> dict[str, str]:
        viewer = getattr(context["request"], "auth", None)
        return selectors.reporter_identity(obj, viewer)

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.number if obj.parent_id else None

    @staticmethod
    def resolve_attachments(obj) -> list:
        return list(obj.attachments.all())


class RequestDetailOut(RequestOut):
    orders: list[OrderOut]
    updates: list[UpdateOut]

    @staticmethod
    def resolve_orders(obj) -> list:
        return list(obj.orders.select_related("request").order_by("id"))

    @staticmethod
    def resolve_updates(obj) -> list:
        return list(obj.updates.all())


class FeedbackOut(Schema):
    round: int
    rating: int
    resolved: bool
    useful: bool | None
    comment: str
    how: str
    created_at: datetime
    request_state: Request.State = Field(description="Closed, open again, or with a supervisor.")

    @staticmethod
    def resolve_request_state(obj) -> str:
        return Request.objects.values_list("state", flat=True).get(pk=obj.request_id)


class DepartmentCountOut(Schema):
    department_code: str
    count: int


class BoardOut(Schema):
    open: int
    overdue: int
    returned: int = Field(description="Orders returned in the last 30 days.")
    reopened: int
    escalated: int
    satisfaction: float | None = Field(description="Average mark, last 30 days.")
    answers: int
    resolved_share: float | None
    overdue_orders: list[OrderOut]
    escalated_requests: list[RequestSummaryOut]
    returns_by_department: list[DepartmentCountOut]
