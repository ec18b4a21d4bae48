"""Back-office forms for feedback and petitions (PAKN): the queue's filters and the form of each
step. A form checks the shape of what the officer typed; the service behind the step checks the
rules (`motcua.feedback.services`)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import Agency
from motcua.backoffice.forms import AgencyChoiceField
from motcua.feedback.models import (
    FeedbackChannel,
    FeedbackKind,
    FeedbackStatus,
    FeedbackSubject,
)
from motcua.feedback.policies import FeedbackAction
from motcua.feedback.selectors import FeedbackFilters

TEXT_MAX = 10_000


class FeedbackFilterForm(forms.Form):
    """The queue's GET form; every field optional, an invalid value is shown and not used."""

    q = forms.CharField(
        label=_("Tìm phản ánh, kiến nghị"),
        help_text=_("Mã, tiêu đề, tên hoặc số điện thoại người gửi, mã hồ sơ."),
        max_length=100,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả trạng thái")), *FeedbackStatus.choices],
        required=False,
    )
    subject = forms.ChoiceField(
        label=_("Nội dung liên quan đến"),
        choices=[("", _("Tất cả")), *FeedbackSubject.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Loại"), choices=[("", _("Tất cả")), *FeedbackKind.choices], required=False
    )
    open_only = forms.BooleanField(label=_("Chỉ phản ánh, kiến nghị chưa xong"), required=False)
    overdue_only = forms.BooleanField(label=_("Chỉ phản ánh, kiến nghị quá hạn"), required=False)

    def filters(self) -> FeedbackFilters:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        status, subject, kind = data.get("status"), data.get("subject"), data.get("kind")
        return FeedbackFilters(
            text=data.get("q") or "",
            status=FeedbackStatus(status) if status else None,
            subject=FeedbackSubject(subject) if subject else None,
            kind=FeedbackKind(kind) if kind else None,
            open_only=bool(data.get("open_only")),
            overdue_only=bool(data.get("overdue_only")),
        )


def _text(label: Any, *, required: bool = True, rows: int = 5, help_text: Any = "") -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class AcceptForm(forms.Form):
    note = _text(_("Ghi chú (nếu có)"), required=False, rows=2)


class RefuseForm(forms.Form):
    reason = _text(
        _("Lý do không tiếp nhận"),
        help_text=_(
            "Ví dụ: nội dung là khiếu nại, tố cáo (giải quyết theo Luật Khiếu nại, Luật Tố cáo), "
            "hoặc không phải phản ánh, kiến nghị về quy định hành chính. Lý do được gửi cho người "
            "gửi."
        ),
    )


class ForwardForm(forms.Form):
    to_agency = AgencyChoiceField(label=_("Chuyển đến cơ quan"), queryset=Agency.objects.none())
    reason = _text(_("Lý do chuyển"), rows=3)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_agency"]
        assert isinstance(field, AgencyChoiceField)
        field.queryset = agencies


class RequestInfoForm(forms.Form):
    request = _text(
        _("Thông tin cần người gửi bổ sung"),
        help_text=_("Được gửi cho người gửi qua tin nhắn và thư điện tử."),
    )


class ProvideInfoForm(forms.Form):
    text = _text(
        _("Thông tin người gửi đã bổ sung"),
        help_text=_(
            "Ghi lại thông tin người gửi cung cấp qua điện thoại, văn bản; hoặc ghi rõ người gửi "
            "không bổ sung để tiếp tục xử lý."
        ),
    )


class AnswerForm(forms.Form):
    answer = _text(_("Nội dung trả lời"), rows=10)
    public = forms.BooleanField(
        label=_("Công khai câu trả lời trên Cổng dịch vụ công"),
        help_text=_(
            "Câu trả lời được đăng kèm nội dung phản ánh, kiến nghị, không kèm họ tên, địa chỉ, "
            "số điện thoại, thư điện tử của người gửi."
        ),
        required=False,
    )


class PublishForm(forms.Form):
    public_content = _text(
        _("Nội dung phản ánh, kiến nghị được công khai"),
        rows=8,
        help_text=_(
            "Lược bỏ mọi thông tin cá nhân (họ tên, địa chỉ, số điện thoại, số định danh…) có "
            "trong nội dung trước khi công khai."
        ),
    )


class MarkRepeatForm(forms.Form):
    repeat_of_code = forms.CharField(
        label=_("Mã phản ánh, kiến nghị đã gửi trước"),
        help_text=_("Ví dụ: PAKN-260309-0001"),
        max_length=32,
    )
    note = _text(_("Ghi chú (nếu có)"), required=False, rows=2)


FORMS: dict[FeedbackAction, type[forms.Form]] = {
    FeedbackAction.ACCEPT: AcceptForm,
    FeedbackAction.REFUSE: RefuseForm,
    FeedbackAction.FORWARD: ForwardForm,
    FeedbackAction.REQUEST_INFO: RequestInfoForm,
    FeedbackAction.PROVIDE_INFO: ProvideInfoForm,
    FeedbackAction.ANSWER: AnswerForm,
    FeedbackAction.PUBLISH: PublishForm,
    FeedbackAction.MARK_REPEAT: MarkRepeatForm,
}
# Steps that close the PAKN for good or send it away: shown as secondary buttons.
DANGEROUS = frozenset({FeedbackAction.REFUSE, FeedbackAction.FORWARD})


class RecordForm(forms.Form):
    """A PAKN received by telephone (hotline), in writing or by e-mail, recorded by an officer."""

    channel = forms.ChoiceField(
        label=_("Hình thức tiếp nhận"),
        choices=[c for c in FeedbackChannel.choices if c[0] != FeedbackChannel.PORTAL],
        widget=forms.RadioSelect,
    )
    received_at = forms.DateTimeField(
        label=_("Thời điểm nhận được"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    kind = forms.ChoiceField(
        label=_("Loại"), choices=FeedbackKind.choices, widget=forms.RadioSelect
    )
    subject = forms.ChoiceField(
        label=_("Nội dung liên quan đến"), choices=FeedbackSubject.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    content = _text(_("Nội dung"), rows=8)
    dossier_code = forms.CharField(
        label=_("Mã hồ sơ liên quan (nếu có)"), max_length=40, required=False
    )
    sender_name = forms.CharField(label=_("Họ và tên người gửi (tên tổ chức)"), max_length=255)
    sender_address = forms.CharField(label=_("Địa chỉ"), max_length=500)
    sender_phone = forms.CharField(label=_("Số điện thoại"), max_length=20)
    sender_email = forms.EmailField(label=_("Thư điện tử (nếu có)"), required=False)
