"""Back-office pages for the procedure catalog: the list, a procedure's page with its history,
the draft editor and preview, and the lifecycle actions (propose, return, publish, amend,
abolish or replace, discard), each a POST behind a confirmation page.

Adapters only: a policy resolves the procedure for the actor (404 when it is not theirs), one
service does the work, and the page redirects after a success.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from motcua.accounts.models import Agency, User
from motcua.accounts.selectors import agency_list_active
from motcua.backoffice.access import actor, staff_required
from motcua.backoffice.catalog_forms import (
    UNIT_LABELS,
    AbolishForm,
    CatalogFilterForm,
    ProcedureEditor,
    ProposeForm,
    PublishForm,
    ReasonForm,
    data_with_more_rows,
)
from motcua.backoffice.forms import add_domain_error
from motcua.catalog.models import (
    CaseVariant,
    CodeNamespace,
    EndReason,
    Field,
    Procedure,
    ProcedureVersion,
    VersionStatus,
)
from motcua.catalog.policies import (
    CatalogAction,
    CatalogRights,
    access_procedure,
    can_act_on_procedure,
    catalog_rights,
)
from motcua.catalog.selectors import (
    StaffStatus,
    procedure_events,
    version_draft,
    version_history,
    version_latest_published,
    version_list_for_staff,
    version_spec,
    version_staff_status,
    version_with_parts,
)
from motcua.catalog.services import (
    procedure_abolish,
    procedure_draft_discard,
    procedure_draft_from_current,
    procedure_draft_propose,
    procedure_draft_save,
    procedure_proposal_return,
    procedure_publish,
    publication_problems,
)
from motcua.catalog.specs import Problem
from motcua.core.errors import DomainError, NotFound, ValidationFailed

PER_PAGE = 30
EDITOR = "backoffice/catalog/edit.html"
PUBLIC_PARTIAL = "portal/catalog/_procedure.html"

ACTION_LABELS = {
    "procedure.draft_saved": "Lưu dự thảo",
    "procedure.draft_discarded": "Hủy dự thảo",
    "procedure.proposed": "Đề xuất công bố",
    "procedure.proposal_returned": "Trả lại đề xuất",
    "procedure.published": "Công bố",
    "procedure.amended": "Hết hiệu lực do sửa đổi, bổ sung",
    "procedure.abolished": "Bãi bỏ",
    "procedure.replaced": "Thay thế bởi thủ tục khác",
}


def _today() -> dt.date:
    return timezone.localdate()


def _access(
    request: HttpRequest, namespace: str, code: str, action: CatalogAction
) -> tuple[User, CatalogRights, Procedure]:
    """The actor, their rights and the procedure, or 404 when the actor may not do `action`."""
    user = actor(request)
    rights = catalog_rights(user)
    if namespace not in CodeNamespace.values:
        raise Http404
    try:
        procedure = access_procedure(
            user, code=code, namespace=namespace, action=action, rights=rights
        )
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return user, rights, procedure


def _draft_or_404(procedure: Procedure) -> ProcedureVersion:
    draft = version_draft(procedure=procedure)
    if draft is None:
        raise Http404("Thủ tục không có dự thảo.")
    return draft


def _detail_url(procedure: Procedure) -> str:
    return reverse("backoffice:catalog-detail", args=[procedure.namespace, procedure.code])


def _field_choices() -> list[tuple[str, str]]:
    return [(code, f"{name} ({code})") for code, name in Field.objects.values_list("code", "name")]


def _agency_choices() -> list[tuple[str, str]]:
    agencies = agency_list_active(on=_today()).order_by("name", "code")
    return [(code, f"{name} ({code})") for code, name in agencies.values_list("code", "name")]


# --- The list -----------------------------------------------------------------------------------


@staff_required
def catalog_list(request: HttpRequest) -> HttpResponse:
    """Every procedure with where it stands (draft, proposed, in force, ended), searchable like
    the public catalog. Province admins get the proposals awaiting them."""
    user = actor(request)
    today = _today()
    rights = catalog_rights(user, on=today)
    if not rights.read:
        raise Http404
    form = CatalogFilterForm(
        request.GET,
        status_choices=StaffStatus.choices,
        field_choices=list(Field.objects.values_list("code", "name")),
    )
    values: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    status = values.get("status") or None
    versions = version_list_for_staff(
        actor=user,
        on=today,
        text=values.get("q", ""),
        status=StaffStatus(status) if status else None,
        field=values.get("field") or None,
        mine=bool(values.get("mine")),
    )
    page = Paginator(versions, PER_PAGE).get_page(request.GET.get("page"))
    proposals = 0
    if rights.manage_all:
        proposals = ProcedureVersion.objects.filter(
            status=VersionStatus.DRAFT, proposed_at__isnull=False
        ).count()
    kept = {key: value for key, value in request.GET.items() if key != "page" and value}
    return render(
        request,
        "backoffice/catalog/list.html",
        {
            "form": form,
            "page": page,
            "rows": [(v, version_staff_status(v, on=today)) for v in page],
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "rights": rights,
            "proposals": proposals,
            "filter_query": urlencode(kept),
            "searched": bool(kept),
        },
    )


# --- A procedure's page -------------------------------------------------------------------------


@dataclass(frozen=True)
class Actions:
    """What the actor may do on a procedure's page now."""

    edit_draft: bool = False
    propose: bool = False
    publish: bool = False
    return_proposal: bool = False
    discard: bool = False
    amend: bool = False
    abolish: bool = False

    @property
    def any(self) -> bool:
        return any(vars(self).values())


