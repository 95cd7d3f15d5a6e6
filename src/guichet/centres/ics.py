"""An appointment as an iCalendar file (RFC 5545), written by hand: one VEVENT is all we need,
and the rules that calendar apps are strict about (CRLF, folding, escaping, UTC) are few."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Appointment

CRLF = "\r\n"
LINE_OCTETS = 75  # RFC 5545 §3.1: lines longer than this are folded


def escape(text: str) -> str:
    """TEXT values (§3.3.11): backslash, semicolon, comma and newlines are escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character;
    each continuation starts with a space, which counts towards its 75."""
    pieces: list[str] = []
    current, size, limit = [], 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def utc(moment: datetime) -> str:
    """A DATE-TIME in UTC form (`19980119T070000Z`): no time zone definitions needed."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(appointment: Appointment, *, domain: str, stamp: datetime | None = None) -> str:
    """The whole .ics file for one appointment, in the active language."""
    centre = appointment.centre
    location = ", ".join(p for p in (centre.display_name, centre.address) if p)
    description = _(
        "Confirmation code: %(code)s. Show it (or its QR code) at the centre's kiosk when you "
        "arrive to check in. Service: %(group)s."
    ) % {"code": appointment.code, "group": appointment.group.display_name}
    cancelled = appointment.state == Appointment.State.CANCELLED
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Guichet//Service centre appointments//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:appointment-{appointment.code}@{domain}",
        f"DTSTAMP:{utc(stamp or timezone.now())}",
        f"DTSTART:{utc(appointment.starts_at)}",
        f"DTEND:{utc(appointment.ends_at)}",
        "SUMMARY:" + escape(_("Appointment at %(centre)s") % {"centre": centre.display_name}),
        f"LOCATION:{escape(location)}",
        f"DESCRIPTION:{escape(description)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + CRLF for line in lines)
