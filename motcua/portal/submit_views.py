"""Online submission (nộp hồ sơ trực tuyến): a citizen's dossier draft, step by step — case and
agency, contact, the interactive e-form, uploads per component, check your answers and the
declaration — then `dossier_submit_draft`. Each step saves the draft (also while typing, through
htmx); the draft can be left and resumed from "Hồ sơ của tôi". Interfaces only: the rules are the
workflow's and the catalog's."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.admin_units import unit_directory
from motcua.accounts.models import CitizenKind, Desk, User, UserKind
from motcua.calendar.selectors import calendar_for_agency
from motcua.catalog.eform_html import (
    eform_answers_from_post,
    eform_problems,
    eform_render,
    eform_wants_more_items,
)
from motcua.catalog.eforms import AnswersInvalid, clean_answers, validate_schema
from motcua.catalog.models import CaseVariant, Component, ComponentRequirement, ProcedureVersion
from motcua.catalog.selectors import version_with_parts
from motcua.catalog.specs import Problem
from motcua.core.errors import DomainError, NotFound, ValidationFailed
from motcua.core.timezone import local_today, to_local
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
from motcua.dossiers.models import Channel, DossierDraft
from motcua.dossiers.policies import dossier_queryset_for
from motcua.dossiers.selectors import Destination, online_destinations
from motcua.portal.access import citizen, citizen_required
from motcua.portal.converters import ProcedureRef
from motcua.portal.submit_forms import (
    STEP_BY_KEY,
    CaseForm,
    ContactForm,
    DeclarationForm,
    Step,
    condition_name,
    conditions_from_post,
    file_input_name,
    step_of,
    uploads_from_request,
    wizard_steps,
)
from motcua.portal.views import NATIONAL_PORTAL, public_version, unavailable
from motcua.workflow.intake import eform_replaces, online_draft_problems
from motcua.workflow.services import dossier_submit_draft
from motcua.workflow.workspace import answer_rows

# --- The frame: a draft, its steps, where the citizen is ---------------------------------------


@dataclass
class Wizard:
    draft: DossierDraft
    version: ProcedureVersion
    destinations: list[Destination]
    steps: list[Step] = field(default_factory=list)

    @property
    def variant(self) -> CaseVariant | None:
        return self.draft.variant

    @property
    def ready(self) -> bool:
        """A case and a desk are chosen: the other steps can be shown."""
        return self.draft.variant is not None and self.draft.desk is not None

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
                "reachable": number - 1 <= reached and (self.ready or step.key == "case"),
            }
            for number, step in enumerate(self.steps, start=1)
        ]


def _variants(version: ProcedureVersion) -> list[CaseVariant]:
    return list(version.variants.order_by("position", "pk"))


def _wizard(request: HttpRequest, pk: int) -> tuple[User, Wizard]:
    user = citizen(request)
    try:
        draft = access_draft(user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if draft.channel != Channel.ONLINE or draft.variant is None:
        raise Http404("Không tìm thấy hồ sơ đang soạn.")
    version = draft.variant.version
    destinations = online_destinations(version=version, on=local_today())
    steps = wizard_steps(
        needs_case=len(_variants(version)) > 1 or len(destinations) != 1,
        has_eform=bool(draft.variant.eform_schema),
    )
    return user, Wizard(draft=draft, version=version, destinations=destinations, steps=steps)


def _render_step(
    request: HttpRequest,
    wizard: Wizard,
    key: str,
    context: Mapping[str, object],
    *,
    status: int = 200,
) -> HttpResponse:
    back = wizard.before(key)
    return render(
        request,
        f"portal/submit/{key}.html",
        {
            "wizard": wizard,
            "draft": wizard.draft,
            "version": wizard.version,
            "step": STEP_BY_KEY[key],
            "stepper": wizard.stepper(key),
            "back_url": wizard.url(back) if back else "",
            **context,
        },
        status=status,
    )


def _leave(request: HttpRequest, wizard: Wizard, key: str) -> HttpResponse:
    """After a save: back, "continue later", or on to the next step."""
    if "later" in request.POST:
        messages.success(
            request,
            _("Đã lưu hồ sơ đang soạn. Bạn có thể tiếp tục bất cứ lúc nào trong «Hồ sơ của tôi»."),
        )
        return redirect("portal:my-dossiers")
    if "back" in request.POST:
        back = wizard.before(key)
        return redirect(wizard.url(back) if back else wizard.url(key))
    return redirect(wizard.url(wizard.after(key)))


def _save(
    wizard: Wizard,
    user: User,
    key: str,
    data: Mapping[str, object],
    *,
    forward: bool,
    variant: CaseVariant | None = None,
    desk: Desk | None = None,
) -> None:
    step = wizard.furthest(wizard.after(key)) if forward else None
    wizard.draft = draft_save(
        draft=wizard.draft, actor=user, data=data, step=step, variant=variant, desk=desk
    )


def _status(form: forms.BaseForm) -> int:
    return 400 if form.is_bound and form.errors else 200


def _not_ready(wizard: Wizard) -> HttpResponse | None:
    """Steps after the first need a case and a desk; without them, the first step."""
    return None if wizard.ready else redirect(wizard.url(wizard.keys[0]))


# --- Start: what to prepare, then a draft -------------------------------------------------------


def _contact_defaults(user: User) -> dict[str, str]:
    profile = getattr(user, "citizen_profile", None)
    return {
        "address": profile.address if profile is not None else "",
        "phone": user.phone,
        "email": user.email,
    }


def procedure_submit_online(request: HttpRequest, ref: ProcedureRef) -> HttpResponse:
    """Where "Nộp hồ sơ trực tuyến" leads: what to prepare, then (for a logged-in citizen) a new
    draft — or the one already started for this procedure."""
    today = local_today()
    current = public_version(ref, today=today)
    if current is None:
        return unavailable(request, ref, today=today)
    version = version_with_parts(pk=current.pk)
    destinations = online_destinations(version=version, on=today)
    user = request.user
    is_citizen = isinstance(user, User) and user.kind == UserKind.CITIZEN
    context: dict[str, object] = {
        "version": version,
        "procedure": version.procedure,
        "variants": list(version.variants.all()),
        "national_portal": NATIONAL_PORTAL,
        "is_citizen": is_citizen,
        "is_staff_user": user.is_authenticated and not is_citizen,
        "drafts": [],
        "destinations": destinations,
    }
    if not version.accepts_online_submission or not destinations:
        return render(request, "portal/catalog/no_online.html", context, status=404)
    if is_citizen:
        assert isinstance(user, User)
        context["drafts"] = list(
            draft_list_for(actor=user, channel=Channel.ONLINE).filter(variant__version=version)
        )
        if request.method == "POST":
            return _start(request, user, version, destinations)
    elif request.method == "POST":
        return redirect(f"{reverse('portal:login')}?next={request.path}")
    return render(request, "portal/submit/start.html", context)


def _start(
    request: HttpRequest, user: User, version: ProcedureVersion, destinations: list[Destination]
) -> HttpResponse:
    variants = _variants(version)
    draft = draft_start(actor=user, channel=Channel.ONLINE, variant=variants[0])
    desk = destinations[0].desk if len(destinations) == 1 else None
    data: dict[str, object] = {"applicant": _contact_defaults(user)}
    if desk is not None:
        data["agency"] = destinations[0].agency.code
    draft = draft_save(draft=draft, actor=user, data=data, desk=desk)
    if len(variants) > 1 or desk is None:
        return redirect("portal:submit-case", draft=draft.pk)
    return redirect("portal:submit-contact", draft=draft.pk)


@citizen_required
def submit_resume(request: HttpRequest, draft: int) -> HttpResponse:
    _user, wizard = _wizard(request, draft)
    if not wizard.ready:
        return redirect(wizard.url(wizard.keys[0]))
    key = wizard.draft.step if wizard.draft.step in wizard.keys else wizard.keys[0]
    return redirect(wizard.url(key))


@require_POST
@citizen_required
def submit_discard(request: HttpRequest, draft: int) -> HttpResponse:
    user, wizard = _wizard(request, draft)
    draft_discard(draft=wizard.draft, actor=user)
    messages.success(request, _("Đã xoá hồ sơ đang soạn."))
    return redirect("portal:my-dossiers")


# --- Steps --------------------------------------------------------------------------------------


@citizen_required
def submit_case(request: HttpRequest, draft: int) -> HttpResponse:
    user, wizard = _wizard(request, draft)
    variants = _variants(wizard.version)
    agencies = [(d.agency.code, d.agency.name) for d in wizard.destinations]
    choices = {
        "variants": [(v.code, v.name) for v in variants],
        "agencies": agencies,
    }
    if request.method == "POST":
        form = CaseForm(request.POST, **choices)
        if form.is_valid():
            variant = next(v for v in variants if v.code == form.cleaned_data["variant"])
            chosen = next(
                d for d in wizard.destinations if d.agency.code == form.cleaned_data["agency"]
            )
            _save(wizard, user, "case", {"agency": chosen.agency.code},
                  forward="back" not in request.POST, variant=variant, desk=chosen.desk)  # fmt: skip
            user, wizard = _wizard(request, draft)  # the steps depend on the case chosen
            return _leave(request, wizard, "case")
    else:
        initial = {
            "variant": wizard.variant.code if wizard.variant else "",
            "agency": wizard.draft.data.get("agency")
            or (agencies[0][0] if len(agencies) == 1 else ""),
        }
        form = CaseForm(initial=initial, **choices)
    limits = {v.code: v for v in variants}
    return _render_step(
        request, wizard, "case", {"form": form, "limits": limits}, status=_status(form)
    )


def _organisation(user: User) -> bool:
    profile = getattr(user, "citizen_profile", None)
    return profile is not None and profile.kind == CitizenKind.ORGANISATION


@citizen_required
def submit_contact(request: HttpRequest, draft: int) -> HttpResponse:
    """Who files (from the account, not editable here) and how to reach them."""
    user, wizard = _wizard(request, draft)
    if (gone := _not_ready(wizard)) is not None:
        return gone
    organisation = _organisation(user)
    if request.method == "POST":
        form = ContactForm(request.POST, organisation=organisation)
        valid = form.is_valid()
        leaving = "later" in request.POST or "back" in request.POST
        _save(wizard, user, "contact", {"applicant": form.raw_values()},
              forward=valid and not leaving)  # fmt: skip
        problems = {} if not valid else _contact_problems(wizard, user)
        for path, message in problems.items():
            form.add_error(path if path in form.fields else None, message)
        if leaving or (valid and not problems):
            return _leave(request, wizard, "contact")
    else:
        saved = wizard.draft.data.get("applicant") or {}
        form = ContactForm(initial=saved, organisation=organisation)
    return _render_step(
        request,
        wizard,
        "contact",
        {"form": form, "profile": getattr(user, "citizen_profile", None)},
        status=_status(form),
    )


def _contact_problems(wizard: Wizard, user: User) -> dict[str, str]:
    """The workflow's own checks of the applicant (a landline is refused for SMS, …)."""
    found = online_draft_problems(draft=wizard.draft, actor=user, today=local_today())
    return {p.path.partition(".")[2]: p.message for p in found if p.path.startswith("applicant.")}


