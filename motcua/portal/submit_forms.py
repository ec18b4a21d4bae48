"""Forms of the online submission: they check the shape of what the citizen typed. Whether the
dossier can be submitted is the workflow's call (`online_draft_problems`, `dossier_submit_draft`)."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from motcua.accounts.validators import parse_phone
from motcua.dossiers.files import Upload

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Step:
    key: str  # stored in `DossierDraft.step`
    url_name: str
    label: "StrOrPromise"


STEPS: tuple[Step, ...] = (
    Step("case", "portal:submit-case", _("Trường hợp, nơi nộp")),
    Step("contact", "portal:submit-contact", _("Thông tin liên hệ")),
    Step("eform", "portal:submit-eform", _("Tờ khai")),
    Step("files", "portal:submit-files", _("Giấy tờ đính kèm")),
    Step("review", "portal:submit-review", _("Kiểm tra và nộp")),
)
STEP_BY_KEY = {step.key: step for step in STEPS}


def wizard_steps(*, needs_case: bool, has_eform: bool) -> list[Step]:
    """No case step when there is nothing to choose; no e-form step for a case without one."""
    return [
        step
        for step in STEPS
        if not (step.key == "case" and not needs_case)
        and not (step.key == "eform" and not has_eform)
    ]


def step_of(path: str) -> tuple[str, str]:
    """The step (and the anchor in it) that fixes a problem at `path` (from the workflow)."""
    head, _sep, rest = path.partition(".")
    if head == "applicant":
        return "contact", f"id_{rest}" if rest else ""
    if head in ("components", "conditions"):
        return "files", f"component-{rest}" if rest else ""
    if head in ("answers", "eform"):
        return "eform", ""
    if head in ("variant", "agency", "desk"):
        return "case", ""
    return "", ""


class CaseForm(forms.Form):
    """Which case of the procedure, and which agency to file with when several resolve it."""

    variant = forms.ChoiceField(label=_("Trường hợp của bạn"), widget=forms.RadioSelect)
    agency = forms.ChoiceField(
        label=_("Nơi nộp hồ sơ"),
        help_text=_("Cơ quan có thẩm quyền giải quyết mà bạn muốn nộp hồ sơ."),
    )

    def __init__(
        self,
        *args: Any,
        variants: Sequence[tuple[str, str]],
        agencies: Sequence[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        variant = self.fields["variant"]
        agency = self.fields["agency"]
        assert isinstance(variant, forms.ChoiceField)
        assert isinstance(agency, forms.ChoiceField)
        variant.choices = list(variants)
        agency.choices = [("", _("— Chọn cơ quan —")), *agencies]
        if len(variants) < 2:
            self.fields["variant"].widget = forms.HiddenInput()
        if len(agencies) < 2:
            self.fields["agency"].widget = forms.HiddenInput()


class ContactForm(forms.Form):
    """How the desk reaches the applicant. Who the applicant is comes from the account."""

    address = forms.CharField(
        label=_("Địa chỉ liên hệ"),
        max_length=255,
        help_text=_("Số nhà, đường, thôn/tổ dân phố, xã/phường, tỉnh/thành phố."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=16,
        help_text=_("Để nhận tin nhắn về hồ sơ, ví dụ 0912 345 678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    submitter_name = forms.CharField(
        label=_("Họ và tên người nộp thay mặt tổ chức"), max_length=255, required=False
    )
    submitter_id_number = forms.CharField(
        label=_("Số định danh cá nhân của người nộp"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, organisation: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisation:
            self.fields["submitter_name"].required = True
        else:
            del self.fields["submitter_name"]
            del self.fields["submitter_id_number"]

    def clean_phone(self) -> str:
        """Messages about the dossier go by SMS: a mobile number (the account's rule)."""
        try:
            return parse_phone(self.cleaned_data["phone"], allow_landline=False).number
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages[0], code=exc.code) from exc

    def raw_values(self) -> dict[str, str]:
        """What was typed, valid or not (an autosave keeps it as is)."""
        return {name: str(self.data.get(name, "")).strip()[:255] for name in self.fields}


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(
        label=_(
            "Tôi cam đoan những thông tin đã khai và giấy tờ đính kèm là đúng sự thật và chịu "
            "trách nhiệm trước pháp luật về nội dung đã khai."
        ),
        error_messages={"required": _("Vui lòng đánh dấu xác nhận lời cam đoan để nộp hồ sơ.")},
    )


def file_input_name(code: str) -> str:
    return f"files-{code}"


def condition_name(code: str) -> str:
    return f"applies-{code}"


def uploads_from_request(
    files: MultiValueDict[str, UploadedFile[Any]], codes: Iterable[str]
) -> list[tuple[str, Upload]]:
    """(component code, upload) for every file sent, in the order of the components."""
    return [
        (code, Upload(name=uploaded.name or "", content=uploaded.read()))
        for code in codes
        for uploaded in files.getlist(file_input_name(code))
    ]


def conditions_from_post(data: Mapping[str, Any], codes: Iterable[str]) -> list[str]:
    return [code for code in codes if data.get(condition_name(code))]
