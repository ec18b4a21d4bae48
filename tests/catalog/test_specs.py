"""The publication rules as pure functions: process shape, budgets, completeness."""

from dataclasses import replace
from decimal import Decimal

import pytest

from motcua.calendar.engine import TimeUnit
from motcua.catalog.specs import (
    process_total_hours,
    validate_for_publication,
    validate_process,
)
from tests.catalog.builders import LINEAR_STEPS, birth_registration, step


def codes(problems):
    return [p.code for p in problems]


def check(steps, value=3, unit=TimeUnit.WORKING_DAYS):
    return validate_process(steps, limit_value=Decimal(value), limit_unit=unit)


def test_linear_process_is_valid_and_sums_its_budgets() -> None:
    assert check(LINEAR_STEPS) == []
    assert process_total_hours(LINEAR_STEPS) == Decimal(24)


def test_budgets_over_the_limit_are_refused() -> None:
    problems = check(LINEAR_STEPS, value=2)
    assert codes(problems) == ["process_over_budget"]
    assert "24 giờ làm việc" in problems[0].message
    assert "16 giờ làm việc" in problems[0].message


def test_working_hours_limit() -> None:
    assert check(LINEAR_STEPS, value=24, unit=TimeUnit.WORKING_HOURS) == []
    assert codes(check(LINEAR_STEPS, value=23.5, unit=TimeUnit.WORKING_HOURS)) == [
        "process_over_budget"
    ]


def test_calendar_day_limits_use_an_upper_bound() -> None:
    assert check(LINEAR_STEPS, value=3, unit=TimeUnit.CALENDAR_DAYS) == []
    assert codes(check(LINEAR_STEPS, value=1, unit=TimeUnit.CALENDAR_DAYS)) == [
        "process_over_budget"
    ]


def test_branches_count_the_longest_path_only() -> None:
    steps = (
        step("nhan", "reception", "desk_officer", 2, to=["a", "b"]),
        step("a", "processing", "specialist", 20, to=["tra"]),
        step("b", "inter_agency", "specialist", 6, to=["tra"], agency="000.00.41.H99"),
        step("tra", "return", "desk_officer", 2),
    )
    assert process_total_hours(steps) == Decimal(24)
    assert check(steps) == []


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ((), ["process_empty"]),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["x"]),
                step("b", "return", "desk_officer", 1),
            ),
            ["step_unknown_target"],
        ),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["a", "b"]),
                step("b", "return", "desk_officer", 1),
            ),
            ["step_forward_self"],
        ),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["b"], back=["b"]),
                step("b", "return", "desk_officer", 1),
            ),
            ["step_send_back_forward"],
        ),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["b"]),
                step("b", "return", "desk_officer", 1, to=["a"]),
            ),
            ["step_return_forwards"],
        ),
        (
            (step("a", "reception", "desk_officer", 1), step("b", "return", "desk_officer", 1)),
            ["step_dead_end"],
        ),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["b"]),
                step("b", "processing", "specialist", 1, to=["a"]),
            ),
            ["process_no_return"],
        ),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["c"]),
                step("b", "processing", "specialist", 1, to=["c"]),
                step("c", "return", "desk_officer", 1),
            ),
            ["step_unreachable"],
        ),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["b", "c"]),
                step("b", "processing", "specialist", 1, to=["d"]),
                step("c", "return", "desk_officer", 1),
                step("d", "processing", "specialist", 1, to=["b"]),
            ),
            ["step_never_returns", "step_never_returns", "process_forward_cycle"],
        ),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["b"]),
                step("b", "processing", "specialist", 1, to=["c", "d"]),
                step("c", "processing", "specialist", 1, to=["b"]),
                step("d", "return", "desk_officer", 1),
            ),
            ["process_forward_cycle"],
        ),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["b"]),
                step("b", "inter_agency", "specialist", 1, to=["c"]),
                step("c", "return", "desk_officer", 1),
            ),
            ["step_inter_agency_needs_agency"],
        ),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["b"]),
                step("b", "approval", "specialist", 1, to=["c"]),
                step("c", "return", "desk_officer", 1),
            ),
            ["step_approval_needs_leader"],
        ),
        (
            (
                step("a", "reception", "specialist", 1, to=["b"]),
                step("b", "return", "desk_officer", 1),
            ),
            ["step_reception_needs_desk"],
        ),
        (
            (
                step("a", "reception", "desk_officer", 1, to=["b"]),
                step("a", "return", "desk_officer", 1),
            ),
            ["step_code_duplicate"],
        ),
    ],
)
def test_bad_processes(steps, expected) -> None:
    assert codes(check(steps)) == expected


def test_problems_carry_paths() -> None:
    problems = validate_process(
        (
            step("a", "reception", "desk_officer", 1, to=["x"]),
            step("b", "return", "desk_officer", 1),
        ),
        limit_value=Decimal(1),
        limit_unit=TimeUnit.WORKING_DAYS,
        path="variants[0].steps",
    )
    assert problems[0].path == "variants[0].steps[0].forward_to"


def test_complete_spec_has_no_problems() -> None:
    assert validate_for_publication(birth_registration()) == []


def test_missing_parts_are_all_listed_with_their_paths() -> None:
    spec = birth_registration(
        steps_text="",
        result="",
        legal_bases=(),
        decision_number="",
        levels=(),
        executing_agency_codes=(),
        method_counter=False,
        method_online=False,
        method_postal=False,
        online_level="none",
        postal_intake=False,
    )
    paths = {p.path for p in validate_for_publication(spec)}
    assert paths == {
        "steps_text", "result", "legal_bases", "decision_number", "levels",
        "executing_agencies", "methods",
    }  # fmt: skip


def test_variant_rules() -> None:
    base = birth_registration()
    variant = base.variants[0]
    bad = replace(
        variant,
        committed_value=Decimal(5),
        components=(),
        fees=(replace(variant.fees[0], amount=Decimal(-1)),),
    )
    problems = validate_for_publication(replace(base, variants=(bad,)))
    assert {p.code for p in problems} >= {"committed_over_limit", "required", "fee_negative"}


def test_committed_limit_drives_the_budget_check() -> None:
    base = birth_registration()
    tight = replace(base.variants[0], time_limit_value=Decimal(5), committed_value=Decimal(2))
    problems = validate_for_publication(replace(base, variants=(tight,)))
    assert codes(problems) == ["process_over_budget"]


def test_online_service_needs_online_method() -> None:
    spec = birth_registration(method_online=False, online_level="full")
    assert "online_level_without_method" in codes(validate_for_publication(spec))
