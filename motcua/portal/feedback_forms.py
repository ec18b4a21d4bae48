"""Public forms for feedback and petitions (PAKN): sending one, searching the published answers,
the sender's look-up, adding information, and a like or dislike. They check the shape of input;
the services check the rules (`motcua.feedback.services`)."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.feedback.models import FeedbackKind, FeedbackSubject, ReactionValue

CONTENT_MAX = 10_000


class FeedbackForm(forms.Form):
    """A PAKN (Decree 20/2008 Art 7: the sender's name, address and phone are required)."""

    kind = forms.ChoiceField(
        label=_("Loại"),
        choices=FeedbackKind.choices,
        initial=FeedbackKind.FEEDBACK,
        widget=forms.RadioSelect,
        help_text=_(
            "Phản ánh: cho biết vướng mắc, quy định không hợp pháp, không hợp lý. Kiến nghị: "
            "kèm đề xuất cách giải quyết."
        ),
    )
    subject = forms.ChoiceField(
        label=_("Nội dung liên quan đến"),
        choices=FeedbackSubject.choices,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    content = forms.CharField(
        label=_("Nội dung"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Viết bằng tiếng Việt. Khiếu nại, tố cáo được giải quyết theo Luật Khiếu nại, Luật "
            "Tố cáo, không theo hình thức này."
        ),
    )
    procedure_code = forms.CharField(
        label=_("Mã thủ tục hành chính liên quan (nếu có)"),
        max_length=40,
        required=False,
        help_text=_("Ví dụ: 1.001193 (xem trên trang thủ tục)."),
    )
    dossier_code = forms.CharField(
        label=_("Mã hồ sơ liên quan (nếu có)"),
        max_length=40,
        required=False,
        help_text=_("In trên giấy tiếp nhận hồ sơ và hẹn trả kết quả."),
    )
    dossier_last4 = forms.RegexField(
        label=_("4 số cuối số định danh (CCCD) hoặc số điện thoại của người nộp hồ sơ"),
        regex=r"^\d{4}$",
        max_length=4,
        required=False,
        error_messages={"invalid": _("Nhập đúng 4 chữ số.")},
        help_text=_("Cần khi gắn với một hồ sơ không phải của tài khoản đang đăng nhập."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    repeat_of_code = forms.CharField(
        label=_("Mã phản ánh, kiến nghị đã gửi trước về cùng nội dung (nếu có)"),
        max_length=32,
        required=False,
        help_text=_("Ví dụ: PAKN-260309-0001, nếu Ông/Bà gửi lại vì chưa được giải quyết."),
    )
    sender_name = forms.CharField(
        label=_("Họ và tên (tên tổ chức)"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    sender_address = forms.CharField(
        label=_("Địa chỉ"),
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    sender_phone = forms.CharField(
        label=_("Số điện thoại"),
        max_length=20,
        help_text=_("Để nhận tin nhắn và tra cứu phản ánh, kiến nghị đã gửi."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    sender_email = forms.EmailField(
        label=_("Thư điện tử (nếu có)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if data.get("dossier_last4") and not data.get("dossier_code"):
            self.add_error("dossier_code", _("Vui lòng nhập mã hồ sơ."))
        return data


class PublicSearchForm(forms.Form):
    """The published answers' GET form; unknown values are ignored, never an error page."""

    q = forms.CharField(
        label=_("Tìm trong các câu trả lời"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    agency = forms.ChoiceField(label=_("Cơ quan trả lời"), required=False)
    subject = forms.ChoiceField(
        label=_("Nội dung liên quan đến"),
        required=False,
        choices=[("", _("Tất cả")), *FeedbackSubject.choices],
    )

    def __init__(self, *args: Any, agency_choices: Sequence[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Tất cả các cơ quan")), *agency_choices]

    def valid_values(self) -> dict[str, str]:
        cleaned = getattr(self, "cleaned_data", {})
        return {name: str(value) for name, value in cleaned.items() if value}


class SenderLookupForm(forms.Form):
    last4 = forms.RegexField(
        label=_("4 số cuối số điện thoại đã ghi khi gửi"),
        regex=r"^\d{4}$",
        max_length=4,
        error_messages={"invalid": _("Nhập đúng 4 chữ số.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class ProvideInfoForm(forms.Form):
    text = forms.CharField(
        label=_("Thông tin bổ sung"),
        max_length=CONTENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ReactForm(forms.Form):
    value = forms.ChoiceField(choices=ReactionValue.choices)
