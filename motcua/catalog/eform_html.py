"""E-forms in HTML: any e-form schema (docs/eforms.md) drawn as an accessible form, and the POST
read back into the answers `clean_answers` expects.

`eform_render` turns a schema, the current answers and the validator's problems into a tree of
`RenderedField`s that the templates in `catalog/templates/eforms/` draw (`form.html` is included
inside the caller's `<form>`). `eform_answers_from_post` reads the flat HTML names back into the
nested answers. Names are stable and flat so a POST without JavaScript round-trips:

    ef-child_name                 a field
    ef-birth_place-province       an address part (province, commune, detail)
    ef-individual-applicant_name  a field of a group
    ef-siblings-0-name            a field of item 0 of a repeatable group

Without JavaScript every field is shown (a conditional one says when it applies; the validator
drops it when its condition does not hold), repeat items are added and removed by posting (the
"Thêm" and "Xoá" buttons: `eform_wants_more_items` tells the caller to re-render, not to
advance) and the commune list fills after a submit. `motcua/core/static/motcua/js/eform.js` does
the same in the page. The server stays the judge: the messages the script shows are the
validator's own, asked of it here with sample answers (`_messages`), so they cannot drift.
"""

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _

from motcua.accounts.admin_units import Unit, UnitDirectory, unit_directory
from motcua.catalog.eforms import (
    AnswersInvalid,
    Condition,
    EForm,
    FieldDef,
    clean_answers,
    is_blank,
    validate_schema,
)
from motcua.catalog.specs import Problem
from motcua.core.timezone import VN_TZ

ADDRESS_PARTS = ("province", "commune", "detail")
RADIO_LIMIT = 4  # a single choice among at most this many options is drawn as radio buttons
INDEX = "__index__"  # a repeat item's index in its <template>, replaced by the script
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


@dataclass(frozen=True)
class RenderedOption:
    value: str
    label: str
    selected: bool = False
    id: str = ""  # radios and checkboxes only


@dataclass(frozen=True)
class RenderedItem:
    """One item of a repeatable group (a <fieldset>); the group's `blank_item` has `INDEX`."""

    index: str  # the index in the HTML names (items added in the page may leave gaps)
    number: int | None  # 1, 2, … as shown
    id: str
    path: str  # the validator's path: "siblings[1]"
    fields: tuple["RenderedField", ...]
    errors: tuple[str, ...] = ()
    remove_name: str = ""
    removable: bool = True

    @property
    def error(self) -> str:
        return " ".join(self.errors)

    @property
    def error_id(self) -> str:
        return f"{self.id}--error"


@dataclass(frozen=True)
class RenderedField:
    """A field as the templates need it. `type` is the schema's type ("province", "commune",
    "detail" for the parts of an address); `template` the partial that draws it."""

    type: str
    template: str
    name: str  # the HTML name
    id: str
    path: str  # the validator's path: "birth_place.commune", "siblings[0].name"
    label: str
    help: str = ""
    required: bool = False
    native_required: bool = False  # the `required` attribute: not under a condition or a repeat
    value: str = ""
    checked: bool = False
    options: tuple[RenderedOption, ...] = ()
    empty_label: str = ""  # the first, empty option of a <select>
    errors: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()  # input attributes: kind, limits, checks, messages
    show_if: str = ""  # the condition as JSON, for the script (data-show-if)
    condition_text: str = ""  # the condition in words, for people without the script
    fields: tuple["RenderedField", ...] = ()  # a group's fields; an address's parts
    items: tuple[RenderedItem, ...] = ()  # a repeatable group's items
    blank_item: RenderedItem | None = None  # a repeatable group's <template>
    min_items: int = 0
    max_items: int = 0
    can_add: bool = False
    add_name: str = ""
    refresh_name: str = ""  # commune select: the no-script button that lists the communes
    outer_error_id: str = ""  # an address part: the whole address's error, when it has one
    flagged: bool = False  # an address part left blank where the whole address has an error

    @property
    def error(self) -> str:
        return " ".join(self.errors)

    @property
    def help_id(self) -> str:
        return f"{self.id}--help"

    @property
    def error_id(self) -> str:
        return f"{self.id}--error"

    @property
    def condition_id(self) -> str:
        return f"{self.id}--condition"

    @property
    def described_by(self) -> str:
        ids = [
            self.help_id if self.help else "",
            self.condition_id if self.condition_text else "",
            self.error_id if self.errors else "",
            self.outer_error_id,
        ]
        return " ".join(i for i in ids if i)

    @property
    def invalid(self) -> bool:
        return bool(self.errors) or self.flagged

    @property
    def target_id(self) -> str:
        """Where a link to this field's error goes: the first radio or checkbox of a choice."""
        if self.template in ("eforms/radios.html", "eforms/checkboxes.html") and self.options:
            return self.options[0].id
        return self.id