@citizen_required
def submit_eform(request: HttpRequest, draft: int) -> HttpResponse:
    """The interactive e-form: the catalog's validator judges (the same as the API and the
    counter); what was typed is saved even when not valid yet."""
    user, wizard = _wizard(request, draft)
    if (gone := _not_ready(wizard)) is not None:
        return gone
    assert wizard.variant is not None
    schema = wizard.variant.eform_schema
    if not schema:
        return redirect(wizard.url(wizard.after("eform")))
    problems: list[Problem] = []
    status = 200
    if request.method == "POST":
        answers = eform_answers_from_post(schema=schema, data=request.POST)
        if eform_wants_more_items(request.POST, "ef", schema=validate_schema(schema)):
            _save(wizard, user, "eform", {"answers": answers}, forward=False)
        else:
            leaving = "later" in request.POST or "back" in request.POST
            try:
                clean_answers(schema, answers, units=unit_directory(), today=local_today())
            except AnswersInvalid as exc:
                problems = eform_problems(exc)
            _save(wizard, user, "eform", {"answers": answers}, forward=not problems and not leaving)
            if not problems or leaving:
                return _leave(request, wizard, "eform")
            status = 400
    else:
        answers = wizard.draft.data.get("answers") or {}
    eform = eform_render(schema=schema, answers=answers, problems=problems)
    return _render_step(request, wizard, "eform", {"eform": eform}, status=status)


