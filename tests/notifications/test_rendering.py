"""Every template renders Vietnamese text with Vietnamese dates; SMS bodies stay one part."""

import datetime as dt

import pytest

from motcua.core.errors import ValidationFailed
from motcua.core.timezone import VN_TZ
from motcua.notifications.formatting import date_vi, datetime_vi
from motcua.notifications.models import NotificationChannel, NotificationTemplate
from motcua.notifications.rendering import REQUIRED_CONTEXT, render_message
from motcua.notifications.text import is_gsm7

EMAIL = NotificationChannel.EMAIL
SMS = NotificationChannel.SMS
CODE = "000.00.01.H98-261124-0007"
OTP = {"code": "482913", "valid_minutes": 5}


def email(template, context):
    return render_message(channel=EMAIL, template=template, context=context)


def sms(template, context, *, unaccented=False):
    return render_message(channel=SMS, template=template, context=context, unaccented=unaccented)


def test_datetime_vi_is_local_time_hour_minute_and_date():
    assert (
        datetime_vi(dt.datetime(2026, 11, 27, 16, 30, tzinfo=VN_TZ)) == "16 giờ 30 ngày 27/11/2026"
    )
    # Stored in UTC, shown in Vietnam's time: 01:05 UTC is 8:05 in Hà Nội.
    assert datetime_vi(dt.datetime(2026, 12, 1, 1, 5, tzinfo=dt.UTC)) == "8 giờ 05 ngày 01/12/2026"
    assert datetime_vi(None) == ""
    with pytest.raises(ValueError, match="naive"):
        datetime_vi(dt.datetime(2026, 11, 27, 16, 30))  # noqa: DTZ001


def test_date_vi_takes_the_local_date_of_an_instant():
    assert date_vi(dt.date(2026, 1, 2)) == "02/01/2026"
    # 20:00 UTC on 31/12 is already 1/1 in Vietnam.
    assert date_vi(dt.datetime(2025, 12, 31, 20, 0, tzinfo=dt.UTC)) == "01/01/2026"


def test_received_email(dossier_context):
    message = email(NotificationTemplate.DOSSIER_RECEIVED, dossier_context)
    assert message.subject == f"Đã tiếp nhận hồ sơ {CODE} — Ủy ban nhân dân xã Hòa Bình"
    assert message.body.startswith("Kính gửi Ông/Bà Nguyễn Thị Bình,\n\n")
    assert "đã tiếp nhận hồ sơ của Ông/Bà lúc 9 giờ 05 ngày 24/11/2026." in message.body
    assert f"Mã hồ sơ: {CODE}\nThủ tục: Đăng ký khai sinh\n" in message.body
    assert "Thời gian hẹn trả kết quả: 16 giờ 30 ngày 27/11/2026\n" in message.body
    assert "Nơi nhận kết quả: Bộ phận Một cửa UBND xã Hòa Bình" in message.body
    assert "https://dichvucong.sonha.gov.vn/tra-cuu" in message.body
    assert "\n\n\n" not in message.body


def test_received_without_optional_context_leaves_no_gaps(dossier_context):
    required = {
        name: dossier_context[name]
        for name in REQUIRED_CONTEXT[NotificationTemplate.DOSSIER_RECEIVED]
    }
    message = email(NotificationTemplate.DOSSIER_RECEIVED, required)
    assert "lúc" not in message.body.split("\n")[2]
    assert "hẹn trả kết quả" not in message.body
    assert "Thủ tục: Đăng ký khai sinh\n\nÔng/Bà có thể tra cứu" in message.body
    assert sms(NotificationTemplate.DOSSIER_RECEIVED, required).body == (
        f"Hồ sơ {CODE} đã được tiếp nhận. Tra cứu: https://dichvucong.sonha.gov.vn/tra-cuu"
    )


