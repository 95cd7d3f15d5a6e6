"""``guichet dispatch-eval``: how well the dispatch pipeline learns a labelled set of texts.

Cross-validates the classifier's pipeline (the features and one head) on any UTF-8 CSV with a
text column and a label column, or on the platform's own history (``--from-history``), and
prints accuracy, macro-F1, a per-label table, then one JSON line for scripts.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from guichet.hotline import classifier


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def read_csv(path: str, text_column: str, label_column: str) -> tuple[list[str], list[str]]:
    """The (text, label) pairs of a CSV; rows with an empty text or label are skipped."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            columns = reader.fieldnames or []
            missing = [c for c in (text_column, label_column) if c not in columns]
            if missing:
                raise _fail(
                    f"{path}: no column {', '.join(repr(c) for c in missing)} "
                    f"(the header has: {', '.join(columns) or 'nothing'}). "
                    "Name the columns with --text-column and --label-column."
                )
            texts, labels = [], []
            for row in reader:
                text = (row.get(text_column) or "").strip()
                label = (row.get(label_column) or "").strip()
                if text and label:
                    texts.append(text)
                    labels.append(label)
    except FileNotFoundError as error:
        raise _fail(f"{path}: no such file.") from error
    except IsADirectoryError as error:
        raise _fail(f"{path}: is a directory, not a CSV file.") from error
    except UnicodeDecodeError as error:
        raise _fail(f"{path}: not UTF-8 text ({error.reason} at byte {error.start}).") from error
    except csv.Error as error:
        raise _fail(f"{path}: not a readable CSV file ({error}).") from error
    return texts, labels


class Command(BaseCommand):
    help = (
        "Cross-validate the dispatch classifier's pipeline on a labelled UTF-8 CSV file "
        "(or on the platform's history) and print accuracy, macro-F1 and a per-label table."
    )

    def add_arguments(self, parser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--csv", metavar="FILE", help="A UTF-8 CSV file with a header row.")
        source.add_argument(
            "--from-history",
            action="store_true",
            help="The platform's resolved requests, labelled by category.",
        )
        source.add_argument(
            "--export-csv",
            metavar="FILE",
            help="Write the platform's resolved requests to FILE (text, label, department).",
        )
        parser.add_argument("--text-column", default="text", help="Column of the texts (text).")
        parser.add_argument("--label-column", default="label", help="Column of labels (label).")
        parser.add_argument("--folds", type=int, default=5, help="Cross-validation folds (5).")
        parser.add_argument("--seed", type=int, default=0, help="Seed of the fold split (0).")

    def handle(self, *args: Any, **options: Any) -> None:
        folds = options["folds"]
        if folds < 2:
            raise _fail("--folds must be at least 2.")
        if options["export_csv"]:
            self._export(options["export_csv"])
            return
        if options["from_history"]:
            texts, labels, _departments = classifier.training_data()
            source = "history"
        else:
            texts, labels = read_csv(
                options["csv"], options["text_column"], options["label_column"]
            )
            source = options["csv"]
        if len(texts) < 2 * folds:
            raise _fail(
                f"Too few labelled rows to cross-validate: {len(texts)} "
                f"(at least {2 * folds} for {folds} folds)."
            )
        try:
            result = classifier.evaluate(texts, labels, folds=folds, seed=options["seed"])
        except ValueError as error:
            raise _fail(str(error)) from error
        self._print(result, source)

    def _export(self, path: str) -> None:
        texts, categories, departments = classifier.training_data()
        try:
            with Path(path).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["text", "label", "department"])
                writer.writerows(zip(texts, categories, departments, strict=True))
        except OSError as error:
            raise _fail(f"{path}: cannot write ({error.strerror}).") from error
        self.stdout.write(f"Wrote {len(texts)} labelled requests to {path}.")

    def _print(self, result: dict, source: str) -> None:
        for line in result["warnings"]:
            self.stdout.write(f"warning: {line}")
        self.stdout.write(
            f"{result['samples']} texts, {result['classes']} labels, {result['folds']}-fold "
            f"cross-validation ({source})"
        )
        self.stdout.write(f"accuracy   {result['accuracy']:.1%}")
        self.stdout.write(f"macro-F1   {result['macro_f1']:.1%}")
        self.stdout.write(f"train      {result['train_seconds']:.2f} s per fold")
        width = max([len("label")] + [len(label) for label in result["per_class"]])
        self.stdout.write(
            f"\n{'label':<{width}} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}"
        )
        for label, row in sorted(result["per_class"].items(), key=lambda item: item[1]["f1"]):
            self.stdout.write(
                f"{label:<{width}} {row['precision']:>9.1%} {row['recall']:>7.1%} "
                f"{row['f1']:>6.1%} {row['support']:>8}"
            )
        self.stdout.write(json.dumps({"eval": "dispatch", "source": source, **result}))
