"""Numbers that never repeat: the dossier code format and its width, the parser for both
formats, counters (inside a transaction only, no gap after a rollback) and, on PostgreSQL,
concurrent receptions that each get their own consecutive number."""

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction
from django.test import override_settings

from motcua.dossiers.codes import (
    ParsedCode,
    dossier_code_allocate,
    form_number_allocate,
    format_code,
    logbook_serial_allocate,
    next_value,
    parse_code,
)
from motcua.dossiers.models import Dossier, SequenceCounter
from tests.catalog.builders import COMMUNE
from tests.dossiers.builders import MONDAY_9AM, build_world, receive

DAY = dt.date(2026, 3, 9)


# --- Format and parse (no database) --------------------------------------------------------------


def test_format_is_agency_date_and_four_digit_sequence() -> None:
    assert format_code(COMMUNE, DAY, 1) == "000.01.31.H99-260309-0001"
    assert format_code(COMMUNE, dt.date(2025, 12, 31), 42) == "000.01.31.H99-251231-0042"


@override_settings(MOTCUA_DOSSIER_SEQ_WIDTH=6)
def test_width_follows_the_setting() -> None:
    assert format_code(COMMUNE, DAY, 7) == "000.01.31.H99-260309-000007"


@override_settings(MOTCUA_DOSSIER_SEQ_WIDTH=2)
def test_width_is_at_least_four() -> None:
    assert format_code(COMMUNE, DAY, 7) == "000.01.31.H99-260309-0007"


def test_sequence_beyond_the_width_grows_instead_of_failing() -> None:
    assert format_code(COMMUNE, DAY, 12345) == "000.01.31.H99-260309-12345"
    assert parse_code("000.01.31.H99-260309-12345") == ParsedCode(COMMUNE, DAY, 12345)


def test_parse_the_2018_format() -> None:
    assert parse_code("000.01.31.H99-260309-0001") == ParsedCode(COMMUNE, DAY, 1, "")
    # Case and surrounding spaces do not matter.
    assert parse_code("  000.00.12.h56-251015-0003 ") == ParsedCode(
        "000.00.12.H56", dt.date(2025, 10, 15), 3, ""
    )


def test_parse_the_national_2025_format() -> None:
    assert parse_code("H99.031.01-260309-G10001") == ParsedCode("H99.031.01", DAY, 1, system="G1")
    assert parse_code("h56.120.05-260125-ab123456") == ParsedCode(
        "H56.120.05", dt.date(2026, 1, 25), 123456, system="AB"
    )


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "hello",
        "000.01.31.H99",
        "000.01.31.H99-260309",
        "000.01.31.H99-260309-001",  # three digits
        "000.01.31.H99-261309-0001",  # month 13
        "000.01.31.H99-260230-0001",  # 30 February
        "000.01.31.H99-26039-0001",
        "000.01.31.H99_260309_0001",
        "00.01.31.H99-260309-0001",
        "000.01.31.H99-260309-0001-1",
        "TN260309000001",  # a submission reference is not a code
        "H99.031.01-260309-0001",  # national format without the system prefix
    ],
)
def test_garbage_is_not_a_code(garbage: str) -> None:
    assert parse_code(garbage) is None


def test_next_value_outside_a_transaction_raises() -> None:
    # No database needed: the guard comes before any query.
    assert not transaction.get_connection().in_atomic_block
    with pytest.raises(RuntimeError, match=r"transaction\.atomic"):
        next_value("code:x")


# --- Counters ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_counters_start_at_one_and_are_independent() -> None:
    assert [next_value("a"), next_value("a"), next_value("b"), next_value("a")] == [1, 2, 1, 3]
    assert dict(SequenceCounter.objects.values_list("name", "value")) == {"a": 3, "b": 1}


