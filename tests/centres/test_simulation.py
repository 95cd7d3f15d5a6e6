"""The call-next rule and the centre-day simulator: reproducible, and in line with Erlang C."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.centres import erlang
from guichet.centres.call_rules import Candidate, Counter, choose_next
from guichet.centres.simulation import WindowSpec, simulate_day

GENERALIST = Counter()
FAST_TRACK = Counter(fast_track=True, quick_groups=frozenset({"quick"}))


# --- the call-next rule --------------------------------------------------------------------


def test_appointment_holder_in_slot_goes_before_priority_and_earlier_arrivals():
    waiting = [
        Candidate(1, "general", arrived_at=0.0),
        Candidate(2, "general", arrived_at=1.0, priority=True),
        Candidate(3, "general", arrived_at=50.0, slot_start=60.0, slot_end=75.0),
    ]
    assert choose_next(waiting, GENERALIST, now=52.0).key == 3  # 8 minutes early: in slot
    assert choose_next(waiting, GENERALIST, now=75.0).key == 3  # the slot's last minute


def test_appointment_holder_outside_the_slot_waits_in_turn():
    waiting = [
        Candidate(1, "general", arrived_at=0.0),
        Candidate(3, "general", arrived_at=30.0, slot_start=60.0, slot_end=75.0),
    ]
    assert choose_next(waiting, GENERALIST, now=45.0).key == 1  # 15 minutes early
    assert choose_next(waiting, GENERALIST, now=80.0).key == 1  # the slot is over
    assert choose_next(waiting[1:], GENERALIST, now=45.0).key == 3  # but still in the queue


def test_earliest_slot_first_among_appointment_holders():
    waiting = [
        Candidate(1, "general", arrived_at=5.0, slot_start=15.0, slot_end=30.0),
        Candidate(2, "general", arrived_at=8.0, slot_start=10.0, slot_end=25.0),
    ]
    assert choose_next(waiting, GENERALIST, now=12.0).key == 2


def test_priority_visitors_go_first_then_first_come_first_served():
    waiting = [
        Candidate(1, "general", arrived_at=3.0),
        Candidate(2, "market", arrived_at=1.0),
        Candidate(3, "general", arrived_at=9.0, priority=True),
        Candidate(4, "general", arrived_at=7.0, priority=True),
    ]
    order = []
    while waiting:
        chosen = choose_next(waiting, GENERALIST, now=10.0)
        order.append(chosen.key)
        waiting.remove(chosen)
    assert order == [4, 3, 2, 1]


def test_fast_track_window_takes_only_quick_groups():
    waiting = [
        Candidate(1, "general", arrived_at=0.0, priority=True),
        Candidate(2, "quick", arrived_at=5.0),
    ]
    assert choose_next(waiting, FAST_TRACK, now=6.0).key == 2
    assert choose_next(waiting[:1], FAST_TRACK, now=6.0) is None
    # A fast-track window with groups only serves the quick ones among them.
    narrow = Counter(frozenset({"general", "quick"}), True, frozenset({"quick"}))
    assert choose_next(waiting, narrow, now=6.0).key == 2


def test_window_calls_only_the_groups_it_is_qualified_for():
    market = Counter(groups=frozenset({"market"}))
    waiting = [
        Candidate(1, "general", arrived_at=0.0, priority=True),
        Candidate(2, "general", arrived_at=1.0, slot_start=2.0, slot_end=17.0),
        Candidate(3, "market", arrived_at=9.0),
    ]
    assert choose_next(waiting, market, now=10.0).key == 3
    assert choose_next(waiting[:2], market, now=10.0) is None
    assert choose_next([], GENERALIST, now=10.0) is None


def test_the_rule_works_on_datetimes_as_the_queue_keeps_them():
    nine = datetime(2025, 3, 3, 9, 0)
    slot = nine + timedelta(minutes=30)
    waiting = [
        Candidate(1, "general", arrived_at=nine),
        Candidate(
            2,
            "general",
            arrived_at=nine + timedelta(minutes=15),
            slot_start=slot,
            slot_end=slot + timedelta(minutes=15),
        ),
    ]
    assert choose_next(waiting, GENERALIST, now=nine + timedelta(minutes=19)).key == 1
    assert choose_next(waiting, GENERALIST, now=nine + timedelta(minutes=20)).key == 2


@st.composite
def visitors(draw: st.DrawFn) -> Candidate:
    slot = draw(st.none() | st.integers(0, 60).map(float))
    return Candidate(
        key=draw(st.integers(0, 10**6)),
        group=draw(st.sampled_from(["general", "market", "quick"])),
        arrived_at=float(draw(st.integers(0, 60))),  # coarse, so that ties happen
        priority=draw(st.booleans()),
        slot_start=slot,
        slot_end=None if slot is None else slot + 15,
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(visitors(), unique_by=lambda v: v.key), st.randoms(), st.integers(0, 60))
def test_the_choice_does_not_depend_on_the_order_of_the_queue(waiting, rng, minute):
    shuffled = list(waiting)
    rng.shuffle(shuffled)
    for window in (GENERALIST, FAST_TRACK, Counter(groups=frozenset({"market"}))):
        now = float(minute)
        assert choose_next(waiting, window, now) == choose_next(shuffled, window, now)


# --- the simulator -------------------------------------------------------------------------

GROUPS = {"general": 8.0, "market": 15.0, "quick": 3.0}
DAY = {
    (h, g): rate
    for h in range(8, 17)
    for g, rate in (("general", 30), ("market", 10), ("quick", 30))
}
WINDOWS = [
    *(WindowSpec(f"G{n}") for n in range(6)),
    *(WindowSpec(f"M{n}", groups=frozenset({"market"})) for n in range(3)),
    WindowSpec("F1", fast_track=True, quick_groups=frozenset({"quick"})),
]


def test_the_same_seed_replays_the_same_day():
    first = simulate_day(DAY, WINDOWS, GROUPS, seed=11, appointment_share=0.3, priority_share=0.1)
    again = simulate_day(DAY, WINDOWS, GROUPS, seed=11, appointment_share=0.3, priority_share=0.1)
    other = simulate_day(DAY, WINDOWS, GROUPS, seed=12, appointment_share=0.3, priority_share=0.1)
    assert first == again
    assert first.visits != other.visits
    assert first.share_called_within != other.share_called_within


def test_every_staffing_meets_the_same_visitors_for_a_seed():
    fewer = simulate_day(DAY, WINDOWS[3:], GROUPS, seed=5)
    more = simulate_day(DAY, WINDOWS, GROUPS, seed=5)
    assert [(v.arrived_at, v.group, v.service_minutes) for v in fewer.visits] == [
        (v.arrived_at, v.group, v.service_minutes) for v in more.visits
    ]
    assert more.mean_wait < fewer.mean_wait


def test_a_stationary_queue_agrees_with_erlang_c():
    # One group, λ = 10/h, 12-minute exponential services, 3 windows, 10,000 simulated hours
    # (about 100,000 visitors): Erlang C says 87.3 % within 15 minutes and a 5.33-minute mean
    # wait. Over 30 seeds of this very run the estimates spread with a standard deviation of
    # 0.004 (share) and 3 % (mean wait), so ±0.03 and ±15 % leave room for any seed.
    hours = 10_000
    forecast = {(h, "general"): 10.0 for h in range(hours)}
    windows = [WindowSpec(f"W{n}") for n in range(3)]
    result = simulate_day(
        forecast, windows, {"general": 12.0}, seed=2024, open_from=0, open_until=hours
    )
    expected_share = erlang.service_level(10, 12, 3, 15)
    expected_wait = erlang.mean_wait(10, 12, 3)
    assert abs(result.share_called_within - expected_share) <= 0.03
    assert abs(result.mean_wait - expected_wait) <= 0.15 * expected_wait
    assert abs(result.mean_service - 12.0) <= 0.03 * 12.0


def test_windows_serve_only_their_groups_and_fast_track_only_quick_ones():
    result = simulate_day(DAY, WINDOWS, GROUPS, seed=3)
    served_at: dict[str, set[str]] = {}
    for visit in result.visits:
        served_at.setdefault(visit.window_id, set()).add(visit.group)
    assert served_at["F1"] == {"quick"}
    assert all(served_at[f"M{n}"] == {"market"} for n in range(3))
    assert served_at["G0"] == {"general", "market", "quick"}
    assert result.by_group.keys() == {"general", "market", "quick"}
    assert set(result.by_hour) == set(range(8, 17))


def test_priority_visitors_and_appointment_holders_wait_less_on_a_busy_day():
    busy = {key: rate * 1.3 for key, rate in DAY.items()}
    result = simulate_day(busy, WINDOWS, GROUPS, seed=8, appointment_share=0.2, priority_share=0.1)
    waits = {"priority": [], "appointment": [], "other": []}
    for visit in result.visits:
        if visit.wait is None:
            continue
        kind = "appointment" if visit.appointment else "priority" if visit.priority else "other"
        waits[kind].append(visit.wait)
    mean = {kind: sum(w) / len(w) for kind, w in waits.items()}
    assert result.mean_wait > 10  # a queue worth jumping
    assert mean["appointment"] < mean["priority"] < mean["other"]


def test_windows_call_only_in_their_hours_and_a_group_without_window_is_never_called():
    forecast = {(9, "general"): 20.0, (9, "market"): 5.0, (10, "general"): 20.0}
    morning = [WindowSpec("G1", groups=frozenset({"general"}), hours=frozenset({10}))]
    result = simulate_day(forecast, morning, GROUPS, seed=1, open_from=9, open_until=11)
    called = [v for v in result.visits if v.called_at is not None]
    assert called and all(v.called_at >= 600 for v in called)
    assert result.never_called == sum(1 for v in result.visits if v.group == "market")
    assert result.still_waiting_at_close > 0  # one window cannot keep up with 20 an hour
    assert result.share_called_within < 0.5


def test_recorded_service_times_are_drawn_as_they_were():
    samples = {"general": [4.0, 6.0, 11.0]}
    forecast = {(h, "general"): 10.0 for h in range(8, 17)}
    result = simulate_day(forecast, [WindowSpec("G1"), WindowSpec("G2")], samples, seed=4)
    assert {v.service_minutes for v in result.visits} == {4.0, 6.0, 11.0}
    assert result.p90_service == 11.0
