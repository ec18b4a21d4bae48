"""The counter intake wizard: a desk officer serves a citizen at the counter (or registers a parcel
that came by post) step by step over a draft (`motcua.dossiers.drafts`):

    procedure → case variant → components → applicant → e-form → fees → files → review → receive

Every step is a form that POSTs, saves into the draft and redirects (post-redirect-get), so the
wizard works without JavaScript; htmx only enhances (live procedure search, the returning-
applicant look-up, checks while typing). A refusal of the service is shown on the review page,
each problem with a link to the step that fixes it; the draft stays as it was. From any step the
officer may also refuse intake (refusal slip, Mẫu 03), or guide an applicant who lacks papers
(supplement slip, Mẫu 02: no dossier, the draft kept for their return).

Adapters only: parse (`intake_forms`), resolve the draft (`access_draft`: someone else's draft is
404), call the service, render.
"""

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps

from django import forms
from django.contrib import messages
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.admin_units import unit_directory
from motcua.accounts.models import Desk, User
from motcua.backoffice.access import actor, staff_required
from motcua.backoffice.intake_forms import (
    STEP_BY_KEY,
    ApplicantForm,
    ComponentsForm,
    ExemptionsForm,
    FeesForm,
    GuidanceForm,
    ReceiveForm,
    RefusalForm,
    StartForm,
    Step,
    StepProblem,
    VariantForm,
    answers_summary,
    draft_precheck,
    file_input_name,
    focus_first,
    missing_codes,
    problems_from_error,
    uploads_from_request,
    wizard_steps,
)
from motcua.calendar.selectors import paper_cutoff
from motcua.catalog.eform_html import (
    eform_answers_from_post,
    eform_problems,
    eform_render,
    eform_wants_more_items,
)
from motcua.catalog.eforms import AnswersInvalid, clean_answers, validate_schema
from motcua.catalog.formatting import money_vi, time_limit_vi
from motcua.catalog.models import CaseVariant, Component, ProcedureVersion
from motcua.catalog.selectors import CatalogQuery, procedure_search, version_list_public
from motcua.catalog.specs import Problem
from motcua.core.errors import DomainError, NotFound, ValidationFailed
from motcua.core.timezone import local_today, to_local
from motcua.documents.dossier_forms import guidance_render
from motcua.dossiers.applicants import applicant_lookup, officer_desk_ids
from motcua.dossiers.deadlines import dossier_deadline
from motcua.dossiers.drafts import (
    access_draft,
    draft_discard,
    draft_file_add,
    draft_file_remove,
    draft_list_for,
    draft_save,
    draft_start,
)
from motcua.dossiers.files import max_upload_bytes
from motcua.dossiers.models import (
    Channel,
    CounterGuidance,
    DossierDraft,
    DossierStatus,
    DraftFile,
)
from motcua.dossiers.policies import access_dossier
from motcua.workflow.intake import access_counter_guidance
from motcua.workflow.services import (
    counter_guidance_issue,
    dossier_receive_draft,
    dossier_refuse_draft,
)

SEARCH_LIMIT = 20
FORBIDDEN = "backoffice/intake/forbidden.html"
type View = Callable[..., HttpResponseBase]


