"""E-forms in HTML: every type drawn accessibly, and a POST read back into the answers the validator
accepts. The round trips go through the real templates and a browser-like reading of the HTML
(what a form without JavaScript posts). Pure: no database (the unit directory is passed in)."""

import datetime as dt
import json
import random
import re
from collections.abc import Mapping
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from motcua.accounts.admin_units import Unit, UnitDirectory, _national
from motcua.catalog.eform_html import (
    RenderedForm,
    eform_answers_from_post,
    eform_problems,
    eform_render,
    eform_wants_more_items,
)
from motcua.catalog.eforms import AnswersInvalid, CleanedAnswers, clean_answers, validate_schema
from motcua.catalog.specs import Problem
from motcua.demo import dossier_content as content
from motcua.demo import province_content as pc
from motcua.demo.catalog_content import all_procedures

TODAY = dt.date(2026, 11, 24)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "eforms.md"


def docs_example() -> dict[str, object]:
    block = re.findall(r"```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)
    loaded = json.loads(block[-1])
    assert isinstance(loaded, dict)
    return loaded


def directory() -> UnitDirectory:
    """The national list and the demo province (99) with its communes, as the demo adds them."""
    provinces, communes = _national()
    local = {
        code: Unit(code, f"{kind.capitalize()} {name}", "99") for name, kind, code, _ in pc.COMMUNES
    }
    return UnitDirectory(
        provinces={**provinces, "99": Unit("99", "Tỉnh Sơn Hà", "99")},
        communes={**communes, **local},
    )


UNITS = directory()


def form(*fields: dict[str, object]) -> dict[str, object]:
    return {"version": 1, "title": "Tờ khai", "fields": list(fields)}


def clean(schema: Mapping[str, object], answers: Mapping[str, object]) -> CleanedAnswers:
    return clean_answers(schema, answers, units=UNITS, today=TODAY)


def render(
    schema: Mapping[str, object],
    answers: Mapping[str, object] | None = None,
    problems: list[Problem] | tuple[Problem, ...] = (),
    *,
    extra_items: int = 1,
) -> tuple[RenderedForm, "Page"]:
    rendered = eform_render(
        schema=schema,
        answers=answers,
        problems=problems,
        units=UNITS,
        today=TODAY,
        extra_items=extra_items,
    )
    return rendered, Page(render_to_string("eforms/form.html", {"eform": rendered}))


def round_trip(schema: Mapping[str, object], answers: Mapping[str, object]) -> dict[str, object]:
    """Render the answers, post the form as a browser would, read the POST back."""
    _, page = render(schema, answers)
    return eform_answers_from_post(schema=schema, data=page.post())


class Page(HTMLParser):
    """The rendered HTML, read as a browser would: elements by id, and the POST of the form."""

    VOID = {"input", "br", "img", "meta", "link", "hr"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.by_id: dict[str, dict[str, str]] = {}
        self.texts: dict[str, str] = {}
        self.controls: list[tuple[str, dict[str, str], str]] = []  # (tag, attrs, text)
        self._open: list[tuple[str, dict[str, str]]] = []
        self._template = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "template":
            self._template += 1
        if not self._template and "id" in values:
            assert values["id"] not in self.by_id, f"duplicate id {values['id']}"
            self.by_id[values["id"]] = {"tag": tag, **values}
            self.texts[values["id"]] = ""
        if not self._template and tag in ("input", "select", "textarea", "option"):
            self.controls.append((tag, values, ""))
        if tag not in self.VOID:
            self._open.append((tag, values))

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._template -= 1
        while self._open:
            opened, _ = self._open.pop()
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        for _tag, values in self._open:
            if "id" in values and values["id"] in self.texts and not self._template:
                self.texts[values["id"]] += data
        if self.controls and self._open and self._open[-1][0] in ("textarea", "option"):
            tag, values, text = self.controls[-1]
            self.controls[-1] = (tag, values, text + data)

    def attrs(self, element_id: str) -> dict[str, str]:
        return self.by_id[element_id]

    def text(self, element_id: str) -> str:
        return " ".join(self.texts[element_id].split())

    def label_for(self, element_id: str) -> str:
        found = re.search(
            rf'<label for="{re.escape(element_id)}">(.*?)</label>', self.html, flags=re.DOTALL
        )
        assert found, f"no label for {element_id}"
        return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())

    def post(self, **extra: str) -> QueryDict:
        """The successful controls, as a browser submits the form (no button pressed)."""
        data = QueryDict(mutable=True)
        select: tuple[str, list[str], str | None] | None = None  # name, chosen, first option

        def end_select() -> None:
            if select is not None:
                name, chosen, first = select
                for value in chosen or ([first] if first is not None else []):
                    data.appendlist(name, value)

        for tag, values, text in self.controls:
            if tag != "option":
                end_select()
                select = None
            if "disabled" in values:
                continue
            name = values.get("name", "")
            if tag == "select":
                select = (name, [], None)
            elif tag == "option" and select is not None:
                value = values.get("value", text)
                chosen = [*select[1], value] if "selected" in values else select[1]
                select = (select[0], chosen, select[2] if select[2] is not None else value)
            elif tag == "textarea":
                data.appendlist(name, text.removeprefix("\n").replace("\n", "\r\n"))
            elif tag == "input" and values.get("type") in ("checkbox", "radio"):
                if "checked" in values:
                    data.appendlist(name, values.get("value", "on"))
            elif tag == "input":
                data.appendlist(name, values.get("value", ""))
        end_select()
        for name, value in extra.items():
            data.appendlist(name, value)
        return data


def every_type() -> dict[str, object]:
    options = [{"value": f"o{i}", "label": f"Lựa chọn {i}"} for i in range(1, 7)]
    return form(
        {"name": "name", "type": "text", "label": "Họ tên", "label_en": "Full name",
         "required": True, "max_length": 100, "help": "Ghi bằng chữ in hoa"},
        {"name": "note", "type": "textarea", "label": "Ghi chú", "min_length": 5},
        {"name": "count", "type": "number", "label": "Số bản", "integer": True, "min": 1, "max": 9},
        {"name": "day", "type": "date", "label": "Ngày cấp", "max": "today"},
        {"name": "sex", "type": "select", "label": "Giới tính", "required": True,
         "options": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]},
        {"name": "kind", "type": "select", "label": "Loại", "options": options},
        {"name": "uses", "type": "select", "label": "Mục đích", "multiple": True, "required": True,
         "options": options[:3]},
        {"name": "pid", "type": "personal_id", "label": "Số định danh cá nhân", "required": True},
        {"name": "tax", "type": "tax_code", "label": "Mã số thuế"},
        {"name": "phone", "type": "phone", "label": "Điện thoại", "required": True},
        {"name": "mail", "type": "email", "label": "Thư điện tử"},
        {"name": "home", "type": "address", "label": "Nơi cư trú", "required": True},
        {"name": "agree", "type": "checkbox", "label": "Tôi cam đoan", "required": True},
        {"name": "owner", "type": "group", "label": "Chủ sở hữu", "fields": [
            {"name": "name", "type": "text", "label": "Tên chủ sở hữu", "required": True},
            {"name": "address", "type": "address", "label": "Địa chỉ chủ sở hữu"},
        ]},
        {"name": "kids", "type": "group", "label": "Con", "repeat": True, "max_items": 3,
         "fields": [
            {"name": "name", "type": "text", "label": "Tên con", "required": True},
            {"name": "born", "type": "date", "label": "Ngày sinh của con"},
        ]},
    )  # fmt: skip


