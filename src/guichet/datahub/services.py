"""The data hub's use cases: parties, credentials, the vault, consent, evidence resolution.

Other apps call these functions; nothing outside the hub reads its tables. Every read of a
party's data by staff goes through an `open_*` function, which writes the access record the
party reads on their "My data" page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.accounts import services as accounts
from guichet.audit import services as audit
from guichet.catalog.models import Department, EvidenceType
from guichet.ops.sequences import next_number

from . import files, identity, signing

# Evidence resolution and staff reads live in their own modules; other apps call them here.
from .access import (  # noqa: F401
    accesses_to,
    open_credential,
    open_document,
    open_party,
    owner_document_response,
)
from .models import Credential, Document, Party
from .resolution import (  # noqa: F401
    PLATFORM_EVIDENCE,
    Resolution,
    consent_for,
    record_consent,
    resolve,
)

# ---------------------------------------------------------------------------------------------
# Parties


@transaction.atomic
def register_person(
    *,
    identifier: str,
    name: str,
    birth_date: date | None = None,
    address: str = "",
    district: str = "",
    user=None,
    identity_verified: bool = False,
) -> Party:
    """Record a person under their checked identity number (or refresh what we hold)."""
    identifier = identity.person_id_validator()(identifier)
    if birth_date is None:
        try:
            birth_date = identity.resident_id_facts(identifier).birth_date
        except ValidationError:
            birth_date = None  # another country's rule: the number does not say
    party, created = Party.objects.update_or_create(
        identifier=identifier,
        defaults={
            "kind": Party.Kind.PERSON,
            "name": name,
            "birth_date": birth_date,
            "address": address,
            "district": district,
        },
    )
    if user is not None:
        link_user(party, user=user, identity_verified=identity_verified)
    if created:
        audit.record(action="party.registered", target=party, summary={"kind": party.kind})
    return party


@transaction.atomic
def register_company(
    *,
    identifier: str,
    name: str,
    legal_representative: str = "",
    address: str = "",
    district: str = "",
    business_scope: str = "",
) -> Party:
    identifier = identity.validate_credit_code(identifier)
    party, created = Party.objects.update_or_create(
        identifier=identifier,
        defaults={
            "kind": Party.Kind.COMPANY,
            "name": name,
            "legal_representative": legal_representative,
            "address": address,
            "district": district,
            "business_scope": business_scope,
        },
    )
    if created:
        audit.record(action="party.registered", target=party, summary={"kind": party.kind})
    return party


@transaction.atomic
def link_user(party: Party, *, user, identity_verified: bool) -> Party:
    """A login becomes this person's; a verified login stands in for their identity card."""
    if party.is_company:
        raise ValidationError(_("A company is represented, not logged in as."))
    Party.objects.filter(user=user).exclude(pk=party.pk).update(user=None)
    party.user = user
    party.identity_verified = party.identity_verified or identity_verified
    party.save(update_fields=["user", "identity_verified"])
    audit.record(
        action="party.linked",
        actor=user,
        target=party,
        summary={"identity_verified": party.identity_verified},
    )
    return party


@transaction.atomic
def claim_identity(user, *, identifier: str, name: str):
    """Link a login to a person the hub does not know yet (a password proves no identity).

    A number the hub already holds is someone's record, with their certificates: linking it
    takes a verified login or a clerk who saw the card, never a typed number."""
    identifier = identity.person_id_validator()(identifier)
    if party_by_identifier(identifier) is not None:
        raise ValidationError(
            _(
                "This identity number is already known to the platform. To link it to your "
                "account, log in with the city's identity service or show your identity "
                "card at a service centre."
            )
        )
    return register_person(identifier=identifier, name=name, user=user, identity_verified=False)


def facts_of(party: Party, *, on: date | None = None) -> dict:
    """The `applicant.*` facts catalogue conditions read about this party."""
    facts: dict = {
        "applicant.is_company": party.is_company,
        "applicant.registered_district": party.district,
    }
    if party.birth_date:
        on = on or timezone.localdate()
        born = party.birth_date
        facts["applicant.age"] = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return facts


def person_of(user) -> Party | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Party.objects.filter(user=user).first()


def companies_of(user) -> list[Party]:
    """The companies this user may act for (their active representations)."""
    codes = accounts.represented_company_codes(user)
    return list(Party.objects.filter(kind=Party.Kind.COMPANY, identifier__in=codes))


def parties_of(user) -> list[Party]:
    """Everyone this user may apply as: themselves, then their companies."""
    person = person_of(user)
    return ([person] if person else []) + companies_of(user)


