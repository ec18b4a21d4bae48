"""The public look-up form: it checks the shape of the input; the selector decides the rest."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

CODE_MAX_LENGTH = 40


class UnechoedTextInput(forms.TextInput):
    """A text input that never writes its value back into the page: the last digits of an ID
    number or phone are typed again after each try (like a password, but visible while typed)."""

    def format_value(self, value: Any) -> str | None:
        return None


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Mã hồ sơ"),
        max_length=CODE_MAX_LENGTH,
        strip=True,
        help_text=_(
            "In trên giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 000.00.12.H56-251015-0001. "
            "Hồ sơ nộp trực tuyến chưa được tiếp nhận: nhập mã tham chiếu nhận được khi nộp."
        ),
        error_messages={"required": _("Vui lòng nhập mã hồ sơ.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    last4 = forms.RegexField(
        label=_("4 số cuối"),
        regex=r"^\d{4}$",
        max_length=4,
        strip=True,
        help_text=_(
            "4 chữ số cuối của số định danh cá nhân (căn cước) hoặc của số điện thoại người nộp "
            "hồ sơ đã khai."
        ),
        error_messages={
            "required": _("Vui lòng nhập 4 số cuối."),
            "invalid": _("4 số cuối gồm đúng 4 chữ số."),
            "max_length": _("4 số cuối gồm đúng 4 chữ số."),
        },
        widget=UnechoedTextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
