"""What happened to the demo catalog after its first publication: amended versions, abolished and
replaced procedures, one with an announced end date, and drafts not yet published."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from motcua.catalog.specs import ProcedureSpec
from motcua.demo.catalog_content.kit import (
    D_AMEND_AUGUST,
    D_AMEND_JUNE,
    Decision,
    with_committed,
    with_decision,
    with_fee,
)

# The demo's "today": every start date the lifecycle uses is on or before it.
DEMO_TODAY = dt.date(2026, 11, 24)


@dataclass(frozen=True)
class Amendment:
    """A second version of a procedure, published by a later decision."""

    code: str
    decision: Decision
    reason: str
    change: Callable[[ProcedureSpec], ProcedureSpec]

    @property
    def valid_from(self) -> dt.date:
        return self.decision.effective

    def apply(self, spec: ProcedureSpec) -> ProcedureSpec:
        return with_decision(self.change(spec), self.decision)


@dataclass(frozen=True)
class Ending:
    """A procedure that ends (abolished, or replaced by another procedure) from `valid_to`."""

    code: str
    valid_to: dt.date
    reason: str
    replaced_by: str | None = None


_JUNE = (
    f"Sửa đổi theo Quyết định số {D_AMEND_JUNE.number} ngày {D_AMEND_JUNE.signed:%d/%m/%Y} của "
    "Chủ tịch UBND tỉnh (rút ngắn thời gian giải quyết)"
)
_AUGUST = (
    f"Sửa đổi theo Quyết định số {D_AMEND_AUGUST.number} ngày {D_AMEND_AUGUST.signed:%d/%m/%Y} "
    "của Chủ tịch UBND tỉnh"
)

AMENDMENTS: tuple[Amendment, ...] = (
    Amendment(
        "2.000575",
        D_AMEND_JUNE,
        f"{_JUNE}: đăng ký hộ kinh doanh giải quyết trong 01 ngày làm việc.",
        lambda spec: with_committed(spec, "thanh-lap", 1),
    ),
    Amendment(
        "1.012766",
        D_AMEND_JUNE,
        f"{_JUNE}: chuyển nhượng quyền sử dụng đất giải quyết trong 05 ngày làm việc.",
        lambda spec: with_committed(spec, "chuyen-nhuong", 5),
    ),
    Amendment(
        "1.009974",
        D_AMEND_AUGUST,
        f"{_AUGUST}: cấp giấy phép xây dựng nhà ở riêng lẻ trong 07 ngày làm việc.",
        lambda spec: with_committed(spec, "nha-o-rieng-le", 7),
    ),
    Amendment(
        "2.000488",
        D_AMEND_AUGUST,
        f"{_AUGUST}: cấp Phiếu lý lịch tư pháp trong 05 ngày làm việc.",
        lambda spec: with_committed(spec, "thong-thuong", 5),
    ),
    Amendment(
        "1.004873",
        D_AMEND_AUGUST,
        f"{_AUGUST} và Nghị quyết số 07/2026/NQ-HĐND: giảm lệ phí cấp Giấy xác nhận tình "
        "trạng hôn nhân còn 5.000 đồng/bản.",
        lambda spec: with_fee(spec, "cap-moi", 0, 5_000),
    ),
)

_ABOLISHED = (
    "Bãi bỏ theo Quyết định số 415/QĐ-UBND ngày 20/02/2026 của Chủ tịch UBND tỉnh về việc công "
    "bố danh mục thủ tục hành chính bị bãi bỏ"
)

ENDINGS: tuple[Ending, ...] = (
    Ending(
        "2.000962",
        dt.date(2026, 3, 1),
        f"{_ABOLISHED} (thù lao hòa giải viên chi theo dự toán, không còn là thủ tục hành chính).",
    ),
    Ending(
        "1.001105", dt.date(2026, 3, 1), f"{_ABOLISHED} (lễ hội cấp tỉnh chuyển sang thông báo)."
    ),
    Ending("2.001955", dt.date(2026, 3, 1), f"{_ABOLISHED}."),
    Ending(
        "H99.0301",
        dt.date(2026, 2, 1),
        "Thay thế theo Quyết định số 215/QĐ-UBND ngày 20/01/2026 của Chủ tịch UBND tỉnh: Nghị "
        "quyết số 05/2026/NQ-HĐND thay thế Nghị quyết số 12/2023/NQ-HĐND.",
        replaced_by="H99.0302",
    ),
    Ending(
        "2.000633",
        dt.date(2027, 1, 1),
        "Bãi bỏ từ ngày 01/01/2027 theo Quyết định số 2488/QĐ-UBND ngày 10/11/2026 của Chủ tịch "
        "UBND tỉnh (giấy phép bán lẻ rượu chuyển sang chế độ đăng ký).",
    ),
)

# Local procedures whose resolutions are still before the provincial council: saved as drafts.
DRAFT_CODES: frozenset[str] = frozenset({"H99.0401", "H99.0402"})
