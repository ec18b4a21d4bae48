"""The citizen's forms on their own dossiers: the papers answering a supplement request, the
withdrawal request. They check the shape of the input (each file by its content, its size, not
empty); the workflow services check the rules."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ValidationFailed
from motcua.dossiers.files import Upload, max_upload_bytes, upload_check
from motcua.workflow.citizen import RequestedItem

ACCEPT = "application/pdf,image/jpeg,image/png"
FIELD_PREFIX = "component-"
MAX_FILES_PER_COMPONENT = 20


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class UploadsField(forms.Field):
    """Several files in one input, each read and checked by content (`upload_check`): PDF, JPEG
    or PNG, not empty, within `MOTCUA_UPLOAD_MAX_BYTES`. Cleans to a list of `Upload`; every
    refused file is named in the errors."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)

    def to_python(self, value: Any) -> list[Upload]:
        files = value if isinstance(value, (list, tuple)) else [value] if value else []
        uploads = []
        for item in files:
            if not isinstance(item, UploadedFile):
                raise ValidationError(_("Tệp tải lên không hợp lệ."), code="invalid")
            uploads.append(Upload(item.name or "tep", item.read()))
        return uploads

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def clean(self, value: Any) -> list[Upload]:
        uploads = self.to_python(value)
        self.validate(uploads)
        if len(uploads) > MAX_FILES_PER_COMPONENT:
            raise ValidationError(
                _("Chọn tối đa %(count)s tệp cho mỗi giấy tờ.")
                % {"count": MAX_FILES_PER_COMPONENT},
                code="too_many_files",
            )
        errors = []
        for upload in uploads:
            try:
                upload_check(upload)
            except ValidationFailed as exc:
                errors.append(ValidationError(exc.message, code=exc.code))
        if errors:
            raise ValidationError(errors)
        return uploads


def field_name(code: str) -> str:
    return f"{FIELD_PREFIX}{code}"


class SupplementForm(forms.Form):
    """One file input per paper the request asks for (several files each) and, after reception,
    a note for the desk. At least one file in all."""

    note = forms.CharField(
        label=_("Ghi chú gửi bộ phận một cửa (không bắt buộc)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, items: Sequence[RequestedItem], with_note: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = tuple(items)
        note = self.fields.pop("note")  # after the files
        hint = _("PDF, JPEG hoặc PNG, tối đa %(mb)s MB mỗi tệp; chọn được nhiều tệp.") % {
            "mb": max_upload_bytes() // (1024 * 1024)
        }
        for item in self.items:
            self.fields[field_name(item.code)] = UploadsField(
                label=item.name,
                help_text=f"{_('Yêu cầu')}: {item.requirement.rstrip('.')}. {hint}"
                if item.requirement
                else hint,
            )
        if with_note:
            self.fields["note"] = note

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.items and not self.errors and not any(self.uploads().values()):
            self.add_error(
                field_name(self.items[0].code),
                _("Chọn ít nhất một tệp giấy tờ bổ sung để gửi."),
            )
        return data

    def uploads(self) -> dict[str, list[Upload]]:
        """Files by component code (cleaned data only)."""
        return {
            item.code: list(self.cleaned_data.get(field_name(item.code)) or [])
            for item in self.items
        }

    def component_fields(self) -> list[forms.BoundField]:
        return [self[field_name(item.code)] for item in self.items]

    def field_for(self, error_field: str | None) -> str | None:
        """The form field a service error names ("component-<code>", "components", "files")."""
        if error_field in self.fields:
            return error_field
        if error_field in ("components", "files") and self.items:
            return field_name(self.items[0].code)
        return None


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"),
        max_length=1000,
        help_text=_("Ví dụ: không còn nhu cầu, nộp nhầm thủ tục, muốn nộp lại hồ sơ khác."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng ghi lý do rút hồ sơ.")},
    )
