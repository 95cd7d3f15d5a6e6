"""`guichet catalog-import FILE [--publish]`: bring the catalogue in line with a document."""

from __future__ import annotations

import json
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guichet.catalog.exchange import import_catalogue


class Command(BaseCommand):
    help = (
        "Import a catalogue document (from `catalog-export`), all or nothing. Changed services "
        "become drafts; with --publish they are published as new versions."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The JSON document; '-' reads standard input.")
        parser.add_argument("--publish", action="store_true", help="Publish what changed at once.")

    def handle(self, *args, **options) -> None:
        name = options["file"]
        try:
            if name == "-":
                document = json.load(sys.stdin)
            else:
                with open(name, encoding="utf-8") as handle:
                    document = json.load(handle)
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": name, "error": error.strerror}
            ) from error
        except ValueError as error:
            raise CommandError(
                _("%(file)s is not JSON: %(error)s") % {"file": name, "error": error}
            ) from error
        try:
            summary = import_catalogue(document, publish=options["publish"])
        except ValidationError as error:
            raise CommandError("\n".join(_messages(error))) from error
        for part, counts in summary.items():
            line = ", ".join(f"{count} {what}" for what, count in counts.items())
            self.stdout.write(f"{part}: {line}")


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{field}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)