@dataclass(frozen=True)
class ErrorLink:
    message: str
    target: str  # the id of the field; "" for a form-level error


@dataclass(frozen=True)
class RenderedForm:
    title: str
    prefix: str
    fields: tuple[RenderedField, ...]
    errors: tuple[str, ...] = ()  # problems whose path matches no field
    summary: tuple[ErrorLink, ...] = ()  # every error, form-level first, then in page order
    units: dict[str, list[list[str]]] | None = None  # communes by province, for the script
    units_id: str = ""
    has_actions: bool = False  # repeat or address buttons: form.html starts with a default button

    @property
    def has_errors(self) -> bool:
        return bool(self.summary)


# --- Rendering ----------------------------------------------------------------------------------


def eform_render(
    *,
    schema: EForm | Mapping[str, object],
    answers: Mapping[str, object] | None,
    problems: Sequence[Problem] = (),
    prefix: str = "ef",
    extra_items: int = 1,
    units: UnitDirectory | None = None,
    today: dt.date | None = None,
) -> RenderedForm:
    """The form to draw with `eforms/form.html`: current `answers` (raw as posted, or cleaned as
    stored) shown in the inputs, each problem under its field (`eform_problems` of a refusal).

    A repeatable group shows its items, then blank ones until it ends with `extra_items` blank
    items (within `min_items` … `max_items`). `units` defaults to `unit_directory()` (one query,
    only when the form has an address); `today` (for "today" date bounds) to today in Vietnam.
    """
    form = schema if isinstance(schema, EForm) else validate_schema(schema)
    has_address = _has_address(form.fields)
    if not has_address:
        units = None  # the page needs no unit data
    elif units is None:
        units = unit_directory()
    renderer = _Renderer(
        problems=problems,
        units=units,
        today=today or dt.datetime.now(tz=VN_TZ).date(),
        extra_items=max(0, extra_items),
        english=(translation.get_language() or "").startswith("en"),
    )
    fields = renderer.level(form.fields, answers or {}, base=prefix, path="", top=None)
    leftover = tuple(message for messages in renderer.problems.values() for message in messages)
    return RenderedForm(
        title=form.title,
        prefix=prefix,
        fields=fields,
        errors=leftover,
        summary=(*(ErrorLink(m, "") for m in leftover), *renderer.summary),
        units=renderer.units_json() if units is not None else None,
        units_id=f"{prefix}--units",
        has_actions=has_address or any(f.repeat for f in form.fields),
    )


def eform_problems(error: AnswersInvalid) -> list[Problem]:
    """The problems of a refusal (`details["problems"]`); its message when it lists none."""
    raw = error.details.get("problems")
    problems = [
        Problem(str(p.get("path", "")), str(p.get("code", "")), str(p.get("message", "")))
        for p in (raw if isinstance(raw, list) else [])
        if isinstance(p, Mapping)
    ]
    return problems or [Problem("", error.code, error.message)]


_Targets = dict[str, tuple[FieldDef, str]]  # a condition's field name → (field, HTML name)


