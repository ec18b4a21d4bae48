"""The service index of Decision 766/QĐ-TTg (Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng
phục vụ người dân, doanh nghiệp), computed live from motcua's data for the province (the report's
filter) and per agency. Every figure is labelled an estimate (ước tính): the national portal
computes the official one, and parts of the appendix are unknown (domain §9, §13 item 6).

Each indicator is a numerator over a denominator; its points are min(max, ratio × max ÷ threshold)
(threshold 100% where the Decision gives none). Indicators whose maximum is unknown show the ratio
only; indicators that need data motcua does not hold are "not measurable", with the reason. The
numerator and the denominator of every measurable indicator are querysets (`index766_drilldown`),
and the table counts the very same conditions, so a number and its list never disagree.

Instants: S = 00:00 local of the period's first day, E = 00:00 of the day after its last, and
C = min(E, now) for "overdue at the period's end" (a running period is judged at the moment).
docs/reports.md states each condition in words.
"""

import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from motcua.accounts.models import Agency
from motcua.calendar.engine import WorkingCalendar
from motcua.calendar.selectors import calendar_for_agency
from motcua.catalog.models import OnlineLevel, Procedure, ProcedureVersion, VersionStatus
from motcua.core.errors import ValidationFailed
from motcua.core.timezone import to_local
from motcua.dossiers.models import Channel, DossierRating
from motcua.feedback.models import (
    TO_CLASSIFY,
    Feedback,
    FeedbackReaction,
    FeedbackStatus,
    FeedbackSubject,
    ReactionValue,
)
from motcua.reports.models import DossierFact, EndKind, Judgement
from motcua.reports.periods import Period
from motcua.reports.scope import ReportFilter

# Decree 63/2010 Art 15: a province publishes ≥ 5 working days before the legal text takes
# effect, and enters the decision in the national database within 5 working days of signing.
PUBLISH_BEFORE_WD = 5
NATIONAL_DB_WITHIN_WD = 5
HOURS_PER_WORKING_DAY = Decimal(8)


class Kind(enum.StrEnum):
    """What an indicator counts (and its drill-down lists)."""

    DOSSIERS = "dossiers"  # DossierFact rows
    FEEDBACK = "feedback"  # Feedback (PAKN) rows
    VERSIONS = "versions"  # ProcedureVersion rows (one per procedure, or per decision)
    PROCEDURES = "procedures"  # Procedure rows (distinct procedures of the dossiers counted)


class Status(enum.StrEnum):
    SCORED = "scored"  # points = min(max, ratio × max ÷ threshold)
    RATIO = "ratio"  # the ratio only: the indicator's maximum is not known
    DISPLAY = "display"  # a figure shown, never scored (2.2)
    NOT_MEASURABLE = "not_measurable"  # motcua lacks the data


class Part(enum.StrEnum):
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"


@dataclass(frozen=True)
class Group:
    number: int
    label: str
    max_points: int


GROUPS: tuple[Group, ...] = (
    Group(1, "Công khai, minh bạch", 18),
    Group(2, "Tiến độ, kết quả giải quyết", 20),
    Group(3, "Cung cấp dịch vụ công trực tuyến, thanh toán trực tuyến", 22),
    Group(4, "Số hóa hồ sơ, kết quả giải quyết", 22),
    Group(5, "Mức độ hài lòng", 18),
)


@dataclass(frozen=True)
class Indicator:
    code: str
    group: int
    label: str
    numerator_text: str
    denominator_text: str
    max_points: Decimal | None
    threshold: Decimal = Decimal(100)  # percent
    kind: Kind | None = None
    status: Status = Status.SCORED
    note: str = ""  # not measurable: the reason; ratio only: why no points; else a remark

    @property
    def measurable(self) -> bool:
        return self.status is not Status.NOT_MEASURABLE

    @property
    def key(self) -> str:
        return self.code.replace(".", "_")

    @property
    def formula(self) -> str:
        if self.status is Status.DISPLAY:
            return f"({self.numerator_text}) ÷ ({self.denominator_text}) ÷ 8 giờ"
        text = f"Tỷ lệ = ({self.numerator_text}) ÷ ({self.denominator_text})"
        if self.status is Status.SCORED and self.max_points is not None:
            text += (
                f"; điểm = min({self.max_points}, tỷ lệ × {self.max_points} ÷ {self.threshold:f}%)"
            )
        return text


_RATIO_ONLY = (
    "Chưa rõ điểm tối đa của chỉ số (12 điểm của các chỉ số 3.1–3.3 chưa rõ cách chia): chỉ "
    "hiển thị tỷ lệ."
)
_PAYMENT = (
    "motcua chưa tích hợp nền tảng thanh toán trực tuyến nên không ghi nhận thủ tục nào đã tích "
    "hợp thanh toán."
)

