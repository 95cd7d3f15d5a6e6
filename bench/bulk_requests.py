"""A fast bulk loader of hotline history for the list benchmarks: 1,000,000 requests in minutes.

Writes requests with their work orders, the updates reporters see and the satisfaction
answers straight into the tables with PostgreSQL's COPY (``bulk_create`` in batches on
SQLite), spread over two years and ordered by time as a city's history is. Texts come from
the demo's composer (a pool drawn once), places from the demo grid (Jing'an reports most).
What is old is closed; what is recent is in every state: a dispatcher's queue of some
hundreds (some sent back by a department), orders assigned, accepted and replied, some late
and escalated, some reopened after an unhappy call-back, some escalated to a supervisor.

Numbers are the platform's own (``12345-YYYYMMDD-NNNNN``), reserved from each day's
sequence, so they are unique and later live requests continue after them. These rows are for
measuring reads: no audit trail, no notifications, no files.

``python -m bench.bulk_requests --rows 1000000`` on the database in DATABASE_URL (migrated,
demo loaded); it prints one JSON line with what it wrote.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from bench import bulk_cases
from bench.bulk_cases import _value

ROWS = 1_000_000
SEED = 12345
HISTORY_DAYS = 730
POOL = 6_000  # composed texts drawn from
BENCH_WORKERS = 40  # community workers and desk managers made up when the demo has none
CITIZEN_REQUESTS = 40

CHANNELS = {"phone": 55, "app": 20, "web": 12, "email": 3, "kiosk": 2, "api": 8}
STATE_NAMES = (
    "received",
    "dispatched",
    "in_progress",
    "replied",
    "closed",
    "duplicate",
    "escalated",
)
STATES_BY_AGE = [  # (upper age in days, a weight per state of STATE_NAMES)
    (1, (14, 45, 25, 8, 6, 2, 0)),
    (7, (1.5, 15, 25, 22, 31, 4, 1.5)),
    (30, (0.1, 3, 9, 9, 73, 4, 2)),
    (HISTORY_DAYS + 1, (0, 0, 0.1, 0, 95, 4.5, 0.03)),
]
# Deadlines as DEFAULT_DEADLINES in hotline.dispatch: hours, or working days (~7/5 calendar).
DEADLINE_DAYS = {"consultation": 1.4, "complaint": 7, "suggestion": 14}
RETURN_REASONS = (
    "Not our competence: this is a district matter.",
    "Wrong department: the road belongs to the city, not the district.",
    "The address is outside our area.",
)
UPDATES = {
    "received": "Request received.",
    "dispatched": "Sent to the service that handles it.",
    "in_progress": "Being handled.",
    "closed": "Closed.",
}
RATINGS = {5: 55, 4: 25, 3: 12}
UNHAPPY = {1: 50, 2: 50}


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.settings")
    import django

    django.setup()


def ensure_world() -> dict:
    """The demo's hotline categories and grid (created when the demo has not loaded them),
    and people to hand community and desk orders to."""
    from django.contrib.auth import get_user_model

    from guichet.demo.hotline_categories import CATEGORIES
    from guichet.demo.hotline_places import cells
    from guichet.hotline.models import Category, CellWorker, DeskManager, GridCell

    have = set(Category.objects.values_list("code", flat=True))
    Category.objects.bulk_create(
        Category(
            code=spec.code,
            name=spec.name,
            group=spec.group,
            department_code=spec.department,
            by_community=spec.by_community,
            desk=spec.desk,
            reportable=not spec.desk,
            attributes=spec.attributes,
            keywords=spec.keywords,
        )
        for spec in CATEGORIES
        if spec.code not in have
    )
    have = set(GridCell.objects.values_list("code", flat=True))
    GridCell.objects.bulk_create(
        GridCell(
            code=cell.code,
            district=cell.district.en,
            street=cell.street.en,
            community=cell.community_en,
            min_lat=cell.box[0],
            max_lat=cell.box[1],
            min_lon=cell.box[2],
            max_lon=cell.box[3],
        )
        for cell in cells()
        if cell.code not in have
    )
    User = get_user_model()
    workers = list(CellWorker.objects.filter(active=True).values_list("worker_id", flat=True))
    desks = list(DeskManager.objects.filter(active=True).values_list("user_id", "desk"))
    if not workers or not desks:
        emails = [f"bench-worker-{n}@bench.example" for n in range(BENCH_WORKERS)]
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        User.objects.bulk_create(
            User(email=e, full_name=e.split("@")[0], password="!")
            for e in emails
            if e not in existing
        )
        made = list(
            User.objects.filter(email__in=emails).order_by("id").values_list("pk", flat=True)
        )
        workers = workers or made[: BENCH_WORKERS // 2]
        desks = desks or [
            (pk, ("policy", "financing", "legal")[i % 3])
            for i, pk in enumerate(made[BENCH_WORKERS // 2 :])
        ]
    return {
        "categories": {c.code: c for c in Category.objects.all()},
        "cells": {c.code: c for c in GridCell.objects.all()},
        "workers": workers,
        "desks": desks,
    }


def _people() -> dict:
    from django.contrib.auth import get_user_model

    User = get_user_model()
    ids = dict(User.objects.filter(email__endswith="@demo.example").values_list("email", "pk"))
    return {
        "citizen": ids.get("citizen@demo.example"),
        "operator": ids.get("operator@demo.example"),
        "dispatcher": ids.get("dispatcher@demo.example"),
    }


def _pool(seed: int) -> list[tuple]:
    """(category, kind, language, title, description, cell code, district code, reply)."""
    from guichet.demo import hotline_texts

    rng = random.Random(seed)  # noqa: S311 (benchmark data, reproducible on purpose)
    pool = []
    for sample in hotline_texts.samples(POOL, seed=seed):
        spot = hotline_texts.spot_in(rng, sample.cell)
        reply = hotline_texts.reply(rng, sample.category, sample.language, spot)
        pool.append(
            (
                sample.category,
                sample.kind,
                sample.language,
                sample.title[:200],
                sample.description,
                sample.cell.code,
                sample.cell.district.code,
                reply,
            )
        )
    return pool


def _days(rng: random.Random, rows: int, today: date) -> Counter:
    """Requests per day: more on weekdays, a little more each month (the hotline is known)."""
    weights = []
    for age in range(HISTORY_DAYS):
        day = today - timedelta(days=age)
        weights.append((0.6 if day.weekday() >= 5 else 1.0) * (1.6 - 0.6 * age / HISTORY_DAYS))
    ages = rng.choices(range(HISTORY_DAYS), weights, k=rows)
    return Counter(today - timedelta(days=age) for age in ages)


def _reserve(days: Counter) -> dict[date, int]:
    """Take each day's numbers from the platform's sequence (one upsert for all the days):
    the first number of each day."""
    from django.db import connection, transaction

    from guichet.ops.models import NumberSequence

    table = connection.ops.quote_name(NumberSequence._meta.db_table)
    ordered = sorted(days.items())
    values = ", ".join(["(%s, %s)"] * len(ordered))
    params = [p for day, count in ordered for p in (f"hotline:{day:%Y%m%d}", count)]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (prefix, last) VALUES {values} ON CONFLICT (prefix) "
            f"DO UPDATE SET last = {table}.last + excluded.last RETURNING prefix, last",
            params,
        )
        last = dict(cursor.fetchall())
    return {day: last[f"hotline:{day:%Y%m%d}"] - count + 1 for day, count in ordered}


def _next_ids(*models) -> list[int]:
    from django.db.models import Max

    return [(model.objects.aggregate(top=Max("id"))["top"] or 0) + 1 for model in models]


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), list(weights.values()))[0]


def _state(rng: random.Random, age_days: float) -> str:
    for upper, weights in STATES_BY_AGE:
        if age_days < upper:
            return rng.choices(STATE_NAMES, weights)[0]
    return "closed"


class _Ids:
    def __init__(self, request: int, order: int, update: int, feedback: int):
        self.request, self.order, self.update, self.feedback = request, order, update, feedback


def generate(rows: int, seed: int = SEED) -> Iterator[tuple[str, dict]]:
    """("request"|"order"|"update"|"feedback", row), requests before what refers to them."""
    from guichet.demo.hotline_categories import BY_CODE, department_for
    from guichet.hotline.models import Feedback, Request, RequestUpdate, WorkOrder

    rng = random.Random(seed)  # noqa: S311 (benchmark data, reproducible on purpose)
    world, people, pool = ensure_world(), _people(), _pool(seed)
    from guichet.demo.hub_names import GIVEN, SURNAMES

    now = datetime.now().astimezone()
    days = _days(rng, rows, now.date())
    first = _reserve(days)
    ids = _Ids(*_next_ids(Request, WorkOrder, RequestUpdate, Feedback))
    departments = sorted({spec.department for spec in BY_CODE.values()})
    recent: dict[str, list[int]] = {}
    citizen_left = CITIZEN_REQUESTS
    for day in sorted(days):
        count = days[day]
        moments = sorted(
            datetime.combine(day, datetime.min.time(), now.tzinfo)
            + timedelta(hours=rng.triangular(6, 23, 11))
            for _ in range(count)
        )
        for n, created in enumerate(moments):
            if created > now:
                created = now - timedelta(minutes=rng.uniform(1, 60))
            category, kind, language, title, text, cell_code, district, reply = rng.choice(pool)
            spec, cell = BY_CODE[category], world["cells"][cell_code]
            state = _state(rng, (now - created).total_seconds() / 86400)
            channel = _pick(rng, CHANNELS)
            citizen = citizen_left > 0 and channel in ("app", "web") and rng.random() < 0.01
            citizen_left -= citizen
            request = {
                "id": ids.request,
                "number": f"12345-{day:%Y%m%d}-{first[day] + n:05d}",
                "token": uuid.uuid4(),  # unique across loads, whatever the seed
                "channel": channel,
                "kind": kind,
                "urgency": "urgent" if rng.random() < spec.urgent_share else "normal",
                "state": state,
                "category_id": world["categories"][category].pk,
                "title": title,
                "description": text,
                "language": language,
                "attributes": {},
                "suggestions": [],
                "lat": rng.uniform(cell.min_lat, cell.max_lat),
                "lon": rng.uniform(cell.min_lon, cell.max_lon),
                "cell_id": cell.pk,
                "district": cell.district,
                "reporter_id": people["citizen"] if citizen else None,
                "reporter_name": rng.choice(SURNAMES)[0] + " " + rng.choice(GIVEN)[0],
                "reporter_phone": f"13{rng.randrange(10**9):09d}",
                "anonymous": rng.random() < 0.03,
                "desk": spec.desk,
                "taken_by_id": people["operator"] if channel == "phone" else None,
                "created_at": created,
            }
            department = department_for(spec, district)
            yield from _history(
                rng, request, ids, now, spec, department, departments, reply, people, world, recent
            )
            ids.request += 1


def _history(
    rng, request, ids, now, spec, department, departments, reply, people, world, recent
) -> Iterator[tuple[str, dict]]:
    """The request's row, its orders, updates and feedback, consistent with its state."""
    state, created, kind = request["state"], request["created_at"], request["kind"]
    updates = [("received", UPDATES["received"], created)]
    orders, answers = [], []
    same = recent.setdefault(spec.code, [])
    if state == "duplicate" and same:
        request["parent_id"] = rng.choice(same[-200:])
    elif state != "duplicate":
        same.append(request["id"])
        del same[:-400]
    first_contact = kind == "consultation" and state == "closed" and rng.random() < 0.4
    urgent = request["urgency"] == "urgent"
    allowed = timedelta(hours=2) if urgent else timedelta(days=DEADLINE_DAYS.get(kind, 4.2))
    quick = rng.random() < 0.7
    sent = min(created + timedelta(minutes=0.5 if quick else rng.uniform(5, 240)), now)
    how = "dispatcher" if not quick else rng.choice(["category", "rule", "auto"])
    returned = (state == "received" and rng.random() < 0.25) or (
        state not in ("received", "duplicate") and not first_contact and rng.random() < 0.05
    )
    if returned:
        wrong = rng.choice([d for d in departments if d != department])
        back = min(sent + timedelta(hours=rng.uniform(1, 30)), now)
        orders.append(
            dict(
                assignee="department",
                department_code=wrong,
                state="returned",
                return_reason=rng.choice(RETURN_REASONS),
                created_at=sent,
                updated_at=back,
                due_at=sent + allowed,
            )
        )
        updates.append(("received", "Being sent to the right service.", back))
        sent = min(back + timedelta(minutes=rng.uniform(5, 120)), now)
    reopened = (state in ("closed", "in_progress") and rng.random() < 0.05) or state == "escalated"
    if first_contact:
        request.update(
            answered_first_contact=True, reply=reply, replied_at=created, closed_at=created
        )
        updates.append(("closed", reply, created))
    elif state == "received":
        request["suggestions"] = [
            {"category": spec.code, "confidence": 0.41, "department": department}
        ]
    elif state == "duplicate":
        updates.append(("duplicate", "Handled together with an earlier request.", sent))
    else:
        request["dispatched_how"] = how
        updates.append(("dispatched", UPDATES["dispatched"], sent))
        order = dict(
            _target(rng, spec, department, world),
            created_at=sent,
            due_at=sent + allowed,
            dispatched_how=how,
            state="assigned",
            updated_at=sent,
            dispatched_by_id=people["dispatcher"] if how == "dispatcher" else None,
        )
        orders.append(order)
        if state != "dispatched":
            accepted = min(sent + timedelta(hours=rng.uniform(0.1, 20)), now)
            order.update(state="accepted", accepted_at=accepted, updated_at=accepted)
            updates.append(("in_progress", UPDATES["in_progress"], accepted))
        if state in ("replied", "closed", "escalated") or reopened:
            answered = _answer(rng, order, reply, now)
            request.update(reply=reply, replied_at=answered)
            updates.append(("replied", reply, answered))
            answers = _feedback(rng, request, state, reopened, answered, now, people)
            if reopened:
                again = answers[0]["created_at"]
                request.update(
                    reopen_count=1, unhappy_count=sum(not a["resolved"] for a in answers)
                )
                order.update(
                    state="accepted",
                    feedback=answers[0]["comment"],
                    updated_at=again,
                    due_at=again + allowed,
                    escalation=0,
                )
                updates.append(
                    ("in_progress", "Open again: the reporter was not satisfied.", again)
                )
                if state != "in_progress":
                    answered = _answer(rng, order, reply, now)
                    updates.append(("replied", reply, answered))
            if state == "escalated":
                updates.append(("escalated", "Passed to a supervisor.", answers[-1]["created_at"]))
            if state == "closed":
                closed = answers[-1]["created_at"] if answers else answered + timedelta(days=7)
                request["closed_at"] = min(closed, now)
                updates.append(("closed", UPDATES["closed"], request["closed_at"]))
        due = order["due_at"]
        if order["state"] in ("assigned", "accepted") and now > due:
            order["escalation"] = 2 if now > due + (due - order["created_at"]) else 1
    request["updated_at"] = max(u[2] for u in updates)
    yield ("request", request)
    for number, order in enumerate(orders, start=1):
        order.update(id=ids.order, request_id=request["id"], number=f"{request['number']}-{number}")
        ids.order += 1
        yield ("order", order)
    for state_, text, at in updates:
        yield (
            "update",
            {
                "id": ids.update,
                "request_id": request["id"],
                "state": state_,
                "description": text,
                "created_at": at,
            },
        )
        ids.update += 1
    for answer in answers:
        answer.update(id=ids.feedback, request_id=request["id"])
        ids.feedback += 1
        yield ("feedback", answer)


