"""The dossier endpoints: intake, the list, one dossier (masked contact data), its timeline, files,
deadline and forms, the actions through to the return, and the errors as JSON problems."""

import io
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier, DossierEvent, DossierStatus
from motcua.workflow import services as wf
from tests.accounts.factories import CitizenFactory
from tests.api.dossier_helpers import (
    URL,
    ApiClient,
    b64,
    intake_body,
    online_body,
    pdf_file,
)
from tests.dossiers.builders import MONDAY_9AM, PDF, at, build_world, receive, scan

MONDAY = MONDAY_9AM.date()


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock):
    return build_world()


@pytest.fixture
def desk(world):
    return ApiClient(world.desk_officer)


def problem(response, status: int, code: str) -> dict[str, Any]:
    """The JSON problem of a refused request, checked for its status, code and a message."""
    assert response.status_code == status, response.content
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    assert body["message"].strip()
    return body


# --- Intake --------------------------------------------------------------------------------------


def test_counter_intake_returns_the_received_dossier(world, desk) -> None:
    response = desk.post("", intake_body())

    assert response.status_code == 201, response.json()
    body = response.json()
    dossier = Dossier.objects.get()
    assert body["code"] == dossier.code == "000.01.31.H99-260309-0001"
    assert body["status"] == "received"
    assert body["public_status"] == {"code": 2, "label": "Được tiếp nhận"}
    assert body["procedure"] == {
        "code": "1.001193",
        "namespace": "national",
        "name": "Thủ tục đăng ký khai sinh",
        "version": 1,
    }
    assert body["variant"]["code"] == "dung-han"
    assert body["channel"] == "counter"
    assert body["desk"]["code"] == "mot-cua-hoa-an"
    assert body["received_at"] == "2026-03-09T09:00:00+07:00"
    # 3 working days from Monday 09:00.
    assert body["due_at"] == body["appointment_at"] == "2026-03-12T09:00:00+07:00"
    assert body["timeliness"] == {"code": "in_time", "label": "Trong hạn", "paused": False}
    assert body["current_step"]["code"] == "tiep-nhan"
    assert body["handler"]["username"] == world.desk_officer.username
    assert body["applicant"]["phone"] == "0912345678"
    assert body["applicant"]["masked"] is False
    components = {c["code"]: c for c in body["components"]}
    assert components["to-khai"]["digitised"] is True
    assert len(components["to-khai"]["files"]) == 1
    assert components["giay-chung-sinh"]["scan_exemption"] == "Giấy tờ chỉ xuất trình"
    forward = next(a for a in body["actions"] if a["action"] == "forward")
    assert [s["code"] for s in forward["steps"]] == ["tham-dinh"]
    event = dossier.events.get()
    assert (event.action, event.actor, event.note) == (
        "receive",
        world.desk_officer,
        "Nhận tại quầy số 2",
    )


def test_intake_by_someone_not_at_the_desk_is_forbidden(world) -> None:
    response = ApiClient(world.other_officer).post("", intake_body())

    problem(response, 403, "action_not_permitted")
    assert not Dossier.objects.exists()


def test_intake_refusals_name_what_is_wrong(world, desk) -> None:
    missing = intake_body(components=[intake_body()["components"][0]])
    body = problem(desk.post("", missing), 400, "dossier_incomplete")
    assert body["field"] == "components"
    assert body["details"]["missing"] == ["Giấy chứng sinh"]

    problem(desk.post("", intake_body(desk="khong-co")), 400, "desk_not_found")
    problem(desk.post("", intake_body(procedure_code="9.999999")), 400, "procedure_not_in_force")
    local = intake_body(namespace="local")  # the code exists only in the national namespace
    problem(desk.post("", local), 400, "procedure_not_in_force")
    body = problem(desk.post("", intake_body(variant_code="qua-han")), 400, "variant_not_found")
    assert body["details"]["choices"] == ["dung-han"]
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"applicant": None}, id="applicant-null"),
        pytest.param({"components": "to-khai"}, id="components-not-a-list"),
        pytest.param({"channel": "online"}, id="channel-not-a-desk-channel"),
        pytest.param({"sets": 0}, id="sets-zero"),
        pytest.param(
            {"components": [{"code": "to-khai", "files": [{"name": "a.pdf", "content_base64": "@"}]}]},
            id="bad-base64",
        ),
    ],
)  # fmt: skip
def test_malformed_intake_is_422(world, desk, change) -> None:
    body = problem(desk.post("", intake_body(**change)), 422, "invalid_input")

    assert body["details"]["errors"]
    assert not Dossier.objects.exists()


