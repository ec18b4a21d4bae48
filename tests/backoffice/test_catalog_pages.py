"""Back-office catalog pages: the list, the draft editor (errors shown where they belong, nothing
saved on error), the preview, and the lifecycle from draft to proposal, publication and end."""

import datetime as dt
import json
import re
from dataclasses import replace
from decimal import Decimal

import pytest
from django.urls import reverse

from motcua.accounts.models import Role
from motcua.catalog.models import EndReason, Procedure, ProcedureVersion, VersionStatus
from motcua.catalog.selectors import version_draft, version_spec
from motcua.catalog.services import procedure_draft_propose, procedure_draft_save, procedure_publish
from motcua.core.models import AuditEvent
from tests.accounts.factories import CitizenFactory, MembershipFactory
from tests.catalog.builders import birth_registration, catalog_world, step

pytestmark = pytest.mark.django_db

LIST = reverse("backoffice:catalog-list")
CREATE = reverse("backoffice:catalog-create")
CODE = "1.001193"
JULY = dt.date(2025, 7, 1)


def url(name, code=CODE, *args):
    return reverse(f"backoffice:catalog-{name}", args=["national", code, *args])


@pytest.fixture
def world():
    return catalog_world()


def member(agency, role):
    return MembershipFactory(agency=agency, role=role).user


@pytest.fixture
def province_admin(world):
    return member(world["province"], Role.PROVINCE_ADMIN)


@pytest.fixture
def commune_admin(world):
    return member(world["commune"], Role.AGENCY_ADMIN)


@pytest.fixture
def justice_admin(world):
    return member(world["justice"], Role.AGENCY_ADMIN)


@pytest.fixture
def specialist(world):
    return member(world["commune"], Role.SPECIALIST)


def published(spec=None, on=JULY):
    draft = procedure_draft_save(spec=spec or birth_registration(), actor=None)
    return procedure_publish(version=draft, valid_from=on, actor=None)


def page(client, path, **params):
    response = client.get(path, params)
    return response, response.content.decode()


# --- The editor's POST, as a browser sends it ---------------------------------------------------

ROW_FIELDS = {
    "components": lambda c: {
        "code": c.code,
        "name": c.name,
        "originals": c.originals,
        "copies": c.copies,
        "requirement": c.requirement,
        "condition": c.condition,
        "template": c.template_name,
    },
    "fees": lambda f: {
        "kind": f.kind,
        "name": f.name,
        "amount": f.amount,
        "unit": f.unit,
        "exemption": f.exemption,
    },
    "steps": lambda s: {
        "code": s.code,
        "name": s.name,
        "kind": s.kind,
        "role": s.role,
        "budget_hours": s.budget_hours,
        "agency": s.agency_code or "",
        "forward_to": ", ".join(s.forward_to),
        "send_back_to": ", ".join(s.send_back_to),
    },
}