def _actions(
    user: User,
    rights: CatalogRights,
    procedure: Procedure,
    draft: ProcedureVersion | None,
    latest: ProcedureVersion | None,
) -> Actions:
    can_edit = can_act_on_procedure(
        user, procedure=procedure, action=CatalogAction.EDIT, rights=rights
    )
    ended = latest is not None and latest.end_reason in (EndReason.ABOLISHED, EndReason.REPLACED)
    return Actions(
        edit_draft=can_edit and draft is not None,
        propose=can_edit and draft is not None and draft.proposed_at is None,
        publish=rights.manage_all and draft is not None,
        return_proposal=rights.manage_all and draft is not None and draft.proposed_at is not None,
        discard=can_edit and draft is not None,
        amend=can_edit and draft is None and latest is not None and not ended,
        abolish=rights.manage_all and latest is not None and not ended,
    )


@staff_required
def catalog_detail(request: HttpRequest, namespace: str, code: str) -> HttpResponse:
    user, rights, procedure = _access(request, namespace, code, CatalogAction.READ)
    today = _today()
    versions = version_history(procedure=procedure)
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    latest = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
    numbers = {str(v.pk): v.number for v in versions}
    events = [
        {
            "event": event,
            "label": ACTION_LABELS.get(event.action, event.action),
            "number": numbers.get(event.object_id, event.data.get("number")),
        }
        for event in procedure_events(procedure=procedure)
    ]
    return render(
        request,
        "backoffice/catalog/detail.html",
        {
            "procedure": procedure,
            "title": (draft or latest or versions[0]).name if versions else procedure.code,
            "rows": [(v, version_staff_status(v, on=today)) for v in versions],
            "draft": draft,
            "latest": latest,
            "events": events,
            "actions": _actions(user, rights, procedure, draft, latest),
        },
    )


# --- Create and edit drafts ---------------------------------------------------------------------


