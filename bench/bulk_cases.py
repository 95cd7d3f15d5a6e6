"""A fast bulk loader of applications for the list benchmarks: 200,000 cases in about a minute.

Writes cases, their items, materials and review tasks straight into the tables with
PostgreSQL's COPY (``bulk_create`` in batches on SQLite), spread over two years, every state
and every department. The demo citizen (Li Wei) owns ~50 of them and the demo company ~30;
the rest belong to the generated population, filed at a window. The Market Regulation Bureau
(MKT, the demo reviewer's department) is competent for about a quarter of the items, as a
city's market regulator is. Case numbers are taken from the same sequence as the platform's.

These rows are for measuring reads: no audit trail, no notifications, and a material's
source (certificate, vault, upload) is set without the record or file behind it.

``python -m bench.bulk_cases --rows 200000`` on the database in DATABASE_URL (Django must be
able to start there: migrated, demo loaded); it prints one JSON line with what it wrote.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from datetime import time as clock

ROWS = 200_000
SEED = 4242
CITIZEN_CASES = 50
COMPANY_CASES = 30
MKT_SHARE = 0.25
HISTORY_DAYS = 730

# Case states, how often, and how old such a case is (days since it was created).
STATES = [
    ("closed", 52, (60, HISTORY_DAYS)),
    ("withdrawn", 4, (5, HISTORY_DAYS)),
    ("delivered", 5, (20, 120)),
    ("issued", 2, (10, 60)),
    ("decided", 2, (10, 60)),
    ("in_review", 14, (1, 60)),
    ("accepted", 1, (0, 3)),
    ("submitted", 6, (0, 5)),
    ("returned", 2, (1, 20)),
    ("resubmitted", 1, (0, 5)),
    ("draft", 11, (0, 90)),
]
REVIEWED = {"in_review", "decided", "issued", "delivered", "closed"}


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.settings")
    import django

    django.setup()


def _catalogue():
    """Published versions with what each needs: (version id, legal days, competent dept id,
    collaborating dept ids, [(requirement id, evidence id, mandatory, tolerated, source)])."""
    from guichet.catalog import selectors as catalog
    from guichet.catalog.models import Department

    versions = list(
        catalog.published()
        .select_related("competent_department")
        .prefetch_related("collaborating_departments", "requirements__evidence_type")
    )
    if not versions:
        raise SystemExit("No published service: load the demo first (`guichet demo`).")
    mkt = Department.objects.get(code="MKT").pk
    described = []
    for version in versions:
        needs = []
        for requirement in version.requirements.all():
            evidence = requirement.evidence_type
            source = (
                "platform"
                if evidence.code == "id-card"
                else "credential"
                if evidence.shareable
                else "upload"
            )
            needs.append(
                (
                    requirement.pk,
                    evidence.pk,
                    requirement.mandatory,
                    requirement.tolerated_days,
                    source,
                )
            )
        collaborators = [
            d.pk
            for d in version.collaborating_departments.all()
            if d.pk != version.competent_department_id
        ]
        described.append(
            (
                version.pk,
                version.legal_time_limit_days,
                version.competent_department_id,
                collaborators,
                needs,
            )
        )
    at_mkt = [v for v in described if v[2] == mkt]
    elsewhere = [v for v in described if v[2] != mkt]
    return at_mkt, elsewhere


def _parties():
    from django.contrib.auth import get_user_model

    from guichet.datahub.models import Party
    from guichet.demo import hub

    User = get_user_model()
    citizen_user = User.objects.get(email=hub.CITIZEN_EMAIL)
    business_user = User.objects.get(email=hub.BUSINESS_EMAIL)
    citizen = Party.objects.get(identifier=hub.CITIZEN_ID)
    company = Party.objects.get(identifier=hub.COMPANY_CODE)
    others = list(Party.objects.exclude(pk__in=[citizen.pk, company.pk]).values_list("pk", "kind"))
    return (citizen.pk, citizen_user.pk), (company.pk, business_user.pk), others


def _reserve_numbers(count: int) -> tuple[int, int]:
    from django.db import transaction
    from django.db.models import F

    from guichet.ops.models import NumberSequence

    year = date.today().year
    with transaction.atomic():
        prefix = f"case-{year}"
        NumberSequence.objects.get_or_create(prefix=prefix)
        NumberSequence.objects.filter(prefix=prefix).update(last=F("last") + count)
        last = NumberSequence.objects.values_list("last", flat=True).get(prefix=prefix)
    return year, last - count + 1


def _next_ids(*models) -> list[int]:
    from django.db.models import Max

    return [(model.objects.aggregate(top=Max("id"))["top"] or 0) + 1 for model in models]


def generate(rows: int, seed: int = SEED) -> Iterator[tuple[str, dict]]:
    """("case"|"item"|"material"|"task", row) in an order the foreign keys accept."""
    from guichet.cases.models import Case, Item, Material, ReviewTask

    rng = random.Random(seed)  # noqa: S311 (benchmark data, reproducible on purpose)
    at_mkt, elsewhere = _catalogue()
    (citizen, citizen_user), (company, business_user), others = _parties()
    year, first_number = _reserve_numbers(rows)
    case_id, item_id, material_id, task_id = _next_ids(Case, Item, Material, ReviewTask)
    now = datetime.now().astimezone()
    states, weights = [s[0] for s in STATES], [s[1] for s in STATES]
    ages = {s[0]: s[2] for s in STATES}
    for n in range(rows):
        state = rng.choices(states, weights)[0]
        if n < CITIZEN_CASES:
            applicant, owner, channel = citizen, citizen_user, "online"
        elif n < CITIZEN_CASES + COMPANY_CASES:
            applicant, owner, channel = company, business_user, "online"
        else:
            applicant, owner, channel = rng.choice(others)[0], None, "window"
        low, high = ages[state]
        created = now - timedelta(days=rng.uniform(low, high))
        submitted = None if state == "draft" else created + timedelta(minutes=rng.randint(5, 600))
        accepted = (
            (created + timedelta(days=rng.randint(0, 2))).date()
            if state in REVIEWED | {"accepted"}
            else None
        )
        finished = state in {"decided", "issued", "delivered", "closed"}
        decided = created + timedelta(days=rng.randint(3, 25)) if finished else None
        yield (
            "case",
            {
                "id": case_id,
                "number": f"GC-{year}-{first_number + n:07d}",
                "applicant_id": applicant,
                "owner_id": owner,
                "submitted_by_id": owner if submitted else None,
                "channel": channel,
                "centre_code": "" if channel == "online" else "JA-CENTRE",
                "state": state,
                "created_at": created,
                "updated_at": decided or submitted or created,
                "submitted_at": submitted,
                "accepted_on": accepted,
                "decided_at": decided,
                "delivered_at": decided + timedelta(days=3)
                if state in {"delivered", "closed"}
                else None,
                "closed_at": decided + timedelta(days=10) if state == "closed" else None,
            },
        )
        for position in range(1, rng.choices([1, 2, 3], [60, 30, 10])[0] + 1):
            version_id, legal, competent, collaborators, needs = rng.choice(
                at_mkt if rng.random() < MKT_SHARE else elsewhere
            )
            item_state = _item_state(rng, state)
            due = (
                _working_days_after(accepted, legal)
                if accepted and state in REVIEWED | {"accepted"}
                else None
            )
            yield (
                "item",
                {
                    "id": item_id,
                    "case_id": case_id,
                    "position": position,
                    "service_version_id": version_id,
                    "state": item_state,
                    "legal_days": legal,
                    "due_on": due,
                    "decided_at": decided,
                },
            )
            for requirement, evidence, mandatory, tolerated, source in needs:
                yield (
                    "material",
                    {
                        "id": material_id,
                        "item_id": item_id,
                        "requirement_id": requirement,
                        "evidence_type_id": evidence,
                        "mandatory": mandatory,
                        "tolerated_days": tolerated,
                        "source": "missing" if state == "draft" and rng.random() < 0.5 else source,
                        "verdict": "accepted" if accepted else "unchecked",
                    },
                )
                material_id += 1
            if state in REVIEWED:
                for department, role in [(competent, "competent")] + [
                    (d, "collaborator") for d in collaborators
                ]:
                    yield (
                        "task",
                        {
                            "id": task_id,
                            "item_id": item_id,
                            "department_id": department,
                            "role": role,
                            "state": _task_state(rng, item_state, role),
                            "due_on": due,
                            "created_at": datetime.combine(accepted, clock(9), now.tzinfo),
                            "decided_at": decided,
                        },
                    )
                    task_id += 1
            item_id += 1
        case_id += 1


def _item_state(rng: random.Random, case_state: str) -> str:
    if case_state in {"draft", "submitted", "returned", "resubmitted"}:
        return "pending"
    if case_state == "accepted":
        return "accepted"
    if case_state == "in_review":
        return rng.choices(["in_review", "suspended", "approved"], [80, 5, 15])[0]
    if case_state == "withdrawn":
        return "withdrawn"
    if case_state == "decided":
        return rng.choices(["approved", "refused"], [90, 10])[0]
    return rng.choices(["issued", "refused"], [95, 5])[0]


def _task_state(rng: random.Random, item_state: str, role: str) -> str:
    if item_state in {"in_review", "suspended"}:
        return rng.choices(["open", "waiting", "approved"], [70, 10, 20])[0]
    if item_state == "refused" and role == "competent":
        return "refused"
    return "approved"


def _working_days_after(day: date, days: int) -> date:
    # Weekends only: the list benchmarks need plausible due dates, not the holiday calendar.
    weeks, rest = divmod(days, 5)
    due = day + timedelta(weeks=weeks)
    while rest:
        due += timedelta(days=1)
        if due.weekday() < 5:
            rest -= 1
    return due


def load(rows: int = ROWS, seed: int = SEED) -> dict:
    """Write `rows` cases and everything under them; returns the counts and the time taken."""
    from django.db import connection

    from guichet.cases.models import Case, Item, Material, ReviewTask

    started = time.perf_counter()
    models = {"case": Case, "item": Item, "material": Material, "task": ReviewTask}
    writer = _CopyWriter(models) if connection.vendor == "postgresql" else _BulkWriter(models)
    with writer:
        for kind, row in generate(rows, seed):
            writer.add(kind, row)
    counts = writer.counts
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in models.values():
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT MAX(id) FROM {table}))"
                )
                cursor.execute(f"ANALYZE {table}")
    return {
        "bulk_cases": counts,
        "seconds": round(time.perf_counter() - started, 1),
        "database": connection.vendor,
    }


def _defaults(model) -> list[tuple[str, object]]:
    """(column, default) of every concrete column, so a row only names what differs."""
    columns = []
    for field in model._meta.concrete_fields:
        default = field.get_default() if field.has_default() else None
        if (
            default is None
            and not field.null
            and field.get_internal_type()
            in {
                "CharField",
                "TextField",
            }
        ):
            default = ""
        columns.append((field.column, default))
    return columns


def _value(value):
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


class _CopyWriter:
    """One COPY stream per table, in the order of the foreign keys (cases first)."""

    def __init__(self, models: dict):
        self.models = models
        self.columns = {kind: _defaults(model) for kind, model in models.items()}
        self.pending: dict[str, list[tuple]] = {kind: [] for kind in models}
        self.counts = dict.fromkeys(models, 0)

    def __enter__(self):
        from django.db import connection

        connection.ensure_connection()
        self.connection = connection
        return self

    def add(self, kind: str, row: dict) -> None:
        self.pending[kind].append(
            tuple(_value(row.get(column, default)) for column, default in self.columns[kind])
        )
        self.counts[kind] += 1
        if len(self.pending["case"]) >= 20_000 and kind == "case":
            self.flush()

    def flush(self) -> None:
        from django.db import transaction

        with transaction.atomic(), self.connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor, for COPY
            for kind, model in self.models.items():
                names = ", ".join(f'"{column}"' for column, _ in self.columns[kind])
                with raw.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
                    for values in self.pending[kind]:
                        copy.write_row(values)
                self.pending[kind] = []

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.flush()


class _BulkWriter(_CopyWriter):
    """SQLite: bulk_create in batches (several times slower; fine for small runs)."""

    def add(self, kind: str, row: dict) -> None:
        self.pending[kind].append(row)
        self.counts[kind] += 1
        if len(self.pending["case"]) >= 5_000 and kind == "case":
            self.flush()

    def flush(self) -> None:
        from django.db import transaction

        with transaction.atomic():
            for kind, model in self.models.items():
                model.objects.bulk_create(
                    [model(**_attnames(model, row)) for row in self.pending[kind]], batch_size=2000
                )
                self.pending[kind] = []


def _attnames(model, row: dict) -> dict:
    names = {field.column: field.attname for field in model._meta.concrete_fields}
    return {names[key]: value for key, value in row.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bulk_cases")
    parser.add_argument("--rows", type=int, default=ROWS, help=f"cases to write ({ROWS})")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    _setup()
    print(json.dumps(load(args.rows, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
