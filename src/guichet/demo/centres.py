"""The demo city's service centres, their windows, service groups and four weeks of tickets.

- **JA-CENTRE**, the Jing'an District Service Centre of the seed: 25 windows (15 general,
  2 fast track, 4 market, 2 construction, 2 delivery), open every day of the year 9:00-17:00
  (clerks take staggered lunch breaks, so the hall never closes).
- Four community centres (JA-CAOJIADU and three more) with three or four windows that serve
  only the community-orderable services, and a self-service kiosk site without windows.
- Ten service groups at the district centre, filled from the published catalogue by each
  service's window type (and department, to split the busy types in two); three groups at the
  community centres, of community-orderable services only. **Quick** groups (served at the
  fast-track windows too): certificate pick-up and replacements (the delivery window type),
  and general-window matters decided within one working day (certificates issued or verified,
  simple filings), the clerk prints them on the spot.
- The last 28 days of tickets at JA-CENTRE, for the daily reports and the staffing planner.

Who may see the centre manager's pages: the window clerks of the centre and city leaders (see
`centres.views_manager`); the demo clerk (clerk@demo.example) sits at window 1 of JA-CENTRE.

`load_centres()` is idempotent: a second run creates nothing, and a later run only adds the
days of history that are missing.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from guichet.catalog import selectors as catalog
from guichet.centres import services as centres
from guichet.centres.models import Centre, OpeningHours, ServiceGroup, Ticket, Window
from guichet.centres.simulation import WindowSpec, simulate_day

from .catalogue.spec import T

DISTRICT = "JA-CENTRE"
CLERK_EMAIL = "clerk@demo.example"
HISTORY_DAYS = 28
# The seed's busiest day: 1,788 visitors at the district centre (the latest Monday here).
PEAK_VISITORS = 1788
# Where the search for a peak day of exactly 1,788 visitors starts (it ends there today).
PEAK_SEED = 1842
OPEN_FROM, OPEN_UNTIL = 9, 17
BATCH = 2000


@dataclass(frozen=True)
class GroupSpec:
    code: str
    name: dict
    window_kind: str
    minutes: int  # mean service time
    share: float = 0.0  # of the district centre's visitors
    quick: bool = False


def _groups(*rows: tuple) -> tuple[GroupSpec, ...]:
    return tuple(GroupSpec(code, T(en, zh), *rest) for code, en, zh, *rest in rows)


# code, name (English, Chinese), window type, mean service minutes, share of visitors, quick.
# Shares and times make the seed's peak day (1,788 visitors) tight but workable at 25 windows.
GROUPS = _groups(
    ("ja-residence", "Household and civil affairs", "户籍与民政", "general", 5, 0.18),
    ("ja-social", "Social insurance and housing fund", "社保医保与公积金", "general", 5, 0.18),
    ("ja-general", "Other personal matters", "其他个人事项", "general", 5, 0.10),
    ("ja-certificates", "Same-day certificates", "即办证明", "general", 3, 0.15, True),
    ("ja-comprehensive", "Matters of several departments", "综合事项", "comprehensive", 7, 0.10),
    ("ja-company", "Company registration and tax", "企业登记与税务", "market", 6, 0.07),
    ("ja-licences", "Business licences and permits", "经营许可", "market", 8, 0.04),
    ("ja-construction", "Investment and planning", "投资与规划审批", "construction", 8, 0.02),
    ("ja-building", "Building works", "施工与竣工", "construction", 8, 0.02),
    ("ja-pickup", "Pick-up and replacements", "证照领取与补换", "delivery", 2, 0.14, True),
)  # fmt: skip
COMMUNITY_GROUPS = _groups(
    ("cm-affairs", "Community affairs", "社区事务", "comprehensive", 6),
    ("cm-business", "Business and building matters", "企业与建设事项", "market", 8),
    ("cm-quick", "Pick-up and same-day certificates", "领证与即办证明", "delivery", 3, 0.0, True),
)
GENERAL = ("ja-residence", "ja-social", "ja-general", "ja-certificates", "ja-comprehensive")
QUICK = ("ja-certificates", "ja-pickup")
# The district centre's windows: numbers, type, the groups each is qualified for.
WINDOWS = (
    (range(1, 16), "general", GENERAL),
    (range(16, 18), "fast_track", QUICK),
    (range(18, 22), "market", ("ja-company", "ja-licences")),
    (range(22, 24), "construction", ("ja-construction", "ja-building")),
    (range(24, 26), "delivery", ("ja-pickup",)),
)
# Arrivals: share of a day's visitors per clock hour from 9:00, and visitors per weekday.
HOURLY = (0.13, 0.15, 0.14, 0.10, 0.12, 0.13, 0.13, 0.10)
DAILY = {0: 1650, 1: 1480, 2: 1420, 3: 1400, 4: 1540, 5: 980, 6: 720}
PRIORITY_SHARE = 0.05
MISSED_SHARE = 0.02

# Departments that split the busy window types in two groups each.
RESIDENCE = {"POLICE", "CIVIL", "JA-CIVIL", "VETERANS", "JUSTICE", "EDU", "TRAFFIC"}
SOCIAL = {"HRSS", "JA-HRSS", "MEDINS", "HOUSEFUND"}
COMPANY = {"MKT", "JA-MKT", "TAX", "STATS"}
BUILDING = {"HOUSING", "URBAN"}


@dataclass(frozen=True)
class CentreSpec:
    code: str
    name: dict
    kind: str
    address: str
    windows: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (type, groups) per window


COMMUNITY_WINDOWS = ("comprehensive", ("cm-affairs", "cm-business", "cm-quick"))
PICKUP_WINDOW = ("delivery", ("cm-quick",))
OTHER_CENTRES = (
    CentreSpec(
        "JA-CAOJIADU",
        T("Caojiadu Community Affairs Centre", "曹家渡街道社区事务受理服务中心"),
        "community",
        "Wanhangdu Road, Caojiadu, Jing'an, Shanghai",
        (COMMUNITY_WINDOWS, COMMUNITY_WINDOWS, COMMUNITY_WINDOWS, PICKUP_WINDOW),
    ),
    CentreSpec(
        "JA-JIANGNING",
        T("Jiangning Road Community Affairs Centre", "江宁路街道社区事务受理服务中心"),
        "community",
        "Jiangning Road, Jing'an, Shanghai",
        (COMMUNITY_WINDOWS, COMMUNITY_WINDOWS, PICKUP_WINDOW),
    ),
    CentreSpec(
        "JA-NANJINGXI",
        T("Nanjing West Road Community Affairs Centre", "南京西路街道社区事务受理服务中心"),
        "community",
        "Nanjing West Road, Jing'an, Shanghai",
        (COMMUNITY_WINDOWS, COMMUNITY_WINDOWS, PICKUP_WINDOW),
    ),
    CentreSpec(
        "JA-PENGPU",
        T("Pengpu Xincun Community Affairs Centre", "彭浦新村街道社区事务受理服务中心"),
        "community",
        "Linfen Road, Pengpu Xincun, Jing'an, Shanghai",
        (COMMUNITY_WINDOWS, COMMUNITY_WINDOWS, PICKUP_WINDOW),
    ),
    CentreSpec(
        "JA-KIOSK-JINGANSI",
        T("Jing'an Temple Station self-service point", "静安寺站自助服务点"),
        "kiosk",
        "Jing'an Temple metro station, concourse, Jing'an, Shanghai",
    ),
)


def group_of(version) -> str:
    """The district centre's group of a published service version."""
    kind, department = version.window_type, version.competent_department.code
    if kind == "delivery":
        return "ja-pickup"
    if kind == "construction":
        return "ja-building" if department in BUILDING else "ja-construction"
    if kind == "market":
        return "ja-company" if department in COMPANY else "ja-licences"
    if kind == "comprehensive":
        return "ja-comprehensive"
    if version.promised_time_limit_days <= 1 and "named_centre" not in version.channels:
        return "ja-certificates"
    if department in RESIDENCE:
        return "ja-residence"
    return "ja-social" if department in SOCIAL else "ja-general"