class _Renderer:
    def __init__(
        self,
        *,
        problems: Sequence[Problem],
        units: UnitDirectory | None,
        today: dt.date,
        extra_items: int,
        english: bool,
    ) -> None:
        self.problems: dict[str, list[str]] = {}
        for problem in problems:
            self.problems.setdefault(problem.path, []).append(problem.message)
        self.summary: list[ErrorLink] = []
        self.today = today
        self.extra_items = extra_items
        self.english = english
        self.provinces: list[Unit] = []
        self.communes: dict[str, list[Unit]] = {}
        if units is not None:
            self.provinces = sorted(units.provinces.values(), key=_unit_order)
            for commune in units.communes.values():
                self.communes.setdefault(commune.province_code, []).append(commune)
            for communes in self.communes.values():
                communes.sort(key=_unit_order)

    def units_json(self) -> dict[str, list[list[str]]]:
        return {
            p.code: [[c.code, c.name] for c in self.communes.get(p.code, [])]
            for p in self.provinces
        }

    def take(self, path: str, target: str) -> tuple[str, ...]:
        """The messages of the problems at `path` (so they are not form-level)."""
        messages = tuple(self.problems.pop(path, [])) if INDEX not in path else ()
        self.summary.extend(ErrorLink(m, target) for m in messages)
        return messages

    def label(self, f: FieldDef) -> str:
        return f.label_en if self.english and f.label_en else f.label

    def level(
        self,
        fields: Sequence[FieldDef],
        answers: Mapping[str, object],
        *,
        base: str,
        path: str,
        top: _Targets | None,
        native: bool = True,
    ) -> tuple[RenderedField, ...]:
        """The fields of the form (`top` None) or of a group item (`top`: the form's fields)."""
        own = {f.name: (f, f"{base}-{f.name}") for f in fields}
        targets = own if top is None else {**top, **own}
        return tuple(
            self.field(
                f,
                answers.get(f.name),
                base=base,
                path=path,
                targets=targets,
                top=own if top is None else top,
                native=native,
            )
            for f in fields
        )

    def field(
        self,
        f: FieldDef,
        raw: object,
        *,
        base: str,
        path: str,
        targets: _Targets,
        top: _Targets,
        native: bool,
    ) -> RenderedField:
        name = f"{base}-{f.name}"
        show_if, condition_text = "", ""
        if f.show_if is not None and f.show_if.field in targets:
            target, target_name = targets[f.show_if.field]
            show_if = _condition_json(f.show_if, target, target_name)
            condition_text = self.condition_text(f.show_if, target)
            native = False
        common = RenderedField(
            type=f.type,
            template="",
            name=name,
            id=name,
            path=f"{path}{f.name}",
            label=self.label(f),
            help=f.help,
            required=f.required,
            native_required=f.required and native,
            show_if=show_if,
            condition_text=condition_text,
        )
        if f.type == "group":
            return self.group(f, raw, common, top=top, native=native)
        if f.type == "address":
            return self.address(f, raw, common, native=native)
        attrs = _checks(f, self.today)
        if f.type == "select":
            return self.select(f, raw, replace(common, attrs=attrs))
        if f.type == "checkbox":
            checked = raw in (True, "true", "on", "1")
            return replace(
                common,
                template="eforms/checkbox.html",
                checked=checked,
                attrs=attrs,
                errors=self.take(common.path, name),
            )
        value = _as_text(raw)
        if f.type == "date":
            day = _as_date(raw)
            value = day.isoformat() if day is not None else value
            if day is None and value:  # a date the date input cannot show: keep it as text
                dropped = ("type", "data-check", "min", "max")
                attrs = (("type", "text"), *((k, v) for k, v in attrs if k not in dropped))
        return replace(
            common,
            template="eforms/textarea.html" if f.type == "textarea" else "eforms/input.html",
            value=value,
            attrs=attrs,
            errors=self.take(common.path, name),
        )

    def select(self, f: FieldDef, raw: object, common: RenderedField) -> RenderedField:
        chosen = (
            [v for v in raw if isinstance(v, str)]
            if isinstance(raw, list)
            else ([_as_text(raw)] if f.multiple else [])
        )
        current = _as_text(raw) if not f.multiple else ""
        options = tuple(
            RenderedOption(
                value=o.value,
                label=o.label,
                selected=o.value in chosen if f.multiple else o.value == current,
                id=f"{common.id}--{i}",
            )
            for i, o in enumerate(f.options)
        )
        if f.multiple:
            template = "eforms/checkboxes.html"
        elif len(options) <= RADIO_LIMIT:
            template = "eforms/radios.html"
        else:
            template = "eforms/select.html"
            options = _keep_unknown(options, current)
        rendered = replace(
            common,
            template=template,
            value=current,
            options=options,
            empty_label=_("— Chọn —"),
            # `required` on each checkbox would ask for all of them: the script checks "one"
            native_required=common.native_required and not f.multiple,
        )
        return replace(rendered, errors=self.take(common.path, rendered.target_id))

    def address(
        self, f: FieldDef, raw: object, common: RenderedField, *, native: bool
    ) -> RenderedField:
        given = raw if isinstance(raw, Mapping) else {}
        values = {part: _as_text(given.get(part)).strip() for part in ADDRESS_PARTS}
        province, commune = values["province"], values["commune"]
        errors = self.take(common.path, f"{common.id}-province")
        missing = _part_messages(f, self.today)

        def part(key: str, label: str, template: str, *attrs: tuple[str, str]) -> RenderedField:
            name = f"{common.name}-{key}"
            required: tuple[tuple[str, str], ...] = ()
            if f.required:
                required = (("data-required", "true"), ("data-msg-required", missing[key]))
            return RenderedField(
                type=key,
                template=template,
                name=name,
                id=name,
                path=f"{common.path}.{key}",
                label=label,
                required=f.required,
                native_required=f.required and native,
                value=values[key],
                errors=self.take(f"{common.path}.{key}", name),
                attrs=(*attrs, *required),
                # the whole address's error describes each part and marks the blank ones
                outer_error_id=common.error_id if errors else "",
                flagged=bool(errors) and not values[key],
            )

        province_part = part(
            "province",
            _("Tỉnh, thành phố"),
            "eforms/select.html",
            ("data-eform-province", f"{common.id}-commune"),
        )
        commune_part = part(
            "commune",
            _("Xã, phường, đặc khu"),
            "eforms/select.html",
            ("data-empty-label", _("— Chọn xã, phường —")),
            ("data-empty-label-first", _("— Chọn tỉnh, thành phố trước —")),
        )
        detail_part = part(
            "detail",
            _("Số nhà, đường, thôn, xóm"),
            "eforms/input.html",
            ("type", "text"),
            ("maxlength", "255"),
            *_message_attrs(f, {"detail": "x" * 256}, {"too-long": "too_long"}, self.today),
        )
        provinces = tuple(
            RenderedOption(p.code, p.name, p.code == province) for p in self.provinces
        )
        communes = tuple(
            RenderedOption(c.code, c.name, c.code == commune)
            for c in self.communes.get(province, [])
        )
        parts = (
            replace(
                province_part,
                options=_keep_unknown(provinces, province),
                empty_label=_("— Chọn tỉnh, thành phố —"),
            ),
            replace(
                commune_part,
                options=_keep_unknown(communes, commune),
                empty_label=(
                    _("— Chọn xã, phường —") if province else _("— Chọn tỉnh, thành phố trước —")
                ),
                refresh_name=f"{common.name}-commune-refresh",
            ),
            detail_part,
        )
        return replace(common, template="eforms/address.html", fields=parts, errors=errors)

    def group(
        self, f: FieldDef, raw: object, common: RenderedField, *, top: _Targets, native: bool
    ) -> RenderedField:
        errors = self.take(common.path, common.id)
        if not f.repeat:
            fields = self.level(
                f.fields,
                raw if isinstance(raw, Mapping) else {},
                base=common.name,
                path=f"{common.path}.",
                top=top,
                native=native,
            )
            return replace(common, template="eforms/group.html", fields=fields, errors=errors)
        entries = (
            [e if isinstance(e, Mapping) else {} for e in raw] if isinstance(raw, list) else []
        )
        while len(entries) < f.max_items and (
            len(entries) < f.min_items or _trailing_blanks(entries) < self.extra_items
        ):
            entries.append({})
        removable = len(entries) > f.min_items
        items = tuple(
            self.item(f, entry, common, str(i), i + 1, top=top, removable=removable)
            for i, entry in enumerate(entries)
        )
        return replace(
            common,
            template="eforms/repeat.html",
            errors=errors,
            items=items,
            blank_item=self.item(f, {}, common, INDEX, None, top=top, removable=True),
            min_items=f.min_items,
            max_items=f.max_items,
            can_add=len(entries) < f.max_items,
            add_name=f"{common.name}-add",
        )

    def item(
        self,
        f: FieldDef,
        entry: Mapping[str, object],
        group: RenderedField,
        index: str,
        number: int | None,
        *,
        top: _Targets,
        removable: bool,
    ) -> RenderedItem:
        base = f"{group.name}-{index}"
        path = f"{group.path}[{index}]"
        errors = self.take(path, base)
        fields = self.level(f.fields, entry, base=base, path=f"{path}.", top=top, native=False)
        return RenderedItem(
            index=index,
            number=number,
            id=base,
            path=path,
            fields=fields,
            errors=errors,
            remove_name=f"{group.name}-remove",
            removable=removable,
        )

    def condition_text(self, condition: Condition, target: FieldDef) -> str:
        label = self.label(target)
        if condition.op == "filled":
            return _("Chỉ điền khi «%(label)s» đã được điền.") % {"label": label}
        wanted = condition.value if isinstance(condition.value, list) else [condition.value]
        if target.type == "checkbox" and condition.op == "equals":
            if condition.value is True:
                return _("Chỉ điền khi «%(label)s» được đánh dấu.") % {"label": label}
            return _("Chỉ điền khi «%(label)s» không được đánh dấu.") % {"label": label}
        names = {o.value: o.label for o in target.options}
        shown = _(" hoặc ").join(f"«{names.get(str(w), str(w))}»" for w in wanted)
        return _("Chỉ điền khi «%(label)s» là %(values)s.") % {"label": label, "values": shown}


