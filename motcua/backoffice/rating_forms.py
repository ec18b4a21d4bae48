"""The form a desk officer fills in from a paper rating slip or a counter device's record: the
shape of the input only; `motcua.dossiers.ratings.dossier_rate` checks the rules."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import DomainError
from motcua.dossiers.models import RATING_COMMENT_MAX, RatingChannel, RatingLevel
from motcua.dossiers.ratings import Criterion

SATISFIED = {"yes": True, "no": False}
NO_ANSWER = ""


def criterion_field(code: str) -> str:
    return f"criterion_{code}"


class RatingSlipForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Nguồn đánh giá"),
        choices=[
            (RatingChannel.SLIP.value, RatingChannel.SLIP.label),
            (RatingChannel.DEVICE.value, RatingChannel.DEVICE.label),
        ],
        initial=RatingChannel.SLIP.value,
        widget=forms.RadioSelect,
    )
    satisfied = forms.ChoiceField(
        label=_("Người nộp hài lòng với việc giải quyết hồ sơ?"),
        choices=[("yes", _("Hài lòng")), ("no", _("Không hài lòng"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Chọn “Hài lòng” hoặc “Không hài lòng” như trên phiếu.")},
    )
    comment = forms.CharField(
        label=_("Ý kiến khác ghi trên phiếu"),
        max_length=RATING_COMMENT_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, criteria: Sequence[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = tuple(criteria)
        comment = self.fields.pop("comment")
        for criterion in self.criteria:
            self.fields[criterion_field(criterion.code)] = forms.ChoiceField(
                label=gettext(criterion.question),
                choices=[*RatingLevel.choices, (NO_ANSWER, _("Không ghi"))],
                widget=forms.RadioSelect,
                required=False,
                initial=NO_ANSWER,
            )
        self.fields["comment"] = comment

    def radio_fields(self) -> list[BoundField]:
        return [field for field in self if field.name != "comment"]

    def rating_channel(self) -> RatingChannel:
        return RatingChannel(self.cleaned_data["channel"])

    def is_satisfied(self) -> bool:
        return SATISFIED[self.cleaned_data["satisfied"]]

    def answers(self) -> dict[str, str]:
        answers: dict[str, str] = {}
        for criterion in self.criteria:
            level = self.cleaned_data.get(criterion_field(criterion.code)) or NO_ANSWER
            if level != NO_ANSWER:
                answers[criterion.code] = level
        return answers

    def add_service_error(self, exc: DomainError) -> None:
        field = exc.field or ""
        if field.startswith("answers."):
            field = criterion_field(field.removeprefix("answers."))
        self.add_error(field if field in self.fields else None, exc.message)
