"""``guichet hotline-mail``: take hotline e-mails in from a Maildir folder or from .eml files."""

from __future__ import annotations

import mailbox
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guichet.hotline import mail


class Command(BaseCommand):
    help = _(
        "Take hotline requests in from e-mail: the new messages of a Maildir folder (marked "
        "seen once taken, moved to its 'failed' subfolder when they cannot be), or .eml files. "
        "Prints one line per message: the request's number and title."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--maildir", metavar="PATH", help=_("a Maildir folder to read"))
        source.add_argument(
            "--eml", metavar="FILE", nargs="+", help=_("one or more RFC 5322 message files")
        )

    def handle(self, *args, maildir=None, eml=None, **options):
        if maildir:
            try:
                requests = mail.intake_maildir(maildir)
            except (mailbox.NoSuchMailboxError, FileNotFoundError, NotADirectoryError):
                message = _("%(path)s is not a Maildir folder.") % {"path": maildir}
                raise CommandError(message) from None
            for request in requests:
                self._line(request)
            return
        failed = 0
        for name in eml:
            try:
                request = mail.intake_eml(Path(name).read_bytes())
            except (OSError, ValidationError, mail.UnreadableMail) as error:
                failed += 1
                self.stderr.write(
                    _("%(file)s: not taken in (%(reason)s)")
                    % {"file": name, "reason": _reason(error)}
                )
                continue
            self._line(request)
        if failed:
            raise CommandError(_("%(count)d message(s) not taken in.") % {"count": failed})

    def _line(self, request) -> None:
        self.stdout.write(f"{request.number}\t{request.title}")


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)
