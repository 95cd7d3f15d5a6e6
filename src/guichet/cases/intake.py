"""Documents that arrive after submission: tolerated absences handed in later, and
envelopes left in a centre's 24-hour drop box."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guichet.audit import services as audit
from guichet.catalog.models import EvidenceType
from guichet.datahub import services as datahub

from . import permissions
from .models import Case, Item, Material


@transaction.atomic
def supply_missing(case: Case, *, by, evidence_type: EvidenceType, upload) -> list[Material]:
    """A document tolerated at acceptance arrives later; a suspended item resumes review."""
    permissions.require_owner(by, case)
    materials = list(
        Material.objects.filter(
            item__case=case, evidence_type=evidence_type, verdict=Material.Verdict.TOLERATED
        ).select_related("item")
    )
    if not materials or case.state != Case.State.IN_REVIEW:
        raise ValidationError(_("Nothing is awaited for that document."), code="not-awaited")
    document = datahub.add_document(
        case.applicant, evidence_type=evidence_type, upload=upload, by=by
    )
    for material in materials:
        material.source, material.document = Material.Source.UPLOAD, document
        material.verdict = Material.Verdict.UNCHECKED
        material.save(update_fields=["source", "document", "verdict"])
        item = material.item
        if item.state == Item.State.SUSPENDED:
            item.move_to(Item.State.IN_REVIEW)
            item.save(update_fields=["state"])
    audit.record(
        action="case.material_supplied",
        actor=by,
        target=case,
        summary={"evidence": evidence_type.code, "document": document.pk},
    )
    return materials


@transaction.atomic
def note_drop_off(case_number: str, *, identifier: str, reference: str, centre_code: str) -> Case:
    """Documents left in a centre's 24-hour drop box enter the case's timeline; the pair of
    number and identity number must match, and a wrong pair reads like an unknown number."""
    case = Case.objects.filter(
        number=case_number.strip().upper(), applicant__identifier=identifier.strip().upper()
    ).first()
    if case is None:
        raise ValidationError(
            _("No application matches this number and identity number."), code="not-found"
        )
    if case.state in (Case.State.CLOSED, Case.State.WITHDRAWN, Case.State.DRAFT):
        raise ValidationError(
            _("This application does not take documents now: ask at a window."), code="state"
        )
    audit.record(
        action="case.dropped_off",
        target=case,
        summary={"reference": reference, "centre": centre_code},
    )
    return case