EVERY_ANSWER: dict[str, object] = {
    "name": "Nguyễn Văn An",
    "note": "Dòng một\nDòng hai",
    "count": "3",
    "day": "05/01/2020",
    "sex": "nu",
    "kind": "o5",
    "uses": ["o1", "o3"],
    "pid": "001090001234",
    "tax": "0100109106-001",
    "phone": "0912 345 678",
    "mail": "an@example.vn",
    "home": {"province": "01", "commune": "00004", "detail": "Số 5 ngõ 12"},
    "agree": True,
    "owner": {"name": "Trần Thị Bình", "address": {"province": "99", "commune": "99004", "detail": "Thôn Đông"}},
    "kids": [{"name": "Con A", "born": "2015-03-02"}, {"name": "Con B"}],
}  # fmt: skip


# --- Every type -----------------------------------------------------------------------------


def test_every_type_renders_labelled_named_with_its_value() -> None:
    _, page = render(every_type(), EVERY_ANSWER)

    name = page.attrs("ef-name")
    assert (name["tag"], name["name"], name["value"], name["type"]) == (
        "input", "ef-name", "Nguyễn Văn An", "text"
    )  # fmt: skip
    assert "required" in name
    assert name["maxlength"] == "100"
    assert page.label_for("ef-name") == "Họ tên (bắt buộc)"
    assert name["aria-describedby"] == "ef-name--help"
    assert page.text("ef-name--help") == "Ghi bằng chữ in hoa"

    assert page.attrs("ef-note")["tag"] == "textarea"
    assert page.attrs("ef-note")["minlength"] == "5"
    assert page.text("ef-note") == "Dòng một Dòng hai"
    assert page.label_for("ef-note") == "Ghi chú"  # optional: no marker

    count = page.attrs("ef-count")
    assert (count["value"], count["inputmode"], count["data-min"], count["data-max"]) == (
        "3", "numeric", "1", "9"
    )  # fmt: skip
    day = page.attrs("ef-day")
    assert (day["type"], day["value"], day["max"]) == ("date", "2020-01-05", "2026-11-24")

    # up to four options: radios in a fieldset whose legend is the label
    assert page.attrs("ef-sex")["tag"] == "fieldset"
    assert "Giới tính (bắt buộc)" in page.text("ef-sex")
    assert page.attrs("ef-sex--1")["type"] == "radio"
    assert "checked" in page.attrs("ef-sex--1")
    assert "checked" not in page.attrs("ef-sex--0")
    assert "required" in page.attrs("ef-sex--0")
    assert page.label_for("ef-sex--1") == "Nữ"
    # more: a <select> with an empty first choice
    assert page.attrs("ef-kind")["tag"] == "select"
    assert '<option value="o5" selected>Lựa chọn 5</option>' in page.html
    # multiple: checkboxes, none natively required (that would require all of them)
    assert page.attrs("ef-uses--0")["type"] == "checkbox"
    assert "checked" in page.attrs("ef-uses--2")
    assert "checked" not in page.attrs("ef-uses--1")
    assert "required" not in page.attrs("ef-uses--0")
    assert page.attrs("ef-uses--0")["data-msg-required"] == "Vui lòng nhập «Mục đích»."

    pid = page.attrs("ef-pid")
    assert (pid["inputmode"], pid["maxlength"], pid["data-check"]) == (
        "numeric",
        "15",
        "personal_id",
    )
    tax = page.attrs("ef-tax")
    assert (tax["maxlength"], tax["value"]) == ("14", "0100109106-001")
    assert "inputmode" not in tax  # a branch code has a dash
    phone = page.attrs("ef-phone")
    assert (phone["type"], phone["autocomplete"], phone["maxlength"]) == ("tel", "tel", "20")
    mail = page.attrs("ef-mail")
    assert (mail["type"], mail["autocomplete"]) == ("email", "email")

    assert page.attrs("ef-home")["tag"] == "fieldset"
    assert page.label_for("ef-home-province") == "Tỉnh, thành phố (bắt buộc)"
    assert '<option value="01" selected>Thành phố Hà Nội</option>' in page.html
    assert '<option value="00004" selected>Phường Ba Đình</option>' in page.html
    assert page.attrs("ef-home-detail")["value"] == "Số 5 ngõ 12"

    agree = page.attrs("ef-agree")
    assert (agree["type"], "checked" in agree, "required" in agree) == ("checkbox", True, True)
    assert page.label_for("ef-agree") == "Tôi cam đoan (bắt buộc)"

    assert page.attrs("ef-owner")["tag"] == "fieldset"
    assert page.text("ef-owner").startswith("Chủ sở hữu")
    assert page.attrs("ef-owner-name")["value"] == "Trần Thị Bình"
    assert '<option value="99004" selected>Phường Thành Sơn</option>' in page.html

    assert page.attrs("ef-kids")["tag"] == "fieldset"
    assert page.attrs("ef-kids-0")["tag"] == "fieldset"
    assert page.text("ef-kids-1").startswith("Mục 2")
    assert page.attrs("ef-kids-0-born")["value"] == "2015-03-02"
    assert page.attrs("ef-kids-1-name")["value"] == "Con B"
    # inside a repeat item nothing is natively required: blank items are dropped, not refused
    assert "required" not in page.attrs("ef-kids-0-name")
    assert page.attrs("ef-kids-0-name")["data-required"] == "true"
    # one blank item after the answered ones, and a template for the script
    assert page.attrs("ef-kids-2-name")["value"] == ""
    assert "ef-kids-3" not in page.by_id
    assert 'id="ef-kids-__index__-name"' in page.html


