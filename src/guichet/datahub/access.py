"""Staff reads of a party's data: each one leaves a record the party reads on "My data"."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from guichet.accounts import services as accounts
from guichet.audit import services as audit

from . import files
from .models import Credential, Document, Party

# ---------------------------------------------------------------------------------------------
# Staff reads of a party's data: each one leaves a record the party can read.


def _log_access(staff, party: Party, *, data_kind: str, purpose: str, case_number: str) -> None:
    if not case_number:
        raise PermissionDenied(_("Staff open a person's data only for an application."))
    organisation = ", ".join(
        m.organisation_name or m.organisation_code for m in accounts.memberships_of(staff)
    )
    audit.record_personal_data_access(
        accessor=staff,
        subject_type=party.kind,
        subject_id=party.identifier,
        data_kind=data_kind,
        purpose=purpose,
        case_reference=case_number,
        organisation=organisation[:200],
    )


def open_credential(credential: Credential, *, staff, purpose: str, case_number: str):
    _log_access(
        staff,
        credential.holder,
        data_kind=f"credential:{credential.evidence_type.code}",
        purpose=purpose,
        case_number=case_number,
    )
    return credential


def open_document(document: Document, *, staff, purpose: str, case_number: str):
    """Stream a vault file to staff working on an application, logging the read."""
    _log_access(
        staff,
        document.holder,
        data_kind=f"document:{document.evidence_type.code}",
        purpose=purpose,
        case_number=case_number,
    )
    return files.file_response(
        document.file, content_type=document.content_type, download_name=document.original_name
    )


def open_party(party: Party, *, staff, purpose: str, case_number: str) -> Party:
    _log_access(staff, party, data_kind="record", purpose=purpose, case_number=case_number)
    return party


def owner_document_response(document: Document):
    """The holder downloads their own file (no access record: it is theirs)."""
    return files.file_response(
        document.file, content_type=document.content_type, download_name=document.original_name
    )


def accesses_to(party: Party):
    """Every staff read of this party's data, newest first ("who used my data")."""
    return audit.accesses_to(subject_type=party.kind, subject_id=party.identifier)
