"""Reads of the catalogue that pages, the API and other apps use: published versions only."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Department, Event, EvidenceType, ServiceVersion


def published() -> QuerySet[ServiceVersion]:
    return (
        ServiceVersion.objects.filter(status=ServiceVersion.Status.PUBLISHED)
        .select_related("service", "competent_department", "output")
        .order_by("service__code")
    )


def published_version(code: str) -> ServiceVersion | None:
    return published().filter(service__code=code).first()


def version_by_id(version_id: int) -> ServiceVersion | None:
    """A case keeps the exact version it was filed under, whatever its status now."""
    return ServiceVersion.objects.select_related("service").filter(pk=version_id).first()


def departments() -> QuerySet[Department]:
    return Department.objects.select_related("parent").order_by("code")


def evidence_types() -> QuerySet[EvidenceType]:
    return EvidenceType.objects.select_related("issuing_department").order_by("code")


def events(kind: str | None = None) -> QuerySet[Event]:
    found = Event.objects.order_by("kind", "code")
    return found.filter(kind=kind) if kind else found


def shares() -> dict[str, float]:
    """Xi'an's targets: the share of published services city-wide and community-orderable."""
    versions = list(published().values_list("channels", flat=True))
    total = len(versions) or 1
    return {
        "total": len(versions),
        "city_wide": sum("any_centre" in c for c in versions) / total,
        "community_orderable": sum("community" in c for c in versions) / total,
    }
