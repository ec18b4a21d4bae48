"""Builders for the demo catalog: publishing decisions, components, fees, internal processes and
whole procedure specs with the defaults a province's catalog shares (reception places, hotline,
feedback address, steps text, online and postal flags).

The content modules describe each procedure with `procedure(...)` and its case variants with
`case(...)`; everything returned is a plain `motcua.catalog.specs` dataclass. The internal
process of a case is generated from its time limit: reception → processing → (review) →
(hand-offs to other agencies) → approval → (hand-offs after approval) → return, with send-backs,
budgets in working hours summing exactly to the effective limit.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_FLOOR, Decimal

from motcua.calendar.engine import TimeUnit
from motcua.catalog.specs import (
    HOURS_PER_WORKING_DAY,
    ComponentSpec,
    FeeSpec,
    LegalBasis,
    ProcedureSpec,
    StepSpec,
    VariantSpec,
    limit_in_hours,
)
from motcua.demo import province_content as pc
from motcua.demo.catalog_content.forms import FormField, eform, textarea

WD = TimeUnit.WORKING_DAYS
WH = TimeUnit.WORKING_HOURS
CD = TimeUnit.CALENDAR_DAYS

# Implementing levels (ImplementingLevel values; kept as strings so the content stays pure).
PROVINCE_LEVEL = "province"
COMMUNE_LEVEL = "commune"
BRANCH_LEVEL = "branch"

ALL_COMMUNES: tuple[str, ...] = tuple(pc.commune_code(n) for n in range(1, len(pc.COMMUNES) + 1))
AGENCIES = {row.code: row for row in pc.agency_rows()}

CHAIRMAN = f"Chủ tịch UBND tỉnh {pc.PROVINCE_NAME}"
VICE_CHAIRMAN = f"KT. Chủ tịch – Phó Chủ tịch UBND tỉnh {pc.PROVINCE_NAME}"
SERVICE_CENTRE_PLACE = (
    f"Trung tâm Phục vụ hành chính công tỉnh {pc.PROVINCE_NAME}, 02 Quảng trường Trung tâm, "
    f"phường Thành Sơn, tỉnh {pc.PROVINCE_NAME}"
)
COMMUNE_CENTRE_PLACE = (
    "Trung tâm Phục vụ hành chính công cấp xã (Bộ phận Một cửa UBND xã, phường) hoặc bất kỳ "
    f"điểm tiếp nhận nào trên địa bàn tỉnh {pc.PROVINCE_NAME}"
)
ONLINE_PLACE = "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)"
HOTLINE = "02393855100"
FEEDBACK_ADDRESS = (
    f"Phòng Kiểm soát thủ tục hành chính, Văn phòng UBND tỉnh {pc.PROVINCE_NAME}, "
    f"01 Quảng trường Trung tâm, phường Thành Sơn, tỉnh {pc.PROVINCE_NAME}; "
    "điện thoại 02393855002; thư điện tử kstthc@sonha.gov.vn"
)

HALF = Decimal("0.5")


# --- Publishing decisions -----------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """A decision publishing (công bố) a list of procedures, and the day they take effect."""

    number: str
    signed: dt.date
    effective: dt.date
    signer: str = CHAIRMAN


D_COMMUNE = Decision("1234/QĐ-UBND", dt.date(2025, 6, 24), dt.date(2025, 7, 1))
D_JUSTICE = Decision("1241/QĐ-UBND", dt.date(2025, 6, 25), dt.date(2025, 7, 1))
D_HOME = Decision("1256/QĐ-UBND", dt.date(2025, 6, 26), dt.date(2025, 7, 1), VICE_CHAIRMAN)
D_LAND = Decision("1318/QĐ-UBND", dt.date(2025, 7, 2), dt.date(2025, 7, 10))
D_CONSTRUCTION = Decision("1402/QĐ-UBND", dt.date(2025, 7, 8), dt.date(2025, 7, 15))
D_BUSINESS = Decision("1455/QĐ-UBND", dt.date(2025, 7, 14), dt.date(2025, 7, 21))
D_SOCIAL = Decision("1520/QĐ-UBND", dt.date(2025, 7, 22), dt.date(2025, 8, 1), VICE_CHAIRMAN)
D_TRANSPORT = Decision("1587/QĐ-UBND", dt.date(2025, 8, 5), dt.date(2025, 8, 15))
D_EDUCATION = Decision("1731/QĐ-UBND", dt.date(2025, 8, 26), dt.date(2025, 9, 5), VICE_CHAIRMAN)
D_HEALTH = Decision("1960/QĐ-UBND", dt.date(2025, 9, 19), dt.date(2025, 10, 1))
D_CULTURE = Decision("2105/QĐ-UBND", dt.date(2025, 10, 10), dt.date(2025, 10, 20), VICE_CHAIRMAN)
D_AGRICULTURE = Decision("2230/QĐ-UBND", dt.date(2025, 10, 27), dt.date(2025, 11, 3))
D_LOCAL_2026 = Decision("215/QĐ-UBND", dt.date(2026, 1, 20), dt.date(2026, 2, 1))
D_POLICE = Decision(
    "5120/QĐ-BCA", dt.date(2025, 6, 27), dt.date(2025, 7, 1), "Bộ trưởng Bộ Công an"
)
D_SOCIAL_INSURANCE = Decision(
    "2870/QĐ-BTC", dt.date(2025, 8, 25), dt.date(2025, 9, 1), "Bộ trưởng Bộ Tài chính"
)
D_TAX = Decision(
    "3104/QĐ-BTC", dt.date(2025, 9, 15), dt.date(2025, 10, 1), "Bộ trưởng Bộ Tài chính"
)
# Amending decisions of 2026 (used by the lifecycle).
D_AMEND_JUNE = Decision("1105/QĐ-UBND", dt.date(2026, 5, 12), dt.date(2026, 6, 1))
D_AMEND_AUGUST = Decision("1690/QĐ-UBND", dt.date(2026, 8, 4), dt.date(2026, 8, 15), VICE_CHAIRMAN)

DECISIONS: tuple[Decision, ...] = (
    D_COMMUNE,
    D_JUSTICE,
    D_HOME,
    D_LAND,
    D_CONSTRUCTION,
    D_BUSINESS,
    D_SOCIAL,
    D_TRANSPORT,
    D_EDUCATION,
    D_HEALTH,
    D_CULTURE,
    D_AGRICULTURE,
    D_LOCAL_2026,
    D_POLICE,
    D_SOCIAL_INSURANCE,
    D_TAX,
    D_AMEND_JUNE,
    D_AMEND_AUGUST,
)
_BY_NUMBER = {d.number: d for d in DECISIONS}


def publication_start(spec: ProcedureSpec) -> dt.date:
    """The day a spec takes effect: the effective date of the decision that publishes it."""
    return _BY_NUMBER[spec.decision_number].effective


# --- Components, fees, legal bases --------------------------------------------------------------


def form_doc(code: str, name: str, template: str, *, originals: int = 1) -> ComponentSpec:
    """A form the applicant fills in (tờ khai, đơn), with its official template."""
    return ComponentSpec(code=code, name=name, originals=originals, template_name=template)


def paper(code: str, name: str, *, originals: int = 1, copies: int = 0) -> ComponentSpec:
    return ComponentSpec(code=code, name=name, originals=originals, copies=copies)


def copy_doc(code: str, name: str, *, copies: int = 1) -> ComponentSpec:
    """A copy (bản sao chứng thực or bản sao kèm bản chính để đối chiếu)."""
    return ComponentSpec(code=code, name=name, originals=0, copies=copies)


def paper_if(
    code: str,
    name: str,
    condition: str,
    *,
    originals: int = 1,
    copies: int = 0,
    template: str = "",
) -> ComponentSpec:
    """A component required only in the stated situation."""
    return ComponentSpec(
        code=code,
        name=name,
        originals=originals,
        copies=copies,
        requirement="conditional",
        condition=condition,
        template_name=template,
    )


def proxy_if() -> ComponentSpec:
    return paper_if(
        "van-ban-uy-quyen",
        "Văn bản ủy quyền được chứng thực theo quy định",
        "Khi người nộp hồ sơ là người được ủy quyền (trừ người ủy quyền là ông, bà, cha, mẹ, "
        "con, vợ, chồng, anh, chị, em ruột của người được ủy quyền)",
    )


def charge(name: str, amount: int, *, unit: str = "đồng/hồ sơ", exemption: str = "") -> FeeSpec:
    """A lệ phí (charge)."""
    return FeeSpec(kind="charge", name=name, amount=Decimal(amount), unit=unit, exemption=exemption)


def fee(name: str, amount: int, *, unit: str = "đồng/hồ sơ", exemption: str = "") -> FeeSpec:
    """A phí (fee for a service, e.g. appraisal)."""
    return FeeSpec(kind="fee", name=name, amount=Decimal(amount), unit=unit, exemption=exemption)


def free(name: str, exemption: str = "Miễn lệ phí") -> FeeSpec:
    return charge(name, 0, exemption=exemption)


def basis(document: str, effective: dt.date) -> LegalBasis:
    return LegalBasis(document=document, effective_date=effective)


# --- Internal processes -------------------------------------------------------------------------


@dataclass(frozen=True)
class Handoff:
    """A hand-off to another agency (liên thông) with its budget in working hours."""

    code: str
    agency: str
    name: str
    hours: Decimal
    after_approval: bool = False


def handoff(
    code: str, agency: str, name: str, hours: int | str, *, after_approval: bool = False
) -> Handoff:
    return Handoff(code, agency, name, Decimal(hours), after_approval)


def _share(total: Decimal, ratio: str, cap: int) -> Decimal:
    raw = total * Decimal(ratio)
    halves = (raw * 2).to_integral_value(rounding=ROUND_FLOOR) / 2
    return min(Decimal(cap), max(HALF, halves))


def budget_hours(value: Decimal, unit: TimeUnit) -> Decimal:
    """The working hours a process is budgeted: the limit itself where it is exact; for calendar
    days, the whole working days they contain at the least (five in seven)."""
    exact = limit_in_hours(value, unit)
    if exact is not None:
        return exact
    if unit is TimeUnit.CALENDAR_DAYS:
        return (value * 5 / 7).to_integral_value(rounding=ROUND_FLOOR) * HOURS_PER_WORKING_DAY
    return (value * 22).to_integral_value(rounding=ROUND_FLOOR) * HOURS_PER_WORKING_DAY


LEVEL_STEP_NAMES: dict[str, tuple[str, str, str]] = {
    COMMUNE_LEVEL: (
        "Công chức chuyên môn thẩm định, dự thảo kết quả",
        "Công chức phụ trách lĩnh vực rà soát, trình ký",
        "Chủ tịch hoặc Phó Chủ tịch UBND xã ký kết quả",
    ),
    PROVINCE_LEVEL: (
        "Chuyên viên phòng chuyên môn thẩm định, dự thảo kết quả",
        "Lãnh đạo phòng chuyên môn xem xét, trình ký",
        "Lãnh đạo cơ quan ký kết quả",
    ),
    BRANCH_LEVEL: (
        "Cán bộ nghiệp vụ kiểm tra, xử lý hồ sơ",
        "Lãnh đạo đội, phòng nghiệp vụ kiểm tra",
        "Thủ trưởng cơ quan ký duyệt",
    ),
}


def flow(
    total: Decimal,
    *,
    level: str,
    handoffs: Sequence[Handoff] = (),
    review: bool = False,
    optional_handoffs: bool = False,
) -> tuple[StepSpec, ...]:
    """The internal process for `total` working hours. Budgets: reception 10% (≤ 4 h), review 10%
    (≤ 8 h), approval 15% (≤ 16 h), return 5% (≤ 4 h), hand-offs as given, processing the rest,
    each a multiple of half an hour, summing to `total` along the longest path. With
    `optional_handoffs` processing may go straight to approval (e.g. no financial obligation)."""
    processing_name, review_name, approval_name = LEVEL_STEP_NAMES[level]
    before = [h for h in handoffs if not h.after_approval]
    after = [h for h in handoffs if h.after_approval]
    reception = _share(total, "0.1", 4)
    reviewing = _share(total, "0.1", 8) if review else Decimal(0)
    approval = _share(total, "0.15", 16)
    returning = _share(total, "0.05", 4)
    processing = total - reception - reviewing - approval - returning
    processing -= sum((h.hours for h in handoffs), Decimal(0))
    if processing < HALF:
        raise ValueError(f"Không đủ thời gian cho bước thẩm định ({total} giờ).")

    # The forward chain, in order, as (code, name, kind, role, hours, agency).
    chain: list[tuple[str, str, str, str, Decimal, str | None]] = [
        ("tiep-nhan", "Tiếp nhận, kiểm tra hồ sơ", "reception", "desk_officer", reception, None),
        ("tham-dinh", processing_name, "processing", "specialist", processing, None),
    ]
    if review:
        chain.append(("xem-xet", review_name, "processing", "leader", reviewing, None))
    chain += [(h.code, h.name, "inter_agency", "specialist", h.hours, h.agency) for h in before]
    chain.append(("phe-duyet", approval_name, "approval", "leader", approval, None))
    chain += [(h.code, h.name, "inter_agency", "specialist", h.hours, h.agency) for h in after]
    chain.append(
        ("tra-ket-qua", "Trả kết quả, lưu hồ sơ", "return", "desk_officer", returning, None)
    )

    codes = [c[0] for c in chain]
    steps = []
    for i, (code, name, kind, role, hours, agency) in enumerate(chain):
        forward: tuple[str, ...] = () if kind == "return" else (codes[i + 1],)
        if code == "tham-dinh" and optional_handoffs and before and not review:
            forward = (*forward, "phe-duyet")
        back: tuple[str, ...] = ()
        if code == "tham-dinh":
            back = ("tiep-nhan",)
        elif kind == "inter_agency" or code == "xem-xet":
            back = ("tham-dinh",)
        elif code == "phe-duyet":
            back = ("tham-dinh", "xem-xet") if review else ("tham-dinh",)
        steps.append(
            StepSpec(
                code=code,
                name=name,
                kind=kind,
                role=role,
                budget_hours=hours,
                agency_code=agency,
                forward_to=forward,
                send_back_to=back,
            )
        )
    return tuple(steps)


# --- Procedures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A case variant before the procedure's context (level, applicants, channels) is known."""

    code: str
    name: str
    limit: Decimal
    unit: TimeUnit
    committed: Decimal | None
    note: str
    components: tuple[ComponentSpec, ...]
    fees: tuple[FeeSpec, ...]
    handoffs: tuple[Handoff, ...]
    review: bool
    optional_handoffs: bool
    fields: tuple[FormField, ...]
    form_title: str
    steps: tuple[StepSpec, ...] = field(default=())


