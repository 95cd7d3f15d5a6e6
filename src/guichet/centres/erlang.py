"""Erlang C (the M/M/c queue): how long visitors wait for a given number of open windows.

Units, everywhere in this module: arrival and service **rates per hour**, **times in minutes**.
A window is a server; ``mean_service_minutes`` is the mean time a clerk spends on one visitor.
Formulas: Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing Theory* (4th ed.),
§2.3 (M/M/c): with offered load A = λ/μ and c servers,
P(wait) = C(c, A), P(wait <= t) = 1 - C·exp(-(cμ - λ)t), mean wait = C / (cμ - λ).

C is computed from Erlang B by its recursion, B(0) = 1, B(k) = A·B(k-1) / (k + A·B(k-1)), and
C = c·B / (c - A·(1 - B)); no factorial or power grows, so c in the hundreds is exact to float
precision where the textbook sum overflows.
"""

from __future__ import annotations

import math

__all__ = [
    "erlang_b",
    "erlang_c",
    "mean_wait",
    "offered_load",
    "servers_needed",
    "service_level",
]

MINUTES_PER_HOUR = 60.0


def _check(arrival_rate: float, servers: int) -> None:
    if arrival_rate < 0:
        raise ValueError("arrival_rate must not be negative")
    if servers < 0:
        raise ValueError("servers must not be negative")


def offered_load(arrival_rate: float, mean_service_minutes: float) -> float:
    """The work arriving per hour in windows kept busy (Erlangs): λ/μ."""
    if mean_service_minutes <= 0:
        raise ValueError("mean_service_minutes must be positive")
    return arrival_rate * mean_service_minutes / MINUTES_PER_HOUR


def erlang_b(load: float, servers: int) -> float:
    """Probability that all ``servers`` are busy in a loss system offered ``load`` Erlangs."""
    _check(load, servers)
    blocked = 1.0
    for k in range(1, servers + 1):
        blocked = load * blocked / (k + load * blocked)
    return blocked


def erlang_c(arrival_rate: float, service_rate: float, servers: int) -> float:
    """Probability that a visitor has to wait (arrivals and services per hour).

    An unstable queue (λ >= cμ) makes everyone wait: 1.0. No arrivals: 0.0.
    """
    _check(arrival_rate, servers)
    if service_rate <= 0:
        raise ValueError("service_rate must be positive")
    if arrival_rate == 0:
        return 0.0
    load = arrival_rate / service_rate
    if load >= servers:
        return 1.0
    blocked = erlang_b(load, servers)
    return servers * blocked / (servers - load * (1.0 - blocked))


def _rates(arrival_rate: float, mean_service_minutes: float) -> tuple[float, float]:
    if mean_service_minutes <= 0:
        raise ValueError("mean_service_minutes must be positive")
    return arrival_rate, MINUTES_PER_HOUR / mean_service_minutes


def service_level(
    arrival_rate: float, mean_service_minutes: float, servers: int, target_wait_minutes: float
) -> float:
    """Share of visitors called within ``target_wait_minutes``: 1 - C·exp(-(cμ - λ)t).

    An unstable queue grows without bound, so its long-run share is 0.0.
    """
    if target_wait_minutes < 0:
        raise ValueError("target_wait_minutes must not be negative")
    lam, mu = _rates(arrival_rate, mean_service_minutes)
    if lam == 0:
        return 1.0
    if lam >= servers * mu:
        return 0.0
    waiting = erlang_c(lam, mu, servers)
    hours = target_wait_minutes / MINUTES_PER_HOUR
    return 1.0 - waiting * math.exp(-(servers * mu - lam) * hours)


def mean_wait(arrival_rate: float, mean_service_minutes: float, servers: int) -> float:
    """Mean wait before being called, in minutes: C / (cμ - λ); ``inf`` when unstable."""
    lam, mu = _rates(arrival_rate, mean_service_minutes)
    if lam == 0:
        return 0.0
    if lam >= servers * mu:
        return math.inf
    return erlang_c(lam, mu, servers) / (servers * mu - lam) * MINUTES_PER_HOUR


def servers_needed(
    arrival_rate: float,
    mean_service_minutes: float,
    target_wait_minutes: float,
    target_share: float,
    *,
    max_servers: int = 100,
) -> int:
    """The fewest windows that call ``target_share`` of visitors within the target wait.

    No arrivals need no window. Fewer than λ/μ windows are never enough (the queue would grow
    all day), so the search starts at the first stable count. Raises ValueError when even
    ``max_servers`` windows fall short.
    """
    if not 0 < target_share < 1:
        raise ValueError("target_share must be between 0 and 1 (exclusive)")
    if arrival_rate == 0:
        return 0
    load = offered_load(arrival_rate, mean_service_minutes)
    for servers in range(math.floor(load) + 1, max_servers + 1):
        share = service_level(arrival_rate, mean_service_minutes, servers, target_wait_minutes)
        if share >= target_share:
            return servers
    raise ValueError(
        f"more than {max_servers} windows needed for {arrival_rate:g} arrivals/hour "
        f"of {mean_service_minutes:g} minutes each"
    )
