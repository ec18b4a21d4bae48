"""Forms of the unit reports' pages (report_unit_views): the targets page's filter and the form a
province administrator sets a target with. They check the shape of input; the services check the
rules (value 0–100, who may set targets) and their errors are shown on the field they name."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from motcua.reports.models import TargetKind

YEAR_MIN, YEAR_MAX = 2000, 2100


class TargetFilterForm(forms.Form):
    """Which targets to show (GET): an agency in the actor's scope (with its sub-units) and a
    year."""

    agency = forms.ChoiceField(label=gettext_lazy("Cơ quan, đơn vị"), required=False)
    year = forms.IntegerField(
        label=gettext_lazy("Năm"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False
    )

    def __init__(
        self, *args: Any, agency_choices: Sequence[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", gettext_lazy("Mọi cơ quan được xem")), *agency_choices]


class TargetForm(forms.Form):
    """A yearly target for an agency (POST). The value is text so that "92,5" and the service's
    own message for a value outside 0–100 both reach the officer next to the field."""

    agency = forms.ChoiceField(label=gettext_lazy("Cơ quan, đơn vị được giao"))
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    kind = forms.ChoiceField(label=gettext_lazy("Chỉ tiêu"), choices=TargetKind.choices)
    value = forms.CharField(
        label=gettext_lazy("Giá trị (%)"),
        help_text=gettext_lazy("Tỷ lệ phần trăm từ 0 đến 100, ví dụ 85 hoặc 92,5."),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    basis = forms.CharField(
        label=gettext_lazy("Căn cứ giao chỉ tiêu"),
        help_text=gettext_lazy("Số, ký hiệu văn bản giao chỉ tiêu (không bắt buộc)."),
        max_length=255,
        required=False,
    )

    def __init__(
        self, *args: Any, agency_choices: Sequence[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *agency_choices]


class TargetDeleteForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
