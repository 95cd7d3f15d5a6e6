from django.core.management.base import BaseCommand, CommandError

from guichet.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the whole audit chain; exit non-zero naming the first broken row."

    def handle(self, *args, **options):
        checked, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at event {broken.event_id}: {broken.reason} "
                f"({checked} rows read)."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} events verified."))