def test_a_file_is_checked_by_its_content(world, desk) -> None:
    text = {"name": "to-khai.pdf", "content_base64": b64(b"not a pdf at all")}
    components = [{"code": "to-khai", "originals": 1, "files": [text]}]
    components.append(intake_body()["components"][1])

    body = problem(desk.post("", intake_body(components=components)), 400, "dossier_input_invalid")

    assert "không phải PDF" in body["details"]["problems"]["components.to-khai"]


# --- Online submission ---------------------------------------------------------------------------


def test_a_citizen_submits_online_and_the_desk_accepts(world, desk) -> None:
    citizen = CitizenFactory()
    response = ApiClient(citizen, session=True).post("/online", online_body())

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["code"] is None
    assert body["reference"].startswith("TN260309")
    assert body["status"] == "submitted"
    assert body["public_status"]["code"] == 1
    assert body["due_at"] is None
    assert body["timeliness"] is None
    assert body["applicant"]["masked"] is False  # the applicant sees their own data
    assert Dossier.objects.get().applicant_account == citizen

    mine = ApiClient(citizen, session=True).get(f"/{body['reference']}")
    assert mine.status_code == 200
    problem(ApiClient(CitizenFactory(), session=True).get(f"/{body['reference']}"), 404,
            "dossier_not_found")  # fmt: skip

    accepted = desk.act(body["reference"], "receive", note="Hồ sơ trực tuyến đủ")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["code"] == "000.01.31.H99-260309-0001"
    assert accepted.json()["status"] == "received"


def test_online_submission_is_for_citizens_with_a_session(world) -> None:
    staff = ApiClient(world.desk_officer, session=True)
    problem(staff.post("/online", online_body()), 403, "citizen_only")
    # An API key is not accepted for this endpoint (citizens submit in their own session).
    problem(ApiClient(CitizenFactory()).post("/online", online_body()), 401, "not_authenticated")
    assert not Dossier.objects.exists()


# --- A whole flow through the API ----------------------------------------------------------------


