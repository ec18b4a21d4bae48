"""Drafts (hồ sơ đang lập): owned by the account that started them and nobody else, merged step
by step, files checked by content; received through `dossier_receive_draft` (which deletes the
draft, or leaves it untouched when reception is refused); purged when abandoned."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command

from motcua.catalog.services import procedure_draft_save, procedure_publish
from motcua.core.errors import NotFound, ValidationFailed
from motcua.dossiers import drafts
from motcua.dossiers.drafts import (
    access_draft,
    draft_discard,
    draft_file_add,
    draft_file_remove,
    draft_list_for,
    draft_save,
    draft_start,
    draft_uploads,
    drafts_purge,
)
from motcua.dossiers.files import Upload
from motcua.dossiers.models import Channel, Dossier, DossierDraft, DossierStatus, DraftFile
from motcua.workflow.services import dossier_receive_draft, dossier_refuse_draft
from tests.catalog.builders import birth_registration
from tests.dossiers.builders import ANSWERS, APPLICANT, JULY, MONDAY_9AM, PDF, PNG, at, build_world

MONDAY = MONDAY_9AM.date()


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db, clock):
    return build_world()


def counter_draft(world, **kwargs) -> DossierDraft:
    return draft_start(
        actor=world.desk_officer,
        channel=kwargs.pop("channel", Channel.COUNTER),
        desk=world.desk,
        variant=world.variant,
        **kwargs,
    )


COMPLETE: dict[str, Any] = {
    "components": {
        "to-khai": {"originals": 1, "copies": 0, "electronic": False, "reused": False},
        "giay-chung-sinh": {"originals": 1, "copies": 1, "scan_exemption": "Chỉ xuất trình"},
    },
    "conditions": [],
    "applicant": {
        "name": APPLICANT.name,
        "kind": "individual",
        "id_number": APPLICANT.id_number,
        "address": APPLICANT.address,
        "phone": "0912 345 678",
        "email": APPLICANT.email,
    },
    "answers": ANSWERS,
    "fees_paid": "20000",
    "sets": 2,
    "note": "Nhận tại quầy số 3",
}


def complete_draft(world, **kwargs) -> DossierDraft:
    draft = counter_draft(world, **kwargs)
    draft = draft_save(draft=draft, actor=world.desk_officer, data=COMPLETE, step="review")
    draft_file_add(draft=draft, actor=world.desk_officer, component_code="to-khai",
                   upload=Upload("to-khai.pdf", PDF))  # fmt: skip
    draft_file_add(draft=draft, actor=world.desk_officer, component_code="to-khai",
                   upload=Upload("trang-2.png", PNG))  # fmt: skip
    return draft


# --- Ownership -----------------------------------------------------------------------------------


def test_a_draft_is_its_owners_alone(world) -> None:
    mine = counter_draft(world)
    theirs = draft_start(actor=world.other_officer, channel=Channel.COUNTER, desk=world.other_desk)
    assert list(draft_list_for(actor=world.desk_officer)) == [mine]
    assert access_draft(world.desk_officer, pk=mine.pk) == mine
    for action in (
        lambda: access_draft(world.other_officer, pk=mine.pk),
        lambda: draft_save(draft=mine, actor=world.other_officer, data={"note": "x"}),
        lambda: draft_file_add(
            draft=mine,
            actor=world.other_officer,
            component_code="to-khai",
            upload=Upload("a.pdf", PDF),
        ),
        lambda: draft_discard(draft=mine, actor=world.other_officer),
        lambda: dossier_receive_draft(draft=mine, actor=world.other_officer),
    ):
        with pytest.raises(NotFound):
            action()
    assert DossierDraft.objects.count() == 2
    assert theirs.owner == world.other_officer


def test_the_list_is_last_touched_first_and_filters_by_channel(world, clock) -> None:
    first = counter_draft(world)
    clock.shift(dt.timedelta(minutes=5))
    postal = counter_draft(world, channel=Channel.POSTAL)
    clock.shift(dt.timedelta(minutes=5))
    draft_save(draft=first, actor=world.desk_officer, data={"note": "mới sửa"})
    assert list(draft_list_for(actor=world.desk_officer)) == [first, postal]
    assert list(draft_list_for(actor=world.desk_officer, channel=Channel.POSTAL)) == [postal]


# --- Saving --------------------------------------------------------------------------------------


def test_saving_merges_key_by_key_and_records_the_step(world) -> None:
    draft = counter_draft(world, step="components")
    draft_save(draft=draft, actor=world.desk_officer, data={"sets": 2}, step="applicant")
    draft = draft_save(draft=draft, actor=world.desk_officer, data={"note": "ghi chú"})
    draft.refresh_from_db()
    assert draft.data == {"sets": 2, "note": "ghi chú"}
    assert draft.step == "applicant"
    with pytest.raises(ValueError, match="unknown draft keys"):
        draft_save(draft=draft, actor=world.desk_officer, data={"clock_started_at": "x"})


def test_choosing_another_variant_drops_what_it_does_not_have(
    world, django_capture_on_commit_callbacks
) -> None:
    draft = complete_draft(world)
    draft = draft_save(draft=draft, actor=world.desk_officer,
                       data={"conditions": ["van-ban-uy-quyen"]})  # fmt: skip
    spec = birth_registration()
    other = replace(
        spec.variants[0],
        code="khac",
        name="Trường hợp khác",
        components=spec.variants[0].components[1:],  # no "to-khai"
    )
    version = procedure_publish(
        version=procedure_draft_save(spec=replace(spec, code="1.000998", variants=(other,)),
                                     actor=None),
        valid_from=JULY, actor=None,
    )  # fmt: skip
    variant = version.variants.get()
    stored = [str(row.file.name) for row in draft.files.all()]
    with django_capture_on_commit_callbacks(execute=True):
        draft = draft_save(draft=draft, actor=world.desk_officer, variant=variant)
    draft.refresh_from_db()
    assert draft.variant == variant
    assert set(draft.data["components"]) == {"giay-chung-sinh"}
    assert draft.data["conditions"] == ["van-ban-uy-quyen"]
    assert "answers" not in draft.data  # another variant may have another e-form
    assert not draft.files.exists()
    storage = DraftFile._meta.get_field("file").storage
    assert stored
    assert not any(storage.exists(name) for name in stored)


# --- Files ---------------------------------------------------------------------------------------


def test_files_are_checked_by_content_and_read_back_in_order(world) -> None:
    draft = complete_draft(world)
    uploads = draft_uploads(draft)
    assert [(u.name, u.content) for u in uploads["to-khai"]] == [
        ("to-khai.pdf", PDF),
        ("trang-2.png", PNG),
    ]
    row = draft.files.order_by("pk")[0]
    assert row.content_type == "application/pdf"
    assert row.size == len(PDF)
    with pytest.raises(ValidationFailed) as wrong:
        draft_file_add(draft=draft, actor=world.desk_officer, component_code="to-khai",
                       upload=Upload("script.pdf", b"#!/bin/sh\n"))  # fmt: skip
    assert wrong.value.code == "file_type"
    with pytest.raises(ValidationFailed) as empty:
        draft_file_add(draft=draft, actor=world.desk_officer, component_code="to-khai",
                       upload=Upload("rong.pdf", b""))  # fmt: skip
    assert empty.value.code == "file_empty"
    with pytest.raises(ValidationFailed) as unknown:
        draft_file_add(draft=draft, actor=world.desk_officer, component_code="giay-khac",
                       upload=Upload("a.pdf", PDF))  # fmt: skip
    assert unknown.value.code == "component_unknown"
    assert draft.files.count() == 2


def test_a_draft_holds_a_bounded_number_of_files(world, monkeypatch) -> None:
    monkeypatch.setattr(drafts, "MAX_FILES_PER_DRAFT", 2)
    draft = complete_draft(world)
    with pytest.raises(ValidationFailed) as exc:
        draft_file_add(draft=draft, actor=world.desk_officer, component_code="to-khai",
                       upload=Upload("ba.pdf", PDF))  # fmt: skip
    assert exc.value.code == "too_many_files"


def test_adding_a_file_touches_the_draft(world, clock) -> None:
    draft = counter_draft(world)
    before = draft.updated_at
    clock.shift(dt.timedelta(hours=1))
    draft_file_add(draft=draft, actor=world.desk_officer, component_code="to-khai",
                   upload=Upload("a.pdf", PDF))  # fmt: skip
    draft.refresh_from_db()
    assert draft.updated_at == before + dt.timedelta(hours=1)


def test_removing_a_file_deletes_it_from_storage(world, django_capture_on_commit_callbacks) -> None:
    draft = complete_draft(world)
    row = draft.files.order_by("pk")[0]
    storage, name = row.file.storage, str(row.file.name)
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        draft_file_remove(draft=draft, actor=world.desk_officer, file_id=row.pk)
    assert not storage.exists(name)
    assert draft.files.count() == 1
    with pytest.raises(NotFound):
        draft_file_remove(draft=draft, actor=world.desk_officer, file_id=row.pk)


def test_discarding_deletes_the_draft_and_its_files(
    world, django_capture_on_commit_callbacks
) -> None:
    draft = complete_draft(world)
    names = [str(row.file.name) for row in draft.files.all()]
    storage = DraftFile._meta.get_field("file").storage
    with django_capture_on_commit_callbacks(execute=True):
        draft_discard(draft=draft, actor=world.desk_officer)
    assert not DossierDraft.objects.exists()
    assert not DraftFile.objects.exists()
    assert not any(storage.exists(name) for name in names)


# --- Receiving a draft ---------------------------------------------------------------------------


def test_receiving_a_draft_makes_the_dossier_and_deletes_the_draft(world) -> None:
    draft = complete_draft(world)
    dossier = dossier_receive_draft(draft=draft, actor=world.desk_officer)
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.code
    assert dossier.channel == Channel.COUNTER
    assert dossier.received_at == MONDAY_9AM
    assert dossier.applicant_name == APPLICANT.name
    assert dossier.phone == "0912345678"
    assert dossier.answers == ANSWERS
    assert dossier.fees_paid == Decimal(20000)
    assert dossier.sets == 2
    rows = {row.component.code: row for row in dossier.components.select_related("component")}
    assert rows["to-khai"].digitised
    assert rows["giay-chung-sinh"].copies == 1
    assert rows["giay-chung-sinh"].scan_exemption == "Chỉ xuất trình"
    contents = []
    for stored in dossier.files.order_by("pk"):
        with stored.file.open("rb") as handle:
            contents.append(handle.read())
    assert contents == [PDF, PNG]
    assert dossier.events.get().note == "Nhận tại quầy số 3"
    assert not DossierDraft.objects.exists()
    assert not DraftFile.objects.exists()


def test_a_postal_draft_is_received_as_of_the_parcels_arrival(world, clock) -> None:
    draft = complete_draft(world, channel=Channel.POSTAL)
    clock.move_to(at(MONDAY, 16, 30))
    dossier = dossier_receive_draft(draft=draft, actor=world.desk_officer,
                                    received_at=at(MONDAY, 15, 40))  # fmt: skip
    assert dossier.channel == Channel.POSTAL
    assert dossier.received_at == at(MONDAY, 15, 40)
    assert dossier.handover_at == at(dt.date(2026, 3, 10), 7)  # after the 15:00 cut-off


def test_the_parcels_arrival_can_be_kept_in_the_draft(world, clock) -> None:
    draft = complete_draft(world, channel=Channel.POSTAL)
    draft_save(draft=draft, actor=world.desk_officer,
               data={"received_at": at(MONDAY, 8, 15).isoformat()})  # fmt: skip
    clock.move_to(at(MONDAY, 10))
    dossier = dossier_receive_draft(draft=draft, actor=world.desk_officer)
    assert dossier.received_at == at(MONDAY, 8, 15)


def test_a_second_click_on_receive_does_not_receive_twice(world) -> None:
    draft = complete_draft(world)
    dossier_receive_draft(draft=draft, actor=world.desk_officer)
    with pytest.raises(NotFound):
        dossier_receive_draft(draft=draft, actor=world.desk_officer)  # the same (stale) object
    assert Dossier.objects.count() == 1


def test_refusing_a_postal_draft_keeps_its_channel_and_deletes_the_draft(world) -> None:
    draft = complete_draft(world, channel=Channel.POSTAL)
    dossier = dossier_refuse_draft(
        draft=draft, reasons=["Không thuộc thẩm quyền"], actor=world.desk_officer
    )
    assert dossier.status == DossierStatus.REFUSED_INTAKE
    assert dossier.channel == Channel.POSTAL
    assert dossier.code is None
    assert dossier.applicant_name == APPLICANT.name
    assert not DossierDraft.objects.filter(pk=draft.pk).exists()
    with pytest.raises(NotFound):
        dossier_refuse_draft(draft=complete_draft(world), reasons=["x"], actor=world.specialist)


def test_a_refused_reception_leaves_the_draft_as_it_was(world) -> None:
    draft = complete_draft(world)
    data = {**COMPLETE, "components": {"to-khai": COMPLETE["components"]["to-khai"]}}
    draft = draft_save(draft=draft, actor=world.desk_officer, data=data)
    with pytest.raises(ValidationFailed) as exc:
        dossier_receive_draft(draft=draft, actor=world.desk_officer)
    assert exc.value.code == "dossier_incomplete"
    assert exc.value.details["missing"] == ["Giấy chứng sinh"]
    assert not Dossier.objects.exists()
    kept = DossierDraft.objects.get(pk=draft.pk)
    assert kept.data == data
    assert kept.files.count() == 2


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"fees_paid": "năm mươi nghìn"}, "draft_invalid"),
        ({"agency": "000.99.99.H99"}, "agency_not_found"),
        ({"answers": {**ANSWERS, "child_birth_date": "2030-01-01"}}, "eform_answers_invalid"),
        ({"applicant": {**COMPLETE["applicant"], "phone": ""}}, "dossier_input_invalid"),
    ],
)
def test_a_draft_with_bad_data_is_refused_with_a_stable_code(world, data, code) -> None:
    draft = complete_draft(world)
    draft = draft_save(draft=draft, actor=world.desk_officer, data=data)
    with pytest.raises(ValidationFailed) as exc:
        dossier_receive_draft(draft=draft, actor=world.desk_officer)
    assert exc.value.code == code
    assert DossierDraft.objects.filter(pk=draft.pk).exists()


def test_a_draft_without_a_variant_cannot_be_received(world) -> None:
    draft = draft_start(actor=world.desk_officer, channel=Channel.COUNTER, desk=world.desk)
    with pytest.raises(ValidationFailed) as exc:
        dossier_receive_draft(draft=draft, actor=world.desk_officer)
    assert exc.value.code == "draft_incomplete"


# --- Purging -------------------------------------------------------------------------------------


def test_abandoned_drafts_are_purged_with_their_files(world, clock) -> None:
    old = complete_draft(world)
    clock.shift(dt.timedelta(days=20))
    recent = counter_draft(world)
    assert (
        drafts_purge(older_than=dt.timedelta(days=30), at=MONDAY_9AM + dt.timedelta(days=29)) == 0
    )
    assert (
        drafts_purge(older_than=dt.timedelta(days=30), at=MONDAY_9AM + dt.timedelta(days=31)) == 1
    )
    assert list(DossierDraft.objects.all()) == [recent]
    assert not DraftFile.objects.filter(draft_id=old.pk).exists()


def test_the_purge_command_keeps_drafts_for_the_configured_days(world, clock, settings) -> None:
    counter_draft(world)
    clock.shift(dt.timedelta(days=10))
    kept = counter_draft(world)
    settings.MOTCUA_DRAFT_KEEP_DAYS = 30
    out = StringIO()
    call_command("purge_drafts", stdout=out)
    assert "Đã xoá 0 hồ sơ đang lập" in out.getvalue()
    call_command("purge_drafts", "--days", "5", stdout=out)
    assert "Đã xoá 1 hồ sơ đang lập không được cập nhật trong 5 ngày" in out.getvalue()
    assert list(DossierDraft.objects.all()) == [kept]
    with pytest.raises(CommandError):
        call_command("purge_drafts", "--days", "0")


def test_the_purge_runs_once_a_day_on_the_schedule(settings) -> None:
    assert settings.MOTCUA_SCHEDULE["purge_drafts"] == 24 * 3600
    assert settings.MOTCUA_DRAFT_KEEP_DAYS == 30
