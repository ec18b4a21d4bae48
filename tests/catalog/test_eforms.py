"""The e-form validator: schemas (docs/eforms.md) and answers. Pure: no database."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from motcua.accounts.admin_units import Unit, UnitDirectory, _national
from motcua.catalog.eforms import (
    AnswersInvalid,
    SchemaError,
    clean_answers,
    schema_problems,
    validate_schema,
)

TODAY = dt.date(2026, 11, 24)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "eforms.md"


def docs_example() -> dict[str, object]:
    text = DOCS.read_text(encoding="utf-8")
    block = re.findall(r"```json\n(.*?)```", text, flags=re.DOTALL)[-1]
    loaded = json.loads(block)
    assert isinstance(loaded, dict)
    return loaded


def national() -> UnitDirectory:
    provinces, communes = _national()
    return UnitDirectory(
        provinces={**provinces, "99": Unit("99", "Tỉnh Sơn Hà", "99")},
        communes={**communes, "99001": Unit("99001", "Xã Hòa An", "99")},
    )


def problems_of(exc: pytest.ExceptionInfo[SchemaError] | pytest.ExceptionInfo[AnswersInvalid]):
    problems = exc.value.details["problems"]
    assert isinstance(problems, list)
    return {(p["path"], p["code"]) for p in problems}


def form(*fields: dict[str, object]) -> dict[str, object]:
    return {"version": 1, "title": "Tờ khai", "fields": list(fields)}


def test_the_documented_example_is_valid() -> None:
    parsed = validate_schema(docs_example())
    assert [f.name for f in parsed.fields][:3] == ["child_name", "child_birth_date", "child_sex"]
    siblings = next(f for f in parsed.fields if f.name == "siblings")
    assert siblings.repeat
    assert [f.name for f in siblings.fields] == ["name", "birth_year"]


@pytest.mark.parametrize(
    ("schema", "path", "code"),
    [
        ([], "", "schema_not_object"),
        ({"version": 2, "fields": [{"name": "a", "type": "text", "label": "A"}]}, "version", "version_unsupported"),
        (form(), "fields", "fields_missing"),
        (form({"name": "A b", "type": "text", "label": "A"}), "fields[0].name", "name_invalid"),
        (form({"name": "a", "type": "colour", "label": "A"}), "fields[0].type", "type_unknown"),
        (form({"name": "a", "type": "text", "label": " "}), "fields[0].label", "label_missing"),
        (form({"name": "a", "type": "select", "label": "A"}), "fields[0].options", "options_missing"),
        (
            form({"name": "a", "type": "select", "label": "A", "options": [{"value": "x", "label": "X"}, {"value": "x", "label": "Y"}]}),
            "fields[0].options",
            "option_duplicate",
        ),
        (form({"name": "a", "type": "text", "label": "A", "pattern": "("}), "fields[0].pattern", "pattern_invalid"),
        (form({"name": "a", "type": "number", "label": "A", "min": 5, "max": 1}), "fields[0].min", "range_inverted"),
        (form({"name": "a", "type": "date", "label": "A", "max": "tomorrow"}), "fields[0].max", "date_bound_invalid"),
        (form({"name": "a", "type": "text", "label": "A", "options": []}), "fields[0]", "unknown_key"),
        (
            form({"name": "a", "type": "text", "label": "A"}, {"name": "a", "type": "text", "label": "B"}),
            "fields[1].name",
            "name_duplicate",
        ),
        (
            form({"name": "b", "type": "text", "label": "B", "show_if": {"field": "a", "filled": True}}, {"name": "a", "type": "text", "label": "A"}),
            "fields[0].show_if",
            "condition_unknown_field",
        ),
        (
            form(
                {"name": "a", "type": "select", "label": "A", "options": [{"value": "x", "label": "X"}]},
                {"name": "b", "type": "text", "label": "B", "show_if": {"field": "a", "equals": "y"}},
            ),
            "fields[1].show_if",
            "condition_unknown_option",
        ),
        (
            form({"name": "g", "type": "group", "label": "G", "fields": [{"name": "h", "type": "group", "label": "H", "fields": [{"name": "x", "type": "text", "label": "X"}]}]}),
            "fields[0].fields[0]",
            "group_nested",
        ),
        (form({"name": "g", "type": "group", "label": "G", "fields": []}), "fields[0].fields", "fields_missing"),
        (
            form({"name": "g", "type": "group", "label": "G", "max_items": 3, "fields": [{"name": "x", "type": "text", "label": "X"}]}),
            "fields[0]",
            "items_without_repeat",
        ),
    ],
)  # fmt: skip
def test_invalid_schemas_are_refused_naming_the_field(schema, path, code) -> None:
    with pytest.raises(SchemaError) as exc:
        validate_schema(schema)
    assert exc.value.code == "eform_schema_invalid"
    assert (path, code) in problems_of(exc)


def test_every_problem_of_a_schema_is_reported_at_once() -> None:
    problems = schema_problems(
        form(
            {"name": "1a", "type": "text", "label": "A"},
            {"name": "b", "type": "select", "label": "B"},
            {"name": "c", "type": "rainbow", "label": "C"},
        )
    )
    assert {p.code for p in problems} == {"name_invalid", "options_missing", "type_unknown"}
    assert all(p.message for p in problems)


BIRTH = {
    "child_name": "  Nguyễn Văn An ",
    "child_birth_date": "20/11/2026",
    "child_sex": "nam",
    "birth_place": {"province": "01", "commune": "00004", "detail": "Bệnh viện Bạch Mai"},
    "declarant_id": "001090000123",
    "declarant_phone": "+84 912 345 678",
    "declaration": True,
}


def test_clean_answers_trims_normalises_and_drops_hidden_fields() -> None:
    cleaned = clean_answers(
        docs_example(),
        {**BIRTH, "father_known": False, "father_name": "Hidden"},
        units=national(),
        today=TODAY,
    )
    assert cleaned.answers["child_name"] == "Nguyễn Văn An"
    assert cleaned.answers["child_birth_date"] == "2026-11-20"
    assert cleaned.answers["declarant_phone"] == "0912345678"
    assert "father_name" not in cleaned.answers  # hidden: not kept
    assert cleaned.warnings == []


def test_a_shown_conditional_field_becomes_required() -> None:
    with pytest.raises(AnswersInvalid) as exc:
        clean_answers(
            docs_example(), {**BIRTH, "father_known": True}, units=national(), today=TODAY
        )
    assert problems_of(exc) == {("father_name", "required")}
    assert "Họ tên cha" in exc.value.message


def test_every_wrong_answer_is_reported_by_path() -> None:
    answers = {
        **BIRTH,
        "child_name": "",
        "child_birth_date": "2026-12-01",
        "child_sex": "other",
        "birth_place": {"province": "01", "commune": "99001", "detail": "x"},
        "declarant_id": "001090",
        "declarant_phone": "02438221234",
        "declaration": False,
        "siblings": [{"name": "Bình", "birth_year": 2019}, {"birth_year": 1800.5}],
        "nickname": "An",
    }
    with pytest.raises(AnswersInvalid) as exc:
        clean_answers(docs_example(), answers, units=national(), today=TODAY)
    assert exc.value.code == "eform_answers_invalid"
    assert problems_of(exc) == {
        ("nickname", "unknown_field"),
        ("child_name", "required"),
        ("child_birth_date", "date_after_max"),
        ("child_sex", "option_unknown"),
        ("birth_place.commune", "commune_not_in_province"),
        ("declarant_id", "personal_id_format"),
        ("declarant_phone", "phone_is_landline"),
        ("declaration", "required"),
        ("siblings[1].name", "required"),
        ("siblings[1].birth_year", "not_integer"),
        ("siblings[1].birth_year", "number_below_min"),
    }


def test_a_landline_where_allowed_is_kept_and_flagged() -> None:
    schema = form(
        {"name": "office", "type": "phone", "label": "Điện thoại cơ quan", "allow_landline": True}
    )
    cleaned = clean_answers(schema, {"office": "024.3822.1234"}, today=TODAY)
    assert cleaned.answers == {"office": "02438221234"}
    assert [w.code for w in cleaned.warnings] == ["phone_landline"]


def test_repeatable_groups_count_their_items() -> None:
    schema = form(
        {
            "name": "members",
            "type": "group",
            "label": "Thành viên hộ",
            "repeat": True,
            "min_items": 1,
            "max_items": 2,
            "fields": [{"name": "name", "type": "text", "label": "Họ tên", "required": True}],
        }
    )
    with pytest.raises(AnswersInvalid) as exc:
        clean_answers(schema, {"members": []}, today=TODAY)
    assert problems_of(exc) == {("members", "too_few_items")}
    with pytest.raises(AnswersInvalid) as exc:
        clean_answers(schema, {"members": [{"name": "A"}] * 3}, today=TODAY)
    assert problems_of(exc) == {("members", "too_many_items")}
    ok = clean_answers(schema, {"members": [{"name": " A "}, {"name": "B"}]}, today=TODAY)
    assert ok.answers == {"members": [{"name": "A"}, {"name": "B"}]}


def test_numbers_selects_and_conditions_on_lists() -> None:
    schema = form(
        {"name": "area", "type": "number", "label": "Diện tích", "min": 0, "max": 1000},
        {
            "name": "uses",
            "type": "select",
            "label": "Mục đích",
            "multiple": True,
            "options": [{"value": "o", "label": "Ở"}, {"value": "kd", "label": "Kinh doanh"}],
        },
        {
            "name": "licence",
            "type": "text",
            "label": "Giấy phép kinh doanh",
            "required": True,
            "show_if": {"field": "uses", "in": ["kd"]},
        },
        {"name": "tax", "type": "tax_code", "label": "Mã số thuế"},
    )
    cleaned = clean_answers(
        schema, {"area": "120,5", "uses": ["o"], "tax": "0100109106"}, today=TODAY
    )
    assert cleaned.answers == {"area": 120.5, "uses": ["o"], "tax": "0100109106"}
    with pytest.raises(AnswersInvalid) as exc:
        clean_answers(schema, {"area": "abc", "uses": ["kd"], "tax": "0100109107"}, today=TODAY)
    assert problems_of(exc) == {
        ("area", "not_number"),
        ("licence", "required"),
        ("tax", "tax_code_checksum"),
    }


def test_an_address_must_be_complete_and_known_when_required() -> None:
    schema = form({"name": "home", "type": "address", "label": "Nơi thường trú", "required": True})
    with pytest.raises(AnswersInvalid) as exc:
        clean_answers(schema, {"home": {"province": "01"}}, units=national(), today=TODAY)
    assert problems_of(exc) == {("home", "address_incomplete")}
    with pytest.raises(AnswersInvalid) as exc:
        clean_answers(
            schema,
            {"home": {"province": "77", "commune": "00004", "detail": "x"}},
            units=national(),
            today=TODAY,
        )
    assert problems_of(exc) == {("home.province", "province_unknown")}
    cleaned = clean_answers(
        schema,
        {"home": {"province": "99", "commune": "99001", "detail": "Thôn Đông"}},
        units=national(),
    )
    assert cleaned.answers["home"] == {"province": "99", "commune": "99001", "detail": "Thôn Đông"}


def test_answers_that_are_not_an_object_are_refused() -> None:
    with pytest.raises(AnswersInvalid):
        clean_answers(docs_example(), ["not", "a", "mapping"], today=TODAY)  # type: ignore[arg-type]