def may_act_for(user, party: Party) -> bool:
    if party.is_company:
        return party.identifier in accounts.represented_company_codes(user)
    return party.user_id is not None and party.user_id == getattr(user, "pk", None)


def party_by_identifier(identifier: str) -> Party | None:
    return Party.objects.filter(identifier=identifier.strip().upper()).first()


def party_by_id(party_id: int) -> Party | None:
    return Party.objects.filter(pk=party_id).first()


def masked(identifier: str) -> str:
    """An identifier as a page or receipt may show it: first and last four characters."""
    return identifier[:4] + "*" * max(len(identifier) - 8, 0) + identifier[-4:]


@transaction.atomic
def identify_visitor(
    *,
    clerk,
    kind: str,
    identifier: str,
    name: str,
    legal_representative: str = "",
    address: str = "",
) -> Party:
    """The party a visitor at the window stands for, registered now if the hub does not know
    them; a person's identity counts as checked, since the clerk holds the card."""
    name = name.strip()
    party = party_by_identifier(identifier)
    if party is not None:
        if party.kind != kind:
            raise ValidationError(_("This number belongs to another kind of applicant."))
        if party.name.casefold() != name.casefold():
            raise ValidationError(
                _("This number is registered under another name: check the card or licence.")
            )
    elif kind == Party.Kind.COMPANY:
        party = register_company(
            identifier=identifier,
            name=name,
            legal_representative=legal_representative,
            address=address,
        )
    else:
        party = register_person(identifier=identifier, name=name, address=address)
    if kind == Party.Kind.PERSON:
        confirm_identity(party, by=clerk)
    return party


@transaction.atomic
def confirm_identity(party: Party, *, by) -> Party:
    """A clerk checked the identity card at the window: the identity counts as verified."""
    if party.is_company:
        raise ValidationError(_("A company has no identity card to check."))
    if not party.identity_verified:
        party.identity_verified = True
        party.save(update_fields=["identity_verified"])
        audit.record(action="party.identity_checked", actor=by, target=party, summary={})
    return party


# ---------------------------------------------------------------------------------------------
# Credentials


@transaction.atomic
def issue_credential(
    *,
    holder: Party,
    evidence_type: EvidenceType,
    department: Department,
    data: dict | None = None,
    issued_on: date | None = None,
    valid_until: date | None = None,
    case_number: str = "",
    actor=None,
) -> Credential:
    """A department issues a certificate: record it, seal it, audit it."""
    issued_on = issued_on or timezone.localdate()
    if valid_until is None and evidence_type.validity_months:
        valid_until = add_months(issued_on, evidence_type.validity_months)
    sequence = next_number(f"credential-{department.code}-{issued_on.year}")
    credential = Credential(
        number=f"{department.code}-{issued_on.year}-{sequence:06d}",
        evidence_type=evidence_type,
        holder=holder,
        issuing_department=department,
        issued_on=issued_on,
        valid_until=valid_until,
        data=data or {},
        case_number=case_number,
    )
    credential.seal = signing.seal(seal_claims(credential))
    credential.kid = signing.open_seal(credential.seal).kid
    credential.save()
    audit.record(
        action="credential.issued",
        actor=actor,
        target=credential,
        summary={"type": evidence_type.code, "department": department.code, "case": case_number},
    )
    return credential


def seal_claims(credential: Credential) -> dict:
    """The claims sealed in a certificate's QR code (see datahub.signing for the layout)."""
    claims: dict = {
        signing.CLAIM_CERTIFICATE: {
            1: credential.number,
            2: credential.evidence_type.code,
            3: credential.holder.name,
            4: masked(credential.holder.identifier),
            5: credential.issuing_department.code,
            6: credential.issued_on.isoformat(),
        }
    }
    if credential.valid_until:
        # The end of validity travels once, as the standard expiry claim.
        claims[signing.CLAIM_EXPIRES] = int(
            timezone.make_aware(datetime.combine(credential.valid_until, time.max)).timestamp()
        )
    return claims


@transaction.atomic
def change_credential_status(
    credential: Credential, *, status: str, reason: str, actor
) -> Credential:
    """Suspend, reinstate or revoke a certificate; revocation is final."""
    if credential.status == Credential.Status.REVOKED:
        raise ValidationError(_("A revoked certificate cannot change any more."))
    if status not in Credential.Status.values:
        raise ValidationError(_("Unknown certificate status."))
    if not reason.strip():
        raise ValidationError(_("Say why the certificate's status changes."))
    previous = credential.status
    credential.status = status
    credential.status_reason = reason.strip()
    credential.save(update_fields=["status", "status_reason"])
    audit.record(
        action="credential.status_changed",
        actor=actor,
        target=credential,
        summary={"from": previous, "to": status, "reason": credential.status_reason},
    )
    return credential