def _message_attrs(
    f: FieldDef, raw: object, wanted: Mapping[str, str], today: dt.date
) -> tuple[tuple[str, str], ...]:
    """`data-msg-<key>` attributes: the validator's messages for a sample answer, by code."""
    found = _messages(f, raw, today)
    return tuple((f"data-msg-{key}", found[code]) for key, code in wanted.items() if code in found)


def _has_address(fields: Sequence[FieldDef]) -> bool:
    return any(f.type == "address" or _has_address(f.fields) for f in fields)


def _trailing_blanks(entries: Sequence[Mapping[str, object]]) -> int:
    count = 0
    for entry in reversed(entries):
        if not _blank_item(entry):
            break
        count += 1
    return count


def _blank_item(entry: Mapping[str, object]) -> bool:
    return all(_blank(value) for value in entry.values())


def _blank(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, Mapping):
        return all(_blank(v) for v in value.values())
    return is_blank(value)


def _keep_unknown(options: tuple[RenderedOption, ...], current: str) -> tuple[RenderedOption, ...]:
    """A value the list does not have (an ended unit, an API answer) stays, shown by its code."""
    if current and all(o.value != current for o in options):
        return (*options, RenderedOption(current, current, selected=True))
    return options


def _unit_order(unit: Unit) -> tuple[str, str]:
    return _name_order(unit.name), unit.code


