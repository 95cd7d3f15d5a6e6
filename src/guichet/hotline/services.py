"""The hotline's use cases, one function each (see the modules for the rules)."""

from .dispatch import (
    Target,
    auto_dispatch,
    dispatch,
    dispatch_to_suggestion,
    due_for,
    suggest,
    targets_for,
)
from .feedback import (
    close_quiet,
    feedback_link,
    feedback_token,
    record_feedback,
    request_for_feedback_token,
    supervisor_decide,
)
from .intake import (
    add_files,
    answer_on_first_contact,
    cell_at,
    check_files,
    find_duplicates,
    link_duplicate,
    report,
    report_answered,
)
from .orders import accept_order, escalate_overdue, reply_order, return_order

__all__ = [
    "Target",
    "add_files",
    "accept_order",
    "answer_on_first_contact",
    "auto_dispatch",
    "cell_at",
    "check_files",
    "close_quiet",
    "dispatch",
    "dispatch_to_suggestion",
    "due_for",
    "escalate_overdue",
    "feedback_link",
    "feedback_token",
    "find_duplicates",
    "link_duplicate",
    "record_feedback",
    "reply_order",
    "report",
    "report_answered",
    "request_for_feedback_token",
    "return_order",
    "suggest",
    "supervisor_decide",
    "targets_for",
]
