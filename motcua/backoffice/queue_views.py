"""The officer's home (role-aware queues) and the searchable list of dossiers.

Adapters only: the filter form checks the shape of the GET parameters, one selector
(`motcua.dossiers.queues`) decides which dossiers are listed, in which order, with which deadline
standing. Plain GET forms and links work without JavaScript; an htmx request gets only the
results (`home.html#results`).
"""

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _

from motcua.backoffice.access import actor, staff_required
from motcua.catalog.models import Field
from motcua.core.timezone import to_local
from motcua.dossiers.models import Channel, DossierStatus
from motcua.dossiers.queues import (
    Queue,
    QueueBoard,
    QueueFilters,
    procedure_choices_for,
    queue_board,
)

TEMPLATE = "backoffice/queues/home.html"

# What each queue holds (under its heading), and what an empty one says, in plain words.
QUEUE_HELP = {
    Queue.RECEPTION: _(
        "Hồ sơ nộp trực tuyến hoặc qua bưu chính (kể cả hồ sơ đã bổ sung) đang chờ bộ phận "
        "một cửa tiếp nhận, nộp sớm nhất trước."
    ),
    Queue.RETURNS: _("Hồ sơ đã có kết quả, đang chờ trả cho người nộp."),
    Queue.WITHDRAWALS: _("Người nộp xin rút hồ sơ: chờ bộ phận một cửa quyết định."),
    Queue.MINE: _("Hồ sơ đang được giao cho bạn xử lý."),
    Queue.UNASSIGNED: _("Hồ sơ đang ở một bước của cơ quan bạn mà chưa có người xử lý."),
    Queue.INCOMING: _("Hồ sơ cơ quan khác chuyển đến cơ quan bạn theo quy trình liên thông."),
    Queue.APPROVALS: _("Hồ sơ đang ở bước lãnh đạo phê duyệt."),
    Queue.APOLOGIES: _("Văn bản xin lỗi, hẹn lại ngày trả kết quả đang chờ lãnh đạo duyệt."),
    Queue.WATCH: _("Hồ sơ của đơn vị còn ít thời gian hoặc đã quá hạn xử lý."),
    Queue.ALL: _("Mọi hồ sơ bạn được xem, mới tiếp nhận (hoặc mới nộp) trước."),
}
EMPTY = {
    Queue.RECEPTION: _("Không có hồ sơ nào đang chờ tiếp nhận."),
    Queue.RETURNS: _("Không có kết quả nào đang chờ trả."),
    Queue.WITHDRAWALS: _("Không có yêu cầu rút hồ sơ nào đang chờ."),
    Queue.MINE: _("Bạn không có hồ sơ nào đang xử lý."),
    Queue.UNASSIGNED: _("Không có hồ sơ nào đang chờ phân công."),
    Queue.INCOMING: _("Không có hồ sơ liên thông nào đang ở cơ quan bạn."),
    Queue.APPROVALS: _("Không có hồ sơ nào đang chờ phê duyệt."),
    Queue.APOLOGIES: _("Không có văn bản xin lỗi nào đang chờ duyệt."),
    Queue.WATCH: _("Không có hồ sơ nào của đơn vị sắp đến hạn hoặc quá hạn."),
    Queue.ALL: _("Chưa có hồ sơ nào bạn được xem."),
}
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class QueueFilterForm(forms.Form):
    """The filters of a queue or of the list (a GET form; every field optional)."""

    q = forms.CharField(
        label=_("Tìm hồ sơ"),
        help_text=_("Mã hồ sơ, mã tham chiếu, tên hoặc số định danh của người nộp."),
        max_length=100,
        required=False,
    )
    procedure = forms.CharField(
        label=_("Mã thủ tục"),
        help_text=_("Ví dụ: 1.001193"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"list": "procedure-options", "autocomplete": "off"}),
    )
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả trạng thái")), *DossierStatus.choices],
        required=False,
    )
    channel = forms.ChoiceField(
        label=_("Kênh nộp"), choices=[("", _("Tất cả các kênh")), *Channel.choices], required=False
    )
    arrived_from = forms.DateField(label=_("Tiếp nhận (nộp) từ ngày"), required=False, widget=_DATE)
    arrived_to = forms.DateField(label=_("Tiếp nhận (nộp) đến ngày"), required=False, widget=_DATE)

    def __init__(self, *args: Any, field_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice = self.fields["field"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [("", _("Tất cả lĩnh vực")), *field_choices]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        start, end = data.get("arrived_from"), data.get("arrived_to")
        if start and end and start > end:
            self.add_error("arrived_to", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
        return data

    def filters(self) -> QueueFilters:
        """The valid values (an invalid one is shown with its error and not used)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        status, channel = data.get("status"), data.get("channel")
        return QueueFilters(
            text=data.get("q") or "",
            procedure=data.get("procedure") or "",
            field=data.get("field") or "",
            status=DossierStatus(status) if status else None,
            channel=Channel(channel) if channel else None,
            arrived_from=data.get("arrived_from") if "arrived_to" not in self.errors else None,
            arrived_to=data.get("arrived_to"),
        )


def _is_partial(request: HttpRequest) -> bool:
    """An htmx request for the results only (a history restore needs the whole page)."""
    htmx = getattr(request, "htmx", None)
    return htmx is not None and bool(htmx) and not htmx.history_restore_request


def _page(request: HttpRequest, *, queue: Queue | None, listing: bool) -> HttpResponse:
    user = actor(request)
    at = timezone.now()
    form = QueueFilterForm(
        request.GET, field_choices=list(Field.objects.values_list("code", "name"))
    )
    form.is_valid()
    filters = form.filters()
    board: QueueBoard = queue_board(
        actor=user, queue=queue, filters=filters, page=request.GET.get("page"), at=at
    )
    kept = {
        name: request.GET[name]
        for name in form.fields
        if request.GET.get(name) and name not in form.errors
    }
    page_url = reverse("backoffice:dossier-list" if listing else "backoffice:home")
    clear_url = page_url
    if not listing:
        kept = {"queue": board.queue.value, **kept}
        clear_url = f"{page_url}?{urlencode({'queue': board.queue.value})}"
    partial = _is_partial(request)
    context = {
        "form": form,
        "board": board,
        "result": board.result,
        "queue": board.queue,
        "listing": listing,
        "page_url": page_url,
        "clear_url": clear_url,
        "queue_help": QUEUE_HELP[board.queue],
        "empty_message": EMPTY[board.queue],
        "filtered": bool(filters),
        "filter_query": urlencode(kept),
        "page_range": board.result.page.paginator.get_elided_page_range(
            board.result.page.number, on_each_side=2, on_ends=1
        ),
        "procedures": [] if partial else procedure_choices_for(actor=user, on=_local_day(at)),
        "partial": partial,
    }
    response = render(request, f"{TEMPLATE}#results" if partial else TEMPLATE, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _local_day(at: dt.datetime) -> dt.date:
    return to_local(at).date()


@staff_required
def home(request: HttpRequest) -> HttpResponse:
    """The officer's queues: what waits for them, soonest due first (`?queue=` picks a tab)."""
    value = request.GET.get("queue", "")
    queue = Queue(value) if value in Queue.values and value != Queue.ALL else None
    return _page(request, queue=queue, listing=False)


@staff_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    """Every dossier the officer may see, newest first, searchable and filterable."""
    return _page(request, queue=Queue.ALL, listing=True)
