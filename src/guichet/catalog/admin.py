"""The catalogue in the administration site: drafts are edited, published versions only read.

Every change goes through `services` (permissions, checks, the audit trail), so the admin
site cannot do what the catalogue's own rules forbid.
"""

from __future__ import annotations

from babel.numbers import format_percent
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import get_language, ngettext, to_locale
from django.utils.translation import gettext_lazy as _

from guichet.accounts import services as accounts
from guichet.audit.models import AuditEvent

from . import selectors
from . import services as catalog
from .models import Department, Event, EvidenceType, Requirement, Service, ServiceVersion

VERSION_TARGET = ServiceVersion._meta.label_lower


def _is_editor(user) -> bool:
    return bool(accounts.roles_of(user) & catalog.EDITORS)


def _problems(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error) or str(_("You may not change the catalogue."))


# --- Reference data: saved through the catalogue services, codes fixed once created --------


class CodeFixedAdmin(admin.ModelAdmin):
    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []


@admin.register(Department)
class DepartmentAdmin(CodeFixedAdmin):
    list_display = ["code", "display_name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        catalog.save_department(
            obj.code, name=obj.name, level=obj.level, parent=obj.parent, by=request.user
        )


@admin.register(Event)
class EventAdmin(CodeFixedAdmin):
    list_display = ["code", "__str__", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        catalog.save_event(obj.code, kind=obj.kind, name=obj.name, by=request.user)


@admin.register(EvidenceType)
class EvidenceTypeAdmin(CodeFixedAdmin):
    list_display = ["code", "__str__", "issuing_department", "validity_months", "shareable"]
    list_filter = ["shareable", "issuing_department"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        catalog.save_evidence_type(
            obj.code,
            name=obj.name,
            description=obj.description,
            issuing_department=obj.issuing_department,
            validity_months=obj.validity_months,
            shareable=obj.shareable,
            by=request.user,
        )


# --- Services and their versions -----------------------------------------------------------


class VersionHistoryInline(admin.TabularInline):
    """The change history: every version of the service, newest first, never edited here."""

    model = ServiceVersion
    fk_name = "service"
    fields = ["number", "status", "published_at", "published_by", "change_note"]
    readonly_fields = fields
    ordering = ["-number"]
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name_plural = _("versions (change history)")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class NewDraftActionMixin:
    def _start_drafts(self, request, services) -> None:
        started = 0
        for service in services:
            try:
                catalog.start_draft(service, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{service.code}: {_problems(error)}", messages.ERROR)
            else:
                started += 1
        if started:
            self.message_user(
                request,
                ngettext("%(n)s draft is open.", "%(n)s drafts are open.", started)
                % {"n": started},
                messages.SUCCESS,
            )


@admin.register(Service)
class ServiceAdmin(NewDraftActionMixin, admin.ModelAdmin):
    list_display = ["code", "current_name", "current_status", "published_at", "open_draft"]
    search_fields = ["code", "versions__name"]
    readonly_fields = ["code", "created_at", "audit_trail"]
    fields = ["code", "created_at", "audit_trail"]
    inlines = [VersionHistoryInline]
    actions = ["start_new_draft"]

    def has_add_permission(self, request) -> bool:
        # A new service is created with its first draft (catalogue import or `create_service`).
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("versions").distinct()

    @staticmethod
    def _versions(obj: Service) -> list[ServiceVersion]:
        return sorted(obj.versions.all(), key=lambda v: -v.number)

    def _current(self, obj: Service) -> ServiceVersion | None:
        versions = self._versions(obj)
        published = [v for v in versions if v.status == ServiceVersion.Status.PUBLISHED]
        return (published or versions or [None])[0]

    @admin.display(description=_("name"))
    def current_name(self, obj: Service) -> str:
        current = self._current(obj)
        return current.display_name if current else ""

    @admin.display(description=_("status"))
    def current_status(self, obj: Service) -> str:
        current = self._current(obj)
        return current.get_status_display() if current else ""

    @admin.display(description=_("published"))
    def published_at(self, obj: Service):
        current = self._current(obj)
        return current.published_at if current else None

    @admin.display(description=_("open draft"), boolean=True)
    def open_draft(self, obj: Service) -> bool:
        return any(v.status == ServiceVersion.Status.DRAFT for v in self._versions(obj))

    @admin.display(description=_("audit trail"))
    def audit_trail(self, obj: Service):
        numbers = {str(v.pk): v.number for v in obj.versions.all()}
        events = AuditEvent.objects.filter(
            target_type=VERSION_TARGET, target_id__in=list(numbers)
        ).order_by("-id")[:200]
        if not numbers or not events:
            return _("Nothing recorded yet.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    localize(localtime(e.occurred_at)),
                    e.action,
                    numbers.get(e.target_id, ""),
                    e.actor_label,
                )
                for e in events
            ),
        )
        return format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("time"),
            _("action"),
            _("version"),
            _("by"),
            rows,
        )

    @admin.action(description=_("Start a new draft"))
    def start_new_draft(self, request, queryset):
        self._start_drafts(request, queryset)

    def changelist_view(self, request, extra_context=None):
        shares = selectors.shares()
        locale = to_locale(get_language() or "en")
        extra_context = {
            **(extra_context or {}),
            "catalogue_total": shares["total"],
            "city_wide_share": format_percent(shares["city_wide"], locale=locale),
            "community_share": format_percent(shares["community_orderable"], locale=locale),
        }
        return super().changelist_view(request, extra_context=extra_context)


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    fields = [
        "position",
        "evidence_type",
        "form",
        "copies",
        "condition",
        "condition_text",
        "mandatory",
        "tolerated_days",
        "note",
    ]
    autocomplete_fields = ["evidence_type"]


