"""Dossier endpoints: intake at the desk and online, the officer's list, one dossier with its
timeline, files, deadline and official forms, and the workflow actions.

Every endpoint needs an API key or a login session (motcua.api.auth). Each one parses, resolves
the dossier for the caller (`access_dossier`: a dossier the caller may not see is 404), calls one
workflow service, and renders. The rules live in `motcua.workflow`; refusals come back as JSON
problems with a stable code (motcua.api.main).
"""

from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination, paginate
from ninja.responses import Status

from motcua.accounts.models import Agency, Desk, User, UserKind
from motcua.api.auth import actor, session_auth, token_auth
from motcua.api.dossier_render import (
    render_deadline,
    render_detail,
    render_event,
    render_file,
    render_summary,
)
from motcua.api.dossier_schemas import (
    ActionIn,
    ApplicantIn,
    DeadlineOut,
    DossierDetailOut,
    DossierListQuery,
    DossierSummaryOut,
    EventOut,
    FileOut,
    FormQuery,
    IntakeIn,
    PrintableFormOut,
    SubmissionIn,
)
from motcua.api.types import PROBLEMS, ProblemOut
from motcua.catalog.models import CaseVariant, Procedure
from motcua.catalog.selectors import version_current
from motcua.core.errors import NotFound, PermissionDenied, ValidationFailed
from motcua.core.timezone import local_today
from motcua.documents.dossier_forms import form_list, form_render
from motcua.documents.forms import FormKind
from motcua.dossiers.deadlines import Calendars, dossier_deadline
from motcua.dossiers.models import Channel, Dossier, DossierFile
from motcua.dossiers.policies import access_dossier
from motcua.dossiers.selectors import dossier_list_for
from motcua.workflow import services as wf
from motcua.workflow.dispatch import ActionInputs, InputMissing, dossier_act
from motcua.workflow.transitions import Action

router = Router(tags=["dossiers"], auth=[token_auth, session_auth])

# --- Resolving references in bodies --------------------------------------------------------------


def _missing(field: str, message: str) -> NinjaValidationError:
    """A field this action needs is absent: a malformed body (422), like a missing field."""
    return NinjaValidationError(
        [{"type": "missing", "loc": ["body", "payload", field], "msg": message}]
    )


def _desk(code: str) -> Desk:
    desk = Desk.objects.select_related("host").filter(code=code).first()
    if desk is None:
        raise ValidationFailed(
            f"Không có bộ phận một cửa mã «{code}».", code="desk_not_found", field="desk"
        )
    return desk


def _agency(code: str | None) -> Agency | None:
    if code is None:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise ValidationFailed(
            f"Không có cơ quan mã «{code}».", code="agency_not_found", field="agency_code"
        )
    return agency


def _variant(body: SubmissionIn) -> CaseVariant:
    """The case variant of the procedure's version in force today."""
    procedure = Procedure.objects.filter(namespace=body.namespace, code=body.procedure_code).first()
    version = version_current(procedure=procedure, on=local_today()) if procedure else None
    if version is None:
        raise ValidationFailed(
            f"Không có thủ tục mã «{body.procedure_code}» đang được áp dụng.",
            code="procedure_not_in_force",
            field="procedure_code",
        )
    variants = list(version.variants.all())
    if body.variant_code is None:
        if len(variants) == 1:
            return variants[0]
        raise ValidationFailed(
            "Thủ tục có nhiều trường hợp: phải chọn trường hợp.",
            code="variant_required",
            field="variant_code",
            details={"choices": [v.code for v in variants]},
        )
    for variant in variants:
        if variant.code == body.variant_code:
            return variant
    raise ValidationFailed(
        f"Thủ tục «{body.procedure_code}» không có trường hợp «{body.variant_code}».",
        code="variant_not_found",
        field="variant_code",
        details={"choices": [v.code for v in variants]},
    )


def _applicant_input(body: ApplicantIn, *, account: User | None = None) -> wf.ApplicantInput:
    return wf.ApplicantInput(
        name=body.name,
        kind=body.kind,
        id_number=body.id_number,
        address=body.address,
        phone=body.phone,
        email=body.email,
        submitter_name=body.submitter_name,
        submitter_id_number=body.submitter_id_number,
        account=account,
    )


def _handler(username: str | None) -> User | None:
    if username is None:
        return None
    user = User.objects.filter(username=username, is_active=True, kind=UserKind.STAFF).first()
    if user is None:
        raise ValidationFailed(
            f"Không có cán bộ với tên đăng nhập «{username}».",
            code="handler_not_found",
            field="handler",
        )
    return user


