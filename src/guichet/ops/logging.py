import logging

from .context import current_request_context


class RequestContextFilter(logging.Filter):
    """Add the request id to every log record, so one request's lines can be found together."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_context().request_id or None
        return True
