"""The demo city's 12345 hotline: categories, the grid and its people, a year of history.

`load_hotline()` writes, idempotently (a second run creates nothing):
- the request categories (``hotline_categories``), routing rules, deadlines and the operators'
  standard answers (``hotline_answers``);
- the grid (``hotline_places``): 336 community cells in five districts, Jing'an tiled finest;
  about 2,000 community workers (six or so per cell; no password, they are demo data) and the
  demo community worker (community@demo.example) in Caojiadu's first cell; 20 business-desk
  managers with their industries;
- a year of resolved requests (``hotline_history``), composed by ``hotline_texts``;
- the dispatch classifier, trained on that history when no model exists yet;
- a few dozen open requests in every state, through the hotline's own services
  (``hotline_open``), for the demo pages.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from guichet.accounts.models import Membership
from guichet.accounts.roles import Role
from guichet.hotline import classifier
from guichet.hotline.models import (
    Category,
    CellWorker,
    ClassifierVersion,
    DeadlinePolicy,
    DeskManager,
    GridCell,
    Request,
    RoutingRule,
    StandardAnswer,
)

from . import hotline_history, hotline_open
from .hotline_answers import ANSWERS
from .hotline_categories import CATEGORIES, DEADLINES, DESK_MANAGERS, ROUTING_RULES
from .hotline_places import cells
from .hub_names import GIVEN, SURNAMES

SEED = 12345
WORKER_DOMAIN = "workers.demo.example"
DESK_DOMAIN = "desk.demo.example"
COMMUNITY_EMAIL = "community@demo.example"
DEMO_CELL = "JA-CAOJIADU-01"
WORKERS_PER_CELL = {"JA": 7}  # Jing'an's cells are the busiest
WORKERS_ELSEWHERE = 5
BATCH = 1000


def load_hotline(*, history: int = hotline_history.HISTORY) -> dict[str, int]:
    """Create what is missing of the demo hotline; returns how many rows of each were new."""
    counts: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    with transaction.atomic():
        categories = _load_categories(counts)
        grid = _load_grid(counts)
        workers = _load_workers(grid, counts)
        managers = _load_desk_managers(counts)
        _load_rules(categories, counts)
        _load_deadlines(counts)
        _load_answers(categories, counts)
        counts["history"] += hotline_history.load(
            categories, grid, workers, managers, count=history, seed=SEED
        )
    counts["classifier_version"] += _train_if_needed()
    counts["open"] += hotline_open.load(categories, grid, seed=SEED)
    counts["seconds"] = round(time.perf_counter() - started)
    return dict(counts)


def _load_categories(counts: dict) -> dict[str, Category]:
    found = {}
    for spec in CATEGORIES:
        wanted = {
            "name": spec.name,
            "group": spec.group,
            "department_code": spec.department,
            "service_code": spec.service_code,
            "by_community": spec.by_community,
            "desk": spec.desk,
            "attributes": spec.attributes,
            "keywords": spec.keywords,
            "reportable": True,
        }
        category, created = Category.objects.get_or_create(code=spec.code, defaults=wanted)
        counts["categories"] += created
        if not created and any(getattr(category, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(category, key, value)
            category.save()
        found[spec.code] = category
    return found


def _load_grid(counts: dict) -> dict[str, GridCell]:
    specs = cells()
    have = set(
        GridCell.objects.filter(code__in=[c.code for c in specs]).values_list("code", flat=True)
    )
    new = [
        GridCell(
            code=c.code,
            district=c.district.en,
            street=c.street.en,
            community=c.community_en,
            min_lat=c.box[0],
            max_lat=c.box[1],
            min_lon=c.box[2],
            max_lon=c.box[3],
        )
        for c in specs
        if c.code not in have
    ]
    GridCell.objects.bulk_create(new, batch_size=BATCH)
    counts["cells"] += len(new)
    return {cell.code: cell for cell in GridCell.objects.filter(code__in=[c.code for c in specs])}


def _name(rng: random.Random) -> str:
    given = "".join(g[1] for g in rng.sample(GIVEN, rng.choice((1, 1, 2))))
    return rng.choice(SURNAMES)[1] + given


def _bulk_users(rows: list[tuple[str, str]], counts: dict) -> dict[str, int]:
    """Demo staff who never log in (no usable password), by e-mail; returns e-mail -> id.

    bulk_create skips the per-account audit event that registration writes, as the other
    demo bulk loaders do: these are thousands of generated rows.
    """
    User = get_user_model()
    emails = [email for email, _name in rows]
    have = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
    unusable = make_password(None)
    new = [
        User(
            email=email,
            full_name=name,
            password=unusable,
            preferred_language="zh-hans",
            is_demo=True,
        )
        for email, name in rows
        if email not in have
    ]
    User.objects.bulk_create(new, batch_size=BATCH)
    counts["users"] += len(new)
    return dict(User.objects.filter(email__in=emails).values_list("email", "pk"))


def _load_workers(grid: dict[str, GridCell], counts: dict) -> dict[str, list[int]]:
    """Community workers per cell (user ids); the demo community worker comes first in theirs."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, reproducible on purpose
    demo = get_user_model().objects.filter(email=COMMUNITY_EMAIL).first()
    if demo is not None and DEMO_CELL in grid:
        _link, created = CellWorker.objects.get_or_create(cell=grid[DEMO_CELL], worker=demo)
        counts["cell_workers"] += created
    rows, of_cell = [], {}
    for spec in cells():
        per_cell = WORKERS_PER_CELL.get(spec.district.code, WORKERS_ELSEWHERE)
        emails = [f"cw-{spec.code.lower()}-{n}@{WORKER_DOMAIN}" for n in range(1, per_cell + 1)]
        rows += [(email, _name(rng)) for email in emails]
        of_cell[spec.code] = (spec, emails)
    ids = _bulk_users(rows, counts)
    have_members = set(
        Membership.objects.filter(role=Role.COMMUNITY_WORKER, user_id__in=ids.values()).values_list(
            "user_id", "organisation_code"
        )
    )
    have_links = set(
        CellWorker.objects.filter(worker_id__in=ids.values()).values_list("cell_id", "worker_id")
    )
    members, links, workers = [], [], {}
    for code, (spec, emails) in of_cell.items():
        cell = grid[code]
        workers[code] = [ids[email] for email in emails]
        for user_id in workers[code]:
            if (user_id, code) not in have_members:
                members.append(
                    Membership(
                        user_id=user_id,
                        role=Role.COMMUNITY_WORKER,
                        organisation_kind=Membership.Organisation.CENTRE,
                        organisation_code=code,
                        organisation_name=spec.community_en,
                    )
                )
            if (cell.pk, user_id) not in have_links:
                links.append(CellWorker(cell=cell, worker_id=user_id))
    Membership.objects.bulk_create(members, batch_size=BATCH)
    CellWorker.objects.bulk_create(links, batch_size=BATCH)
    counts["memberships"] += len(members)
    counts["cell_workers"] += len(links)
    if demo is not None and DEMO_CELL in workers:
        workers[DEMO_CELL] = [demo.pk, *workers[DEMO_CELL]]
    return workers


