"""The public catalogue: find a service (search, browse, filter) and read what it asks for."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from babel.numbers import format_percent
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext, to_locale
from django.utils.translation import gettext as _

from . import i18n, search, selectors
from .models import Audience, Channel, Department, Event, Requirement, ServiceVersion

PER_PAGE = 20
MAX_QUERY = 200
# What keeps a JSON-LD block from closing its <script> element or opening markup.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Filters:
    query: str = ""
    department: str = ""
    event: str = ""
    audience: str = ""
    online: bool = False
    anywhere: bool = False

    @classmethod
    def from_request(cls, request) -> Filters:
        get = request.GET
        audience = get.get("audience", "")
        return cls(
            query=" ".join(get.get("q", "").split())[:MAX_QUERY],
            department=get.get("department", "")[:40],
            event=get.get("event", "")[:60],
            audience=audience if audience in (Audience.PERSON, Audience.COMPANY) else "",
            online=get.get("online") == "1",
            anywhere=get.get("anywhere") == "1",
        )

    def tests(self) -> dict[str, Callable[[search.Facets], bool]]:
        """One test per facet in use, by facet name."""
        found: dict[str, Callable[[search.Facets], bool]] = {}
        if self.department:
            found["department"] = lambda f: f.department == self.department
        if self.event:
            found["event"] = lambda f: self.event in f.events
        if self.audience:
            found["audience"] = lambda f: f.audience in (self.audience, Audience.BOTH)
        if self.online:
            found["online"] = lambda f: f.online
        if self.anywhere:
            found["anywhere"] = lambda f: f.anywhere
        return found

    @property
    def active(self) -> bool:
        return bool(self.query or self.tests())


def narrow(ids: list[int], facets: dict, filters: Filters) -> tuple[list[int], dict]:
    """The ids every filter keeps, in order, and how many each choice would give.

    A choice's count keeps the other facets' filters as they are (picking another
    department shows how many that department has with the same audience, say): a service
    failing exactly one facet's test still counts for that facet's choices.
    """
    tests = filters.tests()
    departments: Counter[str] = Counter()
    events: Counter[str] = Counter()
    audiences: Counter[str] = Counter()
    online = anywhere = 0
    kept = []
    for pk in ids:
        f = facets.get(pk)
        if f is None:
            continue
        failed = [name for name, test in tests.items() if not test(f)]
        if len(failed) > 1:
            continue
        miss = failed[0] if failed else None
        if miss is None:
            kept.append(pk)
        if miss in (None, "department"):
            departments[f.department] += 1
        if miss in (None, "event"):
            events.update(f.events)
        if miss in (None, "audience"):
            audiences[f.audience] += 1
        if miss in (None, "online"):
            online += f.online
        if miss in (None, "anywhere"):
            anywhere += f.anywhere
    both = audiences[Audience.BOTH]
    counts = {
        "department": departments,
        "event": events,
        "person": audiences[Audience.PERSON] + both,
        "company": audiences[Audience.COMPANY] + both,
        "all_audiences": sum(audiences.values()),
        "online": online,
        "anywhere": anywhere,
    }
    return kept, counts


def _choices(filters: Filters, counts: dict) -> dict:
    """Departments and events people can pick: those with services, and the one picked."""
    departments = [
        (d.code, d.display_name, counts["department"].get(d.code, 0))
        for d in Department.objects.order_by("code")
        if counts["department"].get(d.code) or d.code == filters.department
    ]
    departments.sort(key=lambda choice: choice[1].casefold())
    events = {Event.Kind.LIFE: [], Event.Kind.BUSINESS: []}
    for event in Event.objects.order_by("kind", "code"):
        if counts["event"].get(event.code) or event.code == filters.event:
            events[event.kind].append((event.code, str(event), counts["event"].get(event.code, 0)))
    return {
        "departments": departments,
        "event_groups": [
            (Event.Kind(kind).label, sorted(choices, key=lambda c: c[1].casefold()))
            for kind, choices in events.items()
            if choices
        ],
    }


def service_list(request):
    """Search and browse from the in-process index; only the page's rows come from the database.

    What the index says is at most a few seconds old for changes made by other processes
    (see `search`); the rows are read fresh, so a service withdrawn meanwhile is left out.
    """
    filters = Filters.from_request(request)
    language = get_language() or "en"
    index = search.index()

    def compute():
        ids = search.ranked_ids(filters.query, language=language) if filters.query else None
        return narrow(index.by_code if ids is None else ids, index.facets, filters)

    kept, counts = index.memo(("list", language, filters), compute)
    page = Paginator(kept, PER_PAGE).get_page(request.GET.get("page"))
    found = selectors.published().in_bulk(list(page.object_list))
    context = {
        "filters": filters,
        "counts": counts,
        "page_obj": page,
        "results": [found[pk] for pk in page.object_list if pk in found],
        "audiences": [
            ("", _("Everyone"), counts["all_audiences"]),
            (Audience.PERSON.value, _("People"), counts["person"]),
            (Audience.COMPANY.value, _("Companies"), counts["company"]),
        ],
        **_choices(filters, counts),
        "shares": _shares(),
    }
    return render(request, "catalog/service_list.html", context)


def _shares() -> dict[str, str]:
    """Where people can apply, as the list page says it (cached: it reads every version)."""
    shares = cache.get_or_set("catalog:shares", selectors.shares, 300)
    locale = to_locale(get_language() or "en")
    return {
        "city_wide": format_percent(shares["city_wide"], locale=locale),
        "community": format_percent(shares["community_orderable"], locale=locale),
    }


# --- One service ---------------------------------------------------------------------------


def _prerequisites(version: ServiceVersion) -> list[ServiceVersion]:
    codes = version.prerequisites.values_list("code", flat=True)
    return list(selectors.published().filter(service__code__in=list(codes)))


def _channel_names(version: ServiceVersion) -> list[str]:
    names = []
    for code in version.channels:
        if code not in Channel.values:
            continue
        if code == Channel.NAMED_CENTRE and version.named_centre_code:
            names.append(
                _("At the service centre %(centre)s") % {"centre": version.named_centre_code}
            )
        else:
            names.append(str(Channel(code).label))
    return names


def _requirement_row(requirement: Requirement) -> dict:
    """A document as citizens read it: the condition in plain words, never the expression."""
    if not requirement.condition:
        condition = _("Always")
    else:
        condition = i18n.text(requirement.condition_text) or _(
            "Only in some cases: we will tell you when you apply"
        )
    form = str(requirement.get_form_display())
    if requirement.form in (Requirement.Form.COPY, Requirement.Form.ORIGINAL_AND_COPY):
        form = ngettext("%(form)s, %(n)s copy", "%(form)s, %(n)s copies", requirement.copies) % {
            "form": form,
            "n": requirement.copies,
        }
    if requirement.mandatory:
        when = _("Required when you apply")
    else:
        days = requirement.tolerated_days or 0
        when = ngettext(
            "May follow within %(days)s day after you apply",
            "May follow within %(days)s days after you apply",
            days,
        ) % {"days": days}
    return {
        "name": str(requirement.evidence_type),
        "issuer": requirement.evidence_type.issuing_department,
        "form": form,
        "condition": condition,
        "when": when,
        "note": i18n.text(requirement.note),
    }


def json_ld(version: ServiceVersion, url: str) -> dict:
    """The service as schema.org describes a government service, for search engines."""
    department = version.competent_department
    events = [str(event) for event in version.events.all()]
    city = getattr(settings, "GUICHET_CITY_NAME", "") or department.get_level_display()
    channels = []
    for code, name in zip(
        [c for c in version.channels if c in Channel.values], _channel_names(version), strict=True
    ):
        channel = {"@type": "ServiceChannel", "name": name}
        if code == Channel.ONLINE:
            channel["serviceUrl"] = url
        channels.append(channel)
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "identifier": version.service.code,
        "name": version.display_name,
        "description": i18n.text(version.description),
        "serviceType": events[0] if events else version.get_window_type_display(),
        "provider": {"@type": "GovernmentOrganization", "name": department.display_name},
        "areaServed": {"@type": "AdministrativeArea", "name": str(city)},
        "audience": {"@type": "Audience", "audienceType": version.get_audience_display()},
        "availableChannel": channels,
        "offers": {
            "@type": "Offer",
            "price": str(version.fee_amount),
            "priceCurrency": version.fee_currency,
        },
        "url": url,
    }
    if version.legal_reference:
        data["termsOfService"] = version.legal_reference
    return data


def _script_json(data: dict) -> str:
    """JSON safe inside a <script> element: no "<", ">" or "&" can end it or start markup."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308


def service_detail(request, code: str):
    version = selectors.published_detail(code)
    if version is None:
        raise Http404(_("No published service has this code."))
    context = {
        "version": version,
        "text": {
            name: i18n.text(getattr(version, name))
            for name in ("description", "who_can_apply", "fee_waiver", "legal_basis")
        },
        "requirements": [_requirement_row(r) for r in version.requirements.all()],
        "channel_names": _channel_names(version),
        "prerequisites": _prerequisites(version),
        "collaborators": list(version.collaborating_departments.all()),
        "events": list(version.events.all()),
        "json_ld": _script_json(json_ld(version, request.build_absolute_uri())),
    }
    return render(request, "catalog/service_detail.html", context)
