"""`guichet demo`: load or refresh the demo city (running it twice changes nothing)."""

from django.core.management.base import BaseCommand

from guichet.accounts.roles import STAFF_ROLES
from guichet.catalog import selectors
from guichet.demo import centres, flows, hotline, hub, people
from guichet.demo.catalogue import load_catalogue


class Command(BaseCommand):
    help = "Load or refresh the demo city and print one login per role."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the logins.")

    def handle(self, *args, quiet: bool = False, **options):
        created = people.load_people()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo city ready ({created} new accounts; run again any time, it is idempotent)."
            )
        )
        counts = load_catalogue()
        shares = selectors.shares()
        self.stdout.write(
            f"Catalogue: {counts['departments']} new departments, "
            f"{counts['evidence_types']} new evidence types, {counts['events']} new events, "
            f"{counts['services']} new services ({counts['published']} published now, "
            f"{counts['updated']} refreshed); {shares['total']} published services, "
            f"{shares['city_wide']:.0%} city-wide, "
            f"{shares['community_orderable']:.0%} orderable at community centres."
        )
        self.stdout.write(flows.load_flows())
        loaded = hub.load_hub()
        self.stdout.write(
            f"Data hub: {loaded.get('persons', 0)} new persons, "
            f"{loaded.get('companies', 0)} new companies, "
            f"{loaded.get('credentials', 0)} new sealed certificates, "
            f"{loaded.get('documents', 0)} new vault documents."
        )
        sites = centres.load_centres()
        self.stdout.write(
            f"Service centres: {sites.get('centres', 0)} new centres, "
            f"{sites.get('windows', 0)} new windows, {sites.get('tickets', 0)} tickets of history."
        )
        calls = hotline.load_hotline()
        self.stdout.write(
            f"Hotline: {calls.get('categories', 0)} new categories, "
            f"{calls.get('cells', 0)} new grid cells, "
            f"{calls.get('users', 0)} new community workers and desk managers, "
            f"{calls.get('history', 0)} requests of history, {calls.get('open', 0)} open requests."
        )
        if quiet:
            return
        self.stdout.write(f"\nDemo logins (password for all: {people.DEMO_PASSWORD})\n")
        self.stdout.write(f"  {'role':<26} {'login':<26} second factor (TOTP secret)")
        for person in people.PEOPLE:
            secret = people.totp_secret(person.email) if person.role in STAFF_ROLES else "-"
            self.stdout.write(f"  {person.role.label:<26} {person.email:<26} {secret}")
        self.stdout.write(
            "\nStaff log in with a second factor: add the secret to an authenticator app, or "
            "read the current code on the demo login page (demo mode only).\n"
        )
