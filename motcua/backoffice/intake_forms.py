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
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

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

DATETIME_INPUT = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
MAX_COPIES = 99


# --- Steps --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    key: str  # stored in `DossierDraft.step`
    url_name: str
    label: str


STEPS: tuple[Step, ...] = (
    Step("variant", "backoffice:intake-variant", "Trường hợp"),
    Step("components", "backoffice:intake-components", "Thành phần hồ sơ"),
    Step("applicant", "backoffice:intake-applicant", "Người nộp"),
    Step("eform", "backoffice:intake-eform", "Tờ khai"),
    Step("fees", "backoffice:intake-fees", "Phí, lệ phí"),
    Step("files", "backoffice:intake-files", "Số hoá giấy tờ"),
    Step("review", "backoffice:intake-review", "Kiểm tra và tiếp nhận"),
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
        kwargs.setdefault("label", "Thời điểm nhận bưu phẩm (hồ sơ qua bưu chính)")
        kwargs.setdefault(
            "help_text",
            "Ngày giờ bưu phẩm đến bộ phận một cửa (tính hạn giải quyết từ thời điểm này).",
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
                "Thời điểm nhận bưu phẩm không được sau thời điểm hiện tại.",
                code="received_at_future",
            )
        return instant


PAPER_CHANNELS = [
    (Channel.COUNTER.value, "Trực tiếp tại quầy"),
    (Channel.POSTAL.value, "Qua dịch vụ bưu chính công ích"),
]


class StartForm(forms.Form):
    """The desk, the channel and (postal) when the parcel arrived; `version` is the procedure
    version chosen from the search results (a POST), `q` the search text (a GET)."""

    desk = forms.TypedChoiceField(label="Bộ phận một cửa", coerce=int)
    channel = forms.ChoiceField(
        label="Hình thức nộp",
        choices=PAPER_CHANNELS,
        initial=Channel.COUNTER.value,
        widget=forms.RadioSelect,
    )
    received_at = ReceivedAtField()
    q = forms.CharField(
        label="Tìm thủ tục",
        required=False,
        max_length=200,
        help_text="Gõ tên hoặc mã thủ tục, có dấu hoặc không dấu (ví dụ «dang ky khai sinh»).",
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
            self.add_error("received_at", "Hồ sơ qua bưu chính: phải ghi ngày giờ nhận bưu phẩm.")
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
            self.add_error("received_at", "Hồ sơ qua bưu chính: phải ghi ngày giờ nhận bưu phẩm.")
        return data


# --- Variant -------------------------------------------------------------------------------------


class VariantForm(forms.Form):
    variant = forms.TypedChoiceField(
        label="Trường hợp",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Phải chọn một trường hợp của thủ tục."},
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
                label=f"Đã nộp: {component.name}", required=False, initial=ticks is not None
            )
            self.fields[f"{code}-originals"] = _count_field(f"Số bản chính: {component.name}")
            self.fields[f"{code}-originals"].initial = (
                ticks.get("originals", 0) if ticks else component.originals
            )
            self.fields[f"{code}-copies"] = _count_field(f"Số bản sao: {component.name}")
            self.fields[f"{code}-copies"].initial = (
                ticks.get("copies", 0) if ticks else component.copies
            )
            self.fields[f"{code}-electronic"] = forms.BooleanField(
                label=f"Bản điện tử: {component.name}",
                required=False,
                initial=bool(ticks and ticks.get("electronic")),
            )
            self.fields[f"{code}-reused"] = forms.BooleanField(
                label=f"Tái sử dụng dữ liệu đã số hoá: {component.name}",
                required=False,
                initial=bool(ticks and ticks.get("reused")),
            )
            if component.requirement == ComponentRequirement.CONDITIONAL:
                self.fields[f"{code}-applies"] = forms.BooleanField(
                    label=f"Áp dụng: {component.condition}",
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
                    f"“{component.name}”: ghi số bản chính, bản sao hoặc đánh dấu bản điện tử, "
                    "tái sử dụng.",
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
        label="Người nộp là",
        choices=CitizenKind.choices,
        initial=CitizenKind.INDIVIDUAL,
        widget=forms.RadioSelect,
    )
    id_number = forms.CharField(
        label="Số định danh cá nhân (CCCD) hoặc mã số thuế",
        max_length=16,
        required=False,
        help_text="Cá nhân: 12 chữ số. Tổ chức: mã số thuế 10 chữ số (hoặc 10 chữ số-3 chữ số).",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    name = forms.CharField(label="Họ và tên / tên tổ chức", max_length=255, required=False)
    address = forms.CharField(label="Địa chỉ", max_length=500, required=False)
    phone = forms.CharField(
        label="Số điện thoại di động",
        max_length=20,
        required=False,
        help_text="Để nhận tin nhắn về hồ sơ, ví dụ 0912 345 678.",
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.CharField(
        label="Thư điện tử",
        max_length=254,
        required=False,
        help_text="Không bắt buộc.",
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "off"}),
    )
    submitter_name = forms.CharField(
        label="Người nộp thay (nếu khác người đứng tên)", max_length=255, required=False
    )
    submitter_id_number = forms.CharField(
        label="Số định danh cá nhân của người nộp thay",
        max_length=16,
        required=False,
        help_text="12 chữ số.",
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
        label="Số tiền đã nộp (đồng)",
        max_length=20,
        required=False,
        initial="0",
        help_text="Ghi 0 nếu chưa nộp hoặc được miễn. Có thể gõ 50.000 hoặc 50000.",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    sets = forms.IntegerField(label="Số bộ hồ sơ", min_value=1, max_value=MAX_COPIES, initial=1)
    agency = forms.ChoiceField(label="Cơ quan giải quyết", required=False)
    note = forms.CharField(
        label="Ghi chú tiếp nhận",
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
            field.choices = [("", "— Theo bộ phận một cửa —"), *agencies]
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
                "Số tiền chỉ gồm chữ số (đồng), ví dụ 50.000.", code="amount_invalid"
            ) from None
        if amount < 0 or amount != amount.to_integral_value():
            raise ValidationError("Số tiền phải là số đồng không âm.", code="amount_invalid")
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
                label="Lý do không số hoá (nếu không quét)",
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
    """Refuse intake (Mẫu 03) with specific reasons; in "guide" mode the reasons start with the
    components the applicant still has to bring."""

    name = forms.CharField(label="Họ và tên / tên tổ chức", max_length=255)
    id_number = forms.CharField(
        label="Số định danh cá nhân (CCCD) hoặc mã số thuế", max_length=16, required=False
    )
    address = forms.CharField(label="Địa chỉ", max_length=500, required=False)
    missing = forms.MultipleChoiceField(
        label="Thành phần hồ sơ còn thiếu", required=False, widget=forms.CheckboxSelectMultiple
    )
    reasons = forms.CharField(
        label="Lý do (mỗi lý do một dòng)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self, *args: Any, components: Sequence[Component], guide: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.guide = guide
        self.names = {c.code: c.name for c in components}
        if guide:
            field = self.fields["missing"]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = [(c.code, c.name) for c in components]
            field.widget.attrs["autofocus"] = True
        else:
            del self.fields["missing"]
            self.fields["reasons"].widget.attrs["autofocus"] = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.reasons_list() and not self.errors:
            self.add_error(
                "missing" if self.guide else "reasons",
                "Phải chọn thành phần còn thiếu hoặc ghi lý do cụ thể."
                if self.guide
                else "Phải ghi lý do từ chối cụ thể.",
            )
        return data

    def reasons_list(self) -> list[str]:
        data = getattr(self, "cleaned_data", {})
        reasons = [
            f"Hồ sơ chưa đầy đủ, cần bổ sung: {self.names[code]}."
            for code in data.get("missing") or []
            if code in self.names
        ]
        reasons += [line.strip() for line in (data.get("reasons") or "").splitlines()]
        return [reason for reason in reasons if reason]

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


def problems_from_error(exc: DomainError) -> list[StepProblem]:
    """The refusal of a service, one problem per thing to fix, each with the step that fixes it."""
    if isinstance(exc, AnswersInvalid) or exc.code == "eform_answers_invalid":
        messages = _eform_messages(exc) or [exc.message]
        return [StepProblem(f"Tờ khai: {message}", "eform") for message in messages]
    if exc.code == "dossier_incomplete":
        missing = exc.details.get("missing")
        if isinstance(missing, list) and missing:
            return [
                StepProblem(f"Còn thiếu thành phần bắt buộc: {name}.", "components")
                for name in missing
            ]
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
        found.append(StepProblem(f"Còn thiếu thành phần bắt buộc: {name}.", "components"))
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
        return "Có" if value is True else "Không"
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
