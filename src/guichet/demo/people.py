"""The demo city's people: one login per role, stable from one run to the next."""

from __future__ import annotations

import hashlib
from base64 import b32encode
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.accounts import services as accounts
from guichet.accounts.roles import STAFF_ROLES, Role
from guichet.notify import services as notify

DEMO_PASSWORD = "guichet-demo-2026"


@dataclass(frozen=True)
class DemoPerson:
    role: Role
    email: str
    full_name: str
    phone: str = ""
    organisation_code: str = ""
    organisation_name: str = ""
    language: str = "en"


PEOPLE = [
    DemoPerson(
        Role.CITIZEN, "citizen@demo.example", "Li Wei", "+8613800000001", language="zh-hans"
    ),
    DemoPerson(
        Role.BUSINESS_REPRESENTATIVE,
        "business@demo.example",
        "Marie Dupont",
        "+8613800000002",
        "91310106MA1FY5XK2J",
        "Jing'an Noodle House Co., Ltd.",
        "fr",
    ),
    DemoPerson(
        Role.WINDOW_CLERK,
        "clerk@demo.example",
        "Zhang Min",
        "",
        "JA-CENTRE",
        "Jing'an District Service Centre",
    ),
    DemoPerson(
        Role.DEPARTMENT_REVIEWER,
        "reviewer@demo.example",
        "Wang Fang",
        "",
        "MKT",
        "Market Regulation Bureau",
    ),
    DemoPerson(
        Role.DEPARTMENT_SUPERVISOR,
        "supervisor@demo.example",
        "Chen Jie",
        "",
        "MKT",
        "Market Regulation Bureau",
    ),
    DemoPerson(
        Role.HOTLINE_OPERATOR,
        "operator@demo.example",
        "Liu Yang",
        "",
        "12345",
        "12345 Hotline Centre",
    ),
    DemoPerson(Role.DISPATCHER, "dispatcher@demo.example", "Zhao Lei"),
    DemoPerson(
        Role.COMMUNITY_WORKER,
        "community@demo.example",
        "Sun Li",
        "",
        "JA-CAOJIADU",
        "Caojiadu Community Centre",
    ),
    DemoPerson(
        Role.INTERMEDIARY_AGENCY,
        "agency@demo.example",
        "Somchai Prasert",
        "",
        "AG-SURVEY-01",
        "Huadong Surveying Ltd.",
        "th",
    ),
    DemoPerson(Role.CATALOGUE_ADMINISTRATOR, "catalogue@demo.example", "Huang Jing"),
    DemoPerson(Role.CITY_LEADER, "leader@demo.example", "Xu Ming"),
    DemoPerson(Role.PLATFORM_ADMINISTRATOR, "admin@demo.example", "Platform Admin"),
]


def demo_totp_key(email: str) -> str:
    """A fixed TOTP key per demo account (hex), so the printed secret stays valid."""
    return hashlib.sha256(f"guichet-demo-totp:{email}".encode()).hexdigest()[:40]


def totp_secret(email: str) -> str:
    return b32encode(bytes.fromhex(demo_totp_key(email))).decode()


@transaction.atomic
def load_people() -> int:
    """Create or refresh the demo accounts; returns how many were created."""
    User = get_user_model()
    created_count = 0
    for person in PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User.objects.create_user(
                person.email,
                DEMO_PASSWORD,
                phone=person.phone or None,
                full_name=person.full_name,
                preferred_language=person.language,
            )
            created_count += 1
            notify.notify(
                user,
                subject=_("Welcome to Guichet, %(name)s"),
                body=_("This is the demo city. Your messages from the city appear here."),
                params={"name": person.full_name},
                channels=["inbox"],
            )
        changed = []
        if not user.is_demo:
            user.is_demo = True
            changed.append("is_demo")
        admin_site = person.role in {Role.PLATFORM_ADMINISTRATOR, Role.CATALOGUE_ADMINISTRATOR}
        if user.is_staff != admin_site:
            user.is_staff = admin_site
            changed.append("is_staff")
        superuser = person.role == Role.PLATFORM_ADMINISTRATOR
        if user.is_superuser != superuser:
            user.is_superuser = superuser
            changed.append("is_superuser")
        if changed:
            user.save(update_fields=changed)
        if person.role == Role.BUSINESS_REPRESENTATIVE:
            accounts.add_representation(
                user, company_code=person.organisation_code, company_name=person.organisation_name
            )
        elif person.role != Role.CITIZEN:
            accounts.grant_membership(
                user,
                role=person.role,
                organisation_code=person.organisation_code,
                organisation_name=person.organisation_name,
            )
        if person.role in STAFF_ROLES:
            TOTPDevice.objects.get_or_create(
                user=user,
                name="Demo authenticator",
                defaults={"key": demo_totp_key(person.email), "confirmed": True},
            )
    return created_count