_D = Decimal
INDICATORS: tuple[Indicator, ...] = (
    Indicator("1.1", 1, "Công bố thủ tục hành chính đúng hạn",
              "Quyết định công bố ký trước ngày căn cứ pháp lý mới nhất có hiệu lực ít nhất 5 ngày làm việc",
              "Phiên bản thủ tục có quyết định công bố ký trong kỳ", _D(6), kind=Kind.VERSIONS,
              note="Tính theo quy định với quyết định của tỉnh (5 ngày làm việc); phiên bản không ghi ngày hiệu lực của căn cứ pháp lý không được tính."),
    Indicator("1.2", 1, "Công khai thủ tục trên Cơ sở dữ liệu quốc gia đúng hạn",
              "Công khai trên CSDL quốc gia trong 5 ngày làm việc kể từ ngày ký quyết định",
              "Phiên bản có hạn công khai trên CSDL quốc gia trong kỳ", _D(4), kind=Kind.VERSIONS),
    Indicator("1.3", 1, "Công khai đầy đủ các bộ phận của thủ tục",
              "Thủ tục công khai đủ các bộ phận theo Điều 8.2 Nghị định 63/2010",
              "Thủ tục đang công khai cuối kỳ", _D(2), kind=Kind.VERSIONS,
              note="motcua chỉ công bố phiên bản có đủ các bộ phận, nên mọi thủ tục đang công khai đều đủ."),
    Indicator("1.4", 1, "Đồng bộ hồ sơ lên Hệ thống thông tin báo cáo quốc gia",
              "Hồ sơ đã đồng bộ", "Số hồ sơ lớn hơn giữa Hệ thống báo cáo và Cổng DVCQG", _D(6),
              status=Status.NOT_MEASURABLE,
              note="motcua chưa đồng bộ hồ sơ với Hệ thống thông tin báo cáo quốc gia và Cổng Dịch vụ công quốc gia: không có số liệu đối chiếu."),
    Indicator("2.1", 2, "Giải quyết hồ sơ đúng hạn",
              "Hồ sơ giải quyết trước hạn, đúng hạn, hoặc đang giải quyết còn trong hạn cuối kỳ",
              "Hồ sơ kết thúc giải quyết trong kỳ hoặc đang giải quyết cuối kỳ", _D(20),
              kind=Kind.DOSSIERS,
              note="Trừ thời gian chờ bổ sung; yêu cầu bổ sung quá 1 lần tính là quá hạn."),
    Indicator("2.2", 2, "Thời gian giải quyết trung bình (ngày làm việc)",
              "Tổng thời gian giải quyết, giờ làm việc, trừ thời gian chờ bổ sung",
              "Hồ sơ đã giải quyết trong kỳ", None, kind=Kind.DOSSIERS, status=Status.DISPLAY,
              note="Chỉ hiển thị, không tính điểm."),
    Indicator("3.1", 3, "Thủ tục cung cấp trực tuyến ở mức cao nhất",
              "Thủ tục toàn trình, hoặc một phần khi không đủ điều kiện toàn trình",
              "Thủ tục thuộc thẩm quyền đang công khai cuối kỳ", None, _D(80),
              kind=Kind.VERSIONS, status=Status.RATIO, note=_RATIO_ONLY),
    Indicator("3.2", 3, "Dịch vụ công trực tuyến có phát sinh hồ sơ",
              "Dịch vụ công trực tuyến có ít nhất 1 hồ sơ trực tuyến tiếp nhận trong kỳ",
              "Dịch vụ công trực tuyến (một phần, toàn trình) cuối kỳ", None,
              kind=Kind.VERSIONS, status=Status.RATIO, note=_RATIO_ONLY),
    Indicator("3.3", 3, "Hồ sơ trực tuyến có kết quả điện tử",
              "Hồ sơ trực tuyến giải quyết trong kỳ có kết quả điện tử",
              "Hồ sơ trực tuyến giải quyết trong kỳ", None, _D(50),
              kind=Kind.DOSSIERS, status=Status.RATIO,
              note="Chưa có hệ số tỷ lệ đồng bộ với Cổng DVCQG và chưa rõ điểm tối đa: chỉ hiển thị tỷ lệ (ước tính)."),
    Indicator("3.5", 3, "Thủ tục tích hợp thanh toán trực tuyến",
              "Thủ tục đã tích hợp thanh toán trực tuyến", "Thủ tục có phí, lệ phí", _D(2), _D(80),
              status=Status.NOT_MEASURABLE, note=_PAYMENT),
    Indicator("3.5b", 3, "Thủ tục có phát sinh thanh toán trực tuyến",
              "Thủ tục có ít nhất 1 hồ sơ thanh toán trực tuyến qua nền tảng tích hợp",
              "Thủ tục có phí, lệ phí", _D(2), _D(80), status=Status.NOT_MEASURABLE, note=_PAYMENT),
    Indicator("3.6", 3, "Hồ sơ thanh toán trực tuyến",
              "Hồ sơ có phí, lệ phí tiếp nhận trong kỳ đã thanh toán trực tuyến",
              "Hồ sơ có phí, lệ phí tiếp nhận trong kỳ", _D(6), kind=Kind.DOSSIERS),
    Indicator("4.1", 4, "Thủ tục có cấp kết quả điện tử",
              "Thủ tục có ít nhất 1 hồ sơ giải quyết trong kỳ có kết quả điện tử",
              "Thủ tục có hồ sơ giải quyết (cấp kết quả) trong kỳ", _D(6), kind=Kind.PROCEDURES),
    Indicator("4.2", 4, "Hồ sơ được số hóa",
              "Hồ sơ tiếp nhận trong kỳ có thành phần được số hóa", "Hồ sơ tiếp nhận trong kỳ",
              _D(4), _D(80), kind=Kind.DOSSIERS),
    Indicator("4.3", 4, "Hồ sơ tái sử dụng dữ liệu số hóa",
              "Hồ sơ tiếp nhận trong kỳ có thành phần tái sử dụng", "Hồ sơ tiếp nhận trong kỳ",
              _D(2), _D(80), kind=Kind.DOSSIERS),
    Indicator("4.4", 4, "Hồ sơ sử dụng dữ liệu từ kho dữ liệu",
              "Hồ sơ tiếp nhận trong kỳ có thành phần lấy từ kho dữ liệu của công dân, tổ chức",
              "Hồ sơ tiếp nhận trong kỳ", _D(4), kind=Kind.DOSSIERS),
    Indicator("4.5a", 4, "Thủ tục có hồ sơ xác thực bằng VNeID",
              "Thủ tục có ít nhất 1 hồ sơ tiếp nhận trong kỳ của tài khoản xác thực VNeID",
              "Thủ tục có hồ sơ tiếp nhận trong kỳ", _D(2), kind=Kind.PROCEDURES),
    Indicator("4.5b", 4, "Hồ sơ xác thực bằng VNeID",
              "Hồ sơ tiếp nhận trong kỳ của tài khoản xác thực VNeID", "Hồ sơ tiếp nhận trong kỳ",
              _D(2), kind=Kind.DOSSIERS),
    Indicator("5.2", 5, "Xử lý phản ánh, kiến nghị đúng hạn",
              "Phản ánh, kiến nghị mà mọi bước (phân loại, yêu cầu bổ sung, trả lời, công khai) đều đúng hạn",
              "Phản ánh, kiến nghị tiếp nhận trong kỳ", _D(6), kind=Kind.FEEDBACK),
    Indicator("5.3", 5, "Phản ánh, kiến nghị được xử lý thỏa đáng",
              "Phản ánh, kiến nghị đúng hạn, không bị đánh giá không hài lòng, không phải gửi lại",
              "Phản ánh, kiến nghị tiếp nhận trong kỳ", _D(6), kind=Kind.FEEDBACK),
    Indicator("5.4", 5, "Mức độ hài lòng trong giải quyết hồ sơ",
              "Hồ sơ đúng hạn, không có phản ánh về việc giải quyết, không bị đánh giá không hài lòng",
              "Hồ sơ kết thúc giải quyết trong kỳ hoặc đang giải quyết cuối kỳ", _D(6), _D(90),
              kind=Kind.DOSSIERS),
)  # fmt: skip
INDICATOR_BY_CODE: Mapping[str, Indicator] = {i.code: i for i in INDICATORS}


