"""The applications API's types: what a caller sends, and the shape of a case in answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from guichet.datahub import services as datahub

from . import permissions, selectors
from .models import Case, Item, Material, ReviewTask
from .review import Decision

# --- Input -----------------------------------------------------------------------------------


class CaseServiceIn(Schema):
    code: str = Field(min_length=1, max_length=40, description="Code of a published service.")
    evidence: list[str] | None = Field(
        None,
        max_length=100,
        description="Evidence type codes tailored by a guidance funnel; omitted: every "
        "requirement of the service, conditions evaluated on `answers`.",
    )


class CaseIn(Schema):
    applicant: str | None = Field(
        None,
        max_length=32,
        description="Identity number or credit code of the applicant; omitted: the caller.",
    )
    services: list[CaseServiceIn] = Field(min_length=1, max_length=20)
    answers: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, description="Answers to the services' conditions."
    )
    consent: bool = Field(
        description="Whether the data hub's records (certificates, verified documents) may "
        "be reused for this application instead of uploads."
    )


class ConsentIn(Schema):
    granted: bool


class DecisionIn(Schema):
    decision: Literal["approve", "refuse", "ask", "send_back"] = Field(
        description=f"One of {', '.join(Decision.ALL)}."
    )
    text: str = Field("", max_length=4000, description="Reason, or the question to ask.")


class AnswerIn(Schema):
    text: str = Field(min_length=1, max_length=4000)


class AcceptIn(Schema):
    verdicts: dict[int, Literal["accepted", "rejected"]] = Field(
        default_factory=dict, description="Per material id; unlisted provided ones: accepted."
    )
    tolerated: list[int] = Field(
        default_factory=list, description="Ids of missing materials whose absence is tolerated."
    )
    centre_code: str = Field("", max_length=40)


class ReturnIn(Schema):
    reason: str = Field(max_length=4000)
    rejected: list[int] = Field(default_factory=list, description="Ids of rejected materials.")


class CaseFilters(Schema):
    state: Case.State | None = None
    queue: Literal["mine", "review", "acceptance"] | None = Field(
        None,
        description="`mine`: the caller's applications (default for applicants); `review`: "
        "cases with open tasks of the caller's departments (default for reviewers); "
        "`acceptance`: waiting for a clerk.",
    )


class TaskFilters(Schema):
    department: str | None = None
    state: ReviewTask.State | None = Field(None, description="Default: open and waiting.")
    due_before: date | None = None


# --- Output ----------------------------------------------------------------------------------


class CodeName(Schema):
    code: str
    name: str


def _department(department) -> dict:
    return {"code": department.code, "name": department.display_name}


def _service(version) -> dict:
    return {"code": version.service.code, "name": version.display_name}


class CaseMaterialOut(Schema):
    id: int
    evidence: CodeName
    mandatory: bool
    source: Material.Source
    provider: str = Field(description="Whose record is reused (a department, your vault).")
    verdict: Material.Verdict
    tolerated_until: date | None

    @staticmethod
    def resolve_evidence(obj) -> dict:
        return {"code": obj.evidence_type.code, "name": str(obj.evidence_type)}


class CaseTaskOut(Schema):
    id: int
    department: CodeName
    role: ReviewTask.Role
    state: ReviewTask.State
    due_on: date | None
    question: str
    answer: str

    @staticmethod
    def resolve_department(obj) -> dict:
        return _department(obj.department)


class CaseItemOut(Schema):
    position: int
    service: CodeName
    version: int
    state: Item.State
    due_on: date | None
    decision_reason: str
    credential_number: str
    materials: list[CaseMaterialOut]
    tasks: list[CaseTaskOut]

    @staticmethod
    def resolve_service(obj) -> dict:
        return _service(obj.service_version)

    @staticmethod
    def resolve_version(obj) -> int:
        return obj.service_version.number

    @staticmethod
    def resolve_materials(obj) -> list:
        return list(obj.materials.all())

    @staticmethod
    def resolve_tasks(obj) -> list:
        return list(obj.tasks.all())


class CaseEventOut(Schema):
    occurred_at: datetime
    action: str = Field(description="What happened, e.g. `case.submitted`, `review.approve`.")
    actor: str


class ApplicantOut(Schema):
    kind: str
    name: str
    identifier: str = Field(description="Masked: first and last four characters.")

    @staticmethod
    def resolve_identifier(obj) -> str:
        return datahub.masked(obj.identifier)


class CaseSummaryOut(Schema):
    number: str
    state: Case.State
    channel: Case.Channel
    applicant: ApplicantOut
    services: list[str]
    created_at: datetime
    submitted_at: datetime | None
    updated_at: datetime

    @staticmethod
    def resolve_services(obj) -> list[str]:
        return [item.service_version.service.code for item in obj.items.all()]


class CaseOut(CaseSummaryOut):
    delivery: Case.Delivery
    tracking_number: str
    return_reason: str
    accepted_on: date | None
    decided_at: datetime | None
    delivered_at: datetime | None
    closed_at: datetime | None
    items: list[CaseItemOut]
    timeline: list[CaseEventOut]

    @staticmethod
    def resolve_items(obj) -> list:
        return _items(obj)

    @staticmethod
    def resolve_services(obj) -> list[str]:
        return [item.service_version.service.code for item in _items(obj)]

    @staticmethod
    def resolve_timeline(obj, context) -> list[dict]:
        viewer = context["request"].auth
        applicant_side = permissions.is_applicant_side(viewer, obj)
        return [
            {
                "occurred_at": event.occurred_at,
                "action": event.action,
                "actor": _actor(event, viewer, obj) if applicant_side else event.actor_label,
            }
            for event in selectors.timeline(obj)
        ]


def _items(case: Case) -> list:
    # Read once per answer: both `items` and `services` need them.
    if not hasattr(case, "_api_items"):
        case._api_items = selectors.items_of(case)
    return case._api_items


def _actor(event, viewer, case: Case) -> str:
    """Applicants see who acted by role, not staff members' accounts."""
    if event.actor_id is None:
        return _("system")
    if event.actor_id == viewer.pk:
        return _("you")
    if event.actor_id in (case.owner_id, case.applicant.user_id):
        return _("applicant")
    return _("staff")


class ReviewTaskOut(CaseTaskOut):
    case: str
    item: int
    service: CodeName
    applicant: str
    reason: str

    @staticmethod
    def resolve_case(obj) -> str:
        return obj.item.case.number

    @staticmethod
    def resolve_item(obj) -> int:
        return obj.item.position

    @staticmethod
    def resolve_service(obj) -> dict:
        return _service(obj.item.service_version)

    @staticmethod
    def resolve_applicant(obj) -> str:
        return obj.item.case.applicant.name


class ReuseShare(Schema):
    applications: int
    required: int = Field(description="Required documents in submitted applications.")
    reused: int = Field(description="Of those, satisfied without an upload.")
    share: float


class ServiceShare(ReuseShare):
    service: str


class ReuseOut(Schema):
    overall: ReuseShare
    services: list[ServiceShare]
