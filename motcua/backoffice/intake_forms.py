"""Forms of the counter intake wizard: they check the shape of what the desk officer typed and
turn it into the draft's data (`motcua.dossiers.drafts`); the intake services check the rules.

The wizard's steps, in order (a step is skipped when it has nothing to ask):

    variant → components → applicant → eform → fees → files → review

Each step's form reads its initial values from the draft and writes its part of `draft.data`.
What the services refuse (`ValidationFailed` with `details`) is turned into `StepProblem`s: the
message and the step (and anchor) where the officer fixes it.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.accounts.admin_units import unit_directory
from motcua.accounts.models import CitizenKind, Desk
from motcua.accounts.validators import parse_phone
from motcua.catalog.eforms import AnswersInvalid, EForm, FieldDef, clean_answers, validate_schema
from motcua.catalog.models import CaseVariant, Component, ComponentRequirement
from motcua.core.errors import DomainError, ValidationFailed
from motcua.dossiers.files import Upload
from motcua.dossiers.models import Channel
from motcua.workflow.intake import (
    ApplicantInput,
    ComponentInput,
    applicant_problems,
    missing_components,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATETIME_INPUT = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
MAX_COPIES = 99


# --- Steps --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str  # stored in `DossierDraft.step`
    url_name: str
    label: "StrOrPromise"


STEPS: tuple[Step, ...] = (
    Step("variant", "backoffice:intake-variant", _("Trường hợp")),
    Step("components", "backoffice:intake-components", _("Thành phần hồ sơ")),
    Step("applicant", "backoffice:intake-applicant", _("Người nộp")),
    Step("eform", "backoffice:intake-eform", _("Tờ khai")),
    Step("fees", "backoffice:intake-fees", _("Phí, lệ phí")),
    Step("files", "backoffice:intake-files", _("Số hoá giấy tờ")),
    Step("review", "backoffice:intake-review", _("Kiểm tra và tiếp nhận")),
)
STEP_BY_KEY = {step.key: step for step in STEPS}


def wizard_steps(*, variant_count: int, has_eform: bool) -> list[Step]:
    """The steps this draft goes through: no variant step for a procedure with one case, no
    e-form step for a case without an e-form."""
    return [
        step
        for step in STEPS
        if not (step.key == "variant" and variant_count < 2)
        and not (step.key == "eform" and not has_eform)
    ]


def focus_first(form: forms.BaseForm) -> None:
    """Autofocus one field: the first with an error, else the one the form chose, else the first
    visible field (one `autofocus` per page)."""
    names = [field.name for field in form.visible_fields()]
    chosen = [name for name in names if form.fields[name].widget.attrs.get("autofocus")]
    errors = [name for name in names if form.is_bound and name in form.errors]
    targets = errors or chosen or names
    for name in names:
        form.fields[name].widget.attrs.pop("autofocus", None)
    if targets:
        form.fields[targets[0]].widget.attrs["autofocus"] = True


def add_domain_error(form: forms.BaseForm, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


# --- Start: desk, channel, procedure ------------------------------------------------------------


class ReceivedAtField(forms.DateTimeField):
    """When a postal parcel arrived: a local date and time, not in the future."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Thời điểm nhận bưu phẩm (hồ sơ qua bưu chính)"))
        kwargs.setdefault(
            "help_text",
            _("Ngày giờ bưu phẩm đến bộ phận một cửa (tính hạn giải quyết từ thời điểm này)."),
        )
        super().__init__(
            required=False,
            input_formats=DATETIME_INPUT,
            widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            **kwargs,
        )

    def clean(self, value: Any) -> dt.datetime | None:
        instant: dt.datetime | None = super().clean(value)
        if instant is not None and instant > timezone.now():
            raise ValidationError(
                gettext("Thời điểm nhận bưu phẩm không được sau thời điểm hiện tại."),
                code="received_at_future",
            )
        return instant