def _answer(rng, order: dict, reply: str, now: datetime) -> datetime:
    """The handler replies, mostly before the deadline, sometimes after."""
    start = max(order.get("accepted_at") or order["created_at"], order["updated_at"])
    answered = min(start + (order["due_at"] - start) * rng.uniform(0.2, 1.3), now)
    order.update(state="replied", reply=reply, replied_at=answered, updated_at=answered)
    return answered


def _target(rng, spec, department, world) -> dict:
    if spec.desk:
        worker, desk = rng.choice(
            [d for d in world["desks"] if d[1] == spec.desk] or world["desks"]
        )
        return {"assignee": "desk", "worker_id": worker, "desk": desk}
    if spec.by_community and rng.random() < 0.8:
        return {"assignee": "community", "worker_id": rng.choice(world["workers"])}
    return {"assignee": "department", "department_code": department}


def _feedback(rng, request, state, reopened, answered, now, people) -> list[dict]:
    """The call-back's answers: none yet, happy, unhappy then happy, or unhappy twice."""
    if state == "replied" or (state == "closed" and not reopened and rng.random() < 0.35):
        return []  # not asked yet, or closed quietly without an answer
    if not reopened:
        rounds = [True]
    elif state == "in_progress":
        rounds = [False]
    else:
        rounds = [False, state == "closed"]
    answers = []
    at = min(answered + timedelta(days=rng.uniform(0.5, 5)), now)
    for number, happy in enumerate(rounds, start=1):
        by_call = rng.random() < 0.7
        answers.append(
            {
                "round": number,
                "rating": _pick(rng, RATINGS if happy else UNHAPPY),
                "resolved": happy,
                "useful": (rng.random() < 0.8) if request["desk"] else None,
                "comment": "" if happy else "Nothing has changed.",
                "how": "call" if by_call else "link",
                "recorded_by_id": people["operator"] if by_call else None,
                "created_at": at,
            }
        )
        at = min(at + timedelta(days=rng.uniform(1, 6)), now)
    return answers


