"""Changing flows: import, edit a draft, start a new one, publish. Published flows never change."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from guichet.accounts import services as accounts
from guichet.audit import services as audit
from guichet.catalog import i18n
from guichet.catalog.services import EDITORS

from . import selectors
from .models import FORMAT, Flow

CONTENT_FIELDS = ("title", "intro", "start", "audience", "definition")


def require_editor(user) -> None:
    """Catalogue and platform administrators edit flows; `None` is the system (import, demo)."""
    if user is not None and not (accounts.roles_of(user) & EDITORS):
        raise PermissionDenied(_("Only catalogue administrators may change the guided flows."))


def export_flow(flow: Flow) -> dict[str, Any]:
    """The flow as a JSON document that `import_flow` reads back."""
    return copy.deepcopy(flow.document())


def _content(doc: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(doc, Mapping):
        raise ValidationError(_("A flow must be a JSON object."))
    if doc.get("format", FORMAT) != FORMAT:
        raise ValidationError(_("This flow was exported in a format this version cannot read."))
    return {
        "title": i18n.clean(doc.get("title")),
        "intro": i18n.clean(doc.get("intro")),
        "start": str(doc.get("start", "")),
        "audience": str(doc.get("audience", Flow.Audience.PERSON)),
        "definition": {
            "questions": copy.deepcopy(doc.get("questions") or []),
            "results": copy.deepcopy(doc.get("results") or []),
        },
    }


@transaction.atomic
def import_flow(doc: Mapping[str, Any], by=None, *, publish_now: bool = False) -> Flow:
    """Read an exported flow into its slug's draft (a new version); validated before saving."""
    require_editor(by)
    slug = str(doc.get("slug", "")) if isinstance(doc, Mapping) else ""
    content = _content(doc)
    draft = Flow.objects.select_for_update().filter(slug=slug, status=Flow.Status.DRAFT).first()
    if draft is None:
        number = (Flow.objects.filter(slug=slug).aggregate(n=Max("version"))["n"] or 0) + 1
        draft = Flow(slug=slug, version=number, created_by=by)
    for name, value in content.items():
        setattr(draft, name, value)
    draft.save()  # validates the whole document
    audit.record(
        action="guidance.flow_imported",
        actor=by,
        target=draft,
        summary={"slug": slug, "version": draft.version},
    )
    return publish(draft, by=by) if publish_now else draft


@transaction.atomic
def update_draft(draft: Flow, *, by=None, **changes: Any) -> Flow:
    """Change a draft's title, introduction, first question, audience or questions and results."""
    require_editor(by)
    if draft.status != Flow.Status.DRAFT:
        raise ValidationError(_("Only a draft can be edited; start a new draft instead."))
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save()
    audit.record(
        action="guidance.draft_updated",
        actor=by,
        target=draft,
        summary={"slug": draft.slug, "fields": sorted(changes)},
    )
    return draft


@transaction.atomic
def start_draft(flow: Flow, *, by=None) -> Flow:
    """The slug's open draft, or a new one copied from its latest version."""
    require_editor(by)
    existing = Flow.objects.filter(slug=flow.slug, status=Flow.Status.DRAFT).first()
    if existing is not None:
        return existing
    latest = Flow.objects.filter(slug=flow.slug).order_by("-version").first()
    draft = Flow(
        slug=flow.slug,
        version=latest.version + 1,
        created_by=by,
        **{name: copy.deepcopy(getattr(latest, name)) for name in CONTENT_FIELDS},
    )
    draft.save()
    audit.record(
        action="guidance.draft_started",
        actor=by,
        target=draft,
        summary={"slug": draft.slug, "from_version": latest.version},
    )
    return draft


@transaction.atomic
def publish(draft: Flow, *, by=None) -> Flow:
    """Publish a draft (checked again: the catalogue may have changed); the previous retires."""
    require_editor(by)
    draft = Flow.objects.select_for_update().get(pk=draft.pk)
    if draft.status != Flow.Status.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    from .validation import check

    check(draft.document())
    previous = (
        Flow.objects.select_for_update()
        .filter(slug=draft.slug, status=Flow.Status.PUBLISHED)
        .first()
    )
    if previous is not None:
        previous.move_to(Flow.Status.SUPERSEDED)
        previous.save(update_fields=["status"])
    draft.move_to(Flow.Status.PUBLISHED)
    draft.published_at, draft.published_by = timezone.now(), by
    draft.save(update_fields=["status", "published_at", "published_by"])
    audit.record(
        action="guidance.flow_published",
        actor=by,
        target=draft,
        summary={
            "slug": draft.slug,
            "version": draft.version,
            "supersedes": previous.version if previous else None,
        },
    )
    return draft


def same_content(flow: Flow, doc: Mapping[str, Any]) -> bool:
    """Whether importing `doc` would change nothing in `flow` (idempotent loading)."""
    content = _content(doc)
    return all(getattr(flow, name) == value for name, value in content.items())


def export_published_flows() -> list[dict[str, Any]]:
    """Every published flow, for the catalogue document's "flows" section."""
    return [export_flow(flow) for flow in selectors.published_flows().order_by("slug")]


@transaction.atomic
def load_flows_section(docs: list[dict[str, Any]], by=None, publish_now: bool = True) -> dict:
    """Bring the flows in line with a catalogue document: unchanged ones are left alone."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for doc in docs:
        slug = str(doc.get("slug", "")) if isinstance(doc, Mapping) else ""
        current = selectors.published_flow(slug)
        if current is not None and same_content(current, doc):
            counts["unchanged"] += 1
            continue
        import_flow(doc, by, publish_now=publish_now)
        counts["updated" if current is not None else "created"] += 1
    return counts