def test_every_label_points_at_a_control_and_every_control_is_labelled() -> None:
    _, page = render(every_type(), EVERY_ANSWER)
    labelled = set(re.findall(r'<label for="([^"]+)"', page.html))
    controls = {
        values["id"] for tag, values, _ in page.controls if tag in ("input", "select", "textarea")
    }
    assert controls == labelled - {i for i in labelled if "__index__" in i}


def test_english_labels_when_the_language_is_english() -> None:
    with translation.override("en"):
        _, page = render(every_type(), {})
    assert page.label_for("ef-name").startswith("Full name")
    assert page.label_for("ef-note").startswith("Ghi chú")  # no label_en: Vietnamese


def test_a_value_the_inputs_cannot_show_is_kept() -> None:
    schema = form(
        {"name": "day", "type": "date", "label": "Ngày"},
        {"name": "kind", "type": "select", "label": "Loại", "options": [
            {"value": f"o{i}", "label": f"L{i}"} for i in range(6)]},
        {"name": "home", "type": "address", "label": "Địa chỉ"},
    )  # fmt: skip
    answers = {"day": "32/13/2020", "kind": "cu", "home": {"province": "77", "commune": "26000"}}
    _, page = render(schema, answers)
    assert (page.attrs("ef-day")["type"], page.attrs("ef-day")["value"]) == ("text", "32/13/2020")
    data = page.post()
    assert (data["ef-kind"], data["ef-home-province"], data["ef-home-commune"]) == (
        "cu", "77", "26000"
    )  # fmt: skip