def credential_by_number(number: str) -> Credential | None:
    return (
        Credential.objects.select_related("evidence_type", "holder", "issuing_department")
        .filter(number=number.strip())
        .first()
    )


def credentials_of(party: Party) -> Sequence[Credential]:
    return list(
        Credential.objects.filter(holder=party)
        .select_related("evidence_type", "issuing_department")
        .order_by("-issued_on", "-id")
    )


@dataclass(frozen=True)
class Verification:
    """What /verify tells someone who scanned or pasted a certificate's code."""

    outcome: str  # valid | expired | suspended | revoked | forged | malformed | unknown-key
    message: str
    credential: Credential | None = None
    claims: dict | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "valid"


VERIFICATION_MESSAGES = {
    "valid": _("This certificate is genuine and valid."),
    "expired": _("This certificate is genuine but has expired."),
    "suspended": _("This certificate is genuine but suspended by its issuer."),
    "revoked": _("This certificate is genuine but has been revoked by its issuer."),
    "forged": _("This code was not sealed by the platform: the certificate is not genuine."),
    "malformed": _("This is not a certificate code from this platform."),
    "unknown-key": _("This code was sealed with a key the platform never published."),
}


def verify(text: str, *, today: date | None = None) -> Verification:
    """Check a certificate's code: the seal offline, then status and expiry in the registry."""
    try:
        sealed = signing.open_seal(text.strip())
    except signing.SealInvalid as refusal:
        outcome = "forged" if refusal.reason == "bad-signature" else refusal.reason
        return Verification(outcome, str(VERIFICATION_MESSAGES[outcome]))
    certificate = sealed.claims.get(signing.CLAIM_CERTIFICATE) or {}
    credential = credential_by_number(str(certificate.get(1, "")))
    if credential is None or credential.seal != text.strip():
        # Sealed by us, but not a certificate the registry holds under that number.
        return Verification("forged", str(VERIFICATION_MESSAGES["forged"]), claims=certificate)
    today = today or timezone.localdate()
    if credential.status != Credential.Status.VALID:
        outcome = credential.status
    elif credential.valid_until and credential.valid_until < today:
        outcome = "expired"
    else:
        outcome = "valid"
    return Verification(outcome, str(VERIFICATION_MESSAGES[outcome]), credential, certificate)


# ---------------------------------------------------------------------------------------------
# The document vault


@transaction.atomic
def add_document(holder: Party, *, evidence_type: EvidenceType, upload, by) -> Document:
    """Keep a file the party handed in (checked, metadata stripped) in their vault."""
    clean = files.inspect(upload)
    name = files.store(clean, folder=f"vault/{holder.pk}")
    document = Document.objects.create(
        holder=holder,
        evidence_type=evidence_type,
        file=name,
        original_name=clean.name,
        content_type=clean.content_type,
        size=clean.size,
        sha256=clean.sha256,
        uploaded_by=by,
    )
    audit.record(
        action="document.uploaded",
        actor=by,
        target=document,
        summary={"type": evidence_type.code, "size": clean.size},
    )
    return document


@transaction.atomic
def verify_document(
    document: Document, *, staff, verified: bool, valid_until: date | None = None
) -> Document:
    """A clerk or reviewer checked the file against the original: reusable from now on."""
    document.verification = (
        Document.Verification.VERIFIED if verified else Document.Verification.REJECTED
    )
    document.verified_by = staff
    document.verified_at = timezone.now()
    if valid_until is None and verified and document.evidence_type.validity_months:
        valid_until = add_months(timezone.localdate(), document.evidence_type.validity_months)
    document.valid_until = valid_until
    document.save(update_fields=["verification", "verified_by", "verified_at", "valid_until"])
    audit.record(
        action="document.verified" if verified else "document.rejected",
        actor=staff,
        target=document,
        summary={"valid_until": valid_until.isoformat() if valid_until else None},
    )
    return document


def documents_of(party: Party) -> Sequence[Document]:
    return list(Document.objects.filter(holder=party).select_related("evidence_type"))


def document_by_id(document_id: int) -> Document | None:
    return Document.objects.select_related("holder", "evidence_type").filter(pk=document_id).first()


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")
