"""The harness's shared types: what to measure, how, and what came back."""

from __future__ import annotations

from dataclasses import dataclass, field


class BenchError(RuntimeError):
    """A benchmark could not run; the message says why and what to do."""


@dataclass
class Options:
    duration: int = 10
    connections: int = 32
    threads: int = 2  # wrk's threads
    workers: int = 2  # web processes
    server_threads: int | None = None  # None: `guichet serve`'s own default
    database: str = "auto"  # sqlite | postgres | auto
    warmup: int = 2  # seconds of unmeasured load first, so every worker is warm
    rounds: int = 5  # each endpoint's duration is split into this many interleaved rounds


@dataclass
class Endpoint:
    path: str
    method: str = "GET"
    body: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    expect_status: int = 200
    label: str | None = None  # shown instead of the path, e.g. when one path is measured twice

    @property
    def name(self) -> str:
        return self.label or self.path


@dataclass
class Result:
    endpoint: str
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx_3xx: int
    socket_errors: dict[str, int]
    other_cpu: float | None = None  # share of the machine other work used during the run
    ratio: float | None = None  # to the ceiling, when measured in rounds beside it
    spread: float | None = None  # fastest round's rps over the slowest's
    rounds: int = 1

    @property
    def errors(self) -> int:
        return self.non_2xx_3xx + sum(self.socket_errors.values())


@dataclass
class Report:
    bench: str
    machine: dict[str, object]
    results: list[Result]
    ceiling_rps: float
    options: Options

    @property
    def ok(self) -> bool:
        return all(result.errors == 0 for result in self.results)
