from .models import AuditEvent


def recent_events(*, limit: int = 20):
    return AuditEvent.objects.order_by("-id")[:limit]


def event_count() -> int:
    return AuditEvent.objects.count()
