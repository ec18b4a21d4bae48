import datetime as dt

import pytest

from motcua.core.errors import DomainError, ValidationFailed
from motcua.documents.forms import (
    FormKind,
    FormNotInSet,
    FormSet,
    form_number,
    form_set_for,
    form_title,
)
from tests.documents import builders


def test_the_form_set_switches_on_1_july_2025():
    assert form_set_for(dt.date(2019, 1, 6)) is FormSet.R2018
    assert form_set_for(dt.date(2025, 6, 30)) is FormSet.R2018
    assert form_set_for(dt.date(2025, 7, 1)) is FormSet.R2025
    assert form_set_for(dt.date(2026, 11, 24)) is FormSet.R2025
    assert form_set_for(dt.date(2025, 6, 30)) == "2018"
    assert form_set_for(dt.date(2025, 7, 1)) == "2025"


def test_the_form_set_takes_a_date_not_an_instant():
    with pytest.raises(TypeError):
        form_set_for(dt.datetime(2025, 7, 1, tzinfo=dt.UTC))


def test_the_reception_date_is_the_local_one():
    # 30/6/2025 17:30 UTC is 1/7/2025 00:30 in Vietnam: the 2025 set.
    received = dt.datetime(2025, 6, 30, 17, 30, tzinfo=dt.UTC)
    data = builders.receipt("2018", received_at=received, due_at=received + dt.timedelta(days=3))
    assert form_set_for(data.selector_date()) is FormSet.R2025


def test_form_numbers_per_set():
    numbers_2018 = {
        kind: form_number(kind, FormSet.R2018)
        for kind in FormKind
        if kind is not FormKind.STOP_NOTICE
    }
    assert numbers_2018 == {
        FormKind.RECEIPT: 1,
        FormKind.SUPPLEMENT_REQUEST: 2,
        FormKind.REFUSAL: 3,
        FormKind.APOLOGY: 4,
        FormKind.CONTROL_SHEET: 5,
        FormKind.LOGBOOK: 6,
    }
    numbers_2025 = {kind: form_number(kind, FormSet.R2025) for kind in FormKind}
    assert numbers_2025 == {
        FormKind.RECEIPT: 1,
        FormKind.SUPPLEMENT_REQUEST: 2,
        FormKind.REFUSAL: 3,
        FormKind.APOLOGY: 4,
        FormKind.STOP_NOTICE: 5,
        FormKind.CONTROL_SHEET: 6,
        FormKind.LOGBOOK: 7,
    }


def test_there_is_no_stop_notice_in_the_2018_set():
    with pytest.raises(FormNotInSet) as caught:
        form_number(FormKind.STOP_NOTICE, FormSet.R2018)
    assert isinstance(caught.value, DomainError)
    assert caught.value.code == "form_not_in_set"
    assert "01/7/2025" in caught.value.message
    assert caught.value.details == {"form": "stop_notice", "form_set": "2018"}


def test_the_apology_changes_its_title_in_2025():
    assert (
        form_title(FormKind.APOLOGY, FormSet.R2018) == "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
    )
    assert (
        form_title(FormKind.APOLOGY, FormSet.R2025)
        == "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
    )
    assert form_title(FormKind.RECEIPT, FormSet.R2018) == form_title(
        FormKind.RECEIPT, FormSet.R2025
    )


def test_refusals_and_supplement_requests_need_reasons():
    with pytest.raises(ValidationFailed) as caught:
        builders.refusal(reasons=("  ",)).check()
    assert caught.value.code == "reason_required"
    with pytest.raises(ValidationFailed) as caught:
        builders.supplement_request(reason="").check()
    assert caught.value.code == "reason_required"
    with pytest.raises(ValidationFailed) as caught:
        builders.supplement_request(items=()).check()
    assert caught.value.code == "supplement_items"


def test_a_receipt_lists_components_and_an_appointment_after_reception():
    with pytest.raises(ValidationFailed) as caught:
        builders.receipt(components=()).check()
    assert caught.value.code == "receipt_components"
    data = builders.receipt()
    with pytest.raises(ValidationFailed) as caught:
        builders.receipt(due_at=data.received_at - dt.timedelta(minutes=1)).check()
    assert caught.value.code == "receipt_due"


def test_an_apology_moves_the_appointment_later():
    data = builders.apology()
    with pytest.raises(ValidationFailed) as caught:
        builders.apology(new_due_at=data.original_due_at).check()
    assert caught.value.code == "apology_new_due"


def test_naive_instants_are_refused():
    with pytest.raises(ValueError, match="naive"):
        builders.stop_notice(issued_at=dt.datetime(2026, 11, 24, 10, 0)).check()  # noqa: DTZ001


def test_a_logbook_printout_stays_in_one_year_and_one_form_set():
    builders.logbook("2025").check()
    builders.logbook("2018").check()
    with pytest.raises(ValidationFailed) as caught:
        builders.logbook("2018", period_to=dt.date(2025, 7, 1)).check()
    assert caught.value.code == "logbook_spans_form_sets"
    with pytest.raises(ValidationFailed) as caught:
        builders.logbook("2025", period_to=dt.date(2027, 1, 1)).check()
    assert caught.value.code == "logbook_period"


def test_logbook_serials_increase_and_rows_fall_in_the_period():
    data = builders.logbook("2025", entries=3)
    first, second, third = data.rows
    with pytest.raises(ValidationFailed) as caught:
        builders.logbook("2025", rows=(first, third, second)).check()
    assert caught.value.code == "logbook_serial"
    with pytest.raises(ValidationFailed) as caught:
        builders.logbook("2025", period_to=dt.date(2026, 11, 1)).check()
    assert caught.value.code == "logbook_period"
