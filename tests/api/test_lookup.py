"""The public look-up (GET /api/v1/lookup): code + last four digits of the applicant's ID number or
phone; one answer for every miss; no personal data; tries rate-limited per client address."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from motcua.core.ratelimit import Rate, RateLimited, rate_limit_hit
from motcua.dossiers.models import Dossier, DossierStatus, ReturnMethod
from motcua.dossiers.selectors import dossier_public_lookup
from motcua.workflow import services as wf
from tests.accounts.factories import CitizenFactory
from tests.dossiers.builders import MONDAY_9AM, at, build_world, receive, scan, submit_online

URL = "/api/v1/lookup"
MONDAY = MONDAY_9AM.date()


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock():
    with time_machine.travel(at(MONDAY, 11), tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock):
    return build_world()


@pytest.fixture
def dossier(world) -> Dossier:
    return receive(world)  # ID 001090012345, phone 0912345678


def lookup(code: str, last4: str, *, address: str = "203.0.113.5"):
    return Client(REMOTE_ADDR=address).get(URL, {"code": code, "last4": last4})


def test_the_code_and_the_id_numbers_last_digits_show_the_status(dossier) -> None:
    response = lookup(dossier.code, "2345")

    assert response.status_code == 200, response.content
    assert response.json() == {
        "code": "000.01.31.H99-260309-0001",
        "procedure_name": "Thủ tục đăng ký khai sinh",
        "status": {"code": "received", "public_code": 2, "label": "Được tiếp nhận"},
        "submitted_at": None,
        "received_at": "2026-03-09T09:00:00+07:00",
        "appointment_at": "2026-03-12T09:00:00+07:00",
        "finished_at": None,
        "returned_at": None,
    }


def test_the_phones_last_digits_work_too(dossier) -> None:
    assert lookup(f"  {dossier.code} ", "5678").status_code == 200


def test_no_personal_data_is_shown(world, dossier) -> None:
    text = lookup(dossier.code, "5678").content.decode()

    for personal in ("Nguyễn Văn Bình", "001090012345", "0912345678", "binh@example.com",
                     "Thôn Đông", "Nguyễn Minh An", world.desk_officer.username):  # fmt: skip
        assert personal not in text


def test_a_wrong_code_and_wrong_digits_answer_the_same(dossier) -> None:
    answers = [
        lookup(dossier.code, "0000"),
        lookup("000.01.31.H99-260309-9999", "2345"),
        lookup(dossier.code, "23a5"),
        lookup(dossier.code, "12345"),
        lookup(dossier.code, "1234"),  # the first digits of the ID, not the last
    ]

    assert {r.status_code for r in answers} == {404}
    assert {r.content for r in answers} == {answers[0].content}
    assert answers[0].json()["code"] == "lookup_not_found"
    assert answers[0].json()["message"].startswith("Không tìm thấy hồ sơ")


def test_a_malformed_query_is_422(dossier) -> None:
    response = Client().get(URL, {"code": dossier.code})

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_an_online_submission_is_found_by_its_reference(world) -> None:
    submitted = submit_online(world, account=CitizenFactory(), when=at(MONDAY, 10))

    response = lookup(submitted.reference, "5678")

    assert response.status_code == 200
    body = response.json()
    assert body["code"] == submitted.reference
    assert body["status"]["public_code"] == 1
    assert body["submitted_at"] == "2026-03-09T10:00:00+07:00"
    assert (body["received_at"], body["appointment_at"]) == (None, None)


def test_a_returned_dossier_shows_when_it_finished_and_was_returned(world, dossier) -> None:
    day = MONDAY
    wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(day, 9, 30))
    wf.dossier_forward(dossier=dossier, actor=world.specialist, at=at(day, 10))
    wf.dossier_approve(dossier=dossier, actor=world.leader, files=[scan()], at=at(day, 10, 15))
    wf.dossier_return(dossier=dossier, actor=world.desk_officer, method=ReturnMethod.POST,
                      tracking_number="EB123456789VN", at=at(day, 10, 45))  # fmt: skip

    body = lookup(dossier.code, "2345").json()

    assert body["status"] == {"code": "returned", "public_code": 10, "label": "Đã trả kết quả"}
    assert body["finished_at"] == "2026-03-09T10:15:00+07:00"
    assert body["returned_at"] == "2026-03-09T10:45:00+07:00"
    assert "EB123456789VN" not in str(body)


def test_the_appointment_is_the_new_one_after_an_apology(dossier) -> None:
    new_due = at(MONDAY + dt.timedelta(days=7), 16)
    Dossier.objects.filter(pk=dossier.pk).update(rescheduled_due_at=new_due)

    found = dossier_public_lookup(code=dossier.code, last4="2345")

    assert found is not None
    assert found.appointment_at == new_due
    assert found.status is DossierStatus.RECEIVED


def test_tries_are_rate_limited_per_address(dossier, settings, clock) -> None:
    settings.MOTCUA_LOOKUP_RATE = "3/600"
    for _ in range(3):
        assert lookup(dossier.code, "0000").status_code == 404

    limited = lookup(dossier.code, "2345")  # even the right answer, once over the limit

    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert "thử lại sau" in limited.json()["message"]
    retry_after = int(limited["Retry-After"])
    assert 0 < retry_after <= 600
    assert limited.json()["details"] == {"retry_after": retry_after}
    assert lookup(dossier.code, "2345", address="198.51.100.7").status_code == 200

    clock.shift(dt.timedelta(seconds=retry_after))
    assert lookup(dossier.code, "2345").status_code == 200


def test_rate_parsing() -> None:
    assert Rate.parse("20/600") == Rate(20, 600)
    for bad in ("20", "0/60", "20/0", "a/b", "1/2/3"):
        with pytest.raises(ValueError, match="Rate limit"):
            Rate.parse(bad)


def test_the_limit_counts_each_window_apart() -> None:
    rate = Rate(2, 60)
    rate_limit_hit(scope="t", client="c", rate=rate, now=120.0)
    rate_limit_hit(scope="t", client="c", rate=rate, now=150.0)
    with pytest.raises(RateLimited) as refused:
        rate_limit_hit(scope="t", client="c", rate=rate, now=170.0)
    assert refused.value.retry_after == 10
    rate_limit_hit(scope="other", client="c", rate=rate, now=170.0)
    rate_limit_hit(scope="t", client="c", rate=rate, now=180.0)