@require_POST
@citizen_required
def submit_autosave(request: HttpRequest, draft: int) -> HttpResponse:
    """Save what is typed on the contact or e-form step without checking it (htmx, on change).
    Answers "Đã lưu nháp lúc …" for the page's live region."""
    user, wizard = _wizard(request, draft)
    assert wizard.variant is not None
    which = request.POST.get("autosave")
    if which == "contact":
        form = ContactForm(request.POST, organisation=_organisation(user))
        draft_save(draft=wizard.draft, actor=user, data={"applicant": form.raw_values()})
    elif which == "eform" and wizard.variant.eform_schema:
        answers = eform_answers_from_post(schema=wizard.variant.eform_schema, data=request.POST)
        draft_save(draft=wizard.draft, actor=user, data={"answers": answers})
    else:
        return HttpResponse(status=400)
    return render(request, "portal/submit/_saved.html", {"saved_at": to_local(timezone.now())})


@dataclass(frozen=True)
class FileRow:
    component: Component
    required: bool
    conditional: bool
    applies: bool
    replaced: bool
    files: list[object]
    errors: list[str]
    input_name: str
    condition_name: str


def _file_rows(
    wizard: Wizard, conditions: set[str], errors: Mapping[str, list[str]]
) -> list[FileRow]:
    assert wizard.variant is not None
    by_code: dict[str, list[object]] = defaultdict(list)
    for row in wizard.draft.files.order_by("uploaded_at", "pk"):
        by_code[row.component_code].append(row)
    replaced = set(eform_replaces(wizard.variant)) if wizard.variant.eform_schema else set()
    return [
        FileRow(
            component=c,
            required=c.requirement == ComponentRequirement.REQUIRED,
            conditional=c.requirement != ComponentRequirement.REQUIRED,
            applies=c.code in conditions,
            replaced=c.code in replaced,
            files=by_code.get(c.code, []),
            errors=list(errors.get(c.code, [])),
            input_name=file_input_name(c.code),
            condition_name=condition_name(c.code),
        )
        for c in wizard.variant.components.order_by("position", "pk")
    ]


