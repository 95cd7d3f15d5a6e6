"""The published catalogue as one JSON document, to move it between platforms and back.

`export_catalogue()` writes departments, events, evidence types and every published service
(its current content, relations by code, requirements); `import_catalogue()` reads such a
document back through the catalogue's services, all or nothing, and publishes a new version
only of the services whose content differs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from pydantic import ValidationError as ShapeError

from . import i18n, selectors
from . import services as catalog
from .models import Department, Event, EvidenceType, Service, ServiceVersion
from .schemas import DepartmentIn, DocumentIn, ServiceIn

FORMAT = "guichet-catalogue"
VERSION = 1
CHANGE_NOTE = "Imported from a catalogue document"
TEXT_FIELDS = {"name", "description", "who_can_apply", "legal_basis", "fee_waiver"}


# --- Sections other apps add to the document -----------------------------------------------


@dataclass(frozen=True)
class Section:
    """Part of the document owned by another app (the guided flows): the catalogue carries it
    without knowing its shape, so the catalogue does not depend on that app."""

    name: str
    export: Callable[[], list[dict]]
    # (entries, by, publish) -> {"created": n, "updated": n, "unchanged": n}
    load: Callable[[list[dict], Any, bool], dict]


_sections: dict[str, Section] = {}


def register_section(
    name: str, *, export: Callable[[], list[dict]], load: Callable[[list[dict], Any, bool], dict]
) -> None:
    """Called from an app's ready(): its data travels in the catalogue document."""
    _sections[name] = Section(name=name, export=export, load=load)


# --- Export ---------------------------------------------------------------------------------


def export_catalogue() -> dict:
    """The whole published catalogue as one versioned JSON document."""
    versions = list(_with_relations(selectors.published()))
    published_codes = {version.service.code for version in versions}
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "departments": [_department(d) for d in selectors.departments()],
        "events": [_event(e) for e in selectors.events()],
        "evidence_types": [_evidence(e) for e in selectors.evidence_types()],
        # A prerequisite that is no longer published is left out: the document stands alone.
        "services": [_service(v, keep=published_codes.__contains__) for v in versions],
        **{name: section.export() for name, section in sorted(_sections.items())},
    }


def _with_relations(versions):
    return versions.select_related("competent_department", "output").prefetch_related(
        "collaborating_departments", "events", "prerequisites", "requirements__evidence_type"
    )


def _texts(value: dict | None) -> dict:
    return dict(sorted(i18n.clean(value).items()))


def _department(department: Department) -> dict:
    parent = department.parent.code if department.parent_id else None
    return {
        "code": department.code,
        "name": _texts(department.name),
        "level": department.level,
        "parent": parent,
    }


def _event(event: Event) -> dict:
    return {"code": event.code, "kind": event.kind, "name": _texts(event.name)}


def _evidence(evidence: EvidenceType) -> dict:
    issuer = evidence.issuing_department
    return {
        "code": evidence.code,
        "name": _texts(evidence.name),
        "description": _texts(evidence.description),
        "issuing_department": issuer.code if issuer else None,
        "validity_months": evidence.validity_months,
        "shareable": evidence.shareable,
    }


def _service(version: ServiceVersion, *, keep=lambda code: True) -> dict:
    entry: dict[str, Any] = {"code": version.service.code}
    for name in catalog.CONTENT_FIELDS:
        entry[name] = getattr(version, name)
    entry["competent_department"] = version.competent_department.code
    entry["output"] = version.output.code if version.output_id else None
    entry["collaborating_departments"] = [d.code for d in version.collaborating_departments.all()]
    entry["events"] = [e.code for e in version.events.all()]
    entry["prerequisites"] = [s.code for s in version.prerequisites.all() if keep(s.code)]
    entry["requirements"] = [
        {name: getattr(r, name) for name in catalog.REQUIREMENT_FIELDS if name != "position"}
        | {"evidence_type": r.evidence_type.code}
        for r in version.requirements.all()
    ]
    return _canonical(entry)


def _canonical(entry: dict) -> dict:
    """One spelling of a service's content, so two of them compare equal when they say the same."""
    entry = dict(entry)
    for name in TEXT_FIELDS:
        entry[name] = _texts(entry.get(name))
    entry["keywords"] = {
        language: [str(word).strip() for word in words if str(word).strip()]
        for language, words in sorted((entry.get("keywords") or {}).items())
        if language in i18n.LANGUAGE_CODES
        and isinstance(words, list)
        and any(str(word).strip() for word in words)
    }
    entry["fee_amount"] = str(Decimal(entry["fee_amount"]).quantize(Decimal("0.01")))
    entry["fee_currency"] = entry["fee_currency"].upper()
    for name in ("collaborating_departments", "events", "prerequisites"):
        entry[name] = sorted(set(entry[name]))
    entry["requirements"] = [
        {
            **requirement,
            "condition": requirement["condition"].strip(),
            "condition_text": _texts(requirement["condition_text"]),
            "note": _texts(requirement["note"]),
        }
        for requirement in entry["requirements"]
    ]
    return entry


