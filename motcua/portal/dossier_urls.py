"""The citizen's own dossiers, included in the portal's URLs (namespace "portal")."""

from django.urls import path

from motcua.portal import dossier_views as views

urlpatterns = [
    path("ho-so-cua-toi/", views.my_dossiers, name="my-dossiers"),
    path("ho-so-cua-toi/<str:code>/", views.my_dossier, name="my-dossier"),
    path(
        "ho-so-cua-toi/<str:code>/bo-sung/",
        views.my_dossier_supplement,
        name="my-dossier-supplement",
    ),
    path(
        "ho-so-cua-toi/<str:code>/rut-ho-so/", views.my_dossier_withdraw, name="my-dossier-withdraw"
    ),
    path(
        "ho-so-cua-toi/<str:code>/tep/<int:file_id>/", views.my_dossier_file, name="my-dossier-file"
    ),
    path(
        "ho-so-cua-toi/<str:code>/phieu/<slug:kind>/", views.my_dossier_form, name="my-dossier-form"
    ),
]
