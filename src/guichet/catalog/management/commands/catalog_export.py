"""`guichet catalog-export [-o FILE]`: the published catalogue as one JSON document."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from guichet.catalog.exchange import export_catalogue


class Command(BaseCommand):
    help = "Write the published catalogue as one JSON document (to standard output by default)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", metavar="FILE", help="Write to FILE instead.")

    def handle(self, *args, **options) -> None:
        document = export_catalogue()
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if not options["output"]:
            self.stdout.write(text, ending="")
            return
        try:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s")
                % {"file": options["output"], "error": error.strerror}
            ) from error
        self.stderr.write(f"Wrote {len(document['services'])} services to {options['output']}.")