# --- The window of a computation --------------------------------------------------------------


@dataclass(frozen=True)
class Window:
    period: Period
    cutoff: dt.datetime  # C = min(E, now)
    today: dt.date  # the last day judged: the period's last day, or today in a running period

    @property
    def start(self) -> dt.datetime:
        return self.period.start

    @property
    def end(self) -> dt.datetime:
        return self.period.end


def _window(period: Period, at: dt.datetime | None) -> Window:
    now = at or timezone.now()
    return Window(period, min(period.end, now), min(to_local(now).date(), period.last))


# --- Dossier conditions (on DossierFact) ------------------------------------------------------

type FactRule = Callable[[Window], Q]


def _received(w: Window) -> Q:
    return Q(received_at__gte=w.start, received_at__lt=w.end)


def _finished(w: Window) -> Q:
    return Q(finished_at__gte=w.start, finished_at__lt=w.end)


def _resolved(w: Window) -> Q:
    return _finished(w) & Q(end_kind__in=[EndKind.RESULT, EndKind.REFUSAL])


def _open_at_end(w: Window) -> Q:
    return Q(received_at__isnull=False, received_at__lt=w.end) & (
        Q(finished_at__isnull=True) | Q(finished_at__gte=w.end)
    )


def _handled(w: Window) -> Q:
    """Received or handled in the period: finished in it (result, refusal, stopped or withdrawn),
    or still open at its end (received before E)."""
    return _finished(w) | _open_at_end(w)


def _in_time_766(w: Window) -> Q:
    """Within the deadline by the 766 view: finished early or on time; or open at the end and not
    past its 766 due at C — or standing paused since before C, the due not passed when the pause
    began. (The 766 due subtracts supplement time; more than one request puts it at the clock
    start: late.)"""
    finished = _finished(w) & Q(timeliness_766__in=[Judgement.EARLY, Judgement.ON_TIME])
    running = _open_at_end(w) & (
        Q(due_766_at__gte=w.cutoff)
        | Q(
            paused_since__isnull=False,
            paused_since__lte=w.cutoff,
            due_766_at__gte=F("paused_since"),
        )
    )
    return finished | running


def _pakn_on_dossier() -> Exists:
    """A PAKN linked to the dossier about its handling or an officer's conduct."""
    return Exists(
        Feedback.objects.filter(
            dossier_id=OuterRef("dossier_id"),
            subject__in=[FeedbackSubject.HANDLING, FeedbackSubject.CONDUCT],
        )
    )


def _dissatisfied() -> Exists:
    return Exists(DossierRating.objects.filter(dossier_id=OuterRef("dossier_id"), satisfied=False))


