"""The published catalogue in CPSV-AP 3.2.0, as JSON-LD, for EU and national service registries.

Every node has a stable IRI under `GUICHET_PUBLIC_BASE_URL`; the document carries its own
small `@context` (prefixes only), so reading it never fetches anything over the network.
Texts are literals tagged in BCP 47 (`zh-Hans`), in every language the catalogue holds.
The processing time is the promised time limit; it counts working days, which an
`xsd:duration` cannot say, so `P10D` reads "10 (working) days".
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from django.utils.text import capfirst

from . import i18n, selectors
from .models import Audience, Channel, Department, Event, EvidenceType, ServiceVersion

CONTENT_TYPE = "application/ld+json"
CACHE_SECONDS = 60
CONTEXT = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# The EU's authority tables (Publications Office) for languages and currencies.
EU_LANGUAGES = "http://publications.europa.eu/resource/authority/language/"
EU_CURRENCIES = "http://publications.europa.eu/resource/authority/currency/"
LANGUAGE_TABLE = {"en": "ENG", "zh-hans": "ZHO", "fr": "FRA", "th": "THA"}
AUDIENCE_GROUPS = {
    Audience.PERSON: [Audience.PERSON],
    Audience.COMPANY: [Audience.COMPANY],
    Audience.BOTH: [Audience.PERSON, Audience.COMPANY],
}

_cache: dict[str, tuple[float, bytes]] = {}


def public_base_url() -> str:
    return getattr(settings, "GUICHET_PUBLIC_BASE_URL", "https://guichet.example").rstrip("/")


def export_bytes() -> bytes:
    """The serialised export, rebuilt at most once a minute per process."""
    base = public_base_url()
    cached = _cache.get(base)
    if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    content = json.dumps(build_document(base), ensure_ascii=False, separators=(",", ":")).encode()
    _cache[base] = (time.monotonic(), content)
    return content


def clear_cache() -> None:
    _cache.clear()


def bcp47(code: str) -> str:
    """Django's language code as a BCP 47 tag: `zh-hans` → `zh-Hans`, `pt-br` → `pt-BR`."""
    first, *rest = code.split("-")
    tags = [first.lower()]
    for part in rest:
        tags.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(tags)


def _texts(value: dict | None) -> list[dict]:
    return [
        {"@value": str(text), "@language": bcp47(code)}
        for code, text in sorted((value or {}).items())
        if text and str(text).strip()
    ]


def _named(value: dict | None, code: str) -> list[dict]:
    """A title in every language given; the profile needs one, so the code stands in for none."""
    return _texts(value) or [{"@value": code, "@language": "en"}]


def _labels(label) -> list[dict]:
    """A translatable label in each language that has a translation of it."""
    english = str(label)
    rendered = {}
    for code in i18n.LANGUAGE_CODES:
        with translation.override(code):
            text = capfirst(str(label))
        if code == "en" or text != capfirst(english):
            rendered[code] = text
    return _texts(rendered)


def _published() -> QuerySet[ServiceVersion]:
    return selectors.published().prefetch_related(
        "collaborating_departments",
        "events",
        "prerequisites",
        "requirements__evidence_type",
    )


