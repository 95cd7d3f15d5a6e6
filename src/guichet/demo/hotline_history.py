"""A year of the demo hotline's resolved requests, written in bulk.

Each request is composed by ``hotline_texts`` (mostly Chinese, some English, French and
Thai), placed in a grid cell, dispatched to its category's department (the Jing'an bureau for
Jing'an's requests where the city bureau has one), its community worker or a desk manager,
replied to within (mostly) its deadline and closed; most have the reporter's feedback, and a
few were first sent to the wrong department, which returned them. About one in twenty was filed
by the dispatcher under a neighbouring category, as people do: the history is what the
dispatch classifier learns from, and human labels are never perfect.

bulk_create skips the per-row audit events (and notifications) the hotline's services write,
as the other demo bulk loaders do: these are thousands of generated rows of the past. Numbers
are "12345-H-YYYYMMDD-NNNNN", a prefix the live numbering ("12345-YYYYMMDD-NNNNN") never uses.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from guichet import working_days
from guichet.hotline.models import (
    Category,
    Feedback,
    GridCell,
    Request,
    RequestUpdate,
    WorkOrder,
)

from . import hotline_texts as texts
from .hotline_categories import BY_CODE, DEADLINES, department_for
from .hub_names import SURNAMES, TRADE_NAMES

PREFIX = "12345-H-"
HISTORY = 3600
DAYS = 365
BATCH = 500
OPERATOR_EMAIL = "operator@demo.example"
CHANNELS = {"phone": 55, "app": 15, "web": 14, "email": 5, "kiosk": 5, "api": 6}
HOW = {"category": 35, "auto": 35, "dispatcher": 20, "rule": 10}
HOURS = {
    h: w
    for h, w in zip(range(7, 24), (2, 6, 9, 10, 9, 6, 7, 8, 8, 7, 6, 5, 5, 4, 3, 2, 1), strict=True)
}
LATIN_NAMES = {
    "en": ("James Miller", "Emma Wilson", "Daniel Brown", "Sophie Taylor", "Ahmed Khan",
           "Laura Becker", "Kenji Sato", "Olivia Martin", "Lucas Silva", "Hannah Lee"),
    "fr": ("Marie Laurent", "Julien Moreau", "Camille Petit", "Antoine Girard", "Léa Bernard",
           "Nicolas Fabre", "Chloé Roux", "Mamadou Diallo", "Élise Fontaine", "Hugo Lefèvre"),
    "th": ("Somchai Prasert", "Nattaya Srisuk", "Kittipong Chaiyo", "Pimchanok Wong",
           "Anan Rattanakul", "Siriporn Boonmee", "Thanawat Kaewta", "Malee Sukjai"),
}  # fmt: skip
RETURN_REASONS = (
    "不属于本单位职责，请转相关部门",
    "经核实该地址不在我单位管辖范围",
    "诉求涉及的是物业管理问题，建议转房管部门",
    "Not our remit: this belongs to the district bureau.",
)
COMMENTS = {
    "zh-hans": ("处理很及时，谢谢", "工作人员态度很好", "问题解决了", "比以前快多了",
                "还行吧", "希望以后不要再出现", "问题没有真正解决", "只是打了个电话，没人来看"),
    "en": ("Quick and helpful, thank you", "Solved", "It took a while but it is fixed",
           "Nobody actually came"),
    "fr": ("Rapide et efficace, merci", "Réglé", "Personne n'est venu"),
    "th": ("รวดเร็วมาก ขอบคุณ", "แก้ไขแล้ว", "ไม่มีใครมาดูเลย"),
}  # fmt: skip
INDUSTRIES = ("catering", "retail", "technology", "manufacturing", "logistics", "export")
DEADLINE = {(kind, urgency): (hours, days) for kind, urgency, hours, days in DEADLINES}


def _weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _moment(rng: random.Random, midnight: datetime) -> datetime:
    day = midnight - timedelta(days=rng.randint(3, DAYS))
    return day + timedelta(
        hours=int(_weighted(rng, HOURS)), minutes=rng.randint(0, 59), seconds=rng.randint(0, 59)
    )


def _due(kind: str, urgency: str, start: datetime) -> datetime:
    hours, days = DEADLINE.get(("", urgency)) if urgency == "urgent" else DEADLINE[(kind, "")]
    if hours:
        return start + timedelta(hours=hours)
    day = working_days.add(start.date(), days)
    return start.replace(year=day.year, month=day.month, day=day.day)


def _attributes(rng: random.Random, code: str, district: str) -> dict:
    if rng.random() < 0.4:
        return {}
    if code == "road-damage":
        return {"pothole_size": rng.choice(("small", "medium", "medium", "large"))}
    if code == "streetlight":
        return {"pole_number": f"{district}{rng.randint(1, 9999):04d}"}
    if code == "water-supply":
        return {"scope": rng.choice(("flat", "building", "building", "area"))}
    return {}


def _reporter(rng: random.Random, language: str, zh_name: str) -> dict:
    name = zh_name if language == "zh-hans" else rng.choice(LATIN_NAMES[language])
    anonymous = rng.random() < 0.07
    return {
        "reporter_name": name,
        "reporter_phone": f"+861{rng.choice('35789')}{rng.randint(0, 999_999_999):09d}",
        "reporter_email": f"r{rng.randint(10_000, 99_999)}@mail.example"
        if rng.random() < 0.2
        else "",
        "anonymous": anonymous,
    }


def _address(spot: texts.Spot, language: str, rng: random.Random) -> str:
    names = spot.names[language]
    lane, number = rng.randint(1, 1999), rng.randint(1, 60)
    if language == "zh-hans":
        return f"上海市{names['district']}{names['road']}{lane}弄{number}号"
    return f"No. {number}, Lane {lane}, {names['road']}, {names['district']}, Shanghai"


def load(
    categories: dict[str, Category],
    grid: dict[str, GridCell],
    workers: dict[str, list[int]],
    managers: dict[str, list[int]],
    *,
    count: int,
    seed: int,
) -> int:
    """Write `count` resolved requests unless the history is there already; returns how many."""
    if count <= 0 or Request.objects.filter(number__startswith=PREFIX).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311 - demo data, reproducible on purpose
    operator_id = (
        get_user_model().objects.filter(email=OPERATOR_EMAIL).values_list("pk", flat=True).first()
    )
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    plans = sorted(
        ((_moment(rng, midnight), sample) for sample in texts.samples(count, seed=seed)),
        key=lambda plan: plan[0],
    )
    per_day: dict[str, int] = defaultdict(int)
    requests, orders, feedback, updates = [], [], [], []
    zh_names = [f"{s[1]}{'先生' if i % 2 else '女士'}" for i, s in enumerate(SURNAMES)]
    for created, sample in plans:
        code, language, kind, cell, spot = (
            sample.category,
            sample.language,
            sample.kind,
            sample.cell,
            sample.spot,
        )
        spec = BY_CODE[code]
        day = f"{created:%Y%m%d}"
        per_day[day] += 1
        number = f"{PREFIX}{day}-{per_day[day]:05d}"
        urgent = rng.random() < spec.urgent_share
        urgency = "urgent" if urgent else "normal"
        due = _due(kind, urgency, created)
        window = due - created
        share = rng.betavariate(2, 3) if rng.random() > 0.07 else rng.uniform(1.0, 1.6)
        replied = created + max(window * share, timedelta(minutes=12))
        closed = replied + timedelta(hours=rng.uniform(2, 24 * 7))
        how = _weighted(rng, HOW)
        reply = texts.reply(rng, code, language, spot)
        channel = _weighted(rng, CHANNELS)
        box = grid[cell.code]
        request = Request(
            number=number,
            channel=channel,
            kind=kind,
            urgency=urgency,
            state=Request.State.CLOSED,
            category=categories[code],
            title=sample.title[:200],
            description=sample.description,
            language=language,
            attributes=_attributes(rng, code, cell.district.code),
            address=_address(spot, language, rng),
            lat=round(rng.uniform(box.min_lat, box.max_lat), 6),
            lon=round(rng.uniform(box.min_lon, box.max_lon), 6),
            cell=box,
            district=box.district,
            desk=spec.desk,
            dispatched_how=how,
            reply=reply,
            replied_at=replied,
            closed_at=closed,
            taken_by_id=operator_id if channel == "phone" else None,
            **_reporter(rng, language, rng.choice(zh_names)),
        )
        if spec.desk:
            trade = rng.choice(TRADE_NAMES)
            request.company_name = (
                f"{trade[1]}有限公司" if language == "zh-hans" else f"{trade[0]} Co., Ltd."
            )
            request.industry = rng.choice(INDUSTRIES)
        request.created_at, request.updated_at = created, closed
        requests.append(request)
        orders.append(
            _orders(rng, request, spec, cell, workers, managers, created, due, replied, how)
        )
        feedback.append(_feedback(rng, request, language, replied, closed, operator_id))
        updates.append(
            [
                RequestUpdate(state=Request.State.RECEIVED, description="", created_at=created),
                RequestUpdate(state=Request.State.REPLIED, description=reply, created_at=replied),
                RequestUpdate(state=Request.State.CLOSED, description="", created_at=closed),
            ]
        )
    _bulk(Request, requests, ["created_at", "updated_at"])
    for request, its_orders, its_feedback, its_updates in zip(
        requests, orders, feedback, updates, strict=True
    ):
        for row in (*its_orders, *its_feedback, *its_updates):
            row.request_id = request.pk
    flat_orders = [o for its in orders for o in its]
    flat_feedback = [f for its in feedback for f in its]
    flat_updates = [u for its in updates for u in its]
    _bulk(WorkOrder, flat_orders, ["created_at", "updated_at"])
    _bulk(Feedback, flat_feedback, ["created_at"])
    _bulk(RequestUpdate, flat_updates, ["created_at"])
    return len(requests)


def _bulk(model, rows: list, stamped: list[str]) -> None:
    """bulk_create, then put back the past timestamps that auto_now(_add) overwrote."""
    wanted = [[getattr(row, field) for field in stamped] for row in rows]
    model.objects.bulk_create(rows, batch_size=BATCH)
    for row, values in zip(rows, wanted, strict=True):
        for field, value in zip(stamped, values, strict=True):
            setattr(row, field, value)
    model.objects.bulk_update(rows, stamped, batch_size=BATCH)


def _orders(rng, request, spec, cell, workers, managers, created, due, replied, how) -> list:
    """The request's work orders: sometimes a wrong department first, which returned it."""
    found = []
    common = {"due_at": due, "dispatched_how": how, "created_at": created}
    if spec.by_community:
        handler = rng.choice(workers[cell.code])
        target = {"assignee": WorkOrder.Assignee.COMMUNITY, "worker_id": handler}
    elif spec.desk:
        handler = rng.choice(managers[spec.desk])
        target = {"assignee": WorkOrder.Assignee.DESK, "worker_id": handler, "desk": spec.desk}
    else:
        handler = None
        department = department_for(spec, cell.district.code)
        target = {"assignee": WorkOrder.Assignee.DEPARTMENT, "department_code": department}
        wrong = {department_for(BY_CODE[n], cell.district.code) for n in spec.neighbours}
        wrong.discard(department)
        if wrong and rng.random() < 0.05:
            returned_at = created + (replied - created) / 4
            found.append(
                WorkOrder(
                    assignee=WorkOrder.Assignee.DEPARTMENT,
                    department_code=rng.choice(sorted(wrong)),
                    state=WorkOrder.State.RETURNED,
                    return_reason=rng.choice(RETURN_REASONS),
                    updated_at=returned_at,
                    **common,
                )
            )
    accepted = created + (replied - created) / 3
    found.append(
        WorkOrder(
            state=WorkOrder.State.REPLIED,
            accepted_at=accepted,
            handled_by_id=handler,
            reply=request.reply,
            replied_at=replied,
            updated_at=replied,
            **target,
            **common,
        )
    )
    for n, order in enumerate(found, start=1):
        order.number = f"{request.number}-{n}"
    return found


