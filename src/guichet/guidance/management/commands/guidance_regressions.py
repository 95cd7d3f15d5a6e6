"""`guichet guidance-regressions [--check]`: write (or check) the flows' regression files.

It reads the demo flow documents and the demo catalogue, loaded into a throwaway database
(created and dropped here, as the test runner does), so what is in the working database never
changes the result. ``--current-database`` uses the working database instead, in a transaction
that is rolled back.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction
from django.test.utils import setup_databases, teardown_databases

from guichet.demo import flows
from guichet.demo.flows import stand_in
from guichet.guidance import paths, regressions
from guichet.guidance.engine import compile_definition

DEFAULT_DIR = Path(settings.PROJECT_DIR) / "tests" / "guidance" / "regressions"


class Command(BaseCommand):
    help = "Write the guided flows' regression files (every path and its outcome), or check them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Compare with the files; fail on a difference."
        )
        parser.add_argument(
            "--dir", dest="directory", default=str(DEFAULT_DIR), help="Where the files are."
        )
        parser.add_argument("--flow", action="append", help="Only this flow (repeatable).")
        parser.add_argument(
            "--current-database",
            action="store_true",
            help="Read the working database's catalogue (rolled back) instead of a fresh one.",
        )

    def handle(self, *args, check: bool = False, directory: str = "", flow=None, **options):
        directory = Path(directory)
        with contextlib.ExitStack() as stack:
            if not options.get("current_database"):
                stack.enter_context(_throwaway_database())
            source, records = self._records(flow)
        self._report(source, records)
        if check:
            self._check(directory, records)
            return
        directory.mkdir(parents=True, exist_ok=True)
        for slug, record in records.items():
            regressions.path_for(directory, slug).write_text(regressions.dumps(record))
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(records)} files in {directory}."))

    def _records(self, flow) -> tuple[str, dict]:
        with transaction.atomic():
            source = stand_in.load_demo_catalogue()
            records = {
                doc["slug"]: regressions.flow_regression(doc)
                for doc in flows.documents()
                if not flow or doc["slug"] in flow
            }
            transaction.set_rollback(True)
        return source, records

    def _report(self, source: str, records: dict) -> None:
        self.stdout.write(f"Against the {source}.")
        self.stdout.write(f"{'flow':<20} {'paths':>7} {'scenarios':>10} {'activities':>11}")
        activities = set()
        for slug, record in records.items():
            covered = paths.activities(compile_definition(flows.document(slug)))
            activities |= {(slug, a) for a in covered}
            self.stdout.write(
                f"{slug:<20} {record['paths']:>7} {len(record['scenarios']):>10} {len(covered):>11}"
            )
        total = sum(len(r["scenarios"]) for r in records.values())
        self.stdout.write(f"{'total':<20} {'':>7} {total:>10} {len(activities):>11}")

    def _check(self, directory: Path, records: dict) -> None:
        failed = []
        for slug, record in records.items():
            file = regressions.path_for(directory, slug)
            if not file.exists():
                failed.append(f"{slug}: no file {file.name}")
                continue
            changes = regressions.differences(json.loads(file.read_text()), record)
            if changes:
                failed.append(f"{slug}:\n  " + "\n  ".join(changes))
        if failed:
            raise CommandError(
                "The flows' outcomes changed:\n"
                + "\n".join(failed)
                + "\nIf this is intended, run `guichet guidance-regressions` and commit the files."
            )
        self.stdout.write(self.style.SUCCESS("Every path gives the outcome recorded."))


@contextlib.contextmanager
def _throwaway_database() -> Iterator[None]:
    """A fresh, migrated database of its own (in memory on SQLite), dropped afterwards."""
    connection = connections["default"]
    if connection.vendor != "sqlite":
        test = connection.settings_dict.setdefault("TEST", {})
        test["NAME"] = f"guichet_regressions_{os.getpid()}"
    old = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        yield
    finally:
        teardown_databases(old, verbosity=0)