def community_group_of(version) -> str | None:
    """The community centres' group of a service, None when not orderable there."""
    if not version.community_orderable:
        return None
    group = group_of(version)
    if group in QUICK:
        return "cm-quick"
    if group in GENERAL:
        return "cm-affairs"
    return "cm-business"


def load_centres(*, history_days: int = HISTORY_DAYS, today: date | None = None) -> dict:
    """Create or refresh the demo centres; add the days of history that are missing."""
    counts: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        groups = _load_groups(counts)
        district = _load_centre(
            CentreSpec(
                DISTRICT,
                T("Jing'an District Service Centre", "静安区行政服务中心"),
                "district",
                "Xinzha Road, Jing'an, Shanghai",
            ),
            counts,
        )
        for numbers, kind, codes in WINDOWS:
            for number in numbers:
                _window(district, number, kind, [groups[c] for c in codes], counts)
        for spec in OTHER_CENTRES:
            centre = _load_centre(spec, counts)
            for number, (kind, codes) in enumerate(spec.windows, start=1):
                _window(centre, number, kind, [groups[c] for c in codes], counts)
        _seat_demo_clerk(district)
        counts["tickets"] += _load_history(
            district, groups, today or timezone.localdate(), history_days
        )
    return dict(counts)


def _load_groups(counts: dict) -> dict[str, ServiceGroup]:
    members: dict[str, list[str]] = defaultdict(list)
    for version in catalog.published():
        code = version.service.code
        members[group_of(version)].append(code)
        community = community_group_of(version)
        if community:
            members[community].append(code)
    groups = {}
    for spec in (*GROUPS, *COMMUNITY_GROUPS):
        wanted = {
            "name": spec.name,
            "services": sorted(members[spec.code]),
            "window_kind": spec.window_kind,
            "quick": spec.quick,
            "mean_service_minutes": spec.minutes,
        }
        group, created = ServiceGroup.objects.get_or_create(code=spec.code, defaults=wanted)
        counts["groups"] += created
        if not created and any(getattr(group, k) != v for k, v in wanted.items()):
            for key, value in wanted.items():
                setattr(group, key, value)
            group.save()  # the catalogue grew or changed: the group follows it
        groups[spec.code] = group
    return groups