def load(rows: int = ROWS, seed: int = SEED) -> dict:
    """Write `rows` requests and everything under them; returns the counts and the time taken."""
    from django.db import connection
    from django.db.models import Count

    from guichet.hotline.models import Feedback, Request, RequestUpdate, WorkOrder

    started = time.perf_counter()
    models = {"request": Request, "order": WorkOrder, "update": RequestUpdate, "feedback": Feedback}
    writer = _CopyWriter(models) if connection.vendor == "postgresql" else _BulkWriter(models)
    with writer:
        for kind, row in generate(rows, seed):
            writer.add(kind, row)
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
        "bulk_requests": writer.counts,
        "states": dict(
            Request.objects.values_list("state").annotate(n=Count("id")).order_by("state")
        ),
        "seconds": round(time.perf_counter() - started, 1),
        "database": connection.vendor,
    }


class _CopyWriter(bulk_cases._CopyWriter):
    """One COPY stream per table, in the order of the foreign keys, every 20,000 requests."""

    def add(self, kind: str, row: dict) -> None:
        self.pending[kind].append(
            tuple(_value(row.get(column, default)) for column, default in self.columns[kind])
        )
        self.counts[kind] += 1
        if kind == "request" and len(self.pending[kind]) >= 20_000:
            self.flush()


class _BulkWriter(bulk_cases._BulkWriter):
    """SQLite: bulk_create in batches (several times slower; fine for small runs)."""

    def add(self, kind: str, row: dict) -> None:
        self.pending[kind].append(row)
        self.counts[kind] += 1
        if kind == "request" and len(self.pending[kind]) >= 5_000:
            self.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bulk_requests")
    parser.add_argument("--rows", type=int, default=ROWS, help=f"requests to write ({ROWS:,})")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    _setup()
    print(json.dumps(load(args.rows, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
