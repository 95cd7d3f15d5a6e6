"""`guichet worker`: run queued tasks, sweep the outbox and beat the heart, until stopped."""

from __future__ import annotations

import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from guichet.notify import outbox, services
from guichet.ops import periodic

logger = logging.getLogger("guichet.worker")


class Command(BaseCommand):
    help = "Run the task worker: queued tasks, outbox retries and the readiness heartbeat."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between polls of an empty queue."
        )
        parser.add_argument(
            "--sweep-every",
            type=float,
            default=5.0,
            help="Seconds between outbox sweeps and heartbeats.",
        )

    def handle(self, *args, interval: float, sweep_every: float, **options):
        stop = threading.Event()
        sweeper = threading.Thread(target=self._sweep, args=(stop, sweep_every), daemon=True)
        sweeper.start()
        try:
            call_command("db_worker", queue_name="*", interval=interval, reload=False)
        finally:
            stop.set()

    def _sweep(self, stop: threading.Event, every: float) -> None:
        while not stop.is_set():
            try:
                services.beat()
                outbox.sweep()
                periodic.run_due()
            except Exception:
                logger.exception("outbox sweep failed")
            finally:
                close_old_connections()
            stop.wait(every)
