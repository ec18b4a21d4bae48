"""Public forms: they check the shape of input; selectors and services do the rest."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from motcua.catalog.models import ImplementingLevel, OnlineLevel
from motcua.catalog.selectors import CatalogQuery

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

MAX_QUERY_LENGTH = 200
POSTAL_VALUES = {"co": True, "khong": False}

Choices = Sequence[tuple[str, str]]


class CatalogSearchForm(forms.Form):
    """The catalog's GET form. A value the form does not know (an old bookmark, a field that has
    no public procedure any more, a hand-edited address) is ignored, never an error page: the
    view searches with the valid values and says which were left out."""

    q = forms.CharField(
        label=_("Tên hoặc mã thủ tục"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        strip=True,
        help_text=_("Gõ có dấu hoặc không dấu đều được, ví dụ: dang ky khai sinh."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    level = forms.ChoiceField(
        label=_("Cấp thực hiện"),
        required=False,
        choices=[("", _("Tất cả các cấp")), *ImplementingLevel.choices],
    )
    agency = forms.ChoiceField(label=_("Cơ quan thực hiện"), required=False)
    online_level = forms.ChoiceField(
        label=_("Mức độ dịch vụ công trực tuyến"),
        required=False,
        choices=[("", _("Tất cả")), *OnlineLevel.choices],
    )
    postal = forms.ChoiceField(
        label=_("Nộp hồ sơ, nhận kết quả qua bưu chính"),
        required=False,
        choices=[("", _("Tất cả")), ("co", _("Có")), ("khong", _("Không"))],
    )

    def __init__(
        self, *args: Any, field_choices: Choices, agency_choices: Choices, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("field", [("", _("Tất cả các lĩnh vực")), *field_choices])
        self._set_choices("agency", [("", _("Tất cả các cơ quan")), *agency_choices])

    def _set_choices(self, name: str, choices: "Sequence[tuple[str, str | StrPromise]]") -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(choices)

    def ignored_labels(self) -> list[str]:
        """Labels of the fields whose values were not valid (after `is_valid()`)."""
        return [str(self.fields[name].label) for name in self.errors if name in self.fields]

    def valid_values(self) -> dict[str, str]:
        """The valid, non-empty values (after `is_valid()`), for links that keep the search."""
        cleaned = getattr(self, "cleaned_data", {})
        return {name: str(value) for name, value in cleaned.items() if value}

    def catalog_query(self) -> CatalogQuery:
        """The query from the valid values (after `is_valid()`); invalid ones are left out."""
        data = self.valid_values()
        return CatalogQuery(
            text=data.get("q", ""),
            field=data.get("field"),
            level=data.get("level"),
            agency=data.get("agency"),
            online_level=data.get("online_level"),
            postal=POSTAL_VALUES.get(data.get("postal", "")),
        )