class _Graph:
    """The nodes of the export, each once, by IRI."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.nodes: dict[str, dict] = {}

    def iri(self, *parts: object) -> str:
        return "/".join([self.base, "id", *(quote(str(part), safe="") for part in parts)])

    def add(self, node: dict) -> dict:
        node = {key: value for key, value in node.items() if value not in (None, [], "")}
        self.nodes.setdefault(node["@id"], node)
        return {"@id": node["@id"]}

    def concept(self, iri: str, label) -> dict:
        return self.add({"@id": iri, "@type": "skos:Concept", "skos:prefLabel": _labels(label)})

    def location(self) -> dict:
        iri = getattr(settings, "GUICHET_JURISDICTION_URI", "") or self.iri("jurisdiction")
        return self.add({"@id": iri, "@type": "dct:Location"})

    def organisation(self, department: Department) -> dict:
        names = _named(department.name, department.code)
        return self.add(
            {
                "@id": self.iri("department", department.code),
                "@type": ["cv:PublicOrganisation", "foaf:Agent"],
                "dct:identifier": department.code,
                "skos:prefLabel": names,
                "dct:title": names,
                "dct:spatial": self.location(),
            }
        )

    def channel(self, kind: str) -> dict:
        label = Channel(kind).label if kind in Channel.values else kind
        return self.add(
            {
                "@id": self.iri("channel", kind),
                "@type": "cv:Channel",
                "dct:identifier": kind,
                "dct:type": self.concept(self.iri("channel-type", kind), label),
            }
        )

    def evidence(self, evidence: EvidenceType) -> dict:
        return self.add(
            {
                "@id": self.iri("evidence", evidence.code),
                "@type": "cv:Evidence",
                "dct:identifier": evidence.code,
                "dct:title": _named(evidence.name, evidence.code),
                "dct:description": _texts(evidence.description),
            }
        )

    def output(self, evidence: EvidenceType) -> dict:
        return self.add(
            {
                "@id": self.iri("output", evidence.code),
                "@type": "cv:Output",
                "dct:identifier": evidence.code,
                "dct:title": _named(evidence.name, evidence.code),
                "dct:description": _texts(evidence.description),
            }
        )

    def event(self, event: Event) -> dict:
        kind = "cv:LifeEvent" if event.kind == Event.Kind.LIFE else "cv:BusinessEvent"
        return self.add(
            {
                "@id": self.iri("event", event.code),
                "@type": ["cv:Event", kind],
                "dct:identifier": event.code,
                "dct:title": _named(event.name, event.code),
            }
        )

    def language(self, code: str) -> dict:
        return self.add(
            {"@id": EU_LANGUAGES + LANGUAGE_TABLE[code], "@type": "dct:LinguisticSystem"}
        )


def build_document(base: str | None = None) -> dict:
    """The JSON-LD document: one cpsv:PublicService per published service, and what it uses."""
    graph = _Graph(base or public_base_url())
    versions = list(_published())
    published_codes = {version.service.code for version in versions}
    services = [_service(graph, version, published_codes) for version in versions]
    first = set(services)
    others = [graph.nodes[iri] for iri in sorted(graph.nodes) if iri not in first]
    return {"@context": CONTEXT, "@graph": [graph.nodes[iri] for iri in services] + others}


def _service(graph: _Graph, version: ServiceVersion, published_codes: set[str]) -> str:
    code = version.service.code
    iri = graph.iri("service", code)
    languages = sorted({*version.name, *version.description} & set(LANGUAGE_TABLE))
    graph.add(
        {
            "@id": iri,
            "@type": "cpsv:PublicService",
            "dct:identifier": code,
            "dct:title": _texts(version.name),
            # The profile needs a description; a service without one is described by its name.
            "dct:description": _texts(version.description) or _texts(version.name),
            "dcat:keyword": [
                {"@value": str(word), "@language": bcp47(language)}
                for language, words in sorted((version.keywords or {}).items())
                if isinstance(words, list)
                for word in words
                if str(word).strip()
            ],
            "dct:language": [graph.language(language) for language in languages],
            "dct:audience": [
                graph.concept(graph.iri("audience", group), group.label)
                for group in AUDIENCE_GROUPS.get(version.audience, [])
            ],
            "cv:hasCompetentAuthority": graph.organisation(version.competent_department),
            "cv:hasParticipation": [
                _participation(graph, iri, code, department)
                for department in version.collaborating_departments.all()
            ],
            "cv:hasChannel": [graph.channel(kind) for kind in version.channels],
            "cv:hasCost": _cost(graph, iri, code, version),
            "cv:processingTime": {
                "@value": f"P{version.promised_time_limit_days}D",
                "@type": "xsd:duration",
            },
            "cv:hasLegalResource": _legal_resource(graph, iri, version),
            "cpsv:hasInput": [
                graph.evidence(evidence)
                for evidence in {r.evidence_type: None for r in version.requirements.all()}
            ],
            "cv:holdsRequirement": [
                _requirement(graph, iri, code, requirement)
                for requirement in version.requirements.all()
            ],
            "cpsv:produces": graph.output(version.output) if version.output_id else None,
            "cv:isGroupedBy": [graph.event(event) for event in version.events.all()],
            "dct:requires": [
                {"@id": graph.iri("service", service.code)}
                for service in sorted(version.prerequisites.all(), key=lambda s: s.code)
                if service.code in published_codes
            ],
        }
    )
    return iri


def _participation(graph: _Graph, service_iri: str, code: str, department: Department) -> dict:
    role = capfirst(ServiceVersion._meta.get_field("collaborating_departments").verbose_name)
    return graph.add(
        {
            "@id": f"{service_iri}/participation/{quote(department.code, safe='')}",
            "@type": "cv:Participation",
            "dct:identifier": f"{code}/{department.code}",
            "dct:description": _labels(role),
            "cv:role": graph.concept(graph.iri("role", "collaborating-department"), role),
            "cv:hasParticipant": graph.organisation(department),
        }
    )


def _cost(graph: _Graph, service_iri: str, code: str, version: ServiceVersion) -> dict:
    currency = version.fee_currency.upper()
    return graph.add(
        {
            "@id": f"{service_iri}/cost",
            "@type": "cv:Cost",
            "dct:identifier": f"{code}/cost",
            "cv:hasValue": {
                "@value": str(float(Decimal(version.fee_amount))),
                "@type": "xsd:double",
            },
            "cv:currency": graph.add(
                {
                    "@id": EU_CURRENCIES + currency,
                    "@type": "skos:Concept",
                    "skos:notation": currency,
                }
            ),
            "dct:description": _texts(version.fee_waiver),
        }
    )


def _legal_resource(graph: _Graph, service_iri: str, version: ServiceVersion) -> dict | None:
    reference = version.legal_reference.strip()
    if not reference and not version.legal_basis:
        return None
    is_link = reference.startswith(("https://", "http://"))
    return graph.add(
        {
            "@id": reference if is_link else f"{service_iri}/legal-resource",
            "@type": "eli:LegalResource",
            "dct:title": _texts(version.legal_basis),
            "dct:identifier": None if is_link else reference,
        }
    )


def _requirement(graph: _Graph, service_iri: str, code: str, requirement) -> dict:
    evidence = requirement.evidence_type
    title = _texts(requirement.condition_text) or _named(evidence.name, evidence.code)
    return graph.add(
        {
            "@id": f"{service_iri}/requirement/{requirement.position}",
            "@type": "cv:Requirement",
            "dct:identifier": f"{code}/requirement/{requirement.position}",
            "dct:title": title,
            "cv:hasSupportingEvidence": graph.evidence(requirement.evidence_type),
        }
    )
