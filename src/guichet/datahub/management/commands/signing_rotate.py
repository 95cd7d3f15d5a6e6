"""``guichet signing-rotate``: start sealing with a new key; older seals keep verifying."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from guichet.datahub import signing


class Command(BaseCommand):
    help = (
        "Create a new signing key and retire the current one (it stays published, so what "
        "it sealed still verifies). Prints the new key id."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        key = signing.rotate(actor="guichet signing-rotate")
        # The kid alone on stdout, so a deployment script can capture it.
        self.stdout.write(key.kid)