# --- Errors ---------------------------------------------------------------------------------


BIRTH = {
    "child_name": "Nguyễn Văn An",
    "child_birth_date": "2026-11-01",
    "child_sex": "nam",
    "birth_place": {"province": "01", "commune": "00004", "detail": "Số 5 ngõ 12"},
    "father_known": False,
    "declarant_id": "001090001234",
    "declarant_phone": "0912345678",
    "siblings": [{"name": "Nguyễn Văn Bình", "birth_year": "2019"}],
    "declaration": True,
}


def refusal(schema: Mapping[str, object], answers: Mapping[str, object]) -> list[Problem]:
    with pytest.raises(AnswersInvalid) as refused:
        clean(schema, answers)
    return eform_problems(refused.value)


def test_errors_of_a_real_refusal_land_on_their_fields() -> None:
    answers = {
        **BIRTH,
        "child_birth_date": "2030-01-01",
        "birth_place": {"province": "01", "commune": "26734", "detail": "Số 5"},
        "declarant_phone": "0243812345",
        "siblings": [{"name": "Bình", "birth_year": "2019"}, {"birth_year": "1800"}],
    }
    problems = refusal(docs_example(), answers)
    by_path = {p.path: p.message for p in problems}
    assert set(by_path) == {
        "child_birth_date",
        "birth_place.commune",
        "declarant_phone",
        "siblings[1].name",
        "siblings[1].birth_year",
    }
    rendered, page = render(docs_example(), answers, problems)
    for path, element_id in (
        ("child_birth_date", "ef-child_birth_date"),
        ("birth_place.commune", "ef-birth_place-commune"),
        ("declarant_phone", "ef-declarant_phone"),
        ("siblings[1].name", "ef-siblings-1-name"),
        ("siblings[1].birth_year", "ef-siblings-1-birth_year"),
    ):
        control = page.attrs(element_id)
        assert control["aria-invalid"] == "true", element_id
        assert f"{element_id}--error" in control["aria-describedby"].split()
        assert page.text(f"{element_id}--error") == f"Lỗi: {by_path[path]}"
        assert "hidden" not in page.attrs(f"{element_id}--error")
        assert f'<a href="#{element_id}">{by_path[path]}</a>' in page.html.replace("&quot;", '"')
    # fields without a problem are not marked
    assert "aria-invalid" not in page.attrs("ef-child_name")
    assert "hidden" in page.attrs("ef-child_name--error")
    assert rendered.errors == ()
    assert len(rendered.summary) == len(problems)
    assert 'role="alert"' in page.html


def test_an_address_error_describes_its_parts_and_marks_the_blank_ones() -> None:
    answers = {**BIRTH, "birth_place": {"province": "01"}}
    problems = refusal(docs_example(), answers)
    assert [(p.path, p.code) for p in problems] == [("birth_place", "address_incomplete")]
    _, page = render(docs_example(), answers, problems)
    assert page.text("ef-birth_place--error") == f"Lỗi: {problems[0].message}"
    for part in ("province", "commune", "detail"):
        assert "ef-birth_place--error" in page.attrs(f"ef-birth_place-{part}")["aria-describedby"]
    assert "aria-invalid" not in page.attrs("ef-birth_place-province")  # answered
    assert page.attrs("ef-birth_place-commune")["aria-invalid"] == "true"
    assert page.attrs("ef-birth_place-detail")["aria-invalid"] == "true"


