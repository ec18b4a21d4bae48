"""Plain descriptions of a procedure version, and the rules a version must meet to be published.

A `ProcedureSpec` is what the Excel import, the demo content and the editing screens produce; the
services turn it into rows. The rules here are pure functions over specs (no database), so they
are fast to test: completeness of the constituent parts (Decree 63/2010 Art 8.2) and the shape of
the internal process (reachable steps, a final return step, budgets within the time limit).
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from motcua.calendar.engine import TimeUnit

HOURS_PER_WORKING_DAY = Decimal(8)


@dataclass(frozen=True)
class Problem:
    """One reason a spec cannot be saved or published: where, what (stable code), and why."""

    path: str
    code: str
    message: str


@dataclass(frozen=True)
class ComponentSpec:
    code: str
    name: str
    originals: int = 1
    copies: int = 0
    requirement: str = "required"  # or "conditional"
    condition: str = ""
    template_name: str = ""


@dataclass(frozen=True)
class FeeSpec:
    kind: str  # "fee" | "charge"
    name: str
    amount: Decimal
    unit: str = "đồng/hồ sơ"
    exemption: str = ""


@dataclass(frozen=True)
class StepSpec:
    code: str
    name: str
    kind: str  # StepKind value
    role: str  # Role value
    budget_hours: Decimal
    agency_code: str | None = None  # None: the dossier's competent agency
    forward_to: tuple[str, ...] = ()
    send_back_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class VariantSpec:
    code: str
    name: str
    time_limit_value: Decimal
    time_limit_unit: TimeUnit
    committed_value: Decimal | None = None
    time_limit_note: str = ""
    components: tuple[ComponentSpec, ...] = ()
    fees: tuple[FeeSpec, ...] = ()
    steps: tuple[StepSpec, ...] = ()
    eform_schema: dict[str, object] = field(default_factory=dict)

    @property
    def effective_limit(self) -> Decimal:
        return self.committed_value if self.committed_value is not None else self.time_limit_value


@dataclass(frozen=True)
class LegalBasis:
    document: str
    effective_date: dt.date | None = None


@dataclass(frozen=True)
class ProcedureSpec:
    """Everything a published procedure version says (the procedure's code identifies it)."""

    code: str
    name: str
    field_code: str
    namespace: str = "national"
    levels: tuple[str, ...] = ()
    executing_agency_codes: tuple[str, ...] = ()
    reception_place: str = ""
    steps_text: str = ""
    method_counter: bool = True
    method_online: bool = False
    method_postal: bool = False
    subjects: str = ""
    for_individuals: bool = True
    for_organisations: bool = False
    result: str = ""
    conditions: str = ""
    legal_bases: tuple[LegalBasis, ...] = ()
    fees_note: str = ""
    online_level: str = "none"
    legacy_online_level: int | None = None
    full_online_eligible: bool = False
    postal_intake: bool = False
    postal_return: bool = False
    four_at_desk: bool = False
    cutoff_defers_clock: str = "inherit"
    hotline: str = ""
    feedback_address: str = ""
    decision_number: str = ""
    decision_date: dt.date | None = None
    decision_signer: str = ""
    national_db_published_on: dt.date | None = None
    variants: tuple[VariantSpec, ...] = ()


def limit_in_hours(value: Decimal, unit: TimeUnit) -> Decimal | None:
    """A time limit as working hours, where that is exact; None for calendar days and months
    (their working time depends on the start date)."""
    if unit is TimeUnit.WORKING_HOURS:
        return value
    if unit is TimeUnit.WORKING_DAYS:
        return value * HOURS_PER_WORKING_DAY
    return None


def upper_bound_hours(value: Decimal, unit: TimeUnit) -> Decimal:
    """The most working time a limit can hold, whatever the start date."""
    exact = limit_in_hours(value, unit)
    if exact is not None:
        return exact
    days = value if unit is TimeUnit.CALENDAR_DAYS else value * 31
    return (days + 1) * HOURS_PER_WORKING_DAY


# --- The internal process -----------------------------------------------------------------------


def validate_process(
    steps: Sequence[StepSpec], *, limit_value: Decimal, limit_unit: TimeUnit, path: str = "steps"
) -> list[Problem]:
    """Check an internal process: named targets exist, every step is reachable from the first,
    every step can reach a return step, return steps end the process, send-backs go to earlier
    steps, forwards never loop, and the longest path's budgets fit the time limit."""
    problems: list[Problem] = []
    if not steps:
        return [Problem(path, "process_empty", "Quy trình nội bộ phải có ít nhất một bước.")]
    index = {s.code: i for i, s in enumerate(steps)}
    if len(index) != len(steps):
        seen: set[str] = set()
        for i, s in enumerate(steps):
            if s.code in seen:
                problems.append(
                    Problem(
                        f"{path}[{i}].code", "step_code_duplicate", f"Mã bước «{s.code}» bị trùng."
                    )
                )
            seen.add(s.code)
        return problems
    for i, s in enumerate(steps):
        where = f"{path}[{i}]"
        if s.budget_hours < 0:
            problems.append(
                Problem(
                    f"{where}.budget_hours",
                    "step_budget_negative",
                    f"Bước «{s.name}»: thời gian không được âm.",
                )
            )
        for target in s.forward_to:
            if target not in index:
                problems.append(
                    Problem(
                        f"{where}.forward_to",
                        "step_unknown_target",
                        f"Bước «{s.name}» chuyển tiếp đến bước «{target}» không có trong quy trình.",
                    )
                )
            elif target == s.code:
                problems.append(
                    Problem(
                        f"{where}.forward_to",
                        "step_forward_self",
                        f"Bước «{s.name}» không thể chuyển tiếp cho chính nó.",
                    )
                )
        for target in s.send_back_to:
            if target not in index:
                problems.append(
                    Problem(
                        f"{where}.send_back_to",
                        "step_unknown_target",
                        f"Bước «{s.name}» trả lại bước «{target}» không có trong quy trình.",
                    )
                )
            elif index[target] >= i:
                problems.append(
                    Problem(
                        f"{where}.send_back_to",
                        "step_send_back_forward",
                        f"Bước «{s.name}» chỉ được trả lại một bước đứng trước nó (không phải «{target}»).",
                    )
                )
        if s.kind == "return" and s.forward_to:
            problems.append(
                Problem(
                    f"{where}.forward_to",
                    "step_return_forwards",
                    f"Bước trả kết quả «{s.name}» kết thúc quy trình, không chuyển tiếp.",
                )
            )
        if s.kind != "return" and not s.forward_to:
            problems.append(
                Problem(
                    f"{where}.forward_to",
                    "step_dead_end",
                    f"Bước «{s.name}» phải chuyển tiếp đến ít nhất một bước.",
                )
            )
        if s.kind == "inter_agency" and not s.agency_code:
            problems.append(
                Problem(
                    f"{where}.agency",
                    "step_inter_agency_needs_agency",
                    f"Bước liên thông «{s.name}» phải chọn cơ quan phối hợp.",
                )
            )
        if s.kind == "approval" and s.role != "leader":
            problems.append(
                Problem(
                    f"{where}.role",
                    "step_approval_needs_leader",
                    f"Bước phê duyệt «{s.name}» phải do lãnh đạo thực hiện.",
                )
            )
        if s.kind == "reception" and s.role != "desk_officer":
            problems.append(
                Problem(
                    f"{where}.role",
                    "step_reception_needs_desk",
                    f"Bước tiếp nhận «{s.name}» phải do cán bộ một cửa thực hiện.",
                )
            )
    if not any(s.kind == "return" for s in steps):
        problems.append(Problem(path, "process_no_return", "Quy trình phải có bước trả kết quả."))
    if problems:
        return problems

    forward = {s.code: list(s.forward_to) for s in steps}
    reachable = _reach(steps[0].code, forward)
    for i, s in enumerate(steps):
        if s.code not in reachable:
            problems.append(
                Problem(
                    f"{path}[{i}]",
                    "step_unreachable",
                    f"Không có đường chuyển hồ sơ đến bước «{s.name}».",
                )
            )
    backward: dict[str, list[str]] = {s.code: [] for s in steps}
    for s in steps:
        for target in s.forward_to:
            backward[target].append(s.code)
    finishing: set[str] = set()
    for s in steps:
        if s.kind == "return":
            finishing |= _reach(s.code, backward)
    for i, s in enumerate(steps):
        if s.code in reachable and s.code not in finishing:
            problems.append(
                Problem(
                    f"{path}[{i}]",
                    "step_never_returns",
                    f"Từ bước «{s.name}» không có đường đến bước trả kết quả.",
                )
            )
    cycle = _find_cycle(steps[0].code, forward)
    if cycle:
        problems.append(
            Problem(
                path,
                "process_forward_cycle",
                "Các bước chuyển tiếp tạo thành vòng lặp: "
                + " → ".join(cycle)
                + ". Dùng «trả lại bước» cho việc quay lại.",
            )
        )
    if problems:
        return problems

    budgets = {s.code: s.budget_hours for s in steps}
    longest = _longest_path(steps[0].code, forward, budgets)
    limit = limit_in_hours(limit_value, limit_unit)
    bound = limit if limit is not None else upper_bound_hours(limit_value, limit_unit)
    if longest > bound:
        problems.append(
            Problem(
                path,
                "process_over_budget",
                f"Tổng thời gian các bước ({_fmt(longest)} giờ làm việc) vượt thời hạn giải quyết "
                f"({_fmt(bound)} giờ làm việc).",
            )
        )
    return problems


def process_total_hours(steps: Sequence[StepSpec]) -> Decimal:
    """The budgets along the longest forward path from the first step (a linear process: the sum)."""
    if not steps:
        return Decimal(0)
    forward = {s.code: list(s.forward_to) for s in steps}
    return _longest_path(steps[0].code, forward, {s.code: s.budget_hours for s in steps})


def _reach(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for nxt in edges.get(stack.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def _find_cycle(start: str, edges: dict[str, list[str]]) -> list[str]:
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        trail.append(node)
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                return [*trail[trail.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        state[node] = 2
        trail.pop()
        return []

    return visit(start)


def _longest_path(start: str, edges: dict[str, list[str]], weight: dict[str, Decimal]) -> Decimal:
    memo: dict[str, Decimal] = {}

    def best(node: str) -> Decimal:
        if node not in memo:
            memo[node] = weight[node] + max(
                (best(n) for n in edges.get(node, [])), default=Decimal(0)
            )
        return memo[node]

    return best(start)


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}"


# --- Completeness -------------------------------------------------------------------------------


def validate_for_publication(spec: ProcedureSpec) -> list[Problem]:
    """Every constituent part a published procedure must have (Decree 63/2010 Art 8.2 and the
    catalog rules of ../shared/domain.md §7), each variant's limits, components and process."""
    problems: list[Problem] = []

    def need(value: object, path: str, label: str) -> None:
        if value in (None, "", ()) or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(path, "required", f"Chưa có {label}."))

    need(spec.name, "name", "tên thủ tục")
    need(spec.field_code, "field", "lĩnh vực")
    need(spec.levels, "levels", "cấp thực hiện")
    need(spec.executing_agency_codes, "executing_agencies", "cơ quan thực hiện")
    need(spec.steps_text, "steps_text", "trình tự thực hiện")
    need(spec.subjects, "subjects", "đối tượng thực hiện")
    need(spec.result, "result", "kết quả thực hiện")
    need(spec.legal_bases, "legal_bases", "căn cứ pháp lý")
    need(spec.decision_number, "decision_number", "số quyết định công bố")
    need(spec.decision_date, "decision_date", "ngày ký quyết định công bố")
    need(spec.reception_place, "reception_place", "địa điểm tiếp nhận")
    need(spec.variants, "variants", "trường hợp giải quyết (ít nhất một)")
    if not (spec.method_counter or spec.method_online or spec.method_postal):
        problems.append(
            Problem(
                "methods",
                "required",
                "Chưa có cách thức thực hiện (trực tiếp, trực tuyến hoặc bưu chính).",
            )
        )
    if not (spec.for_individuals or spec.for_organisations):
        problems.append(
            Problem("subjects", "required", "Chưa chọn đối tượng là cá nhân hay tổ chức.")
        )
    if spec.online_level != "none" and not spec.method_online:
        problems.append(
            Problem(
                "online_level",
                "online_level_without_method",
                "Thủ tục có dịch vụ công trực tuyến phải cho phép nộp trực tuyến.",
            )
        )
    if spec.postal_intake and not spec.method_postal:
        problems.append(
            Problem(
                "postal_intake",
                "postal_without_method",
                "Tiếp nhận qua bưu chính cần cách thức nộp qua bưu chính công ích.",
            )
        )
    codes: set[str] = set()
    for i, variant in enumerate(spec.variants):
        problems += validate_variant(variant, path=f"variants[{i}]")
        if variant.code in codes:
            problems.append(
                Problem(
                    f"variants[{i}].code",
                    "variant_code_duplicate",
                    f"Mã trường hợp «{variant.code}» bị trùng.",
                )
            )
        codes.add(variant.code)
    return problems


def validate_variant(variant: VariantSpec, *, path: str) -> list[Problem]:
    problems: list[Problem] = []
    if not variant.name.strip():
        problems.append(Problem(f"{path}.name", "required", "Chưa có tên trường hợp."))
    if variant.time_limit_value < 0:
        problems.append(
            Problem(
                f"{path}.time_limit_value", "limit_negative", "Thời hạn giải quyết không được âm."
            )
        )
    if variant.committed_value is not None and not (
        0 <= variant.committed_value <= variant.time_limit_value
    ):
        problems.append(
            Problem(
                f"{path}.committed_value",
                "committed_over_limit",
                "Thời hạn cam kết phải từ 0 đến thời hạn luật định.",
            )
        )
    if (
        variant.time_limit_unit in (TimeUnit.CALENDAR_DAYS, TimeUnit.MONTHS)
        and variant.time_limit_value != variant.time_limit_value.to_integral_value()
    ):
        problems.append(
            Problem(
                f"{path}.time_limit_value",
                "limit_not_whole",
                "Thời hạn tính theo ngày hoặc tháng phải là số nguyên.",
            )
        )
    if not variant.components:
        problems.append(
            Problem(
                f"{path}.components",
                "required",
                f"Trường hợp «{variant.name}» chưa có thành phần hồ sơ.",
            )
        )
    problems += _unique(
        variant.components, f"{path}.components", "component_code_duplicate", "Mã thành phần"
    )
    for j, component in enumerate(variant.components):
        where = f"{path}.components[{j}]"
        if not component.name.strip():
            problems.append(Problem(f"{where}.name", "required", "Chưa có tên thành phần hồ sơ."))
        if (
            component.originals < 0
            or component.copies < 0
            or component.originals + component.copies == 0
        ):
            problems.append(
                Problem(
                    f"{where}.originals",
                    "component_no_paper",
                    f"Thành phần «{component.name}» phải có ít nhất một bản chính hoặc bản sao.",
                )
            )
        if component.requirement not in ("required", "conditional"):
            problems.append(
                Problem(
                    f"{where}.requirement",
                    "component_requirement_invalid",
                    "Yêu cầu phải là «bắt buộc» hoặc «bắt buộc khi có điều kiện».",
                )
            )
        elif component.requirement == "conditional" and not component.condition.strip():
            problems.append(
                Problem(
                    f"{where}.condition",
                    "component_condition_missing",
                    f"Thành phần «{component.name}» bắt buộc có điều kiện phải ghi rõ điều kiện.",
                )
            )
    for j, fee in enumerate(variant.fees):
        where = f"{path}.fees[{j}]"
        if fee.kind not in ("fee", "charge"):
            problems.append(
                Problem(
                    f"{where}.kind",
                    "fee_kind_invalid",
                    "Loại khoản thu phải là «phí» hoặc «lệ phí».",
                )
            )
        if fee.amount < 0:
            problems.append(Problem(f"{where}.amount", "fee_negative", "Mức thu không được âm."))
    problems += validate_process(
        variant.steps,
        limit_value=variant.effective_limit,
        limit_unit=variant.time_limit_unit,
        path=f"{path}.steps",
    )
    return problems


def _unique(items: Iterable[ComponentSpec], path: str, code: str, label: str) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for j, item in enumerate(items):
        if item.code in seen:
            problems.append(Problem(f"{path}[{j}].code", code, f"{label} «{item.code}» bị trùng."))
        seen.add(item.code)
    return problems