def test_supplement_request_lists_reason_and_items_as_plain_text(dossier_context):
    message = email(NotificationTemplate.DOSSIER_SUPPLEMENT_REQUESTED, dossier_context)
    assert message.subject.startswith(f"Yêu cầu bổ sung, hoàn thiện hồ sơ {CODE}")
    # Plain text: no HTML escaping of "&".
    assert "Lý do: Tờ khai thiếu chữ ký của người đi khai sinh & bản sao" in message.body
    assert (
        "Nội dung cần bổ sung, hoàn thiện:\n- Tờ khai đăng ký khai sinh (có chữ ký)\n"
        "- Bản sao Giấy chứng sinh\n"
    ) in message.body
    assert "xin liên hệ: Bộ phận Một cửa, điện thoại 0237 3852 123" in message.body


def test_result_ready(dossier_context):
    message = email(NotificationTemplate.DOSSIER_RESULT_READY, dossier_context)
    assert message.subject == f"Hồ sơ {CODE} đã có kết quả — Ủy ban nhân dân xã Hòa Bình"
    assert "đã có kết quả giải quyết." in message.body
    assert "Nơi nhận kết quả: Bộ phận Một cửa UBND xã Hòa Bình, số 1 đường Trần Phú" in message.body


def test_apology_gives_reason_and_new_date(dossier_context):
    message = email(NotificationTemplate.DOSSIER_APOLOGY, dossier_context)
    assert message.subject.startswith("Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ")
    assert "thành thật xin lỗi Ông/Bà" in message.body
    assert "chưa thể trả kết quả đúng hẹn (16 giờ 30 ngày 27/11/2026)." in message.body
    assert "Thời gian hẹn trả kết quả mới: 8 giờ 05 ngày 01/12/2026" in message.body
    assert sms(NotificationTemplate.DOSSIER_APOLOGY, dossier_context).body == (
        f"Xin lỗi Ông/Bà: hồ sơ {CODE} chậm trả kết quả, hẹn lại 8 giờ 05 ngày 01/12/2026. "
        "Tra cứu: https://dichvucong.sonha.gov.vn/tra-cuu"
    )


def test_returned(dossier_context):
    message = email(NotificationTemplate.DOSSIER_RETURNED, dossier_context)
    assert (
        "đã được trả trực tiếp tại Bộ phận Một cửa lúc 10 giờ 15 ngày 27/11/2026." in message.body
    )
    assert "đánh giá mức độ hài lòng" in message.body
    assert "https://dichvucong.sonha.gov.vn/danh-gia" in message.body


def test_otp_code():
    message = email(NotificationTemplate.OTP_CODE, OTP)
    assert message.subject == "Mã xác thực: 482913"
    assert "Mã có hiệu lực trong 5 phút." in message.body
    assert sms(NotificationTemplate.OTP_CODE, OTP).body == (
        "Mã xác thực của Ông/Bà là 482913, hiệu lực 5 phút. Không cung cấp mã này cho bất kỳ ai."
    )


@pytest.mark.parametrize("template", list(NotificationTemplate))
def test_every_sms_fits_one_unaccented_part(template, dossier_context):
    context = {**dossier_context, **OTP}
    accented = sms(template, context)
    plain = sms(template, context, unaccented=True)
    assert "\n" not in accented.body
    assert accented.subject == ""
    assert not is_gsm7(accented.body)  # Vietnamese diacritics: the gateway would bill 70 a part
    assert is_gsm7(plain.body)
    assert len(plain.body) <= 160, plain.body


def test_unaccented_sms_keeps_case(dossier_context):
    body = sms(NotificationTemplate.DOSSIER_RECEIVED, dossier_context, unaccented=True).body
    assert body.startswith(f"Ho so {CODE} da duoc tiep nhan. Hen tra ket qua 16 gio 30 ngay")


@pytest.mark.parametrize("template", list(NotificationTemplate))
def test_every_template_has_subject_and_body(template, dossier_context):
    message = email(template, {**dossier_context, **OTP})
    assert message.subject
    assert "\n" not in message.subject
    assert message.body.count("\n") >= 2


def test_missing_required_context_is_refused(dossier_context):
    context = {**dossier_context, "reason": ""}
    del context["new_appointment_at"]
    with pytest.raises(ValidationFailed) as raised:
        email(NotificationTemplate.DOSSIER_APOLOGY, context)
    assert raised.value.code == "notification_context_missing"
    assert raised.value.details["missing"] == ["reason", "new_appointment_at"]
