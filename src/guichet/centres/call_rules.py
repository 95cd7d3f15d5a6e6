"""Which waiting visitor a window calls next: one pure rule, shared by the queue and the simulator.

The order, from the issue ("call next"):

1. checked-in appointment holders inside their slot — from ``APPOINTMENT_EARLY_MINUTES`` before
   the slot starts until it ends (the seed's "priority at the counter"), earliest slot first;
2. priority visitors (elderly, disabled, pregnant), first come first served;
3. everyone else, first come first served;

always among the groups the window is qualified for, and a fast-track window only takes quick
groups. Ties (the same arrival instant) fall back to ``key``, the ticket's id or sequence, so the
choice never depends on the order of the input.

Times may be ``datetime`` (the queue) or minutes as ``float`` (the simulator): the rule only
compares and subtracts them, and the early allowance follows the type of ``now``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol, TypeVar

__all__ = [
    "APPOINTMENT_EARLY_MINUTES",
    "Candidate",
    "Counter",
    "WaitingVisitor",
    "WindowRule",
    "choose_next",
    "in_slot",
    "order",
    "qualified",
    "tier",
]

# A visitor this early for their slot is already served as an appointment holder.
APPOINTMENT_EARLY_MINUTES = 10

IN_SLOT, PRIORITY, IN_TURN = 0, 1, 2


class WaitingVisitor(Protocol):
    """What the rule reads of a waiting (checked-in) ticket."""

    @property
    def key(self) -> Any: ...
    @property
    def group(self) -> str: ...
    @property
    def arrived_at(self) -> Any: ...
    @property
    def priority(self) -> bool: ...
    @property
    def slot_start(self) -> Any | None: ...
    @property
    def slot_end(self) -> Any | None: ...


class WindowRule(Protocol):
    """What the rule reads of a window: its qualification and whether it is fast track."""

    @property
    def groups(self) -> frozenset[str] | None: ...
    @property
    def fast_track(self) -> bool: ...
    @property
    def quick_groups(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class Candidate:
    """A waiting visitor; ``slot_start``/``slot_end`` are set for a checked-in appointment."""

    key: Any
    group: str
    arrived_at: Any
    priority: bool = False
    slot_start: Any | None = None
    slot_end: Any | None = None


@dataclass(frozen=True, slots=True)
class Counter:
    """A window as the rule sees it; ``groups=None`` is a generalist window."""

    groups: frozenset[str] | None = None
    fast_track: bool = False
    quick_groups: frozenset[str] = frozenset()


V = TypeVar("V", bound=WaitingVisitor)


def qualified(window: WindowRule, group: str) -> bool:
    """Whether the window may call a visitor of this group at all."""
    if window.groups is not None and group not in window.groups:
        return False
    return not window.fast_track or group in window.quick_groups


def _early(now: Any) -> Any:
    if isinstance(now, datetime):
        return timedelta(minutes=APPOINTMENT_EARLY_MINUTES)
    return float(APPOINTMENT_EARLY_MINUTES)


def in_slot(visitor: WaitingVisitor, now: Any) -> bool:
    """An appointment holder counts as such from a little before the slot until its end."""
    if visitor.slot_start is None or visitor.slot_end is None:
        return False
    return visitor.slot_start - _early(now) <= now <= visitor.slot_end


def tier(visitor: WaitingVisitor, now: Any) -> int:
    """0: appointment in its slot, 1: priority visitor, 2: everyone else."""
    if in_slot(visitor, now):
        return IN_SLOT
    return PRIORITY if visitor.priority else IN_TURN


def order(visitor: WaitingVisitor, now: Any) -> tuple:
    """Sort key of the waiting line at ``now``: lower is called first."""
    rank = tier(visitor, now)
    # Appointment holders go by slot (they booked the order); the others by arrival.
    first = visitor.slot_start if rank == IN_SLOT else visitor.arrived_at
    return (rank, first, visitor.arrived_at, visitor.key)


def choose_next(waiting: Iterable[V], window: WindowRule, now: Any) -> V | None:
    """The visitor this window should call now, or None when nobody it may serve is waiting."""
    best: V | None = None
    best_order: tuple | None = None
    for visitor in waiting:
        if not qualified(window, visitor.group):
            continue
        rank = order(visitor, now)
        if best_order is None or rank < best_order:
            best, best_order = visitor, rank
    return best
