"""Changing the catalogue: drafts, publishing, withdrawing. Published versions never change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.audit import services as audit
from guichet.notify import outbox

from . import i18n
from .conditions import ConditionError, parse
from .models import Channel, Department, Event, EvidenceType, Requirement, Service, ServiceVersion

EDITORS = {Role.CATALOGUE_ADMINISTRATOR, Role.PLATFORM_ADMINISTRATOR}
# Content fields copied from one version to the next (everything but identity and status).
CONTENT_FIELDS = [
    "name",
    "description",
    "keywords",
    "who_can_apply",
    "audience",
    "competent_department",
    "legal_basis",
    "legal_reference",
    "legal_time_limit_days",
    "promised_time_limit_days",
    "fee_amount",
    "fee_currency",
    "fee_waiver",
    "channels",
    "named_centre_code",
    "visits",
    "window_type",
    "output",
]
RELATION_FIELDS = ["collaborating_departments", "events", "prerequisites"]
REQUIREMENT_FIELDS = [
    "evidence_type",
    "position",
    "condition",
    "condition_text",
    "form",
    "copies",
    "mandatory",
    "tolerated_days",
    "note",
]


@dataclass
class RequirementSpec:
    """What a requirement says, before it belongs to a version."""

    evidence_type: EvidenceType
    condition: str = ""
    condition_text: dict = field(default_factory=dict)
    form: str = Requirement.Form.ORIGINAL
    copies: int = 1
    mandatory: bool = True
    tolerated_days: int | None = None
    note: dict = field(default_factory=dict)


def require_editor(user) -> None:
    """Catalogue and platform administrators edit; `None` is the system (import, demo)."""
    if user is not None and not (accounts.roles_of(user) & EDITORS):
        raise PermissionDenied(_("Only catalogue administrators may change the catalogue."))


def _check_content(version: ServiceVersion) -> None:
    errors: dict[str, list[str]] = {}
    if not i18n.text(version.name, "en") or not version.name.get("zh-hans"):
        errors["name"] = [_("Give the name in English and in Simplified Chinese.")]
    unknown = set(version.channels) - set(Channel.values)
    if unknown:
        errors["channels"] = [_("Unknown channel: %s") % ", ".join(sorted(unknown))]
    if not version.channels:
        errors["channels"] = [_("Say where the service can be applied for.")]
    if version.promised_time_limit_days > version.legal_time_limit_days:
        errors["promised_time_limit_days"] = [
            _("The promised time limit cannot be longer than the legal one.")
        ]
    if Channel.NAMED_CENTRE in version.channels and not version.named_centre_code:
        errors["named_centre_code"] = [_("Say which centre.")]
    if errors:
        raise ValidationError(errors)


def _check_requirement(spec: RequirementSpec) -> None:
    try:
        parse(spec.condition)
    except ConditionError as error:
        raise ValidationError({"condition": [str(error)]}) from error
    if not spec.mandatory and not spec.tolerated_days:
        raise ValidationError({"tolerated_days": [_("Say within how many days it may follow.")]})


@transaction.atomic
def create_service(
    code: str,
    *,
    by=None,
    requirements: Sequence[RequirementSpec] = (),
    collaborating_departments: Iterable[Department] = (),
    events: Iterable[Event] = (),
    prerequisites: Iterable[Service] = (),
    **content: Any,
) -> ServiceVersion:
    """A new service, as its first draft."""
    require_editor(by)
    if Service.objects.filter(code=code).exists():
        raise ValidationError({"code": [_("A service with this code exists already.")]})
    service = Service.objects.create(code=code)
    draft = ServiceVersion(service=service, number=1, created_by=by, **content)
    _check_content(draft)
    draft.save()
    draft.collaborating_departments.set(collaborating_departments)
    draft.events.set(events)
    draft.prerequisites.set(prerequisites)
    replace_requirements(draft, requirements, by=by)
    audit.record(action="catalog.service_created", actor=by, target=draft, summary={"code": code})
    return draft


@transaction.atomic
def start_draft(service: Service, *, by=None) -> ServiceVersion:
    """The service's open draft, or a new one copied from its latest version."""
    require_editor(by)
    existing = service.versions.filter(status=ServiceVersion.Status.DRAFT).first()
    if existing is not None:
        return existing
    latest = service.versions.order_by("-number").first()
    number = (service.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft = ServiceVersion(
        service=service,
        number=number,
        created_by=by,
        **{name: getattr(latest, name) for name in CONTENT_FIELDS},
    )
    draft.save()
    for name in RELATION_FIELDS:
        getattr(draft, name).set(getattr(latest, name).all())
    Requirement.objects.bulk_create(
        [
            Requirement(version=draft, **{name: getattr(r, name) for name in REQUIREMENT_FIELDS})
            for r in latest.requirements.all()
        ]
    )
    audit.record(
        action="catalog.draft_started",
        actor=by,
        target=draft,
        summary={"from_version": latest.number},
    )
    return draft


def _require_draft(version: ServiceVersion) -> None:
    if version.status != ServiceVersion.Status.DRAFT:
        raise ValidationError(_("Only a draft can be edited; start a new draft instead."))


@transaction.atomic
def update_draft(draft: ServiceVersion, *, by=None, **changes: Any) -> ServiceVersion:
    require_editor(by)
    _require_draft(draft)
    relations = {name: changes.pop(name) for name in RELATION_FIELDS if name in changes}
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in changes.items():
        setattr(draft, name, value)
    _check_content(draft)
    draft.save()
    for name, values in relations.items():
        getattr(draft, name).set(values)
    audit.record(
        action="catalog.draft_updated",
        actor=by,
        target=draft,
        summary={"fields": sorted([*changes, *relations])},
    )
    return draft


@transaction.atomic
def replace_requirements(
    draft: ServiceVersion, requirements: Sequence[RequirementSpec], *, by=None
) -> None:
    require_editor(by)
    _require_draft(draft)
    for spec in requirements:
        _check_requirement(spec)
    draft.requirements.all().delete()
    Requirement.objects.bulk_create(
        [
            Requirement(
                version=draft,
                position=position,
                evidence_type=spec.evidence_type,
                condition=spec.condition.strip(),
                condition_text=i18n.clean(spec.condition_text),
                form=spec.form,
                copies=spec.copies,
                mandatory=spec.mandatory,
                tolerated_days=spec.tolerated_days,
                note=i18n.clean(spec.note),
            )
            for position, spec in enumerate(requirements)
        ]
    )


@transaction.atomic
def publish(draft: ServiceVersion, *, by=None, change_note: str = "") -> ServiceVersion:
    """Publish a draft; the version it replaces is superseded, never edited."""
    require_editor(by)
    draft = ServiceVersion.objects.select_for_update().get(pk=draft.pk)
    _require_draft(draft)
    _check_content(draft)
    unpublished = sorted(
        draft.prerequisites.exclude(versions__status=ServiceVersion.Status.PUBLISHED)
        .exclude(pk=draft.service_id)
        .values_list("code", flat=True)
    )
    if unpublished:
        # A citizen told to "apply for X first" must find X in the catalogue.
        raise ValidationError(
            {"prerequisites": [_("Publish these prerequisites first: %s") % ", ".join(unpublished)]}
        )
    previous = (
        ServiceVersion.objects.select_for_update()
        .filter(service=draft.service, status=ServiceVersion.Status.PUBLISHED)
        .first()
    )
    if previous is not None:
        previous.move_to(ServiceVersion.Status.SUPERSEDED)
        previous.save(update_fields=["status"])
    draft.move_to(ServiceVersion.Status.PUBLISHED)
    draft.published_at, draft.published_by = timezone.now(), by
    draft.change_note = change_note or draft.change_note
    draft.save(update_fields=["status", "published_at", "published_by", "change_note"])
    audit.record(
        action="catalog.service_published",
        actor=by,
        target=draft,
        summary={
            "code": draft.service.code,
            "version": draft.number,
            "supersedes": previous.number if previous else None,
        },
    )
    outbox.emit("catalog.service_published", {"code": draft.service.code, "version": draft.number})
    return draft


@transaction.atomic
def withdraw(service: Service, *, by=None, reason: str = "") -> ServiceVersion:
    """Take a service off the catalogue; cases filed under it keep their version."""
    require_editor(by)
    current = (
        ServiceVersion.objects.select_for_update()
        .filter(service=service, status=ServiceVersion.Status.PUBLISHED)
        .first()
    )
    if current is None:
        raise ValidationError(_("This service has no published version."))
    current.move_to(ServiceVersion.Status.WITHDRAWN)
    current.save(update_fields=["status"])
    audit.record(
        action="catalog.service_withdrawn", actor=by, target=current, summary={"reason": reason}
    )
    outbox.emit("catalog.service_withdrawn", {"code": service.code, "version": current.number})
    return current


@transaction.atomic
def save_department(
    code: str,
    *,
    name: dict,
    level: str = Department.Level.CITY,
    parent: Department | None = None,
    by=None,
) -> Department:
    require_editor(by)
    department, created = Department.objects.update_or_create(
        code=code, defaults={"name": i18n.clean(name), "level": level, "parent": parent}
    )
    audit.record(
        action="catalog.department_saved", actor=by, target=department, summary={"created": created}
    )
    return department


@transaction.atomic
def save_evidence_type(
    code: str,
    *,
    name: dict,
    description: dict | None = None,
    issuing_department: Department | None = None,
    validity_months: int | None = None,
    shareable: bool = False,
    by=None,
) -> EvidenceType:
    require_editor(by)
    evidence, created = EvidenceType.objects.update_or_create(
        code=code,
        defaults={
            "name": i18n.clean(name),
            "description": i18n.clean(description),
            "issuing_department": issuing_department,
            "validity_months": validity_months,
            "shareable": shareable,
        },
    )
    audit.record(
        action="catalog.evidence_type_saved",
        actor=by,
        target=evidence,
        summary={"created": created},
    )
    return evidence


@transaction.atomic
def save_event(code: str, *, kind: str, name: dict, by=None) -> Event:
    require_editor(by)
    event, created = Event.objects.update_or_create(
        code=code, defaults={"kind": kind, "name": i18n.clean(name)}
    )
    audit.record(action="catalog.event_saved", actor=by, target=event, summary={"created": created})
    return event


@transaction.atomic
def discard_draft(draft: ServiceVersion, *, by=None) -> None:
    """Throw a draft away; a service that was never published goes with it."""
    require_editor(by)
    _require_draft(draft)
    service, number = draft.service, draft.number
    draft.requirements.all().delete()
    draft.delete()
    audit.record(
        action="catalog.draft_discarded",
        actor=by,
        target_type="catalog.service",
        target_id=service.code,
        summary={"version": number},
    )
    # The code goes too, unless another version already names it as a prerequisite.
    if (
        not service.versions.exists()
        and not ServiceVersion.objects.filter(prerequisites=service).exists()
    ):
        service.delete()
