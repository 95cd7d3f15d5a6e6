"""The public catalogue API's types, and the shape of the catalogue exchange document.

Multilingual fields come twice: `x` is rendered in the request's language (the `lang`
parameter, else the browser's), `x_i18n` holds every language as stored.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field

from . import i18n
from .models import Audience, Department, Event, Requirement, WindowType

I18n = dict[str, str]


def localised(field: str) -> tuple[staticmethod, staticmethod]:
    """The two resolvers of a multilingual field: its text in the request's language, and
    every language as stored (`x` and `x_i18n` in the answer)."""

    def text(obj) -> str:
        return i18n.text(getattr(obj, field))

    def every_language(obj) -> I18n:
        return getattr(obj, field)

    return staticmethod(text), staticmethod(every_language)


class ServiceFilters(Schema):
    q: str | None = Field(None, max_length=200, description="Words to find in names, keywords.")
    department: str | None = Field(None, description="Code of the competent department.")
    event: str | None = Field(None, description="Code of a life or business event.")
    audience: Literal["person", "company", "both"] | None = Field(
        None, description="`person` and `company` include services for both."
    )
    online: bool | None = Field(None, description="Fully online (no visit needed).")
    any_centre: bool | None = Field(None, description="Can be applied for at any centre.")
    community: bool | None = Field(None, description="Can be ordered at community centres.")


class DepartmentRef(Schema):
    code: str
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name


class DepartmentOut(DepartmentRef):
    name_i18n: I18n
    level: str
    parent: str | None

    @staticmethod
    def resolve_name_i18n(obj) -> I18n:
        return obj.name

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class EventRef(Schema):
    code: str
    kind: str
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return i18n.text(obj.name) or obj.code


class EventOut(EventRef):
    name_i18n: I18n

    @staticmethod
    def resolve_name_i18n(obj) -> I18n:
        return obj.name


class EvidenceRef(Schema):
    code: str
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return i18n.text(obj.name) or obj.code


class EvidenceTypeOut(EvidenceRef):
    name_i18n: I18n
    description: str
    description_i18n: I18n
    issuing_department: str | None
    validity_months: int | None
    shareable: bool

    @staticmethod
    def resolve_name_i18n(obj) -> I18n:
        return obj.name

    resolve_description, resolve_description_i18n = localised("description")

    @staticmethod
    def resolve_issuing_department(obj) -> str | None:
        return obj.issuing_department.code if obj.issuing_department_id else None


class RequirementOut(Schema):
    evidence_type: EvidenceRef
    condition: str = Field(description="In the condition language; empty: always required.")
    condition_text: str
    condition_text_i18n: I18n
    form: str
    copies: int
    mandatory: bool
    tolerated_days: int | None
    note: str
    note_i18n: I18n

    resolve_condition_text, resolve_condition_text_i18n = localised("condition_text")

    resolve_note, resolve_note_i18n = localised("note")


class ServiceSummaryOut(Schema):
    code: str
    name: str
    name_i18n: I18n
    department: DepartmentRef
    audience: str
    channels: list[str]
    visits: int
    online: bool
    promised_time_limit_days: int
    fee_amount: Decimal
    fee_currency: str
    version: int
    published_at: datetime | None

    @staticmethod
    def resolve_code(obj) -> str:
        return obj.service.code

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name

    @staticmethod
    def resolve_name_i18n(obj) -> I18n:
        return obj.name

    @staticmethod
    def resolve_department(obj):
        return obj.competent_department

    @staticmethod
    def resolve_online(obj) -> bool:
        return obj.fully_online

    @staticmethod
    def resolve_version(obj) -> int:
        return obj.number


class ServiceDetailOut(ServiceSummaryOut):
    description: str
    description_i18n: I18n
    keywords: dict[str, list[str]]
    who_can_apply: str
    who_can_apply_i18n: I18n
    collaborating_departments: list[DepartmentRef]
    events: list[EventRef]
    legal_basis: str
    legal_basis_i18n: I18n
    legal_reference: str
    legal_time_limit_days: int
    fee_waiver: str
    fee_waiver_i18n: I18n
    named_centre_code: str
    window_type: str
    output: EvidenceRef | None
    prerequisites: list[str] = Field(description="Codes of services to obtain first.")
    requirements: list[RequirementOut]

    resolve_description, resolve_description_i18n = localised("description")

    resolve_who_can_apply, resolve_who_can_apply_i18n = localised("who_can_apply")

    resolve_legal_basis, resolve_legal_basis_i18n = localised("legal_basis")

    resolve_fee_waiver, resolve_fee_waiver_i18n = localised("fee_waiver")

    @staticmethod
    def resolve_prerequisites(obj) -> list[str]:
        return sorted(service.code for service in obj.prerequisites.all())


# --- The exchange document (see exchange.py): what an import accepts -----------------------


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=1, max_length=60)
    name: dict[str, str]


class DepartmentIn(_Entry):
    code: str = Field(min_length=1, max_length=40)
    level: Department.Level = Department.Level.CITY
    parent: str | None = None


class EventIn(_Entry):
    kind: Event.Kind


class EvidenceTypeIn(_Entry):
    description: dict[str, str] = {}
    issuing_department: str | None = None
    validity_months: int | None = Field(None, ge=0)
    shareable: bool = False


class RequirementIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    evidence_type: str
    condition: str = ""
    condition_text: dict[str, str] = {}
    form: Requirement.Form = Requirement.Form.ORIGINAL
    copies: int = Field(1, ge=0)
    mandatory: bool = True
    tolerated_days: int | None = Field(None, ge=0)
    note: dict[str, str] = {}


class ServiceIn(_Entry):
    code: str = Field(min_length=1, max_length=40)
    description: dict[str, str] = {}
    keywords: dict[str, list[str]] = {}
    who_can_apply: dict[str, str] = {}
    audience: Audience = Audience.PERSON
    competent_department: str
    collaborating_departments: list[str] = []
    events: list[str] = []
    legal_basis: dict[str, str] = {}
    legal_reference: str = ""
    legal_time_limit_days: int = Field(ge=0)
    promised_time_limit_days: int = Field(ge=0)
    fee_amount: Decimal = Field(Decimal("0"), ge=0)
    fee_currency: str = Field("CNY", min_length=3, max_length=3)
    fee_waiver: dict[str, str] = {}
    channels: list[str]
    named_centre_code: str = ""
    visits: int = Field(1, ge=0)
    window_type: WindowType = WindowType.GENERAL
    output: str | None = None
    prerequisites: list[str] = []
    requirements: list[RequirementIn] = []


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: Literal["guichet-catalogue"]
    version: Literal[1]
    exported_at: str | None = None
    departments: list[DepartmentIn] = []
    events: list[EventIn] = []
    evidence_types: list[EvidenceTypeIn] = []
    services: list[ServiceIn] = []
