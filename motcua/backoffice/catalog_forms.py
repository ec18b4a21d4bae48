"""Forms for editing the procedure catalog in the back office.

They check the shape of the input and build a `ProcedureSpec`; the catalog services check the
rules. A rule's answer (`Problem(path, code, message)`, path like
`variants[0].components[1].name`) is shown next to the field it names: `ProcedureEditor` keeps
which form row each spec item came from, so rows left blank or deleted do not shift the errors.
"""

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms
from django.forms.formsets import BaseFormSet, formset_factory
from django.forms.utils import ErrorDict, ErrorList
from django.http import QueryDict

from motcua.accounts.models import Role
from motcua.calendar.engine import TimeUnit
from motcua.catalog.models import (
    ClockCutoff,
    CodeNamespace,
    ComponentRequirement,
    FeeKind,
    ImplementingLevel,
    OnlineLevel,
    StepKind,
)
from motcua.catalog.specs import (
    ComponentSpec,
    FeeSpec,
    LegalBasis,
    Problem,
    ProcedureSpec,
    StepSpec,
    VariantSpec,
)
from motcua.core.errors import DomainError
from motcua.core.text import search_text

type Choices = Sequence[tuple[str, str]]

UNIT_CHOICES: list[tuple[str, str]] = [
    (TimeUnit.WORKING_DAYS.value, "ngày làm việc"),
    (TimeUnit.WORKING_HOURS.value, "giờ làm việc"),
    (TimeUnit.CALENDAR_DAYS.value, "ngày"),
    (TimeUnit.MONTHS.value, "tháng"),
]
UNIT_LABELS = dict(UNIT_CHOICES)
MAX_VARIANTS = 20
MAX_ROWS = 200
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
# ProcedureSpec fields the general form holds as they are (same name, same value).
SCALAR_FIELDS = (
    "reception_place", "steps_text", "method_counter", "method_online", "method_postal",
    "subjects", "for_individuals", "for_organisations", "result", "conditions", "fees_note",
    "online_level", "legacy_online_level", "full_online_eligible", "postal_intake",
    "postal_return", "four_at_desk", "cutoff_defers_clock", "hotline", "feedback_address",
    "decision_number", "decision_date", "decision_signer", "national_db_published_on",
)  # fmt: skip


def _date_field(label: str, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **kwargs,
    )


