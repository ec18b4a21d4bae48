"""Citizen account forms: they check the shape of input; accounts services check the rules.

Every input carries the autocomplete hint password managers and phones use (username,
current-password, new-password, one-time-code, tel), and number-only fields open the numeric
keyboard (inputmode=numeric).
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import CitizenKind, OtpChannel

MAX_IDENTITY_LENGTH = 32
MAX_CODE_LENGTH = 12


def _text(**attrs: str) -> forms.TextInput:
    return forms.TextInput(attrs={"autocapitalize": "off", "spellcheck": "false", **attrs})


def _password(autocomplete: str) -> forms.PasswordInput:
    return forms.PasswordInput(attrs={"autocomplete": autocomplete})


def _code_field() -> forms.CharField:
    return forms.CharField(
        label=_("Mã xác thực"),
        max_length=MAX_CODE_LENGTH,
        help_text=_("6 chữ số trong tin nhắn hoặc thư Ông/Bà vừa nhận."),
        widget=_text(autocomplete="one-time-code", inputmode="numeric"),
    )


class AccountForm(forms.Form):
    """No colon after labels; labels are styled above the input."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class NewPasswordMixin(forms.Form):
    """Two entries of the new password that must match; its strength is the service's rule."""

    new_password1 = forms.CharField(
        label=_("Mật khẩu mới"),
        strip=False,
        help_text=_(
            "Ít nhất 8 ký tự, không chỉ gồm chữ số, không quá giống số định danh hay họ tên."
        ),
        widget=_password("new-password"),
    )
    new_password2 = forms.CharField(
        label=_("Nhập lại mật khẩu mới"), strip=False, widget=_password("new-password")
    )

    def clean_new_password2(self) -> str:
        first = self.cleaned_data.get("new_password1")
        second: str = self.cleaned_data["new_password2"]
        if first and second != first:
            raise forms.ValidationError(
                _("Hai lần nhập mật khẩu không giống nhau."), code="password_mismatch"
            )
        return second


class LoginForm(AccountForm):
    identity = forms.CharField(
        label=_("Số định danh cá nhân, mã số thuế hoặc số điện thoại"),
        max_length=MAX_IDENTITY_LENGTH,
        help_text=_(
            "Cá nhân: số định danh cá nhân (số CCCD, 12 chữ số). Tổ chức: mã số thuế. "
            "Hoặc số điện thoại di động đã xác thực."
        ),
        widget=_text(autocomplete="username"),
    )
    password = forms.CharField(
        label=_("Mật khẩu"), strip=False, widget=_password("current-password")
    )


class RegisterForm(NewPasswordMixin, AccountForm):
    """One form for both kinds of applicant; the fields of the other kind are removed."""

    personal_id_number = forms.CharField(
        label=_("Số định danh cá nhân"),
        max_length=16,
        help_text=_("12 chữ số, in trên thẻ căn cước (CCCD). Dùng để đăng nhập."),
        widget=_text(autocomplete="username", inputmode="numeric"),
    )
    tax_code = forms.CharField(
        label=_("Mã số thuế"),
        max_length=16,
        help_text=_(
            "10 chữ số; đơn vị phụ thuộc thêm dấu gạch ngang và 3 chữ số "
            "(ví dụ 0100109106-001). Dùng để đăng nhập."
        ),
        widget=_text(autocomplete="username"),
    )
    organisation_name = forms.CharField(
        label=_("Tên tổ chức, doanh nghiệp"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    date_of_birth = forms.DateField(
        label=_("Ngày sinh"),
        required=False,
        help_text=_("Ví dụ: 31/12/1990."),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"autocomplete": "bday"}),
    )
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        help_text=_("Để nhận mã xác thực và tin nhắn về hồ sơ. Ví dụ: 0912 345 678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args: Any, kind: CitizenKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["new_password1"].label = _("Mật khẩu")
        self.fields["new_password2"].label = _("Nhập lại mật khẩu")
        if kind == CitizenKind.INDIVIDUAL:
            del self.fields["tax_code"], self.fields["organisation_name"]
        else:
            del self.fields["personal_id_number"], self.fields["date_of_birth"]
            self.fields["full_name"].label = _("Họ và tên người đại diện")
        self.order_fields(
            [
                "personal_id_number",
                "tax_code",
                "organisation_name",
                "full_name",
                "date_of_birth",
                "phone",
                "email",
                "new_password1",
                "new_password2",
            ]
        )


# The service's field names → this form's.
REGISTER_FIELDS = {"password": "new_password1"}


class VerifyCodeForm(AccountForm):
    code = _code_field()


class PasswordResetRequestForm(AccountForm):
    identity = forms.CharField(
        label=_("Số định danh cá nhân, mã số thuế hoặc số điện thoại"),
        max_length=MAX_IDENTITY_LENGTH,
        widget=_text(autocomplete="username"),
    )
    channel = forms.ChoiceField(
        label=_("Nhận mã qua"),
        choices=[
            (OtpChannel.SMS.value, _("Tin nhắn đến số điện thoại đã đăng ký")),
            (OtpChannel.EMAIL.value, _("Thư đến email đã đăng ký")),
        ],
        initial=OtpChannel.SMS.value,
        widget=forms.RadioSelect,
    )


class PasswordResetConfirmForm(NewPasswordMixin, AccountForm):
    code = _code_field()

    field_order = ["code", "new_password1", "new_password2"]


class ContactForm(AccountForm):
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=20,
        help_text=_("Đổi số thì cần xác thực lại số mới."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Đổi email thì cần xác thực lại."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class PasswordChangeForm(NewPasswordMixin, AccountForm):
    old_password = forms.CharField(
        label=_("Mật khẩu hiện tại"), strip=False, widget=_password("current-password")
    )

    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, *args: Any, has_password: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_password:  # an account made by the identity provider sets its first one
            del self.fields["old_password"]
