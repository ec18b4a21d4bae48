"""The citizen's own dossiers ("hồ sơ của tôi"): the list, one dossier, answering a supplement
request, withdrawing, downloading their files and the forms addressed to them.

Adapters: `citizen_required` lets only citizen accounts in (staff get 403, anonymous visitors go
to the login page); `motcua.workflow.citizen` reads and resolves the dossier for the citizen
(someone else's dossier, file or form is a 404); one workflow service writes.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from motcua.core.errors import DomainError, NotFound
from motcua.documents.dossier_forms import form_list, form_render
from motcua.documents.forms import FormKind
from motcua.dossiers.drafts import draft_list_for
from motcua.dossiers.models import Channel, Dossier
from motcua.portal.access import citizen, citizen_required
from motcua.portal.dossier_forms import SupplementForm, WithdrawForm
from motcua.workflow.citizen import (
    CitizenDossier,
    StatusGroup,
    TimelineEntry,
    access_citizen_dossier,
    access_citizen_file,
    citizen_dossier_counts,
    citizen_dossier_detail,
    citizen_dossier_list,
    citizen_dossier_rows,
    citizen_may_print,
)
from motcua.workflow.services import (
    ComponentInput,
    dossier_request_withdrawal,
    dossier_resubmit,
    dossier_supplement_send,
)

PER_PAGE = 20
DRAFTS_SHOWN = 10
INLINE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


def _detail_url(dossier: Dossier) -> str:
    return reverse("portal:my-dossier", args=[dossier.display_code])


def _form_url(dossier: Dossier, kind: str, event: int | None) -> str:
    url = reverse("portal:my-dossier-form", args=[dossier.display_code, kind.replace("_", "-")])
    return f"{url}?su-kien={event}" if event is not None else url


@require_safe
@citizen_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    """The citizen's dossiers, newest first, in tabs by status group; their online drafts."""
    user = citizen(request)
    value = request.GET.get("status", "")
    group = StatusGroup(value) if value in StatusGroup else None
    page = Paginator(citizen_dossier_list(actor=user, status_group=group), PER_PAGE).get_page(
        request.GET.get("page")
    )
    counts = citizen_dossier_counts(actor=user)
    tabs: list[tuple[StatusGroup | None, str, int]] = [(None, _("Tất cả"), counts[None])]
    tabs += [(g, g.label, counts[g]) for g in StatusGroup]
    return render(
        request,
        "portal/dossiers/list.html",
        {
            "rows": citizen_dossier_rows(page.object_list),
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
            "group": group,
            "tabs": tabs,
            "drafts": list(draft_list_for(actor=user, channel=Channel.ONLINE)[:DRAFTS_SHOWN]),
        },
    )


def _detail(request: HttpRequest, code: str) -> CitizenDossier:
    try:
        return citizen_dossier_detail(actor=citizen(request), code=code)
    except NotFound:
        raise Http404 from None


def _own(request: HttpRequest, code: str) -> Dossier:
    try:
        return access_citizen_dossier(citizen(request), code=code)
    except NotFound:
        raise Http404 from None


@dataclass(frozen=True)
class FormLink:
    title: str
    number: str
    url: str