def _feedback(rng, request, language, replied, closed, operator_id) -> list[Feedback]:
    """Most reporters answer; one in ten unhappy ones got a second round after a reopening."""
    if rng.random() > 0.78:
        return []
    how = Feedback.How.CALL if rng.random() < 0.6 else Feedback.How.LINK
    by = operator_id if how == Feedback.How.CALL else None
    comments = COMMENTS[language]
    if rng.random() < 0.1:
        request.unhappy_count, request.reopen_count = 1, 1
        first = replied + (closed - replied) / 3
        return [
            Feedback(round=1, rating=rng.choice((1, 2)), resolved=False, how=how,
                     comment=comments[-1], recorded_by_id=by, created_at=first),
            Feedback(round=2, rating=rng.choice((3, 4, 4)), resolved=True, how=how,
                     comment="", recorded_by_id=by, created_at=closed),
        ]  # fmt: skip
    rating = rng.choices((5, 4, 3), weights=(55, 30, 15))[0]
    useful = rng.random() < 0.85 if request.desk else None
    comment = rng.choice(comments[:-1]) if rng.random() < 0.4 else ""
    return [
        Feedback(round=1, rating=rating, resolved=True, useful=useful, how=how,
                 comment=comment, recorded_by_id=by, created_at=closed)
    ]  # fmt: skip
