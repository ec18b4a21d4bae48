"""Online submission (included into the `portal` namespace by motcua/portal/urls.py)."""

from django.urls import path

from motcua.portal import submit_views as views

urlpatterns = [
    path("thu-tuc/<procedure_ref:ref>/nop-truc-tuyen/", views.procedure_submit_online,
         name="procedure-submit-online"),
    path("nop-ho-so/<int:draft>/", views.submit_resume, name="submit-resume"),
    path("nop-ho-so/<int:draft>/truong-hop/", views.submit_case, name="submit-case"),
    path("nop-ho-so/<int:draft>/lien-he/", views.submit_contact, name="submit-contact"),
    path("nop-ho-so/<int:draft>/to-khai/", views.submit_eform, name="submit-eform"),
    path("nop-ho-so/<int:draft>/giay-to/", views.submit_files, name="submit-files"),
    path("nop-ho-so/<int:draft>/giay-to/<int:file_id>/xoa/", views.submit_file_remove,
         name="submit-file-remove"),
    path("nop-ho-so/<int:draft>/kiem-tra/", views.submit_review, name="submit-review"),
    path("nop-ho-so/<int:draft>/luu/", views.submit_autosave, name="submit-autosave"),
    path("nop-ho-so/<int:draft>/xoa/", views.submit_discard, name="submit-discard"),
    path("nop-ho-so/da-nop/<str:reference>/", views.submit_done, name="submit-done"),
]  # fmt: skip