def test_choices_and_group_errors_are_on_their_fieldsets() -> None:
    schema = form(
        {"name": "sex", "type": "select", "label": "Giới tính", "required": True,
         "options": [{"value": "nam", "label": "Nam"}, {"value": "nu", "label": "Nữ"}]},
        {"name": "kids", "type": "group", "label": "Con", "repeat": True, "min_items": 2,
         "fields": [{"name": "name", "type": "text", "label": "Tên"}]},
    )  # fmt: skip
    problems = refusal(schema, {"kids": [{"name": "A"}]})
    assert {p.path for p in problems} == {"sex", "kids"}
    rendered, page = render(schema, {"kids": [{"name": "A"}]}, problems)
    assert page.attrs("ef-sex")["aria-describedby"] == "ef-sex--error"
    assert page.attrs("ef-sex--0")["aria-invalid"] == "true"
    assert "Vui lòng nhập «Giới tính»." in page.text("ef-sex--error")
    assert "cần ít nhất 2 mục" in page.text("ef-kids--error")
    assert [link.target for link in rendered.summary] == ["ef-sex--0", "ef-kids"]


def test_problems_whose_path_matches_no_field_are_form_level() -> None:
    problems = refusal(docs_example(), {**BIRTH, "nickname": "Bi"})
    problems += [Problem("siblings[7].name", "required", "Mục không có trên trang.")]
    rendered, page = render(docs_example(), BIRTH, problems)
    assert rendered.errors == ("Biểu mẫu không có trường «nickname».", "Mục không có trên trang.")
    assert "<li>Biểu mẫu không có trường «nickname».</li>" in page.html
    assert rendered.has_errors


def test_eform_problems_of_a_refusal_without_a_list() -> None:
    with pytest.raises(AnswersInvalid) as refused:
        clean(docs_example(), [])  # type: ignore[arg-type]  # not a mapping, on purpose
    assert eform_problems(refused.value) == [
        Problem("", "eform_answers_invalid", "Dữ liệu biểu mẫu phải là một đối tượng JSON.")
    ]


# --- Round trips ----------------------------------------------------------------------------


def test_every_type_round_trips() -> None:
    assert clean(every_type(), round_trip(every_type(), EVERY_ANSWER)) == clean(
        every_type(), EVERY_ANSWER
    )


def test_the_documented_example_round_trips() -> None:
    answers = {**BIRTH, "father_known": True, "father_name": "Nguyễn Văn Cường"}
    posted = round_trip(docs_example(), answers)
    assert posted["birth_place"] == answers["birth_place"]
    assert posted["siblings"] == [{"name": "Nguyễn Văn Bình", "birth_year": "2019"}]
    assert clean(docs_example(), posted) == clean(docs_example(), answers)
    assert clean(docs_example(), posted).answers["father_name"] == "Nguyễn Văn Cường"


def demo_schemas() -> list[tuple[str, dict[str, object]]]:
    return [
        (f"{spec.code}/{variant.code}", variant.eform_schema)
        for spec in all_procedures()
        for variant in spec.variants
        if variant.eform_schema
    ]


def test_the_demo_catalog_eforms_round_trip() -> None:
    schemas = demo_schemas()
    assert len(schemas) > 50
    rng = random.Random(5)
    person = content.person_make(rng, commune_unit=pc.COMMUNES[0][2], on=TODAY)
    org = content.organisation_make(rng, commune_unit=pc.COMMUNES[1][2], on=TODAY)
    province = pc.PROVINCE_ROWS[0].admin_unit_code
    checked = 0
    for n, (label, schema) in enumerate(schemas):
        # an individual and an organisation in turn (forms that ask which show either group)
        ctx = content.AnswerContext(person, org if n % 2 else None, province, TODAY, "buu_chinh")
        answers = content.eform_answers(schema, ctx, rng)
        try:
            expected = clean(schema, answers)
        except AnswersInvalid:
            continue  # the demo leaves such variants out too
        assert clean(schema, round_trip(schema, answers)) == expected, label
        checked += 1
    assert checked > 0.8 * len(schemas)


def test_hidden_conditional_fields_are_dropped_and_not_natively_required() -> None:
    _, page = render(docs_example(), BIRTH)
    father = page.attrs("ef-father_name")
    assert "required" not in father  # without the script it shows, and may stay empty
    assert father["data-required"] == "true"
    assert page.text("ef-father_name--condition") == (
        "Chỉ điền khi «Đã xác định được cha» được đánh dấu."
    )
    box = re.search(r'<div class="eform-field" data-show-if="([^"]+)">\s*<label for="ef-father_name"',
                    page.html)  # fmt: skip
    assert box is not None
    assert json.loads(box.group(1).replace("&quot;", '"')) == {
        "field": "ef-father_known", "kind": "checkbox", "op": "equals", "value": True
    }  # fmt: skip

    typed = page.post()
    typed["ef-father_name"] = "Nguyễn Văn Cường"  # typed, then the box left unticked
    posted = eform_answers_from_post(schema=docs_example(), data=typed)
    assert posted["father_known"] is False
    assert "father_name" not in clean(docs_example(), posted).answers
    typed["ef-father_known"] = "true"
    posted = eform_answers_from_post(schema=docs_example(), data=typed)
    assert clean(docs_example(), posted).answers["father_name"] == "Nguyễn Văn Cường"


