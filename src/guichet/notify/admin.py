from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from guichet.audit.admin import ReadOnlyAdmin

from . import outbox
from .models import InboxMessage, OutboxEvent


@admin.register(OutboxEvent)
class OutboxEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "topic", "state", "attempts", "next_attempt_at", "delivered_at"]
    list_filter = ["state", "topic"]
    search_fields = ["idempotency_key"]
    actions = ["retry_now"]

    @admin.action(description=_("Deliver again now"))
    def retry_now(self, request, queryset):
        count = outbox.retry_now(queryset)
        self.message_user(
            request,
            ngettext("%d event queued again.", "%d events queued again.", count) % count,
            messages.SUCCESS,
        )


@admin.register(InboxMessage)
class InboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "subject", "read_at"]
    search_fields = ["subject", "recipient__email"]
