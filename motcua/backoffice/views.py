"""Back-office pages: the working-time calendar and the deadline calculator."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from motcua.accounts.models import Agency, User
from motcua.accounts.selectors import (
    agency_list_active,
    agency_province,
    agency_subtree_ids,
    membership_list_active,
)
from motcua.backoffice.access import actor, staff_required
from motcua.backoffice.forms import (
    CalendarOverrideForm,
    DeadlineForm,
    OfficeHoursForm,
    RevokeForm,
    add_domain_error,
)
from motcua.calendar.engine import CalendarError, TimeUnit
from motcua.calendar.models import OverrideKind, OverrideScope
from motcua.calendar.policies import calendar_province_for, can_edit_calendar
from motcua.calendar.selectors import (
    calendar_override_list_for_province,
    calendar_special_days,
    deadline_compute,
    office_hours_list_for_province,
)
from motcua.calendar.services import (
    calendar_override_create,
    calendar_override_revoke,
    office_hours_set,
)
from motcua.core.errors import DomainError

MIN_YEAR, MAX_YEAR = 2018, 2100


def _agencies_in(province: Agency | None) -> QuerySet[Agency]:
    agencies = agency_list_active(on=timezone.localdate()).order_by("code")
    if province is None:
        return agencies
    return agencies.filter(pk__in=agency_subtree_ids(agency=province))


def _province_for_viewer(user: User) -> Agency | None:
    """The province whose calendar a staff user sees: the one they administer, else the
    province of their first active agency."""
    today = timezone.localdate()
    province = calendar_province_for(user, on=today)
    if province is not None:
        return province
    for membership in membership_list_active(user=user, on=today):
        found = agency_province(agency=membership.agency)
        if found is not None:
            return found
    return None


@staff_required
def calendar_page(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, MIN_YEAR), MAX_YEAR)
    province = _province_for_viewer(user)
    agencies = _agencies_in(province)
    can_edit = province is not None and can_edit_calendar(
        user, scope=OverrideScope.PROVINCE, agency=province, on=today
    )
    override_form = CalendarOverrideForm(agencies=agencies, prefix="override")
    hours_form = OfficeHoursForm(agencies=agencies, prefix="hours")

    if request.method == "POST" and can_edit and province is not None:
        if "override-start_date" in request.POST:
            override_form = CalendarOverrideForm(request.POST, agencies=agencies, prefix="override")
            if override_form.is_valid():
                data = override_form.cleaned_data
                scope = OverrideScope(data["scope"])
                try:
                    created = calendar_override_create(
                        start_date=data["start_date"],
                        end_date=data["end_date"],
                        kind=OverrideKind(data["kind"]),
                        scope=scope,
                        agency=province if scope == OverrideScope.PROVINCE else data["agency"],
                        name=data["name"],
                        legal_reference=data["legal_reference"],
                        actor=user,
                    )
                except DomainError as exc:
                    add_domain_error(override_form, exc)
                else:
                    messages.success(
                        request, f"Đã khai báo {created}. Các hạn xử lý đang chạy đã được tính lại."
                    )
                    return redirect(f"{request.path}?year={created.start_date.year}")
        elif "hours-valid_from" in request.POST:
            hours_form = OfficeHoursForm(request.POST, agencies=agencies, prefix="hours")
            if hours_form.is_valid():
                data = hours_form.cleaned_data
                try:
                    office_hours_set(
                        agency=data["agency"],
                        valid_from=data["valid_from"],
                        blocks=data["blocks"],
                        weekdays="".join(data["weekdays"]),
                        actor=user,
                    )
                except DomainError as exc:
                    add_domain_error(hours_form, exc)
                else:
                    messages.success(request, "Đã lưu giờ làm việc.")
                    return redirect(request.path)
    elif request.method == "POST":
        return HttpResponse("Bạn không có quyền sửa lịch làm việc.", status=403)

    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "backoffice/calendar/page.html",
        {
            "province": province,
            "year": year,
            "previous_year": year - 1 if year > MIN_YEAR else None,
            "next_year": year + 1 if year < MAX_YEAR else None,
            "special_days": calendar_special_days(agency=province, year=year),
            "overrides": calendar_override_list_for_province(province=province),
            "office_hours": office_hours_list_for_province(province=province),
            "can_edit": can_edit,
            "override_form": override_form,
            "hours_form": hours_form,
            "revoke_form": RevokeForm(),
        },
        status=status,
    )


@staff_required
@require_POST
def calendar_override_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    province = _province_for_viewer(user)
    visible = {o.pk: o for o in calendar_override_list_for_province(province=province)}
    override = visible.get(pk)
    if override is None:
        raise Http404
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Vui lòng nêu lý do hủy khai báo.")
        return redirect("backoffice:calendar")
    try:
        calendar_override_revoke(override=override, reason=form.cleaned_data["reason"], actor=user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã hủy khai báo {override}.")
    return redirect(f"{reverse('backoffice:calendar')}?year={override.start_date.year}")


@staff_required
def deadline_page(request: HttpRequest) -> HttpResponse:
    """Compute a due instant and explain it. A GET form, so results can be linked and bookmarked;
    htmx requests get only the result panel."""
    user = actor(request)
    agencies = _agencies_in(_province_for_viewer(user))
    answer = None
    if "received" in request.GET:
        form = DeadlineForm(request.GET, agencies=agencies)
        if form.is_valid():
            data = form.cleaned_data
            try:
                answer = deadline_compute(
                    received=data["received"],
                    value=data["value"],
                    unit=TimeUnit(data["unit"]),
                    agency=data["agency"],
                    paper=data["paper"],
                )
            except CalendarError as exc:
                form.add_error("value", str(exc))
    else:
        now = timezone.localtime().replace(second=0, microsecond=0)
        form = DeadlineForm(
            agencies=agencies,
            initial={"received": now, "value": 3, "unit": TimeUnit.WORKING_DAYS},
        )
    template = "backoffice/calendar/deadline.html"
    if getattr(request, "htmx", False):
        template += "#result"
    return render(
        request,
        template,
        {"form": form, "answer": answer, "lines": answer.explanation.lines() if answer else []},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
