"""The first benchmark: the framework ceiling, the liveness probe and the anonymous home page."""

from __future__ import annotations

from bench.harness import Endpoint, Options, Report, run_endpoints

DESCRIPTION = "ping (the ceiling), /healthz and the anonymous home page"

ENDPOINTS = [
    Endpoint("/healthz"),  # plain Django view through the full middleware stack
    Endpoint("/"),  # template rendering with the i18n shell
]


def run(options: Options) -> Report:
    return run_endpoints("baseline", ENDPOINTS, options)