def case(
    code: str,
    name: str,
    limit: int | str,
    *components: ComponentSpec,
    unit: TimeUnit = WD,
    committed: int | str | None = None,
    note: str = "",
    fees: Sequence[FeeSpec] = (),
    handoffs: Sequence[Handoff] = (),
    review: bool = False,
    optional_handoffs: bool = False,
    fields: Sequence[FormField] = (),
    form_title: str = "",
) -> Case:
    return Case(
        code=code,
        name=name,
        limit=Decimal(limit),
        unit=unit,
        committed=Decimal(committed) if committed is not None else None,
        note=note,
        components=components,
        fees=tuple(fees),
        handoffs=tuple(handoffs),
        review=review,
        optional_handoffs=optional_handoffs,
        fields=tuple(fields),
        form_title=form_title,
    )


ONLINE_LEGACY = {"none": 2, "partial": 3, "full": 4}


def _agency_label(code: str) -> str:
    row = AGENCIES[code]
    return row.name


def _steps_text(
    *,
    level: str,
    agencies: Sequence[str],
    result: str,
    online: bool,
    postal_intake: bool,
    postal_return: bool,
    handoffs: Sequence[Handoff],
    who: str,
) -> str:
    if level == COMMUNE_LEVEL:
        place = "Trung tâm Phục vụ hành chính công cấp xã"
        handler = "Công chức chuyên môn thuộc UBND cấp xã"
        signer = "Chủ tịch hoặc Phó Chủ tịch UBND cấp xã"
    else:
        agency = _agency_label(agencies[0])
        place = (
            f"Trung tâm Phục vụ hành chính công tỉnh {pc.PROVINCE_NAME}"
            if level == PROVINCE_LEVEL
            else f"Bộ phận Một cửa của {agency}"
        )
        handler = f"Bộ phận chuyên môn của {agency}"
        signer = f"Lãnh đạo {agency}"
    channels = [f"nộp trực tiếp tại {place}"]
    if online:
        channels.append(f"nộp trực tuyến trên {ONLINE_PLACE}")
    if postal_intake:
        channels.append("gửi qua dịch vụ bưu chính công ích")
    cooperation = ""
    if handoffs:
        partners = sorted({_agency_label(h.agency) for h in handoffs})
        cooperation = f" (trong đó phối hợp, liên thông với {', '.join(partners)})"
    returns = "tại nơi nộp hồ sơ"
    if postal_return:
        returns += ", qua dịch vụ bưu chính công ích theo yêu cầu"
    if online:
        returns += " hoặc bản điện tử trên tài khoản của người nộp"
    return "\n".join(
        (
            f"Bước 1: {who} chuẩn bị hồ sơ đầy đủ theo quy định và {', '.join(channels)}.",
            "Bước 2: Công chức, viên chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ. "
            "Hồ sơ đầy đủ thì lập Giấy tiếp nhận hồ sơ và hẹn trả kết quả; chưa đầy đủ thì "
            "hướng dẫn bổ sung, hoàn thiện một lần bằng Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; "
            "không đủ điều kiện thì lập Phiếu từ chối tiếp nhận, nêu rõ lý do.",
            f"Bước 3: {handler} thẩm định hồ sơ{cooperation}; trường hợp đủ điều kiện thì trình "
            f"{signer} ký {result[:1].lower() + result[1:]}; trường hợp không đủ điều kiện thì "
            "trả lời bằng văn bản và nêu rõ lý do.",
            f"Bước 4: Trả kết quả {returns}.",
        )
    )