PAPER_CHANNELS = [
    (Channel.COUNTER.value, _("Trực tiếp tại quầy")),
    (Channel.POSTAL.value, _("Qua dịch vụ bưu chính công ích")),
]


class StartForm(forms.Form):
    """The desk, the channel and (postal) when the parcel arrived; `version` is the procedure
    version chosen from the search results (a POST), `q` the search text (a GET)."""

    desk = forms.TypedChoiceField(label=_("Bộ phận một cửa"), coerce=int)
    channel = forms.ChoiceField(
        label=_("Hình thức nộp"),
        choices=PAPER_CHANNELS,
        initial=Channel.COUNTER.value,
        widget=forms.RadioSelect,
    )
    received_at = ReceivedAtField()
    q = forms.CharField(
        label=_("Tìm thủ tục"),
        required=False,
        max_length=200,
        help_text=_("Gõ tên hoặc mã thủ tục, có dấu hoặc không dấu (ví dụ «dang ky khai sinh»)."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, desks: Sequence[Desk], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["desk"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(desk.pk, desk.name) for desk in desks]
        if len(desks) == 1:
            field.initial = desks[0].pk
            field.widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        postal = data.get("channel") == Channel.POSTAL
        if postal and not data.get("received_at") and "received_at" not in self.errors:
            self.add_error(
                "received_at", gettext("Hồ sơ qua bưu chính: phải ghi ngày giờ nhận bưu phẩm.")
            )
        if data.get("channel") != Channel.POSTAL:
            data["received_at"] = None
        return data

    def value_of(self, name: str) -> str:
        """The submitted value (for a GET that only searches), else the initial one."""
        value = self[name].value()
        return "" if value is None else str(value)


class ReceiveForm(forms.Form):
    """The last click: for a postal dossier, when the parcel arrived."""

    received_at = ReceivedAtField()

    def __init__(self, *args: Any, postal: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.postal = postal
        if not postal:
            del self.fields["received_at"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.postal and not data.get("received_at") and "received_at" not in self.errors:
            self.add_error(
                "received_at", gettext("Hồ sơ qua bưu chính: phải ghi ngày giờ nhận bưu phẩm.")
            )
        return data


# --- Variant -------------------------------------------------------------------------------------


class VariantForm(forms.Form):
    variant = forms.TypedChoiceField(
        label=_("Trường hợp"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Phải chọn một trường hợp của thủ tục.")},
    )

    def __init__(self, *args: Any, choices: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["variant"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = list(choices)


# --- Components checklist ----------------------------------------------------------------------


def _count_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_COPIES,
        required=False,
        widget=forms.NumberInput(attrs={"class": "count-input", "inputmode": "numeric"}),
    )


@dataclass(frozen=True)
class ChecklistRow:
    component: Component
    handed: forms.BoundField
    originals: forms.BoundField
    copies: forms.BoundField
    electronic: forms.BoundField
    reused: forms.BoundField
    applies: forms.BoundField | None

    @property
    def errors(self) -> list[str]:
        found: list[str] = []
        for bound in (self.handed, self.originals, self.copies, self.electronic, self.reused):
            found.extend(str(e) for e in bound.errors)
        return found


class ComponentsForm(forms.Form):
    """One row per component of the case variant: handed in or not, how many originals and
    copies (pre-filled from the catalog), electronic or reused, and for a conditional component
    whether its condition applies to this applicant."""

    def __init__(
        self,
        *args: Any,
        components: Sequence[Component],
        saved: Mapping[str, Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.components = list(components)
        checklist: Mapping[str, Mapping[str, Any]] = saved.get("components") or {}
        conditions = set(saved.get("conditions") or [])
        for component in self.components:
            code = component.code
            ticks = checklist.get(code)
            self.fields[f"{code}-handed"] = forms.BooleanField(
                label=gettext("Đã nộp: %(name)s") % {"name": component.name},
                required=False,
                initial=ticks is not None,
            )
            self.fields[f"{code}-originals"] = _count_field(
                gettext("Số bản chính: %(name)s") % {"name": component.name}
            )
            self.fields[f"{code}-originals"].initial = (
                ticks.get("originals", 0) if ticks else component.originals
            )
            self.fields[f"{code}-copies"] = _count_field(
                gettext("Số bản sao: %(name)s") % {"name": component.name}
            )
            self.fields[f"{code}-copies"].initial = (
                ticks.get("copies", 0) if ticks else component.copies
            )
            self.fields[f"{code}-electronic"] = forms.BooleanField(
                label=gettext("Bản điện tử: %(name)s") % {"name": component.name},
                required=False,
                initial=bool(ticks and ticks.get("electronic")),
            )
            self.fields[f"{code}-reused"] = forms.BooleanField(
                label=gettext("Tái sử dụng dữ liệu đã số hoá: %(name)s") % {"name": component.name},
                required=False,
                initial=bool(ticks and ticks.get("reused")),
            )
            if component.requirement == ComponentRequirement.CONDITIONAL:
                self.fields[f"{code}-applies"] = forms.BooleanField(
                    label=gettext("Áp dụng: %(condition)s") % {"condition": component.condition},
                    required=False,
                    initial=code in conditions,
                )
        self.saved_checklist = checklist
        if self.components:
            self.fields[f"{self.components[0].code}-handed"].widget.attrs["autofocus"] = True

    def rows(self) -> list[ChecklistRow]:
        return [
            ChecklistRow(
                component=c,
                handed=self[f"{c.code}-handed"],
                originals=self[f"{c.code}-originals"],
                copies=self[f"{c.code}-copies"],
                electronic=self[f"{c.code}-electronic"],
                reused=self[f"{c.code}-reused"],
                applies=self[f"{c.code}-applies"] if f"{c.code}-applies" in self.fields else None,
            )
            for c in self.components
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for component in self.components:
            code = component.code
            if not data.get(f"{code}-handed"):
                continue
            counted = (data.get(f"{code}-originals") or 0) + (data.get(f"{code}-copies") or 0)
            if (
                counted == 0
                and not data.get(f"{code}-electronic")
                and not data.get(f"{code}-reused")
            ):
                self.add_error(
                    f"{code}-handed",
                    gettext(
                        "“%(name)s”: ghi số bản chính, bản sao hoặc đánh dấu bản điện tử, "
                        "tái sử dụng."
                    )
                    % {"name": component.name},
                )
        return data

    def draft_data(self) -> dict[str, object]:
        """The draft's `components` (handed in only; the files step's notes kept) and
        `conditions`."""
        data = self.cleaned_data
        checklist: dict[str, dict[str, object]] = {}
        conditions: list[str] = []
        for component in self.components:
            code = component.code
            if data.get(f"{code}-applies"):
                conditions.append(code)
            if not data.get(f"{code}-handed"):
                continue
            before = self.saved_checklist.get(code) or {}
            checklist[code] = {
                "originals": data.get(f"{code}-originals") or 0,
                "copies": data.get(f"{code}-copies") or 0,
                "electronic": bool(data.get(f"{code}-electronic")),
                "reused": bool(data.get(f"{code}-reused")),
                "scan_exemption": str(before.get("scan_exemption") or ""),
                "note": str(before.get("note") or ""),
            }
        return {"components": checklist, "conditions": conditions}


# --- Applicant -----------------------------------------------------------------------------------

APPLICANT_FIELDS = (
    "kind",
    "id_number",
    "name",
    "address",
    "phone",
    "email",
    "submitter_name",
    "submitter_id_number",
)
# Fields checked as the officer types (htmx): the identifiers and the contacts.
LIVE_FIELDS = frozenset({"id_number", "phone", "email", "submitter_id_number"})


class ApplicantForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Người nộp là"),
        choices=CitizenKind.choices,
        initial=CitizenKind.INDIVIDUAL,
        widget=forms.RadioSelect,
    )
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD) hoặc mã số thuế"),
        max_length=16,
        required=False,
        help_text=_("Cá nhân: 12 chữ số. Tổ chức: mã số thuế 10 chữ số (hoặc 10 chữ số-3 chữ số)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(label=_("Họ và tên / tên tổ chức"), max_length=255, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        required=False,
        help_text=_("Để nhận tin nhắn về hồ sơ, ví dụ 0912 345 678."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("Thư điện tử"),
        max_length=254,
        required=False,
        help_text=_("Không bắt buộc."),
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "off"}),
    )
    submitter_name = forms.CharField(
        label=_("Người nộp thay (nếu khác người đứng tên)"), max_length=255, required=False
    )
    submitter_id_number = forms.CharField(
        label=_("Số định danh cá nhân của người nộp thay"),
        max_length=16,
        required=False,
        help_text=_("12 chữ số."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, live_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["id_number"].widget.attrs["autofocus"] = True
        if live_url:  # htmx: check the identifiers and contacts as they are typed
            for name in LIVE_FIELDS:
                self.fields[name].widget.attrs.update(
                    {
                        "hx-post": live_url,
                        "hx-trigger": "input changed delay:600ms, change",
                        "hx-target": f"#id_{name}_live",
                        "hx-swap": "innerHTML",
                        "hx-sync": "this:replace",
                    }
                )

    def applicant_input(self) -> ApplicantInput:
        values = self.raw_data()
        return ApplicantInput(
            name=values["name"],
            kind=values["kind"] or CitizenKind.INDIVIDUAL,
            id_number=values["id_number"],
            address=values["address"],
            phone=values["phone"],
            email=values["email"],
            submitter_name=values["submitter_name"],
            submitter_id_number=values["submitter_id_number"],
        )

    def raw_data(self) -> dict[str, str]:
        """What was typed, trimmed, valid or not (saved into the draft either way)."""
        values = {}
        for name in APPLICANT_FIELDS:
            raw = self[name].value()
            values[name] = str(raw).strip() if raw is not None else ""
        return values

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The same checks as reception (`dossier_receive`), with the same messages.
        for key, message in applicant_problems(
            self.applicant_input(), require_contact=True
        ).items():
            name = key.removeprefix("applicant.")
            self.add_error(name if name in self.fields else None, message)
        return data

    def live_error(self, name: str) -> str:
        """The problem with one field as it is typed (blank fields are not reported yet)."""
        if name not in LIVE_FIELDS or not self.raw_data().get(name):
            return ""
        errors = self.errors.get(name)
        return str(errors[0]) if errors else ""

    @property
    def is_landline(self) -> bool:
        """A landline is kept (and flagged) but receives no SMS: the officer is told."""
        phone = self.raw_data()["phone"]
        if not phone:
            return False
        try:
            return parse_phone(phone, allow_landline=True).is_landline
        except ValidationError:
            return False


# --- Fees ----------------------------------------------------------------------------------------


class FeesForm(forms.Form):
    fees_paid = forms.CharField(
        label=_("Số tiền đã nộp (đồng)"),
        max_length=20,
        required=False,
        initial="0",
        help_text=_("Ghi 0 nếu chưa nộp hoặc được miễn. Có thể gõ 50.000 hoặc 50000."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    sets = forms.IntegerField(label=_("Số bộ hồ sơ"), min_value=1, max_value=MAX_COPIES, initial=1)
    agency = forms.ChoiceField(label=_("Cơ quan giải quyết"), required=False)
    note = forms.CharField(
        label=_("Ghi chú tiếp nhận"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, agencies: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(agencies) < 2:
            del self.fields["agency"]
        else:
            field = self.fields["agency"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", gettext("— Theo bộ phận một cửa —")), *agencies]
        self.fields["fees_paid"].widget.attrs["autofocus"] = True

    def clean_fees_paid(self) -> Decimal:
        raw = str(self.cleaned_data.get("fees_paid") or "").strip()
        digits = raw.replace(" ", "").replace(".", "").replace(",", "")
        if not digits:
            return Decimal(0)
        try:
            amount = Decimal(digits)
        except InvalidOperation:
            raise ValidationError(
                gettext("Số tiền chỉ gồm chữ số (đồng), ví dụ 50.000."), code="amount_invalid"
            ) from None
        if amount < 0 or amount != amount.to_integral_value():
            raise ValidationError(
                gettext("Số tiền phải là số đồng không âm."), code="amount_invalid"
            )
        return amount

    def draft_data(self) -> dict[str, object]:
        data = self.cleaned_data
        values: dict[str, object] = {
            "fees_paid": str(data["fees_paid"]),
            "sets": data["sets"],
            "note": data.get("note", "").strip(),
        }
        if "agency" in self.fields:
            values["agency"] = data.get("agency") or ""
        return values


# --- Files ---------------------------------------------------------------------------------------


class ExemptionsForm(forms.Form):
    """Per component, why its papers are not scanned (e.g. only shown, not kept)."""

    def __init__(
        self, *args: Any, components: Sequence[Component], saved: Mapping[str, Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        checklist: Mapping[str, Mapping[str, Any]] = saved.get("components") or {}
        self.saved_checklist = checklist
        self.components = list(components)
        for component in self.components:
            ticks = checklist.get(component.code) or {}
            self.fields[f"{component.code}-exemption"] = forms.CharField(
                label=gettext("Lý do không số hoá (nếu không quét)"),
                max_length=255,
                required=False,
                initial=ticks.get("scan_exemption", ""),
            )

    def draft_data(self) -> dict[str, object]:
        """The checklist with the exemption reasons of the components handed in."""
        checklist = {code: dict(ticks) for code, ticks in self.saved_checklist.items()}
        for code, ticks in checklist.items():
            name = f"{code}-exemption"
            if name in self.fields:
                ticks["scan_exemption"] = (self.cleaned_data.get(name) or "").strip()
        return {"components": checklist}


def file_input_name(code: str) -> str:
    return f"files-{code}"


def uploads_from_request(
    files: MultiValueDict[str, UploadedFile[Any]], codes: Iterable[str]
) -> list[tuple[str, Upload]]:
    """(component code, upload) for every file sent, in the order of the components."""
    found: list[tuple[str, Upload]] = []
    for code in codes:
        for name in (file_input_name(code), f"camera-{code}"):
            for uploaded in files.getlist(name):
                found.append((code, Upload(name=uploaded.name or "", content=uploaded.read())))
    return found


# --- Refusal at the counter ----------------------------------------------------------------------


class RefusalForm(forms.Form):
    """Refuse intake (Mẫu 03) with specific reasons, one per line."""

    name = forms.CharField(label=_("Họ và tên / tên tổ chức"), max_length=255)
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD) hoặc mã số thuế"), max_length=16, required=False
    )
    address = forms.CharField(label=_("Địa chỉ"), max_length=500, required=False)
    reasons = forms.CharField(
        label=_("Lý do (mỗi lý do một dòng)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.reasons_list() and not self.errors:
            self.add_error("reasons", gettext("Phải ghi lý do từ chối cụ thể."))
        return data

    def reasons_list(self) -> list[str]:
        data = getattr(self, "cleaned_data", {})
        return [line.strip() for line in (data.get("reasons") or "").splitlines() if line.strip()]

    def add_service_error(self, exc: DomainError) -> None:
        """A refusal of `dossier_refuse_at_counter`, each problem on its field."""
        problems = exc.details.get("problems")
        if not isinstance(problems, Mapping) or not problems:
            add_domain_error(self, exc)
            return
        for key, message in problems.items():
            name = str(key).removeprefix("applicant.")
            self.add_error(name if name in self.fields else None, str(message))

    def applicant_input(self, saved: Mapping[str, Any]) -> ApplicantInput:
        person: Mapping[str, Any] = saved.get("applicant") or {}
        data = self.cleaned_data
        return ApplicantInput(
            name=data["name"].strip(),
            kind=str(person.get("kind") or CitizenKind.INDIVIDUAL),
            id_number=(data.get("id_number") or "").strip(),
            address=(data.get("address") or "").strip(),
            phone=str(person.get("phone") or ""),
            email=str(person.get("email") or ""),
            submitter_name=str(person.get("submitter_name") or ""),
            submitter_id_number=str(person.get("submitter_id_number") or ""),
        )


# --- Guidance at the counter: the supplement slip (Mẫu 02) of a visit --------------------------


def requirement_text(component: Component) -> str:
    """What the procedure asks of a component, as a starting requirement ("01 bản chính, 01 bản
    sao (Mẫu TT 04/2020)"): printed on the slip, so not translated."""
    papers = []
    if component.originals:
        papers.append(f"{component.originals:02d} bản chính")
    if component.copies:
        papers.append(f"{component.copies:02d} bản sao")
    text = ", ".join(papers)
    if component.template_name:
        text += f" ({component.template_name})"
    return text


@dataclass(frozen=True)
class GuidanceRow:
    component: Component
    missing: forms.BoundField
    requirement: forms.BoundField


class GuidanceForm(forms.Form):
    """The components still missing (ticked; the missing required ones pre-ticked), what is
    required of each, the reason, and who was guided (name, ID number, phone)."""

    name = forms.CharField(label=_("Họ và tên / tên tổ chức"), max_length=255)
    id_number = forms.CharField(
        label=_("Số định danh cá nhân (CCCD) hoặc mã số thuế"), max_length=16, required=False
    )
    phone = forms.CharField(
        label=_("Số điện thoại liên hệ"),
        max_length=20,
        required=False,
        help_text=_("Không bắt buộc; in trên phiếu."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Lý do"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Phải nêu lý do hướng dẫn bổ sung, hoàn thiện hồ sơ.")},
    )

    def __init__(
        self,
        *args: Any,
        components: Sequence[Component],
        missing: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.components = list(components)
        ticked = set(missing)
        for component in self.components:
            code = component.code
            self.fields[f"{code}-missing"] = forms.BooleanField(
                label=gettext("Còn thiếu: %(name)s") % {"name": component.name},
                required=False,
                initial=code in ticked,
            )
            self.fields[f"{code}-requirement"] = forms.CharField(
                label=gettext("Nội dung yêu cầu bổ sung: %(name)s") % {"name": component.name},
                max_length=500,
                required=False,
                initial=requirement_text(component),
            )
        # Field order = page order (the error summary follows it): table, reason, applicant.
        table = [name for name in self.fields if name.endswith(("-missing", "-requirement"))]
        self.order_fields([*table, "reason", "name", "id_number", "phone"])
        first = f"{self.components[0].code}-missing" if self.components else "reason"
        self.fields[first].widget.attrs["autofocus"] = True

    def rows(self) -> list[GuidanceRow]:
        return [
            GuidanceRow(
                component=c,
                missing=self[f"{c.code}-missing"],
                requirement=self[f"{c.code}-requirement"],
            )
            for c in self.components
        ]

    def applicant_fields(self) -> list[forms.BoundField]:
        return [self["name"], self["id_number"], self["phone"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.components and not self.items():
            self.add_error(
                f"{self.components[0].code}-missing",
                gettext("Phải đánh dấu ít nhất một thành phần hồ sơ còn thiếu."),
            )
        return data

    def items(self) -> list[tuple[str, str]]:
        """(component code, requirement) of the ticked components, in the procedure's order."""
        data = getattr(self, "cleaned_data", {})
        return [
            (c.code, (data.get(f"{c.code}-requirement") or "").strip())
            for c in self.components
            if data.get(f"{c.code}-missing")
        ]

    def add_service_error(self, exc: DomainError) -> None:
        """A refusal of `counter_guidance_issue`, on the field it concerns."""
        problems = exc.details.get("problems")
        if isinstance(problems, Mapping) and problems:
            for key, message in problems.items():
                name = str(key).removeprefix("applicant.")
                self.add_error(name if name in self.fields else None, str(message))
            return
        if exc.field == "items" and self.components:
            self.add_error(f"{self.components[0].code}-missing", exc.message)
            return
        add_domain_error(self, exc)

    def applicant_input(self, saved: Mapping[str, Any]) -> ApplicantInput:
        """The applicant as typed here; kind, address and e-mail as the draft recorded them."""
        person: Mapping[str, Any] = saved.get("applicant") or {}
        data = self.cleaned_data
        return ApplicantInput(
            name=data["name"].strip(),
            kind=str(person.get("kind") or CitizenKind.INDIVIDUAL),
            id_number=(data.get("id_number") or "").strip(),
            address=str(person.get("address") or ""),
            phone=(data.get("phone") or "").strip(),
            email=str(person.get("email") or ""),
        )


# --- Review: what blocks reception, and where to fix it -----------------------------------------


@dataclass(frozen=True)
class StepProblem:
    message: str
    step: str  # a Step key, or "" for a problem no step fixes
    anchor: str = ""


def _step_of(key: str) -> tuple[str, str]:
    """The step (and anchor) that fixes the service problem at `key` (e.g. `applicant.phone`,
    `components.to-khai`)."""
    head, _, rest = key.partition(".")
    if head == "applicant":
        return "applicant", f"id_{rest}" if rest else ""
    if head == "components":
        return "files", f"component-{rest}" if rest else ""
    if head == "conditions":
        return "components", f"component-{rest}" if rest else ""
    if head in ("sets", "fees_paid", "agency", "fees", "note"):
        return "fees", f"id_{head}" if head != "fees" else ""
    if head in ("answers", "eform"):
        return "eform", ""
    if head == "variant":
        return "variant", ""
    return "", ""


def _eform_messages(exc: DomainError) -> list[str]:
    """The messages of an `AnswersInvalid` (its details list every problem by path)."""
    problems = exc.details.get("problems")
    if not isinstance(problems, list):
        return []
    return [str(p.get("message", "")) for p in problems if isinstance(p, Mapping)]


def _missing(name: object) -> str:
    return gettext("Còn thiếu thành phần bắt buộc: %(name)s.") % {"name": name}


def problems_from_error(exc: DomainError) -> list[StepProblem]:
    """The refusal of a service, one problem per thing to fix, each with the step that fixes it."""
    if isinstance(exc, AnswersInvalid) or exc.code == "eform_answers_invalid":
        messages = _eform_messages(exc) or [exc.message]
        return [
            StepProblem(gettext("Tờ khai: %(message)s") % {"message": message}, "eform")
            for message in messages
        ]
    if exc.code == "dossier_incomplete":
        missing = exc.details.get("missing")
        if isinstance(missing, list) and missing:
            return [StepProblem(_missing(name), "components") for name in missing]
    problems = exc.details.get("problems")
    if isinstance(problems, Mapping) and problems:
        found = []
        for key, message in problems.items():
            step, anchor = _step_of(str(key))
            found.append(StepProblem(str(message), step, anchor))
        return found
    step, anchor = _step_of(exc.field or "")
    return [StepProblem(exc.message, step, anchor)]


def _handed(saved: Mapping[str, Any], file_counts: Mapping[str, int]) -> dict[str, ComponentInput]:
    checklist: Mapping[str, Mapping[str, Any]] = saved.get("components") or {}
    handed: dict[str, ComponentInput] = {}
    for code in set(checklist) | set(file_counts):
        ticks = checklist.get(code) or {}
        handed[code] = ComponentInput(
            code=code,
            originals=int(ticks.get("originals") or 0),
            copies=int(ticks.get("copies") or 0),
            electronic=bool(ticks.get("electronic")),
            reused=bool(ticks.get("reused")),
            # Only whether files exist matters here, not their bytes.
            files=tuple(Upload(name="", content=b"") for _ in range(file_counts.get(code, 0))),
        )
    return handed


def missing_codes(
    *, variant: CaseVariant, saved: Mapping[str, Any], file_counts: Mapping[str, int]
) -> list[str]:
    """Codes of the required components (conditional ones marked as applying) not handed in,
    by the intake's own `missing_components`."""
    conditions = [str(c) for c in saved.get("conditions") or []]
    names = set(missing_components(variant, _handed(saved, file_counts), conditions=conditions))
    return [c.code for c in variant.components.all() if c.name in names]


def draft_precheck(
    *,
    variant: CaseVariant,
    saved: Mapping[str, Any],
    file_counts: Mapping[str, int],
    today: dt.date,
) -> list[StepProblem]:
    """What reception will refuse, known before trying: missing required components, the
    applicant's details and the e-form answers, checked by the intake's own functions. The rest
    (scans, the competent agency…) is reported by `dossier_receive` when the officer receives."""
    found: list[StepProblem] = []
    conditions = [str(c) for c in saved.get("conditions") or []]
    handed = _handed(saved, file_counts)
    for name in missing_components(variant, handed, conditions=conditions):
        found.append(StepProblem(_missing(name), "components"))
    person: Mapping[str, Any] = saved.get("applicant") or {}
    applicant = ApplicantInput(
        name=str(person.get("name", "")),
        kind=str(person.get("kind") or CitizenKind.INDIVIDUAL),
        id_number=str(person.get("id_number", "")),
        address=str(person.get("address", "")),
        phone=str(person.get("phone", "")),
        email=str(person.get("email", "")),
        submitter_name=str(person.get("submitter_name", "")),
        submitter_id_number=str(person.get("submitter_id_number", "")),
    )
    for key, message in applicant_problems(applicant, require_contact=True).items():
        step, anchor = _step_of(key)
        found.append(StepProblem(message, step, anchor))
    if variant.eform_schema:
        try:
            clean_answers(
                variant.eform_schema,
                saved.get("answers") or {},
                units=unit_directory(),
                today=today,
            )
        except ValidationFailed as exc:  # AnswersInvalid, or a broken schema
            found += problems_from_error(exc)
    return found


# --- Review: the e-form answers in words -------------------------------------------------------


def _answer_text(field: FieldDef, value: object) -> str:
    if value is None or value in ("", [], {}):
        return "—"
    if field.type == "date" and isinstance(value, str):
        try:
            return f"{dt.date.fromisoformat(value):%d/%m/%Y}"
        except ValueError:
            return value
    if field.type == "checkbox":
        return gettext("Có") if value is True else gettext("Không")
    if field.type == "select":
        labels = {o.value: o.label for o in field.options}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    if field.type == "address" and isinstance(value, Mapping):
        parts = [str(value.get(k) or "") for k in ("detail", "commune", "province")]
        return ", ".join(p for p in parts if p) or "—"
    if field.type == "group":
        items = value if isinstance(value, list) else [value]
        rendered = []
        for item in items:
            if isinstance(item, Mapping):
                rendered.append(
                    "; ".join(
                        f"{sub.label}: {_answer_text(sub, item.get(sub.name))}"
                        for sub in field.fields
                    )
                )
        return " | ".join(rendered) or "—"
    return str(value)


def answers_summary(
    schema: Mapping[str, object], answers: Mapping[str, Any]
) -> list[tuple[str, str]]:
    """(label, answer in words) for each top-level e-form field answered."""
    try:
        form: EForm = validate_schema(schema)
    except ValidationFailed:
        return []
    return [
        (field.label, _answer_text(field, answers.get(field.name)))
        for field in form.fields
        if field.name in answers
    ]
