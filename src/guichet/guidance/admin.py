"""Flows in the administration site: drafts edited as JSON, checked on save, drawn as a diagram.

Every change goes through `services` (permission, validation, audit); published versions are
read-only, and an edit starts a new draft. Flows are exported and imported as JSON documents.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import diagram, services, validation
from .models import Flow

FIELDS = ["slug", "title", "intro", "start", "audience", "definition"]


class FlowForm(forms.ModelForm):
    class Meta:
        model = Flow
        fields = FIELDS

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        doc = {
            "slug": data.get("slug", getattr(self.instance, "slug", "")),
            "title": data.get("title"),
            "intro": data.get("intro"),
            "start": data.get("start"),
            "audience": data.get("audience"),
            **(data.get("definition") if isinstance(data.get("definition"), dict) else {}),
        }
        problems = validation.problems(doc)
        if problems:
            raise ValidationError(problems)
        return data


class ImportForm(forms.Form):
    document = forms.FileField(label=_("Flow document (JSON)"))

    def clean_document(self):
        try:
            return json.load(self.cleaned_data["document"])
        except (ValueError, UnicodeDecodeError) as error:
            raise ValidationError(_("This file is not a JSON document.")) from error


@admin.register(Flow)
class FlowAdmin(admin.ModelAdmin):
    form = FlowForm
    list_display = ["slug", "version", "status", "title_text", "audience", "published_at"]
    list_filter = ["status", "audience"]
    search_fields = ["slug"]
    actions = ["publish_selected", "start_drafts", "export_selected"]
    change_list_template = "guidance/admin/change_list.html"

    @admin.display(description=_("title"))
    def title_text(self, obj: Flow) -> str:
        return obj.display_title

    @admin.display(description=_("diagram"))
    def diagram(self, obj: Flow) -> str:
        if obj is None or not obj.pk:
            return "—"
        # The SVG is built from escaped text only (see diagram.py).
        return mark_safe(diagram.svg(obj.compiled()))  # noqa: S308

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["diagram", "version", "status", "published_at", "published_by"]

    def has_change_permission(self, request, obj=None) -> bool:
        """Published versions are shown read-only: an edit starts a new draft (an action)."""
        if obj is not None and obj.status != Flow.Status.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def get_fields(self, request, obj=None):
        if obj is None:
            return FIELDS
        return ["diagram", *FIELDS, "version", "status", "published_at", "published_by"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or obj.status == Flow.Status.DRAFT

    def save_model(self, request, obj, form, change):
        content = {name: form.cleaned_data[name] for name in services.CONTENT_FIELDS}
        if change:
            services.update_draft(obj, by=request.user, **content)
            return
        definition = content.pop("definition")
        doc = {"slug": form.cleaned_data["slug"], **content, **definition}
        saved = services.import_flow(doc, by=request.user)
        obj.pk, obj.version, obj.status = saved.pk, saved.version, saved.status

    @admin.action(description=_("Publish the selected drafts"))
    def publish_selected(self, request, queryset):
        done = 0
        for flow in queryset.filter(status=Flow.Status.DRAFT):
            try:
                services.publish(flow, by=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(
                    request, f"{flow.slug}: {'; '.join(_messages(error))}", messages.ERROR
                )
        self.message_user(
            request,
            ngettext("%d flow published.", "%d flows published.", done) % done,
            messages.SUCCESS,
        )

    @admin.action(description=_("Start a new draft of the selected flows"))
    def start_drafts(self, request, queryset):
        for flow in queryset:
            services.start_draft(flow, by=request.user)
        self.message_user(request, _("Drafts are ready to edit."), messages.SUCCESS)

    @admin.action(description=_("Export the selected flows as JSON"))
    def export_selected(self, request, queryset):
        docs = [services.export_flow(flow) for flow in queryset]
        body = json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json")
        name = f"{docs[0]['slug']}-v{docs[0]['version']}" if len(docs) == 1 else "flows"
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response

    def get_urls(self):
        extra = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="guidance_flow_import",
            )
        ]
        return extra + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                flow = services.import_flow(form.cleaned_data["document"], by=request.user)
            except ValidationError as error:
                for problem in _messages(error):
                    form.add_error(None, problem)
            else:
                self.message_user(
                    request,
                    format_html(_("Imported {} as draft version {}."), flow.slug, flow.version),
                    messages.SUCCESS,
                )
                return redirect(reverse("admin:guidance_flow_change", args=[flow.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "title": _("Import a flow"),
        }
        return TemplateResponse(request, "guidance/admin/import.html", context)


def _messages(error: Exception) -> list[str]:
    return list(getattr(error, "messages", [str(error)]))