def _text(label: str, *, rows: int = 3, required: bool = False, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=required, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def _codes(value: str) -> tuple[str, ...]:
    """ "tham-dinh, phe-duyet" → ("tham-dinh", "phe-duyet")."""
    return tuple(code for code in re.split(r"[,;\s]+", value) if code)


def slug_from(name: str, *, fallback: str, taken: set[str]) -> str:
    """A code for a row the user left without one: the folded name's first words, made unique."""
    base = "-".join(search_text(name).split()[:8])[:56] or fallback
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


class QuietForm(forms.Form):
    """A form that can be told not to validate (`quiet`): shown with the user's input and no
    errors, for a page that did not try to save (a row was added)."""

    quiet = False

    def full_clean(self) -> None:
        if self.quiet:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()


# --- The general part ---------------------------------------------------------------------------


class ProcedureForm(QuietForm):
    """Every scalar part of a procedure version (ProcedureSpec), with its levels, executing
    agencies and legal bases."""

    code = forms.CharField(
        label="Mã thủ tục",
        max_length=32,
        help_text="Mã trên Cơ sở dữ liệu quốc gia, ví dụ 1.001193; thủ tục riêng của tỉnh dùng mã nội bộ.",
    )
    namespace = forms.ChoiceField(
        label="Loại mã", choices=CodeNamespace.choices, initial=CodeNamespace.NATIONAL
    )
    name = forms.CharField(label="Tên thủ tục", max_length=500)
    field = forms.ChoiceField(label="Lĩnh vực", choices=())
    levels = forms.MultipleChoiceField(
        label="Cấp thực hiện",
        choices=ImplementingLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    executing_agencies = forms.MultipleChoiceField(
        label="Cơ quan thực hiện",
        choices=(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Giữ phím Ctrl (hoặc Cmd) để chọn nhiều cơ quan.",
    )
    reception_place = _text("Địa điểm tiếp nhận", rows=2)
    steps_text = _text("Trình tự thực hiện", rows=6)
    method_counter = forms.BooleanField(label="Nộp trực tiếp", required=False, initial=True)
    method_online = forms.BooleanField(label="Nộp trực tuyến", required=False)
    method_postal = forms.BooleanField(label="Nộp qua bưu chính công ích", required=False)
    subjects = _text("Đối tượng thực hiện", rows=2)
    for_individuals = forms.BooleanField(label="Cá nhân", required=False, initial=True)
    for_organisations = forms.BooleanField(label="Tổ chức", required=False)
    result = _text("Kết quả thực hiện", rows=2)
    conditions = _text("Yêu cầu, điều kiện thực hiện", rows=3)
    legal_bases = _text(
        "Căn cứ pháp lý",
        rows=4,
        help_text="Mỗi văn bản một dòng: «tên văn bản | ngày có hiệu lực (YYYY-MM-DD)», "
        "ví dụ «Luật Hộ tịch số 60/2014/QH13 | 2016-01-01». Ngày có thể để trống.",
    )
    fees_note = _text("Ghi chú phí, lệ phí", rows=2)
    online_level = forms.ChoiceField(
        label="Mức độ dịch vụ công trực tuyến",
        choices=OnlineLevel.choices,
        initial=OnlineLevel.NONE,
    )
    legacy_online_level = forms.TypedChoiceField(
        label="Mức độ cũ (2/3/4)",
        choices=[("", "—"), ("2", "2"), ("3", "3"), ("4", "4")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    full_online_eligible = forms.BooleanField(label="Đủ điều kiện toàn trình", required=False)
    postal_intake = forms.BooleanField(label="Tiếp nhận hồ sơ qua bưu chính", required=False)
    postal_return = forms.BooleanField(label="Trả kết quả qua bưu chính", required=False)
    four_at_desk = forms.BooleanField(
        label="4 tại chỗ (tiếp nhận, thẩm định, phê duyệt, trả kết quả tại chỗ)", required=False
    )
    cutoff_defers_clock = forms.ChoiceField(
        label="Giờ chốt hồ sơ giấy", choices=ClockCutoff.choices, initial=ClockCutoff.INHERIT
    )
    hotline = forms.CharField(label="Đường dây nóng", max_length=64, required=False)
    feedback_address = _text("Địa chỉ tiếp nhận phản ánh, kiến nghị", rows=2)
    decision_number = forms.CharField(label="Số quyết định công bố", max_length=64, required=False)
    decision_date = _date_field("Ngày ký quyết định công bố")
    decision_signer = forms.CharField(label="Người ký", max_length=255, required=False)
    national_db_published_on = _date_field("Ngày công khai trên CSDL quốc gia")
    reason = forms.CharField(
        label="Ghi chú thay đổi (ghi vào nhật ký)", max_length=1000, required=False
    )

    def __init__(
        self,
        *args: Any,
        field_choices: Choices,
        agency_choices: Choices,
        fixed_identity: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["field"], [("", "— Chọn lĩnh vực —"), *field_choices])
        _set_choices(self.fields["executing_agencies"], agency_choices)
        if fixed_identity:  # a draft keeps the code of its procedure
            self.fields["code"].disabled = True
            self.fields["namespace"].disabled = True

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        if not code:
            raise forms.ValidationError("Chưa có mã thủ tục.")
        return code

    def clean_legal_bases(self) -> tuple[LegalBasis, ...]:
        bases: list[LegalBasis] = []
        errors: list[str] = []
        for number, line in enumerate(self.cleaned_data["legal_bases"].splitlines(), start=1):
            if not line.strip():
                continue
            document, _, day = (part.strip() for part in line.partition("|"))
            if not document:
                errors.append(f"Dòng {number}: chưa có tên văn bản.")
                continue
            effective = None
            if day:
                effective = _parse_date(day)
                if effective is None:
                    errors.append(
                        f"Dòng {number}: ngày «{day}» không hợp lệ (viết YYYY-MM-DD hoặc dd/mm/yyyy)."
                    )
                    continue
            bases.append(LegalBasis(document=document, effective_date=effective))
        if errors:
            raise forms.ValidationError(errors)
        return tuple(bases)


def _parse_date(text: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    return None


def _set_choices(form_field: forms.Field, choices: Choices) -> None:
    assert isinstance(form_field, forms.ChoiceField)
    form_field.choices = list(choices)


def legal_bases_text(bases: Sequence[LegalBasis]) -> str:
    return "\n".join(
        f"{b.document} | {b.effective_date.isoformat()}" if b.effective_date else b.document
        for b in bases
    )


# --- Case variants and their rows ---------------------------------------------------------------


class VariantForm(QuietForm):
    code = forms.SlugField(
        label="Mã trường hợp",
        max_length=64,
        required=False,
        help_text="Chữ thường không dấu và gạch nối; để trống để tạo từ tên.",
    )
    name = forms.CharField(label="Tên trường hợp", max_length=500)
    time_limit_value = forms.DecimalField(
        label="Thời hạn giải quyết", max_digits=7, decimal_places=2, min_value=0
    )
    time_limit_unit = forms.ChoiceField(
        label="Đơn vị thời hạn", choices=UNIT_CHOICES, initial=TimeUnit.WORKING_DAYS.value
    )
    committed_value = forms.DecimalField(
        label="Thời hạn cam kết của tỉnh",
        max_digits=7,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text="Cùng đơn vị; không dài hơn thời hạn luật định. Để trống nếu không cam kết rút ngắn.",
    )
    time_limit_note = _text("Ghi chú thời hạn", rows=2)
    eform_schema = _text(
        "Biểu mẫu điện tử (JSON)",
        rows=10,
        help_text='Theo định dạng trong docs/eforms.md: {"version": 1, "fields": [...]}. '
        "Để trống nếu không nhận hồ sơ trực tuyến.",
    )
    delete = forms.BooleanField(label="Xóa trường hợp này", required=False)

    def clean_eform_schema(self) -> dict[str, object]:
        text = self.cleaned_data["eform_schema"].strip()
        if not text:
            return {}
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                f"JSON không hợp lệ: dòng {exc.lineno}, cột {exc.colno}."
            ) from exc
        if not isinstance(value, dict):
            raise forms.ValidationError(
                'Biểu mẫu điện tử phải là một đối tượng JSON: {"version": 1, "fields": [...]}.'
            )
        return value

    def is_blank(self) -> bool:
        return not any(
            str(self.data.get(self.add_prefix(name), "")).strip()
            for name in ("code", "name", "time_limit_value", "committed_value", "eform_schema")
        )

    def has_changed(self) -> bool:
        # With empty_permitted, a case variant left blank is not validated (nor saved).
        return not self.is_blank()


class RowForm(QuietForm):
    """A row of a formset. A row whose typed fields are all empty counts as not filled in
    (whatever its selects say), so blank rows are skipped, new or old."""

    typed_fields: tuple[str, ...] = ()

    def has_changed(self) -> bool:
        return any(
            str(self.data.get(self.add_prefix(name), "")).strip() for name in self.typed_fields
        )


class ComponentForm(RowForm):
    typed_fields = ("code", "name", "condition", "template")

    code = forms.SlugField(label="Mã", max_length=64, required=False)
    name = forms.CharField(label="Tên giấy tờ", max_length=1000)
    originals = forms.IntegerField(label="Bản chính", min_value=0, initial=1)
    copies = forms.IntegerField(label="Bản sao", min_value=0, initial=0)
    requirement = forms.ChoiceField(
        label="Yêu cầu",
        choices=ComponentRequirement.choices,
        initial=ComponentRequirement.REQUIRED,
    )
    condition = forms.CharField(label="Điều kiện (khi bắt buộc có điều kiện)", required=False)
    template = forms.CharField(label="Mẫu đơn, tờ khai", max_length=255, required=False)


class FeeForm(RowForm):
    typed_fields = ("name", "amount", "exemption")

    kind = forms.ChoiceField(label="Loại", choices=FeeKind.choices, initial=FeeKind.CHARGE)
    name = forms.CharField(label="Tên khoản thu", max_length=500)
    amount = forms.DecimalField(
        label="Mức thu (đồng)", max_digits=14, decimal_places=0, min_value=0
    )
    unit = forms.CharField(label="Đơn vị tính", max_length=64, initial="đồng/hồ sơ")
    exemption = forms.CharField(label="Miễn, giảm", required=False)


class StepForm(RowForm):
    typed_fields = ("code", "name", "budget_hours", "forward_to", "send_back_to")

    code = forms.SlugField(label="Mã bước", max_length=64)
    name = forms.CharField(label="Tên bước", max_length=255)
    kind = forms.ChoiceField(
        label="Loại bước", choices=StepKind.choices, initial=StepKind.PROCESSING
    )
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices, initial=Role.SPECIALIST)
    budget_hours = forms.DecimalField(
        label="Thời gian (giờ làm việc)", max_digits=7, decimal_places=2, min_value=0
    )
    agency = forms.ChoiceField(label="Cơ quan thực hiện", choices=(), required=False)
    forward_to = forms.CharField(
        label="Chuyển tiếp đến (mã bước)", required=False, help_text="Cách nhau bởi dấu phẩy."
    )
    send_back_to = forms.CharField(
        label="Trả lại bước (mã bước)", required=False, help_text="Cách nhau bởi dấu phẩy."
    )

    def __init__(self, *args: Any, agency_choices: Choices = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["agency"], [("", "— Cơ quan giải quyết hồ sơ —"), *agency_choices])

    def clean_forward_to(self) -> tuple[str, ...]:
        return _codes(self.cleaned_data["forward_to"])

    def clean_send_back_to(self) -> tuple[str, ...]:
        return _codes(self.cleaned_data["send_back_to"])


class RowFormSet(BaseFormSet[Any]):
    """Rows that may be left blank (skipped) or ticked for deletion, old rows as well as new."""

    quiet = False

    def full_clean(self) -> None:
        if self.quiet:
            self._errors: list[ErrorList] = []
            self._non_form_errors = self.error_class()
            return
        super().full_clean()

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "empty_permitted": True}

    def filled_forms(self) -> list[tuple[int, forms.Form]]:
        """(row number, form) of the rows that make the spec: filled in and not deleted."""
        return [
            (i, form)
            for i, form in enumerate(self.forms)
            if form.has_changed() and not form.cleaned_data.get("DELETE", False)
        ]


def _rows(form: type[RowForm], *, extra: int) -> type[RowFormSet]:
    made = formset_factory(form, formset=RowFormSet, extra=extra, can_delete=True)
    assert issubclass(made, RowFormSet)
    return made


ComponentFormSet = _rows(ComponentForm, extra=2)
FeeFormSet = _rows(FeeForm, extra=1)
StepFormSet = _rows(StepForm, extra=2)
ROW_FORMSETS = {"components": ComponentFormSet, "fees": FeeFormSet, "steps": StepFormSet}


@dataclass
class VariantBlock:
    """A case variant's form with its three formsets, and where each spec row came from."""

    form: VariantForm
    components: RowFormSet
    fees: RowFormSet
    steps: RowFormSet
    rows: dict[str, list[int]] = field(default_factory=dict)  # "components" → [form index, …]

    @property
    def prefix(self) -> str:
        assert self.form.prefix is not None
        return self.form.prefix

    def formsets(self) -> dict[str, RowFormSet]:
        return {"components": self.components, "fees": self.fees, "steps": self.steps}

    def is_deleted(self) -> bool:
        return bool(self.form.data.get(self.form.add_prefix("delete")))

    def is_blank(self) -> bool:
        return self.form.is_blank() and not any(
            fs.is_bound and any(form.has_changed() for form in fs.forms)
            for fs in self.formsets().values()
        )

    def is_valid(self) -> bool:
        results = [self.form.is_valid()] + [fs.is_valid() for fs in self.formsets().values()]
        return all(results)


# --- The whole editor ---------------------------------------------------------------------------


_PATH = re.compile(
    r"^variants\[(?P<variant>\d+)\]"
    r"(?:\.(?P<rows>components|fees|steps)(?:\[(?P<row>\d+)\])?)?"
    r"(?:\.(?P<rest>.+))?$"
)
# Spec paths that name a part of the general form by another name.
_GENERAL_ALIASES = {"methods": "method_counter", "field_code": "field"}


class ProcedureEditor:
    """The general form and one block per case variant, bound to one POST or built from a spec.

    Usage: `editor = ProcedureEditor.bound(data, …)`; `if editor.is_valid(): spec =
    editor.spec()`; on a service refusal `editor.show_problems(problems)`; render
    `editor.general`, `editor.blocks` and `editor.summary`.
    """

    def __init__(
        self,
        general: ProcedureForm,
        blocks: list[VariantBlock],
        *,
        agency_choices: Choices,
        data: QueryDict | None = None,
    ) -> None:
        self.general = general
        self.blocks = blocks
        self.agency_choices = agency_choices
        self.data = data
        self.summary: list[str] = []  # problems no field could show
        self._variant_blocks: list[int] = []  # spec variant index → block index

    # Construction ---------------------------------------------------------------------------

    @classmethod
    def from_spec(
        cls,
        spec: ProcedureSpec | None,
        *,
        field_choices: Choices,
        agency_choices: Choices,
        fixed_identity: bool = False,
    ) -> "ProcedureEditor":
        general = ProcedureForm(
            initial=_general_initial(spec) if spec else None,
            field_choices=field_choices,
            agency_choices=agency_choices,
            fixed_identity=fixed_identity,
        )
        variants = spec.variants if spec and spec.variants else (None,)
        blocks = [
            _block(i, None, agency_choices, initial=variant) for i, variant in enumerate(variants)
        ]
        return cls(general, blocks, agency_choices=agency_choices)

    @classmethod
    def bound(
        cls,
        data: QueryDict,
        *,
        field_choices: Choices,
        agency_choices: Choices,
        initial: ProcedureSpec | None = None,
        fixed_identity: bool = False,
    ) -> "ProcedureEditor":
        general = ProcedureForm(
            data,
            initial=_general_initial(initial) if initial else None,
            field_choices=field_choices,
            agency_choices=agency_choices,
            fixed_identity=fixed_identity,
        )
        count = min(max(_int(data.get("variant_count"), 1), 1), MAX_VARIANTS)
        blocks = [_block(i, data, agency_choices) for i in range(count)]
        return cls(general, blocks, agency_choices=agency_choices, data=data)

    @property
    def variant_count(self) -> int:
        return len(self.blocks)

    # Validation and the spec ----------------------------------------------------------------

    def live_blocks(self) -> list[tuple[int, VariantBlock]]:
        return [
            (i, block)
            for i, block in enumerate(self.blocks)
            if not block.is_deleted() and not block.is_blank()
        ]

    def is_valid(self) -> bool:
        results = [self.general.is_valid()] + [block.is_valid() for _, block in self.live_blocks()]
        return all(results)

    def spec(self) -> ProcedureSpec:
        """The spec of the valid forms (call `is_valid()` first)."""
        data = self.general.cleaned_data
        variants: list[VariantSpec] = []
        self._variant_blocks = []
        taken: set[str] = set()
        for i, block in self.live_blocks():
            variant = _variant_spec(block, position=len(variants), taken=taken)
            taken.add(variant.code)
            variants.append(variant)
            self._variant_blocks.append(i)
        return ProcedureSpec(
            code=data["code"],
            namespace=data["namespace"],
            name=data["name"].strip(),
            field_code=data["field"],
            levels=tuple(sorted(data["levels"])),
            executing_agency_codes=tuple(sorted(data["executing_agencies"])),
            legal_bases=data["legal_bases"],
            variants=tuple(variants),
            **{name: data[name] for name in SCALAR_FIELDS},
        )

    # Errors ----------------------------------------------------------------------------------

    def show_error(self, exc: DomainError) -> None:
        """Show a service's refusal: each problem it lists next to its field."""
        raw = exc.details.get("problems")
        problems: list[Problem] = []
        if isinstance(raw, list):
            problems = [
                Problem(str(p.get("path", "")), str(p.get("code", "")), str(p.get("message", "")))
                for p in raw
                if isinstance(p, dict)
            ]
        if not problems:
            problems = [Problem(exc.field or "", exc.code, exc.message)]
        self.show_problems(problems)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        for problem in problems:
            if not self._place(problem):
                self.summary.append(problem.message)

    def _place(self, problem: Problem) -> bool:
        path = problem.path
        if not path.startswith("variants["):
            name = _GENERAL_ALIASES.get(path, path)
            if name in self.general.fields:
                self.general.add_error(name, problem.message)
                return True
            return False
        match = _PATH.match(path)
        if match is None:
            return False
        index = int(match["variant"])
        if index >= len(self._variant_blocks):
            return False
        block = self.blocks[self._variant_blocks[index]]
        rest = match["rest"] or ""
        rows = match["rows"]
        if rows is None:
            name, _, detail = rest.partition(".")
            message = f"{detail}: {problem.message}" if detail else problem.message
            if name in block.form.fields:
                block.form.add_error(name, message)
            else:
                block.form.add_error(None, problem.message)
            return True
        formset = block.formsets()[rows]
        row = match["row"]
        if row is None:
            formset.non_form_errors().append(problem.message)
            return True
        positions = block.rows.get(rows, [])
        if int(row) >= len(positions):
            return False
        form = formset.forms[positions[int(row)]]
        name = rest.partition(".")[0]
        form.add_error(name if name in form.fields else None, problem.message)
        return True

    def hide_errors(self) -> None:
        """For a re-render that did not try to save (a row was added): show the input without
        errors the user has not had a chance to fix yet."""
        self.general.quiet = True
        for block in self.blocks:
            block.form.quiet = True
            for formset in block.formsets().values():
                formset.quiet = True
                for form in formset.forms:
                    assert isinstance(form, QuietForm)
                    form.quiet = True


def _block(
    index: int,
    data: QueryDict | None,
    agency_choices: Choices,
    *,
    initial: VariantSpec | None = None,
) -> VariantBlock:
    prefix = f"v{index}"
    if data is not None:
        return VariantBlock(
            form=VariantForm(
                data, prefix=prefix, empty_permitted=True, use_required_attribute=False
            ),
            components=ComponentFormSet(data, prefix=f"{prefix}-components"),
            fees=FeeFormSet(data, prefix=f"{prefix}-fees"),
            steps=StepFormSet(
                data, prefix=f"{prefix}-steps", form_kwargs={"agency_choices": agency_choices}
            ),
        )
    return VariantBlock(
        form=VariantForm(prefix=prefix, initial=_variant_initial(initial) if initial else None),
        components=ComponentFormSet(
            prefix=f"{prefix}-components",
            initial=[_component_initial(c) for c in initial.components] if initial else None,
        ),
        fees=FeeFormSet(
            prefix=f"{prefix}-fees",
            initial=[_fee_initial(f) for f in initial.fees] if initial else None,
        ),
        steps=StepFormSet(
            prefix=f"{prefix}-steps",
            initial=[_step_initial(s) for s in initial.steps] if initial else None,
            form_kwargs={"agency_choices": agency_choices},
        ),
    )


def _variant_spec(block: VariantBlock, *, position: int, taken: set[str]) -> VariantSpec:
    data = block.form.cleaned_data
    code = data["code"] or slug_from(
        data["name"], fallback=f"truong-hop-{position + 1}", taken=taken
    )
    components: list[ComponentSpec] = []
    component_codes: set[str] = set()
    block.rows = {"components": [], "fees": [], "steps": []}
    for i, form in block.components.filled_forms():
        row = form.cleaned_data
        component_code = row["code"] or slug_from(
            row["name"], fallback=f"thanh-phan-{len(components) + 1}", taken=component_codes
        )
        component_codes.add(component_code)
        components.append(
            ComponentSpec(
                code=component_code,
                name=row["name"].strip(),
                originals=row["originals"],
                copies=row["copies"],
                requirement=row["requirement"],
                condition=row["condition"].strip(),
                template_name=row["template"].strip(),
            )
        )
        block.rows["components"].append(i)
    fees: list[FeeSpec] = []
    for i, form in block.fees.filled_forms():
        row = form.cleaned_data
        fees.append(
            FeeSpec(
                kind=row["kind"],
                name=row["name"].strip(),
                amount=row["amount"],
                unit=row["unit"].strip(),
                exemption=row["exemption"].strip(),
            )
        )
        block.rows["fees"].append(i)
    steps: list[StepSpec] = []
    for i, form in block.steps.filled_forms():
        row = form.cleaned_data
        steps.append(
            StepSpec(
                code=row["code"],
                name=row["name"].strip(),
                kind=row["kind"],
                role=row["role"],
                budget_hours=row["budget_hours"],
                agency_code=row["agency"] or None,
                forward_to=row["forward_to"],
                send_back_to=row["send_back_to"],
            )
        )
        block.rows["steps"].append(i)
    committed: Decimal | None = data["committed_value"]
    return VariantSpec(
        code=code,
        name=data["name"].strip(),
        time_limit_value=data["time_limit_value"],
        time_limit_unit=TimeUnit(data["time_limit_unit"]),
        committed_value=committed,
        time_limit_note=data["time_limit_note"].strip(),
        components=tuple(components),
        fees=tuple(fees),
        steps=tuple(steps),
        eform_schema=data["eform_schema"],
    )


def _general_initial(spec: ProcedureSpec) -> dict[str, Any]:
    initial: dict[str, Any] = {name: getattr(spec, name) for name in SCALAR_FIELDS}
    initial["code"] = spec.code
    initial["namespace"] = spec.namespace
    initial["name"] = spec.name
    initial["field"] = spec.field_code
    initial["levels"] = list(spec.levels)
    initial["executing_agencies"] = list(spec.executing_agency_codes)
    initial["legal_bases"] = legal_bases_text(spec.legal_bases)
    return initial


def _variant_initial(variant: VariantSpec) -> dict[str, Any]:
    return {
        "code": variant.code,
        "name": variant.name,
        "time_limit_value": variant.time_limit_value,
        "time_limit_unit": variant.time_limit_unit.value,
        "committed_value": variant.committed_value,
        "time_limit_note": variant.time_limit_note,
        "eform_schema": (
            json.dumps(variant.eform_schema, ensure_ascii=False, indent=2)
            if variant.eform_schema
            else ""
        ),
    }


def _component_initial(c: ComponentSpec) -> dict[str, Any]:
    return {
        "code": c.code,
        "name": c.name,
        "originals": c.originals,
        "copies": c.copies,
        "requirement": c.requirement,
        "condition": c.condition,
        "template": c.template_name,
    }


def _fee_initial(f: FeeSpec) -> dict[str, Any]:
    return {
        "kind": f.kind,
        "name": f.name,
        "amount": f.amount,
        "unit": f.unit,
        "exemption": f.exemption,
    }


def _step_initial(s: StepSpec) -> dict[str, Any]:
    return {
        "code": s.code,
        "name": s.name,
        "kind": s.kind,
        "role": s.role,
        "budget_hours": s.budget_hours,
        "agency": s.agency_code or "",
        "forward_to": ", ".join(s.forward_to),
        "send_back_to": ", ".join(s.send_back_to),
    }


def data_with_more_rows(data: QueryDict, target: str) -> QueryDict | None:
    """The posted data with one more row in the formset `target` (e.g. "v0-steps"), or one more
    case variant ("variant"): adding rows without JavaScript. None for an unknown target."""
    copy = data.copy()
    if target == "variant":
        count = min(max(_int(data.get("variant_count"), 1), 1), MAX_VARIANTS - 1)
        copy["variant_count"] = str(count + 1)
        for rows, formset in ROW_FORMSETS.items():  # the new variant's tables
            copy[f"v{count}-{rows}-TOTAL_FORMS"] = str(formset.extra)
            copy[f"v{count}-{rows}-INITIAL_FORMS"] = "0"
        return copy
    if not re.fullmatch(r"v\d+-(components|fees|steps)", target):
        return None
    key = f"{target}-TOTAL_FORMS"
    copy[key] = str(min(_int(data.get(key), 0) + 1, MAX_ROWS))
    return copy


def _int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


# --- The lifecycle forms ------------------------------------------------------------------------


class PublishForm(forms.Form):
    valid_from = forms.DateField(
        label="Có hiệu lực từ ngày",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label="Căn cứ công bố (số quyết định, ghi chú)",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProposeForm(forms.Form):
    note = forms.CharField(
        label="Ghi chú gửi quản trị cấp tỉnh",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    """A reason for the log: discarding a draft, returning a proposal, starting an amendment."""

    reason = forms.CharField(
        label="Lý do", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class AbolishForm(forms.Form):
    valid_to = forms.DateField(
        label="Hết hiệu lực từ ngày",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Từ ngày này thủ tục không còn áp dụng cho hồ sơ mới.",
    )
    reason = forms.CharField(
        label="Lý do (quyết định bãi bỏ, thay thế)",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    successor = forms.CharField(
        label="Thay thế bởi thủ tục (mã)",
        max_length=32,
        required=False,
        help_text="Để trống nếu thủ tục bị bãi bỏ, không có thủ tục thay thế.",
    )


class CatalogFilterForm(forms.Form):
    """The back-office list's search box and filters (GET)."""

    q = forms.CharField(label="Tìm theo tên hoặc mã thủ tục", max_length=200, required=False)
    status = forms.ChoiceField(label="Trạng thái", required=False, choices=())
    field = forms.ChoiceField(label="Lĩnh vực", required=False, choices=())
    mine = forms.BooleanField(label="Chỉ thủ tục của cơ quan tôi", required=False)

    def __init__(
        self, *args: Any, status_choices: Choices, field_choices: Choices, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["status"], [("", "Tất cả"), *status_choices])
        _set_choices(self.fields["field"], [("", "Tất cả"), *field_choices])