# --- Import ---------------------------------------------------------------------------------


def parse_document(document: Any) -> DocumentIn:
    """The document, checked for its shape and for every code it refers to."""
    found = document if isinstance(document, dict) else {}
    if (found.get("format"), found.get("version")) != (FORMAT, VERSION):
        raise ValidationError(
            _("Not a catalogue document: expected %(expected)s, got %(got)s.")
            % {
                "expected": f"format {FORMAT!r} version {VERSION}",
                "got": f"format {found.get('format')!r} version {found.get('version')!r}",
            }
        )
    catalogue_part = {k: v for k, v in found.items() if k not in _sections}
    for name in _sections:
        if not isinstance(found.get(name, []), list):
            raise ValidationError(_("%(name)s must be a list.") % {"name": name})
    try:
        parsed = DocumentIn.model_validate(catalogue_part)
    except ShapeError as error:
        raise ValidationError(
            [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()]
        ) from error
    _check_codes(parsed)
    return parsed


def _check_codes(doc: DocumentIn) -> None:
    """Codes are unique in each list; every code referred to is in the document or stored."""
    lists = {
        "departments": (doc.departments, Department),
        "events": (doc.events, Event),
        "evidence_types": (doc.evidence_types, EvidenceType),
        "services": (doc.services, Service),
    }
    errors: dict[str, list[str]] = {}
    for field, references in _references(doc).items():
        entries, model = lists[field]
        codes = [entry.code for entry in entries]
        repeated = sorted(code for code, times in Counter(codes).items() if times > 1)
        if repeated:
            errors.setdefault(field, []).append(_("Duplicate codes: %s") % ", ".join(repeated))
        known = set(codes) | set(
            model.objects.filter(code__in=references).values_list("code", flat=True)
        )
        unknown = [f"{code} ({where})" for code, where in references.items() if code not in known]
        if unknown:
            errors.setdefault(field, []).append(_("Unknown codes: %s") % ", ".join(sorted(unknown)))
    if errors:
        raise ValidationError(errors)


def _references(doc: DocumentIn) -> dict[str, dict[str, str]]:
    """Per list, every code the document refers to, with the first entry that does."""
    found: dict[str, dict[str, str]] = {
        "departments": {},
        "events": {},
        "evidence_types": {},
        "services": {},
    }

    def add(field: str, codes: list[str | None], where: str) -> None:
        for code in codes:
            if code:
                found[field].setdefault(code, where)

    for department in doc.departments:
        add("departments", [department.parent], department.code)
    for evidence in doc.evidence_types:
        add("departments", [evidence.issuing_department], evidence.code)
    for service in doc.services:
        departments = [service.competent_department, *service.collaborating_departments]
        add("departments", departments, service.code)
        add("events", service.events, service.code)
        evidence = [service.output, *(r.evidence_type for r in service.requirements)]
        add("evidence_types", evidence, service.code)
        add("services", service.prerequisites, service.code)
    return found


@transaction.atomic
def import_catalogue(document: dict, *, by=None, publish: bool = True) -> dict:
    """Bring the catalogue in line with a document, all or nothing; say what changed."""
    catalog.require_editor(by)
    doc = parse_document(document)
    summary = {
        name: {"created": 0, "updated": 0, "unchanged": 0}
        for name in ("departments", "events", "evidence_types", "services")
    }
    for entry in _parents_first(doc.departments):
        _save(summary["departments"], Department, _department, entry.model_dump())
    for entry in doc.events:
        _save(summary["events"], Event, _event, entry.model_dump())
    for entry in doc.evidence_types:
        _save(summary["evidence_types"], EvidenceType, _evidence, entry.model_dump())
    counts = summary["services"]
    counts["published"] = _import_services(doc.services, by=by, publish=publish, counts=counts)
    # Sections come last: flows name services, which now exist.
    for name, section in sorted(_sections.items()):
        if name in document:
            summary[name] = section.load(document[name], by, publish)
    return summary


def _parents_first(departments: list[DepartmentIn]) -> list[DepartmentIn]:
    pending = {d.code: d for d in departments}
    ordered: list[DepartmentIn] = []
    while pending:
        ready = [d for d in pending.values() if d.parent not in pending]
        if not ready:
            raise ValidationError(
                {
                    "departments": [
                        _("Departments cannot be their own parents: %s") % ", ".join(pending)
                    ]
                }
            )
        for department in ready:
            ordered.append(pending.pop(department.code))
    return ordered


