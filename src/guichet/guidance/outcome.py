"""What a finished walk means for the applicant: the services, the documents, where, how long.

The flow decides which services apply and which requirements it switches on or off
(`engine.decide`); the catalogue says the rest. Each service comes with exactly the documents
its published version asks for under these answers: the requirements whose condition holds
over the answers and the applicant's facts, then the flow's switches (off removes one, on adds
it even when its condition does not hold). Services come in the order their prerequisites
impose (those that are part of the outcome first), otherwise in the flow's order.

Visits: everything a service centre handles city-wide is handed in at one window together, so
those services count once (the most visits any of them needs); a service handled only at a
named centre or department counts on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from guichet.catalog import i18n, selectors
from guichet.catalog.conditions import ConditionError, evaluate
from guichet.catalog.models import Channel, Requirement, ServiceVersion

from .engine import Decision, Definition, decide, note_text


@dataclass(frozen=True)
class Document:
    code: str
    name: str
    form: str
    copies: int = 1
    mandatory: bool = True
    tolerated_days: int | None = None
    note: str = ""
    condition_text: str = ""


@dataclass
class ServiceItem:
    code: str
    name: str
    department: str
    documents: list[Document]
    fee: Decimal
    currency: str
    visits: int
    promised_days: int
    legal_days: int
    channels: list[str]  # codes (see catalog.models.Channel)
    city_wide: bool
    named_centre: str
    prerequisites: list[str] = field(default_factory=list)  # codes, within this outcome

    @property
    def fully_online(self) -> bool:
        return self.visits == 0

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(c).label) for c in self.channels]


@dataclass(frozen=True)
class ChecklistEntry:
    """One document to bring, once, with every service that asks for it."""

    code: str
    name: str
    form: str
    copies: int
    services: tuple[str, ...]
    mandatory: bool


@dataclass
class Outcome:
    decision: Decision
    services: list[ServiceItem]
    notes: list[str]
    missing: list[str]  # services the flow names that the catalogue no longer publishes
    fees: dict[str, Decimal]
    visits: int
    longest_promised_days: int
    longest_legal_days: int

    @property
    def checklist(self) -> list[ChecklistEntry]:
        entries: dict[str, ChecklistEntry] = {}
        for service in self.services:
            for doc in service.documents:
                seen = entries.get(doc.code)
                if seen is None:
                    entries[doc.code] = ChecklistEntry(
                        doc.code, doc.name, doc.form, doc.copies, (service.name,), doc.mandatory
                    )
                else:
                    entries[doc.code] = ChecklistEntry(
                        doc.code,
                        doc.name,
                        seen.form,
                        max(seen.copies, doc.copies),
                        (*seen.services, service.name),
                        seen.mandatory or doc.mandatory,
                    )
        return list(entries.values())

    @property
    def total_fee(self) -> tuple[Decimal, str]:
        """The total in the one currency fees are in (the first, if there are several)."""
        if not self.fees:
            return Decimal("0"), ""
        currency = next(iter(self.fees))
        return self.fees[currency], currency

    def summary(self) -> dict[str, Any]:
        """Codes only: what regression files record for a path."""
        return {
            "services": [s.code for s in self.services],
            "documents": {s.code: [d.code for d in s.documents] for s in self.services},
            "missing": self.missing,
        }


@dataclass(frozen=True)
class Catalogue:
    """The published versions (with requirements and prerequisites) an outcome reads."""

    versions: Mapping[str, ServiceVersion]
    evidence: Mapping[str, Any]

    @classmethod
    def load(cls, codes: Iterable[str], evidence_codes: Iterable[str] = ()) -> Catalogue:
        versions = {
            v.service.code: v
            for v in selectors.published()
            .filter(service__code__in=set(codes))
            .select_related("competent_department")
            .prefetch_related("requirements__evidence_type", "prerequisites")
        }
        wanted = set(evidence_codes)
        evidence = {e.code: e for e in selectors.evidence_types().filter(code__in=wanted)}
        return cls(versions, evidence)

    @classmethod
    def for_flow(cls, definition: Definition) -> Catalogue:
        """Everything any path of the flow may need, read once (regression files, benchmarks)."""
        codes = {r.service for r in definition.results if r.service}
        evidence = {str(r.requirement.get("evidence")) for r in definition.results if r.requirement}
        return cls.load(codes, evidence)

    def conditions(self) -> list[str]:
        return [r.condition for v in self.versions.values() for r in v.requirements.all()]


def build(
    definition: Definition, context: Mapping[str, Any], catalogue: Catalogue | None = None
) -> Outcome:
    """The outcome of a finished walk (`context`: the answers and the applicant's facts)."""
    decision = decide(definition, context)
    if catalogue is None:
        switched_on = {e for _s, e, on in decision.switches if on}
        catalogue = Catalogue.load(decision.services, switched_on)
    versions = {c: catalogue.versions[c] for c in decision.services if c in catalogue.versions}
    prerequisites = {
        code: [p.code for p in versions[code].prerequisites.all() if p.code in versions]
        for code in versions
    }
    ordered = order_by_prerequisites(list(versions), prerequisites)
    services = [
        _service(versions[code], prerequisites[code], decision, context, catalogue.evidence)
        for code in ordered
    ]
    fees: dict[str, Decimal] = {}
    for item in services:
        if item.fee:
            fees[item.currency] = fees.get(item.currency, Decimal("0")) + item.fee
    return Outcome(
        decision=decision,
        services=services,
        notes=[note_text(n) for n in decision.notes],
        missing=[c for c in decision.services if c not in versions],
        fees=fees,
        visits=count_visits(services),
        longest_promised_days=max((s.promised_days for s in services), default=0),
        longest_legal_days=max((s.legal_days for s in services), default=0),
    )


def order_by_prerequisites(
    codes: Sequence[str], prerequisites: Mapping[str, list[str]]
) -> list[str]:
    """Codes ordered so that each comes after its prerequisites; ties keep the given order."""
    remaining = list(codes)
    placed: list[str] = []
    while remaining:
        ready = next(
            (c for c in remaining if all(p in placed for p in prerequisites.get(c, []))), None
        )
        if ready is None:  # a cycle in the catalogue: keep the rest as given rather than fail
            placed += remaining
            break
        placed.append(ready)
        remaining.remove(ready)
    return placed


def count_visits(services: Sequence[ServiceItem]) -> int:
    together = max((s.visits for s in services if s.city_wide), default=0)
    return together + sum(s.visits for s in services if not s.city_wide)


def _holds(source: str, context: Mapping[str, Any]) -> bool:
    try:
        return evaluate(source, context)
    except ConditionError:
        return False


def _service(
    version: ServiceVersion,
    prerequisites: list[str],
    decision: Decision,
    context: Mapping[str, Any],
    evidence: Mapping[str, Any],
) -> ServiceItem:
    code = version.service.code
    switches = {e: on for s, e, on in decision.switches if s == code}
    documents = []
    present = set()
    for requirement in version.requirements.all():
        evidence_code = requirement.evidence_type.code
        wanted = switches.get(evidence_code)
        if wanted is False or (wanted is None and not _holds(requirement.condition, context)):
            continue
        present.add(evidence_code)
        documents.append(_document(requirement))
    for evidence_code, on in switches.items():
        if on and evidence_code not in present and evidence_code in evidence:
            kind = evidence[evidence_code]
            documents.append(Document(evidence_code, str(kind), Requirement.Form.ORIGINAL.label))
    return ServiceItem(
        code=code,
        name=version.display_name,
        department=version.competent_department.display_name,
        documents=documents,
        fee=version.fee_amount,
        currency=version.fee_currency,
        visits=version.visits,
        promised_days=version.promised_time_limit_days,
        legal_days=version.legal_time_limit_days,
        channels=[c for c in version.channels if c in Channel.values],
        city_wide=version.city_wide,
        named_centre=version.named_centre_code,
        prerequisites=prerequisites,
    )


def _document(requirement: Requirement) -> Document:
    return Document(
        code=requirement.evidence_type.code,
        name=str(requirement.evidence_type),
        form=str(requirement.get_form_display()),
        copies=requirement.copies,
        mandatory=requirement.mandatory,
        tolerated_days=requirement.tolerated_days,
        note=i18n.text(requirement.note),
        condition_text=i18n.text(requirement.condition_text),
    )