def _online(q: FactRule) -> FactRule:
    return lambda w: q(w) & Q(channel=Channel.ONLINE)


@dataclass(frozen=True)
class FactParts:
    numerator: FactRule
    denominator: FactRule
    distinct_procedures: bool = False  # count procedures, not dossiers


FACT_PARTS: Mapping[str, FactParts] = {
    "2.1": FactParts(_in_time_766, _handled),
    "2.2": FactParts(_resolved, _resolved),
    "3.3": FactParts(lambda w: _online(_resolved)(w) & Q(e_result=True), _online(_resolved)),
    "3.6": FactParts(
        lambda w: _received(w) & Q(has_fees=True, paid_online=True),
        lambda w: _received(w) & Q(has_fees=True),
    ),
    "4.1": FactParts(
        lambda w: _finished(w) & Q(end_kind=EndKind.RESULT, e_result=True),
        lambda w: _finished(w) & Q(end_kind=EndKind.RESULT),
        distinct_procedures=True,
    ),
    "4.2": FactParts(lambda w: _received(w) & Q(digitised=True), _received),
    "4.3": FactParts(lambda w: _received(w) & Q(reused=True), _received),
    "4.4": FactParts(lambda w: _received(w) & Q(from_store=True), _received),
    "4.5a": FactParts(lambda w: _received(w) & Q(vneid=True), _received, distinct_procedures=True),
    "4.5b": FactParts(lambda w: _received(w) & Q(vneid=True), _received),
    "5.4": FactParts(
        lambda w: _in_time_766(w) & ~Q(_pakn_on_dossier()) & ~Q(_dissatisfied()), _handled
    ),
}

# The parts of 5.4, shown beside it: late, with a PAKN, rated dissatisfied (a dossier may be in
# more than one; the numerator counts each dossier once).
FACT_DETAILS: Mapping[str, FactRule] = {
    "late": lambda w: _handled(w) & ~_in_time_766(w),
    "pakn": lambda w: _handled(w) & Q(_pakn_on_dossier()),
    "dissatisfied": lambda w: _handled(w) & Q(_dissatisfied()),
}
DETAIL_LABELS: Mapping[str, str] = {
    "late": "quá hạn",
    "pakn": "có phản ánh, kiến nghị",
    "dissatisfied": "bị đánh giá không hài lòng",
    "feedback_late": "xử lý không đúng hạn",
    "disliked": "câu trả lời bị đánh giá không hài lòng",
    "repeated": "gửi lại, trùng nội dung",
}


def _fact_base(w: Window) -> Q:
    return _received(w) | _handled(w)


def _fact_annotations(w: Window) -> dict[str, Any]:
    counts: dict[str, Any] = {}
    for code, parts in FACT_PARTS.items():
        key = code.replace(".", "_")
        for part, rule in (
            (Part.NUMERATOR, parts.numerator),
            (Part.DENOMINATOR, parts.denominator),
        ):
            column = "procedure_id" if parts.distinct_procedures else "pk"
            counts[f"{key}_{part.value}"] = Count(
                column, filter=rule(w), distinct=parts.distinct_procedures
            )
    counts["2_2_hours"] = Sum("elapsed_hours", filter=_resolved(w))
    for name, rule in FACT_DETAILS.items():
        counts[f"5_4_{name}"] = Count("pk", filter=rule(w))
    return counts


# --- PAKN conditions (on Feedback) ------------------------------------------------------------


def _after(done: str, due: str) -> Q:
    return Q(**{f"{done}__isnull": False, f"{due}__isnull": False, f"{done}__gt": F(due)})


def _feedback_late(w: Window) -> Q:
    """A step taken after its due (accept or refuse after the classification due, an information
    request after its due, the answer after the answer due, the publication after its due), or a
    step still waiting past its due at C."""
    taken = (
        _after("refused_at", "classify_due_at")
        | _after("accepted_at", "classify_due_at")
        | _after("info_requested_at", "info_request_due_at")
        | _after("answered_at", "answer_due_at")
        | _after("published_at", "publish_due_at")
    )
    waiting = (
        Q(status__in=list(TO_CLASSIFY), classify_due_at__lt=w.cutoff)
        | Q(status=FeedbackStatus.ACCEPTED, answer_due_at__isnull=False, answer_due_at__lt=w.cutoff)
        | Q(
            status=FeedbackStatus.ANSWERED,
            answer_public=True,
            publish_due_at__isnull=False,
            publish_due_at__lt=w.cutoff,
        )
    )
    return taken | waiting


