"""Accounts: who someone is, which roles they hold, and the tokens systems use."""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.audit import services as audit

from .models import ApiToken, CompanyRepresentation, Membership, User
from .roles import ORGANISATION_OF_ROLE, STAFF_ROLES, Role

_PHONE = re.compile(r"^\+?[0-9]{6,15}$")

# The order in which a person's roles lead them home: the most specific work first.
ROLE_PRECEDENCE = [
    Role.PLATFORM_ADMINISTRATOR,
    Role.CATALOGUE_ADMINISTRATOR,
    Role.CITY_LEADER,
    Role.DEPARTMENT_SUPERVISOR,
    Role.DEPARTMENT_REVIEWER,
    Role.WINDOW_CLERK,
    Role.DISPATCHER,
    Role.HOTLINE_OPERATOR,
    Role.COMMUNITY_WORKER,
    Role.INTERMEDIARY_AGENCY,
    Role.BUSINESS_REPRESENTATIVE,
    Role.CITIZEN,
]

API_SCOPES = {
    "profile": "Read the token owner's profile",
    "inbox": "Read the token owner's inbox",
    "cases:read": "Read the applications the token owner may see",
    "cases:write": "Apply, submit, upload documents and withdraw as the token owner",
    "cases:review": "Work on applications as staff: accept, return, review decisions",
    "appointments": "Book, list, reschedule and cancel the token owner's appointments",
    "counter": "Call and serve tickets at a service centre's window as the token owner",
    "hotline:report": "Report to the 12345 hotline and follow the token owner's requests",
    "hotline:work": "Work on hotline requests as staff: dispatch, handle orders, call back",
}


def normalise_phone(value: str) -> str | None:
    """Digits with an optional leading +; separators people type are dropped."""
    compact = re.sub(r"[\s().-]", "", value or "")
    return compact if _PHONE.match(compact) else None


def roles_of(user) -> set[Role]:
    """Every role the user holds now. Anyone who is not staff is at least a citizen."""
    if not getattr(user, "is_authenticated", False):
        return set()
    roles = {Role(m.role) for m in user.memberships.all() if m.active}
    if any(r.active for r in user.representations.all()):
        roles.add(Role.BUSINESS_REPRESENTATIVE)
    if not roles & STAFF_ROLES:
        roles.add(Role.CITIZEN)
    return roles


def primary_role(user) -> Role | None:
    roles = roles_of(user)
    return next((role for role in ROLE_PRECEDENCE if role in roles), None)


