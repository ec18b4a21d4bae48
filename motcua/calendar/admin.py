"""Admin for the editable calendar. Every save goes through the calendar services (validation,
permissions, audit); overrides are revoked with a reason, never deleted."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from motcua.accounts.models import User
from motcua.calendar.engine import CalendarError, parse_blocks, parse_weekdays
from motcua.calendar.models import CalendarOverride, OfficeHours, OverrideKind, OverrideScope
from motcua.calendar.services import (
    calendar_override_create,
    calendar_override_revoke,
    calendar_override_validate,
    office_hours_set,
)
from motcua.core.errors import DomainError


class CalendarOverrideForm(forms.ModelForm[CalendarOverride]):
    class Meta:
        model = CalendarOverride
        fields = ["start_date", "end_date", "kind", "scope", "agency", "name", "legal_reference"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors or not self.instance._state.adding:
            return data  # an existing override is read-only: nothing to validate
        try:
            calendar_override_validate(
                start_date=data["start_date"],
                end_date=data["end_date"],
                kind=OverrideKind(data["kind"]),
                scope=OverrideScope(data["scope"]),
                agency=data.get("agency"),
                name=data.get("name", ""),
            )
        except DomainError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(label="Lý do hủy", widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin[CalendarOverride]):
    form = CalendarOverrideForm
    list_display = [
        "start_date",
        "end_date",
        "kind",
        "scope",
        "agency",
        "name",
        "legal_reference",
        "revoked_at",
    ]
    list_filter = ["kind", "scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "legal_reference", "agency__name", "agency__code"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["agency"]
    actions = ["revoke_selected"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: CalendarOverride | None = None
    ) -> list[str]:
        if obj is None:
            return []
        return [f.name for f in CalendarOverride._meta.fields]

    def has_delete_permission(
        self, request: HttpRequest, obj: CalendarOverride | None = None
    ) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool
    ) -> None:
        if change:
            return  # overrides are immutable: revoke and add a new one
        assert isinstance(request.user, User)
        created = calendar_override_create(
            start_date=obj.start_date,
            end_date=obj.end_date,
            kind=OverrideKind(obj.kind),
            scope=OverrideScope(obj.scope),
            agency=obj.agency,
            name=obj.name,
            legal_reference=obj.legal_reference,
            actor=request.user,
        )
        obj.pk = created.pk

    @admin.action(description="Hủy các khai báo đã chọn (ghi lý do)")
    def revoke_selected(
        self, request: HttpRequest, queryset: QuerySet[CalendarOverride]
    ) -> HttpResponse | None:
        assert isinstance(request.user, User)
        form = RevokeForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            for override in queryset.filter(revoked_at__isnull=True):
                try:
                    calendar_override_revoke(
                        override=override, reason=form.cleaned_data["reason"], actor=request.user
                    )
                except DomainError as exc:
                    self.message_user(request, f"{override}: {exc.message}", messages.ERROR)
            self.message_user(request, "Đã hủy các khai báo đã chọn.", messages.SUCCESS)
            return None
        return TemplateResponse(
            request,
            "admin/work_calendar/revoke.html",
            {
                **self.admin_site.each_context(request),
                "title": "Hủy khai báo ngày nghỉ, ngày làm bù",
                "form": form,
                "queryset": queryset,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            },
        )


class OfficeHoursForm(forms.ModelForm[OfficeHours]):
    class Meta:
        model = OfficeHours
        fields = ["agency", "valid_from", "blocks", "weekdays"]

    def clean_blocks(self) -> str:
        try:
            parse_blocks(self.cleaned_data["blocks"])
        except CalendarError as exc:
            raise forms.ValidationError(str(exc), code="office_hours_invalid") from exc
        return str(self.cleaned_data["blocks"])

    def clean_weekdays(self) -> str:
        try:
            parse_weekdays(self.cleaned_data["weekdays"])
        except CalendarError as exc:
            raise forms.ValidationError(str(exc), code="office_hours_invalid") from exc
        return str(self.cleaned_data["weekdays"])


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin[OfficeHours]):
    form = OfficeHoursForm
    list_display = ["agency", "valid_from", "blocks", "weekdays", "created_by"]
    search_fields = ["agency__name", "agency__code"]
    autocomplete_fields = ["agency"]

    def has_change_permission(self, request: HttpRequest, obj: OfficeHours | None = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: OfficeHours | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: OfficeHours, form: Any, change: bool) -> None:
        assert isinstance(request.user, User)
        created = office_hours_set(
            agency=obj.agency,
            valid_from=obj.valid_from,
            blocks=obj.blocks,
            weekdays=obj.weekdays,
            actor=request.user,
        )
        obj.pk = created.pk
