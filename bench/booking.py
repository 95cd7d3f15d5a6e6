"""Booking under 50 concurrent clients: throughput, p99, and not one seat booked twice.

Fifty citizens, each with a token of the "appointments" scope, rush the same slots of the
demo's district centre (JA-CENTRE, household and civil affairs: 15 windows qualify, so each
15-minute slot has 15 seats) through ``POST /api/v1/centres/JA-CENTRE/appointments``. They all
ask for the earliest slot that they have not seen full; a ``slot-full`` refusal (422) moves
everyone on to the next one, as people refreshing a booking page would. So every seat is
fought over by up to 50 requests at once, and the last seat of each slot is the race the issue
asks about. The run lasts ``--duration`` seconds (10) or until the week's seats are gone.

Afterwards the database is checked: no slot holds more bookings than seats, no seat is held
twice, and the bookings stored are exactly the 201 answers the clients received.

A Python client drives the load (one thread and one keep-alive connection per citizen): each
answer decides the next request, which wrk's fixed scripts cannot do. Its ping at the same
concurrency is the floor it measures. ``python -m bench booking``.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time

from bench.call_next import Answer, Client, django_setup, drive, percentile, ping, result
from bench.case_submit import django_child, server_env
from bench.harness import Options, Report, machine_info, serve

DESCRIPTION = "POST /api/v1/centres/{code}/appointments, 50 clients on the same slots"
CENTRE = "JA-CENTRE"
GROUP = "ja-residence"
CLIENTS = 50
DAYS = 7  # of slots offered, from tomorrow


def _book(server, setup: dict, seconds: float):
    slots = setup["slots"]
    cursor = [0]  # the earliest slot nobody has yet found full
    lock = threading.Lock()
    booked: list[tuple[str, str]] = []
    deadline = time.monotonic() + seconds
    clients = [Client(server, token) for token in setup["tokens"]]
    path = f"/api/v1/centres/{CENTRE}/appointments"

    def step(_index: int, client: Client) -> Answer | None:
        with lock:
            index = cursor[0]
        if index >= len(slots) or time.monotonic() > deadline:
            return None
        answer = client.send("POST", path, {"group": GROUP, "starts_at": slots[index]})
        if answer.status == 201:
            body = json.loads(answer.body)
            with lock:
                booked.append((body["code"], body["starts_at"]))
        elif _refused(answer):
            with lock:
                cursor[0] = max(cursor[0], index + 1)
        return answer

    try:
        return drive(clients, step), booked
    finally:
        for client in clients:
            client.close()


def _refused(answer: Answer) -> bool:
    """The problem document of the last seat gone (`urn:guichet:problem:slot-full`)."""
    return answer.status == 422 and json.loads(answer.body).get("type", "").endswith(":slot-full")


def run(options: Options) -> Report:
    with serve(options) as server:
        env = server_env(server)
        setup = django_child(env, "bench.booking", "--setup", "--clients", str(CLIENTS))
        floor = ping(server, CLIENTS, 2000)
        rush, booked = _book(server, setup, options.duration)
        check = django_child(env, "bench.booking", "--check")
        machine = machine_info(server.database)
    full = [a for a in rush.answers if _refused(a)]
    unexpected = [a for a in rush.answers if a.status != 201 and not _refused(a)]
    rows = [
        result(f"ping, {CLIENTS} clients", floor, ok=(200,)),
        result(f"book, {CLIENTS} clients (all answers)", rush, ok=(201, 422)),
        result("book, the 201 answers", rush, ok=(201,)),
    ]
    # A slot-full 422 is an answer, not an error; the second row counts the bookings made.
    rows[1].non_2xx_3xx = rows[2].non_2xx_3xx = len(unexpected)
    rows[2].requests = len(booked)
    rows[2].rps = len(booked) / rush.seconds if rush.seconds else 0.0
    figures = {
        "requests": len(rush.answers),
        "bookings": len(booked),
        "slot_full": len(full),
        "unexpected": len(unexpected),
        "seconds": round(rush.seconds, 2),
        "bookings_per_s": round(len(booked) / rush.seconds, 1) if rush.seconds else 0.0,
        "requests_per_s": round(len(rush.answers) / rush.seconds, 1) if rush.seconds else 0.0,
        "p50_ms": round(percentile(rush.ms(), 0.5), 2),
        "p99_ms": round(percentile(rush.ms(), 0.99), 2),
        "booked_p99_ms": round(percentile(rush.ms(201), 0.99), 2),
    }
    double = check["double_booked_seats"] + check["slots_over_capacity"]
    correct = (
        double == 0
        and check["appointments"] == len(booked) == len({code for code, _at in booked})
        and not unexpected
    )
    _print(setup, rows, figures, check, correct, options, machine)
    return Report("booking_runs", machine, rows, rows[0].rps, options)


def _print(setup, rows, figures, check, correct, options, machine) -> None:
    print(
        f"\nbooking: {CLIENTS} clients, {GROUP} at {CENTRE} ({setup['capacity']} seats a slot, "
        f"{len(setup['slots'])} slots), {figures['seconds']}s, {options.workers} web processes, "
        f"{machine['database']}, {machine['cpu_count']} CPUs"
    )
    print(f"{'':<36} {'requests':>9} {'per s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for row in rows:
        print(
            f"{row.endpoint:<36} {row.requests:>9} {row.rps:>8.1f} {row.p50_ms:>8.2f} "
            f"{row.p99_ms:>8.2f}"
        )
    print(
        f"booked {figures['bookings']} seats ({figures['bookings_per_s']}/s), refused "
        f"slot-full {figures['slot_full']}, other answers {figures['unexpected']}; stored "
        f"{check['appointments']}, busiest slot {check['max_per_slot']}/{setup['capacity']}, "
        f"double-booked seats {check['double_booked_seats']}, slots over capacity "
        f"{check['slots_over_capacity']}: {'correct' if correct else 'WRONG'}"
    )
    print(
        json.dumps(
            {
                "bench": "booking",
                "clients": CLIENTS,
                "rps": figures["requests_per_s"],
                "bookings_per_s": figures["bookings_per_s"],
                "p50_ms": figures["p50_ms"],
                "p99_ms": figures["p99_ms"],
                "booked_p99_ms": figures["booked_p99_ms"],
                "bookings": figures["bookings"],
                "slot_full": figures["slot_full"],
                "double_bookings": check["double_booked_seats"] + check["slots_over_capacity"],
                "ping_p50_ms": round(rows[0].p50_ms, 2),
                "ok": correct,
                "machine": machine,
            }
        )
    )


# --- In a child process, on the benchmark's database -----------------------------------------


def setup(clients: int) -> dict:
    """Citizens with tokens, and the slots of the coming week, in order."""
    django_setup()
    import secrets
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from guichet.accounts import services as accounts
    from guichet.centres import services

    centre, group = services.centre_by_code(CENTRE), services.group_by_code(GROUP)
    tomorrow = timezone.localdate() + timedelta(days=1)
    slots = [
        slot
        for n in range(DAYS)
        for slot in services.slots(centre, group, tomorrow + timedelta(days=n))
    ]
    tokens = []
    with transaction.atomic():
        for n in range(clients):
            person = get_user_model().objects.create_user(
                f"bench-citizen-{n}@bench.example", secrets.token_urlsafe(16)
            )
            _token, secret = accounts.issue_api_token(person, name="bench", scopes=["appointments"])
            tokens.append(secret)
    return {
        "tokens": tokens,
        "slots": [slot.starts_at.isoformat() for slot in slots],
        "capacity": slots[0].capacity if slots else 0,
    }


def check() -> dict:
    """Bookings per slot and per seat, straight from the table."""
    django_setup()
    from django.db.models import Count

    from guichet.centres.models import Appointment
    from guichet.centres.services import centre_by_code, group_by_code, qualified_windows

    centre, group = centre_by_code(CENTRE), group_by_code(GROUP)
    capacity = qualified_windows(centre, group).count()
    holding = Appointment.objects.filter(
        centre=centre, group=group, state__in=Appointment.HOLDS_A_SEAT
    )
    per_slot = list(holding.values("starts_at").annotate(n=Count("id")).values_list("n", flat=True))
    seats = holding.values("starts_at", "seat").annotate(n=Count("id")).filter(n__gt=1)
    return {
        "appointments": holding.count(),
        "max_per_slot": max(per_slot, default=0),
        "slots_over_capacity": sum(1 for n in per_slot if n > capacity),
        "double_booked_seats": seats.count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.booking")
    parser.add_argument("--setup", action="store_true", help="citizens, tokens and slots")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--check", action="store_true", help="count bookings per slot and seat")
    args = parser.parse_args(argv)
    if args.setup:
        print(json.dumps(setup(args.clients)))
        return 0
    if args.check:
        print(json.dumps(check()))
        return 0
    parser.error("run the benchmark with `python -m bench booking`")
    return 2


if __name__ == "__main__":
    sys.exit(main())