def _reactions(value: ReactionValue) -> Coalesce:
    counted = (
        FeedbackReaction.objects.filter(feedback_id=OuterRef("pk"), value=value)
        .order_by()
        .values("feedback_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), Value(0))


def _disliked() -> GreaterThan:
    """More readers disliked the published answer than liked it."""
    return GreaterThan(_reactions(ReactionValue.DISLIKE), _reactions(ReactionValue.LIKE))


def _feedback_received(w: Window) -> Q:
    return Q(received_at__gte=w.start, received_at__lt=w.end)


FEEDBACK_PARTS: Mapping[str, tuple[FactRule, FactRule]] = {
    "5.2": (lambda w: _feedback_received(w) & ~_feedback_late(w), _feedback_received),
    "5.3": (
        lambda w: (
            _feedback_received(w) & ~_feedback_late(w) & ~Q(_disliked()) & Q(repeat_of__isnull=True)
        ),
        _feedback_received,
    ),
}
FEEDBACK_DETAILS: Mapping[str, FactRule] = {
    "feedback_late": lambda w: _feedback_received(w) & _feedback_late(w),
    "disliked": lambda w: _feedback_received(w) & Q(_disliked()),
    "repeated": lambda w: _feedback_received(w) & Q(repeat_of__isnull=False),
}


def _feedback_annotations(w: Window) -> dict[str, Any]:
    counts: dict[str, Any] = {}
    for code, (numerator, denominator) in FEEDBACK_PARTS.items():
        key = code.replace(".", "_")
        counts[f"{key}_numerator"] = Count("pk", filter=numerator(w))
        counts[f"{key}_denominator"] = Count("pk", filter=denominator(w))
    for name, rule in FEEDBACK_DETAILS.items():
        counts[f"5_3_{name}"] = Count("pk", filter=rule(w))
    return counts


def _feedback_query(report: ReportFilter, w: Window) -> QuerySet[Feedback]:
    """The PAKN of the filter's agencies (the agency responsible now) received in the period;
    a procedure filter applies, the field and channel filters do not."""
    query = Feedback.objects.filter(_feedback_received(w))
    if report.agency_ids is not None:
        query = query.filter(agency_id__in=report.agency_ids)
    if report.procedure is not None:
        query = query.filter(procedure_id=report.procedure.pk)
    return query


# --- Catalog conditions (on ProcedureVersion) -------------------------------------------------

_THROUGH = ProcedureVersion.executing_agencies.through
_VERSION_CODES = ("1.3", "3.1", "3.2")


def _public_at(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status": VersionStatus.PUBLISHED, f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": day})
    )


def _catalog_filter(report: ReportFilter, prefix: str = "") -> Q:
    query = Q()
    if report.field is not None:
        query &= Q(**{f"{prefix}field_id": report.field.pk})
    if report.procedure is not None:
        query &= Q(**{f"{prefix}procedure_id": report.procedure.pk})
    return query


def _online_service(prefix: str = "") -> Q:
    return Q(**{f"{prefix}online_level__in": [OnlineLevel.PARTIAL, OnlineLevel.FULL]})


def _online_highest(prefix: str = "") -> Q:
    """Full online, or partial online where the procedure is not eligible for full online."""
    return Q(**{f"{prefix}online_level": OnlineLevel.FULL}) | Q(
        **{f"{prefix}online_level": OnlineLevel.PARTIAL, f"{prefix}full_online_eligible": False}
    )


def _online_dossier(w: Window, procedure_ref: str, agencies: Q) -> Exists:
    return Exists(
        DossierFact.objects.filter(
            agencies, _received(w), procedure_id=OuterRef(procedure_ref), channel=Channel.ONLINE
        )
    )


def _version_parts(
    w: Window, code: str, *, prefix: str, procedure_ref: str, agencies: Q
) -> tuple[Q, Q]:
    """(numerator, denominator) of a catalog indicator among the versions in force at the end."""
    if code == "1.3":
        return Q(), Q()
    if code == "3.1":
        return _online_highest(prefix), Q()
    if code == "3.2":
        service = _online_service(prefix)
        return service & Q(_online_dossier(w, procedure_ref, agencies)), service
    raise KeyError(code)


def _ids_q(agency_ids: Iterable[int] | None, column: str = "agency_id") -> Q:
    return Q() if agency_ids is None else Q(**{f"{column}__in": list(agency_ids)})


def _versions_in_competence(
    report: ReportFilter, day: dt.date, agency_ids: frozenset[int] | None
) -> QuerySet[ProcedureVersion]:
    versions = ProcedureVersion.objects.filter(_public_at(day)).filter(_catalog_filter(report))
    if agency_ids is not None:
        versions = versions.filter(
            pk__in=_THROUGH.objects.filter(agency_id__in=agency_ids).values("procedureversion_id")
        )
    return versions


# --- Publication (1.1, 1.2): dates compared in the province's working calendar -----------------


def _province_calendar() -> WorkingCalendar:
    from motcua.feedback.routing import province_root

    try:
        return calendar_for_agency(province_root())
    except ValidationFailed:
        return calendar_for_agency(None)


def _shift_working_days(calendar: WorkingCalendar, day: dt.date, days: int) -> dt.date:
    """The date `days` working days after `day` (before it when negative)."""
    step = dt.timedelta(days=1 if days > 0 else -1)
    left = abs(days)
    while left:
        day += step
        if calendar.is_working_day(day):
            left -= 1
    return day


def _latest_effective(legal_bases: object) -> dt.date | None:
    dates: list[dt.date] = []
    if isinstance(legal_bases, list):
        for basis in legal_bases:
            value = basis.get("effective_date") if isinstance(basis, dict) else None
            if isinstance(value, str) and value:
                try:
                    dates.append(dt.date.fromisoformat(value))
                except ValueError:
                    continue
    return max(dates) if dates else None