@citizen_required
def submit_files(request: HttpRequest, draft: int) -> HttpResponse:
    """Files per component (several each; PDF, JPEG or PNG, checked by content), and whether a
    conditional component applies to the applicant. A refused file is reported on its component;
    the others are kept."""
    user, wizard = _wizard(request, draft)
    if (gone := _not_ready(wizard)) is not None:
        return gone
    assert wizard.variant is not None
    codes = list(wizard.variant.components.values_list("code", flat=True))
    errors: dict[str, list[str]] = defaultdict(list)
    if request.method == "POST":
        conditions = conditions_from_post(request.POST, codes)
        uploads = uploads_from_request(request.FILES, codes)
        for code, upload in uploads:
            try:
                draft_file_add(draft=wizard.draft, actor=user, component_code=code, upload=upload)
            except ValidationFailed as exc:
                errors[code].append(exc.message)
        staying = bool(errors) or "upload" in request.POST
        leaving = "later" in request.POST or "back" in request.POST
        _save(wizard, user, "files", {"conditions": conditions},
              forward=not staying and not leaving)  # fmt: skip
        if not errors:
            if uploads:
                messages.success(request, _("Đã tải tệp lên."))
            if "upload" in request.POST:
                return redirect(wizard.url("files"))
            return _leave(request, wizard, "files")
    rows = _file_rows(wizard, set(wizard.draft.data.get("conditions") or []), errors)
    context = {
        "rows": rows,
        "file_errors": [
            (code, message) for code, messages_ in errors.items() for message in messages_
        ],
        "max_mb": max_upload_bytes() // (1024 * 1024),
    }
    return _render_step(request, wizard, "files", context, status=400 if errors else 200)


