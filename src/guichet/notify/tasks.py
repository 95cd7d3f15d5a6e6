from django_tasks import task

from . import outbox


@task()
def deliver_event(event_id: str) -> str | None:
    """Deliver one outbox event; failures are retried by the worker's sweeper with backoff."""
    event = outbox.deliver(event_id)
    return event.state if event else None
