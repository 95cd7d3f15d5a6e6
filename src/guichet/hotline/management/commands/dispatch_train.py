"""``guichet dispatch-train``: learn dispatch from the platform's resolved requests."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from guichet.hotline import classifier


class Command(BaseCommand):
    help = (
        "Retrain the dispatch classifier from the resolved requests and store it as the next "
        "version (web and worker processes pick it up within a minute)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--eval",
            action="store_true",
            dest="evaluate",
            help="Cross-validate on the same history first.",
        )
        parser.add_argument("--folds", type=int, default=5, help="Folds for --eval (5).")

    def handle(self, *args: Any, evaluate: bool = False, folds: int = 5, **options: Any) -> None:
        if evaluate and folds < 2:
            raise CommandError("--folds must be at least 2.", returncode=2)
        try:
            row, metrics = classifier.retrain(evaluate_folds=folds if evaluate else 0)
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(f"samples      {row.samples}")
        self.stdout.write(
            f"classes      {metrics['categories']} categories, {metrics['departments']} departments"
        )
        self.stdout.write(f"train        {metrics['train_seconds']:.2f} s")
        cv = metrics.get("cv")
        if cv:
            for line in cv["warnings"]:
                self.stdout.write(f"warning      {line}")
            self.stdout.write(
                f"{cv['folds']}-fold CV   accuracy {cv['accuracy']:.1%}, "
                f"macro-F1 {cv['macro_f1']:.1%} (categories)"
            )
        self.stdout.write(self.style.SUCCESS(f"version      {row.version}"))
        summary = {
            "version": row.version,
            "samples": row.samples,
            "categories": metrics["categories"],
            "departments": metrics["departments"],
            "train_seconds": metrics["train_seconds"],
        }
        if cv:
            summary.update(accuracy=cv["accuracy"], macro_f1=cv["macro_f1"])
        self.stdout.write(json.dumps(summary))
