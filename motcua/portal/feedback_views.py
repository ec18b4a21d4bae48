"""Feedback and petitions (PAKN) on the portal: the published answers (searchable, without the
senders' personal data), the form anyone may send one with, the confirmation, one PAKN's page
(public once published; its sender sees it at any time: by account, or with the last four digits
of the phone given), the sender's additions, likes and dislikes, and a citizen's own list.

Adapters only: the forms check the shape, the selectors read, one service writes. Sending,
looking up and reacting are rate-limited per client address.
"""

import math
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from motcua.accounts.models import CitizenKind, User, UserKind
from motcua.core.errors import DomainError, NotFound
from motcua.core.ratelimit import Rate, RateLimited, client_address, rate_limit_hit
from motcua.core.timezone import local_today
from motcua.dossiers.policies import access_dossier
from motcua.feedback import services
from motcua.feedback.clocks import Step, working_days
from motcua.feedback.models import (
    Feedback,
    FeedbackKind,
    FeedbackStatus,
    FeedbackSubject,
    ReactionValue,
)
from motcua.feedback.selectors import (
    feedback_for_sender,
    feedback_get_published,
    feedback_list_for_sender,
    feedback_procedure,
    feedback_published_agencies,
    feedback_published_get,
    feedback_published_list,
    feedback_reaction_of,
    public_answers,
    sender_timeline,
)
from motcua.portal.access import citizen, citizen_required
from motcua.portal.feedback_forms import (
    FeedbackForm,
    ProvideInfoForm,
    PublicSearchForm,
    ReactForm,
    SenderLookupForm,
)

PER_PAGE = 20
# Session keys: PAKN this browser sent, and the last four phone digits that opened a PAKN.
SENT = "feedback_sent"
VERIFIED = "feedback_verified"


