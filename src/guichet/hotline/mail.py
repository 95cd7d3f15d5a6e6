"""Requests that arrive by e-mail: one message, one request, taken in once.

A message's sender becomes the reporter (name and address), its subject the title, its text
(or its HTML, without the tags) the description. Attachments go through the same checks as
every other channel's files; one that is refused is left out and the description says so, so
the request is still taken. A subject that starts with a question word ("咨询", "Question",
"Consultation") makes a consultation; anything else is a report. The Message-ID is kept in
the request's attributes, so a message delivered or uploaded twice is one request.

A Maildir folder is read by the periodic job below when GUICHET_HOTLINE_MAILDIR is set, or by
``guichet hotline-mail``: new messages are taken in and marked seen; a message that cannot be
taken in goes to the folder's "failed" subfolder and the log, and the batch carries on.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import html
import logging
import mailbox
import os
import re
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from guichet.ops import periodic

from . import intake, services
from .models import Kind, Request

logger = logging.getLogger("guichet.hotline.mail")

# Subjects that ask rather than report (compared without case, after "Re:"/"Fwd:").
CONSULTATION_PREFIXES = ("咨询", "question", "consultation", "demande")
_REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|aw|tr|回复|答复|转发)\s*[:：]\s*)+", re.I)
FAILED_FOLDER = "failed"
NOTE_ROOM = 600  # characters of the description kept for notes about refused attachments


class UnreadableMail(ValueError):
    """A message that cannot become a request (no sender, nothing said)."""


def message_id(message: EmailMessage, data: bytes) -> str:
    """The message's own id, or a digest of its bytes when the sender gave none."""
    given = str(message.get("Message-ID", "") or "").strip()
    return given[:200] if given else "sha256:" + hashlib.sha256(data).hexdigest()


def taken(mid: str) -> Request | None:
    """The request a message already became."""
    return Request.objects.filter(channel=Request.Channel.EMAIL, attributes__message_id=mid).first()


def _sender(message: EmailMessage) -> tuple[str, str]:
    try:
        addresses = message["From"].addresses if message["From"] else ()
    except (AttributeError, IndexError, TypeError, ValueError):
        addresses = ()
    if not addresses:
        raise UnreadableMail("no sender")
    name, address = addresses[0].display_name, addresses[0].addr_spec
    try:
        validate_email(address)
    except ValidationError:
        raise UnreadableMail(f"sender address {address!r} is not valid") from None
    return name.strip(), address


def _html_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style|head)\b.*?</\1\s*>", " ", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</(p|div|li|tr|h[1-6])\s*>", "\n", markup)
    text = html.unescape(re.sub(r"(?s)<[^>]*>", "", markup))
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", "replace")
    if not isinstance(content, str):
        return ""
    return _html_text(content) if part.get_content_type() == "text/html" else content.strip()


def _kind(subject: str) -> str:
    plain = _REPLY_PREFIX.sub("", subject).strip().casefold()
    if plain.startswith(CONSULTATION_PREFIXES):
        return Kind.CONSULTATION
    return Kind.REPORT


def _language(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html")) or message
    header = message.get("Content-Language") or body.get("Content-Language") or ""
    given = str(header).split(",")[0].strip()
    if not given:
        return ""
    try:
        return translation.get_supported_language_variant(given.lower())
    except LookupError:
        return ""


def _attachments(message: EmailMessage) -> tuple[list, list[str]]:
    """(uploads that pass the hotline's checks, a note per refused one)."""
    accepted, notes = [], []
    for part in message.iter_attachments():
        name = part.get_filename() or _("attachment")
        data = part.get_payload(decode=True) or b""
        upload = SimpleUploadedFile(name, data, content_type=part.get_content_type())
        if len(accepted) >= intake.MAX_FILES:
            reason = _("at most %(count)s files are taken with a request") % {
                "count": intake.MAX_FILES
            }
        else:
            try:
                services.check_files([upload])
            except ValidationError as refusal:
                reason = " ".join(refusal.messages)
            else:
                upload.seek(0)
                accepted.append(upload)
                continue
        notes.append(
            _("The attachment %(name)s was not taken: %(reason)s")
            % {"name": name, "reason": reason}
        )
    return accepted, notes


def intake_eml(data: bytes, *, taken_by=None) -> Request:
    """Take one RFC 5322 message in as a request (the same request if it was taken before)."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    mid = message_id(message, data)
    existing = taken(mid)
    if existing is not None:
        return existing
    name, address = _sender(message)
    subject = re.sub(r"\s+", " ", str(message.get("Subject", "") or "")).strip()
    body = _body(message)
    uploads, notes = _attachments(message)
    if notes:
        room = intake.MAX_DESCRIPTION - NOTE_ROOM
        body = body[:room] + "\n\n" + "\n".join(notes)
        body = body.strip()[: intake.MAX_DESCRIPTION]
    else:
        body = body[: intake.MAX_DESCRIPTION]
    if not subject and not body:
        raise UnreadableMail("neither a subject nor a text")
    return services.report(
        channel=Request.Channel.EMAIL,
        kind=_kind(subject),
        title=_REPLY_PREFIX.sub("", subject)[:200],
        description=body,
        name=name,
        email=address,
        attributes={"message_id": mid},
        files=uploads,
        taken_by=taken_by,
        language=_language(message),
    )


def _move(source: Path, folder: Path, name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    os.replace(source, folder / name)


def intake_maildir(path: str | os.PathLike) -> list[Request]:
    """Take in every new message of a Maildir folder; each is then marked seen (in `cur`).

    A message that cannot be taken in moves to the folder's "failed" subfolder, flagged T,
    and is logged; the others are taken all the same.
    """
    box = mailbox.Maildir(os.fspath(path), factory=None, create=False)
    root = Path(os.fspath(path))
    taken_in = []
    for entry in sorted(os.scandir(root / "new"), key=lambda e: e.name):
        if entry.name.startswith(".") or not entry.is_file():
            continue
        key = entry.name.split(box.colon)[0]
        try:
            data = Path(entry.path).read_bytes()
            request = intake_eml(data)
        except Exception as error:  # one broken message never stops the batch
            logger.warning("hotline mail %s not taken in: %s", key, error, exc_info=True)
            failed = root / f".{FAILED_FOLDER}"
            box.add_folder(FAILED_FOLDER)
            _move(Path(entry.path), failed / "cur", f"{key}{box.colon}2,T")
            continue
        _move(Path(entry.path), root / "cur", f"{key}{box.colon}2,S")
        taken_in.append(request)
    return taken_in


@periodic.register("hotline.mail", every=timedelta(minutes=5))
def read_mailbox() -> int:
    """The hotline's mailbox, every five minutes, when the deployment delivers to a Maildir."""
    folder = settings.GUICHET_HOTLINE_MAILDIR
    if not folder:
        return 0
    return len(intake_maildir(folder))
