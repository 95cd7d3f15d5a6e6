import logging

from .context import current_request_context


class RequestContextFilter(logging.Filter):
    """Add the request id to every log record, so one request's lines can be found together."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = current_request_context().request_id
        # Django logs a request's 4xx/5xx after our middleware has returned; the request
        # object on the record still carries the id.
        request = getattr(record, "request", None)
        record.request_id = request_id or getattr(request, "request_id", None)
        return True