@cache
def _name_order(name: str) -> str:
    """A unit's name without its kind ("Phường", "Xã", "Tỉnh"…) and without accents."""
    bare = re.sub(r"^(Thành phố|Tỉnh|Phường|Xã|Đặc khu)\s+", "", name, flags=re.IGNORECASE)
    folded = unicodedata.normalize("NFD", bare.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def _as_text(raw: object) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool) or raw is None:
        return ""
    if isinstance(raw, int | float | Decimal):
        return str(raw)
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return ""


def _as_date(raw: object) -> dt.date | None:
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        return None
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(raw.strip(), pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    return None


def _condition_json(condition: Condition, target: FieldDef, target_name: str) -> str:
    if target.type in ("group", "address"):
        kind = "compound"  # only "filled" means something: any of its inputs answered
    elif target.type == "checkbox":
        kind = "checkbox"
    elif target.type == "select":
        kind = "multiple" if target.multiple else "single"
    elif target.type == "number":
        kind = "number"
    else:
        kind = "text"
    value = condition.value if condition.op != "filled" else True
    return json.dumps(
        {"field": target_name, "kind": kind, "op": condition.op, "value": value},
        ensure_ascii=False,
    )


# --- The validator's messages, for the script ---------------------------------------------------


def _messages(f: FieldDef, raw: object, today: dt.date) -> dict[str, str]:
    """What the validator says of `raw` as the answer to `f` alone: {code: message}."""
    try:
        clean_answers(EForm("", (replace(f, show_if=None),)), {f.name: raw}, today=today)
    except AnswersInvalid as error:
        found: dict[str, str] = {}
        for problem in eform_problems(error):
            found.setdefault(problem.code, problem.message)
        return found
    return {}


def _part_messages(f: FieldDef, today: dt.date) -> dict[str, str]:
    """The message for each missing part of a required address."""
    if not f.required:
        return {}
    out = {}
    for key in ADDRESS_PARTS:
        sample = {part: "" if part == key else "1" for part in ADDRESS_PARTS}
        found = _messages(f, sample, today)
        out[key] = found.get("address_incomplete", "")
    return out


def _checks(f: FieldDef, today: dt.date) -> tuple[tuple[str, str], ...]:
    """The attributes of an input: its kind and limits, and what the script checks with which
    of the validator's messages (`data-msg-*`; "{value}" stands for what was typed)."""
    attrs: list[tuple[str, str]] = []

    def say(key: str, raw: object, code: str, *, sample: str = "") -> None:
        message = _messages(f, raw, today).get(code)
        if message:
            attrs.append(
                (f"data-msg-{key}", message.replace(sample, "{value}") if sample else message)
            )

    if f.required:
        attrs.append(("data-required", "true"))
        blank: object = [] if f.multiple else (False if f.type == "checkbox" else "")
        say("required", blank, "required")
    if f.type in ("text", "textarea"):
        if f.type == "text":
            attrs.insert(0, ("type", "text"))
        if f.max_length is not None:
            attrs.append(("maxlength", str(f.max_length)))
            say("too-long", "x" * (f.max_length + 1), "too_long")
        if f.min_length is not None and f.min_length > 1:
            attrs.append(("minlength", str(f.min_length)))
            say("too-short", "x", "too_short")
        if f.pattern:
            attrs.append(("data-pattern", f.pattern))
            for sample in ("\x00", "a", "0"):
                message = _messages(f, sample, today).get("pattern_mismatch")
                if message:
                    attrs.append(("data-msg-pattern", message))
                    break
    elif f.type == "number":
        natural = isinstance(f.min, Decimal) and f.min >= 0
        attrs[:0] = [("type", "text"), ("data-check", "number")]
        if natural:
            attrs.append(("inputmode", "numeric" if f.integer else "decimal"))
        say("number", "x", "not_number")
        if f.integer:
            attrs.append(("data-integer", "true"))
            say("integer", "0.5", "not_integer")
        if isinstance(f.min, Decimal):
            attrs.append(("data-min", str(f.min)))
            say("min", str(f.min - 1), "number_below_min")
        if isinstance(f.max, Decimal):
            attrs.append(("data-max", str(f.max)))
            say("max", str(f.max + 1), "number_above_max")
    elif f.type == "date":
        attrs[:0] = [("type", "date"), ("data-check", "date")]
        say("date", "x", "date_invalid")
        for key, bound, step, code in (
            ("min", f.min, -1, "date_before_min"),
            ("max", f.max, 1, "date_after_max"),
        ):
            day = today if bound == "today" else bound
            if isinstance(day, dt.date) and dt.date.min < day < dt.date.max:
                attrs.append((key, day.isoformat()))
                say(key, (day + dt.timedelta(days=step)).isoformat(), code)
    elif f.type == "personal_id":
        # 12 digits; spaces between groups are accepted, so the length allows three of them
        attrs[:0] = [("type", "text"), ("inputmode", "numeric"), ("maxlength", "15")]
        attrs.append(("data-check", "personal_id"))
        say("format", "1", "personal_id_format")
    elif f.type == "tax_code":
        # no numeric keyboard: a branch's code has a dash (0100109106-001)
        attrs[:0] = [("type", "text"), ("maxlength", "14")]
        attrs.append(("data-check", "tax_code"))
        say("format", "1", "tax_code_format")
    elif f.type == "phone":
        attrs[:0] = [("type", "tel"), ("autocomplete", "tel"), ("maxlength", "20")]
        attrs.append(("data-check", "phone"))
        if f.allow_landline:
            attrs.append(("data-landline", "true"))
        say("digits", "x", "phone_not_digits")
        say("format", "0000000000", "phone_invalid", sample="0000000000")
        if not f.allow_landline:
            say("landline", "02438123456", "phone_is_landline", sample="02438123456")
    elif f.type == "email":
        attrs[:0] = [("type", "email"), ("autocomplete", "email")]
        attrs.append(("data-check", "email"))
        say("format", "{value}", "email_invalid")
    return tuple(attrs)


# --- Reading a POST -----------------------------------------------------------------------------


def eform_answers_from_post(
    *, schema: EForm | Mapping[str, object], data: QueryDict, prefix: str = "ef"
) -> dict[str, object]:
    """The answers in a POST, in the shape `clean_answers` expects: strings (numbers and dates
    as typed: the validator converts), lists for multiple choices, dicts for addresses and
    groups, lists of dicts for repeatable groups, True/False for checkboxes. Blank answers are
    left out, blank repeat items dropped. Never raises on odd input: what is missing is absent.

    When the POST is a "Thêm"/"Xoá" (or commune list) button (`eform_wants_more_items`), the
    items stay as shown (blank ones too), less the removed one, plus one blank item for "Thêm":
    render these answers again, do not clean them.
    """
    form = schema if isinstance(schema, EForm) else validate_schema(schema)
    keep_blank = eform_wants_more_items(data, prefix, schema=form)
    return _read_level(form.fields, data, prefix, keep_blank=keep_blank)


def eform_wants_more_items(
    data: QueryDict, prefix: str = "ef", *, schema: EForm | None = None
) -> bool:
    """Whether the POST came from a "Thêm" or "Xoá" button of a repeatable group (or the commune
    list button of an address): re-render the form with `eform_answers_from_post`, do not
    advance. Without `schema`, a field named `add` or `remove` inside a non-repeatable group
    would look like such a button."""
    if schema is not None:
        repeats = [f.name for f in schema.fields if f.repeat]
        if any(f"{prefix}-{name}-{action}" in data for name in repeats for action in _ACTIONS):
            return True
    else:
        buttons = re.compile(rf"{re.escape(prefix)}-[a-z][a-z0-9_]*-(add|remove)")
        if any(buttons.fullmatch(key) for key in data):
            return True
    return any(key.startswith(f"{prefix}-") and key.endswith("-commune-refresh") for key in data)


_ACTIONS = ("add", "remove")


def _read_level(
    fields: Sequence[FieldDef], data: QueryDict, base: str, *, keep_blank: bool
) -> dict[str, object]:
    answers: dict[str, object] = {}
    for f in fields:
        name = f"{base}-{f.name}"
        value = _read(f, data, name, keep_blank=keep_blank)
        if value is not None:
            answers[f.name] = value
    return answers


def _read(f: FieldDef, data: QueryDict, name: str, *, keep_blank: bool) -> object | None:
    if f.type == "checkbox":
        return name in data
    if f.type == "select" and f.multiple:
        chosen = [v for v in data.getlist(name) if v]
        return chosen or None
    if f.type == "address":
        parts = {part: data.get(f"{name}-{part}") or "" for part in ADDRESS_PARTS}
        return parts if any(v.strip() for v in parts.values()) else None
    if f.type == "group" and not f.repeat:
        item = _read_level(f.fields, data, name, keep_blank=keep_blank)
        return None if _blank_item(item) else item
    if f.type == "group":
        return _read_items(f, data, name, keep_blank=keep_blank)
    value = data.get(name)
    if value is None or not value.strip():
        return None
    return value.replace("\r\n", "\n") if f.type == "textarea" else value


def _read_items(f: FieldDef, data: QueryDict, name: str, *, keep_blank: bool) -> object | None:
    item_key = re.compile(rf"{re.escape(name)}-(\d{{1,6}})-")
    indexes = sorted({int(m.group(1)) for key in data if (m := item_key.match(key))})
    removed = data.get(f"{name}-remove", "")
    items: list[dict[str, object]] = []
    for index in indexes:
        if removed == str(index):
            continue
        item = _read_level(f.fields, data, f"{name}-{index}", keep_blank=keep_blank)
        if keep_blank or not _blank_item(item):
            items.append(item)
    if f"{name}-add" in data and len(items) < f.max_items:
        items.append({})
    return items or None