def _save(counts: dict, model, describe, wanted: dict) -> None:
    wanted = {key: (_texts(v) if isinstance(v, dict) else v) for key, v in wanted.items()}
    stored = model.objects.filter(code=wanted["code"]).first()
    if stored is not None and describe(stored) == wanted:
        counts["unchanged"] += 1
        return
    counts["updated" if stored else "created"] += 1
    code, fields = wanted.pop("code"), wanted
    for name in ("parent", "issuing_department"):
        if name in fields:
            fields[name] = Department.objects.filter(code=fields[name]).first()
    save = {
        Department: catalog.save_department,
        Event: catalog.save_event,
        EvidenceType: catalog.save_evidence_type,
    }[model]
    save(code, **fields)


def _import_services(entries: list[ServiceIn], *, by, publish: bool, counts: dict) -> int:
    wanted = {entry.code: _canonical(entry.model_dump(mode="json")) for entry in entries}
    # Every service exists before any refers to another as its prerequisite.
    created: dict[str, ServiceVersion] = {}
    for code, entry in wanted.items():
        if not Service.objects.filter(code=code).exists():
            with _about(code):
                created[code] = catalog.create_service(code, by=by, **_writable(entry))
    conflicts, published = [], 0
    for code in _prerequisites_first(wanted):
        entry = wanted[code]
        with _about(code):
            outcome, draft = _sync(code, entry, created.get(code), by=by)
            if outcome == "conflict":
                conflicts.append(code)
                continue
            counts[outcome] += 1
            if publish and draft is not None:
                catalog.publish(draft, by=by, change_note=CHANGE_NOTE)
                published += 1
    if conflicts:
        message = _(
            "These services have an open draft that differs from the document; "
            "publish or discard it first: %s"
        )
        raise ValidationError({"services": [message % ", ".join(conflicts)]})
    return published


def _prerequisites_first(wanted: dict[str, dict]) -> list[str]:
    """Codes ordered so that a service is published after the prerequisites it names."""
    ordered: list[str] = []
    state: dict[str, str] = {}

    def visit(code: str) -> None:
        if state.get(code) or code not in wanted:
            return  # done, in progress (a cycle: publishing will say so), or outside the document
        state[code] = "visiting"
        for prerequisite in wanted[code].get("prerequisites", []):
            visit(prerequisite)
        state[code] = "done"
        ordered.append(code)

    for code in wanted:
        visit(code)
    return ordered


def _sync(code: str, entry: dict, created: ServiceVersion | None, *, by):
    """What to do with one service: its outcome, and the draft to publish if any."""
    if created is not None:
        if entry["prerequisites"]:
            catalog.update_draft(created, by=by, prerequisites=_services(entry))
        return "created", created
    service = Service.objects.get(code=code)
    versions = service.versions.filter(status__in=["published", "draft"])
    current = {version.status: version for version in _with_relations(versions)}
    published, draft = current.get("published"), current.get("draft")
    if published is not None and _service(published) == entry:
        return "unchanged", None
    if draft is not None:
        # An open draft that already says the same is published; another one is someone's work.
        return ("unchanged", draft) if _service(draft) == entry else ("conflict", None)
    draft = catalog.start_draft(service, by=by)
    fields = _writable(entry)
    requirements = fields.pop("requirements")
    catalog.update_draft(draft, by=by, **fields, prerequisites=_services(entry))
    catalog.replace_requirements(draft, requirements, by=by)
    return "updated", draft


def _writable(entry: dict) -> dict:
    """A canonical entry as the keyword arguments of `create_service` (but prerequisites)."""
    fields = {name: entry[name] for name in catalog.CONTENT_FIELDS}
    fields["fee_amount"] = Decimal(entry["fee_amount"])
    fields["competent_department"] = Department.objects.get(code=entry["competent_department"])
    fields["output"] = EvidenceType.objects.filter(code=entry["output"]).first()
    fields["collaborating_departments"] = list(
        Department.objects.filter(code__in=entry["collaborating_departments"])
    )
    fields["events"] = list(Event.objects.filter(code__in=entry["events"]))
    evidence = EvidenceType.objects.in_bulk(
        [r["evidence_type"] for r in entry["requirements"]], field_name="code"
    )
    fields["requirements"] = [
        catalog.RequirementSpec(**(r | {"evidence_type": evidence[r["evidence_type"]]}))
        for r in entry["requirements"]
    ]
    return fields


def _services(entry: dict) -> list[Service]:
    return list(Service.objects.filter(code__in=entry["prerequisites"]))


@contextmanager
def _about(code: str) -> Iterator[None]:
    """Name the service in the errors its content raises."""
    try:
        yield
    except ValidationError as error:
        raise ValidationError({f"services.{code}": error.messages}) from error
