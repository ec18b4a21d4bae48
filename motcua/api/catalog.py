"""Public catalog endpoints: search the procedures in force, read one as published, its e-forms.

The same selectors as the portal's catalog pages. What is public is decided by the local date in
Vietnam; the internal process of a procedure is the agencies' own and is never returned.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from motcua.calendar.engine import TimeUnit
from motcua.catalog.models import (
    CaseVariant,
    CodeNamespace,
    ComponentRequirement,
    FeeKind,
    ImplementingLevel,
    OnlineLevel,
    Procedure,
    ProcedureVersion,
)
from motcua.catalog.selectors import (
    CatalogQuery,
    procedure_search,
    version_current,
    version_latest_published,
    version_with_parts,
)
from motcua.core.errors import NotFound
from motcua.core.timezone import local_today

router = Router(tags=["procedures"])

MAX_PAGE_SIZE = 100


def _decimal(value: Decimal) -> str:
    """A decimal without trailing zeros or exponent: "3", "1.5"."""
    normalized = value.normalize()
    if normalized == normalized.to_integral_value():
        normalized = normalized.quantize(Decimal(1))
    return f"{normalized:f}"


# --- Input ---------------------------------------------------------------------------------------


class ProcedureListQuery(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="Tên hoặc mã thủ tục; có dấu hoặc không dấu, mọi thứ tự từ.",
    )
    field: str | None = Field(None, max_length=32, description="Mã lĩnh vực.")
    level: ImplementingLevel | None = Field(None, description="Cấp thực hiện.")
    agency: str | None = Field(None, max_length=32, description="Mã định danh cơ quan thực hiện.")
    online_level: OnlineLevel | None = Field(None, description="Mức độ dịch vụ công trực tuyến.")
    postal: bool | None = Field(
        None, description="true: nhận hồ sơ hoặc trả kết quả qua bưu chính; false: không."
    )
    page: int = Field(1, ge=1, description="Trang, từ 1; sau trang cuối: danh sách rỗng.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class NamespaceQuery(Schema):
    namespace: CodeNamespace = Field(
        CodeNamespace.NATIONAL,
        description="national: mã trên CSDL quốc gia; local: mã nội bộ của tỉnh.",
    )


# --- Output --------------------------------------------------------------------------------------


class FieldOut(Schema):
    code: str
    name: str


class AgencyOut(Schema):
    code: str
    name: str


class TimeLimitOut(Schema):
    statutory: str = Field(description="Thời hạn theo quy định (số thập phân dạng chuỗi).")
    committed: str | None = Field(
        description="Thời hạn tỉnh cam kết, cùng đơn vị; null nếu không có."
    )
    effective: str = Field(
        description="Thời hạn dùng để hẹn trả: cam kết nếu có, nếu không theo quy định."
    )
    unit: TimeUnit
    cut_percent: str = Field(description="Phần trăm cắt giảm so với thời hạn theo quy định.")
    note: str


class VariantLimitOut(TimeLimitOut):
    variant: str


class ProcedureSummaryOut(Schema):
    code: str
    namespace: CodeNamespace
    name: str
    version: int
    field: FieldOut
    levels: list[ImplementingLevel]
    online_level: OnlineLevel
    online_submission: bool
    postal_intake: bool
    postal_return: bool
    valid_from: dt.date
    time_limits: list[VariantLimitOut]
    url: str = Field(description="Trang của thủ tục trên cổng dịch vụ công.")


class ProcedurePageOut(Schema):
    items: list[ProcedureSummaryOut]
    total: int
    page: int
    page_size: int
    pages: int


class ComponentOut(Schema):
    code: str
    name: str
    originals: int
    copies: int
    requirement: ComponentRequirement
    condition: str
    template_name: str
    template_url: str | None = Field(description="Tải mẫu đơn, tờ khai; null nếu chưa có tệp.")


class FeeOut(Schema):
    kind: FeeKind
    name: str
    amount: int = Field(description="Mức thu, đồng.")
    unit: str
    exemption: str


class VariantOut(Schema):
    code: str
    name: str
    time_limit: TimeLimitOut
    components: list[ComponentOut]
    fees: list[FeeOut]
    has_eform: bool


class MethodsOut(Schema):
    counter: bool
    online: bool
    postal: bool


class LegalBasisOut(Schema):
    document: str
    effective_date: dt.date | None


class DecisionOut(Schema):
    number: str
    date: dt.date | None
    signer: str
    national_db_published_on: dt.date | None


class ProcedureDetailOut(Schema):
    code: str
    namespace: CodeNamespace
    name: str
    version: int
    valid_from: dt.date
    valid_to: dt.date | None = Field(description="Ngày hết hiệu lực (không tính ngày này).")
    field: FieldOut
    levels: list[ImplementingLevel]
    executing_agencies: list[AgencyOut]
    reception_place: str
    steps_text: str
    methods: MethodsOut
    subjects: str
    for_individuals: bool
    for_organisations: bool
    result: str
    conditions: str
    legal_bases: list[LegalBasisOut]
    fees_note: str
    online_level: OnlineLevel
    legacy_online_level: int | None
    full_online_eligible: bool
    online_submission: bool
    postal_intake: bool
    postal_return: bool
    hotline: str
    feedback_address: str
    decision: DecisionOut
    variants: list[VariantOut]
    url: str


# --- Mapping -------------------------------------------------------------------------------------


def _limit(variant: CaseVariant) -> dict[str, Any]:
    return {
        "statutory": _decimal(variant.time_limit_value),
        "committed": _decimal(variant.committed_value)
        if variant.committed_value is not None
        else None,
        "effective": _decimal(variant.effective_limit),
        "unit": variant.time_limit_unit,
        "cut_percent": _decimal(variant.cut_percent),
        "note": variant.time_limit_note,
    }


def _page_url(procedure: Procedure) -> str:
    return reverse("portal:procedure-detail", args=[procedure])


def _summary(version: ProcedureVersion) -> dict[str, Any]:
    assert version.valid_from is not None
    return {
        "code": version.procedure.code,
        "namespace": version.procedure.namespace,
        "name": version.name,
        "version": version.number,
        "field": {"code": version.field.code, "name": version.field.name},
        "levels": sorted(level.level for level in version.levels.all()),
        "online_level": version.online_level,
        "online_submission": version.accepts_online_submission,
        "postal_intake": version.postal_intake,
        "postal_return": version.postal_return,
        "valid_from": version.valid_from,
        "time_limits": [
            {"variant": variant.code, **_limit(variant)} for variant in version.variants.all()
        ],
        "url": _page_url(version.procedure),
    }


def _template_url(version: ProcedureVersion, variant: CaseVariant, component_code: str) -> str:
    return reverse(
        "portal:procedure-template", args=[version.procedure, variant.code, component_code]
    )


def _variant(version: ProcedureVersion, variant: CaseVariant) -> dict[str, Any]:
    return {
        "code": variant.code,
        "name": variant.name,
        "time_limit": _limit(variant),
        "components": [
            {
                "code": c.code,
                "name": c.name,
                "originals": c.originals,
                "copies": c.copies,
                "requirement": c.requirement,
                "condition": c.condition,
                "template_name": c.template_name,
                "template_url": _template_url(version, variant, c.code)
                if c.template_file
                else None,
            }
            for c in variant.components.all()
        ],
        "fees": [
            {
                "kind": f.kind,
                "name": f.name,
                "amount": int(f.amount),
                "unit": f.unit,
                "exemption": f.exemption,
            }
            for f in variant.fees.all()
        ],
        "has_eform": bool(variant.eform_schema),
    }


def _detail(version: ProcedureVersion) -> dict[str, Any]:
    return {
        "code": version.procedure.code,
        "namespace": version.procedure.namespace,
        "name": version.name,
        "version": version.number,
        "valid_from": version.valid_from,
        "valid_to": version.valid_to,
        "field": {"code": version.field.code, "name": version.field.name},
        "levels": sorted(level.level for level in version.levels.all()),
        "executing_agencies": [
            {"code": a.code, "name": a.name}
            for a in sorted(version.executing_agencies.all(), key=lambda a: a.code)
        ],
        "reception_place": version.reception_place,
        "steps_text": version.steps_text,
        "methods": {
            "counter": version.method_counter,
            "online": version.method_online,
            "postal": version.method_postal,
        },
        "subjects": version.subjects,
        "for_individuals": version.for_individuals,
        "for_organisations": version.for_organisations,
        "result": version.result,
        "conditions": version.conditions,
        "legal_bases": [
            {
                "document": str(item.get("document", "")),
                "effective_date": item.get("effective_date") or None,
            }
            for item in version.legal_bases
        ],
        "fees_note": version.fees_note,
        "online_level": version.online_level,
        "legacy_online_level": version.legacy_online_level,
        "full_online_eligible": version.full_online_eligible,
        "online_submission": version.accepts_online_submission,
        "postal_intake": version.postal_intake,
        "postal_return": version.postal_return,
        "hotline": version.hotline,
        "feedback_address": version.feedback_address,
        "decision": {
            "number": version.decision_number,
            "date": version.decision_date,
            "signer": version.decision_signer,
            "national_db_published_on": version.national_db_published_on,
        },
        "variants": [_variant(version, variant) for variant in version.variants.all()],
        "url": _page_url(version.procedure),
    }


def _public_version(*, code: str, namespace: str) -> ProcedureVersion:
    """The version of procedure `code` in force today, with its parts; NotFound otherwise
    (with the successor's code when the procedure was replaced by another)."""
    today = local_today()
    procedure = Procedure.objects.filter(namespace=namespace, code=code).first()
    current = version_current(procedure=procedure, on=today) if procedure else None
    if current is None:
        details: dict[str, object] = {}
        latest = version_latest_published(procedure=procedure) if procedure else None
        if latest is not None and latest.valid_to is not None and latest.valid_to <= today:
            details["ended_on"] = latest.valid_to.isoformat()
            if latest.replaced_by is not None:
                details["replaced_by"] = latest.replaced_by.code
        raise NotFound(
            f"Không có thủ tục mã «{code}» đang được áp dụng.",
            code="procedure_not_found",
            details=details,
        )
    return version_with_parts(pk=current.pk)


# --- Endpoints -----------------------------------------------------------------------------------


@router.get(
    "",
    response=ProcedurePageOut,
    summary="Tra cứu thủ tục hành chính đang áp dụng",
    description="Tìm không phân biệt dấu tiếng Việt, mọi thứ tự từ; kết quả khớp nhất trước.",
)
def procedure_list(request: HttpRequest, query: Query[ProcedureListQuery]) -> dict[str, Any]:
    catalog_query = CatalogQuery(
        text=query.q,
        field=query.field or None,
        level=query.level.value if query.level else None,
        agency=query.agency or None,
        online_level=query.online_level.value if query.online_level else None,
        postal=query.postal,
    )
    versions = procedure_search(query=catalog_query, on=local_today()).prefetch_related(
        "levels", "variants"
    )
    paginator = Paginator(versions, query.page_size)
    total = paginator.count
    items: list[dict[str, Any]] = []
    if query.page <= paginator.num_pages and total:
        items = [_summary(version) for version in paginator.page(query.page)]
    return {
        "items": items,
        "total": total,
        "page": query.page,
        "page_size": query.page_size,
        "pages": paginator.num_pages if total else 0,
    }


@router.get(
    "/{code}",
    response=ProcedureDetailOut,
    summary="Thông tin đầy đủ của một thủ tục đang áp dụng",
)
def procedure_detail(
    request: HttpRequest, code: str, query: Query[NamespaceQuery]
) -> dict[str, Any]:
    return _detail(_public_version(code=code, namespace=query.namespace))


@router.get(
    "/{code}/variants/{variant_code}/eform",
    response=dict[str, Any],
    summary="Biểu mẫu điện tử của một trường hợp",
    description="Lược đồ biểu mẫu điện tử như đã lưu (định dạng: docs/eforms.md).",
)
def procedure_eform(
    request: HttpRequest, code: str, variant_code: str, query: Query[NamespaceQuery]
) -> dict[str, Any]:
    version = _public_version(code=code, namespace=query.namespace)
    variant = next((v for v in version.variants.all() if v.code == variant_code), None)
    if variant is None:
        raise NotFound(
            f"Thủ tục «{code}» không có trường hợp «{variant_code}».",
            code="variant_not_found",
            field="variant_code",
        )
    if not variant.eform_schema:
        raise NotFound(
            f"Trường hợp «{variant.name}» chưa có biểu mẫu điện tử.", code="eform_not_found"
        )
    schema: dict[str, Any] = dict(variant.eform_schema)
    return schema