@dataclass(frozen=True)
class Publication:
    """Version ids behind 1.1 and 1.2, and the agencies executing each."""

    sets: Mapping[str, frozenset[int]]  # "1_1_numerator", "1_1_denominator", "1_2_…"
    agencies: Mapping[int, frozenset[int]]  # version id → executing agency ids (in the filter)


def _publication(report: ReportFilter, w: Window, agency_ids: frozenset[int] | None) -> Publication:
    first, last = w.period.first, w.period.last
    calendar = _province_calendar()
    candidates = ProcedureVersion.objects.filter(
        status=VersionStatus.PUBLISHED,
        decision_date__isnull=False,
        decision_date__gte=first - dt.timedelta(days=31),
        decision_date__lte=last,
    ).filter(_catalog_filter(report))
    if agency_ids is not None:
        candidates = candidates.filter(
            pk__in=_THROUGH.objects.filter(agency_id__in=agency_ids).values("procedureversion_id")
        )
    sets: dict[str, set[int]] = defaultdict(set)
    for pk, decided, national, bases in candidates.values_list(
        "pk", "decision_date", "national_db_published_on", "legal_bases"
    ):
        if decided is None:
            continue
        effective = _latest_effective(bases)
        if first <= decided <= last and effective is not None:
            sets["1_1_denominator"].add(pk)
            if decided <= _shift_working_days(calendar, effective, -PUBLISH_BEFORE_WD):
                sets["1_1_numerator"].add(pk)
        due = _shift_working_days(calendar, decided, NATIONAL_DB_WITHIN_WD)
        if first <= due <= w.today:
            sets["1_2_denominator"].add(pk)
            if national is not None and national <= due:
                sets["1_2_numerator"].add(pk)
    involved = set().union(*sets.values()) if sets else set()
    agencies: dict[int, set[int]] = defaultdict(set)
    pairs = _THROUGH.objects.filter(procedureversion_id__in=involved).filter(_ids_q(agency_ids))
    for version_id, agency_id in pairs.values_list("procedureversion_id", "agency_id"):
        agencies[version_id].add(agency_id)
    return Publication(
        {key: frozenset(value) for key, value in sets.items()},
        {key: frozenset(value) for key, value in agencies.items()},
    )


# --- Results ----------------------------------------------------------------------------------


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@dataclass
class IndicatorResult:
    indicator: Indicator
    numerator: int | None = None
    denominator: int | None = None
    value: Decimal | None = None  # 2.2: average working days
    details: list[tuple[str, int]] = field(default_factory=list)

    @property
    def ratio(self) -> Decimal | None:
        """Numerator ÷ denominator in percent (None: nothing to count, or not measurable)."""
        if self.numerator is None or not self.denominator:
            return None
        return _percent(self.numerator, self.denominator)

    @property
    def points(self) -> Decimal | None:
        """min(max, ratio × max ÷ threshold) for a scored indicator with something to count."""
        indicator, ratio = self.indicator, self.ratio
        if indicator.status is not Status.SCORED or indicator.max_points is None or ratio is None:
            return None
        raw = ratio * indicator.max_points / indicator.threshold
        return min(indicator.max_points, raw).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def detail_rows(self) -> list[tuple[str, int]]:
        return [(DETAIL_LABELS.get(name, name), count) for name, count in self.details]


@dataclass(frozen=True)
class GroupScore:
    group: Group
    results: list[IndicatorResult]

    @property
    def points(self) -> Decimal:
        return sum((r.points for r in self.results if r.points is not None), Decimal(0))

    @property
    def measured_max(self) -> Decimal:
        """The maximum of the indicators that got points (what `points` is out of)."""
        return sum(
            (r.indicator.max_points for r in self.results
             if r.points is not None and r.indicator.max_points is not None),
            Decimal(0),
        )  # fmt: skip


@dataclass
class Index766Row:
    agency: Agency | None  # None: the whole filter (the province, or the filter's agency)
    results: dict[str, IndicatorResult]

    def __getitem__(self, code: str) -> IndicatorResult:
        return self.results[code]

    @property
    def groups(self) -> list[GroupScore]:
        return [
            GroupScore(g, [r for r in self.results.values() if r.indicator.group == g.number])
            for g in GROUPS
        ]

    @property
    def points(self) -> Decimal:
        """The estimated total (ước tính): the points of every indicator that got points."""
        return sum((g.points for g in self.groups), Decimal(0))

    @property
    def measured_max(self) -> Decimal:
        return sum((g.measured_max for g in self.groups), Decimal(0))


@dataclass
class Index766Table:
    period: Period
    total: Index766Row
    rows: list[Index766Row]  # each agency's own figures, by code


def _empty_results() -> dict[str, IndicatorResult]:
    """Nothing counted yet: 0 of 0 for a measurable indicator, nothing for the others."""
    return {
        i.code: IndicatorResult(i, 0, 0) if i.measurable else IndicatorResult(i) for i in INDICATORS
    }


