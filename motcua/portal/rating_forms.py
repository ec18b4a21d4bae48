"""The satisfaction rating form: it checks the shape of the input; `dossier_rate` the rules."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError
from motcua.dossiers.models import RATING_COMMENT_MAX, RatingLevel
from motcua.dossiers.ratings import Criterion

SATISFIED = {"yes": True, "no": False}
NO_ANSWER = ""


def criterion_field(code: str) -> str:
    """The form field of a criterion (the service names it `answers.<code>`)."""
    return f"criterion_{code}"


class RatingForm(forms.Form):
    """The like / dislike (required), one radio group per criterion (optional: "no opinion" is
    pre-selected) and a comment. The criteria come from `MOTCUA_RATING_CRITERIA`."""

    satisfied = forms.ChoiceField(
        label=_("Nhìn chung, Ông/Bà có hài lòng với việc giải quyết hồ sơ này không?"),
        choices=[("yes", _("Hài lòng")), ("no", _("Không hài lòng"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Vui lòng chọn “Hài lòng” hoặc “Không hài lòng”.")},
    )
    comment = forms.CharField(
        label=_("Ý kiến khác (không bắt buộc)"),
        help_text=_("Tối đa 2000 ký tự. Xin đừng ghi thông tin cá nhân."),
        max_length=RATING_COMMENT_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Ý kiến khác không dài quá 2000 ký tự.")},
    )

    def __init__(self, *args: Any, criteria: Sequence[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = tuple(criteria)
        comment = self.fields.pop("comment")
        for criterion in self.criteria:
            self.fields[criterion_field(criterion.code)] = forms.ChoiceField(
                label=gettext(criterion.question),
                choices=[*RatingLevel.choices, (NO_ANSWER, _("Không có ý kiến"))],
                widget=forms.RadioSelect,
                required=False,
                initial=NO_ANSWER,
                error_messages={"invalid_choice": _("Vui lòng chọn một mức trong danh sách.")},
            )
        self.fields["comment"] = comment

    def criteria_fields(self) -> list[BoundField]:
        return [self[criterion_field(c.code)] for c in self.criteria]

    def is_satisfied(self) -> bool:
        return SATISFIED[self.cleaned_data["satisfied"]]

    def answers(self) -> dict[str, str]:
        """The criteria answered (after `is_valid()`): code → level."""
        answers: dict[str, str] = {}
        for criterion in self.criteria:
            level = self.cleaned_data.get(criterion_field(criterion.code)) or NO_ANSWER
            if level != NO_ANSWER:
                answers[criterion.code] = level
        return answers

    def add_service_error(self, exc: DomainError) -> None:
        """Show the service's refusal on the field it names."""
        field = exc.field or ""
        if field.startswith("answers."):
            field = criterion_field(field.removeprefix("answers."))
        self.add_error(field if field in self.fields else None, exc.message)
