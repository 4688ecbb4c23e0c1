#!/usr/bin/env python3
"""CPU time spent by each process while a load step runs, from /proc (utime + stime), grouped by what the process is:
the Host (by role when it runs as several processes), the harness, PostgreSQL (all its backends), RabbitMQ (beam.smp) and the rest by command name.

Usage: cpu_by_process.py STOP_FILE
Samples every 0.5 s until STOP_FILE exists, then prints one line per group, largest first: name, CPU seconds.
A process already running at the start counts only what it spent since; one started later counts all it spent, so a
PostgreSQL backend opened and closed between two samples is missed (the Host's pooled connections stay open)."""
import os
import sys
import time


def label(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            args = f.read().replace(b"\0", b" ").decode(errors="replace")
        with open(f"/proc/{pid}/comm") as f:
            comm = f.read().strip()
    except OSError:
        return None
    if "CxInbox.Host.dll" in args:
        role = args.split("--role ", 1)[1].split(" ", 1)[0] if "--role " in args else "all"
        return "host" if role == "all" else f"host-{role}"
    if "RoutingLoad.dll" in args:
        return "harness"
    if comm.startswith("postgres") or args.startswith("postgres:"):
        return "postgres"
    return comm


def cpu_ticks():
    ticks = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks[pid] = int(fields[11]) + int(fields[12])
    return ticks


def main():
    stop_file = sys.argv[1]
    first = {pid: (label(pid), t) for pid, t in cpu_ticks().items()}
    last = {}
    while not os.path.exists(stop_file):
        time.sleep(0.5)
        for pid, t in cpu_ticks().items():
            if pid not in first:
                first[pid] = (label(pid), 0)
            last[pid] = t
    totals = {}
    hz = os.sysconf("SC_CLK_TCK")
    for pid, (name, start) in first.items():
        if name is not None and pid in last:
            totals[name] = totals.get(name, 0) + last[pid] - start
    for name, ticks in sorted(totals.items(), key=lambda kv: -kv[1]):
        if ticks > 0:
            print(f"{name} {ticks / hz:.2f}")


if __name__ == "__main__":
    main()