def editor_post(spec, *, blank_rows=1):
    """The editor's POST data for `spec`, with `blank_rows` empty rows after each table."""
    data = {
        "save": "1",
        "code": spec.code,
        "namespace": spec.namespace,
        "name": spec.name,
        "field": spec.field_code,
        "levels": list(spec.levels),
        "executing_agencies": list(spec.executing_agency_codes),
        "legal_bases": "\n".join(
            f"{b.document} | {b.effective_date.isoformat()}" if b.effective_date else b.document
            for b in spec.legal_bases
        ),
        "variant_count": str(len(spec.variants)),
        "reason": "",
    }
    for name in (
        "reception_place", "steps_text", "subjects", "result", "conditions", "fees_note",
        "online_level", "cutoff_defers_clock", "hotline", "feedback_address", "decision_number",
        "decision_signer",
    ):  # fmt: skip
        data[name] = getattr(spec, name)
    for name in (
        "method_counter", "method_online", "method_postal", "for_individuals",
        "for_organisations", "full_online_eligible", "postal_intake", "postal_return",
        "four_at_desk",
    ):  # fmt: skip
        if getattr(spec, name):
            data[name] = "on"
    data["legacy_online_level"] = spec.legacy_online_level or ""
    for name in ("decision_date", "national_db_published_on"):
        value = getattr(spec, name)
        data[name] = value.isoformat() if value else ""
    for i, variant in enumerate(spec.variants):
        prefix = f"v{i}"
        data.update(
            {
                f"{prefix}-code": variant.code,
                f"{prefix}-name": variant.name,
                f"{prefix}-time_limit_value": variant.time_limit_value,
                f"{prefix}-time_limit_unit": variant.time_limit_unit.value,
                f"{prefix}-committed_value": (
                    "" if variant.committed_value is None else variant.committed_value
                ),
                f"{prefix}-time_limit_note": variant.time_limit_note,
                f"{prefix}-eform_schema": (
                    json.dumps(variant.eform_schema, ensure_ascii=False)
                    if variant.eform_schema
                    else ""
                ),
            }
        )
        for rows, to_row in ROW_FIELDS.items():
            items = getattr(variant, rows)
            fs = f"{prefix}-{rows}"
            data.update(
                {
                    f"{fs}-TOTAL_FORMS": str(len(items) + blank_rows),
                    f"{fs}-INITIAL_FORMS": "0",
                    f"{fs}-MIN_NUM_FORMS": "0",
                    f"{fs}-MAX_NUM_FORMS": "1000",
                }
            )
            for j, item in enumerate(items):
                data.update({f"{fs}-{j}-{k}": v for k, v in to_row(item).items()})
            for j in range(len(items), len(items) + blank_rows):  # untouched rows: selects only
                if rows == "steps":
                    data.update({f"{fs}-{j}-kind": "processing", f"{fs}-{j}-role": "specialist"})
                if rows == "components":
                    data.update({f"{fs}-{j}-originals": "1", f"{fs}-{j}-copies": "0"})
    return data


# --- Who gets in --------------------------------------------------------------------------------


def test_anonymous_goes_to_login_and_citizens_are_refused(client, world) -> None:
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(CitizenFactory())
    assert client.get(LIST).status_code == 403


def test_staff_without_membership_see_nothing(client, world) -> None:
    from tests.accounts.factories import StaffUserFactory

    published()
    client.force_login(StaffUserFactory())
    assert client.get(LIST).status_code == 404
    assert client.get(url("detail")).status_code == 404


# --- The list -----------------------------------------------------------------------------------


def test_the_list_shows_every_stage_with_its_badge(client, specialist) -> None:
    published()
    procedure_draft_save(spec=birth_registration(name="Khai sinh (sửa đổi)"), actor=None)
    published(birth_registration(code="1.000001", name="Trích lục hộ tịch"), on=dt.date(2030, 1, 1))
    ended = published(birth_registration(code="1.000002", name="Thủ tục đã bãi bỏ"))
    ended.valid_to = dt.date(2025, 8, 1)
    ended.end_reason = EndReason.ABOLISHED
    ended.save()
    procedure_draft_save(spec=birth_registration(code="1.000003", name="Thủ tục mới"), actor=None)
    procedure_draft_propose(
        version=ProcedureVersion.objects.get(procedure__code="1.000003"), actor=None, note=""
    )
    client.force_login(specialist)
    response, html = page(client, LIST)
    assert response.status_code == 200
    for badge in ("Dự thảo", "Đề xuất", "Đang hiệu lực", "Hết hiệu lực", "Chưa đến ngày hiệu lực"):
        assert f">{badge}</span>" in html
    assert "Tạo thủ tục mới" not in html  # a specialist only reads
    _, drafts = page(client, LIST, status="draft")
    assert "Khai sinh (sửa đổi)" in drafts
    assert "Trích lục hộ tịch" not in drafts
    _, found = page(client, LIST, q="trich luc")
    assert "Trích lục hộ tịch" in found
    assert "Thủ tục mới" not in found