def test_conditions_inside_a_group_name_the_sibling_of_the_same_item() -> None:
    schema = form(
        {"name": "foreign", "type": "checkbox", "label": "Người nước ngoài"},
        {"name": "members", "type": "group", "label": "Thành viên", "repeat": True, "fields": [
            {"name": "kind", "type": "select", "label": "Loại", "options": [
                {"value": "a", "label": "A"}, {"value": "b", "label": "B"}]},
            {"name": "detail", "type": "text", "label": "Chi tiết",
             "show_if": {"field": "kind", "in": ["b"]}},
            {"name": "passport", "type": "text", "label": "Hộ chiếu",
             "show_if": {"field": "foreign", "equals": True}},
        ]},
    )  # fmt: skip
    _, page = render(schema, {"members": [{"kind": "a"}, {"kind": "b"}]})
    conditions = [
        json.loads(c.replace("&quot;", '"'))["field"]
        for c in re.findall(r'data-show-if="([^"]+)"', page.html)
    ]
    # two items, one blank item, and the template
    assert conditions[:6] == [
        "ef-members-0-kind", "ef-foreign", "ef-members-1-kind", "ef-foreign",
        "ef-members-2-kind", "ef-foreign",
    ]  # fmt: skip
    assert conditions[6:] == ["ef-members-__index__-kind", "ef-foreign"]
    assert page.text("ef-members-1-detail--condition") == "Chỉ điền khi «Loại» là «B»."


# --- Repeat items without JavaScript --------------------------------------------------------


def test_add_posts_back_one_more_empty_item() -> None:
    schema = docs_example()
    _, page = render(schema, BIRTH)
    assert [i for i in page.by_id if re.fullmatch(r"ef-siblings-\d+", i)] == [
        "ef-siblings-0", "ef-siblings-1"
    ]  # fmt: skip
    data = page.post(**{"ef-siblings-add": "1"})
    assert eform_wants_more_items(data, "ef")
    assert eform_wants_more_items(data, "ef", schema=validate_schema(schema))
    posted = eform_answers_from_post(schema=schema, data=data)
    assert posted["siblings"] == [{"name": "Nguyễn Văn Bình", "birth_year": "2019"}, {}, {}]
    _, again = render(schema, posted)
    assert [i for i in again.by_id if re.fullmatch(r"ef-siblings-\d+", i)] == [
        "ef-siblings-0", "ef-siblings-1", "ef-siblings-2"
    ]  # fmt: skip
    # a plain submit drops the blank items again
    plain = eform_answers_from_post(schema=schema, data=again.post())
    assert not eform_wants_more_items(again.post(), "ef")
    assert plain["siblings"] == [{"name": "Nguyễn Văn Bình", "birth_year": "2019"}]


def test_remove_posts_back_without_the_item() -> None:
    schema = docs_example()
    answers = {**BIRTH, "siblings": [{"name": "A"}, {"name": "B"}, {"name": "C"}]}
    _, page = render(schema, answers, extra_items=0)
    data = page.post(**{"ef-siblings-remove": "1"})
    assert eform_wants_more_items(data)
    posted = eform_answers_from_post(schema=schema, data=data)
    assert posted["siblings"] == [{"name": "A"}, {"name": "C"}]
    _, again = render(schema, posted, extra_items=0)
    assert again.attrs("ef-siblings-1-name")["value"] == "C"
    assert "ef-siblings-2" not in again.by_id


def test_items_added_in_the_page_may_leave_gaps_in_the_indexes() -> None:
    data = QueryDict(mutable=True)
    for index, name in ((0, "A"), (3, ""), (7, "C"), (12, "D")):
        data[f"ef-siblings-{index}-name"] = name
    posted = eform_answers_from_post(schema=docs_example(), data=data)
    assert posted["siblings"] == [{"name": "A"}, {"name": "C"}, {"name": "D"}]


