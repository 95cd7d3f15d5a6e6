"""Applying: drafts, materials resolved by the data hub, consent, submission and acceptance.

Review, decisions, issuance and delivery are in `review.py`; deadlines in `deadlines.py`.
Each use case checks permission, applies a transition, audits and notifies, in one transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet import working_days
from guichet.accounts.roles import Role
from guichet.audit import services as audit
from guichet.catalog import selectors as catalog
from guichet.catalog.conditions import ConditionError, evaluate
from guichet.catalog.models import EvidenceType, ServiceVersion
from guichet.datahub import services as datahub
from guichet.datahub.models import Party
from guichet.ops.sequences import next_number

from . import permissions
from .intake import note_drop_off, supply_missing  # noqa: F401  (documents arriving later)
from .models import Case, FormToken, Item, Material, ReviewTask
from .notices import tell_applicant

CASE_PREFIX = getattr(settings, "GUICHET_CASE_PREFIX", "GC")


@dataclass(frozen=True)
class ItemSpec:
    """A service to apply for; `evidence` (codes) is the funnel's tailored list, if any."""

    code: str
    evidence: frozenset[str] | None = None
    extra: frozenset[str] = field(default_factory=frozenset)


# ---------------------------------------------------------------------------------------------
# Drafts


def issue_form_token(owner) -> str:
    token = secrets.token_urlsafe(24)
    FormToken.objects.create(token=token, owner=owner)
    return token


