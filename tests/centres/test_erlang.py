"""Erlang C against textbook values, and the staffing planner built on it.

Units as in the module: arrivals and services per hour, times in minutes.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guichet.centres import erlang
from guichet.centres.planning import (
    even_plan,
    forecast_from_history,
    plan_day,
    service_minutes_from_history,
    service_samples_from_history,
)


def textbook_erlang_c(load: int, servers: int) -> Fraction:
    """The closed form with factorials, in exact rationals: the reference the recursion must hit.

    C = (A^c/c! · c/(c-A)) / (Σ_{k<c} A^k/k! + A^c/c! · c/(c-A)).
    """
    top = Fraction(load**servers, math.factorial(servers)) * Fraction(servers, servers - load)
    return top / (sum(Fraction(load**k, math.factorial(k)) for k in range(servers)) + top)


# --- textbook values -----------------------------------------------------------------------


def test_three_windows_at_two_erlangs_make_four_visitors_in_nine_wait():
    # λ = 10/h, 12 min each (μ = 5/h), c = 3: A = 2, P0 = 1/(1 + 2 + 2 + (8/6)·3) = 1/9 and
    # C = (8/6)·3·P0 = 4/9 (M/M/c formulas of Gross, Shortle, Thompson & Harris,
    # Fundamentals of Queueing Theory, 4th ed., §2.3; worked by hand).
    assert erlang.erlang_c(10, 5, 3) == pytest.approx(4 / 9, abs=1e-12)
    assert erlang.mean_wait(10, 12, 3) == pytest.approx((4 / 9) / (15 - 10) * 60)  # 5.33 min
    assert erlang.service_level(10, 12, 3, 15) == pytest.approx(1 - 4 / 9 * math.exp(-1.25))


def test_county_hospital_emergency_room():
    # The County Hospital emergency room of Hillier & Lieberman, Introduction to Operations
    # Research, chapter "Queueing Theory": λ = 2/h, μ = 3/h (20 min), one or two doctors.
    # By hand: one doctor, P(Wq > 0) = ρ = 2/3 and P(Wq > 1/2 h) = (2/3)·e^(-1/2) = 0.4044;
    # two, P(Wq > 0) = 2ρ²/(1 + ρ) = 1/6 with ρ = 1/3, P(Wq > 1/2 h) = (1/6)·e^(-2) = 0.0226
    # and Wq = (1/6)/(6 - 2) h = 1/24 h.
    assert erlang.erlang_c(2, 3, 1) == pytest.approx(2 / 3)
    assert 1 - erlang.service_level(2, 20, 1, 30) == pytest.approx(0.4044, abs=5e-5)
    assert erlang.erlang_c(2, 3, 2) == pytest.approx(1 / 6)
    assert 1 - erlang.service_level(2, 20, 2, 30) == pytest.approx(0.0226, abs=5e-5)
    assert erlang.mean_wait(2, 20, 2) == pytest.approx(60 / 24)


def test_call_centre_example_of_360_calls_per_half_hour():
    # The worked example of Mitan Ltd's "The Erlang-C Formula" page: 360 calls per half hour
    # (720/h), 4 minutes each (A = 48 Erlangs), 55 agents, 15-second target. Recomputed here:
    # C = 0.2387, mean wait (ASA) 8.18 s, 84.6 % answered within 15 s.
    exact = float(textbook_erlang_c(48, 55))
    assert erlang.erlang_c(720, 15, 55) == pytest.approx(exact, rel=1e-12)
    assert exact == pytest.approx(0.2387, abs=5e-5)
    assert erlang.mean_wait(720, 4, 55) * 60 == pytest.approx(8.18, abs=0.005)
    assert erlang.service_level(720, 4, 55, 0.25) == pytest.approx(0.8459, abs=5e-5)


def test_one_and_two_servers_match_their_closed_forms():
    # M/M/1: C = ρ; M/M/2: C = 2ρ²/(1 + ρ) (Kleinrock, Queueing Systems vol. 1, §3.4-3.5).
    for rho in (0.1, 0.5, 0.9, 0.99):
        assert erlang.erlang_c(rho * 6, 6, 1) == pytest.approx(rho)
        assert erlang.erlang_c(2 * rho * 6, 6, 2) == pytest.approx(2 * rho**2 / (1 + rho))


def test_many_servers_stay_exact_where_factorials_overflow():
    assert erlang.erlang_c(180 * 60, 60, 200) == pytest.approx(
        float(textbook_erlang_c(180, 200)), rel=1e-10
    )
    # 1000! overflows a float; the recursion does not.
    value = erlang.erlang_c(900, 1, 1000)
    assert 0 < value < 1e-2
    assert erlang.erlang_c(9000, 1, 10_000) < erlang.erlang_c(900, 1, 1000)


def test_an_overloaded_queue_makes_everyone_wait_forever():
    assert erlang.erlang_c(10, 5, 2) == 1.0
    assert erlang.service_level(10, 12, 2, 15) == 0.0
    assert erlang.mean_wait(10, 12, 2) == math.inf


def test_nobody_arriving_waits_for_nobody():
    assert erlang.erlang_c(0, 5, 1) == 0.0
    assert erlang.service_level(0, 12, 0, 15) == 1.0
    assert erlang.servers_needed(0, 12, 15, 0.9) == 0


# --- servers_needed ------------------------------------------------------------------------


def test_servers_needed_for_the_textbook_case():
    # 3 windows give 87.3 % within 15 min, 4 give 97.6 %: a 90 % target needs 4.
    assert erlang.servers_needed(10, 12, 15, 0.85) == 3
    assert erlang.servers_needed(10, 12, 15, 0.9) == 4


def test_servers_needed_refuses_an_impossible_cap():
    with pytest.raises(ValueError, match="more than 5 windows"):
        erlang.servers_needed(100, 12, 15, 0.9, max_servers=5)


rates = st.floats(min_value=0.5, max_value=400, allow_nan=False)
minutes = st.floats(min_value=1, max_value=40, allow_nan=False)
waits = st.floats(min_value=0, max_value=60, allow_nan=False)
shares = st.floats(min_value=0.5, max_value=0.99, allow_nan=False)
cases = settings(max_examples=150, deadline=None)


@cases
@given(rates, minutes, waits, shares)
def test_servers_needed_is_the_fewest_that_reach_the_target(lam, mean, wait, share):
    needed = erlang.servers_needed(lam, mean, wait, share, max_servers=1000)
    assert needed > erlang.offered_load(lam, mean)  # never below the stable count
    assert erlang.service_level(lam, mean, needed, wait) >= share
    assert erlang.service_level(lam, mean, needed - 1, wait) < share


@cases
@given(rates, rates, minutes, waits, shares)
def test_more_visitors_never_need_fewer_windows(a, b, mean, wait, share):
    low, high = sorted((a, b))
    assert erlang.servers_needed(low, mean, wait, share, max_servers=1000) <= (
        erlang.servers_needed(high, mean, wait, share, max_servers=1000)
    )


@cases
@given(rates, minutes, minutes, waits, waits, shares, shares)
def test_longer_service_or_stricter_target_never_needs_fewer_windows(
    lam, mean_a, mean_b, wait_a, wait_b, share_a, share_b
):
    def needed(mean, wait, share):
        return erlang.servers_needed(lam, mean, wait, share, max_servers=1000)

    short, long = sorted((mean_a, mean_b))
    tight, loose = sorted((wait_a, wait_b))
    lax, strict = sorted((share_a, share_b))
    assert needed(short, 15, 0.9) <= needed(long, 15, 0.9)
    assert needed(long, loose, 0.9) <= needed(long, tight, 0.9)
    assert needed(short, 15, lax) <= needed(short, 15, strict)


# --- the planner ---------------------------------------------------------------------------

FORECAST = {(9, "general"): 60.0, (9, "market"): 12.0, (10, "general"): 120.0, (10, "quick"): 30.0}
MINUTES = {"general": 8.0, "market": 20.0, "quick": 3.0}


def test_every_row_of_the_plan_meets_the_target_with_the_fewest_windows():
    plan = plan_day(FORECAST, MINUTES, target_share=0.9, target_wait=15)
    assert [(r.hour, r.group) for r in plan.rows] == sorted(FORECAST)
    for row in plan.rows:
        assert row.windows == erlang.servers_needed(row.arrivals, MINUTES[row.group], 15, 0.9)
        assert row.expected_service_level >= 0.9
    assert plan.short_rows() == []
    assert plan.expected_share() >= 0.9


def test_a_window_cap_keeps_every_queue_stable_and_calls_the_most_in_time():
    forecast = {(10, "general"): 120.0, (10, "market"): 30.0, (10, "quick"): 30.0}
    loads = {"general": 16, "market": 10, "quick": 1.5}  # Erlangs
    free = plan_day(forecast, MINUTES)
    capped = plan_day(forecast, MINUTES, max_windows=32)
    assert free.windows_by_hour()[10] > 32
    assert capped.windows_by_hour()[10] == 32
    for row in capped.rows:
        assert row.windows > loads[row.group]

    def called_in_time(split: dict[str, int]) -> float:
        return sum(
            forecast[10, g] * erlang.service_level(forecast[10, g], MINUTES[g], c, 15)
            for g, c in split.items()
        )

    # Brute force over every split of the 32 windows that keeps all three queues stable.
    best = max(
        called_in_time({"general": g, "market": m, "quick": 32 - g - m})
        for g in range(17, 30)
        for m in range(11, 32 - g - 1)
    )
    chosen = {g: capped.windows(10, g) for g in loads}
    assert called_in_time(chosen) == pytest.approx(best)
    assert capped.short_rows()


def test_an_overloaded_hour_shares_the_windows_in_proportion_to_the_work():
    # Hour 9 brings 8 Erlangs of general work and 4 of market work: 12 windows keep neither
    # queue stable, so they split 8 : 4 rather than leave a group without a window.
    plan = plan_day(FORECAST, MINUTES, max_windows=12)
    assert plan.windows(9, "general") == 8
    assert plan.windows(9, "market") == 4
    assert plan.windows(10, "general") + plan.windows(10, "quick") == 12
    assert plan.windows(10, "quick") >= 1


def test_even_plan_splits_the_windows_whatever_the_demand():
    plan = even_plan(7, ["general", "market", "quick"], FORECAST, service_minutes=MINUTES)
    assert plan.windows(9, "general") == 3
    assert plan.windows(9, "market") == 2
    assert plan.windows(10, "quick") == 2
    assert plan.windows_by_hour() == {9: 7, 10: 7}
    assert plan.window_hours() == 14
    general_at_ten = next(r for r in plan.rows if (r.hour, r.group) == (10, "general"))
    assert general_at_ten.expected_service_level == 0.0  # 16 Erlangs on 3 windows


def test_forecast_is_the_mean_per_weekday_from_the_history():
    monday = datetime(2025, 3, 3, 9, 15)  # a Monday
    history = [
        (monday, "general"),
        (monday + timedelta(minutes=10), "general"),
        (monday + timedelta(days=7), "general"),
        (monday + timedelta(days=7, hours=1), "market"),
        (monday + timedelta(days=1), "general"),  # a Tuesday: not counted
    ]
    assert forecast_from_history(history, weekday=0) == {(9, "general"): 1.5, (10, "market"): 0.5}
    assert forecast_from_history(history, weekday=0, days=3)[9, "general"] == 1.0
    assert forecast_from_history(history, weekday=4) == {}


def test_service_minutes_come_from_start_and_end_times():
    start = datetime(2025, 3, 3, 9)
    history = [
        ("general", start, start + timedelta(minutes=6)),
        ("general", start, start + timedelta(minutes=10)),
        ("market", start, start + timedelta(minutes=20)),
        ("market", start, start),  # a zero-length record is an error, not a service
    ]
    assert service_minutes_from_history(history) == {"general": 8.0, "market": 20.0}
    assert service_samples_from_history(history)["general"] == [6.0, 10.0]
