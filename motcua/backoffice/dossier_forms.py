"""The form of each workflow action on a dossier's page. A form checks the shape of what the
officer typed and turns it into `ActionInputs`; the workflow service behind the action checks the
rules (`motcua.workflow.dispatch.dossier_act`). Which fields an action has mirrors the inputs its
service reads (docs/dossiers.md, the actions table)."""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Desk, User
from motcua.accounts.selectors import staff_list_holding
from motcua.core.timezone import local_today
from motcua.dossiers.files import Upload
from motcua.dossiers.models import Dossier, ReturnMethod
from motcua.workflow.dispatch import ActionInputs
from motcua.workflow.intake import ComponentInput
from motcua.workflow.selectors import ActionOption
from motcua.workflow.transitions import Action

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ACCEPT = "application/pdf,image/jpeg,image/png"
TEXT_MAX = 4000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (PDF, JPEG or PNG; the service checks each by content)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> "list[UploadedFile[Any]]":
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def uploads(files: "Iterable[UploadedFile[Any]]") -> tuple[Upload, ...]:
    return tuple(Upload(name=f.name or "", content=f.read()) for f in files)


def _text(
    label: "StrOrPromise", *, required: bool = False, rows: int = 3, help_text: "StrOrPromise" = ""
) -> forms.Field:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _lines(value: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in value.splitlines() if line.strip())


class ActionForm(forms.Form):
    """Base: every action form knows its dossier and the option offered (label, step choices)."""

    def __init__(self, *args: Any, dossier: Dossier, option: ActionOption, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dossier = dossier
        self.option = option
        self.setup()

    def setup(self) -> None:
        """Add the fields that depend on the dossier."""

    def inputs(self) -> ActionInputs:
        return ActionInputs()


class NoteForm(ActionForm):
    note = _text(_("Ghi chú"))

    def inputs(self) -> ActionInputs:
        return ActionInputs(note=self.cleaned_data["note"])


class ReasonForm(ActionForm):
    reason = _text(_("Lý do"), required=True)

    def inputs(self) -> ActionInputs:
        return ActionInputs(reason=self.cleaned_data["reason"])


class ReasonsForm(ActionForm):
    reasons = _text(
        _("Lý do"), required=True, rows=4, help_text=_("Mỗi lý do một dòng; nêu rõ căn cứ.")
    )

    def inputs(self) -> ActionInputs:
        return ActionInputs(reasons=_lines(self.cleaned_data["reasons"]))


class RefuseResultForm(ReasonsForm):
    papers = MultipleFileField(label=_("Văn bản trả lời (nếu có)"))

    def inputs(self) -> ActionInputs:
        return ActionInputs(
            reasons=_lines(self.cleaned_data["reasons"]), files=uploads(self.cleaned_data["papers"])
        )


class StopProcessingForm(ActionForm):
    legal_ground = _text(_("Căn cứ pháp lý dừng xử lý"), required=True)

    def inputs(self) -> ActionInputs:
        return ActionInputs(legal_ground=self.cleaned_data["legal_ground"])


def _step_field(option: ActionOption, label: str) -> forms.ChoiceField:
    choices = [(s.code, s.name) for s in option.steps]
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        initial=choices[0][0] if len(choices) == 1 else None,
    )


class MoveForm(ActionForm):
    """Forward or send back: the next step, only among those the process allows from here."""

    note = _text(_("Ý kiến, ghi chú"))

    def setup(self) -> None:
        back = self.option.action is Action.SEND_BACK
        self.fields["to_step"] = _step_field(
            self.option, str(_("Trả lại bước") if back else _("Chuyển đến bước"))
        )
        self.order_fields(["to_step", "note"])
        if back:
            self.fields["note"].required = True
            self.fields["note"].label = _("Lý do trả lại")
        else:
            self.fields["papers"] = MultipleFileField(label=_("Tệp đính kèm (dự thảo, tờ trình…)"))

    def inputs(self) -> ActionInputs:
        data = self.cleaned_data
        return ActionInputs(
            to_step=data["to_step"], note=data["note"], files=uploads(data.get("papers") or [])
        )


class HandlerChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.full_name or obj.username} ({obj.username})"


class AssignForm(ActionForm):
    note = _text(_("Ghi chú"))

    def setup(self) -> None:
        step = self.dossier.current_step
        agency_id = self.dossier.current_agency_id
        queryset = User.objects.none()
        if step is not None and agency_id is not None:
            queryset = staff_list_holding(agency_id=agency_id, role=step.role, on=local_today())
        self.fields["handler"] = HandlerChoiceField(label=_("Người xử lý"), queryset=queryset)
        self.order_fields(["handler", "note"])

    def inputs(self) -> ActionInputs:
        return ActionInputs(handler=self.cleaned_data["handler"], note=self.cleaned_data["note"])


