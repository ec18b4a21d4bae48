"""Feedback and petitions (PAKN) in the back office: the queue of the officer's agencies, one
PAKN's page (content, linked dossier, timeline, clock, the steps allowed now), each step's form,
and the recording of a PAKN received by telephone, in writing or by e-mail.

Adapters: `access_feedback` resolves the PAKN for the officer (404 when it is not theirs), the
selectors read, one service per step writes. A step not offered to this officer now is never
shown; asked for by URL it is a 404, and a form posted after the PAKN moved on gets a message.
"""

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.backoffice.access import actor, staff_required
from motcua.backoffice.feedback_forms import (
    DANGEROUS,
    FORMS,
    FeedbackFilterForm,
    ForwardForm,
    RecordForm,
)
from motcua.backoffice.forms import add_domain_error
from motcua.core.errors import DomainError, NotFound
from motcua.core.timezone import local_today
from motcua.dossiers.policies import dossier_queryset_for
from motcua.feedback import services
from motcua.feedback.models import Feedback, FeedbackChannel, FeedbackKind, FeedbackSubject
from motcua.feedback.policies import (
    FeedbackAction,
    Rule,
    access_feedback,
    actions_for,
    staff_agency_ids,
)
from motcua.feedback.selectors import (
    feedback_clock,
    feedback_counts,
    feedback_forward_targets,
    feedback_queue,
    feedback_rows,
    feedback_timeline,
)

PER_PAGE = 25
LIST = "backoffice/feedback/list.html"