def _load_centre(spec: CentreSpec, counts: dict) -> Centre:
    district = spec.kind == "district"
    kiosk = spec.kind == "kiosk"
    centre, created = Centre.objects.update_or_create(
        code=spec.code,
        defaults={
            "name": spec.name,
            "kind": spec.kind,
            "address": spec.address,
            "district": "JA",
            "open_all_year": district or kiosk,
            "language": "zh-hans",
        },
    )
    counts["centres"] += created
    if district:
        hours = [(d, time(OPEN_FROM), time(OPEN_UNTIL)) for d in range(7)]
    elif kiosk:  # the machines and the drop box never close
        hours = [(d, time(0), time(23, 59)) for d in range(7)]
    else:  # community centres: weekdays with a lunch break, Saturday mornings
        hours = [(d, time(9), time(12)) for d in range(6)]
        hours += [(d, time(13), time(17)) for d in range(5)]
    have = set(centre.hours.values_list("weekday", "opens", "closes"))
    if have != set(hours):
        centre.hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(centre=centre, weekday=d, opens=o, closes=c) for d, o, c in hours
        )
    return centre


def _window(centre: Centre, number: int, kind: str, groups: list, counts: dict) -> Window:
    window, created = Window.objects.get_or_create(
        centre=centre, number=number, defaults={"kind": kind}
    )
    counts["windows"] += created
    if window.kind != kind:
        window.kind = kind
        window.save(update_fields=["kind"])
    if set(window.groups.values_list("pk", flat=True)) != {g.pk for g in groups}:
        window.groups.set(groups)
    return window


def _seat_demo_clerk(centre: Centre) -> None:
    clerk = get_user_model().objects.filter(email=CLERK_EMAIL).first()
    if clerk is not None:
        centre.windows.filter(number=1).exclude(clerk=clerk).update(clerk=clerk)


# ---------------------------------------------------------------------------------------------
# History


def window_specs() -> list[WindowSpec]:
    """The district centre's windows for the simulator; half the clerks lunch at 12, half at 13."""
    quick = frozenset(QUICK)
    specs = []
    for numbers, kind, codes in WINDOWS:
        for number in numbers:
            lunch = 12 if number % 2 else 13
            specs.append(
                WindowSpec(
                    window_id=str(number),
                    groups=frozenset(codes),
                    fast_track=kind == "fast_track",
                    quick_groups=quick,
                    hours=frozenset(range(OPEN_FROM, OPEN_UNTIL)) - {lunch},
                )
            )
    return specs


def forecast(visitors: float) -> dict[tuple[int, str], float]:
    """Mean arrivals per (hour, group) for a day of that many visitors at the district centre."""
    return {
        (OPEN_FROM + n, g.code): visitors * share * g.share
        for n, share in enumerate(HOURLY)
        for g in GROUPS
    }


