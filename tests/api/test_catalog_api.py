"""GET /api/v1/procedures, /procedures/{code} and the e-form endpoint, and their OpenAPI contract."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from motcua.catalog.models import Component, Procedure
from motcua.catalog.services import procedure_abolish, procedure_draft_save, procedure_publish
from motcua.catalog.specs import FeeSpec, VariantSpec
from motcua.core.timezone import VN_TZ
from tests.catalog.builders import BIRTH_FORM, JUSTICE, birth_registration, catalog_world

pytestmark = pytest.mark.django_db

JULY = dt.date(2025, 7, 1)
URL = "/api/v1/procedures"
BIRTH = "Thủ tục đăng ký khai sinh"
BUSINESS = "Đăng ký hộ kinh doanh"
BUSINESS_CHANGE = "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh"
MARRIAGE = "Đăng ký kết hôn"
COPY = "Chứng thực bản sao từ bản chính giấy tờ, văn bản"


@pytest.fixture(autouse=True)
def _now():
    with time_machine.travel(dt.datetime(2026, 11, 24, 9, 0, tzinfo=VN_TZ), tick=False):
        yield


def publish(valid_from: dt.date = JULY, **overrides: object):
    draft = procedure_draft_save(spec=birth_registration(**overrides), actor=None)
    return procedure_publish(version=draft, valid_from=valid_from, actor=None)


@pytest.fixture
def catalog():
    catalog_world()
    base = birth_registration().variants[0]
    late = VariantSpec(
        code="qua-han",
        name="Đăng ký khai sinh quá hạn",
        time_limit_value=Decimal(5),
        time_limit_unit=base.time_limit_unit,
        committed_value=Decimal(4),
        components=base.components[:2],
        fees=(
            FeeSpec(kind="charge", name="Lệ phí đăng ký khai sinh quá hạn", amount=Decimal(8000)),
        ),
        steps=base.steps,
        eform_schema={**BIRTH_FORM, "title": "Tờ khai đăng ký khai sinh quá hạn"},
    )
    publish(
        variants=(replace(base, time_limit_value=Decimal(5), committed_value=Decimal(3)), late),
        hotline="0260 3 862 468",
    )
    publish(code="2.000720", name=BUSINESS, field_code="DD", online_level="partial")
    publish(code="2.000737", name=BUSINESS_CHANGE, field_code="DD", online_level="partial")
    publish(
        code="1.000894",
        name=MARRIAGE,
        online_level="none",
        method_online=False,
        postal_intake=False,
        postal_return=False,
        variants=(replace(base, eform_schema={}),),
    )
    publish(code="2.000908", name=COPY, executing_agency_codes=(JUSTICE,), levels=("province",))


def names(client, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200, response.json()
    return [item["name"] for item in response.json()["items"]]


# --- List ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "q", ["dang ky ho kinh doanh", "Đăng ký hộ kinh doanh", "ĐĂNG KÝ HỘ KINH DOANH", "kinh doanh ho dang ky"]
)  # fmt: skip
def test_search_is_accent_and_order_insensitive(client, catalog, q) -> None:
    found = names(client, q=q)
    assert set(found) == {BUSINESS, BUSINESS_CHANGE}
    if q != "kinh doanh ho dang ky":
        assert found[0] == BUSINESS, "the whole phrase in the name comes first"


def test_list_item_summary(client, catalog) -> None:
    body = client.get(URL, {"q": "1.001193"}).json()
    assert body["total"] == 1
    (item,) = body["items"]
    assert item == {
        "code": "1.001193",
        "namespace": "national",
        "name": BIRTH,
        "version": 1,
        "field": {"code": "HT", "name": "Hộ tịch"},
        "levels": ["commune"],
        "online_level": "full",
        "online_submission": True,
        "postal_intake": True,
        "postal_return": True,
        "valid_from": "2025-07-01",
        "time_limits": [
            {
                "variant": "dung-han",
                "statutory": "5",
                "committed": "3",
                "effective": "3",
                "unit": "working_days",
                "cut_percent": "40",
                "note": "",
            },
            {
                "variant": "qua-han",
                "statutory": "5",
                "committed": "4",
                "effective": "4",
                "unit": "working_days",
                "cut_percent": "20",
                "note": "",
            },
        ],
        "url": "/thu-tuc/1.001193/",
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"field": "DD"}, {BUSINESS, BUSINESS_CHANGE}),
        ({"level": "province"}, {COPY}),
        ({"agency": JUSTICE}, {COPY}),
        ({"online_level": "none"}, {MARRIAGE}),
        ({"online_level": "partial", "q": "thay doi"}, {BUSINESS_CHANGE}),
        ({"postal": "false"}, {MARRIAGE}),
        ({"postal": "true", "field": "HT", "level": "commune"}, {BIRTH}),
        ({"field": "KHONG-CO"}, set()),
    ],
)
def test_filters(client, catalog, params, expected) -> None:
    assert set(names(client, **params)) == expected


def test_pagination(client, catalog) -> None:
    first = client.get(URL, {"page_size": 2}).json()
    assert (first["total"], first["page"], first["page_size"], first["pages"]) == (5, 1, 2, 3)
    assert len(first["items"]) == 2
    pages = [client.get(URL, {"page_size": 2, "page": n}).json()["items"] for n in (1, 2, 3)]
    codes = [item["code"] for page in pages for item in page]
    assert len(codes) == 5
    assert len(set(codes)) == 5, "every procedure once"
    beyond = client.get(URL, {"page_size": 2, "page": 4}).json()
    assert beyond["items"] == []
    assert beyond["total"] == 5
    nothing = client.get(URL, {"q": "zzzz"}).json()
    assert (nothing["items"], nothing["total"], nothing["pages"]) == ([], 0, 0)


@pytest.mark.parametrize(
    "params",
    [
        {"page": 0},
        {"page": "x"},
        {"page_size": 0},
        {"page_size": 101},
        {"level": "galaxy"},
        {"online_level": "level4"},
        {"postal": "maybe"},
        {"q": "x" * 201},
    ],
)
def test_bad_parameters_get_422(client, catalog, params) -> None:
    response = client.get(URL, params)
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_input"


def test_list_query_count_does_not_grow_with_results(client, catalog) -> None:
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL, {"q": "ket hon"}).json()["total"] == 1
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(URL).json()["items"]) == 5
    assert len(five) == len(one)


# --- Detail --------------------------------------------------------------------------------------


def test_detail_is_the_full_published_version(client, catalog) -> None:
    Component.objects.get(
        variant__version__procedure__code="1.001193", variant__code="dung-han", code="to-khai"
    ).template_file.save("to-khai.docx", ContentFile(b"mau"))
    response = client.get(f"{URL}/1.001193")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == BIRTH
    assert body["version"] == 1
    assert body["valid_from"] == "2025-07-01"
    assert body["valid_to"] is None
    assert body["executing_agencies"] == [{"code": "000.01.31.H99", "name": "UBND xã Hòa An"}]
    assert body["methods"] == {"counter": True, "online": True, "postal": True}
    assert body["legal_bases"] == [
        {"document": "Luật Hộ tịch số 60/2014/QH13", "effective_date": "2016-01-01"}
    ]
    assert body["decision"] == {
        "number": "1234/QĐ-UBND",
        "date": "2025-06-20",
        "signer": "Chủ tịch UBND tỉnh",
        "national_db_published_on": None,
    }
    assert body["hotline"] == "0260 3 862 468"
    assert body["online_submission"] is True
    assert body["url"] == "/thu-tuc/1.001193/"
    on_time, late = body["variants"]
    assert on_time["code"] == "dung-han"
    assert on_time["time_limit"] == {
        "statutory": "5",
        "committed": "3",
        "effective": "3",
        "unit": "working_days",
        "cut_percent": "40",
        "note": "",
    }
    assert [c["code"] for c in on_time["components"]] == [
        "to-khai",
        "giay-chung-sinh",
        "van-ban-uy-quyen",
    ]
    assert on_time["components"][0]["template_url"] == "/thu-tuc/1.001193/mau/dung-han/to-khai/"
    assert on_time["components"][1]["template_url"] is None
    assert on_time["components"][2]["requirement"] == "conditional"
    assert on_time["components"][2]["condition"] == "Khi người đi đăng ký là người được ủy quyền"
    assert on_time["fees"] == [
        {
            "kind": "charge",
            "name": "Lệ phí đăng ký khai sinh đúng hạn",
            "amount": 0,
            "unit": "đồng/hồ sơ",
            "exemption": "Miễn lệ phí",
        }
    ]
    assert on_time["has_eform"] is True
    assert late["fees"][0]["amount"] == 8000
    assert late["has_eform"] is True
    offline = client.get(f"{URL}/1.000894").json()
    assert offline["online_submission"] is False
    assert offline["variants"][0]["has_eform"] is False


def test_detail_leaves_out_the_internal_process(client, catalog) -> None:
    text = client.get(f"{URL}/1.001193").content.decode()
    for internal in ('steps"', "budget", "tham-dinh", "desk_officer", "cutoff", "four_at_desk"):
        assert internal not in text


def test_unknown_draft_and_ended_procedures_are_404(client, catalog) -> None:
    unknown = client.get(f"{URL}/9.999999")
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "procedure_not_found"

    procedure_draft_save(spec=birth_registration(code="3.000003", name="Bản nháp"), actor=None)
    assert client.get(f"{URL}/3.000003").json()["code"] == "procedure_not_found"

    procedure_abolish(
        procedure=Procedure.objects.get(code="1.000894"),
        valid_to=dt.date(2026, 3, 1),
        reason="Quyết định 99/QĐ-UBND",
        actor=None,
        replaced_by=Procedure.objects.get(code="2.000720"),
    )
    ended = client.get(f"{URL}/1.000894")
    assert ended.status_code == 404
    assert ended.json() == {
        "code": "procedure_not_found",
        "message": "Không có thủ tục mã «1.000894» đang được áp dụng.",
        "details": {"ended_on": "2026-03-01", "replaced_by": "2.000720"},
    }


def test_local_codes_need_their_namespace(client, catalog) -> None:
    publish(code="HT-01", namespace="local", name="Thủ tục nội bộ")
    assert client.get(f"{URL}/HT-01").status_code == 404
    local = client.get(f"{URL}/HT-01", {"namespace": "local"})
    assert local.status_code == 200
    assert local.json()["url"] == "/thu-tuc/noi-bo/HT-01/"
    assert client.get(f"{URL}/HT-01", {"namespace": "other"}).status_code == 422


# --- E-form --------------------------------------------------------------------------------------


def test_eform_is_served_as_stored(client, catalog) -> None:
    response = client.get(f"{URL}/1.001193/variants/dung-han/eform")
    assert response.status_code == 200
    assert response.json() == BIRTH_FORM
    late = client.get(f"{URL}/1.001193/variants/qua-han/eform").json()
    assert late["title"] == "Tờ khai đăng ký khai sinh quá hạn"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("1.000894/variants/dung-han/eform", "eform_not_found"),
        ("1.001193/variants/khong-co/eform", "variant_not_found"),
        ("9.999999/variants/dung-han/eform", "procedure_not_found"),
    ],
)
def test_eform_404s(client, catalog, path, code) -> None:
    response = client.get(f"{URL}/{path}")
    assert response.status_code == 404
    assert response.json()["code"] == code


# --- OpenAPI -------------------------------------------------------------------------------------


def _contract(schema: dict[str, Any]) -> dict[str, object]:
    """The parts of the OpenAPI document clients rely on: paths, methods, parameters, statuses."""
    found: dict[str, object] = {}
    for path, operations in schema["paths"].items():
        if not path.startswith(URL):
            continue
        for method, operation in operations.items():
            found[f"{method.upper()} {path}"] = {
                "parameters": sorted(
                    (p["in"], p["name"], p.get("required", False))
                    for p in operation.get("parameters", [])
                ),
                "responses": sorted(operation["responses"]),
                "tags": operation["tags"],
            }
    return found


def test_openapi_lists_the_catalog_endpoints(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    q = ("query", "namespace", False)
    assert _contract(schema) == {
        f"GET {URL}": {
            "parameters": [
                ("query", "agency", False),
                ("query", "field", False),
                ("query", "level", False),
                ("query", "online_level", False),
                ("query", "page", False),
                ("query", "page_size", False),
                ("query", "postal", False),
                ("query", "q", False),
            ],
            "responses": ["200"],
            "tags": ["procedures"],
        },
        f"GET {URL}/{{code}}": {
            "parameters": [("path", "code", True), q],
            "responses": ["200"],
            "tags": ["procedures"],
        },
        f"GET {URL}/{{code}}/variants/{{variant_code}}/eform": {
            "parameters": [("path", "code", True), ("path", "variant_code", True), q],
            "responses": ["200"],
            "tags": ["procedures"],
        },
    }
    components = schema["components"]["schemas"]
    detail = components["ProcedureDetailOut"]["properties"]
    assert "variants" in detail
    assert not {"steps", "process", "cutoff_defers_clock"} & set(detail)
    assert set(components["TimeLimitOut"]["properties"]) == {
        "statutory",
        "committed",
        "effective",
        "unit",
        "cut_percent",
        "note",
    }