@pytest.mark.django_db
def test_codes_per_agency_and_day() -> None:
    other = "000.00.15.H99"
    assert dossier_code_allocate(agency_code=COMMUNE, day=DAY) == f"{COMMUNE}-260309-0001"
    assert dossier_code_allocate(agency_code=COMMUNE, day=DAY) == f"{COMMUNE}-260309-0002"
    assert dossier_code_allocate(agency_code=other, day=DAY) == f"{other}-260309-0001"
    next_day = DAY + dt.timedelta(days=1)
    assert dossier_code_allocate(agency_code=COMMUNE, day=next_day) == f"{COMMUNE}-260310-0001"


@pytest.mark.django_db
def test_logbook_and_form_numbers_run_per_year() -> None:
    assert [logbook_serial_allocate(desk_code="d", year=2026) for _ in range(3)] == [1, 2, 3]
    assert logbook_serial_allocate(desk_code="d", year=2027) == 1
    assert logbook_serial_allocate(desk_code="e", year=2026) == 1
    numbers = [form_number_allocate(agency_code=COMMUNE, form="refusal", year=2026) for _ in "ab"]
    assert numbers == ["1/2026", "2/2026"]
    assert form_number_allocate(agency_code=COMMUNE, form="apology", year=2026) == "1/2026"
    assert form_number_allocate(agency_code=COMMUNE, form="refusal", year=2027) == "1/2027"


class Boom(Exception):
    pass


def _allocate_then_fail(name: str, seen: list[int]) -> None:
    with transaction.atomic():
        seen.append(next_value(name))
        raise Boom


@pytest.mark.django_db
def test_a_rolled_back_allocation_leaves_no_gap() -> None:
    name = f"code:{COMMUNE}:20260309"
    assert dossier_code_allocate(agency_code=COMMUNE, day=DAY).endswith("-0001")
    seen: list[int] = []
    with pytest.raises(Boom):
        _allocate_then_fail(name, seen)
    assert seen == [2]
    assert dossier_code_allocate(agency_code=COMMUNE, day=DAY).endswith("-0002")

    # A counter created inside the rolled-back transaction disappears with it.
    with pytest.raises(Boom):
        _allocate_then_fail("fresh", seen)
    assert seen == [2, 1]
    assert not SequenceCounter.objects.filter(name="fresh").exists()
    assert next_value("fresh") == 1


# --- Concurrency on PostgreSQL ------------------------------------------------------------------


def _run_in_threads(
    count: int, threads: int, work: Callable[[], str]
) -> tuple[list[str], list[BaseException]]:
    """Run `work` `count` times from `threads` threads started together; each thread closes its
    connection when done."""
    barrier = threading.Barrier(threads)
    results: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    per_thread = [count // threads + (1 if n < count % threads else 0) for n in range(threads)]

    def run(times: int) -> None:
        try:
            barrier.wait(timeout=30)
            for _ in range(times):
                value = work()
                with lock:
                    results.append(value)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=run, args=(n,)) for n in per_thread]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert not any(worker.is_alive() for worker in workers)
    return results, errors


def _sequences(codes: list[str]) -> list[int]:
    parsed = [parse_code(code) for code in codes]
    assert all(p is not None for p in parsed)
    return sorted(p.sequence for p in parsed if p is not None)


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locking under concurrency needs PostgreSQL"
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_code_allocation_on_postgresql() -> None:
    def allocate() -> str:
        with transaction.atomic():
            return dossier_code_allocate(agency_code=COMMUNE, day=DAY)

    codes, errors = _run_in_threads(40, 8, allocate)
    assert errors == []
    assert len(codes) == 40
    assert len(set(codes)) == 40
    assert _sequences(codes) == list(range(1, 41))
    assert SequenceCounter.objects.get(name=f"code:{COMMUNE}:20260309").value == 40


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_receptions_on_postgresql() -> None:
    world = build_world()

    def reception() -> str:
        code = receive(world, when=MONDAY_9AM).code
        assert code is not None
        return code

    codes, errors = _run_in_threads(16, 8, reception)
    assert errors == []
    assert len(set(codes)) == 16
    assert _sequences(codes) == list(range(1, 17))
    serials = sorted(filter(None, Dossier.objects.values_list("logbook_serial", flat=True)))
    assert serials == list(range(1, 17))
    assert Dossier.objects.values("reference").distinct().count() == 16
