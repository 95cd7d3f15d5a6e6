"""Evidence resolution: where each document an application needs comes from, and consent."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.audit import services as audit
from guichet.catalog.models import EvidenceType

from .models import Consent, Credential, Document, Party

# ---------------------------------------------------------------------------------------------
# Evidence resolution


@dataclass(frozen=True)
class Resolution:
    """Where one required document comes from, as the applicant is shown it."""

    evidence_type_id: int
    source: str  # credential | vault | platform | upload
    provider: str = ""
    credential: Credential | None = None
    document: Document | None = None
    valid_until: date | None = None

    @property
    def reused(self) -> bool:
        return self.source != "upload"


# Evidence the platform itself holds for a party: an identity checked at login (or by a
# clerk) replaces a copy of the identity card.
PLATFORM_EVIDENCE: dict[str, Callable[[Party], bool]] = {
    "id-card": lambda party: party.kind == Party.Kind.PERSON and party.identity_verified,
}


def resolve(
    party: Party, evidence_types: Iterable[EvidenceType], *, on: date | None = None
) -> dict[int, Resolution]:
    """For each evidence type: a valid credential, a verified vault document, platform data,
    or nothing (the applicant uploads it) — in that order, in three queries in all."""
    on = on or timezone.localdate()
    wanted = {evidence.pk: evidence for evidence in evidence_types}
    found: dict[int, Resolution] = {}
    shareable = [pk for pk, evidence in wanted.items() if evidence.shareable]
    for credential in (
        Credential.objects.filter(holder=party, evidence_type_id__in=shareable)
        .select_related("issuing_department")
        .order_by("-issued_on", "-id")
    ):
        if credential.evidence_type_id not in found and credential.usable_on(on):
            found[credential.evidence_type_id] = Resolution(
                credential.evidence_type_id,
                "credential",
                credential.issuing_department.display_name,
                credential=credential,
                valid_until=credential.valid_until,
            )
    for document in Document.objects.filter(
        holder=party, evidence_type_id__in=set(wanted) - set(found)
    ).order_by("-uploaded_at", "-id"):
        if document.evidence_type_id not in found and document.reusable_on(on):
            found[document.evidence_type_id] = Resolution(
                document.evidence_type_id,
                "vault",
                str(_("Your verified document")),
                document=document,
                valid_until=document.valid_until,
            )
    for pk, evidence in wanted.items():
        if pk in found:
            continue
        holds = PLATFORM_EVIDENCE.get(evidence.code)
        if holds and holds(party):
            found[pk] = Resolution(pk, "platform", str(_("Identity verified at login")))
        else:
            found[pk] = Resolution(pk, "upload")
    return found


@transaction.atomic
def record_consent(
    party: Party, *, purpose: str, granted: bool, records: list[dict], by
) -> Consent:
    """The applicant said yes or no to reusing the records shown for this application."""
    consent, _created = Consent.objects.update_or_create(
        party=party,
        purpose=purpose,
        defaults={"granted": granted, "records": records, "given_by": by},
    )
    audit.record(
        action="consent.granted" if granted else "consent.declined",
        actor=by,
        target=consent,
        summary={"purpose": purpose, "records": len(records)},
    )
    return consent


def consent_for(party: Party, *, purpose: str) -> Consent | None:
    return Consent.objects.filter(party=party, purpose=purpose).first()
