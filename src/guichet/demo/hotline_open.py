"""The demo hotline's open requests: a few dozen in every state, made through the services.

Unlike the history, these go through the hotline's own service functions (report, dispatch,
accept, reply, feedback, escalation), audited and notified like any request, so the demo pages
show what the platform really does: the dispatcher's queue with the classifier's suggestions,
orders waiting at departments, at the demo community worker (community@demo.example) and at
desk managers, replies waiting for the reporter's opinion (one of them the demo citizen's),
a reopened request and two late orders, one with the department supervisor and one with
the city leaders.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from guichet.hotline import services
from guichet.hotline.models import Category, Feedback, GridCell, Request, WorkOrder

from . import hotline_texts as texts
from .hotline_answers import ANSWERS
from .hotline_places import cells
from .hub_names import SURNAMES

MARK = "@residents.demo.example"  # every open demo request's reporter e-mail ends so
DEMO_CELL = "JA-CAOJIADU-01"
LOGINS = {
    "operator": "operator@demo.example",
    "dispatcher": "dispatcher@demo.example",
    "reviewer": "reviewer@demo.example",
    "community": "community@demo.example",
    "citizen": "citizen@demo.example",
}

# (stage, category or "" for the classifier, language, in the demo cell, the demo citizen's)
PLAN = (
    ("received", "", "zh-hans", False, False),
    ("received", "", "zh-hans", False, False),
    ("received", "", "zh-hans", False, False),
    ("received", "", "en", False, False),
    ("received", "", "th", False, False),
    ("received", "", "fr", False, False),
    ("dispatched", "road-damage", "zh-hans", False, True),
    ("dispatched", "streetlight", "zh-hans", False, False),
    ("dispatched", "noise", "zh-hans", False, False),
    ("dispatched", "consumer-dispute", "zh-hans", False, False),
    ("dispatched", "water-supply", "en", False, False),
    ("dispatched", "wage-arrears", "zh-hans", False, False),
    ("dispatched", "business-financing", "zh-hans", False, False),
    ("gas", "gas", "zh-hans", False, False),
    ("accepted", "food-safety", "zh-hans", False, False),
    ("accepted", "neighbourhood-dispute", "zh-hans", True, False),
    ("accepted", "compound-sanitation", "zh-hans", True, False),
    ("accepted", "business-policy", "zh-hans", False, False),
    ("accepted", "elderly-help", "en", True, False),
    ("replied", "food-safety", "zh-hans", False, True),
    ("replied", "elderly-help", "zh-hans", True, False),
    ("replied", "business-legal", "zh-hans", False, False),
    ("replied", "compound-sanitation", "fr", True, False),
    ("replied", "food-safety", "th", False, False),
    ("closed", "food-safety", "zh-hans", False, True),
    ("closed", "neighbourhood-dispute", "zh-hans", True, False),
    ("closed", "business-financing", "en", False, False),
    ("reopened", "food-safety", "zh-hans", False, False),
    ("late", "food-safety", "zh-hans", False, False),
    ("very-late", "road-damage", "zh-hans", False, False),
    ("first-contact", "housing-fund", "zh-hans", False, False),
    ("duplicate", "noise", "zh-hans", False, False),
)


def load(categories: dict[str, Category], grid: dict[str, GridCell], *, seed: int) -> int:
    """Create the open requests unless they exist; returns how many were made."""
    if Request.objects.filter(reporter_email__endswith=MARK).exists():
        return 0
    users = {
        role: get_user_model().objects.filter(email=email).first() for role, email in LOGINS.items()
    }
    if any(user is None for user in users.values()) or DEMO_CELL not in grid:
        return 0  # the demo people are loaded first by `guichet demo`
    rng = random.Random(seed + 7)  # noqa: S311 - demo data, reproducible on purpose
    specs = cells()
    demo_cell = next(c for c in specs if c.code == DEMO_CELL)
    jingan = [c for c in specs if c.district.code == "JA" and c.code != DEMO_CELL]
    made = []
    with transaction.atomic():
        for n, (stage, code, language, in_demo_cell, citizen) in enumerate(PLAN, start=1):
            cell = demo_cell if in_demo_cell else rng.choice(jingan)
            request = _report(rng, n, stage, code, language, cell, grid, categories, users, citizen)
            _advance(rng, request, stage, language, cell, users, made)
            made.append(request)
        services.escalate_overdue()  # the late orders go to their supervisor...
        services.escalate_overdue()  # ...and the very late one on to the city leaders
    return len(made)


def _report(rng, n, stage, code, language, cell, grid, categories, users, citizen) -> Request:
    category_code = code or texts.pick_category(rng)
    kind = "consultation" if stage == "first-contact" else texts.pick_kind(rng, category_code)
    kind = "report" if stage == "gas" else kind
    spot = texts.spot_in(rng, cell)
    title, description = texts.compose(rng, category_code, language, kind=kind, spot=spot)
    if stage == "gas":
        title, description = (
            "楼道里闻到煤气味",
            "楼道里闻到很浓的煤气味，已经开窗了，请马上派人来看看。",
        )
    box = grid[cell.code]
    reporter = users["citizen"] if citizen else None
    return services.report(
        channel="phone" if reporter is None else "web",
        kind=kind,
        title=title,
        description=description,
        category=categories[code] if code else None,
        address=spot.names[language]["road"],
        lat=round((box.min_lat + box.max_lat) / 2 + rng.uniform(-1, 1) * 1e-4, 6),
        lon=round((box.min_lon + box.max_lon) / 2 + rng.uniform(-1, 1) * 1e-4, 6),
        reporter=reporter,
        name="" if reporter else f"{rng.choice(SURNAMES)[1]}{rng.choice(('先生', '女士'))}",
        phone="" if reporter else f"+8613{rng.randint(0, 999_999_999):09d}",
        email="" if reporter else f"resident{n}{MARK}",
        industry="catering" if categories[category_code].desk else "",
        company_name="Jing'an Noodle House Co., Ltd." if categories[category_code].desk else "",
        taken_by=users["operator"] if reporter is None else None,
        language=language,
        dispatch=stage not in ("received", "first-contact", "duplicate"),
    )


def _handler(order: WorkOrder, users: dict):
    return order.worker or users["reviewer"]


def _advance(rng, request: Request, stage: str, language: str, cell, users, made) -> None:
    if stage == "received":  # waits in the dispatcher's queue with the classifier's top three
        request.suggestions = services.suggest(request)
        request.save(update_fields=["suggestions", "classifier_version", "updated_at"])
        return
    if stage == "first-contact":
        answer = next(a for (c, _k), (_q, a) in ANSWERS.items() if c == "housing-fund")[language]
        services.answer_on_first_contact(request, by=users["operator"], answer=answer)
        return
    if stage == "duplicate":
        parent = next(r for r in made if r.category and r.category.code == "noise")
        services.link_duplicate(request, parent=parent, by=users["operator"])
        return
    order = request.orders.order_by("id").first()
    if order is None or stage in ("dispatched", "gas"):
        return
    if stage in ("late", "very-late"):
        now = timezone.now()
        created, due = (now - timedelta(days=8), now - timedelta(days=1))
        if stage == "very-late":
            created, due = (now - timedelta(days=5), now - timedelta(days=3))
        WorkOrder.objects.filter(pk=order.pk).update(created_at=created, due_at=due)
        Request.objects.filter(pk=request.pk).update(created_at=created)
        return
    handler = _handler(order, users)
    services.accept_order(order, by=handler)
    if stage == "accepted":
        return
    code = request.category.code
    reply = texts.reply(rng, code, language, texts.spot_in(rng, cell))
    services.reply_order(order, by=handler, reply=reply)
    if stage == "closed":
        request.refresh_from_db()
        services.record_feedback(
            request, rating=5, resolved=True, how=Feedback.How.CALL, by=users["operator"]
        )
    elif stage == "reopened":
        request.refresh_from_db()
        services.record_feedback(
            request,
            rating=2,
            resolved=False,
            comment="说是处理了，但现场还是老样子。",
            how=Feedback.How.CALL,
            by=users["operator"],
        )