class ComponentItemsForm(ActionForm):
    """Components to complete: a tick per component of the case variant, with what is needed."""

    reason = _text(_("Nội dung, lý do cần bổ sung"), required=True)
    with_requirements = True

    def setup(self) -> None:
        self.items: list[tuple[str, str, str]] = []  # (code, tick field, requirement field)
        for component in self.dossier.variant.components.order_by("position", "pk"):
            tick, need = f"item_{component.code}", f"need_{component.code}"
            self.fields[tick] = forms.BooleanField(label=component.name, required=False)
            if self.with_requirements:
                self.fields[need] = forms.CharField(
                    label=_("Yêu cầu đối với «%(name)s»") % {"name": component.name},
                    required=False,
                    max_length=500,
                )
            self.items.append((component.code, tick, need))

    def ticked(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (code, (data.get(need) or "").strip()) for code, tick, need in self.items if data[tick]
        ]

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if not self.errors and not self.ticked():
            raise forms.ValidationError(_("Phải chọn ít nhất một thành phần cần bổ sung."))
        return cleaned

    def tick_fields(self) -> list[tuple[forms.BoundField, forms.BoundField | None]]:
        return [
            (self[tick], self[need] if need in self.fields else None)
            for _code, tick, need in self.items
        ]


class SupplementRequestForm(ComponentItemsForm):
    late_reason = _text(
        _("Lý do yêu cầu bổ sung muộn"),
        help_text=_("Chỉ khi đã quá 3 ngày làm việc kể từ khi tiếp nhận."),
    )
    override_reason = _text(
        _("Lý do yêu cầu bổ sung lần thứ hai"),
        help_text=_("Chỉ khi hồ sơ đã được yêu cầu bổ sung một lần (sẽ bị đánh giá là chậm)."),
    )

    def inputs(self) -> ActionInputs:
        data = self.cleaned_data
        return ActionInputs(
            items=tuple(self.ticked()),
            reason=data["reason"],
            late_reason=data["late_reason"],
            override_reason=data["override_reason"],
        )


class IntakeSupplementForm(ComponentItemsForm):
    with_requirements = False

    def inputs(self) -> ActionInputs:
        return ActionInputs(items=tuple(self.ticked()), reason=self.cleaned_data["reason"])


class FilesForm(ActionForm):
    """Receive the supplement: the papers the applicant brought, scanned."""

    papers = MultipleFileField(label=_("Bản quét giấy tờ bổ sung"))
    note = _text(_("Ghi chú"))

    def inputs(self) -> ActionInputs:
        data = self.cleaned_data
        return ActionInputs(files=uploads(data["papers"]), note=data["note"])


class ResubmitForm(ActionForm):
    """Papers handed in after an intake supplement request, per component."""

    def setup(self) -> None:
        self.component_fields: list[tuple[str, str]] = []
        for component in self.dossier.variant.components.order_by("position", "pk"):
            name = f"files_{component.code}"
            self.fields[name] = MultipleFileField(label=component.name)
            self.component_fields.append((component.code, name))

    def inputs(self) -> ActionInputs:
        data = self.cleaned_data
        return ActionInputs(
            components=tuple(
                ComponentInput(code=code, files=uploads(data[name]))
                for code, name in self.component_fields
                if data[name]
            )
        )


class PaymentForm(ActionForm):
    amount = forms.DecimalField(
        label=_("Số tiền (đồng)"), min_value=0, max_digits=14, decimal_places=0
    )
    reason = _text(_("Nội dung nghĩa vụ tài chính"))

    def setup(self) -> None:
        if self.option.action is Action.CONFIRM_PAYMENT:
            del self.fields["reason"]
            self.fields["online"] = forms.BooleanField(
                label=_("Nộp qua thanh toán trực tuyến"), required=False
            )
            self.fields["note"] = _text(_("Ghi chú (số biên lai…)"))

    def inputs(self) -> ActionInputs:
        data = self.cleaned_data
        return ActionInputs(
            amount=data["amount"],
            reason=data.get("reason", ""),
            online=data.get("online", False),
            note=data.get("note", ""),
        )


class ResultForm(ActionForm):
    """Approve (with the next step) or mark the result ready: its number, summary and file."""

    result_number = forms.CharField(label=_("Số, ký hiệu kết quả"), max_length=64, required=False)
    summary = _text(_("Trích yếu kết quả"))
    papers = MultipleFileField(label=_("Tệp kết quả (bản điện tử, đã ký số)"))
    note = _text(_("Ghi chú"))

    def setup(self) -> None:
        if self.option.action is Action.APPROVE:
            self.fields["to_step"] = _step_field(self.option, str(_("Chuyển đến bước")))
            self.order_fields(["to_step", "result_number", "summary", "papers", "note"])
        elif self.option.action is Action.RESULT_READY:
            self.fields["papers"].help_text = _(
                "Bắt buộc có kết quả: đính kèm nếu chưa có ở bước phê duyệt."
            )

    def inputs(self) -> ActionInputs:
        data = self.cleaned_data
        return ActionInputs(
            to_step=data.get("to_step"),
            result_number=data["result_number"],
            summary=data["summary"],
            files=uploads(data["papers"]),
            note=data["note"],
        )