class PublishedRequirementInline(RequirementInline):
    readonly_fields = RequirementInline.fields
    autocomplete_fields = []
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class DraftForm(forms.ModelForm):
    class Meta:
        model = ServiceVersion
        fields = [*catalog.CONTENT_FIELDS, *catalog.RELATION_FIELDS, "change_note"]

    def _post_clean(self) -> None:
        super()._post_clean()
        try:
            catalog._check_content(self.instance)  # the rules publish() applies, said early
        except ValidationError as error:
            self._update_errors(error)


@admin.register(ServiceVersion)
class ServiceVersionAdmin(NewDraftActionMixin, admin.ModelAdmin):
    form = DraftForm
    list_display = ["service", "number", "display_name", "status", "published_at"]
    list_filter = ["status", "audience", "competent_department"]
    search_fields = ["service__code", "name"]
    list_select_related = ["service"]
    filter_horizontal = ["collaborating_departments", "events", "prerequisites"]
    actions = ["publish_drafts", "start_new_drafts"]
    LIFECYCLE = [
        "service",
        "number",
        "status",
        "created_by",
        "created_at",
        "published_at",
        "published_by",
    ]

    def has_add_permission(self, request) -> bool:
        return False  # drafts are started from a version or a service ("Start a new draft")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.status != ServiceVersion.Status.DRAFT:
            return False
        return super().has_change_permission(request, obj) and _is_editor(request.user)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != ServiceVersion.Status.DRAFT:
            return [
                f.name
                for f in ServiceVersion._meta.get_fields()
                if f.concrete and not f.auto_created
            ]
        return self.LIFECYCLE

    def get_inlines(self, request, obj):
        if obj is not None and obj.status == ServiceVersion.Status.DRAFT:
            return [RequirementInline]
        return [PublishedRequirementInline]

    def save_model(self, request, obj, form, change):
        changes = {
            name: getattr(obj, name) for name in form.changed_data if name in catalog.CONTENT_FIELDS
        }
        changes |= {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in catalog.RELATION_FIELDS
        }
        if changes:
            catalog.update_draft(obj, by=request.user, **changes)
        if "change_note" in form.changed_data:
            catalog.require_editor(request.user)
            obj.save(update_fields=["change_note"])

    def save_related(self, request, form, formsets, change):
        # The relations were set with the content (update_draft); only the requirements remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    @admin.action(description=_("Publish selected drafts"), permissions=["change"])
    def publish_drafts(self, request, queryset):
        published = 0
        for version in queryset.select_related("service"):
            try:
                catalog.publish(version, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{version}: {_problems(error)}", messages.ERROR)
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(n)s version published.", "%(n)s versions published.", published)
                % {"n": published},
                messages.SUCCESS,
            )

    @admin.action(description=_("Start a new draft"))
    def start_new_drafts(self, request, queryset):
        seen = {}
        for version in queryset.select_related("service"):
            seen.setdefault(version.service_id, version.service)
        self._start_drafts(request, seen.values())