def _editor_page(
    request: HttpRequest,
    *,
    user: User,
    procedure: Procedure | None,
    initial: Any = None,
) -> HttpResponse:
    """GET: the editor with the draft (or empty). POST: add a row, or save through the service
    and go to the preview; on any problem nothing is saved and the page comes back with the
    user's input and each problem next to its field."""
    field_choices, agency_choices = _field_choices(), _agency_choices()
    fixed = procedure is not None
    context: dict[str, Any] = {"procedure": procedure}
    if request.method != "POST":
        editor = ProcedureEditor.from_spec(
            initial,
            field_choices=field_choices,
            agency_choices=agency_choices,
            fixed_identity=fixed,
        )
        return render(request, EDITOR, {**context, "editor": editor})

    data = request.POST
    target = request.POST.get("add")
    if target:
        more = data_with_more_rows(request.POST, target)
        editor = ProcedureEditor.bound(
            more if more is not None else data,
            field_choices=field_choices,
            agency_choices=agency_choices,
            initial=initial,
            fixed_identity=fixed,
        )
        editor.hide_errors()
        return render(request, EDITOR, {**context, "editor": editor})

    editor = ProcedureEditor.bound(
        data,
        field_choices=field_choices,
        agency_choices=agency_choices,
        initial=initial,
        fixed_identity=fixed,
    )
    if editor.is_valid():
        spec = editor.spec()
        try:
            draft = procedure_draft_save(
                spec=spec,
                actor=user,
                reason=editor.general.cleaned_data["reason"],
                new_procedure=procedure is None,
            )
        except DomainError as exc:
            editor.show_error(exc)
        else:
            messages.success(
                request,
                f"Đã lưu dự thảo phiên bản {draft.number} của thủ tục {draft.procedure.code}. "
                "Kiểm tra bản xem trước và các nội dung còn thiếu trước khi công bố.",
            )
            return redirect(
                "backoffice:catalog-draft-preview", draft.procedure.namespace, draft.procedure.code
            )
    return render(request, EDITOR, {**context, "editor": editor, "refused": True}, status=400)