def test_intake_then_actions_to_the_return(world, desk, clock) -> None:
    code = desk.post("", intake_body()).json()["code"]
    specialist, leader = ApiClient(world.specialist), ApiClient(world.leader)

    clock.move_to(at(MONDAY, 10))
    response = desk.act(code, "forward", to_step="tham-dinh", handler="chuyenvien.hoaan")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "processing"
    assert response.json()["current_step"]["code"] == "tham-dinh"
    assert response.json()["handler"]["username"] == "chuyenvien.hoaan"
    # At the specialist's step the desk may only file a withdrawal for the applicant.
    assert [a["action"] for a in response.json()["actions"]] == ["request_withdrawal"]

    clock.move_to(at(MONDAY, 14))
    detail = specialist.get(f"/{code}").json()
    assert [a["action"] for a in detail["actions"]][:2] == ["forward", "send_back"]
    response = specialist.act(code, "forward", note="Đủ điều kiện")
    assert response.json()["current_step"]["code"] == "phe-duyet", response.json()

    clock.move_to(at(MONDAY, 15))
    response = leader.act(
        code, "approve", result_number="12/GKS", summary="Cấp giấy khai sinh",
        files=[pdf_file("giay-khai-sinh.pdf")],
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "result_ready"
    assert response.json()["result"]["number"] == "12/GKS"

    clock.move_to(at(MONDAY, 16))
    response = desk.act(
        code, "return_result", method="counter", received_by_name="Nguyễn Văn Bình",
        received_by_id_number="001090012345",
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "returned"
    assert body["public_status"] == {"code": 10, "label": "Đã trả kết quả"}
    assert body["timeliness"] == {"code": "early", "label": "Trước hạn", "paused": False}
    assert body["result"]["returned_at"] == "2026-03-09T16:00:00+07:00"
    assert body["result"]["return_method"] == "counter"

    events = desk.get(f"/{code}/events").json()
    assert [e["action"] for e in events] == [
        "receive",
        "forward",
        "forward",
        "approve",
        "return_result",
    ]
    assert [e["sequence"] for e in events] == [1, 2, 3, 4, 5]
    approve = events[3]
    assert approve["action_label"] == "Phê duyệt"
    assert (approve["from_status"], approve["to_status"]) == ("processing", "result_ready")
    assert (approve["from_step"]["code"], approve["to_step"]["code"]) == (
        "phe-duyet",
        "tra-ket-qua",
    )
    assert approve["actor_name"] == world.leader.full_name
    assert approve["step_budget_hours"] == "4.00"
    assert approve["step_used_hours"] == "1.00"
    assert [f["name"] for f in approve["files"]] == ["giay-khai-sinh.pdf"]
    assert approve["files"][0]["kind"] == "result"
    assert events[1]["step_used_hours"] == "1.00"  # reception: 09:00 → 10:00


# --- Errors --------------------------------------------------------------------------------------


@pytest.fixture
def dossier(world) -> Dossier:
    return receive(world)


def test_unknown_action_is_404(world, desk, dossier) -> None:
    body = problem(desk.act(dossier.code, "teleport"), 404, "unknown_action")

    assert "forward" in body["details"]["actions"]


def test_a_refused_transition_is_400(world, desk, dossier) -> None:
    body = problem(desk.act(dossier.code, "return_result", method="counter"), 400,
                   "transition_not_allowed")  # fmt: skip

    assert "Được tiếp nhận" in body["message"]
    assert body["details"] == {"action": "return_result", "status": "received"}


def test_a_step_the_process_lacks_is_400(world, desk, dossier) -> None:
    body = problem(desk.act(dossier.code, "forward", to_step="phe-duyet"), 400, "step_not_allowed")

    assert body["field"] == "to_step"
    assert body["details"]["choices"] == ["tham-dinh"]
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED


def test_the_wrong_role_is_403(world, dossier) -> None:
    body = problem(ApiClient(world.specialist).act(dossier.code, "forward"), 403,
                   "action_not_permitted")  # fmt: skip

    assert body["message"].startswith("Tài khoản của Ông/Bà không được")


def test_another_agencys_dossier_is_404_everywhere(world, dossier) -> None:
    outsider = ApiClient(world.other_officer)
    for path in ("", "/events", "/documents", "/deadline", "/forms"):
        problem(outsider.get(f"/{dossier.code}{path}"), 404, "dossier_not_found")
    problem(outsider.act(dossier.code, "forward"), 404, "dossier_not_found")
    # The police see a dossier only once it reached them.
    problem(ApiClient(world.police_specialist).get(f"/{dossier.code}"), 404, "dossier_not_found")


def test_a_missing_field_an_action_needs_is_422(world, desk, dossier) -> None:
    body = problem(desk.act(dossier.code, "assign"), 422, "invalid_input")

    assert body["details"]["errors"][0]["loc"][-1] == "handler"
    problem(desk.act(dossier.code, "assign", handler="khong.co"), 400, "handler_not_found")


def test_a_malformed_action_body_is_422(world, desk, dossier) -> None:
    problem(desk.act(dossier.code, "forward", files="x"), 422, "invalid_input")
    problem(desk.act(dossier.code, "confirm_payment", amount=-5), 422, "invalid_input")


# --- Reading ------------------------------------------------------------------------------------


def test_contact_data_is_masked_for_roles_other_than_the_desk(world, desk, dossier) -> None:
    wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 10))

    seen = ApiClient(world.specialist).get(f"/{dossier.code}").json()

    assert seen["applicant"] == {
        "kind": "individual",
        "name": "Nguyễn Văn Bình",
        "id_number": "**********45",
        "address": "Thôn Đông, xã Hòa An",
        "phone": "********78",
        "phone_is_landline": False,
        "email": "b***@example.com",
        "submitter_name": "",
        "submitter_id_number": "",
        "masked": True,
    }
    assert seen["answers"]["declarant_phone"] == "********78"  # an e-form phone field
    assert seen["answers"]["child_name"] == "Nguyễn Minh An"
    full = desk.get(f"/{dossier.code}").json()
    assert full["applicant"]["id_number"] == "001090012345"
    assert full["answers"]["declarant_phone"] == "0912345678"