def _fill_facts(results: Mapping[str, IndicatorResult], item: Mapping[str, Any]) -> None:
    for code in FACT_PARTS:
        result, key = results[code], code.replace(".", "_")
        result.numerator = int(item.get(f"{key}_numerator") or 0)
        result.denominator = int(item.get(f"{key}_denominator") or 0)
    hours = item.get("2_2_hours")
    resolved = results["2.2"].denominator
    if resolved and hours is not None:
        results["2.2"].value = (
            Decimal(hours) / Decimal(resolved) / HOURS_PER_WORKING_DAY
        ).quantize(Decimal("0.01"), ROUND_HALF_UP)
    results["5.4"].details = [(name, int(item.get(f"5_4_{name}") or 0)) for name in FACT_DETAILS]


def _fill_feedback(results: Mapping[str, IndicatorResult], item: Mapping[str, Any]) -> None:
    for code in FEEDBACK_PARTS:
        result, key = results[code], code.replace(".", "_")
        result.numerator = int(item.get(f"{key}_numerator") or 0)
        result.denominator = int(item.get(f"{key}_denominator") or 0)
    results["5.3"].details = [
        (name, int(item.get(f"5_3_{name}") or 0)) for name in FEEDBACK_DETAILS
    ]


def _version_annotations(
    w: Window, *, prefix: str, procedure_ref: str, agencies: Q
) -> dict[str, Any]:
    counts: dict[str, Any] = {}
    for code in _VERSION_CODES:
        numerator, denominator = _version_parts(
            w, code, prefix=prefix, procedure_ref=procedure_ref, agencies=agencies
        )
        key = code.replace(".", "_")
        counts[f"{key}_numerator"] = Count("pk", filter=numerator)
        counts[f"{key}_denominator"] = Count("pk", filter=denominator)
    return counts


def _fill_versions(results: Mapping[str, IndicatorResult], item: Mapping[str, Any]) -> None:
    for code in _VERSION_CODES:
        result, key = results[code], code.replace(".", "_")
        result.numerator = int(item.get(f"{key}_numerator") or 0)
        result.denominator = int(item.get(f"{key}_denominator") or 0)


def _fill_publication(
    results: Mapping[str, IndicatorResult], publication: Publication, agency_id: int | None
) -> None:
    for code in ("1.1", "1.2"):
        key = code.replace(".", "_")
        for part in Part:
            ids = publication.sets.get(f"{key}_{part.value}", frozenset())
            if agency_id is not None:
                ids = frozenset(v for v in ids if agency_id in publication.agencies.get(v, ()))
            setattr(results[code], part.value, len(ids))


def index766_table(
    *, report: ReportFilter, period: Period, at: dt.datetime | None = None
) -> Index766Table:
    """The index for the filter as a whole and for each agency in it with anything to count
    (its own figures, no sub-tree roll-up). A fixed number of queries."""
    w = _window(period, at)
    ids = report.agency_ids
    facts = DossierFact.objects.filter(report.q()).filter(_fact_base(w))
    feedback = _feedback_query(report, w)
    day = period.last

    total = Index766Row(None, _empty_results())
    _fill_facts(total.results, facts.aggregate(**_fact_annotations(w)))
    _fill_feedback(total.results, feedback.aggregate(**_feedback_annotations(w)))
    versions = _versions_in_competence(report, day, ids)
    _fill_versions(
        total.results,
        versions.aggregate(
            **_version_annotations(w, prefix="", procedure_ref="procedure_id", agencies=_ids_q(ids))
        ),
    )
    publication = _publication(report, w, ids)
    _fill_publication(total.results, publication, None)

    per_agency: dict[int, Index766Row] = {}

    def row(pk: int) -> Index766Row:
        if pk not in per_agency:
            per_agency[pk] = Index766Row(None, _empty_results())
        return per_agency[pk]

    for item in facts.values("agency_id").annotate(**_fact_annotations(w)).order_by():
        _fill_facts(row(int(item["agency_id"])).results, item)
    for item in feedback.values("agency_id").annotate(**_feedback_annotations(w)).order_by():
        _fill_feedback(row(int(item["agency_id"])).results, item)
    pairs = (
        _THROUGH.objects.filter(_ids_q(ids))
        .filter(_public_at(day, "procedureversion__"))
        .filter(_catalog_filter(report, "procedureversion__"))
    )
    for item in (
        pairs.values("agency_id")
        .annotate(
            **_version_annotations(
                w,
                prefix="procedureversion__",
                procedure_ref="procedureversion__procedure_id",
                agencies=Q(agency_id=OuterRef("agency_id")),
            )
        )
        .order_by()
    ):
        _fill_versions(row(int(item["agency_id"])).results, item)
    for agency_ids in publication.agencies.values():
        for pk in agency_ids:
            row(pk)
    for pk, agency_row in per_agency.items():
        _fill_publication(agency_row.results, publication, pk)

    agencies = Agency.objects.in_bulk(list(per_agency))
    for pk, agency_row in per_agency.items():
        agency_row.agency = agencies[pk]
    rows = sorted(per_agency.values(), key=lambda r: r.agency.code if r.agency else "")
    return Index766Table(period, total, rows)


# --- Drill-down -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Drilldown:
    indicator: Indicator
    part: Part
    kind: Kind
    queryset: QuerySet[Any]


class IndicatorUnknown(LookupError):
    """No such indicator, or it is not measurable (nothing to list)."""


def measurable_indicator(code: str) -> Indicator:
    indicator = INDICATOR_BY_CODE.get(code)
    if indicator is None or not indicator.measurable:
        raise IndicatorUnknown(code)
    return indicator