def _is_htmx(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def _officer_desks(user: User) -> list[Desk]:
    ids = officer_desk_ids(actor=user, on=local_today())
    return list(Desk.objects.filter(pk__in=ids).order_by("name", "pk"))


def desk_officer_required(view: View) -> View:
    """Staff only (`staff_required`), and of those only desk officers: anyone else gets a 403
    page that says who may receive dossiers."""

    @staff_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if not officer_desk_ids(actor=actor(request), on=local_today()):
            return render(request, FORBIDDEN, status=403)
        return view(request, *args, **kwargs)

    return wrapper


# --- The wizard's frame: the draft, its steps, where the officer is -----------------------------


@dataclass
class Wizard:
    """A draft with the steps it goes through."""

    draft: DossierDraft
    desk: Desk
    variant: CaseVariant
    version: ProcedureVersion
    steps: list[Step]

    @property
    def keys(self) -> list[str]:
        return [step.key for step in self.steps]

    def url(self, key: str) -> str:
        return reverse(STEP_BY_KEY[key].url_name, args=[self.draft.pk])

    def index(self, key: str) -> int:
        return self.keys.index(key) if key in self.keys else 0

    @property
    def reached(self) -> int:
        return self.index(self.draft.step) if self.draft.step in self.keys else 0

    def after(self, key: str) -> str:
        return self.keys[min(self.index(key) + 1, len(self.keys) - 1)]

    def before(self, key: str) -> str | None:
        index = self.index(key)
        return self.keys[index - 1] if index > 0 else None

    def furthest(self, key: str) -> str:
        """The step to record as reached after moving to `key`."""
        return self.keys[max(self.reached, self.index(key))]

    def stepper(self, current: str) -> list[dict[str, object]]:
        reached = max(self.reached, self.index(current))
        return [
            {
                "number": number,
                "label": step.label,
                "url": self.url(step.key),
                "current": step.key == current,
                "done": number - 1 < self.index(current),
                "reachable": number - 1 <= reached,
            }
            for number, step in enumerate(self.steps, start=1)
        ]

    @property
    def postal(self) -> bool:
        return self.draft.channel == Channel.POSTAL


def _wizard(request: HttpRequest, pk: int) -> tuple[User, Wizard]:
    user = actor(request)
    try:
        draft = access_draft(user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if draft.variant is None or draft.desk is None or draft.channel == Channel.ONLINE:
        raise Http404("Hồ sơ đang lập này không thuộc quầy tiếp nhận.")
    variant = draft.variant
    version = variant.version
    steps = wizard_steps(
        variant_count=version.variants.count(), has_eform=bool(variant.eform_schema)
    )
    return user, Wizard(draft=draft, desk=draft.desk, variant=variant, version=version, steps=steps)


def _render_step(
    request: HttpRequest,
    wizard: Wizard,
    key: str,
    context: Mapping[str, object],
    *,
    template: str | None = None,
    status: int = 200,
) -> HttpResponse:
    back = wizard.before(key)
    return render(
        request,
        template or f"backoffice/intake/{key}.html",
        {
            "wizard": wizard,
            "draft": wizard.draft,
            "step": STEP_BY_KEY[key],
            "stepper": wizard.stepper(key),
            "back_url": wizard.url(back) if back else reverse("backoffice:intake-start"),
            **context,
        },
        status=status,
    )


def _status(form: forms.BaseForm) -> int:
    """400 for a form sent back with errors, as the other back-office pages."""
    return 400 if form.is_bound and form.errors else 200


def _move(request: HttpRequest, wizard: Wizard, key: str) -> HttpResponse:
    """Redirect after a save: back, or on to the next step."""
    if "back" in request.POST:
        back = wizard.before(key)
        return redirect(wizard.url(back) if back else reverse("backoffice:intake-start"))
    return redirect(wizard.url(wizard.after(key)))


def _save(
    wizard: Wizard, user: User, key: str, data: Mapping[str, object], *, forward: bool
) -> None:
    step = wizard.furthest(wizard.after(key)) if forward else None
    wizard.draft = draft_save(draft=wizard.draft, actor=user, data=data, step=step)


# --- Start: desk, channel, procedure; the drafts to resume --------------------------------------


@desk_officer_required
def intake_start(request: HttpRequest) -> HttpResponse:
    """Choose the desk and channel, find the procedure (accent-insensitive), start a draft; or
    resume an unfinished one. "Tìm" (or a GET with `q`) only searches; htmx gets the results."""
    user = actor(request)
    desks = _officer_desks(user)
    today = local_today()
    status = 200
    if request.method == "POST" and "version" in request.POST:
        form = StartForm(request.POST, desks=desks)
        if form.is_valid():
            version = (
                version_list_public(on=today).filter(pk=form.cleaned_data["version"] or 0).first()
            )
            if version is not None:
                return _start(request, user, form, version, desks)
            form.add_error(None, _("Thủ tục đã chọn không còn được áp dụng hôm nay."))
        focus_first(form)
        status = 400
    else:
        # A search: what was chosen so far is shown again, nothing is checked yet.
        values = request.POST if request.method == "POST" else request.GET
        form = StartForm(initial=values.dict(), desks=desks)
    text = form.value_of("q").strip()
    results = (
        list(
            procedure_search(query=CatalogQuery(text=text), on=today)
            .select_related("procedure", "field")
            .prefetch_related("variants")[:SEARCH_LIMIT]
        )
        if text
        else []
    )
    context = {"form": form, "results": results, "text": text}
    if _is_htmx(request) and request.method == "GET":
        return render(request, "backoffice/intake/start.html#results", context)
    drafts = list(draft_list_for(actor=user).exclude(channel=Channel.ONLINE))
    return render(
        request, "backoffice/intake/start.html", {**context, "drafts": drafts}, status=status
    )


@desk_officer_required
def intake_resume(request: HttpRequest, draft: int) -> HttpResponse:
    """Back to the step the draft reached."""
    _user, wizard = _wizard(request, draft)
    return redirect(wizard.url(wizard.keys[wizard.reached]))


def _start(
    request: HttpRequest,
    user: User,
    form: StartForm,
    version: ProcedureVersion,
    desks: list[Desk],
) -> HttpResponse:
    desk = next(d for d in desks if d.pk == form.cleaned_data["desk"])
    variants = list(version.variants.all())
    if not variants:
        messages.error(request, _("Thủ tục này chưa có trường hợp nào: chưa thể tiếp nhận."))
        return redirect("backoffice:intake-start")
    several = len(variants) > 1
    draft = draft_start(
        actor=user,
        channel=Channel(form.cleaned_data["channel"]),
        desk=desk,
        variant=variants[0],
        step="variant" if several else "components",
    )
    received_at: dt.datetime | None = form.cleaned_data.get("received_at")
    if received_at is not None:
        draft_save(draft=draft, actor=user, data={"received_at": received_at.isoformat()})
    target = "backoffice:intake-variant" if several else "backoffice:intake-components"
    return redirect(target, draft=draft.pk)


@require_POST
@desk_officer_required
def intake_discard(request: HttpRequest, draft: int) -> HttpResponse:
    user = actor(request)
    try:
        found = access_draft(user, pk=draft)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    draft_discard(draft=found, actor=user)
    messages.success(request, _("Đã huỷ hồ sơ đang lập."))
    return redirect("backoffice:intake-start")


# --- Steps ---------------------------------------------------------------------------------------


@desk_officer_required
def intake_variant(request: HttpRequest, draft: int) -> HttpResponse:
    user, wizard = _wizard(request, draft)
    variants = list(wizard.version.variants.all())
    choices = [
        (v.pk, f"{v.name} — {time_limit_vi(v.effective_limit, v.time_limit_unit)}")
        for v in variants
    ]
    # Until the officer confirms a case, none is preselected (the draft holds the first one).
    chosen = wizard.variant.pk if wizard.reached > wizard.index("variant") else None
    if request.method == "POST":
        form = VariantForm(request.POST, choices=choices)
        if form.is_valid():
            variant = next(v for v in variants if v.pk == form.cleaned_data["variant"])
            wizard.draft = draft_save(
                draft=wizard.draft,
                actor=user,
                variant=variant,
                step=wizard.furthest(wizard.after("variant")),
            )
            return redirect("backoffice:intake-components", draft=wizard.draft.pk)
    else:
        form = VariantForm(initial={"variant": chosen}, choices=choices)
    focus_first(form)
    return _render_step(request, wizard, "variant", {"form": form}, status=_status(form))


@desk_officer_required
def intake_components(request: HttpRequest, draft: int) -> HttpResponse:
    user, wizard = _wizard(request, draft)
    components = list(wizard.variant.components.all())
    saved = wizard.draft.data
    if request.method == "POST":
        form = ComponentsForm(request.POST, components=components, saved=saved)
        if form.is_valid():
            _save(wizard, user, "components", form.draft_data(), forward="back" not in request.POST)
            return _move(request, wizard, "components")
    else:
        form = ComponentsForm(components=components, saved=saved)
    focus_first(form)
    return _render_step(request, wizard, "components", {"form": form}, status=_status(form))


@desk_officer_required
def intake_applicant(request: HttpRequest, draft: int) -> HttpResponse:
    """The applicant; "Tìm theo số định danh" fills the form from the latest dossier this desk
    received for that ID number (a POST with `lookup`; htmx swaps the fields only)."""
    user, wizard = _wizard(request, draft)
    live = reverse("backoffice:intake-applicant-check", args=[wizard.draft.pk])
    lookup_message = ""
    if request.method == "POST":
        form = ApplicantForm(request.POST, live_url=live)
        if "lookup" in request.POST:
            typed = form.raw_data()
            found = applicant_lookup(actor=user, id_number=typed["id_number"])
            if found is None:
                lookup_message = _(
                    "Không tìm thấy hồ sơ nào của số định danh này tại bộ phận một cửa."
                )
                form = ApplicantForm(initial=typed, live_url=live)
            else:
                received = to_local(found.received_at)
                lookup_message = _(
                    "Đã điền theo hồ sơ %(code)s tiếp nhận ngày %(date)s. "
                    "Kiểm tra lại với giấy tờ của người nộp."
                ) % {"code": found.dossier_code, "date": f"{received:%d/%m/%Y}"}
                form = ApplicantForm(initial={**typed, **found.as_draft_data()}, live_url=live)
            context = {"form": form, "lookup_message": lookup_message}
            return _render_step(request, wizard, "applicant", context)
        valid = form.is_valid()
        # What was typed is kept in the draft even when it is not valid yet.
        forward = valid and "back" not in request.POST
        _save(wizard, user, "applicant", {"applicant": form.raw_data()}, forward=forward)
        if valid or "back" in request.POST:
            return _move(request, wizard, "applicant")
    else:
        form = ApplicantForm(initial=wizard.draft.data.get("applicant") or None, live_url=live)
    focus_first(form)
    return _render_step(request, wizard, "applicant", {"form": form}, status=_status(form))


@require_POST
@desk_officer_required
def intake_applicant_check(request: HttpRequest, draft: int) -> HttpResponse:
    """htmx: the problem with the field being typed (the same checks as reception), as a
    fragment for the field's live region. Saves nothing."""
    _wizard(request, draft)  # 404 unless it is the officer's draft
    htmx = getattr(request, "htmx", None)
    name = str(getattr(htmx, "trigger_name", "") or request.POST.get("field", ""))
    form = ApplicantForm(request.POST)
    context = {
        "message": form.live_error(name),
        "landline": name == "phone" and form.is_landline,
    }
    return render(request, "backoffice/intake/applicant.html#live", context)


@desk_officer_required
def intake_eform(request: HttpRequest, draft: int) -> HttpResponse:
    """The e-form answers, checked by the catalog's validator (the same as online and in the
    API). The answers are saved as typed even when they are not valid yet."""
    user, wizard = _wizard(request, draft)
    schema = wizard.variant.eform_schema
    if not schema:
        return redirect(wizard.url(wizard.after("eform")))
    problems: list[Problem] = []
    status = 200
    if request.method == "POST":
        answers = eform_answers_from_post(schema=schema, data=request.POST)
        if eform_wants_more_items(request.POST, "ef", schema=validate_schema(schema)):
            # "Thêm" / "Xoá" an item (or list the communes): show the form again.
            _save(wizard, user, "eform", {"answers": answers}, forward=False)
        else:
            try:
                clean_answers(schema, answers, units=unit_directory(), today=local_today())
            except AnswersInvalid as exc:
                problems = eform_problems(exc)
            back = "back" in request.POST
            _save(wizard, user, "eform", {"answers": answers}, forward=not problems and not back)
            if not problems or back:
                return _move(request, wizard, "eform")
            status = 400
    else:
        answers = wizard.draft.data.get("answers") or {}
    eform = eform_render(schema=schema, answers=answers, problems=problems)
    return _render_step(request, wizard, "eform", {"eform": eform}, status=status)


def _fees_total(variant: CaseVariant) -> Decimal:
    total: Decimal | None = variant.fees.aggregate(total=Sum("amount"))["total"]
    return total or Decimal(0)


def _fee_agencies(version: ProcedureVersion) -> list[tuple[str, str]]:
    return [(a.code, a.name) for a in version.executing_agencies.order_by("name", "code")]


@desk_officer_required
def intake_fees(request: HttpRequest, draft: int) -> HttpResponse:
    user, wizard = _wizard(request, draft)
    agencies = _fee_agencies(wizard.version)
    saved = wizard.draft.data
    if request.method == "POST":
        form = FeesForm(request.POST, agencies=agencies)
        if form.is_valid():
            _save(wizard, user, "fees", form.draft_data(), forward="back" not in request.POST)
            return _move(request, wizard, "fees")
    else:
        initial = {
            "fees_paid": saved.get("fees_paid", "0"),
            "sets": saved.get("sets", 1),
            "agency": saved.get("agency", ""),
            "note": saved.get("note", ""),
        }
        form = FeesForm(initial=initial, agencies=agencies)
    focus_first(form)
    fees = [
        {
            "kind": fee.get_kind_display(),
            "name": fee.name,
            "amount": money_vi(fee.amount, fee.unit),
            "exemption": fee.exemption,
        }
        for fee in wizard.variant.fees.all()
    ]
    context = {"form": form, "fees": fees, "fees_total": money_vi(_fees_total(wizard.variant))}
    return _render_step(request, wizard, "fees", context, status=_status(form))


@dataclass(frozen=True)
class FileRow:
    component: Component
    handed: bool
    files: list[DraftFile]
    exemption: forms.BoundField
    errors: list[str]
    input_name: str


def _file_rows(
    wizard: Wizard, form: ExemptionsForm, errors: Mapping[str, list[str]]
) -> list[FileRow]:
    by_code: dict[str, list[DraftFile]] = defaultdict(list)
    for row in wizard.draft.files.order_by("uploaded_at", "pk"):
        by_code[row.component_code].append(row)
    checklist = wizard.draft.data.get("components") or {}
    return [
        FileRow(
            component=component,
            handed=component.code in checklist,
            files=by_code.get(component.code, []),
            exemption=form[f"{component.code}-exemption"],
            errors=list(errors.get(component.code, [])),
            input_name=file_input_name(component.code),
        )
        for component in form.components
    ]


@desk_officer_required
def intake_files(request: HttpRequest, draft: int) -> HttpResponse:
    """Scans per component (several files each; drag and drop or the tablet's camera with JS),
    or why a paper is not scanned. Each file goes through `draft_file_add` (checked by content);
    a refused file is reported and the others are kept."""
    user, wizard = _wizard(request, draft)
    components = list(wizard.variant.components.all())
    errors: dict[str, list[str]] = defaultdict(list)
    if request.method == "POST":
        form = ExemptionsForm(request.POST, components=components, saved=wizard.draft.data)
        if form.is_valid():
            uploads = uploads_from_request(request.FILES, [c.code for c in components])
            for code, upload in uploads:
                try:
                    draft_file_add(
                        draft=wizard.draft, actor=user, component_code=code, upload=upload
                    )
                except ValidationFailed as exc:
                    errors[code].append(exc.message)
            staying = bool(errors) or "upload" in request.POST or "back" in request.POST
            _save(wizard, user, "files", form.draft_data(), forward=not staying)
            if not errors:
                if "upload" not in request.POST:
                    return _move(request, wizard, "files")
                if uploads:
                    messages.success(request, _("Đã tải tệp lên."))
                return redirect(wizard.url("files"))
    else:
        form = ExemptionsForm(components=components, saved=wizard.draft.data)
    rows = _file_rows(wizard, form, errors)
    context = {
        "form": form,
        "rows": rows,
        "file_errors": [e for messages_ in errors.values() for e in messages_],
        "max_mb": max_upload_bytes() // (1024 * 1024),
    }
    status = 400 if errors else _status(form)
    return _render_step(request, wizard, "files", context, status=status)


@require_POST
@desk_officer_required
def intake_file_remove(request: HttpRequest, draft: int, file_id: int) -> HttpResponse:
    user, wizard = _wizard(request, draft)
    try:
        draft_file_remove(draft=wizard.draft, actor=user, file_id=file_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    messages.success(request, _("Đã xoá tệp."))
    return redirect(wizard.url("files"))


# --- Review and reception -----------------------------------------------------------------------


def _money_text(value: object) -> str:
    try:
        return money_vi(Decimal(str(value or 0)))
    except ArithmeticError:
        return str(value)


def _received_at_initial(wizard: Wizard) -> dt.datetime | None:
    raw = wizard.draft.data.get("received_at")
    return parse_datetime(raw) if isinstance(raw, str) else None


def _review_context(
    wizard: Wizard, problems: list[StepProblem], receive_form: ReceiveForm
) -> dict[str, object]:
    draft = wizard.draft
    data = draft.data
    components = list(wizard.variant.components.all())
    files = list(draft.files.order_by("uploaded_at", "pk"))
    checklist = data.get("components") or {}
    conditions = set(data.get("conditions") or [])
    rows = [
        {
            "component": c,
            "ticks": checklist.get(c.code),
            "applies": c.code in conditions,
            "files": [f for f in files if f.component_code == c.code],
        }
        for c in components
    ]
    schema = wizard.variant.eform_schema
    agency_code = data.get("agency") or ""
    agency_name = next(
        (name for code, name in _fee_agencies(wizard.version) if code == agency_code), ""
    )
    return {
        "rows": rows,
        "applicant": data.get("applicant") or {},
        "answers": answers_summary(schema, data.get("answers") or {}) if schema else [],
        "fees_total": money_vi(_fees_total(wizard.variant)),
        "fees_paid": _money_text(data.get("fees_paid")),
        "edit": {key: wizard.url(key) for key in wizard.keys},
        "sets": data.get("sets", 1),
        "note": data.get("note", ""),
        "agency_name": agency_name,
        "problems": [
            {
                "message": p.message,
                "url": (wizard.url(p.step) + (f"#{p.anchor}" if p.anchor else ""))
                if p.step in wizard.keys
                else "",
                "step": STEP_BY_KEY[p.step].label if p.step in wizard.keys else "",
            }
            for p in problems
        ],
        "receive_form": receive_form,
        "cutoff": paper_cutoff(),
    }


@desk_officer_required
def intake_review(request: HttpRequest, draft: int) -> HttpResponse:
    """Everything at a glance with what still blocks reception; "Tiếp nhận hồ sơ" receives
    (`dossier_receive_draft`). A refusal keeps the draft and lists what to fix, step by step."""
    user, wizard = _wizard(request, draft)
    if request.method == "POST":
        form = ReceiveForm(request.POST, postal=wizard.postal)
        if form.is_valid():
            try:
                dossier = dossier_receive_draft(
                    draft=wizard.draft,
                    actor=user,
                    received_at=form.cleaned_data.get("received_at"),
                )
            except DomainError as exc:  # the draft stays as it was
                problems = problems_from_error(exc)
                context = _review_context(wizard, problems, form)
                return _render_step(
                    request, wizard, "review", {**context, "refused": True}, status=400
                )
            return redirect("backoffice:intake-done", code=dossier.display_code)
        problems = []
    else:
        form = ReceiveForm(
            initial={"received_at": _received_at_initial(wizard)}, postal=wizard.postal
        )
        counts = Counter(wizard.draft.files.values_list("component_code", flat=True).iterator())
        problems = draft_precheck(
            variant=wizard.variant,
            saved=wizard.draft.data,
            file_counts=counts,
            today=local_today(),
        )
    focus_first(form)
    context = _review_context(wizard, problems, form)
    return _render_step(request, wizard, "review", context, status=_status(form))


@desk_officer_required
def intake_done(request: HttpRequest, code: str) -> HttpResponse:
    """The received dossier: its code, the appointment date, and the receipt to print."""
    user = actor(request)
    try:
        dossier = access_dossier(user, code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if dossier.code is None or dossier.received_at is None:
        raise Http404("Hồ sơ chưa được tiếp nhận.")
    deadline = dossier_deadline(dossier)
    return render(
        request,
        "backoffice/intake/done.html",
        {
            "dossier": dossier,
            "appointment_at": deadline.appointment_at,
            "handover_at": dossier.handover_at,
            "clock_deferred": dossier.handover_at is not None
            and dossier.clock_started_at == dossier.handover_at,
            "cutoff": paper_cutoff(),
        },
    )


# --- Refusal at the counter ----------------------------------------------------------------------


@desk_officer_required
def intake_refuse(request: HttpRequest, draft: int) -> HttpResponse:
    """Refuse intake with specific reasons: the refusal slip (Mẫu 03)."""
    user, wizard = _wizard(request, draft)
    saved = wizard.draft.data
    person = saved.get("applicant") or {}
    if request.method == "POST":
        form = RefusalForm(request.POST)
        if form.is_valid():
            try:
                dossier = dossier_refuse_draft(
                    draft=wizard.draft,
                    applicant=form.applicant_input(saved),
                    reasons=form.reasons_list(),
                    actor=user,
                )
            except DomainError as exc:
                form.add_service_error(exc)
            else:
                return redirect("backoffice:intake-refused", code=dossier.display_code)
    else:
        initial: dict[str, object] = {
            "name": person.get("name", ""),
            "id_number": person.get("id_number", ""),
            "address": person.get("address", ""),
        }
        form = RefusalForm(initial=initial)
    focus_first(form)
    return render(
        request,
        "backoffice/intake/refuse.html",
        {
            "wizard": wizard,
            "draft": wizard.draft,
            "form": form,
            "back_url": wizard.url(wizard.keys[min(wizard.reached, len(wizard.keys) - 1)]),
        },
        status=_status(form),
    )


# --- Guidance at the counter (phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ) -------------------------


@desk_officer_required
def intake_guide(request: HttpRequest, draft: int) -> HttpResponse:
    """The applicant lacks papers: the supplement slip (Mẫu 02) listing, once and completely,
    what to bring and what is required of each (`counter_guidance_issue`). Nothing is received
    or refused (no dossier); the draft is kept for the applicant's return."""
    user, wizard = _wizard(request, draft)
    components = list(wizard.variant.components.all())
    saved = wizard.draft.data
    if request.method == "POST":
        form = GuidanceForm(request.POST, components=components)
        if form.is_valid():
            try:
                guidance = counter_guidance_issue(
                    draft=wizard.draft,
                    items=form.items(),
                    reason=form.cleaned_data["reason"],
                    applicant=form.applicant_input(saved),
                    actor=user,
                )
            except DomainError as exc:  # nothing written; what was typed is shown again
                form.add_service_error(exc)
            else:
                return redirect("backoffice:intake-guided", pk=guidance.pk)
    else:
        person = saved.get("applicant") or {}
        counts = Counter(wizard.draft.files.values_list("component_code", flat=True))
        form = GuidanceForm(
            initial={
                "name": person.get("name", ""),
                "id_number": person.get("id_number", ""),
                "phone": person.get("phone", ""),
                # Vietnamese whatever the officer's language: it is printed on the official slip.
                "reason": "Hồ sơ chưa đầy đủ thành phần theo quy định của thủ tục.",
            },
            components=components,
            missing=missing_codes(variant=wizard.variant, saved=saved, file_counts=counts),
        )
    focus_first(form)
    return render(
        request,
        "backoffice/intake/guide.html",
        {
            "wizard": wizard,
            "draft": wizard.draft,
            "form": form,
            "back_url": wizard.url(wizard.keys[min(wizard.reached, len(wizard.keys) - 1)]),
        },
        status=_status(form),
    )


def _guidance(user: User, pk: int) -> CounterGuidance:
    try:
        return access_counter_guidance(user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@desk_officer_required
def intake_guided(request: HttpRequest, pk: int) -> HttpResponse:
    """The slip issued: its number, the slip to print, the kept draft to resume."""
    user = actor(request)
    guidance = _guidance(user, pk)
    draft = guidance.draft if guidance.draft is not None else None
    resumable = draft is not None and draft.owner_id == user.pk
    return render(
        request,
        "backoffice/intake/guided.html",
        {"guidance": guidance, "draft": draft if resumable else None},
    )


@staff_required
def intake_guidance_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The guidance slip as PDF, for the officers of the desk that issued it (404 otherwise)."""
    guidance = _guidance(actor(request), pk)
    pdf = guidance_render(guidance=guidance)
    number = guidance.form_number.replace("/", "-")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="phieu-huong-dan-bo-sung-{number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@desk_officer_required
def intake_refused(request: HttpRequest, code: str) -> HttpResponse:
    user = actor(request)
    try:
        dossier = access_dossier(user, code=code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if dossier.status != DossierStatus.REFUSED_INTAKE:
        raise Http404("Hồ sơ không bị từ chối tiếp nhận.")
    return render(request, "backoffice/intake/refused.html", {"dossier": dossier})
