"""Call next with 2,000 waiting tickets: the one button of 25 windows, over the API.

The demo's district centre (JA-CENTRE: 25 windows of five types, ten service groups) gets
2,000 tickets taken today through the queue's own service, spread over the ten groups (one in
twenty an elderly visitor), and 25 clerks, one per window, each with a token of the "counter"
scope. Then the clerks press ``POST /api/v1/centres/windows/{id}/call-next``:

1. one window alone, 100 times (the button's own cost, nobody else pressing);
2. all 25 windows at once, each pressing again as soon as it has its answer, 500 calls in
   all, so the hall still holds 1,400 to 1,900 tickets while it is measured.

Every press picks among all of today's waiting tickets while holding the centre's lock, so
concurrent presses queue behind each other: the second phase measures that contention. After
the run the database is checked: as many tickets called as 200 answers, none of them twice,
each at a window qualified for its group.

The presses come from a Python client (one thread and one keep-alive connection per window)
rather than wrk, because each press changes the queue and the run must stop after a number of
calls, not a duration. The same client's ping (``/api/v1/system/ping``) at the same
concurrency is the floor it can measure. ``python -m bench call_next``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bench.case_submit import django_child, server_env
from bench.harness import Options, Report, Result, Server, machine_info, serve

DESCRIPTION = "POST …/windows/{id}/call-next, 2,000 waiting tickets, 1 and 25 windows"
CENTRE = "JA-CENTRE"
TICKETS = 2000
ALONE_CALLS = 100
TOGETHER_CALLS = 500
PING = "/api/v1/system/ping"


# --- A small threaded HTTP driver (shared with bench.booking) ---------------------------------


@dataclass
class Answer:
    status: int
    ms: float
    body: bytes


class Client:
    """One keep-alive connection with one bearer token: a clerk's or a citizen's program."""

    def __init__(self, server: Server, token: str | None = None) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        self.headers = {"Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def send(self, method: str, path: str, body: dict | None = None) -> Answer:
        payload = json.dumps(body) if body is not None else None
        started = time.perf_counter()
        self.conn.request(method, path, body=payload, headers=self.headers)
        response = self.conn.getresponse()
        data = response.read()
        return Answer(response.status, (time.perf_counter() - started) * 1000, data)

    def close(self) -> None:
        self.conn.close()


@dataclass
class Run:
    answers: list[Answer] = field(default_factory=list)
    seconds: float = 0.0

    def ms(self, *statuses: int) -> list[float]:
        return [a.ms for a in self.answers if not statuses or a.status in statuses]

    def count(self, *statuses: int) -> int:
        return sum(1 for a in self.answers if a.status in statuses)


def percentile(values: list[float], share: float) -> float:
    """Nearest rank, as the reports compute it."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def drive(clients: list[Client], step: Callable[[int, Client], Answer | None]) -> Run:
    """Every client in its own thread, started together, calling `step(index, client)` until
    it returns None; returns every answer and the wall time."""
    run = Run()
    lock = threading.Lock()
    barrier = threading.Barrier(len(clients) + 1)

    def loop(index: int, client: Client) -> None:
        barrier.wait()
        while (answer := step(index, client)) is not None:
            with lock:
                run.answers.append(answer)

    threads = [
        threading.Thread(target=loop, args=(i, c), daemon=True) for i, c in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    run.seconds = time.perf_counter() - started
    return run


def ping(server: Server, clients: int, calls: int) -> Run:
    """The driver's floor: the bare ping endpoint, same concurrency, same client."""
    left = [calls]
    lock = threading.Lock()
    connections = [Client(server) for _ in range(clients)]

    def step(_index: int, client: Client) -> Answer | None:
        with lock:
            if left[0] <= 0:
                return None
            left[0] -= 1
        return client.send("GET", PING)

    try:
        return drive(connections, step)
    finally:
        for client in connections:
            client.close()


def result(label: str, run: Run, *, ok: tuple[int, ...]) -> Result:
    times = run.ms(*ok)
    return Result(
        endpoint=label,
        rps=len(run.answers) / run.seconds if run.seconds else 0.0,
        p50_ms=percentile(times, 0.5),
        p99_ms=percentile(times, 0.99),
        requests=len(run.answers),
        non_2xx_3xx=sum(1 for a in run.answers if a.status not in ok),
        socket_errors={"connect": 0, "read": 0, "write": 0, "timeout": 0},
    )


# --- The benchmark ------------------------------------------------------------------------------


def _press(server: Server, windows: list[dict], calls: int) -> Run:
    left = [calls]
    lock = threading.Lock()
    clients = [Client(server, w["token"]) for w in windows]
    at_window: dict[int, int] = {}

    def step(index: int, client: Client) -> Answer | None:
        with lock:
            if left[0] <= 0:
                return None
            left[0] -= 1
        # A window calls nobody while its visitor is there: the last one is served first
        # (finishing is not timed; only the call is).
        if index in at_window:
            ticket = at_window.pop(index)
            client.send("POST", f"/api/v1/centres/tickets/{ticket}/start")
            client.send("POST", f"/api/v1/centres/tickets/{ticket}/finish")
        answer = client.send("POST", f"/api/v1/centres/windows/{windows[index]['id']}/call-next")
        if answer.status == 204:  # nobody left this window may call: it stops
            return None
        if answer.status == 200:
            at_window[index] = json.loads(answer.body)["id"]
        return answer

    try:
        return drive(clients, step)
    finally:
        for index, ticket in at_window.items():  # leave every window free for the next run
            clients[index].send("POST", f"/api/v1/centres/tickets/{ticket}/start")
            clients[index].send("POST", f"/api/v1/centres/tickets/{ticket}/finish")
        for client in clients:
            client.close()


def run(options: Options) -> Report:
    with serve(options) as server:
        env = server_env(server)
        setup = django_child(env, "bench.call_next", "--setup", "--tickets", str(TICKETS))
        windows = setup["windows"]
        floor = ping(server, len(windows), 2000)
        alone = _press(server, windows[:1], ALONE_CALLS)
        together = _press(server, windows, TOGETHER_CALLS)
        check = django_child(env, "bench.call_next", "--check")
        machine = machine_info(server.database)
    numbers = [
        json.loads(a.body)["number"] for a in alone.answers + together.answers if a.status == 200
    ]
    rows = [
        result(f"ping, {len(windows)} clients", floor, ok=(200,)),
        result("call next, 1 window", alone, ok=(200,)),
        result(f"call next, {len(windows)} windows", together, ok=(200,)),
    ]
    called = alone.count(200) + together.count(200)
    correct = (
        check["called"] == called == len(set(numbers))
        and check["unqualified"] == 0
        and all(r.non_2xx_3xx == 0 for r in rows)
    )
    maxes = [max(r.ms(), default=float("nan")) for r in (floor, alone, together)]
    _print(setup, rows, maxes, check, correct, options, machine)
    return Report("call_next_runs", machine, rows, rows[0].rps, options)


def _print(setup, rows, maxes, check, correct, options, machine) -> None:
    print(
        f"\ncall_next: {setup['waiting']} waiting tickets in {setup['groups']} groups, "
        f"{len(setup['windows'])} windows at {CENTRE}, {options.workers} web processes, "
        f"{machine['database']}, {machine['cpu_count']} CPUs"
    )
    print(f"{'':<28} {'calls':>6} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for row, run_max in zip(rows, maxes, strict=True):
        print(
            f"{row.endpoint:<28} {row.requests:>6} {row.rps:>8.1f} {row.p50_ms:>8.2f} "
            f"{row.p99_ms:>8.2f} {run_max:>8.1f}"
        )
    print(
        f"called {check['called']}, still waiting "
        f"{check['waiting']}, at an unqualified window {check['unqualified']}: "
        f"{'correct' if correct else 'WRONG'}"
    )
    alone, together = rows[1], rows[2]
    print(
        json.dumps(
            {
                "bench": "call_next",
                "p50_ms": round(together.p50_ms, 2),
                "p99_ms": round(together.p99_ms, 2),
                "rps": round(together.rps, 1),
                "alone_p50_ms": round(alone.p50_ms, 2),
                "alone_p99_ms": round(alone.p99_ms, 2),
                "ping_p50_ms": round(rows[0].p50_ms, 2),
                "waiting": setup["waiting"],
                "windows": len(setup["windows"]),
                "groups": setup["groups"],
                "called": check["called"],
                "ok": correct,
                "machine": machine,
            }
        )
    )


# --- In a child process, on the benchmark's database -----------------------------------------


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.settings")
    import django

    django.setup()


def setup(tickets: int) -> dict:
    """25 clerks with tokens, one per window, and `tickets` waiting tickets taken today."""
    django_setup()
    import secrets
    from datetime import datetime, timedelta
    from datetime import time as clock

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from guichet.accounts import services as accounts
    from guichet.accounts.roles import Role
    from guichet.centres import queue
    from guichet.centres.models import Centre

    centre = Centre.objects.get(code=CENTRE)
    windows = list(centre.windows.order_by("number"))
    groups = _groups(centre)
    now = timezone.now()
    midnight = timezone.make_aware(datetime.combine(timezone.localdate(now), clock(0)))
    first = max(midnight, now - timedelta(seconds=tickets))  # all of them today
    step = (now - first) / tickets
    found = []
    with transaction.atomic():
        for window in windows:
            clerk = get_user_model().objects.create_user(
                f"bench-clerk-{window.number}@bench.example", secrets.token_urlsafe(16)
            )
            accounts.grant_membership(clerk, role=Role.WINDOW_CLERK, organisation_code=CENTRE)
            _token, secret = accounts.issue_api_token(clerk, name="bench", scopes=["counter"])
            found.append({"id": window.pk, "number": window.number, "token": secret})
        for n in range(tickets):
            queue.take_ticket(
                centre,
                group=groups[n % len(groups)],
                priority="elderly" if n % 20 == 0 else "",
                now=first + step * n,
            )
    return {"windows": found, "waiting": tickets, "groups": len(groups)}


def _groups(centre) -> list:
    from guichet.centres.models import ServiceGroup

    served = ServiceGroup.objects.filter(windows__centre=centre).distinct().order_by("code")
    return list(served)


def check() -> dict:
    """What the presses did to today's queue."""
    django_setup()
    from django.utils import timezone

    from guichet.centres.models import Centre, Ticket
    from guichet.centres.services import qualified_windows

    centre = Centre.objects.get(code=CENTRE)
    today = Ticket.objects.filter(centre=centre, day=timezone.localdate())
    called = list(
        today.filter(state__in=[Ticket.State.CALLED, Ticket.State.DONE]).select_related("group")
    )
    allowed = {
        group.pk: set(qualified_windows(centre, group).values_list("pk", flat=True))
        for group in _groups(centre)
    }
    return {
        "called": len(called),
        "waiting": today.filter(state=Ticket.State.WAITING).count(),
        "unqualified": sum(1 for t in called if t.window_id not in allowed[t.group_id]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.call_next")
    parser.add_argument("--setup", action="store_true", help="clerks, tokens and tickets")
    parser.add_argument("--tickets", type=int, default=TICKETS)
    parser.add_argument("--check", action="store_true", help="count what was called")
    args = parser.parse_args(argv)
    if args.setup:
        print(json.dumps(setup(args.tickets)))
        return 0
    if args.check:
        print(json.dumps(check()))
        return 0
    parser.error("run the benchmark with `python -m bench call_next`")
    return 2


if __name__ == "__main__":
    sys.exit(main())
