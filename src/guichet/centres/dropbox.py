"""The 24-hour drop box: documents left for an application at any hour, collected by a clerk
of the centre the next working morning.

The deposit is written to the case's timeline by the cases app (`note_drop_off`), which
checks the application number against the applicant's identity number.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role
from guichet.audit import services as audit
from guichet.cases import services as cases
from guichet.ops.sequences import next_number

from .models import Centre, DropOff

MAX_ENVELOPES = 20
_DIGEST_SALT = "guichet.centres.dropbox.identifier"


def identifier_digest(identifier: str) -> str:
    """A keyed digest of an identity number: matches the same number, reveals nothing."""
    return salted_hmac(_DIGEST_SALT, identifier.strip().upper(), algorithm="sha256").hexdigest()


def deposited_by(drop_off: DropOff, identifier: str) -> bool:
    return constant_time_compare(drop_off.identifier_digest, identifier_digest(identifier))


@transaction.atomic
def deposit(
    centre: Centre,
    *,
    case_number: str,
    identifier: str,
    envelopes: int = 1,
    note: str = "",
    now: datetime | None = None,
) -> DropOff:
    """Leave documents for an application; the receipt's reference is written on the
    envelopes. A wrong number/identity pair leaves nothing behind (its number is given back)."""
    now = now or timezone.now()
    if not 1 <= envelopes <= MAX_ENVELOPES:
        raise ValidationError(
            _("Between 1 and %(most)d envelopes or files."),
            code="envelopes",
            params={"most": MAX_ENVELOPES},
        )
    day = timezone.localdate(now)
    reference = f"DB-{day:%Y%m%d}-{next_number(f'drop-off:{day.isoformat()}'):04d}"
    case = cases.note_drop_off(
        case_number, identifier=identifier, reference=reference, centre_code=centre.code
    )
    return DropOff.objects.create(
        centre=centre,
        reference=reference,
        case_number=case.number,
        identifier_digest=identifier_digest(identifier),
        envelopes=envelopes,
        note=note.strip()[:500],
        deposited_at=now,
    )


def waiting(centre: Centre) -> QuerySet[DropOff]:
    """What is in the centre's box, oldest first."""
    return DropOff.objects.filter(centre=centre, collected_at__isnull=True).order_by(
        "deposited_at", "id"
    )


def _require_clerk_of(clerk, centre: Centre) -> None:
    if centre.code not in accounts.organisation_codes(clerk, Role.WINDOW_CLERK):
        raise PermissionDenied(_("You do not work at this centre."))


def drop_off_for_clerk(clerk, pk: int) -> DropOff:
    drop_off = DropOff.objects.select_related("centre").filter(pk=pk).first()
    if drop_off is None:
        raise Http404(pk)
    _require_clerk_of(clerk, drop_off.centre)
    return drop_off


@transaction.atomic
def collect(drop_off: DropOff, *, clerk, now: datetime | None = None) -> DropOff:
    """A clerk of the centre takes the envelopes out of the box (once)."""
    drop_off = DropOff.objects.select_for_update().select_related("centre").get(pk=drop_off.pk)
    _require_clerk_of(clerk, drop_off.centre)
    if drop_off.collected_at is not None:
        raise ValidationError(_("These documents were already collected."), code="collected")
    drop_off.collected_at, drop_off.collected_by = now or timezone.now(), clerk
    drop_off.save(update_fields=["collected_at", "collected_by"])
    audit.record(
        action="drop_off.collected",
        actor=clerk,
        target=drop_off,
        summary={"reference": drop_off.reference, "case": drop_off.case_number},
    )
    return drop_off