def _perform(dossier: Dossier, action: Action, body: ActionIn, user: User) -> None:
    """Call the one workflow service behind `action` with the fields it reads."""
    inputs = ActionInputs(
        to_step=body.to_step,
        handler=_handler(body.handler),
        note=body.note,
        reason=body.reason,
        reasons=tuple(body.reasons),
        items=tuple((i.code, i.requirement) for i in body.items),
        late_reason=body.late_reason,
        override_reason=body.override_reason,
        amount=body.amount,
        online=body.online,
        result_number=body.result_number,
        summary=body.summary,
        files=tuple(body.uploads()),
        components=tuple(
            wf.ComponentInput(code=c.code, files=tuple(f.upload() for f in c.files))
            for c in body.components
        ),
        method=body.method,
        received_by_name=body.received_by_name,
        received_by_id_number=body.received_by_id_number,
        tracking_number=body.tracking_number,
        legal_ground=body.legal_ground,
        new_due_at=body.new_due_at,
    )
    try:
        dossier_act(dossier=dossier, action=action, inputs=inputs, actor=user)
    except InputMissing as exc:
        raise _missing(exc.field or "", exc.message) from None


# --- Pagination ----------------------------------------------------------------------------------


class DossierPagination(PageNumberPagination):
    """Page-number pagination whose rows are computed once per page (deadline included), with a
    working calendar built once per agency for the whole page."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=20, max_page_size=100, **kwargs)

    def paginate_queryset(
        self,
        queryset: Any,
        pagination: PageNumberPagination.Input,
        request: HttpRequest,
        **params: Any,
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        at, calendars = timezone.now(), Calendars()
        page["items"] = [render_summary(d, at=at, calendars=calendars) for d in page["items"]]
        return page


# --- Endpoints -----------------------------------------------------------------------------------


@router.post(
    "",
    response={201: DossierDetailOut, PROBLEMS: ProblemOut},
    summary="Tiếp nhận hồ sơ trực tiếp, qua bưu chính hoặc ki-ốt",
    description="Cán bộ một cửa của bộ phận `desk`. Thủ tục theo phiên bản đang áp dụng hôm nay.",
)
def dossier_intake(request: HttpRequest, payload: IntakeIn) -> Status[dict[str, Any]]:
    user = actor(request)
    dossier = wf.dossier_receive(
        desk=_desk(payload.desk),
        variant=_variant(payload),
        applicant=_applicant_input(payload.applicant),
        components=[c.as_input() for c in payload.components],
        actor=user,
        channel=Channel(payload.channel),
        answers=payload.answers,
        agency=_agency(payload.agency_code),
        conditions=payload.conditions,
        sets=payload.sets,
        fees_paid=Decimal(payload.fees_paid),
        note=payload.note,
    )
    return Status(201, render_detail(dossier, user))


@router.post(
    "/online",
    response={201: DossierDetailOut, PROBLEMS: ProblemOut},
    auth=[session_auth],
    summary="Nộp hồ sơ trực tuyến (công dân đã đăng nhập)",
    description="Hồ sơ ở trạng thái 1 «Mới đăng ký» với mã tham chiếu; mã hồ sơ được cấp khi bộ "
    "phận một cửa tiếp nhận.",
)
def dossier_submit_online(request: HttpRequest, payload: SubmissionIn) -> Status[dict[str, Any]]:
    user = actor(request)
    if user.kind != UserKind.CITIZEN:
        raise PermissionDenied(
            "Chỉ tài khoản công dân, tổ chức được nộp hồ sơ trực tuyến.",
            code="citizen_only",
        )
    dossier = wf.dossier_submit(
        variant=_variant(payload),
        desk=_desk(payload.desk),
        applicant=_applicant_input(payload.applicant, account=user),
        components=[c.as_input() for c in payload.components],
        actor=user,
        answers=payload.answers,
        agency=_agency(payload.agency_code),
        conditions=payload.conditions,
    )
    return Status(201, render_detail(dossier, user))


@router.get(
    "",
    response={200: list[DossierSummaryOut], PROBLEMS: ProblemOut},
    summary="Danh sách hồ sơ người gọi được xem",
    description="Mới nhất trước (theo thời điểm tiếp nhận, hoặc nộp khi chưa tiếp nhận).",
)
@paginate(DossierPagination)
def dossier_list(request: HttpRequest, filters: Query[DossierListQuery]) -> Any:
    return dossier_list_for(actor=actor(request), status=filters.status, text=filters.q)


@router.get(
    "/{code}", response={200: DossierDetailOut, PROBLEMS: ProblemOut}, summary="Thông tin một hồ sơ"
)
def dossier_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    user = actor(request)
    return render_detail(access_dossier(user, code=code), user)


@router.get(
    "/{code}/events",
    response={200: list[EventOut], PROBLEMS: ProblemOut},
    summary="Quá trình xử lý hồ sơ",
)
def dossier_events(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    dossier = access_dossier(actor(request), code=code)
    files = DossierFile.objects.select_related("component__component", "event")
    events = dossier.events.select_related("agency", "from_step", "to_step").prefetch_related(
        Prefetch("files", queryset=files)
    )
    return [render_event(dossier, event) for event in events]


@router.get(
    "/{code}/documents",
    response={200: list[FileOut], PROBLEMS: ProblemOut},
    summary="Các tệp của hồ sơ",
)
def dossier_documents(request: HttpRequest, code: str) -> list[dict[str, object]]:
    dossier = access_dossier(actor(request), code=code)
    rows = dossier.files.select_related("component__component", "event")
    return [render_file(dossier, row) for row in rows]


@router.get(
    "/{code}/documents/{file_id}",
    response={200: None, PROBLEMS: ProblemOut},
    summary="Tải một tệp của hồ sơ",
    url_name="dossier-document",
    openapi_extra={
        "responses": {
            200: {
                "description": "Nội dung tệp (PDF, JPEG hoặc PNG).",
                "content": {
                    t: {"schema": {"type": "string", "format": "binary"}}
                    for t in ("application/pdf", "image/jpeg", "image/png")
                },
            }
        }
    },
)
def dossier_document(request: HttpRequest, code: str, file_id: int) -> FileResponse:
    dossier = access_dossier(actor(request), code=code)
    row = dossier.files.filter(pk=file_id).first()
    if row is None:
        raise NotFound("Không tìm thấy tệp.", code="file_not_found")
    response = FileResponse(
        row.file.open("rb"), as_attachment=True, filename=row.name, content_type=row.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.get(
    "/{code}/deadline",
    response={200: DeadlineOut, PROBLEMS: ProblemOut},
    summary="Thời hạn giải quyết của hồ sơ",
)
def dossier_deadline_view(request: HttpRequest, code: str) -> dict[str, Any]:
    dossier = access_dossier(actor(request), code=code)
    if dossier.clock_started_at is None:
        raise NotFound(
            "Hồ sơ chưa được tiếp nhận: chưa tính thời hạn giải quyết.",
            code="deadline_not_started",
        )
    return render_deadline(dossier_deadline(dossier))


@router.get(
    "/{code}/forms",
    response={200: list[PrintableFormOut], PROBLEMS: ProblemOut},
    summary="Các phiếu, mẫu đã cấp",
)
def dossier_forms(request: HttpRequest, code: str) -> list[dict[str, object]]:
    dossier = access_dossier(actor(request), code=code)
    return [
        {
            "kind": form.kind.value,
            "title": form.title,
            "number": form.number or None,
            "issued_at": form.issued_at,
            "event_sequence": form.event_sequence,
            "url": reverse("api:dossier-form", args=[dossier.display_code, form.kind.value])
            + (f"?event={form.event_sequence}" if form.event_sequence else ""),
        }
        for form in form_list(dossier=dossier)
    ]


@router.get(
    "/{code}/forms/{kind}",
    response={200: None, PROBLEMS: ProblemOut},
    summary="In một phiếu, mẫu (PDF)",
    url_name="dossier-form",
    openapi_extra={
        "responses": {
            200: {
                "description": "Phiếu dạng PDF.",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def dossier_form(request: HttpRequest, code: str, kind: str, query: Query[FormQuery]) -> Any:
    dossier = access_dossier(actor(request), code=code)
    try:
        form_kind = FormKind(kind)
    except ValueError:
        raise NotFound(
            f"Không có loại phiếu «{kind}».",
            code="form_not_found",
            details={"kinds": [k.value for k in FormKind]},
        ) from None
    pdf = form_render(dossier=dossier, kind=form_kind, event_sequence=query.event)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{form_kind.value}-{dossier.display_code}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.post(
    "/{code}/actions/{action}",
    response={200: DossierDetailOut, PROBLEMS: ProblemOut},
    summary="Thực hiện một thao tác trên hồ sơ",
    description="`action` là một giá trị của danh sách thao tác (xem `actions` trong thông tin "
    "hồ sơ và docs/api.md). Thao tác không có: 404 `unknown_action`.",
)
def dossier_action(
    request: HttpRequest, code: str, action: str, payload: ActionIn
) -> dict[str, Any]:
    user = actor(request)
    try:
        chosen = Action(action)
    except ValueError:
        raise NotFound(
            f"Không có thao tác «{action}».",
            code="unknown_action",
            details={"actions": [a.value for a in Action]},
        ) from None
    dossier = access_dossier(user, code=code)
    _perform(dossier, chosen, payload, user)
    return render_detail(dossier, user)
