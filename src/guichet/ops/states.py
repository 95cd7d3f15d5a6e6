"""Explicit state machines: a model's `state` changes only along its `TRANSITIONS` table."""

from __future__ import annotations


class InvalidTransition(Exception):
    def __init__(self, current: str, wanted: str):
        super().__init__(f"Cannot go from {current!r} to {wanted!r}.")
        self.current = current
        self.wanted = wanted


class StateMachine:
    """Mixed into a model with a `state` field and a `TRANSITIONS` table."""

    TRANSITIONS: dict[str, set[str]] = {}
    state: str

    def move_to(self, state: str) -> None:
        if state not in self.TRANSITIONS[self.state]:
            raise InvalidTransition(self.state, state)
        self.state = state
