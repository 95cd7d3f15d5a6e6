"""The data hub in the administration site: keys and certificate status, nothing personal.

Parties, vault files and consents are not listed here on purpose: staff read a person's data
only through an application, where every read is recorded for the person to see.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services, signing
from .models import Credential, SigningKey


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    list_display = ["kid", "algorithm", "created_at", "retired_at"]
    fields = ["kid", "algorithm", "public_key_pem", "created_at", "retired_at"]
    readonly_fields = fields
    actions = ["rotate"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Rotate: sign with a new key from now on"))
    def rotate(self, request, queryset) -> None:
        key = signing.rotate(actor=request.user)
        self.message_user(request, _("New signing key %(kid)s.") % {"kid": key.kid})


@admin.register(Credential)
class CredentialAdmin(admin.ModelAdmin):
    list_display = ["number", "evidence_type", "issuing_department", "issued_on", "status"]
    list_filter = ["status", "issuing_department"]
    search_fields = ["number"]
    fields = [
        "number",
        "evidence_type",
        "issuing_department",
        "issued_on",
        "valid_until",
        "status",
        "status_reason",
        "kid",
        "case_number",
    ]
    readonly_fields = fields
    actions = ["suspend", "reinstate", "revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def _change(self, request, queryset, status: str, reason: str) -> None:
        changed = 0
        for credential in queryset:
            try:
                services.change_credential_status(
                    credential, status=status, reason=reason, actor=request.user
                )
                changed += 1
            except Exception as refusal:  # noqa: BLE001 — shown to the administrator
                self.message_user(request, f"{credential}: {refusal}", messages.WARNING)
        self.message_user(request, _("%(count)d certificates changed.") % {"count": changed})

    @admin.action(description=_("Suspend the selected certificates"))
    def suspend(self, request, queryset) -> None:
        self._change(request, queryset, "suspended", str(_("Suspended by an administrator.")))

    @admin.action(description=_("Reinstate the selected certificates"))
    def reinstate(self, request, queryset) -> None:
        self._change(request, queryset, "valid", str(_("Reinstated by an administrator.")))

    @admin.action(description=_("Revoke the selected certificates (final)"))
    def revoke(self, request, queryset) -> None:
        self._change(request, queryset, "revoked", str(_("Revoked by an administrator.")))
