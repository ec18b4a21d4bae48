"""Back-office forms: they check the shape of input; services check the rules."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from motcua.accounts.models import Agency
from motcua.calendar.engine import TimeUnit
from motcua.calendar.models import OverrideKind, OverrideScope
from motcua.core.errors import DomainError

WEEKDAY_CHOICES = [
    ("0", "Thứ Hai"),
    ("1", "Thứ Ba"),
    ("2", "Thứ Tư"),
    ("3", "Thứ Năm"),
    ("4", "Thứ Sáu"),
    ("5", "Thứ Bảy"),
    ("6", "Chủ nhật"),
]


def add_domain_error(form: forms.Form, exc: DomainError) -> None:
    """Show a DomainError on the field it names (or on the whole form)."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


class AgencyChoiceField(forms.ModelChoiceField[Agency]):
    def label_from_instance(self, obj: Agency) -> str:
        return f"{obj.name} ({obj.code})"


def _limit_agencies(form: forms.Form, agencies: QuerySet[Agency]) -> None:
    field = form.fields["agency"]
    assert isinstance(field, AgencyChoiceField)
    field.queryset = agencies


class CalendarOverrideForm(forms.Form):
    start_date = forms.DateField(label="Từ ngày", widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(
        label="Đến ngày (bao gồm)", widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label="Loại", choices=OverrideKind.choices)
    scope = forms.ChoiceField(
        label="Phạm vi",
        choices=[
            (OverrideScope.PROVINCE, OverrideScope.PROVINCE.label),
            (OverrideScope.AGENCY, OverrideScope.AGENCY.label),
        ],
    )
    agency = AgencyChoiceField(
        label="Cơ quan (khi phạm vi là một cơ quan)",
        queryset=Agency.objects.none(),
        required=False,
    )
    name = forms.CharField(label="Tên ngày", max_length=255)
    legal_reference = forms.CharField(label="Căn cứ (số văn bản)", max_length=255, required=False)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_agencies(self, agencies)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("scope") == OverrideScope.AGENCY and not data.get("agency"):
            self.add_error("agency", "Vui lòng chọn cơ quan áp dụng.")
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label="Lý do hủy", max_length=1000)


class OfficeHoursForm(forms.Form):
    agency = AgencyChoiceField(label="Cơ quan", queryset=Agency.objects.none())
    valid_from = forms.DateField(
        label="Áp dụng từ ngày", widget=forms.DateInput(attrs={"type": "date"})
    )
    blocks = forms.CharField(
        label="Giờ làm việc",
        initial="07:00-11:30,13:30-17:00",
        help_text="Các khoảng giờ, cách nhau bởi dấu phẩy, ví dụ 07:00-11:30,13:30-17:00.",
        max_length=64,
    )
    weekdays = forms.MultipleChoiceField(
        label="Ngày làm việc trong tuần",
        choices=WEEKDAY_CHOICES,
        initial=["0", "1", "2", "3", "4"],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_agencies(self, agencies)


class DeadlineForm(forms.Form):
    received = forms.DateTimeField(
        label="Thời điểm tiếp nhận",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    value = forms.DecimalField(label="Thời hạn", min_value=0, max_digits=7, decimal_places=2)
    unit = forms.ChoiceField(
        label="Đơn vị",
        choices=[
            (TimeUnit.WORKING_DAYS, "ngày làm việc"),
            (TimeUnit.WORKING_HOURS, "giờ làm việc"),
            (TimeUnit.CALENDAR_DAYS, "ngày"),
            (TimeUnit.MONTHS, "tháng"),
        ],
    )
    agency = AgencyChoiceField(
        label="Cơ quan (lịch riêng, nếu có)", queryset=Agency.objects.none(), required=False
    )
    paper = forms.BooleanField(
        label="Hồ sơ giấy (nhận sau giờ chốt thì tính từ ngày làm việc kế tiếp)", required=False
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_agencies(self, agencies)