@require_safe
@citizen_required
def my_dossier(request: HttpRequest, code: str) -> HttpResponse:
    detail = _detail(request, code)
    dossier = detail.dossier
    printable = [f for f in form_list(dossier=dossier) if citizen_may_print(f.kind.value)]
    issued = {(f.kind.value, f.event_sequence) for f in printable}

    def link(entry: TimelineEntry) -> str:
        if not entry.form or (entry.form, entry.form_event) not in issued:
            return ""
        return _form_url(dossier, entry.form, entry.form_event)

    return render(
        request,
        "portal/dossiers/detail.html",
        {
            "cd": detail,
            "dossier": dossier,
            "timeline": [(entry, link(entry)) for entry in reversed(detail.timeline)],
            "forms": [
                FormLink(f.title, f.number, _form_url(dossier, f.kind.value, f.event_sequence))
                for f in printable
            ],
            "apology_url": _form_url(dossier, "apology", None)
            if ("apology", None) in issued
            else "",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@citizen_required
def my_dossier_supplement(request: HttpRequest, code: str) -> HttpResponse:
    """Upload the papers a supplement request asked for: after reception they go to the desk
    (which then receives the supplement); before reception the submission is sent again."""
    detail = _detail(request, code)
    dossier, request_ = detail.dossier, detail.supplement
    if request_ is None:
        messages.info(request, _("Hồ sơ không ở trạng thái chờ bổ sung giấy tờ."))
        return redirect(_detail_url(dossier))
    if request.method == "POST":
        form = SupplementForm(
            request.POST,
            request.FILES,
            items=request_.items,
            with_note=request_.after_reception,
        )
        if form.is_valid():
            components = [
                ComponentInput(code=code_, files=tuple(files))
                for code_, files in form.uploads().items()
                if files
            ]
            try:
                if request_.after_reception:
                    dossier_supplement_send(
                        dossier=dossier,
                        components=components,
                        note=form.cleaned_data.get("note", ""),
                        actor=citizen(request),
                    )
                else:
                    dossier_resubmit(dossier=dossier, components=components, actor=citizen(request))
            except DomainError as exc:
                form.add_error(form.field_for(exc.field), exc.message)
            else:
                messages.success(
                    request,
                    _("Đã gửi hồ sơ bổ sung. Bộ phận một cửa sẽ kiểm tra và thông báo cho bạn.")
                    if request_.after_reception
                    else _("Đã nộp lại hồ sơ. Bộ phận một cửa sẽ kiểm tra và tiếp nhận."),
                )
                return redirect(_detail_url(dossier))
    else:
        form = SupplementForm(items=request_.items, with_note=request_.after_reception)
    return render(
        request,
        "portal/dossiers/supplement.html",
        {
            "cd": detail,
            "dossier": dossier,
            "request_": request_,
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@citizen_required
def my_dossier_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    """Confirm with a reason, then ask to withdraw (received: the desk decides, status 7; not yet
    received: the submission simply ends)."""
    detail = _detail(request, code)
    dossier = detail.dossier
    if not detail.can_withdraw:
        messages.info(request, _("Hồ sơ này không còn rút được."))
        return redirect(_detail_url(dossier))
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                dossier_request_withdrawal(
                    dossier=dossier, reason=form.cleaned_data["reason"], actor=citizen(request)
                )
            except DomainError as exc:
                form.add_error("reason" if exc.field == "reason" else None, exc.message)
            else:
                messages.success(
                    request,
                    _("Đã gửi yêu cầu rút hồ sơ. Bộ phận một cửa sẽ xem xét và thông báo cho bạn.")
                    if dossier.code
                    else _("Đã rút hồ sơ."),
                )
                return redirect(_detail_url(dossier))
    else:
        form = WithdrawForm()
    return render(
        request,
        "portal/dossiers/withdraw.html",
        {"cd": detail, "dossier": dossier, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_safe
@citizen_required
def my_dossier_file(request: HttpRequest, code: str, file_id: int) -> HttpResponseBase:
    """One of the citizen's files: what they filed or supplemented, the results once out. Shown
    in the browser (PDF, images) or, with `?tai-ve`, downloaded."""
    try:
        _, row = access_citizen_file(citizen(request), code=code, file_id=file_id)
    except NotFound:
        raise Http404 from None
    inline = request.GET.get("tai-ve") is None and row.content_type in INLINE_TYPES
    response = FileResponse(
        row.file.open("rb"),
        content_type=row.content_type,
        as_attachment=not inline,
        filename=row.name,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@citizen_required
def my_dossier_form(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """A form addressed to the citizen (receipt, supplement request, refusal, apology, stop
    notice) as PDF; `?su-kien=N` picks the event that issued it when there were several."""
    dossier = _own(request, code)
    value = kind.replace("-", "_")
    if not citizen_may_print(value):
        raise Http404
    sequence = request.GET.get("su-kien")
    try:
        pdf = form_render(
            dossier=dossier,
            kind=FormKind(value),
            event_sequence=int(sequence) if sequence and sequence.isdigit() else None,
        )
    except (ValueError, NotFound):
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.display_code}-{kind}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
