"""Benchmark of counter intake (`dossier_receive`: checks, code, logbook serial, components,
scan, events, the outbox rows; sending is the worker's job and is not timed) on SQLite and PostgreSQL, one desk, one agency, one day — the worst
case for the code counter, which every reception of that agency and day updates.

Run with `make bench` (or `.venv/bin/python bench/dossier_intake.py`). Prints p50/p95 of single
receptions and, on PostgreSQL, the throughput of 8 threads receiving at once (all codes distinct).
Target (domain §12: ~4,000 receptions a working day per province, 5× peaks): p95 < 150 ms and
PostgreSQL > 20 receptions a second on a 2-core machine.
"""

import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._runner import main  # noqa: E402 — after the path is set

SINGLE = 200
THREADS = 8
PER_THREAD = 25


def measure(label: str) -> None:
    import datetime as dt

    from django.db import connection

    from motcua.dossiers.models import Dossier
    from tests.dossiers.builders import at, build_world, receive

    world = build_world()
    day = dt.date(2026, 3, 9)
    samples: list[float] = []
    for n in range(SINGLE):
        when = at(day, 8) + dt.timedelta(seconds=n)
        start = time.perf_counter()
        receive(world, when=when)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    print(
        f"{label:<11} {SINGLE} receptions: p50 {statistics.median(samples):6.1f} ms  "
        f"p95 {samples[int(len(samples) * 0.95) - 1]:6.1f} ms"
    )
    if connection.vendor != "postgresql":
        return
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def worker(index: int) -> None:
        from django.db import connections

        try:
            barrier.wait()
            for n in range(PER_THREAD):
                receive(world, when=at(day, 9) + dt.timedelta(seconds=index * 100 + n))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    codes = list(Dossier.objects.values_list("code", flat=True))
    assert not errors, errors[:3]
    assert len(codes) == len(set(codes)) == SINGLE + THREADS * PER_THREAD
    print(
        f"{label:<11} {THREADS} threads × {PER_THREAD}: "
        f"{THREADS * PER_THREAD / elapsed:6.1f} receptions/s, all {len(codes)} codes distinct"
    )


def run_one(label: str) -> None:
    from django.test import override_settings

    # Messages are sent by the worker after commit, as in production: not timed here.
    dummy = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy):
        measure(label)


if __name__ == "__main__":
    main(__file__, run_one)