def test_a_dossier_is_found_by_code_or_reference(world, desk, dossier) -> None:
    by_reference = desk.get(f"/{dossier.reference}")

    assert by_reference.status_code == 200
    assert by_reference.json()["code"] == dossier.code


def test_the_list_shows_the_callers_dossiers_newest_first(world, desk, clock) -> None:
    first = receive(world, when=at(MONDAY, 9))
    second = receive(world, when=at(MONDAY, 10))
    third = receive(world, when=at(MONDAY, 11))
    wf.dossier_forward(dossier=third, actor=world.desk_officer, at=at(MONDAY, 11, 30))

    response = desk.get("")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [d["code"] for d in body["items"]] == [third.code, second.code, first.code]
    row = body["items"][0]
    assert row["status"] == "processing"
    assert row["public_status"] == {"code": 4, "label": "Đang xử lý"}
    assert row["procedure"]["name"] == "Thủ tục đăng ký khai sinh"
    assert row["current_step"]["code"] == "tham-dinh"
    assert row["due_at"] == "2026-03-12T11:00:00+07:00"
    assert desk.get("", {"status": "received"}).json()["count"] == 2
    assert desk.get("", {"q": second.code}).json()["items"][0]["code"] == second.code
    assert desk.get("", {"q": "Bình"}).json()["count"] == 3
    page = desk.get("", {"page": 2, "page_size": 2}).json()
    assert (page["count"], [d["code"] for d in page["items"]]) == (3, [first.code])
    assert ApiClient(world.other_officer).get("").json() == {"items": [], "count": 0}


def test_the_list_makes_no_query_per_row(world, desk) -> None:
    receive(world, when=at(MONDAY, 9))
    desk.get("")  # the key's first use records it: not a cost of the list
    with CaptureQueriesContext(connection) as one:
        assert desk.get("").json()["count"] == 1
    for hour in (10, 11, 14, 15):
        dossier = receive(world, when=at(MONDAY, hour))
        wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, hour, 30))

    with CaptureQueriesContext(connection) as five:
        assert desk.get("").json()["count"] == 5

    assert len(five) == len(one)


def test_the_list_refuses_an_unknown_status(world, desk) -> None:
    problem(desk.get("", {"status": "lost"}), 422, "invalid_input")


def test_documents_are_listed_and_downloaded_as_attachments(world, desk, dossier) -> None:
    files = desk.get(f"/{dossier.code}/documents").json()

    assert [(f["name"], f["kind"], f["component"]) for f in files] == [
        ("to-khai.pdf", "component", "to-khai")
    ]
    response = desk.get(files[0]["url"].removeprefix(URL))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="to-khai.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    problem(desk.get(f"/{dossier.code}/documents/999999"), 404, "file_not_found")


def test_a_file_of_another_dossier_is_not_served_through_this_one(world, desk, dossier) -> None:
    other = receive(world, when=at(MONDAY, 10))
    other_file = other.files.get()

    problem(desk.get(f"/{dossier.code}/documents/{other_file.pk}"), 404, "file_not_found")


def test_the_deadline_view(world, desk, dossier) -> None:
    wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 10))

    with time_machine.travel(at(MONDAY, 11), tick=False):
        body = desk.get(f"/{dossier.code}/deadline").json()

    assert body["legal"]["due_at"] == "2026-03-12T09:00:00+07:00"
    assert body["legal"]["budget_hours"] == 24.0
    assert body["legal"]["used_hours"] == 2.0
    assert body["legal"]["state"] == {"code": "in_time", "label": "Trong hạn"}
    assert body["view_766"] == {"code": "in_time", "label": "Trong hạn"}
    assert [s["step"]["code"] for s in body["steps"]] == ["tiep-nhan", "tham-dinh"]
    reception, appraisal = body["steps"]
    assert (reception["clock"]["used_hours"], reception["clock"]["budget_hours"]) == (1.0, 2.0)
    assert reception["clock"]["state"]["code"] == "on_time"
    assert appraisal["clock"]["state"]["code"] == "in_time"
    assert body["agencies"] == [
        {
            "agency": {"code": "000.01.31.H99", "name": "UBND xã Hòa An"},
            "budget_hours": 16.0,
            "used_hours": 2.0,
            "over_budget": False,
        }
    ]