def purge_form_tokens(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Forget the one-time tokens of forms nobody sent (each page view makes one)."""
    stale = FormToken.objects.filter(case__isnull=True, created_at__lt=timezone.now() - older_than)
    return stale.delete()[0]


@transaction.atomic
def start(
    *,
    by,
    applicant: Party,
    services: Sequence[ItemSpec],
    answers: Mapping[str, Any] | None = None,
    channel: str = Case.Channel.ONLINE,
    centre_code: str = "",
    form_token: str | None = None,
) -> Case:
    """Open a draft with one item per service; the hub fills in what it already holds."""
    if form_token:
        # Lock the token: a second click waits, then finds the case the first one made.
        token = FormToken.objects.select_for_update().filter(token=form_token, owner=by).first()
        if token is None:
            raise ValidationError(_("This form has expired: open it again."), code="stale-form")
        if token.case_id:
            return token.case
    permissions.require_may_apply(by, applicant, channel=channel)
    if not services:
        raise ValidationError(_("Choose at least one service."), code="no-service")
    versions = _published_versions([spec.code for spec in services])
    on_behalf = channel in (Case.Channel.WINDOW, Case.Channel.KIOSK) and not datahub.may_act_for(
        by, applicant
    )
    case = Case.objects.create(
        # The readable number is taken last: its counter row stays locked until commit.
        number=f"draft-{secrets.token_hex(6)}",
        applicant=applicant,
        owner=applicant.user if on_behalf else by,
        channel=channel,
        centre_code=centre_code,
        answers=dict(answers or {}),
        details=_prefill(applicant),
        delivery_address=applicant.address,
    )
    context = {**(answers or {}), **datahub.facts_of(applicant)}
    materials = []
    for position, spec in enumerate(services, start=1):
        version = versions[spec.code]
        item = Item.objects.create(
            case=case,
            position=position,
            service_version=version,
            legal_days=version.legal_time_limit_days,
        )
        materials += _materials(item, version, spec, context)
    Material.objects.bulk_create(materials)
    resolve_materials(case, reuse=True)  # nobody has said no yet: show what the hub holds
    case.number = _new_number()
    case.save(update_fields=["number"])
    if form_token:
        FormToken.objects.filter(token=form_token).update(case=case)
    audit.record(
        action="case.started",
        actor=by,
        target=case,
        summary={"number": case.number, "services": [s.code for s in services]},
        on_behalf_of=str(applicant) if on_behalf else "",
    )
    return case


def _new_number() -> str:
    year = timezone.localdate().year
    return f"{CASE_PREFIX}-{year}-{next_number(f'case-{year}'):07d}"


def _published_versions(codes: Iterable[str]) -> dict[str, ServiceVersion]:
    found = {v.service.code: v for v in catalog.published().filter(service__code__in=list(codes))}
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError(
            _("These services cannot be applied for: %(codes)s."),
            code="unknown-service",
            params={"codes": ", ".join(missing)},
        )
    return found


def _prefill(applicant: Party) -> dict:
    """The data asked once for every item, from what the hub holds."""
    return {
        "name": applicant.name,
        "address": applicant.address,
        "legal_representative": applicant.legal_representative,
        "phone": getattr(applicant.user, "phone", "") or "" if applicant.user_id else "",
    }


def _materials(item: Item, version: ServiceVersion, spec: ItemSpec, context: dict) -> list:
    """The documents this item asks for under the answers (unsaved, for one bulk insert)."""
    found: list[Material] = []
    seen: set[str] = set()
    for requirement in version.requirements.select_related("evidence_type"):
        code = requirement.evidence_type.code
        if spec.evidence is not None:
            if code not in spec.evidence:
                continue
            mandatory = requirement.mandatory
        elif requirement.condition:
            try:
                if not evaluate(requirement.condition, context):
                    continue
                mandatory = requirement.mandatory
            except ConditionError:
                # Not answered (started from a service page): ask for it, but don't insist.
                mandatory = False
        else:
            mandatory = requirement.mandatory
        seen.add(code)
        found.append(
            Material(
                item=item,
                requirement=requirement,
                evidence_type=requirement.evidence_type,
                mandatory=mandatory,
                tolerated_days=requirement.tolerated_days,
            )
        )
    for evidence in EvidenceType.objects.filter(code__in=spec.extra - seen):
        found.append(Material(item=item, evidence_type=evidence, mandatory=True))
    return found


# Documents the application itself stands for: the form the applicant fills in online (and
# confirms by logging in) or a clerk prints for signature at the window.
MADE_BY_THE_APPLICATION = frozenset({"application-form"})


def resolve_materials(case: Case, *, reuse: bool | None = None) -> None:
    """Ask the hub again for every material not uploaded by the applicant.

    Records are reused unless the applicant declined (`reuse` overrides what they said)."""
    materials = [
        m
        for m in Material.objects.filter(item__case=case).select_related("evidence_type")
        if m.source != Material.Source.UPLOAD
    ]
    resolved = datahub.resolve(case.applicant, {m.evidence_type for m in materials})
    if reuse is None:
        consent = datahub.consent_for(case.applicant, purpose=case.number)
        reuse = consent is None or consent.granted
    for material in materials:
        found = resolved[material.evidence_type_id]
        material.credential = material.document = None
        if material.evidence_type.code in MADE_BY_THE_APPLICATION:
            material.source = Material.Source.APPLICATION
            material.provider = str(_("This application"))
        elif not reuse or not found.reused:
            material.source, material.provider = Material.Source.MISSING, ""
        else:
            material.source, material.provider = found.source, found.provider
            material.credential, material.document = found.credential, found.document
    Material.objects.bulk_update(materials, ["source", "provider", "credential", "document"])


def reusable_records(case: Case) -> list[dict]:
    """What the hub would reuse for this case, as shown to the applicant before consent."""
    records: dict[tuple, dict] = {}
    for m in Material.objects.filter(item__case=case).select_related("evidence_type"):
        if m.reused:
            key = (m.source, m.credential_id or m.document_id or m.evidence_type_id)
            records[key] = {
                "kind": m.source,
                "id": m.credential_id or m.document_id,
                "evidence": m.evidence_type.code,
                "provider": m.provider,
            }
    return list(records.values())


def _reuses_records(case: Case) -> bool:
    return Material.objects.filter(
        item__case=case,
        source__in=[Material.Source.CREDENTIAL, Material.Source.VAULT, Material.Source.PLATFORM],
    ).exists()


@transaction.atomic
def give_consent(case: Case, *, by, granted: bool) -> Case:
    """The applicant agrees (or not) to reusing the hub's records for this application."""
    permissions.require_owner(by, case)
    _require_editable(case)
    earlier = datahub.consent_for(case.applicant, purpose=case.number)
    if earlier is not None and not earlier.granted:
        resolve_materials(case, reuse=True)  # show again what was declined
    datahub.record_consent(
        case.applicant,
        purpose=case.number,
        granted=granted,
        records=reusable_records(case),
        by=by,
    )
    if not granted:
        resolve_materials(case, reuse=False)
    return case


@transaction.atomic
def attach_upload(case: Case, *, by, evidence_type: EvidenceType, upload) -> list[Material]:
    """One file answers every item of the case that asks for this kind of document."""
    permissions.require_owner(by, case)
    _require_editable(case)
    materials = list(Material.objects.filter(item__case=case, evidence_type=evidence_type))
    if not materials:
        raise ValidationError(_("This application does not ask for that document."))
    document = datahub.add_document(
        case.applicant, evidence_type=evidence_type, upload=upload, by=by
    )
    for material in materials:
        material.source = Material.Source.UPLOAD
        material.document, material.credential, material.provider = document, None, ""
        material.verdict, material.verdict_note = Material.Verdict.UNCHECKED, ""
        material.save()
    audit.record(
        action="case.material_uploaded",
        actor=by,
        target=case,
        summary={"evidence": evidence_type.code, "document": document.pk},
    )
    return materials


@transaction.atomic
def update_details(
    case: Case, *, by, details: Mapping[str, str], delivery: str, delivery_address: str = ""
) -> Case:
    permissions.require_owner(by, case)
    _require_editable(case)
    if delivery not in Case.Delivery.values:
        raise ValidationError(_("Choose how you want to receive the result."), code="delivery")
    if delivery == Case.Delivery.POST and not delivery_address.strip():
        raise ValidationError(_("Give the postal address for delivery by post."), code="address")
    case.details = {**case.details, **{k: str(v).strip() for k, v in details.items()}}
    case.delivery, case.delivery_address = delivery, delivery_address.strip()
    case.save(update_fields=["details", "delivery", "delivery_address", "updated_at"])
    return case


def _require_editable(case: Case) -> None:
    if case.state not in (Case.State.DRAFT, Case.State.RETURNED):
        raise ValidationError(_("This application can no longer be changed."), code="not-editable")


# ---------------------------------------------------------------------------------------------
# Submission and acceptance


@dataclass(frozen=True)
class Gap:
    """Something the pre-check found: a missing or out-of-date document."""

    material: Material
    problem: str  # missing | expired | rejected
    tolerable: bool


def precheck(case: Case) -> list[Gap]:
    """Completeness and validity dates, as the online acceptance pre-check sees them."""
    today = timezone.localdate()
    gaps = []
    for m in Material.objects.filter(item__case=case, mandatory=True).select_related(
        "credential", "document", "evidence_type"
    ):
        tolerable = m.tolerated_days is not None
        if not m.provided:
            gaps.append(Gap(m, "missing", tolerable))
        elif m.verdict == Material.Verdict.REJECTED:
            gaps.append(Gap(m, "rejected", tolerable))
        else:
            record = m.credential or m.document
            until = getattr(record, "valid_until", None)
            if until is not None and until < today:
                gaps.append(Gap(m, "expired", tolerable))
    return gaps


@transaction.atomic
def submit(case: Case, *, by) -> Case:
    """Hand the application in; documents that cannot be tolerated must all be there."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    permissions.require_owner(by, case)
    if case.state in (Case.State.SUBMITTED, Case.State.RESUBMITTED):
        return case  # a retried submit changes nothing
    blocking = [gap for gap in precheck(case) if not gap.tolerable]
    if blocking:
        # Several items may ask for the same document: it is named (and supplied) once.
        names = list(dict.fromkeys(str(g.material.evidence_type) for g in blocking))
        raise ValidationError(
            _("Some required documents are missing or out of date: %(documents)s."),
            code="incomplete",
            params={"documents": ", ".join(names), "missing": names},
        )
    if _reuses_records(case) and datahub.consent_for(case.applicant, purpose=case.number) is None:
        raise ValidationError(
            _("Say whether the records found in the data hub may be used."), code="consent"
        )
    case.move_to(
        Case.State.RESUBMITTED if case.state == Case.State.RETURNED else Case.State.SUBMITTED
    )
    case.submitted_by = by
    case.submitted_at = timezone.now()
    case.save(update_fields=["state", "submitted_by", "submitted_at", "updated_at"])
    audit.record(action=f"case.{case.state}", actor=by, target=case, summary={})
    tell_applicant(case, "submitted")
    return case


@transaction.atomic
def submit_new(
    *,
    by,
    applicant: Party,
    services: Sequence[ItemSpec],
    idempotency_key: str,
    answers: Mapping[str, Any] | None = None,
    consent: bool = True,
    channel: str = Case.Channel.API,
) -> tuple[Case, bool]:
    """Create and submit in one call (the API); the same key never makes a second case."""
    existing = Case.objects.filter(submitted_by=by, idempotency_key=idempotency_key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            case = start(
                by=by, applicant=applicant, services=services, answers=answers, channel=channel
            )
            case.idempotency_key = idempotency_key
            case.submitted_by = by
            case.save(update_fields=["idempotency_key", "submitted_by"])
    except IntegrityError:
        # A concurrent request with the same key won the race.
        return Case.objects.get(submitted_by=by, idempotency_key=idempotency_key), False
    if _reuses_records(case):
        give_consent(case, by=by, granted=consent)
    return submit(case, by=by), True


@transaction.atomic
def accept(
    case: Case,
    *,
    clerk,
    verdicts: Mapping[int, str] | None = None,
    tolerated: Iterable[int] = (),
    centre_code: str = "",
) -> Case:
    """A clerk accepts: every mandatory document checked or tolerated; review starts."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    permissions.require_role(clerk, Role.WINDOW_CLERK)
    if case.state not in (Case.State.SUBMITTED, Case.State.RESUBMITTED):
        raise ValidationError(_("Only a submitted application can be accepted."), code="state")
    today = timezone.localdate()
    _require_handled_here(case, centre_code or case.centre_code)
    verdicts = dict(verdicts or {})
    if set(verdicts.values()) - {Material.Verdict.ACCEPTED, Material.Verdict.REJECTED}:
        raise ValidationError(_("A document is either accepted or rejected."), code="verdict")
    tolerated = set(tolerated)
    expired = {gap.material.pk for gap in precheck(case) if gap.problem == "expired"}
    materials = list(
        Material.objects.filter(item__case=case).select_related("evidence_type", "document")
    )
    unknown = (set(verdicts) | tolerated) - {m.pk for m in materials}
    if unknown:
        raise ValidationError(_("Unknown document in this application."), code="material")
    problems = []
    for m in materials:
        if m.pk in tolerated:
            if m.tolerated_days is None:
                problems.append(str(m.evidence_type))
                continue
            m.verdict = Material.Verdict.TOLERATED
            m.tolerated_until = working_days.add(today, m.tolerated_days)
        elif m.pk in expired:
            problems.append(str(m.evidence_type))
        elif m.provided:
            m.verdict = verdicts.get(m.pk, Material.Verdict.ACCEPTED)
            if m.verdict == Material.Verdict.ACCEPTED and m.source == Material.Source.UPLOAD:
                datahub.verify_document(m.document, staff=clerk, verified=True)
        elif m.mandatory:
            problems.append(str(m.evidence_type))
        if m.mandatory and m.verdict == Material.Verdict.REJECTED:
            problems.append(str(m.evidence_type))
        m.save(update_fields=["verdict", "tolerated_until"])
    if problems:
        raise ValidationError(
            _("These documents must be accepted or tolerated first: %(documents)s."),
            code="incomplete",
            params={"documents": ", ".join(sorted(set(problems)))},
        )
    case.move_to(Case.State.ACCEPTED)
    case.accepted_on = today
    case.centre_code = case.centre_code or centre_code
    case.save(update_fields=["state", "accepted_on", "centre_code", "updated_at"])
    audit.record(
        action="case.accepted",
        actor=clerk,
        target=case,
        summary={"tolerated": sorted(tolerated)},
    )
    _open_review(case, today)
    tell_applicant(case, "accepted")
    return case


def _require_handled_here(case: Case, centre_code: str) -> None:
    """City-wide handling: any centre accepts a city-wide service, whoever and wherever the
    applicant; a service handled only at a named centre is accepted there (or online)."""
    if not centre_code:
        return  # accepted online, by the pre-check and a clerk of the back office
    elsewhere = [
        str(item.service_version.display_name)
        for item in case.items.select_related("service_version")
        if not item.service_version.city_wide
        and item.service_version.named_centre_code
        and item.service_version.named_centre_code != centre_code
    ]
    if elsewhere:
        raise ValidationError(
            _("These services are handled only at their own centre: %(services)s."),
            code="not-at-this-centre",
            params={"services": ", ".join(elsewhere)},
        )


def _open_review(case: Case, today) -> None:
    for item in case.items.select_related("service_version__competent_department"):
        if item.state != Item.State.PENDING:
            continue  # decided before the case was sent back to acceptance
        item.move_to(Item.State.ACCEPTED)
        item.move_to(Item.State.IN_REVIEW)
        item.due_on = working_days.add(today, item.legal_days)
        item.save(update_fields=["state", "due_on"])
        version = item.service_version
        departments = [(version.competent_department, ReviewTask.Role.COMPETENT)] + [
            (d, ReviewTask.Role.COLLABORATOR)
            for d in version.collaborating_departments.exclude(pk=version.competent_department_id)
        ]
        live = set(
            item.tasks.filter(state__in=[ReviewTask.State.APPROVED]).values_list(
                "department_id", flat=True
            )
        )
        for department, role in departments:
            if department.pk not in live:
                ReviewTask.objects.create(
                    item=item, department=department, role=role, due_on=item.due_on
                )
    case.move_to(Case.State.IN_REVIEW)
    case.save(update_fields=["state", "updated_at"])
    audit.record(action="case.in_review", target=case, summary={})


@transaction.atomic
def return_for_correction(case: Case, *, clerk, reason: str, rejected: Iterable[int] = ()) -> Case:
    """Send a submitted application back to the applicant with what to correct."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    permissions.require_role(clerk, Role.WINDOW_CLERK)
    if not reason.strip():
        raise ValidationError(_("Say what the applicant must correct."), code="reason")
    case.move_to(Case.State.RETURNED)
    case.return_reason = reason.strip()
    case.save(update_fields=["state", "return_reason", "updated_at"])
    Material.objects.filter(item__case=case, pk__in=list(rejected)).update(
        verdict=Material.Verdict.REJECTED
    )
    audit.record(
        action="case.returned", actor=clerk, target=case, summary={"reason": case.return_reason}
    )
    tell_applicant(case, "returned", reason=case.return_reason)
    return case


def open_material(material: Material, *, staff):
    """Staff open a document of an application; the applicant sees the read in "My data"."""
    case = material.item.case
    if permissions.is_applicant_side(staff, case) or not permissions.can_view(staff, case):
        raise PermissionDenied(_("This is not an application you work on."))
    # A code, read in the holder's language on their "My data" page.
    purpose = "acceptance" if permissions.has_role(staff, Role.WINDOW_CLERK) else "review"
    if material.credential_id:
        return datahub.open_credential(
            material.credential, staff=staff, purpose=purpose, case_number=case.number
        )
    if material.document_id:
        return datahub.open_document(
            material.document, staff=staff, purpose=purpose, case_number=case.number
        )
    raise ValidationError(_("This document has not been provided."), code="missing")


@transaction.atomic
def withdraw(case: Case, *, by) -> Case:
    """The applicant withdraws before a decision; open tasks are cancelled."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    permissions.require_owner(by, case)
    case.move_to(Case.State.WITHDRAWN)
    case.closed_at = timezone.now()
    case.save(update_fields=["state", "closed_at", "updated_at"])
    for item in case.items.all():
        if Item.State.WITHDRAWN in Item.TRANSITIONS[item.state]:
            item.move_to(Item.State.WITHDRAWN)
            item.save(update_fields=["state"])
    ReviewTask.objects.filter(
        item__case=case, state__in=[ReviewTask.State.OPEN, ReviewTask.State.WAITING]
    ).update(state=ReviewTask.State.CANCELLED)
    audit.record(action="case.withdrawn", actor=by, target=case, summary={})
    return case