def declaration_components(components: Sequence[ComponentSpec]) -> list[str]:
    """The paper declaration (tờ khai, đơn) the e-form stands for online: the first component
    named as one, if any."""
    for component in components:
        if component.name.startswith(("Tờ khai", "Đơn ")):
            return [component.code]
    return []


def procedure(
    code: str,
    name: str,
    field_code: str,
    *,
    level: str,
    agencies: Sequence[str],
    decision: Decision,
    subjects: str,
    result: str,
    legal: Sequence[LegalBasis],
    cases: Sequence[Case],
    individuals: bool = True,
    organisations: bool = False,
    online: str = "partial",
    postal: str = "both",
    namespace: str = "national",
    reception_place: str = "",
    steps_text: str = "",
    conditions: str = "",
    fees_note: str = "",
    four_at_desk: bool = False,
    full_online_eligible: bool | None = None,
    cutoff: str = "inherit",
    extra_levels: Sequence[str] = (),
) -> ProcedureSpec:
    """A procedure spec with the province's shared defaults. `online` is "none", "partial" or
    "full"; `postal` is "both" (intake and return), "return" (results only) or "none"."""
    method_online = online != "none"
    postal_intake = postal == "both"
    postal_return = postal in ("both", "return")
    who = (
        "Cá nhân, tổ chức"
        if individuals and organisations
        else ("Tổ chức" if organisations else "Cá nhân")
    )
    if not reception_place:
        if level == COMMUNE_LEVEL:
            reception_place = COMMUNE_CENTRE_PLACE
        elif level == PROVINCE_LEVEL:
            reception_place = SERVICE_CENTRE_PLACE
        else:
            row = AGENCIES[agencies[0]]
            reception_place = f"Bộ phận Một cửa của {row.name}, {row.address}"
        if method_online:
            reception_place += f"; hoặc nộp trực tuyến trên {ONLINE_PLACE}"
    all_handoffs = [h for c in cases for h in c.handoffs]
    first = AGENCIES[agencies[0]]
    hotline = first.phone if level != COMMUNE_LEVEL and first.phone else HOTLINE
    variants = []
    for c in cases:
        effective = c.committed if c.committed is not None else c.limit
        steps = c.steps or flow(
            budget_hours(effective, c.unit),
            level=level,
            handoffs=c.handoffs,
            review=c.review,
            optional_handoffs=c.optional_handoffs,
        )
        title = c.form_title or (name if len(cases) == 1 else f"{name} – {c.name}")
        own_fields = c.fields or (textarea("request_content", "Nội dung đề nghị", max_length=2000),)
        variants.append(
            VariantSpec(
                code=c.code,
                name=c.name,
                time_limit_value=c.limit,
                time_limit_unit=c.unit,
                committed_value=c.committed,
                time_limit_note=c.note,
                components=c.components,
                fees=c.fees,
                steps=steps,
                eform_schema=eform(
                    title,
                    own_fields,
                    individuals=individuals,
                    organisations=organisations,
                    postal=postal_return,
                    online=method_online,
                    replaces=declaration_components(c.components),
                ),
            )
        )
    return ProcedureSpec(
        code=code,
        name=name,
        field_code=field_code,
        namespace=namespace,
        levels=tuple(dict.fromkeys((level, *extra_levels))),
        executing_agency_codes=tuple(agencies),
        reception_place=reception_place,
        steps_text=steps_text
        or _steps_text(
            level=level,
            agencies=agencies,
            result=result,
            online=method_online,
            postal_intake=postal_intake,
            postal_return=postal_return,
            handoffs=all_handoffs,
            who=who,
        ),
        method_counter=True,
        method_online=method_online,
        method_postal=postal_intake,
        subjects=subjects,
        for_individuals=individuals,
        for_organisations=organisations,
        result=result,
        conditions=conditions,
        legal_bases=tuple(legal),
        fees_note=fees_note,
        online_level=online,
        legacy_online_level=ONLINE_LEGACY[online],
        full_online_eligible=(online == "full")
        if full_online_eligible is None
        else full_online_eligible,
        postal_intake=postal_intake,
        postal_return=postal_return,
        four_at_desk=four_at_desk,
        cutoff_defers_clock=cutoff,
        hotline=hotline,
        feedback_address=FEEDBACK_ADDRESS,
        decision_number=decision.number,
        decision_date=decision.signed,
        decision_signer=decision.signer,
        national_db_published_on=decision.signed + dt.timedelta(days=3),
        variants=tuple(variants),
    )


