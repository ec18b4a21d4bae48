from django.urls import path

from motcua.backoffice import (
    catalog_import_views,
    catalog_views,
    dossier_views,
    feedback_views,
    intake_views,
    queue_views,
    rating_views,
    report_export_views,
    report_scoring_views,
    report_unit_views,
    report_views,
    views,
)

app_name = "backoffice"

# A procedure is named by its code namespace and code: thu-tuc/national/1.001193/
PROCEDURE = "thu-tuc/<slug:namespace>/<str:code>/"

# A dossier is named by its code (or, before reception, its submission reference).
DOSSIER = "ho-so/<str:code>/"

urlpatterns = [
    # Queues (queue_views): the officer's home and the searchable list of dossiers
    path("", queue_views.home, name="home"),
    path("ho-so/", queue_views.dossier_list, name="dossier-list"),
    # Counter intake (intake_views): the wizard over a draft, postal registration, refusals and
    # guidance slips
    path("tiep-nhan/", intake_views.intake_start, name="intake-start"),
    path("tiep-nhan/<int:draft>/", intake_views.intake_resume, name="intake-resume"),
    path("tiep-nhan/<int:draft>/huy/", intake_views.intake_discard, name="intake-discard"),
    path("tiep-nhan/<int:draft>/truong-hop/", intake_views.intake_variant, name="intake-variant"),
    path(
        "tiep-nhan/<int:draft>/thanh-phan/",
        intake_views.intake_components,
        name="intake-components",
    ),
    path(
        "tiep-nhan/<int:draft>/nguoi-nop/", intake_views.intake_applicant, name="intake-applicant"
    ),
    path(
        "tiep-nhan/<int:draft>/nguoi-nop/kiem-tra/",
        intake_views.intake_applicant_check,
        name="intake-applicant-check",
    ),
    path("tiep-nhan/<int:draft>/to-khai/", intake_views.intake_eform, name="intake-eform"),
    path("tiep-nhan/<int:draft>/phi/", intake_views.intake_fees, name="intake-fees"),
    path("tiep-nhan/<int:draft>/tep/", intake_views.intake_files, name="intake-files"),
    path(
        "tiep-nhan/<int:draft>/tep/<int:file_id>/xoa/",
        intake_views.intake_file_remove,
        name="intake-file-remove",
    ),
    path("tiep-nhan/<int:draft>/kiem-tra/", intake_views.intake_review, name="intake-review"),
    path("tiep-nhan/<int:draft>/tu-choi/", intake_views.intake_refuse, name="intake-refuse"),
    path(
        "tiep-nhan/<int:draft>/huong-dan-bo-sung/",
        intake_views.intake_guide,
        name="intake-guide",
    ),
    path("tiep-nhan/huong-dan/<int:pk>/", intake_views.intake_guided, name="intake-guided"),
    path(
        "tiep-nhan/huong-dan/<int:pk>/phieu/",
        intake_views.intake_guidance_pdf,
        name="intake-guidance-pdf",
    ),
    path("tiep-nhan/da-tiep-nhan/<str:code>/", intake_views.intake_done, name="intake-done"),
    path("tiep-nhan/da-tu-choi/<str:code>/", intake_views.intake_refused, name="intake-refused"),
    # One dossier (dossier_views): the workspace, its actions, files and printable forms
    path(DOSSIER, dossier_views.dossier_detail, name="dossier-detail"),
    path(f"{DOSSIER}thao-tac/<slug:action>/", dossier_views.dossier_action, name="dossier-action"),
    path(f"{DOSSIER}tep/<int:file_id>/", dossier_views.dossier_file, name="dossier-file"),
    path(f"{DOSSIER}bieu-mau/<slug:kind>/", dossier_views.dossier_form, name="dossier-form"),
    path(f"{DOSSIER}danh-gia/", rating_views.dossier_rating_record, name="dossier-rating"),
    path("so-theo-doi/", dossier_views.logbook, name="logbook"),
    # Feedback and petitions (feedback_views): the queue, recording one, one PAKN and its steps
    path("phan-anh/", feedback_views.feedback_list, name="feedback-list"),
    path("phan-anh/ghi-nhan/", feedback_views.feedback_record, name="feedback-record"),
    path("phan-anh/<str:code>/", feedback_views.feedback_detail, name="feedback-detail"),
    path(
        "phan-anh/<str:code>/thao-tac/<slug:action>/",
        feedback_views.feedback_action,
        name="feedback-action",
    ),
    # Reports (report_views): the dashboard, the statistics table, the dossiers behind a number
    path("bao-cao/", report_views.report_dashboard, name="reports"),
    path("bao-cao/thong-ke/", report_views.report_timeliness, name="report-timeliness"),
    path("bao-cao/ho-so/", report_views.report_dossiers, name="report-dossiers"),
    # Unit reports (report_unit_views): late units, inter-agency attribution, officers, targets,
    # catalog figures, and the dossiers behind their numbers
    path("bao-cao/don-vi-tre-han/", report_unit_views.report_late_units, name="report-late-units"),
    path("bao-cao/lien-thong/", report_unit_views.report_attribution, name="report-attribution"),
    path("bao-cao/can-bo/", report_unit_views.report_officers, name="report-officers"),
    path("bao-cao/chi-tieu/", report_unit_views.report_targets, name="report-targets"),
    path("bao-cao/thu-tuc/", report_unit_views.report_catalog, name="report-catalog"),
    path(
        "bao-cao/danh-sach/<slug:kind>/",
        report_unit_views.report_unit_dossiers,
        name="report-unit-dossiers",
    ),
    # Scoring (report_scoring_views): Circular 01/2018 scores, the Decision 766 index and the
    # rows behind each of its numerators and denominators
    path("bao-cao/cham-diem/", report_scoring_views.report_scoring, name="report-scoring"),
    path("bao-cao/chi-so-766/", report_scoring_views.report_index766, name="report-index766"),
    path(
        "bao-cao/chi-so-766/<str:indicator>/<str:part>/",
        report_scoring_views.report_index766_dossiers,
        name="report-index766-dossiers",
    ),
    # Report files (report_export_views): export form, the actor's files, status, download
    path("bao-cao/xuat/", report_export_views.report_export, name="report-export"),
    path("bao-cao/tep/", report_export_views.report_export_list, name="report-export-list"),
    path(
        "bao-cao/tep/<int:pk>/",
        report_export_views.report_export_status,
        name="report-export-status",
    ),
    path(
        "bao-cao/tep/<int:pk>/tai-ve/",
        report_export_views.report_export_download,
        name="report-export-download",
    ),
    path("calendar/", views.calendar_page, name="calendar"),
    path(
        "calendar/overrides/<int:pk>/revoke/",
        views.calendar_override_revoke_view,
        name="calendar-override-revoke",
    ),
    path("deadline/", views.deadline_page, name="deadline"),
    # The procedure catalog
    path("thu-tuc/", catalog_views.catalog_list, name="catalog-list"),
    path("thu-tuc/tao-moi/", catalog_views.catalog_create, name="catalog-create"),
    # Excel import and export (before PROCEDURE, which would match «nhap-excel/<pk>/»)
    path("thu-tuc/nhap-excel/", catalog_import_views.catalog_import, name="catalog-import"),
    path(
        "thu-tuc/nhap-excel/tep-mau/",
        catalog_import_views.catalog_import_sample,
        name="catalog-import-sample",
    ),
    path(
        "thu-tuc/nhap-excel/<int:pk>/",
        catalog_import_views.catalog_import_detail,
        name="catalog-import-detail",
    ),
    path(
        "thu-tuc/nhap-excel/<int:pk>/nhap-that/",
        catalog_import_views.catalog_import_confirm_view,
        name="catalog-import-confirm",
    ),
    path("thu-tuc/xuat-excel/", catalog_import_views.catalog_export_view, name="catalog-export"),
    path(PROCEDURE, catalog_views.catalog_detail, name="catalog-detail"),
    path(f"{PROCEDURE}du-thao/", catalog_views.catalog_draft_edit, name="catalog-draft-edit"),
    path(
        f"{PROCEDURE}du-thao/xem-truoc/",
        catalog_views.catalog_draft_preview,
        name="catalog-draft-preview",
    ),
    path(f"{PROCEDURE}du-thao/de-xuat/", catalog_views.catalog_propose, name="catalog-propose"),
    path(
        f"{PROCEDURE}du-thao/tra-lai/",
        catalog_views.catalog_proposal_return,
        name="catalog-proposal-return",
    ),
    path(f"{PROCEDURE}du-thao/cong-bo/", catalog_views.catalog_publish, name="catalog-publish"),
    path(f"{PROCEDURE}du-thao/huy/", catalog_views.catalog_discard, name="catalog-discard"),
    path(f"{PROCEDURE}sua-doi/", catalog_views.catalog_amend, name="catalog-amend"),
    path(f"{PROCEDURE}bai-bo/", catalog_views.catalog_abolish, name="catalog-abolish"),
    path(
        f"{PROCEDURE}phien-ban/<int:number>/",
        catalog_views.catalog_version,
        name="catalog-version",
    ),
]