def test_an_online_submission_has_no_deadline_yet(world, desk) -> None:
    citizen = CitizenFactory()
    reference = ApiClient(citizen, session=True).post("/online", online_body()).json()["reference"]

    problem(desk.get(f"/{reference}/deadline"), 404, "deadline_not_started")


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_forms_are_listed_and_printed_as_pdf(world, desk, dossier) -> None:
    forms = desk.get(f"/{dossier.code}/forms").json()

    kinds = [f["kind"] for f in forms]
    assert kinds[0] == "receipt"
    receipt = forms[0]
    assert receipt["title"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert receipt["issued_at"] == "2026-03-09T09:00:00+07:00"
    response = desk.get(receipt["url"].removeprefix(URL))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert dossier.code in _pdf_text(response.content)
    problem(desk.get(f"/{dossier.code}/forms/apology"), 404, "form_not_found")
    body = problem(desk.get(f"/{dossier.code}/forms/passport"), 404, "form_not_found")
    assert "receipt" in body["details"]["kinds"]


def test_a_supplement_request_slip_is_printed_by_its_event(world, dossier) -> None:
    wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 10))
    wf.dossier_request_supplement(
        dossier=dossier, actor=world.specialist, items=[("giay-chung-sinh", "Bản sao hợp lệ")],
        reason="Giấy chứng sinh bị mờ", at=at(MONDAY, 11),
    )  # fmt: skip
    event = DossierEvent.objects.get(dossier=dossier, action="request_supplement")
    reader = ApiClient(world.specialist)

    forms = reader.get(f"/{dossier.code}/forms").json()
    slip = next(f for f in forms if f["kind"] == "supplement_request")
    assert slip["event_sequence"] == event.sequence
    assert slip["url"].endswith(f"?event={event.sequence}")
    response = reader.get(f"/{dossier.code}/forms/supplement_request", {"event": event.sequence})
    assert response.status_code == 200
    assert "Giấy chứng sinh bị mờ" in _pdf_text(response.content).replace("\n", " ")


# --- Session authentication and CSRF -------------------------------------------------------------


def test_session_users_read_and_act_with_the_csrf_token(world, dossier) -> None:
    session = ApiClient(world.desk_officer, session=True, csrf=True)
    assert session.get(f"/{dossier.code}").status_code == 200  # reads need no token

    problem(session.act(dossier.code, "forward"), 403, "csrf_failed")
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED

    session.client.get("/accounts/login/")  # any page that sets the CSRF cookie
    token = session.client.cookies["csrftoken"].value
    response = session.post(f"/{dossier.code}/actions/forward", {}, X_CSRFToken=token)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "processing"


def test_anonymous_requests_are_401_json(world, dossier) -> None:
    anonymous = ApiClient.__new__(ApiClient)
    anonymous.client, anonymous.headers = ApiClient(world.desk_officer).client, {}

    response = anonymous.get(f"/{dossier.code}")
    problem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")
    problem(anonymous.act(dossier.code, "forward"), 401, "not_authenticated")
    problem(anonymous.post("", intake_body()), 401, "not_authenticated")


def test_the_acting_user_is_recorded_for_a_key(world, dossier) -> None:
    ApiClient(world.desk_officer).act(dossier.code, "forward", note="Qua API")

    event = dossier.events.get(action="forward")
    assert event.actor == world.desk_officer
    assert event.note == "Qua API"
    assert isinstance(event.actor, User)


def test_send_back_and_files_on_a_forward(world, desk, dossier, clock) -> None:
    clock.move_to(at(MONDAY, 10))
    response = desk.act(dossier.code, "forward", files=[pdf_file("phieu-chuyen.pdf")])
    assert response.status_code == 200, response.json()
    clock.move_to(at(MONDAY, 11))
    specialist = ApiClient(world.specialist)
    problem(specialist.act(dossier.code, "send_back"), 400, "reason_required")
    response = specialist.act(dossier.code, "send_back", note="Thiếu chữ ký")
    assert response.json()["current_step"]["code"] == "tiep-nhan"
    assert response.json()["status"] == "received"

    events = desk.get(f"/{dossier.code}/events").json()
    assert [f["name"] for f in events[1]["files"]] == ["phieu-chuyen.pdf"]
    assert events[2]["note"] == "Thiếu chữ ký"