# --- Amending a published spec ------------------------------------------------------------------


def with_decision(spec: ProcedureSpec, decision: Decision) -> ProcedureSpec:
    return replace(
        spec,
        decision_number=decision.number,
        decision_date=decision.signed,
        decision_signer=decision.signer,
        national_db_published_on=decision.signed + dt.timedelta(days=3),
    )


def with_committed(spec: ProcedureSpec, variant_code: str, committed: int | str) -> ProcedureSpec:
    """The spec with one case's committed time changed, its processing step absorbing the
    difference so the budgets still sum to the limit."""
    new = Decimal(committed)
    variants = []
    for v in spec.variants:
        if v.code == variant_code:
            delta = budget_hours(new, v.time_limit_unit) - budget_hours(
                v.effective_limit, v.time_limit_unit
            )
            steps = tuple(
                replace(s, budget_hours=s.budget_hours + delta) if s.code == "tham-dinh" else s
                for s in v.steps
            )
            v = replace(v, committed_value=new, steps=steps)
        variants.append(v)
    return replace(spec, variants=tuple(variants))


def with_fee(spec: ProcedureSpec, variant_code: str, position: int, amount: int) -> ProcedureSpec:
    variants = []
    for v in spec.variants:
        if v.code == variant_code:
            fees = list(v.fees)
            fees[position] = replace(fees[position], amount=Decimal(amount))
            v = replace(v, fees=tuple(fees))
        variants.append(v)
    return replace(spec, variants=tuple(variants))


def unpublished(spec: ProcedureSpec) -> ProcedureSpec:
    """A spec still being drafted: complete but for its publishing decision, not yet signed."""
    return replace(
        spec,
        decision_number="",
        decision_date=None,
        decision_signer="",
        national_db_published_on=None,
    )