def test_province_admins_see_the_proposals_awaiting_them(client, province_admin) -> None:
    published()
    procedure_draft_save(spec=birth_registration(code="1.000003", name="Thủ tục mới"), actor=None)
    procedure_draft_propose(
        version=ProcedureVersion.objects.get(procedure__code="1.000003"), actor=None, note=""
    )
    client.force_login(province_admin)
    _, html = page(client, LIST)
    assert "Có 1 đề xuất công bố đang chờ duyệt" in html
    _, proposals = page(client, LIST, status="proposed")
    assert "Thủ tục mới" in proposals
    assert "Thủ tục đăng ký khai sinh" not in proposals


def test_agency_admins_filter_their_own_procedures(client, commune_admin, world) -> None:
    published()
    published(
        birth_registration(
            code="1.000001", name="Thủ tục của Sở", executing_agency_codes=("000.00.15.H99",)
        )
    )
    client.force_login(commune_admin)
    _, everything = page(client, LIST)
    assert "Thủ tục của Sở" in everything
    _, mine = page(client, LIST, mine="on")
    assert "Thủ tục đăng ký khai sinh" in mine
    assert "Thủ tục của Sở" not in mine


def test_the_list_makes_the_same_queries_for_more_procedures(
    client, province_admin, django_assert_max_num_queries
) -> None:
    published()
    client.force_login(province_admin)
    client.get(LIST)  # warm up (session, content types)
    with django_assert_max_num_queries(12) as few:
        assert client.get(LIST).status_code == 200
    for n in range(6):
        published(birth_registration(code=f"1.00010{n}", name=f"Thủ tục số {n}"))
        procedure_draft_save(
            spec=birth_registration(code=f"1.00020{n}", name=f"Dự thảo {n}"), actor=None
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST).status_code == 200


# --- Creating and editing drafts ----------------------------------------------------------------


