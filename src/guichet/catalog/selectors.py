"""Reads of the catalogue that pages, the API and other apps use: published versions only."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from .models import Channel, Department, Event, EvidenceType, ServiceVersion


def published() -> QuerySet[ServiceVersion]:
    return (
        ServiceVersion.objects.filter(status=ServiceVersion.Status.PUBLISHED)
        .select_related("service", "competent_department", "output")
        .order_by("service__code")
    )


def published_version(code: str) -> ServiceVersion | None:
    return published().filter(service__code=code).first()


def published_detail(code: str) -> ServiceVersion | None:
    """One published service with everything its page or API answer shows, in few queries."""
    return (
        published()
        .filter(service__code=code)
        .prefetch_related(
            "collaborating_departments",
            "events",
            "prerequisites",
            "requirements__evidence_type__issuing_department",
        )
        .first()
    )


# An audience filter includes the services open to both people and companies.
AUDIENCES = {"person": ["person", "both"], "company": ["company", "both"], "both": ["both"]}


def filter_published(
    *,
    department: str | None = None,
    event: str | None = None,
    audience: str | None = None,
    online: bool | None = None,
    any_centre: bool | None = None,
    community: bool | None = None,
) -> QuerySet[ServiceVersion]:
    """The published services that match every filter given (None: not filtered)."""
    versions = published()
    if department:
        versions = versions.filter(competent_department__code=department)
    if event:
        versions = versions.filter(events__code=event)
    if audience:
        versions = versions.filter(audience__in=AUDIENCES[audience])
    if online is not None:
        versions = versions.filter(visits=0) if online else versions.exclude(visits=0)
    for wanted, channel in ((any_centre, Channel.ANY_CENTRE), (community, Channel.COMMUNITY)):
        if wanted is not None:
            # The channels are a JSON list: look for the quoted value in its text.
            offered = Q(channels__icontains=f'"{channel.value}"')
            versions = versions.filter(offered if wanted else ~offered)
    return versions


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