def _narrowed(report: ReportFilter, agency_ids: Iterable[int] | None) -> frozenset[int] | None:
    if agency_ids is None:
        return report.agency_ids
    wanted = frozenset(agency_ids)
    return wanted if report.agency_ids is None else wanted & report.agency_ids


def _part_facts(
    report: ReportFilter,
    period: Period,
    parts: FactParts,
    part: Part,
    agency_ids: Iterable[int] | None,
    at: dt.datetime | None,
) -> QuerySet[DossierFact]:
    w = _window(period, at)
    rule = parts.numerator if part is Part.NUMERATOR else parts.denominator
    query = DossierFact.objects.filter(report.q()).filter(_fact_base(w)).filter(rule(w))
    return query.filter(_ids_q(_narrowed(report, agency_ids)))


def dossier_facts(
    *,
    report: ReportFilter,
    period: Period,
    indicator: str,
    part: Part,
    agency_ids: Iterable[int] | None = None,
    at: dt.datetime | None = None,
) -> QuerySet[DossierFact]:
    """The dossier facts behind a dossier indicator's numerator or denominator."""
    parts = FACT_PARTS.get(indicator)
    if parts is None or INDICATOR_BY_CODE[indicator].kind is not Kind.DOSSIERS:
        raise IndicatorUnknown(indicator)
    return _part_facts(report, period, parts, part, agency_ids, at)


def procedure_list(
    *,
    report: ReportFilter,
    period: Period,
    indicator: str,
    part: Part,
    agency_ids: Iterable[int] | None = None,
    at: dt.datetime | None = None,
) -> QuerySet[Procedure]:
    """The procedures behind 4.1 or 4.5a (distinct procedures of the dossiers counted), each with
    `name` = the name of its latest published version."""
    parts = FACT_PARTS.get(indicator)
    if parts is None or not parts.distinct_procedures:
        raise IndicatorUnknown(indicator)
    facts = _part_facts(report, period, parts, part, agency_ids, at)
    latest = ProcedureVersion.objects.filter(
        procedure_id=OuterRef("pk"), status=VersionStatus.PUBLISHED
    ).order_by("-number")
    return (
        Procedure.objects.filter(pk__in=facts.values("procedure_id"))
        .annotate(name=Subquery(latest.values("name")[:1]))
        .order_by("code")
    )


def feedback_list(
    *,
    report: ReportFilter,
    period: Period,
    indicator: str,
    part: Part,
    agency_ids: Iterable[int] | None = None,
    at: dt.datetime | None = None,
) -> QuerySet[Feedback]:
    """The PAKN behind 5.2 or 5.3."""
    rules = FEEDBACK_PARTS.get(indicator)
    if rules is None:
        raise IndicatorUnknown(indicator)
    w = _window(period, at)
    rule = rules[0] if part is Part.NUMERATOR else rules[1]
    narrowed = _narrowed(report, agency_ids)
    narrowed_report = ReportFilter(narrowed, report.agency, report.field, report.procedure)
    return _feedback_query(narrowed_report, w).filter(rule(w))


def procedure_versions(
    *,
    report: ReportFilter,
    period: Period,
    indicator: str,
    part: Part,
    agency_ids: Iterable[int] | None = None,
    at: dt.datetime | None = None,
) -> QuerySet[ProcedureVersion]:
    """The procedure versions behind 1.1, 1.2 (decisions), 1.3, 3.1 and 3.2 (the versions in force
    at the period's end, one per procedure)."""
    w = _window(period, at)
    ids = _narrowed(report, agency_ids)
    if indicator in ("1.1", "1.2"):
        publication = _publication(report, w, ids)
        key = f"{indicator.replace('.', '_')}_{part.value}"
        return ProcedureVersion.objects.filter(pk__in=publication.sets.get(key, frozenset()))
    if indicator not in _VERSION_CODES:
        raise IndicatorUnknown(indicator)
    numerator, denominator = _version_parts(
        w, indicator, prefix="", procedure_ref="procedure_id", agencies=_ids_q(ids)
    )
    versions = _versions_in_competence(report, w.period.last, ids)
    return versions.filter(numerator if part is Part.NUMERATOR else denominator)


def index766_drilldown(
    *,
    report: ReportFilter,
    period: Period,
    indicator: str,
    part: Part,
    agency_ids: Iterable[int] | None = None,
    at: dt.datetime | None = None,
) -> Drilldown:
    """The rows behind a measurable indicator's numerator or denominator, of its kind;
    IndicatorUnknown for an unknown or not measurable indicator."""
    definition = measurable_indicator(indicator)
    kind = definition.kind
    assert kind is not None
    arguments: dict[str, Any] = {
        "report": report, "period": period, "indicator": indicator, "part": part,
        "agency_ids": agency_ids, "at": at,
    }  # fmt: skip
    queryset: QuerySet[Any]
    if kind is Kind.DOSSIERS:
        queryset = dossier_facts(**arguments)
    elif kind is Kind.PROCEDURES:
        queryset = procedure_list(**arguments)
    elif kind is Kind.FEEDBACK:
        queryset = feedback_list(**arguments)
    else:
        queryset = procedure_versions(**arguments)
    return Drilldown(definition, part, kind, queryset)
