"""The demo centres: the seed's district centre, community centres, and four weeks of tickets."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from guichet.catalog import selectors as catalog
from guichet.centres import reports, services
from guichet.centres.models import Centre, ServiceGroup, Ticket, Window
from guichet.demo import centres, people
from guichet.demo.catalogue import load_catalogue

HISTORY = 8  # days: always holds a Monday, the seed's peak day


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """People, the catalogue and the centres with a week of history, loaded once, rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        people.load_people()
        load_catalogue()
        yield centres.load_centres(history_days=HISTORY)
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded, db):
    return loaded


def district() -> Centre:
    return Centre.objects.get(code=centres.DISTRICT)


def test_the_district_centre_has_the_seeds_25_windows_open_every_day(demo):
    centre = district()
    kinds = Counter(centre.windows.values_list("kind", flat=True))
    assert sum(kinds.values()) == 25
    assert kinds == {
        "general": 15,
        "fast_track": 2,
        "market": 4,
        "construction": 2,
        "delivery": 2,
    }
    national_day, sunday = date(2026, 10, 1), date(2026, 11, 22)
    assert services.is_open_on(centre, national_day) and services.is_open_on(centre, sunday)
    assert Centre.objects.get(code="JA-CAOJIADU").kind == "community"
    assert Centre.objects.get(code="JA-KIOSK-JINGANSI").windows.count() == 0


def test_groups_are_filled_from_the_catalogue_by_window_type(demo):
    versions = {v.service.code: v for v in catalog.published()}
    district_groups = ServiceGroup.objects.filter(code__startswith="ja-")
    listed = [code for group in district_groups for code in group.services]
    assert sorted(listed) == sorted(versions)  # every published service, in exactly one group
    types = {"general": "general", "market": "market", "construction": "construction"}
    for group in district_groups:
        kinds = {versions[code].window_type for code in group.services}
        if group.window_kind in types:
            assert kinds == {types[group.window_kind]}
    assert set(district_groups.filter(quick=True).values_list("code", flat=True)) == {
        "ja-certificates",
        "ja-pickup",
    }
    for group in ServiceGroup.objects.filter(code__startswith="cm-"):
        assert group.services and all(versions[c].community_orderable for c in group.services)


def test_community_centres_serve_only_community_groups(demo):
    caojiadu = Centre.objects.get(code="JA-CAOJIADU")
    served = set(
        ServiceGroup.objects.filter(windows__centre=caojiadu).values_list("code", flat=True)
    )
    assert served == {"cm-affairs", "cm-business", "cm-quick"}
    assert not services.qualified_windows(caojiadu, ServiceGroup.objects.get(code="ja-social"))
    monday = timezone.localdate() + timedelta(days=7 - timezone.localdate().weekday())
    at_eight = timezone.make_aware(datetime.combine(monday, time(8)))
    slots = services.slots(
        caojiadu, ServiceGroup.objects.get(code="cm-affairs"), monday, now=at_eight
    )
    assert slots and slots[0].capacity == 3


def test_the_demo_clerk_sits_at_window_1(demo):
    window = Window.objects.get(centre__code=centres.DISTRICT, number=1)
    assert window.clerk.email == centres.CLERK_EMAIL


def test_loading_again_adds_nothing(demo):
    before = (Centre.objects.count(), Window.objects.count(), Ticket.objects.count())
    again = centres.load_centres(history_days=HISTORY)
    assert (Centre.objects.count(), Window.objects.count(), Ticket.objects.count()) == before
    assert not any(again.values())


def test_history_covers_the_days_and_the_peak_monday_has_1788_visitors(demo):
    today = timezone.localdate()
    by_day = Counter(
        Ticket.objects.filter(centre__code=centres.DISTRICT).values_list("day", flat=True)
    )
    assert sorted(by_day) == [today - timedelta(days=n) for n in range(HISTORY, 0, -1)]
    monday = max(day for day in by_day if day.weekday() == 0)
    assert by_day[monday] == centres.PEAK_VISITORS == max(by_day.values())


def test_the_peak_days_report_is_sane(demo):
    centre = district()
    monday = max(
        d
        for d in Ticket.objects.filter(centre=centre).values_list("day", flat=True).distinct()
        if d.weekday() == 0
    )
    day, windows = reports.daily_report(centre, monday)
    assert day.visitors == 1788 and day.called == 1788  # every visitor reached a window
    assert 0.005 < day.missed / day.visitors < 0.04  # about 2 % did not come when called
    assert 0.6 < day.share_within_standard < 1
    assert 0 < day.mean_wait <= day.p90_wait < 60
    assert 3 < day.mean_service < 7
    assert len(windows) == 25 and sum(w.called for w in windows) == day.called


def test_history_tickets_are_numbered_daily_and_served_at_qualified_windows(demo):
    centre = district()
    tickets = Ticket.objects.filter(centre=centre).select_related("group", "window")
    first_day = min(t.day for t in tickets)
    numbers = sorted(
        (t.arrived_at, t.number) for t in tickets if t.day == first_day and t.number[0] == "A"
    )
    assert [n for _at, n in numbers[:3]] == ["A001", "A002", "A003"]
    qualified = {
        w.pk: {g.pk for g in w.groups.all()} for w in centre.windows.prefetch_related("groups")
    }
    for ticket in tickets.exclude(window=None):
        assert ticket.arrived_at <= ticket.called_at
        assert ticket.group_id in qualified[ticket.window_id]
        if ticket.window.kind == Window.Kind.FAST_TRACK:
            assert ticket.group.quick