def test_apology_actions_go_through_the_apology_services(world, dossier, clock) -> None:
    wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 10))
    clock.move_to(at(MONDAY, 11))
    specialist, leader = ApiClient(world.specialist), ApiClient(world.leader)
    new_due = "2026-03-16T16:00:00"  # no zone: Vietnam's time

    response = specialist.act(dossier.code, "draft_apology", reason="Chờ xác minh",
                              new_due_at=new_due)  # fmt: skip
    assert response.status_code == 200, response.json()
    problem(specialist.act(dossier.code, "draft_apology", reason="x"), 422, "invalid_input")
    assert specialist.act(dossier.code, "submit_apology").status_code == 200
    response = leader.act(dossier.code, "approve_apology", note="Đồng ý")

    assert response.status_code == 200, response.json()
    assert response.json()["appointment_at"] == "2026-03-16T16:00:00+07:00"
    assert response.json()["due_at"] == "2026-03-12T09:00:00+07:00"
    assert [e.action for e in dossier.events.order_by("sequence")][-3:] == [
        "draft_apology",
        "submit_apology",
        "approve_apology",
    ]


def test_a_supplement_request_and_its_arrival(world, dossier, clock) -> None:
    wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 10))
    clock.move_to(at(MONDAY, 11))
    specialist, desk = ApiClient(world.specialist), ApiClient(world.desk_officer)

    body = problem(
        specialist.act(dossier.code, "request_supplement", reason="Thiếu giấy",
                       items=[{"code": "so-ho-khau", "requirement": "Bản sao"}]),
        400, "component_not_in_procedure",
    )  # fmt: skip
    assert body["details"]["unknown"] == ["so-ho-khau"]
    response = specialist.act(
        dossier.code, "request_supplement", reason="Giấy chứng sinh bị mờ",
        items=[{"code": "giay-chung-sinh", "requirement": "Bản chụp rõ nét"}],
    )  # fmt: skip
    assert response.json()["status"] == "supplement_requested"
    assert response.json()["timeliness"]["paused"] is True
    clock.move_to(at(MONDAY, 14))
    response = desk.act(dossier.code, "receive_supplement", files=[pdf_file("bo-sung.pdf")])

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "processing"
    assert response.json()["supplement_count"] == 1
    assert response.json()["clock_started_at"] == "2026-03-09T14:00:00+07:00"


def test_stop_processing_needs_a_leader_and_a_legal_ground(world, dossier) -> None:
    problem(ApiClient(world.specialist).act(dossier.code, "stop_processing", legal_ground="x"),
            403, "action_not_permitted")  # fmt: skip
    leader = ApiClient(world.leader)
    problem(leader.act(dossier.code, "stop_processing"), 400, "reason_required")

    response = leader.act(dossier.code, "stop_processing", legal_ground="Điều 11 NĐ 118/2025")

    assert response.json()["status"] == "stopped"
    assert response.json()["public_status"]["code"] == 8


def test_a_result_file_is_required_to_approve(world, dossier, clock) -> None:
    wf.dossier_forward(dossier=dossier, actor=world.desk_officer, at=at(MONDAY, 10))
    wf.dossier_forward(dossier=dossier, actor=world.specialist, at=at(MONDAY, 11))
    clock.move_to(at(MONDAY, 11, 30))

    body = problem(ApiClient(world.leader).act(dossier.code, "approve"), 400, "result_required")

    assert body["field"] == "files"
    wf.dossier_approve(dossier=dossier, actor=world.leader, files=[scan()], at=at(MONDAY, 12))


def test_a_body_over_the_upload_limit_is_413(world, desk, settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    big = {"name": "to-khai.pdf", "content_base64": b64(PDF + b"0" * 10_000)}
    components = [{"code": "to-khai", "originals": 1, "files": [big]}]

    body = problem(desk.post("", intake_body(components=components)), 413, "request_too_large")

    assert body["details"] == {"max_bytes": 10_000}
    assert not Dossier.objects.exists()
