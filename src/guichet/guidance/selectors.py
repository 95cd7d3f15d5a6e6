"""Reads the funnel's pages need: published flows, and what the applicant's account tells."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from guichet.accounts import services as accounts
from guichet.accounts.roles import Role

from .models import Flow


def published_flows() -> QuerySet[Flow]:
    return Flow.objects.filter(status=Flow.Status.PUBLISHED).order_by("audience", "slug")


def published_flow(slug: str) -> Flow | None:
    return published_flows().filter(slug=slug).first()


def versions(slug: str) -> QuerySet[Flow]:
    return Flow.objects.filter(slug=slug).order_by("-version")


def applicant_facts(user) -> dict[str, Any]:
    """The `applicant.*` facts conditions may read; nothing for a visitor who is not logged in."""
    if not getattr(user, "is_authenticated", False):
        return {}
    return {"applicant.is_company": Role.BUSINESS_REPRESENTATIVE in accounts.roles_of(user)}


def applicant_details(user) -> dict[str, str]:
    """What the declaration form is pre-filled with: the account's own details."""
    if not getattr(user, "is_authenticated", False):
        return {}
    details = {
        "name": user.full_name or "",
        "id_number": getattr(user, "national_id", "") or "",
        "phone": user.phone or "",
        "address": "",
    }
    company = user.representations.filter(active=True).order_by("created_at").first()
    if company is not None:
        details.update(company_name=company.company_name, company_code=company.company_code)
    return details
