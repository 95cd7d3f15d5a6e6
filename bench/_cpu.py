"""How much of the machine other work used while wrk ran: a shared machine skews every number.

Busy time from /proc/stat, less what the server's process group, the benchmark's PostgreSQL
backends and wrk itself used, over all the CPUs' time. Linux only; elsewhere it reports None.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass
from pathlib import Path

from bench._server import BENCH_DB

_TICKS_PER_S = os.sysconf("SC_CLK_TCK")


@dataclass
class CpuSample:
    all_ticks: int
    busy_ticks: int
    ours_ticks: int
    children_s: float  # our reaped children (wrk), which /proc no longer shows


def _ours(server_pgid: int) -> int:
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()  # from field 3, "state", on
            # PostgreSQL shows "postgres: user database client state" as its command line.
            if int(fields[2]) == server_pgid or BENCH_DB in (entry / "cmdline").read_text():
                ticks += int(fields[11]) + int(fields[12])  # utime + stime
        except (OSError, ValueError, IndexError):
            continue  # a process that ended meanwhile
    return ticks


def sample(server_pgid: int) -> CpuSample | None:
    try:
        fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = sum(fields)  # user nice system idle iowait irq softirq steal
    return CpuSample(
        total, total - fields[3] - fields[4], _ours(server_pgid), usage.ru_utime + usage.ru_stime
    )


def other_share(before: CpuSample | None, after: CpuSample | None) -> float | None:
    """The share of all the CPUs' time that went to work that is not the benchmark's."""
    if before is None or after is None or after.all_ticks <= before.all_ticks:
        return None
    ours = after.ours_ticks - before.ours_ticks
    ours += (after.children_s - before.children_s) * _TICKS_PER_S
    other = after.busy_ticks - before.busy_ticks - ours
    return round(max(other, 0) / (after.all_ticks - before.all_ticks), 3)