def _is_partial(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def _feedback(request: HttpRequest, code: str) -> Feedback:
    try:
        return access_feedback(actor(request), code=code)
    except NotFound:
        raise Http404 from None


def _detail_url(feedback: Feedback) -> str:
    return reverse("backoffice:feedback-detail", args=[feedback.code])


@staff_required
def feedback_list(request: HttpRequest) -> HttpResponse:
    """The PAKN of the officer's agencies: open ones first, soonest due first; filters by GET."""
    user = actor(request)
    at = timezone.now()
    form = FeedbackFilterForm(request.GET)
    form.is_valid()
    filters = form.filters()
    page = Paginator(feedback_queue(actor=user, filters=filters, at=at), PER_PAGE).get_page(
        request.GET.get("page")
    )
    kept = {
        name: request.GET[name]
        for name in form.fields
        if request.GET.get(name) and name not in form.errors
    }
    partial = _is_partial(request)
    context = {
        "form": form,
        "page": page,
        "rows": feedback_rows(page, at=at),
        "counts": feedback_counts(actor=user, at=at),
        "filtered": bool(filters),
        "filter_query": urlencode(kept),
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "may_record": bool(staff_agency_ids(user)),
        "partial": partial,
    }
    response = render(request, f"{LIST}#results" if partial else LIST, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _may_see_dossier(user: User, feedback: Feedback) -> bool:
    if feedback.dossier_id is None:
        return False
    return dossier_queryset_for(user).filter(pk=feedback.dossier_id).exists()


@staff_required
def feedback_detail(request: HttpRequest, code: str) -> HttpResponse:
    user = actor(request)
    feedback = _feedback(request, code)
    return render(
        request,
        "backoffice/feedback/detail.html",
        {
            "feedback": feedback,
            "clock": feedback_clock(feedback),
            "timeline": feedback_timeline(feedback),
            "actions": actions_for(user, feedback),
            "dangerous": {a.value for a in DANGEROUS},
            "dossier_visible": _may_see_dossier(user, feedback),
        },
    )


def _form(rule: Rule, feedback: Feedback, data: Any = None) -> forms.Form:
    if rule.action is FeedbackAction.FORWARD:
        return ForwardForm(data, agencies=feedback_forward_targets(feedback, on=local_today()))
    initial: dict[str, object] = {}
    if rule.action is FeedbackAction.PUBLISH:
        initial["public_content"] = feedback.content
    return FORMS[rule.action](data, initial=initial)


def _take(rule: Rule, feedback: Feedback, user: User, data: dict[str, Any]) -> None:
    """Call the step's service with what the form collected."""
    match rule.action:
        case FeedbackAction.ACCEPT:
            services.feedback_accept(feedback=feedback, actor=user, note=data["note"])
        case FeedbackAction.REFUSE:
            services.feedback_refuse(feedback=feedback, actor=user, reason=data["reason"])
        case FeedbackAction.FORWARD:
            services.feedback_forward(
                feedback=feedback, actor=user, to_agency=data["to_agency"], reason=data["reason"]
            )
        case FeedbackAction.REQUEST_INFO:
            services.feedback_request_info(feedback=feedback, actor=user, request=data["request"])
        case FeedbackAction.PROVIDE_INFO:
            services.feedback_provide_info(feedback=feedback, actor=user, text=data["text"])
        case FeedbackAction.ANSWER:
            services.feedback_answer(
                feedback=feedback, actor=user, answer=data["answer"], public=data["public"]
            )
        case FeedbackAction.PUBLISH:
            services.feedback_publish(
                feedback=feedback, actor=user, public_content=data["public_content"]
            )
        case FeedbackAction.MARK_REPEAT:
            services.feedback_mark_repeat(
                feedback=feedback,
                actor=user,
                repeat_of_code=data["repeat_of_code"],
                note=data["note"],
            )


@staff_required
def feedback_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    user = actor(request)
    feedback = _feedback(request, code)
    rule = next((r for r in actions_for(user, feedback) if r.action.value == action), None)
    if rule is None:
        if request.method == "POST":
            messages.error(
                request,
                _("Thao tác này không còn thực hiện được với phản ánh, kiến nghị ở bước hiện tại."),
            )
            return redirect(_detail_url(feedback))
        raise Http404
    if request.method == "POST":
        form = _form(rule, feedback, request.POST)
        if form.is_valid():
            try:
                _take(rule, feedback, user, form.cleaned_data)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": rule.label})
                url = _detail_url(feedback)
                if getattr(request, "htmx", False):
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = url
                    return response
                return redirect(url)
    else:
        form = _form(rule, feedback)
    template = "backoffice/feedback/action.html"
    if getattr(request, "htmx", False):
        template += "#action-form"
    return render(
        request,
        template,
        {
            "feedback": feedback,
            "rule": rule,
            "form": form,
            "dangerous": rule.action in DANGEROUS,
        },
        status=400 if form.is_bound else 200,
    )


@staff_required
def feedback_record(request: HttpRequest) -> HttpResponse:
    """Record a PAKN received by telephone, in writing or by e-mail (officers of an agency)."""
    user = actor(request)
    if not staff_agency_ids(user):
        raise Http404
    if request.method == "POST":
        form = RecordForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                feedback = services.feedback_submit(
                    kind=FeedbackKind(data["kind"]),
                    subject=FeedbackSubject(data["subject"]),
                    title=data["title"],
                    content=data["content"],
                    sender=services.SenderInput(
                        name=data["sender_name"],
                        address=data["sender_address"],
                        phone=data["sender_phone"],
                        email=data["sender_email"] or "",
                    ),
                    actor=user,
                    channel=FeedbackChannel(data["channel"]),
                    dossier_code=data["dossier_code"],
                    received_at=data["received_at"],
                )
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã ghi nhận phản ánh, kiến nghị %(code)s.") % {"code": feedback.code},
                )
                try:
                    access_feedback(user, code=feedback.code)
                except NotFound:  # routed to an agency the officer does not see
                    return redirect("backoffice:feedback-list")
                return redirect(_detail_url(feedback))
    else:
        form = RecordForm(
            initial={"received_at": timezone.localtime().replace(second=0, microsecond=0)}
        )
    return render(
        request,
        "backoffice/feedback/record.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
