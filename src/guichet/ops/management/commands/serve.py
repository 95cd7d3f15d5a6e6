"""`guichet serve`: the production web server (gunicorn, N worker processes)."""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the site with gunicorn: several processes, static files by WhiteNoise."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("GUICHET_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("GUICHET_WEB_WORKERS", "2"))
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("GUICHET_WEB_THREADS", "4"))
        )
        parser.add_argument("--timeout", type=int, default=60)

    def handle(
        self, *args, host: str, port: int, workers: int, threads: int, timeout: int, **options
    ):
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "guichet.config.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(max(workers, 1)),
            "--threads",
            str(max(threads, 1)),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--timeout",
            str(timeout),
            "--access-logfile",
            "-" if os.environ.get("GUICHET_ACCESS_LOG") else "/dev/null",
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]
        self.stdout.write(f"Serving on http://{host}:{port}/ with {workers} processes")
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - replace this process with gunicorn