def _peak_seed(day_forecast: dict, minutes: dict) -> int:
    """A seed whose day has exactly the seed's 1,788 visitors.

    The arrivals depend on the forecast and the seed only (not on the windows), so a day
    without windows counts them in a few milliseconds; the search is short (~100 seeds)."""
    best, best_gap = PEAK_SEED, None
    for seed in range(PEAK_SEED, PEAK_SEED + 600):
        visitors = simulate_day(
            day_forecast, [], minutes, seed=seed, open_from=OPEN_FROM, open_until=OPEN_UNTIL
        ).visitors
        if visitors == PEAK_VISITORS:
            return seed
        gap = abs(visitors - PEAK_VISITORS)
        if best_gap is None or gap < best_gap:
            best, best_gap = seed, gap
    return best


def _load_history(centre: Centre, groups: dict, today: date, days: int) -> int:
    """Tickets of the past days, replayed by the simulator with the centre's windows.

    The simplest honest way to get waits: the same discrete-event simulation and call-next
    rule the staffing planner uses, on Poisson arrivals by weekday and hour and exponential
    service times per group, so waits follow from the load and the windows rather than being
    drawn from thin air. The simulator does not model visitors who do not come when called;
    2 % are marked missed afterwards (their windows' service time is then simply idle).
    """
    first = today - timedelta(days=days)
    loaded = set(
        Ticket.objects.filter(centre=centre, day__gte=first, day__lt=today)
        .values_list("day", flat=True)
        .distinct()
    )
    windows = {str(w.number): w for w in centre.windows.all()}
    specs = window_specs()
    minutes = {g.code: g.minutes for g in GROUPS}
    past = [today - timedelta(days=n) for n in range(1, days + 1)]
    peak = next((d for d in past if d.weekday() == 0), None)  # the latest Monday
    written = 0
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        if day in loaded or not centres.is_open_on(centre, day):
            continue
        expected = PEAK_VISITORS if day == peak else DAILY[day.weekday()]
        day_forecast = forecast(expected)
        seed = _peak_seed(day_forecast, minutes) if day == peak else day.toordinal()
        result = simulate_day(
            day_forecast,
            specs,
            minutes,
            seed=seed,
            priority_share=PRIORITY_SHARE,
            open_from=OPEN_FROM,
            open_until=OPEN_UNTIL,
        )
        rng = random.Random(seed)  # noqa: S311 - demo data, reproducible on purpose
        tickets = _tickets(centre, day, result.visits, groups, windows, rng)
        Ticket.objects.bulk_create(tickets, batch_size=BATCH)
        written += len(tickets)
    return written


def _tickets(centre, day, visits, groups, windows, rng: random.Random) -> list[Ticket]:
    midnight = timezone.make_aware(datetime.combine(day, time(0)))

    def at(minutes: float) -> datetime:
        return midnight + timedelta(minutes=minutes)

    numbers: dict[str, int] = defaultdict(int)
    tickets = []
    for visit in sorted(visits, key=lambda v: (v.arrived_at, v.key)):
        group = groups[visit.group]
        prefix = Window.PREFIXES.get(group.window_kind, "A")
        numbers[prefix] += 1  # daily numbering per window type, in arrival order
        ticket = Ticket(
            centre=centre,
            day=day,
            number=f"{prefix}{numbers[prefix]:03d}",
            group=group,
            window_kind=group.window_kind,
            priority=rng.choice(["elderly", "elderly", "disabled", "pregnant"])
            if visit.priority
            else "",
            arrived_at=at(visit.arrived_at),
        )
        if visit.called_at is None:
            ticket.state = Ticket.State.CANCELLED  # left without a window for them
        elif rng.random() < MISSED_SHARE:
            ticket.state, ticket.recalls = Ticket.State.MISSED, 2
            ticket.window = windows[visit.window_id]
            ticket.called_at = at(visit.called_at)
            ticket.ended_at = at(visit.called_at + 3)
        else:
            ticket.state = Ticket.State.DONE
            ticket.window = windows[visit.window_id]
            ticket.called_at = ticket.started_at = at(visit.called_at)
            ticket.ended_at = at(visit.called_at + visit.service_minutes)
        tickets.append(ticket)
    return tickets