def test_repeat_bounds_hide_add_and_remove() -> None:
    schema = form(
        {"name": "kids", "type": "group", "label": "Con", "repeat": True, "min_items": 1,
         "max_items": 2, "fields": [{"name": "name", "type": "text", "label": "Tên"}]},
    )  # fmt: skip
    rendered, page = render(schema, {})
    (kids,) = rendered.fields
    assert [item.index for item in kids.items] == ["0"]
    assert not kids.items[0].removable
    assert kids.can_add
    assert 'name="ef-kids-add" value="1" formnovalidate data-eform-action="add">' in page.html
    full, page = render(schema, {"kids": [{"name": "A"}, {"name": "B"}]})
    assert not full.fields[0].can_add
    assert 'data-eform-action="add" hidden>' in page.html
    data = page.post(**{"ef-kids-add": "1"})
    assert eform_answers_from_post(schema=schema, data=data)["kids"] == [
        {"name": "A"}, {"name": "B"}
    ]  # fmt: skip


def test_a_field_named_add_in_a_group_is_not_a_button_when_the_schema_is_known() -> None:
    schema = validate_schema(
        form({"name": "g", "type": "group", "label": "Nhóm", "fields": [
            {"name": "add", "type": "text", "label": "Thêm gì"}]})
    )  # fmt: skip
    data = QueryDict("ef-g-add=x")
    assert not eform_wants_more_items(data, "ef", schema=schema)
    assert eform_answers_from_post(schema=schema, data=data) == {"g": {"add": "x"}}


def test_odd_posts_never_raise() -> None:
    data = QueryDict(mutable=True)
    data.setlist("ef-child_name", ["a", "b"])
    data["ef-siblings-99999999999-name"] = "x"  # too long an index: ignored
    data["ef-siblings-x-name"] = "y"
    data["ef-siblings-remove"] = "abc"
    data["ef-birth_place-province"] = "   "
    data["ef-unknown"] = "z"
    data["other"] = "1"
    posted = eform_answers_from_post(schema=docs_example(), data=data)
    assert posted == {"child_name": "b", "father_known": False, "declaration": False}
    assert eform_answers_from_post(schema=docs_example(), data=QueryDict()) == {
        "father_known": False, "declaration": False
    }  # fmt: skip


# --- Addresses ------------------------------------------------------------------------------


def test_the_commune_list_is_the_chosen_provinces() -> None:
    schema = form({"name": "home", "type": "address", "label": "Nơi ở"})
    rendered, page = render(schema, {"home": {"province": "99"}})
    communes = re.search(r'<select id="ef-home-commune".*?</select>', page.html, flags=re.DOTALL)
    assert communes is not None
    codes = re.findall(r'<option value="(\d+)"', communes.group(0))
    assert sorted(codes) == sorted(code for _, _, code, _ in pc.COMMUNES)
    assert "eform-nojs" in page.html  # the no-script button stays beside it

    _, page = render(schema, {})
    communes = re.search(r'<select id="ef-home-commune".*?</select>', page.html, flags=re.DOTALL)
    assert communes is not None
    assert re.findall(r"<option[^>]*>([^<]*)</option>", communes.group(0)) == [
        "— Chọn tỉnh, thành phố trước —"
    ]
    data = page.post(**{"ef-home-commune-refresh": "1", "ef-home-province": "99"})
    assert eform_wants_more_items(data)

    # the script's data: every province's communes, once per page
    assert rendered.units is not None
    assert len(rendered.units) == len(UNITS.provinces)
    assert sum(len(c) for c in rendered.units.values()) == len(UNITS.communes)
    element = re.search(r'<script id="ef--units" type="application/json">(.*?)</script>', page.html)
    assert element is not None
    assert len(element.group(1).encode()) < 150_000


def test_a_form_without_an_address_has_no_unit_data() -> None:
    rendered, page = render(form({"name": "a", "type": "text", "label": "A"}))
    assert rendered.units is None
    assert "application/json" not in page.html
    assert not rendered.has_actions
    assert 'tabindex="-1" aria-hidden="true"' not in page.html


# --- The script's checks are the validator's ------------------------------------------------