class ReturnForm(ActionForm):
    method = forms.ChoiceField(
        label=_("Hình thức trả kết quả"), choices=ReturnMethod.choices, widget=forms.RadioSelect
    )
    received_by_name = forms.CharField(
        label=_("Người nhận kết quả (trả trực tiếp)"), max_length=255, required=False
    )
    received_by_id_number = forms.CharField(
        label=_("Số định danh cá nhân của người nhận"),
        max_length=16,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    tracking_number = forms.CharField(
        label=_("Số hiệu bưu gửi (trả qua bưu chính)"), max_length=64, required=False
    )
    note = _text(_("Ghi chú"))

    def setup(self) -> None:
        self.initial.setdefault("received_by_name", self.dossier.applicant_name)
        preferred = self.dossier.return_method
        if preferred:
            self.initial.setdefault("method", preferred)

    def inputs(self) -> ActionInputs:
        data = self.cleaned_data
        return ActionInputs(
            method=ReturnMethod(data["method"]),
            received_by_name=data["received_by_name"],
            received_by_id_number=data["received_by_id_number"],
            tracking_number=data["tracking_number"],
            note=data["note"],
        )


class ApologyDraftForm(ActionForm):
    reason = _text(_("Lý do chậm trả kết quả"), required=True)
    new_due_at = forms.DateTimeField(
        label=_("Ngày, giờ hẹn trả kết quả mới"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_new_due_at(self) -> dt.datetime:
        value: dt.datetime = self.cleaned_data["new_due_at"]
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value

    def inputs(self) -> ActionInputs:
        data = self.cleaned_data
        return ActionInputs(reason=data["reason"], new_due_at=data["new_due_at"])


class ConfirmForm(ActionForm):
    """Actions with nothing to fill in (submit the apology draft): a confirmation."""


FORMS: dict[Action, type[ActionForm]] = {
    Action.RECEIVE: NoteForm,
    Action.REFUSE_INTAKE: ReasonsForm,
    Action.REQUEST_INTAKE_SUPPLEMENT: IntakeSupplementForm,
    Action.RESUBMIT: ResubmitForm,
    Action.FORWARD: MoveForm,
    Action.SEND_BACK: MoveForm,
    Action.ASSIGN: AssignForm,
    Action.REQUEST_SUPPLEMENT: SupplementRequestForm,
    Action.RECEIVE_SUPPLEMENT: FilesForm,
    Action.REQUEST_PAYMENT: PaymentForm,
    Action.CONFIRM_PAYMENT: PaymentForm,
    Action.APPROVE: ResultForm,
    Action.REFUSE_RESULT: RefuseResultForm,
    Action.RESULT_READY: ResultForm,
    Action.RETURN_RESULT: ReturnForm,
    Action.REQUEST_WITHDRAWAL: ReasonForm,
    Action.REFUSE_WITHDRAWAL: ReasonForm,
    Action.STOP: ReasonForm,
    Action.STOP_PROCESSING: StopProcessingForm,
    Action.DRAFT_APOLOGY: ApologyDraftForm,
    Action.SUBMIT_APOLOGY: ConfirmForm,
    Action.APPROVE_APOLOGY: NoteForm,
    Action.REJECT_APOLOGY: NoteForm,
}

# Actions whose button reads as a warning (they end or refuse something).
DANGEROUS = frozenset(
    {
        Action.REFUSE_INTAKE,
        Action.REFUSE_RESULT,
        Action.STOP,
        Action.STOP_PROCESSING,
        Action.REJECT_APOLOGY,
        Action.SEND_BACK,
    }
)


def action_form(
    option: ActionOption,
    dossier: Dossier,
    data: Any = None,
    files: Any = None,
    initial: dict[str, Any] | None = None,
) -> ActionForm:
    return FORMS[option.action](
        data, files, dossier=dossier, option=option, initial=initial, prefix=None
    )


def option_for(options: Sequence[ActionOption], action: str) -> ActionOption | None:
    return next((o for o in options if o.action.value == action), None)


class DeskChoiceField(forms.ModelChoiceField[Desk]):
    def label_from_instance(self, obj: Desk) -> str:
        return obj.name


class LogbookForm(forms.Form):
    """A desk and a period within one year (the register restarts its serials each year)."""

    desk = DeskChoiceField(label=_("Bộ phận một cửa"), queryset=Desk.objects.none())
    period_from = forms.DateField(
        label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_to = forms.DateField(
        label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args: Any, desks: Sequence[Desk], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["desk"]
        assert isinstance(field, DeskChoiceField)
        field.queryset = Desk.objects.filter(pk__in=[d.pk for d in desks]).order_by("name")
        today = local_today()
        self.initial.setdefault("desk", desks[0].pk)
        self.initial.setdefault("period_from", today.replace(day=1))
        self.initial.setdefault("period_to", today)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        start, end = self.cleaned_data.get("period_from"), self.cleaned_data.get("period_to")
        if start and end:
            if end < start:
                self.add_error("period_to", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
            elif end.year != start.year:
                self.add_error("period_to", _("Sổ theo dõi in theo từng năm: chọn trong một năm."))
        return cleaned