def _load_desk_managers(counts: dict) -> dict[str, list[int]]:
    rng = random.Random(SEED + 1)  # noqa: S311 - demo data, reproducible on purpose
    rows = [
        (f"{desk}-{n:02d}@{DESK_DOMAIN}", _name(rng))
        for n, (desk, _tags) in enumerate(DESK_MANAGERS, start=1)
    ]
    ids = _bulk_users(rows, counts)
    managers: dict[str, list[int]] = defaultdict(list)
    for (email, _person), (desk, tags) in zip(rows, DESK_MANAGERS, strict=True):
        _row, created = DeskManager.objects.get_or_create(
            user_id=ids[email], desk=desk, defaults={"expertise": tags}
        )
        counts["desk_managers"] += created
        managers[desk].append(ids[email])
    return dict(managers)


def _load_rules(categories: dict[str, Category], counts: dict) -> None:
    for name, order, code, keywords, district, target, department, desk, urgency in ROUTING_RULES:
        _rule, created = RoutingRule.objects.get_or_create(
            name=name,
            defaults={
                "order": order,
                "category": categories.get(code),
                "keywords": keywords,
                "district": district,
                "target": target,
                "department_code": department,
                "desk": desk,
                "urgency": urgency,
            },
        )
        counts["routing_rules"] += created


def _load_deadlines(counts: dict) -> None:
    for kind, urgency, hours, days in DEADLINES:
        _policy, created = DeadlinePolicy.objects.get_or_create(
            kind=kind, urgency=urgency, defaults={"hours": hours, "working_days": days}
        )
        counts["deadlines"] += created


def _load_answers(categories: dict[str, Category], counts: dict) -> None:
    for (code, keywords), (question, answer) in ANSWERS.items():
        _answer, created = StandardAnswer.objects.get_or_create(
            keywords=keywords,
            defaults={"category": categories.get(code), "question": question, "answer": answer},
        )
        counts["standard_answers"] += created


def _train_if_needed() -> int:
    """Train on the history when no model exists, or when the demo history has grown.

    A model trained later by `guichet dispatch-train` is left alone (it has no demo mark).
    Returns the new version, or 0.
    """
    history = Request.objects.filter(number__startswith=hotline_history.PREFIX).count()
    latest = ClassifierVersion.objects.filter(active=True).order_by("-version").first()
    if latest is not None and latest.metrics.get("demo_history", history) == history:
        return 0
    texts, categories, departments = classifier.training_data()
    if len(set(categories)) < 2:
        return 0
    started = time.perf_counter()
    model = classifier.train(texts, categories, departments)
    metrics = {
        "demo_history": history,
        "train_seconds": round(time.perf_counter() - started, 3),
        "categories": len(set(categories)),
        "departments": len(set(departments)),
    }
    return classifier.save(model, samples=len(texts), metrics=metrics).version