def test_create_a_draft_with_a_formset_error_then_fix_it(client, province_admin) -> None:
    client.force_login(province_admin)
    assert client.get(CREATE).status_code == 200
    spec = birth_registration(result="")  # incomplete: fine for a draft
    variant = spec.variants[0]
    wrong = replace(
        variant,
        steps=(
            variant.steps[0],
            replace(variant.steps[1], forward_to=("ky-duyet",)),  # no such step
            *variant.steps[2:],
        ),
    )
    data = editor_post(replace(spec, variants=(wrong,)))
    data["v0-components-1-name"] = ""  # a row with a code but no name: a form error
    response = client.post(CREATE, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Dự thảo chưa được lưu" in html
    assert any(text in html for text in REQUIRED)
    assert Procedure.objects.count() == 0
    # The shape is fixed; now the service finds the unknown step and says which row.
    data["v0-components-1-name"] = "Giấy chứng sinh"
    response = client.post(CREATE, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "trỏ đến bước «ky-duyet»" in html
    assert 'value="Thủ tục đăng ký khai sinh"' in html  # the input is kept
    assert Procedure.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="procedure.").exists()

    data["v0-steps-1-forward_to"] = "phe-duyet"
    response = client.post(CREATE, data)
    assert response.status_code == 302
    assert response["Location"] == url("draft-preview")
    draft = ProcedureVersion.objects.get()
    assert version_spec(version=draft) == spec
    assert draft.created_by == province_admin


def test_a_problem_shows_on_its_row_when_blank_rows_come_first(client, province_admin) -> None:
    spec = birth_registration()
    variant = spec.variants[0]
    steps = (
        variant.steps[0],
        replace(variant.steps[1], forward_to=("ky-duyet",)),
        *variant.steps[2:],
    )
    data = editor_post(replace(spec, variants=(replace(variant, steps=steps),)))
    shifted = {  # an empty first row: spec step 1 is form row 2
        re.sub(r"^v0-steps-(\d+)-", lambda m: f"v0-steps-{int(m[1]) + 1}-", key): value
        for key, value in data.items()
    }
    shifted["v0-steps-TOTAL_FORMS"] = str(int(data["v0-steps-TOTAL_FORMS"]) + 1)
    client.force_login(province_admin)
    response = client.post(CREATE, shifted)
    html = response.content.decode()
    assert response.status_code == 400
    error = html.index("trỏ đến bước «ky-duyet»")
    assert html.index('name="v0-steps-1-code"') < error < html.index('name="v0-steps-2-code"')


def test_errors_in_the_eform_show_on_the_eform(client, province_admin) -> None:
    client.force_login(province_admin)
    data = editor_post(birth_registration())
    data["v0-eform_schema"] = "{not json"
    response = client.post(CREATE, data)
    assert response.status_code == 400
    assert "JSON không hợp lệ" in response.content.decode()
    data["v0-eform_schema"] = json.dumps(
        {"version": 1, "fields": [{"name": "x", "type": "colour", "label": "X"}]}
    )
    response = client.post(CREATE, data)
    assert response.status_code == 400
    assert "fields[0].type:" in response.content.decode()
    assert Procedure.objects.count() == 0


def test_a_new_procedure_may_not_take_an_existing_code(client, province_admin) -> None:
    published()
    client.force_login(province_admin)
    response = client.post(CREATE, editor_post(birth_registration(name="Trùng mã")))
    assert response.status_code == 400
    assert "đã có trong danh mục" in response.content.decode()
    assert ProcedureVersion.objects.count() == 1


REQUIRED = ("This field is required", "Trường này là bắt buộc")


def test_rows_are_added_without_saving(client, province_admin) -> None:
    client.force_login(province_admin)
    data = editor_post(birth_registration(name=""), blank_rows=0)
    data.pop("save")
    data["add"] = "v0-steps"
    response = client.post(CREATE, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="v0-steps-TOTAL_FORMS" value="5"' in html
    assert 'name="v0-steps-4-code"' in html
    assert 'value="tham-dinh"' in html  # what was typed stays
    assert not any(text in html for text in REQUIRED)  # not checked: nothing was saved
    assert Procedure.objects.count() == 0


def test_a_case_variant_is_added_and_a_blank_one_ignored(client, province_admin) -> None:
    client.force_login(province_admin)
    data = editor_post(birth_registration())
    data.pop("save")
    data["add"] = "variant"
    response = client.post(CREATE, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="variant_count" value="2"' in html
    assert 'name="v1-name"' in html
    assert 'name="v1-steps-1-code"' in html
    assert 'name="v1-components-TOTAL_FORMS" value="2"' in html
    # Saved with the second case variant left blank: it is not part of the draft.
    data.pop("add")
    data.update(
        {
            "save": "1",
            "variant_count": "2",
            "v1-time_limit_unit": "working_days",
            **{f"v1-{rows}-TOTAL_FORMS": "1" for rows in ("components", "fees", "steps")},
            **{f"v1-{rows}-INITIAL_FORMS": "0" for rows in ("components", "fees", "steps")},
        }
    )
    response = client.post(CREATE, data)
    assert response.status_code == 302
    assert version_spec(version=ProcedureVersion.objects.get()) == birth_registration()


def test_edit_a_draft_keeps_its_code_and_saves_changes(client, commune_admin) -> None:
    procedure_draft_save(spec=birth_registration(), actor=None)
    client.force_login(commune_admin)
    response, html = page(client, url("draft-edit"))
    assert response.status_code == 200
    assert 'value="Thủ tục đăng ký khai sinh"' in html
    assert "Giấy chứng sinh" in html
    data = editor_post(birth_registration(name="Đăng ký khai sinh"))
    data["code"] = "9.999999"  # ignored: the field is disabled
    data["v0-fees-0-DELETE"] = "on"
    response = client.post(url("draft-edit"), data)
    assert response.status_code == 302
    spec = version_spec(version=ProcedureVersion.objects.get())
    assert spec.code == CODE
    assert spec.name == "Đăng ký khai sinh"
    assert spec.variants[0].fees == ()


# --- Preview ------------------------------------------------------------------------------------


def test_the_preview_lists_what_stops_publication(client, commune_admin) -> None:
    procedure_draft_save(spec=birth_registration(result="", decision_number=""), actor=None)
    client.force_login(commune_admin)
    response, html = page(client, url("draft-preview"))
    assert response.status_code == 200
    assert "Chưa có kết quả thực hiện." in html
    assert "Chưa có số quyết định công bố." in html
    assert "Giấy chứng sinh" in html  # the draft's content, as citizens will see it
    assert "Tiếp nhận hồ sơ" in html  # and the internal process, for staff


def test_a_complete_draft_previews_without_problems(client, specialist) -> None:
    procedure_draft_save(spec=birth_registration(), actor=None)
    client.force_login(specialist)
    _, html = page(client, url("draft-preview"))
    assert "có thể công bố" in html
    assert "Sửa dự thảo" not in html  # a specialist only reads


# --- Publishing, proposing, ending --------------------------------------------------------------


def test_publish(client, province_admin) -> None:
    procedure_draft_save(spec=birth_registration(), actor=None)
    client.force_login(province_admin)
    assert client.get(url("publish")).status_code == 200
    response = client.post(url("publish"), {"valid_from": "2025-07-01", "reason": "QĐ 1234"})
    assert response.status_code == 302
    assert response["Location"] == url("detail")
    version = ProcedureVersion.objects.get()
    assert version.status == VersionStatus.PUBLISHED
    assert version.valid_from == JULY
    _, html = page(client, url("detail"))
    assert "Đã công bố phiên bản 1" in html
    assert "QĐ 1234" in html  # the audit event on the procedure's page


def test_publishing_an_incomplete_draft_is_refused_with_its_problems(
    client, province_admin
) -> None:
    procedure_draft_save(spec=birth_registration(result=""), actor=None)
    client.force_login(province_admin)
    response = client.post(url("publish"), {"valid_from": "2025-07-01", "reason": "QĐ 1234"})
    assert response.status_code == 400
    assert "Chưa có kết quả thực hiện." in response.content.decode()
    assert ProcedureVersion.objects.get().status == VersionStatus.DRAFT


def test_propose_as_agency_admin_then_publish_as_province_admin(
    client, commune_admin, province_admin
) -> None:
    published()
    client.force_login(commune_admin)
    response = client.post(url("amend"), {"reason": "Sửa theo QĐ mới"})
    assert response.status_code == 302
    assert response["Location"] == url("draft-edit")
    _, html = page(client, url("detail"))
    assert "Đề xuất công bố" in html
    assert url("publish") not in html
    assert (
        client.post(url("publish"), {"valid_from": "2026-01-01", "reason": "x"}).status_code == 404
    )
    response = client.post(url("propose"), {"note": "Đề nghị công bố từ 01/01/2026"})
    assert response.status_code == 302
    draft = version_draft(procedure=Procedure.objects.get())
    assert draft is not None
    assert draft.proposed_by == commune_admin

    client.force_login(province_admin)
    _, proposals = page(client, LIST, status="proposed")
    assert url("detail") in proposals
    _, html = page(client, url("detail"))
    assert "Đề nghị công bố từ 01/01/2026" in html
    response = client.post(url("publish"), {"valid_from": "2026-01-01", "reason": "QĐ 99"})
    assert response.status_code == 302
    versions = list(ProcedureVersion.objects.order_by("number"))
    assert [v.status for v in versions] == [VersionStatus.PUBLISHED, VersionStatus.PUBLISHED]
    assert versions[0].valid_to == dt.date(2026, 1, 1)
    assert versions[1].proposed_at is None


def test_a_province_admin_returns_a_proposal(client, commune_admin, province_admin) -> None:
    draft = procedure_draft_save(spec=birth_registration(), actor=None)
    procedure_draft_propose(version=draft, actor=commune_admin, note="")
    client.force_login(province_admin)
    response = client.post(url("proposal-return"), {"reason": "Thiếu căn cứ pháp lý mới"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.proposed_at is None
    client.force_login(commune_admin)
    _, html = page(client, url("detail"))
    assert "Thiếu căn cứ pháp lý mới" in html


def test_abolish_and_replace(client, province_admin) -> None:
    published()
    published(birth_registration(code="1.000001", name="Thủ tục liên thông"))
    client.force_login(province_admin)
    data = {"valid_to": "2026-01-01", "reason": "QĐ 5/QĐ-UBND", "successor": "1.404040"}
    response = client.post(url("abolish"), data)
    assert response.status_code == 400
    assert "Không có thủ tục mã «1.404040»" in response.content.decode()
    assert ProcedureVersion.objects.get(procedure__code=CODE).valid_to is None
    response = client.post(url("abolish"), {**data, "successor": "1.000001"})
    assert response.status_code == 302
    ended = ProcedureVersion.objects.get(procedure__code=CODE)
    assert ended.end_reason == EndReason.REPLACED
    assert ended.replaced_by == Procedure.objects.get(code="1.000001")
    _, html = page(client, url("detail"))
    assert "Thay thế bởi thủ tục khác" in html
    assert url("abolish") not in html  # ended: nothing more to end


def test_discard_a_draft(client, commune_admin) -> None:
    published()
    procedure_draft_save(spec=birth_registration(name="Nháp"), actor=None)
    client.force_login(commune_admin)
    assert client.post(url("discard"), {"reason": ""}).status_code == 400
    assert ProcedureVersion.objects.count() == 2
    response = client.post(url("discard"), {"reason": "Soạn nhầm"})
    assert response.status_code == 302
    assert ProcedureVersion.objects.count() == 1
    _, html = page(client, url("detail"))
    assert "Hủy dự thảo" in html
    assert "Soạn nhầm" in html


# --- Not theirs ---------------------------------------------------------------------------------


def test_agency_admins_get_404_on_another_agencys_procedure(client, justice_admin) -> None:
    published()
    procedure_draft_save(spec=birth_registration(name="Nháp"), actor=None)
    client.force_login(justice_admin)
    assert client.get(url("detail")).status_code == 200  # the catalog is readable
    for name in ("draft-edit", "propose", "discard", "amend"):
        assert client.get(url(name)).status_code == 404, name
    assert client.post(url("draft-edit"), editor_post(birth_registration())).status_code == 404
    assert client.post(url("propose"), {"note": ""}).status_code == 404
    assert client.post(url("discard"), {"reason": "x"}).status_code == 404
    assert ProcedureVersion.objects.filter(status=VersionStatus.DRAFT).get().name == "Nháp"


def test_agency_admins_may_not_create_for_another_agency(client, justice_admin) -> None:
    client.force_login(justice_admin)
    response = client.post(CREATE, editor_post(birth_registration()))
    assert response.status_code == 400
    assert "cơ quan bạn quản trị" in response.content.decode()
    assert Procedure.objects.count() == 0


def test_specialists_may_not_create(client, specialist) -> None:
    client.force_login(specialist)
    assert client.get(CREATE).status_code == 404


def test_unknown_procedures_and_namespaces_are_404(client, province_admin) -> None:
    client.force_login(province_admin)
    assert client.get(url("detail", "9.999999")).status_code == 404
    assert client.get(reverse("backoffice:catalog-detail", args=["other", CODE])).status_code == 404


def test_a_published_version_page(client, specialist) -> None:
    spec = birth_registration()
    steps = (
        step("nhan", "reception", "desk_officer", 2, to=["tra"]),
        step("tra", "return", "desk_officer", 2),
    )
    published(
        replace(
            spec, variants=(replace(spec.variants[0], steps=steps, committed_value=Decimal(2)),)
        )
    )
    client.force_login(specialist)
    response, html = page(client, url("version", CODE, 1))
    assert response.status_code == 200
    assert "Đang hiệu lực" in html
    assert "3 ngày làm việc" in html
    assert client.get(url("version", CODE, 2)).status_code == 404