@pytest.mark.parametrize(
    ("field", "answer", "attribute", "value"),
    [
        ({"type": "phone", "required": True}, "0123456789", "data-msg-format", "0123456789"),
        ({"type": "phone"}, "024 3812 3456", "data-msg-landline", "02438123456"),
        ({"type": "phone"}, "09x", "data-msg-digits", None),
        ({"type": "personal_id"}, "12345", "data-msg-format", None),
        ({"type": "tax_code"}, "12-3", "data-msg-format", None),
        ({"type": "email"}, "an@", "data-msg-format", "an@"),
        ({"type": "number", "integer": True}, "1,5", "data-msg-integer", None),
        ({"type": "number", "min": 1900}, "1800", "data-msg-min", None),
        ({"type": "number", "max": 10}, "11", "data-msg-max", None),
        ({"type": "number"}, "nhiều", "data-msg-number", None),
        ({"type": "date", "max": "today"}, "2030-01-01", "data-msg-max", None),
        ({"type": "date", "min": "2020-01-01"}, "2019-12-31", "data-msg-min", None),
        ({"type": "text", "max_length": 3}, "abcd", "data-msg-too-long", None),
        ({"type": "textarea", "min_length": 3}, "ab", "data-msg-too-short", None),
        ({"type": "text", "pattern": r"\d{1,4}"}, "12a", "data-msg-pattern", None),
        (
            {"type": "text", "pattern": r"\d+", "pattern_message": "Chỉ gồm chữ số."},
            "a",
            "data-msg-pattern",
            None,
        ),
        ({"type": "text", "required": True}, "  ", "data-msg-required", None),
        ({"type": "checkbox", "required": True}, False, "data-msg-required", None),
    ],
)
def test_the_scripts_messages_are_the_validators(field, answer, attribute, value) -> None:
    schema = form({"name": "x", "label": "Trường X", **field})
    (problem,) = refusal(schema, {"x": answer})
    _, page = render(schema, {})
    message = page.attrs("ef-x")[attribute]
    assert (message.replace("{value}", value) if value else message) == problem.message


# --- Property: whatever the validator accepts survives the page -----------------------------

SAFE_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029"),
    max_size=30,
)
OPTIONS = [{"value": v, "label": v.upper()} for v in ("a", "b", "c", "d", "e")]


@st.composite
def schema_and_answers(draw: st.DrawFn) -> tuple[dict[str, object], dict[str, object]]:
    fields: list[dict[str, object]] = []
    answers: dict[str, object] = {}
    kinds = draw(
        st.lists(
            st.sampled_from(
                ["text", "textarea", "number", "date", "radios", "select", "multiple",
                 "checkbox", "phone", "email", "personal_id"]
            ),
            min_size=1,
            max_size=8,
        )
    )  # fmt: skip
    for i, kind in enumerate(kinds):
        name = f"f{i}"
        field: dict[str, object] = {"name": name, "label": f"Trường {i}"}
        value: object
        if kind in ("text", "textarea"):
            field["type"] = kind
            value = draw(SAFE_TEXT)
        elif kind == "number":
            field.update(type="number", min=-1000, max=1000)
            value = draw(
                st.one_of(
                    st.integers(-1000, 1000),
                    st.decimals(-1000, 1000, places=2).map(float),
                    st.integers(-1000, 1000).map(str),
                )
            )
        elif kind == "date":
            field.update(type="date", max="today")
            day = draw(st.dates(dt.date(1900, 1, 1), TODAY))
            value = draw(st.sampled_from([day.isoformat(), day.strftime("%d/%m/%Y")]))
        elif kind in ("radios", "select", "multiple"):
            count = 3 if kind == "radios" else 5
            field.update(type="select", options=OPTIONS[:count], multiple=kind == "multiple")
            values = [o["value"] for o in OPTIONS[:count]]
            value = (
                draw(st.lists(st.sampled_from(values), unique=True))
                if kind == "multiple"
                else draw(st.sampled_from(values))
            )
        elif kind == "checkbox":
            field["type"] = "checkbox"
            value = draw(st.booleans())  # a form posts a box either ticked or not: never absent
        elif kind == "phone":
            field.update(type="phone", allow_landline=True)
            value = draw(st.sampled_from(["0912345678", "+84 912 345 678", "024 3812 3456"]))
        elif kind == "email":
            field["type"] = "email"
            value = draw(st.sampled_from(["an@example.vn", " Binh.Tran@Example.com "]))
        else:
            field["type"] = "personal_id"
            value = draw(st.sampled_from(["001090001234", "038 195 012 345"]))
        fields.append(field)
        if kind == "checkbox" or draw(st.booleans()):
            answers[name] = value
    return form(*fields), answers


@given(schema_and_answers())
def test_accepted_answers_survive_render_post_and_parse(case) -> None:
    schema, answers = case
    expected = clean(schema, answers)
    assert clean(schema, round_trip(schema, answers)) == expected
    # and the cleaned answers, as stored, render and parse back to themselves too
    assert clean(schema, round_trip(schema, expected.answers)) == expected


def test_numbers_render_as_the_validator_reads_them() -> None:
    schema = form({"name": "n", "type": "number", "label": "Số"})
    for value in (Decimal("1.50"), 0.1, 12, -3.25, "7,5"):
        assert clean(schema, round_trip(schema, {"n": value})) == clean(schema, {"n": value})