@require_POST
@citizen_required
def submit_file_remove(request: HttpRequest, draft: int, file_id: int) -> HttpResponse:
    user, wizard = _wizard(request, draft)
    try:
        draft_file_remove(draft=wizard.draft, actor=user, file_id=file_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    messages.success(request, _("Đã xoá tệp."))
    return redirect(wizard.url("files"))


# --- Check your answers, declaration, submit -----------------------------------------------------


def _review_context(
    wizard: Wizard, user: User, problems: list[Problem], form: DeclarationForm
) -> dict[str, object]:
    assert wizard.variant is not None
    data = wizard.draft.data
    schema = wizard.variant.eform_schema
    conditions = set(data.get("conditions") or [])
    destination = next(
        (d for d in wizard.destinations if d.agency.code == data.get("agency")), None
    )
    edit = {key: wizard.url(key) for key in wizard.keys}
    return {
        "rows": _file_rows(wizard, conditions, {}),
        "contact": data.get("applicant") or {},
        "profile": getattr(user, "citizen_profile", None),
        "answers": answer_rows(schema.get("fields") or [], data.get("answers") or {})
        if schema
        else [],
        "destination": destination,
        "edit": edit,
        "problems": [
            {
                "message": p.message,
                "url": wizard.url(step) + (f"#{anchor}" if anchor else "")
                if step in wizard.keys
                else "",
                "step": STEP_BY_KEY[step].label if step in wizard.keys else "",
            }
            for p in problems
            for step, anchor in [step_of(p.path)]
        ],
        "form": form,
    }


@citizen_required
def submit_review(request: HttpRequest, draft: int) -> HttpResponse:
    """Everything at a glance with change links and what still blocks submission; the
    declaration; "Nộp hồ sơ" submits (`dossier_submit_draft`). A refusal keeps the draft."""
    user, wizard = _wizard(request, draft)
    if (gone := _not_ready(wizard)) is not None:
        return gone
    status = 200
    if request.method == "POST":
        form = DeclarationForm(request.POST)
        if form.is_valid():
            try:
                dossier = dossier_submit_draft(draft=wizard.draft, actor=user, declaration=True)
            except DomainError as exc:  # the draft stays as it was
                problems = online_draft_problems(
                    draft=wizard.draft, actor=user, today=local_today()
                ) or [Problem(exc.field or "", exc.code, exc.message)]
                context = _review_context(wizard, user, problems, form)
                return _render_step(
                    request, wizard, "review", {**context, "refused": True}, status=400
                )
            return redirect("portal:submit-done", reference=dossier.reference)
        status = 400
    else:
        form = DeclarationForm()
    problems = online_draft_problems(draft=wizard.draft, actor=user, today=local_today())
    context = _review_context(wizard, user, problems, form)
    return _render_step(request, wizard, "review", context, status=status)


@citizen_required
def submit_done(request: HttpRequest, reference: str) -> HttpResponse:
    """The submitted dossier: its code (the submission reference until the desk receives it),
    status "Mới đăng ký" and what happens next."""
    user = citizen(request)
    dossier = (
        dossier_queryset_for(user)
        .select_related("version", "desk", "agency", "receiving_agency")
        .filter(reference=reference)
        .first()
    )
    if dossier is None:
        raise Http404("Không tìm thấy hồ sơ.")
    submitted = dossier.submitted_at
    calendar = calendar_for_agency(dossier.receiving_agency)
    return render(
        request,
        "portal/submit/done.html",
        {
            "dossier": dossier,
            "submitted_at": to_local(submitted) if submitted else None,
            # Outside office hours the desk sees it from the next working instant.
            "desk_opens_at": to_local(calendar.next_working_instant(submitted))
            if submitted is not None and calendar.next_working_instant(submitted) > submitted
            else None,
        },
    )
