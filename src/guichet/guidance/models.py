"""Flows as data: one row per version of a flow, its graph one validated JSON document.

Why a JSON document in the row rather than tables of questions, options, routes and results:
a flow is always read whole (the engine walks it, validation enumerates its paths, the admin
draws it) and written whole (the admin form, an import); it is exported and imported as the
same document, and a version is a copy of one row. With tables, each of those would be a
join of five tables and a diff across them, and validation would have to run over rows that
are saved one by one, so a flow would pass through invalid states. Here the whole document is
checked before the row is written (`validation.py`), and a published version never changes
again: an edit starts a new draft, as catalogue versions do.

The document (see `engine.compile_definition`):

    {"slug": "supermarket", "title": {"en": …}, "intro": {…}, "start": "size",
     "audience": "company",
     "questions": [{"key": "size", "kind": "single", "text": {…}, "hint": {…},
                    "options": [{"value": "small", "label": {…}, "next": "sales"}, …],
                    "routes": [{"when": "area_m2 >= 300", "next": "fire"}], "next": "end",
                    "min": 0, "max": 100000, "optional": false, "unit": {…}}, …],
     "results": [{"when": "'cooked' in foods", "service": "FOOD-BUSINESS-LICENCE"},
                 {"when": "...", "requirement": {"service": …, "evidence": …, "required": true}},
                 {"when": "...", "note": {"en": …}}]}

`title`, `intro`, `start` and `audience` are columns (the admin lists and filters them);
`definition` holds the questions and the results.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalog import i18n

from .engine import Definition, compile_definition

FORMAT = 1


class Flow(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED},
        Status.PUBLISHED: {Status.SUPERSEDED},
        Status.SUPERSEDED: set(),
    }

    class Audience(models.TextChoices):
        PERSON = "person", _("People")
        COMPANY = "company", _("Companies")

    slug = models.SlugField(_("short name"), max_length=60)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    title = models.JSONField(_("title"), default=dict)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    start = models.CharField(_("first question"), max_length=40)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.PERSON
    )
    definition = models.JSONField(
        _("questions and results"),
        default=dict,
        help_text=_('{"questions": [...], "results": [...]}: see the flow format.'),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["slug", "-version"]
        verbose_name = _("guided flow")
        verbose_name_plural = _("guided flows")
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="flow_version_number"),
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(status="published"), name="one_published_flow"
            ),
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(status="draft"), name="one_draft_flow"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version} ({self.get_status_display()})"

    # What publishing may still write on a flow that left draft.
    _LIFECYCLE_FIELDS = frozenset({"status", "published_at", "published_by"})

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        lifecycle_only = update_fields is not None and not (
            set(update_fields) - self._LIFECYCLE_FIELDS
        )
        if not lifecycle_only:
            if self.pk:
                stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True)
                if stored.first() not in (None, self.Status.DRAFT):
                    raise ValidationError(
                        _("A published flow never changes: start a new draft instead.")
                    )
            from .validation import check

            check(self.document())
        super().save(*args, **kwargs)

    def move_to(self, status: Status) -> None:
        if status not in self.TRANSITIONS[self.status]:
            raise ValidationError(
                _("A %(current)s flow cannot become %(new)s.")
                % {"current": self.get_status_display(), "new": status.label}
            )
        self.status = status

    @property
    def display_title(self) -> str:
        return i18n.text(self.title) or self.slug

    def document(self) -> dict[str, Any]:
        """The whole flow as one JSON document: what is validated, exported and imported."""
        definition = self.definition or {}
        return {
            "format": FORMAT,
            "slug": self.slug,
            "version": self.version,
            "title": self.title,
            "intro": self.intro,
            "start": self.start,
            "audience": self.audience,
            "questions": definition.get("questions", []),
            "results": definition.get("results", []),
        }

    def compiled(self) -> Definition:
        return compile_definition(self.document())