def needs_second_factor(user) -> bool:
    """Staff accounts (and superusers) never work on a password alone."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return user.memberships.filter(active=True, role__in=list(STAFF_ROLES)).exists()


@transaction.atomic
def record_login(user: User, *, second_factor: bool) -> None:
    """A completed login (password, and the second factor where one is needed)."""
    audit.record(
        action="account.login", actor=user, target=user, summary={"second_factor": second_factor}
    )


def memberships_of(user, *, role: Role | None = None):
    memberships = user.memberships.filter(active=True)
    return memberships.filter(role=role) if role else memberships


@transaction.atomic
def register_citizen(
    *,
    password: str,
    email: str = "",
    phone: str = "",
    full_name: str = "",
    preferred_language: str = "en",
) -> User:
    """A resident opens an account with an e-mail address or a phone number."""
    errors: dict[str, list[str]] = {}
    email = (email or "").strip().lower()
    phone_normalised = normalise_phone(phone) if phone else None
    if not email and not phone:
        errors["email"] = [_("Give an e-mail address or a phone number.")]
    if phone and not phone_normalised:
        errors["phone"] = [_("Enter a phone number of 6 to 15 digits, optionally starting with +.")]
    if email and User.objects.filter(email__iexact=email).exists():
        errors["email"] = [_("An account with this e-mail address already exists.")]
    if phone_normalised and User.objects.filter(phone=phone_normalised).exists():
        errors["phone"] = [_("An account with this phone number already exists.")]
    candidate = User(email=email or None, phone=phone_normalised, full_name=full_name)
    try:
        validate_password(password, candidate)
    except ValidationError as error:
        errors["password"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email or None,
                password,
                phone=phone_normalised,
                full_name=full_name.strip(),
                preferred_language=preferred_language,
            )
    except IntegrityError as error:
        # Someone registered the same address a moment ago, between our check and insert.
        raise ValidationError(
            {"email": [_("An account with these details already exists.")]}
        ) from error
    audit.record(
        action="account.registered",
        actor=user,
        target=user,
        summary={"by": "email" if email else "phone"},
    )
    return user


@transaction.atomic
def grant_membership(
    user: User,
    *,
    role: Role,
    organisation_code: str = "",
    organisation_name: str = "",
    granted_by=None,
) -> Membership:
    """Make a user staff of a department, centre or agency (or of the whole city)."""
    if role not in ORGANISATION_OF_ROLE:
        raise ValidationError({"role": [_("This role is not held through a membership.")]})
    kind = ORGANISATION_OF_ROLE[role]
    if kind != "city" and not organisation_code:
        raise ValidationError({"organisation_code": [_("Say which organisation.")]})
    membership, created = Membership.objects.update_or_create(
        user=user,
        role=role,
        organisation_kind=kind,
        organisation_code=organisation_code,
        defaults={"organisation_name": organisation_name, "active": True},
    )
    if created:
        audit.record(
            action="membership.granted",
            actor=granted_by,
            target=user,
            summary={"role": role.value, "organisation": organisation_code},
        )
    return membership


@transaction.atomic
def add_representation(
    user: User, *, company_code: str, company_name: str, granted_by=None
) -> CompanyRepresentation:
    representation, created = CompanyRepresentation.objects.update_or_create(
        user=user,
        company_code=company_code,
        defaults={"company_name": company_name, "active": True},
    )
    if created:
        audit.record(
            action="representation.granted",
            actor=granted_by,
            target=user,
            summary={"company": company_code},
        )
    return representation


def represented_company_codes(user) -> list[str]:
    """The credit codes of the companies this user may act for."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        CompanyRepresentation.objects.filter(user=user, active=True).values_list(
            "company_code", flat=True
        )
    )


def organisation_codes(user, *roles: Role) -> set[str]:
    """The departments, centres or agencies where this user holds one of these roles."""
    return set(
        Membership.objects.filter(
            user=user, active=True, role__in=[r.value for r in roles]
        ).values_list("organisation_code", flat=True)
    )


def members_of(role: Role, organisation_code: str) -> list[User]:
    """The active users holding this role in one organisation (to notify or escalate to)."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__active=True,
            memberships__role=role.value,
            memberships__organisation_code=organisation_code,
        ).distinct()
    )


@transaction.atomic
def issue_api_token(
    owner: User, *, name: str, scopes: list[str], expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token; the secret is returned once and only its hash is stored."""
    unknown = sorted(set(scopes) - set(API_SCOPES))
    if unknown:
        raise ValidationError({"scopes": [_("Unknown scope: %s") % ", ".join(unknown)]})
    if not name.strip():
        raise ValidationError({"name": [_("Give the token a name.")]})
    prefix = secrets.token_hex(4)
    secret = f"gch_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name.strip(),
        owner=owner,
        prefix=prefix,
        key_hash=ApiToken.hash_key(secret),
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
    )
    audit.record(
        action="api_token.issued", actor=owner, target=token, summary={"scopes": token.scopes}
    )
    return token, secret


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User) -> ApiToken:
    if token.owner_id != by.pk and not by.is_superuser:
        raise PermissionError("Not your token.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(action="api_token.revoked", actor=by, target=token)
    return token


def authenticate_token(secret: str) -> ApiToken | None:
    """The usable token with this secret, its last use recorded; None otherwise."""
    if not secret.startswith("gch_"):
        return None
    token = (
        ApiToken.objects.select_related("owner").filter(key_hash=ApiToken.hash_key(secret)).first()
    )
    if token is None or not token.is_usable or not token.owner.is_active:
        return None
    now = timezone.now()
    # Record last use at most once a minute: a busy partner must not write on every call.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
