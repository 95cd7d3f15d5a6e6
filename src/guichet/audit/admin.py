"""The audit trail in the administration site: readable, never editable."""

from django.contrib import admin

from .models import AuditEvent, PersonalDataAccess


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "occurred_at", "actor_label", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_id", "actor_label", "request_id"]
    date_hierarchy = "occurred_at"


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = [
        "occurred_at",
        "accessor_label",
        "organisation",
        "subject_type",
        "subject_id",
        "data_kind",
        "purpose",
        "case_reference",
    ]
    list_filter = ["subject_type", "data_kind"]
    search_fields = ["subject_id", "accessor_label", "case_reference"]
    date_hierarchy = "occurred_at"