def _account(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


def _citizen(request: HttpRequest) -> User | None:
    account = _account(request)
    return account if account is not None and account.kind == UserKind.CITIZEN else None


def _is_partial(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def _wait_text(exc: RateLimited) -> str:
    minutes = max(1, math.ceil(exc.retry_after / 60))
    return _("Vui lòng thử lại sau %(minutes)s phút.") % {"minutes": minutes}


def _hit(request: HttpRequest, scope: str, rate: str) -> None:
    rate_limit_hit(scope=scope, client=client_address(request), rate=Rate.parse(rate))


def _add_error(form: FeedbackForm | SenderLookupForm | ProvideInfoForm, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _verified(request: HttpRequest) -> dict[str, str]:
    value = request.session.get(VERIFIED, {})
    return value if isinstance(value, dict) else {}


def _remember(request: HttpRequest, code: str, last4: str) -> None:
    request.session[VERIFIED] = {**_verified(request), code: last4}


# --- The published answers -------------------------------------------------------------------


@require_safe
def feedback_list(request: HttpRequest) -> HttpResponse:
    """Published answers, newest first: a GET form (search by text, agency, class)."""
    choices = feedback_published_agencies()
    submitted = PublicSearchForm(request.GET, agency_choices=choices)
    submitted.is_valid()
    values = submitted.valid_values()
    form = PublicSearchForm(initial=values, agency_choices=choices)
    subject = values.get("subject")
    rows = feedback_published_list(
        text=values.get("q", ""),
        agency=values.get("agency", ""),
        subject=FeedbackSubject(subject) if subject else None,
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    partial = _is_partial(request)
    template = "portal/feedback/list.html"
    response = render(
        request,
        f"{template}#results" if partial else template,
        {
            "form": form,
            "page": page,
            "answers": public_answers(page),
            "searched": bool(values),
            "filter_query": urlencode(values),
            "query": values,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "partial": partial,
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- Sending -------------------------------------------------------------------------------


def _prefill(request: HttpRequest) -> dict[str, object]:
    """A logged-in citizen's details, the dossier (`?ho_so=`, their own) and the procedure
    (`?thu_tuc=`) the link came with."""
    initial: dict[str, object] = {}
    account = _citizen(request)
    if account is not None:
        profile = getattr(account, "citizen_profile", None)
        name = account.full_name
        if profile is not None and profile.kind == CitizenKind.ORGANISATION:
            name = profile.organisation_name or name
        initial.update(
            sender_name=name,
            sender_phone=account.phone,
            sender_email=account.email,
            sender_address=profile.address if profile is not None else "",
        )
        dossier_code = request.GET.get("ho_so", "").strip()
        if dossier_code:
            try:
                dossier = access_dossier(account, code=dossier_code)
            except NotFound:
                pass
            else:
                initial.update(dossier_code=dossier.display_code, subject=FeedbackSubject.HANDLING)
    procedure_code = request.GET.get("thu_tuc", "").strip()
    if procedure_code and feedback_procedure(code=procedure_code, on=local_today()) is not None:
        initial.setdefault("procedure_code", procedure_code)
        initial.setdefault("subject", FeedbackSubject.REGULATION)
    return initial


def _send(request: HttpRequest, form: FeedbackForm) -> int:
    """Send the PAKN the form holds: 302 when sent (its code last in the session's list), else
    the status to show the form again with."""
    if not form.is_valid():
        return 400
    data = form.cleaned_data
    procedure = None
    if data["procedure_code"]:
        choice = feedback_procedure(code=data["procedure_code"], on=local_today())
        if choice is None:
            form.add_error("procedure_code", _("Không tìm thấy thủ tục đang áp dụng với mã này."))
            return 400
        procedure = choice.procedure
    try:
        _hit(request, "feedback", settings.MOTCUA_FEEDBACK_RATE)
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
            actor=_account(request),
            procedure=procedure,
            dossier_code=data["dossier_code"],
            dossier_last4=data["dossier_last4"] or "",
            repeat_of_code=data["repeat_of_code"],
        )
    except RateLimited as exc:
        message = _("Đã gửi quá nhiều phản ánh, kiến nghị từ địa chỉ này.")
        form.add_error(None, f"{message} {_wait_text(exc)}")
        return 429
    except DomainError as exc:
        _add_error(form, exc)
        return 400
    request.session[SENT] = [*request.session.get(SENT, []), feedback.code][-20:]
    _remember(request, feedback.code, feedback.sender_phone[-4:])
    return 302


@require_http_methods(["GET", "HEAD", "POST"])
def feedback_new(request: HttpRequest) -> HttpResponse:
    """Anyone may send a PAKN; a logged-in citizen finds their details filled in."""
    initial = _prefill(request)
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        status = _send(request, form)
        if status == 302:
            code = request.session[SENT][-1]
            return redirect("portal:feedback-sent", code=code)
    else:
        form = FeedbackForm(initial=initial)
    dossier_code = str(initial.get("dossier_code", ""))
    procedure_code = str(initial.get("procedure_code", ""))
    return render(
        request,
        "portal/feedback/new.html",
        {
            "form": form,
            "logged_in": _citizen(request) is not None,
            "linked_dossier": dossier_code,
            "linked_procedure": (
                feedback_procedure(code=procedure_code, on=local_today())
                if procedure_code
                else None
            ),
            "answer_days": working_days(Step.ANSWER, subject=FeedbackSubject.REGULATION),
        },
        status=status,
    )


@require_safe
def feedback_sent(request: HttpRequest, code: str) -> HttpResponse:
    """The confirmation, shown to the browser that sent it (others go to the PAKN's page)."""
    if code not in request.session.get(SENT, []):
        return redirect("portal:feedback-detail", code=code)
    feedback = feedback_for_sender(
        code=code, account=_account(request), last4=_verified(request).get(code, "")
    )
    if feedback is None:
        raise Http404
    return render(
        request,
        "portal/feedback/sent.html",
        {
            "feedback": feedback,
            "answer_days": working_days(Step.ANSWER, subject=feedback.subject),
            "classify_days": working_days(Step.CLASSIFY, subject=feedback.subject),
        },
    )


# --- One PAKN ------------------------------------------------------------------------------


def _reader_session(request: HttpRequest) -> str:
    return request.session.session_key or ""


def _reactions_context(request: HttpRequest, code: str) -> dict[str, object]:
    return {
        "answer": feedback_published_get(code=code),
        "mine": feedback_reaction_of(
            code, account=_account(request), session_key=_reader_session(request)
        ),
    }


def _look_up(request: HttpRequest, form: SenderLookupForm, code: str) -> int:
    """The sender's look-up with the last four digits of their phone: 302 when they match (the
    digits are kept in the session for this PAKN), else the status to show the form with."""
    if not form.is_valid():
        return 400
    try:
        _hit(request, "feedback-lookup", settings.MOTCUA_FEEDBACK_REACT_RATE)
    except RateLimited as exc:
        form.add_error(None, f"{_('Đã tra cứu quá nhiều lần.')} {_wait_text(exc)}")
        return 429
    last4 = form.cleaned_data["last4"]
    if feedback_for_sender(code=code, last4=last4) is None:
        form.add_error(
            "last4", _("Mã phản ánh, kiến nghị hoặc 4 số cuối số điện thoại không đúng.")
        )
        return 400
    _remember(request, code, last4)
    return 302


@require_http_methods(["GET", "HEAD", "POST"])
def feedback_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A published answer for everyone; the whole PAKN for its sender (account, or the last four
    digits of the phone, asked for here). Unknown and unpublished codes look the same."""
    code = code.strip().upper()
    lookup = SenderLookupForm()
    status = 200
    if request.method == "POST":
        lookup = SenderLookupForm(request.POST)
        status = _look_up(request, lookup, code)
        if status == 302:
            return redirect("portal:feedback-detail", code=code)
    own = feedback_for_sender(
        code=code, account=_account(request), last4=_verified(request).get(code, "")
    )
    context = _reactions_context(request, code)
    if own is None and context["answer"] is None and status == 200:
        status = 404
    return render(
        request,
        "portal/feedback/detail.html",
        {
            **context,
            "code": code,
            "own": own,
            "timeline": sender_timeline(own) if own is not None else [],
            "lookup": lookup,
            "provide": ProvideInfoForm() if _waits_for_sender(own) else None,
        },
        status=status,
    )


def _waits_for_sender(feedback: Feedback | None) -> bool:
    return feedback is not None and feedback.status == FeedbackStatus.INFO_REQUESTED


@require_POST
def feedback_provide_info(request: HttpRequest, code: str) -> HttpResponse:
    """The sender adds the information the agency asked for."""
    code = code.strip().upper()
    last4 = _verified(request).get(code, "")
    own = feedback_for_sender(code=code, account=_account(request), last4=last4)
    if own is None:
        raise Http404
    form = ProvideInfoForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_provide_info(
                feedback=own,
                actor=_account(request),
                text=form.cleaned_data["text"],
                sender_last4=last4,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã gửi thông tin bổ sung."))
    else:
        messages.error(request, _("Vui lòng nhập thông tin bổ sung."))
    return redirect("portal:feedback-detail", code=code)


@require_POST
def feedback_react(request: HttpRequest, code: str) -> HttpResponse:
    """Like or dislike a published answer (once per account or browser session; a second press
    changes the reader's one reaction). htmx swaps the buttons; without it, back to the page."""
    feedback = feedback_get_published(code=code)
    if feedback is None:
        raise Http404
    form = ReactForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=400)
    if not request.session.session_key:
        request.session.save()
    try:
        _hit(request, "feedback-react", settings.MOTCUA_FEEDBACK_REACT_RATE)
        services.feedback_react(
            feedback=feedback,
            value=ReactionValue(form.cleaned_data["value"]),
            actor=_account(request),
            session_key=_reader_session(request),
        )
    except RateLimited as exc:
        messages.error(request, _("Đã đánh giá quá nhiều lần.") + " " + _wait_text(exc))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if not _is_partial(request):
            messages.success(request, _("Cảm ơn Ông/Bà đã đánh giá câu trả lời."))
    if _is_partial(request):
        return render(
            request,
            "portal/feedback/_reactions.html",
            {**_reactions_context(request, feedback.code), "thanked": True},
        )
    return redirect(reverse("portal:feedback-detail", args=[feedback.code]) + "#danh-gia")


# --- A citizen's own ---------------------------------------------------------------------


@require_safe
@citizen_required
def feedback_mine(request: HttpRequest) -> HttpResponse:
    """What the logged-in citizen sent, newest first."""
    page = Paginator(feedback_list_for_sender(account=citizen(request)), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "portal/feedback/mine.html", {"page": page})
