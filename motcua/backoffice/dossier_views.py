"""One dossier in the back office: the workspace (timeline, documents, e-form answers, deadline
with its explanation, who holds it, printable forms), each action's form, files and forms.

Adapters: `access_dossier` resolves the dossier for the officer (404 when it is not theirs), the
workspace selector reads, `dossier_act` takes an action through its workflow service. An action
not offered to this officer now (another step's, another role's, already taken by a colleague) is
never shown; asked for by URL it is a 404, and a form posted after the dossier moved on gets the
service's refusal as a message.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.csp import CSP
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override

from motcua.accounts.models import Role
from motcua.accounts.selectors import membership_list_active
from motcua.backoffice.access import actor, staff_required
from motcua.backoffice.dossier_forms import DANGEROUS, LogbookForm, action_form, option_for
from motcua.backoffice.forms import add_domain_error
from motcua.core.errors import DomainError, NotFound
from motcua.core.timezone import local_today
from motcua.documents.dossier_forms import form_list, form_render, logbook_render
from motcua.documents.forms import FormKind
from motcua.dossiers.models import Dossier, DossierFile
from motcua.dossiers.policies import access_dossier
from motcua.workflow.dispatch import dossier_act
from motcua.workflow.selectors import available_actions
from motcua.workflow.transitions import Action
from motcua.workflow.workspace import apology_live, dossier_workspace

APOLOGY_ACTIONS = frozenset({Action.SUBMIT_APOLOGY, Action.APPROVE_APOLOGY, Action.REJECT_APOLOGY})
INLINE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


def _dossier(request: HttpRequest, code: str) -> Dossier:
    try:
        return access_dossier(actor(request), code=code)
    except NotFound:
        raise Http404 from None


@staff_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _dossier(request, code)
    workspace = dossier_workspace(dossier=dossier, actor=actor(request))
    context = {
        "ws": workspace,
        "dossier": workspace.dossier,
        "printable": form_list(dossier=workspace.dossier),
        "dangerous": {a.value for a in DANGEROUS},
    }
    template = "backoffice/dossiers/detail.html"
    if getattr(request, "htmx", False) and request.GET.get("part") == "timeline":
        template += "#timeline"
    return render(request, template, context)


def _detail_url(dossier: Dossier) -> str:
    return reverse("backoffice:dossier-detail", args=[dossier.display_code])


@staff_required
def dossier_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    user = actor(request)
    dossier = _dossier(request, code)
    option = option_for(available_actions(dossier=dossier, actor=user), action)
    if option is None:
        if request.method == "POST":
            messages.error(
                request,
                _("Thao tác này không còn thực hiện được với hồ sơ ở bước hiện tại."),
            )
            return redirect(_detail_url(dossier))
        raise Http404
    if request.method == "POST":
        form = action_form(option, dossier, request.POST, request.FILES)
        if form.is_valid():
            try:
                dossier_act(dossier=dossier, action=option.action, inputs=form.inputs(), actor=user)
            except DomainError as exc:
                if exc.field == "files":  # the service's name for the uploads
                    exc.field = "papers"
                add_domain_error(form, exc)
            else:
                messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": option.label})
                url = _detail_url(dossier)
                if getattr(request, "htmx", False):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = url
                    return response
                return redirect(url)
    else:
        form = action_form(option, dossier)
    template = "backoffice/dossiers/action.html"
    if getattr(request, "htmx", False):
        template += "#action-form"
    return render(
        request,
        template,
        {
            "dossier": dossier,
            "option": option,
            "form": form,
            "dangerous": option.action in DANGEROUS,
            "apology": apology_live(dossier) if option.action in APOLOGY_ACTIONS else None,
        },
        status=400 if form.is_bound else 200,
    )


# Shown in the workspace's viewer (a same-origin frame); never framed by another site.
_FRAMED_BY_US: dict[str, list[str] | str] = {
    **settings.SECURE_CSP,
    "frame-ancestors": [CSP.SELF],
}


@xframe_options_sameorigin
@csp_override(_FRAMED_BY_US)
@staff_required
def dossier_file(request: HttpRequest, code: str, file_id: int) -> HttpResponseBase:
    """A file of the dossier, shown in the browser (PDF, images) or downloaded."""
    dossier = _dossier(request, code)
    row = DossierFile.objects.filter(dossier=dossier, pk=file_id).first()
    if row is None:
        raise Http404
    inline = request.GET.get("tai-ve") is None and row.content_type in INLINE_TYPES
    response = FileResponse(
        row.file.open("rb"),
        content_type=row.content_type,
        as_attachment=not inline,
        filename=row.name,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def dossier_form(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    """A printable official form of the dossier (receipt, supplement request, refusal, …) as PDF;
    `?su-kien=N` picks the event that issued it when there were several."""
    dossier = _dossier(request, code)
    try:
        form_kind = FormKind(kind.replace("-", "_"))
        sequence = request.GET.get("su-kien")
        pdf = form_render(
            dossier=dossier,
            kind=form_kind,
            event_sequence=int(sequence) if sequence and sequence.isdigit() else None,
        )
    except (ValueError, NotFound):
        raise Http404 from None
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{dossier.display_code}-{kind}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
def logbook(request: HttpRequest) -> HttpResponse:
    """The desk's register of dossiers (sổ theo dõi hồ sơ) for a period, as the official PDF.
    Desk officers print their own desks' registers."""
    user = actor(request)
    desks = [
        m.desk
        for m in membership_list_active(user=user, on=local_today())
        if m.role == Role.DESK_OFFICER and m.desk is not None
    ]
    if not desks:
        raise PermissionDenied
    form = LogbookForm(request.GET if "desk" in request.GET else None, desks=desks)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        start, end = data["period_from"], data["period_to"]
        try:
            pdf = logbook_render(
                desk=data["desk"], year=start.year, period_from=start, period_to=end
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            name = f"so-theo-doi-{data['desk'].code}-{start:%Y%m%d}-{end:%Y%m%d}.pdf"
            response["Content-Disposition"] = f'inline; filename="{name}"'
            response["Cache-Control"] = "private, no-store"
            return response
    return render(
        request,
        "backoffice/dossiers/logbook.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