@staff_required
def catalog_create(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if not catalog_rights(user).may_create:
        raise Http404
    return _editor_page(request, user=user, procedure=None)


@staff_required
def catalog_draft_edit(request: HttpRequest, namespace: str, code: str) -> HttpResponse:
    user, _, procedure = _access(request, namespace, code, CatalogAction.EDIT)
    draft = _draft_or_404(procedure)
    return _editor_page(
        request, user=user, procedure=procedure, initial=version_spec(version=draft)
    )


# --- Preview ------------------------------------------------------------------------------------


def _limit(value: Any, unit: str) -> str:
    if value is None:
        return ""
    if value == 0 and unit in ("working_days", "working_hours"):
        return "Trong ngày"
    return f"{value.normalize():f} {UNIT_LABELS.get(unit, unit)}".replace(".", ",")


def _public_partial() -> str | None:
    """The portal's partial for a procedure's public page, when the portal has one: the preview
    then shows exactly what citizens will see."""
    try:
        get_template(PUBLIC_PARTIAL)
    except TemplateDoesNotExist:
        return None
    return PUBLIC_PARTIAL


def _version_context(version: ProcedureVersion) -> dict[str, Any]:
    """What the version page shows, from a version with its parts (`version_with_parts`)."""
    variants: list[CaseVariant] = list(version.variants.all())
    agencies: list[Agency] = sorted(version.executing_agencies.all(), key=lambda a: a.name)
    return {
        "version": version,
        "procedure": version.procedure,
        "public_partial": _public_partial(),
        "variants": variants,
        "has_fees": any(variant.fees.all() for variant in variants),
        "online_submission": False,  # a preview never links to filing
        "variant_rows": [
            {
                "variant": variant,
                "limit": _limit(variant.time_limit_value, variant.time_limit_unit),
                "committed": _limit(variant.committed_value, variant.time_limit_unit),
            }
            for variant in variants
        ],
        "many": len(variants) > 1,
        "levels": [level.get_level_display() for level in version.levels.all()],
        "agencies": agencies,
        "legal_bases": [
            (
                str(item.get("document", "")),
                dt.date.fromisoformat(str(item["effective_date"]))
                if item.get("effective_date")
                else None,
            )
            for item in version.legal_bases
        ],
        "last_day": version.valid_to - dt.timedelta(days=1) if version.valid_to else None,
    }


@staff_required
def catalog_draft_preview(request: HttpRequest, namespace: str, code: str) -> HttpResponse:
    """The draft as citizens will see it once published, with what still stops publication."""
    user, rights, procedure = _access(request, namespace, code, CatalogAction.READ)
    draft = _draft_or_404(procedure)
    latest = version_latest_published(procedure=procedure)
    return render(
        request,
        "backoffice/catalog/preview.html",
        {
            **_version_context(version_with_parts(pk=draft.pk)),
            "problems": publication_problems(version=draft),
            "is_draft": True,
            "actions": _actions(user, rights, procedure, draft, latest),
        },
    )


@staff_required
def catalog_version(request: HttpRequest, namespace: str, code: str, number: int) -> HttpResponse:
    """A published version as it was published (history)."""
    _, _, procedure = _access(request, namespace, code, CatalogAction.READ)
    found = ProcedureVersion.objects.filter(
        procedure=procedure, number=number, status=VersionStatus.PUBLISHED
    ).first()
    if found is None:
        raise Http404
    version = version_with_parts(pk=found.pk)
    return render(
        request,
        "backoffice/catalog/preview.html",
        {
            **_version_context(version),
            "problems": [],
            "is_draft": False,
            "status": version_staff_status(version, on=_today()),
        },
    )


# --- Lifecycle actions --------------------------------------------------------------------------


def _confirm(
    request: HttpRequest,
    *,
    procedure: Procedure,
    form_class: type[forms.Form],
    title: str,
    explanation: str,
    button: str,
    run: Callable[[dict[str, Any]], str],
    after: Callable[[], str] | None = None,
    initial: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A confirmation page: GET shows what will happen and the form; POST calls the service
    (through `run`, returning the success message) and redirects to the procedure's page (or
    `after()`); a refusal comes back on the form, nothing changed."""
    problems: list[Problem] = []
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                message = run(form.cleaned_data)
            except DomainError as exc:
                add_domain_error(form, exc)
                raw = exc.details.get("problems")
                if isinstance(raw, list):
                    problems = [
                        Problem(str(p["path"]), str(p["code"]), str(p["message"])) for p in raw
                    ]
            else:
                messages.success(request, message)
                return redirect(after() if after else _detail_url(procedure))
        status = 400
    else:
        form = form_class(initial=initial)
        status = 200
    return render(
        request,
        "backoffice/catalog/confirm.html",
        {
            "procedure": procedure,
            "form": form,
            "title": title,
            "explanation": explanation,
            "button": button,
            "problems": problems,
            **(extra or {}),
        },
        status=status,
    )


@staff_required
def catalog_propose(request: HttpRequest, namespace: str, code: str) -> HttpResponse:
    user, _, procedure = _access(request, namespace, code, CatalogAction.EDIT)
    draft = _draft_or_404(procedure)

    def run(data: dict[str, Any]) -> str:
        procedure_draft_propose(version=draft, actor=user, note=data["note"])
        return "Đã gửi đề xuất công bố. Quản trị cấp tỉnh sẽ xem xét và công bố."

    return _confirm(
        request,
        procedure=procedure,
        form_class=ProposeForm,
        title=f"Đề xuất công bố dự thảo phiên bản {draft.number}",
        explanation="Dự thảo sẽ được gửi quản trị cấp tỉnh xem xét, công bố. Nếu sửa dự thảo "
        "sau khi đề xuất, cần đề xuất lại.",
        button="Gửi đề xuất",
        run=run,
        extra={"problems_now": publication_problems(version=draft)},
    )


@staff_required
def catalog_proposal_return(request: HttpRequest, namespace: str, code: str) -> HttpResponse:
    user, _, procedure = _access(request, namespace, code, CatalogAction.PUBLISH)
    draft = _draft_or_404(procedure)

    def run(data: dict[str, Any]) -> str:
        procedure_proposal_return(version=draft, actor=user, reason=data["reason"])
        return "Đã trả lại đề xuất. Dự thảo được giữ nguyên để cơ quan sửa và đề xuất lại."

    return _confirm(
        request,
        procedure=procedure,
        form_class=ReasonForm,
        title=f"Trả lại đề xuất công bố phiên bản {draft.number}",
        explanation="Dự thảo không được công bố; người đề xuất thấy lý do trong nhật ký thủ tục.",
        button="Trả lại đề xuất",
        run=run,
    )


@staff_required
def catalog_publish(request: HttpRequest, namespace: str, code: str) -> HttpResponse:
    user, _, procedure = _access(request, namespace, code, CatalogAction.PUBLISH)
    draft = _draft_or_404(procedure)
    latest = version_latest_published(procedure=procedure)

    def run(data: dict[str, Any]) -> str:
        version = procedure_publish(
            version=draft, valid_from=data["valid_from"], actor=user, reason=data["reason"]
        )
        return (
            f"Đã công bố phiên bản {version.number} của thủ tục {procedure.code}, "
            f"có hiệu lực từ ngày {data['valid_from']:%d/%m/%Y}."
        )

    explanation = (
        "Phiên bản được công bố không sửa được nữa; muốn thay đổi phải soạn phiên bản mới."
    )
    if latest is not None and latest.end_reason not in (EndReason.ABOLISHED, EndReason.REPLACED):
        explanation += (
            f" Phiên bản {latest.number} đang áp dụng sẽ hết hiệu lực từ ngày hiệu lực của "
            "phiên bản mới."
        )
    return _confirm(
        request,
        procedure=procedure,
        form_class=PublishForm,
        title=f"Công bố phiên bản {draft.number}: {draft.name}",
        explanation=explanation,
        button="Công bố",
        run=run,
        initial={"valid_from": _today() + dt.timedelta(days=1), "reason": draft.decision_number},
        extra={"problems_now": publication_problems(version=draft), "draft": draft},
    )


@staff_required
def catalog_amend(request: HttpRequest, namespace: str, code: str) -> HttpResponse:
    user, _, procedure = _access(request, namespace, code, CatalogAction.EDIT)
    latest = version_latest_published(procedure=procedure)
    if latest is None:
        raise Http404

    def run(data: dict[str, Any]) -> str:
        draft = procedure_draft_from_current(procedure=procedure, actor=user, reason=data["reason"])
        return f"Đã tạo dự thảo phiên bản {draft.number} từ phiên bản {latest.number}."

    return _confirm(
        request,
        procedure=procedure,
        form_class=ReasonForm,
        title=f"Soạn sửa đổi, bổ sung thủ tục {procedure.code}",
        explanation=f"Một dự thảo mới được tạo với nội dung của phiên bản {latest.number}. "
        "Phiên bản đang áp dụng không thay đổi cho đến khi dự thảo được công bố.",
        button="Tạo dự thảo",
        run=run,
        after=lambda: reverse("backoffice:catalog-draft-edit", args=[namespace, code]),
    )


@staff_required
def catalog_abolish(request: HttpRequest, namespace: str, code: str) -> HttpResponse:
    user, _, procedure = _access(request, namespace, code, CatalogAction.PUBLISH)
    latest = version_latest_published(procedure=procedure)
    if latest is None:
        raise Http404

    def run(data: dict[str, Any]) -> str:
        successor = None
        if data["successor"].strip():
            successor = Procedure.objects.filter(code=data["successor"].strip()).first()
            if successor is None:
                raise ValidationFailed(
                    f"Không có thủ tục mã «{data['successor'].strip()}».",
                    code="procedure_unknown",
                    field="successor",
                )
        procedure_abolish(
            procedure=procedure,
            valid_to=data["valid_to"],
            reason=data["reason"],
            actor=user,
            replaced_by=successor,
        )
        ended = "thay thế" if successor else "bãi bỏ"
        return f"Đã {ended} thủ tục {procedure.code} từ ngày {data['valid_to']:%d/%m/%Y}."

    return _confirm(
        request,
        procedure=procedure,
        form_class=AbolishForm,
        title=f"Bãi bỏ hoặc thay thế thủ tục {procedure.code}",
        explanation="Từ ngày hết hiệu lực, thủ tục không còn trên cổng công khai và không nhận hồ "
        "sơ mới; hồ sơ đã nhận vẫn giải quyết theo phiên bản đã áp dụng.",
        button="Xác nhận",
        run=run,
    )


@staff_required
def catalog_discard(request: HttpRequest, namespace: str, code: str) -> HttpResponse:
    user, _, procedure = _access(request, namespace, code, CatalogAction.EDIT)
    draft = _draft_or_404(procedure)
    has_published = version_latest_published(procedure=procedure) is not None

    def run(data: dict[str, Any]) -> str:
        procedure_draft_discard(version=draft, actor=user, reason=data["reason"])
        return f"Đã hủy dự thảo phiên bản {draft.number}."

    return _confirm(
        request,
        procedure=procedure,
        form_class=ReasonForm,
        title=f"Hủy dự thảo phiên bản {draft.number}",
        explanation="Nội dung dự thảo bị xóa; nhật ký vẫn ghi lại việc hủy.",
        button="Hủy dự thảo",
        run=run,
        after=None if has_published else lambda: reverse("backoffice:catalog-list"),
    )
